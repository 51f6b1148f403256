"""The rules a meeting's convening must pass (召集): roll, date, notice, request, delegation.

A meeting is convened on a roll its kind meets on, drawn up for the meeting day, with the
notice its kind requires (村民会议: 提前十天, 村民委员会组织法(2018) 第21条), with the
signatures of a request to convene, and under a delegation only of matters that may be
delegated to its kind (第24条).
"""

from __future__ import annotations

from jiceng import WorkCalendar
from jiceng.decisions._meeting_data import Convened, NoticeError, local_day
from jiceng.exceptions import FieldError, ValidationError


def check_convening(event: Convened, calendar: WorkCalendar) -> None:
    """The rules about the convening alone: roll, date, notice, request, delegation."""
    kind, roll = event.kind, event.roll
    errors = []
    if event.opens < event.at:
        errors.append(FieldError("opens", "a meeting cannot open before it is called"))
    if roll.kind not in kind.rolls:
        meets_on = "、".join(sorted(k.zh for k in kind.rolls))
        msg = f"a {kind.label.zh} meets on a roll of {meets_on}, not of {roll.kind.zh}"
        errors.append(FieldError("roll", msg))
    day = local_day(event.opens, calendar)
    if roll.on is not None and roll.on != day:
        msg = f"ages must be reckoned on the meeting date {day}, but the roll is of {roll.on}"
        errors.append(FieldError("roll.on", msg))
    if event.delegation is not None:
        errors += [
            FieldError("delegation", f"{m.label.zh} cannot be delegated to a {kind.label.zh}")
            for m in sorted(event.delegation.matters, key=lambda m: m.code)
            if kind.name not in m.delegable_to
        ]
    if errors:
        raise ValidationError(errors, subject="meeting")
    if kind.notice is not None:
        earliest = local_day(kind.notice.rule.due(event.at, calendar), calendar)
        if day < earliest:
            msg = (
                f"notice given on {local_day(event.at, calendar)} for a meeting on {day}: "
                f"{kind.notice} requires it, so the meeting can be held on {earliest} "
                "at the earliest"
            )
            raise NoticeError([FieldError("opens", msg)], subject="notice")
    if event.requisition is not None:
        event.requisition.check(kind.requisitions, kind.label.zh)
