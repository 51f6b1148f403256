"""Policies (政策规则): the time limits and caps of each regulation, as plain values.

A policy is chosen when a petition or a ticket is created and travels with it (in its
creating event), so a history replays under the rules it was handled by. The built-in
ones follow the verbatim texts: `REGULATION_2022` (信访工作条例, the default),
`REGULATION_2005` (信访条例), `ZHEJIANG_2016` (浙江省信访条例), and for tickets
`JINAN_2018`, `WEIFANG_2021` (5 working days to reply) and `BEIJING_2021` (the time limit
is set on each ticket when it is dispatched).
"""

from __future__ import annotations

from typing import Annotated, Final, TypeAlias, TypedDict

import attrs

from jiceng import CalendarDays, ExtensionLimit, Label, Source, TimeLimit, WorkingDays
from jiceng.checks import between, flag, instance_of, items, optional, text
from jiceng.exceptions import ValidationError

__all__ = [
    "BEIJING_2021",
    "JINAN_2018",
    "REGULATION_2005",
    "REGULATION_2022",
    "REPORT_SOURCE",
    "WEIFANG_2021",
    "ZHEJIANG_2016",
    "GroupSize",
    "PetitionPolicy",
    "RepresentativeCap",
    "TicketPolicy",
]


_MAX_GROUP: Final = 100_000

GroupSize: TypeAlias = Annotated[int, between(1, _MAX_GROUP)]
"""How many people raise a petition together: 1 (one petitioner) to 100,000.

A group visit (集体访, 多人采用走访形式, 信访工作条例(2022) 第20条) is one of 5 people or more in
the usual count, and a large one (规模性集体访, 第46条第3项) can bring hundreds or thousands to
a body's door: the bound leaves room for the largest on record and refuses a miscount by
orders of magnitude.
"""

_MAX_RETURNS: Final = 10
"""The most returns for re-handling (退回再办) a ticket policy may allow (see `TicketPolicy`)."""

_LIMIT = instance_of(TimeLimit)
_SOURCE = instance_of(Source)

_WORK_REGULATION_2022 = "信访工作条例(2022)"
_STATE_COUNCIL_REGULATION_2005 = "信访条例(2005)"
_ZHEJIANG_REGULATION_2016 = "浙江省信访条例(2016)"

REPORT_SOURCE = Source(
    f"{_WORK_REGULATION_2022} 第22条第1款第3项",
    "对转送信访事项中的重要情况需要反馈办理结果的，可以交由有权处理的机关、单位办理，"
    "要求其在指定办理期限内反馈结果，提交办结报告。",
)
"""The rule behind an assignment's report (交办、办结报告) under 信访工作条例 (2022), the
`report_source` of `REGULATION_2022` and the default of a `PetitionPolicy`; it sets no
number of days."""


@attrs.frozen(kw_only=True)
class RepresentativeCap:
    """At most `limit` representatives for a group visit of up to `group_size` people
    (`None`: any size). 信访工作条例(2022) 第20条: 代表人数不得超过5人, so `limit` is 1 to 5
    (a local rule may ask for fewer, 浙江: 3, never more); `group_size` is a `GroupSize`.
    """

    limit: int = attrs.field(validator=between(1, 5))
    group_size: int | None = attrs.field(default=None, validator=optional(between(1, _MAX_GROUP)))


@attrs.frozen(kw_only=True)
class PetitionPolicy:
    """The rules a petition (信访事项) is handled by: its time limits, caps and sources.

    - `registration`: to transfer, assign or accept after registration (第22条, 第23条);
    - `acceptance`: to notify acceptance in writing after a transfer (第23条第3款);
    - `objection`: to object as not competent after a transfer (第23条第3款);
    - `handling`: to conclude a claim after acceptance, with its extension (第34条);
    - `review_request` / `review`: to ask for a review (复查) / to answer it (第35条);
    - `re_review_request` / `re_review`: the same for the re-review (复核), pausable for
      hearings (第36条);
    - `representatives`: caps on a group visit's representatives, smallest group first
      (第20条), cited by `representatives_source`;
    - `accepted_bar`: a matter accepted and within its time limit is not accepted again
      (第19条第3款); `accepted_bar_superior_only` says where: `True` (信访工作条例(2022)
      第19条第3款, 信访条例(2005) 第16条) only at a superior (上级) of the body that accepted
      it, `False` (浙江省信访条例(2016) 第20条第1款第5项) at any body it is lodged with;
      `final_bar`: a concluded matter is not accepted again on the same facts and reasons
      (第36条第3款);
    - `report_source`: the rule that lets a body assign a matter (交办) and ask for a
      completion report (办结报告) within a time limit it sets (第22条第1款第3项; 信访条例(2005)
      第21条第1款第4项); it cites a report time limit given as a rule or a day, and the
      refusals about reports. `REPORT_SOURCE` (2022) by default.

    A handling extension (第34条) needs the approval of someone other than who asks for it
    (the petition machine's guard); `handling.extension` bounds its total. The regulations
    set no number of extensions, only the total, so the built-in policies allow as many as
    the total has days (each extension is at least one day): the count never binds first.
    """

    name: str = attrs.field(validator=text())
    title: Label = attrs.field(validator=instance_of(Label))
    registration: TimeLimit = attrs.field(validator=_LIMIT)
    acceptance: TimeLimit = attrs.field(validator=_LIMIT)
    objection: TimeLimit = attrs.field(validator=_LIMIT)
    handling: TimeLimit = attrs.field(validator=_LIMIT)
    review_request: TimeLimit = attrs.field(validator=_LIMIT)
    review: TimeLimit = attrs.field(validator=_LIMIT)
    re_review_request: TimeLimit = attrs.field(validator=_LIMIT)
    re_review: TimeLimit = attrs.field(validator=_LIMIT)
    representatives: tuple[RepresentativeCap, ...] = attrs.field(
        validator=items(instance_of(RepresentativeCap), max_items=100)
    )
    representatives_source: Source = attrs.field(validator=_SOURCE)
    accepted_bar: Source = attrs.field(validator=_SOURCE)
    final_bar: Source = attrs.field(validator=_SOURCE)
    accepted_bar_superior_only: bool = attrs.field(default=True, validator=flag())
    report_source: Source = attrs.field(default=REPORT_SOURCE, validator=_SOURCE)

    def max_representatives(self, group_size: int) -> int:
        """How many representatives a group visit of `group_size` people may send."""
        for cap in self.representatives:
            if cap.group_size is None or group_size <= cap.group_size:
                return cap.limit
        raise ValidationError.single(
            "representatives", f"policy {self.name!r} has no cap for a group of {group_size}"
        )


@attrs.frozen(kw_only=True)
class TicketPolicy:
    """The rules a citizen request (诉求工单, 12345) is handled by.

    `reply` is the time limit to reply after dispatch (派单), or `None` when each ticket's
    limit is set on dispatch (北京接诉即办条例(2021) 第13条); `max_returns` bounds how often a
    ticket may be sent back for re-handling (退回再办), under `returns_source`; `repeat_source`
    cites the rule that a repeat on the same facts is explained, not handled again.
    `max_returns` is 0 to 10: no regulation sets a number and the built-in policies allow 2;
    a ticket sent back more than 10 times is a matter for supervision (督办), not another round.
    """

    name: str = attrs.field(validator=text())
    title: Label = attrs.field(validator=instance_of(Label))
    reply: TimeLimit | None = attrs.field(validator=optional(_LIMIT))
    max_returns: int = attrs.field(validator=between(0, _MAX_RETURNS))
    returns_source: Source = attrs.field(validator=_SOURCE)
    repeat_source: Source = attrs.field(validator=_SOURCE)


def _limit(rule: CalendarDays | WorkingDays, citation: str, zh: str, en: str) -> TimeLimit:
    return TimeLimit(rule=rule, source=Source(citation), label=Label(zh, en))


def _handling(days: int, citation: str, extension_days: int, text: str) -> TimeLimit:
    """The time limit to handle a claim: `days` from acceptance, extendable by at most
    `extension_days` calendar days in all, in as many steps as needed (the article, quoted as
    `text`, bounds the total and sets no count)."""
    extension = ExtensionLimit(
        max_count=None, max_total=CalendarDays(extension_days), source=Source(citation, text)
    )
    return TimeLimit(
        rule=CalendarDays(days),
        source=Source(citation),
        label=Label("办理期限", "handling time limit"),
        extension=extension,
    )


class _Reviews(TypedDict):
    review_request: TimeLimit
    review: TimeLimit
    re_review_request: TimeLimit
    re_review: TimeLimit


def _reviews(review: str, re_review: str) -> _Reviews:
    """The time limits of review (复查, cited as `review`) and re-review (复核, `re_review`):
    30 days each to ask, from receiving the written reply, and 30 to answer, the re-review's
    not counting a hearing. The regulations of 2005 and 2022 set the same numbers."""
    return _Reviews(
        review_request=_limit(CalendarDays(30), review, "复查申请期限", "time to request a review"),
        review=_limit(CalendarDays(30), review, "复查期限", "review time limit"),
        re_review_request=_limit(
            CalendarDays(30), re_review, "复核申请期限", "time to request a re-review"
        ),
        re_review=TimeLimit(
            rule=CalendarDays(30),
            source=Source(re_review),
            label=Label("复核期限", "re-review time limit"),
            pausable=True,
        ),
    )


_ROUTE_OR_ACCEPT = ("转送交办或受理告知期限", "time to route or accept")
_NOTIFY_ACCEPTANCE = ("受理告知期限", "time to notify acceptance")

REGULATION_2022 = PetitionPolicy(
    name="regulation-2022",
    title=Label("信访工作条例（2022）", "Regulation on Petition Work (2022)"),
    registration=_limit(
        CalendarDays(15), f"{_WORK_REGULATION_2022} 第22条、第23条", *_ROUTE_OR_ACCEPT
    ),
    acceptance=_limit(CalendarDays(15), f"{_WORK_REGULATION_2022} 第23条", *_NOTIFY_ACCEPTANCE),
    objection=_limit(
        WorkingDays(5), f"{_WORK_REGULATION_2022} 第23条", "异议期限", "time to object"
    ),
    handling=_handling(
        60,
        f"{_WORK_REGULATION_2022} 第34条",
        30,
        "情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过30日，"
        "并告知信访人延期理由。",
    ),
    **_reviews(f"{_WORK_REGULATION_2022} 第35条", f"{_WORK_REGULATION_2022} 第36条"),
    representatives=(RepresentativeCap(limit=5),),
    representatives_source=Source(f"{_WORK_REGULATION_2022} 第20条"),
    accepted_bar=Source(
        f"{_WORK_REGULATION_2022} 第19条第3款",
        "信访事项已经受理或者正在办理的，信访人在规定期限内向受理、办理机关、单位的上级机关、"
        "单位又提出同一信访事项的，上级机关、单位不予受理。",
    ),
    final_bar=Source(f"{_WORK_REGULATION_2022} 第36条第3款"),
    report_source=REPORT_SOURCE,
)
"""信访工作条例 (2022), in force since 2022-05-01: the default policy."""

_ASSIGNMENT_2005 = Source(
    f"{_STATE_COUNCIL_REGULATION_2005} 第21条第1款第4项",
    "对转送信访事项中的重要情况需要反馈办理结果的，可以直接交由有权处理的行政机关办理，"
    "要求其在指定办理期限内反馈结果，提交办结报告。",
)

REGULATION_2005 = PetitionPolicy(
    name="regulation-2005",
    title=Label("信访条例（2005）", "Regulations on Letters and Visits (2005)"),
    registration=_limit(
        CalendarDays(15), f"{_STATE_COUNCIL_REGULATION_2005} 第21条、第22条", *_ROUTE_OR_ACCEPT
    ),
    acceptance=_limit(
        CalendarDays(15), f"{_STATE_COUNCIL_REGULATION_2005} 第21条", *_NOTIFY_ACCEPTANCE
    ),
    objection=_limit(
        CalendarDays(15),
        f"{_STATE_COUNCIL_REGULATION_2005} 第21条",
        "决定是否受理期限",
        "time to decline",
    ),
    handling=_handling(
        60,
        f"{_STATE_COUNCIL_REGULATION_2005} 第33条",
        30,
        "情况复杂的，经本行政机关负责人批准，可以适当延长办理期限，但延长期限不得超过30日，"
        "并告知信访人延期理由。",
    ),
    **_reviews(
        f"{_STATE_COUNCIL_REGULATION_2005} 第34条", f"{_STATE_COUNCIL_REGULATION_2005} 第35条"
    ),
    representatives=(RepresentativeCap(limit=5),),
    representatives_source=Source(f"{_STATE_COUNCIL_REGULATION_2005} 第18条"),
    accepted_bar=Source(
        f"{_STATE_COUNCIL_REGULATION_2005} 第16条",
        "信访事项已经受理或者正在办理的，信访人在规定期限内向受理、办理机关的上级机关再提出"
        "同一信访事项的，该上级机关不予受理。",
    ),
    final_bar=Source(f"{_STATE_COUNCIL_REGULATION_2005} 第35条第3款"),
    report_source=_ASSIGNMENT_2005,
)
"""信访条例 (2005, State Council), replaced by the 2022 regulation; kept for old matters."""

ZHEJIANG_2016 = PetitionPolicy(
    name="zhejiang-2016",
    title=Label("浙江省信访条例（2016）", "Zhejiang Provincial Regulation on Petitions (2016)"),
    registration=_limit(
        WorkingDays(5),
        f"{_ZHEJIANG_REGULATION_2016} 第20条",
        "登记后处理期限",
        "time to route or accept",
    ),
    acceptance=_limit(
        WorkingDays(5), f"{_ZHEJIANG_REGULATION_2016} 第20条第2款", *_NOTIFY_ACCEPTANCE
    ),
    objection=_limit(
        WorkingDays(5),
        f"{_ZHEJIANG_REGULATION_2016} 第20条第2款",
        "决定是否受理期限",
        "time to decline",
    ),
    handling=_handling(
        30,
        f"{_ZHEJIANG_REGULATION_2016} 第23条",
        60,
        "对情况复杂或者取证困难、依据不明确的事项，经本国家机关负责人批准，可以适当延长办理期限，"
        "但延长期限不得超过六十日。",
    ),
    **_reviews(
        f"{_ZHEJIANG_REGULATION_2016} 第24条; {_STATE_COUNCIL_REGULATION_2005} 第34条",
        f"{_ZHEJIANG_REGULATION_2016} 第24条; {_STATE_COUNCIL_REGULATION_2005} 第35条",
    ),
    representatives=(RepresentativeCap(limit=3, group_size=10), RepresentativeCap(limit=5)),
    representatives_source=Source(f"{_ZHEJIANG_REGULATION_2016} 第15条第2款"),
    accepted_bar=Source(
        f"{_ZHEJIANG_REGULATION_2016} 第20条第1款第5项",
        "信访事项已经受理并且正在办理期限内，或者信访事项已经处理终结的，应当书面告知信访人"
        "不再受理，并说明理由。",
    ),
    accepted_bar_superior_only=False,
    final_bar=Source(f"{_ZHEJIANG_REGULATION_2016} 第25条"),
    report_source=Source(
        f"{_ZHEJIANG_REGULATION_2016} 第29条; {_STATE_COUNCIL_REGULATION_2005} 第21条第1款第4项",
        "县级以上人民政府信访工作机构对其转送、交办的有关重要信访事项，可以要求有权处理的有关"
        "行政机关限期反馈办理结果；……",
    ),
)
"""浙江省信访条例 (2016): 5 working days to accept, 30 days to handle, up to 60 more in all
(第23条, no count set); a matter accepted and within its time limit, or concluded, is not
accepted again by any body it is lodged with (第20条第1款第5项); reviews follow the national
rules (第24条), which in 2016 were those of 信访条例(2005); so does an assignment's report
(第29条, 信访条例(2005) 第21条第1款第4项)."""


def _reply(citation: str) -> TimeLimit:
    return TimeLimit(
        rule=WorkingDays(5), source=Source(citation), label=Label("回复期限", "time to reply")
    )


JINAN_2018 = TicketPolicy(
    name="jinan-2018",
    title=Label("济南市12345市民服务热线条例（2018）", "Jinan 12345 Hotline Regulation (2018)"),
    reply=_reply("济南市12345市民服务热线条例(2018) 第24条"),
    max_returns=2,
    returns_source=Source("济南市12345市民服务热线条例(2018) 第27条第2款"),
    repeat_source=Source("济南市12345市民服务热线条例(2018) 第25条"),
)
"""济南: reply within 5 working days (第24条). The regulation lets the hotline send a ticket
back (第27条) without a number; `max_returns=2` is a configurable default, not a rule."""

WEIFANG_2021 = TicketPolicy(
    name="weifang-2021",
    title=Label(
        "潍坊市12345政务服务便民热线条例（2021）", "Weifang 12345 Hotline Regulation (2021)"
    ),
    reply=_reply("潍坊市12345政务服务便民热线条例(2021) 第20条"),
    max_returns=2,
    returns_source=Source("潍坊市12345政务服务便民热线条例(2021) 第25条、第26条"),
    repeat_source=Source("潍坊市12345政务服务便民热线条例(2021) 第19条第1款第4项"),
)
"""潍坊: handled within 5 working days (第20条); `max_returns=2` is a configurable default."""

BEIJING_2021 = TicketPolicy(
    name="beijing-2021",
    title=Label("北京市接诉即办工作条例（2021）", "Beijing Immediate Response Regulation (2021)"),
    reply=None,
    max_returns=2,
    returns_source=Source("北京市接诉即办工作条例(2021) 第23条"),
    repeat_source=Source("北京市接诉即办工作条例(2021) 第11条第3款第3项"),
)
"""北京接诉即办: each ticket's time limit is written on it when dispatched (第13条); there is
no statutory number, so `Ticket.dispatch` must be given one."""
