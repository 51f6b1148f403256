"""A small village for the decision tests: records, rolls and a meeting driver."""

from __future__ import annotations

import json
from typing import Any

import pendulum

from jiceng import Actor
from jiceng.decisions import Meeting, MeetingKind, Roll
from jiceng.decisions.kinds import VILLAGERS_ASSEMBLY
from jiceng.decisions.rolls import Person, Role
from jiceng.serde import from_dict, to_dict

TZ = "Asia/Shanghai"
NOTICE = pendulum.datetime(2026, 5, 1, 9, tz=TZ)
MEETING_DAY = pendulum.Date(2026, 5, 11)
OPENS = pendulum.datetime(2026, 5, 11, 9, tz=TZ)
CLERK = Actor.person("clerk", "文书")
COMMITTEE = Actor.department("vc", "村民委员会")


def person(pid: str, **fields: Any) -> Person:
    fields.setdefault("born", pendulum.Date(1980, 1, 1))
    return Person(id=pid, **fields)


def village(households: int = 6, per_household: int = 2) -> list[Person]:
    """`households` households of `per_household` adults; the first of each represents it."""
    people = []
    for h in range(households):
        for i in range(per_household):
            roles = {Role.REPRESENTATIVE} if i == 0 and h % 2 == 0 else set()
            people.append(
                person(
                    f"v{h}{i}",
                    household=f"h{h}",
                    represents_household=i == 0,
                    group="g1" if h < households // 2 else "g2",
                    roles=roles,
                )
            )
    return people


def ids(roll: Roll, n: int) -> list[str]:
    """The first `n` members of `roll`, in id order."""
    return sorted(roll.members)[:n]


def actor(pid: str) -> Actor:
    return Actor.person(pid)


def convened(
    kind: MeetingKind = VILLAGERS_ASSEMBLY, roll: Roll | None = None, **fields: Any
) -> Meeting:
    roll = roll or Roll.adults(village(), on=MEETING_DAY)
    return Meeting.convene(
        id=fields.pop("id", "M-1"),
        title=fields.pop("title", "村民会议"),
        kind=kind,
        roll=roll,
        opens=fields.pop("opens", OPENS),
        by=COMMITTEE,
        at=fields.pop("at", NOTICE),
        **fields,
    )


def sitting(present: int | None = None, **fields: Any) -> Meeting:
    meeting = convened(**fields)
    count = len(meeting.roll.members) if present is None else present
    return meeting.attend(ids(meeting.roll, count), by=CLERK, at=OPENS).open(by=CLERK, at=OPENS)


def round_trip(value: Any) -> Any:
    return from_dict(json.loads(json.dumps(to_dict(value), ensure_ascii=False)), type(value))
