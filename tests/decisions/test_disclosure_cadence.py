from __future__ import annotations

import pendulum
import pytest

from jiceng import Source
from jiceng.decisions import Disclosure, DisclosureCategory
from jiceng.decisions.disclosure import (
    NATIONAL_DISCLOSURE_CADENCE,
    SHANDONG_DISCLOSURE_CADENCE,
    DisclosureCadence,
    DisclosureGaps,
)
from jiceng.decisions.kinds import Cadence, Every
from jiceng.exceptions import ValidationError
from tests.decisions.village import COMMITTEE, round_trip

D = pendulum.date
GENERAL = DisclosureCategory.OTHER
FINANCES = DisclosureCategory.FINANCES
SHANDONG = SHANDONG_DISCLOSURE_CADENCE
NATIONAL = NATIONAL_DISCLOSURE_CADENCE


def posted(
    category: DisclosureCategory, year: int, month: int, day: int, hour: int = 9
) -> Disclosure:
    return Disclosure.post(
        id=f"N-{category.value}-{year}{month:02}{day:02}{hour:02}",
        category=category,
        refers_to="village",
        subject="村务公开",
        content="……",
        by=COMMITTEE,
        at=pendulum.datetime(year, month, day, hour, tz="Asia/Shanghai"),
    )


def monthly_finances(year: int) -> list[Disclosure]:
    return [posted(FINANCES, year, month, 10) for month in range(1, 13)]


def test_the_rules_quote_article_30_and_shandong_article_12() -> None:
    assert NATIONAL.general.every is Every.QUARTER
    assert NATIONAL.finances.every is Every.MONTH
    assert NATIONAL.finances.source.text == "集体财务往来较多的，财务收支情况应当每月公布一次"
    assert NATIONAL.finances_if_frequent
    assert SHANDONG.finances.source == Source(
        "山东省村务公开条例(2018) 第12条", "财务收支情况应当逐项逐笔每月公布一次"
    )
    assert not SHANDONG.finances_if_frequent


def test_a_quarter_with_one_posting_on_its_last_day_is_met_and_one_without_is_listed() -> None:
    notices = [posted(GENERAL, 2026, 3, 31, 23), *monthly_finances(2026)]
    gaps = SHANDONG.gaps(notices, start=D(2026, 1, 1), end=D(2026, 7, 1))
    assert gaps.general == (D(2026, 4, 1),)
    assert gaps.general_rule == SHANDONG.general.source
    assert gaps.finances == ()
    assert not gaps.ok


def test_a_posting_day_is_taken_in_the_policys_time_zone() -> None:
    utc = DisclosureCadence(
        name="utc",
        general=SHANDONG.general,
        finances=SHANDONG.finances,
        finances_if_frequent=False,
        tz="UTC",
    )
    notice = posted(GENERAL, 2026, 4, 1, 7)  # 31 March, 23:00 UTC
    gaps = utc.gaps([notice], start=D(2026, 1, 1), end=D(2026, 7, 1))
    assert gaps.general == (D(2026, 4, 1),)
    assert SHANDONG.gaps([notice], start=D(2026, 1, 1), end=D(2026, 7, 1)).general == (
        D(2026, 1, 1),
    )


def test_a_month_with_a_finance_posting_on_its_first_day_is_met_the_month_before_is_listed() -> (
    None
):
    notices = [
        posted(GENERAL, 2026, 2, 10),
        posted(FINANCES, 2026, 1, 5),
        posted(FINANCES, 2026, 3, 1, 0),
    ]
    gaps = SHANDONG.gaps(notices, start=D(2026, 1, 1), end=D(2026, 4, 1))
    assert gaps.finances == (D(2026, 2, 1),)
    assert gaps.finances_rule == SHANDONG.finances.source
    assert gaps.general == ()


def test_a_finance_posting_is_not_a_general_one_and_other_categories_are() -> None:
    only_finances = SHANDONG.gaps(
        monthly_finances(2026)[:3], start=D(2026, 1, 1), end=D(2026, 4, 1)
    )
    assert only_finances.general == (D(2026, 1, 1),)
    for category in (DisclosureCategory.DECISION, DisclosureCategory.RESULT, GENERAL):
        notices = [posted(category, 2026, 2, 3), *monthly_finances(2026)[:3]]
        assert SHANDONG.gaps(notices, start=D(2026, 1, 1), end=D(2026, 4, 1)).ok


def test_postings_outside_the_period_are_ignored() -> None:
    notices = [
        posted(GENERAL, 2025, 12, 31, 23),
        posted(FINANCES, 2025, 12, 31, 23),
        posted(GENERAL, 2026, 4, 1, 0),
        posted(FINANCES, 2026, 4, 1, 0),
    ]
    gaps = SHANDONG.gaps(notices, start=D(2026, 1, 1), end=D(2026, 4, 1))
    assert gaps.general == (D(2026, 1, 1),)
    assert gaps.finances == (D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1))


def test_the_national_rule_asks_no_monthly_finances_of_a_village_without_frequent_ones() -> None:
    notices = [posted(GENERAL, 2026, 2, 3)]
    gaps = NATIONAL.gaps(notices, start=D(2026, 1, 1), end=D(2026, 4, 1), frequent_finances=False)
    assert gaps == DisclosureGaps(
        start=D(2026, 1, 1),
        end=D(2026, 4, 1),
        general=(),
        general_rule=NATIONAL.general.source,
        finances=(),
        finances_rule=None,
    )
    assert gaps.ok


def test_the_national_rule_asks_monthly_finances_of_a_village_with_frequent_ones() -> None:
    notices = [posted(GENERAL, 2026, 2, 3), posted(FINANCES, 2026, 3, 3)]
    gaps = NATIONAL.gaps(notices, start=D(2026, 1, 1), end=D(2026, 4, 1), frequent_finances=True)
    assert gaps.finances == (D(2026, 1, 1), D(2026, 2, 1))
    assert gaps.finances_rule == NATIONAL.finances.source


def test_shandong_asks_monthly_finances_whatever_the_village_says() -> None:
    gaps = SHANDONG.gaps([], start=D(2026, 1, 1), end=D(2026, 4, 1), frequent_finances=False)
    assert gaps.finances == (D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1))
    assert gaps.general == (D(2026, 1, 1),)


def test_the_national_rule_refuses_to_guess_whether_finances_are_frequent() -> None:
    with pytest.raises(ValidationError, match="frequent_finances: must say") as caught:
        NATIONAL.gaps([], start=D(2026, 1, 1), end=D(2026, 4, 1))
    assert caught.value.subject == "disclosure cadence"


def test_a_period_must_be_whole_quarters() -> None:
    with pytest.raises(ValidationError) as caught:
        SHANDONG.gaps([], start=D(2026, 2, 1), end=D(2026, 4, 2))
    assert caught.value.paths == ("start", "end")
    assert "start: must be the first day of a quarter, got 2026-02-01" in str(caught.value)
    assert "end: must be the first day of a quarter, got 2026-04-02" in str(caught.value)


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(ValidationError, match=r"end: must come after start \(2026-04-01\)"):
        SHANDONG.gaps([], start=D(2026, 4, 1), end=D(2026, 4, 1))


def test_a_month_boundary_is_checked_against_a_finer_finance_cadence() -> None:
    weekly = DisclosureCadence(
        name="weekly finances",
        general=SHANDONG.general,
        finances=Cadence(every=Every.WEEK, source=Source("每周公布")),
        finances_if_frequent=False,
    )
    with pytest.raises(ValidationError, match="start: must be the first day of a week"):
        weekly.gaps([], start=D(2026, 1, 1), end=D(2026, 4, 1))


@pytest.mark.parametrize(
    ("start", "path"),
    [
        (pendulum.datetime(2026, 1, 1, tz="Asia/Shanghai"), "start"),
        ("2026-01-01", "start"),
    ],
)
def test_days_must_be_pendulum_dates(start: object, path: str) -> None:
    with pytest.raises(ValidationError, match=rf"{path}: expected a pendulum.Date"):
        SHANDONG.gaps([], start=start, end=D(2026, 4, 1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"end: expected a pendulum.Date"):
        SHANDONG.gaps([], start=D(2026, 1, 1), end=start)  # type: ignore[arg-type]


def test_every_input_that_is_not_a_disclosure_is_named() -> None:
    notices: list[object] = [posted(GENERAL, 2026, 2, 3), "公告", None]
    with pytest.raises(ValidationError) as caught:
        SHANDONG.gaps(notices, start=D(2026, 1, 1), end=D(2026, 4, 1))  # type: ignore[arg-type]
    assert caught.value.paths == ("disclosures[1]", "disclosures[2]")
    assert "expected Disclosure, got str '公告'" in str(caught.value)


def test_a_cadence_policy_needs_a_real_time_zone() -> None:
    with pytest.raises(ValidationError, match="'Mars/Olympus' is not an IANA time zone"):
        DisclosureCadence(
            name="x",
            general=SHANDONG.general,
            finances=SHANDONG.finances,
            finances_if_frequent=False,
            tz="Mars/Olympus",
        )


def test_a_finance_notice_and_the_cadence_values_survive_a_round_trip() -> None:
    notice = posted(FINANCES, 2026, 1, 5)
    assert round_trip(notice) == notice
    assert round_trip(SHANDONG) == SHANDONG
    gaps = NATIONAL.gaps([], start=D(2026, 1, 1), end=D(2026, 4, 1), frequent_finances=False)
    assert round_trip(gaps) == gaps
