from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Source
from jiceng.decisions import (
    Majority,
    Quorum,
    Requisition,
    RequisitionError,
    Roll,
    RollKind,
    Threshold,
)
from jiceng.decisions.kinds import VILLAGERS_ASSEMBLY
from jiceng.decisions.thresholds import (
    AT_LEAST_HALF,
    AT_LEAST_ONE_TENTH,
    AT_LEAST_TWO_THIRDS,
    MIN_SHARE,
    MORE_THAN_HALF,
    Base,
    QuorumTest,
)
from jiceng.exceptions import ValidationError
from tests.decisions.village import MEETING_DAY, village


def oracle(count: int, total: int, share: Fraction, inclusive: bool) -> bool:
    """Brute force: compare the exact ratio, no cross-multiplying, no shortcuts."""
    if total == 0:
        return False
    ratio = Fraction(count, total)
    return ratio >= share if inclusive else ratio > share


def oracle_minimum(total: int, share: Fraction, inclusive: bool) -> int:
    return next(k for k in range(total + 2) if oracle(k, total, share, inclusive))


shares = st.fractions(min_value=Fraction(1, 12), max_value=1, max_denominator=12)


@given(shares, st.booleans(), st.integers(0, 60), st.data())
def test_thresholds_agree_with_a_brute_force_oracle(
    share: Fraction, inclusive: bool, total: int, data: st.DataObject
) -> None:
    threshold = Threshold(share, inclusive=inclusive)
    count = data.draw(st.integers(0, total))
    assert threshold.met(count, total) == oracle(count, total, share, inclusive)
    if total:
        assert threshold.minimum(total) == oracle_minimum(total, share, inclusive)


@given(st.integers(1, 200))
def test_thresholds_agree_with_the_oracle_at_every_boundary(total: int) -> None:
    for threshold in (MORE_THAN_HALF, AT_LEAST_HALF, AT_LEAST_TWO_THIRDS, AT_LEAST_ONE_TENTH):
        low = threshold.minimum(total)
        for count in {0, low - 1, low, low + 1, total}:
            if 0 <= count <= total:
                expected = oracle(count, total, threshold.share, threshold.inclusive)
                assert threshold.met(count, total) is expected


def test_exactly_half_is_not_more_than_half() -> None:
    assert not MORE_THAN_HALF.met(50, 100)
    assert MORE_THAN_HALF.met(51, 100)
    assert MORE_THAN_HALF.minimum(100) == 51
    assert MORE_THAN_HALF.minimum(101) == 51


def test_exactly_two_thirds_is_at_least_two_thirds() -> None:
    assert AT_LEAST_TWO_THIRDS.met(2, 3)
    assert AT_LEAST_TWO_THIRDS.met(40, 60)
    assert not AT_LEAST_TWO_THIRDS.met(39, 60)


def test_zero_attendance_meets_no_threshold() -> None:
    assert not MORE_THAN_HALF.met(0, 10)
    assert not AT_LEAST_ONE_TENTH.met(0, 10)
    assert not AT_LEAST_HALF.met(0, 0)


def test_a_threshold_needs_an_exact_fraction_between_0_and_1() -> None:
    for bad in (0.5, Fraction(0), Fraction(3, 2), 1):
        with pytest.raises(ValidationError) as caught:
            Threshold(bad, inclusive=True)  # type: ignore[arg-type]
        assert caught.value.paths == ("share",)
    with pytest.raises(ValidationError, match="expected an exact Fraction"):
        Threshold(0.5, inclusive=True)  # type: ignore[arg-type]


def test_a_share_ranges_from_one_hundredth_to_the_whole() -> None:
    assert Fraction(1, 100) == MIN_SHARE
    assert Threshold(MIN_SHARE, inclusive=True).minimum(100) == 1
    assert Threshold(Fraction(1), inclusive=True).minimum(7) == 7
    with pytest.raises(ValidationError, match="must be at least 1/100") as caught:
        Threshold(Fraction(1, 101), inclusive=True)
    assert caught.value.paths == ("share",)
    with pytest.raises(ValidationError, match="must be at most 1") as caught:
        Threshold(Fraction(101, 100), inclusive=False)
    assert caught.value.paths == ("share",)


def test_a_threshold_says_whether_it_is_inclusive_with_a_bool() -> None:
    with pytest.raises(ValidationError) as caught:
        Threshold(Fraction(1, 2), inclusive=1)  # type: ignore[arg-type]
    assert caught.value.paths == ("inclusive",)


def test_thresholds_read_as_the_statutes_write_them() -> None:
    assert str(MORE_THAN_HALF) == "过半数 (more than half)"
    assert str(AT_LEAST_HALF) == "半数以上 (at least half)"
    assert str(AT_LEAST_TWO_THIRDS) == "三分之二以上 (at least 2/3)"
    assert str(Threshold(Fraction(1, 3), inclusive=False)) == "超过三分之一 (more than 1/3)"
    assert Threshold(Fraction(1, 12), inclusive=True).label.zh == "12分之一以上"


def test_a_quorum_counts_members_or_households_and_a_majority_present_or_members() -> None:
    with pytest.raises(ValidationError, match="not those present"):
        QuorumTest(of=Base.PRESENT, threshold=MORE_THAN_HALF)
    with pytest.raises(ValidationError, match="not households"):
        Majority(threshold=MORE_THAN_HALF, of=Base.HOUSEHOLDS, source=Source("x"))
    with pytest.raises(ValidationError, match="at least one test"):
        Quorum(tests=(), source=Source("x"))
    majority = Majority(threshold=MORE_THAN_HALF, of=Base.MEMBERS, source=Source("x"))
    assert majority.base(members=10, present=6) == 10


@given(st.data())
def test_the_assembly_quorum_agrees_with_a_brute_force_count(data: st.DataObject) -> None:
    people = village(households=data.draw(st.integers(1, 8)), per_household=2)
    roll = Roll.adults(people, on=MEETING_DAY)
    present = frozenset(data.draw(st.sets(st.sampled_from(sorted(roll.members)))))
    count = VILLAGERS_ASSEMBLY.quorum.count(roll, present)  # type: ignore[union-attr]
    adults = sum(1 for p in people if p.id in present)
    households = {p.household for p in people if p.represents_household and p.id in present}
    expected = 2 * adults > len(roll.members) or 3 * len(households) >= 2 * len(roll.households)
    assert count.met is expected
    assert (count.present, count.households_present) == (adults, len(households))


def test_quorum_figures_read_as_a_record() -> None:
    roll = Roll.adults(village(), on=MEETING_DAY)
    count = VILLAGERS_ASSEMBLY.quorum.count(roll, frozenset({"v00", "v10"}))  # type: ignore[union-attr]
    assert str(count) == "到会 2/12 人, 户代表 2/6 户，未达法定人数"


def test_a_request_needs_its_share_of_signatures() -> None:
    roll = Roll.adults(village(households=10), on=MEETING_DAY)  # 20 adults
    rules = VILLAGERS_ASSEMBLY.requisitions
    Requisition(roll=roll, signatories={"v00", "v01"}).check(rules, "村民会议")  # 2/20 = 1/10
    with pytest.raises(RequisitionError, match=r"1 of 20 signed.*十分之一以上 \(2 of 20\)"):
        Requisition(roll=roll, signatories={"v00"}).check(rules, "村民会议")


def test_a_request_from_strangers_or_the_wrong_body_is_refused() -> None:
    roll = Roll.adults(village(), on=MEETING_DAY)
    with pytest.raises(RequisitionError, match=r"not on the roll.*x9"):
        Requisition(roll=roll, signatories={"x9"}).check(
            VILLAGERS_ASSEMBLY.requisitions, "村民会议"
        )
    party = Roll.participants(["a"])
    with pytest.raises(RequisitionError, match="参会人员 cannot require a 村民会议"):
        Requisition(roll=party, signatories={"a"}).check(
            VILLAGERS_ASSEMBLY.requisitions, "村民会议"
        )
    assert party.kind is RollKind.PARTICIPANTS
