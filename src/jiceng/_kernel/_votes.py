"""Votes and the thresholds that judge them: quorum and majority rules as exact fractions.

One implementation of 法定人数 (quorum) and 多数 (majority) that every domain uses: the
meetings of `jiceng.decisions` count their attendance and ballots with it, and a points
rule book's adoption (`jiceng.points.RuleBookAdoption.adopt`) judges the `Vote` that
adopted it with it, without either domain importing the other.

"More than half" (过半数, 超过半数) is strict: exactly half fails. "At least two thirds"
(三分之二以上) includes two thirds exactly, as 以上 includes the number itself in Chinese
statutes. Counts are compared as integers (``count * denominator`` against
``numerator * total``), never as floats.

>>> MORE_THAN_HALF.met(50, 100), MORE_THAN_HALF.met(51, 100)
(False, True)
>>> AT_LEAST_TWO_THIRDS.met(2, 3), AT_LEAST_TWO_THIRDS.minimum(100)
(True, 67)
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Final, Protocol

import attrs

from jiceng._kernel._checks import (
    as_tuple,
    between,
    flag,
    instance_of,
    items,
    member,
    optional,
    ratio,
    text,
)
from jiceng._kernel._values import Label, Labelled, Source
from jiceng.exceptions import FieldError, ValidationError

__all__ = [
    "AT_LEAST_FOUR_FIFTHS",
    "AT_LEAST_HALF",
    "AT_LEAST_ONE_FIFTH",
    "AT_LEAST_ONE_TENTH",
    "AT_LEAST_ONE_THIRD",
    "AT_LEAST_TWO_THIRDS",
    "MIN_SHARE",
    "MORE_THAN_HALF",
    "VILLAGERS_ASSEMBLY_BODY",
    "VILLAGER_REPRESENTATIVES_BODY",
    "Base",
    "Body",
    "Majority",
    "Quorum",
    "QuorumCount",
    "QuorumTest",
    "Threshold",
    "Vote",
]

_NUMERALS = "零一二三四五六七八九十"


MIN_SHARE: Final = Fraction(1, 100)
"""The smallest share a threshold takes: 1/100. The smallest in the statutes is a tenth
(十分之一以上, 村民委员会组织法 第21条); a share of 0 would make a threshold that anybody, or
nobody at all, meets."""


@attrs.frozen
class Threshold:
    """A share of a count that must be reached: strictly exceeded, or reached (`inclusive`).

    `share` is an exact `Fraction` from `MIN_SHARE` (1/100) to 1.
    """

    share: Fraction = attrs.field(validator=ratio(MIN_SHARE, Fraction(1)))
    inclusive: bool = attrs.field(kw_only=True, validator=flag())

    def met(self, count: int, total: int) -> bool:
        """Whether `count` out of `total` reaches the threshold; never when `total` is 0."""
        if total <= 0:
            return False
        lhs, rhs = count * self.share.denominator, self.share.numerator * total
        return lhs >= rhs if self.inclusive else lhs > rhs

    def minimum(self, total: int) -> int:
        """The smallest count that meets the threshold out of `total` (``total > 0``)."""
        numerator, denominator = self.share.numerator * total, self.share.denominator
        if self.inclusive:
            return -(-numerator // denominator)
        return numerator // denominator + 1

    @property
    def label(self) -> Label:
        """The rule in words, as the statutes write it (过半数, 三分之二以上)."""
        n, d = self.share.numerator, self.share.denominator
        if (n, d) == (1, 2):
            return Label("半数以上", "at least half") if self.inclusive else _MORE_THAN_HALF
        words = f"{_cn(d)}分之{_cn(n)}"
        if self.inclusive:
            return Label(f"{words}以上", f"at least {n}/{d}")
        return Label(f"超过{words}", f"more than {n}/{d}")

    def __str__(self) -> str:
        return str(self.label)


_MORE_THAN_HALF = Label("过半数", "more than half")


def _cn(n: int) -> str:
    return _NUMERALS[n] if n <= 10 else str(n)


MORE_THAN_HALF = Threshold(Fraction(1, 2), inclusive=False)
"""过半数: more than half; exactly half fails."""
AT_LEAST_HALF = Threshold(Fraction(1, 2), inclusive=True)
"""半数以上: at least half."""
AT_LEAST_TWO_THIRDS = Threshold(Fraction(2, 3), inclusive=True)
"""三分之二以上: at least two thirds; exactly two thirds passes."""
AT_LEAST_FOUR_FIFTHS = Threshold(Fraction(4, 5), inclusive=True)
"""五分之四以上: at least four fifths; exactly four fifths passes."""
AT_LEAST_ONE_THIRD = Threshold(Fraction(1, 3), inclusive=True)
"""三分之一以上."""
AT_LEAST_ONE_FIFTH = Threshold(Fraction(1, 5), inclusive=True)
"""五分之一以上."""
AT_LEAST_ONE_TENTH = Threshold(Fraction(1, 10), inclusive=True)
"""十分之一以上."""


class Base(Labelled):
    """What a share is taken of."""

    MEMBERS = "members", "应到会人员", "members on the roll"
    HOUSEHOLDS = "households", "户", "households"
    PRESENT = "present", "到会人员", "those present"


@attrs.frozen(kw_only=True)
class QuorumTest:
    """One way to reach a quorum: a share of the members, or of the households."""

    of: Base = attrs.field(validator=member(Base))
    threshold: Threshold = attrs.field(validator=instance_of(Threshold))

    def __attrs_post_init__(self) -> None:
        if self.of is Base.PRESENT:
            msg = "a quorum counts members or households, not those present"
            raise ValidationError.single("of", msg, subject="quorum")

    @property
    def label(self) -> Label:
        """``本村十八周岁以上村民的过半数`` style wording."""
        t = self.threshold.label
        return Label(f"{self.of.zh}的{t.zh}", f"{t.en} of the {self.of.en}")


class _Roll(Protocol):
    """What an attendance is counted against: a roll's members and households (a
    `jiceng.decisions.Roll`)."""

    def __len__(self) -> int: ...

    @property
    def household_count(self) -> int: ...

    def households_present(self, present: frozenset[str], /) -> int: ...


@attrs.frozen(kw_only=True)
class QuorumCount:
    """The figures of an attendance check (到会情况) and whether they make a quorum."""

    members: int
    present: int
    households: int
    households_present: int
    met: bool

    @classmethod
    def of(cls, roll: _Roll, present: frozenset[str], *, met: bool) -> QuorumCount:
        """The figures of `present` (ids on `roll`), with `met` as the rule in force says."""
        return cls(
            members=len(roll),
            present=len(present),
            households=roll.household_count,
            households_present=roll.households_present(present),
            met=met,
        )

    def __str__(self) -> str:
        text = f"到会 {self.present}/{self.members} 人"
        if self.households:
            text += f", 户代表 {self.households_present}/{self.households} 户"
        return text + ("，达到法定人数" if self.met else "，未达法定人数")


def _tests(value: Iterable[QuorumTest]) -> tuple[QuorumTest, ...]:
    return as_tuple(value)


@attrs.frozen(kw_only=True)
class Quorum:
    """When a meeting may be held (会议召开的法定人数): any one of `tests` suffices (或者)."""

    tests: tuple[QuorumTest, ...] = attrs.field(
        converter=_tests, validator=items(instance_of(QuorumTest))
    )
    source: Source = attrs.field(validator=instance_of(Source))

    def __attrs_post_init__(self) -> None:
        if not self.tests:
            raise ValidationError.single("tests", "a quorum needs at least one test")

    def needs(self, count: QuorumCount) -> str:
        """What this rule needs, in figures of `count`'s roll: ``过半数成员 (51)``; a test
        of a count that is 0 (households not counted) is left out unless all are."""
        totals = {Base.MEMBERS: count.members, Base.HOUSEHOLDS: count.households}
        tests = [t for t in self.tests if totals[t.of]] or list(self.tests)  # counted ones
        return " or ".join(f"{t.label.zh} ({t.threshold.minimum(totals[t.of])})" for t in tests)

    def check(
        self, *, members: int, present: int, households: int = 0, households_present: int = 0
    ) -> QuorumCount:
        """Check attendance given as figures: `present` of `members`, and
        `households_present` of `households` (0 when households are not counted)."""
        met = any(
            t.threshold.met(present, members)
            if t.of is Base.MEMBERS
            else t.threshold.met(households_present, households)
            for t in self.tests
        )
        return QuorumCount(
            members=members,
            present=present,
            households=households,
            households_present=households_present,
            met=met,
        )

    def count(self, roll: _Roll, present: frozenset[str]) -> QuorumCount:
        """Check the attendance `present` (ids on `roll`) against the rule."""
        return self.check(
            members=len(roll),
            present=len(present),
            households=roll.household_count,
            households_present=roll.households_present(present),
        )


@attrs.frozen(kw_only=True)
class Majority:
    """How a motion passes (表决通过): a share of those present, or of all members."""

    threshold: Threshold = attrs.field(validator=instance_of(Threshold))
    of: Base = attrs.field(validator=member(Base))
    source: Source = attrs.field(validator=instance_of(Source))

    def __attrs_post_init__(self) -> None:
        if self.of is Base.HOUSEHOLDS:
            msg = "a majority counts those present or the members, not households"
            raise ValidationError.single("of", msg, subject="majority")

    def base(self, members: int, present: int) -> int:
        """The count the share is taken of."""
        return present if self.of is Base.PRESENT else members

    def needed(self, members: int, present: int) -> int:
        """The fewest votes for that pass a motion (``members`` or ``present`` > 0)."""
        return self.threshold.minimum(self.base(members, present))

    def passes(self, yes: int, *, members: int, present: int) -> bool:
        """Whether `yes` votes for pass the motion; never when the base is 0."""
        return self.threshold.met(yes, self.base(members, present))


# -- bodies and their votes --------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Body:
    """A body that decides by vote (议事决策机构), with its quorum and majority rules.

    `code` names the body (``"villagers_assembly"``), as the meeting kinds of
    `jiceng.decisions.kinds` name theirs; a local variant with stricter rules keeps the
    code and changes the rules (`attrs.evolve`).
    """

    code: str = attrs.field(validator=text(max_length=100))
    label: Label = attrs.field(validator=instance_of(Label))
    quorum: Quorum = attrs.field(validator=instance_of(Quorum))
    majority: Majority = attrs.field(validator=instance_of(Majority))

    def __str__(self) -> str:
        return self.label.zh


_VILLAGE_LAW = "村民委员会组织法(2018)"

VILLAGERS_ASSEMBLY_BODY: Final = Body(
    code="villagers_assembly",
    label=Label("村民会议", "villagers' assembly"),
    quorum=Quorum(
        tests=(
            QuorumTest(of=Base.MEMBERS, threshold=MORE_THAN_HALF),
            QuorumTest(of=Base.HOUSEHOLDS, threshold=AT_LEAST_TWO_THIRDS),
        ),
        source=Source(
            f"{_VILLAGE_LAW} 第22条",
            "召开村民会议，应当有本村十八周岁以上村民的过半数，或者本村三分之二以上的户的代表参加",
        ),
    ),
    majority=Majority(
        threshold=MORE_THAN_HALF,
        of=Base.PRESENT,
        source=Source(f"{_VILLAGE_LAW} 第22条", "村民会议所作决定应当经到会人员的过半数通过"),
    ),
)
"""村民会议 (第21条、第22条): the villagers of 18 and over; a quorum of more than half of
them, or of at least two thirds of the households; a decision by more than half of those
present. Its members are the adults; its households, the village's households."""

VILLAGER_REPRESENTATIVES_BODY: Final = Body(
    code="villager_representatives",
    label=Label("村民代表会议", "villagers' representative assembly"),
    quorum=Quorum(
        tests=(QuorumTest(of=Base.MEMBERS, threshold=AT_LEAST_TWO_THIRDS),),
        source=Source(f"{_VILLAGE_LAW} 第26条", "村民代表会议有三分之二以上的组成人员参加方可召开"),
    ),
    majority=Majority(
        threshold=MORE_THAN_HALF,
        of=Base.PRESENT,
        source=Source(f"{_VILLAGE_LAW} 第26条", "所作决定应当经到会人员的过半数同意"),
    ),
)
"""村民代表会议 (第25条、第26条): the committee's members and the representatives; a quorum
of at least two thirds of them; a decision by more than half of those present. It decides
only what the 村民会议 authorised it to (第25条)."""


_COUNT = optional(between(0, 10_000_000))
_REQUIRED = ("members", "present", "yes", "no", "abstain")
_HOUSEHOLDS = ("households", "households_present")


@attrs.frozen(kw_only=True)
class Vote:
    """A vote a body took on one motion (表决), with the figures that decide it.

    `record` is the decision's number in the meeting's minutes (会议记录、决议编号);
    `mandate`, for a body deciding what another authorised it to (a 村民代表会议,
    第24条第2款、第25条), the record of that authorisation. `members` are those the quorum
    counts (the adults for a 村民会议, the 组成人员 for a 村民代表会议), `households` and
    `households_present` the households and those represented (``None`` when not counted:
    a quorum by households is then not met). `yes`, `no` and `abstain` are the votes for,
    against and abstaining; their sum is at most `present`.

    A vote whose `body` is ``None`` is one whose body and figures were not recorded (the
    documents of earlier versions cited only a decision's number): it judges nothing, and
    `recorded` is ``False``. Build one with `Vote.unrecorded`; never invent its figures.

    >>> vote = Vote(record="CMDB-1", body=VILLAGERS_ASSEMBLY_BODY, members=20, present=11,
    ...             households=None, households_present=None, yes=5, no=4, abstain=2)
    >>> vote.inquorate() is None, vote.failed()
    (True, '赞成 5/11 到会人员: 村民委员会组织法(2018) 第22条 needs 过半数 (6)')
    """

    record: str = attrs.field(validator=text(max_length=200))
    body: Body | None = attrs.field(validator=optional(instance_of(Body)))
    members: int | None = attrs.field(validator=_COUNT)
    present: int | None = attrs.field(validator=_COUNT)
    households: int | None = attrs.field(validator=_COUNT)
    households_present: int | None = attrs.field(validator=_COUNT)
    yes: int | None = attrs.field(validator=_COUNT)
    no: int | None = attrs.field(validator=_COUNT)
    abstain: int | None = attrs.field(validator=_COUNT)
    mandate: str | None = attrs.field(default=None, validator=optional(text(max_length=200)))

    def __attrs_post_init__(self) -> None:
        errors = [FieldError(p, msg) for p, msg in self._problems()]
        if errors:
            raise ValidationError(errors, subject="vote")

    def _problems(self) -> list[tuple[str, str]]:
        given = {name: getattr(self, name) for name in _REQUIRED}
        if self.body is None:
            counted = [n for n, v in given.items() if v is not None]
            counted += [
                n for n in ("households", "households_present") if getattr(self, n) is not None
            ]
            return [(n, "a vote whose body is not recorded has no figures") for n in counted]
        problems = [(n, "required for a recorded vote") for n, v in given.items() if v is None]
        if (self.households is None) != (self.households_present is None):
            problems.append(("households_present", "give both households figures, or neither"))
        if problems:
            return problems
        members, present = self.members or 0, self.present or 0
        if present > members:
            problems.append(("present", f"{present} present of {members} members"))
        ballots = (self.yes or 0) + (self.no or 0) + (self.abstain or 0)
        if ballots > present:
            problems.append(("yes", f"{ballots} votes from {present} present"))
        households, represented = self.households or 0, self.households_present or 0
        if represented > households:
            problems.append(("households_present", f"{represented} of {households} households"))
        elif represented > present:
            msg = f"{represented} households represented by {present} present"
            problems.append(("households_present", msg))
        return problems

    @classmethod
    def unrecorded(cls, record: str) -> Vote:
        """The vote of decision `record`, whose body and figures were not recorded."""
        return cls(
            record=record,
            body=None,
            members=None,
            present=None,
            households=None,
            households_present=None,
            yes=None,
            no=None,
            abstain=None,
        )

    @property
    def recorded(self) -> bool:
        """Whether the body and the figures are known."""
        return self.body is not None

    def quorum(self, rules: Body | None = None) -> QuorumCount:
        """The attendance against the quorum of `rules` (the vote's own body by default)."""
        body = rules or self.body
        if body is None:
            msg = f"vote {self.record} has no recorded figures"
            raise ValidationError.single("body", msg, subject="vote")
        return body.quorum.check(
            members=self.members or 0,
            present=self.present or 0,
            households=self.households or 0,
            households_present=self.households_present or 0,
        )

    def inquorate(self, rules: Body | None = None) -> str | None:
        """Why the meeting could not decide (未达法定人数), citing the rule; ``None`` if it
        could. `rules` judges with another body's rules (the statute's, say)."""
        body = rules or self.body
        count = self.quorum(body)
        if count.met:
            return None
        assert body is not None
        return f"{count}: {body.quorum.source} needs {body.quorum.needs(count)}"

    def failed(self, rules: Body | None = None) -> str | None:
        """Why the motion failed (未获通过), citing the rule; ``None`` if it passed.

        Judges the votes alone: ask `inquorate` whether the meeting could decide at all.
        """
        body = rules or self.body
        if body is None:
            return f"vote {self.record} has no recorded figures"
        members, present, yes = self.members or 0, self.present or 0, self.yes or 0
        majority = body.majority
        if majority.passes(yes, members=members, present=present):
            return None
        base = majority.base(members, present)
        return (
            f"赞成 {yes}/{base} {majority.of.zh}: {majority.source} needs "
            f"{majority.threshold.label.zh} ({majority.threshold.minimum(base)})"
        )

    @property
    def carried(self) -> bool:
        """Whether a quorate meeting passed the motion by its body's rules."""
        return self.recorded and self.inquorate() is None and self.failed() is None

    def __str__(self) -> str:
        if self.body is None:
            return f"{self.record} (表决情况未记录)"
        households = ""
        if self.households is not None:
            households = f", 户代表 {self.households_present}/{self.households} 户"
        return (
            f"{self.record} {self.body}: 到会 {self.present}/{self.members} 人{households}; "
            f"赞成 {self.yes}、反对 {self.no}、弃权 {self.abstain}"
        )
