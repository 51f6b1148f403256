"""The values a mediation case is made of: parties, mediators, sessions, terms, agreements.

Every value is frozen. Values that users build as input (a `Party`, a `Mediator`, `Terms`,
an `Attendee`, ...) check their own fields and raise `ValidationError` for bad input;
values the case builds from its events (a `Session` once held, an `Agreement` being
signed and performed) are folded from validated events and check nothing again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import attrs
import pendulum

from jiceng import Labelled, Source
from jiceng.checks import as_tuple, day, instance_of, items, member, optional, text
from jiceng.exceptions import FieldError, ValidationError

__all__ = [
    "Agreement",
    "AgreementForm",
    "Attendee",
    "AttendeeRole",
    "Confirmation",
    "CourtRoute",
    "Dispute",
    "DisputeKind",
    "FollowUp",
    "Mark",
    "Mediator",
    "MediatorKind",
    "Obligation",
    "ObligationStatus",
    "Origin",
    "OriginKind",
    "Outcome",
    "Party",
    "PartyKind",
    "Performance",
    "Proposal",
    "Responsibility",
    "RiskReport",
    "Route",
    "Session",
    "SessionKind",
    "Signature",
    "Termination",
    "TerminationGround",
    "Terms",
]


class PartyKind(Labelled):
    """Who a party is (当事人): a natural person or an organisation (人民调解法 第2条)."""

    PERSON = "person", "自然人", "Person"
    ORGANISATION = "organisation", "法人或其他组织", "Organisation"


class DisputeKind(Labelled):
    """The kind of civil dispute (民间纠纷类型), for routing and for counts by kind.

    Professional committees take one kind each: 贵阳's 8 专业调解委员会 include those for
    劳动纠纷 and 医患纠纷 (seed 001).
    """

    NEIGHBOUR = "neighbour", "邻里纠纷", "Neighbour"
    LAND = "land", "土地山林及地界纠纷", "Land and boundary"
    FAMILY = "family", "婚姻家庭纠纷", "Marriage and family"
    LABOUR = "labour", "劳动争议", "Labour"
    COMPENSATION = "compensation", "损害赔偿纠纷", "Compensation"
    CONTRACT = "contract", "合同纠纷", "Contract"
    PROPERTY = "property", "物业纠纷", "Property management"
    MEDICAL = "medical", "医疗纠纷（医患纠纷）", "Medical (doctor-patient)"
    OTHER = "other", "其他纠纷", "Other"


class OriginKind(Labelled):
    """How a case came to the committee (纠纷来源).

    A party applies or the committee acts on its own (人民调解法 第17条); a court or the
    police refer it (第18条), another organ entrusts it (宁波市人民调解条例 第19条), or it
    arrives from a petition (信访) or a grid event (网格事件). Referrals name their source
    by id: the mediation package never imports the other workflows.
    """

    APPLICATION = "application", "当事人申请", "A party's application"
    OWN_INITIATIVE = "own_initiative", "主动调解", "The committee's own initiative"
    COURT = "court", "人民法院委派", "Referred by a court"
    POLICE = "police", "公安机关委托", "Referred by the police"
    AGENCY = "agency", "其他国家机关委托", "Entrusted by another organ"
    PETITION = "petition", "信访事项转入", "From a petition"
    GRID_EVENT = "grid_event", "网格事件转入", "From a grid event"


class MediatorKind(Labelled):
    """Who mediates (人民调解员, 人民调解法 第13条): committee members and hired mediators,
    and the panels practice adds, such as 瓮安 "七老联调" elder mediators and 乡贤.
    """

    COMMITTEE_MEMBER = "committee_member", "调解委员会委员", "Committee member"
    HIRED = "hired", "聘任调解员", "Hired mediator"
    ELDER_PANEL = "elder_panel", "老年调解员（七老联调）", "Elder panel mediator"
    RESPECTED_LOCAL = "respected_local", "乡贤调解员", "Respected local"
    PROFESSIONAL = "professional", "专业调解员", "Professional mediator"


class SessionKind(Labelled):
    """Where and how a session is held (调解形式). Mediation is done promptly and on the
    spot (及时、就地进行, 人民调解法 第21条); a 屋场会 (娄底) is an on-site meeting of the
    parties with party members, respected locals (乡贤) and officials.
    """

    ROOM = "room", "调解室调解", "In the mediation room"
    ON_SITE = "on_site", "现场调解", "On site"
    HOUSE_MEETING = "house_meeting", "屋场会", "House-yard meeting (屋场会)"


class AttendeeRole(Labelled):
    """In what capacity someone attends a session (人民调解法 第20条: relatives, neighbours,
    colleagues and people with special knowledge may be invited)."""

    PARTY = "party", "当事人", "Party"
    MEDIATOR = "mediator", "调解员", "Mediator"
    PARTY_MEMBER = "party_member", "党员", "Party member"
    RESPECTED_LOCAL = "respected_local", "乡贤", "Respected local"
    OFFICIAL = "official", "干部", "Official"
    RESIDENT = "resident", "群众代表", "Residents' representative"
    RELATIVE = "relative", "亲属", "Relative"
    NEIGHBOUR = "neighbour", "邻里", "Neighbour"
    EXPERT = "expert", "专业人员", "Expert"


COMMUNITY_ROLES = frozenset(
    {
        AttendeeRole.PARTY_MEMBER,
        AttendeeRole.RESPECTED_LOCAL,
        AttendeeRole.OFFICIAL,
        AttendeeRole.RESIDENT,
    }
)
"""The roles that make a session a 屋场会: the community sits with the parties."""


class Route(Labelled):
    """Another way to protect one's rights, told to the parties when mediation ends without
    agreement (人民调解法 第26条: 仲裁、行政、司法; 宁波市人民调解条例 第18条: another
    committee)."""

    ARBITRATION = "arbitration", "仲裁", "Arbitration"
    ADMINISTRATIVE = "administrative", "行政途径", "Administrative channels"
    LITIGATION = "litigation", "向人民法院起诉", "A lawsuit"
    OTHER_COMMITTEE = "other_committee", "向其他人民调解委员会申请调解", "Another committee"


class TerminationGround(Labelled):
    """Why mediation ended without agreement (终止调解, 宁波市人民调解条例 第23条, 第27条)."""

    FAILED = "failed", "调解不成", "Mediation failed"
    PARTY_REFUSED = "party_refused", "当事人拒绝或者要求终止调解", "A party refused"
    IMPOSSIBLE = "impossible", "发生特定事由使调解不能进行", "Mediation cannot go on"
    TIME_LIMIT = "time_limit", "期满未达成协议", "The time limit ran out"


class Outcome(Labelled):
    """How mediation ended (调解结果): an agreement in force, or termination."""

    AGREEMENT = "agreement", "调解成功", "Agreement in force"
    TERMINATED = "terminated", "终止调解", "Terminated"


class AgreementForm(Labelled):
    """A written agreement (调解协议书, 人民调解法 第29条) or an oral one recorded by the
    mediator (口头协议, 第28条, 第30条)."""

    WRITTEN = "written", "调解协议书", "Written"
    ORAL = "oral", "口头协议", "Oral"


class Mark(Labelled):
    """How a signer marks the written agreement (人民调解法 第29条): a party signs, seals or
    fingerprints; a mediator signs."""

    SIGNATURE = "signature", "签名", "Signature"
    SEAL = "seal", "盖章", "Seal"
    FINGERPRINT = "fingerprint", "按指印", "Fingerprint"


class ObligationStatus(Labelled):
    """Where an obligation of the agreement stands (履行情况)."""

    PENDING = "pending", "待履行", "Pending"
    PERFORMED = "performed", "已履行", "Performed"
    PERFORMED_LATE = "performed_late", "逾期履行", "Performed late"
    BREACHED = "breached", "未履行", "Breached"

    @property
    def performed(self) -> bool:
        """Whether the obligation is performed, on time or late."""
        return self in (ObligationStatus.PERFORMED, ObligationStatus.PERFORMED_LATE)


class CourtRoute(Labelled):
    """What the parties are told to take to court after an agreement (人民调解法 第32条:
    a lawsuit over performance or content; 第33条: enforcement of a confirmed agreement,
    or a lawsuit when confirmation is refused)."""

    LITIGATION = "litigation", "提起诉讼", "A lawsuit"
    ENFORCEMENT = "enforcement", "申请强制执行", "Enforcement"


# -- input values --------------------------------------------------------------------------

ID: Final = text(max_length=200)
"""An id (of a case, a party, a mediator, an obligation, a session): at most 200
characters, as an `Actor`'s id."""

_NAME: Final = text(max_length=200)
"""A person's or an organisation's name: at most 200 characters."""


def unique_ids(values: Iterable[Any], path: str) -> list[FieldError]:
    """A `FieldError` for every value whose `id` an earlier one already has."""
    seen: set[str] = set()
    errors = []
    for index, value in enumerate(values):
        if value.id in seen:
            errors.append(FieldError(f"{path}[{index}].id", f"{value.id!r} appears twice"))
        seen.add(value.id)
    return errors


@attrs.frozen(kw_only=True)
class Party:
    """A party to the dispute (当事人): a person or an organisation, with its id."""

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=_NAME)
    kind: PartyKind = attrs.field(default=PartyKind.PERSON, validator=member(PartyKind))


@attrs.frozen(kw_only=True)
class Mediator:
    """A mediator (人民调解员, 人民调解法 第13条), of a kind such as an elder panel member."""

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=_NAME)
    kind: MediatorKind = attrs.field(
        default=MediatorKind.COMMITTEE_MEMBER, validator=member(MediatorKind)
    )


@attrs.frozen(kw_only=True)
class Dispute:
    """The dispute (纠纷): its kind and the facts as registered (人民调解法 第27条)."""

    kind: DisputeKind = attrs.field(validator=member(DisputeKind))
    facts: str = attrs.field(validator=text())


_NEEDS_REF = frozenset(OriginKind) - {OriginKind.OWN_INITIATIVE}


@attrs.frozen(kw_only=True)
class Origin:
    """Where a case comes from (纠纷来源), with `ref`: the applicant's party id for an
    application, the other workflow's id for a referral (a petition, a grid event, a court
    or police file), and nothing for the committee's own initiative.

    >>> Origin(kind=OriginKind.PETITION, ref="XF-2026-0012").ref
    'XF-2026-0012'
    >>> Origin(kind=OriginKind.POLICE)
    Traceback (most recent call last):
    ...
    jiceng.exceptions.ValidationError: invalid Origin: ref: 'police' needs the id it comes from
    """

    kind: OriginKind = attrs.field(validator=member(OriginKind))
    ref: str | None = attrs.field(default=None, validator=optional(ID))

    def __attrs_post_init__(self) -> None:
        if self.kind in _NEEDS_REF and self.ref is None:
            msg = f"{self.kind.value!r} needs the id it comes from"
            raise ValidationError.single("ref", msg, subject="Origin")
        if self.kind is OriginKind.OWN_INITIATIVE and self.ref is not None:
            msg = "the committee's own initiative refers to nothing; leave it empty"
            raise ValidationError.single("ref", msg, subject="Origin")


@attrs.frozen(kw_only=True)
class Obligation:
    """One obligation of the agreement (履行义务): who does what, how, and by which day
    (人民调解法 第29条: 履行的方式、期限). `due` is a local day; performing on it is on time.
    """

    id: str = attrs.field(validator=ID)
    obligor: str = attrs.field(validator=ID)
    what: str = attrs.field(validator=text())
    method: str = attrs.field(validator=text())
    due: pendulum.Date = attrs.field(validator=day())


def _clause_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(value)


def _obligation_tuple(value: Iterable[Obligation]) -> tuple[Obligation, ...]:
    return as_tuple(value)


_AGREEMENT_CONTENTS = Source(
    "人民调解法(2010) 第29条第1款第3项",
    "调解协议书可以载明下列事项：……（三）当事人达成调解协议的内容，履行的方式、期限。",
)


@attrs.frozen(kw_only=True)
class Terms:
    """The terms of a settlement (调解方案): its clauses and the obligations they create.

    An agreement may have no obligation to perform (an apology given at the meeting, a
    boundary simply recognised); it always has at least one clause, its content
    (人民调解法 第29条). Obligations have distinct ids. A list is kept as a tuple.
    """

    clauses: tuple[str, ...] = attrs.field(converter=_clause_tuple, validator=items(text()))
    obligations: tuple[Obligation, ...] = attrs.field(
        default=(), converter=_obligation_tuple, validator=items(instance_of(Obligation))
    )

    def __attrs_post_init__(self) -> None:
        errors = unique_ids(self.obligations, "obligations")
        if not self.clauses:
            msg = (
                "the terms state what the parties agreed: at least one clause "
                f"({_AGREEMENT_CONTENTS})"
            )
            errors.insert(0, FieldError("clauses", msg))
        if errors:
            raise ValidationError(errors, subject="Terms")


@attrs.frozen(kw_only=True)
class Attendee:
    """Someone at a session, in a role; parties and mediators by their case ids."""

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=_NAME)
    role: AttendeeRole = attrs.field(validator=member(AttendeeRole))


@attrs.frozen(kw_only=True)
class Responsibility:
    """A party's responsibility as the written agreement states it (各方当事人的责任)."""

    party: str = attrs.field(validator=ID)
    text: str = attrs.field(validator=text())


# -- values the case folds from its events -------------------------------------------------


@attrs.frozen(kw_only=True)
class Session:
    """A mediation session (调解): scheduled, then held with its attendees and its record
    (调解记录, 人民调解法 第27条)."""

    id: str
    kind: SessionKind
    place: str
    scheduled_for: pendulum.DateTime
    held_at: pendulum.DateTime | None = None
    attendees: tuple[Attendee, ...] = ()
    record: str = ""


@attrs.frozen(kw_only=True)
class RiskReport:
    """A risk of escalation reported to the police or another body (人民调解法 第25条)."""

    at: pendulum.DateTime
    risk: str
    reported_to: str
    measures: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Proposal:
    """A proposal that takes effect only once every party has accepted it (双方同意): a
    mediator chosen by a party (人民调解法 第19条, 第23条), or the terms of a settlement.
    `proposed_by` is the proposing party, if a party proposed it; it counts as accepting.
    """

    mediator: Mediator | None = None
    terms: Terms | None = None
    proposed_by: str | None = None
    accepted_by: frozenset[str] = frozenset()


@attrs.frozen(kw_only=True)
class Signature:
    """A signer's mark on the written agreement (签名、盖章或者按指印)."""

    signer: str
    mark: Mark
    at: pendulum.DateTime


@attrs.frozen(kw_only=True)
class Performance:
    """An obligation performed (履行), on a local day."""

    obligation: str
    on: pendulum.Date


@attrs.frozen(kw_only=True)
class FollowUp:
    """A follow-up visit (回访): planned for a day, or made without a plan; `visited_at` is
    when it was made (`None` while only planned)."""

    planned_on: pendulum.Date | None = None
    visited_at: pendulum.DateTime | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class Confirmation:
    """A joint application for judicial confirmation (司法确认) and the court's decision
    (`confirmed` is `None` while the court reviews it)."""

    applicants: frozenset[str]
    court: str
    applied_at: pendulum.DateTime
    decided_at: pendulum.DateTime | None = None
    confirmed: bool | None = None
    decision: str = ""


@attrs.frozen(kw_only=True)
class Agreement:
    """The agreement (调解协议): its terms, its form, and what became of it.

    Written agreements carry the contents of 人民调解法 第29条 (the parties are the case's;
    the facts, the disputed matters, each party's responsibility; the terms, with the
    method and deadline of each obligation) and take effect when sealed after every
    signature. Oral agreements take effect the moment they are reached (第30条).
    """

    terms: Terms
    agreed_at: pendulum.DateTime
    form: AgreementForm | None = None
    facts: str = ""
    disputed_matters: tuple[str, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    signatures: tuple[Signature, ...] = ()
    recorded_by: str | None = None
    effective_at: pendulum.DateTime | None = None
    performances: tuple[Performance, ...] = ()
    breached: frozenset[str] = frozenset()
    follow_ups: tuple[FollowUp, ...] = ()
    confirmation: Confirmation | None = None

    @property
    def signers(self) -> frozenset[str]:
        """The ids of everyone who has marked the written agreement."""
        return frozenset(s.signer for s in self.signatures)

    def obligation(self, obligation_id: str) -> Obligation | None:
        """The obligation with this id, or `None`."""
        return next((o for o in self.terms.obligations if o.id == obligation_id), None)

    def status(self, obligation: Obligation) -> ObligationStatus:
        """Whether `obligation` is pending, performed (on time or late) or breached."""
        done = next((p for p in self.performances if p.obligation == obligation.id), None)
        if done is not None:
            late = done.on > obligation.due
            return ObligationStatus.PERFORMED_LATE if late else ObligationStatus.PERFORMED
        if obligation.id in self.breached:
            return ObligationStatus.BREACHED
        return ObligationStatus.PENDING

    def fully_performed(self, *, on_time: bool = False) -> bool:
        """Whether every obligation is performed (with `on_time`, none of them late)."""
        wanted = ObligationStatus.PERFORMED
        return all(
            status is wanted if on_time else status.performed
            for status in map(self.status, self.terms.obligations)
        )

    def overdue(self, on: pendulum.Date) -> tuple[Obligation, ...]:
        """The obligations not performed although their day has passed by `on`."""
        return tuple(
            o for o in self.terms.obligations if o.due < on and not self.status(o).performed
        )

    def follow_ups_due(self, on: pendulum.Date) -> tuple[FollowUp, ...]:
        """The planned follow-up visits not yet made although their day has passed by `on`."""
        return tuple(
            f
            for f in self.follow_ups
            if f.visited_at is None and f.planned_on is not None and f.planned_on < on
        )


@attrs.frozen(kw_only=True)
class Termination:
    """How mediation ended without agreement (终止调解通知书): the ground, the party who
    refused (if one did), and the other routes the parties were told (人民调解法 第26条)."""

    ground: TerminationGround
    routes: frozenset[Route]
    at: pendulum.DateTime
    party: str | None = None
