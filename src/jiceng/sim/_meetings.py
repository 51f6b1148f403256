"""Meeting turnout (到会率) → the probability of a quorum (法定人数) and of a motion passing.

Every sitting is a real `jiceng.decisions.Meeting` of the scenario's `kind` (村民会议 by
default): convened with its notice, members signed in, opened or recorded as failing its
quorum, a motion moved and voted on openly, tallied and concluded. Each member attends
independently with probability `turnout` and, present, votes for with probability
`support` (against otherwise); household representatives are the first adult of each
household.

Because the model is that simple, its answer is known exactly (`exact_odds`): with `a`
representatives and `b` other members present, the quorum is the kind's own rule on
those counts, and the motion passes when the votes for reach its majority of the base.
The simulation's estimate must agree within its sampling error.
"""

from __future__ import annotations

import datetime
import math
import random
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import attrs

from jiceng import Actor, Rate
from jiceng.checks import between, instance_of, ratio, text
from jiceng.decisions import Choice, Meeting, MeetingKind, Roll
from jiceng.decisions.kinds import VILLAGERS_ASSEMBLY
from jiceng.decisions.rolls import Household
from jiceng.sim._common import start_of
from jiceng.sim._engine import Progress
from jiceng.sim._frames import frame
from jiceng.sim._sink import Records, Sink, check_sink, kept

if TYPE_CHECKING:
    import pandas

__all__ = [
    "MAX_MEETINGS",
    "MAX_MEMBERS",
    "MeetingRecord",
    "MeetingResult",
    "MeetingScenario",
    "exact_odds",
]


MAX_MEMBERS: Final = 1_000
"""The most members (and households) a simulated meeting has: 1,000, a large village's
村民会议. `exact_odds` is quadratic in the members, in exact integers: 1,000 take seconds."""

MAX_MEETINGS: Final = 100_000
"""The most sittings one scenario simulates: 100,000; each is a real `Meeting`."""

_PROBABILITY = ratio(Fraction(0), Fraction(1))


@attrs.frozen(kw_only=True)
class MeetingScenario:
    """Many sittings of one kind of meeting, with a turnout and a level of support.

    `members` and `households` range from 1 to `MAX_MEMBERS`, `meetings` from 1 to
    `MAX_MEETINGS`; `turnout` and `support` are exact probabilities, from 0 to 1.
    """

    name: str = attrs.field(default="meeting", validator=text())
    kind: MeetingKind = attrs.field(default=VILLAGERS_ASSEMBLY, validator=instance_of(MeetingKind))
    members: int = attrs.field(default=60, validator=between(1, MAX_MEMBERS))
    households: int = attrs.field(default=30, validator=between(1, MAX_MEMBERS))
    turnout: Fraction = attrs.field(default=Fraction(1, 2), validator=_PROBABILITY)
    support: Fraction = attrs.field(default=Fraction(3, 5), validator=_PROBABILITY)
    meetings: int = attrs.field(default=400, validator=between(1, MAX_MEETINGS))
    start: datetime.date = attrs.field(
        default=datetime.date(2026, 1, 1), validator=instance_of(datetime.date)
    )

    def __attrs_post_init__(self) -> None:
        if self.households > self.members:
            msg = f"{self.households} households need at least as many members, not {self.members}"
            raise ValueError(msg)
        if self.kind.majority is None:
            raise ValueError(f"a {self.kind.label.en} does not vote; choose a kind that does")

    def scaled(self, factor: float) -> MeetingScenario:
        """The same meeting sat `factor` times as often."""
        return attrs.evolve(self, meetings=max(1, round(self.meetings * factor)))

    def run(
        self, seed: int, progress: Progress | None = None, *, sink: Sink | None = None
    ) -> MeetingResult:
        """Simulate with `random.Random(seed)`; `progress` hears of every tenth sitting;
        `sink`, if given, takes each sitting's record when it is over (see `run`)."""
        check_sink(sink, "MeetingScenario.run")
        return _run(self, seed, progress, sink)


@attrs.frozen(kw_only=True)
class MeetingRecord:
    """One sitting: who came, whether it had its quorum, and how the motion fared."""

    id: str
    present: int
    households_present: int
    quorum: bool
    yes: int
    no: int
    passed: bool
    transitions: int


@attrs.frozen(kw_only=True)
class MeetingResult:
    """The estimated and the exact odds of a quorum and of passing, with every sitting."""

    scenario: MeetingScenario
    seed: int
    quorum_rate: Rate
    pass_rate: Rate
    exact_quorum: Fraction
    exact_pass: Fraction
    transitions: int
    records: tuple[MeetingRecord, ...]
    streamed: bool = False
    """Whether the records went to a sink (`records` is then empty)."""

    def to_pandas(self) -> pandas.DataFrame:
        """The per-sitting records as a `pandas.DataFrame` (extra ``pandas``)."""
        return frame(kept(self.records, self.streamed, self), MeetingRecord)


def _weights(n: int, p: Fraction) -> list[int]:
    """The binomial probabilities of 0..n successes in n trials of `p`, times ``d**n`` (`d`
    the denominator of `p`): whole numbers, so that sums of them stay exact and quick."""
    a, b = p.numerator, p.denominator - p.numerator
    up, down = [1] * (n + 1), [1] * (n + 1)
    for k in range(1, n + 1):
        up[k], down[k] = up[k - 1] * a, down[k - 1] * b
    return [math.comb(n, k) * up[k] * down[n - k] for k in range(n + 1)]


def _roll(scenario: MeetingScenario) -> Roll:
    """The scenario's roll: members ``m0001``..., the first `households` of them each the
    representative of a household."""
    people = [f"m{i + 1:04d}" for i in range(scenario.members)]
    return Roll(
        kind=min(scenario.kind.rolls, key=lambda k: k.value),
        members=people,
        households=[
            Household(id=f"h{i + 1:04d}", representative=people[i])
            for i in range(scenario.households)
        ],
    )


def _fewest_others(scenario: MeetingScenario, roll: Roll) -> list[int]:
    """For each count `a` of representatives present, the fewest other members whose
    presence with them makes the kind's quorum (``m - h + 1``: none does).

    The quorum is the kind's own (`Quorum.count` on the roll; with none, anyone present
    suffices, as `Meeting.quorum_count` has it). Only how many representatives and how
    many others are present matters, and more of either never loses a quorum; so the
    fewest others needed falls as representatives rise, and one walk down finds them all.
    """
    m, h, quorum = scenario.members, scenario.households, scenario.kind.quorum
    reps = sorted(household.representative for household in roll.households)
    others = sorted(roll.members - set(reps))

    def met(a: int, b: int) -> bool:
        if quorum is None:
            return a + b > 0
        return quorum.count(roll, frozenset(reps[:a] + others[:b])).met

    fewest, b = [], m - h + 1
    for a in range(h + 1):
        while b > 0 and met(a, b - 1):
            b -= 1
        fewest.append(b)
    return fewest


def exact_odds(scenario: MeetingScenario) -> tuple[Fraction, Fraction]:
    """The exact probabilities that a sitting has its quorum, and that its motion passes."""
    m, h = scenario.members, scenario.households
    majority = scenario.kind.majority
    assert majority is not None  # checked when the scenario was made
    reps, others = _weights(h, scenario.turnout), _weights(m - h, scenario.turnout)
    e = scenario.support.denominator
    passes = []  # each times e**m
    for present in range(m + 1):
        base = majority.base(m, present)
        votes = _weights(present, scenario.support)
        met = sum(v for yes, v in enumerate(votes) if majority.threshold.met(yes, base))
        passes.append(met * e ** (m - present))
    quorum = passed = 0  # times d**m, and d**m * e**m
    for a, fewest in enumerate(_fewest_others(scenario, _roll(scenario))):
        pa = reps[a]
        for b in range(fewest, m - h + 1):
            quorum += pa * others[b]
            passed += pa * others[b] * passes[a + b]
    d = scenario.turnout.denominator
    return Fraction(quorum, d**m), Fraction(passed, d**m * e**m)


def _run(
    s: MeetingScenario, seed: int, progress: Progress | None, sink: Sink | None
) -> MeetingResult:
    rng = random.Random(seed)
    roll = _roll(s)
    people = [f"m{i + 1:04d}" for i in range(s.members)]
    convenor = Actor.department("committee", "村民委员会")
    clerk = Actor.person("clerk", "村文书")
    turnout, support = float(s.turnout), float(s.support)
    notice = start_of(s.start)
    records: Records[MeetingRecord] = Records(sink)
    quorums = passes = transitions = 0
    for n in range(1, s.meetings + 1):
        opens = notice.add(days=11, hours=19)
        meeting = Meeting.convene(
            id=f"M-{n:05d}", title="村民会议", kind=s.kind, roll=roll, opens=opens,
            by=convenor, at=notice,
        )  # fmt: skip
        present = [p for p in people if rng.random() < turnout]
        if present:
            meeting = meeting.attend(present, by=clerk, at=opens)
        count = meeting.quorum_count()
        yes = no = 0
        passed = False
        if count.met:
            meeting = meeting.open(by=clerk, at=opens)
            meeting = meeting.move("D1", title="议案", by=convenor, at=opens)
            for person in present:
                choice = Choice.FOR if rng.random() < support else Choice.AGAINST
                meeting = meeting.vote("D1", choice, by=Actor.person(person), at=opens)
            closing = opens.add(hours=2)
            meeting = meeting.close(by=clerk, at=closing).tally("D1", by=clerk, at=closing)
            meeting = meeting.conclude(by=clerk, at=closing)
            tally = meeting.result("D1")
            yes, no, passed = tally.yes, tally.no, tally.passed
        else:
            meeting = meeting.fail_quorum(by=clerk, at=opens)
        quorums += count.met
        passes += passed
        transitions += len(meeting.history)
        records.add(
            MeetingRecord(
                id=meeting.id,
                present=count.present,
                households_present=count.households_present,
                quorum=count.met,
                yes=yes,
                no=no,
                passed=passed,
                transitions=len(meeting.history),
            )
        )
        if progress is not None and n % 10 == 0:
            progress("meetings", n / s.meetings)
    quorum, passing = exact_odds(s)
    return MeetingResult(
        scenario=s,
        seed=seed,
        quorum_rate=Rate(quorums, s.meetings),
        pass_rate=Rate(passes, s.meetings),
        exact_quorum=quorum,
        exact_pass=passing,
        transitions=transitions,
        records=records.kept(),
        streamed=records.streamed,
    )
