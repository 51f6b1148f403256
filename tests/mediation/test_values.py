from __future__ import annotations

from typing import Any

import pendulum
import pytest

from jiceng import Label
from jiceng.exceptions import ValidationError
from jiceng.mediation import (
    Attendee,
    AttendeeRole,
    Dispute,
    DisputeKind,
    Mediator,
    MediatorKind,
    Obligation,
    Origin,
    OriginKind,
    Party,
    PartyKind,
    Responsibility,
    Terms,
)
from jiceng.mediation.records import Agreement, FollowUp, ObligationStatus, Performance
from tests.mediation.cases import T0, obligations

D = pendulum.Date


def test_enums_carry_chinese_and_english_labels() -> None:
    assert MediatorKind.ELDER_PANEL.label == Label("老年调解员（七老联调）", "Elder panel mediator")
    assert PartyKind.ORGANISATION.zh == "法人或其他组织"


def test_medical_disputes_are_a_kind_of_their_own() -> None:
    # 贵阳's professional committees include one for 医患纠纷 (seed 001)
    assert DisputeKind.MEDICAL.value == "medical"
    assert DisputeKind.MEDICAL.label == Label("医疗纠纷（医患纠纷）", "Medical (doctor-patient)")
    assert Dispute(kind=DisputeKind.MEDICAL, facts="术后感染赔偿").kind.zh.startswith("医疗纠纷")


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: Party(id=" ", name="颜某"), "id"),
        (lambda: Party(id="p", name=""), "name"),
        (lambda: Mediator(id="m", name=" "), "name"),
        (lambda: Dispute(kind=DisputeKind.LAND, facts=""), "facts"),
        (lambda: Attendee(id="a", name="", role=AttendeeRole.OFFICIAL), "name"),
        (lambda: Responsibility(party="p", text=""), "text"),
        (lambda: Terms(clauses=()), "clauses"),
        (lambda: Terms(clauses=("ok", " ")), "clauses[1]"),
        (lambda: Terms(clauses="以老界石为界"), "clauses"),
        (lambda: Obligation(id="O", obligor="p", what="w", method="m", due=T0), "due"),
    ],
)
def test_input_values_refuse_empty_or_mistyped_fields(build: object, path: str) -> None:
    with pytest.raises(ValidationError) as info:
        build()  # type: ignore[operator]
    assert info.value.paths == (path,)


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: Party(id="p", name="颜某", kind="person"), "kind"),  # type: ignore[arg-type]
        (lambda: Mediator(id="m", name="梁正明", kind="elder_panel"), "kind"),  # type: ignore[arg-type]
        (lambda: Dispute(kind="land", facts="地界"), "kind"),  # type: ignore[arg-type]
        (lambda: Attendee(id="a", name="乡贤", role="respected_local"), "role"),  # type: ignore[arg-type]
        (lambda: Origin(kind="petition", ref="XF-1"), "kind"),  # type: ignore[arg-type]
    ],
)
def test_input_values_refuse_an_enum_given_as_its_string(build: object, path: str) -> None:
    with pytest.raises(ValidationError) as info:
        build()  # type: ignore[operator]
    assert info.value.paths == (path,)
    assert "not its value" in str(info.value)


@pytest.mark.parametrize(
    "build",
    [
        lambda n: Party(id="p" * n, name="颜某"),
        lambda n: Party(id="p", name="颜" * n),
        lambda n: Mediator(id="m" * n, name="周主任"),
        lambda n: Attendee(id="a" * n, name="乡贤", role=AttendeeRole.RESPECTED_LOCAL),
        lambda n: Origin(kind=OriginKind.PETITION, ref="X" * n),
        lambda n: Obligation(id="O", obligor="p" * n, what="w", method="m", due=D(2020, 6, 1)),
        lambda n: Responsibility(party="p" * n, text="责任"),
    ],
)
def test_ids_and_names_have_at_most_200_characters(build: Any) -> None:
    build(200)
    with pytest.raises(ValidationError, match="must be at most 200 characters, got 201"):
        build(201)


def test_terms_state_at_least_one_clause_by_article() -> None:
    with pytest.raises(ValidationError) as info:
        Terms(clauses=[])
    assert info.value.paths == ("clauses",)
    assert "人民调解法(2010) 第29条第1款第3项" in str(info.value)


def test_terms_keep_lists_as_tuples_and_refuse_what_is_not_an_obligation() -> None:
    terms = Terms(clauses=["以老界石为界"], obligations=list(obligations(D(2020, 6, 1))))
    assert terms.clauses == ("以老界石为界",)
    assert type(terms.obligations) is tuple
    with pytest.raises(ValidationError) as info:
        Terms(clauses=("和解",), obligations=["O-1"])  # type: ignore[list-item]
    assert info.value.paths == ("obligations[0]",)


def test_obligations_of_the_terms_have_distinct_ids() -> None:
    twice = obligations(D(2020, 6, 1))
    with pytest.raises(ValidationError) as info:
        Terms(clauses=("和解",), obligations=twice + twice)
    assert info.value.paths == ("obligations[1].id",)


@pytest.mark.parametrize("kind", [k for k in OriginKind if k is not OriginKind.OWN_INITIATIVE])
def test_an_origin_other_than_own_initiative_names_its_source(kind: OriginKind) -> None:
    with pytest.raises(ValidationError, match="needs the id it comes from"):
        Origin(kind=kind)
    with pytest.raises(ValidationError, match="ref: must not be empty"):
        Origin(kind=kind, ref=" ")
    assert Origin(kind=kind, ref="X-1").ref == "X-1"


def test_the_committees_own_initiative_refers_to_nothing() -> None:
    with pytest.raises(ValidationError, match="refers to nothing"):
        Origin(kind=OriginKind.OWN_INITIATIVE, ref="XF-1")
    assert Origin(kind=OriginKind.OWN_INITIATIVE).ref is None


def agreement(**changes: object) -> Agreement:
    terms = Terms(clauses=("和解",), obligations=obligations(D(2020, 5, 20), D(2020, 5, 25)))
    return Agreement(terms=terms, agreed_at=T0, **changes)  # type: ignore[arg-type]


def test_an_agreement_knows_each_obligations_status() -> None:
    value = agreement(
        performances=(Performance(obligation="O-1", on=D(2020, 5, 20)),),
        breached=frozenset({"O-2"}),
    )
    first, second = value.terms.obligations
    assert value.status(first) is ObligationStatus.PERFORMED
    assert value.status(second) is ObligationStatus.BREACHED
    assert value.obligation("O-9") is None
    assert not value.fully_performed()
    assert value.overdue(D(2020, 5, 25)) == ()
    assert value.overdue(D(2020, 5, 26)) == (second,)


def test_performed_late_counts_as_performed_but_not_on_time() -> None:
    value = agreement(
        performances=(
            Performance(obligation="O-1", on=D(2020, 5, 20)),
            Performance(obligation="O-2", on=D(2020, 5, 26)),
        )
    )
    assert value.fully_performed()
    assert not value.fully_performed(on_time=True)
    assert ObligationStatus.PERFORMED_LATE.performed
    assert not ObligationStatus.BREACHED.performed


def test_an_agreement_without_obligations_is_performed() -> None:
    assert Agreement(terms=Terms(clauses=("互相道歉",)), agreed_at=T0).fully_performed(on_time=True)


def test_follow_ups_due_are_the_planned_visits_whose_day_has_passed() -> None:
    planned = FollowUp(planned_on=D(2020, 5, 26))
    made = FollowUp(planned_on=D(2020, 5, 20), visited_at=T0, note="已回访")
    unplanned = FollowUp(visited_at=T0, note="顺访")
    value = agreement(follow_ups=(planned, made, unplanned))
    assert value.follow_ups_due(D(2020, 5, 26)) == ()
    assert value.follow_ups_due(D(2020, 5, 27)) == (planned,)
