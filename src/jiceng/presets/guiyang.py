"""贵阳: the petition platform, backlog resolution (积案化解), professional mediation, monitoring.

Seed 001 (2014-11-14, "贵阳：创新社会治理模式 共绘美好'筑城愿景'"): 2014 was 贵阳's
"积案化解年", with the target "群众来信来访100%有说法、100%有结论"; by 15 October the city had
1,814 backlog cases (the "一号工程" and cases leaders assigned and supervised), 1,732 of them
resolved, "化解率95.48%". The 信访调处工作平台 has two sides: the 市群众工作中心, where 28 city
departments receive visitors in one hall, and the 和谐促进会 with "劳动纠纷、医患纠纷等8个专业调解
委员会和137个调解工作室". The city keeps a "日交换、月调度、季考核、年评比" monitoring cycle.

This preset configures:

- `PETITIONS`, the petition policy of the 群众工作中心: the article sets no time limits of its
  own, so it is the national 信访工作条例 (2022) (`REGULATION_2022`) under the preset's name;
- `MONITORING`, a `MonitoringCycle` with the four checkpoints and the two targets, 100%有说法
  (every case has an answer: 办结率, a written opinion or an agreement) and 100%有结论 (every
  case is concluded: 化解率, final or settled by agreement), read over a backlog list;
- `FIGURES`, the rates the article publishes (`PublishedFigure`): the 2014 backlog's
  化解率95.48% (`BACKLOG_2014`), and for 2013 the 信访化解率 96.4% (`PETITIONS_2013`) and the
  信访积案化解率 96.1% (`BACKLOG_2013`), each with the `Measure` that reproduces it over a
  collection of cases and the precision it was printed to (a rate matches when it rounds,
  half up, to the printed figure);
- `MEDIATION`, the policy of the professional committees: the national time limits (one
  month to settle, 30 days to apply for judicial confirmation) on the China calendar; and
  the two committees the article names, each with its kind of dispute (`COMMITTEES`).

Where the article gives no rule: the time limits are the national ones (above); the
monitoring periods follow Beijing time (`jiceng.DEFAULT_TZ`).

Not encoded: the article names the monitoring cycle for the service of the floating
population (流动人口); this preset applies it to the cases jiceng handles, petitions and
tickets. What happens at each checkpoint (exchanging data, dispatching, appraising units
against one another) is the city's work: a report gives the figures each needs. The other 6
professional committees are not named, nor are the 137 mediation rooms or the 28
departments; they are counted (`PROFESSIONAL_COMMITTEES`, `MEDIATION_ROOMS`,
`CENTRE_DEPARTMENTS`). The 2013 figures give no counts: a collection reproduces them when
its rate rounds to them. The survey figures (群众安全感 94.2%, 幸福指数 91.78%, 满意度
83.87%) measure opinion, not cases, and are not encoded.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from jiceng import Actor, ChinaCalendar, Label, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.checks import instance_of, member
from jiceng.exceptions import ValidationError
from jiceng.mediation import DEFAULT_POLICY, DisputeKind
from jiceng.metrics import Rate
from jiceng.petitions import REGULATION_2022
from jiceng.petitions.monitoring import Cadence, Checkpoint, Measure, MonitoringCycle, Target

__all__ = [
    "BACKLOG_2013",
    "BACKLOG_2014",
    "BACKLOG_CASES",
    "BACKLOG_RESOLVED",
    "CENTRE_DEPARTMENTS",
    "COMMITTEES",
    "FIGURES",
    "MEDIATION",
    "MEDIATION_ROOMS",
    "MONITORING",
    "PETITIONS",
    "PETITIONS_2013",
    "PLUGIN",
    "PROFESSIONAL_COMMITTEES",
    "PublishedFigure",
]

NAME: Final = "guiyang"
_SEED = "seed 001: 贵阳"
_TARGETS = Source(f"{_SEED} 积案化解年(2014)", "以“群众来信来访100%有说法、100%有结论”为目标")
_CYCLE = Source(_SEED, "建立健全了日交换、月调度、季考核、年评比的预警监督机制")
_COMMITTEES = Source(
    f"{_SEED} 和谐促进会", "设立了劳动纠纷、医患纠纷等8个专业调解委员会和137个调解工作室"
)

BACKLOG_CASES: Final = 1814
"""Backlog cases on the list by 2014-10-15 (一号工程及领导交办督办信访案件1814件)."""

BACKLOG_RESOLVED: Final = 1732
"""Of them resolved by then (化解1732件, 化解率95.48%)."""

CENTRE_DEPARTMENTS: Final = 28
"""City departments receiving visitors in the 市群众工作中心 hall."""

PROFESSIONAL_COMMITTEES: Final = 8
"""Professional mediation committees (专业调解委员会) of the 和谐促进会."""

MEDIATION_ROOMS: Final = 137
"""Mediation rooms (调解工作室)."""

PETITIONS: Final = attrs.evolve(
    REGULATION_2022,
    name=f"{NAME}.petitions",
    title=Label(
        "贵阳市群众工作中心 信访调处（信访工作条例（2022））",
        "Guiyang mass work centre: petitions (Regulation on Petition Work, 2022)",
    ),
)
"""The petition policy: the national time limits, each citing its article."""

MONITORING: Final = MonitoringCycle(
    name=f"{NAME}.monitoring",
    title=Label("贵阳 日交换、月调度、季考核、年评比", "Guiyang monitoring cycle"),
    checkpoints=(
        Checkpoint(cadence=Cadence.DAILY, label=Label("日交换", "daily exchange"), source=_CYCLE),
        Checkpoint(
            cadence=Cadence.MONTHLY, label=Label("月调度", "monthly dispatching"), source=_CYCLE
        ),
        Checkpoint(
            cadence=Cadence.QUARTERLY,
            label=Label("季考核", "quarterly assessment"),
            source=_CYCLE,
        ),
        Checkpoint(
            cadence=Cadence.YEARLY, label=Label("年评比", "annual appraisal"), source=_CYCLE
        ),
    ),
    targets=(
        Target(
            measure=Measure.COMPLETION,
            threshold=Fraction(1),
            label=Label("100%有说法", "every case answered"),
            source=_TARGETS,
        ),
        Target(
            measure=Measure.RESOLUTION,
            threshold=Fraction(1),
            label=Label("100%有结论", "every case concluded"),
            source=_TARGETS,
        ),
    ),
    source=_CYCLE,
)
"""The monitoring cycle with the 积案化解年 targets."""


def _printed(
    instance: PublishedFigure, attribute: attrs.Attribute[Decimal], value: Decimal
) -> None:
    """A percentage from 0 to 100, printed to at most four decimals."""
    exponent = value.as_tuple().exponent
    if not (isinstance(exponent, int) and -4 <= exponent <= 0 and 0 <= value <= 100):
        msg = f"must be a percentage from 0 to 100 with at most 4 decimals, got {value}"
        raise ValidationError.single(attribute.name, msg, subject="published figure")


@attrs.frozen(kw_only=True)
class PublishedFigure:
    """A rate the article publishes (`percent`, as printed: ``Decimal("95.48")``), the
    `Measure` that reproduces it and the quotation it comes from."""

    label: Label = attrs.field(validator=instance_of(Label))
    measure: Measure = attrs.field(validator=member(Measure))
    percent: Decimal = attrs.field(validator=attrs.validators.and_(instance_of(Decimal), _printed))
    source: Source = attrs.field(validator=instance_of(Source))

    @property
    def places(self) -> int:
        """The decimals the figure was printed with (95.48: 2; 96.4: 1)."""
        exponent = self.percent.as_tuple().exponent
        assert isinstance(exponent, int)
        return -exponent

    def matches(self, rate: Rate) -> bool:
        """Whether `rate`, rounded half up to the printed decimals, is the figure; an
        undefined rate (no case counted) never is.

        >>> BACKLOG_2014.matches(Rate(1732, 1814)), BACKLOG_2014.matches(Rate(1731, 1814))
        (True, False)
        """
        return rate.percent(self.places) == self.percent


BACKLOG_2014: Final = PublishedFigure(
    label=Label("积案化解率（2014年10月15日）", "backlog resolution rate, 15 October 2014"),
    measure=Measure.RESOLUTION,
    percent=Decimal("95.48"),
    source=Source(
        f"{_SEED} 积案化解年(2014)",
        "截至今年10月15日,全市“一号工程”及领导交办督办信访案件1814件,化解1732件,化解率95.48%",
    ),
)
"""The 2014 backlog list: 1,732 of 1,814 cases resolved, 95.48%."""

PETITIONS_2013: Final = PublishedFigure(
    label=Label("信访化解率（2013年）", "petition resolution rate, 2013"),
    measure=Measure.RESOLUTION,
    percent=Decimal("96.4"),
    source=Source(_SEED, "2013年,全市信访化解率达到96.4%"),
)
"""The city's petitions of 2013: 96.4% resolved."""

BACKLOG_2013: Final = PublishedFigure(
    label=Label("信访积案化解率（2013年）", "backlog resolution rate, 2013"),
    measure=Measure.RESOLUTION,
    percent=Decimal("96.1"),
    source=Source(f"{_SEED} 市群众工作中心", "2013年,我市信访积案化解率达96.1%"),
)
"""The backlog of 2013: 96.1% resolved."""

FIGURES: Final = (PETITIONS_2013, BACKLOG_2014, BACKLOG_2013)
"""The rates the article publishes, in the order it gives them."""

MEDIATION: Final = attrs.evolve(DEFAULT_POLICY, name=f"{NAME}.mediation", calendar=ChinaCalendar())
"""The professional committees' policy: the national time limits, on the China calendar."""

COMMITTEES: Final = {
    DisputeKind.LABOUR: Actor.department("gy-ldjf", "贵阳市劳动纠纷人民调解委员会"),
    DisputeKind.MEDICAL: Actor.department("gy-yhjf", "贵阳市医患纠纷人民调解委员会"),
}
"""The professional committees the article names, by the kind of dispute each takes."""

PLUGIN: Final = PluginSpec(
    name=NAME,
    version="1",
    contributions=Contributions.of(PETITIONS, MEDIATION, MONITORING),
    description=(
        "The petition platform with its backlog-resolution targets, professional mediation "
        "committees and monitoring cycle "
        "(贵阳 信访调处工作平台、积案化解、日交换月调度季考核年评比)."
    ),
    source="seeds/001_6319bc7bdd299809.txt: 贵阳：创新社会治理模式 共绘美好“筑城愿景” (2014-11-14)",
)
"""The 贵阳 preset."""
