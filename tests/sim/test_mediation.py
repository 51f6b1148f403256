from __future__ import annotations

from typing import Any

import attrs
import pytest

from jiceng.exceptions import ValidationError
from jiceng.mediation import DisputeKind
from jiceng.sim import MediationScenario


def test_more_frequent_house_meetings_resolve_more_and_escalate_less() -> None:
    often = MediationScenario(villages=10, meeting_interval_days=7).run(seed=3)
    rarely = MediationScenario(villages=10, meeting_interval_days=30).run(seed=3)
    assert often.resolved / often.disputes > rarely.resolved / rarely.disputes
    assert often.escalation_rate.fraction < rarely.escalation_rate.fraction  # type: ignore[operator]
    for r in (often, rarely):
        assert r.resolved + r.escalated + r.pending == r.disputes == len(r.records)
        assert r.success_rate.denominator == r.resolved + r.escalated
        assert r.sessions == sum(rec.sessions for rec in r.records)
        assert sum(n for _, n in r.by_kind) == r.disputes
        assert r.average_duration_days is not None
    assert len(often.to_pandas()) == often.disputes


def test_refusals_escalate_and_a_short_run_leaves_cases_pending() -> None:
    seen: list[float] = []
    s = MediationScenario(villages=40, days=20, drain_days=7, success_share=0.0,
                          refusal_share=0.3, meeting_interval_days=3)  # fmt: skip
    r = s.run(seed=5, progress=lambda _, d: seen.append(d))
    assert seen[-1] == 1.0
    assert r.escalated > 0
    assert r.resolved == 0
    assert r.pending > 0


def test_cases_past_their_month_are_terminated_at_the_end() -> None:
    s = MediationScenario(villages=2, days=30, drain_days=40, meeting_interval_days=200,
                          success_share=0.0, refusal_share=0.0)  # fmt: skip
    r = s.run(seed=1)
    assert r.meetings == 0
    assert r.escalated == r.disputes > 0


def test_invalid_mediation_scenarios_are_refused() -> None:
    with pytest.raises(ValueError, match="more than 1"):
        MediationScenario(success_share=0.8, refusal_share=0.3)
    assert MediationScenario(villages=50).scaled(0.1).villages == 5


def test_a_year_without_disputes_holds_no_meeting() -> None:
    r = MediationScenario(villages=1, days=1, disputes_per_village=0.001).run(seed=1)
    assert (r.disputes, r.meetings) == (0, 0)
    assert r.average_duration_days is None


def changed(**changes: Any) -> MediationScenario:
    return attrs.evolve(MediationScenario(), **changes)


@pytest.mark.parametrize(
    ("field", "lowest", "highest"),
    [
        ("days", 1, 3_660),
        ("drain_days", 0, 3_660),
        ("villages", 1, 1_000_000),
        ("cases_per_meeting", 1, 100),
    ],
)
def test_the_counts_of_a_mediation_scenario_have_a_range(
    field: str, lowest: int, highest: int
) -> None:
    for good in (lowest, highest):
        assert getattr(changed(**{field: good}), field) == good
    for bad in (lowest - 1, highest + 1, float(lowest), True):
        with pytest.raises(ValidationError) as info:
            changed(**{field: bad})
        assert info.value.paths == (field,)


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [
        ("meeting_interval_days", (1.0, 3_660.0), (0.5, 3_661.0, float("inf"))),
        ("disputes_per_village", (0.001, 10_000.0), (0.0, 10_001.0, float("nan"))),
    ],
)
def test_the_rates_of_a_mediation_scenario_have_a_range(
    field: str, good: tuple[float, ...], bad: tuple[float, ...]
) -> None:
    for value in good:
        assert getattr(changed(**{field: value}), field) == value
    for value in bad:
        with pytest.raises(ValidationError) as info:
            changed(**{field: value})
        assert info.value.paths == (field,)


def test_the_kind_weights_of_a_mediation_scenario_are_members_and_bounded() -> None:
    top = ((DisputeKind.LAND, 1_000_000),)
    assert MediationScenario(kind_weights=top).kind_weights == top
    for weights, path in [
        ((("land", 1),), "kind_weights[0][0]"),
        (((DisputeKind.LAND, 1_000_001),), "kind_weights[0][1]"),
        (((DisputeKind.LAND, -1),), "kind_weights[0][1]"),
        (((DisputeKind.LAND,),), "kind_weights[0]"),
        (((DisputeKind.LAND, 0),), "kind_weights"),
        ((), "kind_weights"),
        ([(DisputeKind.LAND, 1)], "kind_weights"),
    ]:
        with pytest.raises(ValidationError) as info:
            MediationScenario(kind_weights=weights)  # type: ignore[arg-type]
        assert info.value.paths == (path,)


def test_a_mediation_scenario_refuses_an_empty_name_and_a_start_that_is_no_date() -> None:
    for field, bad in [("name", ""), ("start", "2026-01-01")]:
        with pytest.raises(ValidationError) as info:
            changed(**{field: bad})
        assert info.value.paths == (field,)
