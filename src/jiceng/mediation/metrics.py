"""Mediation figures (调解统计) over many cases, as exact values: 调解成功率, 履行率,
司法确认率, the average duration and the counts by dispute kind."""

from jiceng.mediation._metrics import (
    average_duration_days,
    confirmation_rate,
    counts_by_kind,
    performance_rate,
    success_rate,
)

__all__ = [
    "average_duration_days",
    "confirmation_rate",
    "counts_by_kind",
    "performance_rate",
    "success_rate",
]
