"""Meetings (会议): convened with notice, attendance, motions, ballots, tallies, inquiries.

A meeting is convened with its kind (the rules), its roll (who may attend and vote) and
an agenda; it opens only with a quorum, or ends with its failure recorded in figures.
While it sits, motions are moved and voted on, openly or by secret ballot, at a
质询会 questions are put to named officials, and where the kind holds appraisals (述职评议)
cadres report on their duties and the members present rate them. After it closes each
motion is tallied into a `Tally` with the figures that justify the result.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Final, Self, TypeAlias, TypeVar

import attrs
import pendulum

from jiceng import (
    Actor,
    Entity,
    Event,
    Label,
    Machine,
    Rate,
    Source,
    State,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.checks import MAX_ITEMS, between
from jiceng.decisions._appraisals import Appraisal, CadreRating, Rating
from jiceng.decisions._kinds import MeetingKind
from jiceng.decisions._matters import Delegation, Matter, authority_problem
from jiceng.decisions._rolls import Roll
from jiceng.decisions._rules import Base, QuorumCount, Requisition
from jiceng.exceptions import FieldError, NotFoundError, ValidationError

__all__ = [
    "MAX_BALLOTS",
    "MEETING",
    "AnswerGiven",
    "Attended",
    "Ballot",
    "BallotBox",
    "Ballots",
    "CadreRated",
    "Choice",
    "Closed",
    "Concluded",
    "Convened",
    "DutyReport",
    "DutyReported",
    "Meeting",
    "MeetingCancelled",
    "MeetingState",
    "Motion",
    "MotionMoved",
    "NoticeError",
    "Opened",
    "Purpose",
    "Question",
    "QuestionPut",
    "QuorumFailed",
    "SatisfactionRecorded",
    "Tallied",
    "Tally",
    "Voted",
]


class NoticeError(ValidationError):
    """A meeting convened with less notice than its kind requires (e.g. 第21条: 提前十天)."""


class MeetingState(State):
    """Where a meeting stands."""

    CONVENED = "convened", "已召集", "Convened"
    OPEN = "open", "开会中", "In session"
    CLOSED = "closed", "已闭会待计票", "Closed, counting"
    CONCLUDED = "concluded", "已结束", "Concluded"
    INQUORATE = "inquorate", "未达法定人数", "Inquorate"
    CANCELLED = "cancelled", "已取消", "Cancelled"


class Choice(enum.Enum):
    """A vote (表决意见)."""

    FOR = "for"  # 赞成
    AGAINST = "against"  # 反对
    ABSTAIN = "abstain"  # 弃权


class Purpose(enum.Enum):
    """What a motion does: decide a matter (决定), or recommend it to the body that decides
    (提议, 商议, 审议), as the 两委会 and the 党员大会 do in 四议两公开."""

    DECIDE = "decide"
    RECOMMEND = "recommend"


# -- values ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Motion:
    """A motion (议案) moved at a meeting, by whom, and whether it is voted on in secret."""

    id: str
    title: str
    mover: Actor
    matter: Matter | None = None
    purpose: Purpose = Purpose.DECIDE
    secret: bool = False


@attrs.frozen(kw_only=True)
class Ballot:
    """That `voter` voted on `motion`; `choice` is `None` for a secret ballot (无记名投票)."""

    motion: str
    voter: str
    choice: Choice | None


MAX_BALLOTS: Final = MAX_ITEMS
"""The most ballots or votes any count holds: 100,000, the most members a roll or a register
of voters holds (`jiceng.checks.MAX_ITEMS`), so that no count exceeds those who could vote."""

Ballots: TypeAlias = Annotated[int, between(0, MAX_BALLOTS)]
"""A count of ballots or of votes (票数): 0 to `MAX_BALLOTS` (100,000)."""


@attrs.frozen(kw_only=True)
class BallotBox:
    """The counted contents of a secret ballot's box (开箱计票): ballots by choice, each
    count from 0 to `MAX_BALLOTS`."""

    yes: int = attrs.field(validator=between(0, MAX_BALLOTS))
    no: int = attrs.field(validator=between(0, MAX_BALLOTS))
    abstain: int = attrs.field(default=0, validator=between(0, MAX_BALLOTS))
    invalid: int = attrs.field(default=0, validator=between(0, MAX_BALLOTS))

    @property
    def total(self) -> int:
        """Every ballot found in the box."""
        return self.yes + self.no + self.abstain + self.invalid


@attrs.frozen(kw_only=True)
class Tally:
    """A motion's result (表决结果) with the figures that justify it.

    `base` is the count the majority is taken of (those present, or all members for
    the 党员大会) and `needed` the fewest votes for that pass; `voted` counts ballots.
    """

    motion: str
    secret: bool
    members: int
    present: int
    voted: int
    yes: int
    no: int
    abstain: int
    invalid: int
    base: int
    needed: int
    passed: bool

    @property
    def support(self) -> Rate:
        """Votes for, out of the base."""
        return Rate(self.yes, self.base)

    def __str__(self) -> str:
        outcome = "通过" if self.passed else "未通过"
        spoiled = f"、废票 {self.invalid}" if self.invalid else ""
        return (
            f"{self.motion}: 赞成 {self.yes}、反对 {self.no}、弃权 {self.abstain}{spoiled}"
            f"（应到 {self.members} 人，到会 {self.present} 人，投票 {self.voted} 人）；"
            f"需赞成 {self.needed} 票（基数 {self.base}），{outcome}"
        )


@attrs.frozen(kw_only=True)
class DutyReport:
    """A cadre's report on their duties at a meeting (述职), which the members then rate."""

    cadre: Actor
    text: str


@attrs.frozen(kw_only=True)
class Question:
    """A question put at a 质询会 (质询), its answer, and whether the questioner is satisfied."""

    id: str
    questioner: str
    to: Actor
    text: str
    answer: str | None = None
    satisfied: bool | None = None


# -- events ------------------------------------------------------------------------------


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _people(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Convened(Event):
    """The meeting was called and notice given (召集、通知) at `at`, for `opens`."""

    meeting_id: str
    title: str
    kind: MeetingKind
    roll: Roll
    opens: pendulum.DateTime
    agenda: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    requisition: Requisition | None = None
    delegation: Delegation | None = None


@attrs.frozen(kw_only=True)
class Attended(Event):
    """These members signed in (签到)."""

    people: frozenset[str] = attrs.field(converter=_people)


@attrs.frozen(kw_only=True)
class Opened(Event):
    """The meeting opened with a quorum, whose figures are recorded."""

    quorum: QuorumCount


@attrs.frozen(kw_only=True)
class QuorumFailed(Event):
    """The meeting could not be held: too few attended (未达法定人数), with the figures."""

    quorum: QuorumCount


@attrs.frozen(kw_only=True)
class MeetingCancelled(Event):
    """The meeting was called off before it opened."""


@attrs.frozen(kw_only=True)
class MotionMoved(Event):
    """A motion was put to the meeting (提出议案) by `by`."""

    motion: Motion


@attrs.frozen(kw_only=True)
class Voted(Event):
    """`voter` voted on `motion`; for a secret ballot, how is not recorded."""

    motion: str
    voter: str
    choice: Choice | None


@attrs.frozen(kw_only=True)
class QuestionPut(Event):
    """`by` put a question to an official (质询)."""

    question: str
    to: Actor
    text: str


@attrs.frozen(kw_only=True)
class AnswerGiven(Event):
    """The official answered (答复)."""

    question: str
    text: str


@attrs.frozen(kw_only=True)
class SatisfactionRecorded(Event):
    """The questioner said whether the answer satisfies them (满意 / 不满意)."""

    question: str
    satisfied: bool


@attrs.frozen(kw_only=True)
class DutyReported(Event):
    """`by`, a cadre, reported on their duties (述职)."""

    text: str


@attrs.frozen(kw_only=True)
class CadreRated(Event):
    """`by`, a member present, rated the cadre `cadre` (评议)."""

    cadre: str
    rating: Rating


@attrs.frozen(kw_only=True)
class Closed(Event):
    """The sitting ended (闭会); counting may begin."""


@attrs.frozen(kw_only=True)
class Tallied(Event):
    """A motion's votes were counted (计票); `box` holds a secret ballot's counted box."""

    motion: str
    box: BallotBox | None = None


@attrs.frozen(kw_only=True)
class Concluded(Event):
    """Every motion is tallied and the minutes are complete (会议结束)."""


# -- guards ------------------------------------------------------------------------------

_Item = TypeVar("_Item", Motion, Question)


def _find(items: tuple[_Item, ...], item_id: str) -> _Item | None:
    return next((item for item in items if item.id == item_id), None)


def on_the_roll(meeting: Meeting, event: Attended) -> str | None:
    """Only members on the roll sign in, once each."""
    strangers = sorted(event.people - meeting.roll.members)
    if strangers:
        return f"not on the roll of this {meeting.kind.label.zh}: {', '.join(strangers)}"
    again = sorted(event.people & meeting.present)
    if again:
        return f"already signed in: {', '.join(again)}"
    return None


def _not_before_opening(meeting: Meeting, at: pendulum.DateTime) -> str | None:
    if at < meeting.opens:
        return f"the notice calls the meeting for {meeting.opens}, not before"
    return None


def quorum_met(meeting: Meeting, event: Opened) -> str | None:
    """A meeting opens at its time with a quorum (e.g. 村民委员会组织法 第22条、第26条、第28条)."""
    early = _not_before_opening(meeting, event.at)
    if early:
        return early
    count = meeting.quorum_count()
    if count.met:
        return None
    quorum = meeting.kind.quorum
    if quorum is None:
        return f"{count}: nobody has signed in"
    totals = {Base.MEMBERS: count.members, Base.HOUSEHOLDS: count.households}
    needs = " or ".join(f"{t.label.zh} ({t.threshold.minimum(totals[t.of])})" for t in quorum.tests)
    return f"{count}: {quorum.source} needs {needs}"


def quorum_not_met(meeting: Meeting, event: QuorumFailed) -> str | None:
    """A failed quorum is recorded only at the meeting's time, and only if it did fail."""
    early = _not_before_opening(meeting, event.at)
    if early:
        return early
    count = meeting.quorum_count()
    return f"{count}: open the meeting instead" if count.met else None


def may_move(meeting: Meeting, event: MotionMoved) -> str | None:
    """The kind must take votes, the motion id be new, and the body be entitled to decide
    the matter (村民委员会组织法 第24条、第27条)."""
    motion = event.motion
    if meeting.kind.majority is None:
        return f"a {meeting.kind.label.zh} takes no votes, so no motion can be put to it"
    if _find(meeting.motions, motion.id) is not None:
        return f"motion {motion.id} has already been moved"
    if motion.matter is not None and motion.purpose is Purpose.DECIDE:
        return authority_problem(meeting.kind.name, motion.matter, meeting.delegation)
    return None


def may_vote(meeting: Meeting, event: Voted) -> str | None:  # noqa: PLR0911 - one check per rule
    """Only members present vote, once per motion; a secret ballot carries no choice."""
    motion = _find(meeting.motions, event.motion)
    if motion is None:
        return f"no motion {event.motion} has been moved"
    if event.voter not in meeting.roll.members:
        return f"{event.voter} is not on the roll of this {meeting.kind.label.zh}"
    if event.voter not in meeting.present:
        return f"{event.voter} has not signed in, so cannot vote"
    if any(b.motion == event.motion and b.voter == event.voter for b in meeting.ballots):
        return f"{event.voter} has already voted on {event.motion}"
    if motion.secret and event.choice is not None:
        return f"{event.motion} is a secret ballot: record only that {event.voter} voted"
    if not motion.secret and event.choice is None:
        return f"{event.motion} is voted openly: record how {event.voter} voted"
    return None


def may_ask(meeting: Meeting, event: QuestionPut) -> str | None:
    """Questions come from members present, each with a new id."""
    if event.by.id not in meeting.present:
        return f"{event.by.id} has not signed in at this meeting"
    if _find(meeting.questions, event.question) is not None:
        return f"question {event.question} has already been put"
    return None


def may_answer(meeting: Meeting, event: AnswerGiven) -> str | None:
    """The official the question was put to answers it, once."""
    question = _find(meeting.questions, event.question)
    if question is None:
        return f"no question {event.question} has been put"
    if question.answer is not None:
        return f"question {event.question} has already been answered"
    if event.by.id != question.to.id:
        return f"question {event.question} was put to {question.to}, not to {event.by}"
    return None


def may_rate(meeting: Meeting, event: SatisfactionRecorded) -> str | None:
    """The questioner rates the answer, once it is given, once."""
    question = _find(meeting.questions, event.question)
    if question is None:
        return f"no question {event.question} has been put"
    if question.answer is None:
        return f"question {event.question} has not been answered yet"
    if question.satisfied is not None:
        return f"the answer to {event.question} has already been rated"
    if event.by.id != question.questioner:
        return f"only {question.questioner}, who asked {event.question}, rates its answer"
    return None


def may_report(meeting: Meeting, event: DutyReported) -> str | None:
    """Only a kind that holds appraisals hears reports, one per cadre (村民委员会组织法 第33条)."""
    if meeting.kind.appraisal is None:
        return f"a {meeting.kind.label.zh} holds no appraisal (述职评议)"
    if any(r.cadre.id == event.by.id for r in meeting.reports):
        return f"{event.by.id} has already reported at this meeting"
    return None


def may_appraise(meeting: Meeting, event: CadreRated) -> str | None:
    """Members present rate a cadre who has reported, once each, never themselves."""
    if all(r.cadre.id != event.cadre for r in meeting.reports):
        return f"{event.cadre} has not reported on their duties at this meeting"
    rater = event.by.id
    if rater not in meeting.present:
        return f"{rater} has not signed in at this meeting, so cannot rate"
    if rater == event.cadre:
        return f"{rater} cannot rate their own report"
    if any(r.cadre == event.cadre and r.rater == rater for r in meeting.ratings):
        return f"{rater} has already rated {event.cadre}"
    return None


def may_tally(meeting: Meeting, event: Tallied) -> str | None:
    """Each motion is tallied once; a secret ballot's box holds one ballot per voter."""
    motion = _find(meeting.motions, event.motion)
    if motion is None:
        return f"no motion {event.motion} has been moved"
    if any(r.motion == event.motion for r in meeting.results):
        return f"{event.motion} has already been tallied"
    voters = sum(b.motion == event.motion for b in meeting.ballots)
    if not motion.secret:
        return None if event.box is None else f"{event.motion} was voted openly: it has no box"
    if event.box is None:
        return f"{event.motion} was a secret ballot: give the counted box"
    if event.box.total != voters:
        return f"the box holds {event.box.total} ballots but {voters} members voted"
    return None


def all_tallied(meeting: Meeting, event: Concluded) -> str | None:
    """A meeting ends only once every motion has its result."""
    done = {r.motion for r in meeting.results}
    waiting = [m.id for m in meeting.motions if m.id not in done]
    return f"not yet tallied: {', '.join(waiting)}" if waiting else None


# -- the machine -------------------------------------------------------------------------

_S = MeetingState
_VCL22 = Source("村民委员会组织法(2018) 第22条、第26条、第28条")

MEETING: Machine[MeetingState] = Machine(
    name="decisions.meeting",
    label=Label("会议", "Meeting"),
    states=MeetingState,
    initial=_S.CONVENED,
    final={_S.CONCLUDED, _S.INQUORATE, _S.CANCELLED},
    transitions=[
        Transition(
            command="convene",
            event=Convened,
            sources=(),
            target=_S.CONVENED,
            label=Label("召集", "Convene"),
            source=Source("村民委员会组织法(2018) 第21条"),
        ),
        Transition(
            command="attend",
            event=Attended,
            sources={_S.CONVENED, _S.OPEN},
            target=None,
            label=Label("签到", "Sign in"),
            guard=on_the_roll,
        ),
        Transition(
            command="open",
            event=Opened,
            sources={_S.CONVENED},
            target=_S.OPEN,
            label=Label("开会", "Open"),
            guard=quorum_met,
            source=_VCL22,
        ),
        Transition(
            command="fail_quorum",
            event=QuorumFailed,
            sources={_S.CONVENED},
            target=_S.INQUORATE,
            label=Label("未达法定人数", "Record a failed quorum"),
            guard=quorum_not_met,
            source=_VCL22,
        ),
        Transition(
            command="cancel",
            event=MeetingCancelled,
            sources={_S.CONVENED},
            target=_S.CANCELLED,
            label=Label("取消", "Cancel"),
        ),
        Transition(
            command="move",
            event=MotionMoved,
            sources={_S.OPEN},
            target=None,
            label=Label("提出议案", "Move a motion"),
            guard=may_move,
            source=Source("村民委员会组织法(2018) 第24条、第27条"),
        ),
        Transition(
            command="vote",
            event=Voted,
            sources={_S.OPEN},
            target=None,
            label=Label("表决", "Vote"),
            guard=may_vote,
        ),
        Transition(
            command="ask",
            event=QuestionPut,
            sources={_S.OPEN},
            target=None,
            label=Label("质询", "Put a question"),
            guard=may_ask,
        ),
        Transition(
            command="answer",
            event=AnswerGiven,
            sources={_S.OPEN},
            target=None,
            label=Label("答复", "Answer"),
            guard=may_answer,
        ),
        Transition(
            command="rate",
            event=SatisfactionRecorded,
            sources={_S.OPEN},
            target=None,
            label=Label("满意度测评", "Rate the answer"),
            guard=may_rate,
        ),
        Transition(
            command="report",
            event=DutyReported,
            sources={_S.OPEN},
            target=None,
            label=Label("述职", "Report on duties"),
            guard=may_report,
            source=Source("村民委员会组织法(2018) 第33条"),
        ),
        Transition(
            command="appraise",
            event=CadreRated,
            sources={_S.OPEN},
            target=None,
            label=Label("评议", "Rate a cadre"),
            guard=may_appraise,
            source=Source("村民委员会组织法(2018) 第33条"),
        ),
        Transition(
            command="close",
            event=Closed,
            sources={_S.OPEN},
            target=_S.CLOSED,
            label=Label("闭会", "Close"),
        ),
        Transition(
            command="tally",
            event=Tallied,
            sources={_S.CLOSED},
            target=None,
            label=Label("计票", "Tally"),
            guard=may_tally,
        ),
        Transition(
            command="conclude",
            event=Concluded,
            sources={_S.CLOSED},
            target=_S.CONCLUDED,
            label=Label("结束", "Conclude"),
            guard=all_tallied,
        ),
    ],
)


# -- the entity --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Meeting(Entity[MeetingState], machine=MEETING):
    """A meeting (会议) of one `MeetingKind`, on one `Roll`.

    >>> from jiceng.decisions import MASS_MEETING, Roll
    >>> t = pendulum.datetime(2026, 5, 8, 19, tz="Asia/Shanghai")
    >>> clerk = Actor.person("c-1", "文书")
    >>> m = Meeting.convene(id="QZH-1", title="院坝群众会", kind=MASS_MEETING,
    ...     roll=Roll.participants(["a", "b", "c"]), opens=t, by=clerk, at=t)
    >>> m = m.attend(["a", "b"], by=clerk, at=t).open(by=clerk, at=t)
    >>> m = m.move("M1", title="修缮院坝", by=Actor.person("a"), at=t)
    >>> m = m.vote("M1", Choice.FOR, by=Actor.person("a"), at=t)
    >>> m = m.vote("M1", Choice.AGAINST, by=Actor.person("b"), at=t)
    >>> m = m.close(by=clerk, at=t).tally("M1", by=clerk, at=t)
    >>> m.result("M1").passed  # 1 of 2 present is not more than half
    False
    """

    id: str
    title: str
    kind: MeetingKind
    roll: Roll
    opens: pendulum.DateTime
    agenda: tuple[str, ...] = ()
    requisition: Requisition | None = None
    delegation: Delegation | None = None
    present: frozenset[str] = frozenset()
    quorum: QuorumCount | None = None
    motions: tuple[Motion, ...] = ()
    ballots: tuple[Ballot, ...] = ()
    results: tuple[Tally, ...] = ()
    questions: tuple[Question, ...] = ()
    reports: tuple[DutyReport, ...] = ()
    ratings: tuple[CadreRating, ...] = ()

    # -- commands ---------------------------------------------------------------------

    @classmethod
    def convene(
        cls,
        *,
        id: str,
        title: str,
        kind: MeetingKind,
        roll: Roll,
        opens: pendulum.DateTime,
        agenda: Iterable[str] = (),
        requisition: Requisition | None = None,
        delegation: Delegation | None = None,
        calendar: WorkCalendar | None = None,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Meeting:
        """Call a meeting for `opens`, giving notice at `at` (召集并通知).

        Refused (`ValidationError`) when the roll is not one the kind meets on, or was drawn
        up for another day; `NoticeError` when the notice is shorter than the kind requires
        (a 村民会议 on the 10th day after the notice is fine, on the 9th it is not);
        `RequisitionError` when a request to convene lacks its signatures; and when a
        delegation covers a matter that cannot be delegated to this kind.
        """
        event = Convened(
            meeting_id=id,
            title=title,
            kind=kind,
            roll=roll,
            opens=opens,
            agenda=agenda,
            requisition=requisition,
            delegation=delegation,
            by=by,
            at=at,
        )
        _check_convening(event, calendar or WeekendCalendar())
        return cls._start(event)

    def attend(self, people: Iterable[str], *, by: Actor, at: pendulum.DateTime) -> Self:
        """Sign members in (签到); `by` is whoever keeps the attendance sheet.

        Refused (`ValidationError`, path ``attend.people``) with nobody to sign in.
        """
        signed = frozenset(people)
        if not signed:
            msg = "sign in at least one member"
            raise ValidationError.single("attend.people", msg, subject="Meeting command")
        return self._record(Attended(people=signed, by=by, at=at))

    def open(self, *, by: Actor, at: pendulum.DateTime) -> Self:  # allowed-io: a command
        """Open the meeting (宣布开会): refused without a quorum."""
        return self._record(Opened(quorum=self.quorum_count(), by=by, at=at))

    def fail_quorum(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that the meeting cannot be held for want of a quorum, with the figures."""
        return self._record(QuorumFailed(quorum=self.quorum_count(), by=by, at=at))

    def cancel(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Call the meeting off before it opens."""
        return self._record(MeetingCancelled(reason=reason, by=by, at=at))

    def move(
        self,
        motion_id: str,
        *,
        title: str,
        matter: Matter | None = None,
        purpose: Purpose = Purpose.DECIDE,
        secret: bool = False,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Put a motion (提出议案), moved by `by`; `secret` for a secret ballot.

        A motion deciding a reserved `matter` is refused unless this kind may decide it
        (村民委员会组织法 第24条: the 村民会议, or a 村民代表会议 under its delegation;
        第27条: the charter and 村规民约 by the 村民会议 alone).
        """
        motion = Motion(
            id=motion_id, title=title, mover=by, matter=matter, purpose=purpose, secret=secret
        )
        return self._record(MotionMoved(motion=motion, by=by, at=at))

    def vote(
        self, motion_id: str, choice: Choice | None = None, *, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """`by` votes on a motion: with a `choice` when open, without one when secret."""
        return self._record(Voted(motion=motion_id, voter=by.id, choice=choice, by=by, at=at))

    def ask(
        self, question_id: str, *, to: Actor, text: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """`by`, a member present, puts a question to the official `to` (群众开问)."""
        return self._record(QuestionPut(question=question_id, to=to, text=text, by=by, at=at))

    def answer(self, question_id: str, *, text: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The official the question was put to answers it."""
        return self._record(AnswerGiven(question=question_id, text=text, by=by, at=at))

    def rate(self, question_id: str, *, satisfied: bool, by: Actor, at: pendulum.DateTime) -> Self:
        """The questioner says whether the answer satisfies them."""
        return self._record(
            SatisfactionRecorded(question=question_id, satisfied=satisfied, by=by, at=at)
        )

    def report(self, *, text: str, by: Actor, at: pendulum.DateTime) -> Self:
        """`by`, a cadre, reports on their duties (述职) at a kind that holds appraisals."""
        return self._record(DutyReported(text=text, by=by, at=at))

    def appraise(self, cadre: str, rating: Rating, *, by: Actor, at: pendulum.DateTime) -> Self:
        """`by`, a member present, rates the cadre with id `cadre`, who has reported (评议)."""
        return self._record(CadreRated(cadre=cadre, rating=rating, by=by, at=at))

    def close(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """End the sitting (闭会): no more votes; the counting may begin."""
        return self._record(Closed(by=by, at=at))

    def tally(
        self,
        motion_id: str,
        *,
        box: BallotBox | None = None,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Count a motion's votes (计票): from the open ballots, or a secret ballot's `box`."""
        return self._record(Tallied(motion=motion_id, box=box, by=by, at=at))

    def conclude(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """End the meeting once every motion is tallied."""
        return self._record(Concluded(by=by, at=at))

    # -- asking -----------------------------------------------------------------------

    def quorum_count(self) -> QuorumCount:
        """The attendance now, against the kind's quorum (any attendance if it has none)."""
        quorum = self.kind.quorum
        if quorum is not None:
            return quorum.count(self.roll, self.present)
        return QuorumCount(
            members=len(self.roll.members),
            present=len(self.present),
            households=len(self.roll.households),
            households_present=self.roll.households_present(self.present),
            met=bool(self.present),
        )

    def motion(self, motion_id: str) -> Motion:
        """The motion with this id; `NotFoundError` if none was moved."""
        motion = _find(self.motions, motion_id)
        if motion is None:
            raise NotFoundError(f"meeting {self.id} has no motion {motion_id}")
        return motion

    def result(self, motion_id: str) -> Tally:
        """A motion's tally; `NotFoundError` until it is tallied."""
        for tally in self.results:
            if tally.motion == motion_id:
                return tally
        raise NotFoundError(f"motion {motion_id} of meeting {self.id} has not been tallied")

    def question(self, question_id: str) -> Question:
        """The question with this id; `NotFoundError` if none was put."""
        question = _find(self.questions, question_id)
        if question is None:
            raise NotFoundError(f"meeting {self.id} has no question {question_id}")
        return question

    def appraisal(self, cadre: str) -> Appraisal:
        """The ratings of the cadre with id `cadre` and the kind's verdict on them;
        `NotFoundError` if they have not reported."""
        report = next((r for r in self.reports if r.cadre.id == cadre), None)
        rule = self.kind.appraisal
        if report is None or rule is None:
            raise NotFoundError(f"{cadre} has not reported on their duties at meeting {self.id}")
        given = [r.rating for r in self.ratings if r.cadre == cadre]
        counts = {rating: given.count(rating) for rating in Rating}
        return Appraisal(
            cadre=report.cadre,
            competent=counts[Rating.COMPETENT],
            basically_competent=counts[Rating.BASICALLY_COMPETENT],
            incompetent=counts[Rating.INCOMPETENT],
            verdict=rule.verdict(
                competent=counts[Rating.COMPETENT],
                basically_competent=counts[Rating.BASICALLY_COMPETENT],
                incompetent=counts[Rating.INCOMPETENT],
            ),
        )

    @property
    def appraisals(self) -> tuple[Appraisal, ...]:
        """Every cadre's appraisal, in the order they reported."""
        return tuple(self.appraisal(r.cadre.id) for r in self.reports)

    @property
    def satisfaction(self) -> Rate:
        """满意率: satisfied questioners out of those who rated an answer."""
        rated = [q.satisfied for q in self.questions if q.satisfied is not None]
        return Rate(sum(rated), len(rated))

    # -- folding ----------------------------------------------------------------------

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, Convened)
        return {
            "id": event.meeting_id,
            "title": event.title,
            "kind": event.kind,
            "roll": event.roll,
            "opens": event.opens,
            "agenda": event.agenda,
            "requisition": event.requisition,
            "delegation": event.delegation,
        }

    def _apply(self, event: Event) -> Mapping[str, Any] | None:  # noqa: PLR0911 - one case per event
        match event:
            case Attended(people=people):
                return {"present": self.present | people}
            case Opened(quorum=count) | QuorumFailed(quorum=count):
                return {"quorum": count}
            case MotionMoved(motion=motion):
                return {"motions": (*self.motions, motion)}
            case Voted(motion=motion, voter=voter, choice=choice):
                return {
                    "ballots": (*self.ballots, Ballot(motion=motion, voter=voter, choice=choice))
                }
            case QuestionPut(question=qid, to=to, text=text, by=by):
                question = Question(id=qid, questioner=by.id, to=to, text=text)
                return {"questions": (*self.questions, question)}
            case AnswerGiven(question=qid, text=text):
                return {"questions": self._update_question(qid, answer=text)}
            case SatisfactionRecorded(question=qid, satisfied=satisfied):
                return {"questions": self._update_question(qid, satisfied=satisfied)}
            case DutyReported(text=text, by=by):
                return {"reports": (*self.reports, DutyReport(cadre=by, text=text))}
            case CadreRated(cadre=cadre, rating=rating, by=by):
                rated = CadreRating(cadre=cadre, rater=by.id, rating=rating)
                return {"ratings": (*self.ratings, rated)}
            case Tallied(motion=motion, box=box):
                return {"results": (*self.results, self._count(motion, box))}
        return None

    def _update_question(self, question_id: str, **changes: Any) -> tuple[Question, ...]:
        return tuple(
            attrs.evolve(q, **changes) if q.id == question_id else q for q in self.questions
        )

    def _count(self, motion_id: str, box: BallotBox | None) -> Tally:
        majority = self.kind.majority
        assert majority is not None  # motions are only moved where votes are taken
        cast = [b for b in self.ballots if b.motion == motion_id]
        if box is None:
            box = BallotBox(
                yes=sum(b.choice is Choice.FOR for b in cast),
                no=sum(b.choice is Choice.AGAINST for b in cast),
                abstain=sum(b.choice is Choice.ABSTAIN for b in cast),
            )
        members, present = len(self.roll.members), len(self.present)
        base = majority.base(members, present)
        return Tally(
            motion=motion_id,
            secret=self.motion(motion_id).secret,
            members=members,
            present=present,
            voted=len(cast),
            yes=box.yes,
            no=box.no,
            abstain=box.abstain,
            invalid=box.invalid,
            base=base,
            needed=majority.threshold.minimum(base),
            passed=majority.threshold.met(box.yes, base),
        )


def _local_day(at: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.Date:
    return at.in_timezone(calendar.tz).date()


def _check_convening(event: Convened, calendar: WorkCalendar) -> None:
    """The rules about the convening alone: roll, date, notice, request, delegation."""
    kind, roll = event.kind, event.roll
    errors = []
    if event.opens < event.at:
        errors.append(FieldError("opens", "a meeting cannot open before it is called"))
    if roll.kind not in kind.rolls:
        meets_on = "、".join(sorted(k.zh for k in kind.rolls))
        msg = f"a {kind.label.zh} meets on a roll of {meets_on}, not of {roll.kind.zh}"
        errors.append(FieldError("roll", msg))
    day = _local_day(event.opens, calendar)
    if roll.on is not None and roll.on != day:
        msg = f"ages must be reckoned on the meeting date {day}, but the roll is of {roll.on}"
        errors.append(FieldError("roll.on", msg))
    if event.delegation is not None:
        errors += [
            FieldError("delegation", f"{m.label.zh} cannot be delegated to a {kind.label.zh}")
            for m in sorted(event.delegation.matters, key=lambda m: m.code)
            if kind.name not in m.delegable_to
        ]
    if errors:
        raise ValidationError(errors, subject="meeting")
    if kind.notice is not None:
        earliest = _local_day(kind.notice.rule.due(event.at, calendar), calendar)
        if day < earliest:
            msg = (
                f"notice given on {_local_day(event.at, calendar)} for a meeting on {day}: "
                f"{kind.notice} requires it, so the meeting can be held on {earliest} "
                "at the earliest"
            )
            raise NoticeError([FieldError("opens", msg)], subject="notice")
    if event.requisition is not None:
        event.requisition.check(kind.requisitions, kind.label.zh)
