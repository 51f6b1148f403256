from __future__ import annotations

import json
from typing import Any, assert_type

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, Label, Months
from jiceng.exceptions import JicengError, ValidationError
from jiceng.mediation import Mediator, MediatorKind
from jiceng.mediation.committee import (
    TERM_OF_OFFICE,
    CommitteeKind,
    CommitteeMember,
    CommitteeRole,
    ElectingBody,
    MediationCommittee,
)
from jiceng.serde import from_dict, to_dict

D = pendulum.Date

CHAIR = CommitteeMember(id="cm-yang", name="杨某", role=CommitteeRole.CHAIR)
VICE = CommitteeMember(id="cm-wu", name="吴某", role=CommitteeRole.VICE_CHAIR, woman=True)
LONG = CommitteeMember(id="cm-long", name="龙某", smaller_ethnic_group=True)


def plain(n: int) -> list[CommitteeMember]:
    """`n` ordinary members, none a woman nor of a smaller ethnic group."""
    return [CommitteeMember(id=f"cm-{i}", name=f"委员{i}") for i in range(n)]


def committee(**changes: Any) -> MediationCommittee:
    """A village committee of three, in office from 2023-03-01 to 2026-02-28."""
    fields: dict[str, Any] = {
        "id": "c-pingzhai",
        "name": "平寨村人民调解委员会",
        "kind": CommitteeKind.VILLAGE,
        "chosen_by": ElectingBody.VILLAGERS_MEETING,
        "members": (CHAIR, VICE, LONG),
        "term_starts": D(2023, 3, 1),
    }
    return MediationCommittee(**(fields | changes))


def refusal(**changes: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        committee(**changes)
    assert info.value.subject == "MediationCommittee"
    return info.value


# -- labels and the sources ------------------------------------------------------------------


def test_enums_carry_chinese_and_english_labels() -> None:
    assert CommitteeRole.CHAIR.label == Label("主任", "Chair")
    assert CommitteeRole.VICE_CHAIR.zh == "副主任"
    assert ElectingBody.VILLAGER_REPRESENTATIVES.label == Label(
        "村民代表会议", "Villagers' representative assembly"
    )
    assert CommitteeKind.INSTITUTION.label == Label("事业单位", "Public institution")


def test_villagers_and_residents_committees_must_set_one_up_workplaces_may() -> None:
    assert CommitteeKind.VILLAGE.required
    assert CommitteeKind.RESIDENTS.required
    assert not CommitteeKind.ENTERPRISE.required
    assert not CommitteeKind.INSTITUTION.required


def test_the_term_is_three_years_quoted_from_the_law() -> None:
    assert TERM_OF_OFFICE.rule == Months(36)
    assert TERM_OF_OFFICE.extension is None
    assert str(TERM_OF_OFFICE.source) == "人民调解法(2010) 第9条第2款"
    assert TERM_OF_OFFICE.source.text == "人民调解委员会委员每届任期三年，可以连选连任。"


def test_every_rule_names_its_article() -> None:
    error = refusal(members=plain(2), kind=CommitteeKind.ENTERPRISE, multi_ethnic=True)
    text = "; ".join(str(e) for e in error.errors)
    for article in ("第8条第2款", "第8条第3款", "第9条第1款"):
        assert f"人民调解法(2010) {article}" in text


# -- 委员三至九人 --------------------------------------------------------------------------


@pytest.mark.parametrize("n", [3, 9])
def test_three_and_nine_members_are_allowed(n: int) -> None:
    members = [CHAIR, VICE, *plain(n - 2)]
    assert len(committee(members=members).members) == n


@pytest.mark.parametrize("n", [2, 10])
def test_two_and_ten_members_are_refused(n: int) -> None:
    members = [CHAIR, VICE, *plain(n - 2)]
    error = refusal(members=members)
    assert error.paths == ("members",)
    assert f"has {n} members; a committee has three to nine" in str(error)


def test_no_member_at_all_breaks_every_rule_of_composition() -> None:
    error = refusal(members=())
    assert error.paths == ("members", "members", "members")
    assert "has 0 members" in str(error)


# -- 设主任一人，必要时，可以设副主任若干人 -------------------------------------------------


def test_a_committee_without_a_chair_is_refused() -> None:
    error = refusal(members=(VICE, LONG, *plain(1)))
    assert [str(e) for e in error.errors] == [
        "members: names no chair (主任); a committee has one (人民调解法(2010) 第8条第2款)"
    ]


def test_a_committee_with_two_chairs_is_refused() -> None:
    second = attrs.evolve(LONG, role=CommitteeRole.CHAIR)
    error = refusal(members=(CHAIR, VICE, second))
    assert "names 2 chairs (杨某、龙某); a committee has one" in str(error)


def test_vice_chairs_are_optional_and_may_be_several() -> None:
    none = committee(members=(CHAIR, attrs.evolve(VICE, role=CommitteeRole.MEMBER), LONG))
    assert none.vice_chairs == ()
    two = committee(members=(CHAIR, VICE, attrs.evolve(LONG, role=CommitteeRole.VICE_CHAIR)))
    assert [m.name for m in two.vice_chairs] == ["吴某", "龙某"]
    assert two.chair == CHAIR


def test_member_ids_are_distinct() -> None:
    error = refusal(members=(CHAIR, VICE, LONG, attrs.evolve(LONG, name="另一龙某")))
    assert error.paths == ("members[3].id",)


# -- 应当有妇女成员，多民族居住的地区应当有人数较少民族的成员 -------------------------------


def test_a_committee_without_a_woman_is_refused() -> None:
    error = refusal(members=(CHAIR, attrs.evolve(VICE, woman=False), LONG))
    assert [str(e) for e in error.errors] == [
        "members: has no woman member; a committee needs one (人民调解法(2010) 第8条第3款)"
    ]


def test_a_multi_ethnic_area_without_a_smaller_group_member_is_refused() -> None:
    members = (CHAIR, VICE, attrs.evolve(LONG, smaller_ethnic_group=False))
    error = refusal(members=members, multi_ethnic=True)
    assert error.paths == ("members",)
    assert "less numerous ethnic groups (人数较少民族)" in str(error)
    assert committee(members=members, multi_ethnic=False).multi_ethnic is False


def test_a_multi_ethnic_area_with_a_smaller_group_member_is_allowed() -> None:
    assert committee(multi_ethnic=True).multi_ethnic


def test_the_woman_may_be_the_smaller_group_member_too() -> None:
    both = CommitteeMember(id="cm-ou", name="欧某", woman=True, smaller_ethnic_group=True)
    assert committee(members=(CHAIR, both, *plain(1)), multi_ethnic=True).member("cm-ou") == both


# -- 推选产生 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        (CommitteeKind.VILLAGE, ElectingBody.VILLAGERS_MEETING),
        (CommitteeKind.VILLAGE, ElectingBody.VILLAGER_REPRESENTATIVES),
        (CommitteeKind.RESIDENTS, ElectingBody.RESIDENTS_MEETING),
        (CommitteeKind.ENTERPRISE, ElectingBody.WORKERS_MEETING),
        (CommitteeKind.ENTERPRISE, ElectingBody.WORKERS_CONGRESS),
        (CommitteeKind.INSTITUTION, ElectingBody.TRADE_UNION),
    ],
)
def test_the_body_that_chooses_fits_the_kind(kind: CommitteeKind, body: ElectingBody) -> None:
    assert committee(kind=kind, chosen_by=body).chosen_by is body


@pytest.mark.parametrize("kind", list(CommitteeKind))
def test_any_other_body_is_refused(kind: CommitteeKind) -> None:
    for body in set(ElectingBody) - set(kind.electing_bodies):
        error = refusal(kind=kind, chosen_by=body)
        assert error.paths == ("chosen_by",)
        assert f"not by {body.zh}" in str(error)


def test_the_refusal_names_the_bodies_that_may_choose() -> None:
    village = refusal(chosen_by=ElectingBody.TRADE_UNION)
    assert (
        "set up by the villagers' committee (村民委员会) are chosen by 村民会议 or 村民代表会议,"
        in (str(village))
    )
    residents = refusal(kind=CommitteeKind.RESIDENTS, chosen_by=ElectingBody.VILLAGERS_MEETING)
    assert "are chosen by 居民会议, not by 村民会议" in str(residents)
    firm = refusal(kind=CommitteeKind.ENTERPRISE, chosen_by=ElectingBody.RESIDENTS_MEETING)
    assert "are chosen by 职工大会, 职工代表大会 or 工会组织, not by 居民会议" in str(firm)


# -- 每届任期三年，可以连选连任 ----------------------------------------------------------------


def test_the_term_ends_the_day_before_the_same_date_three_years_on() -> None:
    first = committee()
    assert first.term_ends == D(2026, 2, 28)
    assert type(first.term_ends) is D


def test_the_last_day_is_in_office_and_the_day_after_is_not() -> None:
    first = committee()
    assert first.in_office(D(2026, 2, 28))
    assert not first.in_office(D(2026, 3, 1))
    assert first.in_office(D(2023, 3, 1))
    assert not first.in_office(D(2023, 2, 28))


def test_a_term_from_a_leap_day_ends_on_the_last_day_of_february() -> None:
    assert committee(term_starts=D(2024, 2, 29)).term_ends == D(2027, 2, 28)
    assert committee(term_starts=D(2024, 3, 1)).term_ends == D(2027, 2, 28)


def test_re_election_keeps_the_members_and_starts_the_day_after() -> None:
    first = committee()
    second = first.re_elect()
    assert second.members == first.members
    assert second.chosen_by is first.chosen_by
    assert (second.term_starts, second.term_ends) == (D(2026, 3, 1), D(2029, 2, 28))
    assert (second.id, second.name) == (first.id, first.name)
    assert first.term_starts == D(2023, 3, 1)  # the old term is untouched


def test_re_election_may_change_members_and_body() -> None:
    new_chair = attrs.evolve(LONG, role=CommitteeRole.CHAIR)
    second = committee().re_elect(
        members=[new_chair, VICE, *plain(3)], chosen_by=ElectingBody.VILLAGER_REPRESENTATIVES
    )
    assert second.chair == new_chair
    assert len(second.members) == 5
    assert second.chosen_by is ElectingBody.VILLAGER_REPRESENTATIVES


def test_a_late_election_leaves_a_gap_out_of_office() -> None:
    first = committee()
    second = first.re_elect(starts=D(2026, 5, 1))
    assert second.term_ends == D(2029, 4, 30)
    gap = D(2026, 4, 1)
    assert not first.in_office(gap)
    assert not second.in_office(gap)


def test_the_next_term_cannot_overlap_this_one() -> None:
    with pytest.raises(ValidationError) as info:
        committee().re_elect(starts=D(2026, 2, 28))
    assert [str(e) for e in info.value.errors] == [
        "re_elect.starts: this term runs until 2026-02-28; the next begins on 2026-03-01 or later"
    ]


def test_a_re_election_is_checked_like_any_committee() -> None:
    with pytest.raises(ValidationError, match="has no woman member"):
        committee().re_elect(members=[CHAIR, LONG, *plain(1)])
    with pytest.raises(ValidationError, match="not by 职工大会"):
        committee().re_elect(chosen_by=ElectingBody.WORKERS_MEETING)


@given(
    start=st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)),
    terms=st.integers(min_value=1, max_value=5),
)
def test_successive_terms_follow_each_other_without_gap_or_overlap(start: Any, terms: int) -> None:
    current = committee(term_starts=D(start.year, start.month, start.day))
    for _ in range(terms):
        following = current.re_elect()
        last = current.term_ends
        assert current.in_office(last)
        assert not current.in_office(last.add(days=1))
        assert following.term_starts == last.add(days=1)
        # three years counted by months (民法典 第202条): the day before the third
        # anniversary, give or take the end of February
        anniversary = current.term_starts.add(years=3)
        assert anniversary.subtract(days=2) <= last <= anniversary
        current = following


# -- members as mediators, the committee as an actor ---------------------------------------


def test_a_member_mediates_as_a_committee_member() -> None:
    member = committee().member("cm-wu")
    assert member is not None
    assert member.as_mediator() == Mediator(
        id="cm-wu", name="吴某", kind=MediatorKind.COMMITTEE_MEMBER
    )
    assert committee().member("cm-nobody") is None


def test_the_committee_takes_up_cases_as_a_department() -> None:
    assert committee().actor == Actor.department("c-pingzhai", "平寨村人民调解委员会")


# -- bad input -------------------------------------------------------------------------------


def test_every_bad_field_is_named_at_once() -> None:
    error = refusal(
        id=" ",
        name="",
        kind="village",
        chosen_by=None,
        members="杨某",
        term_starts=pendulum.datetime(2023, 3, 1, tz="Asia/Shanghai"),
        multi_ethnic="yes",
    )
    assert error.paths == (
        "id",
        "name",
        "kind",
        "chosen_by",
        "members",
        "term_starts",
        "multi_ethnic",
    )
    messages = [str(e) for e in error.errors]
    assert messages[2].startswith("kind: expected a CommitteeKind member, got str 'village'")
    assert messages[4] == "members: expected tuple of items, got str '杨某'"
    assert messages[5].startswith("term_starts: expected a pendulum.Date (a day, not an instant)")


def test_members_must_be_committee_members() -> None:
    mediator = Mediator(id="m-1", name="周某")
    error = refusal(members=(CHAIR, VICE, mediator), kind=CommitteeKind.ENTERPRISE)
    assert error.paths == ("members[2]", "chosen_by")
    assert "members[2]: expected CommitteeMember, got Mediator" in str(error)
    assert refusal(members=None).paths == ("members",)


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"id": ""}, "id"),
        ({"name": 3}, "name"),
        ({"role": "chair"}, "role"),
        ({"woman": 1}, "woman"),
        ({"smaller_ethnic_group": None}, "smaller_ethnic_group"),
    ],
)
def test_a_member_refuses_bad_fields(changes: dict[str, Any], path: str) -> None:
    fields: dict[str, Any] = {"id": "cm-1", "name": "吴某"}
    with pytest.raises(ValidationError) as info:
        CommitteeMember(**(fields | changes))
    assert info.value.paths == (path,)
    assert info.value.subject == "CommitteeMember"


@pytest.mark.parametrize("field", ["id", "name"])
def test_a_members_id_and_name_have_at_most_200_characters(field: str) -> None:
    fields: dict[str, Any] = {"id": "cm-1", "name": "吴某"}
    longest: dict[str, Any] = {**fields, field: "x" * 200}
    assert getattr(CommitteeMember(**longest), field) == "x" * 200
    too_long: dict[str, Any] = {**fields, field: "x" * 201}
    with pytest.raises(ValidationError) as info:
        CommitteeMember(**too_long)
    assert info.value.paths == (field,)


def test_a_committees_id_has_at_most_200_characters() -> None:
    assert committee(id="c" * 200).id == "c" * 200
    assert refusal(id="c" * 201).paths == ("id",)


def test_re_election_refuses_members_that_are_not_committee_members() -> None:
    first = committee()
    with pytest.raises(ValidationError) as info:
        first.re_elect(members=[CHAIR, VICE, "龙某"])  # type: ignore[list-item]
    assert info.value.paths == ("re_elect.members[2]",)
    assert first == committee()


def test_a_day_must_be_a_date() -> None:
    noon = pendulum.datetime(2024, 1, 1, 12, tz="Asia/Shanghai")
    with pytest.raises(ValidationError, match=r"in_office.on: expected a pendulum\.Date"):
        committee().in_office(noon)
    with pytest.raises(JicengError, match=r"re_elect.starts: expected a pendulum\.Date"):
        committee().re_elect(starts="2026-03-01")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"expected a pendulum\.Date"):
        committee().in_office("2024-01-01")  # type: ignore[arg-type]


# -- values: equality, serialisation, types ---------------------------------------------------


def test_a_committee_is_an_immutable_value() -> None:
    first = committee()
    assert first == committee(members=[CHAIR, VICE, LONG])
    assert hash(first) == hash(committee())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.name = "改名"  # type: ignore[misc]


def test_a_committee_round_trips_through_json() -> None:
    value = committee(multi_ethnic=True)
    document = json.loads(json.dumps(to_dict(value)))
    assert document["kind"] == "village"
    assert document["term_starts"] == "2023-03-01"
    assert from_dict(document, MediationCommittee) == value


def test_a_document_breaking_a_rule_is_refused() -> None:
    document = to_dict(committee())
    document["members"] = document["members"][:2]
    with pytest.raises(ValidationError, match="three to nine"):
        from_dict(document, MediationCommittee)


def test_the_public_api_is_typed() -> None:
    first = committee()
    assert_type(first.term_ends, pendulum.Date)
    assert_type(first.in_office(D(2024, 1, 1)), bool)
    assert_type(first.re_elect(), MediationCommittee)
    assert_type(first.chair, CommitteeMember)
    assert_type(first.member("cm-yang"), CommitteeMember | None)
    assert_type(CHAIR.as_mediator(), Mediator)
    assert_type(CommitteeKind.VILLAGE.electing_bodies, tuple[ElectingBody, ...])
