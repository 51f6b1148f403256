"""湄潭县 群众会+: concerns raised and answered, 四议两公开 and 一事一议, cadres appraised.

Source: seed 000 (``000_ad40aa4472d584ae.txt``, 《创新基层社会治理提实效 服务脱贫攻坚为民生
——贵州省各级民政部门创新加强城乡基层社会治理纪实》), section 湄潭县:“群众会+”让基层社区治理
回归基层. The county runs village life through mass meetings (群众会, nearly 20,000 in three
years):

- "建立村民集中诉求会议制度，搭建诉求、处置、落实工作机制": 680 and more meetings, 7,000 and
  more concerns, "处置反馈率达100%";
- "坚持和完善'四议两公开'制度": public works, land, industry are settled at mass meetings
  (大家谈、众人议、集体定); 296 村级“一事一议”财政奖补项目, 7,694.31万元, 6.85万 villagers
  benefiting;
- "在群众会上，进行述职评议，并与村干部的奖惩和任用挂钩"; in 龙凤村 a 民主评议会 of 32 retired
  cadres and party members does the appraising.

This preset configures:

- meeting kinds: `MASS_MEETING` (群众会; votes by a majority of those present and hears
  cadres' reports, 述职评议), `CONCERNS_MEETING` (村民集中诉求会议; takes no votes: concerns
  raised there are followed with `jiceng.decisions.Concern`) and `APPRAISAL_COUNCIL`
  (民主评议会; rates cadres, takes no votes);
- the procedure `FOUR_DELIBERATIONS_TWO_DISCLOSURES` (四议两公开) for 一事一议 and other
  village matters;
- `APPRAISAL`, the rule that turns ratings into a verdict; `FEEDBACK_TARGET`, every concern
  answered; `FEEDBACK_LIMIT` and `FUNDING_CAPS` for concerns and 一事一议 projects;
- the article's figures as `REPORTED_...` constants.

The article gives no figure for these rules; the preset uses clearly named defaults:

- `DEFAULT_FEEDBACK_DAYS`: feedback on a concern within 30 calendar days of the meeting;
- `DEFAULT_APPRAISAL_THRESHOLD`: a cadre is rated 不称职 when more than half of the ratings
  say so, else 称职 when more than half say that, else 基本称职; two 不称职 verdicts in a row
  end a committee member's term (村民委员会组织法 第33条, the law);
- `DEFAULT_FUNDING_CAPS`: the older provincial 一事一议 caps (15元 per person, 10 workdays
  per labourer a year).

Not encoded: the rewards and penalties tied to a verdict (奖惩) — the article names no
amounts; a village pays them with `jiceng.points.performance_pay` from its own figures.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from jiceng import CalendarDays, Label, Source, TimeLimit
from jiceng._plugins import Contributions, PluginSpec
from jiceng.decisions import MeetingKind, RollKind
from jiceng.decisions.kinds import MASS_MEETING as _MASS_MEETING
from jiceng.decisions.meetings import AppraisalRule
from jiceng.decisions.procedures import FOUR_DELIBERATIONS_TWO_DISCLOSURES
from jiceng.decisions.projects import OLDER_PROVINCIAL_CAPS
from jiceng.decisions.thresholds import MORE_THAN_HALF
from jiceng.presets._common import quoting

__all__ = [
    "APPRAISAL",
    "APPRAISAL_COUNCIL",
    "CONCERNS_MEETING",
    "DEFAULT_APPRAISAL_THRESHOLD",
    "DEFAULT_FEEDBACK_DAYS",
    "DEFAULT_FUNDING_CAPS",
    "FEEDBACK_LIMIT",
    "FEEDBACK_TARGET",
    "FOUR_DELIBERATIONS",
    "FUNDING_CAPS",
    "MASS_MEETING",
    "PLUGIN",
    "REPORTED_APPRAISERS",
    "REPORTED_BENEFICIARIES",
    "REPORTED_CONCERNS",
    "REPORTED_CONCERN_MEETINGS",
    "REPORTED_PROJECTS",
    "REPORTED_PROJECT_FUNDS",
]

_ARTICLE = "seed 000: 湄潭县“群众会+”让基层社区治理回归基层"


_source = quoting(_ARTICLE)


# -- figures the article reports ----------------------------------------------------------

REPORTED_CONCERN_MEETINGS: Final = 680
"""村民集中诉求会议 held in three years ("680余场次")."""
REPORTED_CONCERNS: Final = 7000
"""Concerns collected at them ("收集诉求事项7000余条")."""
REPORTED_PROJECTS: Final = 296
"""村级“一事一议”财政奖补项目 completed in three years."""
REPORTED_PROJECT_FUNDS: Final = Decimal("76943100.00")
"""Their total funding, 7,694.31万元, in yuan."""
REPORTED_BENEFICIARIES: Final = 68500
"""Villagers benefiting from them (6.85万人)."""
REPORTED_APPRAISERS: Final = 32
"""Members of 龙凤村's 民主评议会 ("由32名退休老干部老党员组成")."""

# -- defaults ----------------------------------------------------------------------------

DEFAULT_FEEDBACK_DAYS: Final = 30
"""Days within which a concern raised at a meeting is answered (the article gives none)."""

DEFAULT_APPRAISAL_THRESHOLD: Final = MORE_THAN_HALF
"""The share of ratings that makes a verdict 不称职 or 称职 (the article gives none)."""

DEFAULT_FUNDING_CAPS: Final = OLDER_PROVINCIAL_CAPS
"""一事一议 caps: the older provincial ones (the article gives none)."""

# -- rules -------------------------------------------------------------------------------

FEEDBACK_TARGET: Final = Fraction(1)
"""Every concern raised is handled and answered: "处置反馈率达100%"."""

FEEDBACK_LIMIT: Final = TimeLimit(
    rule=CalendarDays(DEFAULT_FEEDBACK_DAYS),
    source=Source(f"{_ARTICLE}; {DEFAULT_FEEDBACK_DAYS} days is a preset default", "处置、落实"),
    label=Label("反馈时限", "feedback time limit"),
)
"""A concern's feedback is due within `DEFAULT_FEEDBACK_DAYS` of the meeting."""

FUNDING_CAPS: Final = DEFAULT_FUNDING_CAPS
"""The caps a 湄潭 一事一议 project is proposed under."""

APPRAISAL: Final = AppraisalRule(
    competent=DEFAULT_APPRAISAL_THRESHOLD,
    incompetent=DEFAULT_APPRAISAL_THRESHOLD,
    source=_source("在群众会上，进行述职评议，并与村干部的奖惩和任用挂钩"),
)
"""述职评议 at a 群众会: verdicts by `DEFAULT_APPRAISAL_THRESHOLD`; two 不称职 in a row end a
committee member's term (村民委员会组织法 第33条)."""

MASS_MEETING: Final = attrs.evolve(
    _MASS_MEETING,
    name="meitan_mass_meeting",
    source=_source("均召开群众会大家谈、众人议、集体定"),
    appraisal=APPRAISAL,
)
"""群众会: villagers talk a matter through and settle it by a majority of those present; cadres
report on their duties there and are rated."""

CONCERNS_MEETING: Final = MeetingKind(
    name="meitan_concerns_meeting",
    label=Label("村民集中诉求会议", "villagers' concerns meeting"),
    rolls={RollKind.ADULTS, RollKind.PARTICIPANTS},
    source=_source("建立村民集中诉求会议制度，搭建诉求、处置、落实工作机制"),
)
"""村民集中诉求会议: villagers raise concerns ("话有地方说、理有地方讲"); it takes no votes."""

APPRAISAL_COUNCIL: Final = MeetingKind(
    name="meitan_appraisal_council",
    label=Label("民主评议会", "democratic appraisal council"),
    rolls={RollKind.PARTICIPANTS},
    source=_source("由32名退休老干部老党员组成的民主评议会，是龙凤村开展民主评议的主要力量"),
    appraisal=APPRAISAL,
)
"""民主评议会 (龙凤村): retired cadres and party members rate the cadres' reports."""

FOUR_DELIBERATIONS: Final = attrs.evolve(
    FOUR_DELIBERATIONS_TWO_DISCLOSURES,
    name="meitan.four_deliberations_two_disclosures",
    source=_source(
        "通过坚持和完善“四议两公开”制度，对基础设施和公共服务设施建设、征地拆迁、产业发展……"
        "均召开群众会大家谈、众人议、集体定"
    ),
)
"""四议两公开 as 湄潭 applies it: 党支部会提议 → 两委会商议 → 党员大会审议 → 村民(代表)会议决议
→ 决议公开 → 实施结果公开."""

PLUGIN: Final = PluginSpec(
    name="meitan",
    version="1",
    contributions=Contributions.of(
        MASS_MEETING, CONCERNS_MEETING, APPRAISAL_COUNCIL, FOUR_DELIBERATIONS
    ),
    description=(
        "Meitan county's mass meetings: concerns raised and answered, four deliberations "
        "and two disclosures, one-project-one-deliberation, cadres appraised — 湄潭县 群众会+."
    ),
    source=(
        "seed 000 (000_ad40aa4472d584ae.txt): 创新基层社会治理提实效 服务脱贫攻坚为民生"
        "——贵州省各级民政部门创新加强城乡基层社会治理纪实 (湄潭县)"
    ),
)
"""The 湄潭 preset."""
