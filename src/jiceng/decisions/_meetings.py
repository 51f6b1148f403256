"""Meetings (会议): convened with notice, attendance, motions, ballots, tallies, inquiries.

A meeting is convened with its kind (the rules), its roll (who may attend and vote) and
an agenda; it opens only with a quorum, or ends with its failure recorded in figures.
While it sits, motions are moved and voted on, openly or by secret ballot, at a
质询会 questions are put to named officials, and where the kind holds appraisals (述职评议)
cadres report on their duties and the members present rate them. After it closes each
motion is tallied into a `Tally` with the figures that justify the result.

Each command's guards and fold stand together below, in the order of the table; the
states, values and events are in `_meeting_data`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Self, TypeVar

import attrs
import pendulum

from jiceng import (
    Actor,
    Entity,
    Label,
    Machine,
    Rate,
    Source,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.decisions._appraisals import Appraisal, CadreRating, Rating
from jiceng.decisions._convening import check_convening
from jiceng.decisions._kinds import MeetingKind
from jiceng.decisions._matters import Delegation, Matter, authority_problem
from jiceng.decisions._meeting_data import (
    AnswerGiven,
    Attended,
    Ballot,
    BallotBox,
    CadreRated,
    Choice,
    Closed,
    Concluded,
    Convened,
    DutyReport,
    DutyReported,
    MeetingCancelled,
    MeetingState,
    Motion,
    MotionMoved,
    Opened,
    Purpose,
    Question,
    QuestionPut,
    QuorumFailed,
    SatisfactionRecorded,
    Tallied,
    Tally,
    Voted,
)
from jiceng.decisions._rolls import Roll
from jiceng.decisions._thresholds import QuorumCount, Requisition
from jiceng.exceptions import NotFoundError, ValidationError

_Item = TypeVar("_Item", Motion, Question)
_Found = TypeVar("_Found")


def _find(items: tuple[_Item, ...], item_id: str) -> _Item | None:
    return next((item for item in items if item.id == item_id), None)


def _found(item: _Found | None, missing: str) -> _Found:
    if item is None:
        raise NotFoundError(missing)
    return item


# -- 召集 convene --


def convened(_: None, event: Convened) -> Mapping[str, Any]:
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


# -- 签到 attend --


def on_the_roll(meeting: Meeting, event: Attended) -> str | None:
    """Only members on the roll sign in, once each."""
    strangers = sorted(event.people - meeting.roll.members)
    if strangers:
        return f"not on the roll of this {meeting.kind.label.zh}: {', '.join(strangers)}"
    again = sorted(event.people & meeting.present)
    if again:
        return f"already signed in: {', '.join(again)}"
    return None


def attended(meeting: Meeting, event: Attended) -> Mapping[str, Any]:
    return {"present": meeting.present | event.people}


# -- 开会 open --


def _not_before_opening(meeting: Meeting, at: pendulum.DateTime) -> str | None:
    early = at < meeting.opens
    return f"the notice calls the meeting for {meeting.opens}, not before" if early else None


def quorum_met(meeting: Meeting, event: Opened) -> str | None:
    """A meeting opens at its time with a quorum (e.g. 村民委员会组织法 第22条、第26条、第28条)."""
    if early := _not_before_opening(meeting, event.at):
        return early
    count = meeting.quorum_count()
    if count.met:
        return None
    quorum = meeting.kind.quorum
    if quorum is None:
        return f"{count}: nobody has signed in"
    return f"{count}: {quorum.source} needs {quorum.needs(count)}"


def quorum_counted(_: Meeting, event: Opened | QuorumFailed) -> Mapping[str, Any]:
    return {"quorum": event.quorum}


# -- 未达法定人数 fail_quorum (its fold is `quorum_counted`) --


def quorum_not_met(meeting: Meeting, event: QuorumFailed) -> str | None:
    """A failed quorum is recorded only at the meeting's time, and only if it did fail."""
    if early := _not_before_opening(meeting, event.at):
        return early
    count = meeting.quorum_count()
    return f"{count}: open the meeting instead" if count.met else None


# -- 提出议案 move --


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


def motion_moved(meeting: Meeting, event: MotionMoved) -> Mapping[str, Any]:
    return {"motions": (*meeting.motions, event.motion)}


# -- 表决 vote --


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


def voted(meeting: Meeting, event: Voted) -> Mapping[str, Any]:
    ballot = Ballot(motion=event.motion, voter=event.voter, choice=event.choice)
    return {"ballots": (*meeting.ballots, ballot)}


# -- 质询 ask --


def may_ask(meeting: Meeting, event: QuestionPut) -> str | None:
    """Questions come from members present, each with a new id."""
    if event.by.id not in meeting.present:
        return f"{event.by.id} has not signed in at this meeting"
    if _find(meeting.questions, event.question) is not None:
        return f"question {event.question} has already been put"
    return None


def question_put(meeting: Meeting, event: QuestionPut) -> Mapping[str, Any]:
    question = Question(id=event.question, questioner=event.by.id, to=event.to, text=event.text)
    return {"questions": (*meeting.questions, question)}


# -- 答复 answer --


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


def _questions(meeting: Meeting, question_id: str, **changes: Any) -> Mapping[str, Any]:
    def change(q: Question) -> Question:
        return attrs.evolve(q, **changes) if q.id == question_id else q

    return {"questions": tuple(map(change, meeting.questions))}


def answer_given(meeting: Meeting, event: AnswerGiven) -> Mapping[str, Any]:
    return _questions(meeting, event.question, answer=event.text)


# -- 满意度测评 rate --


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


def satisfaction_recorded(meeting: Meeting, event: SatisfactionRecorded) -> Mapping[str, Any]:
    return _questions(meeting, event.question, satisfied=event.satisfied)


# -- 述职 report --


def may_report(meeting: Meeting, event: DutyReported) -> str | None:
    """Only a kind that holds appraisals hears reports, one per cadre (村民委员会组织法 第33条)."""
    if meeting.kind.appraisal is None:
        return f"a {meeting.kind.label.zh} holds no appraisal (述职评议)"
    if any(r.cadre.id == event.by.id for r in meeting.reports):
        return f"{event.by.id} has already reported at this meeting"
    return None


def duty_reported(meeting: Meeting, event: DutyReported) -> Mapping[str, Any]:
    return {"reports": (*meeting.reports, DutyReport(cadre=event.by, text=event.text))}


# -- 评议 appraise --


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


def cadre_rated(meeting: Meeting, event: CadreRated) -> Mapping[str, Any]:
    rated = CadreRating(cadre=event.cadre, rater=event.by.id, rating=event.rating)
    return {"ratings": (*meeting.ratings, rated)}


# -- 计票 tally --


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


def tallied(meeting: Meeting, event: Tallied) -> Mapping[str, Any]:
    tally = Tally.of(
        meeting.motion(event.motion),
        [b for b in meeting.ballots if b.motion == event.motion],
        event.box,
        majority=meeting.kind.majority,
        members=len(meeting.roll.members),
        present=len(meeting.present),
    )
    return {"results": (*meeting.results, tally)}


# -- 结束 conclude --


def all_tallied(meeting: Meeting, event: Concluded) -> str | None:
    """A meeting ends only once every motion has its result."""
    done = {r.motion for r in meeting.results}
    waiting = [m.id for m in meeting.motions if m.id not in done]
    return f"not yet tallied: {', '.join(waiting)}" if waiting else None


# -- the machine -------------------------------------------------------------------------

_QUORUM_ARTICLES = Source("村民委员会组织法(2018) 第22条、第26条、第28条")

MEETING: Machine[MeetingState] = Machine(
    name="decisions.meeting",
    label=Label("会议", "Meeting"),
    states=MeetingState,
    initial=MeetingState.CONVENED,
    final={MeetingState.CONCLUDED, MeetingState.INQUORATE, MeetingState.CANCELLED},
    transitions=[
        Transition(
            command="convene",
            event=Convened,
            sources=(),
            target=MeetingState.CONVENED,
            label=Label("召集", "Convene"),
            fold=convened,
            source=Source("村民委员会组织法(2018) 第21条"),
        ),
        Transition(
            command="attend",
            event=Attended,
            sources={MeetingState.CONVENED, MeetingState.OPEN},
            target=None,
            label=Label("签到", "Sign in"),
            guard=on_the_roll,
            fold=attended,
        ),
        Transition(
            command="open",
            event=Opened,
            sources={MeetingState.CONVENED},
            target=MeetingState.OPEN,
            label=Label("开会", "Open"),
            guard=quorum_met,
            fold=quorum_counted,
            source=_QUORUM_ARTICLES,
        ),
        Transition(
            command="fail_quorum",
            event=QuorumFailed,
            sources={MeetingState.CONVENED},
            target=MeetingState.INQUORATE,
            label=Label("未达法定人数", "Record a failed quorum"),
            guard=quorum_not_met,
            fold=quorum_counted,
            source=_QUORUM_ARTICLES,
        ),
        Transition(
            command="cancel",
            event=MeetingCancelled,
            sources={MeetingState.CONVENED},
            target=MeetingState.CANCELLED,
            label=Label("取消", "Cancel"),
        ),
        Transition(
            command="move",
            event=MotionMoved,
            sources={MeetingState.OPEN},
            target=None,
            label=Label("提出议案", "Move a motion"),
            guard=may_move,
            fold=motion_moved,
            source=Source("村民委员会组织法(2018) 第24条、第27条"),
        ),
        Transition(
            command="vote",
            event=Voted,
            sources={MeetingState.OPEN},
            target=None,
            label=Label("表决", "Vote"),
            guard=may_vote,
            fold=voted,
        ),
        Transition(
            command="ask",
            event=QuestionPut,
            sources={MeetingState.OPEN},
            target=None,
            label=Label("质询", "Put a question"),
            guard=may_ask,
            fold=question_put,
        ),
        Transition(
            command="answer",
            event=AnswerGiven,
            sources={MeetingState.OPEN},
            target=None,
            label=Label("答复", "Answer"),
            guard=may_answer,
            fold=answer_given,
        ),
        Transition(
            command="rate",
            event=SatisfactionRecorded,
            sources={MeetingState.OPEN},
            target=None,
            label=Label("满意度测评", "Rate the answer"),
            guard=may_rate,
            fold=satisfaction_recorded,
        ),
        Transition(
            command="report",
            event=DutyReported,
            sources={MeetingState.OPEN},
            target=None,
            label=Label("述职", "Report on duties"),
            guard=may_report,
            fold=duty_reported,
            source=Source("村民委员会组织法(2018) 第33条"),
        ),
        Transition(
            command="appraise",
            event=CadreRated,
            sources={MeetingState.OPEN},
            target=None,
            label=Label("评议", "Rate a cadre"),
            guard=may_appraise,
            fold=cadre_rated,
            source=Source("村民委员会组织法(2018) 第33条"),
        ),
        Transition(
            command="close",
            event=Closed,
            sources={MeetingState.OPEN},
            target=MeetingState.CLOSED,
            label=Label("闭会", "Close"),
        ),
        Transition(
            command="tally",
            event=Tallied,
            sources={MeetingState.CLOSED},
            target=None,
            label=Label("计票", "Tally"),
            guard=may_tally,
            fold=tallied,
        ),
        Transition(
            command="conclude",
            event=Concluded,
            sources={MeetingState.CLOSED},
            target=MeetingState.CONCLUDED,
            label=Label("结束", "Conclude"),
            guard=all_tallied,
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Meeting(Entity[MeetingState], machine=MEETING):
    """A meeting (会议) of one `MeetingKind`, on one `Roll`.

    >>> from jiceng.decisions import Roll
    >>> from jiceng.decisions.kinds import MASS_MEETING
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
        check_convening(event, calendar or WeekendCalendar())
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
        self, motion_id: str, *, box: BallotBox | None = None, by: Actor, at: pendulum.DateTime
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
        return QuorumCount.of(self.roll, self.present, met=bool(self.present))

    def motion(self, motion_id: str) -> Motion:
        """The motion with this id; `NotFoundError` if none was moved."""
        return _found(
            _find(self.motions, motion_id), f"meeting {self.id} has no motion {motion_id}"
        )

    def result(self, motion_id: str) -> Tally:
        """A motion's tally; `NotFoundError` until it is tallied."""
        tally = next((t for t in self.results if t.motion == motion_id), None)
        return _found(tally, f"motion {motion_id} of meeting {self.id} has not been tallied")

    def question(self, question_id: str) -> Question:
        """The question with this id; `NotFoundError` if none was put."""
        question = _find(self.questions, question_id)
        return _found(question, f"meeting {self.id} has no question {question_id}")

    def appraisal(self, cadre: str) -> Appraisal:
        """The ratings of the cadre with id `cadre` and the kind's verdict on them;
        `NotFoundError` if they have not reported."""
        report = next((r for r in self.reports if r.cadre.id == cadre), None)
        rule = self.kind.appraisal
        if report is None or rule is None:
            raise NotFoundError(f"{cadre} has not reported on their duties at meeting {self.id}")
        return rule.appraise(report.cadre, (r.rating for r in self.ratings if r.cadre == cadre))

    @property
    def appraisals(self) -> tuple[Appraisal, ...]:
        """Every cadre's appraisal, in the order they reported."""
        return tuple(self.appraisal(r.cadre.id) for r in self.reports)

    @property
    def satisfaction(self) -> Rate:
        """满意率: satisfied questioners out of those who rated an answer."""
        rated = [q.satisfied for q in self.questions if q.satisfied is not None]
        return Rate(sum(rated), len(rated))
