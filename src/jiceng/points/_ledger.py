"""The points ledger (积分台账): append-only entries, their review, posting and objections.

Seed 004 (娄底/油溪桥): 逐人建立积分动态管理台账, 从积分登记到审核、公示各个环节进行全程管控.
Every entry goes recorded (登记) → reviewed (审核) → posted (公示) → final (生效) once the
posting period and the objection window have run out; an objection raised in the window is
upheld (the entry is reversed before it ever counted) or dismissed (it becomes final). A
final entry is never edited: a reversal entry (冲正) that points at it takes it back.
Redemptions (积分兑换, 积分超市) are entries too, final when written.

The ledger is one entity whose history is the append-only log of what happened; each
entry's state is computed from that log (the `ENTRY` table says which command may follow
which). Commands that act on many entries at once (`approve`, `post`, `finalise`, ...) are
one event each, as a posting list is one act. Balances are sums over the entries in the
order they became final, so a balance as of any instant is a sum over a prefix.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final, Self

import attrs
import pendulum

from jiceng import (
    Actor,
    Entity,
    Event,
    Label,
    Machine,
    Source,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.checks import MAX_ITEMS, anything, checked, instance_of, instant, items
from jiceng.exceptions import FieldError, NotFoundError, ValidationError
from jiceng.points._adoption import RuleBookAdoption
from jiceng.points._dividends import Amount, Rankings, divide, rank
from jiceng.points._entry import ENTRY
from jiceng.points._errors import (
    CycleError,
    InsufficientPoints,
    ObjectionWindowError,
    RuleBookError,
)
from jiceng.points._index import (
    Batch,
    Index,
    Logs,
    base_entries,
    redemption,
    reversal_of,
    start_problems,
    sums,
)
from jiceng.points._refusals import check_allowed, refuse
from jiceng.points._rule_book import (
    Audience,
    CycleEnd,
    HouseholdMembers,
    Period,
    Quantity,
    RuleBook,
)
from jiceng.points._states import (
    AdoptionState,
    Entry,
    EntryIds,
    EntryState,
    LedgerState,
    Score,
)
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

_SCORES: Final = items(anything(), kinds=(tuple, list, frozenset, set))
_ACTOR: Final = instance_of(Actor)
_INSTANT: Final = instant()


def _ids(entry_ids: Iterable[str]) -> tuple[str, ...]:
    """The ids a batch command names; a posting list (公示) names at least one entry."""
    ids = tuple(entry_ids)
    if not ids:
        raise ValidationError.single("entry_ids", "name at least one entry")
    return ids


# -- the folds: opening sets the ledger's fields, every later event moves its index on -----


def opened(_: None, event: LedgerOpened) -> Mapping[str, Any]:
    return {"id": event.ledger_id, "name": event.name, "calendar": event.calendar}


def advanced(ledger: PointsLedger, event: Event) -> Mapping[str, Any]:
    """The ledger's index, moved on by `event` (what each event does: `_index._STEPS`)."""
    index = ledger._index_now()
    index.apply(event)
    return {"_index": index}


# -- the table ------------------------------------------------------------------------------

LEDGER: Machine[LedgerState] = Machine(
    name="points.ledger",
    label=Label("积分台账", "Points ledger"),
    states=LedgerState,
    initial=LedgerState.OPEN,
    final={LedgerState.WOUND_UP},
    transitions=[
        Transition(
            command="open",
            event=LedgerOpened,
            sources=(),
            target=LedgerState.OPEN,
            label=Label("建立台账", "Open"),
            fold=opened,
        ),
        Transition(
            command="put_in_force",
            event=RuleBookPutInForce,
            sources={LedgerState.OPEN},
            target=None,
            label=Label("细则施行", "Put a rule book in force"),
            fold=advanced,
            source=Source("seed 004: 召开村民代表大会进行投票, 表决通过后实施"),
        ),
        *(
            Transition(
                command=row.command,
                event=row.event,
                sources={LedgerState.OPEN},
                target=None,
                label=row.label,
                fold=advanced,
                source=row.source,
            )
            for row in ENTRY.transitions
        ),
        Transition(
            command="redeem",
            event=Redeemed,
            sources={LedgerState.OPEN},
            target=None,
            label=Label("积分兑换", "Redeem"),
            fold=advanced,
            source=Source("DOMAIN.md §4: 积分超市; 低于下限不能兑换"),
        ),
        Transition(
            command="close_cycle",
            event=CycleClosed,
            sources={LedgerState.OPEN},
            target=None,
            label=Label("周期结算", "Close a cycle"),
            fold=advanced,
        ),
        Transition(
            command="wind_up",
            event=LedgerWoundUp,
            sources={LedgerState.OPEN},
            target=LedgerState.WOUND_UP,
            label=Label("停止实行", "Wind up"),
            fold=advanced,
        ),
    ],
)
"""The ledger's own table: every command is recorded while the scheme runs."""


@attrs.frozen(kw_only=True)
class PointsLedger(Entity[LedgerState], machine=LEDGER):
    """A village's points ledger (积分台账) for households and cadres alike.

    Open it, put an adopted rule book in force, then record, review, post and finalise
    entries; balances, cycle points, dividends and rankings are read from it. Every
    command returns a new ledger and leaves this one untouched. Local days (an entry's
    date, the end of a window, the cycle) are those of `calendar`'s time zone.

    The ledger keeps what its history says (entries, states, sums) up to date as
    commands are recorded, so that a command costs what it touches, not the number of
    entries. Build on one ledger value from one thread at a time.
    """

    id: str
    name: str
    calendar: WorkCalendar
    _index: Index = attrs.field(init=False, eq=False, repr=False, factory=Index)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(  # allowed-io: a command
        cls,
        *,
        id: str,
        name: str,
        by: Actor,
        at: pendulum.DateTime,
        calendar: WorkCalendar | None = None,
    ) -> PointsLedger:
        """Open the ledger `id` of the scheme `name` (default calendar: weekends, Beijing)."""
        chosen = WeekendCalendar() if calendar is None else calendar
        return cls._start(LedgerOpened(ledger_id=id, name=name, calendar=chosen, by=by, at=at))

    def _index_now(self) -> Index:
        """This ledger's index, folded from the history if a later ledger has moved it on."""
        index = self._index
        if index.length != len(self.history):
            index = Index.of(self.history)
            object.__setattr__(self, "_index", index)
        return index

    def _local(self, at: pendulum.DateTime) -> pendulum.Date:
        """The local day of the instant `at`, in the ledger calendar's time zone."""
        return at.in_timezone(self.calendar.tz).date()

    def _in_force(self, day: pendulum.Date) -> RuleBookPutInForce:
        enacted = self._index_now().in_force(day)
        if enacted is None:
            raise RuleBookError.single("on", f"no rule book of {self.name} is in force on {day}")
        return enacted

    # -- rule books ----------------------------------------------------------------------

    def put_in_force(self, adoption: RuleBookAdoption, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Apply the rule book that `adoption` adopted, from the day the vote set.

        Refused unless the villagers adopted it by a vote (seed 004: 策由民决); a
        revision must be a later version taking effect later; a rule book takes effect on
        the first day of a cycle (of its own and of the rule book it replaces), so that no
        cycle is judged by two rule books, and only after the last entry's date.
        """
        check_allowed(self, "put_in_force")
        if adoption.state is not AdoptionState.ADOPTED:
            msg = (
                f"adoption {adoption.id} is {adoption.state.value!r} ({adoption.state.zh}): "
                "a rule book comes into force only once the 村民会议 (or the 村民代表会议 it "
                "authorised) has adopted it by a vote"
            )
            raise RuleBookError.single("adoption", msg)
        book, day = adoption.rule_book, adoption.in_force_from
        assert book is not None
        assert day is not None
        assert adoption.vote is not None
        problems = start_problems(self._index_now(), book, day)
        refuse([(RuleBookError, FieldError("in_force_from", p)) for p in problems], "rule book")
        event = RuleBookPutInForce(
            adoption_id=adoption.id,
            decision_id=adoption.vote.record,
            rule_book=book,
            in_force_from=day,
            by=by,
            at=at,
        )
        return self._record(event)

    @checked
    def rule_book(self, on: pendulum.Date) -> RuleBook:
        """The rule book in force on the day `on`; `RuleBookError` if none is."""
        return self._in_force(on).rule_book

    def period(self, on: pendulum.Date) -> Period:
        """The cycle containing the day `on`, under the rule book in force then."""
        return self.rule_book(on).cycle.period(on)

    # -- recording -----------------------------------------------------------------------

    def record(
        self,
        *,
        entry_id: str,
        account: str,
        item: str,
        on: pendulum.Date,
        by: Actor,
        at: pendulum.DateTime,
        quantity: Quantity = 1,
        person: str | None = None,
        evidence: Iterable[str] = (),
    ) -> Self:
        """Record that `account` did `quantity` times (1 to 1,000) the item `item` on the
        day `on`; see `record_many` for the rules an entry is judged by."""
        check_allowed(self, "record")
        score = Score(
            entry_id=entry_id,
            account=account,
            item=item,
            on=on,
            quantity=quantity,
            person=person,
            evidence=tuple(evidence),
        )
        return self.record_many((score,), by=by, at=at)

    def record_many(self, scores: Iterable[Score], *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record many scored entries as one act; every bad score is reported at once.

        Each is judged by the rule book in force on its date: the item must be listed
        (for the account's audience), evidence given where the item requires it, the
        item's cap per cycle and the rule book's cap on bonus points per cycle kept
        (pending entries included), the cycle still open, and the date not after today.
        `scores` is a list, a tuple or a set of `Score` values, or an iterator over them;
        like a command's, `scores`, `by` and `at` are checked before the state and the rules.
        """
        if isinstance(scores, Iterator):
            scores = tuple(itertools.islice(scores, MAX_ITEMS + 1))
        wrong = [
            *_SCORES.problems(scores, "record_many.scores"),
            *_ACTOR.problems(by, "record_many.by"),
            *_INSTANT.problems(at, "record_many.at"),
        ]
        if wrong:
            raise ValidationError(wrong, subject="PointsLedger command")
        check_allowed(self, "record")
        batch = Batch(self._index_now(), self._local(at))
        entries = [
            entry
            for n, score in enumerate(scores)
            if (entry := batch.judge(f"scores[{n}]", score)) is not None
        ]
        if not entries and not batch.problems:
            batch.problem(ValidationError, "scores", "give at least one score")
        refuse(batch.problems, "scores")
        return self._record(Recorded(entries=tuple(entries), by=by, at=at))

    def grant_base(
        self,
        members: Mapping[str, HouseholdMembers],
        *,
        on: pendulum.Date,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Record base points (基础分) for each household in `members` (id → number of
        members, 1 to 100) for the cycle containing `on`; once per household and cycle.

        The entries are named ``base/<household>/<cycle>`` (``base/H-01/2026``); a grant
        that was rejected or reversed can be made again, as ``base/H-01/2026#2``.
        """
        check_allowed(self, "grant_base")
        today = self._local(at)
        if on > today:
            raise ValidationError.single("on", f"{on} is after today ({today})")
        book = self._in_force(on).rule_book
        if book.base is None:
            raise RuleBookError.single("on", f"{book} grants no base points")
        if not members:
            raise ValidationError.single("members", "name at least one household")
        entries, problems = base_entries(self._index_now(), members, on, book)
        refuse(problems, "base points")
        return self._record(BaseGranted(entries=tuple(entries), by=by, at=at))

    # -- review, posting, objections -----------------------------------------------------

    def _positions(
        self, command: str, entry_ids: Iterable[str]
    ) -> tuple[tuple[str, ...], list[int]]:
        """The entries named, each checked against the `ENTRY` table for `command`."""
        ids = _ids(entry_ids)
        index = self._index_now()
        positions = []
        for entry_id in ids:
            position = index.where.get(entry_id)
            if position is None:
                raise NotFoundError(f"ledger {self.id} has no entry {entry_id!r}")
            refusal = ENTRY.why_not(index.states[position], command)
            if refusal is not None:
                raise refusal.error("PointsEntry", entry_id)
            positions.append(position)
        return ids, positions

    def approve(self, entry_ids: EntryIds, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Pass recorded entries in review (审核通过); `by` is the reviewer."""
        check_allowed(self, "approve")
        ids, _ = self._positions("approve", entry_ids)
        return self._record(Approved(entry_ids=ids, by=by, at=at))

    def reject(self, entry_ids: EntryIds, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Fail recorded entries in review (审核不通过), saying why; they never count."""
        check_allowed(self, "reject")
        ids, _ = self._positions("reject", entry_ids)
        return self._record(Rejected(entry_ids=ids, reason=reason, by=by, at=at))

    def post(self, entry_ids: EntryIds, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Post reviewed entries publicly (公示); only reviewed entries can be posted.

        The posting period and the objection window of each entry's rule book start now.
        """
        check_allowed(self, "post")
        ids, _ = self._positions("post", entry_ids)
        return self._record(Posted(entry_ids=ids, by=by, at=at))

    def object_to(self, entry_id: str, *, objection: str, by: Actor, at: pendulum.DateTime) -> Self:
        """A villager (`by`) objects to a posted entry; only within its objection window."""
        check_allowed(self, "object_to")
        _, (position,) = self._positions("object_to", (entry_id,))
        due = self._index_now().objection_due[position]
        assert due is not None  # set when posted
        if at > due:
            msg = f"the objection window of entry {entry_id} closed at {due}"
            raise ObjectionWindowError(msg, entry_id=entry_id)
        return self._record(Objected(entry_id=entry_id, objection=objection, by=by, at=at))

    def uphold(self, entry_id: str, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Uphold the objection (异议成立): the entry is reversed and never counts."""
        check_allowed(self, "uphold")
        self._positions("uphold", (entry_id,))
        return self._record(ObjectionUpheld(entry_id=entry_id, reason=reason, by=by, at=at))

    def dismiss(self, entry_id: str, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Dismiss the objection (异议不成立): the entry becomes final now."""
        check_allowed(self, "dismiss")
        self._positions("dismiss", (entry_id,))
        return self._record(ObjectionDismissed(entry_id=entry_id, reason=reason, by=by, at=at))

    def finalise(self, entry_ids: EntryIds, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Make posted entries final once their posting period and objection window have
        both run out (公示无异议); refused while either is still open."""
        check_allowed(self, "finalise")
        ids, positions = self._positions("finalise", entry_ids)
        closes = self._index_now().closes
        for entry_id, position in zip(ids, positions, strict=True):
            close = closes[position]
            assert close is not None  # set when posted
            if at <= close:
                msg = f"entry {entry_id} is still in its posting or objection window until {close}"
                raise ObjectionWindowError(msg, entry_id=entry_id)
        return self._record(Finalised(entry_ids=ids, by=by, at=at))

    def entry_ids(self, state: EntryState) -> tuple[str, ...]:
        """The ids of the entries now in `state`, in the order they were written."""
        index = self._index_now()
        return tuple(e.id for e, s in zip(index.entries, index.states, strict=True) if s is state)

    # -- corrections and redemptions -----------------------------------------------------

    def reverse(
        self,
        entry_id: str,
        *,
        reversal_id: str,
        reason: str,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Take back a final entry with a reversal entry `reversal_id` (冲正), dated today.

        Nothing is edited or deleted: the reversal carries the opposite points and points
        at the entry. An entry can be reversed once; reversing it again is refused.
        """
        check_allowed(self, "reverse")
        today = self._local(at)
        _, (position,) = self._positions("reverse", (entry_id,))
        index = self._index_now()
        if reversal_id in index.where:
            raise ValidationError.single("reversal_id", f"{reversal_id!r} is already used")
        reversal = reversal_of(index.entries[position], reversal_id, today)
        return self._record(
            Reversed(entry_id=entry_id, reversal=reversal, reason=reason, by=by, at=at)
        )

    def redeem(
        self,
        *,
        entry_id: str,
        account: str,
        product: str,
        by: Actor,
        at: pendulum.DateTime,
        quantity: Quantity = 1,
    ) -> Self:
        """Exchange points for `quantity` (1 to 1,000) of `product` at the points
        supermarket (积分超市).

        The price comes from the catalogue of the rule book in force today. Refused when
        the final balance (`balance`) is below the rule book's redemption floor, the
        points a household needs before it may redeem at all (方正县: "< 60 cannot
        redeem"), or when the price is more than that balance (it never goes below zero).
        """
        check_allowed(self, "redeem")
        today = self._local(at)
        index = self._index_now()
        if entry_id in index.where:
            raise ValidationError.single("entry_id", f"{entry_id!r} is already used")
        book = self._in_force(today).rule_book
        cost = book.product(product).price * quantity
        have = self._balance_now(account, today, book)
        if have < book.redemption_floor:
            msg = (
                f"{account} has {have} points; an account needs at least "
                f"{book.redemption_floor} to redeem"
            )
            raise InsufficientPoints.single("account", msg, subject="redemption")
        if have < cost:
            msg = f"{account} has {have} points; {quantity} × {product} costs {cost}"
            raise InsufficientPoints.single("quantity", msg, subject="redemption")
        entry = redemption(
            entry_id=entry_id,
            account=account,
            product=product,
            cost=cost,
            on=today,
            quantity=quantity,
        )
        return self._record(Redeemed(entry=entry, by=by, at=at))

    def _balance_now(self, account: str, today: pendulum.Date, book: RuleBook) -> int:
        index = self._index_now()
        if book.cycle_end is CycleEnd.RESET:
            return index.final_in.get((account, index.start_of(today, book)), 0)
        return index.final_total.get(account, 0)

    # -- cycles --------------------------------------------------------------------------

    def close_cycle(self, period: Period, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Close a cycle once it is over and every entry dated in it is settled (final,
        rejected or reversed); nothing more can be dated in it afterwards."""
        check_allowed(self, "close_cycle")
        today = self._local(at)
        start = self._cycle(period)
        index = self._index_now()
        pending = index.unsettled.get(start, 0)
        problem = (
            f"{period} is closed already"
            if start in index.closed
            else f"{period} runs until {period.end.subtract(days=1)}"
            if today < period.end
            else f"{pending} entries dated in {period} are still pending"
            if pending
            else None
        )
        if problem is not None:
            raise CycleError.single("period", problem)
        return self._record(CycleClosed(period=period, by=by, at=at))

    def is_closed(self, period: Period) -> bool:
        """Whether `period` has been closed."""
        return period.start.toordinal() in self._index_now().closed

    def wind_up(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Stop running the scheme; the ledger can still be read."""
        check_allowed(self, "wind_up")
        return self._record(LedgerWoundUp(reason=reason, by=by, at=at))

    # -- reading ---------------------------------------------------------------------------

    def entry(self, entry_id: str) -> Entry:
        """The entry `entry_id`; `NotFoundError` if there is none."""
        index = self._index_now()
        position = index.where.get(entry_id)
        if position is None:
            raise NotFoundError(f"ledger {self.id} has no entry {entry_id!r}")
        return index.entries[position]

    def state_of(self, entry_id: str) -> EntryState:
        """Where the entry `entry_id` stands now."""
        self.entry(entry_id)
        index = self._index_now()
        return index.states[index.where[entry_id]]

    def objection_closes(self, entry_id: str) -> pendulum.DateTime | None:
        """When the objection window of a posted entry closes (`None` before posting)."""
        self.entry(entry_id)
        index = self._index_now()
        return index.objection_due[index.where[entry_id]]

    @checked
    def balances(self, *, as_of: pendulum.DateTime) -> dict[str, int]:
        """Every account's balance as of `as_of`, counting only entries final by then.

        Under a rule book that resets at the end of a cycle, only entries dated in the
        cycle containing `as_of` count; under one that carries over, all of them.
        Redemptions and reversals count from when they were written.
        """
        return self._balances(self._index_now().final, as_of)

    @checked
    def balances_including_pending(self, *, as_of: pendulum.DateTime) -> dict[str, int]:
        """Like `balances`, but also counting entries still pending by `as_of` (recorded,
        reviewed, posted or objected to); not what a redemption or a dividend uses."""
        return self._balances(self._index_now().provisional, as_of)

    def balance(self, account: str, *, as_of: pendulum.DateTime) -> int:
        """One account's balance as of `as_of` (see `balances`)."""
        return self.balances(as_of=as_of).get(account, 0)

    def _balances(self, logs: Logs, as_of: pendulum.DateTime) -> dict[str, int]:
        today = self._local(as_of)
        index = self._index_now()
        enacted = index.in_force(today)
        if enacted is None:
            return {}
        book = enacted.rule_book
        if book.cycle_end is CycleEnd.CARRY_OVER:
            return sums(logs.values(), as_of)
        start = index.start_of(today, book)
        return sums((logs[k] for k in ((start, True), (start, False)) if k in logs), as_of)

    def _cycle(self, period: Period) -> int:
        """The first day (ordinal) of `period`, if it is a cycle of the rule book then."""
        if self.period(period.start) != period:
            msg = f"{period} is not a cycle of {self.rule_book(period.start)}"
            raise CycleError.single("period", msg)
        return period.start.toordinal()

    @checked
    def cycle_points(
        self,
        period: Period,
        *,
        as_of: pendulum.DateTime | None = None,
        audience: Audience = Audience.HOUSEHOLD,
    ) -> dict[str, int]:
        """The points each account of `audience` earned in the cycle `period`: entries
        dated in it and final by `as_of` (default: by now), reversals of them dated in it
        included, redemptions left out (spending points does not undo earning them)."""
        start = self._cycle(period)
        index = self._index_now()
        log = index.final.get((start, True))
        earned = sums(() if log is None else (log,), as_of)
        return {a: p for a, p in earned.items() if index.audience.get(a) is audience}

    @checked
    def dividend(self, period: Period, pool: Amount) -> dict[str, Decimal]:
        """Divide `pool` (元, 0 to 1,000,000,000, to the fen) among the households by their
        points in the closed `period` (see `divide`: largest remainder, adding up to the
        pool)."""
        if not self.is_closed(period):
            raise CycleError.single("period", f"{period} is not closed; close it first")
        return divide(pool, self.cycle_points(period))

    @checked
    def rankings(self, period: Period, *, audience: Audience = Audience.HOUSEHOLD) -> Rankings:
        """Star tiers and the red and black lists of `period`, by the rule book of it."""
        return rank(
            period, self.cycle_points(period, audience=audience), self.rule_book(period.start)
        )
