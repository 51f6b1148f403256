"""The 大方 preset: relocation-community service points, office by appointment (seed 000)."""

from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor, CalendarDays, ChinaCalendar, EndOfDay
from jiceng.exceptions import ValidationError
from jiceng.petitions import Channel, Matter, RequestKind, Ticket, TicketPolicy, TicketState
from jiceng.petitions.service_points import ServicePoint
from jiceng.plugins import discover
from jiceng.presets import dafang as preset
from jiceng.presets.dafang import TICKETS, XINGFU_ERCUN, service_point

NAME = "dafang"
CN = ChinaCalendar()
CADRE = Actor.person("fs-cadre", "乡干部")
RESIDENT = Actor.person("r-xie", "谢琼")


def at(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(2018, month, day, hour, tz="Asia/Shanghai")


def request(day: int = 28) -> Ticket:
    """谢琼 asks at the point for the papers to open a guesthouse (Friday 28 September)."""
    return Ticket.receive(
        id=f"XFEC-2018-09{day}-1",
        kind=RequestKind.HELP,
        channel=Channel.VISIT,
        caller=RESIDENT,
        matter=Matter(request="二楼开客栈，办理相关手续"),
        by=CADRE,
        at=at(9, day),
        policy=TICKETS,
        calendar=CN,
    )


def test_a_request_is_booked_for_an_office_day_and_handled_on_it() -> None:
    ticket = request()
    # the next office day is Saturday 29 September, a make-up working day before 国庆
    assert XINGFU_ERCUN.next_office_day(ticket.created, CN) == pendulum.Date(2018, 9, 29)
    # the resident books Monday 8 October, the first working day after the holiday
    with pytest.raises(ValidationError, match="not an office day"):
        XINGFU_ERCUN.appointment(on=pendulum.Date(2018, 10, 3), at=at(9, 28), calendar=CN)
    limit = XINGFU_ERCUN.appointment(on=pendulum.Date(2018, 10, 8), at=at(9, 28), calendar=CN)
    assert limit.rule == CalendarDays(10)
    assert "定点约时办公" in limit.source.citation
    ticket = ticket.dispatch(to=XINGFU_ERCUN.body, time_limit=limit, by=CADRE, at=at(9, 28))
    assert ticket.deadline is not None
    assert ticket.deadline.due == at(10, 8).end_of("day")
    ticket = ticket.start_handling(by=CADRE, at=at(10, 8)).reply(
        content="营业执照等手续已在服务点办结", by=CADRE, at=at(10, 8, 11)
    )
    assert (ticket.state, ticket.on_time) == (TicketState.REPLIED, True)


def test_an_appointment_the_same_day_is_due_that_evening() -> None:
    limit = XINGFU_ERCUN.appointment(on=pendulum.Date(2018, 9, 28), at=at(9, 28), calendar=CN)
    assert limit.rule == EndOfDay()
    ticket = request().dispatch(to=XINGFU_ERCUN.body, time_limit=limit, by=CADRE, at=at(9, 28))
    assert ticket.overdue(at(9, 29, 8))


def test_a_request_is_not_dispatched_without_an_appointment() -> None:
    with pytest.raises(ValidationError, match="sets no time limit"):
        request().dispatch(to=XINGFU_ERCUN.body, by=CADRE, at=at(9, 28))


def test_every_working_day_is_an_office_day_by_default() -> None:
    assert frozenset(range(1, 8)) == preset.DEFAULT_OFFICE_DAYS
    assert XINGFU_ERCUN.is_office_day(pendulum.Date(2018, 9, 29), CN)  # 调休上班
    assert not XINGFU_ERCUN.is_office_day(pendulum.Date(2018, 10, 6), CN)  # 国庆
    assert not XINGFU_ERCUN.is_office_day(pendulum.Date(2018, 10, 13), CN)  # a Saturday


def test_a_township_may_give_its_points_their_own_days() -> None:
    weekly = ServicePoint(body=XINGFU_ERCUN.body, office_days={3}, source=XINGFU_ERCUN.source)
    assert weekly.next_office_day(at(9, 28), CN) == pendulum.Date(2018, 10, 10)


def test_each_village_point_is_built_with_the_preset_days() -> None:
    point = service_point("dafang-xc-01", "奢香古镇社区便民服务点")
    assert (point.body.name, point.office_days) == (
        "奢香古镇社区便民服务点",
        preset.DEFAULT_OFFICE_DAYS,
    )
    assert preset.SERVICE_POINTS == 50


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=[NAME])
    assert (found.loaded, found.failures) == ((NAME,), ())
    assert found.registry.find(TicketPolicy, "dafang.tickets") == TICKETS


def test_it_registers_with_every_other_preset_without_a_name_clash() -> None:
    found = discover()
    clashes = [f for f in found.failures if "already" in f.error or "twice" in f.error]
    assert clashes == []
    assert NAME in found.loaded


def test_a_service_point_needs_a_name() -> None:
    with pytest.raises(ValidationError, match="name: must not be empty") as info:
        service_point("dafang-x", " ")
    assert info.value.paths == ("name",)
