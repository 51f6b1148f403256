"""The discrete-event engine: a virtual clock, a queue of actions, and instants.

Time in the engine is a number of hours since the scenario's start (a float); an action
is a callable run when the clock reaches its time. Ties run in the order the actions
were scheduled (a sequence number breaks them), so a run depends only on the scenario
and the seed: no wall clock, no hashing, no set or dict ordering is consulted.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable

import pendulum

__all__ = ["Clock", "Engine", "Progress", "poisson"]

Progress = Callable[[str, float], None]
"""A progress callback: the phase being simulated and the share of it done (0 to 1)."""

Action = Callable[[], None]


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

    __slots__ = ("_epoch", "_tz", "start")

    def __init__(self, start: pendulum.DateTime) -> None:
        self.start = start
        self._tz = start.tzinfo
        self._epoch = int(start.timestamp())

    def __call__(self, hours: float) -> pendulum.DateTime:
        """The instant `hours` after the start, to the second."""
        return pendulum.DateTime.fromtimestamp(self._epoch + round(hours * 3600), self._tz)

    def day(self, hours: float) -> pendulum.Date:
        """The local day of the instant `hours` after the start."""
        return self(hours).date()


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
