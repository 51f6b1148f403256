from __future__ import annotations

import json

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import replay
from jiceng.exceptions import GuardRejected, InvalidTransition, ValidationError
from jiceng.points import (
    ADOPTION,
    LOUDI_RULE_BOOK,
    AdoptionState,
    RuleBookAdoption,
)
from jiceng.serde import from_dict, to_dict
from jiceng.testing import Command, actors, instants, random_walk
from tests.points.support import CLERK, adopted, at


def opened() -> RuleBookAdoption:
    return RuleBookAdoption.open(id="A-1", scheme="油溪桥村", by=CLERK, at=at(2025, 11, 1))


def test_a_rule_book_is_adopted_in_three_steps_ideas_draft_vote() -> None:
    adoption = adopted()
    assert adoption.state is AdoptionState.ADOPTED
    assert adoption.ideas == ("义务筹工筹劳要加分",)
    assert adoption.rule_book == LOUDI_RULE_BOOK
    assert (adoption.decision_id, adoption.in_force_from) == (
        "D-2025-12",
        pendulum.date(2026, 1, 1),
    )
    assert adoption.is_final
    assert replay(adoption.history) == adoption


def test_a_draft_needs_at_least_one_idea_from_the_villagers() -> None:
    with pytest.raises(GuardRejected, match="no idea has been collected"):
        opened().draft(LOUDI_RULE_BOOK, by=CLERK, at=at(2025, 11, 2))


def test_a_vote_down_sends_the_draft_back_for_revision() -> None:
    drafted = (
        opened()
        .collect_idea("多劳多得", by=CLERK, at=at(2025, 11, 2))
        .draft(LOUDI_RULE_BOOK, by=CLERK, at=at(2025, 11, 3))
    )
    down = drafted.vote_down(decision_id="D-1", by=CLERK, at=at(2025, 11, 10))
    assert down.state is AdoptionState.COLLECTING
    assert down.votes_down == ("D-1",)
    revised = attrs.evolve(LOUDI_RULE_BOOK, redemption_floor=10)
    again = down.draft(revised, by=CLERK, at=at(2025, 11, 11)).adopt(
        decision_id="D-2", in_force_from=pendulum.date(2026, 1, 1), by=CLERK, at=at(2025, 12, 1)
    )
    assert again.rule_book == revised
    assert again.decision_id == "D-2"


def test_nothing_is_adopted_without_a_draft() -> None:
    with pytest.raises(InvalidTransition, match="allows only: collect_idea, draft, abandon"):
        opened().adopt(
            decision_id="D-1", in_force_from=pendulum.date(2026, 1, 1), by=CLERK, at=at(2025, 12, 1)
        )


def test_a_rule_book_may_take_effect_on_the_day_of_the_vote_but_not_before() -> None:
    drafted = (
        opened()
        .collect_idea("x", by=CLERK, at=at(2025, 11, 2))
        .draft(LOUDI_RULE_BOOK, by=CLERK, at=at(2025, 11, 3))
    )
    vote = at(2025, 12, 1, 20)
    same_day = drafted.adopt(decision_id="D", in_force_from=vote.date(), by=CLERK, at=vote)
    assert same_day.in_force_from == pendulum.date(2025, 12, 1)
    with pytest.raises(ValidationError, match="no retroactive rules"):
        drafted.adopt(decision_id="D", in_force_from=pendulum.date(2025, 11, 30), by=CLERK, at=vote)
    with pytest.raises(ValidationError, match=r"pendulum\.Date"):
        drafted.adopt(decision_id="D", in_force_from="2026-01-01", by=CLERK, at=vote)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="decision_id"):
        drafted.adopt(decision_id=" ", in_force_from=vote.date(), by=CLERK, at=vote)


def test_bad_arguments_are_refused_and_change_nothing() -> None:
    with pytest.raises(ValidationError, match="id"):
        RuleBookAdoption.open(id="", scheme="x", by=CLERK, at=at(2025, 1, 1))
    adoption = opened()
    with pytest.raises(ValidationError, match="idea"):
        adoption.collect_idea("  ", by=CLERK, at=at(2025, 11, 2))
    with pytest.raises(ValidationError, match="expected RuleBook"):
        adoption.draft("细则", by=CLERK, at=at(2025, 11, 2))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="reason"):
        adoption.abandon(reason="", by=CLERK, at=at(2025, 11, 2))
    assert adoption == opened()


def test_an_adoption_can_be_abandoned() -> None:
    gone = opened().abandon(reason="村委会换届", by=CLERK, at=at(2025, 11, 2))
    assert gone.state is AdoptionState.ABANDONED
    assert gone.history[-1].reason == "村委会换届"


def test_an_adoption_round_trips_through_json() -> None:
    adoption = adopted()
    document = json.loads(json.dumps(to_dict(adoption)))
    assert from_dict(document, RuleBookAdoption) == adoption


def test_the_adoption_table_draws_itself() -> None:
    diagram = ADOPTION.mermaid("zh")
    assert "drafted --> adopted: 表决通过" in diagram
    assert "drafted --> collecting: 表决未通过" in diagram


COMMANDS: dict[str, Command[RuleBookAdoption]] = {
    "collect_idea": lambda a, data: a.collect_idea(
        data.draw(st.sampled_from(["多劳多得", "", "环境卫生"])),
        by=data.draw(actors()),
        at=data.draw(_when(a)),
    ),
    "draft": lambda a, data: a.draft(LOUDI_RULE_BOOK, by=CLERK, at=data.draw(_when(a))),
    "vote_down": lambda a, data: a.vote_down(decision_id="D-0", by=CLERK, at=data.draw(_when(a))),
    "adopt": lambda a, data: a.adopt(
        decision_id="D-1",
        in_force_from=data.draw(
            st.sampled_from([pendulum.date(2020, 1, 1), pendulum.date(2031, 1, 1)])
        ),
        by=CLERK,
        at=data.draw(_when(a)),
    ),
    "abandon": lambda a, data: a.abandon(reason="停", by=CLERK, at=data.draw(_when(a))),
}


def _when(entity: RuleBookAdoption) -> st.SearchStrategy[pendulum.DateTime]:
    """Mostly forward from the last change, sometimes backward."""
    last = entity.last_changed
    forward = instants(start=last, days=60)
    backward = st.integers(1, 86_400 * 30).map(lambda s: last.subtract(seconds=s))
    return st.one_of(forward, forward, forward, backward)


@given(st.data())
def test_random_walks_over_the_adoption_table_keep_replay_and_no_change_on_failure(
    data: st.DataObject,
) -> None:
    start = RuleBookAdoption.open(id="A-9", scheme="s", by=CLERK, at=at(2025, 1, 1))
    random_walk(data, start, COMMANDS, steps=20)


def test_open_refuses_an_empty_id_naming_the_parameter() -> None:
    with pytest.raises(ValidationError) as caught:
        RuleBookAdoption.open(id="", scheme="x", by=CLERK, at=at(2025, 1, 1))
    assert caught.value.paths == ("open.id",)


def drafted() -> RuleBookAdoption:
    return (
        opened()
        .collect_idea("x", by=CLERK, at=at(2025, 11, 2))
        .draft(LOUDI_RULE_BOOK, by=CLERK, at=at(2025, 11, 3))
    )


def test_adopt_refuses_an_instant_for_the_first_day_in_force() -> None:
    adoption = drafted()
    with pytest.raises(ValidationError) as caught:
        adoption.adopt(
            decision_id="D",
            in_force_from=at(2026, 1, 1),  # an instant, not a day
            by=CLERK,
            at=at(2025, 12, 1),
        )
    assert caught.value.paths == ("adopt.in_force_from",)
    assert replay(adoption.history) == adoption
    assert adoption == drafted()
