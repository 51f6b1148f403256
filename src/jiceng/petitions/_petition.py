"""Petitions (信访事项): the workflow of 信访工作条例 (2022) and its variants.

registered (登记) → transferred or assigned (转送、交办, 第22条) → accepted with a written
notice (书面告知, 第23条) → handled within 60 days, extendable by up to 30 in all with the
approval of someone other than who asks (第34条) →
a written opinion (支持、解释说明、不予支持, 第32条) or an agreement (调解、和解协议, 第33条) →
review (复查) requested within 30 days and answered within 30 (第35条) → re-review (复核)
likewise, hearing time not counted (第36条) → final (终结): the same facts and reasons are
not accepted again. A matter for another procedure is routed there (诉访分离, 第28条,
第31条(一)–(五)); a body that is not competent objects within 5 working days (第23条).

A matter assigned (交办, 第22条第1款第3项) carries the time limit the assigning body set for
the result report; once the handling body has given its opinion it submits the completion
report (办结报告). A suggestion or opinion (建议意见类, 第29条) is accepted for study instead
of as a claim, and answered with what was adopted (采纳、部分采纳、不予采纳) and a reply; no
60-day limit runs (第34条 counts only claims under 第31条第6项) and there is no review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Self

import attrs
import pendulum

from jiceng import (
    Actor,
    CalendarDays,
    ChinaCalendar,
    CountedRule,
    Deadline,
    DurationRule,
    EndOfDay,
    Event,
    Label,
    Machine,
    Source,
    State,
    TimeLimit,
    Transition,
    WorkCalendar,
)
from jiceng.checks import checked
from jiceng.exceptions import FieldError, ValidationError
from jiceng.petitions._common import (
    Body,
    Case,
    Channel,
    Matter,
    RepeatError,
    Route,
    Step,
    _Extension,
    _Labelled,
    check_route,
    extend,
    extension_within_limit,
)
from jiceng.petitions._policies import REGULATION_2022, GroupSize, PetitionPolicy

__all__ = [
    "PETITION",
    "PETITION_ROUTES",
    "REPORT_SOURCE",
    "Adoption",
    "Agreement",
    "CompletionReport",
    "Opinion",
    "Outcome",
    "Petition",
    "PetitionState",
    "RepresentativesError",
    "Stage",
    "SuggestionReply",
    "repeat_bar",
]

_R22 = "信访工作条例(2022)"


class PetitionState(State):
    """Where a petition (信访事项) stands."""

    REGISTERED = "registered", "已登记", "Registered"
    TRANSFERRED = "transferred", "已转送交办", "Transferred"
    HANDLING = "handling", "已受理办理中", "Accepted, being handled"
    STUDYING = "studying", "建议意见研究论证中", "Suggestion being studied"
    ANSWERED = "answered", "已出具处理意见", "Answered"
    UNDER_REVIEW = "under_review", "复查中", "Under review"
    REVIEWED = "reviewed", "已复查", "Reviewed"
    UNDER_RE_REVIEW = "under_re_review", "复核中", "Under re-review"
    FINAL = "final", "已终结", "Final"
    SETTLED = "settled", "已达成协议", "Settled by agreement"
    SUGGESTION_ANSWERED = "suggestion_answered", "建议意见已答复", "Suggestion answered"
    DIVERTED = "diverted", "已导入其他程序", "Diverted"
    REPEAT = "repeat", "重复信访不予受理", "Repeat, not accepted"


class Outcome(_Labelled):
    """The opinion on a claim (信访处理意见), 信访工作条例(2022) 第32条."""

    SUPPORTED = "supported", "予以支持", "supported"
    EXPLAINED = "explained", "解释说明", "explained"
    NOT_SUPPORTED = "not_supported", "不予支持", "not supported"


class Stage(_Labelled):
    """Which opinion: the first (处理意见), the review (复查意见) or the re-review (复核意见)."""

    HANDLING = "handling", "处理意见", "opinion"
    REVIEW = "review", "复查意见", "review opinion"
    RE_REVIEW = "re_review", "复核意见", "re-review opinion"


class Agreement(_Labelled):
    """An agreement that closes a claim (信访工作条例(2022) 第33条)."""

    MEDIATION = "mediation", "调解协议书", "mediation agreement"
    SETTLEMENT = "settlement", "和解协议书", "settlement agreement"


class Adoption(_Labelled):
    """What became of a suggestion or opinion (建议意见类事项), 信访工作条例(2022) 第29条:
    对科学合理、具有现实可行性的，应当采纳或者部分采纳，并予以回复."""

    ADOPTED = "adopted", "采纳", "adopted"
    PARTLY_ADOPTED = "partly_adopted", "部分采纳", "partly adopted"
    NOT_ADOPTED = "not_adopted", "不予采纳", "not adopted"


@attrs.frozen(kw_only=True)
class Opinion:
    """A written opinion given on the petition: which stage, the outcome, its legal basis
    (法律法规依据, 第32条), the body that gave it and when it reached the petitioner."""

    stage: Stage
    outcome: Outcome
    basis: str
    body: Body
    at: pendulum.DateTime


@attrs.frozen(kw_only=True)
class SuggestionReply:
    """The answer to a suggestion (第29条): what was adopted, the reply to the petitioner, the
    body that studied it and when the reply was given."""

    adoption: Adoption
    reply: str
    body: Body
    at: pendulum.DateTime


@attrs.frozen(kw_only=True)
class CompletionReport:
    """The completion report (办结报告) of an assigned matter (交办, 第22条第1款第3项): the body
    it was assigned to, what it reports, when, and whether that met the time limit set at
    assignment (`None` when none was set)."""

    body: Body
    summary: str
    at: pendulum.DateTime
    on_time: bool | None


REPORT_SOURCE = Source(
    f"{_R22} 第22条第1款第3项",
    "对转送信访事项中的重要情况需要反馈办理结果的，可以交由有权处理的机关、单位办理，"
    "要求其在指定办理期限内反馈结果，提交办结报告。",
)
"""The rule behind an assignment's report (交办、办结报告); it sets no number of days."""

_REPORT_LABEL = Label("交办办结报告期限", "time to report on an assigned matter")


class RepresentativesError(ValidationError):
    """A group visit with more representatives than the rule allows (第20条: at most 5)."""


PETITION_ROUTES = frozenset(Route) - {
    Route.INFORMATION_DISCLOSURE,
    Route.PETITION,
    Route.EMERGENCY,
}
"""The routes a petition may be diverted to (第22条第2款, 第23条, 第28条, 第31条(一)–(五))."""


# -- events --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Registered(Event):
    """A petition was registered (登记) by the body it was lodged with."""

    petition_id: str
    channel: Channel
    petitioners: tuple[Actor, ...]
    group_size: int
    matter: Matter
    lodged_with: Body
    policy: PetitionPolicy
    calendar: WorkCalendar


def _report_limit(instance: Transferred, attribute: attrs.Attribute[Any], value: object) -> None:
    """Only an assignment (交办) sets a time limit for a report (第22条第1款第3项); checked on
    the event, so that a stored history cannot say otherwise either."""
    if value is not None and not instance.assigned:
        msg = (
            "a plain transfer (转送) asks for no report; assign the matter (交办, assigned=True) "
            f"to set a time limit for its completion report ({REPORT_SOURCE})"
        )
        raise ValidationError.single(attribute.name, msg, subject="transfer")


@attrs.frozen(kw_only=True)
class Transferred(Event):
    """Transferred (转送) or, with a result report required, assigned (交办) to `to`;
    `report_limit` is the time limit the assigning body set for the completion report."""

    to: Body
    assigned: bool = False
    report_limit: TimeLimit | None = attrs.field(default=None, validator=_report_limit)


@attrs.frozen(kw_only=True)
class Objected(Event):
    """The receiving body objected that it is not competent; the matter goes back."""


@attrs.frozen(kw_only=True)
class Accepted(Event):
    """Accepted, with the written notice to the petitioner (书面告知)."""


@attrs.frozen(kw_only=True)
class AcceptedForStudy(Event):
    """Accepted as a suggestion or opinion (建议意见类, 第29条) to be studied, with the written
    notice to the petitioner (书面告知, 第23条)."""


@attrs.frozen(kw_only=True)
class SuggestionAnswered(Event):
    """The suggestion was studied and answered: what was adopted, and the reply (第29条)."""

    adoption: Adoption
    reply: str


@attrs.frozen(kw_only=True)
class ReportSubmitted(Event):
    """The body the matter was assigned to submitted its completion report (办结报告)."""

    summary: str


@attrs.frozen(kw_only=True)
class Diverted(Event):
    """Routed to its proper procedure (诉访分离), the petitioner told the route."""

    route: Route


@attrs.frozen(kw_only=True)
class LinkedAsRepeat(Event):
    """Not accepted: it repeats `original_id`, barred by `basis`."""

    original_id: str
    basis: Source


@attrs.frozen(kw_only=True)
class Extended(_Extension):
    """The handling time limit was extended (延长办理期限)."""


@attrs.frozen(kw_only=True)
class HearingBegan(Event):
    """A hearing (听证) began."""


@attrs.frozen(kw_only=True)
class HearingEnded(Event):
    """The hearing ended."""


@attrs.frozen(kw_only=True)
class Settled(Event):
    """Closed by a mediation or settlement agreement (调解协议书、和解协议书)."""

    agreement: Agreement
    document: str


@attrs.frozen(kw_only=True)
class _Opinion(Event):
    outcome: Outcome
    basis: str


@attrs.frozen(kw_only=True)
class Answered(_Opinion):
    """The written opinion (信访处理意见书) reached the petitioner."""


@attrs.frozen(kw_only=True)
class ReviewRequested(Event):
    """The petitioner asked `to`, the next level up, for a review (复查)."""

    to: Body


@attrs.frozen(kw_only=True)
class ReviewAnswered(_Opinion):
    """The review opinion (复查意见) reached the petitioner."""


@attrs.frozen(kw_only=True)
class ReReviewRequested(Event):
    """The petitioner asked `to`, the next level up, for a re-review (复核)."""

    to: Body


@attrs.frozen(kw_only=True)
class ReReviewAnswered(_Opinion):
    """The re-review opinion (复核意见) was given: the matter is final."""


@attrs.frozen(kw_only=True)
class Concluded(Event):
    """Concluded (终结) after the petitioner let the window for a review lapse."""


# -- guards: each a named rule ----------------------------------------------------------


def objection_in_time(petition: Petition, event: Objected) -> str | None:
    """A body that is not competent objects within the objection limit of receiving the
    transfer (第23条: 5个工作日)."""
    window = petition.objection_deadline
    assert window is not None
    if window.overdue(event.at):
        return f"the time to object ran out at {window.due:%Y-%m-%d %H:%M} ({window.limit})"
    return None


def transferred_elsewhere(petition: Petition, event: Transferred) -> str | None:
    """A matter is transferred to another body; the body it was lodged with accepts it."""
    if event.to == petition.lodged_with:
        return f"{event.to} received the petition itself: it accepts it instead of transferring"
    return None


def approved_by_another(petition: Petition, event: Extended) -> str | None:
    """An extension is approved by someone other than who asks for it (第34条: 经本机关、单位
    负责人批准); the same person (same kind and id) cannot approve their own request."""
    asking, approving = event.by, event.approved_by
    if approving.same_as(asking):
        return (
            f"the extension must be approved by someone other than {asking}, who asks for it "
            f"({petition.policy.handling.source}: 经本机关、单位负责人批准)"
        )
    return None


def approved_extension_within_limit(petition: Petition, event: Extended) -> str | None:
    """An extension: approved by another (the body's head), and within the bound of the
    handling time limit, all extensions together (第34条: 不得超过30日)."""
    return approved_by_another(petition, event) or extension_within_limit(petition, event)


def no_open_hearing(petition: Petition, event: Event) -> str | None:
    """No opinion, agreement, diversion or new hearing while a hearing is open."""
    if petition.hearing_since is not None:
        return f"a hearing is open since {petition.hearing_since:%Y-%m-%d %H:%M}; end it first"
    return None


def open_hearing(petition: Petition, event: HearingEnded) -> str | None:
    """Only an open hearing can end."""
    return None if petition.hearing_since is not None else "no hearing is open"


def requested_in_time(petition: Petition, event: ReviewRequested | ReReviewRequested) -> str | None:
    """A review or re-review is requested within its window from receiving the written reply
    (第35条, 第36条: 30日)."""
    deadline = petition.deadline
    assert deadline is not None
    if deadline.overdue(event.at):
        return (
            f"the request came at {event.at:%Y-%m-%d %H:%M}, after the window closed at "
            f"{deadline.due:%Y-%m-%d %H:%M} ({deadline.limit})"
        )
    return None


def to_a_superior(petition: Petition, event: ReviewRequested | ReReviewRequested) -> str | None:
    """A review goes to the body above the one whose opinion is contested (上一级机关)."""
    current = petition.handled_by
    assert current is not None
    if event.to == current or event.to.level < current.level:
        return f"{event.to} is not above {current}, whose opinion is contested"
    return None


def timely_request_to_a_superior(
    petition: Petition, event: ReviewRequested | ReReviewRequested
) -> str | None:
    """A review or re-review: requested in time, to a superior body (第35条, 第36条)."""
    return requested_in_time(petition, event) or to_a_superior(petition, event)


def report_owed(petition: Petition, event: ReportSubmitted) -> str | None:
    """Only an assigned matter (交办) reports, and once (第22条第1款第3项); a plain transfer
    (转送) or a matter accepted where it was lodged asks for no report."""
    if petition.assigned_to is None:
        return (
            "it was not assigned (交办): only an assigned matter owes a completion report "
            f"({REPORT_SOURCE})"
        )
    if petition.report is not None:
        return f"the completion report was already submitted at {petition.report.at:%Y-%m-%d %H:%M}"
    return None


def window_lapsed(petition: Petition, event: Concluded) -> str | None:
    """A matter is concluded once the petitioner let the window for a review lapse
    (浙江省信访条例(2016) 第25条第2项)."""
    deadline = petition.deadline
    assert deadline is not None
    if not deadline.overdue(event.at):
        return (
            f"the petitioner may still ask until {deadline.due:%Y-%m-%d %H:%M} ({deadline.limit})"
        )
    return None


# -- the machine table -------------------------------------------------------------------

P = PetitionState
_BEFORE_ACCEPTANCE = (P.REGISTERED, P.TRANSFERRED)
_HEARINGS = (P.HANDLING, P.UNDER_RE_REVIEW)
# Handled to a result (the written opinion, 第32条) and not final: where a report is taken.
_REPORTABLE = (P.ANSWERED, P.UNDER_REVIEW, P.REVIEWED, P.UNDER_RE_REVIEW)
_S29 = f"{_R22} 第29条第1款"

PETITION: Machine[PetitionState] = Machine(
    name="petitions.petition",
    label=Label("信访事项", "Petition"),
    states=PetitionState,
    initial=P.REGISTERED,
    final={P.FINAL, P.SETTLED, P.SUGGESTION_ANSWERED, P.DIVERTED, P.REPEAT},
    transitions=[
        Transition(
            command="register",
            event=Registered,
            sources=(),
            target=P.REGISTERED,
            label=Label("登记", "Register"),
            source=Source(f"{_R22} 第17条、第19条、第22条"),
        ),
        Transition(
            command="transfer",
            event=Transferred,
            sources={P.REGISTERED},
            target=P.TRANSFERRED,
            label=Label("转送交办", "Transfer"),
            guard=transferred_elsewhere,
            source=Source(f"{_R22} 第22条"),
        ),
        Transition(
            command="raise_objection",
            event=Objected,
            sources={P.TRANSFERRED},
            target=P.REGISTERED,
            label=Label("提出异议", "Object"),
            guard=objection_in_time,
            source=Source(f"{_R22} 第23条第3款"),
        ),
        Transition(
            command="accept",
            event=Accepted,
            sources=_BEFORE_ACCEPTANCE,
            target=P.HANDLING,
            label=Label("受理告知", "Accept"),
            source=Source(f"{_R22} 第23条"),
        ),
        Transition(
            command="accept_for_study",
            event=AcceptedForStudy,
            sources=_BEFORE_ACCEPTANCE,
            target=P.STUDYING,
            label=Label("受理研究", "Accept for study"),
            source=Source(
                _S29,
                "对信访人反映的情况、提出的建议意见类事项，有权处理的机关、单位应当认真研究论证。",
            ),
        ),
        Transition(
            command="answer_suggestion",
            event=SuggestionAnswered,
            sources={P.STUDYING},
            target=P.SUGGESTION_ANSWERED,
            label=Label("答复建议意见", "Answer suggestion"),
            source=Source(_S29, "对科学合理、具有现实可行性的，应当采纳或者部分采纳，并予以回复。"),
        ),
        Transition(
            command="divert",
            event=Diverted,
            sources={*_BEFORE_ACCEPTANCE, P.HANDLING, P.STUDYING},
            target=P.DIVERTED,
            label=Label("导入其他程序", "Divert"),
            guard=no_open_hearing,
            source=Source(f"{_R22} 第22条第2款、第28条、第31条"),
        ),
        Transition(
            command="link_repeat",
            event=LinkedAsRepeat,
            sources=_BEFORE_ACCEPTANCE,
            target=P.REPEAT,
            label=Label("重复信访", "Link as repeat"),
            source=Source(f"{_R22} 第19条第3款、第36条第3款"),
        ),
        Transition(
            command="extend",
            event=Extended,
            sources={P.HANDLING},
            target=None,
            label=Label("延期", "Extend"),
            guard=approved_extension_within_limit,
            source=Source(
                f"{_R22} 第34条",
                "情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过30日，"
                "并告知信访人延期理由。",
            ),
        ),
        Transition(
            command="begin_hearing",
            event=HearingBegan,
            sources=_HEARINGS,
            target=None,
            label=Label("举行听证", "Begin hearing"),
            guard=no_open_hearing,
            source=Source(f"{_R22} 第31条第6项、第36条第2款"),
        ),
        Transition(
            command="end_hearing",
            event=HearingEnded,
            sources=_HEARINGS,
            target=None,
            label=Label("听证结束", "End hearing"),
            guard=open_hearing,
            source=Source(f"{_R22} 第36条第2款"),
        ),
        Transition(
            command="settle",
            event=Settled,
            sources={P.HANDLING},
            target=P.SETTLED,
            label=Label("达成协议", "Settle"),
            guard=no_open_hearing,
            source=Source(f"{_R22} 第33条"),
        ),
        Transition(
            command="answer",
            event=Answered,
            sources={P.HANDLING},
            target=P.ANSWERED,
            label=Label("出具处理意见", "Answer"),
            guard=no_open_hearing,
            source=Source(f"{_R22} 第31条第6项、第32条"),
        ),
        Transition(
            command="request_review",
            event=ReviewRequested,
            sources={P.ANSWERED},
            target=P.UNDER_REVIEW,
            label=Label("请求复查", "Request review"),
            guard=timely_request_to_a_superior,
            source=Source(f"{_R22} 第35条"),
        ),
        Transition(
            command="answer_review",
            event=ReviewAnswered,
            sources={P.UNDER_REVIEW},
            target=P.REVIEWED,
            label=Label("复查答复", "Answer review"),
            source=Source(f"{_R22} 第35条"),
        ),
        Transition(
            command="request_re_review",
            event=ReReviewRequested,
            sources={P.REVIEWED},
            target=P.UNDER_RE_REVIEW,
            label=Label("请求复核", "Request re-review"),
            guard=timely_request_to_a_superior,
            source=Source(f"{_R22} 第36条"),
        ),
        Transition(
            command="answer_re_review",
            event=ReReviewAnswered,
            sources={P.UNDER_RE_REVIEW},
            target=P.FINAL,
            label=Label("复核意见", "Answer re-review"),
            guard=no_open_hearing,
            source=Source(f"{_R22} 第36条"),
        ),
        Transition(
            command="conclude",
            event=Concluded,
            sources={P.ANSWERED, P.REVIEWED},
            target=P.FINAL,
            label=Label("终结", "Conclude"),
            guard=window_lapsed,
            source=Source("浙江省信访条例(2016) 第25条"),
        ),
        Transition(
            command="submit_report",
            event=ReportSubmitted,
            sources=_REPORTABLE,
            target=None,
            label=Label("提交办结报告", "Submit report"),
            guard=report_owed,
            source=REPORT_SOURCE,
        ),
    ],
)
"""The petition machine table (信访事项状态机)."""


_NEXT: Mapping[PetitionState, Step] = {
    P.REGISTERED: Step(
        action=Label(
            "转送、交办或受理并书面告知", "transfer, assign, or accept with a written notice"
        ),
        party=Label("收到信访事项的机关", "the body that received it"),
    ),
    P.TRANSFERRED: Step(
        action=Label("书面告知受理，或者提出异议", "accept with a written notice, or object"),
        party=Label("收到转送的机关", "the body it was transferred to"),
    ),
    P.HANDLING: Step(
        action=Label("出具信访处理意见书", "give the written opinion"),
        party=Label("办理机关", "the handling body"),
    ),
    P.STUDYING: Step(
        action=Label("研究论证并予以回复", "study the suggestion and reply"),
        party=Label("办理机关", "the handling body"),
    ),
    P.ANSWERED: Step(
        action=Label("可以请求复查，逾期终结", "may request a review, else it is concluded"),
        party=Label("信访人", "the petitioner"),
        duty=False,
    ),
    P.UNDER_REVIEW: Step(
        action=Label("提出复查意见", "give the review opinion"),
        party=Label("复查机关", "the reviewing body"),
    ),
    P.REVIEWED: Step(
        action=Label("可以请求复核，逾期终结", "may request a re-review, else it is concluded"),
        party=Label("信访人", "the petitioner"),
        duty=False,
    ),
    P.UNDER_RE_REVIEW: Step(
        action=Label("提出复核意见", "give the re-review opinion"),
        party=Label("复核机关", "the re-reviewing body"),
    ),
}

_ACCEPTED_STAGES = frozenset(
    {P.HANDLING, P.STUDYING, P.ANSWERED, P.UNDER_REVIEW, P.REVIEWED, P.UNDER_RE_REVIEW}
)


@attrs.frozen(kw_only=True)
class Petition(Case[PetitionState], machine=PETITION):
    """A petition (信访事项): who raised what, with which body, and where it stands.

    `petitioners` are the named petitioners (信访人); for a group visit of `group_size`
    people they are its representatives (代表). `lodged_with` is the body it was lodged
    with (with its level), `handled_by` the body in charge of the current stage.
    `opinions` are the written opinions given so far; `hearing_since` is set while a
    hearing (听证) is open. Every time limit comes from `policy`.

    `assigned_to` is the body the matter was assigned to (交办, 第22条第1款第3项), with
    `report_deadline` for its completion report (办结报告) and `report` once submitted.
    `suggestion_reply` is the answer to a suggestion or opinion (建议意见类, 第29条).
    """

    _STEPS: ClassVar[Mapping[Any, Step]] = _NEXT
    _COMPLETED: ClassVar[frozenset[Any]] = frozenset(
        {
            P.ANSWERED,
            P.UNDER_REVIEW,
            P.REVIEWED,
            P.UNDER_RE_REVIEW,
            P.FINAL,
            P.SETTLED,
            P.SUGGESTION_ANSWERED,
        }
    )
    _RESOLVED: ClassVar[frozenset[Any]] = frozenset({P.FINAL, P.SETTLED, P.SUGGESTION_ANSWERED})

    petitioners: tuple[Actor, ...]
    group_size: int
    lodged_with: Body
    policy: PetitionPolicy
    handled_by: Body | None = None
    opinions: tuple[Opinion, ...] = ()
    agreement: Agreement | None = None
    hearing_since: pendulum.DateTime | None = None
    assigned_to: Body | None = None
    report_deadline: Deadline | None = None
    report: CompletionReport | None = None
    suggestion_reply: SuggestionReply | None = None

    # -- creating --------------------------------------------------------------------------

    @classmethod
    def register(
        cls,
        *,
        id: str,
        channel: Channel,
        petitioners: Sequence[Actor],
        matter: Matter,
        lodged_with: Body,
        by: Actor,
        at: pendulum.DateTime,
        group_size: GroupSize = 1,
        policy: PetitionPolicy = REGULATION_2022,
        calendar: WorkCalendar | None = None,
    ) -> Petition:
        """Register a petition (登记, 第22条) received at `at` by `lodged_with`.

        `petitioners` names at least one person; `group_size` is how many raise it, 1 to
        100,000 (`GroupSize`) and at least as many as are named. A group visit (走访 by
        `group_size` > 1 people) names its representatives as `petitioners`: at most 5
        (第20条; 浙江: 3 for up to 10 people). `calendar` counts working days; by default
        the China calendar (extra ``cn``).
        """
        named = tuple(petitioners)
        _check_registration(named, group_size, channel, policy)
        return cls._start(
            Registered(
                petition_id=id,
                channel=channel,
                petitioners=named,
                group_size=group_size,
                matter=matter,
                lodged_with=lodged_with,
                policy=policy,
                calendar=ChinaCalendar() if calendar is None else calendar,
                by=by,
                at=at,
            )
        )

    # -- commands --------------------------------------------------------------------------

    def transfer(
        self,
        *,
        to: Body,
        by: Actor,
        at: pendulum.DateTime,
        assigned: bool = False,
        report_limit: TimeLimit | DurationRule | pendulum.Date | None = None,
    ) -> Self:
        """Transfer (转送) the matter to the competent body `to`, or assign it (交办) when a
        result report is required (第22条).

        An assignment asks `to` to report its result within the time limit the assigning
        body sets (第22条第1款第3项: 在指定办理期限内反馈结果，提交办结报告); the law sets no
        number. `report_limit` is that limit: a `TimeLimit`, a duration rule counted from
        `at` (`CalendarDays(20)`, `WorkingDays(10)`, ...) or the due day as a
        `pendulum.Date` (due at its end); a rule or a day is cited to `REPORT_SOURCE`. Only
        an assignment takes one; an assignment without one records no due for the report.
        """
        limit = None if report_limit is None else self._report_limit(report_limit, at)
        return self._record(Transferred(to=to, assigned=assigned, report_limit=limit, by=by, at=at))

    def raise_objection(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Object that the body it was transferred to is not competent (第23条: within 5
        working days, with reasons); the matter goes back to be routed again."""
        return self._record(Objected(reason=reason, by=by, at=at))

    def accept(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Accept, with the written notice to the petitioner (书面告知, 第23条): the handling
        time limit starts (第34条)."""
        return self._record(Accepted(by=by, at=at))

    def divert(self, *, route: Route, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Route the matter to its proper procedure (诉访分离, 第28条, 第31条(一)–(五)),
        telling the petitioner how (`reason`)."""
        check_route(route, PETITION_ROUTES, "a petition")
        return self._record(Diverted(route=route, reason=reason, by=by, at=at))

    def accept_for_study(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Accept the matter as a suggestion or opinion (建议意见类) to be studied (认真研究论证,
        第29条), with the written notice to the petitioner (书面告知, 第23条). No handling time
        limit runs: 第34条 counts only claims under 第31条第6项."""
        return self._record(AcceptedForStudy(by=by, at=at))

    def answer_suggestion(
        self, *, adoption: Adoption, reply: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Answer the suggestion studied: adopted, partly adopted or not (`adoption`), with
        the `reply` given to the petitioner at `at` (第29条: 采纳或者部分采纳，并予以回复). The
        matter ends: a reply is not a 信访处理意见, so there is no review (第35条, 第36条)."""
        return self._record(SuggestionAnswered(adoption=adoption, reply=reply, by=by, at=at))

    def submit_report(self, *, summary: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The body the matter was assigned to (交办) submits its completion report (办结报告,
        第22条第1款第3项), once it has given its opinion and before the matter is final.
        A plain transfer has no report, and a report is submitted once; a late one is
        taken and recorded as late."""
        return self._record(ReportSubmitted(summary=summary, by=by, at=at))

    def link_repeat(self, *, original: Petition, by: Actor, at: pendulum.DateTime) -> Self:
        """Do not accept a repeat of `original` (same facts and reasons): it is linked to the
        original and answered, not handled again. Allowed only when a rule bars it at the
        body this one was lodged with (see `repeat_bar`); otherwise `RepeatError`."""
        if "link_repeat" not in self.allowed():  # the state first, then the bar
            raise self._refusal("link_repeat")
        if original.id == self.id:
            raise RepeatError([FieldError("original", f"{self.id} cannot repeat itself")])
        basis = repeat_bar(original, at, lodged_with=self.lodged_with)
        if basis is None:
            raise RepeatError([FieldError("original", _not_barred(original, self.lodged_with))])
        return self._record(LinkedAsRepeat(original_id=original.id, basis=basis, by=by, at=at))

    def extend(
        self,
        *,
        extra: CountedRule,
        approved_by: Actor,
        reason: str,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Extend the handling time limit by `extra` (第34条: 经本机关、单位负责人批准，可以适当
        延长办理期限，但延长期限不得超过30日，并告知信访人延期理由).

        `approved_by` must be someone other than `by`, who asks; the law sets no number of
        extensions, only their total, so several are allowed while all together stay within
        the policy's bound (30 days; 浙江: 60).
        """
        return self._record(
            Extended(extra=extra, approved_by=approved_by, reason=reason, by=by, at=at)
        )

    def begin_hearing(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Open a hearing (听证, 第31条第6项). During a re-review its time does not count
        (第36条第2款): the re-review clock stops until `end_hearing`."""
        return self._record(HearingBegan(by=by, at=at))

    def end_hearing(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Close the open hearing; a stopped clock runs again."""
        return self._record(HearingEnded(by=by, at=at))

    def settle(
        self, *, agreement: Agreement, document: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Close the claim by a mediation or settlement agreement (第33条), `document` being
        the agreement's reference."""
        return self._record(Settled(agreement=agreement, document=document, by=by, at=at))

    def answer(self, *, outcome: Outcome, basis: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Give the written opinion (信访处理意见书, 第32条) with its legal `basis`; `at` is
        when the petitioner received it, which starts the window for a review (第35条)."""
        return self._record(Answered(outcome=outcome, basis=basis, by=by, at=at))

    def request_review(self, *, to: Body, by: Actor, at: pendulum.DateTime) -> Self:
        """The petitioner asks `to`, above the body that answered, for a review (复查, 第35条:
        within 30 days of receiving the written reply)."""
        return self._record(ReviewRequested(to=to, by=by, at=at))

    def answer_review(
        self, *, outcome: Outcome, basis: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Give the review opinion (复查意见, 第35条: within 30 days of the request)."""
        return self._record(ReviewAnswered(outcome=outcome, basis=basis, by=by, at=at))

    def request_re_review(self, *, to: Body, by: Actor, at: pendulum.DateTime) -> Self:
        """The petitioner asks `to`, above the reviewing body, for a re-review (复核, 第36条:
        within 30 days of receiving the review opinion)."""
        return self._record(ReReviewRequested(to=to, by=by, at=at))

    def answer_re_review(
        self, *, outcome: Outcome, basis: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Give the re-review opinion (复核意见, 第36条): the matter is final."""
        return self._record(ReReviewAnswered(outcome=outcome, basis=basis, by=by, at=at))

    def conclude(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Conclude the matter (终结) once the window for a review or re-review has lapsed."""
        return self._record(Concluded(by=by, at=at))

    # -- asking ----------------------------------------------------------------------------

    @property
    def outcome(self) -> Outcome | None:
        """The outcome of the latest opinion, if any."""
        return self.opinions[-1].outcome if self.opinions else None

    @property
    def objection_deadline(self) -> Deadline | None:
        """Until when the body it was transferred to may object (第23条: 5个工作日 from the
        transfer); `None` unless it is transferred."""
        if self.state is not P.TRANSFERRED:
            return None
        assert self.deadline is not None
        return self._clock(self.policy.objection, self.deadline.started)

    @property
    def is_assigned(self) -> bool:
        """Whether the matter is assigned (交办) and so owes a completion report (办结报告)."""
        return self.assigned_to is not None

    def report_overdue(self, at: pendulum.DateTime) -> bool:
        """Whether the completion report is overdue at `at`: the matter is assigned with a
        report time limit that has run out at `at`, no report has been submitted, and one
        can still be (the matter is not final). Once submitted, `report.on_time` says
        whether it came in time."""
        deadline = self.report_deadline
        return (
            deadline is not None
            and self.report is None
            and not self.is_final
            and deadline.overdue(at)
        )

    @property
    def is_level_skipping(self) -> bool:
        """Whether a visit skipped a level (越级走访): it went above the handling body's level
        and the one above it (第20条: 本级或者上一级)."""
        return (
            self.channel is Channel.VISIT
            and self.handled_by is not None
            and self.lodged_with.level.value > self.handled_by.level.value + 1
        )

    # -- folding ---------------------------------------------------------------------------

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, Registered)
        return {
            "id": event.petition_id,
            "channel": event.channel,
            "matter": event.matter,
            "calendar": event.calendar,
            "petitioners": event.petitioners,
            "group_size": event.group_size,
            "lodged_with": event.lodged_with,
            "policy": event.policy,
            "deadline": event.policy.registration.start(event.at, event.calendar),
        }

    def _apply(self, event: Event) -> Mapping[str, Any]:  # noqa: PLR0911 - a case per event
        policy, at = self.policy, event.at
        match event:
            case Transferred() | Objected():
                return self._routed(event)
            case Accepted():
                handler = self.handled_by or self.lodged_with
                return {"handled_by": handler, "deadline": self._clock(policy.handling, at)}
            case AcceptedForStudy():
                return {"handled_by": self.handled_by or self.lodged_with, "deadline": None}
            case SuggestionAnswered():
                return self._suggestion_answered(event)
            case ReportSubmitted(summary=summary):
                return {"report": self._report(summary, at)}
            case ReviewRequested(to=to) | ReReviewRequested(to=to):
                limit = policy.review if isinstance(event, ReviewRequested) else policy.re_review
                return {"handled_by": to, "deadline": self._clock(limit, at)}
            case Extended():
                return extend(self, event)
            case HearingBegan() | HearingEnded():
                return self._hearing(event)
            case _Opinion():
                return self._opinion(event)
            case Settled(agreement=agreement):
                return {"agreement": agreement, "on_time": not self._late(at), "deadline": None}
            case Diverted(route=route):
                return {"route": route, "deadline": None}
            case LinkedAsRepeat(original_id=original):
                return {"repeat_of": original, "deadline": None}
        return {"deadline": None}  # Concluded

    def _clock(self, limit: TimeLimit, at: pendulum.DateTime) -> Deadline:
        return limit.start(at, self.calendar)

    def _routed(self, event: Transferred | Objected) -> Mapping[str, Any]:
        """A transfer starts the time to accept, and an assignment the time to report; an
        objection sends the matter back to be routed again, any assignment void."""
        if isinstance(event, Objected):
            return {
                "handled_by": None,
                "deadline": self._clock(self.policy.registration, event.at),
                "assigned_to": None,
                "report_deadline": None,
            }
        limit = event.report_limit
        return {
            "handled_by": event.to,
            "deadline": self._clock(self.policy.acceptance, event.at),
            "assigned_to": event.to if event.assigned else None,
            "report_deadline": None if limit is None else self._clock(limit, event.at),
        }

    def _report_limit(
        self, value: TimeLimit | DurationRule | pendulum.Date, at: pendulum.DateTime
    ) -> TimeLimit:
        """The report time limit given at assignment, as a `TimeLimit` (the command's own
        check has made sure of its kind)."""
        if isinstance(value, TimeLimit):
            return value
        if not isinstance(value, pendulum.Date):
            return TimeLimit(rule=value, source=REPORT_SOURCE, label=_REPORT_LABEL)
        today = at.in_timezone(self.calendar.tz).date()
        days = value.toordinal() - today.toordinal()
        if days < 0:
            msg = f"the report cannot be due on {value}, before the assignment on {today}"
            raise ValidationError.single("report_limit", msg, subject="transfer")
        rule: DurationRule = CalendarDays(days) if days else EndOfDay()
        return TimeLimit(rule=rule, source=REPORT_SOURCE, label=_REPORT_LABEL)

    def _report(self, summary: str, at: pendulum.DateTime) -> CompletionReport:
        assert self.assigned_to is not None
        deadline = self.report_deadline
        on_time = None if deadline is None else not deadline.overdue(at)
        return CompletionReport(body=self.assigned_to, summary=summary, at=at, on_time=on_time)

    def _suggestion_answered(self, event: SuggestionAnswered) -> Mapping[str, Any]:
        """The reply is recorded. No handling time limit runs for a suggestion (第34条 counts
        only claims under 第31条第6项), so the reply cannot be late."""
        assert self.handled_by is not None
        reply = SuggestionReply(
            adoption=event.adoption, reply=event.reply, body=self.handled_by, at=event.at
        )
        return {"suggestion_reply": reply, "on_time": True, "deadline": None}

    def _opinion(self, event: _Opinion) -> Mapping[str, Any]:
        """An opinion is recorded; the first says whether handling met its time limit, and
        each but the last opens the petitioner's window to go one level up."""
        assert self.handled_by is not None
        stage, window = {
            Answered: (Stage.HANDLING, self.policy.review_request),
            ReviewAnswered: (Stage.REVIEW, self.policy.re_review_request),
            ReReviewAnswered: (Stage.RE_REVIEW, None),
        }[type(event)]
        opinion = Opinion(
            stage=stage, outcome=event.outcome, basis=event.basis, body=self.handled_by, at=event.at
        )
        changes: dict[str, Any] = {
            "opinions": (*self.opinions, opinion),
            "deadline": None if window is None else self._clock(window, event.at),
        }
        if stage is Stage.HANDLING:
            changes["on_time"] = not self._late(event.at)
        return changes

    def _hearing(self, event: HearingBegan | HearingEnded) -> Mapping[str, Any]:
        """A hearing stops a pausable clock (第36条第2款) and leaves any other running."""
        deadline = self.deadline
        assert deadline is not None
        if isinstance(event, HearingBegan):
            if deadline.limit.pausable:
                deadline = deadline.pause(event.at, "听证 hearing", event.by)
            return {"hearing_since": event.at, "deadline": deadline}
        if deadline.is_paused:
            deadline = deadline.resume(event.at, event.by)
        return {"hearing_since": None, "deadline": deadline}


@checked
def repeat_bar(original: Petition, at: pendulum.DateTime, *, lodged_with: Body) -> Source | None:
    """The rule that bars a new petition on the same facts and reasons as `original`, lodged
    with `lodged_with` at `at`, or `None` if none does.

    - `original` accepted and within its time limit (not overdue): 第19条第3款 bars it at a
      superior (上级) of the body that accepted it, i.e. a body of a higher level (a body
      knows its level, not its chain of command). The regulation is silent on the same body,
      another body of its level or a lower one: the rule does not bar them, and the new
      petition is handled on its own (accepted, or, by a body that is not competent,
      diverted to the competent body, 第23条第1款). Once the handling body is overdue, no
      body is barred. A suggestion being studied has no time limit, so it bars a repeat
      until it is answered. A policy whose bar is not limited to superiors
      (`accepted_bar_superior_only=False`: 浙江省信访条例(2016) 第20条第1款第5项) bars it at
      any body.
    - `original` final or settled: the same facts and reasons are not accepted again, by any
      body (第36条第3款).
    """
    if original.state in (P.FINAL, P.SETTLED):
        return original.policy.final_bar
    if (
        original.state in _ACCEPTED_STAGES
        and not original.overdue(at)
        and _within_bar(original, lodged_with)
    ):
        return original.policy.accepted_bar
    return None


def _accepting_body(petition: Petition) -> Body:
    """The body that accepted an accepted petition (受理机关): the one that gave its first
    opinion, or, before that, the one handling it."""
    body = petition.opinions[0].body if petition.opinions else petition.handled_by
    assert body is not None  # accepted petitions have a handling body
    return body


def _within_bar(original: Petition, lodged_with: Body) -> bool:
    """Whether the accepted bar of `original`'s policy reaches `lodged_with`."""
    if not original.policy.accepted_bar_superior_only:
        return True
    return _accepting_body(original).level < lodged_with.level


def _not_barred(original: Petition, lodged_with: Body) -> str:
    """Why no rule bars a new petition on `original` at `lodged_with`, for a caseworker."""
    if original.state in _ACCEPTED_STAGES and not _within_bar(original, lodged_with):
        return (
            f"{original.id} was accepted by {_accepting_body(original)}; "
            f"{original.policy.accepted_bar} bars a repeat only at a superior (上级) of that "
            f"body, and {lodged_with} is not one, so this one is handled on its own"
        )
    return (
        f"{original.id} is {original.state.value!r} ({original.state.zh}); no rule bars a "
        "new petition on it now, so this one is handled on its own"
    )


# -- the rules of registration --------------------------------------------------------


def _check_registration(
    petitioners: tuple[Actor, ...], group_size: int, channel: Channel, policy: PetitionPolicy
) -> None:
    """Who raises a petition: at least one named petitioner, no more named than the group
    has people, and a group visit's representatives within its policy's cap (第20条:
    代表人数不得超过5人)."""
    if not petitioners:
        msg = "a petition needs at least one petitioner"
        raise ValidationError.single("register.petitioners", msg, subject="Petition command")
    if group_size < len(petitioners):
        msg = f"must be at least the {len(petitioners)} people named, got {group_size}"
        raise ValidationError.single("register.group_size", msg, subject="Petition command")
    if channel is Channel.VISIT and group_size > 1:
        cap = policy.max_representatives(group_size)
        if len(petitioners) > cap:
            raise RepresentativesError(
                [
                    FieldError(
                        "petitioners",
                        f"a group visit of {group_size} people sends at most {cap} "
                        f"representatives ({policy.representatives_source}); "
                        f"got {len(petitioners)}",
                    )
                ],
                subject="petition",
            )
