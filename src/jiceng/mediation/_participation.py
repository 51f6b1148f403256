"""Who takes part in mediation besides the parties and the mediators, and whether it is held
in public: for each command, its guards, its fold and its row of the `MEDIATION` table, in
table order.

A mediator invites relatives, neighbours, colleagues, experts or people from social
organisations with the parties' consent (人民调解法 第20条); a party asks that mediation
be held in public or not (第23条(三)). The sessions' rows (`_mediating`) hold a session
to both: `invitees_agreed` and `session_follows_publicity`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from jiceng import Label, Source, Transition
from jiceng.mediation._guards import CaseView, all_of, day, party_is_known
from jiceng.mediation._kinds import BEFORE_AGREEMENT, MediationState
from jiceng.mediation._mediating import within_time_limit
from jiceng.mediation._policy import MEDIATION_LAW
from jiceng.mediation._records import Invitation, PublicityRequest
from jiceng.mediation.events import (
    InviteeAccepted,
    InviteeRefused,
    ParticipantInvited,
    PublicityRequested,
)

__all__ = ["ACCEPT_INVITEE", "INVITE", "REFUSE_INVITEE", "REQUEST_PUBLICITY"]

# -- 邀请参与调解 invite -------------------------------------------------------------------


def inviter_mediates(case: CaseView, event: ParticipantInvited) -> str | None:
    """A mediator of the case invites (人民调解法 第20条: 人民调解员……可以邀请)."""
    if event.mediator not in case.mediator_ids:
        return f"{event.mediator!r} is not a mediator of the case; a mediator invites"
    return None


def invitee_is_new(case: CaseView, event: ParticipantInvited) -> str | None:
    """The parties and the mediators take part in their own right; anyone else is invited
    once, in one capacity."""
    invitee = event.invitee
    who = f"{invitee.name} ({invitee.id})"
    if invitee.id in case.party_ids:
        return f"{who} is a party and takes part as one"
    if invitee.id in case.mediator_ids:
        return f"{who} is a mediator of the case and takes part as one"
    earlier = case.invitation(invitee.id)
    if earlier is not None:
        return f"{who} was already invited on {day(earlier.invited_at)}"
    return None


def participant_invited(case: CaseView, event: ParticipantInvited) -> Mapping[str, Any]:
    invitation = Invitation(invitee=event.invitee, mediator=event.mediator, invited_at=event.at)
    return {"invitations": (*case.invitations, invitation)}


INVITE: Transition[MediationState] = Transition(
    command="invite",
    event=ParticipantInvited,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("邀请参与调解", "Invite someone to take part"),
    guard=all_of(inviter_mediates, invitee_is_new, within_time_limit),
    fold=participant_invited,
    source=Source(
        f"{MEDIATION_LAW} 第20条",
        "人民调解员根据调解纠纷的需要，在征得当事人的同意后，可以邀请当事人的亲属、邻里、同事等"
        "参与调解，也可以邀请具有专门知识、特定经验的人员或者有关社会组织的人员参与调解。",
    ),
)

# -- 同意邀请 accept_invitee ---------------------------------------------------------------


def _invitation(case: CaseView, invitee: str) -> Invitation:
    invitation = case.invitation(invitee)
    assert invitation is not None, "invitee_is_invited runs first"
    return invitation


def invitee_is_invited(case: CaseView, event: InviteeAccepted | InviteeRefused) -> str | None:
    """A party answers an invitation a mediator made."""
    if case.invitation(event.invitee) is None:
        return f"{event.invitee!r} was never invited to take part"
    return None


def answer_changes(case: CaseView, event: InviteeAccepted | InviteeRefused) -> str | None:
    """A party may change its mind (agree after refusing, refuse after agreeing) until the
    session: mediation rests on the parties' free will (人民调解法 第3条(一): 在当事人自愿、
    平等的基础上进行调解) and the law does not bind a party to its first answer. Its
    latest answer counts; giving the same answer twice says nothing new and is refused."""
    invitation = _invitation(case, event.invitee)
    agreeing = isinstance(event, InviteeAccepted)
    given = invitation.agreed_by if agreeing else invitation.refused_by
    if event.party in given:
        answer = "agreed to" if agreeing else "refused"
        invitee = invitation.invitee
        return f"{case.party_name(event.party)} has already {answer} {invitee.name} ({invitee.id})"
    return None


def _answered(case: CaseView, invitee: str, **changes: Any) -> Mapping[str, Any]:
    return {
        "invitations": tuple(
            attrs.evolve(i, **changes) if i.invitee.id == invitee else i for i in case.invitations
        )
    }


def invitee_accepted(case: CaseView, event: InviteeAccepted) -> Mapping[str, Any]:
    invitation = _invitation(case, event.invitee)
    return _answered(
        case,
        event.invitee,
        agreed_by=invitation.agreed_by | {event.party},
        refused_by=invitation.refused_by - {event.party},
    )


_ANSWER = Source(f"{MEDIATION_LAW} 第20条", "在征得当事人的同意后")

ACCEPT_INVITEE: Transition[MediationState] = Transition(
    command="accept_invitee",
    event=InviteeAccepted,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("同意邀请", "Agree to an invitee"),
    guard=all_of(party_is_known, invitee_is_invited, answer_changes),
    fold=invitee_accepted,
    source=_ANSWER,
)

# -- 不同意邀请 refuse_invitee -------------------------------------------------------------


def invitee_refused(case: CaseView, event: InviteeRefused) -> Mapping[str, Any]:
    invitation = _invitation(case, event.invitee)
    return _answered(
        case,
        event.invitee,
        agreed_by=invitation.agreed_by - {event.party},
        refused_by=invitation.refused_by | {event.party},
    )


REFUSE_INVITEE: Transition[MediationState] = Transition(
    command="refuse_invitee",
    event=InviteeRefused,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("不同意邀请", "Refuse an invitee"),
    guard=all_of(party_is_known, invitee_is_invited, answer_changes),
    fold=invitee_refused,
    source=_ANSWER,
)

# -- 要求公开或不公开 request_publicity ----------------------------------------------------


def request_changes(case: CaseView, event: PublicityRequested) -> str | None:
    """A party may ask again, for the other thing (its latest request stands); asking for
    the same thing twice says nothing new and is refused."""
    for request in case.publicity_requests:
        if request.party == event.party and request.publicity is event.publicity:
            return (
                f"{case.party_name(event.party)} already asked on {day(request.at)} that "
                f"mediation be {event.publicity.en.lower()}"
            )
    return None


def publicity_requested(case: CaseView, event: PublicityRequested) -> Mapping[str, Any]:
    request = PublicityRequest(party=event.party, publicity=event.publicity, at=event.at)
    kept = tuple(r for r in case.publicity_requests if r.party != event.party)
    return {"publicity_requests": (*kept, request)}


REQUEST_PUBLICITY: Transition[MediationState] = Transition(
    command="request_publicity",
    event=PublicityRequested,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("要求公开或不公开调解", "Ask for mediation in public or not"),
    guard=all_of(party_is_known, request_changes),
    fold=publicity_requested,
    source=Source(
        f"{MEDIATION_LAW} 第23条(三)",
        "当事人在人民调解活动中享有下列权利:……（三）要求调解公开进行或者不公开进行；",
    ),
)
