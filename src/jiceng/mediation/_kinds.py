"""The states of a mediation case and the kinds its values are made of (pure data).

`MediationState` is where a case stands, with the named sets of states the machine table
uses; every other class here is a labelled kind (a party's kind, a dispute's kind, a
session's kind, a termination's ground, ...).
"""

from __future__ import annotations

from jiceng import Labelled, State

__all__ = [
    "BEFORE_AGREEMENT",
    "COMMUNITY_ROLES",
    "INVITED_ROLES",
    "NOT_FINAL",
    "PERFORMING",
    "UNSETTLED",
    "AgreementForm",
    "AttendeeRole",
    "CourtRoute",
    "DisputeKind",
    "Mark",
    "MediationState",
    "MediatorKind",
    "ObligationStatus",
    "OriginKind",
    "Outcome",
    "PartyKind",
    "Publicity",
    "Route",
    "SessionKind",
    "TerminationGround",
]


class MediationState(State):
    """Where a mediation case stands."""

    MEDIATING = "mediating", "调解中", "Mediating"
    PROPOSED = "proposed", "方案待各方同意", "Proposal pending"
    AGREED = "agreed", "已达成协议", "Agreed"
    SIGNING = "signing", "协议书待签署", "Awaiting signatures"
    IN_FORCE = "in_force", "协议已生效", "Agreement in force"
    CONFIRMATION_APPLIED = "confirmation_applied", "司法确认审查中", "Confirmation applied"
    CONFIRMED = "confirmed", "已司法确认", "Judicially confirmed"
    CONFIRMATION_REFUSED = "confirmation_refused", "不予确认", "Confirmation refused"
    PERFORMED = "performed", "履行完毕", "Performed"
    REFERRED_TO_COURT = "referred_to_court", "告知诉讼或申请执行", "Referred to court"
    TERMINATED = "terminated", "终止调解", "Terminated"


BEFORE_AGREEMENT = frozenset({MediationState.MEDIATING, MediationState.PROPOSED})
"""Mediation goes on: sessions, mediators and proposals."""
UNSETTLED = BEFORE_AGREEMENT | {MediationState.AGREED, MediationState.SIGNING}
"""No agreement in force yet: a party may still refuse, the committee terminate."""
PERFORMING = frozenset(
    {MediationState.IN_FORCE, MediationState.CONFIRMATION_APPLIED, MediationState.CONFIRMED}
)
"""An agreement in force is being performed and followed up."""
NOT_FINAL = UNSETTLED | PERFORMING | {MediationState.CONFIRMATION_REFUSED}
"""Every state that is not final."""


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
    colleagues, people with special knowledge or experience and people from social
    organisations may be invited, with the parties' consent)."""

    PARTY = "party", "当事人", "Party"
    MEDIATOR = "mediator", "调解员", "Mediator"
    PARTY_MEMBER = "party_member", "党员", "Party member"
    RESPECTED_LOCAL = "respected_local", "乡贤", "Respected local"
    OFFICIAL = "official", "干部", "Official"
    RESIDENT = "resident", "群众代表", "Residents' representative"
    RELATIVE = "relative", "亲属", "Relative"
    NEIGHBOUR = "neighbour", "邻里", "Neighbour"
    EXPERT = "expert", "专业人员", "Expert"
    COLLEAGUE = "colleague", "同事", "Colleague"
    ORGANISATION = "organisation", "有关社会组织人员", "From a social organisation"


INVITED_ROLES = frozenset(
    {
        AttendeeRole.RELATIVE,
        AttendeeRole.NEIGHBOUR,
        AttendeeRole.COLLEAGUE,
        AttendeeRole.EXPERT,
        AttendeeRole.ORGANISATION,
    }
)
"""The roles of 人民调解法 第20条: they take part in mediation only when a mediator invited
them and every party agreed (在征得当事人的同意后), whatever the session."""

COMMUNITY_ROLES = frozenset(
    {
        AttendeeRole.PARTY_MEMBER,
        AttendeeRole.RESPECTED_LOCAL,
        AttendeeRole.OFFICIAL,
        AttendeeRole.RESIDENT,
    }
)
"""The roles that make a session a 屋场会: the community sits with the parties. They attend
a session held in public freely; one not held in public only on an invitation every party
agreed to (人民调解法 第20条, 第23条(三))."""


class Publicity(Labelled):
    """Whether mediation is held in public (人民调解法 第23条(三): 要求调解公开进行或者不公开
    进行). A 屋场会 is held in public by its nature (娄底, seed 004: 群众说事、屋场共治)."""

    PUBLIC = "public", "公开进行", "In public"
    NOT_PUBLIC = "not_public", "不公开进行", "Not in public"


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
