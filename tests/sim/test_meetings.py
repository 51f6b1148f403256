from __future__ import annotations

import math
from fractions import Fraction

import pytest

from jiceng.decisions.kinds import (
    DELIBERATION,
    INQUIRY,
    VILLAGER_REPRESENTATIVES,
    VILLAGERS_ASSEMBLY,
)
from jiceng.exceptions import ValidationError
from jiceng.sim import MeetingScenario, exact_odds
from jiceng.sim._meetings import MAX_MEETINGS, MAX_MEMBERS


def _within(estimate: Fraction | None, exact: Fraction, n: int) -> bool:
    """Within five standard errors of the exact value (plus a continuity allowance)."""
    assert estimate is not None
    p = float(exact)
    return abs(float(estimate) - p) <= 5 * math.sqrt(p * (1 - p) / n) + 1 / n


@pytest.mark.parametrize(
    ("kind", "members", "households", "turnout"),
    [
        (VILLAGERS_ASSEMBLY, 40, 20, Fraction(1, 2)),
        (VILLAGERS_ASSEMBLY, 30, 10, Fraction(3, 5)),
        (VILLAGER_REPRESENTATIVES, 21, 1, Fraction(7, 10)),
        (DELIBERATION, 9, 3, Fraction(1, 5)),
    ],
)
def test_the_simulated_odds_match_the_exact_binomial_odds(
    kind: object, members: int, households: int, turnout: Fraction
) -> None:
    scenario = MeetingScenario(
        kind=kind,  # type: ignore[arg-type]
        members=members,
        households=households,
        turnout=turnout,
        support=Fraction(3, 5),
        meetings=300,
    )
    result = scenario.run(seed=7)
    assert (result.exact_quorum, result.exact_pass) == exact_odds(scenario)
    assert _within(result.quorum_rate.fraction, result.exact_quorum, 300)
    assert _within(result.pass_rate.fraction, result.exact_pass, 300)
    assert result.pass_rate.numerator <= result.quorum_rate.numerator
    assert len(result.to_pandas()) == 300


def test_exact_odds_of_a_tiny_meeting_by_hand() -> None:
    # Two members, one household represented by the first: more than half of 2 is 2, or
    # 2/3 of 1 household is its representative; so the quorum is "the representative came".
    scenario = MeetingScenario(
        members=2, households=1, turnout=Fraction(1, 2), support=Fraction(1, 2), meetings=1
    )
    quorum, passed = exact_odds(scenario)
    assert quorum == Fraction(1, 2)
    # rep alone: passes iff rep votes for (1/2); both: more than half of 2 needs 2 (1/4)
    assert passed == Fraction(1, 4) * Fraction(1, 2) + Fraction(1, 4) * Fraction(1, 4)


def test_a_meeting_nobody_attends_fails_its_quorum() -> None:
    result = MeetingScenario(members=3, households=1, turnout=Fraction(0), meetings=2).run(1)
    assert result.quorum_rate.numerator == 0
    assert result.exact_quorum == 0
    assert [r.present for r in result.records] == [0, 0]


def test_progress_hears_of_every_tenth_sitting() -> None:
    seen: list[float] = []
    MeetingScenario(members=5, households=2, meetings=20).run(1, lambda _, d: seen.append(d))
    assert seen == [0.5, 1.0]


def test_invalid_meeting_scenarios_are_refused() -> None:
    with pytest.raises(ValueError, match="households"):
        MeetingScenario(members=2, households=3)
    with pytest.raises(ValueError, match="does not vote"):
        MeetingScenario(kind=INQUIRY)
    with pytest.raises(ValueError, match="Fraction"):
        MeetingScenario(turnout=0.5)  # type: ignore[arg-type]
    assert MeetingScenario(meetings=10).scaled(0.5).meetings == 5


def test_a_scenario_has_1_to_1000_members_and_households() -> None:
    assert MAX_MEMBERS == 1_000
    assert MeetingScenario(members=1, households=1).members == 1
    assert MeetingScenario(members=MAX_MEMBERS, households=MAX_MEMBERS).households == MAX_MEMBERS
    for fields in ({"members": 0}, {"members": MAX_MEMBERS + 1}, {"households": 0}):
        with pytest.raises(ValidationError) as caught:
            MeetingScenario(**fields)  # type: ignore[arg-type]
        assert caught.value.paths == tuple(fields)
    with pytest.raises(ValidationError, match="expected a whole number") as caught:
        MeetingScenario(members=60.0)  # type: ignore[arg-type]
    assert caught.value.paths == ("members",)


def test_a_scenario_sits_1_to_100000_times() -> None:
    assert MAX_MEETINGS == 100_000
    assert MeetingScenario(meetings=MAX_MEETINGS).meetings == MAX_MEETINGS
    for meetings in (0, MAX_MEETINGS + 1, True):
        with pytest.raises(ValidationError) as caught:
            MeetingScenario(meetings=meetings)
        assert caught.value.paths == ("meetings",)


def test_turnout_and_support_are_exact_probabilities_from_0_to_1() -> None:
    assert MeetingScenario(turnout=Fraction(0), support=Fraction(1)).turnout == 0
    for fields in ({"turnout": Fraction(-1, 10)}, {"support": Fraction(11, 10)}):
        with pytest.raises(ValidationError) as caught:
            MeetingScenario(**fields)  # type: ignore[arg-type]
        assert caught.value.paths == tuple(fields)


def test_a_scenario_meets_as_a_meeting_kind() -> None:
    with pytest.raises(ValidationError) as caught:
        MeetingScenario(kind="villagers_assembly")  # type: ignore[arg-type]
    assert caught.value.paths == ("kind",)
