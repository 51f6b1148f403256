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

from jiceng import Actor, Entity, Label, Machine, Source, Transition
from jiceng.exceptions import ValidationError
from jiceng.points._refusals import check_allowed
from jiceng.points._rule_book import RuleBook
from jiceng.points._states import AdoptionState
from jiceng.points.events import (
    Abandoned,
    Adopted,
    AdoptionOpened,
    Drafted,
    IdeaCollected,
    VotedDown,
)

_THREE_STEPS = Source("娄底市基层自治经验 (红网, seed 004): 策由民商、策由民定、策由民决")
_VOTE = Source("村民委员会组织法(2018) 第26条、第27条; seed 004: 召开村民代表大会进行投票")


# -- 启动制定 open --


def opened(_: None, event: AdoptionOpened) -> Mapping[str, Any]:
    return {"id": event.adoption_id, "scheme": event.scheme}


# -- 收集金点子 collect_idea --


def idea_collected(adoption: RuleBookAdoption, event: IdeaCollected) -> Mapping[str, Any]:
    return {"ideas": (*adoption.ideas, event.idea)}


# -- 拟订草案 draft --


def ideas_collected(adoption: RuleBookAdoption, event: Drafted) -> str | None:
    """A draft is made from the villagers' ideas: at least one must have been collected."""
    return None if adoption.ideas else "no idea has been collected from the villagers yet"


def drafted(_: RuleBookAdoption, event: Drafted) -> Mapping[str, Any]:
    return {"rule_book": event.rule_book}


# -- 表决未通过 vote_down --


def voted_down(adoption: RuleBookAdoption, event: VotedDown) -> Mapping[str, Any]:
    return {"votes_down": (*adoption.votes_down, event.decision_id)}


# -- 表决通过 adopt --


def adopted(_: RuleBookAdoption, event: Adopted) -> Mapping[str, Any]:
    return {"decision_id": event.decision_id, "in_force_from": event.in_force_from}


# -- 放弃 abandon: the state only --

# -- the table --

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
            fold=opened,
        ),
        Transition(
            command="collect_idea",
            event=IdeaCollected,
            sources={AdoptionState.COLLECTING},
            target=None,
            label=Label("收集金点子", "Collect an idea"),
            fold=idea_collected,
            source=_THREE_STEPS,
        ),
        Transition(
            command="draft",
            event=Drafted,
            sources=_OPEN,
            target=AdoptionState.DRAFTED,
            label=Label("拟订草案", "Draft"),
            guard=ideas_collected,
            fold=drafted,
            source=_THREE_STEPS,
        ),
        Transition(
            command="vote_down",
            event=VotedDown,
            sources={AdoptionState.DRAFTED},
            target=AdoptionState.COLLECTING,
            label=Label("表决未通过", "Vote down"),
            fold=voted_down,
            source=_VOTE,
        ),
        Transition(
            command="adopt",
            event=Adopted,
            sources={AdoptionState.DRAFTED},
            target=AdoptionState.ADOPTED,
            label=Label("表决通过", "Adopt"),
            fold=adopted,
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
