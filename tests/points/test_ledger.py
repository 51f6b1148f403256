from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, replay
from jiceng.exceptions import InvalidTransition, NotFoundError, ValidationError
from jiceng.points import (
    ENTRY,
    FANGZHENG_RULE_BOOK,
    LEDGER,
    LOUDI_RULE_BOOK,
    Audience,
    Cycle,
    CycleEnd,
    CycleError,
    Entry,
    EntryKind,
    EntryState,
    InsufficientPoints,
    Item,
    LedgerState,
    ObjectionWindowError,
    PointsLedger,
    Product,
    RuleBook,
    RuleBookAdoption,
    RuleBookError,
    Score,
)
from jiceng.points.events import (
    BaseGranted,
    Finalised,
    ObjectionDismissed,
    ObjectionUpheld,
    Recorded,
    Redeemed,
    Rejected,
    Reversed,
)
from jiceng.serde import from_dict, to_dict
from jiceng.testing import Command, random_walk
from tests.points.support import CARRY_OVER, CLERK, VILLAGER, adopted, at, final, ledger

D = pendulum.date
YEAR_2026 = Cycle.YEAR.period(D(2026, 1, 1))


def recorded(book: PointsLedger, *ids: str, item: str = "JS-01") -> PointsLedger:
    scores = [Score(entry_id=i, account="H-01", item=item, on=D(2026, 1, 5)) for i in ids]
    return book.record_many(scores, by=CLERK, at=at(2026, 1, 6))


def posted(*ids: str, item: str = "JS-01") -> PointsLedger:
    """Entries posted at 2026-01-06 09:00: the five-day window runs to the end of 01-11."""
    book = recorded(ledger(), *ids, item=item)
    book = book.approve(ids, by=CLERK, at=at(2026, 1, 6, 8))
    return book.post(ids, by=CLERK, at=at(2026, 1, 6, 9))


# -- rule books in force -----------------------------------------------------------------


def test_a_rule_book_comes_into_force_only_through_its_adoption_vote() -> None:
    opened = PointsLedger.open(id="L", name="积分", by=CLERK, at=at(2025, 12, 1))
    drafted = (
        RuleBookAdoption.open(id="A", scheme="s", by=CLERK, at=at(2025, 11, 1))
        .collect_idea("x", by=CLERK, at=at(2025, 11, 1))
        .draft(LOUDI_RULE_BOOK, by=CLERK, at=at(2025, 11, 2))
    )
    with pytest.raises(
        RuleBookError, match="only once the 村民会议 \\(or the 村民代表会议 it authorised\\)"
    ):
        opened.put_in_force(drafted, by=CLERK, at=at(2025, 12, 2))
    with pytest.raises(ValidationError, match="expected RuleBookAdoption"):
        opened.put_in_force(LOUDI_RULE_BOOK, by=CLERK, at=at(2025, 12, 2))  # type: ignore[arg-type]
    with pytest.raises(RuleBookError, match="no rule book of 积分 is in force"):
        opened.rule_book(D(2026, 1, 1))
    book = ledger()
    assert book.rule_book(D(2026, 6, 1)) == LOUDI_RULE_BOOK
    assert book.history[-1].decision_id == "D-2025-12"  # type: ignore[attr-defined]


def test_a_rule_book_takes_effect_on_the_first_day_of_a_cycle() -> None:
    opened = PointsLedger.open(id="L", name="积分", by=CLERK, at=at(2025, 12, 1))
    with pytest.raises(RuleBookError, match="not the first day of a year"):
        opened.put_in_force(adopted(in_force_from=D(2026, 3, 1)), by=CLERK, at=at(2025, 12, 11))


def test_a_revision_is_a_later_version_from_a_later_cycle() -> None:
    v2 = attrs.evolve(
        LOUDI_RULE_BOOK,
        version=2,
        items=(*LOUDI_RULE_BOOK.items, Item(code="NEW", name="新", category="加分", points=1)),
    )
    book = final(ledger(), "E-1")
    revised = book.put_in_force(adopted(v2, D(2027, 1, 1), id="A-2"), by=CLERK, at=at(2026, 2, 1))
    assert revised.rule_book(D(2026, 12, 31)) == LOUDI_RULE_BOOK
    assert revised.rule_book(D(2027, 1, 1)) == v2
    # an entry is judged by the rule book in force on its date
    late = at(2027, 1, 2)
    ok = revised.record(
        entry_id="E-2", account="H-01", item="NEW", on=D(2027, 1, 1), by=CLERK, at=late
    )
    assert ok.entry("E-2").points == 1
    with pytest.raises(RuleBookError, match="has no item 'NEW'") as caught:
        revised.record(
            entry_id="E-2", account="H-01", item="NEW", on=D(2026, 12, 31), by=CLERK, at=late
        )
    assert caught.value.paths == ("scores[0].item",)

    with pytest.raises(RuleBookError) as refused:
        book.put_in_force(
            adopted(LOUDI_RULE_BOOK, D(2026, 1, 1), id="A-3"), by=CLERK, at=at(2026, 2, 1)
        )
    v1 = str(LOUDI_RULE_BOOK)
    assert [e.message for e in refused.value.errors] == [
        f"{v1} is not later than {v1}, in force already",
        f"2026-01-01 is not after 2026-01-01, when {v1} began",
        "entries are dated 2026-01-05, on or after 2026-01-01: no retroactive rules",
    ]
    monthly = attrs.evolve(v2, cycle=Cycle.MONTH)
    with pytest.raises(RuleBookError, match="would cut a cycle"):
        book.put_in_force(adopted(monthly, D(2026, 7, 1), id="A-4"), by=CLERK, at=at(2026, 2, 1))


# -- recording -------------------------------------------------------------------------


def test_an_entry_is_recorded_with_the_points_of_its_item_times_the_quantity() -> None:
    book = ledger().record(
        entry_id="E-1",
        account="H-01",
        person="P-3",
        item="JS-01",
        quantity=3,
        on=D(2026, 1, 5),
        by=CLERK,
        at=at(2026, 1, 6),
    )
    entry = book.entry("E-1")
    assert (entry.kind, entry.code, entry.points, entry.person) == (
        EntryKind.ITEM,
        "JS-01",
        6,
        "P-3",
    )
    assert book.state_of("E-1") is EntryState.RECORDED
    assert book.objection_closes("E-1") is None
    assert book.balances(as_of=at(2026, 1, 7)) == {}
    assert book.balances_including_pending(as_of=at(2026, 1, 7)) == {"H-01": 6}
    assert book.balances_including_pending(as_of=at(2026, 1, 5)) == {}


def test_an_entry_may_be_dated_today_but_not_tomorrow() -> None:
    book = ledger()
    t = at(2026, 1, 6, 23, 59)
    today = book.record(entry_id="E-1", account="H", item="JS-01", on=D(2026, 1, 6), by=CLERK, at=t)
    assert today.entry("E-1").on == D(2026, 1, 6)
    with pytest.raises(ValidationError, match="after today"):
        book.record(entry_id="E-1", account="H", item="JS-01", on=D(2026, 1, 7), by=CLERK, at=t)


def test_an_entry_before_any_rule_book_is_in_force_is_refused() -> None:
    with pytest.raises(RuleBookError, match="no rule book is in force on 2025-12-31"):
        ledger().record(
            entry_id="E", account="H", item="JS-01", on=D(2025, 12, 31), by=CLERK, at=at(2026, 1, 1)
        )


def test_an_item_that_requires_evidence_is_refused_without_it() -> None:
    book = ledger()
    with pytest.raises(RuleBookError, match="needs evidence"):
        book.record(
            entry_id="E", account="H", item="KF-01", on=D(2026, 1, 5), by=CLERK, at=at(2026, 1, 6)
        )
    with_photo = book.record(
        entry_id="E",
        account="H",
        item="KF-01",
        evidence=["photo-7"],
        on=D(2026, 1, 5),
        by=CLERK,
        at=at(2026, 1, 6),
    )
    assert with_photo.entry("E").evidence == ("photo-7",)
    assert with_photo.entry("E").points == -20


def test_an_items_cap_per_cycle_allows_reaching_it_but_not_passing_it() -> None:
    book = recorded(ledger(), "E-1", item="WM-01")  # 10 points, capped at 10 a cycle
    with pytest.raises(
        RuleBookError, match="would have 20 points from WM-01 in one cycle; the cap is 10"
    ):
        recorded(book, "E-2", item="WM-01")
    with pytest.raises(RuleBookError, match="cap is 10"):
        recorded(ledger(), "E-1", "E-2", item="WM-01")
    # a rejected entry frees its share of the cap
    rejected = book.reject(["E-1"], reason="重复登记", by=CLERK, at=at(2026, 1, 7))
    again = rejected.record(
        entry_id="E-2", account="H-01", item="WM-01", on=D(2026, 1, 5), by=CLERK, at=at(2026, 1, 7)
    )
    assert again.state_of("E-2") is EntryState.RECORDED


def test_a_cap_is_kept_per_cycle() -> None:
    book = final(ledger(), "E-1", item="WM-01")
    next_year = book.record(
        entry_id="E-2", account="H-01", item="WM-01", on=D(2027, 1, 1), by=CLERK, at=at(2027, 1, 1)
    )
    assert next_year.entry("E-2").points == 10


BONUS_CAPPED = attrs.evolve(LOUDI_RULE_BOOK, bonus_cap=12)
"""At most 12 bonus points an account a year, from every bonus item together."""


def test_the_bonus_cap_bounds_bonus_points_from_every_item_together() -> None:
    book = recorded(recorded(ledger(BONUS_CAPPED), "E-1"), "E-2", item="WM-01")  # 2 + 10
    with pytest.raises(
        RuleBookError, match="H-01 would have 17 bonus points in one cycle; the cap is 12"
    ) as refused:
        recorded(book, "E-3", item="CY-01")
    assert refused.value.paths == ("scores[0].quantity",)
    with pytest.raises(RuleBookError, match="would have 14 bonus points"):
        recorded(ledger(BONUS_CAPPED), "E-1", "E-2", "E-3", "E-4", "E-5", "E-6", "E-7")
    # penalties do not use the cap, nor do other accounts
    penalised = book.record(
        entry_id="E-3",
        account="H-01",
        item="KF-01",
        evidence=("photo",),
        on=D(2026, 1, 5),
        by=CLERK,
        at=at(2026, 1, 6),
    )
    other = penalised.record(
        entry_id="E-4", account="H-02", item="WM-01", on=D(2026, 1, 5), by=CLERK, at=at(2026, 1, 6)
    )
    assert other.entry("E-4").points == 10


def test_a_rejected_or_reversed_entry_frees_its_share_of_the_bonus_cap() -> None:
    t = at(2026, 1, 21)

    def score(book: PointsLedger, entry_id: str, item: str = "JS-01") -> PointsLedger:
        return book.record(
            entry_id=entry_id, account="H-01", item=item, on=D(2026, 1, 5), by=CLERK, at=t
        )

    book = final(ledger(BONUS_CAPPED), "E-1", item="WM-01")  # 10
    full = score(book, "E-2")  # 12, the cap
    with pytest.raises(RuleBookError, match="would have 14 bonus points"):
        score(full, "E-3")
    again = score(full.reject(["E-2"], reason="重复登记", by=CLERK, at=t), "E-3")  # 12 again
    reversed_ = again.reverse("E-1", reversal_id="R-1", reason="登记有误", by=CLERK, at=t)
    assert score(score(reversed_, "E-4", "CY-01"), "E-5", "CY-01").entry("E-5").points == 5
    next_year = book.record(
        entry_id="E-6", account="H-01", item="WM-01", on=D(2027, 1, 1), by=CLERK, at=at(2027, 1, 1)
    )
    assert next_year.entry("E-6").points == 10


def test_every_bad_score_is_reported_at_once_and_nothing_is_recorded() -> None:
    book = recorded(ledger(), "E-1")
    scores: list[Any] = [
        Score(entry_id="E-1", account="H-01", item="JS-01", on=D(2026, 1, 5)),
        Score(entry_id="E-2", account="H-01", item="ZZ", on=D(2026, 1, 5)),
        "E-3",
        Score(entry_id="E-4", account="H-01", item="GB-01", on=D(2026, 1, 5)),
        Score(entry_id="E-4", account="H-02", item="JS-01", on=D(2026, 1, 9)),
    ]
    with pytest.raises(ValidationError) as caught:
        book.record_many(scores, by=CLERK, at=at(2026, 1, 8))
    assert type(caught.value) is ValidationError
    assert caught.value.paths == (
        "scores[0].entry_id",
        "scores[1].item",
        "scores[2]",
        "scores[3].item",
        "scores[4].entry_id",
        "scores[4].on",
    )
    assert "H-01 is a household account; GB-01 scores cadres" in str(caught.value)
    with pytest.raises(ValidationError, match="give at least one score"):
        book.record_many([], by=CLERK, at=at(2026, 1, 8))
    assert book == recorded(ledger(), "E-1")


def test_a_score_checks_its_own_fields() -> None:
    with pytest.raises(ValidationError, match="entry_id"):
        Score(entry_id="", account="H", item="JS-01", on=D(2026, 1, 1))
    with pytest.raises(ValidationError, match="on"):
        Score(entry_id="E", account="H", item="JS-01", on="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="quantity"):
        Score(entry_id="E", account="H", item="JS-01", on=D(2026, 1, 1), quantity=0)
    with pytest.raises(ValidationError, match=r"evidence\[1\]"):
        Score(entry_id="E", account="H", item="JS-01", on=D(2026, 1, 1), evidence=("a", " "))


# -- base points -------------------------------------------------------------------------


def test_base_points_go_by_household_size_once_a_cycle() -> None:
    book = ledger().grant_base(
        {"H-01": 5, "H-02": 3}, on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2)
    )
    assert book.entry("base/H-01/2026").points == 50
    assert book.entry("base/H-02/2026").kind is EntryKind.BASE
    assert isinstance(book.history[-1], BaseGranted)
    with pytest.raises(RuleBookError, match="H-01 already has its base points for 2026"):
        book.grant_base({"H-01": 5}, on=D(2026, 6, 1), by=CLERK, at=at(2026, 6, 1))
    next_year = book.grant_base({"H-01": 6}, on=D(2027, 1, 4), by=CLERK, at=at(2027, 1, 4))
    assert next_year.entry("base/H-01/2027").points == 60


def test_a_base_grant_taken_back_can_be_made_again() -> None:
    book = ledger().grant_base({"H-01": 5}, on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2))
    book = book.reject(["base/H-01/2026"], reason="人口数有误", by=CLERK, at=at(2026, 1, 3))
    again = book.grant_base({"H-01": 4}, on=D(2026, 1, 3), by=CLERK, at=at(2026, 1, 3))
    assert again.entry("base/H-01/2026#2").points == 40
    ids = ["base/H-01/2026#2"]
    again = again.approve(ids, by=CLERK, at=at(2026, 1, 3)).post(ids, by=CLERK, at=at(2026, 1, 3))
    again = again.finalise(ids, by=CLERK, at=at(2026, 1, 10))
    reversed_ = again.reverse(ids[0], reversal_id="R", reason="迁出", by=CLERK, at=at(2026, 2, 1))
    third = reversed_.grant_base({"H-01": 3}, on=D(2026, 2, 1), by=CLERK, at=at(2026, 2, 1))
    assert third.entry("base/H-01/2026#3").points == 30


def test_base_points_are_refused_for_cadres_empty_households_and_bad_dates() -> None:
    book = ledger().record(
        entry_id="C", account="C-1", item="GB-01", on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2)
    )
    with pytest.raises(ValidationError) as caught:
        book.grant_base({"C-1": 1, "H-1": 1}, on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2))
    assert caught.value.paths == ("members['C-1']",)
    with pytest.raises(ValidationError) as caught:
        book.grant_base({"H-1": 0}, on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2))
    assert caught.value.paths == ("grant_base.members['H-1']",)
    with pytest.raises(ValidationError, match="after today"):
        book.grant_base({"H-1": 1}, on=D(2026, 1, 3), by=CLERK, at=at(2026, 1, 2))
    with pytest.raises(ValidationError, match=r"pendulum\.Date"):
        book.grant_base({"H-1": 1}, on="2026-01-02", by=CLERK, at=at(2026, 1, 2))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="at least one household"):
        book.grant_base({}, on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2))
    no_base = ledger(attrs.evolve(LOUDI_RULE_BOOK, base=None))
    with pytest.raises(RuleBookError, match="grants no base points"):
        no_base.grant_base({"H-1": 1}, on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2))


# -- review, posting, objections ---------------------------------------------------------


def test_an_entry_goes_recorded_reviewed_posted_final() -> None:
    book = posted("E-1")
    assert book.state_of("E-1") is EntryState.POSTED
    assert book.objection_closes("E-1") == at(2026, 1, 11).end_of("day")
    done = book.finalise(["E-1"], by=CLERK, at=at(2026, 1, 12))
    assert done.state_of("E-1") is EntryState.FINAL
    assert done.balances(as_of=at(2026, 1, 12)) == {"H-01": 2}
    assert done.balances(as_of=at(2026, 1, 11, 23, 59)) == {}


def test_posting_an_entry_that_was_not_reviewed_is_refused() -> None:
    book = recorded(ledger(), "E-1", "E-2").approve(["E-1"], by=CLERK, at=at(2026, 1, 6))
    with pytest.raises(InvalidTransition, match="PointsEntry E-2 is 'recorded'") as caught:
        book.post(["E-1", "E-2"], by=CLERK, at=at(2026, 1, 7))
    assert caught.value.entity_id == "E-2"
    with pytest.raises(InvalidTransition, match="which allows only: post"):
        book.approve(["E-1"], by=CLERK, at=at(2026, 1, 7))


def test_finalising_during_the_objection_window_is_refused_up_to_its_last_instant() -> None:
    book = posted("E-1")
    for t in (at(2026, 1, 11, 23, 59), at(2026, 1, 11).end_of("day")):  # day 5
        with pytest.raises(
            ObjectionWindowError, match="still in its posting or objection window"
        ) as caught:
            book.finalise(["E-1"], by=CLERK, at=t)
        assert caught.value.entry_id == "E-1"
    assert (
        book.finalise(["E-1"], by=CLERK, at=at(2026, 1, 12)).state_of("E-1") is EntryState.FINAL
    )  # day 6


def test_the_longer_of_posting_period_and_objection_window_decides_finality() -> None:
    from jiceng import CalendarDays, Source, TimeLimit

    week = TimeLimit(rule=CalendarDays(7), source=Source("公示七日 (example)"))
    book = posted("E-1", item="JS-01")
    longer = recorded(ledger(attrs.evolve(LOUDI_RULE_BOOK, posting=week)), "E-1")
    longer = longer.approve(["E-1"], by=CLERK, at=at(2026, 1, 6)).post(
        ["E-1"], by=CLERK, at=at(2026, 1, 6)
    )
    assert book.finalise(["E-1"], by=CLERK, at=at(2026, 1, 12)).state_of("E-1") is EntryState.FINAL
    with pytest.raises(ObjectionWindowError):
        longer.finalise(["E-1"], by=CLERK, at=at(2026, 1, 12))
    with pytest.raises(ObjectionWindowError, match="objection window of entry E-1 closed"):
        longer.object_to("E-1", objection="不实", by=VILLAGER, at=at(2026, 1, 12))


def test_an_objection_is_allowed_on_the_last_day_of_the_window_but_not_after() -> None:
    book = posted("E-1")
    late = book.object_to("E-1", objection="不实", by=VILLAGER, at=at(2026, 1, 11, 23, 59))
    assert late.state_of("E-1") is EntryState.OBJECTED
    with pytest.raises(ObjectionWindowError, match="closed at 2026-01-11 23:59:59"):
        book.object_to("E-1", objection="不实", by=VILLAGER, at=at(2026, 1, 12))


def test_an_upheld_objection_reverses_the_entry_before_it_ever_counts() -> None:
    book = posted("E-1").object_to("E-1", objection="没有参加", by=VILLAGER, at=at(2026, 1, 7))
    with pytest.raises(InvalidTransition):
        book.finalise(["E-1"], by=CLERK, at=at(2026, 1, 12))
    upheld = book.uphold("E-1", reason="核实未参加", by=CLERK, at=at(2026, 1, 8))
    assert upheld.state_of("E-1") is EntryState.REVERSED
    assert isinstance(upheld.history[-1], ObjectionUpheld)
    assert upheld.balances(as_of=at(2026, 2, 1)) == {}
    assert upheld.balances_including_pending(as_of=at(2026, 1, 7)) == {"H-01": 2}
    assert upheld.balances_including_pending(as_of=at(2026, 1, 8)) == {"H-01": 0}


def test_a_dismissed_objection_makes_the_entry_final_at_once() -> None:
    book = posted("E-1").object_to("E-1", objection="没有参加", by=VILLAGER, at=at(2026, 1, 7))
    dismissed = book.dismiss("E-1", reason="有照片为证", by=CLERK, at=at(2026, 1, 8))
    assert dismissed.state_of("E-1") is EntryState.FINAL
    assert isinstance(dismissed.history[-1], ObjectionDismissed)
    assert dismissed.balances(as_of=at(2026, 1, 8)) == {"H-01": 2}


def test_a_rejected_entry_never_counts() -> None:
    book = recorded(ledger(), "E-1").reject(["E-1"], reason="无据", by=CLERK, at=at(2026, 1, 7))
    assert book.state_of("E-1") is EntryState.REJECTED
    assert isinstance(book.history[-1], Rejected)
    assert book.entry_ids(EntryState.REJECTED) == ("E-1",)
    assert book.balances_including_pending(as_of=at(2026, 1, 8)) == {"H-01": 0}


def test_entry_ids_must_be_a_list_of_known_distinct_ids() -> None:
    book = recorded(ledger(), "E-1")
    t = at(2026, 1, 7)
    with pytest.raises(
        ValidationError, match="expected tuple or list or frozenset or set of items, got str"
    ):
        book.approve("E-1", by=CLERK, at=t)
    with pytest.raises(ValidationError, match="at least one entry"):
        book.approve([], by=CLERK, at=t)
    with pytest.raises(ValidationError, match="must not name the same item twice"):
        book.approve(["E-1", "E-1"], by=CLERK, at=t)
    with pytest.raises(NotFoundError, match="no entry 'E-9'"):
        book.approve(["E-9"], by=CLERK, at=t)
    with pytest.raises(NotFoundError):
        book.entry("E-9")
    with pytest.raises(NotFoundError):
        book.state_of("E-9")
    with pytest.raises(ValidationError, match="reason"):
        book.reject(["E-1"], reason="", by=CLERK, at=t)
    with pytest.raises(ValidationError, match="reason"):
        book.uphold("E-1", reason="", by=CLERK, at=t)
    with pytest.raises(ValidationError, match="reason"):
        book.dismiss("E-1", reason="", by=CLERK, at=t)
    with pytest.raises(ValidationError, match="objection"):
        book.object_to("E-1", objection=" ", by=VILLAGER, at=t)
    with pytest.raises(ValidationError, match="aware"):
        book.post(["E-1"], by=CLERK, at=pendulum.naive(2026, 1, 7))


# -- corrections ---------------------------------------------------------------------------


def test_a_reversal_entry_takes_back_a_final_entry_and_reversing_twice_is_refused() -> None:
    book = final(ledger(CARRY_OVER), "E-1", quantity=4)
    t = at(2026, 2, 1)
    before = book.balance("H-01", as_of=t)
    reversed_ = book.reverse("E-1", reversal_id="R-1", reason="登记错误", by=CLERK, at=t)
    reversal = reversed_.entry("R-1")
    assert (reversal.kind, reversal.points, reversal.reverses, reversal.on) == (
        EntryKind.REVERSAL,
        -8,
        "E-1",
        D(2026, 2, 1),
    )
    assert reversed_.state_of("E-1") is EntryState.REVERSED
    assert reversed_.state_of("R-1") is EntryState.FINAL
    assert isinstance(reversed_.history[-1], Reversed)
    assert reversed_.balance("H-01", as_of=t) == before - 8 == 0
    assert reversed_.balance("H-01", as_of=t.subtract(seconds=1)) == before  # as of before it
    with pytest.raises(InvalidTransition, match=r"'reversed'.*which allows no further command"):
        reversed_.reverse("E-1", reversal_id="R-2", reason="again", by=CLERK, at=t)
    with pytest.raises(ValidationError, match="'E-1' is already used"):
        book.reverse("E-1", reversal_id="E-1", reason="x", by=CLERK, at=t)
    # a reversal is an entry like any other: it can itself be reversed, once
    restored = reversed_.reverse("R-1", reversal_id="R-2", reason="冲正有误", by=CLERK, at=t)
    assert restored.balance("H-01", as_of=t) == before


def test_only_final_entries_are_reversed() -> None:
    with pytest.raises(InvalidTransition, match="'posted'"):
        posted("E-1").reverse("E-1", reversal_id="R", reason="x", by=CLERK, at=at(2026, 1, 7))


# -- redemption ------------------------------------------------------------------------------


def fangzheng(bonus: int, penalty: int = 0) -> PointsLedger:
    """A 方正县 ledger: 100 base points, `bonus` more and `penalty` fewer, final by
    2026-01-20."""
    book = ledger(FANGZHENG_RULE_BOOK).grant_base(
        {"H-01": 4}, on=D(2026, 1, 5), by=CLERK, at=at(2026, 1, 5)
    )
    ids = ["base/H-01/2026-Q1"]
    for entry_id, item, points in (("B", "JF-01", bonus), ("P", "KF-01", penalty)):
        if points:
            book = book.record(
                entry_id=entry_id,
                account="H-01",
                item=item,
                quantity=points // abs(FANGZHENG_RULE_BOOK.item(item).points),
                on=D(2026, 1, 5),
                by=CLERK,
                at=at(2026, 1, 5),
            )
            ids.append(entry_id)
    book = book.approve(ids, by=CLERK, at=at(2026, 1, 5)).post(ids, by=CLERK, at=at(2026, 1, 5))
    return book.finalise(ids, by=CLERK, at=at(2026, 1, 20))


def test_a_household_with_60_points_or_more_may_redeem_and_spend_below_60() -> None:
    book = fangzheng(20)  # 120 points, floor 60
    t = at(2026, 1, 21)
    assert book.balance("H-01", as_of=t) == 120
    spent = book.redeem(entry_id="X-1", account="H-01", product="YG", by=CLERK, at=t)
    assert spent.balance("H-01", as_of=t) == 60
    assert spent.entry("X-1").points == -60
    assert spent.state_of("X-1") is EntryState.FINAL
    assert isinstance(spent.history[-1], Redeemed)
    again = spent.redeem(entry_id="X-2", account="H-01", product="ZJ", by=CLERK, at=t)
    assert again.balance("H-01", as_of=t) == 10
    two = book.redeem(entry_id="X-1", account="H-01", product="YG", quantity=2, by=CLERK, at=t)
    assert two.balance("H-01", as_of=t) == 0


def test_a_household_with_fewer_than_60_points_cannot_redeem() -> None:
    book = fangzheng(0, penalty=50)  # 50 points: enough for tissues, not enough to redeem
    t = at(2026, 1, 21)
    assert book.balance("H-01", as_of=t) == 50
    with pytest.raises(
        InsufficientPoints, match="H-01 has 50 points; an account needs at least 60 to redeem"
    ) as refused:
        book.redeem(entry_id="X", account="H-01", product="ZJ", by=CLERK, at=t)
    assert refused.value.errors[0].path == "account"
    spent = fangzheng(20).redeem(entry_id="X-1", account="H-01", product="YG", by=CLERK, at=t)
    spent = spent.redeem(entry_id="X-2", account="H-01", product="ZJ", by=CLERK, at=t)
    with pytest.raises(InsufficientPoints, match="has 10 points; an account needs at least 60"):
        spent.redeem(entry_id="X-3", account="H-01", product="ZJ", by=CLERK, at=t)
    assert spent.balance("H-01", as_of=t) == 10


def test_a_redemption_cannot_take_a_balance_below_zero() -> None:
    book = fangzheng(20)  # 120 points, floor 60
    t = at(2026, 1, 21)
    with pytest.raises(InsufficientPoints, match="has 120 points; 3 × ZJ costs 150") as refused:
        book.redeem(entry_id="X", account="H-01", product="ZJ", quantity=3, by=CLERK, at=t)
    assert refused.value.errors[0].path == "quantity"
    shop = attrs.evolve(CARRY_OVER, catalogue=(Product(code="ZJ", name="纸巾", price=3),))
    book = final(ledger(shop), "E-1")  # 2 points
    t = at(2026, 2, 1)
    with pytest.raises(InsufficientPoints, match="H-01 has 2 points; 1 × ZJ costs 3"):
        book.redeem(entry_id="X", account="H-01", product="ZJ", by=CLERK, at=t)
    richer = final(book, "E-2")
    assert (
        richer.redeem(entry_id="X", account="H-01", product="ZJ", by=CLERK, at=t).balance(
            "H-01", as_of=t
        )
        == 1
    )


def test_pending_points_cannot_be_redeemed() -> None:
    book = ledger(FANGZHENG_RULE_BOOK).grant_base(
        {"H-01": 4}, on=D(2026, 1, 5), by=CLERK, at=at(2026, 1, 5)
    )
    with pytest.raises(InsufficientPoints, match="has 0 points"):
        book.redeem(entry_id="X", account="H-01", product="ZJ", by=CLERK, at=at(2026, 1, 6))


def test_bad_redemptions_are_refused() -> None:
    book = fangzheng(0)
    t = at(2026, 1, 21)
    with pytest.raises(RuleBookError, match="no product 'XX'; it lists: ZJ, YG"):
        book.redeem(entry_id="X", account="H-01", product="XX", by=CLERK, at=t)
    with pytest.raises(ValidationError, match="quantity"):
        book.redeem(entry_id="X", account="H-01", product="ZJ", quantity=0, by=CLERK, at=t)
    with pytest.raises(ValidationError, match="already used"):
        book.redeem(entry_id="base/H-01/2026-Q1", account="H-01", product="ZJ", by=CLERK, at=t)
    with pytest.raises(ValidationError, match="account"):
        book.redeem(entry_id="X", account="", product="ZJ", by=CLERK, at=t)


def test_a_balance_resets_at_the_end_of_a_cycle_or_carries_over() -> None:
    reset = fangzheng(20)
    april = at(2026, 4, 1)
    assert reset.balances(as_of=at(2026, 3, 31, 23, 59)) == {"H-01": 120}
    assert reset.balances(as_of=april) == {}
    with pytest.raises(InsufficientPoints, match="has 0 points"):
        reset.redeem(entry_id="X", account="H-01", product="ZJ", by=CLERK, at=april)
    carried = fangzheng_carrying_over()
    assert carried.balances(as_of=april) == {"H-01": 120}
    spent = carried.redeem(entry_id="X", account="H-01", product="ZJ", by=CLERK, at=april)
    assert spent.balance("H-01", as_of=april) == 70


def fangzheng_carrying_over() -> PointsLedger:
    book = ledger(attrs.evolve(FANGZHENG_RULE_BOOK, cycle_end=CycleEnd.CARRY_OVER))
    book = book.grant_base({"H-01": 4}, on=D(2026, 1, 5), by=CLERK, at=at(2026, 1, 5))
    book = book.record(
        entry_id="B",
        account="H-01",
        item="JF-01",
        quantity=4,
        on=D(2026, 1, 5),
        by=CLERK,
        at=at(2026, 1, 5),
    )
    ids = ["base/H-01/2026-Q1", "B"]
    book = book.approve(ids, by=CLERK, at=at(2026, 1, 5)).post(ids, by=CLERK, at=at(2026, 1, 5))
    return book.finalise(ids, by=CLERK, at=at(2026, 1, 20))


def test_balances_before_any_rule_book_are_empty_and_need_an_aware_instant() -> None:
    book = ledger()
    assert book.balances(as_of=at(2025, 12, 31)) == {}
    with pytest.raises(ValidationError, match="as_of"):
        book.balances(as_of=pendulum.naive(2026, 1, 1))


# -- cycles, dividends, rankings -------------------------------------------------------------


def test_a_cycle_closes_only_once_it_is_over_and_settled() -> None:
    book = final(ledger(), "E-1")
    with pytest.raises(CycleError, match="2026 runs until 2026-12-31"):
        book.close_cycle(YEAR_2026, by=CLERK, at=at(2026, 12, 31, 23, 59))
    closed = book.close_cycle(YEAR_2026, by=CLERK, at=at(2027, 1, 1))
    assert closed.is_closed(YEAR_2026)
    with pytest.raises(CycleError, match="closed already"):
        closed.close_cycle(YEAR_2026, by=CLERK, at=at(2027, 1, 2))
    with pytest.raises(CycleError, match="the cycle of 2026-12-31 is closed"):
        closed.record(
            entry_id="E-2",
            account="H-01",
            item="JS-01",
            on=D(2026, 12, 31),
            by=CLERK,
            at=at(2027, 1, 2),
        )
    with pytest.raises(CycleError, match="the cycle 2026 is closed"):
        closed.grant_base({"H-9": 1}, on=D(2026, 12, 31), by=CLERK, at=at(2027, 1, 2))
    pending = recorded(ledger(), "E-1")
    with pytest.raises(CycleError, match="1 entries dated in 2026 are still pending"):
        pending.close_cycle(YEAR_2026, by=CLERK, at=at(2027, 1, 1))
    with pytest.raises(CycleError, match="not a cycle of"):
        book.close_cycle(Cycle.MONTH.period(D(2026, 1, 1)), by=CLERK, at=at(2027, 1, 1))
    with pytest.raises(ValidationError, match="expected Period"):
        book.close_cycle("2026", by=CLERK, at=at(2027, 1, 1))  # type: ignore[arg-type]


def test_cycle_points_count_what_was_earned_not_what_was_spent() -> None:
    shop = attrs.evolve(LOUDI_RULE_BOOK, catalogue=(Product(code="ZJ", name="纸巾", price=5),))
    book = final(final(ledger(shop), "E-1", quantity=5), "C-1", account="C-1", item="GB-02")
    t = book.last_changed
    book = book.redeem(entry_id="X", account="H-01", product="ZJ", by=CLERK, at=t)
    assert book.balances(as_of=t) == {"H-01": 5, "C-1": 3}
    assert book.cycle_points(YEAR_2026) == {"H-01": 10}
    assert book.cycle_points(YEAR_2026, audience=Audience.CADRE) == {"C-1": 3}
    assert book.cycle_points(YEAR_2026, as_of=at(2026, 1, 5)) == {}
    assert book.cycle_points(Cycle.YEAR.period(D(2027, 1, 1))) == {}
    with pytest.raises(CycleError, match="not a cycle"):
        book.cycle_points(Cycle.MONTH.period(D(2026, 1, 1)))


def test_a_dividend_needs_a_closed_cycle_and_adds_up_to_the_pool() -> None:
    book = final(final(ledger(), "E-1", quantity=2), "E-2", account="H-02")
    with pytest.raises(CycleError, match="is not closed"):
        book.dividend(YEAR_2026, Decimal("100.00"))
    closed = book.close_cycle(YEAR_2026, by=CLERK, at=at(2027, 1, 1))
    assert closed.dividend(YEAR_2026, Decimal("100.00")) == {
        "H-01": Decimal("66.67"),
        "H-02": Decimal("33.33"),
    }
    with pytest.raises(ValidationError, match="must be at least 0"):
        closed.dividend(YEAR_2026, Decimal("-1.00"))


def test_rankings_use_the_rule_book_of_the_cycle() -> None:
    book = final(
        final(ledger(), "E-1", quantity=45),
        "E-2",
        account="H-02",
        item="KF-01",
        evidence=("photo",),
    )
    board = book.rankings(YEAR_2026)
    assert [(s.account, s.stars) for s in board.standings] == [("H-01", 4), ("H-02", 0)]
    assert (board.red_list, board.black_list) == (("H-01",), ("H-02",))


def test_a_wound_up_ledger_refuses_every_command() -> None:
    book = ledger().wind_up(reason="村庄合并", by=CLERK, at=at(2026, 3, 1))
    assert book.state is LedgerState.WOUND_UP
    with pytest.raises(InvalidTransition, match="'wound_up'"):
        book.record(
            entry_id="E", account="H", item="JS-01", on=D(2026, 3, 1), by=CLERK, at=at(2026, 3, 1)
        )


# -- the log, replay, serialisation ------------------------------------------------------------


def test_an_older_ledger_value_is_untouched_by_commands_on_a_newer_one() -> None:
    base = recorded(ledger(), "E-1")
    approved = base.approve(["E-1"], by=CLERK, at=at(2026, 1, 7))
    rejected = base.reject(["E-1"], reason="无据", by=CLERK, at=at(2026, 1, 7))  # a fork
    assert base.state_of("E-1") is EntryState.RECORDED
    assert approved.state_of("E-1") is EntryState.REVIEWED
    assert rejected.state_of("E-1") is EntryState.REJECTED
    assert approved.post(["E-1"], by=CLERK, at=at(2026, 1, 8)).state_of("E-1") is EntryState.POSTED
    assert replay(approved.history) == approved


def test_a_ledger_round_trips_through_json() -> None:
    book = final(ledger(), "E-1").grant_base(
        {"H-02": 2}, on=D(2026, 1, 20), by=CLERK, at=at(2026, 1, 20)
    )
    document = json.loads(json.dumps(to_dict(book)))
    assert document["type"] == "points.ledger"
    back = from_dict(document, PointsLedger)
    assert back == book
    assert back.balances(as_of=at(2026, 2, 1)) == book.balances(as_of=at(2026, 2, 1))


def test_the_tables_draw_themselves() -> None:
    assert "posted --> final: 公示无异议, 生效" in ENTRY.mermaid("zh")
    assert "final --> reversed: 冲正" in ENTRY.mermaid("zh")
    assert set(ENTRY.commands) <= set(LEDGER.commands)
    with pytest.raises(ValidationError, match="expected WorkCalendar"):
        PointsLedger.open(id="L", name="n", calendar="cn", by=CLERK, at=at(2026, 1, 1))  # type: ignore[arg-type]


# -- random walks and properties ---------------------------------------------------------------

SHOP = attrs.evolve(LOUDI_RULE_BOOK, catalogue=(Product(code="ZJ", name="纸巾", price=3),))
IDS = ["E-0", "E-1", "E-2", "E-3", "base/H-1/2026", "R-1", "X-1", "E-9"]
ACCOUNTS = ["H-1", "H-2", "C-1"]


def _when(book: PointsLedger) -> st.SearchStrategy[pendulum.DateTime]:
    last = book.last_changed
    forward = st.integers(0, 86_400 * 9).map(lambda s: last.add(seconds=s))
    backward = st.integers(1, 86_400).map(lambda s: last.subtract(seconds=s))
    return st.one_of(forward, forward, forward, forward, backward)


_NEEDS = {
    "approve": EntryState.RECORDED,
    "reject": EntryState.RECORDED,
    "post": EntryState.REVIEWED,
    "finalise": EntryState.POSTED,
    "object_to": EntryState.POSTED,
    "uphold": EntryState.OBJECTED,
    "dismiss": EntryState.OBJECTED,
    "reverse": EntryState.FINAL,
}


def _ids(book: PointsLedger, name: str, data: st.DataObject) -> st.SearchStrategy[str]:
    """Mostly ids of entries in the state the command needs, sometimes any id."""
    ready = book.entry_ids(_NEEDS[name])
    anything = st.sampled_from(IDS)
    return (
        st.one_of(st.sampled_from(ready), st.sampled_from(ready), anything) if ready else anything
    )


def _batch(name: str) -> Command[PointsLedger]:
    def run(book: PointsLedger, data: st.DataObject) -> PointsLedger:
        method: Callable[..., PointsLedger] = getattr(book, name)
        extra = {"reason": "理由"} if name == "reject" else {}
        ids = data.draw(st.lists(_ids(book, name, data), min_size=1, max_size=3, unique=True))
        return method(ids, by=CLERK, at=data.draw(_when(book)), **extra)

    return run


def _one(name: str) -> Command[PointsLedger]:
    def run(book: PointsLedger, data: st.DataObject) -> PointsLedger:
        method: Callable[..., PointsLedger] = getattr(book, name)
        extra = {"objection": "不实"} if name == "object_to" else {"reason": "理由"}
        entry_id = data.draw(_ids(book, name, data))
        return method(entry_id, by=VILLAGER, at=data.draw(_when(book)), **extra)

    return run


def _record(book: PointsLedger, data: st.DataObject) -> PointsLedger:
    t = data.draw(_when(book))
    return book.record(
        entry_id=data.draw(st.sampled_from(IDS)),
        account=data.draw(st.sampled_from(ACCOUNTS)),
        item=data.draw(st.sampled_from(["JS-01", "WM-01", "KF-01", "GB-01", "ZZ"])),
        evidence=data.draw(st.sampled_from([(), ("photo",)])),
        on=t.date().subtract(days=data.draw(st.integers(0, 3))),
        by=CLERK,
        at=t,
    )


def _grant_base(book: PointsLedger, data: st.DataObject) -> PointsLedger:
    t = data.draw(_when(book))
    members = {data.draw(st.sampled_from(ACCOUNTS)): data.draw(st.integers(0, 4))}
    return book.grant_base(members, on=t.date(), by=CLERK, at=t)


def _reverse(book: PointsLedger, data: st.DataObject) -> PointsLedger:
    return book.reverse(
        data.draw(_ids(book, "reverse", data)),
        reversal_id=data.draw(st.sampled_from(IDS)),
        reason="冲正",
        by=CLERK,
        at=data.draw(_when(book)),
    )


def _redeem(book: PointsLedger, data: st.DataObject) -> PointsLedger:
    return book.redeem(
        entry_id=data.draw(st.sampled_from(IDS)),
        account=data.draw(st.sampled_from(ACCOUNTS)),
        product="ZJ",
        by=CLERK,
        at=data.draw(_when(book)),
    )


def _close_cycle(book: PointsLedger, data: st.DataObject) -> PointsLedger:
    return book.close_cycle(YEAR_2026, by=CLERK, at=data.draw(_when(book)))


def _put_in_force(book: PointsLedger, data: st.DataObject) -> PointsLedger:
    v2 = attrs.evolve(SHOP, version=2)
    return book.put_in_force(
        adopted(v2, D(2027, 1, 1), id="A-2"), by=CLERK, at=data.draw(_when(book))
    )


COMMANDS: dict[str, Command[PointsLedger]] = {
    "put_in_force": _put_in_force,
    "record": _record,
    "grant_base": _grant_base,
    "approve": _batch("approve"),
    "reject": _batch("reject"),
    "post": _batch("post"),
    "finalise": _batch("finalise"),
    "object_to": _one("object_to"),
    "uphold": _one("uphold"),
    "dismiss": _one("dismiss"),
    "reverse": _reverse,
    "redeem": _redeem,
    "close_cycle": _close_cycle,
    "wind_up": lambda book, data: book.wind_up(  # mostly refused, so that walks go on
        reason=data.draw(st.sampled_from(["", "", "", "停"])), by=CLERK, at=data.draw(_when(book))
    ),
}


def _start(rule_book: RuleBook) -> PointsLedger:
    """A ledger late in 2026 with one entry recorded, one posted and one final."""
    opened = PointsLedger.open(id="W", name="积分", by=CLERK, at=at(2025, 12, 1))
    book = opened.put_in_force(adopted(rule_book), by=CLERK, at=at(2025, 12, 11))
    t = at(2026, 12, 10)
    scores = [
        Score(entry_id=i, account="H-1", item="JS-01", on=t.date(), quantity=3) for i in IDS[:3]
    ]
    book = book.record_many(scores, by=CLERK, at=t).approve(["E-1", "E-2"], by=CLERK, at=t)
    book = book.post(["E-2"], by=CLERK, at=t).finalise(["E-2"], by=CLERK, at=t.add(days=6))
    return book.post(["E-1"], by=CLERK, at=t.add(days=6))


def oracle(book: PointsLedger, as_of: pendulum.DateTime, *, pending: bool) -> dict[str, int]:
    """Balances straight from the history: each entry's points, over the time it counts."""
    entries: dict[str, Entry] = {}
    recorded_at: dict[str, pendulum.DateTime] = {}
    final_at: dict[str, pendulum.DateTime] = {}
    withdrawn_at: dict[str, pendulum.DateTime] = {}
    for event in book.history:
        match event:
            case Recorded(entries=new) | BaseGranted(entries=new):
                entries.update((e.id, e) for e in new)
                recorded_at.update((e.id, event.at) for e in new)
            case Finalised(entry_ids=ids):
                final_at.update(dict.fromkeys(ids, event.at))
            case ObjectionDismissed(entry_id=entry_id):
                final_at[entry_id] = event.at
            case Rejected(entry_ids=ids):
                withdrawn_at.update(dict.fromkeys(ids, event.at))
            case ObjectionUpheld(entry_id=entry_id):
                withdrawn_at[entry_id] = event.at
            case Reversed(reversal=entry) | Redeemed(entry=entry):
                entries[entry.id] = entry
                recorded_at[entry.id] = final_at[entry.id] = event.at
    day = as_of.in_timezone("Asia/Shanghai").date()
    rule_book = book.rule_book(day)
    window = rule_book.cycle.period(day) if rule_book.cycle_end is CycleEnd.RESET else None
    totals: dict[str, int] = {}
    for entry_id, start in (recorded_at if pending else final_at).items():
        entry = entries[entry_id]
        if start <= as_of and (window is None or entry.on in window):
            gone = entry_id in withdrawn_at and withdrawn_at[entry_id] <= as_of
            totals[entry.account] = totals.get(entry.account, 0) + (0 if gone else entry.points)
    return totals


@pytest.mark.parametrize(
    "rule_book",
    [
        SHOP,
        attrs.evolve(SHOP, cycle_end=CycleEnd.CARRY_OVER),
        attrs.evolve(SHOP, bonus_cap=30, redemption_floor=4),
    ],
)
@given(data=st.data())
def test_random_walks_keep_replay_and_balances_equal_the_sum_of_final_entries(
    rule_book: RuleBook, data: st.DataObject
) -> None:
    book = random_walk(data, _start(rule_book), COMMANDS, steps=25)
    for event in book.history[2:]:
        for as_of in (event.at, event.at.subtract(microseconds=1)):
            assert book.balances(as_of=as_of) == oracle(book, as_of, pending=False)
            assert book.balances_including_pending(as_of=as_of) == oracle(book, as_of, pending=True)


@given(data=st.data())
def test_reversing_a_final_entry_restores_the_balance(data: st.DataObject) -> None:
    book = _start(attrs.evolve(SHOP, cycle_end=CycleEnd.CARRY_OVER))
    book = random_walk(data, book, {k: v for k, v in COMMANDS.items() if k != "wind_up"}, steps=15)
    finals = book.entry_ids(EntryState.FINAL)
    if not finals:
        return
    target = book.entry(data.draw(st.sampled_from(finals)))
    t = book.last_changed
    before = book.balances(as_of=t)
    after = book.reverse(target.id, reversal_id="R-9", reason="冲正", by=CLERK, at=t).balances(
        as_of=t
    )
    # under a rule book that resets, an account may have no balance yet in the cycle of today
    assert after.get(target.account, 0) == before.get(target.account, 0) - target.points
    assert {a: p for a, p in after.items() if a != target.account} == {
        a: p for a, p in before.items() if a != target.account
    }


def test_someone_other_than_a_clerk_may_record() -> None:
    grid = Actor.role("grid-3", "网格员")
    book = ledger().record(
        entry_id="E", account="H", item="JS-01", on=D(2026, 1, 1), by=grid, at=at(2026, 1, 1)
    )
    assert book.history[-1].by == grid


# -- the boundary: every argument checked before any rule runs ---------------------------------


def test_record_refuses_a_quantity_of_a_billion() -> None:
    book = ledger()
    with pytest.raises(ValidationError) as caught:
        book.record(
            entry_id="E",
            account="H",
            item="JS-01",
            quantity=10**9,
            on=D(2026, 1, 5),
            by=CLERK,
            at=at(2026, 1, 6),
        )
    assert caught.value.paths == ("record.quantity",)
    assert replay(book.history) == book
    assert book == ledger()


@pytest.mark.parametrize(("quantity", "ok"), [(1, True), (1_000, True), (0, False), (1_001, False)])
def test_an_entry_counts_its_item_one_to_a_thousand_times(quantity: int, ok: bool) -> None:
    book = ledger()

    def record() -> PointsLedger:
        return book.record(
            entry_id="E",
            account="H",
            item="JS-01",
            quantity=quantity,
            on=D(2026, 1, 5),
            by=CLERK,
            at=at(2026, 1, 6),
        )

    if ok:
        assert record().entry("E").points == 2 * quantity
        return
    with pytest.raises(ValidationError) as caught:
        record()
    assert caught.value.paths == ("record.quantity",)
    assert book == ledger()


def test_record_refuses_evidence_given_as_one_string() -> None:
    book = ledger()
    with pytest.raises(ValidationError) as caught:
        book.record(
            entry_id="E",
            account="H",
            item="KF-01",
            evidence="photo-7",
            on=D(2026, 1, 5),
            by=CLERK,
            at=at(2026, 1, 6),
        )
    assert caught.value.paths == ("record.evidence",)
    assert book == ledger()


def test_record_many_refuses_a_naive_instant_and_an_actor_given_as_its_id() -> None:
    book = ledger()
    scores = [Score(entry_id="E", account="H", item="JS-01", on=D(2026, 1, 5))]
    with pytest.raises(ValidationError) as caught:
        book.record_many(scores, by="p-1", at=pendulum.naive(2026, 1, 6))  # type: ignore[arg-type]
    assert caught.value.paths == ("record_many.by", "record_many.at")
    assert replay(book.history) == book
    assert book == ledger()


def test_record_many_reads_scores_from_an_iterator_once() -> None:
    scores = (Score(entry_id=f"E-{n}", account="H", item="JS-01", on=D(2026, 1, 5)) for n in (1, 2))
    book = ledger().record_many(scores, by=CLERK, at=at(2026, 1, 6))
    assert book.entry_ids(EntryState.RECORDED) == ("E-1", "E-2")


def test_grant_base_refuses_a_number_of_members_given_as_a_string() -> None:
    book = ledger()
    with pytest.raises(ValidationError) as caught:
        book.grant_base({"a": "100"}, on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2))  # type: ignore[dict-item]
    assert caught.value.paths == ("grant_base.members['a']",)
    assert replay(book.history) == book
    assert book == ledger()


@pytest.mark.parametrize(("members", "ok"), [(1, True), (100, True), (0, False), (101, False)])
def test_base_points_go_to_households_of_one_to_a_hundred_members(members: int, ok: bool) -> None:
    book = ledger()

    def grant() -> PointsLedger:
        return book.grant_base({"H-01": members}, on=D(2026, 1, 2), by=CLERK, at=at(2026, 1, 2))

    if ok:
        assert grant().entry("base/H-01/2026").points == 10 * members
        return
    with pytest.raises(ValidationError) as caught:
        grant()
    assert caught.value.paths == ("grant_base.members['H-01']",)
    assert book == ledger()


@pytest.mark.parametrize(("quantity", "ok"), [(1_000, True), (1_001, False)])
def test_a_redemption_takes_one_to_a_thousand_of_a_product(quantity: int, ok: bool) -> None:
    book = fangzheng(20)
    before = fangzheng(20)

    def redeem() -> PointsLedger:
        return book.redeem(
            entry_id="X",
            account="H-01",
            product="ZJ",
            quantity=quantity,
            by=CLERK,
            at=at(2026, 1, 21),
        )

    if ok:  # the argument passes; the rule then refuses a price above the balance
        with pytest.raises(InsufficientPoints, match="1000 × ZJ costs 50000"):
            redeem()
    else:
        with pytest.raises(ValidationError) as caught:
            redeem()
        assert caught.value.paths == ("redeem.quantity",)
    assert replay(book.history) == book
    assert book == before


def test_approve_refuses_an_entry_named_twice() -> None:
    book = recorded(ledger(), "E-1")
    with pytest.raises(ValidationError) as caught:
        book.approve(["E-1", "E-1"], by=CLERK, at=at(2026, 1, 7))
    assert caught.value.paths == ("approve.entry_ids",)
    assert book == recorded(ledger(), "E-1")


def test_a_dividend_refuses_a_pool_with_three_decimal_places() -> None:
    book = final(ledger(), "E-1").close_cycle(YEAR_2026, by=CLERK, at=at(2027, 1, 1))
    with pytest.raises(ValidationError) as caught:
        book.dividend(YEAR_2026, Decimal("100.005"))
    assert caught.value.paths == ("dividend.pool",)
    assert replay(book.history) == book


def test_reading_a_balance_refuses_a_naive_instant_naming_the_query() -> None:
    book = ledger()
    with pytest.raises(ValidationError) as caught:
        book.balance("H-01", as_of=pendulum.naive(2026, 1, 1))
    assert caught.value.paths == ("balances.as_of",)
    with pytest.raises(ValidationError) as caught:
        book.rule_book(at(2026, 1, 1))
    assert caught.value.paths == ("rule_book.on",)


def test_a_score_counts_its_item_one_to_a_thousand_times_with_a_tuple_of_evidence() -> None:
    score = Score(entry_id="E", account="H", item="JS-01", on=D(2026, 1, 1), quantity=1_000)
    assert score.quantity == 1_000
    with pytest.raises(ValidationError) as caught:
        Score(entry_id="E", account="H", item="JS-01", on=D(2026, 1, 1), quantity=1_001)
    assert caught.value.paths == ("quantity",)
    with pytest.raises(ValidationError) as caught:
        Score(entry_id="E", account="H", item="JS-01", on=D(2026, 1, 1), evidence=["a"])  # type: ignore[arg-type]
    assert caught.value.paths == ("evidence",)
