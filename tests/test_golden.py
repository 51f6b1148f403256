"""The golden documents: what earlier versions of jiceng stored must still read back.

Each file of ``tests/golden/v<N>/`` holds an entity document and the same entity as event
documents, captured when the machines gained the events it holds (see
``tests/golden/capture.py``). They are never edited: a later version reads them through its
upcasters and aliases.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
from typing import Any

import pytest

from jiceng import ENTITY_TYPES, Entity
from jiceng.plugins import Registry, default_registry
from jiceng.serde import (
    REFERENCED,
    from_dict,
    replay_documents,
    schema_version,
    to_dict,
    use_registry,
)

GOLDEN = pathlib.Path(__file__).parent / "golden"
FILES = sorted(p for p in GOLDEN.glob("v*/*.json") if p.name != "policies.json")
POLICIES = GOLDEN / "policies.json"


def _load(path: pathlib.Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_golden_document_reads_back_as_the_entity_its_events_describe(
    path: pathlib.Path,
) -> None:
    golden = _load(path)
    entity = from_dict(golden["entity"], Entity)
    assert replay_documents(golden["events"]) == entity
    if golden["entity"]["schema"] == schema_version(golden["entity"]["type"]):
        assert to_dict(entity) == golden["entity"]  # the current version writes it the same


def test_the_golden_documents_hold_every_entity_and_event_of_the_built_in_machines() -> None:
    built_in = [c for c in ENTITY_TYPES if c.__module__.startswith("jiceng.")]
    wanted = {f"{c.__machine__.name}.{row.event.__name__}" for c in built_in
              for row in c.__machine__.transitions}  # fmt: skip
    held: set[str] = set()
    kinds: set[str] = set()
    for path in FILES:
        golden = _load(path)
        kinds.add(golden["entity"]["type"])
        held |= {row["type"] for row in golden["events"]}
    assert {c.__machine__.name for c in built_in} - kinds == set()
    assert wanted - held == set()


def _digests() -> dict[str, str]:
    """A digest of each built-in policy's document by value, under its name and version."""
    registry = default_registry()
    found = {}
    with use_registry(Registry(())):  # by value
        for cls in REFERENCED:
            for name in registry.names(cls):
                plugin = registry.plugin(registry.owner(cls, name))
                text = json.dumps(to_dict(registry.find(cls, name)), sort_keys=True)
                key = f"{cls.__name__} {name} {plugin.name}@{plugin.version}"
                found[key] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return dict(sorted(found.items()))


def test_a_built_in_policy_changes_only_with_its_plugins_version() -> None:
    """Documents name a preset's policy by its plugin's version: the same version must mean
    the same rules. After a change, raise the preset's version (documents written under
    the old one then need a resolver), or, for a change that keeps the rules (a new field
    with a default), record the new digest: ``JICENG_RECORD_POLICIES=1 pytest`` this test."""
    current = _digests()
    if os.environ.get("JICENG_RECORD_POLICIES"):
        POLICIES.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n")
    recorded = json.loads(POLICIES.read_text())
    changed = {k: v for k, v in current.items() if recorded.get(k, v) != v}
    assert changed == {}
    assert sorted(set(current) - set(recorded)) == []
