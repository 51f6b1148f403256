"""Matters reserved to a body (须经会议讨论决定的事项), as data.

村民委员会组织法 第24条 lists the matters that only a 村民会议 decides, or a 村民代表会议 it
authorised (授权); 第27条 leaves the charter and the 村规民约 to the 村民会议 alone. A
`Matter` names the meeting kinds that decide it and those it may be delegated to; a
`Delegation` is the 村民会议's grant, cited by the meeting that uses it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from jiceng import Label, Source
from jiceng.checks import as_frozenset, instance_of, items, text
from jiceng.decisions._kinds import MEETING_KINDS
from jiceng.exceptions import ValidationError


def _names(value: Iterable[str]) -> frozenset[str]:
    return as_frozenset(value)


@attrs.frozen(kw_only=True)
class Matter:
    """A matter only certain meeting kinds may decide.

    `decided_by` and `delegable_to` hold meeting kind names (`MeetingKind.name`), so a
    preset can add its own kinds (a 公投会, say) without touching this list.
    """

    code: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    source: Source = attrs.field(validator=instance_of(Source))
    decided_by: frozenset[str] = attrs.field(
        converter=_names, validator=items(text(), kinds=(frozenset,))
    )
    delegable_to: frozenset[str] = attrs.field(
        default=frozenset(), converter=_names, validator=items(text(), kinds=(frozenset,))
    )

    def __attrs_post_init__(self) -> None:
        if not self.decided_by:
            raise ValidationError.single("decided_by", "a matter needs a body that decides it")


_ASSEMBLY = frozenset({"villagers_assembly"})
_DELEGATE = frozenset({"villager_representatives"})


def _art24(item: int, zh: str, en: str) -> Matter:
    return Matter(
        code=f"vcl-24-{item}",
        label=Label(zh, en),
        source=Source(f"村民委员会组织法(2018) 第24条第1款第{item}项"),
        decided_by=_ASSEMBLY,
        delegable_to=_DELEGATE,
    )


LOST_WORK_ALLOWANCES = _art24(
    1, "享受误工补贴的人员及补贴标准", "who receives lost-work allowances, and how much"
)
COLLECTIVE_INCOME = _art24(2, "从村集体经济所得收益的使用", "use of collective income")
PUBLIC_WELFARE = _art24(
    3,
    "本村公益事业的兴办和筹资筹劳方案及建设承包方案",
    "public-welfare projects, their funding and labour (筹资筹劳) and building contracts",
)
LAND_CONTRACTING = _art24(4, "土地承包经营方案", "land contracting plan")
COLLECTIVE_PROJECTS = _art24(
    5, "村集体经济项目的立项、承包方案", "collective economic projects and their contracting"
)
HOMESTEADS = _art24(6, "宅基地的使用方案", "use of homestead land")
LAND_COMPENSATION = _art24(
    7, "征地补偿费的使用、分配方案", "use and sharing of land-requisition compensation"
)
COLLECTIVE_PROPERTY = _art24(
    8,
    "以借贷、租赁或者其他方式处分村集体财产",
    "disposal of collective property by loan, lease or otherwise",
)
OTHER_RESERVED = _art24(
    9,
    "村民会议认为应当由村民会议讨论决定的涉及村民利益的其他事项",
    "other matters the villagers' assembly reserves to itself",
)

ART_24_MATTERS: tuple[Matter, ...] = (
    LOST_WORK_ALLOWANCES,
    COLLECTIVE_INCOME,
    PUBLIC_WELFARE,
    LAND_CONTRACTING,
    COLLECTIVE_PROJECTS,
    HOMESTEADS,
    LAND_COMPENSATION,
    COLLECTIVE_PROPERTY,
    OTHER_RESERVED,
)
"""村民委员会组织法 第24条: decided by the 村民会议, or a 村民代表会议 it authorised."""

SELF_GOVERNANCE_CHARTER = Matter(
    code="vcl-27-charter",
    label=Label("制定和修改村民自治章程", "adopting or amending the self-governance charter"),
    source=Source("村民委员会组织法(2018) 第27条"),
    decided_by=_ASSEMBLY,
)
"""村民自治章程: the 村民会议 alone (第27条); it cannot be delegated."""

VILLAGE_RULES = Matter(
    code="vcl-27-rules",
    label=Label("制定和修改村规民约", "adopting or amending the village rules"),
    source=Source("村民委员会组织法(2018) 第27条"),
    decided_by=_ASSEMBLY,
)
"""村规民约: the 村民会议 alone (第27条); it cannot be delegated."""

RESIDENTS_CONVENTION = Matter(
    code="rcl-15-convention",
    label=Label("制定居民公约", "adopting the residents' convention"),
    source=Source("城市居民委员会组织法(2018) 第15条"),
    decided_by={"residents_assembly"},
)
"""居民公约: discussed and adopted by the 居民会议 (城市居民委员会组织法 第15条)."""


def _matters(value: Iterable[Matter]) -> frozenset[Matter]:
    return as_frozenset(value)


@attrs.frozen(kw_only=True)
class Delegation:
    """A 村民会议's authorisation of the 村民代表会议 (授权, 第24条第2款) for some matters.

    `decision` cites the decision that granted it (a meeting or decision id).
    """

    decision: str = attrs.field(validator=text())
    matters: frozenset[Matter] = attrs.field(
        converter=_matters, validator=items(instance_of(Matter), kinds=(frozenset,))
    )


def authority_problem(kind: str, matter: Matter, delegation: Delegation | None) -> str | None:
    """Why a meeting of `kind` may not decide `matter` (with its `delegation`), or `None`."""
    if kind in matter.decided_by:
        return None
    names = {k.name: k.label.zh for k in MEETING_KINDS}
    bodies = "、".join(sorted(names.get(name, name) for name in matter.decided_by))
    if kind in matter.delegable_to:
        if delegation is not None and matter in delegation.matters:
            return None
        return (
            f"{matter.label.zh} ({matter.source}) needs {bodies}, or this meeting "
            "acting under its delegation (授权), and none covers it"
        )
    return f"{matter.label.zh} can only be decided by {bodies} ({matter.source})"
