"""KPIs of grid events (考核指标): closure, on-time closure, rework and extension rates as
exact `Rate`s, the average handling time, and counts by category and by state.
"""

from jiceng.grids._metrics import (
    average_handling_time,
    closure_rate,
    count_by_category,
    count_by_state,
    extension_rate,
    on_time_closure_rate,
    rework_rate,
)

__all__ = [
    "average_handling_time",
    "closure_rate",
    "count_by_category",
    "count_by_state",
    "extension_rate",
    "on_time_closure_rate",
    "rework_rate",
]
