"""The 贵阳 preset: backlog resolution against its targets, professional mediation (seed 001)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pendulum
import pytest

from jiceng import Actor, ChinaCalendar
from jiceng.exceptions import ValidationError
from jiceng.mediation import (
    Dispute,
    DisputeKind,
    Mark,
    MediationCase,
    MediationPolicy,
    MediationState,
    Mediator,
    MediatorKind,
    Obligation,
    Origin,
    OriginKind,
    Party,
    Responsibility,
    Terms,
)
from jiceng.metrics import Rate
from jiceng.petitions import (
    REGULATION_2022,
    Agreement,
    Body,
    Channel,
    Level,
    Matter,
    Outcome,
    Petition,
    PetitionPolicy,
)
from jiceng.petitions.metrics import Backlog
from jiceng.petitions.monitoring import Cadence, MonitoringCycle
from jiceng.plugins import discover
from jiceng.presets import guiyang as preset
from jiceng.presets.guiyang import COMMITTEES, MEDIATION, MONITORING, PETITIONS

NAME = "guiyang"
CENTRE = Body(id="gy-qzgzzx", name="贵阳市群众工作中心", level=Level.CITY)
CLERK = Actor.person("gy-clerk", "接待员")
PETITIONER = Actor.person("gy-p", "来访群众")


def at(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(2014, month, day, hour, tz="Asia/Shanghai")


def backlog_case(n: int) -> Petition:
    return Petition.register(
        id=f"GY-2014-{n:04}",
        channel=Channel.VISIT,
        petitioners=[PETITIONER],
        matter=Matter(request="征地拆迁补偿"),
        lodged_with=CENTRE,
        by=CLERK,
        at=at(1, 6),
        policy=PETITIONS,
        calendar=ChinaCalendar(),
    ).accept(by=CLERK, at=at(1, 7))


def answered(case: Petition, month: int) -> Petition:
    return case.answer(outcome=Outcome.EXPLAINED, basis="政策解释", by=CLERK, at=at(month, 3))


def the_2014_backlog() -> list[Petition]:
    """1,814 cases: 1,700 settled by agreement and 32 concluded (1,732 resolved), 40
    answered but still open to a review, 42 still being handled."""
    cases = [backlog_case(n) for n in range(preset.BACKLOG_CASES)]
    for n, case in enumerate(cases):
        if n < 1700:
            cases[n] = case.settle(
                agreement=Agreement.MEDIATION, document="调解协议书", by=CLERK, at=at(3, 1)
            )
        elif n < preset.BACKLOG_RESOLVED:
            cases[n] = answered(case, 3).conclude(by=CLERK, at=at(5, 6))
        elif n < 1772:
            cases[n] = answered(case, 10)
    return cases


def test_the_backlog_falls_short_of_its_targets_at_9548_percent() -> None:
    cases = the_2014_backlog()
    report = MONITORING.report(cases, cadence=Cadence.QUARTERLY, at=at(10, 15))
    assert report.checkpoint.label.zh == "季考核"
    assert (report.start, report.end) == (
        at(10, 1, 0),
        pendulum.datetime(2015, 1, 1, tz="Asia/Shanghai"),
    )
    said, concluded = report.results
    assert (said.target.label.zh, str(said.rate), said.met) == (
        "100%有说法",
        "97.68% (1772/1814)",
        False,
    )
    assert (concluded.target.label.zh, str(concluded.rate)) == ("100%有结论", "95.48% (1732/1814)")
    assert report.shortfalls == MONITORING.targets
    # 82 still open; the 42 being handled are past their 60 days, the 40 answered are not
    assert report.backlog == Backlog(open=82, overdue=42)
    assert report.opened == 0  # the list was opened in January: nothing new this quarter
    year = MONITORING.report(cases, cadence=Cadence.YEARLY, at=at(10, 15))
    assert (year.checkpoint.label.zh, year.opened) == ("年评比", preset.BACKLOG_CASES)


def test_a_list_fully_concluded_meets_both_targets() -> None:
    cases = [
        backlog_case(n).settle(
            agreement=Agreement.SETTLEMENT, document="和解协议", by=CLERK, at=at(2, 1)
        )
        for n in range(3)
    ]
    report = MONITORING.report(cases, cadence=Cadence.MONTHLY, at=at(2, 1, 18))
    assert report.checkpoint.label.zh == "月调度"
    assert report.shortfalls == ()
    assert [r.rate.fraction for r in report.results] == [Fraction(1), Fraction(1)]


def test_the_cycle_has_the_four_checkpoints_in_order() -> None:
    assert [c.label.zh for c in MONITORING.checkpoints] == ["日交换", "月调度", "季考核", "年评比"]
    assert [c.cadence for c in MONITORING.checkpoints] == list(Cadence)
    assert "100%有结论" in MONITORING.targets[1].source.text


def test_petitions_follow_the_national_time_limits_under_the_preset_name() -> None:
    assert PETITIONS.name == "guiyang.petitions"
    assert PETITIONS.handling == REGULATION_2022.handling
    deadline = backlog_case(1).deadline
    assert deadline is not None
    assert deadline.due == at(3, 8).end_of("day")  # 60 days from 7 January


def test_a_labour_dispute_goes_to_its_professional_committee_on_the_china_calendar() -> None:
    assert set(COMMITTEES) == {DisputeKind.LABOUR, DisputeKind.MEDICAL}
    assert (preset.PROFESSIONAL_COMMITTEES, preset.MEDIATION_ROOMS) == (8, 137)
    committee = COMMITTEES[DisputeKind.LABOUR]
    worker, firm = Party(id="p-w", name="务工人员"), Party(id="p-f", name="某建筑公司")
    mediator = Mediator(id="m-gy", name="专职调解员", kind=MediatorKind.PROFESSIONAL)
    case = MediationCase.open(
        id="GY-LD-2014-088",
        parties=[worker, firm],
        dispute=Dispute(kind=DisputeKind.LABOUR, facts="拖欠工资三个月"),
        origin=Origin(kind=OriginKind.APPLICATION, ref="p-w"),
        committee=committee,
        by=CLERK,
        at=at(8, 25),
        policy=MEDIATION,
    )
    terms = Terms(
        clauses=["公司于9月10日前一次性支付拖欠工资"],
        obligations=[
            Obligation(
                id="O-1",
                obligor="p-f",
                what="支付工资",
                method="银行转账",
                due=pendulum.Date(2014, 9, 10),
            )
        ],
    )
    case = (
        case.assign_mediator(mediator, by=committee, at=at(8, 25))
        .propose_terms(terms, by=CLERK, at=at(8, 29))
        .accept_proposal(party="p-w", by=CLERK, at=at(8, 29))
        .accept_proposal(party="p-f", by=CLERK, at=at(8, 29, 10))
        .draw_up_agreement(
            facts="公司拖欠工资三个月",
            disputed_matters=["工资数额与支付期限"],
            responsibilities=[
                Responsibility(party="p-f", text="应支付拖欠工资"),
                Responsibility(party="p-w", text="无过错"),
            ],
            by=CLERK,
            at=at(8, 29, 11),
        )
    )
    for signer in ("p-w", "p-f", "m-gy"):
        case = case.sign_agreement(signer=signer, mark=Mark.SIGNATURE, by=CLERK, at=at(8, 29, 11))
    case = case.seal_agreement(by=committee, at=at(9, 1))
    assert case.state is MediationState.IN_FORCE
    # 30 days end on 1 October, in the National Day holiday: the window rolls to the 8th
    assert case.confirmation_deadline is not None
    assert case.confirmation_deadline.due.date() == pendulum.Date(2014, 10, 8)


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=[NAME])
    assert (found.loaded, found.failures) == ((NAME,), ())
    assert found.registry.find(PetitionPolicy, "guiyang.petitions") == PETITIONS
    assert found.registry.find(MediationPolicy, "guiyang.mediation") == MEDIATION
    assert found.registry.find(MonitoringCycle, MONITORING.name) == MONITORING


def test_it_registers_with_every_other_preset_without_a_name_clash() -> None:
    found = discover()
    clashes = [f for f in found.failures if "already" in f.error or "twice" in f.error]
    assert clashes == []
    assert NAME in found.loaded


@pytest.mark.parametrize("kind", [DisputeKind.LABOUR, DisputeKind.MEDICAL])
def test_each_named_committee_is_a_department(kind: DisputeKind) -> None:
    assert COMMITTEES[kind].name.endswith("人民调解委员会")


# -- the published figures, reproduced by the metrics ---------------------------------------

SEED = Path("/work/shared/seeds/001_6319bc7bdd299809.txt")


def year_2013(count: int, resolved: int, *, accept: bool = True) -> list[Petition]:
    """`count` petitions of 2013 at the centre (the nth on the 2nd of month 1 + n mod 11),
    accepted the next day unless not `accept`, the first `resolved` settled by agreement."""
    cases = []
    for n in range(count):
        case = Petition.register(
            id=f"GY-2013-{n:04}",
            channel=Channel.LETTER,
            petitioners=[PETITIONER],
            matter=Matter(request="城市管理"),
            lodged_with=CENTRE,
            by=CLERK,
            at=pendulum.datetime(2013, 1 + n % 11, 2, 9, tz="Asia/Shanghai"),
            policy=PETITIONS,
        )
        if accept:
            case = case.accept(by=CLERK, at=case.created.add(days=1))
        if n < resolved:
            case = case.settle(
                agreement=Agreement.SETTLEMENT,
                document="和解协议",
                by=CLERK,
                at=case.created.add(days=20),
            )
        cases.append(case)
    return cases


YEAR_END_2013 = pendulum.datetime(2013, 12, 31, 18, tz="Asia/Shanghai")


def test_the_2014_backlog_reproduces_its_9548_percent() -> None:
    report = MONITORING.report(the_2014_backlog(), cadence=Cadence.QUARTERLY, at=at(10, 15))
    concluded = report.results[1]
    assert concluded.target.measure is preset.BACKLOG_2014.measure
    assert preset.BACKLOG_2014.matches(concluded.rate)
    assert not preset.BACKLOG_2014.matches(Rate(preset.BACKLOG_RESOLVED - 1, preset.BACKLOG_CASES))


def test_the_2013_petitions_reproduce_their_964_percent_at_the_annual_appraisal() -> None:
    cases = year_2013(250, 241)
    report = MONITORING.report(cases, cadence=Cadence.YEARLY, at=YEAR_END_2013)
    assert (report.checkpoint.label.zh, report.opened) == ("年评比", 250)
    rate = preset.PETITIONS_2013.measure.of(cases)
    assert (str(rate), preset.PETITIONS_2013.matches(rate)) == ("96.40% (241/250)", True)
    assert report.results[1].rate == rate
    assert not preset.PETITIONS_2013.matches(Rate(240, 250))  # 96.0%
    assert not preset.PETITIONS_2013.matches(Rate(0, 0))


def test_the_2013_backlog_reproduces_its_961_percent() -> None:
    cases = year_2013(77, 74)
    rate = preset.BACKLOG_2013.measure.of(cases)
    assert (rate.percent(1), preset.BACKLOG_2013.matches(rate)) == (Decimal("96.1"), True)
    assert not preset.BACKLOG_2013.matches(Rate(73, 77))  # 94.8%
    assert preset.BACKLOG_2013.places == 1


def test_each_figure_quotes_the_article() -> None:
    text = SEED.read_text()
    assert [f.percent for f in preset.FIGURES] == [Decimal(p) for p in ("96.4", "95.48", "96.1")]
    for figure in preset.FIGURES:
        assert figure.source.text in text
        assert f"{figure.percent}%" in figure.source.text


@pytest.mark.parametrize("percent", ["100.01", "-1", "95.12345"])
def test_a_figure_is_a_percentage_printed_to_at_most_four_decimals(percent: str) -> None:
    with pytest.raises(ValidationError):
        attrs.evolve(preset.BACKLOG_2014, percent=Decimal(percent))


def test_the_daily_exchange_counts_the_cases_of_its_day() -> None:
    cases = year_2013(30, 0, accept=False)
    on_the_day = pendulum.datetime(2013, 3, 2, 18, tz="Asia/Shanghai")
    before = [c for c in cases if c.last_changed <= on_the_day]
    report = MONITORING.report(before, cadence=Cadence.DAILY, at=on_the_day)
    assert report.checkpoint.label.zh == "日交换"
    assert (report.start, report.opened) == (on_the_day.start_of("day"), 3)
    assert report.backlog.open == len(before)
