from __future__ import annotations

from typing import Any

import pytest

from jiceng import Source, use_hooks
from jiceng.exceptions import GuardRejected, ValidationError
from jiceng.grids import GridEventState, closing_rule
from jiceng.plugins import Contributions, PluginSpec, Registry
from tests.grids.fixtures import CENTER, T0, dispatched


def photo(event: Any, change: Any) -> str | None:
    return None if any(e.startswith("photo") for e in event.evidence) else "no photo reference"


RULE = closing_rule(
    name="photo_before_closing",
    check=photo,
    remedy="reject the result (reject_feedback) before verifying, and report it with a photo",
    source=Source("某县网格事件办理规程 第3条"),
)


def test_a_plugin_guard_on_close_names_the_rule_and_its_remedy() -> None:
    plugin = PluginSpec(name="county", version="1", contributions=Contributions.of(RULE))
    verified = (
        dispatched()
        .start(by=CENTER, at=T0)
        .handle(evidence=("doc-1",), by=CENTER, at=T0)
        .verify(by=CENTER, at=T0)
    )
    with use_hooks(Registry((plugin,)).hooks), pytest.raises(GuardRejected) as info:
        verified.close(by=CENTER, at=T0)
    message = str(info.value)
    assert "no photo reference; to satisfy it: reject the result" in message
    assert "(某县网格事件办理规程 第3条)" in message
    assert message.endswith("(rule: photo_before_closing of plugin county)")
    assert verified.state is GridEventState.VERIFIED


def test_a_closing_rule_with_a_photo_lets_the_event_close() -> None:
    plugin = PluginSpec(name="county", version="1", contributions=Contributions.of(RULE))
    verified = (
        dispatched()
        .start(by=CENTER, at=T0)
        .handle(evidence=("photo-1",), by=CENTER, at=T0)
        .verify(by=CENTER, at=T0)
    )
    with use_hooks(Registry((plugin,)).hooks):
        assert verified.close(by=CENTER, at=T0).state is GridEventState.CLOSED


def test_a_closing_rule_needs_a_remedy() -> None:
    with pytest.raises(ValidationError) as info:
        closing_rule(name="x", check=photo, remedy=" ", source=Source("s"))
    assert [e.path for e in info.value.errors] == ["closing_rule.remedy"]
