"""What a ledger's log says now, kept up to date as the log grows; and the judges of input.

`Index` is a ledger's entries, their states, the sums over them and its cycles, folded
from the ledger's history one event at a time (`_STEPS` says what each event does), so
that a command costs what it touches, not the number of entries. The judges read an
index: `start_problems` (a rule book put in force), `base_entries` (a base grant),
`reversal_of` and `redemption` (the entries those commands write), and `Batch` (the
scores of one `record_many`, against the index and against each other).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import pendulum

from jiceng import Event, WeekendCalendar, WorkCalendar
from jiceng.checks import instance_of
from jiceng.exceptions import FieldError, ValidationError
from jiceng.points._entry import ENTRY
from jiceng.points._errors import CycleError, RuleBookError
from jiceng.points._refusals import Problems
from jiceng.points._rule_book import Audience, RuleBook
from jiceng.points._states import Entry, EntryKind, EntryState, Score
from jiceng.points.events import (
    Approved,
    BaseGranted,
    CycleClosed,
    Finalised,
    LedgerOpened,
    LedgerWoundUp,
    Objected,
    ObjectionDismissed,
    ObjectionUpheld,
    Posted,
    Recorded,
    Redeemed,
    Rejected,
    Reversed,
    RuleBookPutInForce,
)

_SCORE: Final = instance_of(Score)

# -- the sums: lines of points in the order they came to count ----------------------------


class Log:
    """Lines in the order in which they came to count: when, whose, how many points."""

    __slots__ = ("account", "at", "points")

    def __init__(self) -> None:
        self.at: list[pendulum.DateTime] = []
        self.account: list[str] = []
        self.points: list[int] = []

    def add(self, at: pendulum.DateTime, account: str, points: int) -> None:
        self.at.append(at)
        self.account.append(account)
        self.points.append(points)

    def sum_into(self, totals: dict[str, int], as_of: pendulum.DateTime | None) -> None:
        """Add each account's lines counted by `as_of` (all of them if `None`) to `totals`."""
        n = len(self.at) if as_of is None else bisect.bisect_right(self.at, as_of)
        get = totals.get
        for account, p in zip(
            itertools.islice(self.account, n), itertools.islice(self.points, n), strict=True
        ):
            totals[account] = get(account, 0) + p


Logs = dict[tuple[int, bool], Log]
"""Lines by the cycle they are dated in (its first day's ordinal) and by whether their
points were earned (True) or spent (a redemption, False): a cycle's sum reads its own
lines only."""


def sums(logs: Iterable[Log], as_of: pendulum.DateTime | None) -> dict[str, int]:
    totals: dict[str, int] = {}
    for log in logs:
        log.sum_into(totals, as_of)
    return totals


def line(
    logs: Logs, key: tuple[int, bool], at: pendulum.DateTime, account: str, points: int
) -> None:
    log = logs.get(key)
    if log is None:
        log = logs[key] = Log()
    log.add(at, account, points)


# -- the index -----------------------------------------------------------------------------


class Index:
    """The ledger's state computed from its log: entries, their states, sums, cycles.

    Kept by the newest ledger value of a chain of commands and advanced in place by each
    new event; a ledger whose history is shorter than `length` is an older value, and
    folds its own index from its history when it is asked (`PointsLedger._index_now`).
    """

    def __init__(self) -> None:
        self.length = 0
        self.calendar: WorkCalendar = WeekendCalendar()
        self.enacted: list[RuleBookPutInForce] = []
        self.starts: list[int] = []
        self.where: dict[str, int] = {}
        self.entries: list[Entry] = []
        self.states: list[EntryState] = []
        self.period: list[int] = []
        self.objection_due: list[pendulum.DateTime | None] = []
        self.closes: list[pendulum.DateTime | None] = []
        self.audience: dict[str, Audience] = {}
        self.based: set[tuple[str, int]] = set()
        self.used: dict[tuple[str, str, int], int] = {}
        self.bonus: dict[tuple[str, int], int] = {}
        self.unsettled: dict[int, int] = {}
        self.closed: set[int] = set()
        self.last_day = 0
        self.final: Logs = {}
        self.provisional: Logs = {}
        self.final_total: dict[str, int] = {}
        self.final_in: dict[tuple[str, int], int] = {}
        self.period_start: dict[int, int] = {}

    @classmethod
    def of(cls, history: Sequence[Event]) -> Index:
        index = cls()
        for event in history:
            index.apply(event)
        return index

    # -- asking -------------------------------------------------------------------------

    def in_force(self, day: pendulum.Date) -> RuleBookPutInForce | None:
        at = bisect.bisect_right(self.starts, day.toordinal())
        return self.enacted[at - 1] if at else None

    def start_of(self, day: pendulum.Date, rule_book: RuleBook) -> int:
        """The first day (ordinal) of the cycle containing `day`, under `rule_book`."""
        ordinal = day.toordinal()
        start = self.period_start.get(ordinal)
        if start is None:
            start = self.period_start[ordinal] = rule_book.cycle.period(day).start.toordinal()
        return start

    def earned(self, entry: Entry) -> bool:
        """Whether an entry's points were earned (a redemption's, and its reversal's, not)."""
        while entry.reverses is not None:
            entry = self.entries[self.where[entry.reverses]]
        return entry.kind is not EntryKind.REDEMPTION

    # -- folding ------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Move on by one event of the ledger's history (see `_STEPS`)."""
        self.length += 1
        _STEPS[type(event)](self, event)

    def opened(self, event: LedgerOpened) -> None:
        self.calendar = event.calendar

    def put_in_force(self, event: RuleBookPutInForce) -> None:
        self.enacted.append(event)
        self.starts.append(event.in_force_from.toordinal())
        self.period_start.clear()

    def recorded(self, event: Recorded | BaseGranted) -> None:
        for entry in event.entries:
            self._add(entry, EntryState.RECORDED, event.at)

    def moved(self, event: Approved | Rejected | Posted | Finalised) -> None:
        self._move(event, event.entry_ids)

    def moved_one(self, event: Objected | ObjectionUpheld | ObjectionDismissed) -> None:
        self._move(event, (event.entry_id,))

    def taken_back(self, event: Reversed) -> None:
        position = self.where[event.entry_id]
        self.states[position] = EntryState.REVERSED
        self._take_back(position)
        self._add(event.reversal, EntryState.FINAL, event.at)

    def redeemed(self, event: Redeemed) -> None:
        self._add(event.entry, EntryState.FINAL, event.at)

    def cycle_closed(self, event: CycleClosed) -> None:
        self.closed.add(event.period.start.toordinal())

    def wound_up(self, event: LedgerWoundUp) -> None:
        """Winding up changes nothing the index keeps: the ledger's state says it."""

    def _move(self, event: Event, ids: Sequence[str]) -> None:
        """Move entries to the state the `ENTRY` table gives `event`, and count or
        withdraw their points accordingly."""
        target = ENTRY.for_event(type(event)).target
        positions = [self.where[entry_id] for entry_id in ids]
        for position in positions:
            self.states[position] = target  # type: ignore[assignment]
        if target is EntryState.POSTED:
            self._post(positions, event.at)
        for position in positions:
            if target is EntryState.FINAL:
                self._count(position, event.at)
            elif target is EntryState.REJECTED or target is EntryState.REVERSED:
                self._withdraw(position, event.at)

    def _add(self, entry: Entry, state: EntryState, at: pendulum.DateTime) -> None:
        position = len(self.entries)
        enacted = self.in_force(entry.on)
        assert enacted is not None
        start = self.start_of(entry.on, enacted.rule_book)
        self.where[entry.id] = position
        self.entries.append(entry)
        self.states.append(state)
        self.period.append(start)
        self.objection_due.append(None)
        self.closes.append(None)
        self.last_day = max(self.last_day, entry.on.toordinal())
        if entry.kind is EntryKind.ITEM:
            key = (entry.account, entry.code, start)
            self.used[key] = self.used.get(key, 0) + entry.points
            if entry.points > 0:
                cycle = (entry.account, start)
                self.bonus[cycle] = self.bonus.get(cycle, 0) + entry.points
            self.audience.setdefault(entry.account, enacted.rule_book.item(entry.code).audience)
        elif entry.kind is EntryKind.BASE:
            self.based.add((entry.account, start))
            self.audience.setdefault(entry.account, Audience.HOUSEHOLD)
        earned = self.earned(entry)
        line(self.provisional, (start, earned), at, entry.account, entry.points)
        if state is EntryState.FINAL:
            self._counted(entry, (start, earned), at)
        else:
            self.unsettled[start] = self.unsettled.get(start, 0) + 1

    def _post(self, positions: list[int], at: pendulum.DateTime) -> None:
        dues: dict[int, tuple[pendulum.DateTime, pendulum.DateTime]] = {}
        for position in positions:
            enacted = self.in_force(self.entries[position].on)
            assert enacted is not None
            key = id(enacted)
            if key not in dues:
                book = enacted.rule_book
                objection = book.objection_window.rule.due(at, self.calendar)
                posting = book.posting.rule.due(at, self.calendar)
                dues[key] = (objection, max(objection, posting))
            self.objection_due[position], self.closes[position] = dues[key]

    def _withdraw(self, position: int, at: pendulum.DateTime) -> None:
        entry = self.entries[position]
        start = self.period[position]
        self.unsettled[start] -= 1
        self._take_back(position)
        line(self.provisional, (start, True), at, entry.account, -entry.points)

    def _take_back(self, position: int) -> None:
        """An entry no longer counts: free its share of its item's cap and of the bonus
        cap, or its base grant."""
        entry, start = self.entries[position], self.period[position]
        if entry.kind is EntryKind.ITEM:
            self.used[(entry.account, entry.code, start)] -= entry.points
            if entry.points > 0:
                self.bonus[(entry.account, start)] -= entry.points
        elif entry.kind is EntryKind.BASE:
            self.based.discard((entry.account, start))

    def _count(self, position: int, at: pendulum.DateTime) -> None:
        start = self.period[position]
        self.unsettled[start] -= 1
        self._counted(self.entries[position], (start, True), at)

    def _counted(self, entry: Entry, key: tuple[int, bool], at: pendulum.DateTime) -> None:
        line(self.final, key, at, entry.account, entry.points)
        self.final_total[entry.account] = self.final_total.get(entry.account, 0) + entry.points
        cycle = (entry.account, key[0])
        self.final_in[cycle] = self.final_in.get(cycle, 0) + entry.points


_STEPS: Final[Mapping[type[Event], Callable[[Index, Any], None]]] = {
    LedgerOpened: Index.opened,
    RuleBookPutInForce: Index.put_in_force,
    Recorded: Index.recorded,
    BaseGranted: Index.recorded,
    Approved: Index.moved,
    Rejected: Index.moved,
    Posted: Index.moved,
    Objected: Index.moved_one,
    ObjectionUpheld: Index.moved_one,
    ObjectionDismissed: Index.moved_one,
    Finalised: Index.moved,
    Reversed: Index.taken_back,
    Redeemed: Index.redeemed,
    CycleClosed: Index.cycle_closed,
    LedgerWoundUp: Index.wound_up,
}
"""What each event of the ledger's history does to its index, in the table's order."""


# -- judging a command's input against the index --------------------------------------------


def start_problems(index: Index, book: RuleBook, day: pendulum.Date) -> list[str]:
    """Why `book` may not come into force on `day` (none: it may): a revision must be a
    later version taking effect later, on the first day of a cycle of its own and of the
    rule book it replaces, and after the last entry's date."""
    problems = []
    if book.cycle.period(day).start != day:
        problems.append(f"{day} is not the first day of a {book.cycle.value} of {book}")
    if index.enacted:
        last = index.enacted[-1]
        if book.version <= last.rule_book.version:
            problems.append(f"{book} is not later than {last.rule_book}, in force already")
        if day <= last.in_force_from:
            problems.append(f"{day} is not after {last.in_force_from}, when {last.rule_book} began")
        if last.rule_book.cycle.period(day).start != day:
            problems.append(f"{day} would cut a cycle of {last.rule_book} in two")
    if index.last_day >= day.toordinal():
        dated = pendulum.Date.fromordinal(index.last_day)
        problems.append(f"entries are dated {dated}, on or after {day}: no retroactive rules")
    return problems


def base_entries(
    index: Index, members: Mapping[str, int], on: pendulum.Date, book: RuleBook
) -> tuple[list[Entry], Problems]:
    """The base entries of a grant to `members` for the cycle of `on`, and its problems:
    once per household and cycle, never to a cadre's account."""
    assert book.base is not None
    start = index.start_of(on, book)
    period = book.cycle.period(on)
    if start in index.closed:
        raise CycleError.single("on", f"the cycle {period} is closed")
    problems: Problems = []
    entries = []
    for household, count in members.items():
        path = f"members[{household!r}]"
        entry_id, n = f"base/{household}/{period}", 1
        while entry_id in index.where:  # a grant taken back leaves its id used
            n += 1
            entry_id = f"base/{household}/{period}#{n}"
        if (household, start) in index.based:
            msg = f"{household} already has its base points for {period}"
            problems.append((RuleBookError, FieldError(path, msg)))
            continue
        if index.audience.get(household, Audience.HOUSEHOLD) is not Audience.HOUSEHOLD:
            msg = f"{household} is a cadre account; base points go to households"
            problems.append((ValidationError, FieldError(path, msg)))
            continue
        entry = Entry(
            id=entry_id,
            account=household,
            kind=EntryKind.BASE,
            code="base",
            points=book.base.for_household(count),
            on=on,
            quantity=count,
        )
        entries.append(entry)
    return entries, problems


def reversal_of(entry: Entry, reversal_id: str, on: pendulum.Date) -> Entry:
    """The reversal entry (冲正) `reversal_id` that takes `entry` back on the day `on`:
    the opposite points, pointing at the entry."""
    return Entry(
        id=reversal_id,
        account=entry.account,
        kind=EntryKind.REVERSAL,
        code=entry.code,
        points=-entry.points,
        on=on,
        quantity=entry.quantity,
        person=entry.person,
        reverses=entry.id,
    )


def redemption(
    *, entry_id: str, account: str, product: str, cost: int, on: pendulum.Date, quantity: int
) -> Entry:
    """The entry of a redemption (积分兑换) of `quantity` of `product` for `cost` points."""
    return Entry(
        id=entry_id,
        account=account,
        kind=EntryKind.REDEMPTION,
        code=product,
        points=-cost,
        on=on,
        quantity=quantity,
    )


# -- the judge of a batch of scores ---------------------------------------------------------


class Batch:
    """Judges the scores of one `record_many` against the index and against each other."""

    def __init__(self, index: Index, today: pendulum.Date) -> None:
        self.index = index
        self.today = today
        self.problems: Problems = []
        self.seen: set[str] = set()
        self.used: dict[tuple[str, str, int], int] = {}
        self.bonus: dict[tuple[str, int], int] = {}
        self.audience: dict[str, Audience] = {}

    def problem(self, kind: type[ValidationError], path: str, message: str) -> None:
        self.problems.append((kind, FieldError(path, message)))

    def judge(self, where: str, given: object) -> Entry | None:
        """The entry `given` makes, or `None` with its problems noted."""
        wrong = _SCORE.problems(given, where)
        if wrong:
            self.problems += [(ValidationError, problem) for problem in wrong]
            return None
        assert isinstance(given, Score)
        score, index = given, self.index
        if score.entry_id in index.where or score.entry_id in self.seen:
            self.problem(
                ValidationError, f"{where}.entry_id", f"{score.entry_id!r} is already used"
            )
        self.seen.add(score.entry_id)
        if score.on > self.today:
            self.problem(
                ValidationError, f"{where}.on", f"{score.on} is after today ({self.today})"
            )
        enacted = index.in_force(score.on)
        if enacted is None:
            self.problem(RuleBookError, f"{where}.on", f"no rule book is in force on {score.on}")
            return None
        book = enacted.rule_book
        item = book._items.get(score.item)
        if item is None:
            msg = f"{book} (in force on {score.on}) has no item {score.item!r}"
            self.problem(RuleBookError, f"{where}.item", msg)
            return None
        if item.evidence_required and not score.evidence:
            msg = f"item {item.code} ({item.name}) needs evidence"
            self.problem(RuleBookError, f"{where}.evidence", msg)
        start = index.start_of(score.on, book)
        if start in index.closed:
            self.problem(CycleError, f"{where}.on", f"the cycle of {score.on} is closed")
        account = score.account
        known = self.audience.setdefault(account, index.audience.get(account, item.audience))
        if known is not item.audience:
            msg = f"{account} is a {known.value} account; {item.code} scores {item.audience.value}s"
            self.problem(ValidationError, f"{where}.item", msg)
        points = item.points * score.quantity
        if item.cap is not None:
            key = (account, item.code, start)
            total = self.used.get(key, index.used.get(key, 0)) + points
            if abs(total) > item.cap:
                msg = f"{account} would have {total} points from {item.code} in one cycle"
                self.problem(RuleBookError, f"{where}.quantity", f"{msg}; the cap is {item.cap}")
            self.used[key] = total
        if book.bonus_cap is not None and points > 0:
            cycle = (account, start)
            total = self.bonus.get(cycle, index.bonus.get(cycle, 0)) + points
            if total > book.bonus_cap:
                msg = f"{account} would have {total} bonus points in one cycle"
                self.problem(
                    RuleBookError, f"{where}.quantity", f"{msg}; the cap is {book.bonus_cap}"
                )
            self.bonus[cycle] = total
        return Entry(
            id=score.entry_id,
            account=account,
            kind=EntryKind.ITEM,
            code=item.code,
            points=points,
            on=score.on,
            quantity=score.quantity,
            person=score.person,
            evidence=score.evidence,
        )
