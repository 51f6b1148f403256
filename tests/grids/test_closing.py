"""Local rules on closing a grid event (结案): a plugin guard on `close` names its remedy."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from jiceng import Source, TransitionGuard, use_hooks
from jiceng.exceptions import GuardRejected, InvalidTransition, ValidationError
from jiceng.grids import GRID_EVENT, GridEvent, GridEventState
from jiceng.grids.events import Closed
from jiceng.plugins import Contributions, PluginError, PluginSpec, Registry
from tests.grids.fixtures import CENTER, T0, dispatched


def photo(event: Any, change: Any) -> str | None:
    return None if any(e.startswith("photo") for e in event.evidence) else "no photo reference"


RULE = TransitionGuard(
    machine=GRID_EVENT.name,
    command="close",
    name="photo_before_closing",
    check=photo,
    source=Source("某县网格事件办理规程 第3条"),
    remedy="add a photo reference (add_evidence), then close",
)


def county(*guards: TransitionGuard) -> PluginSpec:
    return PluginSpec(name="county", version="1", contributions=Contributions.of(*guards))


def verified(*evidence: str) -> GridEvent:
    return (
        dispatched()
        .start(by=CENTER, at=T0)
        .handle(evidence=evidence, by=CENTER, at=T0)
        .verify(by=CENTER, at=T0)
    )


def test_a_plugin_guard_on_close_names_the_rule_its_citation_and_its_remedy() -> None:
    event = verified("doc-1")
    with use_hooks(Registry((county(RULE),)).hooks), pytest.raises(GuardRejected) as info:
        event.close(by=CENTER, at=T0)
    err = info.value
    assert (err.guard, err.plugin, err.citation) == (
        "photo_before_closing",
        "county",
        "某县网格事件办理规程 第3条",
    )
    assert err.remedy == RULE.remedy
    assert str(err).endswith(
        ": no photo reference (rule: photo_before_closing of plugin county, 某县网格事件办理规程"
        " 第3条; to satisfy it: add a photo reference (add_evidence), then close)"
    )
    assert event.state is GridEventState.VERIFIED
    assert event == verified("doc-1")


def test_why_not_shows_the_remedy_and_following_it_closes_the_event() -> None:
    event = verified("doc-1")
    with use_hooks(Registry((county(RULE),)).hooks):
        refusal = event.why_not("close", Closed(by=CENTER, at=T0))
        assert refusal is not None
        assert (refusal.guard, refusal.citation, refusal.remedy) == (
            "photo_before_closing",
            "某县网格事件办理规程 第3条",
            RULE.remedy,
        )
        # the remedy, followed: a verified event gains a photo, and closes
        fixed = event.add_evidence(evidence=("photo-1",), by=CENTER, at=T0)
        assert (fixed.state, fixed.evidence) == (GridEventState.VERIFIED, ("doc-1", "photo-1"))
        assert fixed.why_not("close", Closed(by=CENTER, at=T0)) is None
        assert fixed.close(by=CENTER, at=T0).state is GridEventState.CLOSED


def test_a_close_guard_without_a_remedy_is_refused_at_registration() -> None:
    for remedy in ("", "  "):
        with pytest.raises(PluginError) as info:
            Registry((county(attrs.evolve(RULE, remedy=remedy)),))
        assert info.value.problems == (
            "guards 'photo_before_closing' on grids.grid_event.close must say its remedy (what "
            "would satisfy the rule): a refusal there leaves no other way on",
        )


def test_a_remedy_must_be_text_and_is_optional_elsewhere() -> None:
    odd = attrs.evolve(RULE, remedy=None)  # type: ignore[arg-type]
    with pytest.raises(PluginError) as info:
        Registry((county(odd),))
    assert info.value.problems == ("guards 'photo_before_closing': its remedy must be a string",)
    on_verify = attrs.evolve(RULE, command="verify", remedy="")
    registry = Registry((county(on_verify),))
    handled = dispatched().start(by=CENTER, at=T0).handle(evidence=("doc",), by=CENTER, at=T0)
    with use_hooks(registry.hooks), pytest.raises(GuardRejected) as refused:
        handled.verify(by=CENTER, at=T0)
    assert refused.value.remedy is None
    assert str(refused.value).endswith(
        "(rule: photo_before_closing of plugin county, 某县网格事件办理规程 第3条)"
    )


def test_adding_evidence_needs_a_reference_and_a_verified_event() -> None:
    with pytest.raises(ValidationError) as info:
        verified("doc-1").add_evidence(evidence=(), by=CENTER, at=T0)
    assert info.value.paths == ("add_evidence.evidence",)
    with pytest.raises(ValidationError) as blank:
        verified("doc-1").add_evidence(evidence=(" ",), by=CENTER, at=T0)
    assert blank.value.paths == ("add_evidence.evidence[0]",)
    with pytest.raises(InvalidTransition, match="'handled'"):
        dispatched().start(by=CENTER, at=T0).handle(evidence=("p",), by=CENTER, at=T0).add_evidence(
            evidence=("photo-1",), by=CENTER, at=T0
        )
