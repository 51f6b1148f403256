"""Hypothesis helpers for testing workflows built on jiceng (extra: ``testing``).

`random_walk` drives an entity through random commands, allowed or not, and
checks the kernel's promises after every step:

- a command that succeeds appends exactly one event and returns a new entity
  whose history replays to it (`replay(x.history) == x`);
- a command that fails raises a `JicengError` and leaves the entity equal to
  what it was (same fields, same hash);
- a command the table refuses from the current state is refused, and the
  refusal names the state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import pendulum

from jiceng._kernel._entity import Entity, replay
from jiceng._kernel._values import Actor, ActorKind
from jiceng.exceptions import InvalidTransition, JicengError, MissingExtraError, ValidationError

try:
    from hypothesis import strategies as st
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise MissingExtraError("jiceng.testing", "testing", "hypothesis") from err

__all__ = ["Command", "actors", "instants", "random_walk"]

E = TypeVar("E", bound=Entity[Any])

Command = Callable[[E, st.DataObject], E]
"""A command for a random walk: draws its own arguments and calls one entity method."""


def instants(
    *,
    start: pendulum.DateTime | None = None,
    days: int = 3650,
    tz: str = "Asia/Shanghai",
) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware instants from `start` (default 2020-01-01 in `tz`) up to `days` later, by seconds."""
    origin = start or pendulum.datetime(2020, 1, 1, tz=tz)
    return st.integers(0, days * 86_400).map(lambda s: origin.add(seconds=s))


def actors(kinds: tuple[ActorKind, ...] = tuple(ActorKind)) -> st.SearchStrategy[Actor]:
    """Actors of the given kinds with short ids."""
    return st.builds(
        Actor,
        kind=st.sampled_from(kinds),
        id=st.from_regex(r"[a-z]{1,3}-[0-9]{1,4}", fullmatch=True),
        name=st.sampled_from(["", "张三", "李四", "网格员", "水务局"]),
    )


def random_walk(
    data: st.DataObject,
    start: E,
    commands: Mapping[str, Command[E]],
    *,
    steps: int = 25,
) -> E:
    """Drive `start` through up to `steps` random commands, checking invariants; return the end.

    `commands` maps command names from the entity's machine table to callables that
    draw their arguments from `data` and call the entity's method. Every command of
    the table should have one, so refusals get exercised too.
    """
    unknown = set(commands) - set(start.machine.commands)
    if unknown:
        msg = f"commands not in machine {start.machine.name!r}: {', '.join(sorted(unknown))}"
        raise ValueError(msg)
    names = sorted(commands)
    entity = start
    for _ in range(steps):
        if entity.is_final:
            break
        name = data.draw(st.sampled_from(names), label="command")
        before_hash = hash(entity)
        before_history = entity.history
        allowed = name in entity.allowed()
        try:
            after = commands[name](entity, data)
        except JicengError as err:
            assert entity.history is before_history, "a failed command changed the history"
            assert hash(entity) == before_hash, "a failed command changed the entity"
            if not allowed:
                refused = InvalidTransition | ValidationError
                assert isinstance(err, refused), f"{name}: {err!r}"  # noqa: PT017
            continue
        assert allowed, f"{name!r} succeeded from {entity.state!r}, which does not allow it"
        assert after.history[:-1] == before_history, "a command must append exactly one event"
        assert replay(after.history) == after, "the history does not replay to the entity"
        entity = after
    return entity
