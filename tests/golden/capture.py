"""Write the golden documents: ``pytest -p tests.golden.capture tests/grids ...``.

While the domain tests run, every entity a command returns is seen; at the end, a few
entities whose histories hold every event type of the built-in machines are written as
entity documents and as event documents to ``tests/golden/v<N>/``. Run it once per schema
version, when a version is first released; the files are then kept as they are, and
`tests/test_golden.py` reads them with every later version.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

from jiceng import ENTITY_TYPES, Entity, Event
from jiceng._kernel import _entity
from jiceng.serde import SCHEMA_VERSION, event_documents, from_dict, to_dict

HERE = pathlib.Path(__file__).parent
MAX_EVENTS = 40  # documents a reader can still take in
_best: dict[type[Event], Entity[Any]] = {}
_record = _entity.Entity._record
_start = _entity.Entity._start.__func__  # type: ignore[attr-defined]


def _see(entity: Entity[Any]) -> None:
    if not type(entity).__module__.startswith("jiceng.") or len(entity.history) > MAX_EVENTS:
        return
    kind = type(entity.history[-1])
    known = _best.get(kind)
    if known is None or len(set(map(type, entity.history))) > len(set(map(type, known.history))):
        _best[kind] = entity


def _recording(self: Entity[Any], event: Event, *, guard: bool = True) -> Any:
    entity = _record(self, event, guard=guard)
    _see(entity)
    return entity


def _starting(cls: type[Entity[Any]], event: Event) -> Any:
    entity = _start(cls, event)
    _see(entity)
    return entity


_entity.Entity._record = _recording  # type: ignore[method-assign]
_entity.Entity._start = classmethod(_starting)  # type: ignore[assignment, method-assign]


def _readable(entity: Entity[Any]) -> bool:
    try:
        return from_dict(json.loads(json.dumps(to_dict(entity))), type(entity)) == entity
    except Exception:  # an entity the documents cannot hold is not golden
        return False


def pytest_sessionfinish() -> None:
    wanted = {row.event for cls in ENTITY_TYPES if cls.__module__.startswith("jiceng.")
              for row in cls.__machine__.transitions}  # fmt: skip
    candidates = [e for e in {id(e): e for e in _best.values()}.values() if _readable(e)]
    chosen: list[Entity[Any]] = []
    covered: set[type[Event]] = set()
    while candidates:  # greedy: each time the entity that adds the most event types
        best = max(
            candidates, key=lambda e: (len(set(map(type, e.history)) - covered), -len(e.history))
        )
        new = set(map(type, best.history)) - covered
        if not new and any(type(c) is type(best) for c in chosen):
            break
        chosen.append(best)
        covered |= new
        candidates.remove(best)
    classes = {type(c) for c in chosen}
    for entity in _best.values():  # and one of every entity class
        if type(entity) not in classes and _readable(entity):
            chosen.append(entity)
            classes.add(type(entity))
    folder = HERE / f"v{SCHEMA_VERSION}"
    folder.mkdir(exist_ok=True)
    for number, entity in enumerate(chosen, start=1):
        name = type(entity).__machine__.name
        document = {"entity": to_dict(entity), "events": event_documents(entity)}
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)
        (folder / f"{number:02d}-{name}.json").write_text(text + "\n")
    missing = sorted(f"{e.__module__}.{e.__qualname__}" for e in wanted - covered)
    (folder / "MISSING.txt").write_text("".join(f"{m}\n" for m in missing))
