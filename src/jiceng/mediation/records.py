"""What a mediation case records as it goes: its sessions and risk reports, the invitations
with the parties' answers, the requests for mediation in public or not (and the ruling of
`case.publicity`), the pending proposal, the agreement (with its signatures, performances,
follow-up visits and judicial confirmation) or the termination, and the kinds they are
read with.

Users read these from a case (`case.agreement`, `case.sessions`, `case.outcome`, ...);
the case folds them from its events, so they are never built by hand.
"""

from jiceng.mediation._kinds import AgreementForm, CourtRoute, ObligationStatus, Outcome
from jiceng.mediation._records import (
    Agreement,
    Confirmation,
    FollowUp,
    Invitation,
    Performance,
    Proposal,
    PublicityRequest,
    PublicityRuling,
    RiskReport,
    Session,
    Signature,
    Termination,
)

__all__ = [
    "Agreement",
    "AgreementForm",
    "Confirmation",
    "CourtRoute",
    "FollowUp",
    "Invitation",
    "ObligationStatus",
    "Outcome",
    "Performance",
    "Proposal",
    "PublicityRequest",
    "PublicityRuling",
    "RiskReport",
    "Session",
    "Signature",
    "Termination",
]
