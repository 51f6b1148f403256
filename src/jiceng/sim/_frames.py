"""Tables of per-entity records, for notebooks (extra ``pandas``)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from jiceng.exceptions import MissingExtraError

if TYPE_CHECKING:
    import pandas

__all__ = ["frame"]


def frame(
    rows: Sequence[Any],
    row_type: type[Any],
    *,
    start: datetime.datetime | None = None,
    hours: tuple[str, ...] = (),
) -> pandas.DataFrame:
    """A `pandas.DataFrame` with one column per field of `row_type` and one row per record.

    The columns named in `hours` hold hours since `start` in the records (as the JSON and
    CSV outputs have them); in the frame they are aware date-times in `start`'s zone
    (``NaT`` where a record has none), so that a notebook can group by day or month.
    """
    try:
        import pandas  # noqa: PLC0415 - an optional extra, imported when asked for
    except ImportError as error:
        raise MissingExtraError(feature="to_pandas()", extra="pandas", package="pandas") from error
    names = [field.name for field in attrs.fields(row_type)]
    table = pandas.DataFrame({name: [getattr(row, name) for row in rows] for name in names})
    if start is not None:
        origin = pandas.Timestamp(start.isoformat()).tz_convert(str(start.tzinfo))
        for name in hours:
            offsets = pandas.to_timedelta(table[name].astype("float64"), unit="h")
            table[name] = (origin + offsets).dt.round("us")
    return table
