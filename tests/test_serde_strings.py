"""The JSON Schemas of string-typed scalars accept exactly what the decoder reads.

Strings are drawn from a grammar of the written forms and their near misses (a missing
zone, a bad month or day, too many fractional digits, a leap second, a lower-case ``t``
or ``z``, a space, a trailing new line, other scripts' digits, ...), and from the patterns
themselves; for each, `jsonschema` and the decoder must agree, both ways.
"""

from __future__ import annotations

import decimal
import fractions
from typing import Any

import jsonschema
import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jiceng.exceptions import ValidationError
from jiceng.serde import converter, value_schema
from jiceng.serde._converter import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    DECIMAL_PATTERN,
    FRACTION_PATTERN,
)


def _schema(cls: type[Any]) -> dict[str, Any]:
    return value_schema(cls)


def _agree(cls: type[Any], text: str) -> None:
    schema_says = jsonschema.Draft202012Validator(_schema(cls)).is_valid(text)
    try:
        converter.structure(text, cls)
    except ValidationError:
        decoder_says = False
    else:
        decoder_says = True
    assert schema_says == decoder_says, (text, schema_says, decoder_says)


def _joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map("".join)


YEARS = st.sampled_from(["2026", "2024", "2000", "1900", "2100", "0001", "0000", "9999", "26"])
MONTHS = st.sampled_from(["01", "02", "04", "06", "09", "11", "12", "00", "13", "1", "٠١"])
DAYS = st.sampled_from(["01", "28", "29", "30", "31", "00", "32", "5"])
DATES = _joined(YEARS, st.sampled_from(["-", "", "/"]), MONTHS, st.sampled_from(["-", ""]), DAYS)
SEPARATORS = st.sampled_from(["T", "t", " ", "", "TT", "_"])
TIMES = _joined(
    st.sampled_from(["09", "00", "23", "24", "9"]),
    st.sampled_from([":00", ":59", ":60", "00", ""]),
    st.sampled_from(["", ":00", ":59", ":60", ":5"]),
    st.sampled_from(["", ".1", ".123456", ".1234567", ".", ",5"]),
)
OFFSETS = st.sampled_from(
    ["Z", "z", "+08:00", "-05:00", "-00:00", "+0800", "+08", "+24:00", "+08:00:00", "+08:61", ""]
)
ZONES = st.sampled_from(["", "[Asia/Shanghai]", "[UTC]", "[]", "[Asia Shanghai]", "[[UTC]]"])
ENDS = st.sampled_from(["", "", "", "\n", " ", "x"])


@st.composite
def datetimes(draw: st.DrawFn) -> str:
    date, separator, time = draw(DATES), draw(SEPARATORS), draw(TIMES)
    offset, zone, end = draw(OFFSETS), draw(ZONES), draw(ENDS)
    if zone in ("[Asia/Shanghai]", "[UTC]"):
        # A real zone with the offset it has then: whether the zone exists and agrees
        # with the offset is read from the zone database, beyond any pattern.
        date = f"2026{date[4:]}" if len(date) >= 4 else date
        offset = "+08:00" if zone == "[Asia/Shanghai]" else draw(st.sampled_from(["Z", "+00:00"]))
    return f"{date}{separator}{time}{offset}{zone}{end}"


@given(st.one_of(datetimes(), st.from_regex(DATETIME_PATTERN).filter(lambda s: "[" not in s)))
@example("2026-01-05T09:00:00+08:00[Asia/Shanghai]")
@example("2024-02-29T23:59:59.999999-05:00")
@example("2026-01-05T09:00:00.1234567+08:00")
def test_datetime_schema_and_decoder_agree(text: str) -> None:
    _agree(pendulum.DateTime, text)


@given(st.one_of(_joined(DATES, ENDS), st.from_regex(DATE_PATTERN)))
@example("2000-02-29")
@example("1900-02-29")
@example("2026-W02-1")
@example("20260105")
def test_date_schema_and_decoder_agree(text: str) -> None:
    _agree(pendulum.Date, text)


SIGNS = st.sampled_from(["", "-", "+", "--", " "])
DIGITS = st.sampled_from(["0", "12", "007", "", "1_000", "١٢", "Infinity", "NaN"])


@given(
    st.one_of(
        _joined(
            SIGNS,
            DIGITS,
            st.sampled_from(["", ".", ".5", ".50", ".."]),
            st.sampled_from(["", "e3", "E-2", "e", "e+"]),
            ENDS,
        ),
        st.from_regex(DECIMAL_PATTERN),
    )
)
def test_decimal_schema_and_decoder_agree(text: str) -> None:
    _agree(decimal.Decimal, text)


@given(
    st.one_of(
        _joined(SIGNS, DIGITS, st.sampled_from(["", "/", "/3", "/0", "/00", "/-3", "/03"]), ENDS),
        st.from_regex(FRACTION_PATTERN),
    )
)
def test_fraction_schema_and_decoder_agree(text: str) -> None:
    _agree(fractions.Fraction, text)


def test_the_value_schemas_use_these_patterns() -> None:
    for cls, pattern in [
        (pendulum.DateTime, DATETIME_PATTERN),
        (pendulum.Date, DATE_PATTERN),
        (decimal.Decimal, DECIMAL_PATTERN),
        (fractions.Fraction, FRACTION_PATTERN),
    ]:
        assert value_schema(cls)["pattern"] == pattern


def test_an_instant_its_zone_cannot_hold_is_refused() -> None:
    text = "9999-12-31T23:59:00-05:00[America/New_York]"
    assert jsonschema.Draft202012Validator(value_schema(pendulum.DateTime)).is_valid(text)
    with pytest.raises(ValidationError, match="out of range in America/New_York"):
        converter.structure(text, pendulum.DateTime)
