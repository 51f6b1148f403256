"""Community service lists (社区服务清单): the services a community offers, by kind.

迁安市香巴拉社区 (seed 003): "目前已梳理出包含主动服务、可直接办结服务、审核转报、代办服务在内的
社区服务清单91项". The kind says how a request is handled: 主动服务 is offered without being
asked (home visits to residents who cannot come); 直接办结 is settled at the window (or by
the grid member on the spot); 审核转报 is checked and forwarded to the deciding
department; 代办服务 is done on the resident's behalf (代跑, 代理).

A `ServiceList` is plain data. `category_classes` turns it into classes of a
`CategoryTree`, one per kind, so that service requests run as grid events classified by
their service item.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from jiceng import Label, Labelled, Source
from jiceng.checks import instance_of, items, member, optional, text
from jiceng.exceptions import FieldError, NotFoundError
from jiceng.grids._coded_lists import coded_list
from jiceng.grids._policy import CategoryClass, CategoryItem

__all__ = ["ServiceItem", "ServiceKind", "ServiceList"]


class ServiceKind(Labelled):
    """How a listed service is delivered (服务类型), 香巴拉社区's four kinds (seed 003)."""

    PROACTIVE = "proactive", "主动服务", "Proactive service"
    DIRECT = "direct", "直接办结", "Settled directly"
    REVIEW_AND_FORWARD = "review_and_forward", "审核转报", "Checked and forwarded"
    PROXY = "proxy", "代办服务", "Done on the resident's behalf"


@attrs.frozen(kw_only=True)
class ServiceItem:
    """One listed service (服务事项): its code, name and kind.

    `department` names who decides an item that is forwarded (审核转报) or on whose behalf
    it is done (代办), when the list says.
    """

    code: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    kind: ServiceKind = attrs.field(validator=member(ServiceKind))
    department: str | None = attrs.field(default=None, validator=optional(text()))


def _kind_codes(items: Sequence[ServiceItem]) -> list[FieldError]:
    kinds = {k.value for k in ServiceKind}
    return [
        FieldError(f"items[{n}].code", "is the code of a service kind")
        for n, item in enumerate(items)
        if item.code in kinds
    ]


@attrs.frozen(kw_only=True)
class ServiceList:
    """A community's service list (社区服务清单): items, each of one `ServiceKind`.

    >>> services = ServiceList(
    ...     name="demo",
    ...     label=Label("社区服务清单", "Service list"),
    ...     items=(
    ...         ServiceItem(code="visit", label=Label("上门服务", "Home visit"),
    ...                     kind=ServiceKind.PROACTIVE),
    ...         ServiceItem(code="proof", label=Label("开具证明", "Certificate"),
    ...                     kind=ServiceKind.DIRECT),
    ...     ),
    ...     source=Source("example"),
    ... )
    >>> len(services), services.counts()[ServiceKind.DIRECT], services.item("visit").kind.zh
    (2, 1, '主动服务')
    """

    name: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    items: tuple[ServiceItem, ...] = attrs.field(
        validator=[
            items(instance_of(ServiceItem)),
            coded_list(
                "items",
                empty="a service list needs at least one item",
                subject="service list",
                also=_kind_codes,
            ),
        ]
    )
    source: Source = attrs.field(validator=instance_of(Source))

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, code: object) -> bool:
        return any(i.code == code for i in self.items)

    def item(self, code: str) -> ServiceItem:
        """The item with `code`; `NotFoundError` naming the list if there is none."""
        for item in self.items:
            if item.code == code:
                return item
        raise NotFoundError(f"the service list {self.name!r} has no item {code!r}")

    def of_kind(self, kind: ServiceKind) -> tuple[ServiceItem, ...]:
        """The items of one kind, in list order."""
        return tuple(i for i in self.items if i.kind is kind)

    def counts(self) -> dict[ServiceKind, int]:
        """How many items of each kind, every kind listed (0 for a kind with none)."""
        return {kind: len(self.of_kind(kind)) for kind in ServiceKind}

    def category_classes(self, *, evidence_required: bool = True) -> tuple[CategoryClass, ...]:
        """One category class per kind that has items (code: the kind's value), for a
        `CategoryTree` under which service requests run as grid events."""
        return tuple(
            CategoryClass(
                code=kind.value,
                label=Label(kind.zh, kind.en),
                items=tuple(
                    CategoryItem(code=i.code, label=i.label, evidence_required=evidence_required)
                    for i in items
                ),
            )
            for kind in ServiceKind
            if (items := self.of_kind(kind))
        )
