"""The discrete-event engine: a virtual clock, a queue of actions, and instants.

Time in the engine is a number of hours since the scenario's start (a float); an action
is a callable run when the clock reaches its time. Ties run in the order the actions
were scheduled (a sequence number breaks them), so a run depends only on the scenario
and the seed: no wall clock, no hashing, no set or dict ordering is consulted.

A run builds millions of small immutable objects and keeps many of them (results, open
cases), while making next to no reference cycles. While actions run, the cyclic garbage
collector therefore collects in larger batches (`_GC_BATCH` new objects rather than
Python's default of 700), so that it does not walk the growing heap over and over; the
process's thresholds are restored when the last running engine returns.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import heapq
import math
import random
import threading
from collections.abc import Callable, Iterator

import pendulum
from pendulum.tz.timezone import FixedTimezone, Timezone

from jiceng.sim._common import start_of

__all__ = ["Clock", "Engine", "EngineRun", "Progress", "poisson"]

Progress = Callable[[str, float], None]
"""A progress callback: the phase being simulated and the share of it done (0 to 1)."""

Action = Callable[[], None]

_GC_BATCH = 100_000
_gc_lock = threading.Lock()
_gc_saved: list[tuple[int, int, int]] = []  # the thresholds to restore, while engines run
_gc_running = 0


@contextlib.contextmanager
def _batched_collection() -> Iterator[None]:
    """Raise the collector's first threshold to `_GC_BATCH` while engines run."""
    global _gc_running  # noqa: PLW0603 - one process-wide setting, like gc's own
    with _gc_lock:
        if not _gc_running:
            first, second, third = gc.get_threshold()
            _gc_saved.append((first, second, third))
            gc.set_threshold(max(first, _GC_BATCH), second, third)
        _gc_running += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_running -= 1
            if not _gc_running:
                gc.set_threshold(*_gc_saved.pop())


class Engine:
    """A virtual clock and a heap of `(time, seq, action)`; `run` pops them in order."""

    __slots__ = ("_heap", "_seq", "now")

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Action]] = []
        self._seq = 0
        self.now = 0.0

    def at(self, time: float, action: Action) -> None:
        """Run `action` when the clock reaches `time` (never before now)."""
        self._seq += 1
        heapq.heappush(self._heap, (max(time, self.now), self._seq, action))

    def run(self, until: float) -> None:
        """Run every action due up to `until`, in time order; later ones stay queued."""
        heap, pop = self._heap, heapq.heappop
        with _batched_collection():
            while heap and heap[0][0] <= until:
                time, _, action = pop(heap)
                self.now = time
                action()
        self.now = max(self.now, until)

    def __len__(self) -> int:
        return len(self._heap)


class Clock:
    """Turns engine hours into aware instants, in the scenario's time zone.

    Instants are whole seconds after `start`, so the same hours always give the same
    instant in any process.
    """

    __slots__ = ("_epoch", "_hours", "_last", "_plain", "_tz", "start")

    def __init__(self, start: pendulum.DateTime) -> None:
        self.start = start
        self._tz = start.tzinfo
        self._epoch = int(start.timestamp())
        # In one of pendulum's zones, the standard library writes the instant exactly as
        # `pendulum.DateTime.fromtimestamp` does (the same fields, zone and fold), without
        # its detours; any other zone goes through pendulum.
        self._plain = isinstance(self._tz, Timezone | FixedTimezone)
        self._last: tuple[int, pendulum.DateTime] | None = None
        # Per hour since the epoch: its local year, month, day and hour when the whole hour
        # has one offset of whole hours (then an instant in it is that plus its minutes and
        # seconds), or `None` (then each instant is worked out on its own). An hour whose
        # first and last seconds have the same offset and no fold is taken to have one
        # offset throughout: no zone changes its offset twice within an hour.
        self._hours: dict[int, tuple[int, int, int, int] | None] = {}

    def __call__(self, hours: float) -> pendulum.DateTime:
        """The instant `hours` after the start, to the second."""
        seconds = self._epoch + round(hours * 3600)
        last = self._last
        if last is not None and last[0] == seconds:  # actions often ask twice in a row
            return last[1]
        hour, within = divmod(seconds, 3600)
        try:
            fields = self._hours[hour]
        except KeyError:
            fields = self._hours[hour] = self._local_hour(hour)
        if fields is not None:
            year, month, day, local_hour = fields
            minute, second = divmod(within, 60)
            instant = pendulum.DateTime(year, month, day, local_hour, minute, second, 0, self._tz)
        elif self._plain:
            instant = self._plain_instant(seconds)
        else:
            instant = pendulum.DateTime.fromtimestamp(seconds, self._tz)
        self._last = (seconds, instant)
        return instant

    def _plain_instant(self, seconds: int) -> pendulum.DateTime:
        local = datetime.datetime.fromtimestamp(seconds, self._tz)
        return pendulum.DateTime(
            local.year, local.month, local.day, local.hour, local.minute, local.second,
            local.microsecond, local.tzinfo, fold=local.fold,
        )  # fmt: skip

    def _local_hour(self, hour: int) -> tuple[int, int, int, int] | None:
        """The local fields of `hour` if it has one offset of whole hours and no fold."""
        if not self._plain:
            return None
        first = self._plain_instant(hour * 3600)
        last = self._plain_instant(hour * 3600 + 3599)
        if (
            first.utcoffset() != last.utcoffset()
            or first.fold
            or last.fold
            or (first.minute, first.second) != (0, 0)
        ):
            return None
        return first.year, first.month, first.day, first.hour

    def day(self, hours: float) -> pendulum.Date:
        """The local day of the instant `hours` after the start."""
        return self(hours).date()


class EngineRun:
    """What a run on the engine starts from: its seed and progress callback, the seed's
    random stream, a clock from midnight of the first day, the engine, and the horizon
    (`days` in hours)."""

    def __init__(
        self, seed: int, progress: Progress | None, start: datetime.date, days: int
    ) -> None:
        self.seed = seed
        self.progress = progress
        self.rng = random.Random(seed)
        self.clock = Clock(start_of(start))
        self.engine = Engine()
        self.horizon = 24.0 * days


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw with `mean` (Knuth's method for small means, normal beyond 30)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k
