"""张家口桥西 (seed 003): 居民议事厅 — 五步议事, every week."""

from __future__ import annotations

import pendulum

from jiceng import Actor
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
from jiceng.decisions.kinds import Every
from jiceng.plugins import Registry, discover
from jiceng.presets import PRESETS
from jiceng.presets.zhangjiakou_qiaoxi import SEATS

TZ = "Asia/Shanghai"
COMMUNITY = Actor.department("qx-sq", "社区党组织")
CLERK = Actor.person("qx-clerk", "社区干事")
# One seat-holder from each body the article lists, and a second stairwell head.
MEMBERS = ["jwh-1", "yzh-1", "wy-1", "dzb-1", "ldz-1", "dyz-1", "dyz-2"]


def t(day: int, hour: int = 15) -> pendulum.DateTime:
    return pendulum.datetime(2021, 11, day, hour, tz=TZ)


def registry() -> Registry:
    found = discover(allow=["zhangjiakou_qiaoxi"])
    assert found.loaded == ("zhangjiakou_qiaoxi",)
    assert found.failures == ()
    return found.registry


def council() -> MeetingKind:
    return registry().find(MeetingKind, "zhangjiakou_qiaoxi_residents_council")


def consultation(mid: str, day: int, yes: int) -> Meeting:
    """A weekly sitting of the 议事厅 on 电表更换: `yes` of the seven agree."""
    roll = Roll.participants(MEMBERS)
    opens = t(day)
    m = Meeting.convene(
        id=mid,
        title="居民议事厅",
        kind=council(),
        roll=roll,
        opens=opens,
        by=COMMUNITY,
        at=t(day, 9),
    )
    m = m.attend(MEMBERS, by=CLERK, at=opens).open(by=CLERK, at=opens)
    m = m.move("D1", title="更换3号楼老旧电表", by=Actor.person("ldz-1"), at=opens)
    for n, member in enumerate(MEMBERS):
        m = m.vote(
            "D1", Choice.FOR if n < yes else Choice.AGAINST, by=Actor.person(member), at=opens
        )
    later = opens.add(hours=1)
    return m.close(by=CLERK, at=later).tally("D1", by=CLERK, at=later).conclude(by=CLERK, at=later)


def test_the_preset_loads_through_its_entry_point_and_is_found_by_name() -> None:
    found = registry()
    kind = found.find(MeetingKind, "zhangjiakou_qiaoxi_residents_council")
    assert kind.label.zh == "居民议事厅"
    assert kind.cadence is not None
    assert kind.cadence.every is Every.WEEK
    steps = found.find(Procedure, "zhangjiakou_qiaoxi.five_step_deliberation").steps
    assert [s.label.zh for s in steps] == [
        "收集问题",
        "确定议题",
        "协商议事",
        "分流落实",
        "监督评审",
    ]
    assert len(SEATS) == 6


def test_the_preset_registers_with_every_other_preset_without_a_clash() -> None:
    everything = Registry()
    for plugin in PRESETS:
        everything = everything.register(plugin)
    assert (
        everything.owner(MeetingKind, "zhangjiakou_qiaoxi_residents_council")
        == "zhangjiakou_qiaoxi"
    )


def test_a_matter_goes_through_the_five_steps_back_to_the_topic_and_back_to_the_work() -> None:
    proceeding = Proceeding.start(
        id="QX-YS-2021-07",
        subject="3号楼电表老化",
        procedure=registry().find(Procedure, "zhangjiakou_qiaoxi.five_step_deliberation"),
        by=COMMUNITY,
        at=t(1, 9),
    )
    proceeding = proceeding.record(
        Outcome.done("collect", note="单元长收集：3号楼电表老化跳闸"), by=CLERK, at=t(1, 10)
    )
    proceeding = proceeding.record(
        Outcome.done("set_topic", note="议题：更换全部电表"), by=CLERK, at=t(1, 11)
    )
    # The first sitting agrees nothing (3 of 7): the topic is set again, narrower.
    proceeding = proceeding.record(
        Outcome.of_meeting("consult", consultation("QX-YST-1", 1, 3), "D1"), by=CLERK, at=t(1, 17)
    )
    assert proceeding.step.name == "set_topic"
    proceeding = proceeding.record(
        Outcome.done("set_topic", note="议题：更换3号楼电表"), by=CLERK, at=t(2)
    )
    proceeding = proceeding.record(
        Outcome.of_meeting("consult", consultation("QX-YST-2", 8, 6), "D1"), by=CLERK, at=t(8, 17)
    )
    proceeding = proceeding.record(
        Outcome.done("assign", note="分流至物业企业和供电公司"), by=CLERK, at=t(9)
    )
    # The review finds two meters still unchanged: back to the work.
    proceeding = proceeding.record(
        Outcome.done("review", passed=False, note="2户未更换"), by=CLERK, at=t(15)
    )
    assert proceeding.step.name == "assign"
    proceeding = proceeding.record(Outcome.done("assign", note="物业补换2户"), by=CLERK, at=t(17))
    proceeding = proceeding.record(Outcome.done("review", note="居民评审满意"), by=CLERK, at=t(22))
    assert proceeding.state is ProceedingState.COMPLETED


def test_a_week_without_a_sitting_of_the_council_is_missed() -> None:
    held = [consultation(f"QX-YST-{day}", day, 6) for day in (1, 8, 22)]
    days = [m.opens.in_timezone(TZ).date() for m in held]
    cadence = council().cadence
    assert cadence is not None
    missed = cadence.missed(days, start=pendulum.Date(2021, 11, 1), end=pendulum.Date(2021, 11, 29))
    assert missed == (pendulum.Date(2021, 11, 15),)
    assert str(cadence) == "每周召开 (meets weekly) — seed 003: 张家口市桥西区 居民议事厅"
