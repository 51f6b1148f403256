"""The endpoints of the reference service, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from fastapi.testclient import TestClient

from jiceng.grids import GridEvent
from jiceng.petitions import Petition
from jiceng.serde import replay_documents, resume_documents, snapshot
from tests.service.samples import (
    BUREAU,
    CENTER,
    CLERK,
    MEMBER,
    T0,
    WATER,
    at,
    by,
    grid_event,
    petition,
)

VOID = by(CENTER, 2, reason="重复", approved_by=MEMBER)


def command(client: TestClient, path: str, name: str, version: int | None, body: Any) -> Any:
    headers = {} if version is None else {"If-Match": f'"{version}"'}
    return client.post(f"{path}/commands/{name}", json=body, headers=headers)


def stored(client: TestClient, path: str) -> list[dict[str, Any]]:
    response = client.get(f"{path}/events")
    assert response.status_code == 200
    rows: list[dict[str, Any]] = response.json()
    return rows


def test_create_returns_the_entity_document_its_version_and_location(client: TestClient) -> None:
    response = client.post("/grid-events", json=grid_event())
    assert response.status_code == 201
    assert response.headers["etag"] == '"1"'
    assert response.headers["location"] == "/grid-events/WG-1"
    event = resume_documents(response.json(), [], GridEvent)
    assert (event.id, event.state.value, event.version) == ("WG-1", "reported", 1)


def test_create_with_a_taken_id_is_a_conflict(client: TestClient) -> None:
    assert client.post("/petitions", json=petition()).status_code == 201
    again = client.post("/petitions", json=petition(minutes=5))
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["version"] == 1
    assert len(stored(client, "/petitions/XF-1")) == 1


def test_read_returns_the_document_with_its_version_as_etag(client: TestClient) -> None:
    client.post("/petitions", json=petition())
    response = client.get("/petitions/XF-1")
    assert response.status_code == 200
    assert response.headers["etag"] == '"1"'
    assert resume_documents(response.json(), [], Petition).state.value == "registered"


def test_unknown_ids_are_404_on_every_endpoint(client: TestClient) -> None:
    for response in [
        client.get("/grid-events/nobody"),
        client.get("/grid-events/nobody/events"),
        command(client, "/grid-events/nobody", "register", 1, by(CENTER, 1)),
        client.get("/petitions/nobody"),
    ]:
        assert response.status_code == 404
        assert "nobody" in response.json()["detail"]


def test_a_grid_event_is_handled_over_http_with_if_match(client: TestClient) -> None:
    client.post("/grid-events", json=grid_event())
    steps = [
        ("register", by(CENTER, 10)),
        ("classify", by(CENTER, 12, category="request", priority="normal")),
        ("dispatch", by(CENTER, 15, to="xzj-sw")),
        ("start", by(WATER, 60)),
        ("handle", by(WATER, 120, evidence=["photo-1.jpg"])),
        ("verify", by(MEMBER, 180)),
        ("close", by(CENTER, 200)),
        ("evaluate", by(MEMBER, 240, comment="已疏通")),
    ]
    for version, (name, body) in enumerate(steps, start=1):
        response = command(client, "/grid-events/WG-1", name, version, body)
        assert response.status_code == 200, response.text
        assert response.headers["etag"] == f'"{version + 1}"'
    event = resume_documents(client.get("/grid-events/WG-1").json(), [], GridEvent)
    assert event.state.value == "evaluated"
    assert event.closed_on_time
    rows = stored(client, "/grid-events/WG-1")
    assert [row["version"] for row in rows] == list(range(1, 10))
    assert snapshot(replay_documents(rows, GridEvent)) == snapshot(event)


def test_a_command_without_if_match_is_428_and_changes_nothing(client: TestClient) -> None:
    client.post("/grid-events", json=grid_event())
    response = command(client, "/grid-events/WG-1", "register", None, by(CENTER, 1))
    assert response.status_code == 428
    assert len(stored(client, "/grid-events/WG-1")) == 1


def test_a_command_at_a_stale_version_is_a_conflict(client: TestClient) -> None:
    client.post("/grid-events", json=grid_event())
    assert command(client, "/grid-events/WG-1", "register", 1, by(CENTER, 1)).status_code == 200
    # Another writer loaded version 1 too: its register (or any command) now conflicts.
    late = command(client, "/grid-events/WG-1", "void", 1, VOID)
    assert late.status_code == 409
    assert late.json()["version"] == 2
    ahead = command(client, "/grid-events/WG-1", "classify", 7, by(CENTER, 2))
    assert ahead.status_code == 409
    assert len(stored(client, "/grid-events/WG-1")) == 2


def test_a_refused_command_is_422_with_the_allowed_commands(client: TestClient) -> None:
    client.post("/grid-events", json=grid_event())
    response = command(client, "/grid-events/WG-1", "close", 1, by(CENTER, 1))
    assert response.status_code == 422
    problem = response.json()
    assert (problem["command"], problem["state"]) == ("close", "reported")
    assert "register" in problem["allowed"]
    guarded = command(client, "/grid-events/WG-1", "register", 1, by(CENTER, -60))
    assert guarded.status_code == 422  # dated before the report: no time travel
    assert len(stored(client, "/grid-events/WG-1")) == 1


@pytest.mark.parametrize(
    ("path", "name", "body", "paths"),
    [
        (
            "/grid-events/WG-1",
            "register",
            {"by": {"kind": "robot", "id": "x", "name": "x"}, "at": "2026-03-02 09:00"},
            ["register.at", "register.by.kind"],
        ),
        ("/grid-events/WG-1", "register", {"by": CENTER}, ["register.at"]),
        ("/grid-events/WG-1", "register", {**by(CENTER, 1), "extra": 1}, ["register.extra"]),
        ("/grid-events/WG-1", "register", ["not", "an", "object"], ["register"]),
        ("/petitions/XF-1", "accept", {**by(CLERK, 1), "by": "王登记"}, ["accept.by"]),
    ],
)
def test_bad_input_is_422_with_paths_and_changes_nothing(
    client: TestClient, path: str, name: str, body: Any, paths: list[str]
) -> None:
    client.post("/grid-events", json=grid_event())
    client.post("/petitions", json=petition())
    before = stored(client, path)
    response = command(client, path, name, 1, body)
    assert response.status_code == 422, response.text
    assert sorted(e["path"] for e in response.json()["errors"]) == paths
    assert stored(client, path) == before


def test_bad_creation_and_bad_bodies_are_422_and_store_nothing(client: TestClient) -> None:
    bad = {**grid_event(), "channel": "pigeon", "policy": {"name": 5}}
    response = client.post("/grid-events", json=bad)
    assert response.status_code == 422
    paths = [e["path"] for e in response.json()["errors"]]
    assert "report.channel" in paths
    assert any(p.startswith("report.policy") for p in paths)
    not_json = client.post("/grid-events", content=b"{", headers={"content-type": "text/plain"})
    assert not_json.status_code == 422
    assert not_json.json()["errors"][0]["path"] == "body"
    client.post("/grid-events", json=grid_event())
    bad_etag = client.post(
        "/grid-events/WG-1/commands/register", json=by(CENTER, 1), headers={"If-Match": "v1"}
    )
    assert bad_etag.status_code == 422
    assert bad_etag.json()["errors"][0]["path"] == "headers.If-Match"
    long = client.post("/grid-events", json=grid_event(id="W" * 201))
    assert long.status_code == 422
    assert long.json()["errors"][0]["path"] == "report.id"
    assert client.get(f"/grid-events/{'W' * 201}").status_code == 404
    assert len(stored(client, "/grid-events/WG-1")) == 1


def test_overdue_lists_the_entities_past_their_deadline_at_an_instant(client: TestClient) -> None:
    client.post("/grid-events", json=grid_event("WG-1"))
    client.post("/grid-events", json=grid_event("WG-2"))
    for id in ("WG-1", "WG-2"):
        path = f"/grid-events/{id}"
        command(client, path, "register", 1, by(CENTER, 10))
        command(client, path, "classify", 2, by(CENTER, 12, category="request", priority="normal"))
    command(client, "/grid-events/WG-1", "dispatch", 3, by(CENTER, 15, to="xzj-sw"))
    client.post("/petitions", json=petition())

    def overdue(kind: str, when: pendulum.DateTime) -> list[str]:
        response = client.get(f"/{kind}/overdue", params={"at": when.isoformat()})
        assert response.status_code == 200
        return [document["id"] for document in response.json()]

    assert overdue("grid-events", T0.add(days=1)) == []
    assert overdue("grid-events", T0.add(days=30)) == ["WG-1"]  # WG-2's clock never started
    assert overdue("petitions", T0.add(days=3)) == []
    assert overdue("petitions", T0.add(days=30)) == ["XF-1"]  # 15 days to route or accept
    bad = client.get("/petitions/overdue", params={"at": "2026-03-02"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["path"] == "query.at"
    assert client.get("/petitions/overdue").json()["errors"][0]["path"] == "query.at"


def test_a_petition_is_routed_and_accepted_over_http(client: TestClient) -> None:
    client.post("/petitions", json=petition())
    routed = command(client, "/petitions/XF-1", "transfer", 1, by(CLERK, 60 * 24, to=BUREAU))
    assert routed.status_code == 200, routed.text
    officer = {"kind": "department", "id": "cx-zrzy", "name": "城西县自然资源局"}
    accepted = command(client, "/petitions/XF-1", "accept", 2, by(officer, 60 * 48))
    assert accepted.status_code == 200, accepted.text
    document = client.get("/petitions/XF-1").json()
    assert document["state"] == "handling"
    assert document["created"] == at(0)
    assert [row["type"] for row in stored(client, "/petitions/XF-1")] == [
        "petitions.petition.Registered",
        "petitions.petition.Transferred",
        "petitions.petition.Accepted",
    ]


def test_two_applications_on_one_database_see_each_others_writes(make_app: Any) -> None:
    first, second = TestClient(make_app()), TestClient(make_app())
    first.post("/grid-events", json=grid_event())
    assert second.get("/grid-events/WG-1").headers["etag"] == '"1"'  # fills its cache
    assert command(first, "/grid-events/WG-1", "register", 1, by(CENTER, 1)).status_code == 200
    assert second.get("/grid-events/WG-1").headers["etag"] == '"2"'  # its cache is behind
    stale = command(second, "/grid-events/WG-1", "void", 1, VOID)
    assert stale.status_code == 409
