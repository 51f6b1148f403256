"""Rates over a collection of petitions or tickets (化解率, 办结率, 按期办结率, 满意率, 响应率),
as exact `Rate`s, and backlog (积案) counts.

Each rate counts the cases given; choose the collection (a period, a body, a backlog list)
before asking. Of the cases given, the rates count the matters due (应办结), DOMAIN's
"办结率 = closed / due; 按期办结率 = closed on time / due": every case but those routed out
to another procedure and the repeats (`Submission.is_counted`). Why, from the texts:

- A matter routed out is not one the petition procedure must conclude. The 60 days run
  only for a claim handled by a written opinion, counted from its acceptance (信访工作条例
  (2022) 第34条: 对本条例第三十一条第六项规定的信访事项应当自受理之日起60日内办结); the matters
  of 第31条(一)–(五) go to litigation, arbitration, administrative review and the other
  procedures (导入相应程序处理), and those for litigation are taken out of the petition
  system altogether (第28条第2款: 从普通信访体制中分离出来，由有关政法部门依法处理). Under
  信访条例(2005) they are not accepted at all (第21条第1款第1项: 对已经或者依法应当通过诉讼、
  仲裁、行政复议等法定途径解决的，不予受理), nor are 12345 tickets for those procedures
  (潍坊 第19条: 不予受理).
- A repeat is the same matter (同一信访事项), not accepted again (第19条第3款: 上级机关、单位
  不予受理; 第36条第3款: 不再受理; 济南 第25条: 不再办理): it is counted once, as its original.
- A matter registered and not yet accepted, routed out or linked as a repeat is counted:
  the law makes a body answer for not accepting or telling in time (第44条第2项、第3项), so
  a matter left waiting must not drop out of the count.

The regulations define none of the rates; these are the definitions jiceng uses:

- 化解率 `resolution_rate`: resolved cases / counted cases. A petition is resolved once it
  is final, settled by agreement or, for a suggestion (建议意见类), answered; a ticket once
  its follow-up call found it resolved (解决率, 北京市接诉即办工作条例(2021) 第32条). 贵阳's
  1,732 of 1,814 (seed 001: 一号工程及领导交办督办信访案件1814件，化解1732件) counts cases on a
  list of assigned and supervised ones; the seed says nothing of matters routed out.
- 办结率 `completion_rate`: completed cases / counted cases. A petition is completed once it
  has a written opinion, an agreement or, for a suggestion, its reply; a ticket once it is
  closed (办结).
- 按期办结率 `on_time_rate`: completed cases whose opinion, agreement or reply met its time
  limit / counted cases: the same denominator as 办结率, so that 按期办结率 ≤ 办结率, as in
  the published pair 911/972 = 93.72% and 737/972 = 75.82%, and as grids' 按期结案率
  (`jiceng.grids.on_time_closure_rate`: closed on time / counted events).
- 满意率 `satisfaction_rate`: tickets rated satisfied or basically satisfied / rated tickets.
  Only a closed ticket is rated (济南 第27条: 回访核实办理情况), so a ticket routed out or
  explained as a repeat is never in it.
- 响应率 `response_rate`: tickets a unit took up or answered / tickets dispatched to a unit.
  北京 第32条 names 响应率 without defining it; this is the definition jiceng uses. A
  dispatched ticket later routed out stays in it: the unit owes its response whatever the
  matter turns out to be (潍坊 第21条: the unit that finds a 第19条 matter asks in writing to
  end the handling).
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


def _due(cases: Iterable[Submission[Any]]) -> Iterable[Submission[Any]]:
    """The matters due (应办结) among `cases`: all but those routed out and the repeats."""
    return (case for case in cases if case.is_counted)


def _share(items: Iterable[Any], counts: Any) -> Rate:
    """`Rate` of the items for which `counts(item)` is true, out of all items."""
    total = hit = 0
    for item in items:
        total += 1
        hit += bool(counts(item))
    return Rate(hit, total)


def resolution_rate(cases: Iterable[Submission[Any]]) -> Rate:
    """化解率: the share of the counted `cases` that are resolved."""
    return _share(_due(cases), lambda case: case.is_resolved)


def completion_rate(cases: Iterable[Submission[Any]]) -> Rate:
    """办结率: the share of the counted `cases` handled to a result."""
    return _share(_due(cases), lambda case: case.is_completed)


def on_time_rate(cases: Iterable[Submission[Any]]) -> Rate:
    """按期办结率: the share of the counted `cases` completed within their time limit.

    Out of the matters due, like `completion_rate`, not out of the completed ones: a case
    still open counts against it, a case routed out or a repeat is not counted (no handling
    time limit runs for it, 第34条). A ticket's reply counts once the ticket is closed (办结).
    """
    return _share(_due(cases), lambda case: case.is_completed and case.on_time)


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
