from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Source, replay
from jiceng.decisions import (
    Choice,
    FundingCapError,
    Meeting,
    Project,
    ProjectState,
    Purpose,
    Requisition,
    RequisitionError,
    Roll,
)
from jiceng.decisions.kinds import PUBLIC_WELFARE
from jiceng.decisions.projects import (
    MAX_LABOUR_DAYS,
    MAX_LEVY,
    OLDER_PROVINCIAL_CAPS,
    PROJECT,
    FundingCaps,
)
from jiceng.exceptions import GuardRejected, ValidationError
from jiceng.testing import Command, instants, random_walk
from tests.decisions.village import (
    CLERK,
    COMMITTEE,
    MEETING_DAY,
    NOTICE,
    OPENS,
    actor,
    round_trip,
    sitting,
    village,
)

LATER = OPENS.add(hours=3)


def proposal(cash: str = "15.00", days: int = 10, **fields: object) -> Project:
    return Project.propose(
        id="YS-1",
        title="硬化组组通道路",
        cash_per_person=Decimal(cash),
        workdays_per_labourer=days,
        by=COMMITTEE,
        at=NOTICE,
        **fields,  # type: ignore[arg-type]
    )


def vote(yes: int, *, matter: bool = True, purpose: Purpose = Purpose.DECIDE) -> Meeting:
    """A 村民会议 where all 12 attend and `yes` vote for the project."""
    meeting = sitting().move(
        "D1",
        title="一事一议：硬化道路",
        matter=PUBLIC_WELFARE if matter else None,
        purpose=purpose,
        by=COMMITTEE,
        at=OPENS,
    )
    for i, voter in enumerate(sorted(meeting.present)):
        meeting = meeting.vote(
            "D1", Choice.FOR if i < yes else Choice.AGAINST, by=actor(voter), at=OPENS
        )
    return (
        meeting.close(by=CLERK, at=LATER)
        .tally("D1", by=CLERK, at=LATER)
        .conclude(by=CLERK, at=LATER)
    )


def test_15_yuan_and_10_workdays_are_within_the_older_caps() -> None:
    project = proposal()
    assert project.state is ProjectState.PROPOSED
    assert project.caps is OLDER_PROVINCIAL_CAPS


def test_15_yuan_1_fen_or_11_workdays_exceed_the_older_caps() -> None:
    with pytest.raises(FundingCapError) as caught:
        proposal("15.01", 11)
    assert caught.value.paths == ("cash_per_person", "workdays_per_labourer")


def test_caps_are_configurable_and_may_be_lifted() -> None:
    open_caps = FundingCaps(
        name="none", cash_per_person=None, workdays_per_labourer=None, source=Source("x")
    )
    assert proposal("100.00", 30, caps=open_caps).cash_per_person == Decimal("100.00")


OPEN_CAPS = FundingCaps(
    name="none", cash_per_person=None, workdays_per_labourer=None, source=Source("x")
)


def test_bad_amounts_are_refused() -> None:
    with pytest.raises(ValidationError, match="to the fen") as caught:
        proposal("1.001")
    assert caught.value.paths == ("propose.cash_per_person",)
    with pytest.raises(ValidationError, match="must be at least 0") as caught:
        proposal(days=-1)
    assert caught.value.paths == ("propose.workdays_per_labourer",)


@pytest.mark.parametrize("cash", [15, 15.0, "15.00", Decimal("NaN")])
def test_a_levy_is_a_decimal_amount_not_a_number_or_text(cash: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Project.propose(
            id="YS-1",
            title="硬化组组通道路",
            cash_per_person=cash,  # type: ignore[arg-type]
            workdays_per_labourer=10,
            by=COMMITTEE,
            at=NOTICE,
        )
    assert caught.value.paths == ("propose.cash_per_person",)
    assert not isinstance(caught.value, FundingCapError)


def test_a_levy_ranges_from_nothing_to_1000_yuan_a_person_a_year() -> None:
    assert Decimal("1000.00") == MAX_LEVY
    assert proposal("0", 0).cash_per_person == Decimal(0)
    assert proposal("1000.00", caps=OPEN_CAPS).cash_per_person == MAX_LEVY
    for bad in ("1000.01", "-0.01"):
        with pytest.raises(ValidationError) as caught:
            proposal(bad, caps=OPEN_CAPS)
        assert caught.value.paths == ("propose.cash_per_person",)
        assert not isinstance(caught.value, FundingCapError)


def test_labour_ranges_from_nothing_to_the_days_of_a_year() -> None:
    assert MAX_LABOUR_DAYS == 365
    assert proposal(days=365, caps=OPEN_CAPS).workdays_per_labourer == 365
    with pytest.raises(ValidationError, match="must be at most 365") as caught:
        proposal(days=366, caps=OPEN_CAPS)
    assert caught.value.paths == ("propose.workdays_per_labourer",)
    with pytest.raises(ValidationError, match="expected a whole number") as caught:
        proposal(days=True, caps=OPEN_CAPS)
    assert caught.value.paths == ("propose.workdays_per_labourer",)


def test_a_levy_above_the_cap_but_within_the_range_is_refused_by_the_cap() -> None:
    with pytest.raises(FundingCapError, match=r"exceeds 15\.00元") as caught:
        proposal("1000.00")
    assert caught.value.paths == ("cash_per_person",)


def test_caps_are_bounded_like_the_asks() -> None:
    caps = FundingCaps(
        name="max", cash_per_person=MAX_LEVY, workdays_per_labourer=365, source=Source("x")
    )
    assert caps.cash_per_person == MAX_LEVY
    bad: list[dict[str, Any]] = [
        {"cash_per_person": MAX_LEVY + Decimal("0.01")},
        {"cash_per_person": 15},
        {"workdays_per_labourer": 366},
        {"workdays_per_labourer": -1},
        {"name": " "},
    ]
    for fields in bad:
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(caps, **fields)
        assert caught.value.paths == tuple(fields)


def test_villagers_propose_with_a_tenth_and_representatives_with_a_fifth() -> None:
    adults = Roll.adults(village(households=10), on=MEETING_DAY)  # 20
    assert proposal(requisition=Requisition(roll=adults, signatories={"v00", "v01"})).requisition
    with pytest.raises(RequisitionError, match="1 of 20 signed"):
        proposal(requisition=Requisition(roll=adults, signatories={"v00"}))
    reps = Roll.representatives(village(households=10))  # 5 representatives
    assert proposal(requisition=Requisition(roll=reps, signatories={"v00"})).requisition


def test_the_project_follows_the_assembly_vote() -> None:
    approved = proposal().record_vote(vote(7), "D1", by=CLERK, at=LATER)
    assert approved.state is ProjectState.APPROVED
    assert approved.tally is not None
    assert approved.tally.yes == 7
    rejected = proposal().record_vote(vote(6), "D1", by=CLERK, at=LATER)
    assert rejected.state is ProjectState.REJECTED
    with pytest.raises(GuardRejected, match="the vote failed"):
        proposal().approve(vote(6), "D1", by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="the vote passed"):
        proposal().reject(vote(7), "D1", by=CLERK, at=LATER)
    assert round_trip(approved) == approved


def test_only_a_concluded_meeting_deciding_the_matter_counts() -> None:
    with pytest.raises(ValidationError, match="does not decide"):
        proposal().record_vote(vote(7, matter=False), "D1", by=CLERK, at=LATER)
    with pytest.raises(ValidationError, match="does not decide"):
        proposal().record_vote(vote(7, purpose=Purpose.RECOMMEND), "D1", by=CLERK, at=LATER)
    with pytest.raises(ValidationError, match="needs a concluded meeting"):
        proposal().record_vote(sitting(), "D1", by=CLERK, at=LATER)


@given(st.data())
def test_random_walks_over_the_project_machine(data: st.DataObject) -> None:
    meetings = st.sampled_from([vote(7), vote(6)])
    t = instants(start=LATER, days=5)

    def at(d: st.DataObject, p: Project):  # type: ignore[no-untyped-def]
        return p.last_changed.subtract(minutes=1) if d.draw(st.integers(0, 9)) == 0 else d.draw(t)

    commands: dict[str, Command[Project]] = {
        "approve": lambda p, d: p.approve(d.draw(meetings), "D1", by=CLERK, at=at(d, p)),
        "reject": lambda p, d: p.reject(d.draw(meetings), "D1", by=CLERK, at=at(d, p)),
    }
    assert set(commands) == set(PROJECT.commands) - {"propose"}
    end = random_walk(data, proposal(), commands)
    assert replay(end.history) == end
