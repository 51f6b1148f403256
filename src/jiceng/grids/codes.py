"""Grid code schemes (网格编码): the segments of a code and the two built-in schemes.

`CJT_349_2010` (CJ/T 349-2010) and `BEIJING_DB11` (北京 DB11) are ready to use; an area
with its own coding builds a `CodeScheme` from `CodeSegment`s, one per `Level`.
"""

from jiceng.grids._codes import (
    BEIJING_DB11,
    CJT_349_2010,
    MAX_SEGMENT_WIDTH,
    CodeScheme,
    CodeSegment,
)

__all__ = ["BEIJING_DB11", "CJT_349_2010", "MAX_SEGMENT_WIDTH", "CodeScheme", "CodeSegment"]
