"""The golden documents: what earlier versions of jiceng stored must still read back.

Each file of ``tests/golden/v<N>/`` holds an entity document and the same entity as event
documents, written by the version that introduced ``v<N>`` (see
``tests/golden/capture.py``). They are never edited: a later version reads them through its
upcasters and aliases.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

from jiceng import ENTITY_TYPES, Entity
from jiceng.serde import from_dict, replay_documents, schema_version, to_dict

GOLDEN = pathlib.Path(__file__).parent / "golden"
FILES = sorted(GOLDEN.glob("v*/*.json"))


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
