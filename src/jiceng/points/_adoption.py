"""Adopting a rule book (积分细则的制定): ideas, a draft, a vote, in three steps.

Seed 004 (娄底/油溪桥): "积分制"的制定分成"策由民商、策由民定、策由民决"3步 — the group
leaders collect villagers' ideas (金点子); the village committees draft the rules from the
village compact (村规民约) and those ideas; the villagers' representative meeting votes,
and the rules are revised in the same way as practice shows the need. The vote itself
belongs to the meeting (its quorum and majority: 村民委员会组织法 第26条); the adoption
refers to that decision by its id. A revision is a new adoption of a later version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pendulum

from jiceng import Actor, Entity, Event, Label, Machine, Source, State, Transition
from jiceng.exceptions import ValidationError
from jiceng.points._errors import check_allowed
from jiceng.points._rules import RuleBook

__all__ = [
    "ADOPTION",
    "Abandoned",
    "Adopted",
    "AdoptionOpened",
    "AdoptionState",
    "Drafted",
    "IdeaCollected",
    "RuleBookAdoption",
    "VotedDown",
]

_SEED_004 = Source("娄底市基层自治经验 (红网, seed 004): 策由民商、策由民定、策由民决")
_VOTE = Source("村民委员会组织法(2018) 第26条、第27条; seed 004: 召开村民代表大会进行投票")


class AdoptionState(State):
    """Where the adoption of a rule book stands."""

    COLLECTING = "collecting", "征集意见", "Collecting ideas"
    DRAFTED = "drafted", "已拟订草案", "Drafted"
    ADOPTED = "adopted", "表决通过", "Adopted"
    ABANDONED = "abandoned", "已放弃", "Abandoned"


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
    """The representative meeting voted the draft down; back to collecting ideas."""

    decision_id: str


@attrs.frozen(kw_only=True)
class Adopted(Event):
    """The representative meeting adopted the draft (策由民决), in force from a date."""

    decision_id: str
    in_force_from: pendulum.Date


@attrs.frozen(kw_only=True)
class Abandoned(Event):
    """The committees gave the rule book up."""


def ideas_collected(adoption: RuleBookAdoption, event: Drafted) -> str | None:
    """A draft is made from the villagers' ideas: at least one must have been collected."""
    return None if adoption.ideas else "no idea has been collected from the villagers yet"


_OPEN = {AdoptionState.COLLECTING, AdoptionState.DRAFTED}

ADOPTION: Machine[AdoptionState] = Machine(
    name="points.adoption",
    label=Label("积分细则制定", "Rule book adoption"),
    states=AdoptionState,
    initial=AdoptionState.COLLECTING,
    final={AdoptionState.ADOPTED, AdoptionState.ABANDONED},
    transitions=[
        Transition(
            command="open",
            event=AdoptionOpened,
            sources=(),
            target=AdoptionState.COLLECTING,
            label=Label("启动制定", "Open"),
        ),
        Transition(
            command="collect_idea",
            event=IdeaCollected,
            sources={AdoptionState.COLLECTING},
            target=None,
            label=Label("收集金点子", "Collect an idea"),
            source=_SEED_004,
        ),
        Transition(
            command="draft",
            event=Drafted,
            sources=_OPEN,
            target=AdoptionState.DRAFTED,
            label=Label("拟订草案", "Draft"),
            guard=ideas_collected,
            source=_SEED_004,
        ),
        Transition(
            command="vote_down",
            event=VotedDown,
            sources={AdoptionState.DRAFTED},
            target=AdoptionState.COLLECTING,
            label=Label("表决未通过", "Vote down"),
            source=_VOTE,
        ),
        Transition(
            command="adopt",
            event=Adopted,
            sources={AdoptionState.DRAFTED},
            target=AdoptionState.ADOPTED,
            label=Label("表决通过", "Adopt"),
            source=_VOTE,
        ),
        Transition(
            command="abandon",
            event=Abandoned,
            sources=_OPEN,
            target=AdoptionState.ABANDONED,
            label=Label("放弃", "Abandon"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class RuleBookAdoption(Entity[AdoptionState], machine=ADOPTION):
    """The adoption of a rule book (积分细则的制定) by the villagers' representative meeting.

    Only an adopted rule book can be put in force on a ledger
    (`PointsLedger.put_in_force`); drafting again after a vote down is a revision.
    """

    id: str
    scheme: str
    ideas: tuple[str, ...] = ()
    rule_book: RuleBook | None = None
    decision_id: str | None = None
    in_force_from: pendulum.Date | None = None
    votes_down: tuple[str, ...] = ()

    @classmethod
    def open(  # allowed-io: a command
        cls, *, id: str, scheme: str, by: Actor, at: pendulum.DateTime
    ) -> RuleBookAdoption:
        """Open the collection of ideas for the rule book of `scheme`."""
        return cls._start(AdoptionOpened(adoption_id=id, scheme=scheme, by=by, at=at))

    def collect_idea(self, idea: str, *, by: Actor, at: pendulum.DateTime) -> RuleBookAdoption:
        """Record one idea from the villagers (策由民商)."""
        check_allowed(self, "collect_idea")
        return self._record(IdeaCollected(idea=idea, by=by, at=at))

    def draft(self, rule_book: RuleBook, *, by: Actor, at: pendulum.DateTime) -> RuleBookAdoption:
        """Put a draft to the meeting (策由民定); drafting again replaces the draft."""
        check_allowed(self, "draft")
        return self._record(Drafted(rule_book=rule_book, by=by, at=at))

    def vote_down(self, *, decision_id: str, by: Actor, at: pendulum.DateTime) -> RuleBookAdoption:
        """The meeting's decision `decision_id` refused the draft."""
        check_allowed(self, "vote_down")
        return self._record(VotedDown(decision_id=decision_id, by=by, at=at))

    def adopt(
        self,
        *,
        decision_id: str,
        in_force_from: pendulum.Date,
        by: Actor,
        at: pendulum.DateTime,
    ) -> RuleBookAdoption:
        """The meeting's decision `decision_id` adopted the draft (策由民决).

        `in_force_from` is the first day the rule book applies; it may not be before the
        day of the vote, since a rule book does not judge what happened before it existed.
        """
        check_allowed(self, "adopt")
        event = Adopted(decision_id=decision_id, in_force_from=in_force_from, by=by, at=at)
        if in_force_from < event.at.date():
            msg = f"{in_force_from} is before the vote on {event.at.date()}: no retroactive rules"
            raise ValidationError.single("in_force_from", msg)
        return self._record(event)

    def abandon(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> RuleBookAdoption:
        """Give the rule book up; `reason` says why."""
        check_allowed(self, "abandon")
        return self._record(Abandoned(reason=reason, by=by, at=at))

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, AdoptionOpened)
        return {"id": event.adoption_id, "scheme": event.scheme}

    def _apply(self, event: Event) -> Mapping[str, Any] | None:
        match event:
            case IdeaCollected(idea=idea):
                return {"ideas": (*self.ideas, idea)}
            case Drafted(rule_book=rule_book):
                return {"rule_book": rule_book}
            case VotedDown(decision_id=decision_id):
                return {"votes_down": (*self.votes_down, decision_id)}
            case Adopted(decision_id=decision_id, in_force_from=day):
                return {"decision_id": decision_id, "in_force_from": day}
        return None
