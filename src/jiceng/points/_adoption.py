"""Adopting a rule book (积分细则的制定): ideas, a draft, a vote, in three steps.

Seed 004 (娄底/油溪桥): "积分制"的制定分成"策由民商、策由民定、策由民决"3步 — the group
leaders collect villagers' ideas (金点子); the village committees draft the rules from the
village compact (村规民约) and those ideas; the villagers' representative meeting votes,
and the rules are revised in the same way as practice shows the need. A revision is a
new adoption of a later version.

The adoption carries the vote itself (a `jiceng.Vote`: the body, its members, those
present, the votes for, against and abstaining, and the body's quorum and majority), and
judges it:

- the body must be one the law lets decide the matter. A rule book of a points system
  binds the villagers as a 村规民约 does (seed 004 builds it 以村规民约……为基础), and its
  rewards are paid from the collective's income (村级集体收入分红): a matter 涉及村民利益
  that 村民委员会组织法 第24条 and 第27条 leave to the 村民会议; 第24条第2款 lets the 村民会议
  authorise the 村民代表会议 to decide it, and 第25条 limits that body to 村民会议授权的
  事项. So a 村民会议 may adopt it, and a 村民代表会议 only with a `Vote.mandate` (the
  record of the authorisation); any other body is refused. Where the rule book is written
  into the 村规民约 itself, 第27条 names the 村民会议 alone: pass a 村民会议's vote.
- the meeting must have had its quorum and the motion its majority, by the vote's own
  rules and by the statute's for that body (第22条 for the 村民会议, 第26条 for the
  村民代表会议), so that a local variant may be stricter than the law, never laxer: more
  than half of those present (到会人员的过半数), exactly half failing.

A vote down is judged the same way, and must be a motion that failed at a quorate meeting
of a competent body: an inquorate meeting decided nothing, and the draft stays before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs
import pendulum

from jiceng import (
    VILLAGER_REPRESENTATIVES_BODY,
    VILLAGERS_ASSEMBLY_BODY,
    Actor,
    Body,
    Entity,
    Label,
    Machine,
    Source,
    Transition,
    Vote,
)
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
_VOTE = Source("村民委员会组织法(2018) 第22条、第24条至第27条; seed 004: 召开村民代表大会进行投票")

COMPETENT_BODIES: Final[Mapping[str, Body]] = MappingProxyType(
    {body.code: body for body in (VILLAGERS_ASSEMBLY_BODY, VILLAGER_REPRESENTATIVES_BODY)}
)
"""The bodies that may decide a rule book, by code, each with the statute's rules."""


def _vote_problem(vote: Vote) -> tuple[str | None, Body | None]:
    """Why `vote` decided nothing about a rule book, and the statute's rules of its body."""
    if vote.body is None:
        return f"vote {vote.record} records no body or figures: give the vote itself", None
    statute = COMPETENT_BODIES.get(vote.body.code)
    if statute is None:
        return (
            f"a {vote.body.label.zh} cannot decide a rule book: 村民委员会组织法(2018) 第24条、"
            "第27条 leave it to the 村民会议, or to the 村民代表会议 it authorised (第25条)"
        ), None
    if statute is VILLAGER_REPRESENTATIVES_BODY and vote.mandate is None:
        return (
            "a 村民代表会议 decides only what the 村民会议 authorised (村民委员会组织法(2018) "
            "第25条: 讨论决定村民会议授权的事项): give the authorisation as the vote's mandate"
        ), statute
    return vote.inquorate() or vote.inquorate(statute), statute


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


def vote_lost(_: RuleBookAdoption, event: VotedDown) -> str | None:
    """A competent body, with its quorum (第22条、第26条), did not pass the draft."""
    problem, statute = _vote_problem(event.vote)
    if problem is not None:
        return problem
    if event.vote.failed() is None and event.vote.failed(statute) is None:
        return f"vote {event.vote.record} passed the draft: record it with adopt"
    return None


def voted_down(adoption: RuleBookAdoption, event: VotedDown) -> Mapping[str, Any]:
    return {"votes_down": (*adoption.votes_down, event.vote)}


# -- 表决通过 adopt --


def vote_carried(_: RuleBookAdoption, event: Adopted) -> str | None:
    """A competent body, with its quorum, passed the draft by more than half of those
    present (到会人员的过半数: 第22条、第26条), by its rules and by the statute's."""
    problem, statute = _vote_problem(event.vote)
    return problem or event.vote.failed() or event.vote.failed(statute)


def adopted(_: RuleBookAdoption, event: Adopted) -> Mapping[str, Any]:
    return {"vote": event.vote, "in_force_from": event.in_force_from}


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
            guard=vote_lost,
            fold=voted_down,
            source=_VOTE,
        ),
        Transition(
            command="adopt",
            event=Adopted,
            sources={AdoptionState.DRAFTED},
            target=AdoptionState.ADOPTED,
            label=Label("表决通过", "Adopt"),
            guard=vote_carried,
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
    """The adoption of a rule book (积分细则的制定) by a vote of the villagers.

    Only an adopted rule book can be put in force on a ledger
    (`PointsLedger.put_in_force`); drafting again after a vote down is a revision. `vote`
    is the vote that adopted it, `votes_down` those that refused earlier drafts.
    """

    id: str
    scheme: str
    ideas: tuple[str, ...] = ()
    rule_book: RuleBook | None = None
    vote: Vote | None = None
    in_force_from: pendulum.Date | None = None
    votes_down: tuple[Vote, ...] = ()

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

    def vote_down(self, *, vote: Vote, by: Actor, at: pendulum.DateTime) -> RuleBookAdoption:
        """The meeting refused the draft by `vote` (a quorate meeting of a competent body)."""
        check_allowed(self, "vote_down")
        return self._record(VotedDown(vote=vote, by=by, at=at))

    def adopt(
        self,
        *,
        vote: Vote,
        in_force_from: pendulum.Date,
        by: Actor,
        at: pendulum.DateTime,
    ) -> RuleBookAdoption:
        """The meeting adopted the draft by `vote` (策由民决).

        Refused (`InvalidTransition`, with the article) unless the 村民会议, or a
        村民代表会议 with the 村民会议's mandate, had its quorum and passed the draft by more
        than half of those present; see the module's docstring.

        `in_force_from` is the first day the rule book applies; it may not be before the
        day of the vote, since a rule book does not judge what happened before it existed.
        """
        check_allowed(self, "adopt")
        event = Adopted(vote=vote, in_force_from=in_force_from, by=by, at=at)
        if in_force_from < event.at.date():
            msg = f"{in_force_from} is before the vote on {event.at.date()}: no retroactive rules"
            raise ValidationError.single("in_force_from", msg)
        return self._record(event)

    def abandon(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> RuleBookAdoption:
        """Give the rule book up; `reason` says why."""
        check_allowed(self, "abandon")
        return self._record(Abandoned(reason=reason, by=by, at=at))
