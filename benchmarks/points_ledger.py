"""Balances and a dividend from a points ledger (积分台账), against a plain dict baseline.

A 娄底-style ledger (yearly cycle, reset at the end of the year) holds `--entries` final
entries for `--households` households, recorded, reviewed, posted and finalised in
batches of 10,000 as a village office would post them. Timed, best of `--repeat`:

  jiceng    `ledger.balances(as_of=...)` (final entries only, as of an instant) and
            `ledger.dividend(year, pool)` (the year's points, then the pool divided to
            the fen by largest remainder);
  baseline  the same entries as a list of (household, points) tuples summed into a dict,
            then each household's pro-rata share of the pool quantized to the fen (which,
            unlike the ledger's, need not add up to the pool).

Building the ledger is timed separately and reported, not compared.

    python benchmarks/points_ledger.py            # 1,000,000 entries, 10,000 households
    python benchmarks/points_ledger.py --quick    # 100,000 entries, 1,000 households
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pendulum

from jiceng import VILLAGERS_ASSEMBLY_BODY, Actor, Vote
from jiceng.points import LOUDI_RULE_BOOK, EntryState, PointsLedger, RuleBookAdoption, Score

TZ = "Asia/Shanghai"
CLERK = Actor.person("p-001", "村会计")
POOL = Decimal("50000.00")
BATCH = 10_000
# The 村民会议 that adopted the rules: 120 of 200 adults present, 90 for.
VOTE = Vote(
    record="D-1",
    body=VILLAGERS_ASSEMBLY_BODY,
    members=200,
    present=120,
    households=None,
    households_present=None,
    yes=90,
    no=20,
    abstain=10,
    mandate=None,
)
ITEMS = ("JS-01", "CY-01", "AQ-01", "ZA-01", "KF-01")  # uncapped household items


def build(entries: int, households: int, seed: int = 2026) -> PointsLedger:
    """A ledger with `entries` final entries spread over `households` and over the year."""
    rng = random.Random(seed)
    t0 = pendulum.datetime(2025, 12, 1, 9, tz=TZ)
    adoption = (
        RuleBookAdoption.open(id="A-1", scheme="油溪桥村", by=CLERK, at=t0)
        .collect_idea("多劳多得", by=CLERK, at=t0)
        .draft(LOUDI_RULE_BOOK, by=CLERK, at=t0)
        .adopt(vote=VOTE, in_force_from=pendulum.date(2026, 1, 1), by=CLERK, at=t0)
    )
    ledger = PointsLedger.open(id="YXQ", name="油溪桥村积分", by=CLERK, at=t0)
    ledger = ledger.put_in_force(adoption, by=CLERK, at=t0)
    names = [f"H-{n:05d}" for n in range(households)]
    days = [pendulum.date(2026, 1, 1).add(days=d) for d in range(300)]
    evidence = ("photo",)
    batches = -(-entries // BATCH)
    for b in range(batches):
        day = days[b * len(days) // batches]
        at = pendulum.datetime(day.year, day.month, day.day, 20, tz=TZ)
        scores = [
            Score(
                entry_id=f"E-{b}-{n}",
                account=rng.choice(names),
                item=rng.choice(ITEMS),
                on=day,
                evidence=evidence,
            )
            for n in range(min(BATCH, entries - b * BATCH))
        ]
        ledger = ledger.record_many(scores, by=CLERK, at=at)
        ids = tuple(score.entry_id for score in scores)
        ledger = ledger.approve(ids, by=CLERK, at=at)
        ledger = ledger.post(ids, by=CLERK, at=at)
    for b in range(batches):  # all posting windows are over by the end of the year
        ids = tuple(f"E-{b}-{n}" for n in range(min(BATCH, entries - b * BATCH)))
        ledger = ledger.finalise(ids, by=CLERK, at=pendulum.datetime(2026, 12, 31, 9, tz=TZ))
    year = ledger.period(pendulum.date(2026, 1, 1))
    return ledger.close_cycle(year, by=CLERK, at=pendulum.datetime(2027, 1, 1, 9, tz=TZ))


def best(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """The best time of `repeat` runs (collector on) and the last result."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def baseline(rows: list[tuple[str, int]]) -> tuple[dict[str, int], dict[str, Decimal]]:
    totals: dict[str, int] = {}
    get = totals.get
    for household, points in rows:
        totals[household] = get(household, 0) + points
    total = sum(p for p in totals.values() if p > 0)
    fen = Decimal("0.01")
    shares = {
        h: (POOL * p / total).quantize(fen, ROUND_HALF_UP) if p > 0 else Decimal("0.00")
        for h, p in totals.items()
    }
    return totals, shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="100,000 entries, 1,000 households")
    args = parser.parse_args()
    if args.quick:
        args.entries, args.households, args.repeat = 100_000, 1_000, 2

    start = time.perf_counter()
    ledger = build(args.entries, args.households)
    built = time.perf_counter() - start
    year = ledger.period(pendulum.date(2026, 1, 1))
    as_of = pendulum.datetime(2026, 12, 31, 23, tz=TZ)
    rows = [(e.account, e.points) for e in map(ledger.entry, ledger.entry_ids(EntryState.FINAL))]

    def with_jiceng() -> tuple[dict[str, int], dict[str, Decimal]]:
        return ledger.balances(as_of=as_of), ledger.dividend(year, POOL)

    ours, (balances, payouts) = best(args.repeat, with_jiceng)
    theirs, (totals, _) = best(args.repeat, lambda: baseline(rows))
    if balances != totals or sum(payouts.values()) != POOL:
        raise SystemExit("the ledger and the baseline disagree")
    print(f"points ledger: {args.entries:,} final entries, {args.households:,} households")
    print(f"  building (record, approve, post, finalise, close): {built:8.2f} s")
    print(f"  jiceng   balances as of an instant + dividend:      {ours * 1000:8.1f} ms")
    print(f"  baseline dict sum + pro-rata shares:                {theirs * 1000:8.1f} ms")
    print(f"ratios: baseline={ours / theirs:.2f}")


if __name__ == "__main__":
    main()
