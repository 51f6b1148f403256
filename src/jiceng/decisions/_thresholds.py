"""Quorum, majority and convening rules as data, with exact fractions.

"More than half" (过半数, 超过半数) is strict: exactly half fails. "At least two thirds"
(三分之二以上) includes two thirds exactly, as 以上 includes the number itself in Chinese
statutes. Counts are compared as integers (``count * denominator`` against
``numerator * total``), never as floats.

>>> MORE_THAN_HALF.met(50, 100), MORE_THAN_HALF.met(51, 100)
(False, True)
>>> AT_LEAST_TWO_THIRDS.met(2, 3), AT_LEAST_TWO_THIRDS.minimum(100)
(True, 67)
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Final

import attrs

from jiceng import Label, Labelled, Source
from jiceng.checks import as_frozenset, as_tuple, flag, instance_of, items, member, ratio, text
from jiceng.decisions._rolls import Roll, RollKind
from jiceng.exceptions import FieldError, ValidationError

_NUMERALS = "零一二三四五六七八九十"


MIN_SHARE: Final = Fraction(1, 100)
"""The smallest share a threshold takes: 1/100. The smallest in the statutes is a tenth
(十分之一以上, 村民委员会组织法 第21条); a share of 0 would make a threshold that anybody, or
nobody at all, meets."""


@attrs.frozen
class Threshold:
    """A share of a count that must be reached: strictly exceeded, or reached (`inclusive`).

    `share` is an exact `Fraction` from `MIN_SHARE` (1/100) to 1.
    """

    share: Fraction = attrs.field(validator=ratio(MIN_SHARE, Fraction(1)))
    inclusive: bool = attrs.field(kw_only=True, validator=flag())

    def met(self, count: int, total: int) -> bool:
        """Whether `count` out of `total` reaches the threshold; never when `total` is 0."""
        if total <= 0:
            return False
        lhs, rhs = count * self.share.denominator, self.share.numerator * total
        return lhs >= rhs if self.inclusive else lhs > rhs

    def minimum(self, total: int) -> int:
        """The smallest count that meets the threshold out of `total` (``total > 0``)."""
        numerator, denominator = self.share.numerator * total, self.share.denominator
        if self.inclusive:
            return -(-numerator // denominator)
        return numerator // denominator + 1

    @property
    def label(self) -> Label:
        """The rule in words, as the statutes write it (过半数, 三分之二以上)."""
        n, d = self.share.numerator, self.share.denominator
        if (n, d) == (1, 2):
            return Label("半数以上", "at least half") if self.inclusive else _MORE_THAN_HALF
        words = f"{_cn(d)}分之{_cn(n)}"
        if self.inclusive:
            return Label(f"{words}以上", f"at least {n}/{d}")
        return Label(f"超过{words}", f"more than {n}/{d}")

    def __str__(self) -> str:
        return str(self.label)


_MORE_THAN_HALF = Label("过半数", "more than half")


def _cn(n: int) -> str:
    return _NUMERALS[n] if n <= 10 else str(n)


MORE_THAN_HALF = Threshold(Fraction(1, 2), inclusive=False)
"""过半数: more than half; exactly half fails."""
AT_LEAST_HALF = Threshold(Fraction(1, 2), inclusive=True)
"""半数以上: at least half."""
AT_LEAST_TWO_THIRDS = Threshold(Fraction(2, 3), inclusive=True)
"""三分之二以上: at least two thirds; exactly two thirds passes."""
AT_LEAST_FOUR_FIFTHS = Threshold(Fraction(4, 5), inclusive=True)
"""五分之四以上: at least four fifths; exactly four fifths passes."""
AT_LEAST_ONE_THIRD = Threshold(Fraction(1, 3), inclusive=True)
"""三分之一以上."""
AT_LEAST_ONE_FIFTH = Threshold(Fraction(1, 5), inclusive=True)
"""五分之一以上."""
AT_LEAST_ONE_TENTH = Threshold(Fraction(1, 10), inclusive=True)
"""十分之一以上."""


class Base(Labelled):
    """What a share is taken of."""

    MEMBERS = "members", "应到会人员", "members on the roll"
    HOUSEHOLDS = "households", "户", "households"
    PRESENT = "present", "到会人员", "those present"


@attrs.frozen(kw_only=True)
class QuorumTest:
    """One way to reach a quorum: a share of the members, or of the households."""

    of: Base = attrs.field(validator=member(Base))
    threshold: Threshold = attrs.field(validator=instance_of(Threshold))

    def __attrs_post_init__(self) -> None:
        if self.of is Base.PRESENT:
            msg = "a quorum counts members or households, not those present"
            raise ValidationError.single("of", msg, subject="quorum")

    @property
    def label(self) -> Label:
        """``本村十八周岁以上村民的过半数`` style wording."""
        t = self.threshold.label
        return Label(f"{self.of.zh}的{t.zh}", f"{t.en} of the {self.of.en}")


@attrs.frozen(kw_only=True)
class QuorumCount:
    """The figures of an attendance check (到会情况) and whether they make a quorum."""

    members: int
    present: int
    households: int
    households_present: int
    met: bool

    @classmethod
    def of(cls, roll: Roll, present: frozenset[str], *, met: bool) -> QuorumCount:
        """The figures of `present` (ids on `roll`), with `met` as the rule in force says."""
        return cls(
            members=len(roll.members),
            present=len(present),
            households=len(roll.households),
            households_present=roll.households_present(present),
            met=met,
        )

    def __str__(self) -> str:
        text = f"到会 {self.present}/{self.members} 人"
        if self.households:
            text += f", 户代表 {self.households_present}/{self.households} 户"
        return text + ("，达到法定人数" if self.met else "，未达法定人数")


def _tests(value: Iterable[QuorumTest]) -> tuple[QuorumTest, ...]:
    return as_tuple(value)


@attrs.frozen(kw_only=True)
class Quorum:
    """When a meeting may be held (会议召开的法定人数): any one of `tests` suffices (或者)."""

    tests: tuple[QuorumTest, ...] = attrs.field(
        converter=_tests, validator=items(instance_of(QuorumTest))
    )
    source: Source = attrs.field(validator=instance_of(Source))

    def __attrs_post_init__(self) -> None:
        if not self.tests:
            raise ValidationError.single("tests", "a quorum needs at least one test")

    def needs(self, count: QuorumCount) -> str:
        """What this rule needs, in figures of `count`'s roll: ``过半数成员 (51)``."""
        totals = {Base.MEMBERS: count.members, Base.HOUSEHOLDS: count.households}
        return " or ".join(
            f"{t.label.zh} ({t.threshold.minimum(totals[t.of])})" for t in self.tests
        )

    def count(self, roll: Roll, present: frozenset[str]) -> QuorumCount:
        """Check the attendance `present` (ids on `roll`) against the rule."""
        members, households = len(roll.members), len(roll.households)
        attending, represented = len(present), roll.households_present(present)
        met = any(
            t.threshold.met(attending, members)
            if t.of is Base.MEMBERS
            else t.threshold.met(represented, households)
            for t in self.tests
        )
        return QuorumCount.of(roll, present, met=met)


@attrs.frozen(kw_only=True)
class Majority:
    """How a motion passes (表决通过): a share of those present, or of all members."""

    threshold: Threshold = attrs.field(validator=instance_of(Threshold))
    of: Base = attrs.field(validator=member(Base))
    source: Source = attrs.field(validator=instance_of(Source))

    def __attrs_post_init__(self) -> None:
        if self.of is Base.HOUSEHOLDS:
            msg = "a majority counts those present or the members, not households"
            raise ValidationError.single("of", msg, subject="majority")

    def base(self, members: int, present: int) -> int:
        """The count the share is taken of."""
        return present if self.of is Base.PRESENT else members


@attrs.frozen(kw_only=True)
class RequisitionRule:
    """Who may require a meeting to be convened (提议召集): a share of a roll's members."""

    roll: RollKind = attrs.field(validator=member(RollKind))
    threshold: Threshold = attrs.field(validator=instance_of(Threshold))
    source: Source = attrs.field(validator=instance_of(Source))

    @property
    def label(self) -> Label:
        """``十分之一以上的十八周岁以上的村(居)民`` style wording."""
        t = self.threshold.label
        return Label(f"{t.zh}的{self.roll.zh}", f"{t.en} of the {self.roll.en}")


class RequisitionError(ValidationError):
    """A request to convene a meeting that its signatories cannot make."""


def _signatories(value: Iterable[str]) -> frozenset[str]:
    return as_frozenset(value)


@attrs.frozen(kw_only=True)
class Requisition:
    """A request to convene (联名提议): who signed it, out of which roll."""

    roll: Roll = attrs.field(validator=instance_of(Roll))
    signatories: frozenset[str] = attrs.field(
        converter=_signatories, validator=items(text(), kinds=(frozenset,))
    )

    def check(self, rules: tuple[RequisitionRule, ...], meeting: str) -> None:
        """Raise `RequisitionError` unless one of `rules` lets these signatories require it."""
        strangers = sorted(self.signatories - self.roll.members)
        if strangers:
            msg = f"not on the roll of {self.roll.kind.zh}: {', '.join(strangers)}"
            raise RequisitionError([FieldError("signatories", msg)], subject="request")
        rule = next((r for r in rules if r.roll is self.roll.kind), None)
        if rule is None:
            allowed = "; ".join(str(r.label) for r in rules) or "nobody"
            msg = f"{self.roll.kind.zh} cannot require a {meeting}; who can: {allowed}"
            raise RequisitionError([FieldError("roll", msg)], subject="request")
        signed, total = len(self.signatories), len(self.roll.members)
        if not rule.threshold.met(signed, total):
            msg = (
                f"{signed} of {total} signed; {rule.source} needs {rule.threshold.label.zh} "
                f"({rule.threshold.minimum(total)} of {total})"
            )
            raise RequisitionError([FieldError("signatories", msg)], subject="request")
