"""Rates over petitions and tickets (化解率, 办结率, 按期办结率, 满意率, 响应率), as exact
`jiceng.Rate`s, and backlog (积案) counts; the definitions are in `_metrics`."""

from jiceng.petitions._metrics import (
    Backlog,
    backlog,
    completion_rate,
    on_time_rate,
    resolution_rate,
    response_rate,
    satisfaction_rate,
)

__all__ = [
    "Backlog",
    "backlog",
    "completion_rate",
    "on_time_rate",
    "resolution_rate",
    "response_rate",
    "satisfaction_rate",
]
