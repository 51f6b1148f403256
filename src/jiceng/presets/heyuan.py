"""河源 全科网格 (seed 002): one grid for every department, special populations in its care.

Article: seed 002, ``002_80517c5d3fdae330.txt``, 河源市委政法委《关于加强村社区治理创新，推动
河源社会治理现代化的调研报告》(整理：市委政研室、改革办). Its recommendation (五): "统筹推进建设以块
为主、条块结合的基层社会治理全科网格化格局": the 综治 centre works with 组织、公安、民政、司法行政、
人力社保、自然资源、城乡建设、农业农村、林业、卫生健康、生态环保、市场监管、应急管理、消防 and the
工青妇 organisations; "将所有基层治理事项纳入同一边界网格……实行‘多网合一’"; "基层党建、社会治安、
社会救助、居家养老、儿童福利、社会保障等相关职能部门工作进驻网格"; and "将社区矫正、严重精神障碍
患者、社区戒毒人员、刑满释放人员、重点青少年等特殊人群纳入网格服务管理". The platform
("综治中心+网格化+信息化") has handled 34.79万 events, 办结率 99.7%.

What the preset configures:

- `CODES` (``heyuan.codes``): city 4 + county 2 (the GB/T 2260 county code) + town 3 +
  village 3 + grid 3; the article gives no layout, so this one is a default.
- `DEPARTMENTS` and `DUTIES`: the 15 departments and bodies the article names, each with
  the duty it brings into the one grid tree (`attach_all` attaches them to the city's
  grid, so every grid below carries them: 多网合一). The article pairs six duties with
  their work (基层党建, 社会治安, 社会救助, 居家养老, 儿童福利, 社会保障); for the other
  departments it says only that they work together with the 综治 centre (工作联动), which is
  the duty they carry here.
- `CATEGORIES` (``heyuan.categories``): the six kinds of work brought into the grid and the
  five special populations, as classes of grid events.
- `SLA` (``heyuan.sla``): the article gives no time limits; `DEFAULT_HANDLING` (5 working
  days, extendable once by up to 5) and `DEFAULT_SUMMONS` (a day) are defaults.
- `POLICY` (``heyuan.quanke``): the grid event policy of the 全科网格.
- `SPECIAL_POPULATIONS` and `REGISTER`: the five groups under grid care and an empty
  register of them. The article names no lead department for them, so none is set.

Not encoded: the recommendations on party building, cadres, village self-governance and
participation, which the article states as aims without rules; the figures (34.79万 events,
办结率 99.7%) are results, not rules.
"""

from __future__ import annotations

from jiceng import Label, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.grids import (
    CareGroup,
    CategoryClass,
    CategoryItem,
    CategoryTree,
    Duty,
    GridEventPolicy,
    GridTree,
    Level,
    ResidentRegister,
)
from jiceng.grids.codes import CodeScheme
from jiceng.presets._common import (
    default_handling,
    default_summons,
    departments,
    one_limit_sla,
    segment,
)

__all__ = [
    "CATEGORIES",
    "CITY",
    "CODES",
    "DEFAULT_HANDLING",
    "DEFAULT_SUMMONS",
    "DEPARTMENTS",
    "DUTIES",
    "PLUGIN",
    "POLICY",
    "REGISTER",
    "SLA",
    "SPECIAL_POPULATIONS",
    "attach_all",
]

ARTICLE = (
    "seed 002 (002_80517c5d3fdae330.txt): 河源市委政法委《关于加强村社区治理创新，"
    "推动河源社会治理现代化的调研报告》"
)
_SEED = "seed 002: 河源市 全科网格"
_ONE_GRID = Source(
    _SEED, "将所有基层治理事项纳入同一边界网格……实行“多网合一”……将各职能条线网格工作“一网打尽”"
)
_INTO_GRID = Source(
    _SEED,
    "大力推进基层党建、社会治安、社会救助、居家养老、儿童福利、社会保障等相关职能部门工作进驻网格",
)
_LINKED = Source(
    _SEED,
    "建立健全基层综治中心与组织、公安、民政、司法行政、人力社保、自然资源、城乡建设、农业农村、"
    "林业、卫生健康、生态环保、市场监管、应急管理、消防等有关部门以及工青妇等群团组织的工作联动机制",
)
_SPECIAL = Source(
    _SEED,
    "将社区矫正、严重精神障碍患者、社区戒毒人员、刑满释放人员、重点青少年等特殊人群纳入网格服务管理",
)


CODES = CodeScheme(
    name="heyuan.codes",
    label=Label("河源全科网格编码", "Heyuan grid codes"),
    segments=(
        segment("city", 4, Level.CITY, "市", "City"),
        segment("county", 2, Level.DISTRICT, "县区", "County"),
        segment("town", 3, Level.STREET, "镇街", "Town"),
        segment("village", 3, Level.COMMUNITY, "村(社区)", "Village"),
        segment("grid", 3, Level.GRID, "网格", "Grid"),
    ),
    source=Source(
        _SEED, "统一网格划分 (the article gives no code layout: GB/T 2260 4 + 2, then 3 a level)"
    ),
)
"""市 → 县区 → 镇街 → 村(社区) → 网格: 河源市 4416."""

CITY = "4416"
"""河源市's code under `CODES`."""

DEPARTMENTS = departments(
    {
        "hy-zz": "综治中心",
        "hy-org": "组织部门",
        "hy-ga": "公安",
        "hy-mz": "民政",
        "hy-sf": "司法行政",
        "hy-rs": "人力社保",
        "hy-zr": "自然资源",
        "hy-cj": "城乡建设",
        "hy-nn": "农业农村",
        "hy-ly": "林业",
        "hy-wj": "卫生健康",
        "hy-hb": "生态环保",
        "hy-sj": "市场监管",
        "hy-yj": "应急管理",
        "hy-xf": "消防",
        "hy-qt": "工青妇等群团组织",
    }
)
"""The 综治 centre and the 15 departments and bodies the article names."""

_WORK = {
    "hy-org": ("基层党建",),
    "hy-ga": ("社会治安",),
    "hy-mz": ("社会救助", "居家养老", "儿童福利"),
    "hy-rs": ("社会保障",),
}

DUTIES: tuple[Duty, ...] = tuple(
    Duty(department=d.id, name=name, grid=CITY, source=_INTO_GRID if d.id in _WORK else _LINKED)
    for d in DEPARTMENTS
    for name in _WORK.get(d.id, ("工作联动",))
)
"""Each department's duty, attached to the city so that every grid carries it."""


def attach_all(tree: GridTree) -> GridTree:
    """`tree` with every department's duty attached to the city's grid (多网合一)."""
    for duty in DUTIES:
        tree = tree.attach(duty)
    return tree


def _class(code: str, zh: str, en: str, items: tuple[tuple[str, str, str], ...]) -> CategoryClass:
    return CategoryClass(
        code=code,
        label=Label(zh, en),
        items=tuple(CategoryItem(code=c, label=Label(z, e)) for c, z, e in items),
    )


_POPULATIONS = (
    ("community-correction", "社区矫正对象", "Under community correction"),
    ("severe-mental-disorder", "严重精神障碍患者", "Severe mental disorder"),
    ("community-drug-rehab", "社区戒毒人员", "Community drug rehabilitation"),
    ("released-prisoner", "刑满释放人员", "Released from prison"),
    ("key-youth", "重点青少年", "Youth needing attention"),
)

CATEGORIES = CategoryTree(
    name="heyuan.categories",
    label=Label("河源全科网格事项", "Heyuan all-subject grid items"),
    classes=(
        _class("party-building", "基层党建", "Party building", (("party", "基层党建", "Party"),)),
        _class("order", "社会治安", "Public order", (("public-order", "社会治安", "Order"),)),
        _class("relief", "社会救助", "Social relief", (("assistance", "社会救助", "Relief"),)),
        _class("elderly", "居家养老", "Care at home", (("home-care", "居家养老", "Home care"),)),
        _class("children", "儿童福利", "Child welfare", (("child", "儿童福利", "Child"),)),
        _class("security", "社会保障", "Social security", (("insurance", "社会保障", "Security"),)),
        _class("special", "特殊人群", "Special populations", _POPULATIONS),
    ),
    source=Source(_SEED, f"{_INTO_GRID.text}；{_SPECIAL.text}"),
)
"""Six kinds of work brought into the grid, and the five special populations."""

DEFAULT_HANDLING = default_handling("heyuan", "seed 002", Label("网格事件", "Grid event"))
"""Five working days from dispatch, extendable once by up to five: a default."""

DEFAULT_SUMMONS = default_summons("heyuan", "seed 002")
"""A summoned department reports by the end of the next day: a default."""

SLA = one_limit_sla("heyuan.sla", DEFAULT_HANDLING, DEFAULT_SUMMONS)
"""One limit for every event, in working days with public holidays and 调休 (extra `cn`)."""

POLICY = GridEventPolicy(
    name="heyuan.quanke",
    scheme=CODES,
    categories=CATEGORIES,
    departments=DEPARTMENTS,
    sla=SLA,
)
"""The 全科网格: one policy, every department."""

SPECIAL_POPULATIONS = tuple(
    CareGroup(code=code, label=Label(zh, en), source=_SPECIAL) for code, zh, en in _POPULATIONS
)
"""社区矫正, 严重精神障碍, 社区戒毒, 刑满释放, 重点青少年."""

REGISTER = ResidentRegister(
    name="heyuan.special-populations", groups=SPECIAL_POPULATIONS, source=_SPECIAL
)
"""An empty register of the special populations under grid care."""

PLUGIN = PluginSpec(
    name="heyuan",
    version="1",
    contributions=Contributions.of(CODES, CATEGORIES, SLA, POLICY),
    description=(
        "Heyuan's all-subject grid: one grid tree for every department, special populations "
        "under grid care (河源全科网格)."
    ),
    source=ARTICLE,
)
