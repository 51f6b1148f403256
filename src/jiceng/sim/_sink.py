"""Where a run's per-entity records go: kept in its result, or handed to a sink.

A sink is any callable of one argument. A run given one calls it with each entity's
record as soon as the entity is final (a grid event evaluated or voided, a petition
concluded, a dispute ended, a village's year closed, a sitting over), and with the
records of what is still open when the run stops; it then forgets the entity and its
history. Its figures are pooled as it goes, so they are the same with or without a sink;
only `records` is empty, and `streamed` says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeAlias, TypeVar

from jiceng._kernel._checks import describe
from jiceng.exceptions import FieldError, ValidationError

__all__ = ["Records", "Sink", "check_sink", "kept", "number"]

T = TypeVar("T")

Sink: TypeAlias = Callable[[Any], object]
"""What takes a run's records one at a time (its return value is ignored)."""


def check_sink(sink: object, subject: str = "run") -> None:
    """`ValidationError` (path ``sink``) unless `sink` is `None` or a callable."""
    if sink is not None and not callable(sink):
        message = f"expected a callable taking each record, or None, got {describe(sink)}"
        raise ValidationError([FieldError("sink", message)], subject=subject)


class Records(Generic[T]):
    """A run's records as they are made: kept, or passed on to the sink at once."""

    __slots__ = ("_kept", "_sink")

    def __init__(self, sink: Sink | None) -> None:
        self._sink = sink
        self._kept: list[T] = []

    @property
    def streamed(self) -> bool:
        """Whether the records go to a sink (and none are kept)."""
        return self._sink is not None

    def add(self, record: T) -> None:
        """Keep `record`, or pass it to the sink."""
        if self._sink is None:
            self._kept.append(record)
        else:
            self._sink(record)

    def extend(self, records: Iterable[T]) -> None:
        """`add` each of `records`, in order."""
        if self._sink is None:
            self._kept.extend(records)
        else:
            for record in records:
                self._sink(record)

    def kept(self, key: Callable[[T], Any] | None = None) -> tuple[T, ...]:
        """The records kept (none with a sink), sorted by `key` if one is given."""
        return tuple(self._kept if key is None else sorted(self._kept, key=key))


def kept(records: tuple[T, ...], streamed: bool, result: object) -> tuple[T, ...]:
    """`records`, unless the run streamed them to a sink: then a `ValueError` saying so."""
    if streamed:
        name = type(result).__name__
        msg = f"this {name}'s records went to a sink and were not kept; run without one for them"
        raise ValueError(msg)
    return records


def number(record_id: str) -> int:
    """The running number at the end of an id such as ``XF-2026-00012``."""
    return int(record_id.rpartition("-")[2])
