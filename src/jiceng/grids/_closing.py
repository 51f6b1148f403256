"""Local rules on closing a grid event (结案), contributed by plugins, that say their remedy."""

from __future__ import annotations

from typing import Any

from jiceng import Source, TransitionGuard
from jiceng.checks import checked
from jiceng.grids._grid_event_machine import GRID_EVENT

__all__ = ["closing_rule"]


@checked
def closing_rule(
    *, name: str, check: Any, remedy: str, source: Source, plugin: str = ""
) -> TransitionGuard:
    """A plugin guard on `close` whose refusal names the rule and what would satisfy it.

    A guard on `close` stops a verified event at the last step; its refusal must tell
    the caseworker the way on. `remedy` (required, non-blank) says what satisfies the
    rule; every refusal reads "<reason>; to satisfy it: <remedy> (<citation>)", and the
    kernel adds the rule's name and plugin.

    >>> from jiceng import Source
    >>> rule = closing_rule(name="photo_before_closing",
    ...     check=lambda event, change: None if event.evidence else "no photo",
    ...     remedy="report the result again with a photo reference",
    ...     source=Source("县网格化规程 第3条"))
    >>> rule.machine, rule.command
    ('grids.grid_event', 'close')
    """

    def guard(event: Any, change: Any) -> str | None:
        reason = check(event, change)
        if reason is None:
            return None
        return f"{reason}; to satisfy it: {remedy} ({source.citation})"

    guard.__name__ = name
    return TransitionGuard(
        machine=GRID_EVENT.name, command="close", name=name, check=guard, plugin=plugin,
        source=source,
    )  # fmt: skip
