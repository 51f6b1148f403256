"""Assessment (绩效考评) of grid members, towns and departments, period by period: schemes
of scored items (by hand or from grid-event KPIs) with a pass mark, pay and an exit rule,
and the `Assessment` each period gives.
"""

from jiceng.grids._assessment import (
    MAX_EXIT_AFTER,
    MAX_ITEM_POINTS,
    MAX_MONTHLY_PAY,
    PANZHOU_PAY,
    Assessment,
    AssessmentScheme,
    ItemScore,
    Measure,
    PayRule,
    Period,
    PeriodKind,
    ScoreItem,
)

__all__ = [
    "MAX_EXIT_AFTER",
    "MAX_ITEM_POINTS",
    "MAX_MONTHLY_PAY",
    "PANZHOU_PAY",
    "Assessment",
    "AssessmentScheme",
    "ItemScore",
    "Measure",
    "PayRule",
    "Period",
    "PeriodKind",
    "ScoreItem",
]
