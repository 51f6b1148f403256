from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, CalendarDays, Source, TimeLimit, replay
from jiceng.decisions import Concern, ConcernState, Meeting, Roll
from jiceng.decisions.kinds import MASS_MEETING
from jiceng.decisions.meetings import CONCERN, feedback_rate
from jiceng.exceptions import GuardRejected, InvalidTransition, ValidationError
from jiceng.testing import Command, instants, random_walk
from tests.decisions.village import CLERK, COMMITTEE, OPENS, actor, round_trip

ROLL = Roll.participants(["a", "b", "c"])
LIMIT = TimeLimit(rule=CalendarDays(30), source=Source("反馈时限 (a default)"))
TOWN = Actor.department("town", "镇政府")


def meeting(*, open_: bool = True) -> Meeting:
    m = Meeting.convene(
        id="SQ-1",
        title="村民集中诉求会议",
        kind=MASS_MEETING,
        roll=ROLL,
        opens=OPENS,
        by=COMMITTEE,
        at=OPENS.subtract(days=3),
    )
    m = m.attend(["a", "b"], by=CLERK, at=OPENS)
    return m.open(by=CLERK, at=OPENS) if open_ else m


def raised(**fields: object) -> Concern:
    return Concern.raise_at(
        meeting(),
        id="SQ-1-1",
        text="组道路灯坏了",
        by=actor("a"),
        at=OPENS,
        **fields,  # type: ignore[arg-type]
    )


def test_a_concern_is_raised_handled_and_fed_back() -> None:
    concern = raised(limit=LIMIT).assign(COMMITTEE, by=CLERK, at=OPENS.add(days=1))
    assert concern.state is ConcernState.HANDLING
    concern = concern.assign(TOWN, by=COMMITTEE, at=OPENS.add(days=2))
    concern = concern.feed_back(text="已更换路灯", resolved=True, by=TOWN, at=OPENS.add(days=9))
    assert (concern.state, concern.handler, concern.resolved) == (ConcernState.FED_BACK, TOWN, True)
    assert (concern.meeting, concern.raised_by) == ("SQ-1", "a")
    assert not concern.overdue(OPENS.add(days=60))
    assert replay(concern.history) == concern
    assert round_trip(concern) == concern


def test_a_concern_may_be_answered_on_the_spot() -> None:
    concern = raised().feed_back(text="政策已解释", resolved=False, by=CLERK, at=OPENS)
    assert concern.state is ConcernState.FED_BACK
    with pytest.raises(InvalidTransition):
        concern.assign(TOWN, by=CLERK, at=OPENS)


def test_a_concern_is_not_handed_back_to_its_handler() -> None:
    concern = raised().assign(TOWN, by=CLERK, at=OPENS)
    with pytest.raises(GuardRejected, match="already with"):
        concern.assign(TOWN, by=CLERK, at=OPENS)


def test_feedback_after_the_time_limit_is_overdue() -> None:
    concern = raised(limit=LIMIT)
    due = concern.deadline.due  # type: ignore[union-attr]
    assert not concern.overdue(due)
    assert concern.overdue(due.add(minutes=1))
    late = concern.feed_back(text="已处理", resolved=True, by=CLERK, at=due.add(days=1))
    assert late.overdue(due.add(days=2))
    assert not late.overdue(due)  # at the due, nothing was late yet
    assert not raised().overdue(due.add(days=100))  # no time limit, never overdue


def test_only_members_present_at_an_open_meeting_raise_concerns() -> None:
    with pytest.raises(ValidationError, match="did not sign in"):
        Concern.raise_at(meeting(), id="x", text="t", by=actor("c"), at=OPENS)
    with pytest.raises(ValidationError, match="concerns are raised at a sitting") as info:
        Concern.raise_at(
            meeting(open_=False), id="x", text="t", by=actor("a"), at=OPENS.subtract(hours=1)
        )
    assert {e.path for e in info.value.errors} == {"meeting", "at"}


def test_a_concern_needs_its_text() -> None:
    with pytest.raises(ValidationError, match="must not be empty") as info:
        Concern.raise_at(meeting(), id="x", text=" ", by=actor("a"), at=OPENS)
    assert info.value.paths == ("raise_at.text",)


def test_the_feedback_rate_counts_concerns_fed_back_out_of_those_raised() -> None:
    first = raised()
    second = Concern.raise_at(meeting(), id="SQ-1-2", text="低保", by=actor("b"), at=OPENS)
    assert str(feedback_rate([first, second])) == "0.00% (0/2)"
    first = first.feed_back(text="已解释", resolved=False, by=CLERK, at=OPENS)
    assert str(feedback_rate([first, second])) == "50.00% (1/2)"
    assert feedback_rate([]).fraction is None


@given(st.data())
def test_random_walks_over_the_concern_machine(data: st.DataObject) -> None:
    handlers = st.sampled_from([TOWN, COMMITTEE])
    t = instants(start=OPENS, days=40)
    commands: dict[str, Command[Concern]] = {
        "assign": lambda c, d: c.assign(
            d.draw(handlers), by=CLERK, at=max(d.draw(t), c.last_changed)
        ),
        "feed_back": lambda c, d: c.feed_back(
            text="答复", resolved=d.draw(st.booleans()), by=CLERK, at=max(d.draw(t), c.last_changed)
        ),
    }
    assert set(commands) == set(CONCERN.commands) - {"raise_at"}
    end = random_walk(data, raised(limit=LIMIT), commands, steps=6)
    assert replay(end.history) == end
