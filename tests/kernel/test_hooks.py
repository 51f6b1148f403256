from __future__ import annotations

import pickle
from typing import Any

import attrs
import pendulum
import pytest

from jiceng import (
    Actor,
    Event,
    Hooks,
    TransitionGuard,
    TransitionListener,
    active_hooks,
    replay,
    use_hooks,
)
from jiceng.exceptions import GuardRejected
from tests.kernel.ticket import Closed, Resolved, Ticket, TicketState

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")
CLERK = Actor.person("p-1")


def evaluated() -> Ticket:
    return (
        Ticket.report(id="T-7", title="垃圾堆放", by=CLERK, at=T0)
        .accept(by=CLERK, at=T0)
        .assign(to=CLERK, by=CLERK, at=T0)
        .start(by=CLERK, at=T0)
        .resolve(evidence=("doc",), by=CLERK, at=T0)
        .evaluate(satisfied=True, by=CLERK, at=T0)
    )


def photo_required(ticket: Ticket, event: Event) -> str | None:
    has_photo = any(
        isinstance(e, Resolved) and any(x.startswith("photo") for x in e.evidence)
        for e in ticket.history
    )
    return None if has_photo else "closing needs a photo reference"


PHOTO = TransitionGuard(
    machine="ticket", command="close", name="photo_required", check=photo_required, plugin="county"
)


def test_a_plugin_guard_refuses_with_its_name_and_plugin_and_nothing_changes() -> None:
    ticket = evaluated()
    with use_hooks(Hooks(guards=[PHOTO])), pytest.raises(GuardRejected) as info:
        ticket.close(by=CLERK, at=T0)
    err = info.value
    assert (err.guard, err.plugin, err.reason) == (
        "photo_required",
        "county",
        "closing needs a photo reference",
    )
    assert str(err).endswith("(rule: photo_required of plugin county)")
    assert ticket == evaluated()


def test_hooks_apply_only_inside_their_block() -> None:
    assert active_hooks() is None
    with use_hooks(Hooks(guards=[PHOTO])) as hooks:
        assert active_hooks() is hooks
    assert active_hooks() is None
    assert evaluated().close(by=CLERK, at=T0).state is TicketState.CLOSED


def test_why_not_consults_the_active_guards() -> None:
    ticket = evaluated()
    event = Closed(by=CLERK, at=T0)
    assert ticket.why_not("close", event) is None
    with use_hooks(Hooks(guards=[PHOTO])):
        refusal = ticket.why_not("close", event)
        assert ticket.why_not("close") is None
        assert ticket.why_not("accept", event) is not None
    assert refusal is not None
    assert (refusal.kind, refusal.guard, refusal.plugin) == ("guard", "photo_required", "county")
    fine = TransitionGuard(machine="ticket", command="close", name="ok", check=lambda t, e: None)
    with use_hooks(Hooks(guards=[fine, fine])):
        assert ticket.why_not("close", event) is None


def test_a_guard_that_raises_refuses_cleanly() -> None:
    def broken(ticket: Any, event: Any) -> str | None:
        raise KeyError("oops")

    hooks = Hooks(
        guards=[TransitionGuard(machine="ticket", command="close", name="b", check=broken)]
    )
    ticket = evaluated()
    with use_hooks(hooks), pytest.raises(GuardRejected, match="the check failed: KeyError"):
        ticket.close(by=CLERK, at=T0)
    assert ticket == evaluated()


def test_listeners_hear_every_command_or_one_and_a_failing_one_refuses() -> None:
    heard: list[tuple[str, str, str]] = []

    def note(before: Any, after: Any, event: Event) -> None:
        heard.append((before.state.value, after.state.value, type(event).__name__))

    def boom(before: Any, after: Any, event: Event) -> None:
        raise RuntimeError("sms gateway down")

    every = TransitionListener(machine="ticket", name="note", notify=note, plugin="audit")
    on_close = TransitionListener(machine="ticket", name="boom", notify=boom, command="close")
    ticket = evaluated()
    also = TransitionListener(machine="ticket", name="also", notify=note, command="close")
    with use_hooks(Hooks(listeners=[every, also])):
        closed = ticket.close(by=CLERK, at=T0)
    assert len(heard) == 2
    heard.clear()
    with (
        use_hooks(Hooks(listeners=[every]) + Hooks(listeners=[on_close])),
        pytest.raises(GuardRejected, match="a listener failed: RuntimeError") as info,
    ):
        ticket.close(by=CLERK, at=T0)
    assert info.value.guard == "boom"
    assert heard == []  # the failing listener on the command ran first
    assert closed.state is TicketState.CLOSED
    assert ticket == evaluated()


def test_replay_runs_no_hooks() -> None:
    ticket = evaluated().close(by=CLERK, at=T0)
    calls: list[object] = []
    listener = TransitionListener(
        machine="ticket", name="n", notify=lambda b, a, e: calls.append(e)
    )
    with use_hooks(Hooks(guards=[PHOTO], listeners=[listener])):
        assert replay(ticket.history) == ticket
    assert calls == []


def test_a_refusal_cites_the_guards_source_and_names_its_remedy() -> None:
    from jiceng import Source

    cited = attrs.evolve(
        PHOTO, source=Source("某县工单规程 第4条"), remedy="attach a photo to the resolution"
    )
    ticket = evaluated()
    with use_hooks(Hooks(guards=[cited])):
        with pytest.raises(GuardRejected) as info:
            ticket.close(by=CLERK, at=T0)
        refusal = ticket.why_not("close", Closed(by=CLERK, at=T0))
    err = info.value
    assert (err.citation, err.remedy) == ("某县工单规程 第4条", "attach a photo to the resolution")
    assert str(err).endswith(
        "(rule: photo_required of plugin county, 某县工单规程 第4条; "
        "to satisfy it: attach a photo to the resolution)"
    )
    assert refusal is not None
    assert (refusal.citation, refusal.remedy) == (err.citation, err.remedy)
    assert str(refusal.error("Ticket", "T-7")) == str(err)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.citation, copy.remedy, str(copy)) == (err.citation, err.remedy, str(err))
