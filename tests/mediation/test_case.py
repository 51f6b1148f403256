from __future__ import annotations

import json
from collections.abc import Callable

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Months, replay
from jiceng.exceptions import ChronologyError, ValidationError
from jiceng.mediation import (
    NINGBO_POLICY,
    Attendee,
    AttendeeRole,
    Dispute,
    DisputeKind,
    Invitee,
    Mark,
    MediationCase,
    MediationState,
    Mediator,
    MediatorKind,
    Obligation,
    Origin,
    OriginKind,
    Publicity,
    Responsibility,
    Route,
    SessionKind,
    TerminationGround,
    Terms,
)
from jiceng.mediation.events import CaseOpened
from jiceng.mediation.records import CourtRoute, Outcome
from jiceng.serde import from_dict, to_dict
from jiceng.testing import Command, random_walk
from tests.mediation.cases import (
    CLERK,
    COMMITTEE,
    LIU,
    MEDIATOR_ATTENDS,
    PARTY_IDS,
    T0,
    YAN,
    ZHOU,
    agreed,
    attendee,
    day,
    in_force,
    mediating,
    opened,
    signing,
)

D = pendulum.Date


def open_case(**changes: object) -> MediationCase:
    arguments: dict[str, object] = {
        "id": "HQ-1",
        "parties": (YAN, LIU),
        "dispute": Dispute(kind=DisputeKind.LAND, facts="地界"),
        "origin": Origin(kind=OriginKind.OWN_INITIATIVE),
        "committee": COMMITTEE,
        "by": CLERK,
        "at": T0,
    }
    arguments.update(changes)
    return MediationCase.open(**arguments)  # type: ignore[arg-type]


# -- opening ---------------------------------------------------------------------------


def test_an_opened_case_is_being_mediated_within_a_month() -> None:
    case = opened()
    assert case.state is MediationState.MEDIATING
    assert case.deadline.due.to_date_string() == "2020-06-11"
    assert case.consents == frozenset()
    assert case.outcome is None
    assert case.duration is None
    assert case.confirmation_deadline is None
    assert isinstance(case.history[0], CaseOpened)


def test_a_case_from_another_workflow_names_it_by_id() -> None:
    case = open_case(origin=Origin(kind=OriginKind.PETITION, ref="XF-2020-0007"))
    assert case.origin.ref == "XF-2020-0007"


def test_a_dispute_has_at_least_two_parties_with_distinct_ids() -> None:
    with pytest.raises(ValidationError) as info:
        open_case(parties=(YAN, YAN, YAN))
    assert info.value.paths == ("open.parties[1].id", "open.parties[2].id")
    with pytest.raises(ValidationError) as info:
        open_case(id=" ")
    assert info.value.paths == ("open.id",)
    with pytest.raises(ValidationError, match="a dispute has two parties or more, not 1"):
        open_case(parties=(YAN,))


def test_a_case_id_has_at_most_200_characters() -> None:
    assert open_case(id="X" * 200).id == "X" * 200
    with pytest.raises(ValidationError) as info:
        open_case(id="X" * 201)
    assert info.value.paths == ("open.id",)
    assert "must be at most 200 characters, got 201" in str(info.value)


def test_a_session_id_has_at_most_200_characters() -> None:
    def schedule(case: MediationCase, session_id: str) -> MediationCase:
        return case.schedule_session(
            session_id=session_id,
            kind=SessionKind.ROOM,
            place="调解室",
            scheduled_for=day(1),
            by=CLERK,
            at=T0,
        )

    case = mediating()
    assert schedule(case, "S" * 200).session("S" * 200) is not None
    with pytest.raises(ValidationError) as info:
        schedule(case, "S" * 201)
    assert info.value.paths == ("schedule_session.session_id",)
    assert replay(case.history) == case == mediating()


@pytest.mark.parametrize(
    ("command", "path", "article"),
    [
        (
            lambda c: c.refuse(party="p-yan", routes=frozenset(), by=CLERK, at=T0),
            "refuse.routes",
            "人民调解法(2010) 第26条",
        ),
        (
            lambda c: c.extend_time_limit(
                requested_by=set(), length=Months(1), by=CLERK, at=T0, reason="等"
            ),
            "extend_time_limit.requested_by",
            "宁波市人民调解条例(2015) 第27条",
        ),
    ],
)
def test_an_empty_collection_the_law_needs_filled_is_refused_with_its_article(
    command: Callable[[MediationCase], MediationCase], path: str, article: str
) -> None:
    case = mediating()
    with pytest.raises(ValidationError) as info:
        command(case)
    assert info.value.paths == (path,)
    assert article in str(info.value)
    assert replay(case.history) == case == mediating()


def test_a_written_agreement_names_its_disputed_matters_by_article() -> None:
    case = agreed()
    with pytest.raises(ValidationError) as info:
        case.draw_up_agreement(
            facts="事实", disputed_matters=(), responsibilities=(), by=CLERK, at=day(5)
        )
    assert info.value.paths == ("draw_up_agreement.disputed_matters",)
    assert "人民调解法(2010) 第29条第1款第2项" in str(info.value)
    assert replay(case.history) == case == agreed()


def test_a_joint_application_names_its_applicants_by_article() -> None:
    case = in_force()
    with pytest.raises(ValidationError) as info:
        case.apply_for_confirmation(applicants=(), court="法院", by=CLERK, at=day(7))
    assert info.value.paths == ("apply_for_confirmation.applicants",)
    assert "人民调解法(2010) 第33条第1款" in str(info.value)
    assert replay(case.history) == case == in_force()


def test_terminate_refuses_a_ground_given_as_its_string() -> None:
    case = mediating()
    with pytest.raises(ValidationError) as info:
        case.terminate(
            ground="failed",  # type: ignore[arg-type]
            routes=[Route.LITIGATION],
            by=CLERK,
            at=T0,
        )
    assert info.value.paths == ("terminate.ground",)
    assert replay(case.history) == case == mediating()


def test_an_application_comes_from_a_party() -> None:
    with pytest.raises(ValidationError, match="the applicant 'p-x' is not a party"):
        open_case(origin=Origin(kind=OriginKind.APPLICATION, ref="p-x"))
    case = open_case(origin=Origin(kind=OriginKind.APPLICATION, ref="p-yan"))
    assert case.consents == frozenset({"p-yan"})


# -- commands refuse bad arguments before anything is recorded ---------------------------


@pytest.mark.parametrize(
    ("command", "path"),
    [
        (lambda c: c.refuse(party="p-yan", routes=[], by=CLERK, at=T0), "refuse.routes"),
        (
            lambda c: c.refuse(party="p-yan", routes=["litigation"], by=CLERK, at=T0),
            "refuse.routes[0]",
        ),
        (
            lambda c: c.extend_time_limit(
                requested_by="p-yan", length=Months(1), by=CLERK, at=T0, reason="等"
            ),
            "extend_time_limit.requested_by",
        ),
        (
            lambda c: c.terminate(
                ground=TerminationGround.PARTY_REFUSED, routes=[Route.LITIGATION], by=CLERK, at=T0
            ),
            "terminate.ground",
        ),
        (
            lambda c: c.terminate(ground=TerminationGround.FAILED, routes=(), by=CLERK, at=T0),
            "terminate.routes",
        ),
        (
            lambda c: c.schedule_session(
                session_id="S", kind=SessionKind.ROOM, place=" ", scheduled_for=T0, by=CLERK, at=T0
            ),
            "schedule_session.place",
        ),
        (
            lambda c: c.schedule_session(
                session_id="S",
                kind=SessionKind.ROOM,
                place="调解室",
                scheduled_for=T0.subtract(minutes=1),
                by=CLERK,
                at=T0,
            ),
            "schedule_session.scheduled_for",
        ),
        (
            lambda c: c.schedule_session(
                session_id="S",
                kind=SessionKind.ROOM,
                place="调解室",
                scheduled_for=pendulum.naive(2020, 6, 1),
                by=CLERK,
                at=T0,
            ),
            "schedule_session.scheduled_for",
        ),
        (
            lambda c: c.hold_session(session_id="S", attendees=(), record="", by=CLERK, at=T0),
            "hold_session.record",
        ),
        (
            lambda c: c.hold_session(
                session_id="S", attendees=["颜某"], record="记录", by=CLERK, at=T0
            ),
            "hold_session.attendees[0]",
        ),
        (
            lambda c: c.report_risk(
                risk="激化", reported_to="派出所", measures=["", "x"], by=CLERK, at=T0
            ),
            "report_risk.measures[0]",
        ),
        (
            lambda c: c.report_risk(risk=" ", reported_to="派出所", by=CLERK, at=T0),
            "report_risk.risk",
        ),
        (
            lambda c: c.extend_time_limit(
                requested_by=(), length=Months(1), by=CLERK, at=T0, reason="等"
            ),
            "extend_time_limit.requested_by",
        ),
        (
            lambda c: c.extend_time_limit(
                requested_by=PARTY_IDS, length=Months(1), by=CLERK, at=T0, reason=""
            ),
            "extend_time_limit.reason",
        ),
        (
            lambda c: c.propose_terms(
                Terms(
                    clauses=("和解",),
                    obligations=(
                        Obligation(
                            id="O-1", obligor="p-yan", what="w", method="m", due=D(2020, 5, 10)
                        ),
                    ),
                ),
                by=CLERK,
                at=T0,
            ),
            "propose_terms.terms.obligations[0].due",
        ),
    ],
)
def test_bad_arguments_are_refused_and_nothing_changes(
    command: Callable[[MediationCase], MediationCase], path: str
) -> None:
    case = mediating()
    before = case.history
    with pytest.raises(ValidationError) as info:
        command(case)
    assert info.value.paths == (path,)
    assert case.history is before
    assert replay(case.history) == case == mediating()


@pytest.mark.parametrize(
    ("command", "path"),
    [
        (
            lambda c: c.draw_up_agreement(
                facts="", disputed_matters=["地界"], responsibilities=(), by=CLERK, at=day(5)
            ),
            "draw_up_agreement.facts",
        ),
        (
            lambda c: c.draw_up_agreement(
                facts="事实", disputed_matters=[], responsibilities=(), by=CLERK, at=day(5)
            ),
            "draw_up_agreement.disputed_matters",
        ),
        (
            lambda c: c.draw_up_agreement(
                facts="事实", disputed_matters="地界", responsibilities=(), by=CLERK, at=day(5)
            ),
            "draw_up_agreement.disputed_matters",
        ),
    ],
)
def test_a_written_agreement_states_the_facts_and_the_disputed_matters(
    command: Callable[[MediationCase], MediationCase], path: str
) -> None:
    with pytest.raises(ValidationError) as info:
        command(agreed())
    assert info.value.paths == (path,)


@pytest.mark.parametrize(
    ("command", "path"),
    [
        (lambda c: c.plan_follow_up(on=D(2020, 5, 17), by=CLERK, at=day(7)), "plan_follow_up.on"),
        (lambda c: c.plan_follow_up(on=T0, by=CLERK, at=day(7)), "plan_follow_up.on"),
        (lambda c: c.follow_up(note="", by=CLERK, at=day(7)), "follow_up.note"),
        (
            lambda c: c.record_performance(
                obligation="O-1", on=D(2020, 5, 19), by=CLERK, at=day(7)
            ),
            "record_performance.on",
        ),
        (
            lambda c: c.record_breach(obligation="O-1", by=CLERK, at=day(7), reason=""),
            "record_breach.reason",
        ),
        (
            lambda c: c.apply_for_confirmation(applicants=PARTY_IDS, court="", by=CLERK, at=day(7)),
            "apply_for_confirmation.court",
        ),
        (
            lambda c: c.apply_for_confirmation(applicants=[], court="法院", by=CLERK, at=day(7)),
            "apply_for_confirmation.applicants",
        ),
        (lambda c: c.reopen(by=CLERK, at=day(7), reason=" "), "reopen.reason"),
    ],
)
def test_bad_arguments_after_the_agreement_are_refused(
    command: Callable[[MediationCase], MediationCase], path: str
) -> None:
    case = in_force()
    with pytest.raises(ValidationError) as info:
        command(case)
    assert info.value.paths == (path,)


def test_the_courts_decision_names_its_document_and_a_refusal_its_ground() -> None:
    applied = in_force().apply_for_confirmation(
        applicants=PARTY_IDS, court="法院", by=CLERK, at=day(8)
    )
    with pytest.raises(ValidationError, match=r"confirm_agreement\.decision: must not be empty"):
        applied.confirm_agreement(decision="", by=COMMITTEE, at=day(9))
    with pytest.raises(ValidationError, match=r"refuse_confirmation\.reason: must not be empty"):
        applied.refuse_confirmation(decision="(2020)民特1号", by=COMMITTEE, at=day(9), reason="")


def test_a_command_dated_before_the_last_event_is_refused() -> None:
    case = mediating().consent(party="p-yan", by=CLERK, at=day(1))
    with pytest.raises(ChronologyError):
        case.consent(party="p-liu", by=CLERK, at=T0)


# -- what the case remembers ---------------------------------------------------------------


def test_risk_reports_are_kept_in_order() -> None:
    case = mediating().report_risk(
        risk="扬言报复", reported_to="湖泉派出所", measures=["稳控"], by=CLERK, at=day(1)
    )
    case = case.report_risk(risk="再次争执", reported_to="湖泉派出所", by=CLERK, at=day(2))
    assert [(r.risk, r.measures) for r in case.risk_reports] == [
        ("扬言报复", ("稳控",)),
        ("再次争执", ()),
    ]


def test_a_refusal_before_signing_ends_the_case_with_the_routes_told() -> None:
    case = signing().refuse(
        party="p-liu", routes=[Route.LITIGATION, Route.OTHER_COMMITTEE], by=CLERK, at=day(5)
    )
    assert case.state is MediationState.TERMINATED
    assert case.outcome is Outcome.TERMINATED
    assert case.termination is not None
    assert case.termination.party == "p-liu"
    assert case.termination.routes == {Route.LITIGATION, Route.OTHER_COMMITTEE}
    assert case.duration == pendulum.duration(days=5)


def test_a_visit_makes_the_earliest_planned_one_or_is_added_unplanned() -> None:
    case = in_force()
    case = case.plan_follow_up(on=D(2020, 6, 1), by=CLERK, at=day(7))
    case = case.plan_follow_up(on=D(2020, 5, 26), by=CLERK, at=day(7))
    case = case.follow_up(note="已清理", by=CLERK, at=day(15))
    case = case.follow_up(note="界墙在砌", by=CLERK, at=day(21))
    case = case.follow_up(note="顺访", by=CLERK, at=day(22))
    assert case.agreement is not None
    assert [(f.planned_on, f.note) for f in case.agreement.follow_ups] == [
        (D(2020, 6, 1), "界墙在砌"),
        (D(2020, 5, 26), "已清理"),
        (None, "顺访"),
    ]


def test_a_withdrawn_application_can_be_made_again_within_the_window() -> None:
    applied = in_force().apply_for_confirmation(
        applicants=PARTY_IDS, court="法院", by=CLERK, at=day(8)
    )
    assert applied.agreement is not None
    assert applied.agreement.confirmation is not None
    withdrawn = applied.withdraw_confirmation(party="p-liu", by=CLERK, at=day(9))
    assert withdrawn.state is MediationState.IN_FORCE
    assert withdrawn.agreement is not None
    assert withdrawn.agreement.confirmation is None
    again = withdrawn.apply_for_confirmation(
        applicants=PARTY_IDS, court="法院", by=CLERK, at=day(10)
    )
    assert again.state is MediationState.CONFIRMATION_APPLIED


def test_a_refused_confirmation_leads_to_mediation_afresh_or_a_lawsuit() -> None:
    refused = (
        in_force()
        .apply_for_confirmation(applicants=PARTY_IDS, court="法院", by=CLERK, at=day(8))
        .refuse_confirmation(
            decision="(2020)民特2号", by=COMMITTEE, at=day(12), reason="内容不明确，无法确认"
        )
    )
    assert refused.agreement is not None
    assert refused.agreement.confirmation is not None
    assert refused.agreement.confirmation.confirmed is False
    assert refused.refer_to_court(by=CLERK, at=day(13)).court_route is CourtRoute.LITIGATION
    again = refused.reopen(by=CLERK, at=day(13), reason="重新调解，明确协议内容")
    assert again.state is MediationState.MEDIATING
    assert again.agreement is None
    assert again.outcome is None
    assert again.deadline.started == day(13)
    assert again.mediators == (ZHOU,)


def test_outcome_and_duration_of_an_agreement_in_force() -> None:
    case = in_force()
    assert case.outcome is Outcome.AGREEMENT
    assert case.duration == pendulum.duration(days=7)
    assert case.party_name("p-yan") == "颜某 (p-yan)"
    assert case.party_name("p-x") == "'p-x'"


def test_the_history_replays_to_the_case() -> None:
    case = (
        in_force(D(2020, 5, 25))
        .record_performance(obligation="O-1", on=D(2020, 5, 27), by=CLERK, at=day(16))
        .close(by=CLERK, at=day(16))
    )
    assert replay(case.history, MediationCase) == case


def test_a_case_round_trips_through_json() -> None:
    case = (
        mediating()
        .extend_time_limit(
            requested_by=PARTY_IDS, length=Months(1), by=COMMITTEE, at=day(1), reason="等测量"
        )
        .report_risk(risk="激化", reported_to="派出所", measures=["稳控"], by=CLERK, at=day(1))
        .schedule_session(
            session_id="S-1",
            kind=SessionKind.HOUSE_MEETING,
            place="屋场",
            scheduled_for=day(2, 19),
            by=CLERK,
            at=day(1),
        )
        .propose_mediator(
            Mediator(id="m-liang", name="梁正明", kind=MediatorKind.ELDER_PANEL),
            party="p-liu",
            by=CLERK,
            at=day(2),
        )
    )
    agreed_case = in_force().plan_follow_up(on=D(2020, 5, 26), by=CLERK, at=day(7))
    for value in (case, agreed_case):
        document = json.loads(json.dumps(to_dict(value)))
        assert from_dict(document, MediationCase) == value


# -- random walks ------------------------------------------------------------------------

STRANGER = "p-x"
ELDER = Mediator(id="m-liang", name="梁正明", kind=MediatorKind.ELDER_PANEL)
MEDIATORS = (ZHOU, ELDER, Mediator(id="p-yan", name="颜某"))
PEOPLE = (*PARTY_IDS, STRANGER)
SIGNERS = (*PEOPLE, ZHOU.id, ELDER.id)
CANDIDATES = (
    attendee(YAN),
    attendee(LIU),
    MEDIATOR_ATTENDS,
    Attendee(id=ELDER.id, name=ELDER.name, role=AttendeeRole.MEDIATOR),
    Attendee(id=STRANGER, name="某人", role=AttendeeRole.PARTY),
    Attendee(id="x-1", name="老党员", role=AttendeeRole.PARTY_MEMBER),
    Attendee(id="e-1", name="测量员", role=AttendeeRole.EXPERT),
    Attendee(id="r-1", name="颜某之子", role=AttendeeRole.RELATIVE),
)
INVITEES = (
    Invitee(id="e-1", name="测量员", capacity=AttendeeRole.EXPERT),
    Invitee(id="r-1", name="颜某之子", capacity=AttendeeRole.RELATIVE),
    Invitee(id="x-1", name="老党员", capacity=AttendeeRole.PARTY_MEMBER),
    Invitee(id="p-yan", name="颜某", capacity=AttendeeRole.NEIGHBOUR),
)
INVITEE_IDS = (*(i.id for i in INVITEES), "q-9")


def _at(data: st.DataObject, case: MediationCase) -> pendulum.DateTime:
    # Mostly forward in time (up to two days a step), sometimes backwards.
    minutes = data.draw(st.integers(0, 2 * 24 * 60), label="minutes")
    if data.draw(st.integers(0, 9), label="backwards") == 0:
        minutes = -1 - minutes % 120
    return case.last_changed.add(minutes=minutes)


def _person(data: st.DataObject) -> str:
    return data.draw(st.sampled_from(PEOPLE), label="party")


def _group(data: st.DataObject) -> list[str]:
    """Every party, half the time; otherwise some of the parties and a stranger."""
    some: st.SearchStrategy[list[str]] = st.lists(st.sampled_from(PEOPLE), min_size=1, unique=True)
    every: st.SearchStrategy[list[str]] = st.just(list(PARTY_IDS))
    return data.draw(st.one_of(every, some), label="group")


def _propose_terms(case: MediationCase, data: st.DataObject) -> MediationCase:
    at = _at(data, case)
    due = case.local_day(at).add(days=data.draw(st.sampled_from((0, 1, 10, 40)), label="due"))
    obligor = data.draw(st.sampled_from(("p-yan", "p-liu", "p-liu", STRANGER)), label="obligor")
    terms = Terms(
        clauses=("以老界石为界",),
        obligations=(
            Obligation(id="O-1", obligor=obligor, what="退让", method="自行", due=due),
            Obligation(id="O-2", obligor="p-liu", what="清理", method="自行", due=due),
        ),
    )
    party = data.draw(st.sampled_from((None, "p-yan", STRANGER)), label="proposer")
    return case.propose_terms(terms, party=party, by=CLERK, at=at)


def _accept(case: MediationCase, data: st.DataObject) -> MediationCase:
    return case.accept_proposal(party=_person(data), by=CLERK, at=_at(data, case))


def _schedule(case: MediationCase, data: st.DataObject) -> MediationCase:
    at = _at(data, case)
    return case.schedule_session(
        session_id=data.draw(st.sampled_from(("S-1", "S-2")), label="session"),
        kind=data.draw(st.sampled_from(SessionKind), label="kind"),
        place="屋场",
        scheduled_for=at.add(hours=data.draw(st.integers(0, 48), label="hours")),
        by=CLERK,
        at=at,
        publicity=data.draw(st.sampled_from((None, *Publicity)), label="publicity"),
    )


def _answer(case: MediationCase, data: st.DataObject, agree: bool) -> MediationCase:
    party, at = _person(data), _at(data, case)
    invitee = data.draw(st.sampled_from(INVITEE_IDS), label="invitee")
    if agree:
        return case.accept_invitee(party=party, invitee=invitee, by=CLERK, at=at)
    return case.refuse_invitee(party=party, invitee=invitee, by=CLERK, at=at, reason="不便")


def _reschedule(case: MediationCase, data: st.DataObject) -> MediationCase:
    at = _at(data, case)
    return case.reschedule_session(
        session_id=data.draw(st.sampled_from(("S-1", "S-2")), label="session"),
        scheduled_for=at.add(hours=data.draw(st.integers(0, 48), label="hours")),
        reason="当事人外出",
        by=CLERK,
        at=at,
    )


def _hold(case: MediationCase, data: st.DataObject) -> MediationCase:
    return case.hold_session(
        session_id=data.draw(st.sampled_from(("S-1", "S-2")), label="session"),
        attendees=data.draw(
            st.one_of(
                st.lists(st.sampled_from(CANDIDATES), max_size=6),
                st.lists(st.sampled_from(CANDIDATES[3:]), unique=True).map(
                    lambda others: [*CANDIDATES[:3], *others]
                ),
            ),
            label="who",
        ),
        record="记录",
        by=CLERK,
        at=_at(data, case),
    )


def _draw_up(case: MediationCase, data: st.DataObject) -> MediationCase:
    parties = data.draw(st.lists(st.sampled_from(PEOPLE), max_size=3), label="responsible")
    return case.draw_up_agreement(
        facts="事实",
        disputed_matters=("地界",),
        responsibilities=[Responsibility(party=p, text="责任") for p in parties],
        by=CLERK,
        at=_at(data, case),
    )


def _plan(case: MediationCase, data: st.DataObject) -> MediationCase:
    at = _at(data, case)
    on = case.local_day(at).add(days=data.draw(st.integers(0, 20), label="in"))
    return case.plan_follow_up(on=on, by=CLERK, at=at)


def _perform(case: MediationCase, data: st.DataObject) -> MediationCase:
    at = _at(data, case)
    return case.record_performance(
        obligation=data.draw(st.sampled_from(("O-1", "O-2", "O-3")), label="obligation"),
        on=case.local_day(at).subtract(days=data.draw(st.integers(0, 10), label="ago")),
        by=CLERK,
        at=at,
    )


COMMANDS: dict[str, Command[MediationCase]] = {
    "consent": lambda c, d: c.consent(party=_person(d), by=CLERK, at=_at(d, c)),
    "refuse": lambda c, d: c.refuse(
        party=_person(d), routes=[Route.LITIGATION], by=CLERK, at=_at(d, c)
    ),
    "assign_mediator": lambda c, d: c.assign_mediator(
        d.draw(st.sampled_from(MEDIATORS)), by=COMMITTEE, at=_at(d, c)
    ),
    "propose_mediator": lambda c, d: c.propose_mediator(
        d.draw(st.sampled_from(MEDIATORS)), party=_person(d), by=CLERK, at=_at(d, c)
    ),
    "propose_terms": _propose_terms,
    "accept_proposal": _accept,
    "choose_mediator": _accept,
    "agree_terms": _accept,
    "reject_proposal": lambda c, d: c.reject_proposal(party=_person(d), by=CLERK, at=_at(d, c)),
    "invite": lambda c, d: c.invite(
        d.draw(st.sampled_from(INVITEES)),
        mediator=d.draw(st.sampled_from((ZHOU.id, ELDER.id))),
        by=CLERK,
        at=_at(d, c),
    ),
    "accept_invitee": lambda c, d: _answer(c, d, agree=True),
    "refuse_invitee": lambda c, d: _answer(c, d, agree=False),
    "request_publicity": lambda c, d: c.request_publicity(
        party=_person(d), publicity=d.draw(st.sampled_from(Publicity)), by=CLERK, at=_at(d, c)
    ),
    "schedule_session": _schedule,
    "reschedule_session": _reschedule,
    "hold_session": _hold,
    "report_risk": lambda c, d: c.report_risk(
        risk="激化", reported_to="派出所", by=CLERK, at=_at(d, c)
    ),
    "extend_time_limit": lambda c, d: c.extend_time_limit(
        requested_by=_group(d),
        length=Months(d.draw(st.integers(1, 2))),
        by=COMMITTEE,
        at=_at(d, c),
        reason="等测量",
    ),
    "terminate": lambda c, d: c.terminate(
        ground=d.draw(
            st.sampled_from(
                [g for g in TerminationGround if g is not TerminationGround.PARTY_REFUSED]
            )
        ),
        routes=[Route.LITIGATION],
        by=COMMITTEE,
        at=_at(d, c),
    ),
    "record_oral_agreement": lambda c, d: c.record_oral_agreement(
        mediator=d.draw(st.sampled_from(SIGNERS)), by=CLERK, at=_at(d, c)
    ),
    "draw_up_agreement": _draw_up,
    "sign_agreement": lambda c, d: c.sign_agreement(
        signer=d.draw(st.sampled_from(SIGNERS)),
        mark=d.draw(st.sampled_from(Mark)),
        by=CLERK,
        at=_at(d, c),
    ),
    "seal_agreement": lambda c, d: c.seal_agreement(by=COMMITTEE, at=_at(d, c)),
    "plan_follow_up": _plan,
    "follow_up": lambda c, d: c.follow_up(note="回访", by=CLERK, at=_at(d, c)),
    "record_performance": _perform,
    "record_breach": lambda c, d: c.record_breach(
        obligation=d.draw(st.sampled_from(("O-1", "O-2", "O-3"))),
        by=CLERK,
        at=_at(d, c),
        reason="未履行",
    ),
    "apply_for_confirmation": lambda c, d: c.apply_for_confirmation(
        applicants=_group(d), court="法院", by=CLERK, at=_at(d, c)
    ),
    "withdraw_confirmation": lambda c, d: c.withdraw_confirmation(
        party=_person(d), by=CLERK, at=_at(d, c)
    ),
    "confirm_agreement": lambda c, d: c.confirm_agreement(
        decision="(2020)民特1号", by=COMMITTEE, at=_at(d, c)
    ),
    "refuse_confirmation": lambda c, d: c.refuse_confirmation(
        decision="(2020)民特2号", by=COMMITTEE, at=_at(d, c), reason="内容不明确"
    ),
    "reopen": lambda c, d: c.reopen(by=CLERK, at=_at(d, c), reason="重新调解"),
    "refer_to_court": lambda c, d: c.refer_to_court(by=CLERK, at=_at(d, c)),
    "close": lambda c, d: c.close(by=CLERK, at=_at(d, c)),
}


def _scheduled() -> MediationCase:
    return mediating().schedule_session(
        session_id="S-1",
        kind=SessionKind.HOUSE_MEETING,
        place="屋场",
        scheduled_for=day(1, 19),
        by=CLERK,
        at=T0,
    )


def _applied() -> MediationCase:
    return in_force().apply_for_confirmation(
        applicants=PARTY_IDS, court="法院", by=CLERK, at=day(8)
    )


STARTS: dict[str, Callable[[], MediationCase]] = {
    "opened": opened,
    "mediating": mediating,
    "scheduled": _scheduled,
    "agreed": agreed,
    "agreed, to perform at once": lambda: agreed(D(2020, 5, 15)),
    "agreed, under 宁波 rules": lambda: agreed(
        D(2020, 5, 15), D(2020, 5, 20), policy=NINGBO_POLICY
    ),
    "signing": signing,
    "in_force": in_force,
    "applied": _applied,
}


def test_the_walk_drives_every_command_but_opening() -> None:
    assert set(COMMANDS) == set(opened().machine.commands) - {"open"}


@given(st.data(), st.sampled_from(sorted(STARTS)))
def test_random_walks_keep_replay_and_no_change_on_failure(data: st.DataObject, start: str) -> None:
    end = random_walk(data, STARTS[start](), COMMANDS, steps=40)
    assert replay(end.history) == end
    document = json.loads(json.dumps(to_dict(end)))
    assert from_dict(document, MediationCase) == end
