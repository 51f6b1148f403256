"""Optimistic concurrency for real: 8 workers over HTTP, 200 commands each, on the same
four grid events, retrying on 409; then every stored history is checked."""

from __future__ import annotations

import collections
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
import uvicorn
from fastapi import FastAPI

from jiceng.grids import GridEvent
from jiceng.serde import replay_documents, resume_documents, snapshot
from jiceng_service import EventStore, make_engine
from tests.service.samples import CENTER, MEMBER, WATER, by, grid_event

WORKERS = 8
COMMANDS = 200
ENTITIES = ("WG-1", "WG-2", "WG-3", "WG-4")


@pytest.fixture
def base_url(make_app: Callable[[], FastAPI]) -> Iterator[str]:
    """The application behind a real uvicorn server on 127.0.0.1, in a thread."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listener.close()


def _started(client: httpx2.Client, id: str) -> None:
    """A grid event being handled (started), where defer and resume alternate forever."""
    assert client.post("/grid-events", json=grid_event(id)).status_code == 201
    steps = [
        ("register", by(CENTER, 1)),
        ("classify", by(CENTER, 2, category="request", priority="normal")),
        ("dispatch", by(CENTER, 3, to="xzj-sw")),
        ("start", by(WATER, 4)),
    ]
    for version, (name, body) in enumerate(steps, start=1):
        response = client.post(
            f"/grid-events/{id}/commands/{name}", json=body, headers={"If-Match": f'"{version}"'}
        )
        assert response.status_code == 200, response.text


def _worker(base_url: str, worker: int) -> tuple[int, int]:
    """Run COMMANDS commands on the worker's grid event, retrying on 409 after a reload;
    return (successes, conflicts)."""
    id = ENTITIES[worker % len(ENTITIES)]
    actor = {"kind": "person", "id": f"w{worker}", "name": f"worker {worker}"}
    done = conflicts = 0
    with httpx2.Client(base_url=base_url, timeout=60) as client:
        document = client.get(f"/grid-events/{id}").json()
        while done < COMMANDS:
            version = document["version"]
            # The time follows the version, so whoever wins a version writes a later time.
            minutes = 10 + version
            if document["state"] == "deferred":
                name, body = "resume", by(actor, minutes)
            else:
                name, body = "defer", by(actor, minutes, reason=f"w{worker}-{done}")
                body["approved_by"] = MEMBER
            response = client.post(
                f"/grid-events/{id}/commands/{name}",
                json=body,
                headers={"If-Match": f'"{version}"'},
            )
            if response.status_code == 409:
                conflicts += 1
                document = client.get(f"/grid-events/{id}").json()
                continue
            assert response.status_code == 200, response.text
            assert response.headers["etag"] == f'"{version + 1}"'
            document = response.json()
            done += 1
    return done, conflicts


def test_conflicting_workers_lose_no_event_and_duplicate_none(
    base_url: str, database_url: str
) -> None:
    with httpx2.Client(base_url=base_url, timeout=60) as client:
        for id in ENTITIES:
            _started(client, id)
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda w: _worker(base_url, w), range(WORKERS)))
    assert [done for done, _ in results] == [COMMANDS] * WORKERS
    conflicts = sum(c for _, c in results)
    assert conflicts > 0, "the workers never collided: the test proves nothing"

    store = EventStore(make_engine(database_url))
    try:
        by_worker: collections.Counter[str] = collections.Counter()
        reasons: list[str] = []
        total = 0
        for id in ENTITIES:
            rows = store.load("grids.grid_event", id)
            total += len(rows)
            assert [row["version"] for row in rows] == list(range(1, len(rows) + 1))
            for row in rows[5:]:
                by_worker[row["data"]["by"]["id"]] += 1
                if row["type"] == "grids.grid_event.Deferred":
                    reasons.append(row["data"]["reason"])
            with httpx2.Client(base_url=base_url, timeout=60) as client:
                read = client.get(f"/grid-events/{id}").json()
            served = resume_documents(read, [], GridEvent)
            assert read == snapshot(replay_documents(rows, GridEvent))
            assert served.version == len(rows)
    finally:
        store.engine.dispose()
    assert total == len(ENTITIES) * 5 + WORKERS * COMMANDS  # zero lost, zero duplicated
    assert by_worker == {f"w{w}": COMMANDS for w in range(WORKERS)}
    assert len(reasons) == len(set(reasons))  # no command stored twice
    print(f"{WORKERS} workers x {COMMANDS} commands: {conflicts} conflicts retried")
