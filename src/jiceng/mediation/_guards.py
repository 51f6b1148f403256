"""What the guards and folds of a mediation case share.

A guard sees the case and the event a command proposes: `(case, event) -> reason | None`.
It returns `None` to allow the transition, or a sentence a caseworker can read; each
names its source. A fold returns the fields an event changes. Both read the case through
`CaseView`, the part of `MediationCase` they need, so that they sit below the aggregate
and import nothing above them. The guards and folds of each command stand beside its
row in `_mediating` (until the agreement) and `_agreed` (from the agreement on).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import attrs
import pendulum

from jiceng import Deadline, Guard
from jiceng.mediation._inputs import Mediator, Party
from jiceng.mediation._kinds import Publicity
from jiceng.mediation._policy import MEDIATION_LAW, MediationPolicy
from jiceng.mediation._records import (
    Agreement,
    Invitation,
    Proposal,
    PublicityRequest,
    PublicityRuling,
    RiskReport,
    Session,
    Termination,
)

__all__ = [
    "CaseView",
    "agreement_of",
    "all_of",
    "day",
    "missing_parties",
    "names",
    "party_is_known",
    "proposal_of",
    "publicity_of",
    "strangers",
    "with_agreement",
]


class CaseView(Protocol):
    """What the guards and folds read of a `MediationCase`."""

    @property
    def parties(self) -> tuple[Party, ...]: ...
    @property
    def policy(self) -> MediationPolicy: ...
    @property
    def deadline(self) -> Deadline: ...
    @property
    def mediators(self) -> tuple[Mediator, ...]: ...
    @property
    def consents(self) -> frozenset[str]: ...
    @property
    def sessions(self) -> tuple[Session, ...]: ...
    @property
    def risk_reports(self) -> tuple[RiskReport, ...]: ...
    @property
    def invitations(self) -> tuple[Invitation, ...]: ...
    @property
    def publicity_requests(self) -> tuple[PublicityRequest, ...]: ...
    @property
    def proposal(self) -> Proposal | None: ...
    @property
    def agreement(self) -> Agreement | None: ...
    @property
    def termination(self) -> Termination | None: ...
    @property
    def party_ids(self) -> frozenset[str]: ...
    @property
    def mediator_ids(self) -> frozenset[str]: ...
    @property
    def confirmation_deadline(self) -> Deadline | None: ...
    def party_name(self, party_id: str) -> str: ...
    def session(self, session_id: str) -> Session | None: ...
    def invitation(self, invitee_id: str) -> Invitation | None: ...
    def local_day(self, at: pendulum.DateTime) -> pendulum.Date: ...


def all_of(*rules: Guard) -> Guard:
    """One guard that applies `rules` in order and gives the first refusal."""

    def guard(case: Any, event: Any) -> str | None:
        for rule in rules:
            reason = rule(case, event)
            if reason is not None:
                return reason
        return None

    guard.__name__ = " & ".join(getattr(rule, "__name__", repr(rule)) for rule in rules)
    return guard


def day(at: pendulum.DateTime) -> str:
    """The date of `at`, for messages."""
    return at.to_date_string()


def missing_parties(case: CaseView, present: Iterable[str]) -> str | None:
    """The parties missing from `present`, as ``name (id), ...`` in id order; `None` if none."""
    missing = [case.party_name(p) for p in sorted(case.party_ids - set(present))]
    return ", ".join(missing) if missing else None


def strangers(case: CaseView, given: Iterable[str]) -> str | None:
    """The ids in `given` that are not parties, as ``'id', ...``; `None` if none."""
    unknown = sorted(set(given) - case.party_ids)
    return ", ".join(map(repr, unknown)) if unknown else None


def proposal_of(case: CaseView) -> Proposal:
    """The pending proposal, which the machine table guarantees where this is called."""
    assert case.proposal is not None, "the machine table allows this only with a proposal"
    return case.proposal


def agreement_of(case: CaseView) -> Agreement:
    """The agreement, which the machine table guarantees where this is called."""
    assert case.agreement is not None, "the machine table allows this only with an agreement"
    return case.agreement


def with_agreement(case: CaseView, **changes: Any) -> dict[str, Any]:
    """The fold of an event that changes only the agreement."""
    return {"agreement": attrs.evolve(agreement_of(case), **changes)}


def party_is_known(case: CaseView, event: Any) -> str | None:
    """The party acting (consenting, accepting, refusing, proposing, withdrawing) is a
    party to the case; a terms proposal by the mediator names no party."""
    party = event.party
    if party is None or party in case.party_ids:
        return None
    return f"{party!r} is not a party to the case"


def names(case: CaseView, parties: Iterable[str]) -> str:
    """``name (id), ...`` of `parties`, in id order."""
    return ", ".join(case.party_name(p) for p in sorted(parties))


def publicity_of(case: CaseView) -> PublicityRuling:
    """Which of the parties' requests decides whether mediation is held in public, and why
    (人民调解法 第23条(三)).

    The law gives each party the right to ask for either and says nothing of a conflict.
    A request not to mediate in public prevails (the law is silent; this is jiceng's
    choice): a public session lays a party's private affairs before others, which cannot
    be undone and which a mediator must not disclose (第15条(四): 泄露当事人的个人隐私、
    商业秘密的), while a closed one takes nothing from the party who wanted it public but
    an audience. With no request
    for that, a request for public mediation governs; with no request at all, the mediator
    decides, session by session.
    """
    asked: dict[Publicity, set[str]] = {Publicity.PUBLIC: set(), Publicity.NOT_PUBLIC: set()}
    for request in case.publicity_requests:
        asked[request.publicity].add(request.party)
    closed, open_ = asked[Publicity.NOT_PUBLIC], asked[Publicity.PUBLIC]
    if closed:
        reason = f"{names(case, closed)} asked that mediation not be held in public"
        if open_:
            reason += (
                f"; this prevails over the request of {names(case, open_)} for public "
                f"mediation, to protect the parties' privacy ({MEDIATION_LAW} 第23条(三), "
                "第15条(四))"
            )
        else:
            reason += f" ({MEDIATION_LAW} 第23条(三))"
        return PublicityRuling(
            publicity=Publicity.NOT_PUBLIC,
            governed_by=frozenset(closed),
            overruled=frozenset(open_),
            reason=reason,
        )
    if open_:
        reason = (
            f"{names(case, open_)} asked that mediation be held in public, and no party "
            f"asked otherwise ({MEDIATION_LAW} 第23条(三))"
        )
        return PublicityRuling(
            publicity=Publicity.PUBLIC,
            governed_by=frozenset(open_),
            overruled=frozenset(),
            reason=reason,
        )
    reason = (
        "no party has asked; the mediator decides whether a session is held in public "
        f"({MEDIATION_LAW} 第23条(三))"
    )
    return PublicityRuling(
        publicity=None, governed_by=frozenset(), overruled=frozenset(), reason=reason
    )
