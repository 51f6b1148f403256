"""一事一议 projects: public-welfare works funded by villagers' money and labour (筹资筹劳).

A project is proposed by the villagers' committee, by a tenth of the villagers or by a
fifth of the representatives; its per-person funding and per-labourer labour must stay
within the caps (configurable; older provincial caps were 15元 per person per year and 10
standard workdays per labourer per year); and it is decided as a 村民委员会组织法 第24条
matter (本村公益事业的兴办和筹资筹劳方案), by the 村民会议 or a 村民代表会议 it authorised.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from typing import Annotated, Any, Final, Self, TypeAlias

import attrs
import pendulum

from jiceng import Actor, Entity, Event, Label, Machine, Source, State, Transition
from jiceng.checks import between, instance_of, money, optional, text
from jiceng.decisions._matters import PUBLIC_WELFARE
from jiceng.decisions._meeting_data import MeetingState, Purpose, Tally
from jiceng.decisions._meetings import Meeting
from jiceng.decisions._rolls import RollKind
from jiceng.decisions._thresholds import (
    AT_LEAST_ONE_FIFTH,
    AT_LEAST_ONE_TENTH,
    Requisition,
    RequisitionRule,
)
from jiceng.exceptions import FieldError, ValidationError

_FUNDING_MEASURES = Source("村民一事一议筹资筹劳管理办法(2007)")


MAX_LEVY: Final = decimal.Decimal("1000.00")
"""The most a project may ask of one person in a year, in yuan: 1,000元. The caps are far
lower (15元 in the older provincial ones), so that a levy above a cap is refused by the cap,
with its source; the range only keeps out what no cap could mean."""

Levy: TypeAlias = Annotated[decimal.Decimal, money(decimal.Decimal(0), MAX_LEVY)]
"""Money raised per person per year (每人每年筹资), in yuan to the fen: 0 to `MAX_LEVY`."""

MAX_LABOUR_DAYS: Final = 365
"""The most standard workdays a project may ask of one labourer in a year: the days of a
year. Caps are far lower (10 in the older ones), and refuse a larger ask with their source."""

LabourDays: TypeAlias = Annotated[int, between(0, MAX_LABOUR_DAYS)]
"""Labour per labourer per year (每个劳动力每年筹劳), in standard workdays (标准工日): 0 to
`MAX_LABOUR_DAYS`."""


class FundingCapError(ValidationError):
    """A project asking more money or labour of each villager than the caps allow."""


@attrs.frozen(kw_only=True)
class FundingCaps:
    """Per-year caps on 筹资 (yuan per person, 0 to `MAX_LEVY`) and 筹劳 (standard workdays
    per labourer, 0 to `MAX_LABOUR_DAYS`); `None` leaves one uncapped."""

    name: str = attrs.field(validator=text())
    cash_per_person: decimal.Decimal | None = attrs.field(
        validator=optional(money(decimal.Decimal(0), MAX_LEVY))
    )
    workdays_per_labourer: int | None = attrs.field(validator=optional(between(0, MAX_LABOUR_DAYS)))
    source: Source = attrs.field(validator=instance_of(Source))


OLDER_PROVINCIAL_CAPS = FundingCaps(
    name="older_provincial",
    cash_per_person=decimal.Decimal("15.00"),
    workdays_per_labourer=10,
    source=Source("省级一事一议筹资筹劳实施办法 (older caps; a preset default, not national law)"),
)
"""15元 per person per year and 10 standard workdays per labourer per year."""

PROJECT_PROPOSERS: tuple[RequisitionRule, ...] = (
    RequisitionRule(roll=RollKind.ADULTS, threshold=AT_LEAST_ONE_TENTH, source=_FUNDING_MEASURES),
    RequisitionRule(
        roll=RollKind.REPRESENTATIVES, threshold=AT_LEAST_ONE_FIFTH, source=_FUNDING_MEASURES
    ),
)
"""Besides the villagers' committee: 十分之一以上的村民 or 五分之一以上的村民代表 联名提出."""


class ProjectState(State):
    """Where a 一事一议 project stands."""

    PROPOSED = "proposed", "已提议", "Proposed"
    APPROVED = "approved", "已通过", "Approved"
    REJECTED = "rejected", "未通过", "Rejected"


@attrs.frozen(kw_only=True)
class ProjectProposed(Event):
    """A project was proposed, by the committee (no `requisition`) or by signatories."""

    project_id: str
    title: str
    cash_per_person: decimal.Decimal
    workdays_per_labourer: int
    caps: FundingCaps
    requisition: Requisition | None = None


@attrs.frozen(kw_only=True)
class ProjectApproved(Event):
    """The meeting passed the project."""

    meeting: str
    tally: Tally


@attrs.frozen(kw_only=True)
class ProjectRejected(Event):
    """The meeting did not pass the project."""

    meeting: str
    tally: Tally


# -- 提议 propose --


def proposed(_: None, event: ProjectProposed) -> Mapping[str, Any]:
    return {
        "id": event.project_id,
        "title": event.title,
        "cash_per_person": event.cash_per_person,
        "workdays_per_labourer": event.workdays_per_labourer,
        "caps": event.caps,
        "requisition": event.requisition,
    }


# -- 表决通过 approve --


def passed(project: Project, event: ProjectApproved) -> str | None:
    """Approval needs a motion that passed."""
    return None if event.tally.passed else f"the vote failed: {event.tally}"


def decided(_: Project, event: ProjectApproved | ProjectRejected) -> Mapping[str, Any]:
    return {"meeting": event.meeting, "tally": event.tally}


# -- 表决未通过 reject (its fold is `decided`) --


def failed(project: Project, event: ProjectRejected) -> str | None:
    """Rejection needs a motion that failed."""
    return f"the vote passed: {event.tally}" if event.tally.passed else None


_RESERVED_MATTER_ARTICLE = Source("村民委员会组织法(2018) 第24条第1款第3项")

PROJECT: Machine[ProjectState] = Machine(
    name="decisions.project",
    label=Label("一事一议", "one project, one deliberation"),
    states=ProjectState,
    initial=ProjectState.PROPOSED,
    final={ProjectState.APPROVED, ProjectState.REJECTED},
    transitions=[
        Transition(
            command="propose",
            event=ProjectProposed,
            sources=(),
            target=ProjectState.PROPOSED,
            label=Label("提议", "Propose"),
            fold=proposed,
            source=_FUNDING_MEASURES,
        ),
        Transition(
            command="approve",
            event=ProjectApproved,
            sources={ProjectState.PROPOSED},
            target=ProjectState.APPROVED,
            label=Label("表决通过", "Approve"),
            guard=passed,
            fold=decided,
            source=_RESERVED_MATTER_ARTICLE,
        ),
        Transition(
            command="reject",
            event=ProjectRejected,
            sources={ProjectState.PROPOSED},
            target=ProjectState.REJECTED,
            label=Label("表决未通过", "Reject"),
            guard=failed,
            fold=decided,
            source=_RESERVED_MATTER_ARTICLE,
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Project(Entity[ProjectState], machine=PROJECT):
    """A 一事一议 project: what each villager pays and works, and the meeting that decided it."""

    id: str
    title: str
    cash_per_person: decimal.Decimal
    workdays_per_labourer: int
    caps: FundingCaps
    requisition: Requisition | None = None
    meeting: str | None = None
    tally: Tally | None = None

    @classmethod
    def propose(
        cls,
        *,
        id: str,
        title: str,
        cash_per_person: Levy,
        workdays_per_labourer: LabourDays,
        caps: FundingCaps = OLDER_PROVINCIAL_CAPS,
        requisition: Requisition | None = None,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Project:
        """Propose a project; `requisition` when villagers or representatives propose it.

        `cash_per_person` is in yuan to the fen, 0 to `MAX_LEVY` (`Levy`), and
        `workdays_per_labourer` in standard workdays, 0 to `MAX_LABOUR_DAYS` (`LabourDays`).
        `FundingCapError` when it asks more than the caps; `RequisitionError` when the
        signatures fall short of a tenth of the villagers or a fifth of the representatives.
        """
        errors = []
        if caps.cash_per_person is not None and cash_per_person > caps.cash_per_person:
            msg = f"{cash_per_person}元 per person exceeds {caps.cash_per_person}元 ({caps.source})"
            errors.append(FieldError("cash_per_person", msg))
        cap_days = caps.workdays_per_labourer
        if cap_days is not None and workdays_per_labourer > cap_days:
            msg = f"{workdays_per_labourer} workdays exceed {cap_days} ({caps.source})"
            errors.append(FieldError("workdays_per_labourer", msg))
        if errors:
            raise FundingCapError(errors, subject="project")
        if requisition is not None:
            requisition.check(PROJECT_PROPOSERS, "一事一议 project")
        event = ProjectProposed(
            project_id=id,
            title=title,
            cash_per_person=cash_per_person,
            workdays_per_labourer=workdays_per_labourer,
            caps=caps,
            requisition=requisition,
            by=by,
            at=at,
        )
        return cls._start(event)

    def record_vote(
        self, meeting: Meeting, motion: str, *, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Approve or reject the project as the meeting's vote on `motion` went.

        The meeting must have ended and the motion must decide a public-welfare matter
        (第24条第1款第3项), which the meeting refused unless it could decide it.
        """
        errors = [
            *_MEETING.problems(meeting, "record_vote.meeting"),
            *_MOTION.problems(motion, "record_vote.motion"),
        ]
        if errors:
            raise ValidationError(errors, subject="Project command")
        command = self.approve if _decision(meeting, motion).passed else self.reject
        return command(meeting, motion, by=by, at=at)

    def approve(self, meeting: Meeting, motion: str, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that the meeting passed the project (refused if the vote failed)."""
        tally = _decision(meeting, motion)
        return self._record(ProjectApproved(meeting=meeting.id, tally=tally, by=by, at=at))

    def reject(self, meeting: Meeting, motion: str, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that the meeting did not pass the project (refused if the vote passed)."""
        tally = _decision(meeting, motion)
        return self._record(ProjectRejected(meeting=meeting.id, tally=tally, by=by, at=at))


_MEETING = instance_of(Meeting)
_MOTION = text()


def _decision(meeting: Meeting, motion_id: str) -> Tally:
    if meeting.state is not MeetingState.CONCLUDED:
        msg = f"meeting {meeting.id} is {meeting.state.zh}; a decision needs a concluded meeting"
        raise ValidationError.single("meeting", msg)
    motion = meeting.motion(motion_id)
    if motion.matter != PUBLIC_WELFARE or motion.purpose is not Purpose.DECIDE:
        msg = (
            f"motion {motion_id} does not decide {PUBLIC_WELFARE.label.zh} "
            f"({PUBLIC_WELFARE.source}), so it cannot decide a 一事一议 project"
        )
        raise ValidationError.single("motion", msg)
    return meeting.result(motion_id)
