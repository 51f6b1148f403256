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

import bisect
import enum
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Annotated, Any, Final, Self, TypeAlias

import attrs
import pendulum

from jiceng import (
    Actor,
    Entity,
    Event,
    Label,
    Machine,
    Source,
    State,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.checks import (
    MAX_ITEMS,
    anything,
    checked,
    day,
    instance_of,
    instant,
    items,
    optional,
    text,
)
from jiceng.exceptions import FieldError, NotFoundError, ValidationError
from jiceng.points._adoption import AdoptionState, RuleBookAdoption
from jiceng.points._dividends import Amount, Rankings, divide, rank
from jiceng.points._errors import (
    CycleError,
    InsufficientPoints,
    ObjectionWindowError,
    RuleBookError,
    check_allowed,
)
from jiceng.points._rules import (
    _QUANTITY,
    Audience,
    CycleEnd,
    HouseholdMembers,
    Period,
    Quantity,
    RuleBook,
)

__all__ = [
    "ENTRY",
    "LEDGER",
    "Approved",
    "BaseGranted",
    "CycleClosed",
    "Entry",
    "EntryIds",
    "EntryKind",
    "EntryState",
    "Finalised",
    "LedgerOpened",
    "LedgerState",
    "LedgerWoundUp",
    "Objected",
    "ObjectionDismissed",
    "ObjectionUpheld",
    "PointsLedger",
    "Posted",
    "Recorded",
    "Redeemed",
    "Rejected",
    "Reversed",
    "RuleBookPutInForce",
    "Score",
]

_SEED_004 = Source(
    "娄底市基层自治经验 (红网, seed 004): 从积分登记到审核、公示各个环节进行全程管控"
)
_POSTING = Source("山东省村务公开条例(2018) 第13条、第16条 (公示, 异议); DOMAIN.md §4")
_LEDGER_RULE = Source("DOMAIN.md §4: a ledger is append-only; corrections are reversal entries")


class EntryKind(enum.Enum):
    """What an entry is: an item scored (加分/扣分), base points (基础分), a redemption
    (积分兑换) or a reversal (冲正) of another entry."""

    ITEM = "item"
    BASE = "base"
    REDEMPTION = "redemption"
    REVERSAL = "reversal"


@attrs.frozen(kw_only=True)
class Entry:
    """One line of the ledger (积分记录), as the ledger wrote it.

    `account` is the household (户) — or the cadre, for cadre items — that the points go
    to; `person` optionally names the member who earned them. `code` is the item's code
    (``"base"`` for base points, the product's code for a redemption, the reversed
    entry's code for a reversal); `points` were fixed by the rule book in force on `on`,
    the entry's date. `reverses` names the entry a reversal takes back.
    """

    id: str
    account: str
    kind: EntryKind
    code: str
    points: int
    on: pendulum.Date
    quantity: int = 1
    person: str | None = None
    evidence: tuple[str, ...] = ()
    reverses: str | None = None


@attrs.frozen(kw_only=True)
class Score:
    """What a recorder claims (积分登记): `account` did `quantity` times (1 to 1,000,
    `Quantity`) the item `item` on the day `on`, with `evidence` references (a tuple of
    texts). The ledger turns it into an `Entry`."""

    entry_id: str = attrs.field(validator=text())
    account: str = attrs.field(validator=text())
    item: str = attrs.field(validator=text())
    on: pendulum.Date = attrs.field(validator=day())
    quantity: int = attrs.field(default=1, validator=_QUANTITY)
    person: str | None = attrs.field(default=None, validator=optional(text()))
    evidence: tuple[str, ...] = attrs.field(default=(), validator=items(text()))


EntryIds: TypeAlias = Annotated[
    Iterable[str], items(text(), kinds=(tuple, list, frozenset, set), unique=True)
]
"""The entries a review, a posting or a finalisation names: ids, each once (a list, a
tuple or a set; a single id is not a list of ids)."""

_SCORES: Final = items(anything(), kinds=(tuple, list, frozenset, set))
_SCORE: Final = instance_of(Score)
_ACTOR: Final = instance_of(Actor)
_INSTANT: Final = instant()
_AS_OF: Final = optional(instant())
_DAY: Final = day()
_PERIOD: Final = instance_of(Period)
_QUERY: Final = "PointsLedger query"


class EntryState(State):
    """Where an entry stands in its lifecycle."""

    RECORDED = "recorded", "已登记", "Recorded"
    REVIEWED = "reviewed", "已审核", "Reviewed"
    REJECTED = "rejected", "审核未通过", "Rejected"
    POSTED = "posted", "公示中", "Posted"
    OBJECTED = "objected", "异议处理中", "Objected to"
    FINAL = "final", "已生效", "Final"
    REVERSED = "reversed", "已撤销", "Reversed"


class LedgerState(State):
    """Whether the scheme is running."""

    OPEN = "open", "实行中", "Open"
    WOUND_UP = "wound_up", "已停止实行", "Wound up"


# -- events ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LedgerOpened(Event):
    """A village opened its points ledger; local days are counted in `calendar`."""

    ledger_id: str
    name: str
    calendar: WorkCalendar


@attrs.frozen(kw_only=True)
class RuleBookPutInForce(Event):
    """An adopted rule book applies to entries dated from `in_force_from` on."""

    adoption_id: str
    decision_id: str
    rule_book: RuleBook
    in_force_from: pendulum.Date


@attrs.frozen(kw_only=True)
class Recorded(Event):
    """Entries for scored items were recorded (积分登记)."""

    entries: tuple[Entry, ...]


@attrs.frozen(kw_only=True)
class BaseGranted(Event):
    """Base points were recorded for households (基础分)."""

    entries: tuple[Entry, ...]


@attrs.frozen(kw_only=True)
class Approved(Event):
    """Entries passed review (审核通过)."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Rejected(Event):
    """Entries failed review (审核未通过); they never count."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Posted(Event):
    """Entries were posted publicly (公示); the objection window opens."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Objected(Event):
    """A villager (`by`) objected to a posted entry within the window (提出异议)."""

    entry_id: str
    objection: str


@attrs.frozen(kw_only=True)
class ObjectionUpheld(Event):
    """The objection was upheld: the entry is reversed before it ever counted."""

    entry_id: str


@attrs.frozen(kw_only=True)
class ObjectionDismissed(Event):
    """The objection was dismissed: the entry becomes final."""

    entry_id: str


@attrs.frozen(kw_only=True)
class Finalised(Event):
    """Posted entries became final once their windows had run out (公示无异议)."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Reversed(Event):
    """A final entry was taken back by the reversal entry `reversal` (冲正)."""

    entry_id: str
    reversal: Entry


@attrs.frozen(kw_only=True)
class Redeemed(Event):
    """Points were exchanged at the points supermarket (积分超市兑换)."""

    entry: Entry


@attrs.frozen(kw_only=True)
class CycleClosed(Event):
    """A cycle was closed: its points are settled and nothing more is dated in it."""

    period: Period


@attrs.frozen(kw_only=True)
class LedgerWoundUp(Event):
    """The village stopped running the scheme."""


# -- the tables --------------------------------------------------------------------------

_S = EntryState

ENTRY: Machine[EntryState] = Machine(
    name="points.entry",
    label=Label("积分记录", "Points entry"),
    states=EntryState,
    initial=_S.RECORDED,
    final={_S.REJECTED, _S.REVERSED},
    transitions=[
        Transition(
            command="record",
            event=Recorded,
            sources=(),
            target=_S.RECORDED,
            label=Label("登记", "Record"),
            source=_SEED_004,
        ),
        Transition(
            command="grant_base",
            event=BaseGranted,
            sources=(),
            target=_S.RECORDED,
            label=Label("登记基础分", "Grant base points"),
            source=Source("seed 004: 按各户人口数确定基础分"),
        ),
        Transition(
            command="approve",
            event=Approved,
            sources={_S.RECORDED},
            target=_S.REVIEWED,
            label=Label("审核通过", "Approve"),
            source=_SEED_004,
        ),
        Transition(
            command="reject",
            event=Rejected,
            sources={_S.RECORDED},
            target=_S.REJECTED,
            label=Label("审核不通过", "Reject"),
            source=_SEED_004,
        ),
        Transition(
            command="post",
            event=Posted,
            sources={_S.REVIEWED},
            target=_S.POSTED,
            label=Label("公示", "Post"),
            source=_SEED_004,
        ),
        Transition(
            command="object_to",
            event=Objected,
            sources={_S.POSTED},
            target=_S.OBJECTED,
            label=Label("提出异议", "Object"),
            source=_POSTING,
        ),
        Transition(
            command="uphold",
            event=ObjectionUpheld,
            sources={_S.OBJECTED},
            target=_S.REVERSED,
            label=Label("异议成立", "Uphold the objection"),
            source=_POSTING,
        ),
        Transition(
            command="dismiss",
            event=ObjectionDismissed,
            sources={_S.OBJECTED},
            target=_S.FINAL,
            label=Label("异议不成立", "Dismiss the objection"),
            source=_POSTING,
        ),
        Transition(
            command="finalise",
            event=Finalised,
            sources={_S.POSTED},
            target=_S.FINAL,
            label=Label("公示无异议, 生效", "Finalise"),
            source=_POSTING,
        ),
        Transition(
            command="reverse",
            event=Reversed,
            sources={_S.FINAL},
            target=_S.REVERSED,
            label=Label("冲正", "Reverse"),
            source=_LEDGER_RULE,
        ),
    ],
)
"""The lifecycle of one entry (积分记录). Redemptions and reversal entries are written in
the state `final` (an exchange made, a correction decided); like any final entry they can
be reversed, once."""

_ENTRY_EVENTS = tuple(row.event for row in ENTRY.transitions)

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
        ),
        Transition(
            command="put_in_force",
            event=RuleBookPutInForce,
            sources={LedgerState.OPEN},
            target=None,
            label=Label("细则施行", "Put a rule book in force"),
            source=Source("seed 004: 召开村民代表大会进行投票, 表决通过后实施"),
        ),
        *(
            Transition(
                command=row.command,
                event=row.event,
                sources={LedgerState.OPEN},
                target=None,
                label=row.label,
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
            source=Source("DOMAIN.md §4: 积分超市; 低于下限不能兑换"),
        ),
        Transition(
            command="close_cycle",
            event=CycleClosed,
            sources={LedgerState.OPEN},
            target=None,
            label=Label("周期结算", "Close a cycle"),
        ),
        Transition(
            command="wind_up",
            event=LedgerWoundUp,
            sources={LedgerState.OPEN},
            target=LedgerState.WOUND_UP,
            label=Label("停止实行", "Wind up"),
        ),
    ],
)
"""The ledger's own table: every command is recorded while the scheme runs."""


# -- the index: what the log says now, kept up to date as the log grows -------------------


class _Log:
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


_Logs = dict[tuple[int, bool], _Log]
"""Lines by the cycle they are dated in (its first day's ordinal) and by whether their
points were earned (True) or spent (a redemption, False): a cycle's sum reads its own
lines only."""


def _sums(logs: Iterable[_Log], as_of: pendulum.DateTime | None) -> dict[str, int]:
    totals: dict[str, int] = {}
    for log in logs:
        log.sum_into(totals, as_of)
    return totals


class _Index:
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
        self.final: _Logs = {}
        self.provisional: _Logs = {}
        self.final_total: dict[str, int] = {}
        self.final_in: dict[tuple[str, int], int] = {}
        self.period_start: dict[int, int] = {}

    @classmethod
    def of(cls, history: Sequence[Event]) -> _Index:
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
        self.length += 1
        match event:
            case LedgerOpened(calendar=calendar):
                self.calendar = calendar
            case RuleBookPutInForce(in_force_from=day):
                self.enacted.append(event)
                self.starts.append(day.toordinal())
                self.period_start.clear()
            case Recorded(entries=entries) | BaseGranted(entries=entries):
                for entry in entries:
                    self._add(entry, EntryState.RECORDED, event.at)
            case (
                Approved(entry_ids=ids)
                | Rejected(entry_ids=ids)
                | Posted(entry_ids=ids)
                | Finalised(entry_ids=ids)
            ):
                self._move(event, ids)
            case (
                Objected(entry_id=entry_id)
                | ObjectionUpheld(entry_id=entry_id)
                | ObjectionDismissed(entry_id=entry_id)
            ):
                self._move(event, (entry_id,))
            case Reversed(entry_id=entry_id, reversal=reversal):
                position = self.where[entry_id]
                self.states[position] = EntryState.REVERSED
                self._take_back(position)
                self._add(reversal, EntryState.FINAL, event.at)
            case Redeemed(entry=entry):
                self._add(entry, EntryState.FINAL, event.at)
            case CycleClosed(period=period):
                self.closed.add(period.start.toordinal())

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
        _line(self.provisional, (start, earned), at, entry.account, entry.points)
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
        _line(self.provisional, (start, True), at, entry.account, -entry.points)

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
        _line(self.final, key, at, entry.account, entry.points)
        self.final_total[entry.account] = self.final_total.get(entry.account, 0) + entry.points
        cycle = (entry.account, key[0])
        self.final_in[cycle] = self.final_in.get(cycle, 0) + entry.points


def _line(
    logs: _Logs, key: tuple[int, bool], at: pendulum.DateTime, account: str, points: int
) -> None:
    log = logs.get(key)
    if log is None:
        log = logs[key] = _Log()
    log.add(at, account, points)


# -- checks shared by the commands ---------------------------------------------------------


def _refuse(problems: list[tuple[type[ValidationError], FieldError]], subject: str) -> None:
    """Raise one error listing every problem: of their common kind if they share one."""
    if problems:
        kinds = {kind for kind, _ in problems}
        kind = kinds.pop() if len(kinds) == 1 else ValidationError
        raise kind([problem for _, problem in problems], subject=subject)


def _ids(entry_ids: Iterable[str]) -> tuple[str, ...]:
    """The ids a batch command names; a posting list (公示) names at least one entry."""
    ids = tuple(entry_ids)
    if not ids:
        raise ValidationError.single("entry_ids", "name at least one entry")
    return ids


class _Batch:
    """Judges the scores of one `record_many` against the index and against each other."""

    def __init__(self, index: _Index, today: pendulum.Date) -> None:
        self.index = index
        self.today = today
        self.problems: list[tuple[type[ValidationError], FieldError]] = []
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
    _index: _Index = attrs.field(init=False, eq=False, repr=False, factory=_Index)

    # -- creating and folding ------------------------------------------------------------

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

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, LedgerOpened)
        return {"id": event.ledger_id, "name": event.name, "calendar": event.calendar}

    def _apply(self, event: Event) -> Mapping[str, Any] | None:
        index = self._index_now()
        index.apply(event)
        return {"_index": index}

    def _index_now(self) -> _Index:
        """This ledger's index, folded from the history if a later ledger has moved it on."""
        index = self._index
        if index.length != len(self.history):
            index = _Index.of(self.history)
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

        Refused unless the representative meeting adopted it (seed 004: 策由民决); a
        revision must be a later version taking effect later; a rule book takes effect on
        the first day of a cycle (of its own and of the rule book it replaces), so that no
        cycle is judged by two rule books, and only after the last entry's date.
        """
        check_allowed(self, "put_in_force")
        if adoption.state is not AdoptionState.ADOPTED:
            msg = (
                f"adoption {adoption.id} is {adoption.state.value!r} ({adoption.state.zh}): "
                "a rule book comes into force only once the villagers' representative "
                "meeting has adopted it by a vote"
            )
            raise RuleBookError.single("adoption", msg)
        book, day = adoption.rule_book, adoption.in_force_from
        assert book is not None
        assert day is not None
        assert adoption.decision_id is not None
        index = self._index_now()
        problems = []
        if book.cycle.period(day).start != day:
            problems.append(f"{day} is not the first day of a {book.cycle.value} of {book}")
        if index.enacted:
            last = index.enacted[-1]
            if book.version <= last.rule_book.version:
                problems.append(f"{book} is not later than {last.rule_book}, in force already")
            if day <= last.in_force_from:
                problems.append(
                    f"{day} is not after {last.in_force_from}, when {last.rule_book} began"
                )
            if last.rule_book.cycle.period(day).start != day:
                problems.append(f"{day} would cut a cycle of {last.rule_book} in two")
        if index.last_day >= day.toordinal():
            dated = pendulum.Date.fromordinal(index.last_day)
            problems.append(f"entries are dated {dated}, on or after {day}: no retroactive rules")
        _refuse([(RuleBookError, FieldError("in_force_from", p)) for p in problems], "rule book")
        event = RuleBookPutInForce(
            adoption_id=adoption.id,
            decision_id=adoption.decision_id,
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
        batch = _Batch(self._index_now(), self._local(at))
        entries = [
            entry
            for n, score in enumerate(scores)
            if (entry := batch.judge(f"scores[{n}]", score)) is not None
        ]
        if not entries and not batch.problems:
            batch.problem(ValidationError, "scores", "give at least one score")
        _refuse(batch.problems, "scores")
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
        index = self._index_now()
        start = index.start_of(on, book)
        period = book.cycle.period(on)
        if start in index.closed:
            raise CycleError.single("on", f"the cycle {period} is closed")
        problems: list[tuple[type[ValidationError], FieldError]] = []
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
        _refuse(problems, "base points")
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
        target = index.entries[position]
        reversal = Entry(
            id=reversal_id,
            account=target.account,
            kind=EntryKind.REVERSAL,
            code=target.code,
            points=-target.points,
            on=today,
            quantity=target.quantity,
            person=target.person,
            reverses=target.id,
        )
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
        entry = Entry(
            id=entry_id,
            account=account,
            kind=EntryKind.REDEMPTION,
            code=product,
            points=-cost,
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

    def _balances(self, logs: _Logs, as_of: pendulum.DateTime) -> dict[str, int]:
        today = self._local(as_of)
        index = self._index_now()
        enacted = index.in_force(today)
        if enacted is None:
            return {}
        book = enacted.rule_book
        if book.cycle_end is CycleEnd.CARRY_OVER:
            return _sums(logs.values(), as_of)
        start = index.start_of(today, book)
        return _sums((logs[k] for k in ((start, True), (start, False)) if k in logs), as_of)

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
        earned = _sums(() if log is None else (log,), as_of)
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
