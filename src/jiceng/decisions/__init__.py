"""Decisions (民主决策): rolls and the make-up of a 村民代表会议, meeting kinds, meetings and
ballots, procedures, disclosure, appraisals of cadres, cadences, the concerns raised at
meetings, and the election and recall of the villagers' committee.

Rules come from 村民委员会组织法 (2018), 城市居民委员会组织法 (2018) and 山东省村务公开条例
(2018); the consultative procedures from the seed systems (贵定 群众三会, 瓮安, 张家口 五步议事,
湄潭 群众会+). "More than half" is strict and "at least two thirds" includes two thirds: every
threshold is an exact fraction.

This face holds the aggregates, their states, the values users construct most and the
domain's errors. The public submodules:

- `jiceng.decisions.events`: every event class of the domain (`events.Convened`, ...).
- `jiceng.decisions.kinds`: meeting kinds (会议类型), their cadences, the matters each decides.
- `jiceng.decisions.thresholds`: quorum and majority shares as exact fractions; requisitions.
- `jiceng.decisions.rolls`: rolls (名册) of members, and a 村民代表会议's make-up (第25条).
- `jiceng.decisions.meetings`: the meeting and concern tables; motions, ballots, appraisals.
- `jiceng.decisions.procedures`: the procedure table and the built-in procedures (四议两公开, ...).
- `jiceng.decisions.elections`: election and recall tables, register limits, seats, counts.
- `jiceng.decisions.disclosure`: disclosure and implementation tables; policies, cadences.
- `jiceng.decisions.projects`: the 一事一议 table, funding caps and who may propose.
"""

from __future__ import annotations

from jiceng.decisions._composition import CompositionError
from jiceng.decisions._concerns import Concern, ConcernState
from jiceng.decisions._disclosure import Disclosure
from jiceng.decisions._disclosure_data import (
    DisclosureCategory,
    DisclosurePolicy,
    DisclosureState,
    ImplementationState,
)
from jiceng.decisions._election_data import ElectionState, RecallState
from jiceng.decisions._elections import Election
from jiceng.decisions._implementation import Implementation
from jiceng.decisions._kinds import MeetingKind
from jiceng.decisions._matters import Matter
from jiceng.decisions._meeting_data import (
    BallotBox,
    Choice,
    MeetingState,
    NoticeError,
    Purpose,
    Tally,
)
from jiceng.decisions._meetings import Meeting
from jiceng.decisions._procedures import (
    Outcome,
    Procedure,
    Proceeding,
    ProceedingState,
    Requirement,
    Step,
)
from jiceng.decisions._projects import FundingCapError, Project, ProjectState
from jiceng.decisions._recalls import Recall
from jiceng.decisions._rolls import Roll, RollKind
from jiceng.decisions._thresholds import (
    Majority,
    Quorum,
    QuorumCount,
    Requisition,
    RequisitionError,
    Threshold,
)

__all__ = [
    "BallotBox",
    "Choice",
    "CompositionError",
    "Concern",
    "ConcernState",
    "Disclosure",
    "DisclosureCategory",
    "DisclosurePolicy",
    "DisclosureState",
    "Election",
    "ElectionState",
    "FundingCapError",
    "Implementation",
    "ImplementationState",
    "Majority",
    "Matter",
    "Meeting",
    "MeetingKind",
    "MeetingState",
    "NoticeError",
    "Outcome",
    "Procedure",
    "Proceeding",
    "ProceedingState",
    "Project",
    "ProjectState",
    "Purpose",
    "Quorum",
    "QuorumCount",
    "Recall",
    "RecallState",
    "Requirement",
    "Requisition",
    "RequisitionError",
    "Roll",
    "RollKind",
    "Step",
    "Tally",
    "Threshold",
]
