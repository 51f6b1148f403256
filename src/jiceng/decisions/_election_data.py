"""Elections' and recalls' states, values and events (选举和罢免): pure data.

Read by `_elections` (`Election`, 村民委员会组织法 (2018) 第13条至第15条) and `_recalls`
(`Recall`, 第16条). `PollResult` and `RecallResult` hold the figures a count is announced
with. Every count is an integer and every share an exact `Threshold`: "过半数" is strict
(exactly half fails) and "三分之一" in the further round is reached by exactly a third.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Annotated, Final, TypeAlias

import attrs
import pendulum

from jiceng import Actor, CalendarDays, Event, Label, Source, State, TimeLimit, WorkCalendar
from jiceng.checks import between
from jiceng.decisions._meeting_data import BallotBox
from jiceng.decisions._thresholds import AT_LEAST_ONE_THIRD, MORE_THAN_HALF, Requisition

_VILLAGE_LAW = "村民委员会组织法(2018)"


def _ids(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


MAX_SEATS: Final = 7
"""村民委员会组织法(2018) 第6条第1款: 村民委员会由主任、副主任和委员共三至七人组成."""

Seats: TypeAlias = Annotated[int, between(1, MAX_SEATS)]
"""The seats an election fills (应选名额): 1 to 7. A whole committee has three to seven
members (第6条第1款); an election of one post (主任, say) or of a few fills fewer."""


NOMINATION_ARTICLE = Source(
    f"{_VILLAGE_LAW} 第15条第1款", "选举村民委员会，由登记参加选举的村民直接提名候选人"
)
MORE_CANDIDATES_ARTICLE = Source(f"{_VILLAGE_LAW} 第15条第1款", "候选人的名额应当多于应选名额")
VALIDITY_ARTICLE = Source(
    f"{_VILLAGE_LAW} 第15条第2款",
    "选举村民委员会，有登记参加选举的村民过半数投票，选举有效；"
    "候选人获得参加投票的村民过半数的选票，始得当选",
)
RUNOFF_ARTICLE = Source(
    f"{_VILLAGE_LAW} 第15条第2款",
    "当选人数不足应选名额的，不足的名额另行选举。另行选举的，第一次投票未当选的人员得票多的"
    "为候选人，候选人以得票多的当选，但是所得票数不得少于已投选票总数的三分之一",
)
ANNOUNCEMENT_ARTICLE = Source(
    f"{_VILLAGE_LAW} 第15条第3款", "选举实行无记名投票、公开计票的方法，选举结果应当当场公布"
)
PROXY_ARTICLE = Source(
    f"{_VILLAGE_LAW} 第15条第4款",
    "登记参加选举的村民，选举期间外出不能参加投票的，可以书面委托本村有选举权的近亲属代为投票。"
    "村民选举委员会应当公布委托人和受委托人的名单",
)


# `count` is no command of the table: it checks its counts as `announce` does, then picks one

REGISTER_NOTICE = TimeLimit(
    rule=CalendarDays(20),
    source=Source(
        f"{_VILLAGE_LAW} 第14条第1款",
        "登记参加选举的村民名单应当在选举日的二十日前由村民选举委员会公布",
    ),
    label=Label("选民名单公布期", "register notice"),
)
"""The register is published at least twenty days before election day: published on 1 May,
the election may be held on 21 May, not on 20 May."""

REGISTER_APPEAL_WINDOW = TimeLimit(
    rule=CalendarDays(5),
    source=Source(
        f"{_VILLAGE_LAW} 第14条第2款",
        "对登记参加选举的村民名单有异议的，应当自名单公布之日起五日内向村民选举委员会申诉",
    ),
    label=Label("申诉期", "appeal window"),
)
"""Appeals against the register come within five days of its publication (the day of
publication not counted)."""

REGISTER_APPEAL_DECISION = TimeLimit(
    rule=CalendarDays(3),
    source=Source(
        f"{_VILLAGE_LAW} 第14条第2款",
        "村民选举委员会应当自收到申诉之日起三日内作出处理决定，并公布处理结果",
    ),
    label=Label("申诉处理期限", "decision limit"),
)
"""Each appeal is decided, and the decision published, within three days of its receipt."""


# -- election ----------------------------------------------------------------------------


class ElectionState(State):
    """Where an election stands."""

    PUBLISHED = "published", "选民名单公布", "Register published"
    NOMINATING = "nominating", "提名候选人", "Nominating"
    POLLING = "polling", "投票中", "Polling"
    RUNOFF = "runoff", "另行选举投票中", "Further round"
    CONCLUDED = "concluded", "选举结果已公布", "Result announced"
    INVALID = "invalid", "选举无效", "Invalid"


class RegisterCorrection(enum.Enum):
    """What an appeal against the register asks for."""

    ADD = "add"  # 漏登: a villager who should be on the register is not
    REMOVE = "remove"  # 错登: someone on the register should not be

    def problem(self, voter: str, register: frozenset[str]) -> str | None:
        """Why this correction of `voter` does not apply to `register`, if it does not."""
        listed = voter in register
        if self is RegisterCorrection.ADD and listed:
            return f"{voter} is already on the register"
        if self is RegisterCorrection.REMOVE and not listed:
            return f"{voter} is not on the register"
        return None

    def apply(self, voter: str, register: frozenset[str]) -> frozenset[str]:
        """`register` with `voter` added or taken off."""
        return register | {voter} if self is RegisterCorrection.ADD else register - {voter}


@attrs.frozen(kw_only=True)
class RegisterAppeal:
    """An appeal (申诉) against the register of voters, and the committee's decision on it."""

    id: str
    by: Actor
    voter: str
    correction: RegisterCorrection
    text: str
    received: pendulum.DateTime
    upheld: bool | None = None
    decision: str | None = None
    decided: pendulum.DateTime | None = None


@attrs.frozen(kw_only=True)
class Nomination:
    """A registered voter (`nominator`) nominated `candidate` directly (直接提名)."""

    candidate: str
    nominator: str


@attrs.frozen(kw_only=True)
class Proxy:
    """A written proxy (书面委托): `proxy`, a registered close relative (近亲属) of `voter`,
    casts `voter`'s ballot; `relation` is the kinship the entrustment states."""

    voter: str
    proxy: str
    relation: str


def _most_votes_first(entry: tuple[str, int]) -> tuple[int, str]:
    return -entry[1], entry[0]


def _winners(qualified: list[tuple[str, int]], seats: int) -> tuple[str, ...]:
    """The `seats` candidates with the most votes; a tie for the last seat elects neither."""
    if len(qualified) > seats and qualified[seats][1] == qualified[seats - 1][1]:
        cut = qualified[seats - 1][1]
        return tuple(c for c, n in qualified if n > cut)
    return tuple(c for c, _ in qualified[:seats])


@attrs.frozen(kw_only=True)
class PollResult:
    """The count of one round (计票结果), as announced on the spot (当场公布).

    `round` is 1 for the first vote and 2 for the further round (另行选举); `seats` the seats
    it filled or could have filled; `ballots` the ballots cast (投票人数), invalid ones
    included, the base of both shares; `votes` every candidate of the round with their
    votes, most first; `valid` whether more than half of the `registered` voters voted;
    `needed` the fewest votes that elect (more than half of the ballots in the first
    round, at least a third in the further round).
    """

    round: int
    seats: int
    registered: int
    ballots: int
    invalid: int
    votes: tuple[tuple[str, int], ...]
    valid: bool
    needed: int
    elected: tuple[str, ...]

    @classmethod
    def count(
        cls,
        *,
        round: int,
        seats: int,
        registered: int,
        ballots: int,
        candidates: Sequence[str],
        votes: tuple[tuple[str, int], ...],
        invalid: int,
        counted: bool = True,
    ) -> PollResult:
        """Count a round (第15条第2款): valid when more than half of the `registered` voters
        cast `ballots`; more than half of the ballots elect in the first round, at least a
        third in the further round, the most votes first; a tie for the last seat elects
        neither. `counted` is false for a round that failed its turnout (its votes unsaid)."""
        rule = MORE_THAN_HALF if round == 1 else AT_LEAST_ONE_THIRD
        valid = MORE_THAN_HALF.met(ballots, registered)
        given = dict(votes)
        ranked = sorted(((c, given.get(c, 0)) for c in candidates), key=_most_votes_first)
        qualified = [(c, n) for c, n in ranked if valid and rule.met(n, ballots)]
        return cls(
            round=round,
            seats=seats,
            registered=registered,
            ballots=ballots,
            invalid=invalid,
            votes=tuple(ranked) if counted else (),
            valid=valid,
            needed=max(rule.minimum(ballots), 1),
            elected=_winners(qualified, seats),
        )

    @staticmethod
    def count_problem(
        votes: tuple[tuple[str, int], ...],
        invalid: int,
        *,
        ballots: int,
        candidates: Sequence[str],
        seats: int,
    ) -> str | None:
        """What is impossible about a count of `ballots` for `seats` among `candidates`."""
        if invalid > ballots:
            return f"{invalid} invalid ballots, but only {ballots} were cast"
        valid = ballots - invalid
        for candidate, n in votes:
            if candidate not in candidates:
                names = ", ".join(candidates)
                return f"{candidate} is not a candidate in this round; the candidates are {names}"
            if n > valid:
                return f"{candidate} has {n} votes, but only {valid} valid ballots were cast"
        marked = sum(n for _, n in votes)
        if marked > valid * seats:
            return f"{marked} votes on {valid} valid ballots, which mark at most {seats} names each"
        return None

    @property
    def runoff_candidates(self) -> tuple[str, ...]:
        """第一次投票未当选的人员得票多的: one more than the seats left (差额), and whoever ties
        with the last of them."""
        others = [(c, n) for c, n in self.votes if c not in self.elected]
        cut = others[self.unfilled][1]
        return tuple(c for c, n in others if n >= cut)

    @property
    def unfilled(self) -> int:
        """Seats this round left unfilled."""
        return self.seats - len(self.elected)

    def __str__(self) -> str:
        name = "第一次投票" if self.round == 1 else "另行选举"
        head = f"{name}：登记 {self.registered} 人，投票 {self.ballots} 人"
        if not self.valid:
            return f"{head}，未过半数，投票无效"
        counted = "、".join(f"{c} {n} 票" for c, n in self.votes)
        spoiled = f"，废票 {self.invalid}" if self.invalid else ""
        winners = "、".join(self.elected) or "无"
        text = f"{head}；{counted}{spoiled}；需 {self.needed} 票，当选 {winners}"
        return f"{text}；{self.unfilled} 个名额未选出" if self.unfilled else text


# -- election events ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RegisterPublished(Event):
    """The election committee published the register of voters for an election of `seats`
    on `election_day` (公布登记参加选举的村民名单)."""

    election_id: str
    title: str
    seats: int
    voters: frozenset[str] = attrs.field(converter=_ids)
    election_day: pendulum.Date
    calendar: WorkCalendar


@attrs.frozen(kw_only=True)
class RegisterAppealed(Event):
    """`by` appealed against the register (申诉): `voter` should be added or removed."""

    appeal: str
    voter: str
    correction: RegisterCorrection
    text: str


@attrs.frozen(kw_only=True)
class RegisterAppealDecided(Event):
    """The committee decided an appeal and published the decision (处理决定并公布)."""

    appeal: str
    upheld: bool
    text: str


@attrs.frozen(kw_only=True)
class RegisterFixed(Event):
    """The register was fixed (选民名单确定): the appeal window closed, every appeal decided."""


@attrs.frozen(kw_only=True)
class CandidateNominated(Event):
    """`by`, a registered voter, nominated `candidate` (提名候选人)."""

    candidate: str


@attrs.frozen(kw_only=True)
class ProxyAuthorised(Event):
    """The committee recorded and published a written proxy (委托投票)."""

    voter: str
    proxy: str
    relation: str


@attrs.frozen(kw_only=True)
class PollOpened(Event):
    """Voting began on election day, with every nominee as a candidate."""


@attrs.frozen(kw_only=True)
class BallotCast(Event):
    """`voter`'s secret ballot went into the box, cast by `by` (the voter or their proxy)."""

    voter: str


@attrs.frozen(kw_only=True)
class TurnoutFailed(Event):
    """Not more than half of the registered voters voted: the election is invalid."""


@attrs.frozen(kw_only=True)
class RunoffCalled(Event):
    """The first round was counted in public and left seats unfilled: a further round
    (另行选举) is called among the candidates not elected with the most votes."""

    votes: tuple[tuple[str, int], ...]
    invalid: int


@attrs.frozen(kw_only=True)
class ResultAnnounced(Event):
    """The last round was counted in public and the result announced on the spot."""

    votes: tuple[tuple[str, int], ...]
    invalid: int


# -- recall ------------------------------------------------------------------------------


class RecallState(State):
    """Where a recall stands."""

    REQUESTED = "requested", "已提出罢免要求", "Requested"
    VOTING = "voting", "罢免投票中", "Voting"
    RECALLED = "recalled", "罢免通过", "Recalled"
    RETAINED = "retained", "罢免未通过", "Not recalled"


@attrs.frozen(kw_only=True)
class RecallResult:
    """The count of a recall vote: the box, against the registered voters and those voting.

    It passes only when more than half of the `registered` voters voted (`turnout_met`)
    and more than half of the `ballots` cast approve (`needed` approvals at least).
    """

    registered: int
    ballots: int
    box: BallotBox
    turnout_met: bool
    needed: int
    passed: bool

    def __str__(self) -> str:
        box = self.box
        spoiled = f"、废票 {box.invalid}" if box.invalid else ""
        figures = (
            f"赞成 {box.yes}、反对 {box.no}、弃权 {box.abstain}{spoiled}"
            f"（登记 {self.registered} 人，投票 {self.ballots} 人）"
        )
        if not self.turnout_met:
            return f"{figures}；投票人数未过半数，罢免未通过"
        return f"{figures}；需赞成 {self.needed} 票，罢免{'通过' if self.passed else '未通过'}"


@attrs.frozen(kw_only=True)
class RecallRequested(Event):
    """A recall of `member` was requested jointly (联名提出罢免要求), with its reasons."""

    recall_id: str
    member: Actor
    reasons: str
    requisition: Requisition


@attrs.frozen(kw_only=True)
class DefenceGiven(Event):
    """The member answered the request (提出申辩意见)."""

    text: str


@attrs.frozen(kw_only=True)
class RecallVoteOpened(Event):
    """The vote on the recall began, on the register of `voters`."""

    voters: frozenset[str] = attrs.field(converter=_ids)


@attrs.frozen(kw_only=True)
class RecallVoted(Event):
    """`by`, a registered voter, cast their secret ballot on the recall."""


@attrs.frozen(kw_only=True)
class RecallApproved(Event):
    """The box was counted in public and the recall passed."""

    box: BallotBox


@attrs.frozen(kw_only=True)
class RecallRejected(Event):
    """The box was counted in public and the recall failed."""

    box: BallotBox
