"""What petitions (信访事项) and citizen requests (诉求工单) are made of: the shared values.

Both are matters raised by the public, handled by a body against a time limit, possibly
routed out to another procedure (诉访分离) or recognised as a repeat of an earlier matter.
The values they share live here once: how a matter was raised (`Channel`), what is asked
(`Matter`), who handles it (`Body`, `Level`), where it may be routed (`Route`), what must
happen next (`NextStep`), and the payload of an extension. Pure data: no entity here.
"""

from __future__ import annotations

import attrs

from jiceng import Actor, CountedRule, Deadline, Event, Label, Labelled
from jiceng.checks import member, text
from jiceng.exceptions import ValidationError

__all__ = [
    "Body",
    "Channel",
    "Level",
    "Matter",
    "NextStep",
    "RepeatError",
    "Route",
]


class _Labelled(Labelled):
    """A labelled enum shown by its Chinese label."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}: {self.zh}>"


class Channel(_Labelled):
    """How a matter was raised (信访形式): 信访工作条例(2022) 第17条; 12345 channels."""

    ONLINE = "online", "网络", "online"
    LETTER = "letter", "书信", "letter"
    PHONE = "phone", "电话", "phone"
    FAX = "fax", "传真", "fax"
    VISIT = "visit", "走访", "visit in person"


class Level(_Labelled):
    """The administrative level of a body (层级), lowest first; members compare by rank."""

    TOWNSHIP = 1, "乡镇（街道）", "township or subdistrict"
    COUNTY = 2, "县级", "county"
    CITY = 3, "市级", "city"
    PROVINCE = 4, "省级", "province"
    CENTRAL = 5, "中央", "central"

    def __lt__(self, other: Level) -> bool:
        return bool(self.value < other.value)


@attrs.frozen(kw_only=True)
class Body:
    """A body (机关、单位) that receives, handles or reviews a matter, with its level.

    >>> Body(id="hz-xfj", name="杭州市信访局", level=Level.CITY)
    Body(id='hz-xfj', name='杭州市信访局', level=<Level.CITY: 市级>)
    """

    id: str = attrs.field(validator=text())
    name: str = attrs.field(validator=text())
    level: Level = attrs.field(validator=member(Level))

    def __str__(self) -> str:
        return f"{self.name} ({self.level.zh})"


@attrs.frozen(kw_only=True)
class Matter:
    """What is asked (诉求): the request, its facts and its reasons.

    信访工作条例(2022) 第19条: a written petition states the request (请求), the facts (事实)
    and the reasons (理由); an oral one is recorded as told. The request must be stated;
    facts and reasons may be empty for a suggestion or a short call. The name and address
    (姓名（名称）、住址) the same article asks for are the petition's (`Petition.register`).
    """

    request: str = attrs.field(validator=text())
    facts: str = attrs.field(default="", validator=text(blank=True))
    reasons: str = attrs.field(default="", validator=text(blank=True))


class Route(_Labelled):
    """A procedure a matter is routed to instead of being handled here (诉访分离、转出).

    Petitions (信访工作条例(2022) 第22条第2款, 第23条第1款, 第28条第2款, 第31条(一)–(五)):
    litigation and other legal procedures (涉法涉诉, to the 政法 bodies), arbitration,
    party appeals, administrative procedures, law enforcement duties, discipline bodies for
    accusations, and another competent body. Citizen requests (潍坊 12345 条例(2021) 第19条,
    第39条; 北京接诉即办条例(2021) 第11条): emergency lines 110/119/120/122, the legal
    procedures, government information disclosure, and a petition already under way.
    """

    LITIGATION = "litigation", "诉讼等法律程序（政法部门）", "litigation or another legal procedure"
    ARBITRATION = "arbitration", "仲裁", "arbitration"
    PARTY_APPEAL = "party_appeal", "党员申诉、申请复审", "party member appeal or re-examination"
    ADMINISTRATIVE_RECONSIDERATION = (
        "administrative_reconsideration",
        "行政复议",
        "administrative reconsideration",
    )
    ADMINISTRATIVE_PROCEDURE = (
        "administrative_procedure",
        "行政裁决、确认、许可、处罚等行政程序",
        "another administrative procedure",
    )
    LAW_ENFORCEMENT = (
        "law_enforcement",
        "依法履行保护职责或者查处违法行为",
        "law enforcement duty",
    )
    DISCIPLINE = "discipline", "纪检监察机关（检举控告）", "discipline and supervision bodies"
    COMPETENT_BODY = "competent_body", "向有权处理的机关、单位提出", "another competent body"
    INFORMATION_DISCLOSURE = (
        "information_disclosure",
        "政府信息公开",
        "government information disclosure",
    )
    PETITION = "petition", "信访程序", "the petition procedure"
    EMERGENCY = "emergency", "紧急热线（110、119、120、122）", "emergency line (110/119/120/122)"


class RepeatError(ValidationError):
    """A matter linked as a repeat (重复) of one whose status does not bar it."""


@attrs.frozen(kw_only=True)
class Step:
    """One row of a workflow's "what next" table: the action, who owes it, and whether the
    running deadline binds that party as a duty (an authority's time limit) rather than as
    a window the public may use (a petitioner's 30 days to ask for a review)."""

    action: Label
    party: Label
    duty: bool = True


@attrs.frozen(kw_only=True)
class NextStep:
    """What must happen next, by whom, by when: the answer to "where does this matter stand"."""

    action: Label
    party: Label
    commands: tuple[str, ...]
    deadline: Deadline | None
    duty: bool

    def __str__(self) -> str:
        head = f"{self.party.zh}: {self.action.zh} ({self.party.en}: {self.action.en})"
        return f"{head}; {self.deadline}" if self.deadline else head


def check_route(route: Route, allowed: frozenset[Route], where: str) -> Route:
    """`route` if it is one of `allowed`, the routes of this workflow; a `ValidationError`
    naming the allowed ones if not. (The command's own check has made sure that `route` is
    a `Route` member.)"""
    if route in allowed:
        return route
    names = ", ".join(r.value for r in Route if r in allowed)
    raise ValidationError.single("route", f"{where} is routed to one of: {names}; got {route!r}")


@attrs.frozen(kw_only=True)
class _Extension(Event):
    """Payload of an extension event: by how much, approved by whom (the reason is `reason`)."""

    extra: CountedRule
    approved_by: Actor
