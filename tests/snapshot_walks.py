"""Every machine's random walk also checks snapshots: installed by the root ``conftest.py``.

After `jiceng.testing.random_walk` has driven an entity, its state at a random version is
written as a snapshot, sent through JSON with the event documents stored after it, and
read back with `resume_documents`: the result must have the state, the fields and the
version of the walk's end. Every walk of every machine, in every test module, checks it.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from hypothesis import strategies as st

import jiceng.testing
from jiceng import Entity, replay


def _through_json(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


def check_snapshots(data: st.DataObject, end: Entity[Any]) -> None:
    """Snapshot `end` at a drawn version; it and the later event documents give `end`."""
    from jiceng.serde import derived_fields, event_documents, resume_documents, snapshot

    cls = type(end)
    key = getattr(end, cls.__key__, None)
    if derived_fields(cls) or not isinstance(key, str) or not key:
        return  # no snapshot (a points ledger), or no event documents (an entity without id)
    at = data.draw(st.integers(1, end.version), label="snapshot at")
    document = _through_json(snapshot(replay(end.history[:at])))
    later = _through_json(event_documents(end, since=at))
    resumed = resume_documents(document, later, cls)
    assert resumed.version == end.version, "a resumed entity has the version of the full one"
    assert resumed.state == end.state
    assert snapshot(resumed) == snapshot(end), "snapshot + later events differ from the replay"
    assert resumed.events_since(at) == end.events_since(at)


def install() -> None:
    """Wrap `jiceng.testing.random_walk` so that every walk ends with `check_snapshots`."""
    walk = jiceng.testing.random_walk
    if getattr(walk, "__checks_snapshots__", False):
        return

    @functools.wraps(walk)
    def random_walk(data: st.DataObject, start: Any, commands: Any, **kwargs: Any) -> Any:
        end = walk(data, start, commands, **kwargs)
        check_snapshots(data, end)
        return end

    random_walk.__checks_snapshots__ = True  # type: ignore[attr-defined]
    jiceng.testing.random_walk = random_walk
