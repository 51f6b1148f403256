from __future__ import annotations

import json
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import (
    VILLAGER_REPRESENTATIVES_BODY,
    VILLAGERS_ASSEMBLY_BODY,
    Base,
    Body,
    Label,
    Majority,
    Quorum,
    QuorumTest,
    Source,
    Vote,
    replay,
)
from jiceng.decisions.thresholds import AT_LEAST_ONE_THIRD, AT_LEAST_TWO_THIRDS
from jiceng.exceptions import GuardRejected, InvalidTransition, ValidationError
from jiceng.points import (
    ADOPTION,
    LOUDI_RULE_BOOK,
    AdoptionState,
    RuleBookAdoption,
)
from jiceng.serde import from_dict, to_dict
from jiceng.testing import Command, actors, instants, random_walk
from tests.points.support import CLERK, adopted, at, vote


def opened() -> RuleBookAdoption:
    return RuleBookAdoption.open(id="A-1", scheme="油溪桥村", by=CLERK, at=at(2025, 11, 1))


def test_a_rule_book_is_adopted_in_three_steps_ideas_draft_vote() -> None:
    adoption = adopted()
    assert adoption.state is AdoptionState.ADOPTED
    assert adoption.ideas == ("义务筹工筹劳要加分",)
    assert adoption.rule_book == LOUDI_RULE_BOOK
    assert (adoption.vote, adoption.in_force_from) == (vote(), pendulum.date(2026, 1, 1))
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
    lost = vote("D-1", yes=5, no=6, abstain=0)
    down = drafted.vote_down(vote=lost, by=CLERK, at=at(2025, 11, 10))
    assert down.state is AdoptionState.COLLECTING
    assert down.votes_down == (lost,)
    revised = attrs.evolve(LOUDI_RULE_BOOK, redemption_floor=10)
    again = down.draft(revised, by=CLERK, at=at(2025, 11, 11)).adopt(
        vote=vote("D-2"), in_force_from=pendulum.date(2026, 1, 1), by=CLERK, at=at(2025, 12, 1)
    )
    assert again.rule_book == revised
    assert again.vote is not None
    assert again.vote.record == "D-2"


def test_nothing_is_adopted_without_a_draft() -> None:
    with pytest.raises(InvalidTransition, match="allows only: collect_idea, draft, abandon"):
        opened().adopt(
            vote=vote(), in_force_from=pendulum.date(2026, 1, 1), by=CLERK, at=at(2025, 12, 1)
        )


def test_a_rule_book_may_take_effect_on_the_day_of_the_vote_but_not_before() -> None:
    drafted = (
        opened()
        .collect_idea("x", by=CLERK, at=at(2025, 11, 2))
        .draft(LOUDI_RULE_BOOK, by=CLERK, at=at(2025, 11, 3))
    )
    day = at(2025, 12, 1, 20)
    same_day = drafted.adopt(vote=vote(), in_force_from=day.date(), by=CLERK, at=day)
    assert same_day.in_force_from == pendulum.date(2025, 12, 1)
    with pytest.raises(ValidationError, match="no retroactive rules"):
        drafted.adopt(vote=vote(), in_force_from=pendulum.date(2025, 11, 30), by=CLERK, at=day)
    with pytest.raises(ValidationError, match=r"pendulum\.Date"):
        drafted.adopt(vote=vote(), in_force_from="2026-01-01", by=CLERK, at=day)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="expected Vote"):
        drafted.adopt(vote="D", in_force_from=day.date(), by=CLERK, at=day)  # type: ignore[arg-type]


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


_VOTES = st.sampled_from(
    [vote("D-0", yes=5, no=6, abstain=0), vote("D-1"), vote(present=10, abstain=1)]
)
"""A motion lost, one carried, and an inquorate meeting (10 of 20 adults)."""

COMMANDS: dict[str, Command[RuleBookAdoption]] = {
    "collect_idea": lambda a, data: a.collect_idea(
        data.draw(st.sampled_from(["多劳多得", "", "环境卫生"])),
        by=data.draw(actors()),
        at=data.draw(_when(a)),
    ),
    "draft": lambda a, data: a.draft(LOUDI_RULE_BOOK, by=CLERK, at=data.draw(_when(a))),
    "vote_down": lambda a, data: a.vote_down(
        vote=data.draw(_VOTES), by=CLERK, at=data.draw(_when(a))
    ),
    "adopt": lambda a, data: a.adopt(
        vote=data.draw(_VOTES),
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
            vote=vote(),
            in_force_from=at(2026, 1, 1),  # an instant, not a day
            by=CLERK,
            at=at(2025, 12, 1),
        )
    assert caught.value.paths == ("adopt.in_force_from",)
    assert replay(adoption.history) == adoption
    assert adoption == drafted()


# -- the vote that adopts (策由民决; 村民委员会组织法 第22条、第24条至第27条) -----------------


def _adopt(v: Vote) -> RuleBookAdoption:
    return drafted().adopt(vote=v, in_force_from=pendulum.date(2026, 1, 1), by=CLERK, at=DAY)


DAY = at(2025, 12, 1, 21)


def test_5_for_among_11_present_is_not_a_majority_of_those_present_and_is_refused() -> None:
    # 第22条: 村民会议所作决定应当经到会人员的过半数通过: the base is those present (11).
    with pytest.raises(GuardRejected, match=r"赞成 5/11 到会人员: .*第22条 needs 过半数 \(6\)"):
        _adopt(vote(present=11, yes=5, no=4, abstain=2))
    assert _adopt(vote(present=11, yes=6, no=3, abstain=2)).state is AdoptionState.ADOPTED


def test_exactly_half_of_those_present_is_not_a_majority() -> None:
    with pytest.raises(GuardRejected, match=r"赞成 5/10 到会人员"):
        _adopt(vote(members=19, present=10, yes=5, no=5, abstain=0))
    assert _adopt(vote(members=19, present=10, yes=6, no=4, abstain=0)).vote is not None


def test_a_villagers_assembly_of_exactly_half_the_adults_lacks_its_quorum() -> None:
    # 第22条: 应当有本村十八周岁以上村民的过半数……参加: 10 of 20 is not more than half.
    with pytest.raises(GuardRejected, match=r"到会 10/20 人，未达法定人数: .*第22条") as caught:
        _adopt(vote(members=20, present=10, yes=10, no=0, abstain=0))
    assert caught.value.guard == "vote_carried"
    assert "户" not in str(caught.value)  # households were not counted: not asked for
    assert _adopt(vote(members=20, present=11, yes=11, no=0, abstain=0)).vote is not None


def test_a_villagers_assembly_short_of_two_thirds_of_the_households_lacks_its_quorum() -> None:
    # 第22条: 或者本村三分之二以上的户的代表参加: 5 of 10 households (and 10 of 20 adults).
    lacking = vote(
        members=20, present=10, households=10, households_present=5, yes=8, no=2, abstain=0
    )
    with pytest.raises(
        GuardRejected, match=r"户代表 5/10 户，未达法定人数.*户的三分之二以上 \(7\)"
    ):
        _adopt(lacking)
    # exactly two thirds of the households is a quorum (以上 includes it), half the adults or not
    quorate = vote(
        members=20, present=10, households=9, households_present=6, yes=8, no=2, abstain=0
    )
    assert _adopt(quorate).state is AdoptionState.ADOPTED
    with pytest.raises(GuardRejected, match="未达法定人数"):
        _adopt(attrs.evolve(quorate, households_present=5))


GROUP = Body(
    code="villager_group",
    label=Label("村民小组会议", "villagers' group meeting"),
    quorum=Quorum(
        tests=(QuorumTest(of=Base.MEMBERS, threshold=AT_LEAST_TWO_THIRDS),),
        source=Source("村民委员会组织法(2018) 第28条"),
    ),
    majority=VILLAGERS_ASSEMBLY_BODY.majority,
)


def test_a_body_the_law_does_not_let_decide_a_rule_book_is_refused() -> None:
    with pytest.raises(GuardRejected, match=r"a 村民小组会议 cannot decide a rule book: .*第24条"):
        _adopt(vote(body=GROUP, members=12, present=12, yes=12, no=0, abstain=0))


def test_a_representative_assembly_without_the_assemblys_authorisation_is_refused() -> None:
    # 第25条: 村民代表会议……讨论决定村民会议授权的事项 (第24条第2款: 村民会议可以授权).
    reps = vote(body=VILLAGER_REPRESENTATIVES_BODY, members=30, present=20, yes=11, no=9, abstain=0)
    with pytest.raises(
        GuardRejected, match=r"第25条.*give the authorisation as the vote's mandate"
    ):
        _adopt(reps)
    authorised = attrs.evolve(reps, mandate="CMH-2024-02")
    assert _adopt(authorised).vote == authorised


def test_a_representative_assembly_needs_two_thirds_of_its_members() -> None:
    # 第26条: 村民代表会议有三分之二以上的组成人员参加方可召开: 20 of 30 suffices, 19 does not.
    reps = vote(
        body=VILLAGER_REPRESENTATIVES_BODY,
        members=30,
        present=19,
        yes=19,
        no=0,
        abstain=0,
        mandate="M",
    )
    with pytest.raises(GuardRejected, match=r"到会 19/30 人，未达法定人数: .*第26条.*\(20\)"):
        _adopt(reps)
    assert _adopt(attrs.evolve(reps, present=20)).state is AdoptionState.ADOPTED


def test_a_local_rule_may_be_stricter_than_the_statute_but_never_laxer() -> None:
    lax = attrs.evolve(
        VILLAGERS_ASSEMBLY_BODY,
        quorum=Quorum(
            tests=(QuorumTest(of=Base.MEMBERS, threshold=AT_LEAST_ONE_THIRD),),
            source=Source("某村自治章程"),
        ),
    )
    with pytest.raises(GuardRejected, match=r"到会 10/20 人，未达法定人数: .*第22条"):
        _adopt(vote(body=lax, members=20, present=10, yes=10, no=0, abstain=0))
    strict = attrs.evolve(
        VILLAGERS_ASSEMBLY_BODY,
        majority=Majority(
            threshold=AT_LEAST_TWO_THIRDS, of=Base.PRESENT, source=Source("某村自治章程")
        ),
    )
    with pytest.raises(GuardRejected, match=r"某村自治章程 needs 三分之二以上 \(8\)"):
        _adopt(vote(body=strict, present=11, yes=7, no=4, abstain=0))
    assert _adopt(vote(body=strict, present=11, yes=8, no=3, abstain=0)).vote is not None


def test_a_vote_whose_figures_were_not_recorded_adopts_nothing() -> None:
    with pytest.raises(GuardRejected, match="records no body or figures"):
        _adopt(Vote.unrecorded("D-1"))


def test_a_vote_down_is_a_motion_lost_at_a_quorate_meeting() -> None:
    draft = drafted()
    with pytest.raises(GuardRejected, match="passed the draft: record it with adopt"):
        draft.vote_down(vote=vote(), by=CLERK, at=DAY)
    with pytest.raises(GuardRejected, match="未达法定人数") as caught:
        draft.vote_down(vote=vote(present=10, yes=0, no=10, abstain=0), by=CLERK, at=DAY)
    assert caught.value.guard == "vote_lost"
    with pytest.raises(GuardRejected, match="cannot decide a rule book"):
        draft.vote_down(vote=vote(body=GROUP, present=12, yes=0), by=CLERK, at=DAY)
    lost = vote(present=11, yes=5, no=6, abstain=0)
    assert draft.vote_down(vote=lost, by=CLERK, at=DAY).votes_down == (lost,)


def test_an_adoption_stored_with_a_decision_id_reads_with_an_unrecorded_vote() -> None:
    # Documents written before votes were carried cite a decision's number only: it reads
    # as the record of a vote with no body and no figures, never invented ones.
    path = Path(__file__).parents[1] / "golden" / "v1" / "08-points.adoption.json"
    old = from_dict(json.loads(path.read_text(encoding="utf-8"))["entity"], RuleBookAdoption)
    assert old.vote == Vote.unrecorded("D-2")
    assert old.votes_down == (Vote.unrecorded("D-1"),)
    assert old.vote is not None
    assert not old.vote.recorded
    assert replay(old.history) == old
    assert from_dict(json.loads(json.dumps(to_dict(old))), RuleBookAdoption) == old
    written = to_dict(old)
    assert written["schema"] == 2
    assert "decision_id" not in written
    assert written["history"][-1]["schema"] == 2
    abandoned = Path(__file__).parents[1] / "golden" / "v1" / "46-points.adoption.json"
    gone = from_dict(json.loads(abandoned.read_text(encoding="utf-8"))["entity"], RuleBookAdoption)
    assert (gone.vote, gone.votes_down) == (None, ())
