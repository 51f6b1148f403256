"""What several presets build the same way: code segments and their default time limits."""

from __future__ import annotations

from jiceng import CalendarDays, ExtensionLimit, Label, Source, TimeLimit, WorkingDays
from jiceng.grids import CodeSegment, Level


def segment(name: str, width: int, level: Level, zh: str, en: str) -> CodeSegment:
    """One segment of a preset's grid code scheme."""
    return CodeSegment(name=name, width=width, level=level, label=Label(zh, en))


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


def default_summons(preset: str, seed: str) -> TimeLimit:
    """A summoned department reports by the end of the next day: the default of a preset
    whose article sets no time for it."""
    return TimeLimit(
        rule=CalendarDays(1),
        source=Source(_default(preset, seed), "1日"),
        label=Label("部门报到", "Reports"),
    )
