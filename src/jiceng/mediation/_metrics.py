"""Mediation figures (调解统计) as exact values: rates as `Rate`, durations as fractions.

Each function reads cases as they stand (a snapshot); pass the cases of a period, a
committee or a dispute kind to get that group's figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import pendulum

from jiceng.mediation._case import MediationCase
from jiceng.mediation._kinds import DisputeKind, Outcome
from jiceng.mediation._records import Agreement
from jiceng.metrics import Rate

__all__ = [
    "average_duration_days",
    "confirmation_rate",
    "counts_by_kind",
    "performance_rate",
    "success_rate",
]


def _agreements(cases: Iterable[MediationCase]) -> list[tuple[MediationCase, Agreement]]:
    return [
        (case, case.agreement)
        for case in cases
        if case.outcome is Outcome.AGREEMENT and case.agreement is not None
    ]


def success_rate(cases: Iterable[MediationCase]) -> Rate:
    """调解成功率: cases whose mediation ended in an agreement in force, out of the cases
    whose mediation has ended (an agreement in force, or termination). Cases still being
    mediated count in neither."""
    outcomes = [case.outcome for case in cases if case.outcome is not None]
    return Rate(outcomes.count(Outcome.AGREEMENT), len(outcomes))


def performance_rate(
    cases: Iterable[MediationCase], *, at: pendulum.DateTime, on_time: bool = False
) -> Rate:
    """履行率: agreements in force whose every obligation is performed, out of those whose
    performance is settled by `at` (every obligation performed, or the last due day
    passed). With `on_time`, an obligation performed late does not count (按期履行率)."""
    settled = [
        agreement
        for case, agreement in _agreements(cases)
        if agreement.fully_performed()
        or all(o.due < case.local_day(at) for o in agreement.terms.obligations)
    ]
    performed = sum(agreement.fully_performed(on_time=on_time) for agreement in settled)
    return Rate(performed, len(settled))


def confirmation_rate(cases: Iterable[MediationCase]) -> Rate:
    """司法确认率: agreements in force that a court confirmed, out of all agreements in
    force."""
    agreements = [agreement for _, agreement in _agreements(cases)]
    confirmed = sum(
        a.confirmation is not None and a.confirmation.confirmed is True for a in agreements
    )
    return Rate(confirmed, len(agreements))


def average_duration_days(cases: Iterable[MediationCase]) -> Fraction | None:
    """The mean time from opening to the outcome, in days, exactly; `None` when no case has
    an outcome yet."""
    durations = [d for d in (case.duration for case in cases) if d is not None]
    if not durations:
        return None
    microseconds = sum((d.days * 86_400 + d.seconds) * 10**6 + d.microseconds for d in durations)
    return Fraction(microseconds, len(durations) * 86_400 * 10**6)


def counts_by_kind(cases: Iterable[MediationCase]) -> dict[DisputeKind, int]:
    """The number of cases of each dispute kind (纠纷类型), every kind listed in order."""
    counts = dict.fromkeys(DisputeKind, 0)
    for case in cases:
        counts[case.dispute.kind] += 1
    return counts
