"""A meeting's motion read as the kernel's `Vote` (`vote_of`), for the domains citing it."""

from __future__ import annotations

import attrs
import pytest

from jiceng import VILLAGERS_ASSEMBLY_BODY
from jiceng.decisions import Choice, Roll
from jiceng.decisions.kinds import VILLAGER_REPRESENTATIVES
from jiceng.decisions.meetings import vote_of
from jiceng.exceptions import NotFoundError, ValidationError
from tests.decisions.village import CLERK, COMMITTEE, OPENS, actor, ids, sitting, village


def test_a_tallied_motion_reads_as_a_vote_of_the_meetings_kind_with_its_figures() -> None:
    meeting = sitting(present=7)  # 7 of 12 adults, 5 of 6 households (第22条)
    meeting = meeting.move("M1", title="积分细则", by=COMMITTEE, at=OPENS)
    for n, voter in enumerate(ids(meeting.roll, 7)):
        choice = Choice.FOR if n < 4 else (Choice.AGAINST if n < 6 else Choice.ABSTAIN)
        meeting = meeting.vote("M1", choice, by=actor(voter), at=OPENS)
    with pytest.raises(NotFoundError, match="has not been tallied"):
        vote_of(meeting, "M1")
    meeting = meeting.close(by=CLERK, at=OPENS).tally("M1", by=CLERK, at=OPENS)
    vote = vote_of(meeting, "M1", mandate=None)
    assert vote.record == "M-1/M1"
    assert vote.body is not None
    assert (vote.body.code, vote.body.quorum) == (
        "villagers_assembly",
        VILLAGERS_ASSEMBLY_BODY.quorum,
    )
    assert (vote.members, vote.present, vote.households, vote.households_present) == (12, 7, 6, 4)
    assert (vote.yes, vote.no, vote.abstain) == (4, 2, 1)
    assert vote.carried  # 4 of 7 present is more than half
    assert meeting.result("M1").passed


def test_a_representative_assembly_has_no_households_and_carries_its_mandate() -> None:
    roll = Roll.representative_assembly(village())
    meeting = sitting(kind=VILLAGER_REPRESENTATIVES, roll=roll, at=OPENS)
    meeting = meeting.move("M1", title="积分细则", by=COMMITTEE, at=OPENS)
    for voter in sorted(roll.members):
        meeting = meeting.vote("M1", Choice.FOR, by=actor(voter), at=OPENS)
    meeting = meeting.close(by=CLERK, at=OPENS).tally("M1", by=CLERK, at=OPENS)
    vote = vote_of(meeting, "M1", mandate="CMH-2026-1")
    assert (vote.households, vote.households_present, vote.mandate) == (None, None, "CMH-2026-1")
    assert vote.body is not None
    assert vote.body.code == "villager_representatives"


def test_a_kind_without_quorum_or_majority_needs_the_body_it_sat_as() -> None:
    meeting = sitting(present=12).move("M1", title="x", by=COMMITTEE, at=OPENS)
    meeting = meeting.close(by=CLERK, at=OPENS).tally("M1", by=CLERK, at=OPENS)
    # a kind stripped of its rules (as a 质询会 has none) is no body to vote as
    bare = attrs.evolve(meeting, kind=attrs.evolve(meeting.kind, quorum=None, majority=None))
    with pytest.raises(ValidationError, match="neither needs a quorum nor takes votes"):
        vote_of(bare, "M1")
    vote = vote_of(bare, "M1", body=VILLAGERS_ASSEMBLY_BODY)
    assert vote.body is VILLAGERS_ASSEMBLY_BODY
    assert (vote.present, vote.yes) == (12, 0)
    assert vote.failed() is not None
