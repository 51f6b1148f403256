"""Tables of per-entity records, for notebooks (extra ``pandas``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from jiceng.exceptions import MissingExtraError

if TYPE_CHECKING:
    import pandas

__all__ = ["frame"]


def frame(rows: Sequence[Any], row_type: type[Any]) -> pandas.DataFrame:
    """A `pandas.DataFrame` with one column per field of `row_type` and one row per record."""
    try:
        import pandas  # noqa: PLC0415 - an optional extra, imported when asked for
    except ImportError as error:
        raise MissingExtraError(feature="to_pandas()", extra="pandas", package="pandas") from error
    names = [field.name for field in attrs.fields(row_type)]
    return pandas.DataFrame({name: [getattr(row, name) for row in rows] for name in names})
