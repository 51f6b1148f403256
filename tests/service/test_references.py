"""Commands that take another entity (a petition's ``link_repeat(original=)``): the client
names it by its id, and the service loads it itself."""

from __future__ import annotations

from typing import Any, Self

import attrs
import pendulum
import pytest
from fastapi.testclient import TestClient

from jiceng import Actor, Entity, Event, Label, Machine, State, Transition
from jiceng.grids import GridEvent
from jiceng.petitions import Body, Level
from jiceng.serde import to_dict
from jiceng_service import Service, build_app
from tests.service.samples import BUREAU, CENTER, CLERK, by, grid_event, petition
from tests.service.test_http import command, stored

CITY = to_dict(Body(id="dz-gov", name="东州市人民政府", level=Level.CITY))
OFFICER = {"kind": "department", "id": "cx-zrzy", "name": "城西县自然资源局"}
DAY = 60 * 24


def accepted_original(client: TestClient) -> None:
    """XF-1, accepted by the county bureau on day 2 and within its time limit, and XF-2,
    the same matter lodged with the city on day 3: a repeat barred by 第19条第3款."""
    client.post("/petitions", json=petition())
    assert command(client, "/petitions/XF-1", "transfer", 1, by(CLERK, DAY, to=BUREAU)).is_success
    assert command(client, "/petitions/XF-1", "accept", 2, by(OFFICER, 2 * DAY)).is_success
    client.post("/petitions", json={**petition("XF-2", 3 * DAY), "lodged_with": CITY})


def test_a_repeat_is_linked_to_the_original_named_by_its_id(client: TestClient) -> None:
    accepted_original(client)
    linked = command(
        client, "/petitions/XF-2", "link_repeat", 1, by(CLERK, 3 * DAY + 5, original="XF-1")
    )
    assert linked.status_code == 200, linked.text
    assert linked.headers["etag"] == '"2"'
    assert (linked.json()["state"], linked.json()["repeat_of"]) == ("repeat", "XF-1")
    event = stored(client, "/petitions/XF-2")[-1]
    assert event["type"] == "petitions.petition.LinkedAsRepeat"
    assert event["data"]["original_id"] == "XF-1"
    assert client.get("/petitions/XF-1").headers["etag"] == '"3"'  # the original is only read


def test_the_original_is_read_as_it_is_now_even_from_another_application(make_app: Any) -> None:
    first, second = TestClient(make_app()), TestClient(make_app())
    first.post("/petitions", json=petition())
    second.post("/petitions", json={**petition("XF-2", 3 * DAY), "lodged_with": CITY})
    assert second.get("/petitions/XF-1").headers["etag"] == '"1"'  # cached at version 1
    early = command(
        second, "/petitions/XF-2", "link_repeat", 1, by(CLERK, 3 * DAY + 5, original="XF-1")
    )
    assert early.status_code == 422  # not accepted yet: no rule bars a new petition
    assert early.json()["errors"][0]["path"] == "original"
    assert command(first, "/petitions/XF-1", "transfer", 1, by(CLERK, DAY, to=BUREAU)).is_success
    assert command(first, "/petitions/XF-1", "accept", 2, by(OFFICER, 2 * DAY)).is_success
    linked = command(
        second, "/petitions/XF-2", "link_repeat", 1, by(CLERK, 3 * DAY + 5, original="XF-1")
    )
    assert linked.status_code == 200, linked.text


def test_an_unknown_original_is_404_with_its_path_and_changes_nothing(client: TestClient) -> None:
    accepted_original(client)
    missing = command(
        client, "/petitions/XF-2", "link_repeat", 1, by(CLERK, 3 * DAY + 5, original="XF-9")
    )
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["errors"] == [
        {"path": "link_repeat.original", "message": "no petitions has the id 'XF-9'"}
    ]
    assert len(stored(client, "/petitions/XF-2")) == 1


@pytest.mark.parametrize(
    ("original", "got"),
    [(7, "got int"), ("", "got 0 characters"), ("x" * 201, "got 201 characters"),
     ({"id": "XF-1"}, "got dict"), (None, "got NoneType")],
)  # fmt: skip
def test_a_malformed_original_is_422_with_its_path_and_changes_nothing(
    client: TestClient, original: Any, got: str
) -> None:
    accepted_original(client)
    bad = command(
        client, "/petitions/XF-2", "link_repeat", 1, by(CLERK, 3 * DAY + 5, original=original)
    )
    assert bad.status_code == 422
    [error] = bad.json()["errors"]
    assert error["path"] == "link_repeat.original"
    assert error["message"].endswith(got)
    assert len(stored(client, "/petitions/XF-2")) == 1


def test_a_missing_original_and_other_bad_arguments_are_named_by_dispatch(
    client: TestClient,
) -> None:
    accepted_original(client)
    for body in [{"at": "soon"}, [1]]:
        bad = command(client, "/petitions/XF-2", "link_repeat", 1, body)
        assert bad.status_code == 422
    paths = {
        e["path"]
        for e in command(client, "/petitions/XF-2", "link_repeat", 1, {"at": "soon"}).json()[
            "errors"
        ]
    }
    assert paths == {"link_repeat.original", "link_repeat.by", "link_repeat.at"}


def test_the_version_contract_holds_for_a_command_that_takes_an_entity(client: TestClient) -> None:
    accepted_original(client)
    body = by(CLERK, 3 * DAY + 5, original="XF-1")
    assert client.post("/petitions/XF-2/commands/link_repeat", json=body).status_code == 428
    assert command(client, "/petitions/XF-2", "link_repeat", 1, body).status_code == 200
    stale = command(client, "/petitions/XF-2", "link_repeat", 1, body)
    assert (stale.status_code, stale.json()["version"]) == (409, 2)
    assert len(stored(client, "/petitions/XF-2")) == 2


def test_the_openapi_asks_for_the_original_by_its_id(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    arguments = schemas["Petition.link_repeat.arguments"]
    assert arguments["properties"]["original"] == {
        "type": "string",
        "minLength": 1,
        "maxLength": 200,
        "description": "the id of one of petitions",
    }
    assert arguments["required"] == ["original", "by", "at"]


# -- an entity of one kind that takes an entity of another -----------------------------


class _Phase(State):
    OPEN = "open", "开", "Open"
    CITED = "cited", "已引", "Cited"


@attrs.frozen(kw_only=True)
class _Opened(Event):
    ref: str


@attrs.frozen(kw_only=True)
class _Cited(Event):
    event_id: str


_NOTE: Machine[_Phase] = Machine(
    name="service-tests.note",
    label=Label("备注", "Note"),
    states=_Phase,
    initial=_Phase.OPEN,
    final={_Phase.CITED},
    transitions=[
        Transition(
            command="open",
            event=_Opened,
            sources=(),
            target=_Phase.OPEN,
            label=Label("开", "Open"),
            fold=lambda _, e: {"id": e.ref},
        ),
        Transition(
            command="cite",
            event=_Cited,
            sources={_Phase.OPEN},
            target=_Phase.CITED,
            label=Label("引", "Cite"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class _Note(Entity[_Phase], machine=_NOTE):
    id: str

    @classmethod
    def open(cls, *, ref: str, by: Actor, at: pendulum.DateTime) -> _Note:
        return cls._start(_Opened(ref=ref, by=by, at=at))

    def cite(self, *, event: GridEvent, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(_Cited(event_id=event.id, by=by, at=at))


def test_a_command_is_served_once_the_kind_it_takes_is_registered() -> None:
    early = Service("sqlite://")
    assert "cite" not in early.register(_Note, kind="notes").commands
    service = Service("sqlite://")
    service.register(GridEvent, kind="grid-events")
    notes = service.register(_Note, kind="notes")
    assert notes.commands == ("cite",)
    assert notes.others == {"cite": {"event": "grid-events"}}
    client = TestClient(build_app(service))
    client.post("/grid-events", json=grid_event())
    assert client.post("/notes", json=by(CENTER, 1, ref="N-1")).status_code == 201
    missing = command(client, "/notes/N-1", "cite", 1, by(CENTER, 2, event="WG-9"))
    assert (missing.status_code, missing.json()["detail"]) == (
        404,
        "no grid-events has the id 'WG-9'",
    )
    cited = command(client, "/notes/N-1", "cite", 1, by(CENTER, 2, event="WG-1"))
    assert cited.status_code == 200, cited.text
    assert stored(client, "/notes/N-1")[-1]["data"]["event_id"] == "WG-1"
