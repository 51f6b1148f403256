"""The kernel's votes: one quorum and majority for all (村民委员会组织法 第22条、第26条)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import jiceng.decisions
import jiceng.decisions.thresholds
from jiceng import (
    VILLAGER_REPRESENTATIVES_BODY,
    VILLAGERS_ASSEMBLY_BODY,
    Base,
    Body,
    Majority,
    Quorum,
    QuorumCount,
    QuorumTest,
    Threshold,
    Vote,
)
from jiceng.decisions.thresholds import MORE_THAN_HALF
from jiceng.exceptions import ValidationError


def vote(**changes: Any) -> Vote:
    base = Vote(
        record="CMH-1",
        body=VILLAGERS_ASSEMBLY_BODY,
        members=20,
        present=11,
        households=None,
        households_present=None,
        yes=6,
        no=5,
        abstain=0,
    )
    return attrs.evolve(base, **changes)


def test_decisions_uses_the_kernels_thresholds_not_a_copy() -> None:
    assert jiceng.decisions.Quorum is Quorum
    assert jiceng.decisions.Majority is Majority
    assert jiceng.decisions.QuorumCount is QuorumCount
    assert jiceng.decisions.Threshold is Threshold
    assert jiceng.decisions.thresholds.QuorumTest is QuorumTest
    assert jiceng.decisions.thresholds.Base is Base
    from jiceng.decisions.kinds import VILLAGER_REPRESENTATIVES, VILLAGERS_ASSEMBLY

    assert VILLAGERS_ASSEMBLY.quorum is VILLAGERS_ASSEMBLY_BODY.quorum
    assert VILLAGER_REPRESENTATIVES.majority is VILLAGER_REPRESENTATIVES_BODY.majority


def test_more_than_half_of_those_present_passes_and_exactly_half_does_not() -> None:
    # 第22条: 村民会议所作决定应当经到会人员的过半数通过
    assert vote(present=11, yes=6, no=5).failed() is None
    assert vote(present=11, yes=5, no=6).failed() == (
        "赞成 5/11 到会人员: 村民委员会组织法(2018) 第22条 needs 过半数 (6)"
    )
    assert vote(present=12, yes=6, no=6).failed() is not None
    assert vote(present=12, yes=7, no=5).carried


def test_exactly_half_the_adults_is_no_quorum_of_a_villagers_assembly() -> None:
    # 第22条: 应当有本村十八周岁以上村民的过半数……参加
    assert vote(present=10, yes=6, no=4).inquorate() == (
        "到会 10/20 人，未达法定人数: 村民委员会组织法(2018) 第22条 needs 应到会人员的过半数 (11)"
    )
    assert not vote(present=10, yes=6, no=4).carried
    assert vote(present=11).inquorate() is None


def test_two_thirds_of_the_households_is_a_quorum_of_a_villagers_assembly() -> None:
    # 第22条: 或者本村三分之二以上的户的代表参加; 以上 includes two thirds itself.
    few = vote(present=10, yes=6, no=4, households=9, households_present=5)
    assert few.inquorate() is not None
    assert "户的三分之二以上 (6)" in (few.inquorate() or "")
    assert attrs.evolve(few, households_present=6).inquorate() is None
    assert vote(present=10, yes=6, no=4, households=10, households_present=5).quorum().met is False


def test_a_representative_assembly_needs_two_thirds_of_its_members() -> None:
    # 第26条: 村民代表会议有三分之二以上的组成人员参加方可召开
    reps = vote(body=VILLAGER_REPRESENTATIVES_BODY, members=30, present=20, yes=11, no=9)
    assert reps.inquorate() is None
    assert "第26条" in (attrs.evolve(reps, present=19, no=8).inquorate() or "")
    # judged by the 村民会议's rules instead, 20 of 30 is also a quorum, and 11 of 20 passes
    assert reps.inquorate(VILLAGERS_ASSEMBLY_BODY) is None
    assert reps.failed(VILLAGERS_ASSEMBLY_BODY) is None


def test_a_majority_of_all_members_counts_the_members() -> None:
    of_all = Majority(
        threshold=MORE_THAN_HALF, of=Base.MEMBERS, source=VILLAGERS_ASSEMBLY_BODY.majority.source
    )
    body = attrs.evolve(VILLAGERS_ASSEMBLY_BODY, majority=of_all)
    assert vote(body=body, yes=10, no=1).failed() is not None  # 10 of 20 members
    assert vote(body=body, yes=11, no=0).failed() is None
    assert of_all.needed(20, 11) == 11
    assert of_all.passes(11, members=20, present=11)


def test_a_vote_refuses_figures_that_cannot_be() -> None:
    with pytest.raises(ValidationError) as caught:
        vote(present=21)
    assert caught.value.paths == ("present",)
    with pytest.raises(ValidationError, match="12 votes from 11 present"):
        vote(abstain=1)
    with pytest.raises(ValidationError, match="both households figures"):
        vote(households=10)
    with pytest.raises(ValidationError, match="11 of 10 households"):
        vote(households=10, households_present=11)
    with pytest.raises(ValidationError, match="12 households represented by 11 present"):
        vote(households=15, households_present=12)
    with pytest.raises(ValidationError, match="required for a recorded vote"):
        vote(yes=None)
    with pytest.raises(ValidationError, match="at most 10000000"):
        vote(members=10_000_001)
    with pytest.raises(ValidationError, match="record"):
        vote(record="")


def test_an_unrecorded_vote_has_no_figures_and_judges_nothing() -> None:
    old = Vote.unrecorded("D-1")
    assert not old.recorded
    assert not old.carried
    assert str(old) == "D-1 (表决情况未记录)"
    assert old.failed() == "vote D-1 has no recorded figures"
    with pytest.raises(ValidationError, match="no recorded figures"):
        old.quorum()
    with pytest.raises(ValidationError, match="has no figures"):
        attrs.evolve(old, present=3)
    with pytest.raises(ValidationError, match="has no figures"):
        attrs.evolve(old, households=3, households_present=2)
    # judged by a body's rules, the missing figures count as none
    assert old.inquorate(VILLAGERS_ASSEMBLY_BODY) is not None


def test_a_vote_reads_as_its_figures() -> None:
    assert str(vote(households=10, households_present=7)) == (
        "CMH-1 村民会议: 到会 11/20 人, 户代表 7/10 户; 赞成 6、反对 5、弃权 0"
    )
    assert str(VILLAGER_REPRESENTATIVES_BODY) == "村民代表会议"


def test_a_body_checks_its_values() -> None:
    with pytest.raises(ValidationError, match="code"):
        Body(
            code="",
            label=VILLAGERS_ASSEMBLY_BODY.label,
            quorum=VILLAGERS_ASSEMBLY_BODY.quorum,
            majority=VILLAGERS_ASSEMBLY_BODY.majority,
        )
    with pytest.raises(ValidationError, match="quorum"):
        attrs.evolve(VILLAGERS_ASSEMBLY_BODY, quorum="过半数")  # type: ignore[arg-type]


def test_a_quorum_checks_figures_and_says_what_it_needs() -> None:
    quorum = VILLAGERS_ASSEMBLY_BODY.quorum
    count = quorum.check(members=20, present=10, households=10, households_present=7)
    assert count.met
    assert quorum.needs(count) == "应到会人员的过半数 (11) or 户的三分之二以上 (7)"
    bare = quorum.check(members=20, present=10)
    assert not bare.met
    assert quorum.needs(bare) == "应到会人员的过半数 (11)"
    assert quorum.needs(quorum.check(members=0, present=0)) == (
        "应到会人员的过半数 (1) or 户的三分之二以上 (0)"
    )
