"""The people's mediation committee (人民调解委员会) itself: one term (一届) of it, who set
it up, who chose its three to nine members, and when its three years end (人民调解法 第8条,
第9条)."""

from jiceng.mediation._committee import (
    TERM_OF_OFFICE,
    CommitteeKind,
    CommitteeMember,
    CommitteeRole,
    ElectingBody,
    MediationCommittee,
)

__all__ = [
    "TERM_OF_OFFICE",
    "CommitteeKind",
    "CommitteeMember",
    "CommitteeRole",
    "ElectingBody",
    "MediationCommittee",
]
