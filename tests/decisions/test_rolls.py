from __future__ import annotations

import pendulum
import pytest

from jiceng.decisions import Roll, RollKind
from jiceng.decisions.rolls import Household, Person, Role
from jiceng.exceptions import ValidationError
from tests.decisions.village import MEETING_DAY, person, round_trip, village


def test_a_villager_is_adult_on_the_18th_birthday_not_the_day_before() -> None:
    p = person("y", born=pendulum.Date(2008, 5, 11))
    assert p.is_adult_on(pendulum.Date(2026, 5, 11))
    assert not p.is_adult_on(pendulum.Date(2026, 5, 10))
    assert p.age_on(pendulum.Date(2026, 5, 10)) == 17


def test_someone_born_on_29_february_comes_of_age_on_1_march_in_a_common_year() -> None:
    p = person("leap", born=pendulum.Date(2008, 2, 29))
    assert not p.is_adult_on(pendulum.Date(2026, 2, 28))
    assert p.is_adult_on(pendulum.Date(2026, 3, 1))


def test_the_adult_roll_is_drawn_on_the_meeting_date() -> None:
    people = [
        *village(households=2),
        person("kid", born=pendulum.Date(2008, 5, 12), household="h0"),
        person("lodger"),
    ]
    roll = Roll.adults(people, on=MEETING_DAY)
    assert "kid" not in roll
    assert len(roll) == 5
    assert Roll.adults(people, on=MEETING_DAY.add(days=1)).members >= {"kid"}
    assert roll.households == {Household("h0", "v00"), Household("h1", "v10")}
    assert roll.on == MEETING_DAY


def test_a_group_roll_lists_only_that_group() -> None:
    roll = Roll.adults(village(), on=MEETING_DAY, group="g2")
    assert roll.members == {"v30", "v31", "v40", "v41", "v50", "v51"}
    assert len(roll.households) == 3


def test_rolls_by_role() -> None:
    people = [
        *village(households=2),
        person("sec", roles={Role.BRANCH_COMMITTEE, Role.PARTY_MEMBER}),
        person("dir", roles={Role.VILLAGE_COMMITTEE}),
    ]
    assert Roll.representatives(people).members == {"v00"}
    assert Roll.representative_assembly(people).members == {"v00", "dir"}
    assert Roll.party_members(people).members == {"sec"}
    assert Roll.branch_committee(people).members == {"sec"}
    assert Roll.two_committees(people).members == {"sec", "dir"}
    assert Roll.groups(village()).members == {"g1", "g2"}
    reps = Roll.household_representatives(village(households=3), on=MEETING_DAY)
    assert reps.members == {"v00", "v10", "v20"}
    assert reps.kind is RollKind.HOUSEHOLD_REPRESENTATIVES
    assert RollKind.ADULTS.label.zh == "十八周岁以上的村(居)民"


def test_every_household_needs_one_adult_representative() -> None:
    people = [
        person("a", household="h1"),
        person("b", household="h2", represents_household=True),
        person("c", household="h2", represents_household=True),
        person("d", household="h3", represents_household=True, born=pendulum.Date(2010, 1, 1)),
    ]
    with pytest.raises(ValidationError) as caught:
        Roll.adults(people, on=MEETING_DAY)
    assert caught.value.paths == ("households[h1]", "households[h2]", "households[h3]")
    assert "has b, c" in str(caught.value)
    assert "d is under 18" in str(caught.value)


def test_bad_records_are_refused_with_their_paths() -> None:
    with pytest.raises(ValidationError) as caught:
        Roll.representatives([person("a"), person("a"), "b"])  # type: ignore[list-item]
    assert caught.value.paths == ("people[1]", "people[2]")
    with pytest.raises(ValidationError, match="belongs to none"):
        person("x", represents_household=True)
    with pytest.raises(ValidationError, match=r"pendulum.Date"):
        person("x", born=pendulum.datetime(2000, 1, 1))
    with pytest.raises(ValidationError, match="id: must not be empty"):
        person(" ")
    with pytest.raises(ValidationError, match="group: must not be empty"):
        person("x", group="")


def test_a_roll_needs_members_and_representatives_on_it() -> None:
    with pytest.raises(ValidationError, match="at least one member"):
        Roll.participants([])
    with pytest.raises(ValidationError) as caught:
        Roll(
            kind=RollKind.ADULTS,
            members={"a"},
            households={Household("h", "z"), Household("h", "a")},
        )
    assert caught.value.paths == ("households[h]", "households")


def test_rolls_and_records_survive_serialisation() -> None:
    roll = Roll.adults(village(), on=MEETING_DAY)
    assert round_trip(roll) == roll
    record = person("p", roles={Role.PARTY_MEMBER}, household="h", group="g")
    assert round_trip(record) == record
    assert isinstance(record, Person)


def test_a_roll_refuses_a_text_for_its_members_rather_than_splitting_it() -> None:
    with pytest.raises(ValidationError, match="got str 'abc'") as caught:
        Roll.participants("abc")
    assert caught.value.paths == ("members",)
    with pytest.raises(ValidationError) as caught:
        Roll(kind=RollKind.PARTICIPANTS, members={"a", ""})
    assert [p.startswith("members[") for p in caught.value.paths] == [True]


def test_a_roll_names_its_kind_with_a_roll_kind_member() -> None:
    with pytest.raises(ValidationError, match=r"pass RollKind\('adults'\)") as caught:
        Roll(kind="adults", members={"a"})  # type: ignore[arg-type]
    assert caught.value.paths == ("kind",)


def test_a_roll_is_drawn_up_on_a_day_not_an_instant() -> None:
    with pytest.raises(ValidationError) as caught:
        Roll(kind=RollKind.ADULTS, members={"a"}, on=pendulum.datetime(2026, 5, 11))
    assert caught.value.paths == ("on",)


def test_a_roll_lists_households_as_household_records() -> None:
    with pytest.raises(ValidationError) as caught:
        Roll(kind=RollKind.ADULTS, members={"a"}, households={("h", "a")})  # type: ignore[arg-type]
    assert [p.startswith("households[") for p in caught.value.paths] == [True]
    with pytest.raises(ValidationError) as caught:
        Household("h", " ")
    assert caught.value.paths == ("representative",)


def test_a_person_holds_roles_as_role_members_and_a_flag_as_a_bool() -> None:
    with pytest.raises(ValidationError, match="expected a Role member") as caught:
        person("x", roles={"representative"})
    assert [p.startswith("roles[") for p in caught.value.paths] == [True]
    with pytest.raises(ValidationError) as caught:
        person("x", household="h", represents_household=1)
    assert caught.value.paths == ("represents_household",)
