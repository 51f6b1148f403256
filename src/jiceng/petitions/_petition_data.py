"""Petitions (信访事项): the states, values and events of the workflow, as pure data.

The machine table, its guards and folds, and the `Petition` entity are in `_petition`; this
module imports only the kernel and the other leaf modules (`_matter`, `_policy`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs
import pendulum

from jiceng import (
    Actor,
    CalendarDays,
    DurationRule,
    EndOfDay,
    Event,
    Label,
    Source,
    State,
    TimeLimit,
    WorkCalendar,
)
from jiceng.checks import optional, text
from jiceng.exceptions import FieldError, ValidationError
from jiceng.petitions._matter import Body, Channel, Matter, Route, Step, _Extension, _Labelled
from jiceng.petitions._policy import PetitionPolicy

__all__ = [
    "PETITION_ROUTES",
    "Adoption",
    "Agreement",
    "CompletionReport",
    "Opinion",
    "Outcome",
    "PetitionState",
    "RepresentativesError",
    "Stage",
    "SuggestionReply",
]


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


_REPORT_LABEL = Label("交办办结报告期限", "time to report on an assigned matter")


class RepresentativesError(ValidationError):
    """A group visit with more representatives than the rule allows (第20条: at most 5)."""


PETITION_ROUTES = frozenset(Route) - {
    Route.INFORMATION_DISCLOSURE,
    Route.PETITION,
    Route.EMERGENCY,
}
"""The routes a petition may be diverted to (第22条第2款, 第23条, 第28条, 第31条(一)–(五))."""


ADDRESS_LENGTH: Final = 200
"""The longest address (住址) a petition records, in characters: a full Chinese postal
address (province to room) runs to some 60; the bound leaves room for a note on where to
write (寄往其女儿处：…) and refuses a letter pasted in by mistake."""


# -- events --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Registered(Event):
    """A petition was registered (登记) by the body it was lodged with; `address` is the
    petitioner's address (住址, 第19条) as stated, `None` when it is not known or unclear."""

    petition_id: str
    channel: Channel
    petitioners: tuple[Actor, ...]
    address: str | None = attrs.field(
        default=None, validator=optional(text(max_length=ADDRESS_LENGTH))
    )
    group_size: int
    matter: Matter
    lodged_with: Body
    policy: PetitionPolicy
    calendar: WorkCalendar


def _report_only_on_assignment(
    instance: Transferred, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Only an assignment (交办) sets a time limit for a report (第22条第1款第3项); checked on
    the event, so that a stored history cannot say otherwise either. (`Petition.transfer`
    refuses it first, citing the policy in force.)"""
    if value is not None and not instance.assigned:
        msg = (
            "a plain transfer (转送) asks for no report; assign the matter (交办, assigned=True) "
            "to set a time limit for its completion report"
        )
        raise ValidationError.single(attribute.name, msg, subject="transfer")


@attrs.frozen(kw_only=True)
class Transferred(Event):
    """Transferred (转送) or, with a result report required, assigned (交办) to `to`;
    `report_limit` is the time limit the assigning body set for the completion report."""

    to: Body
    assigned: bool = False
    report_limit: TimeLimit | None = attrs.field(default=None, validator=_report_only_on_assignment)


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
    """Payload of an opinion event: the outcome and its legal basis (第32条)."""

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


# -- what next, and the states the rates count ------------------------------------------

NEXT_STEPS: Mapping[PetitionState, Step] = {
    PetitionState.REGISTERED: Step(
        action=Label(
            "转送、交办或受理并书面告知", "transfer, assign, or accept with a written notice"
        ),
        party=Label("收到信访事项的机关", "the body that received it"),
    ),
    PetitionState.TRANSFERRED: Step(
        action=Label("书面告知受理，或者提出异议", "accept with a written notice, or object"),
        party=Label("收到转送的机关", "the body it was transferred to"),
    ),
    PetitionState.HANDLING: Step(
        action=Label("出具信访处理意见书", "give the written opinion"),
        party=Label("办理机关", "the handling body"),
    ),
    PetitionState.STUDYING: Step(
        action=Label("研究论证并予以回复", "study the suggestion and reply"),
        party=Label("办理机关", "the handling body"),
    ),
    PetitionState.ANSWERED: Step(
        action=Label("可以请求复查，逾期终结", "may request a review, else it is concluded"),
        party=Label("信访人", "the petitioner"),
        duty=False,
    ),
    PetitionState.UNDER_REVIEW: Step(
        action=Label("提出复查意见", "give the review opinion"),
        party=Label("复查机关", "the reviewing body"),
    ),
    PetitionState.REVIEWED: Step(
        action=Label("可以请求复核，逾期终结", "may request a re-review, else it is concluded"),
        party=Label("信访人", "the petitioner"),
        duty=False,
    ),
    PetitionState.UNDER_RE_REVIEW: Step(
        action=Label("提出复核意见", "give the re-review opinion"),
        party=Label("复核机关", "the re-reviewing body"),
    ),
}

UNNOTIFIED_STEPS: Mapping[PetitionState, Step] = {
    **NEXT_STEPS,
    PetitionState.REGISTERED: Step(
        action=Label(
            "转送、交办或受理（住址未载明或者不清，不书面告知）",
            "transfer, assign, or accept (no address, or unclear: no written notice)",
        ),
        party=Label("收到信访事项的机关", "the body that received it"),
    ),
    PetitionState.TRANSFERRED: Step(
        action=Label(
            "受理（住址未载明或者不清，不书面告知），或者提出异议",
            "accept (no address, or unclear: no written notice), or object",
        ),
        party=Label("收到转送的机关", "the body it was transferred to"),
    ),
}
"""What next for a petition with no address stated, or an unclear one (住址不清): the same,
without the written notice (书面告知) that cannot reach the petitioner (第23条第2款)."""

ACCEPTED_STAGES = frozenset(
    {
        PetitionState.HANDLING,
        PetitionState.STUDYING,
        PetitionState.ANSWERED,
        PetitionState.UNDER_REVIEW,
        PetitionState.REVIEWED,
        PetitionState.UNDER_RE_REVIEW,
    }
)
"""Accepted and not yet final: the states where a repeat may be barred (第19条第3款)."""

COMPLETED_STATES = frozenset(
    {
        PetitionState.ANSWERED,
        PetitionState.UNDER_REVIEW,
        PetitionState.REVIEWED,
        PetitionState.UNDER_RE_REVIEW,
        PetitionState.FINAL,
        PetitionState.SETTLED,
        PetitionState.SUGGESTION_ANSWERED,
    }
)
"""Handled to a result (办结): a written opinion, an agreement or a suggestion's reply."""

RESOLVED_STATES = frozenset(
    {PetitionState.FINAL, PetitionState.SETTLED, PetitionState.SUGGESTION_ANSWERED}
)
"""Resolved (化解): final, settled by agreement, or a suggestion answered."""


# -- values checked before an event is built -------------------------------------------


def check_registration(
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


def report_time_limit(
    value: TimeLimit | DurationRule | pendulum.Date,
    at: pendulum.DateTime,
    calendar: WorkCalendar,
    source: Source,
) -> TimeLimit:
    """The report time limit given at an assignment at `at`, as a `TimeLimit`: a rule
    counted from `at` or a due day is cited to `source`, the policy's rule of assignment; a
    `TimeLimit` keeps its own. (The command's own check has made sure of the kind.)"""
    if isinstance(value, TimeLimit):
        return value
    if not isinstance(value, pendulum.Date):
        return TimeLimit(rule=value, source=source, label=_REPORT_LABEL)
    today = at.in_timezone(calendar.tz).date()
    days = value.toordinal() - today.toordinal()
    if days < 0:
        msg = f"the report cannot be due on {value}, before the assignment on {today}"
        raise ValidationError.single("report_limit", msg, subject="transfer")
    rule: DurationRule = CalendarDays(days) if days else EndOfDay()
    return TimeLimit(rule=rule, source=source, label=_REPORT_LABEL)
