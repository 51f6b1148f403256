"""Shared builders for the points tests: a rule book adopted by vote, an open ledger."""

from __future__ import annotations

import attrs
import pendulum

from jiceng import VILLAGERS_ASSEMBLY_BODY, Actor, Body, Vote
from jiceng.points import (
    LOUDI_RULE_BOOK,
    CycleEnd,
    EntryState,
    PointsLedger,
    RuleBook,
    RuleBookAdoption,
)

TZ = "Asia/Shanghai"
CLERK = Actor.person("p-1", "村会计")
VILLAGER = Actor.person("v-1", "村民")
YEAR_START = pendulum.date(2026, 1, 1)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=TZ)


def vote(
    record: str = "D-2025-12",
    *,
    body: Body = VILLAGERS_ASSEMBLY_BODY,
    members: int = 20,
    present: int = 11,
    yes: int = 6,
    no: int = 3,
    abstain: int = 2,
    households: int | None = None,
    households_present: int | None = None,
    mandate: str | None = None,
) -> Vote:
    """A 村民会议's vote: 11 of 20 adults present, 6 for (more than half of 11)."""
    return Vote(
        record=record,
        body=body,
        members=members,
        present=present,
        households=households,
        households_present=households_present,
        yes=yes,
        no=no,
        abstain=abstain,
        mandate=mandate,
    )


def adopted(
    rule_book: RuleBook = LOUDI_RULE_BOOK,
    in_force_from: pendulum.Date = YEAR_START,
    *,
    id: str = "A-1",
) -> RuleBookAdoption:
    day = at(2025, 12, 10)
    return (
        RuleBookAdoption.open(id=id, scheme="油溪桥村", by=CLERK, at=at(2025, 11, 1))
        .collect_idea("义务筹工筹劳要加分", by=CLERK, at=at(2025, 11, 2))
        .draft(rule_book, by=CLERK, at=at(2025, 11, 20))
        .adopt(vote=vote(), in_force_from=in_force_from, by=CLERK, at=day)
    )


def ledger(rule_book: RuleBook = LOUDI_RULE_BOOK) -> PointsLedger:
    """A ledger with `rule_book` in force from 2026-01-01."""
    opened = PointsLedger.open(id="YXQ", name="油溪桥村积分", by=CLERK, at=at(2025, 12, 1))
    return opened.put_in_force(adopted(rule_book), by=CLERK, at=at(2025, 12, 11))


CARRY_OVER = attrs.evolve(LOUDI_RULE_BOOK, cycle_end=CycleEnd.CARRY_OVER)


def final(
    book: PointsLedger,
    entry_id: str,
    *,
    account: str = "H-01",
    item: str = "JS-01",
    quantity: int = 1,
    evidence: tuple[str, ...] = (),
) -> PointsLedger:
    """Record, approve, post and (a week later) finalise one entry dated today."""
    t = max(book.last_changed, at(2026, 1, 5, 9))
    book = book.record(
        entry_id=entry_id,
        account=account,
        item=item,
        quantity=quantity,
        evidence=evidence,
        on=t.date(),
        by=CLERK,
        at=t,
    )
    book = book.approve([entry_id], by=CLERK, at=t).post([entry_id], by=CLERK, at=t)
    book = book.finalise([entry_id], by=CLERK, at=t.add(days=7))
    assert book.state_of(entry_id) is EntryState.FINAL
    return book
