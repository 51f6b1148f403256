"""The entity petitions (信访事项) and citizen requests (诉求工单) share: `Submission`.

A `Submission` is a matter submitted by the public and handled by a body against a time
limit: its deadline questions (`overdue`, `remaining`, `next_step`) and the completion and
resolution flags the rates count are answered here once, and so are the guard and the fold
of an extension, which both machines use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import attrs
import pendulum

from jiceng import Deadline, Entity, State, WorkCalendar
from jiceng.exceptions import DeadlineError
from jiceng.petitions._matter import Channel, Matter, NextStep, Route, Step, _Extension

__all__ = ["Submission"]

S = TypeVar("S", bound=State)


@attrs.frozen(kw_only=True)
class Submission(Entity[S]):
    """A matter submitted by the public (群众诉求), the entity a `Petition` and a `Ticket` share:
    the matter, the calendar, the clock.

    `deadline` is the time limit running now (each names its article); `on_time` says
    whether the completing step (the written opinion, the reply) met its time limit;
    `route` is where the matter was routed out to, `repeat_of` the matter it repeats.
    """

    _STEPS: ClassVar[Mapping[Any, Step]]
    _COMPLETED: ClassVar[frozenset[Any]]
    _RESOLVED: ClassVar[frozenset[Any]]

    id: str
    channel: Channel
    matter: Matter
    calendar: WorkCalendar
    deadline: Deadline | None = None
    on_time: bool | None = None
    route: Route | None = None
    repeat_of: str | None = None

    def next_step(self) -> NextStep | None:
        """What must happen next, by whom and by when; `None` once the workflow has ended."""
        step = self._step()
        if step is None:
            return None
        return NextStep(
            action=step.action,
            party=step.party,
            commands=self.allowed(),
            deadline=self.deadline,
            duty=step.duty,
        )

    def overdue(self, at: pendulum.DateTime) -> bool:
        """Whether an authority's time limit has run out at `at` (超期) without the step done.

        A window the public has not used (the 30 days to ask for a review) lapses; it is
        not "overdue".
        """
        step = self._step()
        return step is not None and step.duty and self._late(at)

    def remaining(self, at: pendulum.DateTime) -> pendulum.Duration | None:
        """Time left on the running deadline at `at` (negative once past); `None` if none runs."""
        return None if self.deadline is None else self.deadline.remaining(at)

    @property
    def is_completed(self) -> bool:
        """Whether the matter was handled to a result (办结)."""
        return self.state in self._COMPLETED

    @property
    def is_resolved(self) -> bool:
        """Whether the matter is resolved (化解、解决)."""
        return self.state in self._RESOLVED

    @property
    def is_counted(self) -> bool:
        """Whether the rates count the matter (应办结): not routed out to another procedure
        (`route`: 诉访分离, 不予受理) and not a repeat of another matter (`repeat_of`), which
        is counted once, as its original. Why: see `jiceng.petitions.metrics`."""
        return self.route is None and self.repeat_of is None

    def _step(self) -> Step | None:
        """The row of the "what next" table for where the matter stands now."""
        return self._STEPS.get(self.state)

    def _late(self, at: pendulum.DateTime) -> bool:
        return self.deadline is not None and self.deadline.overdue(at)


# -- extensions: one guard, one fold for both machines --------------------------------


def _extended(submission: Submission[Any], event: _Extension) -> Deadline:
    assert submission.deadline is not None
    return submission.deadline.extend(event.extra, event.at, event.approved_by, event.reason or "")


def extension_within_limit(submission: Submission[Any], event: _Extension) -> str | None:
    """An extension must fit the running time limit's bound: its count and its total, all
    extensions together (信访工作条例(2022) 第34条: 延长期限不得超过30日). Who approves is the
    petition machine's own rule (`approved_by_another`)."""
    try:
        _extended(submission, event)
    except DeadlineError as error:
        return str(error)
    return None


def extend(submission: Submission[Any], event: _Extension) -> Mapping[str, Any]:
    """The fold of an approved extension: the deadline, extended."""
    return {"deadline": _extended(submission, event)}
