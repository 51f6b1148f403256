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

This module holds the `Petition` entity, whose methods build the events, and the repeat bar
(`repeat_bar`); the events are in `_petition_data`, each command's guards, fold and row in
`_petition_machine`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Self

import attrs
import pendulum

from jiceng import (
    Actor,
    ChinaCalendar,
    CountedRule,
    DurationRule,
    Source,
    TimeLimit,
    WorkCalendar,
)
from jiceng.checks import checked, text
from jiceng.exceptions import FieldError, ValidationError
from jiceng.petitions._matter import (
    Body,
    Channel,
    Matter,
    RepeatError,
    Route,
    Step,
    check_route,
)
from jiceng.petitions._petition_data import (
    ACCEPTED_STAGES,
    ADDRESS_LENGTH,
    NEXT_STEPS,
    PETITION_ROUTES,
    UNNOTIFIED_STEPS,
    Accepted,
    AcceptedForStudy,
    Adoption,
    Agreement,
    Answered,
    Concluded,
    Diverted,
    Extended,
    HearingBegan,
    HearingEnded,
    LinkedAsRepeat,
    Objected,
    Outcome,
    PetitionState,
    Registered,
    ReportSubmitted,
    ReReviewAnswered,
    ReReviewRequested,
    ReviewAnswered,
    ReviewRequested,
    Settled,
    SuggestionAnswered,
    Transferred,
    check_registration,
    report_time_limit,
)
from jiceng.petitions._petition_machine import PETITION, PetitionBase
from jiceng.petitions._policy import REGULATION_2022, GroupSize, PetitionPolicy

__all__ = ["Petition", "repeat_bar"]


@attrs.frozen(kw_only=True)
class Petition(PetitionBase, machine=PETITION):
    """A petition (信访事项): who raised what, with which body, and where it stands.

    `petitioners` are the named petitioners (信访人); for a group visit of `group_size`
    people they are its representatives (代表); `address` is where the petitioner lives or
    is written to (住址, 第19条), `None` when unknown or unclear (see `written_notice_owed`).
    `lodged_with` is the body it was lodged with (with its level), `handled_by` the body in
    charge of the current stage. `opinions` are the written opinions given so far;
    `hearing_since` is set while a hearing (听证) is open. Every time limit comes from `policy`.

    `assigned_to` is the body the matter was assigned to (交办, 第22条第1款第3项), with
    `report_deadline` for its completion report (办结报告) and `report` once submitted.
    `suggestion_reply` is the answer to a suggestion or opinion (建议意见类, 第29条).
    """

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
        address: Annotated[str, text(max_length=ADDRESS_LENGTH)] | None = None,
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

        `address` is the petitioner's address (住址) as stated: a written petition states it
        (第19条: 载明其姓名（名称）、住址和请求、事实、理由; 一般应当, "as a rule"), an oral one is
        recorded as told. It is optional, 1 to 200 characters (`ADDRESS_LENGTH`): a matter
        whose address is unclear is still registered and handled, and only the written notice
        falls away (第23条第2款: 但信访人的姓名（名称）、住址不清的除外). Give `None`, never an
        empty text, when there is none.
        """
        named = tuple(petitioners)
        check_registration(named, group_size, channel, policy)
        return cls._start(
            Registered(
                petition_id=id,
                channel=channel,
                petitioners=named,
                address=address,
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
        `pendulum.Date` (due at its end); a rule or a day is cited to the policy's `report_source`
        (`REPORT_SOURCE` under the 2022 regulation). Only
        an assignment takes one; an assignment without one records no due for the report.
        """
        limit = None
        if report_limit is not None:
            source = self.policy.report_source
            limit = report_time_limit(report_limit, at, self.calendar, source)
            if not assigned:
                msg = (
                    "a plain transfer (转送) asks for no report; assign the matter (交办, "
                    f"assigned=True) to set a time limit for its completion report ({source})"
                )
                raise ValidationError.single("report_limit", msg, subject="transfer")
        return self._record(Transferred(to=to, assigned=assigned, report_limit=limit, by=by, at=at))

    def raise_objection(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Object that the body it was transferred to is not competent (第23条: within 5
        working days, with reasons); the matter goes back to be routed again."""
        return self._record(Objected(reason=reason, by=by, at=at))

    def accept(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Accept, with the written notice to the petitioner (书面告知, 第23条): the handling
        time limit starts (第34条)."""
        return self._record(Accepted(by=by, at=at))

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

    def divert(self, *, route: Route, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Route the matter to its proper procedure (诉访分离, 第28条, 第31条(一)–(五)),
        telling the petitioner how (`reason`)."""
        check_route(route, PETITION_ROUTES, "a petition")
        return self._record(Diverted(route=route, reason=reason, by=by, at=at))

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

    def submit_report(self, *, summary: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The body the matter was assigned to (交办) submits its completion report (办结报告,
        第22条第1款第3项), once it has given its opinion and before the matter is final.
        A plain transfer has no report, and a report is submitted once; a late one is
        taken and recorded as late."""
        return self._record(ReportSubmitted(summary=summary, by=by, at=at))

    # -- asking ----------------------------------------------------------------------------

    @property
    def outcome(self) -> Outcome | None:
        """The outcome of the latest opinion, if any."""
        return self.opinions[-1].outcome if self.opinions else None

    @property
    def written_notice_owed(self) -> bool:
        """Whether the petitioner is owed the written notice (书面告知) of how the matter is
        received and handled: not when the address is unclear (`address` is `None`).

        信访工作条例(2022) 第23条第2款 (and 信访条例(2005) 第22条第2款) says so of a matter
        lodged directly: 应当自收到信访事项之日起15日内书面告知信访人，但信访人的姓名（名称）、住址
        不清的除外. 第23条第3款, the notice after a transfer, repeats no exception; a notice
        with no address cannot reach the petitioner either, so jiceng excuses it too. Nothing
        else changes: the matter is routed, accepted and handled within the same time limits
        (第22条 and 第34条 make no exception), `overdue` says the same, and `next_step()` leaves
        the notice out. The name is never unclear here: every petitioner is a named `Actor`.
        """
        return self.address is not None

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

    def _step(self) -> Step | None:
        """The "what next" row, without the written notice when the address is unclear."""
        steps = NEXT_STEPS if self.written_notice_owed else UNNOTIFIED_STEPS
        return steps.get(self.state)

    @property
    def is_level_skipping(self) -> bool:
        """Whether a visit skipped a level (越级走访): it went above the handling body's level
        and the one above it (第20条: 本级或者上一级)."""
        return (
            self.channel is Channel.VISIT
            and self.handled_by is not None
            and self.lodged_with.level.value > self.handled_by.level.value + 1
        )


# -- 重复信访 the repeat bar (used by `link_repeat`) ------------------------------------


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

    The rule returned is the one of `original`'s policy.
    """
    if original.state in (PetitionState.FINAL, PetitionState.SETTLED):
        return original.policy.final_bar
    if (
        original.state in ACCEPTED_STAGES
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
    if original.state in ACCEPTED_STAGES and not _within_bar(original, lodged_with):
        return (
            f"{original.id} was accepted by {_accepting_body(original)}; "
            f"{original.policy.accepted_bar} bars a repeat only at a superior (上级) of that "
            f"body, and {lodged_with} is not one, so this one is handled on its own"
        )
    return (
        f"{original.id} is {original.state.value!r} ({original.state.zh}); no rule bars a "
        "new petition on it now, so this one is handled on its own"
    )
