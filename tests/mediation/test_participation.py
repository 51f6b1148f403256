"""Who takes part besides the parties and mediators (人民调解法 第20条), and mediation in public
or not (第23条(三)): the edges of each rule."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager

import pendulum
import pytest

from jiceng import replay
from jiceng.exceptions import GuardRejected, ValidationError
from jiceng.mediation import (
    Attendee,
    AttendeeRole,
    Invitee,
    MediationCase,
    Party,
    Publicity,
    SessionKind,
)
from jiceng.mediation.events import SessionScheduled
from jiceng.serde import from_dict, to_dict
from tests.mediation.cases import (
    CLERK,
    LIU,
    MEDIATOR_ATTENDS,
    T0,
    YAN,
    ZHOU,
    attendee,
    day,
    mediating,
)

EXPERT = Invitee(id="e-1", name="土地所测量员", capacity=AttendeeRole.EXPERT)
EXPERT_ATTENDS = Attendee(id="e-1", name="土地所测量员", role=AttendeeRole.EXPERT)
LOCAL = Attendee(id="x-1", name="乡贤", role=AttendeeRole.RESPECTED_LOCAL)
PARTIES = ("p-yan", "p-liu")
LAST_MOMENT = pendulum.datetime(2020, 6, 11, 23, 59, 59, tz="Asia/Shanghai")
DAY_AFTER = pendulum.datetime(2020, 6, 12, tz="Asia/Shanghai")


def refused(match: str) -> AbstractContextManager[pytest.ExceptionInfo[GuardRejected]]:
    return pytest.raises(GuardRejected, match=match)


def schedule(
    case: MediationCase,
    kind: SessionKind = SessionKind.ROOM,
    publicity: Publicity | None = None,
    session_id: str = "S-1",
) -> MediationCase:
    return case.schedule_session(
        session_id=session_id,
        kind=kind,
        place="调解室",
        scheduled_for=day(2),
        by=CLERK,
        at=case.last_changed,
        publicity=publicity,
    )


def hold(case: MediationCase, *others: Attendee, session_id: str = "S-1") -> MediationCase:
    return case.hold_session(
        session_id=session_id,
        attendees=(attendee(YAN), attendee(LIU), MEDIATOR_ATTENDS, *others),
        record="记录",
        by=CLERK,
        at=day(2),
    )


def invited(*agreeing: str, refusing: tuple[str, ...] = ()) -> MediationCase:
    """The expert invited by the mediator on day 1, and the parties' answers."""
    case = mediating().invite(EXPERT, mediator=ZHOU.id, by=CLERK, at=day(1))
    for party in agreeing:
        case = case.accept_invitee(party=party, invitee=EXPERT.id, by=CLERK, at=day(1))
    for party in refusing:
        case = case.refuse_invitee(
            party=party, invitee=EXPERT.id, by=CLERK, at=day(1), reason="不信任"
        )
    return case


def ask(case: MediationCase, party: Party, publicity: Publicity) -> MediationCase:
    return case.request_publicity(
        party=party.id, publicity=publicity, by=CLERK, at=case.last_changed
    )


# -- 第20条: invitations -------------------------------------------------------------------


def test_an_invitation_records_who_in_what_capacity_by_which_mediator() -> None:
    case = invited()
    invitation = case.invitation(EXPERT.id)
    assert invitation is not None
    assert (invitation.invitee, invitation.mediator, invitation.invited_at) == (
        EXPERT, ZHOU.id, day(1)
    )  # fmt: skip
    assert (invitation.agreed_by, invitation.refused_by) == (frozenset(), frozenset())
    assert case.history[-1].by == CLERK
    assert case.invitation("e-9") is None


def test_an_invitee_every_party_agreed_to_takes_part() -> None:
    case = hold(schedule(invited("p-yan", "p-liu")), EXPERT_ATTENDS)
    session = case.session("S-1")
    assert session is not None
    assert EXPERT_ATTENDS in session.attendees
    assert replay(case.history) == case


def test_an_invitee_a_party_has_not_agreed_to_is_refused_naming_both() -> None:
    with refused(r"刘某 \(p-liu\) has not agreed to 土地所测量员 \(e-1\) as 专业人员.*第20条"):
        hold(schedule(invited("p-yan")), EXPERT_ATTENDS)
    with refused(r"刘某 \(p-liu\), 颜某 \(p-yan\) have not agreed"):
        hold(schedule(invited()), EXPERT_ATTENDS)


def test_an_invitee_a_party_refused_is_refused_naming_both() -> None:
    with refused(r"刘某 \(p-liu\) refused 土地所测量员 \(e-1\) as 专业人员.*第20条"):
        hold(schedule(invited("p-yan", refusing=("p-liu",))), EXPERT_ATTENDS)


def test_a_refusal_names_the_refusing_party_before_the_silent_one() -> None:
    with refused(r"刘某 \(p-liu\) refused"):
        hold(schedule(invited(refusing=("p-liu",))), EXPERT_ATTENDS)


def test_a_party_that_refused_an_invitee_may_agree_after_all() -> None:
    case = invited("p-yan", refusing=("p-liu",))
    case = case.accept_invitee(party="p-liu", invitee=EXPERT.id, by=CLERK, at=day(1, 15))
    invitation = case.invitation(EXPERT.id)
    assert invitation is not None
    assert (invitation.agreed_by, invitation.refused_by) == (frozenset(PARTIES), frozenset())
    held = hold(schedule(case), EXPERT_ATTENDS)
    assert held.session("S-1").held_at == day(2)  # type: ignore[union-attr]


def test_a_party_that_agreed_may_withdraw_before_the_session() -> None:
    case = invited("p-yan", "p-liu").refuse_invitee(
        party="p-liu", invitee=EXPERT.id, by=CLERK, at=day(1, 15)
    )
    with refused(r"刘某 \(p-liu\) refused 土地所测量员"):
        hold(schedule(case), EXPERT_ATTENDS)


def test_a_session_held_before_a_withdrawal_stands_and_the_next_is_refused() -> None:
    case = hold(schedule(invited("p-yan", "p-liu")), EXPERT_ATTENDS)
    case = case.refuse_invitee(party="p-yan", invitee=EXPERT.id, by=CLERK, at=day(2))
    assert EXPERT_ATTENDS in case.session("S-1").attendees  # type: ignore[union-attr]
    with refused(r"颜某 \(p-yan\) refused"):
        hold(schedule(case, session_id="S-2"), EXPERT_ATTENDS, session_id="S-2")


def test_the_same_answer_twice_is_refused() -> None:
    with refused(r"颜某 \(p-yan\) has already agreed to 土地所测量员 \(e-1\)"):
        invited("p-yan").accept_invitee(party="p-yan", invitee=EXPERT.id, by=CLERK, at=day(1))
    with refused(r"刘某 \(p-liu\) has already refused 土地所测量员 \(e-1\)"):
        invited(refusing=("p-liu",)).refuse_invitee(
            party="p-liu", invitee=EXPERT.id, by=CLERK, at=day(1)
        )


def test_only_a_party_answers_an_invitation_that_was_made() -> None:
    with refused("'p-x' is not a party to the case"):
        invited().accept_invitee(party="p-x", invitee=EXPERT.id, by=CLERK, at=day(1))
    with refused("'e-9' was never invited to take part"):
        invited().refuse_invitee(party="p-yan", invitee="e-9", by=CLERK, at=day(1))


def test_a_mediator_of_the_case_invites_someone_not_yet_invited() -> None:
    with refused("'m-x' is not a mediator of the case"):
        mediating().invite(EXPERT, mediator="m-x", by=CLERK, at=day(1))
    with refused("颜某 \\(p-yan\\) is a party and takes part as one"):
        mediating().invite(
            Invitee(id="p-yan", name="颜某", capacity=AttendeeRole.NEIGHBOUR),
            mediator=ZHOU.id,
            by=CLERK,
            at=day(1),
        )
    with refused("is a mediator of the case and takes part as one"):
        mediating().invite(
            Invitee(id=ZHOU.id, name=ZHOU.name, capacity=AttendeeRole.OFFICIAL),
            mediator=ZHOU.id,
            by=CLERK,
            at=day(1),
        )
    with refused("土地所测量员 \\(e-1\\) was already invited on 2020-05-12"):
        invited().invite(EXPERT, mediator=ZHOU.id, by=CLERK, at=day(1))


def test_an_invitation_is_made_within_the_time_to_settle() -> None:
    assert mediating().invite(EXPERT, mediator=ZHOU.id, by=CLERK, at=LAST_MOMENT).invitations
    with refused("the time to settle ran out on 2020-06-11"):
        mediating().invite(EXPERT, mediator=ZHOU.id, by=CLERK, at=DAY_AFTER)


def test_a_party_or_a_mediator_is_never_an_invitee() -> None:
    for role in (AttendeeRole.PARTY, AttendeeRole.MEDIATOR):
        with pytest.raises(ValidationError, match=f"capacity: a {role.value} is never invited"):
            Invitee(id="x", name="某人", capacity=role)


def test_a_relative_neighbour_colleague_expert_or_organisation_attends_only_invited() -> None:
    for role in (
        AttendeeRole.RELATIVE,
        AttendeeRole.NEIGHBOUR,
        AttendeeRole.COLLEAGUE,
        AttendeeRole.EXPERT,
        AttendeeRole.ORGANISATION,
    ):
        uninvited = Attendee(id="z-1", name="某人", role=role)
        for kind in (SessionKind.ROOM, SessionKind.HOUSE_MEETING):
            with refused(f"某人 \\(z-1\\) attends as {role.en.lower()}.*never invited"):
                hold(schedule(mediating(), kind), uninvited, LOCAL)


def test_an_invitee_attends_in_the_capacity_invited() -> None:
    as_relative = Attendee(id="e-1", name="土地所测量员", role=AttendeeRole.RELATIVE)
    with refused("was invited as 专业人员, not as 亲属"):
        hold(schedule(invited("p-yan", "p-liu")), as_relative)


def test_the_community_attends_a_public_session_but_a_closed_one_only_invited() -> None:
    held = hold(schedule(mediating(), SessionKind.HOUSE_MEETING), LOCAL)
    assert LOCAL in held.session("S-1").attendees  # type: ignore[union-attr]
    assert hold(schedule(mediating(), publicity=Publicity.PUBLIC), LOCAL).sessions[0].held_at
    with refused(r"乡贤 \(x-1\) was not invited, and session 'S-1' is not held in public"):
        hold(schedule(mediating()), LOCAL)
    local = Invitee(id="x-1", name="乡贤", capacity=AttendeeRole.RESPECTED_LOCAL)
    case = mediating().invite(local, mediator=ZHOU.id, by=CLERK, at=day(1))
    with refused(r"刘某 \(p-liu\), 颜某 \(p-yan\) have not agreed to 乡贤 \(x-1\)"):
        hold(schedule(case), LOCAL)
    with refused(r"刘某 \(p-liu\), 颜某 \(p-yan\) have not agreed to 乡贤 \(x-1\)"):
        hold(schedule(case, SessionKind.HOUSE_MEETING), LOCAL)  # once invited, always asked
    for party in ("p-yan", "p-liu"):
        case = case.accept_invitee(party=party, invitee="x-1", by=CLERK, at=day(1))
    assert hold(schedule(case), LOCAL).sessions[0].held_at == day(2)


# -- 第23条(三): in public or not ----------------------------------------------------------


def test_with_no_request_the_mediator_decides_each_session() -> None:
    ruling = mediating().publicity
    assert ruling.publicity is None
    assert (ruling.governed_by, ruling.overruled) == (frozenset(), frozenset())
    assert "the mediator decides" in ruling.reason
    assert schedule(mediating()).sessions[0].publicity is Publicity.NOT_PUBLIC
    assert schedule(mediating(), SessionKind.ON_SITE, Publicity.PUBLIC).sessions[0].publicity is (
        Publicity.PUBLIC
    )
    assert schedule(mediating(), SessionKind.HOUSE_MEETING).sessions[0].publicity is (
        Publicity.PUBLIC
    )


def test_a_public_session_after_a_request_not_in_public_is_refused() -> None:
    case = ask(mediating(), LIU, Publicity.NOT_PUBLIC)
    assert schedule(case).sessions[0].publicity is Publicity.NOT_PUBLIC  # by default
    with refused(
        r"session 'S-1' is in public, but 刘某 \(p-liu\) asked that mediation not be held in "
        r"public \(人民调解法\(2010\) 第23条\(三\)\)"
    ):
        schedule(case, publicity=Publicity.PUBLIC)


def test_a_house_meeting_after_a_request_not_in_public_is_refused() -> None:
    case = ask(mediating(), LIU, Publicity.NOT_PUBLIC)
    with refused(r"session 'S-1' is a 屋场会, held in public, but 刘某 \(p-liu\) asked"):
        schedule(case, SessionKind.HOUSE_MEETING)


def test_a_house_meeting_scheduled_before_a_request_not_in_public_cannot_be_held() -> None:
    case = ask(schedule(mediating(), SessionKind.HOUSE_MEETING), YAN, Publicity.NOT_PUBLIC)
    with refused(r"a 屋场会, held in public, but 颜某 \(p-yan\) asked .*\(rule: .*"):
        hold(case, LOCAL)


def test_a_house_meeting_is_never_scheduled_not_in_public() -> None:
    with pytest.raises(ValidationError, match=r"schedule_session\.publicity: a 屋场会 is held in"):
        schedule(mediating(), SessionKind.HOUSE_MEETING, Publicity.NOT_PUBLIC)
    explicit = schedule(mediating(), SessionKind.HOUSE_MEETING, Publicity.PUBLIC)
    assert explicit.sessions[0].publicity is Publicity.PUBLIC


def test_opposite_requests_the_one_not_in_public_governs() -> None:
    case = ask(ask(mediating(), YAN, Publicity.PUBLIC), LIU, Publicity.NOT_PUBLIC)
    ruling = case.publicity
    assert ruling.publicity is Publicity.NOT_PUBLIC
    assert (ruling.governed_by, ruling.overruled) == (frozenset({"p-liu"}), frozenset({"p-yan"}))
    assert ruling.reason == (
        "刘某 (p-liu) asked that mediation not be held in public; this prevails over the "
        "request of 颜某 (p-yan) for public mediation, to protect the parties' privacy "
        "(人民调解法(2010) 第23条(三), 第15条(四))"
    )
    with refused(r"but 刘某 \(p-liu\) asked that mediation not be held in public"):
        schedule(case, SessionKind.HOUSE_MEETING)
    assert schedule(case).sessions[0].publicity is Publicity.NOT_PUBLIC


def test_a_request_for_public_governs_when_no_party_objects() -> None:
    case = ask(mediating(), YAN, Publicity.PUBLIC)
    ruling = case.publicity
    assert (ruling.publicity, ruling.governed_by, ruling.overruled) == (
        Publicity.PUBLIC, frozenset({"p-yan"}), frozenset()
    )  # fmt: skip
    assert "no party asked otherwise" in ruling.reason
    assert schedule(case).sessions[0].publicity is Publicity.PUBLIC  # by default
    with refused(r"session 'S-1' is not in public, but 颜某 \(p-yan\) asked that mediation be"):
        schedule(case, publicity=Publicity.NOT_PUBLIC)


def test_a_party_may_change_its_request_and_its_latest_counts() -> None:
    case = ask(ask(mediating(), LIU, Publicity.NOT_PUBLIC), LIU, Publicity.PUBLIC)
    assert [(r.party, r.publicity) for r in case.publicity_requests] == [
        ("p-liu", Publicity.PUBLIC)
    ]
    assert case.publicity.publicity is Publicity.PUBLIC
    assert schedule(case, SessionKind.HOUSE_MEETING).sessions[0].kind is SessionKind.HOUSE_MEETING
    with refused(r"刘某 \(p-liu\) already asked on 2020-05-11 that mediation be in public"):
        ask(case, LIU, Publicity.PUBLIC)


def test_only_a_party_asks() -> None:
    with refused("'p-x' is not a party to the case"):
        mediating().request_publicity(party="p-x", publicity=Publicity.NOT_PUBLIC, by=CLERK, at=T0)


def test_sessions_held_before_a_request_stand() -> None:
    case = hold(schedule(mediating(), SessionKind.HOUSE_MEETING), LOCAL)
    case = ask(case, LIU, Publicity.NOT_PUBLIC)
    assert case.sessions[0].held_at == day(2)
    assert replay(case.history) == case


def test_invitations_and_requests_round_trip_through_json() -> None:
    case = ask(invited("p-yan", refusing=("p-liu",)), LIU, Publicity.NOT_PUBLIC)
    case = schedule(case)
    document = json.loads(json.dumps(to_dict(case)))
    assert from_dict(document, MediationCase) == case
    assert replay(case.history) == case


@pytest.mark.parametrize(
    ("kind", "publicity"),
    [("house_meeting", Publicity.PUBLIC), ("room", Publicity.NOT_PUBLIC)],
)
def test_a_session_scheduled_by_an_earlier_version_reads_with_its_kinds_publicity(
    kind: str, publicity: Publicity
) -> None:
    document = to_dict(schedule(mediating()).history[-1])
    del document["publicity"]
    old = {**document, "schema": 1, "kind": kind}
    event = from_dict(old, SessionScheduled)
    assert event.publicity is publicity
