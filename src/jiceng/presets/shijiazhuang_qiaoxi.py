"""石家庄市桥西区 (seed 003): 805 grids in a four-level grid tree, every service force in them.

Article: seed 003, ``003_57febce23d54ac55.txt``, 央广网 "基层强则国家强，基层安则天下安"
(河北省民政厅, 11月2日). 桥西区's "一核两翼、双网联动、多元融合" model: "全区划分为805个网格，
把党建、综治、民政等各类服务力量下沉到网格，把服务触角延伸到了社区的每个‘神经末梢’", with
15,498 working party members placed in the grids as needed.

What the preset configures:

- `CODES` (``shijiazhuang_qiaoxi.codes``): the four levels 区 → 街道 → 社区 → 网格, coded
  district 6 (GB/T 2260: 桥西区 130104) + street 3 + community 3 + grid 3. The article
  gives no code layout; this one is a default (the same widths as Beijing's DB11).
- `GRIDS` (805) and `grid_tree`, which draws the district's 805 grids. The article gives
  the district's total only, so how they spread over streets and communities is a
  default: `DEFAULT_STREETS` streets of `DEFAULT_COMMUNITIES` communities each, the grids
  split evenly.
- `DUTIES` and `attach_all`: 党建, 综治 and 民政 brought down into every grid (下沉到网格),
  attached to the district's grid so that every grid carries them.
- The 15,498 在职党员 placed in the grids 按需 (`PARTY_MEMBERS`): `needs_of` reads each
  grid's need from the households it covers (every grid alike while none is counted),
  `assign` spreads the members over the grids in proportion to need (largest remainder,
  deterministic), each `Assignment` carrying the three joint tasks the article names
  (`Task`: 社会治理联抓、文明城区联创、公益服务联做); `place` records them in the tree.
- The 红色联盟 (`RedAlliance`): the 共驻共建 agreements of street and community party
  organisations with the units in the district (`CoBuildingAgreement`, 970余份:
  `AGREEMENTS`), the 984 heads of those units' party organisations serving as part-time
  committee members (`PartTimeMember`, `PART_TIME_MEMBERS`), and their 党建联席会议 as a
  meeting kind (`JOINT_MEETING`) whose roll is the part-time members.

Where the article is silent: it gives no rule for the 联席会议's quorum or majority. Its
members are heads of party organisations meeting as a party body, so it follows the rule
jiceng already encodes for the party branch (中国共产党支部工作条例(试行) 第11条,
`jiceng.decisions.kinds.PARTY_MEMBERS_MEETING`): it sits with at least half of its members
present (半数以上, half included) and a motion passes with more than half of ALL its
members (超过应到会…的半数), not of those present: 492 of 984 present make a quorum, 492
votes for fail and 493 pass. A unit signs with an organisation once, and a person holds one
part-time seat (the article counts 984 people); agreements and seats are with streets and
communities only (街道、社区党组织). The need of a grid is its households; the article says
按需 without a measure.

Not encoded: the 1,056 小区 with "红色物业", the 1,472 红色社区社会组织, the four "云"
platforms and their 26.7万 households, 5,083 firms and 137 units: figures the article
reports without rules. The grids' staff roles have no 在职党员 role: `place` records a
member as a `StaffRole.VOLUNTEER` (在职党员 serve their grid as volunteers beside their
jobs), the tasks staying on the `Assignment`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Annotated, Final

import attrs
import pendulum

from jiceng import Actor, Label, Labelled, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.checks import (
    as_frozenset,
    as_tuple,
    between,
    checked,
    day,
    instance_of,
    items,
    text,
)
from jiceng.checks import member as member_of
from jiceng.decisions import MeetingKind, Roll, RollKind
from jiceng.decisions.kinds import PARTY_MEMBERS_MEETING
from jiceng.exceptions import FieldError, ValidationError
from jiceng.grids import Duty, GridTree, Level, StaffRole
from jiceng.grids.codes import CodeScheme, CodeSegment

__all__ = [
    "AGREEMENTS",
    "CODES",
    "DEFAULT_COMMUNITIES",
    "DEFAULT_STREETS",
    "DISTRICT",
    "DUTIES",
    "GRIDS",
    "JOINT_MEETING",
    "PARTY_MEMBERS",
    "PART_TIME_MEMBERS",
    "PLUGIN",
    "Assignment",
    "CoBuildingAgreement",
    "GridNeed",
    "PartTimeMember",
    "RedAlliance",
    "Task",
    "assign",
    "attach_all",
    "grid_tree",
    "needs_of",
    "place",
]

ARTICLE = "seed 003 (003_57febce23d54ac55.txt): 央广网《基层强则国家强，基层安则天下安》"
_SEED = "seed 003: 石家庄市桥西区"
_GRIDS = Source(_SEED, "全区划分为805个网格，把党建、综治、民政等各类服务力量下沉到网格")
_PLACED = Source(
    _SEED,
    "将15498名在职党员按需配置到网格里,通过社会治理联抓、文明城区联创、公益服务联做,"
    "解决了一大批基层治理难题",
)
_ALLIANCE = Source(
    _SEED,
    "建立“红色联盟”党建联席会议和兼职委员工作机制,吸纳984名驻区单位党组织负责人为街道、"
    "社区党组织兼职委员",
)
_AGREEMENTS = Source(_SEED, "街道、社区党组织与驻区单位签订共驻共建协议970余份")

CODES = CodeScheme(
    name="shijiazhuang_qiaoxi.codes",
    label=Label("石家庄市桥西区网格编码", "Qiaoxi (Shijiazhuang) grid codes"),
    segments=(
        CodeSegment(name="district", width=6, level=Level.DISTRICT, label=Label("区", "District")),
        CodeSegment(name="street", width=3, level=Level.STREET, label=Label("街道", "Street")),
        CodeSegment(
            name="community", width=3, level=Level.COMMUNITY, label=Label("社区", "Community")
        ),
        CodeSegment(name="grid", width=3, level=Level.GRID, label=Label("网格", "Grid")),
    ),
    source=Source(
        _SEED, "全区划分为805个网格 (no code layout given: district 6 + 3 + 3 + 3, a default)"
    ),
)
"""区 → 街道 → 社区 → 网格, the four levels."""

DISTRICT = "130104"
"""桥西区 (石家庄) in GB/T 2260."""

GRIDS = 805
"""The district's grids."""

_MAX_SEGMENT = 999  # the most streets, or communities to a street, three digits can number

DEFAULT_STREETS = 5
"""Streets to spread the 805 grids over: the article gives none, a default."""

DEFAULT_COMMUNITIES = 10
"""Communities in each street: the article gives none, a default."""


@checked
def grid_tree(
    *,
    by: Actor,
    at: pendulum.DateTime,
    streets: Annotated[int, between(1, _MAX_SEGMENT)] = DEFAULT_STREETS,
    communities: Annotated[int, between(1, _MAX_SEGMENT)] = DEFAULT_COMMUNITIES,
) -> GridTree:
    """The district's four-level tree with its 805 grids spread evenly over the communities
    (`streets` × `communities`; the larger shares first).

    `streets` and `communities` (per street) are 1 to 999 each: their code segments have
    three digits.
    """
    tree = GridTree(scheme=CODES).add(code=DISTRICT, name="桥西区", parent=None, by=by, at=at)
    share, extra = divmod(GRIDS, streets * communities)
    n = 0
    for s in range(1, streets + 1):
        street = f"{DISTRICT}{s:03d}"
        tree = tree.add(code=street, name=f"街道{s}", parent=DISTRICT, by=by, at=at)
        for c in range(1, communities + 1):
            community = f"{street}{c:03d}"
            tree = tree.add(code=community, name=f"社区{s}-{c}", parent=street, by=by, at=at)
            for g in range(1, share + (1 if n < extra else 0) + 1):
                tree = tree.add(
                    code=f"{community}{g:03d}", name="网格", parent=community, by=by, at=at
                )
            n += 1
    return tree


DUTIES = (
    Duty(department="qx-party", name="党建", grid=DISTRICT, source=_GRIDS),
    Duty(department="qx-zongzhi", name="综治", grid=DISTRICT, source=_GRIDS),
    Duty(department="qx-minzheng", name="民政", grid=DISTRICT, source=_GRIDS),
)
"""党建, 综治, 民政 brought down into every grid of the district."""


def attach_all(tree: GridTree) -> GridTree:
    """`tree` with the three service forces attached to the district (so to every grid)."""
    for duty in DUTIES:
        tree = tree.attach(duty)
    return tree


# -- 在职党员: placed in the grids by need ----------------------------------------------------

PARTY_MEMBERS: Final = 15_498
"""Working party members placed in the grids (将15498名在职党员按需配置到网格里)."""

_NEED: Final = between(0, 20_000_000)
"""A grid's need: its households (0 to 20,000,000, the range of a grid's household count)."""

_MEMBERS: Final = items(text(), kinds=(tuple, list), min_items=1, unique=True)
"""The members to place: ids, each once, at least one (at most 100,000)."""


class Task(Labelled):
    """What a placed member does in the grid: the three joint tasks of the article."""

    GOVERNANCE = "governance", "社会治理联抓", "joint social governance"
    CIVILITY = "civility", "文明城区联创", "joint civilised-district campaign"
    PUBLIC_SERVICE = "public_service", "公益服务联做", "joint public-benefit service"


def _tasks(value: Iterable[Task]) -> frozenset[Task]:
    return as_frozenset(value)


_ALL_TASKS: Final = frozenset(Task)


@attrs.frozen(kw_only=True)
class GridNeed:
    """How many members a grid needs, relative to the others (`weight`: its households,
    0 to 20,000,000), and the tasks they take up there (by default all three)."""

    grid: str = attrs.field(validator=text())
    weight: int = attrs.field(validator=_NEED)
    tasks: frozenset[Task] = attrs.field(
        default=_ALL_TASKS,
        converter=_tasks,
        validator=items(member_of(Task), kinds=(frozenset,), min_items=1),
    )


@attrs.frozen(kw_only=True)
class Assignment:
    """A working party member placed in a grid (配置到网格), with the tasks they take up."""

    member: str = attrs.field(validator=text())
    grid: str = attrs.field(validator=text())
    tasks: frozenset[Task] = attrs.field(
        converter=_tasks, validator=items(member_of(Task), kinds=(frozenset,), min_items=1)
    )
    source: Source = attrs.field(default=_PLACED, validator=instance_of(Source))


def needs_of(tree: GridTree) -> tuple[GridNeed, ...]:
    """The need of every grid in use at the grid level of `tree`, in the order drawn: its
    households, or the same for every grid while no grid's households are counted."""
    grids = [g for g in tree if g.level is Level.GRID and not g.is_final]
    counted = any(g.households for g in grids)
    return tuple(GridNeed(grid=g.code, weight=g.households if counted else 1) for g in grids)


def _quotas(total: int, weights: Sequence[int]) -> list[int]:
    """`total` split in proportion to `weights` by largest remainder (Hamilton): each share
    is the whole part of its quota, and the seats left go to the largest remainders, the
    earlier grid first on a tie. Exact integers, so the split is the same on every run."""
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


@checked
def assign(
    members: Annotated[Sequence[str], _MEMBERS],
    needs: Annotated[Sequence[GridNeed], items(instance_of(GridNeed), kinds=(tuple, list))],
) -> tuple[Assignment, ...]:
    """Place `members` in the grids of `needs` in proportion to each grid's need (按需配置).

    Every member is placed, once: a grid gets the whole part of its share of the members
    and the members left over go to the grids with the largest remainders (the earlier
    grid on a tie); the members fill the grids in the order given. The same input always
    gives the same placing. Refused (`ValidationError`) when a grid is listed twice or
    no grid needs anyone (every weight 0).

    >>> needs = [GridNeed(grid="A", weight=2), GridNeed(grid="B", weight=1)]
    >>> [(a.member, a.grid) for a in assign(["m1", "m2", "m3", "m4"], needs)]
    [('m1', 'A'), ('m2', 'A'), ('m3', 'A'), ('m4', 'B')]
    """
    problems = []
    seen: set[str] = set()
    for n, need in enumerate(needs):
        if need.grid in seen:
            problems.append(FieldError(f"needs[{n}].grid", f"grid {need.grid} is listed twice"))
        seen.add(need.grid)
    if not needs or sum(need.weight for need in needs) == 0:
        problems.append(FieldError("needs", "give at least one grid that needs members"))
    if problems:
        raise ValidationError(problems, subject="assignment")
    placed: list[Assignment] = []
    shares = _quotas(len(members), [need.weight for need in needs])
    queue = iter(members)
    for need, share in zip(needs, shares, strict=True):
        placed.extend(
            Assignment(member=next(queue), grid=need.grid, tasks=need.tasks) for _ in range(share)
        )
    return tuple(placed)


def place(
    tree: GridTree, assignments: Iterable[Assignment], *, by: Actor, at: pendulum.DateTime
) -> GridTree:
    """`tree` with each assigned member serving in their grid from `at`, as a volunteer
    (`StaffRole.VOLUNTEER`: the grids have no role of their own for 在职党员)."""
    for a in assignments:
        tree = tree.assign(
            a.grid, person=Actor.person(a.member), role=StaffRole.VOLUNTEER, by=by, at=at
        )
    return tree


# -- 红色联盟: co-building agreements, part-time members, the joint meeting -------------------

AGREEMENTS: Final = 970
"""共驻共建 agreements signed (970余份: at least 970)."""

PART_TIME_MEMBERS: Final = 984
"""Heads of the units' party organisations serving as part-time committee members."""


@attrs.frozen(kw_only=True)
class CoBuildingAgreement:
    """A 共驻共建 agreement between a street or community party organisation (its grid's
    `organisation` code) and a unit in the district (驻区单位), signed on `signed`."""

    id: str = attrs.field(validator=text())
    organisation: str = attrs.field(validator=text())
    unit: str = attrs.field(validator=text())
    signed: pendulum.Date = attrs.field(validator=day())
    source: Source = attrs.field(default=_AGREEMENTS, validator=instance_of(Source))


@attrs.frozen(kw_only=True)
class PartTimeMember:
    """The head of a unit's party organisation (`unit`) serving as a part-time member
    (兼职委员) of a street or community party organisation (`organisation`); `id` is the
    person's and is on the joint meeting's roll."""

    id: str = attrs.field(validator=text())
    name: str = attrs.field(validator=text())
    unit: str = attrs.field(validator=text())
    organisation: str = attrs.field(validator=text())
    source: Source = attrs.field(default=_ALLIANCE, validator=instance_of(Source))


def _agreements(value: Iterable[CoBuildingAgreement]) -> tuple[CoBuildingAgreement, ...]:
    return as_tuple(value)


def _seats(value: Iterable[PartTimeMember]) -> tuple[PartTimeMember, ...]:
    return as_tuple(value)


def _twice(path: str, keys: Iterable[object], what: str) -> list[FieldError]:
    seen: set[object] = set()
    problems = []
    for n, key in enumerate(keys):
        if key in seen:
            problems.append(FieldError(f"{path}[{n}]", f"{what} {key} is listed twice"))
        seen.add(key)
    return problems


@attrs.frozen(kw_only=True)
class RedAlliance:
    """The 红色联盟 of the district: the 共驻共建 agreements and the part-time members.

    An agreement binds one organisation and one unit once (its id is unique too); a person
    holds one part-time seat. `of` also checks each organisation against the grid tree.
    """

    agreements: tuple[CoBuildingAgreement, ...] = attrs.field(
        converter=_agreements, validator=items(instance_of(CoBuildingAgreement))
    )
    members: tuple[PartTimeMember, ...] = attrs.field(
        converter=_seats, validator=items(instance_of(PartTimeMember), min_items=1)
    )

    def __attrs_post_init__(self) -> None:
        problems = [
            *_twice("agreements", (a.id for a in self.agreements), "agreement"),
            *_twice(
                "agreements",
                ((a.organisation, a.unit) for a in self.agreements),
                "the organisation and unit",
            ),
            *_twice("members", (m.id for m in self.members), "part-time member"),
        ]
        if problems:
            raise ValidationError(problems, subject="red alliance")

    @classmethod
    def of(
        cls,
        tree: GridTree,
        *,
        agreements: Iterable[CoBuildingAgreement],
        members: Iterable[PartTimeMember],
    ) -> RedAlliance:
        """The alliance, once every organisation is a street or a community of `tree`
        (街道、社区党组织); `ValidationError` naming each one that is not."""
        alliance = cls(agreements=agreements, members=members)
        streets = {
            g.code for g in tree if g.level in {Level.STREET, Level.COMMUNITY} and not g.is_final
        }
        problems = [
            FieldError(f"{path}[{n}].organisation", f"{code} is no street or community in use")
            for path, codes in (
                ("agreements", [a.organisation for a in alliance.agreements]),
                ("members", [m.organisation for m in alliance.members]),
            )
            for n, code in enumerate(codes)
            if code not in streets
        ]
        if problems:
            raise ValidationError(problems, subject="red alliance")
        return alliance

    @property
    def units(self) -> frozenset[str]:
        """The units in the district that take part, by agreement or by a seat."""
        return frozenset(a.unit for a in self.agreements) | {m.unit for m in self.members}

    def roll(self) -> Roll:
        """The joint meeting's members: the part-time members."""
        return Roll.participants(m.id for m in self.members)


JOINT_MEETING: Final = MeetingKind(
    name="shijiazhuang_qiaoxi_red_alliance",
    label=Label("“红色联盟”党建联席会议", "Red Alliance joint party-building meeting"),
    rolls={RollKind.PARTICIPANTS},
    source=_ALLIANCE,
    quorum=PARTY_MEMBERS_MEETING.quorum,
    majority=PARTY_MEMBERS_MEETING.majority,
)
"""The 党建联席会议 of the part-time members: it sits with at least half of them present and
a motion passes with more than half of all of them (the party branch's rule, 中国共产党支部
工作条例(试行) 第11条: the article gives none)."""


PLUGIN = PluginSpec(
    name="shijiazhuang_qiaoxi",
    version="1",
    contributions=Contributions.of(CODES, JOINT_MEETING),
    description=(
        "Qiaoxi district of Shijiazhuang: a four-level grid tree of 805 grids carrying party "
        "building, public order and civil affairs, 15,498 working party members placed in "
        "the grids by need, and the Red Alliance of co-building agreements and part-time "
        "committee members meeting jointly (石家庄市桥西区网格化治理、红色联盟)."
    ),
    source=ARTICLE,
)
