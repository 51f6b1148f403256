"""Machine tables: a workflow's states and transitions, declared once as data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, Literal, TypeVar

import attrs

from jiceng._kernel._events import Event
from jiceng._kernel._values import Label, Labelled, Source
from jiceng.exceptions import (
    GuardRejected,
    InvalidTransition,
    MachineDefinitionError,
    NotFoundError,
)

__all__ = ["Fold", "Guard", "Machine", "Refusal", "State", "Transition"]

Guard = Callable[[Any, Any], "str | None"]
"""A guard sees the entity and the proposed event; it returns `None` to allow the
transition, or the reason (a sentence a caseworker can read) to refuse it."""

Fold = Callable[[Any, Any], "Mapping[str, Any] | None"]
"""A fold sees the entity and its new event; it returns the fields the event changes
besides `state` and `history` (`None`: none). A creating row's fold sees `None` for
the entity and returns every other field of the new entity."""


class State(Labelled):
    """Base for a workflow's states, each with a value and zh-Hans/English labels.

    >>> class Light(State):
    ...     RED = "red", "红灯", "Red"
    ...     GREEN = "green", "绿灯", "Green"
    >>> Light.RED.value, Light.RED.zh, Light.RED.en
    ('red', '红灯', 'Red')
    >>> Light("green") is Light.GREEN
    True
    """

    # Members are singletons compared by identity: hash them by identity too, which is
    # twice as fast as Enum's hash of the name (tables are looked up on every transition).
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}: {self.value!r} {self.zh}>"


S = TypeVar("S", bound=State)


def _frozen_states(value: Iterable[Any]) -> frozenset[Any]:
    if isinstance(value, State):
        return frozenset((value,))
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Transition(Generic[S]):
    """One row of a machine table: a command, the event it records, from where, to where.

    `sources` is empty for the command that creates the entity. `target` is `None`
    for a command that records an event without changing the state (adding
    evidence, say). `guard`, if given, may refuse the command with a reason;
    `fold`, if given, says what else the event changes (see `Fold`). `source` is the
    article or seed line the row encodes.
    """

    command: str
    event: type[Event]
    sources: frozenset[S] = attrs.field(converter=_frozen_states)
    target: S | None
    label: Label
    guard: Guard | None = None
    fold: Fold | None = None
    source: Source | None = None

    @property
    def guard_name(self) -> str:
        """The guard's name as shown in refusals (its function name)."""
        return getattr(self.guard, "__name__", repr(self.guard))


@attrs.frozen
class Refusal:
    """Why a command cannot run now: the state does not allow it, or a guard refused.

    A refusing guard from a plugin may also say its rule's `citation` and its `remedy`
    (what would satisfy the rule).
    """

    command: str
    state: Any
    kind: Literal["unknown", "state", "guard"]
    allowed: tuple[str, ...]
    reason: str
    guard: str | None = None
    plugin: str | None = None
    citation: str | None = None
    remedy: str | None = None

    def error(self, entity: str, entity_id: Any = None) -> InvalidTransition:
        """The exception that a command refused for this reason raises."""
        if self.kind == "guard":
            return GuardRejected(
                entity=entity,
                entity_id=entity_id,
                command=self.command,
                state=self.state,
                allowed=self.allowed,
                guard=self.guard or "",
                reason=self.reason,
                plugin=self.plugin,
                citation=self.citation,
                remedy=self.remedy,
            )
        return InvalidTransition(
            entity=entity,
            entity_id=entity_id,
            command=self.command,
            state=self.state,
            allowed=self.allowed,
            message=None if self.kind == "state" else self.reason,
        )


def _rows(value: Iterable[Transition[Any]]) -> tuple[Transition[Any], ...]:
    return tuple(value)


def _names(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Machine(Generic[S]):
    """A workflow's machine table (状态机表), validated when it is defined.

    Validation refuses, with every problem listed: duplicate command or event
    names, states from another enum, a state unreachable from `initial`, a
    non-final state with no way out, a final state with a way out, a guard that is
    not callable, a table with no command that creates the entity, and a command in
    `remedy_required` that the table does not have.
    """

    name: str
    label: Label
    states: type[S]
    initial: S
    transitions: tuple[Transition[S], ...] = attrs.field(converter=_rows)
    final: frozenset[S] = attrs.field(converter=_frozen_states, factory=frozenset)
    remedy_required: frozenset[str] = attrs.field(converter=_names, factory=frozenset)
    """Commands on which a plugin's guard must say its remedy (`TransitionGuard.remedy`):
    the steps where a refusal with no way on would leave an entity stuck."""

    _table: Mapping[tuple[S, type[Event]], Transition[S]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _by_command: Mapping[str, Transition[S]] = attrs.field(init=False, repr=False, eq=False)
    _by_event: Mapping[type[Event], Transition[S]] = attrs.field(init=False, repr=False, eq=False)
    _allowed: Mapping[S, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems = self._problems()
        if problems:
            raise MachineDefinitionError(self.name or "?", problems)
        table = {(s, t.event): t for t in self.transitions for s in t.sources}
        allowed = {
            s: tuple(t.command for t in self.transitions if s in t.sources) for s in self.states
        }
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_by_command", {t.command: t for t in self.transitions})
        object.__setattr__(self, "_by_event", {t.event: t for t in self.transitions})
        object.__setattr__(self, "_allowed", allowed)

    def _problems(self) -> list[str]:
        problems: list[str] = []
        if not self.name:
            problems.append("the machine needs a name")
        declared: Any = self.states  # checked at run time: tables are often built from data
        if not (isinstance(declared, type) and issubclass(declared, State)):
            return [*problems, "states must be a subclass of jiceng.State"]
        members = set(self.states)
        aliases = sorted(set(self.states.__members__) - {s.name for s in members})
        if aliases:
            problems.append("state names must have distinct values; aliases: " + ", ".join(aliases))
        if self.initial not in members:
            problems.append(f"initial state {self.initial!r} is not one of {self.states.__name__}")
        problems += [f"final state {s!r} is not a member" for s in self.final - members]
        seen_commands: set[str] = set()
        seen_events: set[type[Event]] = set()
        for row in self.transitions:
            problems += self._row_problems(row, members, seen_commands, seen_events)
        if not any(not t.sources for t in self.transitions):
            problems.append("no transition creates the entity (one with no source states)")
        problems += [
            f"remedy_required names {c!r}, which is not a command"
            for c in sorted(self.remedy_required - seen_commands)
        ]
        if problems:
            return problems
        reachable = self._reachable()
        for state in self.states:
            exits = {
                t.target for t in self.transitions if state in t.sources and t.target is not None
            } - {state}
            if state not in reachable:
                problems.append(f"state {state.value!r} cannot be reached from the initial state")
            if state in self.final and exits:
                problems.append(f"final state {state.value!r} has a way out")
            if state not in self.final and not exits:
                problems.append(f"state {state.value!r} is not final but has no way out")
        return problems

    def _row_problems(
        self,
        row: Transition[S],
        members: set[S],
        seen_commands: set[str],
        seen_events: set[type[Event]],
    ) -> list[str]:
        problems: list[str] = []
        where = f"transition {row.command!r}"
        if not row.command.isidentifier():
            problems.append(f"{where}: the command name must be an identifier")
        if row.command in seen_commands:
            problems.append(f"{where}: the command is declared twice")
        seen_commands.add(row.command)
        event: Any = row.event
        if not (isinstance(event, type) and issubclass(event, Event)):
            problems.append(f"{where}: its event must be a subclass of jiceng.Event")
        elif row.event in seen_events:
            problems.append(f"{where}: event {row.event.__name__} already has a transition")
        seen_events.add(row.event)
        problems += [f"{where}: source {s!r} is not a member" for s in row.sources - members]
        if row.target is not None and row.target not in members:
            problems.append(f"{where}: target {row.target!r} is not a member")
        guard: Any = row.guard
        if guard is not None and not callable(guard):
            problems.append(f"{where}: its guard {row.guard!r} is not callable")
        fold: Any = row.fold
        if fold is not None and not callable(fold):
            problems.append(f"{where}: its fold {row.fold!r} is not callable")
        if not row.sources:
            if row.target != self.initial:
                problems.append(f"{where}: a creating command must lead to the initial state")
            if row.guard is not None:
                problems.append(f"{where}: a creating command takes no guard")
        return problems

    def _reachable(self) -> set[S]:
        seen = {self.initial}
        todo = [self.initial]
        while todo:
            state = todo.pop()
            for row in self.transitions:
                if state in row.sources and row.target is not None and row.target not in seen:
                    seen.add(row.target)
                    todo.append(row.target)
        return seen

    # -- asking the table -------------------------------------------------------------

    @property
    def commands(self) -> tuple[str, ...]:
        """Every command, in declaration order."""
        return tuple(self._by_command)

    def transition(self, command: str) -> Transition[S]:
        """The row for a command; `NotFoundError` if the table has none."""
        try:
            return self._by_command[command]
        except KeyError:
            msg = f"machine {self.name!r} has no command {command!r}; it has: " + ", ".join(
                self._by_command
            )
            raise NotFoundError(msg) from None

    def for_event(self, event_type: type[Event]) -> Transition[S]:
        """The row that records events of this type."""
        try:
            return self._by_event[event_type]
        except KeyError:
            msg = f"machine {self.name!r} records no {event_type.__name__} events"
            raise NotFoundError(msg) from None

    def allowed(self, state: S) -> tuple[str, ...]:
        """The commands the table allows from `state` (guards are not consulted)."""
        return self._allowed[state]

    def why_not(
        self, state: S, command: str, *, entity: Any = None, event: Event | None = None
    ) -> Refusal | None:
        """Why `command` cannot run from `state`, or `None` if it can.

        With an `entity` and the proposed `event`, the command's guard is consulted too.
        """
        allowed = self._allowed[state]
        row = self._by_command.get(command)
        if row is None:
            reason = f"{self.name} has no command {command!r}"
            return Refusal(command, state, "unknown", allowed, reason)
        if state not in row.sources:
            reason = f"not allowed from {state.value!r} ({state.zh})"
            return Refusal(command, state, "state", allowed, reason)
        if row.guard is not None and entity is not None and event is not None:
            refused = row.guard(entity, event)
            if refused is not None:
                return Refusal(command, state, "guard", allowed, refused, row.guard_name)
        return None

    def is_final(self, state: S) -> bool:
        """Whether the workflow has ended in `state`."""
        return state in self.final

    # -- diagrams ---------------------------------------------------------------------

    def mermaid(self, lang: Literal["zh", "en", "both"] = "both") -> str:
        """The table as a Mermaid `stateDiagram-v2`, labelled in Chinese, English or both."""

        def text(label: Label) -> str:
            return {"zh": label.zh, "en": label.en, "both": f"{label.zh} {label.en}"}[lang]

        lines = ["stateDiagram-v2"]
        lines += [f'    state "{text(s.label)}" as {s.value}' for s in self.states]
        lines.append(f"    [*] --> {self.initial.value}")
        for row in self.transitions:
            for source in sorted(row.sources, key=_order(self.states)):
                target = source if row.target is None else row.target
                lines.append(f"    {source.value} --> {target.value}: {text(row.label)}")
        lines += [f"    {s.value} --> [*]" for s in sorted(self.final, key=_order(self.states))]
        return "\n".join(lines)


def _order(states: Sequence[S] | type[S]) -> Callable[[S], int]:
    index = {s: i for i, s in enumerate(states)}
    return index.__getitem__
