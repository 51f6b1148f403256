from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiceng import Label, Source
from jiceng.exceptions import NotFoundError, ValidationError
from jiceng.grids import CodeError, Level
from jiceng.grids.codes import (
    BEIJING_DB11,
    CJT_349_2010,
    MAX_SEGMENT_WIDTH,
    CodeScheme,
    CodeSegment,
)


def test_cjt_349_2010_has_20_digits_in_five_segments() -> None:
    assert CJT_349_2010.width == 20
    assert [s.width for s in CJT_349_2010.segments] == [6, 6, 3, 3, 2]
    assert CJT_349_2010.levels == (
        Level.CITY,
        Level.DISTRICT,
        Level.STREET,
        Level.COMMUNITY,
        Level.GRID,
    )


def test_beijing_has_15_digits_district_street_community_grid() -> None:
    assert BEIJING_DB11.width == 15
    assert [s.width for s in BEIJING_DB11.segments] == [6, 3, 3, 3]
    assert BEIJING_DB11.levels[0] is Level.DISTRICT


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("431300", Level.CITY),
        ("431300431322", Level.DISTRICT),
        ("431300431322001", Level.STREET),
        ("431300431322001002", Level.COMMUNITY),
        ("43130043132200100201", Level.GRID),
    ],
)
def test_the_length_of_a_code_gives_its_level(code: str, level: Level) -> None:
    assert CJT_349_2010.level_of(code) is level


def test_the_parent_code_drops_the_last_segment() -> None:
    assert CJT_349_2010.parent_code("43130043132200100201") == "431300431322001002"
    assert BEIJING_DB11.parent_code("110105001") == "110105"
    assert BEIJING_DB11.parent_code("110105") is None


def test_grid_sequence_00_means_the_community_is_not_subdivided() -> None:
    assert CJT_349_2010.level_of("43130043132200100200") is Level.GRID
    assert CJT_349_2010.is_zero("43130043132200100200")
    assert not CJT_349_2010.is_zero("43130043132200100201")


@pytest.mark.parametrize(
    ("code", "segment", "message"),
    [
        ("4313004313220010", "community", "digits 16–18) is incomplete: got '0'"),
        ("431300431322001A02", "community", "must be digits, got 'A02'"),
        ("431300431322000", "street", "digits 13–15) cannot be all zeros"),
        ("431300431322001002010", None, "has 21 digits, more than the 20"),
        ("", "object", "is incomplete: got ''"),
        ("４３１３００", "object", "must be digits"),  # full-width digits are not ASCII
    ],
)
def test_a_code_that_breaks_the_scheme_names_the_offending_segment(
    code: str, segment: str | None, message: str
) -> None:
    with pytest.raises(CodeError, match=re.escape(message)) as info:
        CJT_349_2010.level_of(code)
    assert info.value.segment == segment
    assert info.value.code == code
    assert isinstance(info.value, ValidationError)


def test_a_code_must_be_a_string() -> None:
    with pytest.raises(CodeError, match="must be a string of digits, got int"):
        BEIJING_DB11.split(110105)


def test_beijing_grid_segment_may_not_be_zero() -> None:
    with pytest.raises(CodeError, match="cannot be all zeros") as info:
        BEIJING_DB11.level_of("110105001002000")
    assert info.value.segment == "grid"


def test_segment_for_a_level() -> None:
    assert BEIJING_DB11.segment_for(Level.STREET).width == 3
    with pytest.raises(NotFoundError, match="no segment for the level city"):
        BEIJING_DB11.segment_for(Level.CITY)


def test_levels_go_from_city_down_to_building() -> None:
    assert [level.depth for level in Level] == [0, 1, 2, 3, 4, 5]
    assert Level.CITY.up is None
    assert Level.MICRO_GRID.up is Level.GRID
    assert repr(Level.STREET) == "<Level.STREET: 'street'>"
    assert (Level.MICRO_GRID.zh, Level.MICRO_GRID.en) == ("微网格/楼栋", "Micro-grid/building")


def test_a_scheme_is_checked_when_defined() -> None:
    label = Label("坏", "Bad")
    with pytest.raises(ValidationError) as info:
        CodeScheme(
            name="bad",
            label=label,
            source=Source("test"),
            segments=(
                CodeSegment(name="a", width=1, level=Level.STREET, label=label),
                CodeSegment(name="a", width=2, level=Level.CITY, label=label),
            ),
        )
    assert info.value.paths == (
        "segments[0].name",
        "segments[1].name",
        "segments[1].level",
    )
    with pytest.raises(ValidationError, match="at least one segment"):
        CodeScheme(name="empty", label=label, source=Source("test"), segments=())


def _split_segment_by_segment(scheme: CodeScheme, code: str) -> tuple[str, ...] | str:
    """The segments of `code`, read one by one, or the first thing wrong with it."""
    parts: list[str] = []
    offset = 0
    for segment in scheme.segments:
        if offset == len(code) and parts:
            return tuple(parts)
        part = code[offset : offset + segment.width]
        digits = f"digits {offset + 1}–{offset + segment.width}"
        where = f"segment {segment.name} ({segment.label.zh}, {digits})"
        if len(part) < segment.width:
            return f"{where} is incomplete: got {part!r}, needs {segment.width} digits"
        if not (part.isascii() and part.isdigit()):
            return f"{where} must be digits, got {part!r}"
        if not segment.zero_allowed and not part.strip("0"):
            return f"{where} cannot be all zeros"
        parts.append(part)
        offset += segment.width
    if offset < len(code):
        return f"has {len(code)} digits, more than the {offset} of scheme {scheme.name}"
    return tuple(parts)


@settings(max_examples=500)
@given(
    scheme=st.sampled_from([CJT_349_2010, BEIJING_DB11]),
    code=st.one_of(
        st.text(alphabet="0000001a٣", max_size=24),
        st.text(alphabet="0123456789", min_size=6, max_size=22),
    ),
)
def test_a_code_is_checked_segment_by_segment(scheme: CodeScheme, code: str) -> None:
    expected = _split_segment_by_segment(scheme, code)
    if isinstance(expected, tuple):
        assert scheme.split(code) == expected
    else:
        with pytest.raises(CodeError) as info:
            scheme.split(code)
        assert info.value.errors[0].message == expected


def test_a_segment_is_1_to_12_digits_wide() -> None:
    label = Label("段", "Segment")
    for width in (1, MAX_SEGMENT_WIDTH):
        assert CodeSegment(name="s", width=width, level=Level.GRID, label=label).width == width
    for width in (0, MAX_SEGMENT_WIDTH + 1, True):
        with pytest.raises(ValidationError) as info:
            CodeSegment(name="s", width=width, level=Level.GRID, label=label)
        assert info.value.paths == ("width",)
        assert info.value.subject == "CodeSegment"


def test_a_scheme_refuses_segments_that_are_not_code_segments() -> None:
    label = Label("坏", "Bad")
    with pytest.raises(ValidationError) as info:
        CodeScheme(name="bad", label=label, source=Source("test"), segments=("district",))  # type: ignore[arg-type]
    assert info.value.paths == ("segments[0]",)
    with pytest.raises(ValidationError) as info:
        CodeScheme(name=" ", label=label, source=Source("test"), segments=BEIJING_DB11.segments)
    assert info.value.paths == ("name",)
