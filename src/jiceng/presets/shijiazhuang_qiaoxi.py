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

Not encoded: the 1,056 小区 with "红色物业", the 1,472 红色社区社会组织, the four "云"
platforms and their 26.7万 households, 5,083 firms and 137 units, the 984 part-time
committee members and 970 agreements, the placing of 15,498 party members "按需": figures
and arrangements the article reports without rules.
"""

from __future__ import annotations

from typing import Annotated

import pendulum

from jiceng import Actor, Label, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.checks import between, checked
from jiceng.grids import Duty, GridTree, Level
from jiceng.grids.codes import CodeScheme, CodeSegment

__all__ = [
    "CODES",
    "DEFAULT_COMMUNITIES",
    "DEFAULT_STREETS",
    "DISTRICT",
    "DUTIES",
    "GRIDS",
    "PLUGIN",
    "attach_all",
    "grid_tree",
]

ARTICLE = "seed 003 (003_57febce23d54ac55.txt): 央广网《基层强则国家强，基层安则天下安》"
_SEED = "seed 003: 石家庄市桥西区"
_GRIDS = Source(_SEED, "全区划分为805个网格，把党建、综治、民政等各类服务力量下沉到网格")

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


PLUGIN = PluginSpec(
    name="shijiazhuang_qiaoxi",
    version="1",
    contributions=Contributions.of(CODES),
    description=(
        "Qiaoxi district of Shijiazhuang: a four-level grid tree of 805 grids carrying party "
        "building, public order and civil affairs (石家庄市桥西区网格化治理)."
    ),
    source=ARTICLE,
)
