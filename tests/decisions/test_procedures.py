from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Label, Source, replay
from jiceng.decisions import (
    Choice,
    Disclosure,
    DisclosureCategory,
    Meeting,
    MeetingKind,
    Outcome,
    Procedure,
    Proceeding,
    ProceedingState,
    Requirement,
    Roll,
    Step,
)
from jiceng.decisions.kinds import (
    BRANCH_COMMITTEE_MEETING,
    DELIBERATION,
    INQUIRY,
    RESIDENTS_COUNCIL,
    TWO_COMMITTEES_MEETING,
)
from jiceng.decisions.procedures import (
    FIVE_STEP_DELIBERATION,
    FOUR_DELIBERATIONS_TWO_DISCLOSURES,
    PROCEDURE,
    THREE_MASS_MEETINGS,
    WENGAN_THREE_MEETINGS,
)
from jiceng.decisions.rolls import Role
from jiceng.exceptions import GuardRejected, ValidationError
from jiceng.testing import Command, instants, random_walk
from tests.decisions.village import CLERK, COMMITTEE, OPENS, actor, convened, person, round_trip

LATER = OPENS.add(hours=3)


def decided(kind: MeetingKind, roll: Roll, yes: int, mid: str = "X") -> Meeting:
    """A meeting of `kind` where everyone attends and `yes` members vote for M1."""
    meeting = convened(kind=kind, roll=roll, id=mid, at=OPENS)
    members = sorted(roll.members)
    meeting = meeting.attend(members, by=CLERK, at=OPENS).open(by=CLERK, at=OPENS)
    meeting = meeting.move("M1", title="提议", by=COMMITTEE, at=OPENS)
    for i, voter in enumerate(members):
        choice = Choice.FOR if i < yes else Choice.AGAINST
        meeting = meeting.vote("M1", choice, by=actor(voter), at=OPENS)
    return (
        meeting.close(by=CLERK, at=OPENS)
        .tally("M1", by=CLERK, at=OPENS)
        .conclude(by=CLERK, at=OPENS)
    )


COMMITTEES = Roll.two_committees(
    [person(f"c{i}", roles={Role.BRANCH_COMMITTEE, Role.VILLAGE_COMMITTEE}) for i in range(5)]
)
BRANCH = Roll.branch_committee([person(f"c{i}", roles={Role.BRANCH_COMMITTEE}) for i in range(3)])


def started(procedure: Procedure = FOUR_DELIBERATIONS_TWO_DISCLOSURES) -> Proceeding:
    return Proceeding.start(
        id="P-1", subject="修建村道", procedure=procedure, by=COMMITTEE, at=OPENS
    )


def test_a_passed_step_advances_to_the_next() -> None:
    proceeding = started().record(
        Outcome.of_meeting("propose", decided(BRANCH_COMMITTEE_MEETING, BRANCH, 2), "M1"),
        by=CLERK,
        at=LATER,
    )
    assert proceeding.step.name == "consult"
    assert proceeding.outcomes[0].tally is not None
    assert proceeding.outcomes[0].tally.yes == 2


def test_a_procedure_step_skipped_is_refused() -> None:
    outcome = Outcome.of_meeting("consult", decided(TWO_COMMITTEES_MEETING, COMMITTEES, 4), "M1")
    with pytest.raises(GuardRejected, match=r"at step 'propose' .* steps are taken in order"):
        started().record(outcome, by=CLERK, at=LATER)


def test_a_step_held_by_the_wrong_kind_of_meeting_is_refused() -> None:
    outcome = Outcome.of_meeting("propose", decided(TWO_COMMITTEES_MEETING, COMMITTEES, 4), "M1")
    with pytest.raises(GuardRejected, match="held by a meeting of branch_committee, not two"):
        started().record(outcome, by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="needs a motion passed, with its tally"):
        started().advance(
            Outcome(step="propose", passed=True, kind="branch_committee"), by=CLERK, at=LATER
        )


def test_a_rejection_by_the_two_committees_sends_it_back_to_the_branch() -> None:
    at_consult = started().record(
        Outcome.of_meeting("propose", decided(BRANCH_COMMITTEE_MEETING, BRANCH, 3), "M1"),
        by=CLERK,
        at=LATER,
    )
    failed = Outcome.of_meeting("consult", decided(TWO_COMMITTEES_MEETING, COMMITTEES, 2), "M1")
    with pytest.raises(GuardRejected, match="goes back to 'propose'"):
        at_consult.stop(failed, by=CLERK, at=LATER)
    back = at_consult.record(failed, by=CLERK, at=LATER)
    assert back.step.name == "propose"
    assert back.state is ProceedingState.UNDER_WAY


def test_a_failed_referendum_ends_the_three_mass_meetings() -> None:
    proceeding = started(THREE_MASS_MEETINGS)
    with pytest.raises(GuardRejected, match="ends the procedure"):
        proceeding.send_back(Outcome.done("deliberate", passed=False), by=CLERK, at=LATER)
    stopped = proceeding.record(
        Outcome(step="deliberate", passed=False, kind="deliberation"), by=CLERK, at=LATER
    )
    assert stopped.state is ProceedingState.STOPPED


def test_the_outcome_must_match_the_command() -> None:
    proceeding = started(FIVE_STEP_DELIBERATION)
    with pytest.raises(GuardRejected, match="the outcome of 'collect' passed"):
        proceeding.stop(Outcome.done("collect"), by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="the outcome of 'collect' failed"):
        proceeding.advance(Outcome.done("collect", passed=False), by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="this is the last step"):
        Proceeding.start(id="P", subject="x", procedure=_ONE_STEP, by=COMMITTEE, at=OPENS).advance(
            Outcome.done("only"), by=CLERK, at=LATER
        )
    with pytest.raises(GuardRejected, match="steps remain after 'collect'"):
        proceeding.complete(Outcome.done("collect"), by=CLERK, at=LATER)


_ONE_STEP = Procedure(
    name="one",
    label=Label("一步", "one step"),
    source=Source("test"),
    steps=[Step(name="only", label=Label("唯一", "only"), requires=Requirement.DONE)],
)


def test_five_steps_run_to_completion_and_a_failed_review_goes_back() -> None:
    council = Roll.participants(["r1", "r2", "r3"])
    p = started(FIVE_STEP_DELIBERATION)
    p = p.record(Outcome.done("collect", note="17组充电桩"), by=CLERK, at=LATER)
    p = p.record(Outcome.done("set_topic"), by=CLERK, at=LATER)
    p = p.record(
        Outcome.of_meeting("consult", decided(RESIDENTS_COUNCIL, council, 3), "M1"),
        by=CLERK,
        at=LATER,
    )
    p = p.record(Outcome.done("assign"), by=CLERK, at=LATER)
    p = p.record(Outcome.done("review", passed=False), by=CLERK, at=LATER)
    assert p.step.name == "assign"
    p = p.record(Outcome.done("assign"), by=CLERK, at=LATER).record(
        Outcome.done("review"), by=CLERK, at=LATER
    )
    assert p.state is ProceedingState.COMPLETED
    assert round_trip(p) == p


def test_outcomes_come_from_ended_meetings_and_served_notices() -> None:
    open_meeting = convened(kind=INQUIRY, roll=Roll.participants(["a"]), at=OPENS)
    with pytest.raises(ValidationError, match="once it has ended"):
        Outcome.of_meeting("inquire", open_meeting)
    inquorate = open_meeting.fail_quorum(by=CLERK, at=OPENS)
    assert not Outcome.of_meeting("inquire", inquorate).passed
    notice = Disclosure.post(
        id="N1",
        category=DisclosureCategory.DECISION,
        refers_to="X",
        subject="决议",
        content="…",
        by=COMMITTEE,
        at=OPENS,
    )
    with pytest.raises(ValidationError, match="still posted"):
        Outcome.of_disclosure("disclose_decision", notice)
    served = notice.complete(by=CLERK, at=OPENS.add(days=6))
    assert Outcome.of_disclosure("disclose_decision", served).disclosure == "N1"


def test_a_disclosure_step_needs_a_notice() -> None:
    steps = FOUR_DELIBERATIONS_TWO_DISCLOSURES.steps
    p = Proceeding.start(id="P", subject="x", procedure=tail_of(steps[4:]), by=COMMITTEE, at=OPENS)
    with pytest.raises(GuardRejected, match="needs a notice that served its period"):
        p.record(Outcome.done("disclose_decision"), by=CLERK, at=LATER)


def tail_of(steps: tuple[Step, ...]) -> Procedure:
    return Procedure(
        name="tail", label=Label("公开", "disclose"), source=Source("test"), steps=steps
    )


def test_a_procedure_is_checked_when_defined() -> None:
    step = Step(name="a", label=Label("a", "a"), requires=Requirement.DONE)
    with pytest.raises(ValidationError) as caught:
        Procedure(
            name="bad",
            label=Label("坏", "bad"),
            source=Source("test"),
            steps=[
                step,
                step,
                Step(name="b", label=Label("b", "b"), requires=Requirement.PASSED),
                Step(name="c", label=Label("c", "c"), requires=Requirement.DONE, on_failure="d"),
            ],
        )
    assert caught.value.paths == ("steps[1]", "steps[2]", "steps[3]")
    with pytest.raises(ValidationError, match="at least one step"):
        Procedure(name="none", label=Label("无", "none"), source=Source("t"), steps=[])


def test_the_built_in_procedures_name_their_meeting_kinds() -> None:
    assert [s.label.zh for s in FOUR_DELIBERATIONS_TWO_DISCLOSURES.steps] == [
        "党支部会提议",
        "两委会商议",
        "党员大会审议",
        "村民(代表)会议决议",
        "决议公开",
        "实施结果公开",
    ]
    assert [s.name for s in THREE_MASS_MEETINGS.steps] == ["deliberate", "inquire", "referendum"]
    assert WENGAN_THREE_MEETINGS.steps[2].kinds == {"execution"}
    assert DELIBERATION.name in THREE_MASS_MEETINGS.steps[0].kinds
    for procedure in (
        FOUR_DELIBERATIONS_TWO_DISCLOSURES,
        THREE_MASS_MEETINGS,
        FIVE_STEP_DELIBERATION,
        WENGAN_THREE_MEETINGS,
    ):
        assert round_trip(procedure) == procedure


def _commands() -> dict[str, Command[Proceeding]]:
    t = instants(start=OPENS, days=30)
    names = st.sampled_from(["collect", "set_topic", "consult", "assign", "review"])
    outcomes = st.builds(
        Outcome,
        step=names,
        passed=st.booleans(),
        kind=st.sampled_from([None, "residents_council"]),
    )

    def at(data: st.DataObject, p: Proceeding) -> pendulum.DateTime:
        if data.draw(st.integers(0, 9)) == 0:
            return p.last_changed.subtract(minutes=1)
        return max(data.draw(t), p.last_changed)

    def with_outcome(name: str) -> Command[Proceeding]:
        return lambda p, d: getattr(p, name)(d.draw(outcomes), by=CLERK, at=at(d, p))

    commands = {n: with_outcome(n) for n in ("advance", "complete", "send_back", "stop")}
    commands["withdraw"] = lambda p, d: p.withdraw(reason="撤回", by=CLERK, at=at(d, p))
    return commands


@given(st.data())
def test_random_walks_over_the_procedure_machine(data: st.DataObject) -> None:
    commands = _commands()
    assert set(commands) == set(PROCEDURE.commands) - {"start"}
    end = random_walk(data, started(FIVE_STEP_DELIBERATION), commands, steps=30)
    assert replay(end.history) == end


def test_a_step_names_its_kinds_as_a_collection_of_names() -> None:
    with pytest.raises(ValidationError, match="got str 'deliberation'") as caught:
        Step(
            name="deliberate",
            label=Label("议事会", "deliberation"),
            requires=Requirement.PASSED,
            kinds="deliberation",
        )
    assert caught.value.paths == ("kinds",)


def test_a_step_requires_a_requirement_member() -> None:
    with pytest.raises(ValidationError, match=r"pass Requirement\('done'\)") as caught:
        Step(name="a", label=Label("a", "a"), requires="done")  # type: ignore[arg-type]
    assert caught.value.paths == ("requires",)


def test_a_procedure_holds_steps_only() -> None:
    with pytest.raises(ValidationError) as caught:
        tail_of(("collect",))  # type: ignore[arg-type]
    assert caught.value.paths == ("steps[0]",)


def test_an_outcome_passes_or_fails_with_a_bool() -> None:
    with pytest.raises(ValidationError) as caught:
        Outcome(step="collect", passed=1)  # type: ignore[arg-type]
    assert caught.value.paths == ("passed",)
    with pytest.raises(ValidationError) as caught:
        Outcome.done(" ")
    assert caught.value.paths == ("step",)


def test_record_refuses_what_is_not_an_outcome() -> None:
    proceeding = Proceeding.start(
        id="P-1", subject="x", procedure=FIVE_STEP_DELIBERATION, by=COMMITTEE, at=OPENS
    )
    with pytest.raises(ValidationError) as caught:
        proceeding.record("collect", by=COMMITTEE, at=OPENS)  # type: ignore[arg-type]
    assert caught.value.paths == ("record.outcome",)
    assert replay(proceeding.history) == proceeding
