from __future__ import annotations

import json

import attrs
import pytest

from jiceng import CalendarDays, EndOfDay, Hours, Label, Source, TimeLimit, WorkingDays
from jiceng.exceptions import NotFoundError, ValidationError
from jiceng.grids import (
    GENERAL_CATEGORIES,
    JULU_SLA,
    CategoryClass,
    CategoryItem,
    CategoryTree,
    Department,
    GridEventPolicy,
    Priority,
    SlaPolicy,
    SlaRule,
)
from jiceng.serde import from_dict, to_dict
from tests.grids.fixtures import POLICY

LIMIT = TimeLimit(rule=CalendarDays(3), source=Source("test"))


def test_the_general_tree_has_4_classes() -> None:
    assert len(GENERAL_CATEGORIES.classes) == 4
    assert GENERAL_CATEGORIES.item_count == 16
    assert GENERAL_CATEGORIES.item("drain").label.zh == "下水道堵塞"
    assert GENERAL_CATEGORIES.class_of("drain").code == "city"
    assert "drain" in GENERAL_CATEGORIES
    assert "city" not in GENERAL_CATEGORIES  # a class is not an item
    assert not GENERAL_CATEGORIES.item("policy-inquiry").evidence_required


def test_an_unknown_category_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="unknown category 'ufo'"):
        GENERAL_CATEGORIES.item("ufo")


def test_category_codes_are_unique() -> None:
    item = CategoryItem(code="a", label=Label("甲", "A"))
    with pytest.raises(ValidationError) as info:
        CategoryTree(
            name="bad",
            label=Label("坏", "Bad"),
            source=Source("test"),
            classes=(
                CategoryClass(code="x", label=Label("x", "x"), items=(item, item)),
                CategoryClass(code="x", label=Label("x", "x"), items=()),
            ),
        )
    assert info.value.paths == ("classes[0].items[1].code", "classes[1].code")


def test_julu_emergencies_take_2_hours_and_inquiries_the_same_day() -> None:
    assert POLICY.limit_for("drain", Priority.EMERGENCY).rule == Hours(2)
    assert POLICY.limit_for("policy-inquiry", Priority.NORMAL).rule == EndOfDay()
    assert POLICY.limit_for("farming-inquiry", Priority.URGENT).rule == EndOfDay()
    assert POLICY.limit_for("drain", Priority.NORMAL).rule == WorkingDays(5)
    assert "巨鹿" in JULU_SLA.rules[0].limit.source.citation


def test_the_most_specific_sla_rule_wins() -> None:
    def limit(n: int) -> TimeLimit:
        return TimeLimit(rule=Hours(n), source=Source("test"))

    sla = SlaPolicy(
        name="layers",
        summons=LIMIT,
        rules=(
            SlaRule(limit=limit(1)),
            SlaRule(limit=limit(2), priority=Priority.URGENT),
            SlaRule(limit=limit(3), category="city"),
            SlaRule(limit=limit(4), category="city", priority=Priority.URGENT),
            SlaRule(limit=limit(5), category="drain"),
            SlaRule(limit=limit(6), category="drain", priority=Priority.URGENT),
        ),
    )
    policy = attrs.evolve(POLICY, sla=sla)
    found = {
        (item, p): policy.limit_for(item, p).rule.n  # type: ignore[union-attr]
        for item in ("drain", "road", "dispute")
        for p in (Priority.URGENT, Priority.NORMAL)
    }
    assert found == {
        ("drain", Priority.URGENT): 6,
        ("drain", Priority.NORMAL): 5,
        ("road", Priority.URGENT): 4,
        ("road", Priority.NORMAL): 3,
        ("dispute", Priority.URGENT): 2,
        ("dispute", Priority.NORMAL): 1,
    }


def test_an_sla_policy_needs_a_default_rule_and_no_repeats() -> None:
    with pytest.raises(ValidationError) as info:
        SlaPolicy(
            name="bad",
            summons=LIMIT,
            rules=(
                SlaRule(limit=LIMIT, category="drain"),
                SlaRule(limit=LIMIT, category="drain"),
            ),
        )
    assert info.value.paths == ("rules[1]", "rules")


def test_a_policy_checks_its_departments_and_sla_categories() -> None:
    sla = attrs.evolve(JULU_SLA, rules=(*JULU_SLA.rules, SlaRule(limit=LIMIT, category="ufo")))
    with pytest.raises(ValidationError) as info:
        attrs.evolve(
            POLICY,
            sla=sla,
            departments=(Department(id="a", name="甲"), Department(id="a", name="乙")),
        )
    assert info.value.paths == ("departments[1].id", "sla.rules[4].category")


def test_departments_are_looked_up_by_id() -> None:
    assert POLICY.department("d-water").name == "水务局"
    assert POLICY.has_department("d-cg")
    assert not POLICY.has_department("d-moon")
    with pytest.raises(NotFoundError, match="unknown department 'd-moon'; known: d-cg"):
        POLICY.department("d-moon")


def test_labels_of_priorities_and_channels() -> None:
    assert [p.zh for p in Priority] == ["紧急", "较急", "一般"]
    assert Priority.EMERGENCY.en == "Emergency"


def test_a_policy_round_trips_through_json() -> None:
    back = from_dict(json.loads(json.dumps(to_dict(POLICY))), GridEventPolicy)
    assert back == POLICY
    assert back.categories.item("drain") == POLICY.categories.item("drain")


def test_an_issue_raised_at_a_meeting_has_its_own_channel() -> None:
    from jiceng.grids import Channel

    assert Channel.MEETING.value == "meeting"
    assert (Channel.MEETING.zh, Channel.MEETING.en) == ("会议收集", "Raised at a meeting")


def test_limits_found_once_are_remembered_and_an_evolved_policy_looks_again() -> None:
    first = POLICY.limit_for("drain", Priority.NORMAL)
    assert POLICY.limit_for("drain", Priority.NORMAL) is first
    faster = TimeLimit(rule=Hours(1), source=Source("test"))
    sla = SlaPolicy(name="fast", summons=LIMIT, rules=(SlaRule(limit=faster),))
    assert attrs.evolve(POLICY, sla=sla).limit_for("drain", Priority.NORMAL) is faster
    assert POLICY.has_department("d-water")
    assert not POLICY.has_department("d-nowhere")


# -- the fields of the policy values ---------------------------------------------------------


def test_an_sla_rule_refuses_a_priority_given_as_its_string() -> None:
    with pytest.raises(ValidationError, match="expected a Priority member") as info:
        SlaRule(limit=LIMIT, priority="emergency")  # type: ignore[arg-type]
    assert info.value.paths == ("priority",)
    assert info.value.subject == "SlaRule"


def test_an_sla_rule_needs_a_time_limit() -> None:
    with pytest.raises(ValidationError) as info:
        SlaRule(limit=CalendarDays(3))  # type: ignore[arg-type]
    assert info.value.paths == ("limit",)


def test_a_department_needs_an_id_and_a_name() -> None:
    with pytest.raises(ValidationError) as info:
        Department(id="", name="水务局")
    assert info.value.paths == ("id",)
    with pytest.raises(ValidationError) as info:
        Department(id="d-water", name=" ")
    assert info.value.paths == ("name",)


def test_a_category_item_says_yes_or_no_to_evidence() -> None:
    with pytest.raises(ValidationError, match="expected True or False") as info:
        CategoryItem(code="drain", label=Label("下水道", "Drain"), evidence_required=1)  # type: ignore[arg-type]
    assert info.value.paths == ("evidence_required",)


def test_a_category_tree_holds_classes_of_items() -> None:
    with pytest.raises(ValidationError) as info:
        CategoryClass(code="city", label=Label("城管", "City"), items=["drain"])  # type: ignore[arg-type]
    assert info.value.paths == ("items",)
    with pytest.raises(ValidationError) as info:
        attrs.evolve(GENERAL_CATEGORIES, classes=(*GENERAL_CATEGORIES.classes, "city"))  # type: ignore[arg-type]
    assert info.value.paths == ("classes[4]",)


def test_an_sla_policy_needs_a_work_calendar() -> None:
    with pytest.raises(ValidationError) as info:
        attrs.evolve(JULU_SLA, calendar="weekends")  # type: ignore[arg-type]
    assert info.value.paths == ("calendar",)


def test_a_policy_checks_the_type_of_its_parts() -> None:
    with pytest.raises(ValidationError) as info:
        attrs.evolve(POLICY, departments=("d-water",))  # type: ignore[arg-type]
    assert info.value.paths == ("departments[0]",)
    with pytest.raises(ValidationError) as info:
        attrs.evolve(POLICY, sla=LIMIT)  # type: ignore[arg-type]
    assert info.value.paths == ("sla",)
