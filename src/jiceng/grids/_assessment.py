"""Assessment (绩效考评) of grid members, towns and departments, period by period.

盘州 purchased services (seed 000): 28 purchased service items, each quantified and
assessed; pay = base allowance (基础补贴, paid monthly) + performance pay (绩效, paid after
acceptance); "对连续两个季度验收考核不达标的……进行退出处理". 巨鹿 (seed 003) assesses grid
members, towns and county departments each quarter from platform data.

A scheme scores items, some by hand (points given by the assessors) and some from the
subject's grid events (a KPI times the item's points). The result, `Assessment`, keeps the
breakdown item by item, the total, whether it passed, and the pay.

Decisions where the sources are silent: the pass mark is a share of the total points
(reached exactly counts as a pass); performance pay is paid in proportion to the share
scored, rounded half-up to the fen, and only when the period passes; a KPI with nothing
to measure (no events due) scores full points, since nothing was missed.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Annotated, Final, TypeAlias

import attrs

from jiceng import Label, Rate, Source
from jiceng.checks import (
    between,
    checked,
    flag,
    instance_of,
    items,
    member,
    money,
    optional,
    ratio,
    text,
)
from jiceng.exceptions import FieldError, ValidationError
from jiceng.grids._coded_lists import coded_list
from jiceng.grids._grid_event import GridEvent
from jiceng.grids._metrics import closure_rate, extension_rate, on_time_closure_rate, rework_rate

_FEN = decimal.Decimal("0.01")

_FIRST_YEAR: Final = 2000  # grid management (网格化管理) began in 2004 (北京市东城区)
_LAST_YEAR: Final = 2999

MAX_ITEM_POINTS: Final = 1_000
"""The most points one assessed item may be worth: schemes score out of 100 (巨鹿's KPIs:
30 + 30 + 20 + 20) or a few hundred (盘州: 28 items)."""

MAX_MONTHLY_PAY: Final = decimal.Decimal(100_000)
"""The most monthly pay, in yuan, a pay rule or an assessment may state: 盘州 pays
1,200 + 800 元 a month; the bound is far above any grid member's allowance."""

MAX_EXIT_AFTER: Final = 120
"""The most consecutive failing periods an exit rule may wait for: ten years of months
(盘州: 2 quarters)."""

_PAY = money(decimal.Decimal(0), MAX_MONTHLY_PAY)
_POINTS = ratio(Fraction(0), Fraction(MAX_ITEM_POINTS))

HandScore: TypeAlias = (
    Annotated[int, between(0, MAX_ITEM_POINTS)]
    | Annotated[Fraction, ratio(Fraction(0), Fraction(MAX_ITEM_POINTS))]
)
"""A hand score of one item: 0 to `MAX_ITEM_POINTS` points, whole or exact (at most the
item's own maximum, which `AssessmentScheme.assess` checks)."""


class PeriodKind(enum.Enum):
    """How often subjects are assessed (月度 or 季度)."""

    MONTH = "month"
    QUARTER = "quarter"


@attrs.frozen(order=True)
class Period:
    """One assessment period: a month (1–12) or a quarter (1–4) of a year.

    >>> str(Period(PeriodKind.QUARTER, 2026, 1)), str(Period(PeriodKind.MONTH, 2026, 3))
    ('2026Q1', '2026-03')

    `year` is 2000 to 2999: grid management (网格化管理) began in 2004.
    """

    kind: PeriodKind = attrs.field(validator=member(PeriodKind))
    year: int = attrs.field(validator=between(_FIRST_YEAR, _LAST_YEAR))
    number: int = attrs.field(validator=between(1, 12))

    def __attrs_post_init__(self) -> None:
        last = 12 if self.kind is PeriodKind.MONTH else 4
        if not 1 <= self.number <= last:
            msg = f"a {self.kind.value} is numbered 1 to {last}, got {self.number}"
            raise ValidationError.single("number", msg, subject="period")

    @property
    def ordinal(self) -> int:
        """A running number: consecutive periods differ by 1."""
        per_year = 12 if self.kind is PeriodKind.MONTH else 4
        return self.year * per_year + self.number - 1

    def __str__(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        return f"{self.year}Q{self.number}"


class Measure(enum.Enum):
    """A KPI an item can be scored from (the subject's grid events)."""

    CLOSURE_RATE = "closure_rate"
    ON_TIME_RATE = "on_time_rate"
    REWORK_RATE = "rework_rate"
    EXTENSION_RATE = "extension_rate"

    def score(self, events: Iterable[GridEvent]) -> tuple[Rate, Fraction]:
        """The KPI's rate and the share of points it earns (less rework, more points)."""
        rate = _MEASURES[self](events)
        share = rate.fraction
        if share is None:
            return rate, Fraction(1)
        return rate, (1 - share) if self in _LOWER_IS_BETTER else share


_MEASURES = {
    Measure.CLOSURE_RATE: closure_rate,
    Measure.ON_TIME_RATE: on_time_closure_rate,
    Measure.REWORK_RATE: rework_rate,
    Measure.EXTENSION_RATE: extension_rate,
}
_LOWER_IS_BETTER = frozenset({Measure.REWORK_RATE, Measure.EXTENSION_RATE})


@attrs.frozen(kw_only=True)
class ScoreItem:
    """An assessed item worth up to `points` (1 to 1,000, `MAX_ITEM_POINTS`); scored by
    hand, or from a `measure`."""

    code: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    points: int = attrs.field(validator=between(1, MAX_ITEM_POINTS))
    measure: Measure | None = attrs.field(default=None, validator=optional(member(Measure)))


@attrs.frozen(kw_only=True)
class PayRule:
    """Monthly pay: a base allowance (基础补贴) and performance pay (绩效) at full marks.

    Each is 0 to 100,000 yuan (`MAX_MONTHLY_PAY`), to the fen.
    """

    base: decimal.Decimal = attrs.field(validator=_PAY)
    performance: decimal.Decimal = attrs.field(validator=_PAY)


PANZHOU_PAY = PayRule(base=decimal.Decimal("1200"), performance=decimal.Decimal("800"))
"""盘州 贾西村 (seed 000): "基本工资为1200元，绩效800元，每月通过考评发放绩效"."""


_NO_PAY = PayRule(base=decimal.Decimal(0), performance=decimal.Decimal(0))


@attrs.frozen(kw_only=True)
class ItemScore:
    """The points one item earned, out of its maximum; `rate` for an item from a KPI."""

    item: str = attrs.field(validator=text())
    points: Fraction = attrs.field(validator=_POINTS)
    out_of: int = attrs.field(validator=between(1, MAX_ITEM_POINTS))
    rate: Rate | None = attrs.field(default=None, validator=optional(instance_of(Rate)))


@attrs.frozen(kw_only=True)
class Assessment:
    """One subject's assessment for one period, with the breakdown and the pay."""

    scheme: str = attrs.field(validator=text())
    subject: str = attrs.field(validator=text())
    period: Period = attrs.field(validator=instance_of(Period))
    items: tuple[ItemScore, ...] = attrs.field(validator=items(instance_of(ItemScore)))
    passed: bool = attrs.field(validator=flag())
    base_pay: decimal.Decimal = attrs.field(validator=_PAY)
    performance_pay: decimal.Decimal = attrs.field(validator=_PAY)

    @property
    def score(self) -> Fraction:
        """The points earned in all."""
        return sum((i.points for i in self.items), Fraction(0))

    @property
    def out_of(self) -> int:
        """The points available in all."""
        return sum(i.out_of for i in self.items)

    @property
    def share(self) -> Fraction:
        """The share of the points earned (0 to 1)."""
        return self.score / self.out_of

    @property
    def pay(self) -> decimal.Decimal:
        """Base allowance plus performance pay."""
        return self.base_pay + self.performance_pay


@attrs.frozen(kw_only=True)
class AssessmentScheme:
    """How subjects are assessed: items, pass mark, pay and the exit rule (退出机制).

    `pass_mark` is the share of the total points needed to pass (0 to 1); `exit_after`
    consecutive failing periods (1 to 120, `MAX_EXIT_AFTER`) call for an exit (2 quarters
    in 盘州). A scheme that ties no pay to the
    result (巨鹿: the year's results serve 评优评先、选拔任用) leaves `pay` out, and its
    assessments pay nothing; one without an exit rule leaves `exit_after` out.
    """

    name: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    period: PeriodKind = attrs.field(validator=member(PeriodKind))
    items: tuple[ScoreItem, ...] = attrs.field(
        validator=[
            items(instance_of(ScoreItem)),
            coded_list(
                "items", empty="a scheme needs at least one item", subject="assessment scheme"
            ),
        ]
    )
    pass_mark: Fraction = attrs.field(validator=ratio(Fraction(0), Fraction(1)))
    pay: PayRule | None = attrs.field(default=None, validator=optional(instance_of(PayRule)))
    exit_after: int | None = attrs.field(
        default=None, validator=optional(between(1, MAX_EXIT_AFTER))
    )
    source: Source = attrs.field(validator=instance_of(Source))

    @checked
    def assess(
        self,
        *,
        subject: str,
        period: Period,
        scores: Mapping[str, HandScore],
        events: Iterable[GridEvent] = (),
    ) -> Assessment:
        """Assess `subject` for `period` from hand scores and its grid events.

        `scores` gives the points of every item without a measure, from 0 to its maximum;
        items with a measure are scored from `events` (the subject's events of the period).
        """
        if period.kind is not self.period:
            raise ValidationError.single(
                "period",
                f"scheme {self.name} assesses by {self.period.value}",
                subject="assessment",
            )
        events = tuple(events)
        errors = [
            FieldError(f"scores[{code!r}]", "is not a hand-scored item of the scheme")
            for code in scores
            if code not in {i.code for i in self.items if i.measure is None}
        ]
        breakdown = []
        for item in self.items:
            if item.measure is not None:
                rate, share = item.measure.score(events)
                breakdown.append(
                    ItemScore(item=item.code, points=share * item.points, out_of=item.points,
                              rate=rate)
                )  # fmt: skip
                continue
            given: object = scores.get(item.code)
            if given is None:
                errors.append(FieldError(f"scores[{item.code!r}]", "is missing"))
            elif (
                not isinstance(given, int | Fraction)
                or isinstance(given, bool)
                or not 0 <= given <= item.points
            ):
                errors.append(
                    FieldError(
                        f"scores[{item.code!r}]", f"must be 0 to {item.points}, got {given!r}"
                    )
                )
            else:
                breakdown.append(
                    ItemScore(item=item.code, points=Fraction(given), out_of=item.points)
                )
        if errors:
            raise ValidationError(errors, subject="assessment")
        share = sum((i.points for i in breakdown), Fraction(0)) / sum(i.points for i in self.items)
        passed = share >= self.pass_mark
        pay = _NO_PAY if self.pay is None else self.pay
        performance = decimal.Decimal(0)
        if passed:
            exact = pay.performance * share.numerator / share.denominator
            performance = exact.quantize(_FEN, rounding=decimal.ROUND_HALF_UP)
        return Assessment(
            scheme=self.name,
            subject=subject,
            period=period,
            items=tuple(breakdown),
            passed=passed,
            base_pay=pay.base,
            performance_pay=performance,
        )

    def exit_due(self, assessments: Sequence[Assessment]) -> bool:
        """Whether the last `exit_after` periods of one subject were consecutive failures.

        `assessments` are that subject's, in any order; a gap between periods breaks the run.
        A scheme without an exit rule never calls for an exit.
        """
        subjects = {a.subject for a in assessments}
        if len(subjects) > 1:
            raise ValidationError.single(
                "assessments", "give the assessments of one subject", subject="exit check"
            )
        if self.exit_after is None:
            return False
        ordered = sorted(assessments, key=lambda a: a.period.ordinal)
        run = ordered[-self.exit_after :]
        return (
            len(run) == self.exit_after
            and not any(a.passed for a in run)
            and run[-1].period.ordinal - run[0].period.ordinal == self.exit_after - 1
        )
