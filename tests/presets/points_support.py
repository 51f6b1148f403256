"""Shared builders for the points presets' tests: loading a preset through an entry point,
a ledger with a preset's rule book in force, and an entry settled (公示无异议)."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pendulum

from jiceng.plugins import Registry, discover
from jiceng.points import EntryState, PointsLedger, RuleBook
from jiceng.presets import PRESETS
from tests.points.support import CLERK, adopted, at

__all__ = ["CLERK", "at", "in_force", "loaded", "settled"]


def loaded(name: str) -> Registry:
    """A registry holding the preset `name`, loaded through its entry point (group
    ``jiceng.plugins``, value ``jiceng.presets.<name>:PLUGIN``, as jiceng publishes it)."""
    point = EntryPoint(name=name, value=f"jiceng.presets.{name}:PLUGIN", group="jiceng.plugins")
    found = discover(entry_points=[point], allow=[name])
    assert (found.loaded, found.failures) == ((name,), ())
    everything = Registry()
    for plugin in PRESETS:  # and it registers beside every other preset
        everything = everything.register(plugin)
    assert everything.owner(RuleBook, f"{name}.jifen@1") == name
    return found.registry


def in_force(book: RuleBook, *, id: str) -> PointsLedger:
    """A ledger `id` with `book` in force from 2026-01-01, adopted as the points workflow
    adopts a rule book (its tests' `adopted`)."""
    opened = PointsLedger.open(id=id, name=book.name, by=CLERK, at=at(2025, 12, 1))
    return opened.put_in_force(adopted(book, id=f"{id}-A"), by=CLERK, at=at(2025, 12, 11))


def settled(ledger: PointsLedger, ids: list[str], when: pendulum.DateTime) -> PointsLedger:
    """`ids` reviewed and posted at `when`, final once the posting and objection periods
    (five days each) have run out, eleven days later."""
    ledger = ledger.approve(ids, by=CLERK, at=when).post(ids, by=CLERK, at=when)
    ledger = ledger.finalise(ids, by=CLERK, at=when.add(days=11))
    assert {ledger.state_of(i) for i in ids} == {EntryState.FINAL}
    return ledger
