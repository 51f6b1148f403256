"""The points system's errors: each a kernel error, with a message a caseworker can read."""

from __future__ import annotations

from jiceng.exceptions import DeadlineError, ValidationError


class RuleBookError(ValidationError):
    """Against the rule book (积分细则): none in force, not adopted by a vote, an item or a
    product it does not list, a cap exceeded, evidence missing, a revision out of order."""


class CycleError(ValidationError):
    """Against the cycle (积分周期): recording into a closed cycle, closing one too early or
    with entries still pending, dividing the points of a cycle that is not closed."""


class InsufficientPoints(ValidationError):
    """A redemption (积分兑换) refused: the balance is below the rule book's redemption
    floor, or smaller than the price."""


class ObjectionWindowError(DeadlineError):
    """Finalising an entry while its objection window (异议期) is open, or objecting after
    it has closed."""

    def __init__(self, message: str, *, entry_id: str) -> None:
        self.entry_id = entry_id
        super().__init__(message)
