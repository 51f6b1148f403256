"""迁安市香巴拉社区 (seed 003): a four-level grid, a 91-item service list, key-resident ledgers.

Article: seed 003, ``003_57febce23d54ac55.txt``, 央广网 "基层强则国家强，基层安则天下安"
(河北省民政厅, 11月2日). 香巴拉社区 (唐山迁安市): "已梳理出包含主动服务、可直接办结服务、审核转报、
代办服务在内的社区服务清单91项"; "在该社区构建的四级网格管理体系中，将网格员手机号码、管理区域、
服务事项等公示"; "对空巢老人、残疾人、低保家庭等重点服务对象分类建立台账，为行动不便的群众提供
上门服务"; "设置‘微心愿’墙，广泛收集辖区单位、群众的需求，由社区党组织、辖区单位等主动认领、
帮助圆梦".

What the preset configures:

- `CODES` (``qianan_xiangbala.codes``): the four-level grid as 街道 → 社区 → 网格 → 楼栋
  under the city (迁安市 130283): the article does not name the four levels, so these, the
  grid tree's four levels from the street down, are the preset's reading; its 楼门长 serve
  as building heads. The code layout (6 + 3 + 3 + 3 + 3) is a default.
- `SERVICES`: the 91-item service list in the four kinds. The article names no item; the
  preset names the three it describes (上门服务 for those who cannot come, and the two
  kinds of errand: 为职能部门代理事务, 为群众代跑) and numbers the rest by kind, marked
  "未具名". How the 91 split over the kinds is `DEFAULT_SPLIT`, a default.
- `CATEGORIES` (``qianan_xiangbala.categories``): the service list's kinds as classes of grid
  events, and a class for 微心愿, so that a request runs as a grid event classified by its
  service: a 直接办结 item is settled on the spot, a 审核转报 item is dispatched to the
  deciding department, a 微心愿 is dispatched to whoever claimed it (认领).
- `SLA` (``qianan_xiangbala.sla``): the article gives no time limits: `DEFAULT_HANDLING` (5
  working days, extendable once by up to 5) and `DEFAULT_SUMMONS` (a day).
- `POLICY` (``qianan_xiangbala.community``): the community's grid event policy; its
  departments (the deciding departments and the units that claim wishes) are placeholders
  by function: the article names none.
- `KEY_RESIDENTS` and `REGISTER`: ledgers of elderly people living alone (空巢老人),
  disabled people and 低保 households; `HOME_VISITS` says which are visited at home.

Not encoded: the publication of grid members' phone numbers and areas (jiceng keeps no
contact data), the "同心议事会" and "即时办" team, the "红色物业" arrangements, and the
results (17 charging points, 10 lamp posts).
"""

from __future__ import annotations

from jiceng import Label
from jiceng._plugins import Contributions, PluginSpec
from jiceng.grids import (
    CareGroup,
    CategoryClass,
    CategoryItem,
    CategoryTree,
    GridEventPolicy,
    Level,
    ResidentRegister,
    ServiceItem,
    ServiceKind,
    ServiceList,
)
from jiceng.grids.codes import CodeScheme
from jiceng.presets._common import (
    default_handling,
    default_summons,
    departments,
    one_limit_sla,
    quoting,
    segment,
)

__all__ = [
    "CATEGORIES",
    "CODES",
    "COMMUNITY",
    "DEFAULT_HANDLING",
    "DEFAULT_SPLIT",
    "DEFAULT_SUMMONS",
    "DEPARTMENTS",
    "HOME_VISITS",
    "KEY_RESIDENTS",
    "PLUGIN",
    "POLICY",
    "REGISTER",
    "SERVICES",
    "SLA",
]

ARTICLE = "seed 003 (003_57febce23d54ac55.txt): 央广网《基层强则国家强，基层安则天下安》"
_SEED = "seed 003: 迁安市香巴拉社区"


_src = quoting(_SEED)


CODES = CodeScheme(
    name="qianan_xiangbala.codes",
    label=Label("香巴拉社区四级网格编码", "Xiangbala four-level grid codes"),
    segments=(
        segment("city", 6, Level.DISTRICT, "县级市", "County-level city"),
        segment("street", 3, Level.STREET, "街道", "Street"),
        segment("community", 3, Level.COMMUNITY, "社区", "Community"),
        segment("grid", 3, Level.GRID, "网格", "Grid"),
        segment("building", 3, Level.MICRO_GRID, "楼栋", "Building"),
    ),
    source=_src(
        "在该社区构建的四级网格管理体系中 (levels not named: 街道/社区/网格/楼栋 under 迁安市, "
        "6 + 3 + 3 + 3 + 3 digits, a default)"
    ),
)
"""迁安市 → 街道 → 社区 → 网格 → 楼栋; the four levels from the street down."""

COMMUNITY = "130283001001"
"""香巴拉社区's code under `CODES` (迁安市 130283; the street and community numbers are
placeholders)."""

DEFAULT_SPLIT: dict[ServiceKind, int] = {
    ServiceKind.PROACTIVE: 23,
    ServiceKind.DIRECT: 23,
    ServiceKind.REVIEW_AND_FORWARD: 23,
    ServiceKind.PROXY: 22,
}
"""How the 91 items split over the four kinds: the article gives the total only, a default."""

_NAMED: dict[ServiceKind, tuple[ServiceItem, ...]] = {
    ServiceKind.PROACTIVE: (
        ServiceItem(
            code="home-visit",
            label=Label("上门服务（行动不便群众）", "Home visit (residents who cannot come)"),
            kind=ServiceKind.PROACTIVE,
        ),
    ),
    ServiceKind.PROXY: (
        ServiceItem(
            code="agency-errand",
            label=Label("为职能部门代理事务", "Errands for departments"),
            kind=ServiceKind.PROXY,
        ),
        ServiceItem(
            code="resident-errand",
            label=Label("为群众代跑事宜", "Errands for residents"),
            kind=ServiceKind.PROXY,
        ),
    ),
}


def _kind_items(kind: ServiceKind) -> tuple[ServiceItem, ...]:
    named = _NAMED.get(kind, ())
    return (
        *named,
        *(
            ServiceItem(
                code=f"{kind.value}-{n:02d}",
                label=Label(f"{kind.zh}事项{n}（未具名）", f"{kind.en}, item {n} (not named)"),
                kind=kind,
            )
            for n in range(len(named) + 1, DEFAULT_SPLIT[kind] + 1)
        ),
    )


SERVICES = ServiceList(
    name="qianan_xiangbala.services",
    label=Label("香巴拉社区服务清单", "Xiangbala community service list"),
    items=tuple(item for kind in ServiceKind for item in _kind_items(kind)),
    source=_src("已梳理出包含主动服务、可直接办结服务、审核转报、代办服务在内的社区服务清单91项"),
)
"""91 items in four kinds; three named from the article, the rest numbered."""

_WISHES = CategoryClass(
    code="wishes",
    label=Label("微心愿", "Micro-wishes"),
    items=(CategoryItem(code="micro-wish", label=Label("微心愿", "Micro-wish")),),
)

CATEGORIES = CategoryTree(
    name="qianan_xiangbala.categories",
    label=Label("香巴拉社区服务事项", "Xiangbala service requests"),
    classes=(*SERVICES.category_classes(), _WISHES),
    source=_src("社区服务清单91项；设置“微心愿”墙……由社区党组织、辖区单位等主动认领、帮助圆梦"),
)
"""The service list's four kinds, and 微心愿."""

DEFAULT_HANDLING = default_handling(
    "qianan_xiangbala", "seed 003", Label("服务事项", "Service request")
)
"""Five working days from dispatch (or claim), extendable once by up to five: a default."""

DEFAULT_SUMMONS = default_summons("qianan_xiangbala", "seed 003")
"""A summoned department reports by the end of the next day: a default."""

SLA = one_limit_sla("qianan_xiangbala.sla", DEFAULT_HANDLING, DEFAULT_SUMMONS)
"""One limit for every event, in working days with public holidays and 调休 (extra `cn`)."""

DEPARTMENTS = departments(
    {
        "xbl-party": "香巴拉社区党组织",
        "qa-minzheng": "迁安市民政局",
        "qa-canlian": "迁安市残联",
        "qa-renshe": "迁安市人社局",
        "unit-property": "物业服务企业",
        "unit-resident": "辖区单位",
    }
)
"""Who decides forwarded items or claims wishes, by function; the article names none."""

POLICY = GridEventPolicy(
    name="qianan_xiangbala.community",
    scheme=CODES,
    categories=CATEGORIES,
    departments=DEPARTMENTS,
    sla=SLA,
)
"""香巴拉社区's requests and wishes as grid events."""

_LEDGERS = _src(
    "对空巢老人、残疾人、低保家庭等重点服务对象分类建立台账，为行动不便的群众提供上门服务"
)

KEY_RESIDENTS = (
    CareGroup(code="elderly-alone", label=Label("空巢老人", "Living alone"), source=_LEDGERS),
    CareGroup(code="disabled", label=Label("残疾人", "Disabled people"), source=_LEDGERS),
    CareGroup(code="dibao", label=Label("低保家庭", "Dibao households"), source=_LEDGERS),
)
"""The key residents the community keeps ledgers of."""

HOME_VISITS = frozenset({"elderly-alone", "disabled"})
"""The groups served at home: "为行动不便的群众提供上门服务" (the article ties home visits to
limited mobility, not to a group; these two are the preset's reading)."""

REGISTER = ResidentRegister(
    name="qianan_xiangbala.key-residents", groups=KEY_RESIDENTS, source=_LEDGERS
)
"""An empty register of the key residents."""

PLUGIN = PluginSpec(
    name="qianan_xiangbala",
    version="1",
    contributions=Contributions.of(CODES, CATEGORIES, SLA, POLICY),
    description=(
        "Xiangbala community in Qian'an: a four-level grid, a 91-item service list in four "
        "kinds, key-resident ledgers and micro-wishes (迁安市香巴拉社区)."
    ),
    source=ARTICLE,
)
