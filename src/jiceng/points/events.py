"""The events of the points system: every event class its machine tables record.

What `RuleBookAdoption` and `PointsLedger` commands write into their histories, one class
for each command (`jiceng.points.events.Recorded`); an event is stored as its machine's
name and its class name, so neither changes. Pure data, like `jiceng.points._states`.
"""

from __future__ import annotations

import attrs
import pendulum

from jiceng import Event, Vote, WorkCalendar
from jiceng.points._rule_book import Period, RuleBook
from jiceng.points._states import Entry

__all__ = [
    "Abandoned",
    "Adopted",
    "AdoptionOpened",
    "Approved",
    "BaseGranted",
    "CycleClosed",
    "Drafted",
    "Finalised",
    "IdeaCollected",
    "LedgerOpened",
    "LedgerWoundUp",
    "Objected",
    "ObjectionDismissed",
    "ObjectionUpheld",
    "Posted",
    "Recorded",
    "Redeemed",
    "Rejected",
    "Reversed",
    "RuleBookPutInForce",
    "VotedDown",
]

# -- the adoption of a rule book (RuleBookAdoption) ----------------------------------------


@attrs.frozen(kw_only=True)
class AdoptionOpened(Event):
    """The village committees opened the collection of ideas for a rule book."""

    adoption_id: str
    scheme: str


@attrs.frozen(kw_only=True)
class IdeaCollected(Event):
    """An idea (金点子) collected from the villagers (策由民商)."""

    idea: str


@attrs.frozen(kw_only=True)
class Drafted(Event):
    """A draft rule book, from the village compact and the ideas (策由民定)."""

    rule_book: RuleBook


@attrs.frozen(kw_only=True)
class VotedDown(Event):
    """The meeting voted the draft down (`vote`, with its figures); back to collecting ideas."""

    vote: Vote


@attrs.frozen(kw_only=True)
class Adopted(Event):
    """The meeting adopted the draft by `vote` (策由民决), in force from a date."""

    vote: Vote
    in_force_from: pendulum.Date


@attrs.frozen(kw_only=True)
class Abandoned(Event):
    """The committees gave the rule book up."""


# -- the ledger and its entries (PointsLedger) ---------------------------------------------


@attrs.frozen(kw_only=True)
class LedgerOpened(Event):
    """A village opened its points ledger; local days are counted in `calendar`."""

    ledger_id: str
    name: str
    calendar: WorkCalendar


@attrs.frozen(kw_only=True)
class RuleBookPutInForce(Event):
    """An adopted rule book applies to entries dated from `in_force_from` on;
    `decision_id` is the record of the vote that adopted it (`Vote.record`)."""

    adoption_id: str
    decision_id: str
    rule_book: RuleBook
    in_force_from: pendulum.Date


@attrs.frozen(kw_only=True)
class Recorded(Event):
    """Entries for scored items were recorded (积分登记)."""

    entries: tuple[Entry, ...]


@attrs.frozen(kw_only=True)
class BaseGranted(Event):
    """Base points were recorded for households (基础分)."""

    entries: tuple[Entry, ...]


@attrs.frozen(kw_only=True)
class Approved(Event):
    """Entries passed review (审核通过)."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Rejected(Event):
    """Entries failed review (审核未通过); they never count."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Posted(Event):
    """Entries were posted publicly (公示); the objection window opens."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Objected(Event):
    """A villager (`by`) objected to a posted entry within the window (提出异议)."""

    entry_id: str
    objection: str


@attrs.frozen(kw_only=True)
class ObjectionUpheld(Event):
    """The objection was upheld: the entry is reversed before it ever counted."""

    entry_id: str


@attrs.frozen(kw_only=True)
class ObjectionDismissed(Event):
    """The objection was dismissed: the entry becomes final."""

    entry_id: str


@attrs.frozen(kw_only=True)
class Finalised(Event):
    """Posted entries became final once their windows had run out (公示无异议)."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Reversed(Event):
    """A final entry was taken back by the reversal entry `reversal` (冲正)."""

    entry_id: str
    reversal: Entry


@attrs.frozen(kw_only=True)
class Redeemed(Event):
    """Points were exchanged at the points supermarket (积分超市兑换)."""

    entry: Entry


@attrs.frozen(kw_only=True)
class CycleClosed(Event):
    """A cycle was closed: its points are settled and nothing more is dated in it."""

    period: Period


@attrs.frozen(kw_only=True)
class LedgerWoundUp(Event):
    """The village stopped running the scheme."""
