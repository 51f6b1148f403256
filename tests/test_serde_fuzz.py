"""Hostile documents: whatever a client or a store sends, decoding says `ValidationError`.

Each entity class's document (from the samples of `tests/kernel/test_boundary.py`, one
per entity class) is spoiled at a random place: a key deleted or renamed, a value
replaced by any JSON value, a huge or negative number, an unknown schema version or
event type. Snapshots (`jiceng.serde.snapshot`) are spoiled and read
(`resume_documents`) the same way, with the event documents stored after them. Decoding
it either gives back an entity (the change was harmless) or raises
`ValidationError` with a short message, and never anything else. How long hostile
documents take is measured in `benchmarks/hostile_documents.py`, not asserted here.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiceng import Entity, replay
from jiceng.checks import MAX_ITEMS, MAX_TEXT
from jiceng.exceptions import ValidationError
from jiceng.points import PointsLedger
from jiceng.serde import event_documents, from_dict, resume_documents, snapshot, to_dict
from tests.kernel.test_boundary import SAMPLES


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


DOCUMENTS = {cls.__name__: (cls, _json(to_dict(make()))) for cls, make in SAMPLES.items()}
# A snapshot at the first version, then the rest of the history as event documents.
SNAPSHOTS = {
    f"{cls.__name__} snapshot": (
        cls,
        {
            "snapshot": _json(snapshot(replay(make().history[:1]))),
            "documents": _json(event_documents(make(), since=1)),
        },
    )
    for cls, make in SAMPLES.items()
    if cls is not PointsLedger  # folded from its whole history: no snapshot
}


SNAPSHOT_CLASSES = {cls for cls, _ in SNAPSHOTS.values()}


def _read(cls: type[Any], document: dict[str, Any]) -> Any:
    if cls in SNAPSHOT_CLASSES and "schema" not in document:  # a snapshot and its rows
        rows = document.get("documents", ())
        return resume_documents(document.get("snapshot"), rows, cls)  # type: ignore[arg-type]
    return from_dict(document, cls)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

hostile_values = st.one_of(
    json_values,
    st.sampled_from([10**30, -(10**30), 2**63, -1, 0, "", " ", "x" * 30_000, [], {}]),
    st.sampled_from(["2026-13-45T99:00:00", "2026-01-05T09:00:00", "9999999999-01-01"]),
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document: keys of objects and indexes of lists."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:6]):
            found += _paths(item, (*path, index))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


@st.composite
def spoiled(draw: st.DrawFn) -> tuple[type[Any], dict[str, Any], str]:
    name = draw(st.sampled_from(sorted(DOCUMENTS | SNAPSHOTS)))
    cls, original = (DOCUMENTS | SNAPSHOTS)[name]
    document = _json(original)
    path = draw(st.sampled_from(_paths(document)))
    parent, last = _parent(document, path), path[-1]
    how = draw(st.sampled_from(["replace", "delete", "rename", "tag", "schema"]))
    envelope = document.get("snapshot", document)
    if how == "schema":
        envelope["schema"] = draw(st.sampled_from([0, 2, 99, "1", None, 1.0]))
    elif how == "tag":
        envelope["type"] = draw(st.sampled_from(["", "grids.unknown", "Entity", None, 3]))
    elif how == "delete" or (how == "rename" and isinstance(parent, list)):
        del parent[last]
    elif how == "rename":
        parent[f"{last}_x"] = parent.pop(last)
    else:
        parent[last] = draw(hostile_values)
    return cls, document, f"{name}: {how} at {path}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spoiled())
def test_a_spoiled_document_is_refused_with_a_short_message_or_read(
    case: tuple[type[Any], dict[str, Any], str],
) -> None:
    cls, document, what = case
    try:
        entity = _read(cls, document)
    except ValidationError as error:
        refused: ValidationError | None = error
    else:
        refused = None
        assert isinstance(entity, Entity), what
    if refused is not None:
        message = str(refused)
        assert len(message) <= ValidationError.MAX_MESSAGE, what
        assert "unknown error" not in message, what
        assert all(e.message for e in refused.errors), what


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_sample_document_round_trips(name: str) -> None:
    cls, document = DOCUMENTS[name]
    assert to_dict(from_dict(document, cls)) == document


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_every_sample_snapshot_resumes(name: str) -> None:
    cls, document = SNAPSHOTS[name]
    assert snapshot(_read(cls, document)) == snapshot(SAMPLES[cls]())


def _places(document: Any, of: type[Any]) -> list[tuple[Any, ...]]:
    """The places of `document` that hold a value of type `of`, tags and schemas aside."""
    return [
        path
        for path in _paths(document)
        if type(_parent(document, path)[path[-1]]) is of and path[-1] not in ("type", "schema")
    ]


@st.composite
def oversized(draw: st.DrawFn) -> tuple[type[Any], dict[str, Any], tuple[Any, ...]]:
    """A sample document or snapshot with one text or list made longer than any command
    accepts (`MAX_TEXT` characters, `MAX_ITEMS` items)."""
    name = draw(st.sampled_from(sorted(DOCUMENTS | SNAPSHOTS)))
    cls, original = (DOCUMENTS | SNAPSHOTS)[name]
    document = _json(original)
    texts, lists = _places(document, str), _places(document, list)
    path = draw(st.sampled_from(texts + lists))
    parent, last = _parent(document, path), path[-1]
    if isinstance(parent[last], str):
        parent[last] = parent[last] + "字" * draw(st.integers(MAX_TEXT + 1, 2 * MAX_TEXT))
    else:
        parent[last] = [None] * (MAX_ITEMS + 1)
    return cls, document, path


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(oversized())
def test_a_text_or_list_longer_than_any_command_takes_is_refused(
    case: tuple[type[Any], dict[str, Any], tuple[Any, ...]],
) -> None:
    cls, document, path = case
    with pytest.raises(ValidationError) as refused:
        _read(cls, document)
    assert len(str(refused.value)) <= ValidationError.MAX_MESSAGE, path
