"""Dividends (分红), rankings (星级, 红黑榜) and cadres' performance pay (绩效), from points.

`divide` shares a pool to the fen by largest remainder, `rank` draws a cycle's standings,
stars and red and black lists, `performance_pay` turns a cadre's points into pay; a
`PointsLedger` reads its own closed cycles with `dividend` and `rankings`.
"""

from jiceng.points._dividends import (
    Amount,
    FullMarks,
    Rankings,
    Standing,
    divide,
    performance_pay,
    rank,
)

__all__ = ["Amount", "FullMarks", "Rankings", "Standing", "divide", "performance_pay", "rank"]
