"""The people's mediation committee (人民调解委员会) itself: who sets it up, who chooses it,
who sits on it, and for how long (人民调解法 第8条, 第9条).

A `MediationCommittee` is one term (一届) of a committee: a frozen value that checks every
rule of the two articles when it is built and reports each broken one at once. Re-electing
it (换届, 连选连任) gives the next term as a new value; the old one is untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import pendulum

from jiceng import Actor, Label, Labelled, Months, Source, TimeLimit, WeekendCalendar
from jiceng.checks import Check, as_tuple, checked, day, flag, instance_of, items, member, text
from jiceng.exceptions import FieldError, ValidationError
from jiceng.mediation._inputs import ID, Mediator, unique_ids
from jiceng.mediation._kinds import MediatorKind

__all__ = [
    "TERM_OF_OFFICE",
    "CommitteeKind",
    "CommitteeMember",
    "CommitteeRole",
    "ElectingBody",
    "MediationCommittee",
]

_COMPOSITION = Source(
    "人民调解法(2010) 第8条第2款",
    "人民调解委员会由委员三至九人组成，设主任一人，必要时，可以设副主任若干人。",
)
_REPRESENTATION = Source(
    "人民调解法(2010) 第8条第3款",
    "人民调解委员会应当有妇女成员，多民族居住的地区应当有人数较少民族的成员。",
)
_CHOICE = Source(
    "人民调解法(2010) 第9条第1款",
    "村民委员会、居民委员会的人民调解委员会委员由村民会议或者村民代表会议、居民会议推选产生；"
    "企业事业单位设立的人民调解委员会委员由职工大会、职工代表大会或者工会组织推选产生。",
)

TERM_OF_OFFICE = TimeLimit(
    rule=Months(36),
    source=Source("人民调解法(2010) 第9条第2款", "人民调解委员会委员每届任期三年，可以连选连任。"),
    label=Label("人民调解委员会委员任期", "term of a mediation committee"),
)
"""Three years a term (每届任期三年), counted in months like every `Months` period (民法典
第201条, 第202条); members may be re-elected, with no limit on the number of terms."""

# Only the local day matters for a term; any calendar in the library's zone counts it.
_CALENDAR = WeekendCalendar()

_FEWEST = 3
_MOST = 9


class ElectingBody(Labelled):
    """The body that chooses the members (推选产生, 人民调解法 第9条第1款)."""

    VILLAGERS_MEETING = "villagers_meeting", "村民会议", "Villagers' assembly"
    VILLAGER_REPRESENTATIVES = (
        "villager_representatives",
        "村民代表会议",
        "Villagers' representative assembly",
    )
    RESIDENTS_MEETING = "residents_meeting", "居民会议", "Residents' assembly"
    WORKERS_MEETING = "workers_meeting", "职工大会", "Workers' assembly"
    WORKERS_CONGRESS = "workers_congress", "职工代表大会", "Workers' congress"
    TRADE_UNION = "trade_union", "工会组织", "Trade union"


class CommitteeKind(Labelled):
    """Who set the committee up (设立, 人民调解法 第8条第1款): a villagers' or residents'
    committee, which must, or an enterprise or public institution, which may."""

    VILLAGE = "village", "村民委员会", "Villagers' committee"
    RESIDENTS = "residents", "居民委员会", "Residents' committee"
    ENTERPRISE = "enterprise", "企业", "Enterprise"
    INSTITUTION = "institution", "事业单位", "Public institution"

    @property
    def required(self) -> bool:
        """Whether the body must set up a committee (设立) rather than may (根据需要设立)."""
        return self in (CommitteeKind.VILLAGE, CommitteeKind.RESIDENTS)

    @property
    def electing_bodies(self) -> tuple[ElectingBody, ...]:
        """The bodies that may choose this kind of committee's members (第9条第1款)."""
        return _ELECTING_BODIES[self]


_WORKPLACE = (ElectingBody.WORKERS_MEETING, ElectingBody.WORKERS_CONGRESS, ElectingBody.TRADE_UNION)
_ELECTING_BODIES = {
    CommitteeKind.VILLAGE: (ElectingBody.VILLAGERS_MEETING, ElectingBody.VILLAGER_REPRESENTATIVES),
    CommitteeKind.RESIDENTS: (ElectingBody.RESIDENTS_MEETING,),
    CommitteeKind.ENTERPRISE: _WORKPLACE,
    CommitteeKind.INSTITUTION: _WORKPLACE,
}


class CommitteeRole(Labelled):
    """A member's office on the committee (人民调解法 第8条第2款): one chair, vice-chairs if
    needed, and the other members. Chair and vice-chairs are members too."""

    CHAIR = "chair", "主任", "Chair"
    VICE_CHAIR = "vice_chair", "副主任", "Vice-chair"
    MEMBER = "member", "委员", "Member"


# -- field checks, collected rather than raised one by one ---------------------------------

_NAME: Final = text(max_length=200)
"""A member's or a committee's name: at most 200 characters, as an `Actor`'s name."""

_MEMBER_FIELDS: Final = (
    ("id", ID),
    ("name", _NAME),
    ("role", member(CommitteeRole)),
    ("woman", flag()),
    ("smaller_ethnic_group", flag()),
)
_KIND: Final = member(CommitteeKind)
_BODY: Final = member(ElectingBody)
_NAMING_FIELDS: Final = (("id", ID), ("name", _NAME), ("kind", _KIND), ("chosen_by", _BODY))
_TERM_FIELDS: Final = (("term_starts", day()), ("multi_ethnic", flag()))


def _problems(value: object, checks: Iterable[tuple[str, Check]]) -> list[FieldError]:
    """Every field of `value` that fails its check, in the order of `checks`."""
    return [e for name, check in checks for e in check.problems(getattr(value, name), name)]


@attrs.frozen(kw_only=True)
class CommitteeMember:
    """A member of the committee (人民调解委员会委员) in a role, with what 第8条第3款 counts:
    whether she is a woman, and whether the member belongs to an ethnic group less numerous
    in the committee's area (人数较少民族), whatever that group's size nationwide.

    >>> CommitteeMember(id="cm-1", name="吴某", woman="yes")
    Traceback (most recent call last):
    ...
    jiceng.exceptions.ValidationError: invalid CommitteeMember: woman: expected True or False, ...
    """

    id: str
    name: str
    role: CommitteeRole = CommitteeRole.MEMBER
    woman: bool = False
    smaller_ethnic_group: bool = False

    def __attrs_post_init__(self) -> None:
        errors = _problems(self, _MEMBER_FIELDS)
        if errors:
            raise ValidationError(errors, subject="CommitteeMember")

    def as_mediator(self) -> Mediator:
        """The member as a case's mediator (人民调解员, 人民调解法 第13条: 委员担任), under the
        same id."""
        return Mediator(id=self.id, name=self.name, kind=MediatorKind.COMMITTEE_MEMBER)


_MEMBERS: Final = items(instance_of(CommitteeMember))


def _member_tuple(value: Iterable[CommitteeMember]) -> tuple[CommitteeMember, ...]:
    # Anything but a collection of members is left as given, to be named by the checks.
    return as_tuple(value)


def _composition(members: tuple[CommitteeMember, ...], multi_ethnic: bool) -> list[FieldError]:
    """The rules of 第8条第2款 and 第3款, over members that are all well formed."""
    errors = unique_ids(members, "members")
    if not _FEWEST <= len(members) <= _MOST:
        count = f"has {len(members)} members; a committee has three to nine ({_COMPOSITION})"
        errors.append(FieldError("members", count))
    chairs = [m.name for m in members if m.role is CommitteeRole.CHAIR]
    if not chairs:
        errors.append(
            FieldError("members", f"names no chair (主任); a committee has one ({_COMPOSITION})")
        )
    elif len(chairs) > 1:
        names = "、".join(chairs)
        many = f"names {len(chairs)} chairs ({names}); a committee has one ({_COMPOSITION})"
        errors.append(FieldError("members", many))
    if not any(m.woman for m in members):
        errors.append(
            FieldError("members", f"has no woman member; a committee needs one ({_REPRESENTATION})")
        )
    if multi_ethnic and not any(m.smaller_ethnic_group for m in members):
        minority = (
            "has no member of the area's less numerous ethnic groups (人数较少民族), whom a "
            f"committee in a multi-ethnic area needs ({_REPRESENTATION})"
        )
        errors.append(FieldError("members", minority))
    return errors


def _choice_errors(kind: CommitteeKind, chosen_by: ElectingBody) -> list[FieldError]:
    bodies = kind.electing_bodies
    if chosen_by in bodies:
        return []
    names = [b.zh for b in bodies]
    wanted = " or ".join([", ".join(names[:-1]), names[-1]] if names[:-1] else names)
    choice = (
        f"the members of a committee set up by the {kind.en.lower()} ({kind.zh}) are chosen "
        f"by {wanted}, not by {chosen_by.zh} ({_CHOICE})"
    )
    return [FieldError("chosen_by", choice)]


@attrs.frozen(kw_only=True)
class MediationCommittee:
    """One term of a people's mediation committee (人民调解委员会, 人民调解法 第8条, 第9条).

    Set up by a villagers' or residents' committee, or by an enterprise or public
    institution (`kind`); its three to nine members, one the chair (主任) and any number
    the vice-chairs (副主任), are chosen by a body that fits the kind (`chosen_by`); it has
    a woman member and, in a multi-ethnic area (`multi_ethnic`), a member of the area's
    less numerous ethnic groups. The term begins on `term_starts`, the first day in
    office, and lasts three years ([`TERM_OF_OFFICE`][jiceng.mediation.committee.TERM_OF_OFFICE]).
    Every broken rule is reported at once, each as a `FieldError` of one `ValidationError`.
    """

    id: str
    name: str
    kind: CommitteeKind
    chosen_by: ElectingBody
    members: tuple[CommitteeMember, ...] = attrs.field(converter=_member_tuple)
    term_starts: pendulum.Date
    multi_ethnic: bool = False

    def __attrs_post_init__(self) -> None:
        members = self.members
        errors = [
            *_problems(self, _NAMING_FIELDS),
            *(
                _composition(members, self.multi_ethnic is True)
                if _MEMBERS.ok(members)
                else _MEMBERS.problems(members, "members")
            ),
            *_problems(self, _TERM_FIELDS),
        ]
        if _KIND.ok(self.kind) and _BODY.ok(self.chosen_by):
            errors += _choice_errors(self.kind, self.chosen_by)
        if errors:
            raise ValidationError(errors, subject="MediationCommittee")

    @property
    def chair(self) -> CommitteeMember:
        """The chair (主任)."""
        return next(m for m in self.members if m.role is CommitteeRole.CHAIR)

    @property
    def vice_chairs(self) -> tuple[CommitteeMember, ...]:
        """The vice-chairs (副主任), if any."""
        return tuple(m for m in self.members if m.role is CommitteeRole.VICE_CHAIR)

    def member(self, member_id: str) -> CommitteeMember | None:
        """The member with this id, or `None`."""
        return next((m for m in self.members if m.id == member_id), None)

    @property
    def actor(self) -> Actor:
        """The committee as the body that takes up a case (`MediationCase.open(committee=...)`)."""
        return Actor.department(self.id, self.name)

    @property
    def term_ends(self) -> pendulum.Date:
        """The last day in office: three years on, counted as `Months(36)` from the day
        before the first, as the first day in office is the first day counted (民法典
        第201条, 第202条). A term from 2023-03-01 ends on 2026-02-28; one from 2024-02-29,
        on 2027-02-28. The next term's first day is always the day after."""
        eve = self.term_starts.subtract(days=1)
        start = pendulum.datetime(eve.year, eve.month, eve.day, tz=_CALENDAR.tz)
        return TERM_OF_OFFICE.rule.due(start, _CALENDAR).date()

    @checked
    def in_office(self, on: pendulum.Date) -> bool:
        """Whether this term is in office on the local day `on` (a `pendulum.Date`; its
        first and last days included)."""
        return self.term_starts <= on <= self.term_ends

    @checked
    def re_elect(
        self,
        *,
        members: Sequence[CommitteeMember] | None = None,
        chosen_by: ElectingBody | None = None,
        starts: pendulum.Date | None = None,
    ) -> MediationCommittee:
        """The next term (换届): members chosen again, the same ones by default (连选连任,
        人民调解法 第9条第2款), by `chosen_by` (by default the body that chose this term).

        The new term begins the day after this one ends, or on a later day `starts` when the
        election came late; it never overlaps this one. It is checked like any committee.
        """
        follows = self.term_ends.add(days=1)
        if starts is None:
            starts = follows
        elif starts < follows:
            overlap = (
                f"this term runs until {self.term_ends}; the next begins on {follows} or later"
            )
            raise ValidationError.single(
                "re_elect.starts", overlap, subject="MediationCommittee call"
            )
        return attrs.evolve(
            self,
            members=self.members if members is None else members,
            chosen_by=self.chosen_by if chosen_by is None else chosen_by,
            term_starts=starts,
        )
