"""The checks of a mediation case's command arguments beyond their types: rules of the
domain that a value breaks on its own (a session in the past, no route told), raised as
`ValidationError` with the command's path before any guard runs."""

from __future__ import annotations

from collections.abc import Collection

import pendulum

from jiceng import Source
from jiceng.exceptions import ValidationError
from jiceng.mediation._kinds import Publicity, Route, SessionKind

__all__ = [
    "DISPUTED_MATTERS",
    "EXTENSION",
    "JOINT_APPLICATION",
    "SUBJECT",
    "not_before",
    "refused",
    "routes_told",
    "session_publicity",
    "someone",
]

SUBJECT = "MediationCase command"

OTHER_ROUTES = Source(
    "人民调解法(2010) 第26条",
    "人民调解员调解纠纷，调解不成的，应当终止调解，并依据有关法律、法规的规定，告知当事人"
    "可以依法通过仲裁、行政、司法等途径维护自己的权利。",
)
EXTENSION = Source(
    "宁波市人民调解条例(2015) 第27条", "到期未达成协议，双方当事人要求延长的，可以适当延长。"
)
JOINT_APPLICATION = Source(
    "人民调解法(2010) 第33条第1款",
    "经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，可以自调解协议生效之日起"
    "三十日内共同向人民法院申请司法确认",
)
DISPUTED_MATTERS = Source(
    "人民调解法(2010) 第29条第1款第2项",
    "调解协议书可以载明下列事项：……（二）纠纷的主要事实、争议事项以及各方当事人的责任；",
)


def refused(path: str, message: str) -> ValidationError:
    """A command's argument that breaks a rule of the domain (not of its type)."""
    return ValidationError.single(path, message, subject=SUBJECT)


def not_before(command: str, scheduled_for: pendulum.DateTime, at: pendulum.DateTime) -> None:
    """A session is scheduled for a time not before the scheduling itself."""
    if scheduled_for < at:
        msg = f"{scheduled_for} is before the scheduling itself ({at})"
        raise refused(f"{command}.scheduled_for", msg)


def routes_told(command: str, routes: Collection[Route]) -> frozenset[Route]:
    """The routes told to the parties: at least one (人民调解法 第26条)."""
    if not routes:
        msg = f"tell the parties at least one other route ({OTHER_ROUTES})"
        raise refused(f"{command}.routes", msg)
    return frozenset(routes)


def someone(command: str, parameter: str, given: Collection[str], rule: str) -> frozenset[str]:
    """The parties who ask or apply: at least one, under `rule`."""
    if not given:
        raise refused(f"{command}.{parameter}", rule)
    return frozenset(given)


def session_publicity(
    kind: SessionKind, given: Publicity | None, governing: Publicity | None
) -> Publicity:
    """Whether a session is held in public: as `given`, else as the parties' `governing`
    request asks, else not in public; a 屋场会 always in public (娄底, seed 004: 群众说事、
    屋场共治), so that one asked for not in public is refused."""
    if kind is not SessionKind.HOUSE_MEETING:
        return given or governing or Publicity.NOT_PUBLIC
    if given is Publicity.NOT_PUBLIC:
        msg = "a 屋场会 is held in public; schedule a room or on-site session instead"
        raise refused("schedule_session.publicity", msg)
    return Publicity.PUBLIC
