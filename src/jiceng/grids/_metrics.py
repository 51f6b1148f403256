"""KPIs of grid events (网格事件考核指标), as exact `Rate` values with their counts.

Digital city management (DOMAIN §1) publishes 结案率, 按期结案率, 返工率 and 延期率. The
definitions here:

- counted events: every event but voided reports (作废) and duplicates (重复件), which
  open no case of their own;
- 结案率 (closure rate): closed (结案, evaluated or not) / counted;
- 按期结案率 (on-time closure rate): closed and handled within the time limit / counted;
- 返工率 (rework rate): sent back for rework at least once (核查不通过 or an unsatisfied
  reporter) / handled at least once;
- 延期率 (extension rate): extended at least once / dispatched at least once.

Every function takes any iterable of `GridEvent` values (as they stand now).

>>> from jiceng import Rate
>>> str(Rate(911, 972)), str(Rate(737, 972))  # published 办结率 and 按期办结率
('93.72% (911/972)', '75.82% (737/972)')
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

import pendulum

from jiceng import Rate
from jiceng.grids._grid_event import GridEvent
from jiceng.grids._grid_event_data import GridEventState

_UNCOUNTED = frozenset({GridEventState.VOIDED, GridEventState.DUPLICATE})


def _counted(events: Iterable[GridEvent]) -> list[GridEvent]:
    return [e for e in events if e.state not in _UNCOUNTED]


def closure_rate(events: Iterable[GridEvent]) -> Rate:
    """结案率: closed events out of the counted ones."""
    counted = _counted(events)
    return Rate(sum(e.closed for e in counted), len(counted))


def on_time_closure_rate(events: Iterable[GridEvent]) -> Rate:
    """按期结案率: events closed and handled within their time limit, out of the counted."""
    counted = _counted(events)
    return Rate(sum(e.closed_on_time is True for e in counted), len(counted))


def rework_rate(events: Iterable[GridEvent]) -> Rate:
    """返工率: events reworked at least once, out of those handled at least once."""
    handled = [e for e in events if e.handled_at is not None or e.reworks]
    return Rate(sum(e.reworks > 0 for e in handled), len(handled))


def extension_rate(events: Iterable[GridEvent]) -> Rate:
    """延期率: events extended at least once, out of those dispatched at least once."""
    dispatched = [e for e in events if e.dispatched_at is not None]
    return Rate(sum(e.extensions > 0 for e in dispatched), len(dispatched))


def average_handling_time(events: Iterable[GridEvent]) -> pendulum.Duration | None:
    """Mean time from the first dispatch to the result (处理反馈) now on record, to the
    microsecond; `None` when no dispatched event has a result."""
    spans = [
        _elapsed(e.dispatched_at, e.handled_at)
        for e in events
        if e.handled_at is not None and e.dispatched_at is not None
    ]
    if not spans:
        return None
    mean = sum(spans, datetime.timedelta()) / len(spans)
    return pendulum.Duration(days=mean.days, seconds=mean.seconds, microseconds=mean.microseconds)


_minus = datetime.datetime.__sub__  # the standard library's, not pendulum's `Interval`


def _elapsed(start: pendulum.DateTime, end: pendulum.DateTime) -> datetime.timedelta:
    """The elapsed time from `start` to `end`, whatever their zones.

    The standard library ignores the offsets of two instants that share a zone object, so
    they are taken into account here (they differ across a change of summer time).
    """
    span: datetime.timedelta = _minus(end, start)
    if end.tzinfo is start.tzinfo:
        span -= _offset(end) - _offset(start)
    return span


def _offset(at: pendulum.DateTime) -> datetime.timedelta:
    offset = at.utcoffset()
    assert offset is not None  # instants are aware
    return offset


def count_by_category(events: Iterable[GridEvent]) -> dict[str | None, int]:
    """How many events per category item (`None`: not classified yet), most frequent first."""
    return dict(Counter(e.category for e in events).most_common())


def count_by_state(events: Iterable[GridEvent]) -> dict[GridEventState, int]:
    """How many events are in each state, in the order of the states."""
    counts = Counter(e.state for e in events)
    return {state: counts[state] for state in GridEventState if counts[state]}
