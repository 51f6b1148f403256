"""A meeting's motion as the kernel's `Vote`: how a decision is cited by other domains.

A rule book's adoption (`jiceng.points.RuleBookAdoption.adopt`) takes the vote itself, not
a decision's number: `vote_of` reads it from a concluded meeting, with the figures the
meeting recorded (its roll, its attendance at the opening, the tally of the motion).
"""

from __future__ import annotations

from jiceng import Body, Vote
from jiceng.decisions._meetings import Meeting
from jiceng.exceptions import ValidationError


def vote_of(
    meeting: Meeting, motion_id: str, *, body: Body | None = None, mandate: str | None = None
) -> Vote:
    """The vote `meeting` took on the motion `motion_id`, recorded as ``"<meeting>/<motion>"``.

    `body` is the body the meeting sat as, by default its kind's (its name, label, quorum
    and majority); give it when a local kind sits as a statutory body (a 公投会 held as the
    村民会议). `mandate` is the record of the authorisation a 村民代表会议 decides under
    (村民委员会组织法 第24条第2款、第25条). Raises `NotFoundError` until the motion is
    tallied.
    """
    tally = meeting.result(motion_id)
    kind = meeting.kind
    if body is None:
        if kind.quorum is None or kind.majority is None:
            msg = f"a {kind.label.zh} neither needs a quorum nor takes votes: give its body"
            raise ValidationError.single("body", msg, subject="vote_of")
        body = Body(code=kind.name, label=kind.label, quorum=kind.quorum, majority=kind.majority)
    count = meeting.quorum_count()
    counted = count.households > 0
    return Vote(
        record=f"{meeting.id}/{motion_id}",
        body=body,
        members=tally.members,
        present=tally.present,
        households=count.households if counted else None,
        households_present=count.households_present if counted else None,
        yes=tally.yes,
        no=tally.no,
        abstain=tally.abstain,
        mandate=mandate,
    )
