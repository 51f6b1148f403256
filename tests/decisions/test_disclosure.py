from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import replay
from jiceng.decisions import (
    Disclosure,
    DisclosureCategory,
    DisclosureState,
    Implementation,
    ImplementationState,
)
from jiceng.decisions.disclosure import DISCLOSURE, IMPLEMENTATION, MAX_AMOUNT, SHANDONG_DISCLOSURE
from jiceng.exceptions import GuardRejected, NotFoundError, ValidationError
from jiceng.testing import Command, instants, random_walk
from tests.decisions.village import CLERK, COMMITTEE, actor, round_trip

POSTED = pendulum.datetime(2026, 5, 12, 9, tz="Asia/Shanghai")


def notice(
    category: DisclosureCategory = DisclosureCategory.DECISION, refers_to: str = "M-1"
) -> Disclosure:
    return Disclosure.post(
        id="N-1",
        category=category,
        refers_to=refers_to,
        subject="庭院经济项目决议",
        content="赞成 9 票，通过",
        by=COMMITTEE,
        at=POSTED,
    )


def day(n: int, hour: int = 9) -> pendulum.DateTime:
    """The n-th day after posting, at `hour`."""
    return POSTED.add(days=n).set(hour=hour)


def test_a_notice_taken_down_on_the_5th_day_after_posting_is_refused() -> None:
    with pytest.raises(GuardRejected, match=r"full period: 公开期 .*5日"):
        notice().complete(by=CLERK, at=day(5, 23))


def test_a_notice_taken_down_on_the_6th_day_after_posting_is_allowed() -> None:
    done = notice().complete(by=CLERK, at=day(6, 0))
    assert done.state is DisclosureState.COMPLETED


def test_an_objection_on_the_5th_day_is_taken_and_on_the_6th_refused() -> None:
    objected = notice().object("O1", text="花苗分配不公", by=actor("v01"), at=day(5, 22))
    assert objected.objections[0].received == day(5, 22)
    with pytest.raises(GuardRejected, match="objection window closed"):
        notice().object("O1", text="迟了", by=actor("v01"), at=day(6, 0))
    with pytest.raises(GuardRejected, match="already been made"):
        objected.object("O1", text="again", by=actor("v01"), at=day(5, 23))


def test_objections_are_answered_once_and_before_the_notice_comes_down() -> None:
    objected = notice().object("O1", text="?", by=actor("v01"), at=day(1))
    with pytest.raises(GuardRejected, match="objections not yet answered: O1"):
        objected.complete(by=CLERK, at=day(7))
    with pytest.raises(GuardRejected, match="no objection O9"):
        objected.answer("O9", text="!", by=COMMITTEE, at=day(2))
    answered = objected.answer("O1", text="按户均分", by=COMMITTEE, at=day(2))
    with pytest.raises(GuardRejected, match="already been answered"):
        answered.answer("O1", text="!", by=COMMITTEE, at=day(3))
    assert answered.complete(by=CLERK, at=day(7)).is_final


def test_a_reply_after_5_days_from_receipt_is_late() -> None:
    objected = notice().object("O1", text="?", by=actor("v01"), at=day(1))
    assert objected.late_replies(day(6, 23)) == ()
    assert objected.late_replies(day(7)) == ("O1",)
    on_time = objected.answer("O1", text="!", by=COMMITTEE, at=day(6, 23))
    assert on_time.late_replies(day(30)) == ()
    late = objected.answer("O1", text="!", by=COMMITTEE, at=day(7))
    assert late.late_replies(day(7)) == ("O1",)
    assert str(late.reply_deadline("O1").due) == "2026-05-18 23:59:59.999999+08:00"
    with pytest.raises(NotFoundError):
        late.reply_deadline("O2")


def test_an_implementation_result_is_disclosed_in_a_result_notice_about_it() -> None:
    work = Implementation.start(
        id="I-1", decision="M-1/M1", title="种植紫藤", by=COMMITTEE, at=POSTED
    )
    work = work.report("600株花苗到位", by=COMMITTEE, at=day(1))
    done = work.record_result("种植完成", spent=Decimal("1200.50"), by=COMMITTEE, at=day(30))
    with pytest.raises(GuardRejected, match="not a result notice"):
        done.disclose(notice(), by=COMMITTEE, at=day(31))
    with pytest.raises(GuardRejected, match="about M-1, not I-1"):
        done.disclose(notice(DisclosureCategory.RESULT), by=COMMITTEE, at=day(31))
    disclosed = done.disclose(notice(DisclosureCategory.RESULT, "I-1"), by=COMMITTEE, at=day(31))
    assert disclosed.state is ImplementationState.DISCLOSED
    assert (disclosed.spent, disclosed.disclosure, disclosed.progress) == (
        Decimal("1200.50"),
        "N-1",
        ("600株花苗到位",),
    )
    assert round_trip(disclosed) == disclosed


def started() -> Implementation:
    return Implementation.start(id="I", decision="D", title="t", by=COMMITTEE, at=POSTED)


@pytest.mark.parametrize("bad", [1.5, Decimal("1.005"), Decimal("-1"), Decimal("NaN"), 3, "12"])
def test_money_spent_is_a_decimal_to_the_fen(bad: object) -> None:
    work = started()
    with pytest.raises(ValidationError) as caught:
        work.record_result("x", spent=bad, by=COMMITTEE, at=POSTED)  # type: ignore[arg-type]
    assert caught.value.paths == ("record_result.spent",)
    assert work == started()
    assert replay(work.history) == work


def test_money_spent_ranges_from_nothing_to_a_billion_yuan() -> None:
    for spent in (Decimal(0), MAX_AMOUNT, Decimal("0.01")):
        done = started().record_result("x", spent=spent, by=COMMITTEE, at=POSTED)
        assert done.spent == spent
    for bad in (Decimal("-0.01"), MAX_AMOUNT + Decimal("0.01")):
        with pytest.raises(ValidationError) as caught:
            started().record_result("x", spent=bad, by=COMMITTEE, at=POSTED)
        assert caught.value.paths == ("record_result.spent",)
    assert Decimal("1000000000") == MAX_AMOUNT


def test_the_shandong_policy_cites_its_articles() -> None:
    assert (
        str(SHANDONG_DISCLOSURE.period)
        == "公开期 (posting period): 5日 (5 calendar days) — 山东省村务公开条例(2018) 第13条"
    )
    answered = (
        notice()
        .object("O1", text="?", by=actor("v"), at=day(1))
        .answer("O1", text="!", by=COMMITTEE, at=day(2))
    )
    assert round_trip(answered) == answered


def _at(t: st.SearchStrategy[pendulum.DateTime]):  # type: ignore[no-untyped-def]
    def at(data: st.DataObject, entity: Disclosure | Implementation) -> pendulum.DateTime:
        if data.draw(st.integers(0, 9)) == 0:
            return entity.last_changed.subtract(minutes=1)
        return max(data.draw(t), entity.last_changed)

    return at


@given(st.data())
def test_random_walks_over_the_disclosure_machine(data: st.DataObject) -> None:
    at = _at(instants(start=POSTED, days=12))
    oid = st.sampled_from(["O1", "O2"])
    commands: dict[str, Command[Disclosure]] = {
        "object": lambda n, d: n.object(d.draw(oid), text="?", by=actor("v"), at=at(d, n)),
        "answer": lambda n, d: n.answer(d.draw(oid), text="!", by=COMMITTEE, at=at(d, n)),
        "complete": lambda n, d: n.complete(by=CLERK, at=at(d, n)),
    }
    assert set(commands) == set(DISCLOSURE.commands) - {"post"}
    end = random_walk(data, notice(), commands)
    assert replay(end.history) == end


@given(st.data())
def test_random_walks_over_the_implementation_machine(data: st.DataObject) -> None:
    at = _at(instants(start=POSTED, days=60))
    notices = st.sampled_from(
        [notice(), notice(DisclosureCategory.RESULT, "I-1"), notice(DisclosureCategory.RESULT)]
    )
    commands: dict[str, Command[Implementation]] = {
        "report": lambda w, d: w.report("进展", by=COMMITTEE, at=at(d, w)),
        "record_result": lambda w, d: w.record_result("完成", by=COMMITTEE, at=at(d, w)),
        "disclose": lambda w, d: w.disclose(d.draw(notices), by=COMMITTEE, at=at(d, w)),
    }
    assert set(commands) == set(IMPLEMENTATION.commands) - {"start"}
    start = Implementation.start(id="I-1", decision="M-1", title="t", by=COMMITTEE, at=POSTED)
    end = random_walk(data, start, commands)
    assert replay(end.history) == end
