"""Recalling a member of the villagers' committee (罢免村民委员会成员).

村民委员会组织法 (2018) 第16条. A `Recall` (罢免) is requested jointly by at least a fifth of
the villagers with the vote or a third of the villagers' representatives, with its reasons;
the member may answer (申辩); it passes only if more than half of the registered voters vote
and more than half of those voting approve. "过半数" is strict: exactly half fails. Each
command's guards and fold stand together below, in the order of the table; the states,
values and events are in `_election_data`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Self

import attrs
import pendulum

from jiceng import Actor, Entity, Label, Machine, Source, Transition
from jiceng.checks import checked
from jiceng.decisions._election_data import (
    DefenceGiven,
    RecallApproved,
    RecallRejected,
    RecallRequested,
    RecallResult,
    RecallState,
    RecallVoted,
    RecallVoteOpened,
)
from jiceng.decisions._meeting_data import BallotBox
from jiceng.decisions._rolls import RollKind
from jiceng.decisions._thresholds import (
    AT_LEAST_ONE_FIFTH,
    AT_LEAST_ONE_THIRD,
    MORE_THAN_HALF,
    Requisition,
    RequisitionRule,
)
from jiceng.exceptions import ValidationError

_VILLAGE_LAW = "村民委员会组织法(2018)"

_RECALL_REQUEST = Source(
    f"{_VILLAGE_LAW} 第16条第1款",
    "本村五分之一以上有选举权的村民或者三分之一以上的村民代表联名，可以提出罢免村民委员会成员的"
    "要求，并说明要求罢免的理由",
)
_DEFENCE = Source(f"{_VILLAGE_LAW} 第16条第1款", "被提出罢免的村民委员会成员有权提出申辩意见")
_RECALL_VOTE = Source(
    f"{_VILLAGE_LAW} 第16条第2款",
    "罢免村民委员会成员，须有登记参加选举的村民过半数投票，并须经投票的村民过半数通过",
)


RECALL_REQUESTERS: tuple[RequisitionRule, ...] = (
    RequisitionRule(roll=RollKind.ADULTS, threshold=AT_LEAST_ONE_FIFTH, source=_RECALL_REQUEST),
    RequisitionRule(
        roll=RollKind.REPRESENTATIVES, threshold=AT_LEAST_ONE_THIRD, source=_RECALL_REQUEST
    ),
)
"""Who may request a recall: 五分之一以上有选举权的村民 or 三分之一以上的村民代表 (以上: the
bound itself suffices)."""


# -- 提出罢免要求 request --


def requested(_: None, event: RecallRequested) -> Mapping[str, Any]:
    return {
        "id": event.recall_id,
        "member": event.member,
        "reasons": event.reasons,
        "requisition": event.requisition,
    }


# -- 申辩 defend --


def member_defends(recall: Recall, event: DefenceGiven) -> str | None:
    """The member the recall is about answers it, once (第16条第1款)."""
    if event.by.id != recall.member.id:
        return f"only {recall.member}, whose recall is requested, gives the defence"
    if recall.defence is not None:
        return f"{recall.member} has already given their defence"
    return None


def defence_given(_: Recall, event: DefenceGiven) -> Mapping[str, Any]:
    return {"defence": event.text}


# -- 开始罢免投票 open_vote --


def vote_opened(_: Recall, event: RecallVoteOpened) -> Mapping[str, Any]:
    return {"voters": event.voters}


# -- 投票 vote --


def may_vote_on_recall(recall: Recall, event: RecallVoted) -> str | None:
    """Registered voters vote, once each."""
    voter = event.by.id
    if voter not in recall.voters:
        return f"{voter} is not on the register of voters"
    if voter in recall.voted:
        return f"{voter} has already voted"
    return None


def recall_voted(recall: Recall, event: RecallVoted) -> Mapping[str, Any]:
    return {"voted": recall.voted | {event.by.id}}


# -- 计票 counting the box (approve, reject) --


def _recall_result(recall: Recall, box: BallotBox) -> RecallResult:
    registered, ballots = len(recall.voters), len(recall.voted)
    turnout = MORE_THAN_HALF.met(ballots, registered)
    return RecallResult(
        registered=registered,
        ballots=ballots,
        box=box,
        turnout_met=turnout,
        needed=MORE_THAN_HALF.minimum(ballots),
        passed=turnout and MORE_THAN_HALF.met(box.yes, ballots),
    )


def _box_problem(recall: Recall, box: BallotBox) -> str | None:
    if box.total != len(recall.voted):
        return f"the box holds {box.total} ballots but {len(recall.voted)} voters voted"
    return None


def counted(recall: Recall, event: RecallApproved | RecallRejected) -> Mapping[str, Any]:
    return {"result": _recall_result(recall, event.box)}


# -- 罢免通过 approve --


def recall_passed(recall: Recall, event: RecallApproved) -> str | None:
    """A recall passes with more than half of the registered voters voting and more than half
    of those voting approving (第16条第2款)."""
    problem = _box_problem(recall, event.box)
    if problem is not None:
        return problem
    result = _recall_result(recall, event.box)
    return None if result.passed else f"the recall failed: {result}"


# -- 罢免未通过 reject --


def recall_failed(recall: Recall, event: RecallRejected) -> str | None:
    """A recall fails unless both majorities of 第16条第2款 are met."""
    problem = _box_problem(recall, event.box)
    if problem is not None:
        return problem
    result = _recall_result(recall, event.box)
    return f"the recall passed: {result}" if result.passed else None


# -- the machine -------------------------------------------------------------------------

RECALL: Machine[RecallState] = Machine(
    name="decisions.recall",
    label=Label("罢免村民委员会成员", "Recall of a committee member"),
    states=RecallState,
    initial=RecallState.REQUESTED,
    final={RecallState.RECALLED, RecallState.RETAINED},
    transitions=[
        Transition(
            command="request",
            event=RecallRequested,
            sources=(),
            target=RecallState.REQUESTED,
            label=Label("提出罢免要求", "Request a recall"),
            fold=requested,
            source=_RECALL_REQUEST,
        ),
        Transition(
            command="defend",
            event=DefenceGiven,
            sources={RecallState.REQUESTED, RecallState.VOTING},
            target=None,
            label=Label("申辩", "Answer"),
            guard=member_defends,
            fold=defence_given,
            source=_DEFENCE,
        ),
        Transition(
            command="open_vote",
            event=RecallVoteOpened,
            sources={RecallState.REQUESTED},
            target=RecallState.VOTING,
            label=Label("开始罢免投票", "Open the vote"),
            fold=vote_opened,
        ),
        Transition(
            command="vote",
            event=RecallVoted,
            sources={RecallState.VOTING},
            target=None,
            label=Label("投票", "Vote"),
            guard=may_vote_on_recall,
            fold=recall_voted,
        ),
        Transition(
            command="approve",
            event=RecallApproved,
            sources={RecallState.VOTING},
            target=RecallState.RECALLED,
            label=Label("罢免通过", "Recall"),
            guard=recall_passed,
            fold=counted,
            source=_RECALL_VOTE,
        ),
        Transition(
            command="reject",
            event=RecallRejected,
            sources={RecallState.VOTING},
            target=RecallState.RETAINED,
            label=Label("罢免未通过", "Reject the recall"),
            guard=recall_failed,
            fold=counted,
            source=_RECALL_VOTE,
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Recall(Entity[RecallState], machine=RECALL):
    """A recall (罢免) of a member of the villagers' committee.

    >>> from jiceng.decisions import BallotBox, Requisition, Roll
    >>> t = pendulum.datetime(2026, 7, 1, 9, tz="Asia/Shanghai")
    >>> vec = Actor.department("vec", "村民选举委员会")
    >>> reps = Roll.participants(["r1", "r2", "r3"])
    >>> reps = Roll(kind=RollKind.REPRESENTATIVES, members=reps.members)
    >>> r = Recall.request(id="BM-1", member=Actor.person("m", "王某"), reasons="长期不履职",
    ...     requisition=Requisition(roll=reps, signatories=["r1"]), by=vec, at=t)
    >>> r = r.open_vote(["a", "b", "c"], by=vec, at=t.add(days=10))
    >>> for voter in ["a", "b"]:
    ...     r = r.vote(by=Actor.person(voter), at=t.add(days=10))
    >>> r = r.count(BallotBox(yes=2, no=0), by=vec, at=t.add(days=10, hours=2))
    >>> r.state.zh
    '罢免通过'
    """

    id: str
    member: Actor
    reasons: str
    requisition: Requisition
    defence: str | None = None
    voters: frozenset[str] = frozenset()
    voted: frozenset[str] = frozenset()
    result: RecallResult | None = None

    @classmethod
    def request(
        cls,
        *,
        id: str,
        member: Actor,
        reasons: str,
        requisition: Requisition,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Recall:
        """Request the recall of `member`, signed as `requisition` shows, with `reasons`.

        `ValidationError` without reasons (说明要求罢免的理由: ``request.reasons``, a text that
        is not blank); `RequisitionError` unless the signatories are at least a fifth of the
        villagers with the vote (a roll of 十八周岁以上的村民) or a third of the villagers'
        representatives (exactly a fifth or a third suffices).
        """
        event = RecallRequested(
            recall_id=id, member=member, reasons=reasons, requisition=requisition, by=by, at=at
        )
        requisition.check(RECALL_REQUESTERS, "recall of a villagers' committee member")
        return cls._start(event)

    def defend(self, *, text: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The member answers the request (申辩), once, before the count."""
        return self._record(DefenceGiven(text=text, by=by, at=at))

    def open_vote(self, voters: Iterable[str], *, by: Actor, at: pendulum.DateTime) -> Self:
        """Open the vote on the register of `voters` (登记参加选举的村民); refused with
        nobody on it."""
        register = frozenset(voters)
        if not register:
            msg = "the register needs at least one voter"
            raise ValidationError.single("open_vote.voters", msg, subject="Recall command")
        return self._record(RecallVoteOpened(voters=register, by=by, at=at))

    def vote(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """`by`, a registered voter, casts their secret ballot; only that they voted is kept."""
        return self._record(RecallVoted(by=by, at=at))

    @checked
    def count(self, box: BallotBox, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Count the box in public and record the outcome: `approve` or `reject`."""
        if self.state is RecallState.VOTING and _recall_result(self, box).passed:
            return self.approve(box, by=by, at=at)
        return self.reject(box, by=by, at=at)

    def approve(self, box: BallotBox, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that the recall passed; refused unless the box shows it did."""
        return self._record(RecallApproved(box=box, by=by, at=at))

    def reject(self, box: BallotBox, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that the recall failed; refused unless the box shows it did."""
        return self._record(RecallRejected(box=box, by=by, at=at))
