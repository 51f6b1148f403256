from __future__ import annotations

import datetime
from decimal import Decimal

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from jiceng import Rate, WorkingDays
from jiceng.grids import GridEvent, GridEventState
from jiceng.grids._metrics import _elapsed
from jiceng.grids.metrics import (
    average_handling_time,
    closure_rate,
    count_by_category,
    count_by_state,
    extension_rate,
    on_time_closure_rate,
    rework_rate,
)
from tests.grids.fixtures import (
    CENTER,
    CHIEF,
    MEMBER,
    RESIDENT,
    T0,
    WATER,
    classified,
    closed,
    dispatched,
    reported,
)


def events() -> list[GridEvent]:
    late = (
        dispatched()
        .handle(evidence=("p",), by=WATER, at=T0.add(days=10))
        .verify(by=MEMBER, at=T0.add(days=10))
        .close(by=CENTER, at=T0.add(days=10))
    )
    extended = dispatched().extend(
        rule=WorkingDays(1), reason="x", approved_by=CHIEF, by=WATER, at=T0.add(hours=2)
    )
    reworked = closed().reopen(reason="x", by=RESIDENT, at=T0.add(hours=1))
    return [
        closed(),  # closed on time, handled in 0 s
        late,  # closed late, handled in 10 days
        extended,  # open, extended
        reworked,  # reopened
        classified(category="policy-inquiry"),
        reported().void(reason="x", approved_by=CHIEF, by=CENTER, at=T0),  # not counted
        reported().mark_duplicate(of="E-0", by=CENTER, at=T0),  # not counted
    ]


def test_closure_and_on_time_closure_rates_leave_out_voided_and_duplicates() -> None:
    assert closure_rate(events()) == Rate(2, 5)
    assert on_time_closure_rate(events()) == Rate(1, 5)
    assert on_time_closure_rate(events()).percent() == Decimal("20.00")


def test_rework_rate_counts_events_handled_at_least_once() -> None:
    assert rework_rate(events()) == Rate(1, 3)


def test_extension_rate_counts_dispatched_events() -> None:
    assert extension_rate(events()) == Rate(1, 4)


def test_average_handling_time_from_first_dispatch_to_result() -> None:
    assert average_handling_time(events()) == datetime.timedelta(days=5)
    assert average_handling_time([reported()]) is None


def test_counts_by_category_and_state() -> None:
    assert count_by_category(events()) == {"drain": 4, None: 2, "policy-inquiry": 1}
    assert count_by_state(events()) == {
        GridEventState.CLASSIFIED: 2,
        GridEventState.DISPATCHED: 1,
        GridEventState.CLOSED: 2,
        GridEventState.VOIDED: 1,
        GridEventState.DUPLICATE: 1,
    }


def test_no_events_give_undefined_rates() -> None:
    assert closure_rate([]).fraction is None
    assert str(closure_rate([])) == "n/a (0/0)"


def test_the_published_figures_format_with_two_decimals() -> None:
    assert f"{Rate(911, 972).percent()}%" == "93.72%"
    assert f"{Rate(737, 972).percent()}%" == "75.82%"


@settings(deadline=None, max_examples=50)
@given(
    spans=st.lists(st.integers(0, 400 * 86_400 * 10**6), min_size=1, max_size=8),
    zone=st.sampled_from(["Asia/Shanghai", "Europe/Paris", "UTC"]),
)
def test_average_handling_time_is_the_mean_of_pendulum_s_own_spans(
    spans: list[int], zone: str
) -> None:
    base = dispatched()
    assert base.dispatched_at is not None
    handled = [
        base.handle(
            evidence=("p",),
            by=WATER,
            at=base.dispatched_at.add(microseconds=span).in_timezone(zone),
        )
        for span in spans
    ]
    expected = sum(
        (e.handled_at - e.dispatched_at for e in handled if e.handled_at and e.dispatched_at),
        datetime.timedelta(),
    ) / len(handled)
    mean = average_handling_time(handled)
    assert type(mean) is type(expected)
    assert mean == expected


def test_handling_time_across_a_change_of_summer_time_is_the_elapsed_time() -> None:
    # Paris moves its clocks forward at 02:00 on 29 March 2026: 01:00 to 04:00 is 2 hours.
    before = pendulum.datetime(2026, 3, 29, 1, tz="Europe/Paris")
    after = pendulum.datetime(2026, 3, 29, 4, tz="Europe/Paris")
    assert before.tzinfo is after.tzinfo
    assert _elapsed(before, after) == datetime.timedelta(hours=2)
    assert _elapsed(before, after.in_timezone("Asia/Shanghai")) == datetime.timedelta(hours=2)
