"""Decisions: the meeting and concern tables; motions, ballots, appraisals; a motion's vote
as the kernel's `Vote` (`vote_of`), for the domains that cite a decision."""

from __future__ import annotations

from jiceng.decisions._appraisals import (
    DEMOCRATIC_APPRAISAL,
    MAX_APPRAISALS,
    Appraisal,
    AppraisalRule,
    CadreRating,
    Rating,
)
from jiceng.decisions._concerns import CONCERN, feedback_rate
from jiceng.decisions._meeting_data import (
    MAX_BALLOTS,
    Ballot,
    Ballots,
    DutyReport,
    Motion,
    Question,
)
from jiceng.decisions._meetings import MEETING
from jiceng.decisions._votes import vote_of

__all__ = [
    "CONCERN",
    "DEMOCRATIC_APPRAISAL",
    "MAX_APPRAISALS",
    "MAX_BALLOTS",
    "MEETING",
    "Appraisal",
    "AppraisalRule",
    "Ballot",
    "Ballots",
    "CadreRating",
    "DutyReport",
    "Motion",
    "Question",
    "Rating",
    "feedback_rate",
    "vote_of",
]
