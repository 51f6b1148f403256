"""A result's figures and records in plain data: for JSON, CSV and other programs.

`summary(result)` gives every figure of a result (each field but its scenario and its
per-entity records, a year's two parts nested) in the wire form of `jiceng.serde`: a
`Rate` as ``{"numerator": n, "denominator": d}``, a `Fraction` as ``"n/d"``, a `Decimal`
as a string of its digits, so that nothing exact is rounded on the way. `records(result)`
gives the per-entity records as flat rows, ready for `csv.DictWriter`. Both need the extra
``serde``. The keys are the names of the result's and the records' fields, documented with
each class; they change only with a changelog entry.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["record_fields", "records", "summary"]

_LEFT_OUT = ("scenario", "records")  # the inputs, and the rows `records` gives


def _unstructure(value: object) -> Any:
    # jiceng.serde needs the extra `serde`; without it, importing it says so
    from jiceng.serde import converter  # noqa: PLC0415 - an optional extra, asked for here

    return converter.unstructure(value)


def _is_result(value: object) -> bool:
    return attrs.has(type(value)) and hasattr(value, "scenario") and hasattr(value, "seed")


def summary(result: object) -> dict[str, Any]:
    """Every figure of `result` as JSON-ready data, keyed by the names of its fields.

    >>> from jiceng.sim import MeetingScenario, run
    >>> figures = summary(run(MeetingScenario(meetings=50), seed=1))
    >>> sorted(figures)
    ['exact_pass', 'exact_quorum', 'pass_rate', 'quorum_rate', 'seed', 'transitions']
    >>> quorum = figures["quorum_rate"]
    >>> quorum["denominator"]
    50
    """
    if not _is_result(result):
        msg = f"summary takes a simulation result, not {type(result).__name__}"
        raise TypeError(msg)
    out: dict[str, Any] = {}
    for field in attrs.fields(typing.cast("type[AttrsInstance]", type(result))):
        if field.name in _LEFT_OUT:
            continue
        value = getattr(result, field.name)
        out[field.name] = summary(value) if _is_result(value) else _unstructure(value)
    return out


def _rows_of(result: object) -> tuple[Any, ...]:
    found = getattr(result, "records", None)
    if found is not None:
        return tuple(found)
    grids = getattr(result, "grids", None)  # a year: its grid events are its entities
    if grids is not None:
        return _rows_of(grids)
    msg = f"{type(result).__name__} has no per-entity records"
    raise TypeError(msg)


def record_fields(result: object) -> tuple[str, ...]:
    """The column names of `records(result)`: the fields of its record class, in order."""
    rows = _rows_of(result)
    if not rows:
        return ()
    return tuple(a.name for a in attrs.fields(type(rows[0])))


def records(result: object) -> Iterator[dict[str, Any]]:
    """The per-entity records of `result`, one flat row each (a year: its grid events).

    Lists in a record (a list of states, say) are joined with ``|`` so that a row stays
    flat; every other value is in the wire form of `summary`.
    """
    for row in _rows_of(result):
        flat = _unstructure(row)
        yield {
            key: "|".join(map(str, value)) if isinstance(value, list) else value
            for key, value in flat.items()
        }
