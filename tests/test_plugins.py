"""Tests of `jiceng.plugins`: registration, look-ups, hooks, discovery, the default registry."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import random
import shutil
import site
import subprocess
import sys
import types
from fractions import Fraction
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

import jiceng
from jiceng import (
    Actor,
    Label,
    Source,
    TransitionGuard,
    TransitionListener,
    WorkCalendar,
    WorkingDays,
    use_hooks,
)
from jiceng.decisions import MeetingKind, Procedure, Requirement, Step
from jiceng.decisions.kinds import MEETING_KINDS
from jiceng.decisions.procedures import FIVE_STEP_DELIBERATION
from jiceng.exceptions import GuardRejected, NotFoundError
from jiceng.grids import (
    GENERAL_CATEGORIES,
    GRID_EVENT,
    JULU_SLA,
    CategoryTree,
    Channel,
    Department,
    GridEvent,
    GridEventPolicy,
    Priority,
    SlaPolicy,
)
from jiceng.grids.assessment import AssessmentScheme, PeriodKind, ScoreItem
from jiceng.grids.codes import BEIJING_DB11, CodeScheme
from jiceng.grids.events import Closed
from jiceng.mediation import DEFAULT_POLICY, MediationPolicy
from jiceng.petitions import JINAN_2018, REGULATION_2022, PetitionPolicy, TicketPolicy
from jiceng.plugins import (
    ENTRY_POINT_GROUP,
    Contributions,
    Discovery,
    LoadFailure,
    Plugin,
    PluginError,
    PluginSpec,
    Registry,
    default_registry,
    discover,
)
from jiceng.points import LOUDI_RULE_BOOK, RuleBook
from jiceng.presets import PRESETS

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")  # a Monday
CENTER = Actor.department("center", "街道指挥中心")
WATER = Actor.department("d-water", "水务局")
MEMBER = Actor.person("gm-1", "刘江棉")
RESIDENT = Actor.person("r-1", "孙淑霞")


@attrs.frozen
class CountyCalendar:
    """A calendar of a county: weekdays work, except the county's own days off."""

    name: str
    tz: str = "Asia/Shanghai"
    days_off: frozenset[pendulum.Date] = frozenset()

    def is_working_day(self, day: pendulum.Date) -> bool:
        return day.weekday() < 5 and day not in self.days_off


def spec(name: str, version: str = "1.0", **contributions: Any) -> PluginSpec:
    return PluginSpec(name=name, version=version, contributions=Contributions(**contributions))


def needs_photo(event: GridEvent, change: Closed) -> str | None:
    """A county rule: closing a grid event needs a photo among its evidence."""
    if any(ref.endswith((".jpg", ".png")) for ref in event.evidence):
        return None
    return "closing needs a photo reference"


PHOTO_GUARD = TransitionGuard(
    machine=GRID_EVENT.name,
    command="close",
    name="photo_before_closing",
    check=needs_photo,
    remedy="add a photo reference (add_evidence), then close",
)


def verified(*evidence: str) -> GridEvent:
    policy = GridEventPolicy(
        name="test",
        scheme=BEIJING_DB11,
        categories=GENERAL_CATEGORIES,
        departments=(Department(id="d-water", name="水务局"),),
        sla=JULU_SLA,
    )
    event = GridEvent.report(
        id="E-1",
        policy=policy,
        grid="110105001002003",
        channel=Channel.RESIDENT,
        description="下水道堵塞",
        by=RESIDENT,
        at=T0,
    )
    return (
        event.register(by=CENTER, at=T0)
        .classify(category="drain", priority=Priority.NORMAL, by=CENTER, at=T0)
        .dispatch(to="d-water", by=CENTER, at=T0)
        .start(by=WATER, at=T0)
        .handle(evidence=evidence, by=WATER, at=T0)
        .verify(by=MEMBER, at=T0)
    )


def every_kind() -> Contributions:
    """One value of every kind a plugin can contribute."""
    local_kind = attrs.evolve(MEETING_KINDS[0], name="county_hearing")
    procedure = Procedure(
        name="county-hearing-procedure",
        label=Label("听证程序", "Hearing procedure"),
        steps=(
            Step(
                name="hear",
                label=Label("听证", "Hear"),
                requires=Requirement.HELD,
                kinds={"county_hearing"},
            ),
        ),
        source=Source("test"),
    )
    assessment = AssessmentScheme(
        name="county-assessment",
        label=Label("考核", "Assessment"),
        period=PeriodKind.QUARTER,
        items=(ScoreItem(code="patrol", label=Label("巡查", "Patrol"), points=100),),
        pass_mark=Fraction(60, 100),
        exit_after=2,
        source=Source("test"),
    )
    return Contributions(
        calendars=(CountyCalendar("county"),),
        code_schemes=(BEIJING_DB11,),
        category_trees=(GENERAL_CATEGORIES,),
        sla_policies=(JULU_SLA,),
        grid_event_policies=(
            GridEventPolicy(
                name="county-grid",
                scheme=BEIJING_DB11,
                categories=GENERAL_CATEGORIES,
                departments=(),
                sla=JULU_SLA,
            ),
        ),
        assessment_schemes=(assessment,),
        petition_policies=(REGULATION_2022,),
        ticket_policies=(JINAN_2018,),
        mediation_policies=(DEFAULT_POLICY,),
        rule_books=(LOUDI_RULE_BOOK,),
        meeting_kinds=(local_kind,),
        procedures=(procedure, FIVE_STEP_DELIBERATION),
        guards=(PHOTO_GUARD,),
        listeners=(
            TransitionListener(machine=GRID_EVENT.name, name="count", notify=lambda *_: None),
        ),
    )


# -- registering -------------------------------------------------------------------------


def test_a_plugin_of_every_kind_registers_and_each_value_is_found_by_class_and_name() -> None:
    contributions = every_kind()
    registry = Registry().register(spec("county", **attrs.asdict(contributions, recurse=False)))
    found: dict[type[Any], str] = {
        WorkCalendar: "county",
        CodeScheme: BEIJING_DB11.name,
        CategoryTree: GENERAL_CATEGORIES.name,
        SlaPolicy: JULU_SLA.name,
        GridEventPolicy: "county-grid",
        AssessmentScheme: "county-assessment",
        PetitionPolicy: REGULATION_2022.name,
        TicketPolicy: JINAN_2018.name,
        MediationPolicy: DEFAULT_POLICY.name,
        RuleBook: f"{LOUDI_RULE_BOOK.name}@{LOUDI_RULE_BOOK.version}",
        MeetingKind: "county_hearing",
        Procedure: FIVE_STEP_DELIBERATION.name,
        TransitionGuard: "grids.grid_event.close.photo_before_closing",
        TransitionListener: "grids.grid_event.count",
    }
    for cls, name in found.items():
        value = registry.find(cls, name)
        assert isinstance(value, cls)
        assert registry.owner(cls, name) == "county"
    assert registry.names(Procedure) == ("county-hearing-procedure", FIVE_STEP_DELIBERATION.name)
    assert registry.plugin("county").version == "1.0"


def test_calendars_are_looked_up_by_the_protocol_class() -> None:
    calendar = CountyCalendar("county")
    registry = Registry([spec("county", calendars=(calendar,))])
    assert registry.find(WorkCalendar, "county") is calendar  # type: ignore[type-abstract]
    assert registry.names(WorkCalendar) == ("county",)


def test_register_returns_a_new_registry_and_leaves_the_old_one_alone() -> None:
    empty = Registry()
    one = empty.register(spec("county"))
    assert empty.plugins == ()
    assert [p.name for p in one.plugins] == ["county"]
    assert repr(one) == "Registry(plugins=['county'])"
    assert one == Registry([spec("county")])


@pytest.mark.parametrize("candidate", [object(), 42, "county", PluginSpec])
def test_an_object_that_is_not_a_plugin_is_refused(candidate: object) -> None:
    with pytest.raises(PluginError, match="it is not a plugin") as caught:
        Registry().register(candidate)  # type: ignore[arg-type]
    assert caught.value.problems == (
        "it is not a plugin: it needs a name, a version and Contributions",
    )


def test_a_plugin_whose_contributions_are_not_contributions_is_refused() -> None:
    @attrs.frozen
    class Loose:
        name: str = "loose"
        version: str = "1"
        contributions: object = ()

    with pytest.raises(PluginError, match="plugin 'loose' cannot be registered: it is not a"):
        Registry().register(Loose())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("version", "problem"),
    [("", "its version must be a non-empty string"), (1, "its version must be a non-empty")],
)
def test_a_plugin_needs_a_version(version: Any, problem: str) -> None:
    with pytest.raises(PluginError, match=problem):
        Registry().register(spec("county", version=version))


def test_a_plugin_needs_a_name_and_the_error_shows_what_it_is() -> None:
    with pytest.raises(PluginError, match="its name must be a non-empty string") as caught:
        Registry().register(spec(" "))
    assert caught.value.plugin == " "
    with pytest.raises(PluginError, match=r"plugin \"PluginSpec\(name=''"):
        Registry().register(spec(""))


def test_a_contribution_of_the_wrong_class_is_refused_with_its_position() -> None:
    bad = spec("county", calendars=(CountyCalendar("ok"), JULU_SLA), sla_policies=(42,))
    with pytest.raises(PluginError) as caught:
        Registry().register(bad)
    assert caught.value.problems == (
        "calendars[1] is a SlaPolicy, not a WorkCalendar",
        "sla_policies[0] is a int, not a SlaPolicy",
    )
    assert caught.value.plugin == "county"


def test_contributions_of_values_sort_each_under_its_kind_in_order() -> None:
    first, second = CountyCalendar("first"), CountyCalendar("second")
    found = Contributions.of(LOUDI_RULE_BOOK, second, REGULATION_2022, first, JINAN_2018)
    assert found == Contributions(
        calendars=(second, first),
        petition_policies=(REGULATION_2022,),
        ticket_policies=(JINAN_2018,),
        rule_books=(LOUDI_RULE_BOOK,),
    )
    assert Contributions.of() == Contributions()


def test_contributions_of_a_value_of_no_kind_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="plugins contribute no int; they contribute: WorkCalendar"):
        Contributions.of(REGULATION_2022, 3)


def test_contributions_must_be_tuples() -> None:
    bad = spec("county", calendars=[CountyCalendar("ok")], version="")
    with pytest.raises(PluginError) as caught:
        Registry().register(bad)
    assert caught.value.problems == (
        "its version must be a non-empty string",
        "calendars must be a tuple",
    )


def test_every_problem_is_reported_not_only_the_first() -> None:
    bad = spec(
        "county",
        version="",
        guards=(attrs.evolve(PHOTO_GUARD, machine="nowhere"),),
        sla_policies=(JULU_SLA, JULU_SLA),
    )
    with pytest.raises(PluginError) as caught:
        Registry().register(bad)
    assert len(caught.value.problems) == 3


def test_a_guard_on_a_machine_that_does_not_exist_is_refused() -> None:
    guard = attrs.evolve(PHOTO_GUARD, machine="grids.grid_events")
    with pytest.raises(PluginError, match=r"refers to machine 'grids\.grid_events'") as caught:
        Registry().register(spec("county", guards=(guard,)))
    assert "grids.grid_event," in str(caught.value)  # the machines that do exist are listed


def test_a_guard_on_a_command_that_does_not_exist_is_refused() -> None:
    guard = attrs.evolve(PHOTO_GUARD, command="shut")
    with pytest.raises(
        PluginError,
        match=r"machine 'grids\.grid_event' has no command 'shut'; commands: add_evidence",
    ):
        Registry().register(spec("county", guards=(guard,)))


def test_a_listener_on_a_command_that_does_not_exist_is_refused() -> None:
    listener = TransitionListener(
        machine=GRID_EVENT.name, name="sms", command="shut", notify=lambda *_: None
    )
    with pytest.raises(PluginError, match=r"listeners 'sms': machine 'grids\.grid_event' has no"):
        Registry().register(spec("county", listeners=(listener,)))


def test_hooks_must_be_callable() -> None:
    guard = attrs.evolve(PHOTO_GUARD, check="not a function")  # type: ignore[arg-type]
    listener = TransitionListener(machine=GRID_EVENT.name, name="sms", notify=None)  # type: ignore[arg-type]
    with pytest.raises(PluginError) as caught:
        Registry().register(spec("county", guards=(guard,), listeners=(listener,)))
    assert caught.value.problems == (
        "guards 'photo_before_closing': its check is not callable",
        "listeners 'sms': its notify is not callable",
    )


def test_a_hook_that_claims_another_plugin_is_refused() -> None:
    guard = attrs.evolve(PHOTO_GUARD, plugin="other-county")
    with pytest.raises(PluginError, match="says it comes from plugin 'other-county'"):
        Registry().register(spec("county", guards=(guard,)))


def hearing_procedure(kind: str) -> Procedure:
    return Procedure(
        name="hearing",
        label=Label("听证", "Hearing"),
        steps=(
            Step(name="hear", label=Label("听证", "Hear"), requires=Requirement.HELD, kinds={kind}),
        ),
        source=Source("test"),
    )


def test_a_procedure_step_naming_an_unknown_meeting_kind_is_refused() -> None:
    with pytest.raises(
        PluginError,
        match="procedures 'hearing': step 'hear' names meeting kind 'county_hearing', which is",
    ):
        Registry().register(spec("county", procedures=(hearing_procedure("county_hearing"),)))


def test_a_procedure_may_use_built_in_kinds_and_kinds_of_earlier_plugins() -> None:
    kind = attrs.evolve(MEETING_KINDS[0], name="county_hearing")
    registry = Registry([spec("kinds", meeting_kinds=(kind,))])
    registry = registry.register(spec("county", procedures=(hearing_procedure("county_hearing"),)))
    registry = registry.register(
        spec(
            "other", procedures=(attrs.evolve(hearing_procedure(MEETING_KINDS[1].name), name="x"),)
        )
    )
    assert registry.names(Procedure) == ("hearing", "x")


def test_a_meeting_kind_may_not_redefine_a_built_in_one() -> None:
    built_in = MEETING_KINDS[0]
    same = Registry([spec("county", meeting_kinds=(built_in,))])
    assert same.find(MeetingKind, built_in.name) is built_in
    changed = attrs.evolve(built_in, quorum=None)
    with pytest.raises(PluginError, match=f"meeting_kinds {built_in.name!r} is built into jiceng"):
        Registry([spec("county", meeting_kinds=(changed,))])


def test_two_plugins_claiming_the_same_name_are_both_named() -> None:
    registry = Registry([spec("lianyuan", calendars=(CountyCalendar("county"),))])
    with pytest.raises(PluginError) as caught:
        registry.register(spec("xinhua", calendars=(CountyCalendar("county", tz="UTC"),)))
    message = str(caught.value)
    assert "'lianyuan'" in message
    assert "'xinhua'" in message
    assert caught.value.plugin == "xinhua"
    assert caught.value.conflicts == ("lianyuan",)
    assert caught.value.problems == (
        "calendars 'county' is already contributed by plugin 'lianyuan'; "
        "plugin 'xinhua' claims it too",
    )


def test_the_constructor_checks_like_register() -> None:
    with pytest.raises(PluginError, match="already contributed by plugin 'a'"):
        Registry([spec("a", sla_policies=(JULU_SLA,)), spec("b", sla_policies=(JULU_SLA,))])


def test_two_plugins_of_the_same_name_are_refused() -> None:
    registry = Registry([spec("county")])
    with pytest.raises(PluginError, match="a plugin named 'county' is already registered"):
        registry.register(spec("county", version="2.0"))


def test_the_same_value_twice_in_one_plugin_is_refused() -> None:
    with pytest.raises(PluginError) as caught:
        Registry().register(spec("county", ticket_policies=(JINAN_2018, JINAN_2018)))
    assert caught.value.problems == ("ticket_policies 'jinan-2018' is contributed twice",)
    assert caught.value.conflicts == ()


def test_a_plugin_error_is_a_value_error() -> None:
    err = PluginError("a", ["x"], conflicts=["b", "b", "c"])
    assert isinstance(err, ValueError)
    assert err.conflicts == ("b", "c")


# -- looking up --------------------------------------------------------------------------


def test_a_missing_name_lists_the_registered_names() -> None:
    registry = Registry([spec("county", ticket_policies=(JINAN_2018,))])
    with pytest.raises(NotFoundError, match="no TicketPolicy named 'x'; registered: jinan-2018"):
        registry.find(TicketPolicy, "x")
    with pytest.raises(NotFoundError, match="no SlaPolicy named 'x'; registered: none"):
        registry.owner(SlaPolicy, "x")
    assert registry.names(SlaPolicy) == ()


def test_an_unsupported_class_is_refused_with_the_classes_plugins_contribute() -> None:
    registry = Registry()
    message = "plugins contribute no int; they contribute: WorkCalendar, CodeScheme"
    with pytest.raises(NotFoundError, match=message):
        registry.find(int, "x")
    with pytest.raises(NotFoundError, match="plugins contribute no Department"):
        registry.names(Department)


def test_a_missing_plugin_lists_the_registered_plugins() -> None:
    with pytest.raises(NotFoundError, match="no plugin named 'x'; registered: none"):
        Registry().plugin("x")
    with pytest.raises(NotFoundError, match="no plugin named 'x'; registered: a, b"):
        Registry([spec("a"), spec("b")]).plugin("x")


# -- hooks ---------------------------------------------------------------------------------


def test_hooks_collect_every_plugins_guards_and_listeners_in_order() -> None:
    heard: list[str] = []
    listener = TransitionListener(
        machine=GRID_EVENT.name, name="log", notify=lambda b, a, e: heard.append(type(e).__name__)
    )
    registry = Registry(
        [
            spec("photos", guards=(PHOTO_GUARD,)),
            spec("sms", listeners=(listener,)),
        ]
    )
    hooks = registry.hooks
    assert [(g.name, g.plugin) for g in hooks.guards] == [("photo_before_closing", "photos")]
    assert [(li.name, li.plugin) for li in hooks.listeners] == [("log", "sms")]
    event = verified("photo-1.jpg")
    with use_hooks(registry.hooks):
        closed = event.close(by=CENTER, at=T0)
    assert closed.closed
    assert heard == ["Closed"]


def test_a_plugin_guard_refuses_with_the_plugins_name_and_changes_nothing() -> None:
    registry = Registry([spec("example-county", guards=(PHOTO_GUARD,))])
    event = verified("report.pdf")
    before = (event.state, event.history)
    with use_hooks(registry.hooks), pytest.raises(GuardRejected) as caught:
        event.close(by=CENTER, at=T0)
    assert caught.value.plugin == "example-county"
    assert caught.value.guard == "photo_before_closing"
    assert str(caught.value) == (
        "cannot 'close' GridEvent E-1: closing needs a photo reference "
        "(rule: photo_before_closing of plugin example-county; to satisfy it: add a photo "
        "reference (add_evidence), then close)"
    )
    assert (event.state, event.history) == before
    refusal = None
    with use_hooks(registry.hooks):
        refusal = event.why_not("close", Closed(by=CENTER, at=T0))
    assert refusal is not None
    # Without the plugin's hooks, the law alone allows it.
    assert event.close(by=CENTER, at=T0).closed


def test_a_listener_that_raises_refuses_cleanly() -> None:
    def broken(before: object, after: object, event: object) -> None:
        raise RuntimeError("the SMS gateway is down")

    listener = TransitionListener(
        machine=GRID_EVENT.name, command="close", name="sms", notify=broken
    )
    registry = Registry([spec("sms-county", listeners=(listener,))])
    event = verified("photo-1.jpg")
    with use_hooks(registry.hooks), pytest.raises(GuardRejected) as caught:
        event.close(by=CENTER, at=T0)
    assert caught.value.plugin == "sms-county"
    assert "the SMS gateway is down" in caught.value.reason
    assert not event.closed
    assert len(event.history) == 7


# -- discovery -----------------------------------------------------------------------------

MODULE = "fake_county_plugins"


class ClassPlugin:
    """A plugin written as a class: the entry point names the class."""

    @property
    def name(self) -> str:
        return "class-county"

    @property
    def version(self) -> str:
        return "0.1"

    @property
    def contributions(self) -> Contributions:
        return Contributions()


def broken_factory() -> Plugin:
    raise RuntimeError("the county database is unreachable")


@pytest.fixture
def fake_module(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    module = types.ModuleType(MODULE)
    module.A = spec("a-county", calendars=(CountyCalendar("a"),))  # type: ignore[attr-defined]
    module.B = spec("b-county", calendars=(CountyCalendar("b"),))  # type: ignore[attr-defined]
    module.CLASH = spec("clash-county", calendars=(CountyCalendar("a"),))  # type: ignore[attr-defined]
    module.make = lambda: spec("made-county")  # type: ignore[attr-defined]
    module.ClassPlugin = ClassPlugin  # type: ignore[attr-defined]
    module.NOT_A_PLUGIN = 42  # type: ignore[attr-defined]
    module.broken = broken_factory  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, MODULE, module)
    return module


def ep(name: str, attr: str) -> EntryPoint:
    return EntryPoint(name=name, value=f"{MODULE}:{attr}", group=ENTRY_POINT_GROUP)


GOOD = [ep("a", "A"), ep("b", "B"), ep("made", "make"), ep("klass", "ClassPlugin")]


@pytest.mark.usefixtures("fake_module")
def test_discovery_loads_in_name_order_whatever_the_input_order() -> None:
    orders = set()
    for seed in range(5):
        points = list(GOOD)
        random.Random(seed).shuffle(points)
        found = discover(entry_points=points)
        assert found.failures == ()
        orders.add((found.loaded, tuple(p.name for p in found.registry.plugins)))
    assert orders == {
        (("a", "b", "klass", "made"), ("a-county", "b-county", "class-county", "made-county"))
    }


@pytest.mark.usefixtures("fake_module")
def test_allow_and_block_lists_choose_what_loads() -> None:
    assert discover(entry_points=GOOD, allow=["b", "made"]).loaded == ("b", "made")
    assert discover(entry_points=GOOD, block={"a", "klass"}).loaded == ("b", "made")
    assert discover(entry_points=GOOD, allow=["a", "b"], block=["a"]).loaded == ("b",)
    assert discover(entry_points=GOOD, allow=()).loaded == ()


def test_a_single_string_is_not_taken_for_a_list_of_names() -> None:
    with pytest.raises(TypeError, match="allow takes a collection of entry-point names"):
        discover(entry_points=[], allow="example_county")
    with pytest.raises(TypeError, match="block takes a collection"):
        discover(entry_points=[], block="example_county")


def test_an_allowed_name_nobody_publishes_is_reported() -> None:
    found = discover(entry_points=[], allow=["example_county", "blocked"], block=["blocked"])
    assert found.loaded == ()
    assert found.failures == (
        LoadFailure(
            "example_county",
            "",
            "NotFoundError: no installed package publishes 'example_county' in 'jiceng.plugins'",
        ),
    )
    assert isinstance(found.failures[0].exception, NotFoundError)


@pytest.mark.usefixtures("fake_module")
def test_broken_plugins_are_reported_and_the_others_load() -> None:
    points = [
        *GOOD,
        EntryPoint(name="gone", value="no_such_county_module:PLUGIN", group=ENTRY_POINT_GROUP),
        ep("missing", "NOWHERE"),
        ep("not_a_plugin", "NOT_A_PLUGIN"),
        ep("raises", "broken"),
        ep("clash", "CLASH"),
    ]
    found = discover(entry_points=reversed(points))
    assert found.loaded == ("a", "b", "klass", "made")
    assert [p.name for p in found.registry.plugins] == [
        "a-county",
        "b-county",
        "class-county",
        "made-county",
    ]
    failures = {f.name: f for f in found.failures}
    assert list(failures) == ["clash", "gone", "missing", "not_a_plugin", "raises"]
    assert failures["gone"].error == "ModuleNotFoundError: No module named 'no_such_county_module'"
    assert failures["gone"].target == "no_such_county_module:PLUGIN"
    assert failures["missing"].error.startswith("AttributeError: ")
    assert failures["not_a_plugin"].error == (
        "TypeError: fake_county_plugins:NOT_A_PLUGIN is a int, not a plugin or a callable "
        "that returns one"
    )
    assert failures["raises"].error == "RuntimeError: the county database is unreachable"
    clash = failures["clash"]
    assert isinstance(clash.exception, PluginError)
    assert clash.exception.conflicts == ("a-county",)
    assert "'a-county'" in clash.error
    assert "'clash-county'" in clash.error


@pytest.mark.usefixtures("fake_module")
def test_an_entry_point_listed_twice_loads_once() -> None:
    found = discover(entry_points=[ep("a", "A"), ep("a", "A")])
    assert found.loaded == ("a",)
    assert found.failures == ()


def test_a_plugin_already_in_the_registry_is_not_registered_twice(
    fake_module: types.ModuleType,
) -> None:
    start = Registry([fake_module.A])
    found = discover(entry_points=GOOD[:2], registry=start)
    assert found.loaded == ("a", "b")
    assert found.failures == ()
    assert [p.name for p in found.registry.plugins] == ["a-county", "b-county"]
    # An equal but distinct object is another plugin claiming the same name.
    module_b = fake_module.B
    again = discover(entry_points=GOOD[1:2], registry=Registry([attrs.evolve(module_b)]))
    assert [f.name for f in again.failures] == ["b"]


def test_discovery_reads_the_installed_entry_points_of_its_group(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def entry_points(*, group: str) -> list[EntryPoint]:
        asked.append(group)
        return []

    monkeypatch.setattr("importlib.metadata.entry_points", entry_points)
    assert discover() == Discovery(Registry(), (), ())
    assert asked == ["jiceng.plugins"]


def test_importing_jiceng_discovers_nothing() -> None:
    script = (
        "import importlib.metadata as m, sys\n"
        "m.entry_points = lambda **kw: sys.exit('entry points were read on import')\n"
        "import jiceng, jiceng.plugins, jiceng.presets\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


# -- the default registry ------------------------------------------------------------------


def test_the_default_registry_holds_every_preset() -> None:
    registry = default_registry()
    assert [p.name for p in registry.plugins] == [p.name for p in PRESETS]
    for preset in PRESETS:
        assert registry.plugin(preset.name) is preset
    assert default_registry() is registry


# -- the example plugin package (docs/example-plugin) -------------------------------------

EXAMPLE = Path(__file__).parent.parent / "docs" / "example-plugin"


def load_example() -> types.ModuleType:
    """The example plugin's module, imported from its source (not installed here)."""
    path = EXAMPLE / "src" / "jiceng_example_county" / "__init__.py"
    module_spec = importlib.util.spec_from_file_location("jiceng_example_county", path)
    assert module_spec is not None
    assert module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def test_the_example_plugin_registers_and_its_photo_rule_refuses_closing() -> None:
    example = load_example()
    registry = Registry().register(example.PLUGIN)
    hotline = registry.find(TicketPolicy, "example-county")
    assert hotline.reply is not None
    assert hotline.reply.rule == WorkingDays(3)
    sla = registry.find(SlaPolicy, "example-county")
    assert sla.calendar is registry.find(WorkCalendar, "example-county")  # type: ignore[type-abstract]
    assert not sla.calendar.is_working_day(pendulum.date(2026, 4, 20))  # a county day off
    assert sla.calendar.is_working_day(pendulum.date(2026, 4, 22))
    assert not sla.calendar.is_working_day(pendulum.date(2026, 5, 1))  # Labour Day
    event = verified("report.pdf")
    with use_hooks(registry.hooks), pytest.raises(GuardRejected) as caught:
        event.close(by=CENTER, at=T0)
    assert caught.value.plugin == "example-county"
    assert caught.value.reason.startswith("closing needs a photo reference")
    assert caught.value.citation == "示例县网格化服务管理办法（示例, 2026） 第18条"
    assert caught.value.remedy is not None
    assert "to satisfy it: add a photo taken after the work (add_evidence)" in str(caught.value)
    with use_hooks(registry.hooks):
        assert verified("after.JPG").close(by=CENTER, at=T0).closed
        fixed = event.add_evidence(evidence=("after.png",), by=CENTER, at=T0)
        assert fixed.close(by=CENTER, at=T0).closed


CHILD_SCRIPT = """
import json, jiceng
from importlib.metadata import version
from jiceng.petitions import TicketPolicy
from jiceng.plugins import discover
found = discover(allow=["example_county"])
print(json.dumps({
    "jiceng": jiceng.__file__,
    "distribution": version("jiceng-example-county"),
    "loaded": found.loaded,
    "failures": [f.error for f in found.failures],
    "plugins": [p.name for p in found.registry.plugins],
    "reply": str(found.registry.find(TicketPolicy, "example-county").reply.rule),
    "guards": [(g.name, g.plugin) for g in found.registry.hooks.guards],
}))
"""


def run(*command: str | Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_example_package_installs_into_a_fresh_environment_and_loads_by_entry_point(
    tmp_path: Path,
) -> None:
    # A throwaway environment that sees this one's packages (jiceng, its dependencies,
    # pip and hatchling) through a .pth file. `--system-site-packages` would not do:
    # it shows the base interpreter's site-packages, not this virtual environment's.
    env_dir = tmp_path / "env"
    run(sys.executable, "-m", "venv", "--without-pip", env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip()
    )
    bridge = "".join(f"import site; site.addsitedir({d!r})\n" for d in site.getsitepackages())
    (purelib / "_parent_environment.pth").write_text(bridge, encoding="utf-8")

    package = tmp_path / "example-plugin"  # built from a copy: the docs stay clean
    shutil.copytree(EXAMPLE, package, ignore=shutil.ignore_patterns("build", "dist", "*.egg-info"))
    quiet = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1"}
    run(
        python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
        "--no-index", "--no-cache-dir", "--disable-pip-version-check", package,
        env=quiet,
    )  # fmt: skip
    assert not any(Path(d, "jiceng_example_county").exists() for d in site.getsitepackages())

    report = json.loads(run(python, "-c", CHILD_SCRIPT, env=quiet))
    assert report == {
        "jiceng": jiceng.__file__,  # the very jiceng under test, not another copy
        "distribution": "1.0.0",
        "loaded": ["example_county"],
        "failures": [],
        "plugins": ["example-county"],
        "reply": str(WorkingDays(3)),
        "guards": [["photo_before_closing", "example-county"]],
    }


def test_every_built_in_preset_is_published_in_the_entry_point_group() -> None:
    published = {
        point.name: point.value
        for point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    }
    expected = {p.name: f"jiceng.presets.{p.name}:PLUGIN" for p in default_registry().plugins}
    assert {name: published.get(name) for name in expected} == expected
