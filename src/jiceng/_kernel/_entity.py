"""Entities: immutable aggregates whose commands append one event each."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Final, Generic, Self, TypeVar, overload

import attrs
import pendulum
from pendulum import DateTime

from jiceng._kernel._arguments import CommandChecks, command_checker
from jiceng._kernel._checks import between, instant
from jiceng._kernel._constructors import draft, fast_init
from jiceng._kernel._events import Event, event_problems
from jiceng._kernel._hooks import _ACTIVE
from jiceng._kernel._machine import Machine, Refusal, S
from jiceng._kernel._values import Actor
from jiceng.exceptions import (
    ChronologyError,
    FieldError,
    InvalidTransition,
    JicengError,
    ReplayError,
    ValidationError,
)

__all__ = [
    "ENTITY_TYPES",
    "SNAPSHOT_ACTOR",
    "Entity",
    "EntityTypes",
    "Snapshot",
    "command_checks",
    "derived_fields",
    "replay",
    "resume",
    "unresumable",
]

E = TypeVar("E", bound="Entity[Any]")

_Record = Callable[..., Any]
_Rebuild = Callable[[Any, Any, tuple[Event, ...], "Mapping[str, Any] | None"], Any]


class EntityTypes:
    """The registry of entity classes (`jiceng.ENTITY_TYPES`): each class with a machine
    table registers when it is defined, under the events that create it.

    `replay` finds the class a history describes here; the decoder and the plugin
    registry find every machine here, a plugin's as well as the built-in ones.

    >>> from jiceng import ENTITY_TYPES
    >>> from jiceng.grids import GridEvent
    >>> ENTITY_TYPES.for_event(GridEvent.__machine__.transition("report").event) is GridEvent
    True
    >>> GridEvent in ENTITY_TYPES
    True
    """

    def __init__(self) -> None:
        self._by_event: dict[type[Event], type[Entity[Any]]] = {}

    def __iter__(self) -> Iterator[type[Entity[Any]]]:
        """Every registered class once, in the order they were defined."""
        return iter(dict.fromkeys(self._by_event.values()))

    def __len__(self) -> int:
        return len(set(self._by_event.values()))

    def __contains__(self, cls: object) -> bool:
        return cls in self._by_event.values()

    def for_event(self, event_type: type[Event]) -> type[Entity[Any]] | None:
        """The class whose entities `event_type` creates, or `None`."""
        return self._by_event.get(event_type)

    def register(self, cls: type[Entity[Any]]) -> None:
        """Register `cls` under its creating events (done when an entity class is defined).

        Refused if a creating event already creates another class: `replay` must know
        which class a history describes.
        """
        creating = [row.event for row in cls.__machine__.transitions if not row.sources]
        for event in creating:
            known = self._by_event.get(event)
            if known is not None and known.__qualname__ != cls.__qualname__:
                msg = (
                    f"{event.__name__} already creates {known.__qualname__}; "
                    f"it cannot also create {cls.__qualname__}"
                )
                raise ValidationError.single("machine", msg, subject="entity class")
        self._by_event.update(dict.fromkeys(creating, cls))


ENTITY_TYPES: Final = EntityTypes()
"""Every entity class defined so far (see `EntityTypes`)."""

_INSTANT: Final = instant()

SNAPSHOT_ACTOR: Final = Actor.system("snapshot", "快照")
"""The `by` of every `Snapshot`: it records no change, so no one made it."""


@attrs.frozen(kw_only=True)
class Snapshot(Event):
    """First in the history of an entity resumed from a snapshot (`resume`), in place of
    the `version` events before it, which it does not hold.

    `at` is when the last of those events happened (no later command may be dated before
    it) and `created` when the first did; `by` is always `SNAPSHOT_ACTOR`. No machine
    table records a `Snapshot`, so it is never stored as an event and never replayed.
    """

    version: int
    created: pendulum.DateTime


# Per class, its compiled `_record` (see `_prepare`): the table look-up, the clock, the
# guards, the fold, the copy and the listeners in one function, installed on the class;
# and its `rebuild`, the copy alone.
_FAST: dict[type[Any], tuple[_Record, _Rebuild]] = {}


@attrs.frozen(kw_only=True)
class Entity(Generic[S]):
    """Base of every aggregate (聚合): a state from its machine table and its history.

    A subclass names its table with a class keyword and writes each command as an
    ordinary typed method that builds one event and passes it to `_record`:

    ```python
    @attrs.frozen(kw_only=True)
    class Ticket(Entity[TicketState], machine=TICKET):
        id: str

        def accept(self, *, by: Actor, at: pendulum.DateTime) -> Self:
            return self._record(Accepted(by=by, at=at))
    ```

    `_record` checks the table (and the row's guard), refuses a command dated
    before the last event, folds the event with the row's `fold` and returns a new
    entity; the old one is untouched. A refused command raises and returns nothing.
    The first event is recorded by `_start`, which takes the new entity's fields from
    the creating row's fold.
    """

    __machine__: ClassVar[Machine[Any]]
    __key__: ClassVar[str] = "id"
    """The field that tells an entity from the others of its class: an id, or a code."""

    state: S
    history: tuple[Event, ...]

    def __init_subclass__(cls, machine: Machine[Any] | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # attrs rebuilds slotted classes, copying the class body: register the final class.
        machine = machine or cls.__dict__.get("__machine__")
        if machine is None:
            return
        cls.__machine__ = machine
        ENTITY_TYPES.register(cls)
        for command in machine.commands:
            _check_arguments(cls, command)

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        # `_start` and the decoder build entities: store plain fields directly.
        fast_init(cls)

    # -- recording --------------------------------------------------------------------

    @classmethod
    def _start(cls, event: Event) -> Self:
        """Create an entity from its first event, checked against the machine table."""
        machine = cls.__machine__
        row = machine._by_event.get(type(event))
        if row is None or row.sources:
            creating = [t.command for t in machine.transitions if not t.sources]
            msg = f"{type(event).__name__} does not create a {cls.__name__}; use: " + ", ".join(
                creating
            )
            raise ValidationError.single("event", msg, subject="creating event")
        fields = row.fold(None, event) if row.fold is not None else None
        return cls(state=machine.initial, history=(event,), **(fields or {}))

    def _record(self, event: Event, *, guard: bool = True) -> Self:
        """Check `event` against the table, the clock and the guard; return the new entity.

        The first call on a class compiles this for the class (`_prepare`) and installs it
        there: a table look-up, the chronology check, the guards, the fold, the copy of
        the fields and the listeners, in one function.
        """
        cls = type(self)
        record = (_FAST.get(cls) or _prepare(cls))[0]
        entity: Self = record(self, event, guard=guard)
        return entity

    def _refusal(self, command: str, event: Event | None = None) -> InvalidTransition:
        refusal = self.why_not(command, event)
        assert refusal is not None
        return refusal.error(type(self).__name__, getattr(self, self.__key__, None))

    # -- asking -----------------------------------------------------------------------

    @property
    def machine(self) -> Machine[S]:
        """The machine table this entity follows."""
        return self.__machine__

    @property
    def version(self) -> int:
        """The number of events applied: 1 once created, and one more per command.

        An entity resumed from a snapshot at version N (`resume`) counts the N events its
        `Snapshot` stands for, then those it holds: N + ``len(history) - 1``.

        The version is what optimistic concurrency compares. A store keeps each entity's
        events unique on (entity id, version); a service loads an entity at version N,
        applies one command, and appends `events_since(N)` with the versions N+1, N+2, ...
        If another writer appended first, the unique key refuses the append and the
        service reloads and retries (or reports the conflict).
        """
        history = self.history
        first = history[0]
        return len(history) if type(first) is not Snapshot else first.version + len(history) - 1

    def events_since(self, version: int) -> tuple[Event, ...]:
        """The events recorded after `version`: what a store appends after a command.

        `version` runs from 0 (every event) to `self.version` (none); anything else is a
        `ValidationError` at ``events_since.version``. An entity resumed from a snapshot
        at version N holds no events before it: `version` runs from N.
        """
        history = self.history
        first = history[0]
        if type(first) is not Snapshot:
            between(0, len(history)).check(version, "events_since.version", subject="call")
            return history[version:]
        base = first.version
        if type(version) is int and 0 <= version < base:
            msg = (
                f"the events before version {base} are not held: this {type(self).__name__} "
                f"was resumed from a snapshot at version {base}"
            )
            raise ValidationError.single("events_since.version", msg, subject="call")
        between(base, self.version).check(version, "events_since.version", subject="call")
        return history[version - base + 1 :]

    @property
    def last_changed(self) -> pendulum.DateTime:
        """When the last event happened: no command may be dated before it."""
        return self.history[-1].at

    @property
    def created(self) -> pendulum.DateTime:
        """When the first event happened (a `Snapshot` keeps it)."""
        first = self.history[0]
        return first.created if type(first) is Snapshot else first.at

    @property
    def is_final(self) -> bool:
        """Whether the workflow has ended."""
        return self.state in self.__machine__.final

    def allowed(self) -> tuple[str, ...]:
        """The commands the current state allows (guards are checked when a command runs)."""
        return self.__machine__.allowed(self.state)

    def why_not(self, command: str, event: Event | None = None) -> Refusal | None:
        """Why `command` cannot run now, or `None`.

        With the proposed `event`, the row's guard and the guards of the active hooks
        (`use_hooks`) are consulted too.
        """
        refusal = self.__machine__.why_not(self.state, command, entity=self, event=event)
        hooks = _ACTIVE.get()
        if refusal is not None or event is None or hooks is None:
            return refusal
        rejected = hooks.refusal(self, command, event)
        if rejected is None:
            return None
        return Refusal(
            command,
            self.state,
            "guard",
            self.allowed(),
            rejected.reason,
            rejected.guard,
            rejected.plugin,
            rejected.citation,
            rejected.remedy,
        )


# -- argument checks -------------------------------------------------------------------

# On a checked command: the unchecked function, its class, and how the class holds it
# (as a plain function, a classmethod or a staticmethod).
_COMMAND = "__jiceng_command__"
_CHECKS: dict[tuple[type[Any], str], tuple[Any, CommandChecks]] = {}


def _plain(func: Any) -> Any:
    return func


def _check_arguments(cls: type[Any], name: str) -> None:
    """Put the method of command `name` behind a check of every argument.

    The checks come from the method's annotations (`jiceng.checks.check_for`), derived
    on its first call, when every name it refers to is defined; the compiled function
    then replaces the stub on the class. A subclass gets its own, under its own name.
    """
    raw = inspect.getattr_static(cls, name, None)
    wrap: Callable[[Any], Any] = _plain
    if isinstance(raw, classmethod | staticmethod):
        wrap, raw = type(raw), raw.__func__
    if not inspect.isfunction(raw):
        return
    func, owner, _ = getattr(raw, _COMMAND, (raw, None, None))
    if owner is cls:
        return

    def first_call(*args: Any, **kwargs: Any) -> Any:
        return _compile(cls, name, func, wrap)[0](*args, **kwargs)

    first_call.__wrapped__ = func  # type: ignore[attr-defined]
    first_call.__doc__ = func.__doc__
    first_call.__name__ = func.__name__
    first_call.__qualname__ = func.__qualname__
    setattr(first_call, _COMMAND, (func, cls, wrap))
    setattr(cls, name, wrap(first_call))


def _compile(
    cls: type[Any], name: str, func: Callable[..., Any], wrap: Callable[[Any], Any]
) -> tuple[Any, CommandChecks]:
    found = _CHECKS.get((cls, name))
    if found is None:
        compiled, checks = command_checker(func, cls, name)
        setattr(compiled, _COMMAND, (func, cls, wrap))
        setattr(cls, name, wrap(compiled))
        found = _CHECKS[cls, name] = (compiled, checks)
    return found


def command_checks(cls: type[Entity[Any]], name: str) -> CommandChecks:
    """The checks of command `name` of `cls`: its parameters, each with its check.

    >>> from jiceng.grids import GridEvent
    >>> checks = command_checks(GridEvent, "classify")
    >>> print(", ".join(p.name for p in checks.parameters))
    category, priority, by, at
    """
    raw = inspect.getattr_static(cls, name, None)
    func, owner, wrap = getattr(getattr(raw, "__func__", raw), _COMMAND, (None, None, _plain))
    if func is None or owner is not cls:
        msg = f"{cls.__name__}.{name} is not a command of its machine table"
        raise ValidationError.single("command", msg, subject="command")
    return _compile(cls, name, func, wrap)[1]


def _prepare(cls: type[Entity[Any]]) -> tuple[_Record, _Rebuild]:
    """Compile `_record` for `cls`, install it on the class, and cache it with `rebuild`.

    The compiled function does what `_record` says, in this order: the row that records
    the event's type (`NotFoundError` if the table has none; `InvalidTransition` if the
    state is not one of its sources), the chronology check on the last event's `at`,
    the row's guard and the active hooks' guards (unless `guard=False`, as in a
    replay), the fold, the new entity, then the active hooks' listeners.

    Entities are frozen and validated when built; a transition only swaps the state,
    the history and the fields its event changes, so copying the fields is enough and
    is several times cheaper than calling `__init__` again. A slotted class copies slot
    by slot; a dict class (``slots=False``, for aggregates with many fields) copies its
    instance dictionary in one step. An instance of a subclass that was not compiled
    yet goes through `Entity._record`, which compiles the subclass's own.

    `rebuild(entity, state, history, changes)` makes the same copy with no check
    (`resume` uses it to give an entity a snapshot's history).
    """
    names = [a.name for a in attrs.fields(cls) if a.name not in ("state", "history")]
    slots = {name: getattr(cls, name) for name in ("state", "history")}
    by_dict = not all(hasattr(getattr(cls, name, None), "__set__") for name in names)
    if not by_dict:
        slots.update({name: getattr(cls, name) for name in names})
    machine = cls.__machine__
    namespace: dict[str, Any] = {
        "new": object.__new__,
        "cls": cls,
        "name": cls.__name__,
        "slots": slots,
        "row_for": machine._by_event.get,
        "for_event": machine.for_event,
        "active": _ACTIVE.get,
        "generic": Entity._record,
        "ChronologyError": ChronologyError,
    }
    namespace.update({f"set_{n}": slot.__set__ for n, slot in slots.items()})
    body = [
        "def _record(self, event, *, guard=True):",
        "    if type(self) is not cls:",
        "        return generic(self, event, guard=guard)",
        "    kind = type(event)",
        "    row = row_for(kind)",
        "    state = self.state",
        "    if row is None:",
        "        raise self._refusal(for_event(kind).command)",
        "    if state not in row.sources:",
        "        raise self._refusal(row.command)",
        "    history = self.history",
        "    last = history[-1].at",
        "    if event.at < last:",
        "        raise ChronologyError(entity=name, command=row.command, at=event.at, last=last)",
        "    if guard:",
        "        hooks = active()",
        "        check = row.guard",
        "        if (check is not None and check(self, event) is not None) or (",
        "            hooks is not None and hooks.refusal(self, row.command, event) is not None",
        "        ):",
        "            raise self._refusal(row.command, event)",
        "    else:",
        "        hooks = None",
        "    target = row.target",
        "    fold = row.fold",
        "    changes = None if fold is None else fold(self, event)",
    ]
    if by_dict:
        namespace["set_dict"] = _dict_descriptor(cls).__set__
    else:
        namespace["draft"] = draft(cls)

    def copy(state: str, history: str) -> list[str]:
        """The lines that build `entity`: `self`'s fields and `changes`, a new state and history."""
        if by_dict:
            return [
                "    entity = new(cls)",
                f"    set_state(entity, {state})",
                f"    set_history(entity, {history})",
                "    fields = self.__dict__.copy()",
                "    if changes:",
                "        fields.update(changes)",
                "    set_dict(entity, fields)",
            ]
        return [
            "    entity = new(draft)",
            f"    entity.state = {state}",
            f"    entity.history = {history}",
            *(f"    entity.{n} = self.{n}" for n in names),
            "    if changes:",
            "        for field, value in changes.items():",
            "            slots[field].__set__(entity, value)",
            "    entity.__class__ = cls",
        ]

    body += [
        *copy("state if target is None else target", "(*history, event)"),
        "    if hooks is not None:",
        "        hooks.notify(self, entity, row.command, event)",
        "    return entity",
        "def rebuild(self, state, history, changes):",
        *copy("state", "history"),
        "    return entity",
    ]
    code = compile("\n".join(body), f"<record {cls.__module__}.{cls.__qualname__}>", "exec")
    exec(code, namespace)  # the names come from attrs' fields
    record: _Record = namespace["_record"]
    record.__doc__ = Entity._record.__doc__
    record.__qualname__ = f"{cls.__qualname__}._record"
    fast = _FAST[cls] = (record, namespace["rebuild"])
    setattr(cls, "_record", record)  # noqa: B010 - mypy refuses assigning a method
    return fast


def _dict_descriptor(cls: type[Any]) -> Any:
    """The descriptor of `cls`'s instance dictionary (set without the frozen `__setattr__`)."""
    return next(k.__dict__["__dict__"] for k in cls.__mro__ if "__dict__" in k.__dict__)


@overload
def replay(history: Sequence[Event], /) -> Entity[Any]: ...
@overload
def replay(history: Sequence[Event], entity_type: type[E], /) -> E: ...
def replay(history: Sequence[Event], entity_type: type[Any] | None = None, /) -> Any:
    """Fold a history into the entity it describes: `replay(x.history) == x`.

    Each event's `at` and `by` are checked (`ValidationError` with the path of each bad
    one), then each event is checked against the machine table and the clock as it was
    recorded; guards are not consulted again (they judged the command when it ran,
    and a rule added later does not rewrite the past). Pass `entity_type` to get a
    precisely typed result; otherwise the first event's type decides.
    """
    if not history:
        raise ReplayError("an empty history describes no entity")
    for event in history:  # the quick test; the words only when one fails
        at = getattr(event, "at", None)
        if type(at) is not DateTime or at.tzinfo is None or not isinstance(event.by, Actor):
            errors = [
                e for i, ev in enumerate(history) for e in event_problems(ev, f"history[{i}]")
            ]
            raise ValidationError(errors, subject="history")
    first = history[0]
    cls = ENTITY_TYPES.for_event(type(first))
    if cls is None:
        if type(first) is Snapshot:
            msg = "a history that starts with a Snapshot holds no first event: resume the entity"
            raise ReplayError(msg)
        msg = f"{type(first).__name__} does not create any entity, so it cannot start a history"
        raise ReplayError(msg)
    if entity_type is not None and not issubclass(cls, entity_type):
        msg = f"this history describes a {cls.__name__}, not a {entity_type.__name__}"
        raise ReplayError(msg)
    entity = cls._start(first)
    for index, event in enumerate(history[1:], start=1):
        try:
            entity = entity._record(event, guard=False)
        except JicengError as err:
            msg = f"history[{index}] ({type(event).__name__} at {event.at}) cannot follow: {err}"
            raise ReplayError(msg) from err
    return entity


def derived_fields(entity_type: type[Entity[Any]]) -> tuple[str, ...]:
    """The fields of `entity_type` that no command sets (``init=False``): folded from the
    whole history (a points ledger's index), so a snapshot cannot hold them.

    A store keeps snapshots only of the classes for which this is empty:

    >>> from jiceng.grids import GridEvent
    >>> from jiceng.points import PointsLedger
    >>> from jiceng.serde import derived_fields
    >>> derived_fields(GridEvent), derived_fields(PointsLedger)
    ((), ('_index',))
    """
    return tuple(a.name for a in attrs.fields(entity_type) if not a.init)


def unresumable(entity_type: type[Entity[Any]]) -> str | None:
    """Why `entity_type` has no snapshot (it has `derived_fields`), or `None`."""
    derived = derived_fields(entity_type)
    if not derived:
        return None
    return (
        f"{entity_type.__name__} folds {', '.join(derived)} from its whole history: "
        "store it as its events or its entity document, not as a snapshot"
    )


def resume(
    entity: E,
    /,
    *,
    version: int | None = None,
    created: pendulum.DateTime | None = None,
    last_changed: pendulum.DateTime | None = None,
    events: Sequence[Event] = (),
) -> E:
    """`entity`'s state and fields as a snapshot at `version`, followed by `events`.

    The result holds no event up to `version`: its history is a `Snapshot` standing for
    them, then `events`, each checked against the machine table and the clock as `replay`
    checks them (guards are not consulted again). Its `version` is ``version +
    len(events)``; `created` and `last_changed` answer as the full entity's would, and
    `events_since(n)` answers from ``n = version``. `version`, `created` and
    `last_changed` default to `entity`'s own, so ``resume(x)`` is `x` without its events;
    `entity`'s history is not used otherwise.

    It has the same state and fields as the entity replayed from every event, but not the
    same history, so the two are not `==`: compare their fields, or their snapshots. A
    class whose fields are folded from the whole history (`derived_fields`) cannot be
    resumed.
    """
    cls = type(entity)
    refused = unresumable(cls)
    if refused is not None:
        raise ValidationError.single("entity", refused, subject="snapshot")
    version = entity.version if version is None else version
    created = entity.created if created is None else created
    last_changed = entity.last_changed if last_changed is None else last_changed
    between(1, 10**9).check(version, "version", subject="snapshot")
    errors = [
        *_INSTANT.problems(created, "created"),
        *_INSTANT.problems(last_changed, "last_changed"),
    ]
    if not errors and created > last_changed:
        errors.append(FieldError("created", f"{created} is after the last change, {last_changed}"))
    if errors:
        raise ValidationError(errors, subject="snapshot")
    marker = Snapshot(version=version, created=created, at=last_changed, by=SNAPSHOT_ACTOR)
    for index, event in enumerate(events):
        problems = event_problems(event, f"events[{index}]")
        if problems:
            raise ValidationError(problems, subject="events")
    rebuild = (_FAST.get(cls) or _prepare(cls))[1]
    resumed: E = rebuild(entity, entity.state, (marker,), None)
    for index, event in enumerate(events):
        try:
            resumed = resumed._record(event, guard=False)
        except JicengError as err:
            msg = f"events[{index}] ({type(event).__name__} at {event.at}) cannot follow: {err}"
            raise ReplayError(msg) from err
    return resumed
