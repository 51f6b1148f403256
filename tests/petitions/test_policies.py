from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

from jiceng import CalendarDays, WorkingDays
from jiceng.exceptions import ValidationError
from jiceng.petitions import (
    BEIJING_2021,
    JINAN_2018,
    REGULATION_2005,
    REGULATION_2022,
    WEIFANG_2021,
    ZHEJIANG_2016,
    PetitionPolicy,
    RepresentativeCap,
    TicketPolicy,
)
from jiceng.serde import from_dict, to_dict


def test_the_2022_regulation_sets_the_national_time_limits() -> None:
    policy = REGULATION_2022
    assert policy.registration.rule == CalendarDays(15)
    assert policy.objection.rule == WorkingDays(5)
    assert policy.handling.rule == CalendarDays(60)
    assert policy.handling.extension is not None
    assert policy.handling.extension.max_total == CalendarDays(30)
    assert policy.handling.extension.max_count is None  # 第34条 bounds the total, not the count
    assert policy.handling.extension.source.text.startswith("情况复杂的，经本机关、单位负责人批准")
    assert policy.accepted_bar_superior_only
    assert (policy.review_request.rule, policy.review.rule) == (CalendarDays(30), CalendarDays(30))
    assert policy.re_review.pausable
    assert not policy.review.pausable
    assert policy.max_representatives(100) == 5


def test_zhejiang_accepts_in_five_working_days_and_handles_in_thirty() -> None:
    assert ZHEJIANG_2016.registration.rule == WorkingDays(5)
    assert ZHEJIANG_2016.handling.rule == CalendarDays(30)
    assert ZHEJIANG_2016.max_representatives(10) == 3
    assert ZHEJIANG_2016.max_representatives(11) == 5


def test_zhejiang_extends_by_up_to_sixty_days_in_all_with_no_count() -> None:
    extension = ZHEJIANG_2016.handling.extension
    assert extension is not None
    assert (extension.max_total, extension.max_count) == (CalendarDays(60), None)
    assert extension.source.text.endswith("但延长期限不得超过六十日。")


def test_the_accepted_bar_quotes_its_article_and_says_where_it_reaches() -> None:
    assert REGULATION_2022.accepted_bar.text.endswith("上级机关、单位不予受理。")
    assert REGULATION_2005.accepted_bar.text.endswith("该上级机关不予受理。")
    assert REGULATION_2005.accepted_bar_superior_only
    assert ZHEJIANG_2016.accepted_bar.text.startswith("信访事项已经受理并且正在办理期限内")
    assert not ZHEJIANG_2016.accepted_bar_superior_only


def test_a_policy_without_a_cap_for_the_group_says_so() -> None:
    capped = attrs.evolve(
        REGULATION_2022, representatives=(RepresentativeCap(limit=3, group_size=9),)
    )
    with pytest.raises(ValidationError, match="has no cap for a group of 10"):
        capped.max_representatives(10)


def test_ticket_policies_reply_in_five_working_days_except_beijing() -> None:
    assert JINAN_2018.reply is not None
    assert WEIFANG_2021.reply is not None
    assert JINAN_2018.reply.rule == WEIFANG_2021.reply.rule == WorkingDays(5)
    assert BEIJING_2021.reply is None


@pytest.mark.parametrize("policy", [REGULATION_2022, REGULATION_2005, ZHEJIANG_2016])
def test_petition_policies_are_plain_data(policy: PetitionPolicy) -> None:
    document = json.loads(json.dumps(to_dict(policy), ensure_ascii=False))
    assert from_dict(document, PetitionPolicy) == policy


@pytest.mark.parametrize("policy", [JINAN_2018, WEIFANG_2021, BEIJING_2021])
def test_ticket_policies_are_plain_data(policy: TicketPolicy) -> None:
    assert from_dict(to_dict(policy), TicketPolicy) == policy


@pytest.mark.parametrize("limit", [1, 5])
def test_a_cap_allows_one_to_five_representatives(limit: int) -> None:
    assert RepresentativeCap(limit=limit).limit == limit


@pytest.mark.parametrize("limit", [0, 6, True])
def test_a_cap_above_the_five_of_article_20_or_below_one_is_refused(limit: Any) -> None:
    with pytest.raises(ValidationError) as info:
        RepresentativeCap(limit=limit)
    assert info.value.paths == ("limit",)


@pytest.mark.parametrize(
    ("size", "allowed"), [(1, True), (100_000, True), (0, False), (100_001, False)]
)
def test_a_cap_covers_a_group_size_from_one_to_100_000(size: int, allowed: bool) -> None:
    if allowed:
        assert RepresentativeCap(limit=3, group_size=size).group_size == size
    else:
        with pytest.raises(ValidationError) as info:
            RepresentativeCap(limit=3, group_size=size)
        assert info.value.paths == ("group_size",)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("name", " "),
        ("handling", CalendarDays(60)),
        ("accepted_bar_superior_only", 1),
        ("representatives", [RepresentativeCap(limit=5)]),
        ("final_bar", "信访工作条例(2022) 第36条第3款"),
    ],
)
def test_a_petition_policy_refuses_a_field_of_another_kind(field: str, bad: Any) -> None:
    with pytest.raises(ValidationError, match=f"invalid PetitionPolicy: {field}:") as info:
        attrs.evolve(REGULATION_2022, **{field: bad})
    assert info.value.paths == (field,)
