"""The lifecycle of one ledger entry (积分记录): recorded → reviewed → posted → final.

Seed 004 (娄底/油溪桥): 从积分登记到审核、公示各个环节进行全程管控. An entry is not an entity of
its own: the ledger records the events, and each entry's state is computed from them by
this table (`jiceng.points._index`), which says which command may follow which.
"""

from __future__ import annotations

from jiceng import Label, Machine, Source, Transition
from jiceng.points._states import EntryState
from jiceng.points.events import (
    Approved,
    BaseGranted,
    Finalised,
    Objected,
    ObjectionDismissed,
    ObjectionUpheld,
    Posted,
    Recorded,
    Rejected,
    Reversed,
)

_LOUDI_FULL_CONTROL = Source(
    "娄底市基层自治经验 (红网, seed 004): 从积分登记到审核、公示各个环节进行全程管控"
)
_POSTING = Source("山东省村务公开条例(2018) 第13条、第16条 (公示, 异议); DOMAIN.md §4")
_LEDGER_RULE = Source("DOMAIN.md §4: a ledger is append-only; corrections are reversal entries")

ENTRY: Machine[EntryState] = Machine(
    name="points.entry",
    label=Label("积分记录", "Points entry"),
    states=EntryState,
    initial=EntryState.RECORDED,
    final={EntryState.REJECTED, EntryState.REVERSED},
    transitions=[
        Transition(
            command="record",
            event=Recorded,
            sources=(),
            target=EntryState.RECORDED,
            label=Label("登记", "Record"),
            source=_LOUDI_FULL_CONTROL,
        ),
        Transition(
            command="grant_base",
            event=BaseGranted,
            sources=(),
            target=EntryState.RECORDED,
            label=Label("登记基础分", "Grant base points"),
            source=Source("seed 004: 按各户人口数确定基础分"),
        ),
        Transition(
            command="approve",
            event=Approved,
            sources={EntryState.RECORDED},
            target=EntryState.REVIEWED,
            label=Label("审核通过", "Approve"),
            source=_LOUDI_FULL_CONTROL,
        ),
        Transition(
            command="reject",
            event=Rejected,
            sources={EntryState.RECORDED},
            target=EntryState.REJECTED,
            label=Label("审核不通过", "Reject"),
            source=_LOUDI_FULL_CONTROL,
        ),
        Transition(
            command="post",
            event=Posted,
            sources={EntryState.REVIEWED},
            target=EntryState.POSTED,
            label=Label("公示", "Post"),
            source=_LOUDI_FULL_CONTROL,
        ),
        Transition(
            command="object_to",
            event=Objected,
            sources={EntryState.POSTED},
            target=EntryState.OBJECTED,
            label=Label("提出异议", "Object"),
            source=_POSTING,
        ),
        Transition(
            command="uphold",
            event=ObjectionUpheld,
            sources={EntryState.OBJECTED},
            target=EntryState.REVERSED,
            label=Label("异议成立", "Uphold the objection"),
            source=_POSTING,
        ),
        Transition(
            command="dismiss",
            event=ObjectionDismissed,
            sources={EntryState.OBJECTED},
            target=EntryState.FINAL,
            label=Label("异议不成立", "Dismiss the objection"),
            source=_POSTING,
        ),
        Transition(
            command="finalise",
            event=Finalised,
            sources={EntryState.POSTED},
            target=EntryState.FINAL,
            label=Label("公示无异议, 生效", "Finalise"),
            source=_POSTING,
        ),
        Transition(
            command="reverse",
            event=Reversed,
            sources={EntryState.FINAL},
            target=EntryState.REVERSED,
            label=Label("冲正", "Reverse"),
            source=_LEDGER_RULE,
        ),
    ],
)
"""The lifecycle of one entry (积分记录). Redemptions and reversal entries are written in
the state `final` (an exchange made, a correction decided); like any final entry they can
be reversed, once."""
