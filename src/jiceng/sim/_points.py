"""A points scheme (积分制) over a year: household behaviour → points → stars, lists, dividends.

Each village keeps a real `jiceng.points.PointsLedger` under the value set's rule book,
adopted by a vote and put in force on 1 January. The model:

- Every household has a size (1–6 members) and a behaviour type drawn by
  `behaviour_weights`: it earns each item of the rule book a Poisson number of times a
  month, the value set's `item_rates` times its type's multiplier (penalties use
  `penalty_multipliers`). Item caps per cycle are respected; items that need evidence get
  a photo reference.
- Base points are granted in the first days of January. Each month's entries are recorded
  on the 1st of the next month, reviewed and posted the day after; a penalised household
  objects with probability `objection_share`, and the objection is upheld with probability
  `uphold_share`; everything else becomes final once posting and objection have run out.
- After the year the cycle is closed; the library ranks the households (stars, red and
  black lists) and divides each village's `pool` by points (`divide`, to the fen).

`gini` measures the inequality of the dividends exactly, as a `Fraction`.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs
import pendulum

from jiceng import VILLAGERS_ASSEMBLY_BODY, Actor, Vote
from jiceng.checks import money
from jiceng.points import Audience, EntryState, PointsLedger, RuleBookAdoption, Score
from jiceng.sim._common import TZ, positive, scale, share
from jiceng.sim._engine import Progress, poisson
from jiceng.sim._frames import frame
from jiceng.sim._sink import Records, Sink, check_sink, kept
from jiceng.sim._value_sets import value_set

if TYPE_CHECKING:
    import pandas

__all__ = ["HouseholdRecord", "PointsResult", "PointsScenario", "VillageRow", "gini"]


def gini(values: Iterable[Decimal | int | Fraction]) -> Fraction | None:
    """The Gini coefficient of `values`, exactly: the mean absolute difference over every
    pair, divided by twice the mean. 0 is perfect equality; `None` for no values or a
    zero total.

    >>> gini([1, 1, 1, 1])
    Fraction(0, 1)
    >>> gini([0, 0, 0, 4])
    Fraction(3, 4)
    """
    xs = sorted(Fraction(v) for v in values)
    n, total = len(xs), sum(xs, Fraction(0))
    if n == 0 or total == 0:
        return None
    weighted = sum((2 * i - n - 1) * x for i, x in enumerate(xs, start=1))
    return weighted / (n * total)


_BONUS = "\0bonus"  # the key of a household's bonus points in a cycle, beside its items


@attrs.frozen(kw_only=True)
class PointsScenario:
    """Villages running a points scheme for a year, with the dividends it pays."""

    name: str = "points"
    values: str = "builtin"
    year: int = 2026
    villages: int = attrs.field(default=10, validator=positive)
    households: int = attrs.field(default=300, validator=positive)
    pool: Decimal = attrs.field(
        default=Decimal("50000.00"), validator=money(Decimal(0), Decimal(1_000_000_000))
    )
    """Each village's dividend pool: 0 to 1,000,000,000 yuan, to the fen (as
    `jiceng.points.Amount`)."""
    behaviour_weights: tuple[tuple[str, int], ...] = (
        ("active", 20),
        ("ordinary", 60),
        ("passive", 15),
        ("troublesome", 5),
    )
    multipliers: tuple[tuple[str, float], ...] = (
        ("active", 2.5),
        ("ordinary", 1.0),
        ("passive", 0.2),
        ("troublesome", 0.5),
    )
    penalty_multipliers: tuple[tuple[str, float], ...] = (
        ("active", 0.2),
        ("ordinary", 1.0),
        ("passive", 1.0),
        ("troublesome", 25.0),
    )
    objection_share: float = attrs.field(default=0.3, validator=share)
    uphold_share: float = attrs.field(default=0.25, validator=share)

    def scaled(self, factor: float) -> PointsScenario:
        """Fewer or more villages (`factor` of them), each of the same size."""
        return attrs.evolve(self, villages=scale(self.villages, factor))

    def run(
        self, seed: int, progress: Progress | None = None, *, sink: Sink | None = None
    ) -> PointsResult:
        """Simulate with `random.Random(seed)`; `progress` hears of each village done;
        `sink`, if given, takes each household's record when its village's year is closed
        (see `run`)."""
        check_sink(sink, "PointsScenario.run")
        return _PointsRun(self, seed, progress, sink).result()


@attrs.frozen(kw_only=True)
class HouseholdRecord:
    """One household's year: its behaviour, points, stars, lists and dividend."""

    village: str
    household: str
    members: int
    behaviour: str
    points: int
    rank: int
    stars: int
    red_list: bool
    black_list: bool
    dividend: Decimal


@attrs.frozen(kw_only=True)
class VillageRow:
    """One village's year: entries, objections, its pool and the Gini of its dividends."""

    village: str
    entries: int
    objections: int
    upheld: int
    pool: Decimal
    paid: Decimal
    gini: Fraction | None
    transitions: int


@attrs.frozen(kw_only=True)
class PointsResult:
    """What a points scenario gave: households, villages, stars, lists and dividends."""

    scenario: PointsScenario
    seed: int
    households: int
    entries: int
    objections: int
    upheld: int
    total_points: int
    stars: tuple[tuple[int, int], ...]
    red_list: int
    black_list: int
    pool: Decimal
    paid: Decimal
    dividend_gini: Fraction | None
    points_gini: Fraction | None
    villages: tuple[VillageRow, ...]
    transitions: int
    records: tuple[HouseholdRecord, ...]
    streamed: bool = False
    """Whether the records went to a sink (`records` is then empty)."""

    def to_pandas(self) -> pandas.DataFrame:
        """The per-household records as a `pandas.DataFrame` (extra ``pandas``)."""
        return frame(kept(self.records, self.streamed, self), HouseholdRecord)


def _at(day: datetime.date, hour: int) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=TZ)


class _PointsRun:
    def __init__(
        self, scenario: PointsScenario, seed: int, progress: Progress | None, sink: Sink | None
    ) -> None:
        self.s = scenario
        self.records: Records[HouseholdRecord] = Records(sink)
        self.seed = seed
        self.progress = progress
        self.rng = random.Random(seed)
        values = value_set(scenario.values)
        self.book = values.rule_book
        self.rates = [
            (self.book.item(code), rate)
            for code, rate in values.item_rates
            if self.book.item(code).audience is Audience.HOUSEHOLD
        ]
        self.kinds = [k for k, _ in scenario.behaviour_weights]
        self.kind_weights = [w for _, w in scenario.behaviour_weights]
        self.multiplier = dict(scenario.multipliers)
        self.penalty = dict(scenario.penalty_multipliers)

    def result(self) -> PointsResult:
        s = self.s
        villages = []
        stars: Counter[int] = Counter()
        red = black = 0
        dividends: list[Decimal] = []  # each household's, for the Gini coefficients
        points: list[int] = []
        for v in range(s.villages):
            row, rows = self.village(f"V{v + 1:03d}")
            villages.append(row)
            stars.update(r.stars for r in rows)
            red += sum(r.red_list for r in rows)
            black += sum(r.black_list for r in rows)
            dividends += (r.dividend for r in rows)
            points += (r.points for r in rows)
            self.records.extend(rows)
            if self.progress is not None:
                self.progress("points", (v + 1) / s.villages)
        return PointsResult(
            scenario=s,
            seed=self.seed,
            households=len(points),
            entries=sum(v.entries for v in villages),
            objections=sum(v.objections for v in villages),
            upheld=sum(v.upheld for v in villages),
            total_points=sum(points),
            stars=tuple(sorted(stars.items())),
            red_list=red,
            black_list=black,
            pool=s.pool * s.villages,
            paid=sum((v.paid for v in villages), Decimal("0.00")),
            dividend_gini=gini(dividends),
            points_gini=gini(max(p, 0) for p in points),
            villages=tuple(villages),
            transitions=sum(v.transitions for v in villages),
            records=self.records.kept(),
            streamed=self.records.streamed,
        )

    def village(self, village: str) -> tuple[VillageRow, list[HouseholdRecord]]:
        s, rng, year = self.s, self.rng, self.s.year
        secretary = Actor.person(f"{village}-sec", "村支书")
        clerk = Actor.person(f"{village}-clerk", "村会计")
        start = datetime.date(year, 1, 1)
        ledger = self.ledger(village, secretary, clerk)
        ids = [f"{village}-H{h + 1:03d}" for h in range(s.households)]
        members = {h: rng.randint(1, 6) for h in ids}
        kinds = {h: rng.choices(self.kinds, self.kind_weights)[0] for h in ids}
        granted = _at(start, 10).add(days=1)
        pending: tuple[str, ...] = ()
        if self.book.base is not None:  # some books score from zero (峨眉山, 崇阳)
            on = pendulum.date(year, 1, 2)
            ledger = ledger.grant_base(members, on=on, by=clerk, at=granted)
            pending = ledger.entry_ids(EntryState.RECORDED)
            ledger = ledger.approve(pending, by=clerk, at=granted)
            ledger = ledger.post(pending, by=clerk, at=granted)
        earned: Counter[tuple[str, str]] = Counter()
        objections = upheld = entries = 0
        for month in range(1, 13):
            first = datetime.date(year, month, 1)
            if self.book.cycle.period(pendulum.date(year, month, 1)).start == first:
                earned.clear()  # caps count within the book's cycle (a quarter for 方正县)
            days = (datetime.date(year + month // 12, month % 12 + 1, 1) - first).days
            scores = self.scores(
                village, kinds, earned=earned, month=month, days=days, numbered=entries
            )
            entries += len(scores)
            recorded = first + datetime.timedelta(days=days)  # the 1st of the next month
            if scores:
                ledger = ledger.record_many(scores, by=clerk, at=_at(recorded, 9))
            ledger, pending = self.settle(ledger, pending, clerk, _at(recorded, 9))
            new = ledger.entry_ids(EntryState.RECORDED)
            if new:
                ledger = ledger.approve(new, by=clerk, at=_at(recorded, 10))
                ledger = ledger.post(new, by=clerk, at=_at(recorded, 11))
                ledger, counts = self.objections(ledger, new, secretary, recorded)
                objections += counts[0]
                upheld += counts[1]
                pending = ledger.entry_ids(EntryState.POSTED)
        closing = _at(datetime.date(year + 1, 1, 1), 9).add(days=30)
        ledger, _ = self.settle(ledger, pending, clerk, closing)
        period = ledger.period(pendulum.date(year, 1, 1))
        ledger = ledger.close_cycle(period, by=secretary, at=closing.add(hours=1))
        board = ledger.rankings(period)
        payouts = ledger.dividend(period, s.pool)
        points = ledger.cycle_points(period)
        red, black = set(board.red_list), set(board.black_list)
        rows = []
        for h in ids:
            standing = board.standing(h)
            rows.append(
                HouseholdRecord(
                    village=village,
                    household=h,
                    members=members[h],
                    behaviour=kinds[h],
                    points=points.get(h, 0),
                    rank=standing.rank if standing is not None else len(ids),
                    stars=standing.stars if standing is not None else 0,
                    red_list=h in red,
                    black_list=h in black,
                    dividend=payouts.get(h, Decimal("0.00")),
                )
            )
        row = VillageRow(
            village=village,
            entries=entries + len(ids),
            objections=objections,
            upheld=upheld,
            pool=s.pool,
            paid=sum(payouts.values(), Decimal("0.00")),
            gini=gini(payouts.values()),
            transitions=len(ledger.history),
        )
        return row, rows

    def scores(
        self,
        village: str,
        kinds: dict[str, str],
        *,
        earned: Counter[tuple[str, str]],
        month: int,
        days: int,
        numbered: int,
    ) -> list[Score]:
        """What each household did in `month`, within each item's cap for the cycle."""
        rng, year = self.rng, self.s.year
        scores: list[Score] = []
        for h, kind in kinds.items():
            for item, rate in self.rates:
                factor = self.penalty[kind] if item.points < 0 else self.multiplier[kind]
                n = poisson(rng, rate * factor)
                if item.cap is not None:
                    n = min(n, (item.cap - earned[h, item.code]) // abs(item.points))
                if item.points > 0 and self.book.bonus_cap is not None:  # across bonus items
                    n = min(n, (self.book.bonus_cap - earned[h, _BONUS]) // item.points)
                if n <= 0:
                    continue
                earned[h, item.code] += n * abs(item.points)
                if item.points > 0:
                    earned[h, _BONUS] += n * item.points
                scores.append(
                    Score(
                        entry_id=f"{village}-{month:02d}-{numbered + len(scores) + 1:05d}",
                        account=h,
                        item=item.code,
                        on=pendulum.date(year, month, rng.randint(1, days)),
                        quantity=n,
                        evidence=("photo",) if item.evidence_required else (),
                    )
                )
        return scores

    def ledger(self, village: str, secretary: Actor, clerk: Actor) -> PointsLedger:
        """A village's ledger with the rule book adopted by vote and in force on 1 January."""
        book, year = self.book, self.s.year
        start = datetime.date(year, 1, 1)
        adoption = RuleBookAdoption.open(
            id=f"{village}-{year}",
            scheme=book.name,
            by=secretary,
            at=_at(start, 9).subtract(days=60),
        )
        adoption = adoption.collect_idea(
            "按贡献加分、按失德扣分", by=clerk, at=_at(start, 9).subtract(days=50)
        )
        adoption = adoption.draft(book, by=secretary, at=_at(start, 9).subtract(days=40))
        # The 村民会议 adopts it with one representative of every household present (a
        # quorum by households, 第22条), all for; two adults a household (a modelling figure).
        vote = Vote(
            record=f"{village}-CMH-{year}",
            body=VILLAGERS_ASSEMBLY_BODY,
            members=2 * self.s.households,
            present=self.s.households,
            households=self.s.households,
            households_present=self.s.households,
            yes=self.s.households,
            no=0,
            abstain=0,
        )
        adoption = adoption.adopt(
            vote=vote,
            in_force_from=pendulum.date(year, 1, 1),
            by=secretary,
            at=_at(start, 9).subtract(days=20),
        )
        ledger = PointsLedger.open(
            id=village, name=f"{village}积分台账", by=secretary, at=_at(start, 9).subtract(days=10)
        )
        return ledger.put_in_force(adoption, by=secretary, at=_at(start, 9).subtract(days=10))

    def objections(
        self, ledger: PointsLedger, new: tuple[str, ...], secretary: Actor, recorded: datetime.date
    ) -> tuple[PointsLedger, tuple[int, int]]:
        """Penalised households object the day after posting; answered two days later."""
        s, rng = self.s, self.rng
        upheld = 0
        objected = [
            e for e in new if ledger.entry(e).points < 0 and rng.random() < s.objection_share
        ]
        for entry_id in objected:
            ledger = ledger.object_to(
                entry_id, objection="对扣分有异议",
                by=Actor.person(ledger.entry(entry_id).account),
                at=_at(recorded, 20).add(days=1),
            )  # fmt: skip
        for entry_id in objected:
            answered = _at(recorded, 9).add(days=3)
            if rng.random() < s.uphold_share:
                upheld += 1
                ledger = ledger.uphold(entry_id, reason="异议成立", by=secretary, at=answered)
            else:
                ledger = ledger.dismiss(entry_id, reason="异议不成立", by=secretary, at=answered)
        return ledger, (len(objected), upheld)

    def settle(
        self,
        ledger: PointsLedger,
        pending: tuple[str, ...],
        clerk: Actor,
        at: pendulum.DateTime,
    ) -> tuple[PointsLedger, tuple[str, ...]]:
        """Finalise the entries whose posting and objection windows have run out by `at`."""
        ready = tuple(e for e in pending if ledger.state_of(e) is EntryState.POSTED)
        if ready:
            ledger = ledger.finalise(ready, by=clerk, at=at)
        return ledger, ()
