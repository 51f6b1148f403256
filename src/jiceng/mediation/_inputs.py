"""The values users build as input to a mediation case: parties, mediators, the dispute
and its origin, terms and their obligations, attendees, responsibilities.

Every value is frozen and checks its own fields, raising `ValidationError` for bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import attrs
import pendulum

from jiceng import Source
from jiceng.checks import as_tuple, day, instance_of, items, member, optional, text
from jiceng.exceptions import FieldError, ValidationError
from jiceng.mediation._kinds import AttendeeRole, DisputeKind, MediatorKind, OriginKind, PartyKind

__all__ = [
    "ID",
    "Attendee",
    "Dispute",
    "Invitee",
    "Mediator",
    "Obligation",
    "Origin",
    "Party",
    "Responsibility",
    "Terms",
    "unique_ids",
]

ID: Final = text(max_length=200)
"""An id (of a case, a party, a mediator, an obligation, a session): at most 200
characters, as an `Actor`'s id."""

_NAME: Final = text(max_length=200)
"""A person's or an organisation's name: at most 200 characters."""


def unique_ids(values: Iterable[Any], path: str) -> list[FieldError]:
    """A `FieldError` for every value whose `id` an earlier one already has."""
    seen: set[str] = set()
    errors = []
    for index, value in enumerate(values):
        if value.id in seen:
            errors.append(FieldError(f"{path}[{index}].id", f"{value.id!r} appears twice"))
        seen.add(value.id)
    return errors


@attrs.frozen(kw_only=True)
class Party:
    """A party to the dispute (当事人): a person or an organisation, with its id."""

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=_NAME)
    kind: PartyKind = attrs.field(default=PartyKind.PERSON, validator=member(PartyKind))


@attrs.frozen(kw_only=True)
class Mediator:
    """A mediator (人民调解员, 人民调解法 第13条), of a kind such as an elder panel member."""

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=_NAME)
    kind: MediatorKind = attrs.field(
        default=MediatorKind.COMMITTEE_MEMBER, validator=member(MediatorKind)
    )


@attrs.frozen(kw_only=True)
class Dispute:
    """The dispute (纠纷): its kind and the facts as registered (人民调解法 第27条)."""

    kind: DisputeKind = attrs.field(validator=member(DisputeKind))
    facts: str = attrs.field(validator=text())


_NEEDS_REF = frozenset(OriginKind) - {OriginKind.OWN_INITIATIVE}


@attrs.frozen(kw_only=True)
class Origin:
    """Where a case comes from (纠纷来源), with `ref`: the applicant's party id for an
    application, the other workflow's id for a referral (a petition, a grid event, a court
    or police file), and nothing for the committee's own initiative.

    >>> Origin(kind=OriginKind.PETITION, ref="XF-2026-0012").ref
    'XF-2026-0012'
    >>> Origin(kind=OriginKind.POLICE)
    Traceback (most recent call last):
    ...
    jiceng.exceptions.ValidationError: invalid Origin: ref: 'police' needs the id it comes from
    """

    kind: OriginKind = attrs.field(validator=member(OriginKind))
    ref: str | None = attrs.field(default=None, validator=optional(ID))

    def __attrs_post_init__(self) -> None:
        if self.kind in _NEEDS_REF and self.ref is None:
            msg = f"{self.kind.value!r} needs the id it comes from"
            raise ValidationError.single("ref", msg, subject="Origin")
        if self.kind is OriginKind.OWN_INITIATIVE and self.ref is not None:
            msg = "the committee's own initiative refers to nothing; leave it empty"
            raise ValidationError.single("ref", msg, subject="Origin")


@attrs.frozen(kw_only=True)
class Obligation:
    """One obligation of the agreement (履行义务): who does what, how, and by which day
    (人民调解法 第29条: 履行的方式、期限). `due` is a local day; performing on it is on time.
    """

    id: str = attrs.field(validator=ID)
    obligor: str = attrs.field(validator=ID)
    what: str = attrs.field(validator=text())
    method: str = attrs.field(validator=text())
    due: pendulum.Date = attrs.field(validator=day())


def _clause_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(value)


def _obligation_tuple(value: Iterable[Obligation]) -> tuple[Obligation, ...]:
    return as_tuple(value)


_AGREEMENT_CONTENTS = Source(
    "人民调解法(2010) 第29条第1款第3项",
    "调解协议书可以载明下列事项：……（三）当事人达成调解协议的内容，履行的方式、期限。",
)


@attrs.frozen(kw_only=True)
class Terms:
    """The terms of a settlement (调解方案): its clauses and the obligations they create.

    An agreement may have no obligation to perform (an apology given at the meeting, a
    boundary simply recognised); it always has at least one clause, its content
    (人民调解法 第29条). Obligations have distinct ids. A list is kept as a tuple.
    """

    clauses: tuple[str, ...] = attrs.field(converter=_clause_tuple, validator=items(text()))
    obligations: tuple[Obligation, ...] = attrs.field(
        default=(), converter=_obligation_tuple, validator=items(instance_of(Obligation))
    )

    def __attrs_post_init__(self) -> None:
        errors = unique_ids(self.obligations, "obligations")
        if not self.clauses:
            msg = (
                "the terms state what the parties agreed: at least one clause "
                f"({_AGREEMENT_CONTENTS})"
            )
            errors.insert(0, FieldError("clauses", msg))
        if errors:
            raise ValidationError(errors, subject="Terms")


@attrs.frozen(kw_only=True)
class Attendee:
    """Someone at a session, in a role; parties and mediators by their case ids."""

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=_NAME)
    role: AttendeeRole = attrs.field(validator=member(AttendeeRole))


_NOT_INVITED = frozenset({AttendeeRole.PARTY, AttendeeRole.MEDIATOR})


@attrs.frozen(kw_only=True)
class Invitee:
    """Someone a mediator invites to take part in mediation (邀请参与调解, 人民调解法 第20条),
    in a `capacity`: a relative, neighbour or colleague of a party, an expert, someone from
    a social organisation, or one of the community (a party member, a respected local, an
    official, a residents' representative). Never a party or a mediator: they take part
    in their own right.

    >>> Invitee(id="e-1", name="土地所测量员", capacity=AttendeeRole.EXPERT).capacity.zh
    '专业人员'
    >>> Invitee(id="e-1", name="颜某", capacity=AttendeeRole.PARTY)
    Traceback (most recent call last):
    ...
    jiceng.exceptions.ValidationError: invalid Invitee: capacity: a party is never invited
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=_NAME)
    capacity: AttendeeRole = attrs.field(validator=member(AttendeeRole))

    def __attrs_post_init__(self) -> None:
        if self.capacity in _NOT_INVITED:
            msg = f"a {self.capacity.value} is never invited"
            raise ValidationError.single("capacity", msg, subject="Invitee")


@attrs.frozen(kw_only=True)
class Responsibility:
    """A party's responsibility as the written agreement states it (各方当事人的责任)."""

    party: str = attrs.field(validator=ID)
    text: str = attrs.field(validator=text())
