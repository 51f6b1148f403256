from __future__ import annotations

import pickle
from typing import Any, assert_type

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jiceng.decisions import CompositionError
from jiceng.decisions.rolls import (
    REPRESENTATIVE_TERM_YEARS,
    Composition,
    CompositionFinding,
    Constituency,
    Person,
    Role,
    Sex,
)
from jiceng.decisions.thresholds import AT_LEAST_FOUR_FIFTHS
from jiceng.exceptions import JicengError, ValidationError
from tests.decisions.village import person, round_trip


def assembly(
    *, committee: int, representatives: int, women: int = 0, households: int = 5
) -> tuple[list[Person], list[Constituency]]:
    """`committee` members and `representatives`, the first `women` of them women; each
    representative chosen by `households` households of one villager each."""
    people = [person(f"c{i}", roles={Role.VILLAGE_COMMITTEE}) for i in range(committee)]
    chosen = []
    for r in range(representatives):
        homes = [f"r{r}-h{k}" for k in range(households)]
        people.extend(person(f"r{r}-v{k}", household=h) for k, h in enumerate(homes))
        people.append(
            person(
                f"r{r}",
                roles={Role.REPRESENTATIVE},
                sex=Sex.FEMALE if r < women else Sex.MALE,
                group="g1",
            )
        )
        chosen.append(Constituency(representative=f"r{r}", households=homes))
    return people, chosen


def composed(**counts: int) -> Composition:
    people, chosen = assembly(**counts)
    return Composition.of(people, chosen=chosen)


def finding(composition: Composition, path: str) -> CompositionFinding:
    return next(f for f in composition.findings if f.path == path)


# -- representatives: at least four fifths of the members ------------------------------


def test_representatives_making_up_exactly_four_fifths_of_the_members_are_enough() -> None:
    composition = composed(committee=5, representatives=20, women=9)
    assert len(composition.roll) == 25
    assert finding(composition, "representatives").met
    assert composition.met
    assert composition.require() is composition


def test_representatives_just_under_four_fifths_of_the_members_are_refused() -> None:
    composition = composed(committee=5, representatives=19, women=9)
    assert not finding(composition, "representatives").met
    assert finding(composition, "representatives").detail == (
        "19 of 24 members are representatives; 村民委员会组织法(2018) 第25条第1款 needs "
        "五分之四以上 (20 of 24)"
    )
    assert not composition.met


def test_an_assembly_of_committee_members_only_has_no_representatives_share() -> None:
    composition = composed(committee=3, representatives=0)
    assert [f.path for f in composition.broken] == ["representatives", "women"]


def test_four_fifths_is_an_exact_fraction() -> None:
    assert AT_LEAST_FOUR_FIFTHS.met(4, 5)
    assert not AT_LEAST_FOUR_FIFTHS.met(79, 100)
    assert AT_LEAST_FOUR_FIFTHS.minimum(24) == 20
    assert AT_LEAST_FOUR_FIFTHS.label.zh == "五分之四以上"


# -- women representatives: at least a third of all members ----------------------------


def test_women_representatives_making_up_exactly_a_third_of_all_members_are_enough() -> None:
    composition = composed(committee=3, representatives=12, women=5)
    assert finding(composition, "women").met
    assert composition.women == {f"r{i}" for i in range(5)}


def test_women_representatives_just_under_a_third_of_all_members_are_refused() -> None:
    composition = composed(committee=3, representatives=12, women=4)
    women = finding(composition, "women")
    assert not women.met
    assert women.detail.startswith("4 of 15 members are women representatives")
    assert women.detail.endswith("needs 三分之一以上 (5 of 15)")
    assert women.source.text == "妇女村民代表应当占村民代表会议组成人员的三分之一以上"


def test_the_women_share_is_of_all_members_not_of_the_representatives_only() -> None:
    # 4 of 12 representatives is a third of them, but not of the 15 members
    composition = composed(committee=3, representatives=12, women=4)
    assert not finding(composition, "women").met


def test_women_on_the_committee_are_not_women_representatives() -> None:
    people, chosen = assembly(committee=3, representatives=12, women=4)
    people = [
        person(p.id, roles=p.roles, sex=Sex.FEMALE) if p.id.startswith("c") else p for p in people
    ]
    assert not Composition.of(people, chosen=chosen).met


# -- how the representatives were chosen ----------------------------------------------


@pytest.mark.parametrize(("households", "met"), [(4, False), (5, True), (15, True), (16, False)])
def test_a_representative_is_chosen_by_five_to_fifteen_households(
    households: int, met: bool
) -> None:
    people, chosen = assembly(committee=1, representatives=4, women=2, households=households)
    composition = Composition.of(people, chosen=chosen)
    choice = finding(composition, "chosen[r0]")
    assert choice.met is met
    assert choice.detail.startswith(f"chosen by {households} households")
    assert choice.source.text == "村民代表由村民按每五户至十五户推选一人"
    assert composition.met is met


def test_representatives_chosen_by_a_villager_group_have_no_household_ratio() -> None:
    people, _ = assembly(committee=1, representatives=4, women=2, households=1)
    chosen = [Constituency(representative=f"r{r}", group="g1") for r in range(4)]
    composition = Composition.of(people, chosen=chosen)
    assert composition.met
    choice = finding(composition, "chosen[r3]")
    assert choice.detail.startswith("chosen by the villagers' group g1")
    assert choice.source.text == "或者由各村民小组推选若干人"


def test_a_village_may_choose_some_representatives_by_households_and_some_by_group() -> None:
    people, chosen = assembly(committee=1, representatives=4, women=2)
    chosen[3] = Constituency(representative="r3", group="g1")
    assert Composition.of(people, chosen=chosen).met


def test_findings_come_in_order_with_their_sources() -> None:
    composition = composed(committee=1, representatives=2, women=1)
    assert [f.path for f in composition.findings] == [
        "representatives",
        "women",
        "chosen[r0]",
        "chosen[r1]",
    ]
    assert [f.source.citation for f in composition.findings] == [
        "村民委员会组织法(2018) 第25条第1款",
        "村民委员会组织法(2018) 第25条第1款",
        "村民委员会组织法(2018) 第25条第2款",
        "村民委员会组织法(2018) 第25条第2款",
    ]


# -- someone on the committee who is also a representative ----------------------------


def test_a_committee_member_who_is_also_a_representative_counts_as_a_committee_member() -> None:
    people, chosen = assembly(committee=2, representatives=7, women=3)
    both = person("c0", roles={Role.VILLAGE_COMMITTEE, Role.REPRESENTATIVE})
    people = [both, *people[1:], person("c0-v", household="c0-h")]
    chosen.append(Constituency(representative="c0", households=["c0-h"]))
    composition = Composition.of(people, chosen=chosen)
    assert len(composition.roll) == 9
    assert "c0" in composition.committee
    assert "c0" not in composition.representatives
    # 7 of 9 is under four fifths; 8 of 9 would not be
    assert not finding(composition, "representatives").met
    # how they were chosen is still checked: one household is too few
    assert not finding(composition, "chosen[c0]").met


# -- strict checks and reports --------------------------------------------------------


def test_a_strict_check_lists_every_broken_rule() -> None:
    people, chosen = assembly(committee=5, representatives=19, women=4)
    chosen[2] = Constituency(representative="r2", households=["r2-h0", "r2-h1", "r2-h2"])
    composition = Composition.of(people, chosen=chosen)
    with pytest.raises(CompositionError) as caught:
        composition.require()
    assert caught.value.paths == ("representatives", "women", "chosen[r2]")
    assert isinstance(caught.value, ValidationError)
    assert str(caught.value).startswith("invalid representative assembly: representatives: ")
    assert "chosen[r2]: chosen by 3 households" in str(caught.value)
    assert pickle.loads(pickle.dumps(caught.value)).paths == caught.value.paths


def test_a_composition_reads_as_a_summary() -> None:
    met = composed(committee=1, representatives=4, women=2)
    assert (
        str(met) == "组成人员 5 人：村民委员会成员 1 人、村民代表 4 人（其中妇女 2 人）；符合第25条"
    )
    broken = composed(committee=2, representatives=4, women=2)
    assert str(broken).endswith("；1 项不符合第25条")
    assert str(finding(met, "women")).startswith("符合 women: 2 of 5 members")
    assert str(finding(broken, "representatives")).startswith("不符合 representatives: 4 of 6")


def test_compositions_and_records_with_a_sex_survive_serialisation() -> None:
    composition = composed(committee=1, representatives=4, women=1)
    assert round_trip(composition) == composition
    record = person("w", sex=Sex.FEMALE)
    assert round_trip(record) == record
    assert Sex.FEMALE.zh == "女"


def test_the_public_names_are_typed() -> None:
    composition = composed(committee=1, representatives=4, women=2)
    assert_type(composition.require(), Composition)
    assert_type(composition.findings, tuple[CompositionFinding, ...])
    assert_type(composition.met, bool)
    assert_type(person("w").sex, Sex | None)
    assert_type(Constituency(representative="r", group="g").households, frozenset[str])


def test_the_representatives_term_is_the_committees_five_years() -> None:
    assert REPRESENTATIVE_TERM_YEARS == 5


@given(
    committee=st.integers(0, 6),
    representatives=st.integers(0, 12),
    data=st.data(),
)
def test_the_shares_are_judged_exactly(committee: int, representatives: int, data: Any) -> None:
    assume(committee + representatives > 0)
    women = data.draw(st.integers(0, representatives))
    composition = composed(committee=committee, representatives=representatives, women=women)
    members = committee + representatives
    assert finding(composition, "representatives").met is (5 * representatives >= 4 * members)
    assert finding(composition, "women").met is (3 * women >= members)


# -- bad input ------------------------------------------------------------------------


def test_a_constituency_names_households_or_a_group_not_both_nor_neither() -> None:
    with pytest.raises(ValidationError) as caught:
        Constituency(representative="r", households=["h"], group="g")
    assert caught.value.paths == ("group",)
    with pytest.raises(ValidationError, match="推选户"):
        Constituency(representative="r")


def test_a_constituency_refuses_malformed_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        Constituency(representative=" ", households=["h"], group=None)
    assert caught.value.paths == ("representative",)
    with pytest.raises(ValidationError, match="must not be empty") as caught:
        Constituency(representative="r", households=["h", ""])
    assert [p.startswith("households[") for p in caught.value.paths] == [True]
    with pytest.raises(ValidationError, match="expected text") as caught:
        Constituency(representative="r", households=["h", 3])  # type: ignore[list-item]
    assert [p.startswith("households[") for p in caught.value.paths] == [True]
    with pytest.raises(ValidationError, match="expected frozenset of items, got str 'h1'"):
        Constituency(representative="r", households="h1")
    with pytest.raises(ValidationError, match="expected frozenset of items, got int 5"):
        Constituency(representative="r", households=5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        Constituency(representative="r", group="")
    assert caught.value.paths == ("group",)
    assert isinstance(caught.value, JicengError)


def test_a_sex_must_be_a_sex() -> None:
    with pytest.raises(ValidationError, match=r"sex: expected a Sex member"):
        person("x", sex="female")


def test_records_that_cannot_be_judged_are_refused_with_their_paths() -> None:
    people, chosen = assembly(committee=1, representatives=4, women=2)
    people.append(person("r9", roles={Role.REPRESENTATIVE}))  # no sex, no constituency
    bad: list[Any] = [
        *chosen[:3],
        "r3",  # not a Constituency
        Constituency(representative="c0", households=["r3-h0"]),  # not a representative
        Constituency(representative="r0", group="g1"),  # listed twice
        Constituency(representative="r3", households=["r3-h0", "nowhere", "r0-h1"]),
    ]
    with pytest.raises(ValidationError) as caught:
        Composition.of(people, chosen=bad)
    assert not isinstance(caught.value, CompositionError)
    assert caught.value.paths == (
        "chosen[3]",
        "chosen[4]",
        "chosen[5]",
        "chosen[6]",
        "chosen[6]",
        "chosen",
        f"people[{len(people) - 1}].sex",
    )
    message = str(caught.value)
    assert "expected Constituency, got str 'r3'" in message
    assert "c0 is not a villagers' representative" in message
    assert "r0 is listed twice" in message
    assert "no such household in the records: nowhere" in message
    assert "household r0-h1 already chose r0" in message
    assert "how these representatives were chosen is not given: r9" in message
    assert "r9 is a representative; their sex is needed" in message


def test_an_unknown_group_is_refused() -> None:
    people, _ = assembly(committee=1, representatives=1, women=1)
    with pytest.raises(ValidationError, match="no such villagers' group in the records: g9"):
        Composition.of(people, chosen=[Constituency(representative="r0", group="g9")])


def test_bad_person_records_and_empty_assemblies_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Composition.of([person("a"), "b"], chosen=[])  # type: ignore[list-item]
    assert caught.value.paths == ("people[1]",)
    with pytest.raises(ValidationError, match="at least one member"):
        Composition.of([person("a")], chosen=[])
