"""What several presets build the same way: citations, code segments, departments, SLA
policies with one limit, and default time limits."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from jiceng import (
    CalendarDays,
    ChinaCalendar,
    ExtensionLimit,
    Label,
    Source,
    TimeLimit,
    WorkingDays,
)
from jiceng.grids import Department, Level, SlaPolicy, SlaRule
from jiceng.grids.codes import CodeSegment


def quoting(article: str) -> Callable[[str], Source]:
    """A maker of `Source`s quoting `text` from `article`."""

    def source(text: str) -> Source:
        return Source(article, text)

    return source


def segment(name: str, width: int, level: Level, zh: str, en: str) -> CodeSegment:
    """One segment of a preset's grid code scheme."""
    return CodeSegment(name=name, width=width, level=level, label=Label(zh, en))


def departments(names: Mapping[str, str]) -> tuple[Department, ...]:
    """The departments of a preset's grid event policy, from their ids to their names."""
    return tuple(Department(id=id_, name=name) for id_, name in names.items())


def _default(preset: str, seed: str) -> str:
    return f"{preset} preset default ({seed} gives no time limit)"


def default_handling(preset: str, seed: str, label: Label) -> TimeLimit:
    """Five working days from dispatch, extendable once by up to five: the default of a
    preset whose article sets no handling time limit."""
    source = _default(preset, seed)
    return TimeLimit(
        rule=WorkingDays(5),
        source=Source(source, "5个工作日"),
        label=label,
        pausable=True,
        extension=ExtensionLimit(
            max_count=1, max_total=WorkingDays(5), source=Source(source, "延期须经批准，限一次")
        ),
    )


def one_limit_sla(name: str, handling: TimeLimit, summons: TimeLimit) -> SlaPolicy:
    """An SLA policy named `name` with one limit for every event and the summons limit,
    counting working days with public holidays and 调休 (`ChinaCalendar`, extra `cn`)."""
    return SlaPolicy(
        name=name,
        rules=(SlaRule(limit=handling),),
        summons=summons,
        calendar=ChinaCalendar(),
    )


def default_summons(preset: str, seed: str) -> TimeLimit:
    """A summoned department reports by the end of the next day: the default of a preset
    whose article sets no time for it."""
    return TimeLimit(
        rule=CalendarDays(1),
        source=Source(_default(preset, seed), "1日"),
        label=Label("部门报到", "Reports"),
    )
