"""The workflows' public API as mypy sees it: every `assert_type` is checked by mypy."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import assert_type

import pendulum

from jiceng import Deadline, Rate, Refusal
from jiceng.decisions import Meeting, MeetingState
from jiceng.grids import GridEvent, GridEventState
from jiceng.grids.metrics import closure_rate, on_time_closure_rate
from jiceng.mediation import MediationCase, MediationState
from jiceng.mediation.metrics import average_duration_days, success_rate
from jiceng.petitions import Petition, PetitionState
from jiceng.petitions.metrics import resolution_rate
from jiceng.points import PointsLedger
from jiceng.points.dividends import divide
from tests.decisions.village import sitting
from tests.grids.fixtures import closed, reported
from tests.mediation.cases import in_force
from tests.petitions.helpers import handling, registered
from tests.points.support import ledger

T = pendulum.datetime(2026, 6, 1, tz="Asia/Shanghai")


def test_grid_events() -> None:
    event = reported()
    assert_type(event, GridEvent)
    assert_type(event.state, GridEventState)
    assert_type(event.overdue(T), bool)
    assert_type(event.why_not("close"), Refusal | None)
    assert_type(closure_rate([closed()]), Rate)
    assert_type(on_time_closure_rate([closed()]), Rate)


def test_petitions() -> None:
    petition = handling()
    assert_type(petition, Petition)
    assert_type(petition.state, PetitionState)
    assert_type(petition.deadline, Deadline | None)
    assert_type(resolution_rate([registered()]), Rate)


def test_mediation() -> None:
    case = in_force()
    assert_type(case, MediationCase)
    assert_type(case.state, MediationState)
    assert_type(success_rate([case]), Rate)
    assert_type(average_duration_days([case]), Fraction | None)


def test_points() -> None:
    book = ledger()
    assert_type(book, PointsLedger)
    assert_type(divide(Decimal("10.00"), {"h1": 3, "h2": 1}), dict[str, Decimal])


def test_decisions() -> None:
    meeting = sitting()
    assert_type(meeting, Meeting)
    assert_type(meeting.state, MeetingState)
    assert_type(meeting.close(by=meeting.history[0].by, at=meeting.last_changed), Meeting)
    assert_type(meeting.satisfaction, Rate)
