"""Implementation (决议实施): a decision carried out to a recorded, disclosed result.

An `Implementation` tracks a decision (a meeting or motion id) through progress notes to a
result, which a result notice then discloses (实施结果公开, 村民委员会组织法(2018) 第30条).
Each command's guards and fold stand together below, in the order of the table; the
states and events are in `_disclosure_data`.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from typing import Any, Self

import attrs
import pendulum

from jiceng import Actor, Entity, Label, Machine, Source, Transition
from jiceng.decisions._disclosure import Disclosure
from jiceng.decisions._disclosure_data import (
    Amount,
    DisclosureCategory,
    ImplementationStarted,
    ImplementationState,
    ProgressReported,
    ResultDisclosed,
    ResultRecorded,
)

# -- 开始实施 start --


def implementation_started(_: None, event: ImplementationStarted) -> Mapping[str, Any]:
    return {"id": event.implementation_id, "decision": event.decision, "title": event.title}


# -- 报告进展 report --


def progress_reported(implementation: Implementation, event: ProgressReported) -> Mapping[str, Any]:
    return {"progress": (*implementation.progress, event.text)}


# -- 记录结果 record_result --


def result_recorded(_: Implementation, event: ResultRecorded) -> Mapping[str, Any]:
    return {"result": event.result, "spent": event.spent}


# -- 实施结果公开 disclose --


def discloses_this_result(implementation: Implementation, event: ResultDisclosed) -> str | None:
    """The notice must be a result notice about this implementation."""
    if event.category is not DisclosureCategory.RESULT:
        return f"notice {event.disclosure} is not a result notice (实施结果公开)"
    if event.refers_to != implementation.id:
        return f"notice {event.disclosure} is about {event.refers_to}, not {implementation.id}"
    return None


def result_disclosed(_: Implementation, event: ResultDisclosed) -> Mapping[str, Any]:
    return {"disclosure": event.disclosure}


IMPLEMENTATION: Machine[ImplementationState] = Machine(
    name="decisions.implementation",
    label=Label("决议实施", "Implementation"),
    states=ImplementationState,
    initial=ImplementationState.UNDER_WAY,
    final={ImplementationState.DISCLOSED},
    transitions=[
        Transition(
            command="start",
            event=ImplementationStarted,
            sources=(),
            target=ImplementationState.UNDER_WAY,
            label=Label("开始实施", "Start"),
            fold=implementation_started,
        ),
        Transition(
            command="report",
            event=ProgressReported,
            sources={ImplementationState.UNDER_WAY},
            target=None,
            label=Label("报告进展", "Report progress"),
            fold=progress_reported,
        ),
        Transition(
            command="record_result",
            event=ResultRecorded,
            sources={ImplementationState.UNDER_WAY},
            target=ImplementationState.DONE,
            label=Label("记录结果", "Record the result"),
            fold=result_recorded,
        ),
        Transition(
            command="disclose",
            event=ResultDisclosed,
            sources={ImplementationState.DONE},
            target=ImplementationState.DISCLOSED,
            label=Label("实施结果公开", "Disclose the result"),
            guard=discloses_this_result,
            fold=result_disclosed,
            source=Source("村民委员会组织法(2018) 第30条第1款第1项: ……及其实施情况"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Implementation(Entity[ImplementationState], machine=IMPLEMENTATION):
    """Carrying out a decision (`decision`: a meeting or motion id) to a disclosed result."""

    id: str
    decision: str
    title: str
    progress: tuple[str, ...] = ()
    result: str | None = None
    spent: decimal.Decimal | None = None
    disclosure: str | None = None

    @classmethod
    def start(
        cls, *, id: str, decision: str, title: str, by: Actor, at: pendulum.DateTime
    ) -> Implementation:
        """Begin carrying out `decision`."""
        event = ImplementationStarted(
            implementation_id=id, decision=decision, title=title, by=by, at=at
        )
        return cls._start(event)

    def report(self, text: str, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Note progress."""
        return self._record(ProgressReported(text=text, by=by, at=at))

    def record_result(
        self,
        result: str,
        *,
        spent: Amount | None = None,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Record the result; `spent` in yuan, to the fen, from 0 to `MAX_AMOUNT` (`Amount`)."""
        return self._record(ResultRecorded(result=result, spent=spent, by=by, at=at))

    def disclose(self, notice: Disclosure, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that `notice` discloses the result (it must be a result notice about this)."""
        event = ResultDisclosed(
            disclosure=notice.id,
            category=notice.category,
            refers_to=notice.refers_to,
            by=by,
            at=at,
        )
        return self._record(event)
