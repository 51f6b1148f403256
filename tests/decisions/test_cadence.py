from __future__ import annotations

import pendulum
import pytest

from jiceng import Source
from jiceng.decisions.kinds import VILLAGER_REPRESENTATIVES, Cadence, Every
from jiceng.exceptions import ValidationError
from tests.decisions.village import round_trip

WEEKLY = Cadence(every=Every.WEEK, source=Source("每周开门议事"))
D = pendulum.date


def test_the_representative_assembly_meets_every_quarter_under_article_26() -> None:
    cadence = VILLAGER_REPRESENTATIVES.cadence
    assert cadence is not None
    assert cadence.every is Every.QUARTER
    assert str(cadence) == "每季度召开 (meets quarterly) — 村民委员会组织法(2018) 第26条"


def test_a_week_runs_from_monday_to_sunday() -> None:
    assert WEEKLY.period(D(2026, 3, 8)) == (D(2026, 3, 2), D(2026, 3, 9))  # a Sunday
    assert WEEKLY.period(D(2026, 3, 9)) == (D(2026, 3, 9), D(2026, 3, 16))


@pytest.mark.parametrize(
    ("every", "day", "period"),
    [
        (Every.MONTH, D(2026, 2, 28), (D(2026, 2, 1), D(2026, 3, 1))),
        (Every.QUARTER, D(2026, 5, 20), (D(2026, 4, 1), D(2026, 7, 1))),
        (Every.YEAR, D(2026, 12, 31), (D(2026, 1, 1), D(2027, 1, 1))),
    ],
)
def test_months_quarters_and_years_are_the_calendars(
    every: Every, day: pendulum.Date, period: tuple[pendulum.Date, pendulum.Date]
) -> None:
    assert Cadence(every=every, source=Source("x")).period(day) == period


def test_a_week_without_a_meeting_is_missed() -> None:
    held = [D(2026, 3, 2), D(2026, 3, 20), D(2026, 3, 21)]
    missed = WEEKLY.missed(held, start=D(2026, 3, 2), end=D(2026, 3, 30))
    assert missed == (D(2026, 3, 9), D(2026, 3, 23))
    assert WEEKLY.missed([], start=D(2026, 3, 4), end=D(2026, 3, 5)) == (D(2026, 3, 2),)


def test_a_quarter_with_one_meeting_is_not_missed() -> None:
    quarterly = VILLAGER_REPRESENTATIVES.cadence
    assert quarterly is not None
    held = [D(2026, 1, 15), D(2026, 6, 30), D(2026, 11, 2)]
    assert quarterly.missed(held, start=D(2026, 1, 1), end=D(2027, 1, 1)) == (D(2026, 7, 1),)


def test_the_stretch_must_end_after_it_starts() -> None:
    with pytest.raises(ValidationError, match="must come after start"):
        WEEKLY.missed([], start=D(2026, 3, 2), end=D(2026, 3, 2))


def test_a_cadence_survives_serialisation() -> None:
    assert round_trip(WEEKLY) == WEEKLY
    assert round_trip(VILLAGER_REPRESENTATIVES) == VILLAGER_REPRESENTATIVES


def test_a_cadence_runs_on_an_every_member() -> None:
    with pytest.raises(ValidationError, match=r"pass Every\('week'\)") as caught:
        Cadence(every="week", source=Source("x"))  # type: ignore[arg-type]
    assert caught.value.paths == ("every",)
