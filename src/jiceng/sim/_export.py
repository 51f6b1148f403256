"""A result's figures and records in plain data: for JSON, CSV and other programs.

`summary(result)` gives every figure of a result (each field but its scenario and its
per-entity records, a year's two parts nested) in the wire form of `jiceng.serde`: a
`Rate` as ``{"numerator": n, "denominator": d}``, a `Fraction` as ``"n/d"``, a `Decimal`
as a string of its digits, so that nothing exact is rounded on the way. `records(result)`
gives the per-entity records as flat rows, ready for `csv.DictWriter`, and `row(record)`
one of them (for a sink). They need the extra ``serde``. The keys are the names of the
result's and the records' fields, documented with each class; they change only with a
changelog entry.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from jiceng.sim._grids import GridEventRecord, GridResult, GridScenario
from jiceng.sim._mediation import MediationRecord, MediationResult, MediationScenario
from jiceng.sim._meetings import MeetingRecord, MeetingResult, MeetingScenario
from jiceng.sim._petitions import PetitionRecord, PetitionResult, PetitionScenario
from jiceng.sim._points import HouseholdRecord, PointsResult, PointsScenario
from jiceng.sim._run import YearResult, YearScenario
from jiceng.sim._sink import kept

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["record_fields", "records", "row", "summary"]

_LEFT_OUT = ("scenario", "records", "streamed")  # the inputs, and the rows `records` gives
_RECORD_TYPES: tuple[tuple[tuple[type[Any], ...], type[Any]], ...] = (
    ((GridScenario, GridResult, YearScenario, YearResult), GridEventRecord),
    ((PetitionScenario, PetitionResult), PetitionRecord),
    ((PointsScenario, PointsResult), HouseholdRecord),
    ((MeetingScenario, MeetingResult), MeetingRecord),
    ((MediationScenario, MediationResult), MediationRecord),
)


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
        return kept(tuple(found), getattr(result, "streamed", False), result)
    grids = getattr(result, "grids", None)  # a year: its grid events are its entities
    if grids is not None:
        return _rows_of(grids)
    msg = f"{type(result).__name__} has no per-entity records"
    raise TypeError(msg)


def record_fields(of: object) -> tuple[str, ...]:
    """The column names of `records(result)`: the fields of its record class, in order.

    `of` is a result, a scenario (the columns its results will have, for a sink that
    writes rows as they come) or a record class (`GridEventRecord`, ...).

    >>> from jiceng.sim import MeetingScenario
    >>> record_fields(MeetingScenario())[:4]
    ('id', 'present', 'households_present', 'quorum')
    """
    for kinds, record_type in _RECORD_TYPES:
        if of is record_type or isinstance(of, kinds):
            return tuple(a.name for a in attrs.fields(record_type))
    rows = _rows_of(of)  # another result
    return record_fields(type(rows[0])) if rows else ()


def row(record: object) -> dict[str, Any]:
    """One record as a flat row, as `records` gives each: lists joined with ``|``, every
    other value in the wire form of `summary`."""
    if not attrs.has(type(record)) or _is_result(record):
        msg = f"row takes a simulation record, not {type(record).__name__}"
        raise TypeError(msg)
    flat = _unstructure(record)
    return {
        key: "|".join(map(str, value)) if isinstance(value, list) else value
        for key, value in flat.items()
    }


def records(result: object) -> Iterator[dict[str, Any]]:
    """The per-entity records of `result`, one flat row each (a year: its grid events).

    Lists in a record (a list of states, say) are joined with ``|`` so that a row stays
    flat; every other value is in the wire form of `summary`. A result whose records went
    to a sink has none to give: `ValueError`.
    """
    for found in _rows_of(result):
        yield row(found)
