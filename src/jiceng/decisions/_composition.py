"""The make-up of a 村民代表会议 (村民代表会议的组成), 村民委员会组织法(2018) 第25条.

The assembly consists of the villagers' committee's members and the villagers'
representatives (村民代表). The representatives must make up at least four fifths of its
members (组成人员), and the women representatives at least a third of its members: of all
of them, not of the representatives only; 以上 includes the share itself. Each
representative is chosen by five to fifteen households (推选户), or by a villagers' group
(村民小组), which may choose several and has no household ratio to meet.

`Composition.of` checks the records and how each representative was chosen (a
`Constituency`) and reports every rule, met or broken, with its source;
`Composition.require` raises `CompositionError` listing every broken rule. Records that
cannot be judged (a representative with no constituency or no recorded sex, a household
or group nobody belongs to) raise `ValidationError` instead.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from jiceng import Source
from jiceng.checks import as_frozenset, instance_of, items, optional, text
from jiceng.decisions._rolls import Person, Role, Roll, Sex
from jiceng.decisions._thresholds import AT_LEAST_FOUR_FIFTHS, AT_LEAST_ONE_THIRD, Threshold
from jiceng.exceptions import FieldError, ValidationError

_COMPOSITION_ARTICLE = "村民委员会组织法(2018) 第25条"
_REPRESENTATIVES = Source(
    f"{_COMPOSITION_ARTICLE}第1款", "村民代表应当占村民代表会议组成人员的五分之四以上"
)
_WOMEN = Source(
    f"{_COMPOSITION_ARTICLE}第1款", "妇女村民代表应当占村民代表会议组成人员的三分之一以上"
)
_BY_HOUSEHOLDS = Source(f"{_COMPOSITION_ARTICLE}第2款", "村民代表由村民按每五户至十五户推选一人")
_BY_GROUP = Source(f"{_COMPOSITION_ARTICLE}第2款", "或者由各村民小组推选若干人")
_FEWEST_HOUSEHOLDS, _MOST_HOUSEHOLDS = 5, 15

REPRESENTATIVE_TERM_YEARS = 5
"""A representative's term in years: the villagers' committee's (第25条第2款: 村民代表的任期与
村民委员会的任期相同; 第11条第2款: 村民委员会每届任期五年). It ends with the committee's
term, and representatives may be chosen again (可以连选连任), with no limit on terms."""


def _household_ids(value: Iterable[str]) -> frozenset[str]:
    return as_frozenset(value)


@attrs.frozen(kw_only=True)
class Constituency:
    """Who chose a villagers' representative (推选): households (推选户) or a group.

    Give exactly one of `households`, the ids of the households that chose them
    (每五户至十五户推选一人), and `group`, the 村民小组 that chose them (由各村民小组推选若干人).
    """

    representative: str = attrs.field(validator=text())
    households: frozenset[str] = attrs.field(
        default=frozenset(), converter=_household_ids, validator=items(text(), kinds=(frozenset,))
    )
    group: str | None = attrs.field(default=None, validator=optional(text()))

    def __attrs_post_init__(self) -> None:
        if self.households and self.group is not None:
            msg = "a representative is chosen by households or by a group, not both"
            raise ValidationError.single("group", msg, subject="Constituency")
        if not self.households and self.group is None:
            msg = "name the households (推选户) or the group (村民小组) that chose them"
            raise ValidationError.single("households", msg, subject="Constituency")


@attrs.frozen(kw_only=True)
class CompositionFinding:
    """One rule of 第25条, checked: met or broken, with the figures and its source.

    `path` names what was checked: ``representatives`` (their share), ``women`` (the
    women representatives' share) or ``chosen[<id>]`` (how that representative was chosen).
    """

    path: str
    met: bool
    detail: str
    source: Source

    def __str__(self) -> str:
        return f"{'符合' if self.met else '不符合'} {self.path}: {self.detail}"


class CompositionError(ValidationError):
    """A 村民代表会议 whose make-up breaks 第25条; each broken rule is a `FieldError`."""


@attrs.frozen(kw_only=True)
class Composition:
    """The make-up of a 村民代表会议 (组成人员), checked against 第25条; build it with `of`.

    `committee` holds the villagers' committee's members; `representatives` the villagers'
    representatives who are not also on the committee, and `women` the women among them.
    """

    roll: Roll
    committee: frozenset[str]
    representatives: frozenset[str]
    women: frozenset[str]
    findings: tuple[CompositionFinding, ...]

    @property
    def met(self) -> bool:
        """Whether every rule is met."""
        return all(f.met for f in self.findings)

    @property
    def broken(self) -> tuple[CompositionFinding, ...]:
        """The rules broken, in the order of `findings`."""
        return tuple(f for f in self.findings if not f.met)

    def require(self) -> Composition:
        """This composition if every rule is met; else `CompositionError` naming each broken one."""
        broken = self.broken
        if broken:
            errors = [FieldError(f.path, f.detail) for f in broken]
            raise CompositionError(errors, subject="representative assembly")
        return self

    def __str__(self) -> str:
        verdict = "符合第25条" if self.met else f"{len(self.broken)} 项不符合第25条"
        return (
            f"组成人员 {len(self.roll)} 人：村民委员会成员 {len(self.committee)} 人、"
            f"村民代表 {len(self.representatives)} 人（其中妇女 {len(self.women)} 人）；{verdict}"
        )

    @classmethod
    def of(cls, people: Iterable[Person], *, chosen: Iterable[Constituency]) -> Composition:
        """Check the 村民代表会议 of `people` (as `Roll.representative_assembly` lists it).

        `chosen` says how each representative (each person with `Role.REPRESENTATIVE`)
        was chosen, one `Constituency` each. Someone both on the committee and a
        representative sits once and counts as a committee member, never towards the
        representatives' or the women's share. Raises `ValidationError` for records it cannot
        judge, every problem listed with its path.
        """
        records = list(people)
        roll = Roll.representative_assembly(records)
        committee = frozenset(p.id for p in records if Role.VILLAGE_COMMITTEE in p.roles)
        chosen_by = _constituencies(records, list(chosen))
        representatives = frozenset(
            p.id for p in records if Role.REPRESENTATIVE in p.roles and p.id not in committee
        )
        women = frozenset(p.id for p in records if p.id in representatives and p.sex is Sex.FEMALE)
        findings = (
            _share(
                "representatives",
                who="representatives",
                count=len(representatives),
                total=len(roll),
                threshold=AT_LEAST_FOUR_FIFTHS,
                source=_REPRESENTATIVES,
            ),
            _share(
                "women",
                who="women representatives",
                count=len(women),
                total=len(roll),
                threshold=AT_LEAST_ONE_THIRD,
                source=_WOMEN,
            ),
            *(_choice(c) for _, c in sorted(chosen_by.items())),
        )
        return cls(
            roll=roll,
            committee=committee,
            representatives=representatives,
            women=women,
            findings=findings,
        )


def _share(
    path: str, *, who: str, count: int, total: int, threshold: Threshold, source: Source
) -> CompositionFinding:
    detail = (
        f"{count} of {total} members are {who}; {source} needs {threshold.label.zh} "
        f"({threshold.minimum(total)} of {total})"
    )
    met = threshold.met(count, total)
    return CompositionFinding(path=path, met=met, detail=detail, source=source)


def _choice(constituency: Constituency) -> CompositionFinding:
    path = f"chosen[{constituency.representative}]"
    if constituency.group is not None:
        detail = (
            f"chosen by the villagers' group {constituency.group}; {_BY_GROUP} lets a group "
            "choose several, with no household ratio"
        )
        return CompositionFinding(path=path, met=True, detail=detail, source=_BY_GROUP)
    n = len(constituency.households)
    detail = (
        f"chosen by {n} households; {_BY_HOUSEHOLDS} needs {_FEWEST_HOUSEHOLDS} to "
        f"{_MOST_HOUSEHOLDS} households per representative"
    )
    met = _FEWEST_HOUSEHOLDS <= n <= _MOST_HOUSEHOLDS
    return CompositionFinding(path=path, met=met, detail=detail, source=_BY_HOUSEHOLDS)


_CONSTITUENCY = instance_of(Constituency)


def _constituencies(records: list[Person], chosen: list[object]) -> dict[str, Constituency]:
    """Each representative's constituency, checked against the records; raises if any is bad."""
    representatives = {p.id for p in records if Role.REPRESENTATIVE in p.roles}
    committee = {p.id for p in records if Role.VILLAGE_COMMITTEE in p.roles}
    households = {p.household for p in records if p.household is not None}
    groups = {p.group for p in records if p.group is not None}
    errors = []
    found: dict[str, Constituency] = {}
    chose: dict[str, str] = {}
    for index, constituency in enumerate(chosen):
        where = f"chosen[{index}]"
        if not isinstance(constituency, Constituency):
            errors += _CONSTITUENCY.problems(constituency, where)
        elif constituency.representative not in representatives:
            msg = f"{constituency.representative} is not a villagers' representative (村民代表)"
            errors.append(FieldError(where, msg))
        elif constituency.representative in found:
            errors.append(FieldError(where, f"{constituency.representative} is listed twice"))
        else:
            found[constituency.representative] = constituency
            problems = _places(constituency, households, groups, chose)
            errors.extend(FieldError(where, msg) for msg in problems)
    missing = sorted(representatives - found.keys())
    if missing:
        msg = f"how these representatives were chosen is not given: {', '.join(missing)}"
        errors.append(FieldError("chosen", msg))
    for index, person in enumerate(records):
        if person.id in representatives - committee and person.sex is None:
            msg = f"{person.id} is a representative; their sex is needed to count women"
            errors.append(FieldError(f"people[{index}].sex", msg))
    if errors:
        raise ValidationError(errors, subject="representative assembly")
    return found


def _places(
    constituency: Constituency, households: set[str], groups: set[str], chose: dict[str, str]
) -> list[str]:
    """What is wrong with the households or group named; records who each household chose."""
    problems = []
    unknown = sorted(constituency.households - households)
    if unknown:
        problems.append(f"no such household in the records: {', '.join(unknown)}")
    if constituency.group is not None and constituency.group not in groups:
        problems.append(f"no such villagers' group in the records: {constituency.group}")
    for household in sorted(constituency.households & households):
        if household in chose:
            problems.append(f"household {household} already chose {chose[household]} (推选一人)")
        else:
            chose[household] = constituency.representative
    return problems
