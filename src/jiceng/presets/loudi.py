"""娄底 (seed 004): "娄底红" grids, "屋场会" and "积分制", the three pillars of self-governance.

Article: seed 004, ``004_1b07e75422fa2137.txt``, 红网《娄底：“娄底红”“屋场会”“积分制”……》
(刘连生 彭晗 王曙蕾 李赛). Three systems:

- **娄底红**: 9,773 grids and 9,815 grid members across the city; in 新化县上梅街道 "26个大
  网格、169个中网格、1399个楼栋(院落)小网格", the branch secretary leads the grid (支部书记兼任
  网格长), a party member or respected local heads each building (楼栋长) with "4-6名" volunteers;
  "有网格员无法解决的问题，可及时转入‘娄底红’APP按层级转办相关部门协调解决，实现‘网格吹哨、
  干部报到’" and "街道吹哨、部门报道".
- **屋场会**: village officials, the parties, old party members, 乡贤 and residents sit
  together in the house yard; a written agreement, performed under supervision;
  "以村为单位建立问题台账，对能当场解决的即时解决，不能当场解决的知会相关责任方，及时受理、处置、
  答复，并定期开展回访".
- **积分制** (油溪桥村): base points by household size, bonus points for contributions,
  penalty points for serious misconduct, 登记 → 审核 → 公示, dividends from collective income;
  rules adopted in three steps (策由民商、策由民定、策由民决).

What the preset configures:

- `CODES` (``loudi.codes``): city 4 + county 2 (together the GB/T 2260 county code) + street
  3 + large grid 3 + middle grid 3 + building 3, so that an event climbs from a building to
  the city platform one level at a time; `shangmei_tree` draws 上梅街道 with its 26 / 169 /
  1,399 grids (the article gives the totals; how they spread over their parents is
  `spread`, an even split, a default).
- `CATEGORIES` (``loudi.categories``): what a building squad reports: the four duties the
  article names of the eight (学习宣传政策、调处邻里纠纷、维护社会治安、安全巡防), epidemic
  control, and residents' requests; the other four duties are not named and not listed.
- `SLA` (``loudi.sla``): the article gives no time limits: `DEFAULT_HANDLING` (5 working
  days, extendable once by up to 5) and `DEFAULT_SUMMONS` (a summoned department reports
  within a day) are defaults.
- `POLICY` (``loudi.shangmei``): the grid event policy of 上梅街道 (its departments are
  placeholders by function: the article names none).
- `MEDIATION` (``loudi.wuchanghui``): the 屋场会's mediation rules. The article gives no
  time limit, so the national ones apply: one month to settle (人民调解工作若干规定 第33条),
  30 days to apply for judicial confirmation (人民调解法 第33条). Issues raised at a 屋场会
  go on the village's issue ledger as grid events reported through `Channel.MEETING`.
- `HOUSE_MEETING` (``loudi_wuchanghui``): the 屋场会 as a consultative meeting kind (群众说事、
  屋场共治): any attendance, no votes.
- `RULE_BOOK` (``loudi.youxiqiao`` v1): the points workflow's `LOUDI_RULE_BOOK` under the
  preset's name: base points per household member, the bonus categories the article names
  (村庄建设、产业培育、文明创建、公共安全、社会治安、突发事件处置), a penalty, cadre items, a
  yearly cycle and dividends; its figures are illustrative (the article gives none), and
  its posting and objection periods are the workflow's five-day defaults.
- `ADOPTION` (``loudi.jifenzhi``): the three steps as a procedure; a vote down at the
  villagers' representative meeting goes back to collecting ideas.

Not encoded: the volunteer teams (9,905 teams, 150,000 volunteers; 上梅 2,399 teams,
40,000 volunteers) beyond a building squad's size (`VOLUNTEER_SQUAD`); the service WeChat
groups; cadres' "四考核" (the article names it without rules); the star-rated households
(星级文明户) beyond the rule book's tiers.
"""

from __future__ import annotations

from typing import Annotated

import attrs
import pendulum

from jiceng import Actor, CalendarDays, Label, Source, TimeLimit
from jiceng._plugins import Contributions, PluginSpec
from jiceng.checks import between, checked
from jiceng.decisions import MeetingKind, Procedure, Requirement, RollKind, Step
from jiceng.decisions.kinds import VILLAGER_REPRESENTATIVES
from jiceng.grids import (
    CategoryClass,
    CategoryItem,
    CategoryTree,
    GridEventPolicy,
    GridTree,
    Level,
    StaffRole,
)
from jiceng.grids.codes import CodeScheme
from jiceng.mediation import MediationPolicy
from jiceng.points import LOUDI_RULE_BOOK
from jiceng.presets._common import (
    default_handling,
    departments,
    one_limit_sla,
    segment,
)

__all__ = [
    "ADOPTION",
    "CATEGORIES",
    "CODES",
    "DEFAULT_HANDLING",
    "DEFAULT_SUMMONS",
    "DEPARTMENTS",
    "HOUSE_MEETING",
    "MEDIATION",
    "PLUGIN",
    "POLICY",
    "RULE_BOOK",
    "SHANGMEI",
    "SHANGMEI_GRIDS",
    "SLA",
    "VOLUNTEER_SQUAD",
    "shangmei_tree",
    "spread",
    "squad_fits",
]

ARTICLE = (
    "seed 004 (004_1b07e75422fa2137.txt): 红网《娄底：“娄底红”“屋场会”“积分制”"
    "凝聚基层社会治理强大合力》"
)
_SEED = "seed 004: 娄底市"


def _src(what: str, text: str) -> Source:
    return Source(f"{_SEED} {what}", text)


# -- 娄底红: the grid tree -------------------------------------------------------------------


CODES = CodeScheme(
    name="loudi.codes",
    label=Label("娄底红网格编码", "Loudi grid codes"),
    segments=(
        segment("city", 4, Level.CITY, "市", "City"),
        segment("county", 2, Level.DISTRICT, "县市区", "County"),
        segment("street", 3, Level.STREET, "街道/乡镇", "Street/town"),
        segment("large", 3, Level.COMMUNITY, "大网格", "Large grid"),
        segment("middle", 3, Level.GRID, "中网格", "Middle grid"),
        segment("building", 3, Level.MICRO_GRID, "楼栋(院落)小网格", "Building grid"),
    ),
    source=_src(
        "“娄底红”",
        "将全街道划分为26个大网格、169个中网格、1399个楼栋(院落)小网格 (the article gives no "
        "code layout: GB/T 2260 code split 4 + 2, then 3 digits a level, a default)",
    ),
)
"""市 → 县 → 街道 → 大网格 → 中网格 → 楼栋: 娄底市 4313, 新化县 431322."""

SHANGMEI = "431322001"
"""上梅街道's code under `CODES` (新化县 431322; the street number is a placeholder)."""

SHANGMEI_GRIDS: dict[Level, int] = {Level.COMMUNITY: 26, Level.GRID: 169, Level.MICRO_GRID: 1399}
"""上梅街道: 26 large, 169 middle and 1,399 building (courtyard) grids."""

VOLUNTEER_SQUAD = (4, 6)
"""A building head leads "4-6名“上梅红”志愿者" (the least and the most)."""

_SHANGMEI_SOURCE = _src("上梅街道", "26个大网格、169个中网格、1399个楼栋(院落)小网格")


@checked
def spread(
    total: Annotated[int, between(0, 10_000_000)], parts: Annotated[int, between(1, 10_000_000)]
) -> tuple[int, ...]:
    """`total` split over `parts` as evenly as can be, the larger shares first.

    The article gives each level's total, not how it spreads over the level above; this
    even split is the preset's default. `total` and `parts` are counts of grids (0 to
    10,000,000, the range of `jiceng.checks.Count`); there is at least one part.

    >>> spread(169, 26)[:14], sum(spread(1399, 169))
    ((7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 6), 1399)
    """
    share, extra = divmod(total, parts)
    return tuple(share + 1 if n < extra else share for n in range(parts))


def shangmei_tree(*, by: Actor, at: pendulum.DateTime) -> GridTree:
    """上梅街道's grid tree: 娄底市 → 新化县 → 上梅街道 → 26 / 169 / 1,399 grids."""
    tree = GridTree(scheme=CODES).add(code="4313", name="娄底市", parent=None, by=by, at=at)
    tree = tree.add(code="431322", name="新化县", parent="4313", by=by, at=at)
    tree = tree.add(code=SHANGMEI, name="上梅街道", parent="431322", by=by, at=at)
    middles: list[str] = []
    per_large = spread(SHANGMEI_GRIDS[Level.GRID], SHANGMEI_GRIDS[Level.COMMUNITY])
    for i, count in enumerate(per_large, start=1):
        large = f"{SHANGMEI}{i:03d}"
        tree = tree.add(code=large, name=f"第{i}大网格", parent=SHANGMEI, by=by, at=at)
        for j in range(1, count + 1):
            middles.append(f"{large}{j:03d}")
            tree = tree.add(code=middles[-1], name=f"第{i}-{j}中网格", parent=large, by=by, at=at)
    per_middle = spread(SHANGMEI_GRIDS[Level.MICRO_GRID], len(middles))
    for middle, count in zip(middles, per_middle, strict=True):
        for k in range(1, count + 1):
            tree = tree.add(code=f"{middle}{k:03d}", name=f"楼栋{k}", parent=middle, by=by, at=at)
    return tree


def squad_fits(tree: GridTree, code: str, at: pendulum.DateTime) -> bool:
    """Whether building grid `code` has a head (楼栋长) leading 4 to 6 volunteers at `at`."""
    staff = tree.staff_at(code, at)
    heads = sum(1 for a in staff if a.role is StaffRole.BUILDING_HEAD)
    volunteers = sum(1 for a in staff if a.role is StaffRole.VOLUNTEER)
    least, most = VOLUNTEER_SQUAD
    return heads == 1 and least <= volunteers <= most


# -- grid events: what a squad reports, and how fast -----------------------------------------


def _item(code: str, zh: str, en: str, *, evidence: bool = True) -> CategoryItem:
    return CategoryItem(code=code, label=Label(zh, en), evidence_required=evidence)


CATEGORIES = CategoryTree(
    name="loudi.categories",
    label=Label("娄底红网格事项", "Loudi grid items"),
    classes=(
        CategoryClass(
            code="duties",
            label=Label("楼栋职责", "Building squad duties"),
            items=(
                _item("policy", "学习宣传政策", "Policy outreach", evidence=False),
                _item("neighbour-dispute", "邻里纠纷", "Neighbour dispute"),
                _item("public-order", "社会治安", "Public order"),
                _item("patrol", "安全巡防", "Safety patrol"),
            ),
        ),
        CategoryClass(
            code="epidemic",
            label=Label("疫情防控", "Epidemic control"),
            items=(_item("epidemic-control", "疫情防控", "Epidemic control"),),
        ),
        CategoryClass(
            code="requests",
            label=Label("民有所呼", "Residents' requests"),
            items=(_item("request", "群众诉求", "Resident's request"),),
        ),
    ),
    source=_src(
        "“上梅红”",
        "履行学习宣传政策、调处邻里纠纷、维护社会治安和安全巡防等8项工作职责 (four of the eight "
        "named); 疫情防控; “民有所呼、我有所应”",
    ),
)
"""Four of the eight building duties (the others are not named), epidemic control,
and residents' requests (民有所呼)."""

DEFAULT_HANDLING = default_handling("loudi", "seed 004", Label("网格事件", "Grid event"))
"""Five working days from dispatch, extendable once by up to five: a default."""

DEFAULT_SUMMONS = TimeLimit(
    rule=CalendarDays(1),
    source=_src(
        "网格吹哨、干部报到", "有网格员无法解决的问题……按层级转办 (no time given: 1 day, a default)"
    ),
    label=Label("干部报到", "Cadres report"),
)
"""A summoned department reports by the end of the next day: a default."""

SLA = one_limit_sla("loudi.sla", DEFAULT_HANDLING, DEFAULT_SUMMONS)
"""One limit for every event (the article sets none) and the summons limit, in working days
with public holidays and 调休 (`ChinaCalendar`, extra `cn`)."""

DEPARTMENTS = departments(
    {
        "xh-cg": "新化县城市管理局",
        "xh-zj": "新化县住房和城乡建设局",
        "xh-ga": "上梅派出所",
        "xh-wj": "新化县卫生健康局",
        "sm-sf": "上梅街道司法所",
    }
)
"""Departments by function; the article names none."""

POLICY = GridEventPolicy(
    name="loudi.shangmei",
    scheme=CODES,
    categories=CATEGORIES,
    departments=DEPARTMENTS,
    sla=SLA,
)
"""上梅街道's grid events: the 娄底 codes, the squad's items, departments, the defaults."""

# -- 屋场会 ----------------------------------------------------------------------------------

MEDIATION = MediationPolicy(name="loudi.wuchanghui")
"""The 屋场会's mediation rules: the national time limits (the article sets none)."""

HOUSE_MEETING = MeetingKind(
    name="loudi_wuchanghui",
    label=Label("屋场会", "house-yard meeting"),
    rolls={RollKind.PARTICIPANTS, RollKind.ADULTS},
    source=_src(
        "“屋场会”",
        "把干群议事的会议室搬到屋场院子、田间地头，实现民事民议、民事民办、民事民管……"
        "不拘形式、不限地点，没有主席台、干群同坐一条凳",
    ),
)
"""屋场会 as a meeting: whoever comes (no quorum), talk rather than votes."""

# -- 积分制 ----------------------------------------------------------------------------------

RULE_BOOK = attrs.evolve(LOUDI_RULE_BOOK, name="loudi.youxiqiao")
"""油溪桥村's rule book (the points workflow's `LOUDI_RULE_BOOK`, under the preset's name)."""

ADOPTION = Procedure(
    name="loudi.jifenzhi",
    label=Label("积分制制定三步", "Three steps to adopt the points rules"),
    steps=(
        Step(
            name="shang",
            label=Label("策由民商", "Ideas from the villagers"),
            requires=Requirement.DONE,
        ),
        Step(
            name="ding",
            label=Label("策由民定", "Rules drafted from the ideas"),
            requires=Requirement.DONE,
        ),
        Step(
            name="jue",
            label=Label("策由民决", "Rules decided by vote"),
            requires=Requirement.PASSED,
            kinds={VILLAGER_REPRESENTATIVES.name},
            on_failure="shang",
        ),
    ),
    source=_src(
        "油溪桥村“积分制”",
        "第1步，村组组长分片收集村民关于村级事务的“金点子”……第2步，以村规民约与收集到的意见为"
        "基础，拟订积分管理实施细则；第3步，召开村民代表大会进行投票",
    ),
)
"""策由民商 → 策由民定 → 策由民决 (a vote of the 村民代表会议); voted down, back to ideas."""

PLUGIN = PluginSpec(
    name="loudi",
    version="1",
    contributions=Contributions.of(
        CODES, CATEGORIES, SLA, POLICY, MEDIATION, RULE_BOOK, HOUSE_MEETING, ADOPTION
    ),
    description=(
        "Loudi's three pillars of self-governance: the Loudi Red grids with level-by-level "
        "escalation, house-yard meetings, and the points system (娄底红、屋场会、积分制)."
    ),
    source=ARTICLE,
)
