"""JSON Schemas generated from the types, checked with `jsonschema`, and the dispatcher.

Every entity class and every command is found by introspection, so a new one (or a
plugin's) is covered without editing this file.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiceng import ENTITY_TYPES, Entity, Event, replay
from jiceng.checks import MAX_TEXT, real, text
from jiceng.exceptions import JicengError, ValidationError
from jiceng.grids import GridEvent, GridEventState, Priority
from jiceng.petitions import Petition
from jiceng.serde import (
    arguments_schema,
    commands,
    dispatch,
    entity_arguments,
    entity_schema,
    event_document_schema,
    event_documents,
    replay_documents,
    to_dict,
    value_schema,
)
from tests.kernel.test_boundary import SAMPLES
from tests.test_serde_store import V1_EVENTS, _Filing

TEXT = {"type": "string", "maxLength": MAX_TEXT}
"""A text with no bounds of its own: the floor every document shares."""

Validator = jsonschema.Draft202012Validator
BUILT_IN = [c for c in ENTITY_TYPES if c.__module__.startswith("jiceng.")]
AT = "2026-03-02T23:10:00+08:00[Asia/Shanghai]"
CLERK = {"kind": "person", "id": "p-1", "name": "王五"}


def through_json(data: Any) -> Any:
    return json.loads(json.dumps(data, ensure_ascii=False))


def problems(schema: dict[str, Any], document: Any) -> list[tuple[list[Any], str]]:
    return [(list(e.absolute_path), e.message) for e in Validator(schema).iter_errors(document)]


@pytest.mark.parametrize("cls", BUILT_IN, ids=lambda c: c.__name__)
def test_every_entity_document_validates_against_its_schema(cls: type[Entity[Any]]) -> None:
    schema = entity_schema(cls)
    Validator.check_schema(schema)
    document = through_json(to_dict(SAMPLES[cls]()))
    assert problems(schema, document) == []
    assert problems(schema, document | {"state": "bogus"})[0][0] == ["state"]
    assert problems(schema, document | {"extra": 1})
    assert problems(schema, {k: v for k, v in document.items() if k != "history"})
    assert problems(schema, document | {"history": []})


@pytest.mark.parametrize("cls", BUILT_IN, ids=lambda c: c.__name__)
def test_every_event_document_validates_against_its_schema(cls: type[Entity[Any]]) -> None:
    schema = event_document_schema(cls)
    Validator.check_schema(schema)
    for document in through_json(event_documents(SAMPLES[cls]())):
        assert problems(schema, document) == []
        assert problems(schema, document | {"version": 0})
        assert problems(schema, document | {"data": {}})


@pytest.mark.parametrize(
    ("cls", "command"),
    [(c, name) for c in BUILT_IN for name in commands(c)],
    ids=lambda x: x if isinstance(x, str) else x.__name__,
)
def test_every_commands_arguments_have_a_schema(cls: type[Entity[Any]], command: str) -> None:
    schema = arguments_schema(cls, command)
    Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) <= set(schema["properties"])


def test_a_schema_bounds_what_the_checks_bound() -> None:
    schema = arguments_schema(GridEvent, "classify")
    assert schema["properties"]["category"] == {
        "type": "string",
        "minLength": 1,
        "maxLength": 20000,
    }
    assert schema["$defs"]["Priority"] == {"enum": ["emergency", "urgent", "normal"]}
    arguments = {"category": "市容环境", "priority": "emergency", "by": CLERK, "at": AT}
    assert problems(schema, arguments) == []
    assert problems(schema, arguments | {"priority": "EMERGENCY"})
    assert problems(schema, arguments | {"at": "2026-03-02 23:10"})


@attrs.frozen(kw_only=True)
class _Item:
    name: str


_OtherItem: Any = attrs.make_class("_Item", {"code": attrs.field(type=int)}, frozen=True)


@attrs.frozen(kw_only=True)
class _Shapes:
    anything: Any
    kind: Literal["a", "b"]
    share: Annotated[float, real(0.0, 1.0)]
    pair: tuple[str, int]
    first: _Item
    second: _OtherItem  # pyright: ignore[reportInvalidTypeForm] - a class made at run time
    either: str | int
    short: str = attrs.field(
        validator=attrs.validators.and_(attrs.validators.min_len(0), text(max_length=5))
    )
    days: frozenset[str]
    labels: Mapping[str, str]
    event: Event


def test_a_value_schema_covers_every_shape_the_converter_writes() -> None:
    schema = value_schema(_Shapes)
    Validator.check_schema(schema)
    shapes = schema["$defs"]["_Shapes"]["properties"]
    assert shapes["anything"] == {}
    assert shapes["kind"] == {"enum": ["a", "b"]}
    assert shapes["share"] == {"type": "number", "minimum": 0.0, "maximum": 1.0}
    assert shapes["pair"]["prefixItems"] == [TEXT, {"type": "integer"}]
    assert shapes["first"] != shapes["second"]  # two classes of one name, two definitions
    assert shapes["days"]["uniqueItems"] is True
    assert shapes["either"] == {"anyOf": [TEXT, {"type": "integer"}]}
    assert shapes["short"] == {"type": "string", "minLength": 1, "maxLength": 5}
    assert shapes["event"]["required"] == ["type"]  # an event of no machine in particular


def test_a_type_with_no_json_form_is_named() -> None:
    @attrs.frozen
    class Hooked:
        call: Callable[[int], int]

    @attrs.frozen
    class Opaque:
        thing: complex

    for cls, name in [(Hooked, "Callable"), (Opaque, "complex")]:
        with pytest.raises(TypeError, match=name):
            value_schema(cls)


def test_a_later_version_is_required_in_the_schema() -> None:
    filing = replay_documents(V1_EVENTS, _Filing)
    schema = entity_schema(_Filing)
    assert problems(schema, through_json(to_dict(filing))) == []
    filed = schema["$defs"]["serde-store.filing._Filed"]
    assert filed["properties"]["schema"] == {"const": 2}
    assert "schema" in filed["required"]


# -- the dispatcher ----------------------------------------------------------------------


def registered() -> GridEvent:
    event = SAMPLES[GridEvent]()
    assert isinstance(event, GridEvent)
    return event.register(by=event.reporter, at=event.created.add(minutes=5))


def test_dispatch_reads_the_arguments_as_documents_and_returns_the_new_event_documents() -> None:
    before = registered()
    category = before.policy.categories.classes[0].items[0].code
    arguments = {"category": category, "priority": "emergency", "by": CLERK, "at": AT}
    assert problems(arguments_schema(GridEvent, "classify"), arguments) == []
    after, documents = dispatch(before, "classify", arguments)
    assert after.state is GridEventState.CLASSIFIED
    assert after.priority is Priority.EMERGENCY
    assert after.last_changed == pendulum.datetime(2026, 3, 2, 23, 10, tz="Asia/Shanghai")
    assert [d["version"] for d in documents] == [before.version + 1]
    assert problems(event_document_schema(GridEvent), through_json(documents[0])) == []


def test_dispatch_creates_an_entity_from_its_class() -> None:
    sample = SAMPLES[GridEvent]()
    first = to_dict(sample)["history"][0]
    arguments = {
        "id": "GE-200",
        "grid": first["grid"],
        "channel": first["channel"],
        "description": "井盖缺失",
        "by": CLERK,
        "at": AT,
        "policy": first["policy"],
    }
    assert problems(arguments_schema(GridEvent, "report"), through_json(arguments)) == []
    created, documents = dispatch(GridEvent, "report", through_json(arguments))
    assert created.id == "GE-200"
    assert [d["version"] for d in documents] == [1]


@pytest.mark.parametrize(
    ("target", "command", "arguments", "paths"),
    [
        ("sample", "fly", {}, ("command",)),
        ("class", "classify", {}, ("target",)),
        ("sample", "report", {}, ("target",)),
        ("sample", "classify", [], ("classify",)),
        ("sample", "classify", {"by": CLERK, "at": AT, "category": "x", "colour": 1},
         ("classify.colour", "classify.priority")),
        ("sample", "classify",
         {"by": CLERK, "at": "today", "category": "x", "priority": "EMERGENCY"},
         ("classify.priority", "classify.at")),
        ("sample", "classify",
         {"by": {"kind": "robot"}, "at": AT, "category": 5, "priority": "urgent"},
         ("classify.category", "classify.by.id", "classify.by.name", "classify.by.kind")),
    ],
)  # fmt: skip
def test_dispatch_names_every_bad_argument_and_changes_nothing(
    target: str, command: str, arguments: Any, paths: tuple[str, ...]
) -> None:
    entity = registered()
    with pytest.raises(ValidationError) as raised:
        dispatch(GridEvent if target == "class" else entity, command, arguments)
    assert set(raised.value.paths) == set(paths)
    assert replay(entity.history) == entity


def test_dispatch_needs_an_entity() -> None:
    with pytest.raises(ValidationError) as raised:
        dispatch(object(), "classify", {})  # type: ignore[arg-type]
    assert raised.value.paths == ("target",)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_json_arguments_give_a_refusal_or_a_new_entity_never_a_crash(
    data: st.DataObject,
) -> None:
    entity = registered()
    command = data.draw(st.sampled_from(commands(GridEvent)[1:]))
    names = list(arguments_schema(GridEvent, command)["properties"])
    arguments = data.draw(st.dictionaries(st.sampled_from([*names, "extra"]), JSON_VALUES))
    with contextlib.suppress(JicengError):  # a refusal; anything else fails the test
        dispatch(entity, command, arguments)
    assert replay(entity.history) == entity


# -- another entity as an argument --------------------------------------------------------


def _repeat() -> tuple[Petition, Petition, dict[str, Any]]:
    from tests.petitions.helpers import CITY, CLERK, day, handling, registered

    original = handling()
    return (
        original,
        registered(id="XF-2", lodged_with=CITY, at=day(10)),
        {
            "by": to_dict(CLERK),
            "at": day(10).isoformat(),
        },
    )


def test_entity_arguments_name_the_arguments_that_are_other_entities() -> None:
    assert entity_arguments(Petition, "link_repeat") == {"original": Petition}
    assert entity_arguments(GridEvent, "classify") == {}
    with pytest.raises(ValidationError) as raised:
        entity_arguments(Petition, "fly")
    assert raised.value.paths == ("command",)


def test_dispatch_takes_another_entity_the_caller_loaded() -> None:
    original, repeat, arguments = _repeat()
    linked, documents = dispatch(repeat, "link_repeat", arguments, entities={"original": original})
    assert linked.repeat_of == original.id
    assert [d["data"]["original_id"] for d in documents] == [original.id]


@pytest.mark.parametrize(
    ("entities", "extra", "paths"),
    [
        ({"original": "XF-1"}, {}, ("link_repeat.original",)),
        ({"by": "someone"}, {}, ("link_repeat.by", "link_repeat.original")),
        ({"original": None}, {"original": {}}, ("link_repeat.original",)),
        ({}, {}, ("link_repeat.original",)),
    ],
)
def test_dispatch_checks_the_entities_it_is_given(
    entities: dict[str, Any], extra: dict[str, Any], paths: tuple[str, ...]
) -> None:
    original, repeat, arguments = _repeat()
    with pytest.raises(ValidationError) as raised:
        dispatch(repeat, "link_repeat", {**arguments, **extra}, entities=entities)
    assert set(raised.value.paths) == set(paths)
    with pytest.raises(ValidationError) as raised:
        dispatch(repeat, "link_repeat", arguments, entities=[original])  # type: ignore[arg-type]
    assert raised.value.paths == ("entities",)
