from __future__ import annotations

import pytest

from jiceng import Label, Source
from jiceng.exceptions import NotFoundError, ValidationError
from jiceng.grids import CategoryTree, ServiceItem, ServiceKind, ServiceList


def item(code: str, kind: ServiceKind, zh: str = "事项") -> ServiceItem:
    return ServiceItem(code=code, label=Label(zh, code), kind=kind)


SERVICES = ServiceList(
    name="demo",
    label=Label("社区服务清单", "Service list"),
    items=(
        item("visit", ServiceKind.PROACTIVE, "上门服务"),
        item("proof", ServiceKind.DIRECT, "开具证明"),
        item("dibao", ServiceKind.REVIEW_AND_FORWARD, "低保申请"),
        item("proof-2", ServiceKind.DIRECT, "出具意见"),
    ),
    source=Source("seed 003: 迁安市香巴拉社区"),
)


def test_the_four_kinds_are_those_of_the_xiangbala_list() -> None:
    assert [k.zh for k in ServiceKind] == ["主动服务", "直接办结", "审核转报", "代办服务"]


def test_a_list_counts_its_items_by_kind_every_kind_listed() -> None:
    assert len(SERVICES) == 4
    assert SERVICES.counts() == {
        ServiceKind.PROACTIVE: 1,
        ServiceKind.DIRECT: 2,
        ServiceKind.REVIEW_AND_FORWARD: 1,
        ServiceKind.PROXY: 0,
    }
    assert [i.code for i in SERVICES.of_kind(ServiceKind.DIRECT)] == ["proof", "proof-2"]


def test_items_are_found_by_code() -> None:
    assert "proof" in SERVICES
    assert "nope" not in SERVICES
    assert SERVICES.item("dibao").label.zh == "低保申请"
    with pytest.raises(NotFoundError, match="has no item 'nope'"):
        SERVICES.item("nope")


def test_a_list_becomes_category_classes_one_per_kind_with_items() -> None:
    classes = SERVICES.category_classes(evidence_required=False)
    assert [c.code for c in classes] == ["proactive", "direct", "review_and_forward"]
    tree = CategoryTree(name="t", label=Label("t", "t"), classes=classes, source=Source("x"))
    assert tree.class_of("proof-2").label.zh == "直接办结"
    assert not tree.item("visit").evidence_required
    assert SERVICES.category_classes()[0].items[0].evidence_required


def test_a_list_checks_its_items() -> None:
    with pytest.raises(ValidationError) as caught:
        ServiceList(
            name="bad",
            label=Label("x", "x"),
            items=(
                item("a", ServiceKind.DIRECT),
                item("a", ServiceKind.PROXY),
                item("direct", ServiceKind.DIRECT),
            ),
            source=Source("x"),
        )
    assert [e.path for e in caught.value.errors] == ["items[1].code", "items[2].code"]
    with pytest.raises(ValidationError, match="at least one item"):
        ServiceList(name="empty", label=Label("x", "x"), items=(), source=Source("x"))


def test_a_service_item_refuses_a_kind_given_as_its_string() -> None:
    with pytest.raises(ValidationError, match=r"pass ServiceKind\('direct'\)") as info:
        ServiceItem(code="proof", label=Label("开具证明", "Proof"), kind="direct")  # type: ignore[arg-type]
    assert info.value.paths == ("kind",)


def test_a_service_list_holds_service_items() -> None:
    with pytest.raises(ValidationError) as info:
        ServiceList(name="x", label=Label("x", "x"), items=("visit",), source=Source("x"))  # type: ignore[arg-type]
    assert info.value.paths == ("items[0]",)
