"""The plugin machinery: the `Plugin` protocol, `Contributions`, `Registry` and discovery.

The public names are `jiceng.plugins`'; this module sits below the presets, which build
their plugins with it, so that `jiceng.plugins` can hold the registry of built-ins.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, Final, Protocol, TypeVar, runtime_checkable

import attrs

from jiceng._kernel._calendars import WorkCalendar
from jiceng._kernel._checks import text
from jiceng._kernel._entity import ENTITY_TYPES
from jiceng._kernel._hooks import Hooks, TransitionGuard, TransitionListener
from jiceng._kernel._machine import Machine
from jiceng.decisions import MeetingKind, Procedure
from jiceng.decisions.kinds import MEETING_KINDS
from jiceng.exceptions import JicengError, NotFoundError
from jiceng.grids import CategoryTree, GridEventPolicy, SlaPolicy
from jiceng.grids.assessment import AssessmentScheme
from jiceng.grids.codes import CodeScheme
from jiceng.mediation import MediationPolicy
from jiceng.petitions import PetitionPolicy, TicketPolicy
from jiceng.petitions.monitoring import MonitoringCycle
from jiceng.points import RuleBook

__all__ = [
    "ENTRY_POINT_GROUP",
    "Contributions",
    "Discovery",
    "LoadFailure",
    "Plugin",
    "PluginError",
    "PluginSpec",
    "Registry",
    "discover",
]

ENTRY_POINT_GROUP: Final = "jiceng.plugins"
"""The entry-point group plugins are published under."""

T = TypeVar("T")


class PluginError(JicengError, ValueError):
    """A plugin whose contributions cannot be registered.

    `plugin` is the plugin refused, `problems` every reason found (not only the first),
    and `conflicts` the names of the registered plugins it clashes with; the message
    names them all.
    """

    def __init__(
        self, plugin: str, problems: Iterable[str], *, conflicts: Iterable[str] = ()
    ) -> None:
        self.plugin = plugin
        self.problems = tuple(problems)
        self.conflicts = tuple(dict.fromkeys(conflicts))
        super().__init__(f"plugin {plugin!r} cannot be registered: " + "; ".join(self.problems))


@attrs.frozen(kw_only=True)
class Contributions:
    """What a plugin adds, by kind: tuples of named values of the workflows.

    Names are unique per kind across every registered plugin: calendars, code schemes,
    category trees and policies by their ``name``; rule books by ``"name@version"``;
    guards by ``"machine.command.name"``; listeners by ``"machine.name"``.
    """

    calendars: tuple[WorkCalendar, ...] = ()
    code_schemes: tuple[CodeScheme, ...] = ()
    category_trees: tuple[CategoryTree, ...] = ()
    sla_policies: tuple[SlaPolicy, ...] = ()
    grid_event_policies: tuple[GridEventPolicy, ...] = ()
    assessment_schemes: tuple[AssessmentScheme, ...] = ()
    petition_policies: tuple[PetitionPolicy, ...] = ()
    ticket_policies: tuple[TicketPolicy, ...] = ()
    mediation_policies: tuple[MediationPolicy, ...] = ()
    monitoring_cycles: tuple[MonitoringCycle, ...] = ()
    rule_books: tuple[RuleBook, ...] = ()
    meeting_kinds: tuple[MeetingKind, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    guards: tuple[TransitionGuard, ...] = ()
    listeners: tuple[TransitionListener, ...] = ()

    @classmethod
    def of(cls, *values: object) -> Contributions:
        """Contributions holding `values`, each under the kind of its class, in the order
        given: a calendar under `calendars`, a rule book under `rule_books`, and so on.
        `TypeError` names a value of no kind plugins contribute."""
        kinds: dict[str, list[object]] = {}
        for value in values:
            kind = next((k for k, (c, _) in _KINDS.items() if isinstance(value, c)), None)
            if kind is None:
                contributed = ", ".join(c.__name__ for c, _ in _KINDS.values())
                msg = f"plugins contribute no {type(value).__name__}; they contribute: "
                raise TypeError(msg + contributed)
            kinds.setdefault(kind, []).append(value)
        found: dict[str, Any] = {kind: tuple(found) for kind, found in kinds.items()}
        return cls(**found)


@runtime_checkable
class Plugin(Protocol):
    """What jiceng needs of a plugin: a name, a version and its contributions."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def contributions(self) -> Contributions: ...


@attrs.frozen(kw_only=True)
class PluginSpec:
    """A plugin as a plain value; `source` names what it encodes (a regulation, an article)."""

    name: str
    version: str
    contributions: Contributions
    description: str = ""
    source: str = ""


# The kinds of named values: the class each must be, and how its name is read.
_NAME: Final = text(max_length=200)  # a plugin's name or version

_KINDS: Final[Mapping[str, tuple[type[Any], Callable[[Any], str]]]] = {
    "calendars": (WorkCalendar, lambda v: v.name),
    "code_schemes": (CodeScheme, lambda v: v.name),
    "category_trees": (CategoryTree, lambda v: v.name),
    "sla_policies": (SlaPolicy, lambda v: v.name),
    "grid_event_policies": (GridEventPolicy, lambda v: v.name),
    "assessment_schemes": (AssessmentScheme, lambda v: v.name),
    "petition_policies": (PetitionPolicy, lambda v: v.name),
    "ticket_policies": (TicketPolicy, lambda v: v.name),
    "mediation_policies": (MediationPolicy, lambda v: v.name),
    "monitoring_cycles": (MonitoringCycle, lambda v: v.name),
    "rule_books": (RuleBook, lambda v: f"{v.name}@{v.version}"),
    "meeting_kinds": (MeetingKind, lambda v: v.name),
    "procedures": (Procedure, lambda v: v.name),
    "guards": (TransitionGuard, lambda v: f"{v.machine}.{v.command}.{v.name}"),
    "listeners": (TransitionListener, lambda v: f"{v.machine}.{v.name}"),
}
_KIND_OF_CLASS: Final = {cls: kind for kind, (cls, _) in _KINDS.items()}
_BUILT_IN_KINDS: Final = {kind.name: kind for kind in MEETING_KINDS}


def _machines() -> dict[str, Machine[Any]]:
    """Every machine table an entity class uses, by name."""
    return {cls.__machine__.name: cls.__machine__ for cls in ENTITY_TYPES}


def _plugin_names(plugins: tuple[Plugin, ...]) -> str:
    return repr([p.name for p in plugins])


def _plugins(value: Iterable[Plugin]) -> tuple[Plugin, ...]:
    return tuple(value)


@attrs.frozen
class Registry:
    """The plugins in force and their contributions, looked up by class and name.

    `Registry(plugins)` checks each plugin in turn as `register` does, so a registry
    always holds valid contributions with unique names.
    """

    plugins: tuple[Plugin, ...] = attrs.field(default=(), converter=_plugins, repr=_plugin_names)
    _owners: Mapping[tuple[str, str], tuple[Any, str]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _hooks: Hooks = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        owners: dict[tuple[str, str], tuple[Any, str]] = {}
        machines = _machines()
        guards: list[TransitionGuard] = []
        listeners: list[TransitionListener] = []
        for index, candidate in enumerate(self.plugins):
            plugin = _check_plugin(candidate, self.plugins[:index], owners, machines)
            for kind, value in _values(plugin.contributions):
                owners[(kind, _KINDS[kind][1](value))] = (value, plugin.name)
            # A hook names the plugin it came from, so that a refusal can say so.
            guards += [attrs.evolve(g, plugin=plugin.name) for g in plugin.contributions.guards]
            listeners += [
                attrs.evolve(li, plugin=plugin.name) for li in plugin.contributions.listeners
            ]
        object.__setattr__(self, "_owners", owners)
        object.__setattr__(self, "_hooks", Hooks(guards, listeners))

    def register(self, plugin: Plugin) -> Registry:
        """A registry with `plugin` added; `PluginError` listing every problem if it cannot be."""
        return Registry((*self.plugins, plugin))

    # -- looking up ------------------------------------------------------------------

    def find(self, kind: type[T], name: str) -> T:
        """The contribution of class `kind` named `name` (rule books: ``"name@version"``).

        `NotFoundError` lists the registered names of that class, or the classes plugins
        contribute if `kind` is not one of them.
        """
        field = _field(kind)
        try:
            value: T = self._owners[(field, name)][0]
        except KeyError:
            known = self.names(kind)
            msg = f"no {kind.__name__} named {name!r}; registered: " + (", ".join(known) or "none")
            raise NotFoundError(msg) from None
        return value

    def names(self, kind: type[Any]) -> tuple[str, ...]:
        """The names of every registered contribution of class `kind`, sorted."""
        field = _field(kind)
        return tuple(sorted(key for (k, key) in self._owners if k == field))

    def owner(self, kind: type[Any], name: str) -> str:
        """The name of the plugin that contributed the value of class `kind` named `name`."""
        self.find(kind, name)
        return self._owners[(_KIND_OF_CLASS[kind], name)][1]

    def plugin(self, name: str) -> Plugin:
        """A registered plugin by name."""
        for plugin in self.plugins:
            if plugin.name == name:
                return plugin
        msg = f"no plugin named {name!r}; registered: " + (
            ", ".join(p.name for p in self.plugins) or "none"
        )
        raise NotFoundError(msg)

    @property
    def hooks(self) -> Hooks:
        """Every plugin's guards and listeners, in registration order, for `use_hooks`.

        Each hook carries the name of the plugin that contributed it, so a refusal names
        the plugin.
        """
        return self._hooks


def _field(kind: type[Any]) -> str:
    field = _KIND_OF_CLASS.get(kind)
    if field is None:
        contributed = ", ".join(cls.__name__ for cls in _KIND_OF_CLASS)
        msg = f"plugins contribute no {kind.__name__}; they contribute: {contributed}"
        raise NotFoundError(msg)
    return field


def _values(contributions: Contributions) -> Iterator[tuple[str, Any]]:
    for kind in _KINDS:
        for value in getattr(contributions, kind):
            yield kind, value


def _check_plugin(
    candidate: object,
    before: tuple[Plugin, ...],
    owners: Mapping[tuple[str, str], tuple[Any, str]],
    machines: Mapping[str, Machine[Any]],
) -> Plugin:
    """`candidate` as a plugin that can join `before`; `PluginError` with every problem."""
    name = getattr(candidate, "name", None)
    label = name if isinstance(name, str) and name else repr(candidate)
    if not isinstance(candidate, Plugin) or not isinstance(candidate.contributions, Contributions):
        reason = "it is not a plugin: it needs a name, a version and Contributions"
        raise PluginError(label, [reason])
    problems: list[str] = []
    conflicts: list[str] = []
    if not _NAME.ok(name):
        problems.append("its name must be a non-empty string")
    if any(p.name == name for p in before):
        problems.append(f"a plugin named {name!r} is already registered")
        conflicts.append(label)
    version: object = candidate.version
    if not _NAME.ok(version):
        problems.append("its version must be a non-empty string")
    contributions: Any = candidate.contributions  # checked here: plugins come from elsewhere
    shapes = [kind for kind in _KINDS if not isinstance(getattr(contributions, kind), tuple)]
    problems += [f"{kind} must be a tuple" for kind in shapes]
    if shapes:
        raise PluginError(label, problems, conflicts=conflicts)
    kinds = set(_BUILT_IN_KINDS) | {key for (kind, key) in owners if kind == "meeting_kinds"}
    kinds |= {k.name for k in contributions.meeting_kinds if isinstance(k, MeetingKind)}
    seen: set[tuple[str, str]] = set()
    indexes: dict[str, int] = {}
    for kind, value in _values(contributions):
        expected, name_of = _KINDS[kind]
        index = indexes[kind] = indexes.get(kind, -1) + 1
        if not isinstance(value, expected):
            what = type(value).__name__
            problems.append(f"{kind}[{index}] is a {what}, not a {expected.__name__}")
            continue
        key = (kind, name_of(value))
        if key in owners:
            owner = owners[key][1]
            conflicts.append(owner)
            problems.append(
                f"{kind} {key[1]!r} is already contributed by plugin {owner!r}; "
                f"plugin {label!r} claims it too"
            )
        elif key in seen:
            problems.append(f"{kind} {key[1]!r} is contributed twice")
        seen.add(key)
        problems += _reference_problems(kind, value, label, machines, kinds)
    if problems:
        raise PluginError(label, problems, conflicts=conflicts)
    return candidate


def _reference_problems(
    kind: str, value: Any, plugin: str, machines: Mapping[str, Machine[Any]], kinds: set[str]
) -> list[str]:
    """What a contribution refers to that does not exist or does not fit."""
    if kind in ("guards", "listeners"):
        return _hook_problems(kind, value, plugin, machines)
    if kind == "meeting_kinds":
        built_in = _BUILT_IN_KINDS.get(value.name)
        if built_in is not None and built_in != value:
            return [
                f"meeting_kinds {value.name!r} is built into jiceng with other rules; "
                "give the local kind its own name"
            ]
    if kind == "procedures":
        return [
            f"procedures {value.name!r}: step {step.name!r} names meeting kind {name!r}, "
            "which is neither built in nor registered"
            for step in value.steps
            for name in sorted(step.kinds)
            if name not in kinds
        ]
    return []


def _hook_problems(
    kind: str, hook: Any, plugin: str, machines: Mapping[str, Machine[Any]]
) -> list[str]:
    problems: list[str] = []
    if hook.plugin and hook.plugin != plugin:
        problems.append(f"{kind} {hook.name!r} says it comes from plugin {hook.plugin!r}")
    call = hook.check if kind == "guards" else hook.notify
    if not callable(call):
        what = "check" if kind == "guards" else "notify"
        problems.append(f"{kind} {hook.name!r}: its {what} is not callable")
    if hook.machine not in machines:
        problems.append(
            f"{kind} {hook.name!r} refers to machine {hook.machine!r}, which does not exist; "
            "machines: " + ", ".join(sorted(machines))
        )
    elif hook.command is not None and hook.command not in machines[hook.machine].commands:
        commands = ", ".join(sorted(machines[hook.machine].commands))
        problems.append(
            f"{kind} {hook.name!r}: machine {hook.machine!r} has no command {hook.command!r}; "
            f"commands: {commands}"
        )
    elif kind == "guards":
        problems += _remedy_problems(hook, machines[hook.machine])
    return problems


def _remedy_problems(guard: TransitionGuard, machine: Machine[Any]) -> list[str]:
    """A guard's remedy is a sentence, and one it must give on a `remedy_required` command."""
    remedy: object = guard.remedy
    if not isinstance(remedy, str):
        return [f"guards {guard.name!r}: its remedy must be a string"]
    if guard.command in machine.remedy_required and not remedy.strip():
        return [
            f"guards {guard.name!r} on {machine.name}.{guard.command} must say its remedy "
            "(what would satisfy the rule): a refusal there leaves no other way on"
        ]
    return []


@attrs.frozen
class LoadFailure:
    """An entry point that could not be loaded or registered, and why.

    `name` and `target` are the entry point's (``example_county``,
    ``"jiceng_example_county:PLUGIN"``; `target` is empty for a name in `allow` that no
    installed package publishes); `error` is the exception's type and message, and
    `exception` the exception itself.
    """

    name: str
    target: str
    error: str
    exception: Exception | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Discovery:
    """What `discover` found: the registry it built, what loaded and what failed.

    `loaded` and the failures' names are entry-point names, in the order tried.
    """

    registry: Registry
    loaded: tuple[str, ...]
    failures: tuple[LoadFailure, ...]


def _names_arg(value: Collection[str] | None, arg: str) -> frozenset[str] | None:
    if isinstance(value, str):
        msg = f"{arg} takes a collection of entry-point names, not the string {value!r}"
        raise TypeError(msg)
    return None if value is None else frozenset(value)


def _load(point: importlib.metadata.EntryPoint) -> object:
    """The plugin an entry point names: a plugin, or a callable (a class) that returns one."""
    target: object = point.load()
    if isinstance(target, type) or (not isinstance(target, Plugin) and callable(target)):
        target = target()
    if not isinstance(target, Plugin):
        msg = f"{point.value} is a {type(target).__name__}, not a plugin or a callable that "
        raise TypeError(msg + "returns one")
    return target


def discover(
    *,
    allow: Collection[str] | None = None,
    block: Collection[str] = (),
    registry: Registry | None = None,
    entry_points: Iterable[importlib.metadata.EntryPoint] | None = None,
) -> Discovery:
    """Load the plugins published under ``jiceng.plugins`` and register them, by name.

    Only entry points named in `allow` (all, when `None`) and not in `block` load, in
    order of name whatever order the environment lists them in. An entry point may name
    a plugin or a callable that returns one. One that fails to import, is not a plugin,
    or cannot be registered (a name another plugin already claims) becomes a
    `LoadFailure` with its error, and the rest load; so does a name in `allow` that no
    installed package publishes. A plugin already in `registry` (the same object, such
    as a preset of `default_registry()`) counts as loaded and is not registered twice.
    `entry_points` replaces the installed ones (for tests).
    """
    allowed = _names_arg(allow, "allow")
    blocked = _names_arg(block, "block") or frozenset()
    found = (
        importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        if entry_points is None
        else entry_points
    )
    points = sorted({(p.name, p.value): p for p in found}.values(), key=lambda p: (p.name, p.value))
    current = Registry() if registry is None else registry
    loaded: list[str] = []
    failures: list[LoadFailure] = []
    for point in points:
        if (allowed is not None and point.name not in allowed) or point.name in blocked:
            continue
        try:
            plugin: Any = _load(point)
            if not any(p is plugin for p in current.plugins):
                current = current.register(plugin)
        except Exception as err:  # a broken plugin is reported, never fatal to the others
            error = f"{type(err).__name__}: {err}"
            failures.append(LoadFailure(point.name, point.value, error, err))
        else:
            loaded.append(point.name)
    published = {p.name for p in points}
    for name in sorted((allowed or frozenset()) - published - blocked):
        missing = NotFoundError(f"no installed package publishes {name!r} in {ENTRY_POINT_GROUP!r}")
        failures.append(LoadFailure(name, "", f"NotFoundError: {missing}", missing))
    return Discovery(current, tuple(loaded), tuple(failures))
