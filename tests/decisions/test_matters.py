from __future__ import annotations

import pytest

from jiceng import Label, Source
from jiceng.decisions import Matter
from jiceng.decisions.kinds import (
    ART_24_MATTERS,
    PUBLIC_WELFARE,
    RESIDENTS_CONVENTION,
    VILLAGE_RULES,
    Delegation,
    authority_problem,
)
from jiceng.exceptions import ValidationError
from tests.decisions.village import round_trip


def test_article_24_lists_nine_matters_each_with_its_item() -> None:
    assert len(ART_24_MATTERS) == 9
    assert ART_24_MATTERS[2] is PUBLIC_WELFARE
    assert PUBLIC_WELFARE.source.citation == "村民委员会组织法(2018) 第24条第1款第3项"


def test_an_article_24_matter_needs_the_assembly_or_its_delegate() -> None:
    assert authority_problem("villagers_assembly", PUBLIC_WELFARE, None) is None
    delegation = Delegation(decision="M-0/D1", matters={PUBLIC_WELFARE})
    assert authority_problem("villager_representatives", PUBLIC_WELFARE, delegation) is None
    refused = authority_problem("villager_representatives", PUBLIC_WELFARE, None)
    assert refused is not None
    assert "授权" in refused
    refused = authority_problem("two_committees", PUBLIC_WELFARE, delegation)
    assert refused == (
        "本村公益事业的兴办和筹资筹劳方案及建设承包方案 can only be decided by 村民会议 "
        "(村民委员会组织法(2018) 第24条第1款第3项)"
    )


def test_the_village_rules_are_for_the_assembly_alone() -> None:
    delegation = Delegation(decision="M-0/D1", matters={VILLAGE_RULES})
    assert authority_problem("villager_representatives", VILLAGE_RULES, delegation) is not None
    assert authority_problem("residents_assembly", RESIDENTS_CONVENTION, None) is None


def test_matters_and_delegations_are_checked() -> None:
    with pytest.raises(ValidationError, match="a body that decides"):
        Matter(code="x", label=Label("x", "x"), source=Source("x"), decided_by=())
    with pytest.raises(ValidationError, match="decision: must not be empty"):
        Delegation(decision=" ", matters=())
    custom = Matter(code="x", label=Label("x", "x"), source=Source("x"), decided_by={"referendum"})
    assert authority_problem("deliberation", custom, None) == "x can only be decided by 公投会 (x)"
    plugin = Matter(code="y", label=Label("y", "y"), source=Source("y"), decided_by={"local_kind"})
    assert "local_kind" in (authority_problem("deliberation", plugin, None) or "")


def test_matters_survive_serialisation() -> None:
    delegation = Delegation(decision="M-0/D1", matters=ART_24_MATTERS)
    assert round_trip(delegation) == delegation


def test_a_matter_names_the_kinds_that_decide_it_as_names() -> None:
    with pytest.raises(ValidationError, match="got str 'referendum'") as caught:
        Matter(code="x", label=Label("x", "x"), source=Source("x"), decided_by="referendum")
    assert caught.value.paths == ("decided_by",)


def test_a_delegation_covers_matters() -> None:
    with pytest.raises(ValidationError) as caught:
        Delegation(decision="M-0/D1", matters={"vcl-24-3"})  # type: ignore[arg-type]
    assert [p.startswith("matters[") for p in caught.value.paths] == [True]
