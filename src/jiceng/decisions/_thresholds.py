"""Quorum, majority and convening rules as data, with exact fractions.

The thresholds, quorums and majorities are the kernel's (`jiceng.Quorum`, `jiceng.Majority`,
...: one implementation that every domain shares); this module adds who may require a
meeting to be convened (提议召集), which counts the members of a decisions `Roll`.

"More than half" (过半数, 超过半数) is strict: exactly half fails. "At least two thirds"
(三分之二以上) includes two thirds exactly, as 以上 includes the number itself in Chinese
statutes.

>>> MORE_THAN_HALF.met(50, 100), MORE_THAN_HALF.met(51, 100)
(False, True)
>>> AT_LEAST_TWO_THIRDS.met(2, 3), AT_LEAST_TWO_THIRDS.minimum(100)
(True, 67)
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from jiceng import Label, Source
from jiceng._kernel._votes import (
    AT_LEAST_FOUR_FIFTHS,
    AT_LEAST_HALF,
    AT_LEAST_ONE_FIFTH,
    AT_LEAST_ONE_TENTH,
    AT_LEAST_ONE_THIRD,
    AT_LEAST_TWO_THIRDS,
    MIN_SHARE,
    MORE_THAN_HALF,
    Base,
    Majority,
    Quorum,
    QuorumCount,
    QuorumTest,
    Threshold,
)
from jiceng.checks import as_frozenset, instance_of, items, member, text
from jiceng.decisions._rolls import Roll, RollKind
from jiceng.exceptions import FieldError, ValidationError

__all__ = [
    "AT_LEAST_FOUR_FIFTHS",
    "AT_LEAST_HALF",
    "AT_LEAST_ONE_FIFTH",
    "AT_LEAST_ONE_TENTH",
    "AT_LEAST_ONE_THIRD",
    "AT_LEAST_TWO_THIRDS",
    "MIN_SHARE",
    "MORE_THAN_HALF",
    "Base",
    "Majority",
    "Quorum",
    "QuorumCount",
    "QuorumTest",
    "Requisition",
    "RequisitionError",
    "RequisitionRule",
    "Threshold",
]


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
