"""Electing and recalling the villagers' committee (村民委员会的选举和罢免).

村民委员会组织法 (2018) 第13条至第16条. An `Election` begins when the villagers' election
committee (村民选举委员会) publishes the register of voters (登记参加选举的村民名单), at least
twenty days before election day (第14条第1款). Appeals (申诉) against the register come within
five days of its publication and are decided within three days of their receipt; an upheld
appeal adds a villager to the register or takes one off (第14条第2款). Once the register is
fixed, registered voters nominate the candidates directly, and there must be more
candidates than seats (差额选举, 第15条第1款). On election day each registered voter's ballot
is cast once, by the voter or by the registered close relative they entrusted in writing
(委托投票, 第15条第4款). The election is valid only if more than half of the registered voters
vote; a candidate with more than half of the ballots cast is elected; seats left unfilled go
to a further round (另行选举) among the candidates not elected with the most votes, where the
most votes win, but never fewer than a third of the ballots cast (第15条第2款).

A `Recall` (罢免) is requested jointly by at least a fifth of the villagers with the vote or
a third of the villagers' representatives, with its reasons; the member may answer (申辩);
it passes only if more than half of the registered voters vote and more than half of those
voting approve (第16条).

Every count is an integer and every share an exact `Threshold`: "过半数" is strict (exactly
half fails) and "三分之一" in the further round is reached by exactly a third.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Final, Self, TypeAlias

import attrs
import pendulum

from jiceng import (
    Actor,
    CalendarDays,
    Deadline,
    Entity,
    Event,
    Label,
    Machine,
    Source,
    State,
    TimeLimit,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.checks import between, check_for, checked, instance_of
from jiceng.decisions._meeting_data import BallotBox, Ballots, local_day
from jiceng.decisions._rolls import RollKind
from jiceng.decisions._thresholds import (
    AT_LEAST_ONE_FIFTH,
    AT_LEAST_ONE_THIRD,
    MORE_THAN_HALF,
    Requisition,
    RequisitionRule,
)
from jiceng.exceptions import NotFoundError, ValidationError

__all__ = [
    "ELECTION",
    "MAX_SEATS",
    "RECALL",
    "RECALL_REQUESTERS",
    "REGISTER_APPEAL_DECISION",
    "REGISTER_APPEAL_WINDOW",
    "REGISTER_NOTICE",
    "BallotCast",
    "CandidateNominated",
    "DefenceGiven",
    "Election",
    "ElectionState",
    "Nomination",
    "PollOpened",
    "PollResult",
    "Proxy",
    "ProxyAuthorised",
    "Recall",
    "RecallApproved",
    "RecallRejected",
    "RecallRequested",
    "RecallResult",
    "RecallState",
    "RecallVoteOpened",
    "RecallVoted",
    "RegisterAppeal",
    "RegisterAppealDecided",
    "RegisterAppealed",
    "RegisterCorrection",
    "RegisterFixed",
    "RegisterPublished",
    "ResultAnnounced",
    "RunoffCalled",
    "Seats",
    "TurnoutFailed",
]

_LAW = "村民委员会组织法(2018)"

_NOMINATION = Source(f"{_LAW} 第15条第1款", "选举村民委员会，由登记参加选举的村民直接提名候选人")
_MORE_CANDIDATES = Source(f"{_LAW} 第15条第1款", "候选人的名额应当多于应选名额")
_VALIDITY = Source(
    f"{_LAW} 第15条第2款",
    "选举村民委员会，有登记参加选举的村民过半数投票，选举有效；"
    "候选人获得参加投票的村民过半数的选票，始得当选",
)
_RUNOFF = Source(
    f"{_LAW} 第15条第2款",
    "当选人数不足应选名额的，不足的名额另行选举。另行选举的，第一次投票未当选的人员得票多的"
    "为候选人，候选人以得票多的当选，但是所得票数不得少于已投选票总数的三分之一",
)
_ANNOUNCEMENT = Source(
    f"{_LAW} 第15条第3款", "选举实行无记名投票、公开计票的方法，选举结果应当当场公布"
)
_PROXY = Source(
    f"{_LAW} 第15条第4款",
    "登记参加选举的村民，选举期间外出不能参加投票的，可以书面委托本村有选举权的近亲属代为投票。"
    "村民选举委员会应当公布委托人和受委托人的名单",
)
_RECALL_REQUEST = Source(
    f"{_LAW} 第16条第1款",
    "本村五分之一以上有选举权的村民或者三分之一以上的村民代表联名，可以提出罢免村民委员会成员的"
    "要求，并说明要求罢免的理由",
)
_DEFENCE = Source(f"{_LAW} 第16条第1款", "被提出罢免的村民委员会成员有权提出申辩意见")
_RECALL_VOTE = Source(
    f"{_LAW} 第16条第2款",
    "罢免村民委员会成员，须有登记参加选举的村民过半数投票，并须经投票的村民过半数通过",
)

REGISTER_NOTICE = TimeLimit(
    rule=CalendarDays(20),
    source=Source(
        f"{_LAW} 第14条第1款", "登记参加选举的村民名单应当在选举日的二十日前由村民选举委员会公布"
    ),
    label=Label("选民名单公布期", "register notice"),
)
"""The register is published at least twenty days before election day: published on 1 May,
the election may be held on 21 May, not on 20 May."""

REGISTER_APPEAL_WINDOW = TimeLimit(
    rule=CalendarDays(5),
    source=Source(
        f"{_LAW} 第14条第2款",
        "对登记参加选举的村民名单有异议的，应当自名单公布之日起五日内向村民选举委员会申诉",
    ),
    label=Label("申诉期", "appeal window"),
)
"""Appeals against the register come within five days of its publication (the day of
publication not counted)."""

REGISTER_APPEAL_DECISION = TimeLimit(
    rule=CalendarDays(3),
    source=Source(
        f"{_LAW} 第14条第2款",
        "村民选举委员会应当自收到申诉之日起三日内作出处理决定，并公布处理结果",
    ),
    label=Label("申诉处理期限", "decision limit"),
)
"""Each appeal is decided, and the decision published, within three days of its receipt."""

RECALL_REQUESTERS: tuple[RequisitionRule, ...] = (
    RequisitionRule(roll=RollKind.ADULTS, threshold=AT_LEAST_ONE_FIFTH, source=_RECALL_REQUEST),
    RequisitionRule(
        roll=RollKind.REPRESENTATIVES, threshold=AT_LEAST_ONE_THIRD, source=_RECALL_REQUEST
    ),
)
"""Who may request a recall: 五分之一以上有选举权的村民 or 三分之一以上的村民代表 (以上: the
bound itself suffices)."""


def _ids(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


MAX_SEATS: Final = 7
"""村民委员会组织法(2018) 第6条第1款: 村民委员会由主任、副主任和委员共三至七人组成."""

Seats: TypeAlias = Annotated[int, between(1, MAX_SEATS)]
"""The seats an election fills (应选名额): 1 to 7. A whole committee has three to seven
members (第6条第1款); an election of one post (主任, say) or of a few fills fewer."""

# `count` is no command of the table: it checks its counts as `announce` does, then picks one
_VOTES = check_for(Mapping[str, Ballots])
_INVALID = check_for(Ballots)


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


# -- election guards ---------------------------------------------------------------------


def _find_appeal(election: Election, appeal_id: str) -> RegisterAppeal | None:
    return next((a for a in election.appeals if a.id == appeal_id), None)


def _correction_problem(
    election: Election, voter: str, correction: RegisterCorrection
) -> str | None:
    listed = voter in election.voters
    if correction is RegisterCorrection.ADD and listed:
        return f"{voter} is already on the register"
    if correction is RegisterCorrection.REMOVE and not listed:
        return f"{voter} is not on the register"
    return None


def within_appeal_window(election: Election, event: RegisterAppealed) -> str | None:
    """Appeals come within five days of publication (第14条第2款), each with a new id, against
    a listing that is wrong as the register stands."""
    if _find_appeal(election, event.appeal) is not None:
        return f"appeal {event.appeal} has already been made"
    window = election.appeal_deadline
    if window.overdue(event.at):
        return f"the appeal window closed: {window}"
    return _correction_problem(election, event.voter, event.correction)


def undecided(election: Election, event: RegisterAppealDecided) -> str | None:
    """Each appeal is decided once; an appeal upheld must still change the register."""
    appeal = _find_appeal(election, event.appeal)
    if appeal is None:
        return f"no appeal {event.appeal} has been made"
    if appeal.upheld is not None:
        return f"appeal {event.appeal} has already been decided"
    if event.upheld:
        return _correction_problem(election, appeal.voter, appeal.correction)
    return None


def register_settled(election: Election, event: RegisterFixed) -> str | None:
    """The register is fixed once the appeal window has closed and every appeal is decided,
    so that the vote runs on the register as corrected."""
    window = election.appeal_deadline
    if not window.overdue(event.at):
        return f"appeals are taken until the window closes: {window}"
    waiting = [a.id for a in election.appeals if a.upheld is None]
    return f"appeals not yet decided: {', '.join(waiting)}" if waiting else None


def may_nominate(election: Election, event: CandidateNominated) -> str | None:
    """Registered voters nominate registered villagers directly (第15条第1款); a voter
    nominates a candidate once."""
    nominator, candidate = event.by.id, event.candidate
    if nominator not in election.voters:
        return f"{nominator} is not on the register, so cannot nominate"
    if candidate not in election.voters:
        return f"{candidate} is not on the register, so cannot stand"
    if Nomination(candidate=candidate, nominator=nominator) in election.nominations:
        return f"{nominator} has already nominated {candidate}"
    return None


def may_authorise(election: Election, event: ProxyAuthorised) -> str | None:
    """A registered voter entrusts their ballot, in writing, to another registered voter who
    is a close relative, once, before it is cast (第15条第4款)."""
    for who in (event.voter, event.proxy):
        if who not in election.voters:
            return f"{who} is not on the register of voters"
    if event.voter == event.proxy:
        return f"{event.voter} cannot be their own proxy"
    held = election.proxy_of(event.voter)
    if held is not None:
        return f"{event.voter} has already entrusted their ballot to {held.proxy}"
    if event.voter in election.voted:
        return f"{event.voter}'s ballot has already been cast"
    return None


def poll_may_open(election: Election, event: PollOpened) -> str | None:
    """The poll opens on election day, with more candidates than seats (差额选举, 第15条第1款)."""
    day = local_day(event.at, election.calendar)
    if day != election.election_day:
        return f"the register was published for an election on {election.election_day}, not {day}"
    nominees = len(election.nominees)
    if nominees <= election.seats:
        return (
            f"{nominees} candidates for {election.seats} seats: {_MORE_CANDIDATES} requires "
            "more candidates than seats"
        )
    return None


def may_cast(election: Election, event: BallotCast) -> str | None:
    """Each registered voter's ballot is cast once a round, by the voter or by their proxy."""
    voter = event.voter
    if voter not in election.voters:
        return f"{voter} is not on the register of voters"
    if voter in election.voted:
        return f"{voter}'s ballot has already been cast in this round"
    if event.by.id != voter:
        held = election.proxy_of(voter)
        if held is None or held.proxy != event.by.id:
            return f"{event.by.id} holds no written proxy from {voter}"
    return None


def _turnout_text(election: Election) -> str:
    return f"{len(election.voted)} of {len(election.voters)} registered voters voted"


def turnout_failed(election: Election, event: TurnoutFailed) -> str | None:
    """The election is invalid when not more than half of the registered voters voted
    (第15条第2款); exactly half is not enough."""
    if election.turnout_met:
        return f"{_turnout_text(election)}, more than half: count the votes"
    return None


def _count_problem(
    election: Election, votes: tuple[tuple[str, int], ...], invalid: int
) -> str | None:
    ballots = len(election.voted)
    if invalid > ballots:
        return f"{invalid} invalid ballots, but only {ballots} were cast"
    valid, seats = ballots - invalid, election.seats_left
    for candidate, n in votes:
        if candidate not in election.candidates:
            names = ", ".join(election.candidates)
            return f"{candidate} is not a candidate in this round; the candidates are {names}"
        if n > valid:
            return f"{candidate} has {n} votes, but only {valid} valid ballots were cast"
    marked = sum(n for _, n in votes)
    if marked > valid * seats:
        return f"{marked} votes on {valid} valid ballots, which mark at most {seats} names each"
    return None


def runoff_needed(election: Election, event: RunoffCalled) -> str | None:
    """A further round is called when a valid first round left seats unfilled (第15条第2款)."""
    problem = _count_problem(election, event.votes, event.invalid)
    if problem is not None:
        return problem
    if not election.turnout_met:
        return f"{_turnout_text(election)}, not more than half: the election is invalid"
    result = _poll_result(election, event.votes, event.invalid)
    if not result.unfilled:
        return f"every seat is filled ({', '.join(result.elected)}): announce the result"
    return None


def may_announce(election: Election, event: ResultAnnounced) -> str | None:
    """The count is announced on the spot (第15条第3款); after the first round only if it was
    valid and filled every seat. A further round's result is announced whatever it is."""
    problem = _count_problem(election, event.votes, event.invalid)
    if problem is not None or election.state is ElectionState.RUNOFF:
        return problem
    if not election.turnout_met:
        return f"{_turnout_text(election)}, not more than half: the election is invalid"
    result = _poll_result(election, event.votes, event.invalid)
    if result.unfilled:
        return f"{result.unfilled} seat(s) unfilled: call a further round (另行选举)"
    return None


def _most_votes_first(entry: tuple[str, int]) -> tuple[int, str]:
    return -entry[1], entry[0]


def _winners(qualified: list[tuple[str, int]], seats: int) -> tuple[str, ...]:
    """The `seats` candidates with the most votes; a tie for the last seat elects neither."""
    if len(qualified) > seats and qualified[seats][1] == qualified[seats - 1][1]:
        cut = qualified[seats - 1][1]
        return tuple(c for c, n in qualified if n > cut)
    return tuple(c for c, _ in qualified[:seats])


def _poll_result(
    election: Election, votes: tuple[tuple[str, int], ...], invalid: int, *, counted: bool = True
) -> PollResult:
    """The current round counted: `votes` by candidate (a candidate not named has none)."""
    first = not election.results
    rule = MORE_THAN_HALF if first else AT_LEAST_ONE_THIRD
    registered, ballots, seats = len(election.voters), len(election.voted), election.seats_left
    valid = election.turnout_met
    given = dict(votes)
    ranked = sorted(((c, given.get(c, 0)) for c in election.candidates), key=_most_votes_first)
    qualified = [(c, n) for c, n in ranked if valid and rule.met(n, ballots)]
    return PollResult(
        round=len(election.results) + 1,
        seats=seats,
        registered=registered,
        ballots=ballots,
        invalid=invalid,
        votes=tuple(ranked) if counted else (),
        valid=valid,
        needed=max(rule.minimum(ballots), 1),
        elected=_winners(qualified, seats),
    )


def _runoff_candidates(result: PollResult) -> tuple[str, ...]:
    """第一次投票未当选的人员得票多的: one more than the seats left (差额), and whoever ties
    with the last of them."""
    others = [(c, n) for c, n in result.votes if c not in result.elected]
    cut = others[result.unfilled][1]
    return tuple(c for c, n in others if n >= cut)


_E = ElectionState

ELECTION: Machine[ElectionState] = Machine(
    name="decisions.election",
    label=Label("村民委员会选举", "Villagers' committee election"),
    states=ElectionState,
    initial=_E.PUBLISHED,
    final={_E.CONCLUDED, _E.INVALID},
    transitions=[
        Transition(
            command="publish",
            event=RegisterPublished,
            sources=(),
            target=_E.PUBLISHED,
            label=Label("公布选民名单", "Publish the register"),
            source=REGISTER_NOTICE.source,
        ),
        Transition(
            command="appeal",
            event=RegisterAppealed,
            sources={_E.PUBLISHED},
            target=None,
            label=Label("申诉", "Appeal"),
            guard=within_appeal_window,
            source=REGISTER_APPEAL_WINDOW.source,
        ),
        Transition(
            command="decide_appeal",
            event=RegisterAppealDecided,
            sources={_E.PUBLISHED},
            target=None,
            label=Label("处理申诉", "Decide an appeal"),
            guard=undecided,
            source=REGISTER_APPEAL_DECISION.source,
        ),
        Transition(
            command="fix_register",
            event=RegisterFixed,
            sources={_E.PUBLISHED},
            target=_E.NOMINATING,
            label=Label("确定选民名单", "Fix the register"),
            guard=register_settled,
        ),
        Transition(
            command="nominate",
            event=CandidateNominated,
            sources={_E.NOMINATING},
            target=None,
            label=Label("提名候选人", "Nominate"),
            guard=may_nominate,
            source=_NOMINATION,
        ),
        Transition(
            command="authorise_proxy",
            event=ProxyAuthorised,
            sources={_E.NOMINATING, _E.POLLING, _E.RUNOFF},
            target=None,
            label=Label("委托投票", "Record a proxy"),
            guard=may_authorise,
            source=_PROXY,
        ),
        Transition(
            command="open_poll",
            event=PollOpened,
            sources={_E.NOMINATING},
            target=_E.POLLING,
            label=Label("开始投票", "Open the poll"),
            guard=poll_may_open,
            source=_MORE_CANDIDATES,
        ),
        Transition(
            command="vote",
            event=BallotCast,
            sources={_E.POLLING, _E.RUNOFF},
            target=None,
            label=Label("投票", "Vote"),
            guard=may_cast,
            source=_ANNOUNCEMENT,
        ),
        Transition(
            command="fail_turnout",
            event=TurnoutFailed,
            sources={_E.POLLING},
            target=_E.INVALID,
            label=Label("投票人数未过半", "Record a failed turnout"),
            guard=turnout_failed,
            source=_VALIDITY,
        ),
        Transition(
            command="call_runoff",
            event=RunoffCalled,
            sources={_E.POLLING},
            target=_E.RUNOFF,
            label=Label("另行选举", "Call a further round"),
            guard=runoff_needed,
            source=_RUNOFF,
        ),
        Transition(
            command="announce",
            event=ResultAnnounced,
            sources={_E.POLLING, _E.RUNOFF},
            target=_E.CONCLUDED,
            label=Label("当场公布选举结果", "Announce the result"),
            guard=may_announce,
            source=_ANNOUNCEMENT,
        ),
    ],
)


def _counts(votes: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """`votes` as (candidate, votes) pairs in candidate order."""
    return tuple(sorted(votes.items()))


@attrs.frozen(kw_only=True)
class Election(Entity[ElectionState], machine=ELECTION):
    """An election of the villagers' committee (村民委员会选举), or of one of its posts.

    `voters` is the register (登记参加选举的村民名单) as corrected by upheld appeals;
    `candidates` and `voted` belong to the current round, `results` holds each round's count.
    An appeal decided after its three days is recorded and reported by `late_decisions`,
    not refused: the appellant is owed a decision however late.

    >>> vec = Actor.department("vec", "村民选举委员会")
    >>> t = pendulum.datetime(2026, 5, 1, 9, tz="Asia/Shanghai")
    >>> e = Election.publish(id="E-1", title="村民委员会主任", seats=1, voters=["a", "b", "c"],
    ...     election_day=pendulum.Date(2026, 5, 21), by=vec, at=t)
    >>> e = e.fix_register(by=vec, at=t.add(days=6))
    >>> e = e.nominate("a", by=Actor.person("c"), at=t.add(days=7))
    >>> e = e.nominate("b", by=Actor.person("c"), at=t.add(days=7))
    >>> e = e.open_poll(by=vec, at=t.add(days=20))
    >>> for voter in ["a", "b"]:
    ...     e = e.vote(by=Actor.person(voter), at=t.add(days=20))
    >>> e = e.count({"a": 2}, by=vec, at=t.add(days=20, hours=3))
    >>> e.elected, e.state.zh
    (('a',), '选举结果已公布')
    """

    id: str
    title: str
    seats: int
    voters: frozenset[str]
    election_day: pendulum.Date
    calendar: WorkCalendar
    appeals: tuple[RegisterAppeal, ...] = ()
    nominations: tuple[Nomination, ...] = ()
    proxies: tuple[Proxy, ...] = ()
    candidates: tuple[str, ...] = ()
    voted: frozenset[str] = frozenset()
    results: tuple[PollResult, ...] = ()

    # -- commands ---------------------------------------------------------------------

    @classmethod
    def publish(
        cls,
        *,
        id: str,
        title: str,
        seats: Seats,
        voters: Iterable[str],
        election_day: pendulum.Date,
        calendar: WorkCalendar | None = None,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Election:
        """The election committee publishes the register of `voters` for an election of
        `seats` (1 to 7, `Seats`) on `election_day` (a local date on `calendar`; weekends only
        by default).

        Refused (`ValidationError`) without a voter, and when election day is less than
        twenty days away: published on 1 May, the election may be held on 21 May, not on
        20 May (第14条第1款).
        """
        register = frozenset(voters)
        if not register:
            msg = "the register needs at least one voter"
            raise ValidationError.single("publish.voters", msg, subject="Election command")
        calendar = calendar or WeekendCalendar()
        event = RegisterPublished(
            election_id=id,
            title=title,
            seats=seats,
            voters=register,
            election_day=election_day,
            calendar=calendar,
            by=by,
            at=at,
        )
        earliest = REGISTER_NOTICE.rule.due(event.at, calendar).date()
        if election_day < earliest:
            msg = (
                f"published on {local_day(event.at, calendar)}, the register allows an election "
                f"on {earliest} at the earliest, not on {election_day} ({REGISTER_NOTICE})"
            )
            raise ValidationError.single("election_day", msg, subject="register")
        return cls._start(event)

    def appeal(
        self,
        appeal_id: str,
        *,
        voter: str,
        correction: RegisterCorrection,
        text: str,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """`by` appeals against the register (申诉): `voter` should be added or removed.
        Refused after the fifth day from publication, and when the register already has it
        the way the appeal asks."""
        event = RegisterAppealed(
            appeal=appeal_id, voter=voter, correction=correction, text=text, by=by, at=at
        )
        return self._record(event)

    def decide_appeal(
        self, appeal_id: str, *, upheld: bool, text: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Decide an appeal and publish the decision (`text`); an upheld appeal corrects the
        register. A decision after three days from receipt shows in `late_decisions`."""
        return self._record(
            RegisterAppealDecided(appeal=appeal_id, upheld=upheld, text=text, by=by, at=at)
        )

    def fix_register(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Fix the register once the appeal window has closed and every appeal is decided."""
        return self._record(RegisterFixed(by=by, at=at))

    def nominate(self, candidate: str, *, by: Actor, at: pendulum.DateTime) -> Self:
        """`by`, a registered voter, nominates `candidate`, also registered (直接提名)."""
        return self._record(CandidateNominated(candidate=candidate, by=by, at=at))

    def authorise_proxy(
        self, voter: str, *, proxy: str, relation: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Record and publish `voter`'s written proxy to `proxy`, a registered close relative
        (`relation`: 配偶, 子女, ...); `by` is the election committee."""
        event = ProxyAuthorised(voter=voter, proxy=proxy, relation=relation, by=by, at=at)
        return self._record(event)

    def open_poll(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Open the poll on election day; every nominee is a candidate, and there must be
        more of them than seats."""
        return self._record(PollOpened(by=by, at=at))

    def vote(self, *, on_behalf_of: str | None = None, by: Actor, at: pendulum.DateTime) -> Self:
        """`by` casts their secret ballot, or, with `on_behalf_of`, the ballot of the voter
        whose written proxy they hold. Only that the ballot was cast is recorded."""
        voter = by.id if on_behalf_of is None else on_behalf_of
        return self._record(BallotCast(voter=voter, by=by, at=at))

    def count(
        self,
        votes: Mapping[str, Ballots],
        *,
        invalid: Ballots = 0,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Count the round in public and record what follows: `fail_turnout` when not more
        than half of the registered voters voted (the votes are then not recorded),
        `call_runoff` when a valid first round left seats unfilled, else `announce`.

        `votes` maps each candidate to their votes (a candidate not named has none);
        `invalid` counts the spoiled ballots; each count is from 0 to `MAX_BALLOTS`.
        """
        errors = [
            *_VOTES.problems(votes, "count.votes"),
            *_INVALID.problems(invalid, "count.invalid"),
        ]
        if errors:
            raise ValidationError(errors, subject="Election command")
        counts = _counts(votes)
        if self.state is ElectionState.POLLING:
            if not self.turnout_met:
                return self.fail_turnout(by=by, at=at)
            if _poll_result(self, counts, invalid).unfilled:
                return self.call_runoff(votes, invalid=invalid, by=by, at=at)
        return self.announce(votes, invalid=invalid, by=by, at=at)

    def fail_turnout(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that not more than half of the registered voters voted: the election is
        invalid (第15条第2款); refused when more than half voted."""
        return self._record(TurnoutFailed(by=by, at=at))

    def call_runoff(
        self,
        votes: Mapping[str, Ballots],
        *,
        invalid: Ballots = 0,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Record the first round's count, which left seats unfilled, and call a further round
        among the candidates not elected with the most votes.

        `votes` by candidate and `invalid` ballots: each count from 0 to `MAX_BALLOTS`.
        """
        event = RunoffCalled(votes=_counts(votes), invalid=invalid, by=by, at=at)
        return self._record(event)

    def announce(
        self,
        votes: Mapping[str, Ballots],
        *,
        invalid: Ballots = 0,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Record the round's count and announce the result on the spot (当场公布).

        `votes` by candidate and `invalid` ballots: each count from 0 to `MAX_BALLOTS`.
        """
        event = ResultAnnounced(votes=_counts(votes), invalid=invalid, by=by, at=at)
        return self._record(event)

    # -- asking -----------------------------------------------------------------------

    @property
    def appeal_deadline(self) -> Deadline:
        """Until when appeals against the register are taken, from its publication."""
        return REGISTER_APPEAL_WINDOW.start(self.created, self.calendar)

    def decision_deadline(self, appeal_id: str) -> Deadline:
        """By when an appeal must be decided, from its receipt."""
        appeal = _find_appeal(self, appeal_id)
        if appeal is None:
            raise NotFoundError(f"election {self.id} has no appeal {appeal_id}")
        return REGISTER_APPEAL_DECISION.start(appeal.received, self.calendar)

    def late_decisions(self, at: pendulum.DateTime) -> tuple[str, ...]:
        """Appeals decided after their three days, or still undecided past them at `at`."""
        return tuple(
            a.id for a in self.appeals if self.decision_deadline(a.id).overdue(a.decided or at)
        )

    @property
    def nominees(self) -> tuple[str, ...]:
        """Everyone nominated, in the order of their first nomination."""
        return tuple(dict.fromkeys(n.candidate for n in self.nominations))

    def proxy_of(self, voter: str) -> Proxy | None:
        """The written proxy `voter` gave, if any."""
        return next((p for p in self.proxies if p.voter == voter), None)

    @property
    def turnout_met(self) -> bool:
        """Whether more than half of the registered voters have voted in this round."""
        return MORE_THAN_HALF.met(len(self.voted), len(self.voters))

    @property
    def elected(self) -> tuple[str, ...]:
        """Everyone elected so far, first round first."""
        return tuple(c for r in self.results for c in r.elected)

    @property
    def seats_left(self) -> int:
        """Seats not (yet) filled: those a further round is for, or left vacant after it."""
        return self.seats - len(self.elected)

    # -- folding ----------------------------------------------------------------------

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, RegisterPublished)
        return {
            "id": event.election_id,
            "title": event.title,
            "seats": event.seats,
            "voters": event.voters,
            "election_day": event.election_day,
            "calendar": event.calendar,
        }

    def _apply(self, event: Event) -> Mapping[str, Any] | None:  # noqa: PLR0911 - one case per event
        match event:
            case RegisterAppealed(appeal=aid, voter=voter, correction=correction, text=text):
                appeal = RegisterAppeal(
                    id=aid,
                    by=event.by,
                    voter=voter,
                    correction=correction,
                    text=text,
                    received=event.at,
                )
                return {"appeals": (*self.appeals, appeal)}
            case RegisterAppealDecided(appeal=aid, upheld=upheld, text=text, at=at):
                return self._decided(aid, upheld, text, at)
            case CandidateNominated(candidate=candidate, by=by):
                nomination = Nomination(candidate=candidate, nominator=by.id)
                return {"nominations": (*self.nominations, nomination)}
            case ProxyAuthorised(voter=voter, proxy=proxy, relation=relation):
                held = Proxy(voter=voter, proxy=proxy, relation=relation)
                return {"proxies": (*self.proxies, held)}
            case PollOpened():
                return {"candidates": self.nominees}
            case BallotCast(voter=voter):
                return {"voted": self.voted | {voter}}
            case TurnoutFailed():
                return {"results": (_poll_result(self, (), 0, counted=False),)}
            case RunoffCalled(votes=votes, invalid=invalid):
                result = _poll_result(self, votes, invalid)
                return {
                    "results": (result,),
                    "candidates": _runoff_candidates(result),
                    "voted": frozenset(),
                }
            case ResultAnnounced(votes=votes, invalid=invalid):
                return {"results": (*self.results, _poll_result(self, votes, invalid))}
        return None

    def _decided(
        self, appeal_id: str, upheld: bool, text: str, at: pendulum.DateTime
    ) -> Mapping[str, Any]:
        appeals = tuple(
            attrs.evolve(a, upheld=upheld, decision=text, decided=at) if a.id == appeal_id else a
            for a in self.appeals
        )
        appeal = next(a for a in appeals if a.id == appeal_id)
        voters, change = self.voters, {appeal.voter}
        if upheld:
            voters = (
                voters | change if appeal.correction is RegisterCorrection.ADD else voters - change
            )
        return {"appeals": appeals, "voters": voters}


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


def member_defends(recall: Recall, event: DefenceGiven) -> str | None:
    """The member the recall is about answers it, once (第16条第1款)."""
    if event.by.id != recall.member.id:
        return f"only {recall.member}, whose recall is requested, gives the defence"
    if recall.defence is not None:
        return f"{recall.member} has already given their defence"
    return None


def may_vote_on_recall(recall: Recall, event: RecallVoted) -> str | None:
    """Registered voters vote, once each."""
    voter = event.by.id
    if voter not in recall.voters:
        return f"{voter} is not on the register of voters"
    if voter in recall.voted:
        return f"{voter} has already voted"
    return None


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


def recall_passed(recall: Recall, event: RecallApproved) -> str | None:
    """A recall passes with more than half of the registered voters voting and more than half
    of those voting approving (第16条第2款)."""
    problem = _box_problem(recall, event.box)
    if problem is not None:
        return problem
    result = _recall_result(recall, event.box)
    return None if result.passed else f"the recall failed: {result}"


def recall_failed(recall: Recall, event: RecallRejected) -> str | None:
    """A recall fails unless both majorities of 第16条第2款 are met."""
    problem = _box_problem(recall, event.box)
    if problem is not None:
        return problem
    result = _recall_result(recall, event.box)
    return f"the recall passed: {result}" if result.passed else None


_R = RecallState
_BOX = instance_of(BallotBox)

RECALL: Machine[RecallState] = Machine(
    name="decisions.recall",
    label=Label("罢免村民委员会成员", "Recall of a committee member"),
    states=RecallState,
    initial=_R.REQUESTED,
    final={_R.RECALLED, _R.RETAINED},
    transitions=[
        Transition(
            command="request",
            event=RecallRequested,
            sources=(),
            target=_R.REQUESTED,
            label=Label("提出罢免要求", "Request a recall"),
            source=_RECALL_REQUEST,
        ),
        Transition(
            command="defend",
            event=DefenceGiven,
            sources={_R.REQUESTED, _R.VOTING},
            target=None,
            label=Label("申辩", "Answer"),
            guard=member_defends,
            source=_DEFENCE,
        ),
        Transition(
            command="open_vote",
            event=RecallVoteOpened,
            sources={_R.REQUESTED},
            target=_R.VOTING,
            label=Label("开始罢免投票", "Open the vote"),
        ),
        Transition(
            command="vote",
            event=RecallVoted,
            sources={_R.VOTING},
            target=None,
            label=Label("投票", "Vote"),
            guard=may_vote_on_recall,
        ),
        Transition(
            command="approve",
            event=RecallApproved,
            sources={_R.VOTING},
            target=_R.RECALLED,
            label=Label("罢免通过", "Recall"),
            guard=recall_passed,
            source=_RECALL_VOTE,
        ),
        Transition(
            command="reject",
            event=RecallRejected,
            sources={_R.VOTING},
            target=_R.RETAINED,
            label=Label("罢免未通过", "Reject the recall"),
            guard=recall_failed,
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

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, RecallRequested)
        return {
            "id": event.recall_id,
            "member": event.member,
            "reasons": event.reasons,
            "requisition": event.requisition,
        }

    def _apply(self, event: Event) -> Mapping[str, Any] | None:
        match event:
            case DefenceGiven(text=text):
                return {"defence": text}
            case RecallVoteOpened(voters=voters):
                return {"voters": voters}
            case RecallVoted(by=by):
                return {"voted": self.voted | {by.id}}
        assert isinstance(event, RecallApproved | RecallRejected)
        return {"result": _recall_result(self, event.box)}
