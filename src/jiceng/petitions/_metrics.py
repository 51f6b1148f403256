"""Rates over a collection of petitions or tickets (化解率, 办结率, 按期办结率, 满意率, 响应率),
as exact `Rate`s, and backlog (积案) counts.

Each rate counts the cases given; choose the collection (a period, a body, a backlog list)
before asking: the cases given are the matters due (应办结) in DOMAIN's "办结率 = closed / due;
按期办结率 = closed on time / due". The definitions:

- 化解率 `resolution_rate`: resolved cases / all cases. A petition is resolved once it is
  final, settled by agreement or, for a suggestion (建议意见类), answered; a ticket once its
  follow-up call found it resolved (解决率, 北京市接诉即办工作条例(2021) 第32条).
- 办结率 `completion_rate`: completed cases / all cases. A petition is completed once it has a
  written opinion, an agreement or, for a suggestion, its reply; a ticket once it is closed
  (办结).
- 按期办结率 `on_time_rate`: completed cases whose opinion, agreement or reply met its time
  limit / all cases: the same denominator as 办结率, so that 按期办结率 ≤ 办结率, as in the
  published pair 911/972 = 93.72% and 737/972 = 75.82%, and as grids' 按期结案率
  (`jiceng.grids.on_time_closure_rate`: closed on time / counted events).
- 满意率 `satisfaction_rate`: tickets rated satisfied or basically satisfied / rated tickets.
- 响应率 `response_rate`: tickets a unit took up or answered / tickets dispatched to a unit.
  北京 第32条 names 响应率 without defining it; this is the definition jiceng uses.
- `backlog`: how many cases are open, and how many of them are overdue at a given time.

>>> from jiceng import Rate
>>> Rate(1732, 1814).percent()  # 贵阳 2014: 1,814 backlog cases, 1,732 resolved
Decimal('95.48')
>>> str(Rate(911, 972)), str(Rate(737, 972))  # published 办结率 and 按期办结率
('93.72% (911/972)', '75.82% (737/972)')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from jiceng.metrics import Rate
from jiceng.petitions._submission import Submission
from jiceng.petitions._ticket import Ticket
from jiceng.petitions._ticket_data import Rating

__all__ = [
    "Backlog",
    "backlog",
    "completion_rate",
    "on_time_rate",
    "resolution_rate",
    "response_rate",
    "satisfaction_rate",
]


def _share(items: Iterable[Any], counts: Any) -> Rate:
    """`Rate` of the items for which `counts(item)` is true, out of all items."""
    total = hit = 0
    for item in items:
        total += 1
        hit += bool(counts(item))
    return Rate(hit, total)


def resolution_rate(cases: Iterable[Submission[Any]]) -> Rate:
    """化解率: the share of `cases` that are resolved."""
    return _share(cases, lambda case: case.is_resolved)


def completion_rate(cases: Iterable[Submission[Any]]) -> Rate:
    """办结率: the share of `cases` handled to a result."""
    return _share(cases, lambda case: case.is_completed)


def on_time_rate(cases: Iterable[Submission[Any]]) -> Rate:
    """按期办结率: the share of `cases` completed within their time limit.

    Out of all `cases` (the matters due), like `completion_rate`, not out of the completed
    ones: a case still open counts against it. A ticket's reply counts once the ticket is
    closed (办结).
    """
    return _share(cases, lambda case: case.is_completed and case.on_time)


def satisfaction_rate(tickets: Iterable[Ticket]) -> Rate:
    """满意率: of the rated `tickets`, the share rated satisfied or basically satisfied."""
    return _share(
        (t for t in tickets if t.rating is not None),
        lambda ticket: ticket.rating is not Rating.UNSATISFIED,
    )


def response_rate(tickets: Iterable[Ticket]) -> Rate:
    """响应率: of the `tickets` dispatched to a unit, the share the unit took up or answered."""
    return _share((t for t in tickets if t.handler is not None), lambda t: t.responded)


@attrs.frozen(kw_only=True)
class Backlog:
    """Backlog counts (积案) at one instant: cases still open, and those of them overdue."""

    open: int
    overdue: int


def backlog(cases: Iterable[Submission[Any]], *, at: pendulum.DateTime) -> Backlog:
    """How many `cases` are still open at `at`, and how many of those are overdue (超期)."""
    open_ = overdue = 0
    for case in cases:
        if not case.is_final:
            open_ += 1
            overdue += case.overdue(at)
    return Backlog(open=open_, overdue=overdue)
