"""Meeting kinds (会议类型): who meets, and the convening, quorum and decision rules, as data.

The statutory kinds carry the rules of 村民委员会组织法 (2018) and 城市居民委员会组织法
(2018); the party meetings those of 中国共产党支部工作条例(试行); the consultative
meetings of the seed systems (贵定 群众三会, 瓮安, 张家口 居民议事厅, 湄潭 群众会) carry
practice defaults, which a local preset replaces with its own `MeetingKind`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from jiceng import (
    VILLAGER_REPRESENTATIVES_BODY,
    VILLAGERS_ASSEMBLY_BODY,
    CalendarDays,
    Label,
    Source,
    TimeLimit,
)
from jiceng.checks import as_frozenset, as_tuple, instance_of, items, member, optional, text
from jiceng.decisions._appraisals import DEMOCRATIC_APPRAISAL, AppraisalRule
from jiceng.decisions._cadence import Cadence, Every
from jiceng.decisions._rolls import RollKind
from jiceng.decisions._thresholds import (
    AT_LEAST_HALF,
    AT_LEAST_ONE_FIFTH,
    AT_LEAST_ONE_TENTH,
    AT_LEAST_ONE_THIRD,
    AT_LEAST_TWO_THIRDS,
    MORE_THAN_HALF,
    Base,
    Majority,
    Quorum,
    QuorumTest,
    RequisitionRule,
)
from jiceng.exceptions import ValidationError


def _roll_kinds(value: Iterable[RollKind]) -> frozenset[RollKind]:
    return as_frozenset(value)


def _rules(value: Iterable[RequisitionRule]) -> tuple[RequisitionRule, ...]:
    return as_tuple(value)


def _identifier(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    """A kind's name is an identifier: steps, matters and plugins refer to it by name."""
    if not value.isidentifier():
        msg = f"must be an identifier such as 'villagers_assembly', got {value!r}"
        raise ValidationError.single(attribute.name, msg, subject="MeetingKind")


@attrs.frozen(kw_only=True)
class MeetingKind:
    """A kind of meeting as a policy value: who sits on it and how it decides.

    `rolls`: the kinds of roll it meets on. `quorum`: when it may be held (`None`: any
    attendance). `majority`: how a motion passes (`None`: it takes no votes, like a
    质询会). `notice`: how long before the meeting the notice must be given.
    `requisitions`: who may require it to be convened. `cadence`: how often it must
    meet (`None`: no rule). `appraisal`: how it rates cadres who report on their duties
    (述职评议; `None`: it holds no appraisals).
    """

    name: str = attrs.field(validator=attrs.validators.and_(text(), _identifier))
    label: Label = attrs.field(validator=instance_of(Label))
    rolls: frozenset[RollKind] = attrs.field(
        converter=_roll_kinds, validator=items(member(RollKind), kinds=(frozenset,))
    )
    source: Source = attrs.field(validator=instance_of(Source))
    quorum: Quorum | None = attrs.field(default=None, validator=optional(instance_of(Quorum)))
    majority: Majority | None = attrs.field(default=None, validator=optional(instance_of(Majority)))
    notice: TimeLimit | None = attrs.field(default=None, validator=optional(instance_of(TimeLimit)))
    requisitions: tuple[RequisitionRule, ...] = attrs.field(
        default=(), converter=_rules, validator=items(instance_of(RequisitionRule))
    )
    cadence: Cadence | None = attrs.field(default=None, validator=optional(instance_of(Cadence)))
    appraisal: AppraisalRule | None = attrs.field(
        default=None, validator=optional(instance_of(AppraisalRule))
    )

    def __str__(self) -> str:
        return f"{self.label.zh} ({self.label.en})"


_VILLAGE_LAW = "村民委员会组织法(2018)"
_RESIDENT_LAW = "城市居民委员会组织法(2018)"
_PARTY = "中国共产党支部工作条例(试行)(2018) 第11条"


def _more_than_half_present(source: Source) -> Majority:
    """过半数通过: more than half of those present, the majority most statutes ask."""
    return Majority(threshold=MORE_THAN_HALF, of=Base.PRESENT, source=source)


# The 村民会议's and the 村民代表会议's rules are the kernel's bodies' (one statement of
# 第22条 and 第26条, which a rule book's adoption judges its vote by, too).
_ASSEMBLY_QUORUM = VILLAGERS_ASSEMBLY_BODY.quorum
_ASSEMBLY_MAJORITY = VILLAGERS_ASSEMBLY_BODY.majority

VILLAGERS_ASSEMBLY = MeetingKind(
    name="villagers_assembly",
    label=Label("村民会议", "villagers' assembly"),
    rolls={RollKind.ADULTS},
    source=Source(f"{_VILLAGE_LAW} 第21条、第22条、第33条"),
    quorum=_ASSEMBLY_QUORUM,
    majority=_ASSEMBLY_MAJORITY,
    notice=TimeLimit(
        rule=CalendarDays(10),
        source=Source(f"{_VILLAGE_LAW} 第21条", "召集村民会议，应当提前十天通知村民"),
        label=Label("提前通知", "notice"),
    ),
    requisitions=(
        RequisitionRule(
            roll=RollKind.ADULTS,
            threshold=AT_LEAST_ONE_TENTH,
            source=Source(f"{_VILLAGE_LAW} 第21条", "有十分之一以上的村民……提议，应当召集村民会议"),
        ),
        RequisitionRule(
            roll=RollKind.REPRESENTATIVES,
            threshold=AT_LEAST_ONE_THIRD,
            source=Source(f"{_VILLAGE_LAW} 第21条", "……或者三分之一以上的村民代表提议"),
        ),
    ),
    appraisal=DEMOCRATIC_APPRAISAL,
)
"""村民会议: the adult villagers (村民委员会组织法 第21条、第22条)."""

VILLAGER_REPRESENTATIVES = MeetingKind(
    name="villager_representatives",
    label=Label("村民代表会议", "villagers' representative assembly"),
    rolls={RollKind.REPRESENTATIVE_ASSEMBLY},
    source=Source(f"{_VILLAGE_LAW} 第25条、第26条、第33条"),
    quorum=VILLAGER_REPRESENTATIVES_BODY.quorum,
    majority=VILLAGER_REPRESENTATIVES_BODY.majority,
    requisitions=(
        RequisitionRule(
            roll=RollKind.REPRESENTATIVES,
            threshold=AT_LEAST_ONE_FIFTH,
            source=Source(
                f"{_VILLAGE_LAW} 第26条", "有五分之一以上的村民代表提议，应当召集村民代表会议"
            ),
        ),
    ),
    cadence=Cadence(
        every=Every.QUARTER, source=Source(f"{_VILLAGE_LAW} 第26条", "村民代表会议每季度召开一次")
    ),
    appraisal=DEMOCRATIC_APPRAISAL,
)
"""村民代表会议: committee members and representatives (第25条、第26条); it meets every
quarter and, like the 村民会议, appraises the committee's members (第33条)."""

_GROUP_MAJORITY = _more_than_half_present(
    Source(f"{_VILLAGE_LAW} 第28条", "所作决定应当经到会人员的过半数同意")
)

VILLAGER_GROUP_MEETING = MeetingKind(
    name="villager_group",
    label=Label("村民小组会议", "villagers' group meeting"),
    rolls={RollKind.ADULTS},
    source=Source(f"{_VILLAGE_LAW} 第28条"),
    quorum=Quorum(
        tests=(
            QuorumTest(of=Base.MEMBERS, threshold=AT_LEAST_TWO_THIRDS),
            QuorumTest(of=Base.HOUSEHOLDS, threshold=AT_LEAST_TWO_THIRDS),
        ),
        source=Source(
            f"{_VILLAGE_LAW} 第28条",
            "应当有本村民小组十八周岁以上的村民三分之二以上，或者本村民小组三分之二以上的户的代表参加",
        ),
    ),
    majority=_GROUP_MAJORITY,
)
"""村民小组会议: the adults of one group, on a roll built with ``group=`` (第28条)."""

HOUSEHOLD_HEADS_MEETING = MeetingKind(
    name="household_heads",
    label=Label("户主代表会", "household heads' meeting"),
    rolls={RollKind.HOUSEHOLD_REPRESENTATIVES},
    source=Source(f"{_VILLAGE_LAW} 第28条; 福泉市 三组两会 (seed 000): 建立户主代表会"),
    quorum=Quorum(
        tests=(QuorumTest(of=Base.HOUSEHOLDS, threshold=AT_LEAST_TWO_THIRDS),),
        source=Source(f"{_VILLAGE_LAW} 第28条", "或者本村民小组三分之二以上的户的代表参加"),
    ),
    majority=_GROUP_MAJORITY,
)
"""户主代表会: one representative (户主) per household of a 村民小组, on a roll built with
`Roll.household_representatives(..., group=)`: the household form of the 村民小组会议
(第28条), as 福泉's villager groups hold it (seed 000)."""

RESIDENTS_ASSEMBLY = MeetingKind(
    name="residents_assembly",
    label=Label("居民会议", "residents' assembly"),
    rolls={RollKind.ADULTS, RollKind.HOUSEHOLD_REPRESENTATIVES, RollKind.PARTICIPANTS},
    source=Source(f"{_RESIDENT_LAW} 第9条、第10条"),
    quorum=Quorum(
        tests=(QuorumTest(of=Base.MEMBERS, threshold=MORE_THAN_HALF),),
        source=Source(
            f"{_RESIDENT_LAW} 第9条",
            "居民会议必须有全体十八周岁以上的居民、户的代表或者居民小组选举的代表的过半数出席，才能举行",
        ),
    ),
    majority=_more_than_half_present(
        Source(f"{_RESIDENT_LAW} 第9条", "会议的决定，由出席人的过半数通过")
    ),
    requisitions=(
        RequisitionRule(
            roll=RollKind.ADULTS,
            threshold=AT_LEAST_ONE_FIFTH,
            source=Source(f"{_RESIDENT_LAW} 第10条", "有五分之一以上的十八周岁以上的居民……提议"),
        ),
        RequisitionRule(
            roll=RollKind.HOUSEHOLD_REPRESENTATIVES,
            threshold=AT_LEAST_ONE_FIFTH,
            source=Source(f"{_RESIDENT_LAW} 第10条", "……五分之一以上的户……提议"),
        ),
        RequisitionRule(
            roll=RollKind.GROUPS,
            threshold=AT_LEAST_ONE_THIRD,
            source=Source(f"{_RESIDENT_LAW} 第10条", "……或者三分之一以上的居民小组提议"),
        ),
    ),
)
"""居民会议: all adult residents, one per household, or 2-3 delegates per group (第9条)."""

PARTY_MEMBERS_MEETING = MeetingKind(
    name="party_members",
    label=Label("党员大会", "party members' meeting"),
    rolls={RollKind.PARTY_MEMBERS},
    source=Source(_PARTY),
    quorum=Quorum(
        tests=(QuorumTest(of=Base.MEMBERS, threshold=AT_LEAST_HALF),),
        source=Source(_PARTY, "表决必须有半数以上有表决权的党员到会方可进行"),
    ),
    majority=Majority(
        threshold=MORE_THAN_HALF,
        of=Base.MEMBERS,
        source=Source(_PARTY, "赞成人数超过应到会有表决权的党员的半数为通过"),
    ),
)
"""党支部党员大会: a motion needs more than half of ALL members with a vote, not of those
present. The quorum follows the text (半数以上, half included); a preset that applies the
stricter 双过半 reading sets ``MORE_THAN_HALF`` instead."""

_PRACTICE = "议事规则 (practice default)"


def _council(name: str, zh: str, en: str, rolls: set[RollKind], source: str) -> MeetingKind:
    """A body that meets with a majority of its members and decides by a majority present."""
    return MeetingKind(
        name=name,
        label=Label(zh, en),
        rolls=rolls,
        source=Source(source),
        quorum=Quorum(
            tests=(QuorumTest(of=Base.MEMBERS, threshold=MORE_THAN_HALF),),
            source=Source(f"{_PRACTICE}: 应到会人员过半数到会"),
        ),
        majority=_more_than_half_present(Source(f"{_PRACTICE}: 到会人员过半数同意")),
    )


BRANCH_COMMITTEE_MEETING = _council(
    "branch_committee",
    "党支部委员会会议",
    "party branch committee meeting",
    {RollKind.BRANCH_COMMITTEE},
    "四议两公开: 党支部会提议",
)
"""党支部委员会会议 (支委会), which proposes in 四议两公开."""

TWO_COMMITTEES_MEETING = _council(
    "two_committees",
    "两委联席会议",
    "joint meeting of the two committees",
    {RollKind.TWO_COMMITTEES},
    "四议两公开: 两委会商议",
)
"""两委会: the branch committee and the villagers' committee together. It may discuss and
recommend, never decide a matter reserved to the 村民会议 (村民委员会组织法 第24条)."""


def _consultative(name: str, zh: str, en: str, source: str, *, votes: bool = True) -> MeetingKind:
    """A consultative meeting: no quorum; a motion passes with a majority present."""
    majority = _more_than_half_present(Source(f"{_PRACTICE}: 到会人员过半数同意"))
    return MeetingKind(
        name=name,
        label=Label(zh, en),
        rolls={RollKind.PARTICIPANTS, RollKind.REPRESENTATIVES, RollKind.ADULTS},
        source=Source(source),
        majority=majority if votes else None,
    )


_GUIDING = "贵定县 群众三会 (seed 000)"

DELIBERATION = _consultative("deliberation", "议事会", "deliberation council", _GUIDING)
"""议事会: representatives deliberate and sign off (签发) a proposal (贵定, 瓮安; seed 000)."""

INQUIRY = _consultative("inquiry", "质询会", "inquiry meeting", _GUIDING, votes=False)
"""质询会: villagers put questions to officials (群众开问) and say whether the answers satisfy
them; it takes no votes (贵定 群众三会, seed 000)."""

REFERENDUM = MeetingKind(
    name="referendum",
    label=Label("公投会", "referendum meeting"),
    rolls={RollKind.ADULTS, RollKind.HOUSEHOLD_REPRESENTATIVES},
    source=Source("贵定县 群众三会、瓮安县 议事会公投会执行会 (seed 000): 村民拍板"),
    quorum=_ASSEMBLY_QUORUM,
    majority=_ASSEMBLY_MAJORITY,
)
"""公投会: villagers settle (拍板) a proposal, by default on the 村民会议's quorum and
majority. It decides a matter reserved to the 村民会议 only if a preset lists it among the
matter's deciding kinds."""

EXECUTION = _consultative("execution", "执行会", "implementation meeting", "瓮安县 (seed 000)")
"""执行会: organises carrying out what the 公投会 settled (瓮安, seed 000)."""

RESIDENTS_COUNCIL = _consultative(
    "residents_council", "居民议事厅", "residents' council", "张家口市桥西区 五步议事 (seed 003)"
)
"""居民议事厅: residents, committee, owners' committee and property company consult weekly
(张家口 桥西区, seed 003)."""

MASS_MEETING = _consultative("mass_meeting", "群众会", "mass meeting", "湄潭县 群众会+ (seed 000)")
"""群众会 (屋场会-style): villagers talk things through (湄潭 群众会+, seed 000)."""

MEETING_KINDS: tuple[MeetingKind, ...] = (
    VILLAGERS_ASSEMBLY,
    VILLAGER_REPRESENTATIVES,
    VILLAGER_GROUP_MEETING,
    HOUSEHOLD_HEADS_MEETING,
    RESIDENTS_ASSEMBLY,
    PARTY_MEMBERS_MEETING,
    BRANCH_COMMITTEE_MEETING,
    TWO_COMMITTEES_MEETING,
    DELIBERATION,
    INQUIRY,
    REFERENDUM,
    EXECUTION,
    RESIDENTS_COUNCIL,
    MASS_MEETING,
)
"""The built-in kinds, each a plain value a preset may copy with `attrs.evolve`."""
