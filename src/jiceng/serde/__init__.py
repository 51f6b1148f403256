"""Serialisation (序列化): entities, events and values to JSON-compatible dicts and back.

Needs the extra ``serde`` (``pip install 'jiceng[serde]'``), which brings cattrs.

`to_dict` turns any jiceng value (an entity, an event, an `Actor`, a `Deadline`, ...) into
a dict of only `dict`, `list`, `str`, `int`, `float`, `bool` and `None`, ready for
`json.dumps`; `from_dict` reads it back, checks every field, and raises one
`ValidationError` that names the path of each bad field (``history[2].at``).

The formats, fixed by `SCHEMA_VERSION`:

- `pendulum.DateTime`: ISO 8601 with its UTC offset, followed by the IANA time zone in
  brackets when it has one (RFC 9557): ``"2026-01-05T09:00:00+08:00[Asia/Shanghai]"``.
  A fixed offset is written without brackets: ``"2026-01-05T09:00:00+08:00"``. Reading
  gives back the same instant in the same zone; an offset that does not match the zone at
  that instant, an unknown zone, or a date-time without an offset is refused.
- `pendulum.Date`: ``"2026-01-05"``.
- enums, including every `State`: their value.
- tuples and lists: lists; frozensets and sets: sorted lists.
- `decimal.Decimal`: a string, digits kept as they are (``"12.50"``); an `int` is read too,
  a `float` is refused as inexact.
- `fractions.Fraction`: ``"numerator/denominator"`` (``"2/3"``, ``"5/1"``); an `int` is
  read too.
- an event: ``{"type": "<machine name>.<event class>", ...its fields}``, the tag naming the
  machine table that records it (``"ticket.Reported"``).
- an entity: ``{"schema": 1, "type": "<machine name>", ...its fields, "history": [...]}``.
  Reading checks the schema version and the machine name, and then replays the history:
  a document whose fields disagree with its history is refused, field by field.
- a snapshot: the entity document without ``"history"``, with ``"version"``,
  ``"created"`` and ``"last_changed"`` after ``"type"``; `resume_documents` reads it with
  the event documents stored after it.
- durations of a time limit (`CalendarDays`, `WorkingDays`, ...), where several kinds may
  stand: ``{"type": "<class name>", ...its fields}``.
- a working-day calendar: ``{"name": "cn", "tz": "Asia/Shanghai"}``; see `register_calendar`.

Other value types are added to `converter` with the usual cattrs calls:
`converter.register_unstructure_hook(cls, to_json)` and
`converter.register_structure_hook(cls, from_json)`, where `from_json(value, cls)` raises
`ValidationError` (path ``""``) or `ValueError` for a bad value.
"""

from __future__ import annotations

from jiceng._kernel._entity import derived_fields
from jiceng.exceptions import MissingExtraError

try:
    import cattrs  # noqa: F401 - the extra this module needs, asked for first
except ImportError as error:
    raise MissingExtraError(feature="jiceng.serde", extra="serde", package="cattrs") from error

from jiceng.serde import _upgrades  # noqa: F401 - the built-in upcasters register here
from jiceng.serde._converter import converter, register_calendar, register_tagged_union
from jiceng.serde._dispatch import commands, dispatch, entity_arguments
from jiceng.serde._documents import (
    SCHEMA_VERSION,
    Upcaster,
    from_dict,
    register_alias,
    register_upcaster,
    schema_version,
    to_dict,
)
from jiceng.serde._references import REFERENCED, Resolver, use_registry
from jiceng.serde._schemas import (
    arguments_schema,
    entity_schema,
    event_document_schema,
    snapshot_schema,
    value_schema,
)
from jiceng.serde._snapshots import resume_documents, snapshot
from jiceng.serde._store import event_documents, replay_documents

__all__ = [
    "REFERENCED",
    "SCHEMA_VERSION",
    "Resolver",
    "Upcaster",
    "arguments_schema",
    "commands",
    "converter",
    "derived_fields",
    "dispatch",
    "entity_arguments",
    "entity_schema",
    "event_document_schema",
    "event_documents",
    "from_dict",
    "register_alias",
    "register_calendar",
    "register_tagged_union",
    "register_upcaster",
    "replay_documents",
    "resume_documents",
    "schema_version",
    "snapshot",
    "snapshot_schema",
    "to_dict",
    "use_registry",
    "value_schema",
]
