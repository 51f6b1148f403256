"""娄底 (seed 004): 娄底红 grids and escalation, 屋场会 mediation and its issue ledger, 积分制."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from jiceng import Actor, replay
from jiceng.decisions import (
    Choice,
    Meeting,
    MeetingKind,
    Outcome,
    Procedure,
    Proceeding,
    ProceedingState,
    Roll,
)
from jiceng.decisions.kinds import VILLAGER_REPRESENTATIVES
from jiceng.decisions.meetings import vote_of
from jiceng.decisions.rolls import Person, Role
from jiceng.exceptions import GuardRejected, ValidationError
from jiceng.grids import (
    CategoryTree,
    Channel,
    GridEvent,
    GridEventPolicy,
    GridTree,
    Level,
    Priority,
    SlaPolicy,
    StaffRole,
)
from jiceng.grids.codes import CodeScheme
from jiceng.grids.metrics import closure_rate
from jiceng.mediation import (
    Attendee,
    AttendeeRole,
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
    SessionKind,
    Terms,
)
from jiceng.plugins import Registry, discover
from jiceng.points import LOUDI_RULE_BOOK, EntryState, PointsLedger, RuleBook, RuleBookAdoption
from jiceng.presets import loudi

OFFICE = Actor.department("sm-center", "上梅街道指挥中心")
HEAD = Actor.person("bh-1", "楼栋长")


def at(  # noqa: PLR0917 - a date-time, field by field
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
) -> pendulum.DateTime:
    return pendulum.datetime(
        year, month, day, hour, minute, second, microsecond, tz="Asia/Shanghai"
    )


T0 = at(2020, 3, 2, 9)
BUILDING = loudi.SHANGMEI + "001001001"


@pytest.fixture(scope="module")
def tree() -> GridTree:
    return loudi.shangmei_tree(by=OFFICE, at=T0)


def test_shangmei_has_26_large_169_middle_and_1399_building_grids(tree: GridTree) -> None:
    counts = tree.level_counts()
    assert counts == {
        Level.CITY: 1,
        Level.DISTRICT: 1,
        Level.STREET: 1,
        Level.COMMUNITY: 26,
        Level.GRID: 169,
        Level.MICRO_GRID: 1399,
    }
    assert [g.name for g in tree.ancestors(BUILDING)] == [
        "第1-1中网格",
        "第1大网格",
        "上梅街道",
        "新化县",
        "娄底市",
    ]


def test_a_building_head_leads_four_to_six_volunteers(tree: GridTree) -> None:
    squad = tree.assign(BUILDING, person=HEAD, role=StaffRole.BUILDING_HEAD, by=OFFICE, at=T0)
    for n in range(3):
        volunteer = Actor.person(f"v-{n}", "上梅红志愿者")
        squad = squad.assign(BUILDING, person=volunteer, role=StaffRole.VOLUNTEER, by=OFFICE, at=T0)
    assert not loudi.squad_fits(squad, BUILDING, T0)
    squad = squad.assign(
        BUILDING, person=Actor.person("v-3"), role=StaffRole.VOLUNTEER, by=OFFICE, at=T0
    )
    assert loudi.squad_fits(squad, BUILDING, T0)
    assert loudi.spread(7, 3) == (3, 2, 2)


def test_a_spread_needs_at_least_one_part_and_a_whole_total() -> None:
    assert loudi.spread(0, 1) == (0,)
    assert sum(loudi.spread(10_000_000, 3)) == 10_000_000
    for total, parts, path in [
        (7, 0, "spread.parts"),
        (-1, 3, "spread.total"),
        (10_000_001, 3, "spread.total"),
        (7.0, 3, "spread.total"),
    ]:
        with pytest.raises(ValidationError) as info:
            loudi.spread(total, parts)  # type: ignore[arg-type]
        assert info.value.paths == (path,)


def test_an_unsolved_problem_climbs_level_by_level_and_cadres_report() -> None:
    event = GridEvent.report(
        id="SM-2020-0001",
        policy=loudi.POLICY,
        grid=BUILDING,
        channel=Channel.PATROL,
        description="楼道堆放杂物，消防通道堵塞，住户拒不清理",
        by=HEAD,
        at=T0,
    )
    event = event.register(by=OFFICE, at=T0).classify(
        category="patrol", priority=Priority.URGENT, by=OFFICE, at=T0
    )
    event = event.dispatch(to="xh-cg", by=OFFICE, at=T0)
    assert event.deadline is not None
    assert event.deadline.due == at(2020, 3, 9, 23, 59, 59, 999999)  # the 5-working-day default
    offices = []
    when = T0
    while event.next_office is not None:
        when = when.add(hours=1)
        event = event.escalate(to=event.next_office, by=OFFICE, at=when, reason="网格员无法解决")
        offices.append(event.level)
        if event.level is Level.STREET:
            with pytest.raises(GuardRejected, match="one level up"):
                event.escalate(to="4313", by=OFFICE, at=when, reason="越级")
            event = event.summon(
                departments=("xh-cg", "sm-sf"), by=OFFICE, at=when, reason="街道吹哨、部门报到"
            )
    assert offices == [Level.GRID, Level.COMMUNITY, Level.STREET, Level.DISTRICT, Level.CITY]
    event = event.report_in(department="xh-cg", by=Actor.department("xh-cg"), at=at(2020, 3, 2, 15))
    assert event.awaited == ("sm-sf",)
    assert event.late(at(2020, 3, 4)) == ("sm-sf",)  # reports within a day: the default


def test_a_house_yard_meeting_settles_a_dispute_with_a_written_agreement() -> None:
    committee = Actor.department("c-huquan", "湖泉镇人民调解委员会")
    clerk = Actor.person("m-zhou", "周主任")
    case = MediationCase.open(
        id="HQ-2020-017",
        parties=[Party(id="p-yan", name="老颜"), Party(id="p-liu", name="刘某")],
        dispute=Dispute(kind=DisputeKind.LAND, facts="坟墓旁挖土建房，地界争议，现场争执致人受伤"),
        origin=Origin(kind=OriginKind.OWN_INITIATIVE),
        committee=committee,
        by=clerk,
        at=at(2020, 5, 11, 9),
        policy=loudi.MEDIATION,
    )
    assert case.deadline is not None
    assert case.deadline.due.date() == pendulum.date(2020, 6, 11)  # the national month
    case = case.assign_mediator(
        Mediator(id="m-zhou", name="周主任"), by=committee, at=at(2020, 5, 11, 10)
    )
    case = case.assign_mediator(
        Mediator(id="m-xiang", name="乡贤", kind=MediatorKind.RESPECTED_LOCAL),
        by=committee,
        at=at(2020, 5, 11, 10),
    )
    case = case.consent(party="p-yan", by=clerk, at=at(2020, 5, 12, 9))
    case = case.consent(party="p-liu", by=clerk, at=at(2020, 5, 12, 9))
    case = case.schedule_session(
        session_id="S-1",
        kind=SessionKind.HOUSE_MEETING,
        place="村屋场",
        scheduled_for=at(2020, 5, 15, 19, 30),
        by=clerk,
        at=at(2020, 5, 12, 11),
    )
    case = case.hold_session(
        session_id="S-1",
        attendees=[
            Attendee(id="p-yan", name="老颜", role=AttendeeRole.PARTY),
            Attendee(id="p-liu", name="刘某", role=AttendeeRole.PARTY),
            Attendee(id="m-zhou", name="周主任", role=AttendeeRole.MEDIATOR),
            Attendee(id="m-xiang", name="乡贤", role=AttendeeRole.MEDIATOR),
            Attendee(id="o-town", name="乡镇分管领导", role=AttendeeRole.OFFICIAL),
            Attendee(id="pm-1", name="老党员", role=AttendeeRole.PARTY_MEMBER),
        ],
        record="当事双方面对面充分发表意见，乡贤入情入理调解，分管领导现场理清争议焦点",
        by=clerk,
        at=at(2020, 5, 15, 21, 30),
    )
    case = case.propose_terms(
        Terms(
            clauses=["以老界石连线为地界"],
            obligations=[
                Obligation(
                    id="O-1",
                    obligor="p-yan",
                    what="退让地基一米",
                    method="自行施工",
                    due=pendulum.Date(2020, 6, 10),
                )
            ],
        ),
        by=clerk,
        at=at(2020, 5, 15, 21, 30),
    )
    case = case.accept_proposal(party="p-yan", by=clerk, at=at(2020, 5, 15, 21, 40))
    case = case.accept_proposal(party="p-liu", by=clerk, at=at(2020, 5, 15, 21, 45))
    case = case.draw_up_agreement(
        facts="地界争议",
        disputed_matters=["地界走向"],
        responsibilities=[
            Responsibility(party="p-yan", text="越界挖土"),
            Responsibility(party="p-liu", text="现场争执"),
        ],
        by=clerk,
        at=at(2020, 5, 15, 21, 50),
    )
    for signer in ("p-yan", "p-liu", "m-xiang"):
        case = case.sign_agreement(
            signer=signer, mark=Mark.SIGNATURE, by=clerk, at=at(2020, 5, 15, 22)
        )
    case = case.seal_agreement(by=committee, at=at(2020, 5, 18, 9))
    case = case.plan_follow_up(on=pendulum.Date(2020, 6, 11), by=clerk, at=at(2020, 5, 18, 9))
    case = case.follow_up(note="回访：已退让地基", by=clerk, at=at(2020, 6, 11, 10))
    case = case.record_performance(
        obligation="O-1", on=pendulum.Date(2020, 6, 9), by=clerk, at=at(2020, 6, 11, 10)
    )
    case = case.close(by=clerk, at=at(2020, 6, 12, 9))
    assert case.state is MediationState.PERFORMED
    assert replay(case.history) == case


def test_the_issue_ledger_settles_on_the_spot_or_informs_and_visits_back() -> None:
    village = loudi.SHANGMEI + "002"
    villager = Actor.person("v-wang", "王某")
    raised = [
        GridEvent.report(
            id=f"WCH-2020-{n}",
            policy=loudi.POLICY,
            grid=village + "001",
            channel=Channel.MEETING,
            description=text,
            by=villager,
            at=at(2020, 6, 5, 20),
        )
        for n, text in ((1, "路灯政策不清楚"), (2, "村道排水沟堵塞"))
    ]
    on_spot = raised[0].resolve_on_spot(
        category="policy", evidence=("屋场会记录",), by=HEAD, at=at(2020, 6, 5, 20, 30)
    )
    on_spot = on_spot.close(by=OFFICE, at=at(2020, 6, 6, 9))
    informed = raised[1].register(by=OFFICE, at=at(2020, 6, 6, 9))
    informed = informed.classify(
        category="request", priority=Priority.NORMAL, by=OFFICE, at=at(2020, 6, 6, 9)
    )
    informed = informed.dispatch(to="xh-zj", by=OFFICE, at=at(2020, 6, 6, 9))
    zj = Actor.department("xh-zj")
    informed = informed.handle(evidence=("疏通后.jpg",), by=zj, at=at(2020, 6, 9, 9))
    informed = informed.verify(by=HEAD, at=at(2020, 6, 9, 10)).close(
        by=OFFICE, at=at(2020, 6, 9, 11)
    )
    informed = informed.evaluate(by=villager, at=at(2020, 6, 20, 9), comment="回访：已疏通，满意")
    ledger = [on_spot, informed]
    assert [e.channel.zh for e in ledger] == ["会议收集", "会议收集"]
    assert str(closure_rate(ledger)) == "100.00% (2/2)"  # 事事有回音、件件有落实


def test_the_points_rules_are_adopted_in_three_steps_and_drive_dividends() -> None:
    people = [
        Person(
            id=f"r{n}",
            born=pendulum.Date(1970, 1, 1),
            household=f"h{n}",
            roles={Role.REPRESENTATIVE},
        )
        for n in range(9)
    ]
    secretary = Actor.person("yxq-sec", "村支书")
    t = at(2025, 10, 8)
    proceeding = Proceeding.start(
        id="YXQ-JFZ", subject="油溪桥村积分制", procedure=loudi.ADOPTION, by=secretary, at=t
    )
    adoption = RuleBookAdoption.open(id="YXQ-2026", scheme="loudi.youxiqiao", by=secretary, at=t)
    adoption = adoption.collect_idea("义务筹工筹劳按人次加分", by=secretary, at=t.add(days=1))
    proceeding = proceeding.record(Outcome.done("shang"), by=secretary, at=t.add(days=2))
    adoption = adoption.draft(loudi.RULE_BOOK, by=secretary, at=t.add(days=20))
    proceeding = proceeding.record(Outcome.done("ding"), by=secretary, at=t.add(days=20))
    roll = Roll.representative_assembly(people)
    meeting = Meeting.convene(
        id="CMDB-2025-07",
        title="村民代表大会：积分管理实施细则",
        kind=VILLAGER_REPRESENTATIVES,
        roll=roll,
        opens=at(2025, 12, 6, 19),
        by=secretary,
        at=at(2025, 12, 1, 9),
    )
    meeting = meeting.attend(sorted(roll.members), by=secretary, at=at(2025, 12, 6, 19))
    meeting = meeting.open(by=secretary, at=at(2025, 12, 6, 19))
    meeting = meeting.move("M1", title="通过积分管理实施细则", by=secretary, at=at(2025, 12, 6, 19))
    for member in sorted(roll.members):
        meeting = meeting.vote("M1", Choice.FOR, by=Actor.person(member), at=at(2025, 12, 6, 20))
    meeting = meeting.close(by=secretary, at=at(2025, 12, 6, 21)).tally(
        "M1", by=secretary, at=at(2025, 12, 6, 21)
    )
    meeting = meeting.conclude(by=secretary, at=at(2025, 12, 6, 21))
    proceeding = proceeding.record(
        Outcome.of_meeting("jue", meeting, "M1"), by=secretary, at=at(2025, 12, 6, 21)
    )
    assert proceeding.state is ProceedingState.COMPLETED
    # 策由民决: the 村民代表大会 votes (seed 004), under the 村民会议's authorisation
    # (村民委员会组织法 第24条第2款、第25条): all 9 of its members present and for.
    vote = vote_of(meeting, "M1", mandate="油溪桥村村民会议授权村民代表会议决定积分制")
    assert (vote.body and vote.body.code, vote.present, vote.yes) == (
        "villager_representatives",
        9,
        9,
    )
    adoption = adoption.adopt(
        vote=vote,
        in_force_from=pendulum.date(2026, 1, 1),
        by=secretary,
        at=at(2025, 12, 6, 21),
    )
    clerk = Actor.person("yxq-clerk", "村会计")
    ledger = PointsLedger.open(id="YXQ", name="油溪桥村积分台账", by=secretary, at=at(2025, 12, 8))
    ledger = ledger.put_in_force(adoption, by=secretary, at=at(2025, 12, 8))
    ledger = ledger.grant_base(
        {"H-1": 5, "H-2": 3}, on=pendulum.date(2026, 1, 5), by=clerk, at=at(2026, 1, 5)
    )
    ledger = ledger.record(
        entry_id="B-1", account="H-2", item="JS-01", quantity=6,
        on=pendulum.date(2026, 3, 14), by=clerk, at=at(2026, 3, 14, 18),
    )  # fmt: skip
    ledger = ledger.record(
        entry_id="P-1", account="H-1", item="KF-01", evidence=["photo-1"],
        on=pendulum.date(2026, 3, 15), by=clerk, at=at(2026, 3, 15, 18),
    )  # fmt: skip
    ids = ledger.entry_ids(EntryState.RECORDED)
    ledger = ledger.approve(ids, by=clerk, at=at(2026, 3, 16)).post(
        ids, by=clerk, at=at(2026, 3, 16)
    )
    ledger = ledger.finalise(ids, by=clerk, at=at(2026, 3, 23))
    assert ledger.balances(as_of=at(2026, 3, 23)) == {"H-1": 30, "H-2": 42}
    year = ledger.period(pendulum.date(2026, 1, 1))
    ledger = ledger.close_cycle(year, by=secretary, at=at(2027, 1, 4))
    payouts = ledger.dividend(year, Decimal("10000.00"))
    assert payouts == {"H-1": Decimal("4166.67"), "H-2": Decimal("5833.33")}
    assert sum(payouts.values()) == Decimal("10000.00")


def test_a_vote_down_sends_the_rules_back_to_collecting_ideas() -> None:
    steps = {s.name: s for s in loudi.ADOPTION.steps}
    assert steps["jue"].on_failure == "shang"
    assert steps["jue"].kinds == {"villager_representatives"}


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=["loudi"])
    assert found.loaded == ("loudi",)
    assert found.failures == ()
    registry = found.registry
    assert registry.find(CodeScheme, "loudi.codes") is loudi.CODES
    assert registry.find(CategoryTree, "loudi.categories") is loudi.CATEGORIES
    assert registry.find(SlaPolicy, "loudi.sla") is loudi.SLA
    assert registry.find(GridEventPolicy, "loudi.shangmei") is loudi.POLICY
    assert registry.find(MediationPolicy, "loudi.wuchanghui") is loudi.MEDIATION
    assert registry.find(RuleBook, "loudi.youxiqiao@1") is loudi.RULE_BOOK
    assert registry.find(MeetingKind, "loudi_wuchanghui") is loudi.HOUSE_MEETING
    assert registry.find(Procedure, "loudi.jifenzhi") is loudi.ADOPTION
    assert loudi.RULE_BOOK.items == LOUDI_RULE_BOOK.items


def test_it_registers_with_every_other_preset_without_a_clash() -> None:
    found = discover()
    assert [f for f in found.failures if "PluginError" in f.error] == []
    assert "loudi" in found.loaded
    registry = Registry()
    for plugin in found.registry.plugins:
        registry = registry.register(plugin)
    assert registry.plugin("loudi") is loudi.PLUGIN
