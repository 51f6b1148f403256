from __future__ import annotations

import pytest

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
