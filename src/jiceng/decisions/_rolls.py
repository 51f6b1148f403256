"""Rolls (名册): who may attend and vote at a meeting, built from plain person records.

A roll is a value: the ids of its members, the households with their representatives
(户代表) where a quorum counts households, and the day it was drawn up, since age is
reckoned on the meeting date (村民委员会组织法 第21条: 村民会议由本村十八周岁以上的村民组成).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from jiceng import Labelled
from jiceng.checks import as_frozenset, day, flag, instance_of, items, member, optional, text
from jiceng.exceptions import FieldError, ValidationError

ADULT_AGE = 18
"""村民委员会组织法 第21条, 城市居民委员会组织法 第9条: 十八周岁以上的村(居)民."""


class Role(enum.Enum):
    """A role a person holds that puts them on a roll other than the adults' (身份)."""

    REPRESENTATIVE = "representative"  # 村民代表 (村民委员会组织法 第25条)
    VILLAGE_COMMITTEE = "village_committee"  # 村(居)民委员会成员
    BRANCH_COMMITTEE = "branch_committee"  # 党支部委员会委员
    PARTY_MEMBER = "party_member"  # 有表决权的正式党员 (probationary members do not vote)


class Sex(Labelled):
    """A person's sex (性别), as a register records it; 第25条 counts women representatives."""

    FEMALE = "female", "女", "female"
    MALE = "male", "男", "male"


class RollKind(Labelled):
    """Which body a roll lists; a meeting kind names the kinds of roll it meets on."""

    ADULTS = "adults", "十八周岁以上的村(居)民", "adult villagers or residents"
    HOUSEHOLD_REPRESENTATIVES = "household_representatives", "户代表", "household representatives"
    GROUPS = "groups", "村(居)民小组", "villagers' or residents' groups"
    REPRESENTATIVES = "representatives", "村民代表", "villagers' representatives"
    REPRESENTATIVE_ASSEMBLY = (
        "representative_assembly",
        "村民代表会议组成人员",
        "members of the villagers' representative assembly",
    )
    PARTY_MEMBERS = "party_members", "有表决权的党员", "party members with a vote"
    BRANCH_COMMITTEE = "branch_committee", "党支部委员", "party branch committee members"
    TWO_COMMITTEES = "two_committees", "两委成员", "members of the two committees"
    PARTICIPANTS = "participants", "参会人员", "invited participants"


def _roles(value: Iterable[Role]) -> frozenset[Role]:
    return as_frozenset(value)


@attrs.frozen(kw_only=True)
class Person:
    """A plain record of one villager or resident (村(居)民), as a register lists them.

    `household` is the id of their household (户) and `represents_household` marks the
    household's representative (户代表); `group` is their 村(居)民小组. `sex` is `None`
    where the register does not say; the make-up of a 村民代表会议 needs it of each
    representative, to count the women among them (村民委员会组织法 第25条).
    """

    id: str = attrs.field(validator=text())
    born: pendulum.Date = attrs.field(validator=day())
    name: str = attrs.field(default="", validator=text(blank=True))
    household: str | None = attrs.field(default=None, validator=optional(text()))
    represents_household: bool = attrs.field(default=False, validator=flag())
    group: str | None = attrs.field(default=None, validator=optional(text()))
    roles: frozenset[Role] = attrs.field(
        default=frozenset(), converter=_roles, validator=items(member(Role), kinds=(frozenset,))
    )
    sex: Sex | None = attrs.field(default=None, validator=optional(member(Sex)))

    def __attrs_post_init__(self) -> None:
        if self.represents_household and self.household is None:
            msg = f"{self.id} represents a household but belongs to none"
            raise ValidationError.single("represents_household", msg, subject="Person")

    def age_on(self, day: pendulum.Date) -> int:
        """Age in full years (周岁) on `day`; the birthday itself counts.

        Someone born on 29 February comes of age on 1 March in a common year.
        """
        before_birthday = (day.month, day.day) < (self.born.month, self.born.day)
        return day.year - self.born.year - before_birthday

    def is_adult_on(self, day: pendulum.Date) -> bool:
        """Whether they are 18 or over on `day` (十八周岁以上)."""
        return self.age_on(day) >= ADULT_AGE


@attrs.frozen
class Household:
    """A household (户) and the id of its representative (户代表)."""

    id: str = attrs.field(validator=text())
    representative: str = attrs.field(validator=text())


def _ids(value: Iterable[str]) -> frozenset[str]:
    return as_frozenset(value)


def _households(value: Iterable[Household]) -> frozenset[Household]:
    return as_frozenset(value)


@attrs.frozen(kw_only=True)
class Roll:
    """The members of a meeting (应到会人员), and their households where those count.

    Build it from records with `adults`, `household_representatives`, `groups`,
    `representatives`, `representative_assembly`, `party_members`,
    `branch_committee`, `two_committees` or `participants`.
    """

    kind: RollKind = attrs.field(validator=member(RollKind))
    members: frozenset[str] = attrs.field(
        converter=_ids, validator=items(text(), kinds=(frozenset,))
    )
    households: frozenset[Household] = attrs.field(
        default=frozenset(),
        converter=_households,
        validator=items(instance_of(Household), kinds=(frozenset,)),
    )
    on: pendulum.Date | None = attrs.field(default=None, validator=optional(day()))

    def __attrs_post_init__(self) -> None:
        errors = []
        if not self.members:
            errors.append(FieldError("members", "a roll needs at least one member"))
        for household in sorted(self.households, key=lambda h: h.id):
            if household.representative not in self.members:
                msg = f"the representative {household.representative} is not on the roll"
                errors.append(FieldError(f"households[{household.id}]", msg))
        if len({h.id for h in self.households}) != len(self.households):
            errors.append(FieldError("households", "a household is listed twice"))
        if errors:
            raise ValidationError(errors, subject="roll")

    def __len__(self) -> int:
        return len(self.members)

    def __contains__(self, person: object) -> bool:
        return person in self.members

    @property
    def household_count(self) -> int:
        """How many households the roll counts (0 when households do not count)."""
        return len(self.households)

    def households_present(self, present: frozenset[str]) -> int:
        """How many households have their representative among `present`."""
        return sum(h.representative in present for h in self.households)

    # -- building rolls from records --------------------------------------------------

    @classmethod
    def adults(
        cls, people: Iterable[Person], *, on: pendulum.Date, group: str | None = None
    ) -> Roll:
        """Villagers or residents aged 18 or over on `on` (the meeting date), with households.

        With `group`, only that 村民小组 (村民委员会组织法 第28条). Every household
        needs exactly one representative aged 18 or over: a household that could never be
        counted would silently raise the bar of a household quorum.
        """
        chosen = _checked(people, group)
        adults = {p.id for p in chosen if p.is_adult_on(on)}
        households = _households_of(chosen, on)
        return cls(kind=RollKind.ADULTS, members=adults, households=households, on=on)

    @classmethod
    def household_representatives(
        cls, people: Iterable[Person], *, on: pendulum.Date, group: str | None = None
    ) -> Roll:
        """One representative per household (每户派代表, 城市居民委员会组织法 第9条)."""
        households = _households_of(_checked(people, group), on)
        members = {h.representative for h in households}
        return cls(
            kind=RollKind.HOUSEHOLD_REPRESENTATIVES, members=members, households=households, on=on
        )

    @classmethod
    def groups(cls, people: Iterable[Person]) -> Roll:
        """The 村(居)民小组 as members, e.g. for a request by a third of the groups."""
        names = {p.group for p in _checked(people, None) if p.group is not None}
        return cls(kind=RollKind.GROUPS, members=names)

    @classmethod
    def representatives(cls, people: Iterable[Person]) -> Roll:
        """Villagers' representatives (村民代表), who may ask for meetings (第21条, 第26条)."""
        return cls._with_roles(people, RollKind.REPRESENTATIVES, {Role.REPRESENTATIVE})

    @classmethod
    def representative_assembly(cls, people: Iterable[Person]) -> Roll:
        """村民代表会议: the committee members and the representatives (第25条)."""
        roles = {Role.REPRESENTATIVE, Role.VILLAGE_COMMITTEE}
        return cls._with_roles(people, RollKind.REPRESENTATIVE_ASSEMBLY, roles)

    @classmethod
    def party_members(cls, people: Iterable[Person]) -> Roll:
        """Party members with a vote (有表决权的正式党员), for the 党员大会."""
        return cls._with_roles(people, RollKind.PARTY_MEMBERS, {Role.PARTY_MEMBER})

    @classmethod
    def branch_committee(cls, people: Iterable[Person]) -> Roll:
        """The party branch committee (党支部委员会), which proposes in 四议两公开."""
        return cls._with_roles(people, RollKind.BRANCH_COMMITTEE, {Role.BRANCH_COMMITTEE})

    @classmethod
    def two_committees(cls, people: Iterable[Person]) -> Roll:
        """Members of the branch committee and of the villagers' committee (两委)."""
        roles = {Role.BRANCH_COMMITTEE, Role.VILLAGE_COMMITTEE}
        return cls._with_roles(people, RollKind.TWO_COMMITTEES, roles)

    @classmethod
    def participants(cls, ids: Iterable[str]) -> Roll:
        """Whoever the convener lists, for consultative meetings (议事会, 群众会, ...)."""
        return cls(kind=RollKind.PARTICIPANTS, members=ids)

    @classmethod
    def _with_roles(cls, people: Iterable[Person], kind: RollKind, roles: set[Role]) -> Roll:
        return cls(kind=kind, members={p.id for p in _checked(people, None) if p.roles & roles})


_PERSON = instance_of(Person)


def _checked(people: Iterable[Person], group: str | None) -> list[Person]:
    records: list[Any] = list(people)
    seen: set[str] = set()
    errors = []
    for index, person in enumerate(records):
        if not isinstance(person, Person):
            errors += _PERSON.problems(person, f"people[{index}]")
        elif person.id in seen:
            errors.append(FieldError(f"people[{index}]", f"{person.id} is listed twice"))
        else:
            seen.add(person.id)
    if errors:
        raise ValidationError(errors, subject="roll")
    return [p for p in records if group is None or p.group == group]


def _households_of(people: list[Person], on: pendulum.Date) -> set[Household]:
    representatives: dict[str, list[Person]] = {}
    for person in people:
        if person.household is not None:
            found = representatives.setdefault(person.household, [])
            if person.represents_household:
                found.append(person)
    errors = []
    for household, reps in sorted(representatives.items()):
        where = f"households[{household}]"
        if len(reps) != 1:
            names = ", ".join(p.id for p in reps) or "none"
            msg = f"needs exactly one representative (户代表), has {names}"
            errors.append(FieldError(where, msg))
        elif not reps[0].is_adult_on(on):
            msg = f"its representative {reps[0].id} is under {ADULT_AGE} on {on}"
            errors.append(FieldError(where, msg))
    if errors:
        raise ValidationError(errors, subject="roll")
    return {Household(h, reps[0].id) for h, reps in representatives.items()}
