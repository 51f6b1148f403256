from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, Entity, replay
from jiceng.decisions import (
    BallotBox,
    Election,
    ElectionState,
    Recall,
    RecallState,
    Requisition,
    RequisitionError,
    Roll,
    RollKind,
)
from jiceng.decisions.elections import (
    ELECTION,
    MAX_SEATS,
    RECALL,
    REGISTER_APPEAL_WINDOW,
    Proxy,
    RegisterCorrection,
)
from jiceng.decisions.meetings import MAX_BALLOTS
from jiceng.exceptions import GuardRejected, InvalidTransition, NotFoundError, ValidationError
from jiceng.testing import Command, random_walk
from tests.decisions.village import actor, round_trip

E = TypeVar("E", bound=Entity[Any])

PUBLISHED = pendulum.datetime(2026, 5, 1, 9, tz="Asia/Shanghai")
ELECTION_DAY = pendulum.Date(2026, 5, 21)
VEC = Actor.department("vec", "村民选举委员会")
VOTERS = [f"v{i:02}" for i in range(10)]
ADD, REMOVE = RegisterCorrection.ADD, RegisterCorrection.REMOVE


def day(n: int, hour: int = 9) -> pendulum.DateTime:
    """The n-th day after the register was published, at `hour`."""
    return PUBLISHED.add(days=n).set(hour=hour)


POLL = day(20)  # election day


def refused_argument(entity: E, attempt: Callable[[E], object], path: str) -> None:
    """`attempt` raises a `ValidationError` naming `path` and leaves `entity` as it was."""
    before, history = hash(entity), entity.history
    with pytest.raises(ValidationError) as caught:
        attempt(entity)
    assert path in caught.value.paths
    assert entity.history is history
    assert hash(entity) == before
    assert replay(entity.history) == entity


def refused(entity: E, attempt: Callable[[E], object], error: type[Exception], match: str) -> None:
    """`attempt` raises `error` and leaves `entity` as it was."""
    before, history = hash(entity), entity.history
    with pytest.raises(error, match=match):
        attempt(entity)
    assert entity.history is history
    assert hash(entity) == before


def published(seats: int = 2, **fields: Any) -> Election:
    return Election.publish(
        id=fields.pop("id", "E-2026"),
        title=fields.pop("title", "第十二届村民委员会委员"),
        seats=seats,
        voters=fields.pop("voters", VOTERS),
        election_day=fields.pop("election_day", ELECTION_DAY),
        by=VEC,
        at=fields.pop("at", PUBLISHED),
        **fields,
    )


def nominating(candidates: tuple[str, ...] = ("v00", "v01", "v02"), seats: int = 2) -> Election:
    election = published(seats).fix_register(by=VEC, at=day(6))
    for candidate in candidates:
        election = election.nominate(candidate, by=actor("v09"), at=day(8))
    return election


def polling(voters: int = 0, **fields: Any) -> Election:
    election = nominating(**fields).open_poll(by=VEC, at=POLL)
    return cast(election, VOTERS[:voters])


def cast(election: Election, voters: list[str]) -> Election:
    at = max(POLL.add(hours=1), election.last_changed)
    for voter in voters:
        election = election.vote(by=actor(voter), at=at)
    return election


COUNTED = POLL.add(hours=8)


# -- the register (第14条) ---------------------------------------------------------------


def test_the_register_is_published_on_the_20th_day_before_election_day_not_the_19th() -> None:
    assert published().election_day == ELECTION_DAY
    # the day of publication is not counted, whatever the hour
    assert published(at=PUBLISHED.set(hour=23, minute=59)).state is ElectionState.PUBLISHED
    with pytest.raises(ValidationError, match="on 2026-05-21 at the earliest, not on 2026-05-20"):
        published(election_day=pendulum.Date(2026, 5, 20))


def test_a_publication_names_every_bad_field() -> None:
    with pytest.raises(ValidationError) as info:
        published(id=" ", seats=0, voters=[], election_day=pendulum.datetime(2026, 5, 21))
    assert info.value.paths == ("publish.id", "publish.seats", "publish.election_day")
    with pytest.raises(ValidationError, match="expected a whole number") as info:
        published(seats=True)
    assert info.value.paths == ("publish.seats",)


@pytest.mark.parametrize("seats", [0, MAX_SEATS + 1, -1, True, 2.0, "2"])
def test_publish_refuses_seats_that_are_not_1_to_7(seats: object) -> None:
    with pytest.raises(ValidationError) as caught:
        published(seats=seats)  # type: ignore[arg-type]
    assert caught.value.paths == ("publish.seats",)


def test_an_election_fills_1_to_7_seats_as_a_committee_has_3_to_7_members() -> None:
    assert MAX_SEATS == 7
    assert published(seats=1).seats == 1
    assert published(seats=MAX_SEATS).seats == MAX_SEATS
    with pytest.raises(ValidationError, match="must be at least 1, got int 0"):
        published(seats=0)
    with pytest.raises(ValidationError, match="must be at most 7, got int 8"):
        published(seats=8)


def test_a_register_needs_at_least_one_voter() -> None:
    with pytest.raises(ValidationError, match="at least one voter") as info:
        published(voters=[])
    assert info.value.paths == ("publish.voters",)


def test_an_appeal_on_the_5th_day_is_taken_and_on_the_6th_refused() -> None:
    appealed = published().appeal(
        "A1",
        voter="x01",
        correction=ADD,
        text="户籍在本村并在本村居住",
        by=actor("x01"),
        at=day(5, 23),
    )
    assert appealed.appeals[0].received == day(5, 23)
    assert str(appealed.appeal_deadline.due) == "2026-05-06 23:59:59.999999+08:00"
    refused(
        published(),
        lambda e: e.appeal("A1", voter="x01", correction=ADD, text="漏登", by=VEC, at=day(6, 0)),
        GuardRejected,
        "the appeal window closed: 申诉期",
    )
    refused(
        appealed,
        lambda e: e.appeal("A1", voter="x02", correction=ADD, text="漏登", by=VEC, at=day(5, 23)),
        GuardRejected,
        "appeal A1 has already been made",
    )


def test_an_appeal_asks_for_a_change_to_the_register_as_it_stands() -> None:
    election = published()
    refused(
        election,
        lambda e: e.appeal("A1", voter="v01", correction=ADD, text="漏登", by=VEC, at=day(1)),
        GuardRejected,
        "v01 is already on the register",
    )
    refused(
        election,
        lambda e: e.appeal("A1", voter="x01", correction=REMOVE, text="漏登", by=VEC, at=day(1)),
        GuardRejected,
        "x01 is not on the register",
    )


def test_an_upheld_appeal_changes_the_register_and_a_dismissed_one_does_not() -> None:
    election = (
        published()
        .appeal("A1", voter="x01", correction=ADD, text="漏登", by=actor("x01"), at=day(1))
        .appeal("A2", voter="v09", correction=REMOVE, text="已迁出", by=actor("v00"), at=day(1))
        .appeal("A3", voter="v08", correction=REMOVE, text="?", by=actor("v00"), at=day(1))
        .decide_appeal("A1", upheld=True, text="予以登记", by=VEC, at=day(2))
        .decide_appeal("A2", upheld=True, text="予以除名", by=VEC, at=day(2))
        .decide_appeal("A3", upheld=False, text="维持", by=VEC, at=day(2))
    )
    assert election.voters == frozenset(VOTERS) - {"v09"} | {"x01"}
    assert [(a.upheld, a.decision) for a in election.appeals] == [
        (True, "予以登记"),
        (True, "予以除名"),
        (False, "维持"),
    ]
    election = election.fix_register(by=VEC, at=day(6))
    election = election.nominate("x01", by=actor("x01"), at=day(7))
    refused(
        election,
        lambda e: e.nominate("v00", by=actor("v09"), at=day(7)),
        GuardRejected,
        "v09 is not on the register, so cannot nominate",
    )


def test_an_appeal_is_decided_once_and_an_upheld_one_must_still_apply() -> None:
    election = (
        published()
        .appeal("A1", voter="x01", correction=ADD, text="漏登", by=actor("x01"), at=day(1))
        .appeal("A2", voter="x01", correction=ADD, text="漏登", by=actor("x02"), at=day(1))
        .decide_appeal("A1", upheld=True, text="予以登记", by=VEC, at=day(2))
    )
    refused(
        election,
        lambda e: e.decide_appeal("A2", upheld=True, text="处理决定", by=VEC, at=day(2)),
        GuardRejected,
        "x01 is already on the register",
    )
    refused(
        election,
        lambda e: e.decide_appeal("A1", upheld=False, text="处理决定", by=VEC, at=day(2)),
        GuardRejected,
        "appeal A1 has already been decided",
    )
    refused(
        election,
        lambda e: e.decide_appeal("A9", upheld=False, text="处理决定", by=VEC, at=day(2)),
        GuardRejected,
        "no appeal A9 has been made",
    )
    assert election.decide_appeal("A2", upheld=False, text="已登记", by=VEC, at=day(2)).voters == (
        election.voters
    )


def test_a_decision_after_the_3rd_day_from_receipt_is_late_but_recorded() -> None:
    appealed = published().appeal(
        "A1", voter="x01", correction=ADD, text="漏登", by=actor("x01"), at=day(2, 20)
    )
    assert str(appealed.decision_deadline("A1").due) == "2026-05-06 23:59:59.999999+08:00"
    assert appealed.late_decisions(day(5, 23)) == ()
    assert appealed.late_decisions(day(6, 0)) == ("A1",)
    on_time = appealed.decide_appeal("A1", upheld=True, text="处理决定", by=VEC, at=day(5, 23))
    assert on_time.late_decisions(day(30)) == ()
    late = appealed.decide_appeal("A1", upheld=True, text="处理决定", by=VEC, at=day(6, 0))
    assert late.late_decisions(day(6, 0)) == ("A1",)
    assert "x01" in late.voters
    with pytest.raises(NotFoundError, match="has no appeal A2"):
        late.decision_deadline("A2")


def test_the_register_is_fixed_after_the_window_with_every_appeal_decided() -> None:
    appealed = published().appeal(
        "A1", voter="x01", correction=ADD, text="漏登", by=actor("x01"), at=day(4)
    )
    refused(
        appealed,
        lambda e: e.fix_register(by=VEC, at=day(5, 23)),
        GuardRejected,
        "appeals are taken until the window closes",
    )
    refused(
        appealed,
        lambda e: e.fix_register(by=VEC, at=day(6)),
        GuardRejected,
        "appeals not yet decided: A1",
    )
    decided = appealed.decide_appeal("A1", upheld=False, text="处理决定", by=VEC, at=day(6))
    fixed = decided.fix_register(by=VEC, at=day(6))
    assert fixed.state is ElectionState.NOMINATING
    refused(
        fixed,
        lambda e: e.appeal("A2", voter="x02", correction=ADD, text="漏登", by=VEC, at=day(6)),
        InvalidTransition,
        "which allows only: nominate, authorise_proxy, open_poll",
    )


# -- candidates (第15条第1款) --------------------------------------------------------------


def test_registered_voters_nominate_registered_candidates_directly() -> None:
    election = published().fix_register(by=VEC, at=day(6))
    election = election.nominate("v01", by=actor("v00"), at=day(7))
    election = election.nominate("v02", by=actor("v00"), at=day(7))
    election = election.nominate("v01", by=actor("v03"), at=day(7))
    assert election.nominees == ("v01", "v02")
    assert len(election.nominations) == 3
    refused(
        election,
        lambda e: e.nominate("v01", by=actor("v00"), at=day(7)),
        GuardRejected,
        "v00 has already nominated v01",
    )
    refused(
        election,
        lambda e: e.nominate("x01", by=actor("v00"), at=day(7)),
        GuardRejected,
        "x01 is not on the register, so cannot stand",
    )
    refused(
        election,
        lambda e: e.nominate("v01", by=actor("x01"), at=day(7)),
        GuardRejected,
        "x01 is not on the register, so cannot nominate",
    )


def test_as_many_candidates_as_seats_is_refused_and_one_more_is_allowed() -> None:
    refused(
        nominating(("v00", "v01")),
        lambda e: e.open_poll(by=VEC, at=POLL),
        GuardRejected,
        "2 candidates for 2 seats: .* requires more candidates than seats",
    )
    opened = nominating(("v00", "v01", "v02")).open_poll(by=VEC, at=POLL)
    assert opened.candidates == ("v00", "v01", "v02")
    assert opened.state is ElectionState.POLLING


@pytest.mark.parametrize("when", [day(19, 23), day(21, 0)])
def test_the_poll_opens_on_election_day_only(when: pendulum.DateTime) -> None:
    refused(
        nominating(),
        lambda e: e.open_poll(by=VEC, at=when),
        GuardRejected,
        f"published for an election on 2026-05-21, not {when.date()}",
    )


# -- ballots and proxies (第15条第3款、第4款) -------------------------------------------------


def test_each_ballot_is_cast_once_by_the_voter_or_their_proxy() -> None:
    election = polling().authorise_proxy("v01", proxy="v02", relation="配偶", by=VEC, at=POLL)
    assert election.proxies == (Proxy(voter="v01", proxy="v02", relation="配偶"),)
    election = election.vote(on_behalf_of="v01", by=actor("v02"), at=POLL)
    election = election.vote(by=actor("v02"), at=POLL)
    assert election.voted == {"v01", "v02"}
    refused(
        election,
        lambda e: e.vote(by=actor("v01"), at=POLL),
        GuardRejected,
        "v01's ballot has already been cast in this round",
    )
    refused(
        election,
        lambda e: e.vote(on_behalf_of="v03", by=actor("v02"), at=POLL),
        GuardRejected,
        "v02 holds no written proxy from v03",
    )
    refused(
        election,
        lambda e: e.vote(by=actor("x01"), at=POLL),
        GuardRejected,
        "x01 is not on the register of voters",
    )


def test_a_voter_who_gave_a_proxy_may_still_vote_in_person_once() -> None:
    election = polling().authorise_proxy("v01", proxy="v02", relation="子女", by=VEC, at=POLL)
    election = election.vote(by=actor("v01"), at=POLL)
    refused(
        election,
        lambda e: e.vote(on_behalf_of="v01", by=actor("v02"), at=POLL),
        GuardRejected,
        "already been cast",
    )
    refused(
        election,
        lambda e: e.vote(on_behalf_of="v01", by=actor("v03"), at=POLL),
        GuardRejected,
        "already been cast",
    )
    refused(
        election.authorise_proxy("v04", proxy="v05", relation="父母", by=VEC, at=POLL),
        lambda e: e.vote(on_behalf_of="v04", by=actor("v03"), at=POLL),
        GuardRejected,
        "v03 holds no written proxy from v04",
    )


def proxied() -> Election:
    return nominating().authorise_proxy("v01", proxy="v02", relation="配偶", by=VEC, at=day(9))


@pytest.mark.parametrize(
    ("voter", "proxy", "relation", "match"),
    [
        ("x01", "v02", "配偶", "x01 is not on the register of voters"),
        ("v03", "x02", "配偶", "x02 is not on the register of voters"),
        ("v03", "v03", "配偶", "v03 cannot be their own proxy"),
        ("v01", "v04", "兄弟姐妹", "v01 has already entrusted their ballot to v02"),
    ],
)
def test_a_proxy_is_a_registered_voter_named_in_writing_once(
    voter: str, proxy: str, relation: str, match: str
) -> None:
    refused(
        proxied(),
        lambda e: e.authorise_proxy(voter, proxy=proxy, relation=relation, by=VEC, at=day(9)),
        GuardRejected,
        match,
    )


def test_a_written_proxy_states_the_kinship() -> None:
    election = proxied()
    with pytest.raises(ValidationError, match="must not be empty") as info:
        election.authorise_proxy("v03", proxy="v04", relation=" ", by=VEC, at=day(9))
    assert info.value.paths == ("authorise_proxy.relation",)
    assert replay(election.history) == election


def test_a_proxy_is_given_before_the_ballot_is_cast() -> None:
    voted = cast(proxied().open_poll(by=VEC, at=POLL), ["v05"])
    refused(
        voted,
        lambda e: e.authorise_proxy("v05", proxy="v06", relation="配偶", by=VEC, at=COUNTED),
        GuardRejected,
        "v05's ballot has already been cast",
    )


# -- counting (第15条第2款) ----------------------------------------------------------------


def test_exactly_half_of_the_registered_voters_voting_makes_the_election_invalid() -> None:
    half = polling(voters=5)
    assert not half.turnout_met
    refused(
        half,
        lambda e: e.announce({"v00": 5}, by=VEC, at=COUNTED),
        GuardRejected,
        "5 of 10 registered voters voted, not more than half: the election is invalid",
    )
    refused(
        half,
        lambda e: e.call_runoff({"v00": 5}, by=VEC, at=COUNTED),
        GuardRejected,
        "not more than half",
    )
    invalid = half.count({"v00": 5}, by=VEC, at=COUNTED)
    assert invalid.state is ElectionState.INVALID
    assert invalid.elected == ()
    assert invalid.results[0].votes == ()
    assert str(invalid.results[0]) == "第一次投票：登记 10 人，投票 5 人，未过半数，投票无效"
    more = polling(voters=6)
    assert more.turnout_met
    refused(
        more,
        lambda e: e.fail_turnout(by=VEC, at=COUNTED),
        GuardRejected,
        "6 of 10 registered voters voted, more than half: count the votes",
    )


def test_exactly_half_of_the_votes_does_not_elect_and_the_seat_goes_to_a_further_round() -> None:
    election = polling(voters=6)
    refused(
        election,
        lambda e: e.announce({"v00": 4, "v01": 3, "v02": 3}, by=VEC, at=COUNTED),
        GuardRejected,
        r"1 seat\(s\) unfilled: call a further round",
    )
    runoff = election.count({"v00": 4, "v01": 3, "v02": 3}, by=VEC, at=COUNTED)
    first = runoff.results[0]
    assert (first.needed, first.elected, first.unfilled) == (4, ("v00",), 1)
    assert str(first) == (
        "第一次投票：登记 10 人，投票 6 人；v00 4 票、v01 3 票、v02 3 票；需 4 票，当选 v00；"
        "1 个名额未选出"
    )
    assert runoff.state is ElectionState.RUNOFF
    assert (runoff.elected, runoff.seats_left) == (("v00",), 1)
    assert runoff.candidates == ("v01", "v02")
    assert runoff.voted == frozenset()


def test_a_first_round_that_fills_every_seat_is_announced() -> None:
    election = polling(voters=6)
    refused(
        election,
        lambda e: e.call_runoff({"v00": 5, "v01": 4, "v02": 1}, by=VEC, at=COUNTED),
        GuardRejected,
        r"every seat is filled \(v00, v01\): announce the result",
    )
    done = election.count({"v00": 5, "v01": 4, "v02": 1}, invalid=1, by=VEC, at=COUNTED)
    assert done.state is ElectionState.CONCLUDED
    assert (done.elected, done.seats_left) == (("v00", "v01"), 0)
    assert str(done.results[0]) == (
        "第一次投票：登记 10 人，投票 6 人；v00 5 票、v01 4 票、v02 1 票，废票 1；"
        "需 4 票，当选 v00、v01"
    )


def test_a_tie_for_the_last_seat_elects_neither_and_both_go_to_the_further_round() -> None:
    election = polling(voters=10, candidates=("v00", "v01", "v02", "v03"))
    runoff = election.count({"v00": 8, "v01": 6, "v02": 6}, by=VEC, at=COUNTED)
    assert runoff.elected == ("v00",)
    assert runoff.candidates == ("v01", "v02")
    assert runoff.results[0].votes == (("v00", 8), ("v01", 6), ("v02", 6), ("v03", 0))


def test_further_round_candidates_are_one_more_than_the_seats_left_and_their_ties() -> None:
    election = polling(voters=10, seats=1, candidates=("v00", "v01", "v02", "v03"))
    runoff = election.count({"v00": 5, "v01": 2, "v02": 2, "v03": 1}, by=VEC, at=COUNTED)
    assert runoff.elected == ()
    assert runoff.candidates == ("v00", "v01", "v02")


def runoff_for_one_seat() -> Election:
    """v00 elected in the first round; v01 and v02 stand for the second seat."""
    return polling(voters=6).count({"v00": 4, "v01": 3, "v02": 3}, by=VEC, at=COUNTED)


def test_in_the_further_round_exactly_a_third_of_the_ballots_elects() -> None:
    runoff = cast(runoff_for_one_seat(), VOTERS[:6])
    done = runoff.count({"v01": 2, "v02": 1}, invalid=3, by=VEC, at=COUNTED.add(hours=2))
    second = done.results[1]
    assert (second.round, second.seats, second.needed, second.elected) == (2, 1, 2, ("v01",))
    assert done.state is ElectionState.CONCLUDED
    assert (done.elected, done.seats_left) == (("v00", "v01"), 0)
    assert str(second).startswith("另行选举：登记 10 人，投票 6 人；v01 2 票、v02 1 票，废票 3")


def test_in_the_further_round_fewer_than_a_third_or_a_tie_leaves_the_seat_vacant() -> None:
    runoff = cast(runoff_for_one_seat(), VOTERS[:6])
    short = runoff.announce({"v01": 1, "v02": 1}, invalid=4, by=VEC, at=COUNTED.add(hours=2))
    assert (short.elected, short.seats_left) == (("v00",), 1)
    assert str(short.results[1]).endswith("需 2 票，当选 无；1 个名额未选出")
    tied = runoff.announce({"v01": 3, "v02": 3}, by=VEC, at=COUNTED.add(hours=2))
    assert (tied.elected, tied.seats_left, tied.state) == (("v00",), 1, ElectionState.CONCLUDED)


def test_a_further_round_without_a_valid_turnout_elects_nobody() -> None:
    runoff = cast(runoff_for_one_seat(), VOTERS[:5])
    refused(runoff, lambda e: e.fail_turnout(by=VEC, at=COUNTED), InvalidTransition, "runoff")
    done = runoff.count({"v01": 5}, by=VEC, at=COUNTED.add(hours=2))
    assert not done.results[1].valid
    assert (done.elected, done.seats_left, done.state) == (("v00",), 1, ElectionState.CONCLUDED)


def test_voters_vote_again_in_the_further_round_and_proxies_still_hold() -> None:
    election = polling().authorise_proxy("v09", proxy="v08", relation="配偶", by=VEC, at=POLL)
    election = cast(election, VOTERS[:6])
    runoff = election.count({"v00": 4, "v01": 3, "v02": 3}, by=VEC, at=COUNTED)
    runoff = runoff.authorise_proxy("v07", proxy="v06", relation="子女", by=VEC, at=COUNTED)
    runoff = runoff.vote(by=actor("v00"), at=COUNTED.add(hours=1))
    runoff = runoff.vote(on_behalf_of="v09", by=actor("v08"), at=COUNTED.add(hours=1))
    assert runoff.voted == {"v00", "v09"}
    refused(
        runoff,
        lambda e: e.count({"v00": 1}, by=VEC, at=COUNTED.add(hours=2)),
        GuardRejected,
        "v00 is not a candidate in this round; the candidates are v01, v02",
    )


@pytest.mark.parametrize(
    ("votes", "invalid", "match"),
    [
        ({"v00": 1}, 7, "7 invalid ballots, but only 6 were cast"),
        ({"v09": 1}, 0, "v09 is not a candidate in this round"),
        ({"v00": 6}, 1, "v00 has 6 votes, but only 5 valid ballots were cast"),
        ({"v00": 5, "v01": 5, "v02": 3}, 1, "13 votes on 5 valid ballots, which mark at most 2"),
    ],
)
def test_a_count_must_fit_the_ballots_cast_and_the_candidates(
    votes: dict[str, int], invalid: int, match: str
) -> None:
    refused(
        polling(voters=6),
        lambda e: e.count(votes, invalid=invalid, by=VEC, at=COUNTED),
        GuardRejected,
        match,
    )


def test_counts_are_whole_numbers_and_only_polls_are_counted() -> None:
    election = polling(voters=6)
    with pytest.raises(ValidationError) as info:
        election.count({"v00": -1, "v01": 1.5, 3: 1}, invalid=-1, by=VEC, at=COUNTED)  # type: ignore[dict-item]
    assert info.value.paths == (
        "count.votes['v00']",
        "count.votes['v01']",
        "count.votes[3]",
        "count.invalid",
    )
    refused(
        nominating(),
        lambda e: e.count({"v00": 1}, by=VEC, at=COUNTED),
        InvalidTransition,
        "cannot 'announce'",
    )


def counting(command: str, votes: object, invalid: object = 0) -> Callable[[Election], object]:
    """A count of the round by `command` (announce, call_runoff or count)."""
    return lambda e: getattr(e, command)(votes, invalid=invalid, by=VEC, at=COUNTED)


@pytest.mark.parametrize("command", ["announce", "call_runoff", "count"])
def test_a_negative_count_of_votes_is_refused_with_its_candidate(command: str) -> None:
    refused_argument(polling(voters=6), counting(command, {"v00": -1}), f"{command}.votes['v00']")


@pytest.mark.parametrize("command", ["announce", "call_runoff", "count"])
def test_counts_of_votes_are_whole_numbers_keyed_by_candidate_id(command: str) -> None:
    election = polling(voters=6)
    for votes, path in [
        ({"v00": True}, "votes['v00']"),
        ({"v00": 1.0}, "votes['v00']"),
        ({"v00": "3"}, "votes['v00']"),
        ({3: 1}, "votes[3]"),
        ({"": 1}, "votes['']"),
        ([("v00", 1)], "votes"),
    ]:
        refused_argument(election, counting(command, votes), f"{command}.{path}")
    for invalid in (-1, True, MAX_BALLOTS + 1):
        refused_argument(election, counting(command, {"v00": 1}, invalid), f"{command}.invalid")


def test_announce_refuses_a_count_of_votes_above_100000() -> None:
    assert MAX_BALLOTS == 100_000
    election = polling(voters=6)
    refused_argument(
        election,
        lambda e: e.announce({"v00": MAX_BALLOTS + 1}, by=VEC, at=COUNTED),
        "announce.votes['v00']",
    )
    # the bound itself is a count the check takes; the rules then compare it with the ballots
    refused(
        election,
        lambda e: e.announce({"v00": MAX_BALLOTS}, by=VEC, at=COUNTED),
        GuardRejected,
        "v00 has 100000 votes, but only 6 valid ballots were cast",
    )
    refused(
        election,
        lambda e: e.announce({"v00": 1}, invalid=MAX_BALLOTS, by=VEC, at=COUNTED),
        GuardRejected,
        "100000 invalid ballots, but only 6 were cast",
    )


def test_a_recall_is_counted_from_a_ballot_box() -> None:
    refused_argument(
        voting(voters=6),
        lambda r: r.count({"yes": 6}, by=VEC, at=day(11)),  # type: ignore[arg-type]
        "count.box",
    )


def test_an_election_replays_and_round_trips() -> None:
    election = (
        published()
        .appeal("A1", voter="x01", correction=ADD, text="漏登", by=actor("x01"), at=day(1))
        .decide_appeal("A1", upheld=True, text="予以登记", by=VEC, at=day(2))
        .fix_register(by=VEC, at=day(6))
        .nominate("v00", by=actor("x01"), at=day(8))
        .nominate("v01", by=actor("v03"), at=day(8))
        .nominate("x01", by=actor("v03"), at=day(8))
        .authorise_proxy("v09", proxy="v08", relation="配偶", by=VEC, at=day(10))
        .open_poll(by=VEC, at=POLL)
    )
    election = cast(election, VOTERS[:6])
    election = election.vote(on_behalf_of="v09", by=actor("v08"), at=POLL.add(hours=2))
    election = election.count({"v00": 5, "v01": 3, "x01": 3}, by=VEC, at=COUNTED)
    election = election.vote(by=actor("x01"), at=COUNTED).vote(by=actor("v02"), at=COUNTED)
    election = cast(election, VOTERS[3:8])
    election = election.count({"v01": 4, "x01": 3}, by=VEC, at=COUNTED.add(hours=2))
    assert election.elected == ("v00", "v01")
    assert replay(election.history) == election
    assert round_trip(election) == election


# -- recall (第16条) -----------------------------------------------------------------------

MEMBER = Actor.person("v00", "王某")
ADULTS = Roll(kind=RollKind.ADULTS, members=VOTERS)
REPRESENTATIVES = Roll(kind=RollKind.REPRESENTATIVES, members=[f"r{i}" for i in range(6)])


def requested(signatories: list[str] | None = None, roll: Roll = ADULTS, **fields: Any) -> Recall:
    return Recall.request(
        id="BM-1",
        member=MEMBER,
        reasons=fields.pop("reasons", "长期不履行职责"),
        requisition=Requisition(roll=roll, signatories=signatories or VOTERS[1:3]),
        by=fields.pop("by", actor("v01")),
        at=PUBLISHED,
    )


def voting(voters: int = 0) -> Recall:
    recall = requested().open_vote(VOTERS, by=VEC, at=day(10))
    for voter in VOTERS[:voters]:
        recall = recall.vote(by=actor(voter), at=day(10, 10))
    return recall


def test_exactly_a_fifth_of_the_villagers_may_request_a_recall_and_fewer_may_not() -> None:
    assert requested(VOTERS[1:3]).state is RecallState.REQUESTED
    with pytest.raises(
        RequisitionError, match=r"1 of 10 signed; .* needs 五分之一以上 \(2 of 10\)"
    ):
        requested(VOTERS[1:2])


def test_exactly_a_third_of_the_representatives_may_request_a_recall_and_fewer_may_not() -> None:
    assert requested(["r0", "r1"], REPRESENTATIVES).requisition.roll is REPRESENTATIVES
    with pytest.raises(RequisitionError, match=r"1 of 6 signed; .* needs 三分之一以上 \(2 of 6\)"):
        requested(["r0"], REPRESENTATIVES)


def test_a_recall_request_states_its_reasons_and_comes_from_voters_or_representatives() -> None:
    with pytest.raises(ValidationError, match="must not be empty") as info:
        requested(reasons=" ")
    assert info.value.paths == ("request.reasons",)
    with pytest.raises(RequisitionError, match="参会人员 cannot require a recall"):
        requested(["a", "b"], Roll.participants(["a", "b", "c"]))


def test_the_member_answers_the_request_once() -> None:
    recall = requested()
    refused(
        recall,
        lambda r: r.defend(text="?", by=actor("v01"), at=day(1)),
        GuardRejected,
        r"only person:v00 \(王某\), whose recall is requested, gives the defence",
    )
    defended = recall.defend(text="已按时履职", by=MEMBER, at=day(1))
    assert defended.defence == "已按时履职"
    refused(
        defended.open_vote(VOTERS, by=VEC, at=day(10)),
        lambda r: r.defend(text="again", by=MEMBER, at=day(10)),
        GuardRejected,
        "has already given their defence",
    )
    assert voting().defend(text="会上申辩", by=MEMBER, at=day(10)).defence == "会上申辩"


def test_registered_voters_vote_on_a_recall_once() -> None:
    recall = voting(voters=1)
    later = day(10, 11)
    refused(recall, lambda r: r.vote(by=actor("v00"), at=later), GuardRejected, "already voted")
    refused(recall, lambda r: r.vote(by=actor("x"), at=later), GuardRejected, "not on the register")
    with pytest.raises(ValidationError, match="at least one voter"):
        requested().open_vote([], by=VEC, at=day(10))


def test_a_recall_with_exactly_half_of_the_voters_voting_fails() -> None:
    recall = voting(voters=5)
    box = BallotBox(yes=5, no=0)
    refused(recall, lambda r: r.approve(box, by=VEC, at=day(11)), GuardRejected, "recall failed")
    retained = recall.count(box, by=VEC, at=day(11))
    assert retained.state is RecallState.RETAINED
    assert retained.result is not None
    assert not retained.result.turnout_met
    assert str(retained.result) == (
        "赞成 5、反对 0、弃权 0（登记 10 人，投票 5 人）；投票人数未过半数，罢免未通过"
    )


def test_a_recall_with_exactly_half_of_those_voting_approving_fails() -> None:
    recall = voting(voters=6)
    retained = recall.count(BallotBox(yes=3, no=2, abstain=1), by=VEC, at=day(11))
    assert retained.state is RecallState.RETAINED
    assert str(retained.result) == (
        "赞成 3、反对 2、弃权 1（登记 10 人，投票 6 人）；需赞成 4 票，罢免未通过"
    )
    box = BallotBox(yes=4, no=1, invalid=1)
    refused(recall, lambda r: r.reject(box, by=VEC, at=day(11)), GuardRejected, "recall passed")
    recalled = recall.count(box, by=VEC, at=day(11))
    assert recalled.state is RecallState.RECALLED
    assert str(recalled.result) == (
        "赞成 4、反对 1、弃权 0、废票 1（登记 10 人，投票 6 人）；需赞成 4 票，罢免通过"
    )
    assert replay(recalled.history) == recalled
    assert round_trip(recalled) == recalled


def test_the_box_holds_one_ballot_per_voter() -> None:
    recall = voting(voters=6)
    box = BallotBox(yes=6, no=1)
    for attempt in (
        lambda r: r.approve(box, by=VEC, at=day(11)),
        lambda r: r.reject(box, by=VEC, at=day(11)),
    ):
        refused(recall, attempt, GuardRejected, "the box holds 7 ballots but 6 voters voted")
    refused(
        requested(),
        lambda r: r.count(BallotBox(yes=0, no=0), by=VEC, at=day(11)),
        InvalidTransition,
        "cannot 'reject'",
    )


# -- random walks --------------------------------------------------------------------------

PEOPLE = st.sampled_from([*VOTERS[:4], "v09", "x01"])
DAYS = st.sampled_from([0, 2, 5, 6, 8, 19, 20, 21])


def _at(data: st.DataObject, entity: Entity[Any]) -> pendulum.DateTime:
    if data.draw(st.integers(0, 19)) == 0:
        return entity.last_changed.subtract(minutes=1)
    return max(day(data.draw(DAYS), data.draw(st.integers(0, 23))), entity.last_changed)


VOTES = st.dictionaries(st.sampled_from(["v00", "v01", "v02", "x01"]), st.integers(0, 7))
ELECTIONS = [published(), nominating(), polling(voters=6), runoff_for_one_seat()]


@given(st.data())
def test_random_walks_over_the_election_machine(data: st.DataObject) -> None:
    corrections = st.sampled_from(RegisterCorrection)
    commands: dict[str, Command[Election]] = {
        "appeal": lambda e, d: e.appeal(
            d.draw(st.sampled_from(["A1", "A2"])),
            voter=d.draw(PEOPLE),
            correction=d.draw(corrections),
            text="?",
            by=actor(d.draw(PEOPLE)),
            at=_at(d, e),
        ),
        "decide_appeal": lambda e, d: e.decide_appeal(
            d.draw(st.sampled_from(["A1", "A2"])),
            upheld=d.draw(st.booleans()),
            text="!",
            by=VEC,
            at=_at(d, e),
        ),
        "fix_register": lambda e, d: e.fix_register(by=VEC, at=_at(d, e)),
        "nominate": lambda e, d: e.nominate(d.draw(PEOPLE), by=actor(d.draw(PEOPLE)), at=_at(d, e)),
        "authorise_proxy": lambda e, d: e.authorise_proxy(
            d.draw(PEOPLE), proxy=d.draw(PEOPLE), relation="配偶", by=VEC, at=_at(d, e)
        ),
        "open_poll": lambda e, d: e.open_poll(by=VEC, at=_at(d, e)),
        "vote": lambda e, d: e.vote(
            on_behalf_of=d.draw(st.none() | PEOPLE), by=actor(d.draw(PEOPLE)), at=_at(d, e)
        ),
        "fail_turnout": lambda e, d: e.fail_turnout(by=VEC, at=_at(d, e)),
        "call_runoff": lambda e, d: e.call_runoff(
            d.draw(VOTES), invalid=d.draw(st.integers(0, 2)), by=VEC, at=_at(d, e)
        ),
        "announce": lambda e, d: e.announce(
            d.draw(VOTES), invalid=d.draw(st.integers(0, 2)), by=VEC, at=_at(d, e)
        ),
    }
    assert set(commands) == set(ELECTION.commands) - {"publish"}
    end = random_walk(data, data.draw(st.sampled_from(ELECTIONS)), commands)
    assert replay(end.history) == end
    assert len(end.elected) + end.seats_left == end.seats


@given(st.data(), st.sampled_from([polling(), runoff_for_one_seat()]))
def test_count_records_whichever_outcome_the_figures_justify(
    data: st.DataObject, election: Election
) -> None:
    election = cast(election, data.draw(st.lists(st.sampled_from(VOTERS), unique=True)))
    votes, at = data.draw(VOTES), COUNTED.add(hours=3)
    outcomes = []
    for command in (Election.announce, Election.call_runoff):
        with contextlib.suppress(InvalidTransition):
            outcomes.append(command(election, votes, by=VEC, at=at))
    with contextlib.suppress(InvalidTransition):
        outcomes.append(election.fail_turnout(by=VEC, at=at))
    try:
        counted = election.count(votes, by=VEC, at=at)
    except InvalidTransition:
        assert outcomes == []
    else:
        assert outcomes == [counted]


RECALLS = [requested(), voting(), voting(voters=6)]
BOXES = st.builds(BallotBox, yes=st.integers(0, 6), no=st.integers(0, 6))


@given(st.data())
def test_random_walks_over_the_recall_machine(data: st.DataObject) -> None:
    commands: dict[str, Command[Recall]] = {
        "defend": lambda r, d: r.defend(
            text="申辩", by=d.draw(st.sampled_from([MEMBER, VEC])), at=_at(d, r)
        ),
        "open_vote": lambda r, d: r.open_vote(VOTERS, by=VEC, at=_at(d, r)),
        "vote": lambda r, d: r.vote(by=actor(d.draw(PEOPLE)), at=_at(d, r)),
        "approve": lambda r, d: r.approve(d.draw(BOXES), by=VEC, at=_at(d, r)),
        "reject": lambda r, d: r.reject(d.draw(BOXES), by=VEC, at=_at(d, r)),
    }
    assert set(commands) == set(RECALL.commands) - {"request"}
    end = random_walk(data, data.draw(st.sampled_from(RECALLS)), commands)
    assert replay(end.history) == end


def test_the_appeal_window_cites_the_law() -> None:
    assert str(REGISTER_APPEAL_WINDOW) == (
        "申诉期 (appeal window): 5日 (5 calendar days) — 村民委员会组织法(2018) 第14条第2款"
    )
    assert REGISTER_APPEAL_WINDOW.source.text.endswith(
        "应当自名单公布之日起五日内向村民选举委员会申诉"
    )
