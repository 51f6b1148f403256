"""The service keeps a snapshot per entity, written with its events: reads and the overdue
list load it and the events after it, not every event from the first."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from jiceng.grids import GridEvent
from jiceng.serde import replay_documents, snapshot
from jiceng_service import events, snapshots
from tests.service.samples import CENTER, T0, WATER, by, grid_event


def _handled(client: TestClient, id: str = "WG-1") -> None:
    assert client.post("/grid-events", json=grid_event(id)).status_code == 201
    steps = [
        ("register", by(CENTER, 10)),
        ("classify", by(CENTER, 12, category="request", priority="normal")),
        ("dispatch", by(CENTER, 14, to="xzj-sw")),
        ("start", by(WATER, 20)),
    ]
    for version, (name, body) in enumerate(steps, start=1):
        response = client.post(
            f"/grid-events/{id}/commands/{name}", json=body, headers={"If-Match": f'"{version}"'}
        )
        assert response.status_code == 200, response.text


def _rows(client: TestClient, table: sa.Table) -> list[Any]:
    with client.app.state.service.store.engine.connect() as connection:  # type: ignore[attr-defined]
        return list(connection.execute(sa.select(table)))


def test_the_stored_snapshot_is_the_replay_of_the_stored_events(client: TestClient) -> None:
    _handled(client)
    (row,) = _rows(client, snapshots)
    assert (row.entity_type, row.entity_id, row.version) == ("grids.grid_event", "WG-1", 5)
    stored = client.app.state.service.store  # type: ignore[attr-defined]
    replayed = replay_documents(stored.load("grids.grid_event", "WG-1"), GridEvent)
    assert row.document == snapshot(replayed)
    assert client.get("/grid-events/WG-1").json() == row.document


def test_reads_and_the_overdue_list_need_no_event_before_the_snapshot(make_app: Any) -> None:
    writer = TestClient(make_app())
    _handled(writer)
    engine = writer.app.state.service.store.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:  # the early rows gone: only the snapshot can answer
        connection.execute(sa.delete(events).where(events.c.version <= 4))
    reader = TestClient(make_app())  # another process: nothing cached
    read = reader.get("/grid-events/WG-1")
    assert (read.status_code, read.headers["etag"], read.json()["state"]) == (
        200,
        '"5"',
        "handling",
    )
    late = T0.add(days=30).isoformat()
    assert [d["id"] for d in reader.get("/grid-events/overdue", params={"at": late}).json()] == [
        "WG-1"
    ]
    response = reader.post(
        "/grid-events/WG-1/commands/handle",
        json=by(WATER, 30, evidence=["photo-1.jpg"]),
        headers={"If-Match": '"5"'},
    )
    assert response.status_code == 200, response.text
    assert response.json()["version"] == 6
    assert [r.version for r in _rows(reader, snapshots)] == [6]


def test_an_entity_stored_before_snapshots_is_replayed_and_then_snapshotted(make_app: Any) -> None:
    writer = TestClient(make_app())
    _handled(writer)
    engine = writer.app.state.service.store.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(sa.delete(snapshots))
    reader = TestClient(make_app())
    assert reader.get("/grid-events/WG-1").json()["version"] == 5
    late = T0.add(days=30).isoformat()
    assert len(reader.get("/grid-events/overdue", params={"at": late}).json()) == 1
    response = reader.post(
        "/grid-events/WG-1/commands/handle",
        json=by(WATER, 30, evidence=["photo-1.jpg"]),
        headers={"If-Match": '"5"'},
    )
    assert response.status_code == 200, response.text
    assert [r.version for r in _rows(reader, snapshots)] == [6]
    old = reader.post(
        "/grid-events/WG-1/commands/handle",
        json=by(WATER, 31, evidence=["photo-1.jpg"]),
        headers={"If-Match": '"4"'},
    )
    assert old.status_code == 409
