"""Electing the villagers' committee (村民委员会的选举).

村民委员会组织法 (2018) 第13条至第15条. An `Election` begins when the villagers' election
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

Each command's guards and fold stand together below, in the order of the table; the
states, values, events and counts (`PollResult.count`) are in `_election_data`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Self

import attrs
import pendulum

from jiceng import (
    Actor,
    Deadline,
    Entity,
    Label,
    Machine,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.checks import check_for
from jiceng.decisions._election_data import (
    ANNOUNCEMENT_ARTICLE,
    MORE_CANDIDATES_ARTICLE,
    NOMINATION_ARTICLE,
    PROXY_ARTICLE,
    REGISTER_APPEAL_DECISION,
    REGISTER_APPEAL_WINDOW,
    REGISTER_NOTICE,
    RUNOFF_ARTICLE,
    VALIDITY_ARTICLE,
    BallotCast,
    CandidateNominated,
    ElectionState,
    Nomination,
    PollOpened,
    PollResult,
    Proxy,
    ProxyAuthorised,
    RegisterAppeal,
    RegisterAppealDecided,
    RegisterAppealed,
    RegisterCorrection,
    RegisterFixed,
    RegisterPublished,
    ResultAnnounced,
    RunoffCalled,
    Seats,
    TurnoutFailed,
)
from jiceng.decisions._meeting_data import Ballots, local_day
from jiceng.decisions._thresholds import MORE_THAN_HALF
from jiceng.exceptions import NotFoundError, ValidationError

_VOTES = check_for(Mapping[str, Ballots])
_INVALID = check_for(Ballots)


# -- 公布选民名单 publish --


def published(_: None, event: RegisterPublished) -> Mapping[str, Any]:
    return {
        "id": event.election_id,
        "title": event.title,
        "seats": event.seats,
        "voters": event.voters,
        "election_day": event.election_day,
        "calendar": event.calendar,
    }


# -- 申诉 appeal --


def _find_appeal(election: Election, appeal_id: str) -> RegisterAppeal | None:
    return next((a for a in election.appeals if a.id == appeal_id), None)


def within_appeal_window(election: Election, event: RegisterAppealed) -> str | None:
    """Appeals come within five days of publication (第14条第2款), each with a new id, against
    a listing that is wrong as the register stands."""
    if _find_appeal(election, event.appeal) is not None:
        return f"appeal {event.appeal} has already been made"
    window = election.appeal_deadline
    if window.overdue(event.at):
        return f"the appeal window closed: {window}"
    return event.correction.problem(event.voter, election.voters)


def appealed(election: Election, event: RegisterAppealed) -> Mapping[str, Any]:
    appeal = RegisterAppeal(
        id=event.appeal,
        by=event.by,
        voter=event.voter,
        correction=event.correction,
        text=event.text,
        received=event.at,
    )
    return {"appeals": (*election.appeals, appeal)}


# -- 处理申诉 decide_appeal --


def undecided(election: Election, event: RegisterAppealDecided) -> str | None:
    """Each appeal is decided once; an appeal upheld must still change the register."""
    appeal = _find_appeal(election, event.appeal)
    if appeal is None:
        return f"no appeal {event.appeal} has been made"
    if appeal.upheld is not None:
        return f"appeal {event.appeal} has already been decided"
    if event.upheld:
        return appeal.correction.problem(appeal.voter, election.voters)
    return None


def appeal_decided(election: Election, event: RegisterAppealDecided) -> Mapping[str, Any]:
    upheld = event.upheld
    appeals = tuple(
        attrs.evolve(a, upheld=upheld, decision=event.text, decided=event.at)
        if a.id == event.appeal
        else a
        for a in election.appeals
    )
    appeal = next(a for a in appeals if a.id == event.appeal)
    voters = appeal.correction.apply(appeal.voter, election.voters) if upheld else election.voters
    return {"appeals": appeals, "voters": voters}


# -- 确定选民名单 fix_register --


def register_settled(election: Election, event: RegisterFixed) -> str | None:
    """The register is fixed once the appeal window has closed and every appeal is decided,
    so that the vote runs on the register as corrected."""
    window = election.appeal_deadline
    if not window.overdue(event.at):
        return f"appeals are taken until the window closes: {window}"
    waiting = [a.id for a in election.appeals if a.upheld is None]
    return f"appeals not yet decided: {', '.join(waiting)}" if waiting else None


# -- 提名候选人 nominate --


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


def nominated(election: Election, event: CandidateNominated) -> Mapping[str, Any]:
    nomination = Nomination(candidate=event.candidate, nominator=event.by.id)
    return {"nominations": (*election.nominations, nomination)}


# -- 委托投票 authorise_proxy --


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


def proxy_authorised(election: Election, event: ProxyAuthorised) -> Mapping[str, Any]:
    held = Proxy(voter=event.voter, proxy=event.proxy, relation=event.relation)
    return {"proxies": (*election.proxies, held)}


# -- 开始投票 open_poll --


def poll_may_open(election: Election, event: PollOpened) -> str | None:
    """The poll opens on election day, with more candidates than seats (差额选举, 第15条第1款)."""
    day = local_day(event.at, election.calendar)
    if day != election.election_day:
        return f"the register was published for an election on {election.election_day}, not {day}"
    nominees, seats = len(election.nominees), election.seats
    enough = f"{MORE_CANDIDATES_ARTICLE} requires more candidates than seats"
    return None if nominees > seats else f"{nominees} candidates for {seats} seats: {enough}"


def poll_opened(election: Election, _: PollOpened) -> Mapping[str, Any]:
    return {"candidates": election.nominees}


# -- 投票 vote --


def may_cast(election: Election, event: BallotCast) -> str | None:
    """Each registered voter's ballot is cast once a round, by the voter or by their proxy."""
    voter = event.voter
    if voter not in election.voters:
        return f"{voter} is not on the register of voters"
    if voter in election.voted:
        return f"{voter}'s ballot has already been cast in this round"
    held = election.proxy_of(voter)
    if event.by.id != voter and (held is None or held.proxy != event.by.id):
        return f"{event.by.id} holds no written proxy from {voter}"
    return None


def ballot_cast(election: Election, event: BallotCast) -> Mapping[str, Any]:
    return {"voted": election.voted | {event.voter}}


# -- 计票 counting a round (fail_turnout, call_runoff, announce) --


def _turnout_text(election: Election) -> str:
    return f"{len(election.voted)} of {len(election.voters)} registered voters voted"


def _counted(election: Election, event: RunoffCalled | ResultAnnounced) -> PollResult | str:
    """The round as `event` counts it, or what is wrong with the count (or the turnout)."""
    problem = PollResult.count_problem(
        event.votes,
        event.invalid,
        ballots=len(election.voted),
        candidates=election.candidates,
        seats=election.seats_left,
    )
    if problem is not None:
        return problem
    if election.state is ElectionState.POLLING and not election.turnout_met:
        return f"{_turnout_text(election)}, not more than half: the election is invalid"
    return _poll_result(election, event.votes, event.invalid)


def _poll_result(
    election: Election, votes: tuple[tuple[str, int], ...], invalid: int, *, counted: bool = True
) -> PollResult:
    """The current round counted: `votes` by candidate (a candidate not named has none)."""
    return PollResult.count(
        round=len(election.results) + 1,
        seats=election.seats_left,
        registered=len(election.voters),
        ballots=len(election.voted),
        candidates=election.candidates,
        votes=votes,
        invalid=invalid,
        counted=counted,
    )


# -- 投票人数未过半 fail_turnout --


def turnout_failed(election: Election, event: TurnoutFailed) -> str | None:
    """The election is invalid when not more than half of the registered voters voted
    (第15条第2款); exactly half is not enough."""
    met = election.turnout_met
    return f"{_turnout_text(election)}, more than half: count the votes" if met else None


def turnout_recorded(election: Election, _: TurnoutFailed) -> Mapping[str, Any]:
    return {"results": (_poll_result(election, (), 0, counted=False),)}


# -- 另行选举 call_runoff --


def runoff_needed(election: Election, event: RunoffCalled) -> str | None:
    """A further round is called when a valid first round left seats unfilled (第15条第2款)."""
    result = _counted(election, event)
    if isinstance(result, str) or result.unfilled:
        return result if isinstance(result, str) else None
    return f"every seat is filled ({', '.join(result.elected)}): announce the result"


def runoff_called(election: Election, event: RunoffCalled) -> Mapping[str, Any]:
    result = _poll_result(election, event.votes, event.invalid)
    return {"results": (result,), "candidates": result.runoff_candidates, "voted": frozenset()}


# -- 当场公布选举结果 announce --


def may_announce(election: Election, event: ResultAnnounced) -> str | None:
    """The count is announced on the spot (第15条第3款); after the first round only if it was
    valid and filled every seat. A further round's result is announced whatever it is."""
    result = _counted(election, event)
    if isinstance(result, str) or election.state is ElectionState.RUNOFF or not result.unfilled:
        return result if isinstance(result, str) else None
    return f"{result.unfilled} seat(s) unfilled: call a further round (另行选举)"


def result_announced(election: Election, event: ResultAnnounced) -> Mapping[str, Any]:
    result = _poll_result(election, event.votes, event.invalid)
    return {"results": (*election.results, result)}


# -- the machine -------------------------------------------------------------------------

ELECTION: Machine[ElectionState] = Machine(
    name="decisions.election",
    label=Label("村民委员会选举", "Villagers' committee election"),
    states=ElectionState,
    initial=ElectionState.PUBLISHED,
    final={ElectionState.CONCLUDED, ElectionState.INVALID},
    transitions=[
        Transition(
            command="publish",
            event=RegisterPublished,
            sources=(),
            target=ElectionState.PUBLISHED,
            label=Label("公布选民名单", "Publish the register"),
            fold=published,
            source=REGISTER_NOTICE.source,
        ),
        Transition(
            command="appeal",
            event=RegisterAppealed,
            sources={ElectionState.PUBLISHED},
            target=None,
            label=Label("申诉", "Appeal"),
            guard=within_appeal_window,
            fold=appealed,
            source=REGISTER_APPEAL_WINDOW.source,
        ),
        Transition(
            command="decide_appeal",
            event=RegisterAppealDecided,
            sources={ElectionState.PUBLISHED},
            target=None,
            label=Label("处理申诉", "Decide an appeal"),
            guard=undecided,
            fold=appeal_decided,
            source=REGISTER_APPEAL_DECISION.source,
        ),
        Transition(
            command="fix_register",
            event=RegisterFixed,
            sources={ElectionState.PUBLISHED},
            target=ElectionState.NOMINATING,
            label=Label("确定选民名单", "Fix the register"),
            guard=register_settled,
        ),
        Transition(
            command="nominate",
            event=CandidateNominated,
            sources={ElectionState.NOMINATING},
            target=None,
            label=Label("提名候选人", "Nominate"),
            guard=may_nominate,
            fold=nominated,
            source=NOMINATION_ARTICLE,
        ),
        Transition(
            command="authorise_proxy",
            event=ProxyAuthorised,
            sources={ElectionState.NOMINATING, ElectionState.POLLING, ElectionState.RUNOFF},
            target=None,
            label=Label("委托投票", "Record a proxy"),
            guard=may_authorise,
            fold=proxy_authorised,
            source=PROXY_ARTICLE,
        ),
        Transition(
            command="open_poll",
            event=PollOpened,
            sources={ElectionState.NOMINATING},
            target=ElectionState.POLLING,
            label=Label("开始投票", "Open the poll"),
            guard=poll_may_open,
            fold=poll_opened,
            source=MORE_CANDIDATES_ARTICLE,
        ),
        Transition(
            command="vote",
            event=BallotCast,
            sources={ElectionState.POLLING, ElectionState.RUNOFF},
            target=None,
            label=Label("投票", "Vote"),
            guard=may_cast,
            fold=ballot_cast,
            source=ANNOUNCEMENT_ARTICLE,
        ),
        Transition(
            command="fail_turnout",
            event=TurnoutFailed,
            sources={ElectionState.POLLING},
            target=ElectionState.INVALID,
            label=Label("投票人数未过半", "Record a failed turnout"),
            guard=turnout_failed,
            fold=turnout_recorded,
            source=VALIDITY_ARTICLE,
        ),
        Transition(
            command="call_runoff",
            event=RunoffCalled,
            sources={ElectionState.POLLING},
            target=ElectionState.RUNOFF,
            label=Label("另行选举", "Call a further round"),
            guard=runoff_needed,
            fold=runoff_called,
            source=RUNOFF_ARTICLE,
        ),
        Transition(
            command="announce",
            event=ResultAnnounced,
            sources={ElectionState.POLLING, ElectionState.RUNOFF},
            target=ElectionState.CONCLUDED,
            label=Label("当场公布选举结果", "Announce the result"),
            guard=may_announce,
            fold=result_announced,
            source=ANNOUNCEMENT_ARTICLE,
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
