"""Procedures (议事程序): sequences of steps, each a meeting kind with what it must produce.

A `Procedure` is a value, so a preset adds its own as data. A `Proceeding` follows one:
it advances only on an `Outcome` for its current step that the step accepts; a failed
outcome sends it back to an earlier step or ends it, as the step says. Built in:
四议两公开, 贵定 群众三会, 张家口 五步议事 and 瓮安's 议事会 → 公投会 → 执行会.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Self

import attrs
import pendulum

from jiceng import Actor, Entity, Event, Label, Machine, Source, State, Transition
from jiceng.checks import (
    as_frozenset,
    as_tuple,
    checked,
    flag,
    instance_of,
    items,
    member,
    optional,
    text,
)
from jiceng.decisions._disclosure import Disclosure
from jiceng.decisions._disclosure_data import DisclosureState
from jiceng.decisions._meeting_data import MeetingState, Tally
from jiceng.decisions._meetings import Meeting
from jiceng.exceptions import FieldError, ValidationError


def _names(value: Iterable[str]) -> frozenset[str]:
    return as_frozenset(value)


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return as_tuple(value)


class Requirement(enum.Enum):
    """What a step must produce before the procedure moves on."""

    PASSED = "passed"  # a motion passed at a meeting of one of the step's kinds
    HELD = "held"  # a meeting of one of the step's kinds was held to its end
    DISCLOSED = "disclosed"  # a notice served its full period
    DONE = "done"  # work recorded as done (收集问题, 分流落实, ...)


@attrs.frozen(kw_only=True)
class Step:
    """One step: its meeting kinds (`MeetingKind.name`), what it needs, where a failure goes.

    `on_failure` names an earlier step (or this one) to go back to; `None` ends the procedure.
    """

    name: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    requires: Requirement = attrs.field(validator=member(Requirement))
    kinds: frozenset[str] = attrs.field(
        default=frozenset(), converter=_names, validator=items(text(), kinds=(frozenset,))
    )
    on_failure: str | None = attrs.field(default=None, validator=optional(text()))


@attrs.frozen(kw_only=True)
class Procedure:
    """A named sequence of steps, checked when it is defined."""

    name: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    steps: tuple[Step, ...] = attrs.field(converter=_steps, validator=items(instance_of(Step)))
    source: Source = attrs.field(validator=instance_of(Source))

    def __attrs_post_init__(self) -> None:
        errors = []
        if not self.steps:
            errors.append(FieldError("steps", "a procedure needs at least one step"))
        seen: list[str] = []
        for index, step in enumerate(self.steps):
            where = f"steps[{index}]"
            if step.name in seen:
                errors.append(FieldError(where, f"step {step.name!r} is declared twice"))
            meeting = step.requires in (Requirement.PASSED, Requirement.HELD)
            if meeting != bool(step.kinds):
                msg = "a meeting step names its meeting kinds, and only a meeting step does"
                errors.append(FieldError(where, msg))
            if step.on_failure is not None and step.on_failure not in (*seen, step.name):
                msg = f"it can only go back to an earlier step, not {step.on_failure!r}"
                errors.append(FieldError(where, msg))
            seen.append(step.name)
        if errors:
            raise ValidationError(errors, subject="procedure")

    def index(self, step: str) -> int:
        """The position of the step named `step`."""
        return [s.name for s in self.steps].index(step)


# -- outcomes ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Outcome:
    """What a step produced: a meeting's result, a served notice, or work done."""

    step: str = attrs.field(validator=text())
    passed: bool = attrs.field(validator=flag())
    kind: str | None = attrs.field(default=None, validator=optional(text()))
    meeting: str | None = attrs.field(default=None, validator=optional(text()))
    tally: Tally | None = attrs.field(default=None, validator=optional(instance_of(Tally)))
    disclosure: str | None = attrs.field(default=None, validator=optional(text()))
    note: str = attrs.field(default="", validator=text(blank=True))

    @classmethod
    def of_meeting(cls, step: str, meeting: Meeting, motion: str | None = None) -> Outcome:
        """The outcome of a meeting that has ended: its motion's tally, or that it was held.

        An inquorate meeting fails its step; a meeting still sitting is refused.
        """
        if meeting.state not in (MeetingState.CONCLUDED, MeetingState.INQUORATE):
            msg = f"meeting {meeting.id} is {meeting.state.zh}; use it once it has ended"
            raise ValidationError.single("meeting", msg, subject="outcome")
        tally = meeting.result(motion) if motion is not None else None
        held = meeting.state is MeetingState.CONCLUDED
        return cls(
            step=step,
            passed=held if tally is None else tally.passed,
            kind=meeting.kind.name,
            meeting=meeting.id,
            tally=tally,
        )

    @classmethod
    def of_disclosure(cls, step: str, notice: Disclosure) -> Outcome:
        """The outcome of a notice that has served its period."""
        if notice.state is not DisclosureState.COMPLETED:
            msg = f"notice {notice.id} is still posted; use it once its period is served"
            raise ValidationError.single("notice", msg, subject="outcome")
        return cls(step=step, passed=True, disclosure=notice.id)

    @classmethod
    def done(cls, step: str, *, passed: bool = True, note: str = "") -> Outcome:
        """Work recorded as done (or, with `passed=False`, found wanting)."""
        return cls(step=step, passed=passed, note=note)


_OUTCOME = instance_of(Outcome)


# -- states and events -------------------------------------------------------------------


class ProceedingState(State):
    """Where a proceeding stands."""

    UNDER_WAY = "under_way", "进行中", "Under way"
    COMPLETED = "completed", "已完成", "Completed"
    STOPPED = "stopped", "已终止", "Stopped"
    WITHDRAWN = "withdrawn", "已撤回", "Withdrawn"


@attrs.frozen(kw_only=True)
class ProcedureStarted(Event):
    """A matter entered a procedure."""

    proceeding_id: str
    subject: str
    procedure: Procedure


@attrs.frozen(kw_only=True)
class StepCompleted(Event):
    """A step produced what it needs; the next one begins."""

    outcome: Outcome


@attrs.frozen(kw_only=True)
class ProcedureCompleted(Event):
    """The last step produced what it needs."""

    outcome: Outcome


@attrs.frozen(kw_only=True)
class SentBack(Event):
    """A step failed and the procedure goes back to an earlier step."""

    outcome: Outcome


@attrs.frozen(kw_only=True)
class ProcedureStopped(Event):
    """A step failed and the procedure ends there."""

    outcome: Outcome


@attrs.frozen(kw_only=True)
class ProcedureWithdrawn(Event):
    """The matter was withdrawn."""


# -- the steps' guards: each outcome fits the current step --


def _fits(proceeding: Proceeding, outcome: Outcome) -> str | None:
    """Steps are taken in order, each by what it requires."""
    step = proceeding.step
    if outcome.step != step.name:
        return (
            f"the procedure is at step {step.name!r} ({step.label.zh}); "
            f"{outcome.step!r} cannot be recorded now: steps are taken in order"
        )
    if step.kinds and outcome.kind not in step.kinds:
        kinds = ", ".join(sorted(step.kinds))
        return f"{step.label.zh} is held by a meeting of {kinds}, not {outcome.kind or 'none'}"
    if step.requires is Requirement.PASSED and outcome.passed and outcome.tally is None:
        return f"{step.label.zh} needs a motion passed, with its tally"
    if step.requires is Requirement.DISCLOSED and outcome.disclosure is None:
        return f"{step.label.zh} needs a notice that served its period"
    return None


def _passed(outcome: Outcome, *, want: bool) -> str | None:
    if outcome.passed == want:
        return None
    return f"the outcome of {outcome.step!r} {'failed' if want else 'passed'}"


def _with(proceeding: Proceeding, outcome: Outcome) -> tuple[Outcome, ...]:
    return (*proceeding.outcomes, outcome)


# -- 启动 start --


def started(_: None, event: ProcedureStarted) -> Mapping[str, Any]:
    return {"id": event.proceeding_id, "subject": event.subject, "procedure": event.procedure}


# -- 进入下一步 advance --


def advances(proceeding: Proceeding, event: StepCompleted) -> str | None:
    """A passed outcome for the current step, which is not the last."""
    if proceeding.is_last_step:
        return "this is the last step: complete the procedure instead"
    return _fits(proceeding, event.outcome) or _passed(event.outcome, want=True)


def advanced(proceeding: Proceeding, event: StepCompleted) -> Mapping[str, Any]:
    return {"position": proceeding.position + 1, "outcomes": _with(proceeding, event.outcome)}


# -- 完成 complete (and 终止 stop: both keep the last outcome) --


def completes(proceeding: Proceeding, event: ProcedureCompleted) -> str | None:
    """A passed outcome for the last step."""
    if not proceeding.is_last_step:
        return f"steps remain after {proceeding.step.name!r}"
    return _fits(proceeding, event.outcome) or _passed(event.outcome, want=True)


def concluded(
    proceeding: Proceeding, event: ProcedureCompleted | ProcedureStopped
) -> Mapping[str, Any]:
    return {"outcomes": _with(proceeding, event.outcome)}


# -- 退回 send_back --


def goes_back(proceeding: Proceeding, event: SentBack) -> str | None:
    """A failed outcome for a step that sends failures back."""
    if proceeding.step.on_failure is None:
        return f"a failure at {proceeding.step.label.zh} ends the procedure"
    return _fits(proceeding, event.outcome) or _passed(event.outcome, want=False)


def sent_back(proceeding: Proceeding, event: SentBack) -> Mapping[str, Any]:
    back = proceeding.procedure.index(proceeding.step.on_failure or "")
    return {"position": back, "outcomes": _with(proceeding, event.outcome)}


# -- 终止 stop (its fold is `concluded`) --


def ends(proceeding: Proceeding, event: ProcedureStopped) -> str | None:
    """A failed outcome for a step whose failure ends the procedure."""
    if proceeding.step.on_failure is not None:
        return (
            f"a failure at {proceeding.step.label.zh} goes back to {proceeding.step.on_failure!r}"
        )
    return _fits(proceeding, event.outcome) or _passed(event.outcome, want=False)


# -- the machine -------------------------------------------------------------------------

PROCEDURE: Machine[ProceedingState] = Machine(
    name="decisions.proceeding",
    label=Label("议事程序", "Proceeding"),
    states=ProceedingState,
    initial=ProceedingState.UNDER_WAY,
    final={ProceedingState.COMPLETED, ProceedingState.STOPPED, ProceedingState.WITHDRAWN},
    transitions=[
        Transition(
            command="start",
            event=ProcedureStarted,
            sources=(),
            target=ProceedingState.UNDER_WAY,
            label=Label("启动", "Start"),
            fold=started,
        ),
        Transition(
            command="advance",
            event=StepCompleted,
            sources={ProceedingState.UNDER_WAY},
            target=None,
            label=Label("进入下一步", "Advance"),
            guard=advances,
            fold=advanced,
        ),
        Transition(
            command="complete",
            event=ProcedureCompleted,
            sources={ProceedingState.UNDER_WAY},
            target=ProceedingState.COMPLETED,
            label=Label("完成", "Complete"),
            guard=completes,
            fold=concluded,
        ),
        Transition(
            command="send_back",
            event=SentBack,
            sources={ProceedingState.UNDER_WAY},
            target=None,
            label=Label("退回", "Send back"),
            guard=goes_back,
            fold=sent_back,
        ),
        Transition(
            command="stop",
            event=ProcedureStopped,
            sources={ProceedingState.UNDER_WAY},
            target=ProceedingState.STOPPED,
            label=Label("终止", "Stop"),
            guard=ends,
            fold=concluded,
        ),
        Transition(
            command="withdraw",
            event=ProcedureWithdrawn,
            sources={ProceedingState.UNDER_WAY},
            target=ProceedingState.WITHDRAWN,
            label=Label("撤回", "Withdraw"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Proceeding(Entity[ProceedingState], machine=PROCEDURE):
    """A matter going through a `Procedure`, one step at a time."""

    id: str
    subject: str
    procedure: Procedure
    position: int = 0
    outcomes: tuple[Outcome, ...] = ()

    @classmethod
    def start(
        cls, *, id: str, subject: str, procedure: Procedure, by: Actor, at: pendulum.DateTime
    ) -> Proceeding:
        """Put `subject` through `procedure`, at its first step."""
        return cls._start(
            ProcedureStarted(proceeding_id=id, subject=subject, procedure=procedure, by=by, at=at)
        )

    @checked
    def record(self, outcome: Outcome, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record the current step's outcome and move as the procedure says: to the next
        step, to completion, back to an earlier step, or to its end."""
        if outcome.passed:
            command = self.complete if self.is_last_step else self.advance
        else:
            command = self.stop if self.step.on_failure is None else self.send_back
        return command(outcome, by=by, at=at)

    def advance(self, outcome: Outcome, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The current step passed; go to the next."""
        return self._record(StepCompleted(outcome=outcome, by=by, at=at))

    def complete(self, outcome: Outcome, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The last step passed."""
        return self._record(ProcedureCompleted(outcome=outcome, by=by, at=at))

    def send_back(self, outcome: Outcome, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The current step failed; go back to the step it names."""
        return self._record(SentBack(outcome=outcome, by=by, at=at))

    def stop(self, outcome: Outcome, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The current step failed; the procedure ends."""
        return self._record(ProcedureStopped(outcome=outcome, by=by, at=at))

    def withdraw(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Withdraw the matter."""
        return self._record(ProcedureWithdrawn(reason=reason, by=by, at=at))

    @property
    def step(self) -> Step:
        """The step the proceeding is at (the last one, once it has ended)."""
        return self.procedure.steps[self.position]

    @property
    def is_last_step(self) -> bool:
        """Whether the current step is the procedure's last."""
        return self.position == len(self.procedure.steps) - 1


# -- built-in procedures -----------------------------------------------------------------

_ASSEMBLIES = {"villagers_assembly", "villager_representatives"}

_DELIBERATE = Step(
    name="deliberate",
    label=Label("议事会", "deliberation"),
    requires=Requirement.PASSED,
    kinds={"deliberation"},
)
"""议事会: the representatives (or a council) sign off a proposal, as 贵定 and 瓮安 both begin."""


def _referendum(*kinds: str) -> Step:
    """公投会: the villagers settle the matter, at any of these kinds of meeting."""
    return Step(
        name="referendum",
        label=Label("公投会", "referendum"),
        requires=Requirement.PASSED,
        kinds=kinds,
    )


FOUR_DELIBERATIONS_TWO_DISCLOSURES = Procedure(
    name="four_deliberations_two_disclosures",
    label=Label("四议两公开", "four deliberations, two disclosures"),
    source=Source("四议两公开工作法 (practice; 湄潭 群众会+, seed 000)"),
    steps=(
        Step(
            name="propose",
            label=Label("党支部会提议", "the party branch proposes"),
            requires=Requirement.PASSED,
            kinds={"branch_committee"},
        ),
        Step(
            name="consult",
            label=Label("两委会商议", "the two committees consult"),
            requires=Requirement.PASSED,
            kinds={"two_committees"},
            on_failure="propose",
        ),
        Step(
            name="review",
            label=Label("党员大会审议", "the party members review"),
            requires=Requirement.PASSED,
            kinds={"party_members"},
            on_failure="propose",
        ),
        Step(
            name="resolve",
            label=Label("村民(代表)会议决议", "the villagers' (representative) assembly resolves"),
            requires=Requirement.PASSED,
            kinds=_ASSEMBLIES,
        ),
        Step(
            name="disclose_decision",
            label=Label("决议公开", "the decision is disclosed"),
            requires=Requirement.DISCLOSED,
        ),
        Step(
            name="disclose_result",
            label=Label("实施结果公开", "the result is disclosed"),
            requires=Requirement.DISCLOSED,
        ),
    ),
)
"""四议两公开: a rejection by the 两委会 or the 党员大会 sends the proposal back to the
branch; a rejection by the villagers ends it."""

THREE_MASS_MEETINGS = Procedure(
    name="three_mass_meetings",
    label=Label("群众三会", "three mass meetings"),
    source=Source("贵定县 群众三会 (seed 000): 代表签发、群众开问、村民拍板"),
    steps=(
        _DELIBERATE,
        Step(
            name="inquire",
            label=Label("质询会", "inquiry"),
            requires=Requirement.HELD,
            kinds={"inquiry"},
        ),
        _referendum("referendum", "villagers_assembly"),
    ),
)
"""贵定 群众三会: representatives sign off a proposal (议事会), villagers question the
officials (质询会), villagers settle it (公投会). A failed vote ends it."""

FIVE_STEP_DELIBERATION = Procedure(
    name="five_step_deliberation",
    label=Label("五步议事", "five-step deliberation"),
    source=Source("张家口市桥西区 居民议事厅 五步议事 (seed 003)"),
    steps=(
        Step(name="collect", label=Label("收集问题", "collect issues"), requires=Requirement.DONE),
        Step(name="set_topic", label=Label("确定议题", "set the topic"), requires=Requirement.DONE),
        Step(
            name="consult",
            label=Label("协商议事", "consult"),
            requires=Requirement.PASSED,
            kinds={"residents_council"},
            on_failure="set_topic",
        ),
        Step(
            name="assign",
            label=Label("分流落实", "assign and carry out"),
            requires=Requirement.DONE,
        ),
        Step(
            name="review",
            label=Label("监督评审", "supervise and review"),
            requires=Requirement.DONE,
            on_failure="assign",
        ),
    ),
)
"""张家口 五步议事: a consultation that agrees nothing goes back to setting the topic; a
review that finds the work wanting sends it back to be carried out again."""

WENGAN_THREE_MEETINGS = Procedure(
    name="wengan_three_meetings",
    label=Label("议事会、公投会、执行会", "deliberation, referendum, implementation"),
    source=Source("瓮安县 村民小组自治 (seed 000)"),
    steps=(
        _DELIBERATE,
        _referendum("referendum", "villagers_assembly", "villager_group"),
        Step(
            name="execute",
            label=Label("执行会", "implementation meeting"),
            requires=Requirement.HELD,
            kinds={"execution"},
        ),
    ),
)
"""瓮安: 议事会, 公投会, 执行会, toward 民事民议、民事民办、民事民管 (seed 000)."""
