"""The check shared by the lists of coded values: score items, care groups, service items.

Each list needs at least one value, and no two values of a list share a `code`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from jiceng.exceptions import FieldError, ValidationError

__all__ = ["coded_list"]


def coded_list(
    field: str,
    *,
    empty: str,
    subject: str,
    also: Callable[[Sequence[Any]], list[FieldError]] | None = None,
) -> Callable[[Any, Any, Sequence[Any]], None]:
    """An attrs validator for the list `field`: codes used twice, then what `also` finds,
    then the `empty` complaint for a list with no value, raised together for `subject`."""

    def check(instance: Any, attribute: Any, values: Sequence[Any]) -> None:
        codes = [v.code for v in values]
        errors = [
            FieldError(f"{field}[{n}].code", "is used twice")
            for n, code in enumerate(codes)
            if codes.index(code) != n
        ]
        if also is not None:
            errors += also(values)
        if not values:
            errors.append(FieldError(field, empty))
        if errors:
            raise ValidationError(errors, subject=subject)

    return check
