"""Meetings' states, values and events (会议): pure data, read by `_meetings`.

A meeting's record: its motions (议案), ballots, the counted box of a secret ballot, each
motion's `Tally`, the questions of a 质询会 and the cadres' duty reports (述职).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Annotated, Final, TypeAlias

import attrs
import pendulum

from jiceng import Actor, Event, Rate, State, WorkCalendar
from jiceng.checks import MAX_ITEMS, between
from jiceng.decisions._appraisals import Rating
from jiceng.decisions._kinds import MeetingKind
from jiceng.decisions._matters import Delegation, Matter
from jiceng.decisions._rolls import Roll
from jiceng.decisions._thresholds import Majority, QuorumCount, Requisition
from jiceng.exceptions import ValidationError


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

    @classmethod
    def of(
        cls,
        motion: Motion,
        cast: Sequence[Ballot],
        box: BallotBox | None,
        *,
        majority: Majority | None,
        members: int,
        present: int,
    ) -> Tally:
        """`motion`'s result from the `cast` ballots, or a secret ballot's counted `box`."""
        assert majority is not None  # motions are only moved where votes are taken
        if box is None:
            box = BallotBox(
                yes=sum(b.choice is Choice.FOR for b in cast),
                no=sum(b.choice is Choice.AGAINST for b in cast),
                abstain=sum(b.choice is Choice.ABSTAIN for b in cast),
            )
        base = majority.base(members, present)
        return cls(
            motion=motion.id,
            secret=motion.secret,
            members=members,
            present=present,
            voted=len(cast),
            yes=box.yes,
            no=box.no,
            abstain=box.abstain,
            invalid=box.invalid,
            base=base,
            needed=majority.needed(members, present),
            passed=majority.passes(box.yes, members=members, present=present),
        )

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


def local_day(at: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.Date:
    """The local date of `at` on `calendar` (meeting days and election days are local)."""
    return at.in_timezone(calendar.tz).date()
