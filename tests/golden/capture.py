"""Write the golden documents: ``pytest -p tests.golden.capture tests/grids ...``.

While the domain tests run, every entity a command returns is seen; at the end, a few
entities whose histories hold the event types of the built-in machines that no golden
document holds yet (and one entity of each class not held yet) are written as entity
documents and as event documents to a new folder ``tests/golden/v<N>/``, N one more than
the last. Run it when machines gain events or entities; the files are then kept as they
are, and `tests/test_golden.py` reads every folder with every later version.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

from jiceng import ENTITY_TYPES, Entity, Event
from jiceng._kernel import _entity
from jiceng.serde import event_documents, from_dict, to_dict

HERE = pathlib.Path(__file__).parent
MAX_EVENTS = 40  # documents a reader can still take in
_best: dict[type[Event], Entity[Any]] = {}
_prepare = _entity._prepare
_start = _entity.Entity._start.__func__  # type: ignore[attr-defined]


def _see(entity: Entity[Any]) -> None:
    if not type(entity).__module__.startswith("jiceng.") or len(entity.history) > MAX_EVENTS:
        return
    kind = type(entity.history[-1])
    known = _best.get(kind)
    if known is None or len(set(map(type, entity.history))) > len(set(map(type, known.history))):
        _best[kind] = entity


def _preparing(cls: type[Entity[Any]]) -> Any:
    record, rebuild = _prepare(cls)  # compiled and installed on the class: wrap it there

    def recording(self: Entity[Any], event: Event, *, guard: bool = True) -> Any:
        entity = record(self, event, guard=guard)
        _see(entity)
        return entity

    fast = _entity._FAST[cls] = (recording, rebuild)
    cls._record = recording  # type: ignore[method-assign]
    return fast


def _starting(cls: type[Entity[Any]], event: Event) -> Any:
    entity = _start(cls, event)
    _see(entity)
    return entity


_entity._prepare = _preparing
_entity.Entity._start = classmethod(_starting)  # type: ignore[assignment, method-assign]


def _readable(entity: Entity[Any]) -> bool:
    try:
        return from_dict(json.loads(json.dumps(to_dict(entity))), type(entity)) == entity
    except Exception:  # an entity the documents cannot hold is not golden
        return False


def _held() -> tuple[set[str], set[str], int]:
    """The event types and machines the golden documents hold, and the last folder's number."""
    events: set[str] = set()
    machines: set[str] = set()
    last = 0
    for path in HERE.glob("v*/*.json"):
        last = max(last, int(path.parent.name[1:]))
        golden = json.loads(path.read_text())
        if "entity" in golden:
            machines.add(golden["entity"]["type"])
            events |= {row["type"] for row in golden["events"]}
    return events, machines, last


def _tag(event: type[Event]) -> str:
    owner = next(c for c in ENTITY_TYPES if event in {r.event for r in c.__machine__.transitions})
    return f"{owner.__machine__.name}.{event.__name__}"


def pytest_sessionfinish() -> None:
    held_events, held_machines, last = _held()
    built_in = [c for c in ENTITY_TYPES if c.__module__.startswith("jiceng.")]
    wanted = {row.event for cls in built_in for row in cls.__machine__.transitions}
    covered: set[type[Event]] = {e for e in wanted if _tag(e) in held_events}
    candidates = [e for e in {id(e): e for e in _best.values()}.values() if _readable(e)]
    chosen: list[Entity[Any]] = []
    while candidates:  # greedy: each time the entity that adds the most event types
        best = max(
            candidates, key=lambda e: (len(set(map(type, e.history)) - covered), -len(e.history))
        )
        new = set(map(type, best.history)) - covered
        if not new:
            break
        chosen.append(best)
        covered |= new
        candidates.remove(best)
    classes = {type(c) for c in chosen} | {
        c for c in built_in if c.__machine__.name in held_machines
    }
    for entity in _best.values():  # and one of every entity class
        if type(entity) not in classes and _readable(entity):
            chosen.append(entity)
            classes.add(type(entity))
    if not chosen:
        return
    folder = HERE / f"v{last + 1}"
    folder.mkdir()
    for number, entity in enumerate(chosen, start=1):
        name = type(entity).__machine__.name
        document = {"entity": to_dict(entity), "events": event_documents(entity)}
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)
        (folder / f"{number:02d}-{name}.json").write_text(text + "\n")
    missing = sorted(f"{e.__module__}.{e.__qualname__}" for e in wanted - covered)
    if missing:  # event types no test produced: the coverage test names them too
        (folder / "MISSING.txt").write_text("".join(f"{m}\n" for m in missing))
