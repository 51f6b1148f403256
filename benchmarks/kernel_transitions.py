"""One ticket workflow, five implementations, driven side by side in one process.

The workflow (工单, ticket): reported → accepted → assigned → in_progress → resolved →
evaluated → closed, plus reject from reported; resolving needs an evidence reference.
It is implemented with

  (a) the jiceng kernel, declared with the public API exactly as a domain would;
  (b) `transitions` (one shared `Machine`, models added to it);
  (c) `python-statemachine` (one `StateMachine` instance per ticket);
  (d) `automat`, with its typed `TypeMachineBuilder` API;
  (e) a hand-written baseline: a dict table, a frozen attrs entity rebuilt by its
      constructor on every transition, and a tuple of frozen attrs records.

Every implementation does the same work per transition: the table check, the guard
where there is one, one audit record carrying the aware `at` instant and the actor,
and the history kept on the instance. Each also stores the assignee and the
satisfaction that the `assign` and `evaluate` commands carry. Nine tickets in ten go
down the happy path (creation and six transitions), every tenth is rejected (creation
and one transition). The instants and the actor are built once, before timing.

Time: the best of `--repeat` runs, with the garbage collector on, of driving every
instance from creation to its final state; creation is included in the time and the
total is divided by the number of transitions (creation not counted as one). The
implementations take turns round by round (A B C D E, A B C D E, ...), so that a slow
spell of a shared machine falls on every one of them, not on one alone.
Memory: `tracemalloc` traced bytes of the finished instances kept alive (with their
audit trail or history), divided by their number; the shared machine or table is
built and warmed up before tracing starts.

    python benchmarks/kernel_transitions.py            # 100,000 tickets
    python benchmarks/kernel_transitions.py --quick    # 5,000 tickets, best of 5, in seconds
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping, Sequence
from importlib.metadata import version
from typing import Any, Protocol, Self

import attrs
import automat
import pendulum
import statemachine
import transitions

from jiceng import Actor, Entity, Event, Label, Machine, State, Transition

# -- shared inputs: built once, never timed ---------------------------------------------

T0 = pendulum.datetime(2025, 3, 3, 9, 0, tz="Asia/Shanghai")
AT = tuple(T0.add(hours=h) for h in range(7))
ACTOR = Actor.person("p-001", "张三")
WORKER = Actor.person("p-002", "李四")
TITLE = "路灯不亮"
EVIDENCE = ("photo-001",)
REJECT_EVERY = 10  # every tenth ticket is rejected instead of worked through

HAPPY = ("closed", 7)  # (final state, audit records or history length)
REJECT = ("rejected", 2)


def transitions_for(n: int) -> int:
    """How many transitions (creation not counted) driving `n` tickets performs."""
    rejected = n // REJECT_EVERY
    return (n - rejected) * 6 + rejected


def is_rejected(i: int) -> bool:
    return i % REJECT_EVERY == REJECT_EVERY - 1


# -- (a) jiceng ------------------------------------------------------------------------


class TicketState(State):
    REPORTED = "reported", "已上报", "Reported"
    ACCEPTED = "accepted", "已受理", "Accepted"
    ASSIGNED = "assigned", "已派遣", "Assigned"
    IN_PROGRESS = "in_progress", "处置中", "In progress"
    RESOLVED = "resolved", "已处置", "Resolved"
    EVALUATED = "evaluated", "已评价", "Evaluated"
    CLOSED = "closed", "已结案", "Closed"
    REJECTED = "rejected", "不予受理", "Rejected"


@attrs.frozen(kw_only=True)
class Reported(Event):
    ticket_id: str
    title: str


@attrs.frozen(kw_only=True)
class Accepted(Event):
    pass


@attrs.frozen(kw_only=True)
class Rejected(Event):
    pass


@attrs.frozen(kw_only=True)
class Assigned(Event):
    assignee: Actor


@attrs.frozen(kw_only=True)
class Started(Event):
    pass


@attrs.frozen(kw_only=True)
class Resolved(Event):
    evidence: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Evaluated(Event):
    satisfied: bool


@attrs.frozen(kw_only=True)
class Closed(Event):
    pass


def reported(_: None, event: Reported) -> Mapping[str, Any]:
    return {"id": event.ticket_id, "title": event.title}


def assigned(_: Ticket, event: Assigned) -> Mapping[str, Any]:
    return {"assignee": event.assignee}


def evaluated(_: Ticket, event: Evaluated) -> Mapping[str, Any]:
    return {"satisfied": event.satisfied}


def needs_evidence(ticket: Ticket, event: Resolved) -> str | None:
    """Resolving needs at least one evidence reference."""
    return None if event.evidence else "resolving needs at least one evidence reference"


TICKET: Machine[TicketState] = Machine(
    name="ticket",
    label=Label("工单", "Ticket"),
    states=TicketState,
    initial=TicketState.REPORTED,
    final={TicketState.CLOSED, TicketState.REJECTED},
    transitions=[
        Transition(
            command="report",
            event=Reported,
            sources=(),
            target=TicketState.REPORTED,
            label=Label("上报", "Report"),
            fold=reported,
        ),
        Transition(
            command="accept",
            event=Accepted,
            sources={TicketState.REPORTED},
            target=TicketState.ACCEPTED,
            label=Label("受理", "Accept"),
        ),
        Transition(
            command="reject",
            event=Rejected,
            sources={TicketState.REPORTED},
            target=TicketState.REJECTED,
            label=Label("不予受理", "Reject"),
        ),
        Transition(
            command="assign",
            event=Assigned,
            sources={TicketState.ACCEPTED},
            target=TicketState.ASSIGNED,
            label=Label("派遣", "Assign"),
            fold=assigned,
        ),
        Transition(
            command="start",
            event=Started,
            sources={TicketState.ASSIGNED},
            target=TicketState.IN_PROGRESS,
            label=Label("开始处置", "Start"),
        ),
        Transition(
            command="resolve",
            event=Resolved,
            sources={TicketState.IN_PROGRESS},
            target=TicketState.RESOLVED,
            label=Label("处置完毕", "Resolve"),
            guard=needs_evidence,
        ),
        Transition(
            command="evaluate",
            event=Evaluated,
            sources={TicketState.RESOLVED},
            target=TicketState.EVALUATED,
            label=Label("评价", "Evaluate"),
            fold=evaluated,
        ),
        Transition(
            command="close",
            event=Closed,
            sources={TicketState.EVALUATED},
            target=TicketState.CLOSED,
            label=Label("结案", "Close"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Ticket(Entity[TicketState], machine=TICKET):
    id: str
    title: str
    assignee: Actor | None = None
    satisfied: bool | None = None

    @classmethod
    def report(cls, *, id: str, title: str, by: Actor, at: pendulum.DateTime) -> Ticket:
        return cls._start(Reported(ticket_id=id, title=title, by=by, at=at))

    def accept(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Accepted(by=by, at=at))

    def reject(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Rejected(by=by, at=at))

    def assign(self, *, to: Actor, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Assigned(assignee=to, by=by, at=at))

    def start(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Started(by=by, at=at))

    def resolve(self, *, evidence: tuple[str, ...], by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Resolved(evidence=evidence, by=by, at=at))

    def evaluate(self, *, satisfied: bool, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Evaluated(satisfied=satisfied, by=by, at=at))

    def close(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Closed(by=by, at=at))


def drive_jiceng(ids: Sequence[str]) -> list[Any]:
    t0, t1, t2, t3, t4, t5, t6 = AT
    by, worker = ACTOR, WORKER
    out = []
    for i, tid in enumerate(ids):
        t = Ticket.report(id=tid, title=TITLE, by=by, at=t0)
        if is_rejected(i):
            t = t.reject(by=by, at=t1)
        else:
            t = (
                t.accept(by=by, at=t1)
                .assign(to=worker, by=by, at=t2)
                .start(by=worker, at=t3)
                .resolve(evidence=EVIDENCE, by=worker, at=t4)
                .evaluate(satisfied=True, by=by, at=t5)
                .close(by=by, at=t6)
            )
        out.append(t)
    return out


def state_jiceng(t: Any) -> tuple[str, int]:
    return t.state.value, len(t.history)


# -- (b) transitions ---------------------------------------------------------------------


class TTicket:
    """A plain model; the shared machine adds `state` and the trigger methods to it."""

    def __init__(self, id: str, title: str, at: pendulum.DateTime, by: Actor) -> None:
        self.id = id
        self.title = title
        self.assignee: Actor | None = None
        self.satisfied: bool | None = None
        self.audit: list[tuple[str, pendulum.DateTime, Actor]] = [("report", at, by)]

    # Callbacks, named in the machine definition; `send_event=True` passes EventData.
    def has_evidence(self, event: Any) -> bool:
        return bool(event.kwargs.get("evidence"))

    def set_assignee(self, event: Any) -> None:
        self.assignee = event.kwargs["to"]

    def set_satisfied(self, event: Any) -> None:
        self.satisfied = event.kwargs["satisfied"]

    def record(self, event: Any) -> None:
        kwargs = event.kwargs
        self.audit.append((event.event.name, kwargs["at"], kwargs["by"]))


# The documented pattern for many objects: one machine built with `model=None`, each
# model registered with `add_model`. `auto_transitions=False` drops the `to_<state>`
# helpers that would otherwise be bound onto every model. `add_model` checks membership
# in a plain list (linear in the models registered), so keeping 100,000 models
# registered would make registration quadratic; as the docs advise for temporary
# models, each ticket is registered for its run and removed with `remove_model` after
# (its state and the bound trigger methods stay on the model).
T_MACHINE = transitions.Machine(
    model=None,
    states=[s.value for s in TicketState],
    initial="reported",
    transitions=[
        {"trigger": "accept", "source": "reported", "dest": "accepted"},
        {"trigger": "reject", "source": "reported", "dest": "rejected"},
        {"trigger": "assign", "source": "accepted", "dest": "assigned", "before": "set_assignee"},
        {"trigger": "start", "source": "assigned", "dest": "in_progress"},
        {
            "trigger": "resolve",
            "source": "in_progress",
            "dest": "resolved",
            "conditions": "has_evidence",
        },
        {
            "trigger": "evaluate",
            "source": "resolved",
            "dest": "evaluated",
            "before": "set_satisfied",
        },
        {"trigger": "close", "source": "evaluated", "dest": "closed"},
    ],
    auto_transitions=False,
    send_event=True,
    after_state_change="record",
)


def drive_transitions(ids: Sequence[str]) -> list[Any]:
    t0, t1, t2, t3, t4, t5, t6 = AT
    by, worker = ACTOR, WORKER
    add, remove = T_MACHINE.add_model, T_MACHINE.remove_model
    out = []
    for i, tid in enumerate(ids):
        t: Any = TTicket(tid, TITLE, t0, by)
        add(t)
        if is_rejected(i):
            t.reject(by=by, at=t1)
        else:
            t.accept(by=by, at=t1)
            t.assign(to=worker, by=by, at=t2)
            t.start(by=worker, at=t3)
            if not t.resolve(evidence=EVIDENCE, by=worker, at=t4):
                raise RuntimeError("transitions: the resolve guard refused")
            t.evaluate(satisfied=True, by=by, at=t5)
            t.close(by=by, at=t6)
        remove(t)
        out.append(t)
    return out


def state_transitions(t: Any) -> tuple[str, int]:
    return t.state, len(t.audit)


# -- (c) python-statemachine -------------------------------------------------------------


class SMTicket(statemachine.StateMachine):
    """One state machine instance per ticket, the way the library's docs show it."""

    reported = statemachine.State(initial=True)
    accepted = statemachine.State()
    assigned = statemachine.State()
    in_progress = statemachine.State()
    resolved = statemachine.State()
    evaluated = statemachine.State()
    closed = statemachine.State(final=True)
    rejected = statemachine.State(final=True)

    accept = reported.to(accepted)
    reject = reported.to(rejected)
    assign = accepted.to(assigned)
    start = assigned.to(in_progress)
    resolve = in_progress.to(resolved, cond="has_evidence")
    evaluate = resolved.to(evaluated)
    close = evaluated.to(closed)

    def __init__(self, id: str, title: str, at: pendulum.DateTime, by: Actor) -> None:
        self.id = id
        self.title = title
        self.assignee: Actor | None = None
        self.satisfied: bool | None = None
        self.audit: list[tuple[str, pendulum.DateTime, Actor]] = [("report", at, by)]
        super().__init__()

    # Callbacks receive the trigger's keyword arguments by name.
    def has_evidence(self, evidence: tuple[str, ...] = ()) -> bool:
        return bool(evidence)

    def on_assign(self, to: Actor) -> None:
        self.assignee = to

    def on_evaluate(self, satisfied: bool) -> None:
        self.satisfied = satisfied

    def after_transition(self, event: Any, at: pendulum.DateTime, by: Actor) -> None:
        self.audit.append((event.id, at, by))


def drive_statemachine(ids: Sequence[str]) -> list[Any]:
    t0, t1, t2, t3, t4, t5, t6 = AT
    by, worker = ACTOR, WORKER
    out = []
    for i, tid in enumerate(ids):
        t: Any = SMTicket(tid, TITLE, t0, by)
        if is_rejected(i):
            t.reject(by=by, at=t1)
        else:
            t.accept(by=by, at=t1)
            t.assign(to=worker, by=by, at=t2)
            t.start(by=worker, at=t3)
            t.resolve(evidence=EVIDENCE, by=worker, at=t4)  # raises if the guard refuses
            t.evaluate(satisfied=True, by=by, at=t5)
            t.close(by=by, at=t6)
        out.append(t)
    return out


def state_statemachine(t: Any) -> tuple[str, int]:
    return t.current_state_value, len(t.audit)


# -- (d) automat -------------------------------------------------------------------------


class TicketInputs(Protocol):
    """The ticket's commands, as automat's input protocol."""

    def accept(self, at: pendulum.DateTime, by: Actor) -> None: ...
    def reject(self, at: pendulum.DateTime, by: Actor) -> None: ...
    def assign(self, to: Actor, at: pendulum.DateTime, by: Actor) -> None: ...
    def start(self, at: pendulum.DateTime, by: Actor) -> None: ...
    def resolve(self, evidence: tuple[str, ...], at: pendulum.DateTime, by: Actor) -> None: ...
    def evaluate(self, satisfied: bool, at: pendulum.DateTime, by: Actor) -> None: ...
    def close(self, at: pendulum.DateTime, by: Actor) -> None: ...


class TicketCore:
    """The data behind one automat ticket: its fields and its audit trail."""

    __slots__ = ("assignee", "audit", "id", "satisfied", "title")

    def __init__(self, id: str, title: str, at: pendulum.DateTime, by: Actor) -> None:
        self.id = id
        self.title = title
        self.assignee: Actor | None = None
        self.satisfied: bool | None = None
        self.audit: list[tuple[str, pendulum.DateTime, Actor]] = [("report", at, by)]


def build_automat() -> automat.TypeMachine[TicketInputs, TicketCore]:
    builder = automat.TypeMachineBuilder(TicketInputs, TicketCore)
    reported = builder.state("reported")
    accepted = builder.state("accepted")
    assigned = builder.state("assigned")
    in_progress = builder.state("in_progress")
    resolved = builder.state("resolved")
    evaluated = builder.state("evaluated")
    closed = builder.state("closed")
    rejected = builder.state("rejected")

    @reported.upon(TicketInputs.accept).to(accepted)
    def accept(inputs: TicketInputs, core: TicketCore, at: pendulum.DateTime, by: Actor) -> None:
        core.audit.append(("accept", at, by))

    @reported.upon(TicketInputs.reject).to(rejected)
    def reject(inputs: TicketInputs, core: TicketCore, at: pendulum.DateTime, by: Actor) -> None:
        core.audit.append(("reject", at, by))

    @accepted.upon(TicketInputs.assign).to(assigned)
    def assign(
        inputs: TicketInputs, core: TicketCore, to: Actor, at: pendulum.DateTime, by: Actor
    ) -> None:
        core.assignee = to
        core.audit.append(("assign", at, by))

    @assigned.upon(TicketInputs.start).to(in_progress)
    def start(inputs: TicketInputs, core: TicketCore, at: pendulum.DateTime, by: Actor) -> None:
        core.audit.append(("start", at, by))

    # automat has no guards: the check runs in the transition's output. (A refusal
    # that leaves the state unchanged would need a separate input or a data state.)
    @in_progress.upon(TicketInputs.resolve).to(resolved)
    def resolve(
        inputs: TicketInputs,
        core: TicketCore,
        evidence: tuple[str, ...],
        at: pendulum.DateTime,
        by: Actor,
    ) -> None:
        if not evidence:
            raise ValueError("resolving needs at least one evidence reference")
        core.audit.append(("resolve", at, by))

    @resolved.upon(TicketInputs.evaluate).to(evaluated)
    def evaluate(
        inputs: TicketInputs, core: TicketCore, satisfied: bool, at: pendulum.DateTime, by: Actor
    ) -> None:
        core.satisfied = satisfied
        core.audit.append(("evaluate", at, by))

    @evaluated.upon(TicketInputs.close).to(closed)
    def close(inputs: TicketInputs, core: TicketCore, at: pendulum.DateTime, by: Actor) -> None:
        core.audit.append(("close", at, by))

    return builder.build()


A_MACHINE = build_automat()


def drive_automat(ids: Sequence[str]) -> list[Any]:
    t0, t1, t2, t3, t4, t5, t6 = AT
    by, worker = ACTOR, WORKER
    factory = A_MACHINE
    out = []
    for i, tid in enumerate(ids):
        t = factory(TicketCore(tid, TITLE, t0, by))
        if is_rejected(i):
            t.reject(at=t1, by=by)
        else:
            t.accept(at=t1, by=by)
            t.assign(to=worker, at=t2, by=by)
            t.start(at=t3, by=worker)
            t.resolve(evidence=EVIDENCE, at=t4, by=worker)
            t.evaluate(satisfied=True, at=t5, by=by)
            t.close(at=t6, by=by)
        out.append(t)
    return out


def state_automat(t: Any) -> tuple[str, int]:
    # automat keeps its state private by design; the check reads it, the timed run never does.
    return t.__automat_transitioner__._state.name, len(t.__automat_core__.audit)


# -- (e) hand-written baseline -----------------------------------------------------------


@attrs.frozen
class Record:
    at: pendulum.DateTime
    by: Actor
    command: str


@attrs.frozen(kw_only=True)
class BTicket:
    state: str
    history: tuple[Record, ...]
    id: str
    title: str
    assignee: Actor | None = None
    satisfied: bool | None = None


B_TABLE: dict[tuple[str, str], str] = {
    ("reported", "accept"): "accepted",
    ("reported", "reject"): "rejected",
    ("accepted", "assign"): "assigned",
    ("assigned", "start"): "in_progress",
    ("in_progress", "resolve"): "resolved",
    ("resolved", "evaluate"): "evaluated",
    ("evaluated", "close"): "closed",
}


def b_report(tid: str, title: str, at: pendulum.DateTime, by: Actor) -> BTicket:
    return BTicket(state="reported", history=(Record(at, by, "report"),), id=tid, title=title)


def b_step(
    t: BTicket,
    command: str,
    at: pendulum.DateTime,
    by: Actor,
    *,
    assignee: Actor | None = None,
    satisfied: bool | None = None,
    evidence: tuple[str, ...] = (),
) -> BTicket:
    target = B_TABLE.get((t.state, command))
    if target is None:
        raise ValueError(f"{command} is not allowed from {t.state}")
    if command == "resolve" and not evidence:
        raise ValueError("resolving needs at least one evidence reference")
    return BTicket(
        state=target,
        history=(*t.history, Record(at, by, command)),
        id=t.id,
        title=t.title,
        assignee=t.assignee if assignee is None else assignee,
        satisfied=t.satisfied if satisfied is None else satisfied,
    )


def drive_baseline(ids: Sequence[str]) -> list[Any]:
    t0, t1, t2, t3, t4, t5, t6 = AT
    by, worker = ACTOR, WORKER
    step = b_step
    out = []
    for i, tid in enumerate(ids):
        t = b_report(tid, TITLE, t0, by)
        if is_rejected(i):
            t = step(t, "reject", t1, by)
        else:
            t = step(t, "accept", t1, by)
            t = step(t, "assign", t2, by, assignee=worker)
            t = step(t, "start", t3, worker)
            t = step(t, "resolve", t4, worker, evidence=EVIDENCE)
            t = step(t, "evaluate", t5, by, satisfied=True)
            t = step(t, "close", t6, by)
        out.append(t)
    return out


def state_baseline(t: Any) -> tuple[str, int]:
    return t.state, len(t.history)


# -- measuring ---------------------------------------------------------------------------


@attrs.frozen
class Contender:
    key: str
    name: str
    drive: Callable[[Sequence[str]], list[Any]]
    state: Callable[[Any], tuple[str, int]]
    scale: int = 1  # drive 1/scale of the instances (for the slow ones)


def _named(dist: str) -> str:
    return f"{dist} {version(dist)}"


CONTENDERS = (
    Contender("jiceng", _named("jiceng"), drive_jiceng, state_jiceng),
    Contender("automat", _named("automat"), drive_automat, state_automat),
    Contender("transitions", _named("transitions"), drive_transitions, state_transitions),
    Contender(
        "statemachine",
        _named("python-statemachine"),
        drive_statemachine,
        state_statemachine,
        scale=10,
    ),
    Contender("baseline", "baseline (frozen attrs + dict)", drive_baseline, state_baseline),
)


def check(contender: Contender, instances: Sequence[Any]) -> None:
    """Crash unless every ticket ended where its path leads, with its full audit trail."""
    for i, instance in enumerate(instances):
        expected = REJECT if is_rejected(i) else HAPPY
        got = contender.state(instance)
        if got != expected:
            msg = f"{contender.key}: ticket {i} ended as {got}, expected {expected}"
            raise AssertionError(msg)


def time_once(contender: Contender, ids: Sequence[str]) -> float:
    """Seconds to create and drive every ticket in `ids` once, GC on; checked after."""
    gc.collect()
    start = time.perf_counter()
    instances = contender.drive(ids)
    elapsed = time.perf_counter() - start
    check(contender, instances)
    del instances
    return elapsed


def time_per_transition(
    contenders: Sequence[Contender], ids: Sequence[str], repeat: int
) -> dict[str, float]:
    """Best-of-`repeat` nanoseconds per transition of each contender, creation included.

    The contenders take turns, round by round (A B C, A B C, ...), so that a slow spell
    of a shared machine falls on all of them rather than on one.
    """
    best = dict.fromkeys((c.key for c in contenders), float("inf"))
    for _ in range(repeat):
        for contender in contenders:
            part = ids[: max(len(ids) // contender.scale, REJECT_EVERY)]
            seconds = time_once(contender, part) / transitions_for(len(part))
            best[contender.key] = min(best[contender.key], seconds)
    return {key: seconds * 1e9 for key, seconds in best.items()}


def bytes_per_instance(contender: Contender, ids: Sequence[str]) -> float:
    """Traced bytes of the finished instances kept alive, per instance."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    instances = contender.drive(ids)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    check(contender, instances)
    return (after - before - sys.getsizeof(instances)) / len(instances)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 tickets, 5 rounds")
    parser.add_argument("--instances", type=int, help="tickets per run (default 100,000)")
    parser.add_argument(
        "--repeat", type=int, help="timed rounds (each implementation once a round; best kept)"
    )
    args = parser.parse_args(argv)
    n = args.instances or (5_000 if args.quick else 100_000)
    repeat = args.repeat or (5 if args.quick else 3)
    ids = [f"T{i:06d}" for i in range(n)]

    print(
        f"{n:,} tickets ({transitions_for(n):,} transitions; every {REJECT_EVERY}th rejected), "
        f"best of {repeat}, GC on, Python {sys.version.split()[0]}"
    )
    for contender in CONTENDERS:
        contender.drive(ids[:REJECT_EVERY])  # warm up: caches, lazily built tables
        if contender.scale > 1:
            count = max(n // contender.scale, REJECT_EVERY)
            print(f"  ({contender.name}: {count:,} tickets; the time is per transition)")
    times = time_per_transition(CONTENDERS, ids, repeat)
    results: dict[str, tuple[float, float]] = {}
    for contender in CONTENDERS:
        count = max(n // contender.scale, REJECT_EVERY)
        results[contender.key] = (times[contender.key], bytes_per_instance(contender, ids[:count]))

    jiceng_ns, jiceng_bytes = results["jiceng"]
    print()
    header = f"{'implementation':<32} {'ns/transition':>14} {'bytes/instance':>15} {'x jiceng':>9}"
    print(header)
    print("-" * len(header))
    for contender in CONTENDERS:
        ns, size = results[contender.key]
        print(f"{contender.name:<32} {ns:>14,.0f} {size:>15,.0f} {ns / jiceng_ns:>9.2f}")
    print(
        "\nns/transition: time to create and drive every ticket, divided by the transitions"
        "\n(creation not counted as one); bytes/instance: tracemalloc, finished tickets with"
        "\ntheir history kept alive, shared machines and tables excluded."
    )
    automat_ns = results["automat"][0]
    transitions_ns, transitions_bytes = results["transitions"]
    statemachine_ns = results["statemachine"][0]
    baseline_ns = results["baseline"][0]
    print(
        f"ratios: automat={automat_ns / jiceng_ns:.2f}"
        f" transitions={transitions_ns / jiceng_ns:.2f}"
        f" statemachine={statemachine_ns / jiceng_ns:.2f}"
        f" baseline={jiceng_ns / baseline_ns:.2f}"
        f" memory={jiceng_bytes / transitions_bytes:.2f}"
    )


if __name__ == "__main__":
    main()
