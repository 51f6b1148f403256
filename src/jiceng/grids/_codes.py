"""Grid levels (网格层级) and grid codes (网格编码) under a pluggable code scheme.

A code scheme is plain data: a sequence of fixed-width digit segments, each naming the
level of the grid tree it identifies. A grid's code is the prefix of the scheme that
reaches its level, so a child's code is its parent's code followed by the child's own
segment ("a child's code must extend its parent's"). Two schemes ship:

- `CJT_349_2010`, the 20-digit layout of CJ/T 349-2010: digits 1–6 managed-object code,
  7–12 GB/T 2260 administrative division, 13–15 street/township, 16–18 community,
  19–20 grid sequence (``00`` when the community is not subdivided).
- `BEIJING_DB11`, the 15-digit Beijing layout (DB11): district 6 + street 3 +
  community 3 + grid 3.

A local scheme (a building segment for micro-grids, say) is another `CodeScheme` value.
"""

from __future__ import annotations

import re
from typing import Any, Final

import attrs

from jiceng import Label, Labelled, Source
from jiceng.checks import between, flag, instance_of, items, member, text
from jiceng.exceptions import FieldError, NotFoundError, ValidationError

__all__ = [
    "BEIJING_DB11",
    "CJT_349_2010",
    "MAX_SEGMENT_WIDTH",
    "CodeError",
    "CodeScheme",
    "CodeSegment",
    "Level",
]


class Level(Labelled):
    """A level of the grid tree (网格层级), from the city down to the building.

    Hierarchy in practice: 市 → 区县 → 街道/乡镇 → 社区/村 → 网格 → 微网格/楼栋.

    >>> Level.GRID.zh, Level.GRID.depth, Level.GRID.up
    ('网格', 4, <Level.COMMUNITY: 'community'>)
    """

    CITY = "city", "市", "City"
    DISTRICT = "district", "区县", "District/county"
    STREET = "street", "街道/乡镇", "Street/township"
    COMMUNITY = "community", "社区/村", "Community/village"
    GRID = "grid", "网格", "Grid"
    MICRO_GRID = "micro_grid", "微网格/楼栋", "Micro-grid/building"

    @property
    def depth(self) -> int:
        """0 for the city, 5 for a building: how far down the tree the level lies."""
        return _DEPTH[self]

    @property
    def up(self) -> Level | None:
        """The level above (`None` for the city)."""
        return _ORDER[self.depth - 1] if self.depth else None

    def __repr__(self) -> str:
        return f"<Level.{self.name}: {self.value!r}>"


_ORDER = tuple(Level)
_DEPTH = {level: depth for depth, level in enumerate(_ORDER)}


class CodeError(ValidationError):
    """A grid code that breaks its scheme, naming the offending segment (编码不符合规则)."""

    def __init__(self, code: object, message: str, *, segment: str | None = None) -> None:
        self.code = code
        self.segment = segment
        super().__init__([FieldError("code", message)], subject=f"grid code {code!r}")


MAX_SEGMENT_WIDTH: Final = 12
"""The widest segment, in digits: the widest in use are 6 (a GB/T 2260 division code,
CJ/T 349-2010's managed-object code); 12 holds a whole 统计用区划代码 as one segment."""


@attrs.frozen(kw_only=True)
class CodeSegment:
    """One fixed-width run of digits in a code, identifying one level of the tree.

    `zero_allowed` says that the segment may be all zeros, meaning that the parent is not
    subdivided and this is its only child (CJ/T 349-2010: grid sequence ``00``). `width`
    is 1 to `MAX_SEGMENT_WIDTH` (12) digits.
    """

    name: str = attrs.field(validator=text())
    width: int = attrs.field(validator=between(1, MAX_SEGMENT_WIDTH))
    level: Level = attrs.field(validator=member(Level))
    label: Label = attrs.field(validator=instance_of(Label))
    zero_allowed: bool = attrs.field(default=False, validator=flag())


def _check_segments(instance: Any, attribute: Any, segments: tuple[CodeSegment, ...]) -> None:
    errors = []
    if not segments:
        errors.append(FieldError("segments", "a scheme needs at least one segment"))
    names = [s.name for s in segments]
    depths = [s.level.depth for s in segments]
    for index, segment in enumerate(segments):
        if names.count(segment.name) > 1:
            errors.append(FieldError(f"segments[{index}].name", "is used twice"))
        if index and depths[index] <= depths[index - 1]:
            errors.append(
                FieldError(f"segments[{index}].level", "must lie below the previous segment's")
            )
    if errors:
        raise ValidationError(errors, subject="code scheme")


def _where(segment: CodeSegment, offset: int) -> str:
    """Which segment of a code, for an error message: its name and digit positions."""
    digits = f"digits {offset + 1}–{offset + segment.width}"
    return f"segment {segment.name} ({segment.label.zh}, {digits})"


@attrs.frozen(kw_only=True)
class CodeScheme:
    """A grid code scheme (网格编码规则): segments from the top of the tree down.

    >>> CJT_349_2010.level_of("43130043132200100200")
    <Level.GRID: 'grid'>
    >>> CJT_349_2010.parent_code("43130043132200100200")
    '431300431322001002'
    >>> try:
    ...     CJT_349_2010.level_of("431300431322001A02")
    ... except CodeError as err:
    ...     err.segment, err.errors[0].message
    ('community', "segment community (社区, digits 16–18) must be digits, got 'A02'")
    """

    name: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    segments: tuple[CodeSegment, ...] = attrs.field(
        validator=[items(instance_of(CodeSegment)), _check_segments]
    )
    source: Source = attrs.field(validator=instance_of(Source))

    # What a valid code looks like (the first segments, each of its digits, not all zeros
    # where zeros are not allowed): codes are checked on every report, and most are valid,
    # so they are matched at once; a code that does not match is walked segment by segment
    # to say what is wrong with it.
    _shape: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        shape = ""
        for segment in reversed(self.segments):
            width = segment.width
            digits = (
                f"[0-9]{{{width}}}" if segment.zero_allowed else f"(?!0{{{width}}})[0-9]{{{width}}}"
            )
            shape = f"({digits})" + (f"(?:{shape})?" if shape else "")
        object.__setattr__(self, "_shape", re.compile(shape))

    @property
    def width(self) -> int:
        """The number of digits of a code at the deepest level."""
        return sum(s.width for s in self.segments)

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels the scheme can code, top down."""
        return tuple(s.level for s in self.segments)

    def segment_for(self, level: Level) -> CodeSegment:
        """The segment that identifies `level`; `NotFoundError` if the scheme has none."""
        for segment in self.segments:
            if segment.level is level:
                return segment
        msg = f"code scheme {self.name!r} has no segment for the level {level.value} ({level.zh})"
        raise NotFoundError(msg)

    def split(self, code: object) -> tuple[str, ...]:
        """The segments of `code`, checked; raise `CodeError` naming the offending segment."""
        match = self._shape.fullmatch(code) if isinstance(code, str) else None
        if match is None:
            raise self._error(code)
        return match.groups()[: match.lastindex]  # a code may stop at any level

    def _error(self, code: object) -> CodeError:
        """Why `code` is not a code of the scheme: its first wrong segment, or its length."""
        if not isinstance(code, str):
            return CodeError(code, f"must be a string of digits, got {type(code).__name__}")
        offset = 0
        for segment in self.segments:
            part = code[offset : offset + segment.width]
            if len(part) < segment.width:
                return CodeError(
                    code,
                    f"{_where(segment, offset)} is incomplete: got {part!r}, "
                    f"needs {segment.width} digits",
                    segment=segment.name,
                )
            if not (part.isascii() and part.isdigit()):
                msg = f"{_where(segment, offset)} must be digits, got {part!r}"
                return CodeError(code, msg, segment=segment.name)
            if not segment.zero_allowed and not part.strip("0"):
                msg = f"{_where(segment, offset)} cannot be all zeros"
                return CodeError(code, msg, segment=segment.name)
            offset += segment.width
        return CodeError(
            code, f"has {len(code)} digits, more than the {offset} of scheme {self.name}"
        )

    def level_of(self, code: object) -> Level:
        """The level a valid `code` stands at (its length decides)."""
        return self.segments[len(self.split(code)) - 1].level

    def parent_code(self, code: object) -> str | None:
        """The code of the level above `code` (`None` at the scheme's top segment)."""
        parts = self.split(code)
        return "".join(parts[:-1]) or None

    def is_zero(self, code: object) -> bool:
        """Whether the last segment of `code` is all zeros (the parent is not subdivided)."""
        return not self.split(code)[-1].strip("0")


CJT_349_2010 = CodeScheme(
    name="cjt-349-2010",
    label=Label("CJ/T 349-2010 网格编码（20位）", "CJ/T 349-2010 grid code (20 digits)"),
    segments=(
        CodeSegment(name="object", width=6, level=Level.CITY, label=Label("管理对象", "Object")),
        CodeSegment(
            name="division",
            width=6,
            level=Level.DISTRICT,
            label=Label("行政区划（GB/T 2260）", "Administrative division (GB/T 2260)"),
        ),
        CodeSegment(name="street", width=3, level=Level.STREET, label=Label("街道", "Street")),
        CodeSegment(
            name="community", width=3, level=Level.COMMUNITY, label=Label("社区", "Community")
        ),
        CodeSegment(
            name="grid",
            width=2,
            level=Level.GRID,
            label=Label("网格顺序码", "Grid sequence"),
            zero_allowed=True,
        ),
    ),
    source=Source(
        "CJ/T 349-2010",
        "1–6位管理对象代码，7–12位GB/T 2260行政区划代码，13–15位街道，16–18位社区，"
        "19–20位网格顺序码（社区不再细分时为00）",
    ),
)
"""The 20-digit CJ/T 349-2010 layout. The managed-object code (digits 1–6) heads the tree,
so a tree under this scheme is rooted at the city level."""

BEIJING_DB11 = CodeScheme(
    name="beijing-db11",
    label=Label("北京 DB11 网格编码（15位）", "Beijing DB11 grid code (15 digits)"),
    segments=(
        CodeSegment(name="district", width=6, level=Level.DISTRICT, label=Label("区", "District")),
        CodeSegment(name="street", width=3, level=Level.STREET, label=Label("街道", "Street")),
        CodeSegment(
            name="community", width=3, level=Level.COMMUNITY, label=Label("社区", "Community")
        ),
        CodeSegment(name="grid", width=3, level=Level.GRID, label=Label("网格", "Grid")),
    ),
    source=Source("北京市 DB11 网格编码", "区6位 + 街道3位 + 社区3位 + 网格3位"),
)
"""The 15-digit Beijing layout: district 6 + street 3 + community 3 + grid 3."""
