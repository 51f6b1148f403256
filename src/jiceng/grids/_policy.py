"""Policies for grid events: categories (事项分类), departments and SLAs (办理时限).

All plain data, carried by each grid event from its report on, so that a history replays
on its own. An area builds its `GridEventPolicy` from a code scheme, a category tree, its
departments and an SLA policy; `GENERAL_CATEGORIES` and `JULU_SLA` are built-in defaults.
"""

from __future__ import annotations

from typing import Any

import attrs

from jiceng import (
    CalendarDays,
    EndOfDay,
    ExtensionLimit,
    Hours,
    Label,
    Labelled,
    Source,
    TimeLimit,
    WeekendCalendar,
    WorkCalendar,
    WorkingDays,
)
from jiceng.checks import flag, instance_of, items, member, optional, text
from jiceng.exceptions import FieldError, NotFoundError, ValidationError
from jiceng.grids._codes import CodeScheme

__all__ = [
    "GENERAL_CATEGORIES",
    "JULU_SLA",
    "ApprovedChange",
    "CategoryClass",
    "CategoryItem",
    "CategoryTree",
    "Channel",
    "Department",
    "GridEventPolicy",
    "Priority",
    "SlaPolicy",
    "SlaRule",
]


class Priority(Labelled):
    """How urgent a grid event is (紧急程度)."""

    EMERGENCY = "emergency", "紧急", "Emergency"
    URGENT = "urgent", "较急", "Urgent"
    NORMAL = "normal", "一般", "Normal"


class Channel(Labelled):
    """How a grid event came in (信息来源)."""

    PATROL = "patrol", "网格巡查", "Patrol"
    RESIDENT = "resident", "群众反映", "Resident"
    VIDEO = "video", "视频监控", "Video"
    SUPERIOR = "superior", "上级交办", "Superior"
    MEETING = "meeting", "会议收集", "Raised at a meeting"
    """Raised by residents at a meeting, e.g. a 屋场会 (娄底, seed 004: 以村为单位建立问题台账)."""


@attrs.frozen(kw_only=True)
class CategoryItem:
    """An item of the category tree (事项), e.g. 下水道堵塞; the SLA and evidence follow it."""

    code: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    evidence_required: bool = attrs.field(default=True, validator=flag())


@attrs.frozen(kw_only=True)
class CategoryClass:
    """A class of items (事项大类), e.g. 城市管理."""

    code: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    items: tuple[CategoryItem, ...] = attrs.field(validator=items(instance_of(CategoryItem)))


@attrs.frozen(kw_only=True)
class CategoryTree:
    """The categories grid members patrol for (巡查事项清单): classes and their items.

    滨州条例 第10条: the grid body "编制网格服务管理事项清单，向社会公示并动态调整".
    巨鹿 patrols 4 classes / 22 items (seed 003).
    """

    name: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    classes: tuple[CategoryClass, ...] = attrs.field(validator=items(instance_of(CategoryClass)))
    source: Source = attrs.field(validator=instance_of(Source))

    _items: dict[str, tuple[CategoryClass, CategoryItem]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        items: dict[str, tuple[CategoryClass, CategoryItem]] = {}
        codes = [c.code for c in self.classes]
        errors = []
        for i, cls in enumerate(self.classes):
            for j, item in enumerate(cls.items):
                if item.code in items or item.code in codes:
                    errors.append(FieldError(f"classes[{i}].items[{j}].code", "is used twice"))
                items[item.code] = (cls, item)
        errors += [
            FieldError(f"classes[{i}].code", "is used twice")
            for i, code in enumerate(codes)
            if codes.index(code) != i
        ]
        if errors:
            raise ValidationError(errors, subject="category tree")
        object.__setattr__(self, "_items", items)

    def __contains__(self, code: object) -> bool:
        return code in self._items

    def item(self, code: str) -> CategoryItem:
        """The item with `code`; `NotFoundError` naming the tree if there is none."""
        return self._lookup(code)[1]

    def class_of(self, code: str) -> CategoryClass:
        """The class the item `code` belongs to."""
        return self._lookup(code)[0]

    def _lookup(self, code: str) -> tuple[CategoryClass, CategoryItem]:
        try:
            return self._items[code]
        except KeyError:
            raise NotFoundError(
                f"unknown category {code!r}: the category tree {self.name!r} has no such item"
            ) from None

    @property
    def item_count(self) -> int:
        """How many items the tree has (22 in 巨鹿)."""
        return len(self._items)


@attrs.frozen(kw_only=True)
class Department:
    """A department that grid events are dispatched to (职能部门), by its id."""

    id: str = attrs.field(validator=text())
    name: str = attrs.field(validator=text())


@attrs.frozen(kw_only=True)
class SlaRule:
    """A time limit for events of a category (an item or a class code) and a priority.

    `None` matches any; the most specific rule wins (item before class before any,
    and a priority match before any priority at each step).
    """

    limit: TimeLimit = attrs.field(validator=instance_of(TimeLimit))
    category: str | None = attrs.field(default=None, validator=optional(text()))
    priority: Priority | None = attrs.field(default=None, validator=optional(member(Priority)))


def _check_rules(instance: Any, attribute: Any, rules: tuple[SlaRule, ...]) -> None:
    keys = [(r.category, r.priority) for r in rules]
    errors = [
        FieldError(f"rules[{i}]", "repeats the category and priority of an earlier rule")
        for i, key in enumerate(keys)
        if keys.index(key) != i
    ]
    if (None, None) not in keys:
        errors.append(
            FieldError("rules", "needs a default rule (no category, no priority) for every event")
        )
    if errors:
        raise ValidationError(errors, subject="SLA policy")


@attrs.frozen(kw_only=True)
class SlaPolicy:
    """Time limits (办理时限) for grid events, and for departments to report when summoned.

    The clock of an event starts when it is dispatched; `summons` is the time a summoned
    department has to report (报到, "网格吹哨、部门报到"). `calendar` counts working days.
    """

    name: str = attrs.field(validator=text())
    rules: tuple[SlaRule, ...] = attrs.field(validator=[items(instance_of(SlaRule)), _check_rules])
    summons: TimeLimit = attrs.field(validator=instance_of(TimeLimit))
    calendar: WorkCalendar = attrs.field(
        factory=WeekendCalendar, validator=instance_of(WorkCalendar)
    )

    _limits: dict[tuple[str | None, Priority | None], TimeLimit] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        limits = {(r.category, r.priority): r.limit for r in self.rules}
        object.__setattr__(self, "_limits", limits)

    def limit_for(
        self, item: str | None, category_class: str | None, priority: Priority | None
    ) -> TimeLimit:
        """The time limit of the most specific rule for an item, its class and a priority."""
        rules = self._limits
        for category in (item, category_class, None):
            for wanted in (priority, None):
                found = rules.get((category, wanted))
                if found is not None:
                    return found
        raise AssertionError("unreachable: the default rule always matches")  # pragma: no cover


class ApprovedChange(Labelled):
    """The changes of a grid event that need a superior's approval (数字化城市管理: 回退、
    作废、延期、缓办 须经审批); each value is the command that makes the change. 回退 is how
    an event is reassigned: the department hands it back and it is dispatched again."""

    VOID = "void", "作废", "Void"
    SEND_BACK = "send_back", "回退", "Send back"
    EXTEND = "extend", "延期", "Extend"
    DEFER = "defer", "缓办", "Defer"


@attrs.frozen(kw_only=True)
class GridEventPolicy:
    """Everything a grid event follows: codes, categories, departments and time limits.

    `two_step` lists the changes that need a superior's approval in two steps: the
    caseworker's `request_change`, then another person's `approve_request` (or
    `refuse_request`), each an event. The changes it does not list are done in one call
    with `approved_by=` (the default: every change in one call).
    """

    name: str = attrs.field(validator=text())
    scheme: CodeScheme = attrs.field(validator=instance_of(CodeScheme))
    categories: CategoryTree = attrs.field(validator=instance_of(CategoryTree))
    departments: tuple[Department, ...] = attrs.field(validator=items(instance_of(Department)))
    sla: SlaPolicy = attrs.field(validator=instance_of(SlaPolicy))
    two_step: tuple[ApprovedChange, ...] = attrs.field(
        default=(), validator=items(member(ApprovedChange), unique=True)
    )

    # Asked on every dispatch: the department ids, and each item and priority's limit.
    _department_ids: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    _limits: dict[tuple[str, Priority], TimeLimit] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        ids = [d.id for d in self.departments]
        errors = [
            FieldError(f"departments[{i}].id", "is used twice")
            for i, id in enumerate(ids)
            if ids.index(id) != i
        ]
        known = {c.code for c in self.categories.classes}
        known |= {i.code for c in self.categories.classes for i in c.items}
        errors += [
            FieldError(f"sla.rules[{i}].category", f"{r.category!r} is not in the category tree")
            for i, r in enumerate(self.sla.rules)
            if r.category is not None and r.category not in known
        ]
        if errors:
            raise ValidationError(errors, subject="grid event policy")
        object.__setattr__(self, "_department_ids", frozenset(ids))

    def department(self, id: str) -> Department:
        """The department with `id`; `NotFoundError` if the policy has none."""
        for department in self.departments:
            if department.id == id:
                return department
        known = ", ".join(d.id for d in self.departments)
        raise NotFoundError(f"unknown department {id!r}; known: {known}")

    def has_department(self, id: str) -> bool:
        """Whether `id` names one of the policy's departments."""
        return id in self._department_ids

    def limit_for(self, item: str, priority: Priority) -> TimeLimit:
        """The time limit for an event of category item `item` and `priority`."""
        limit = self._limits.get((item, priority))
        if limit is None:
            category_class = self.categories.class_of(item).code
            limit = self._limits[item, priority] = self.sla.limit_for(
                item, category_class, priority
            )
        return limit


def _items(*pairs: tuple[str, str, str]) -> tuple[CategoryItem, ...]:
    return tuple(CategoryItem(code=c, label=Label(zh, en)) for c, zh, en in pairs)


_INQUIRIES = (
    CategoryItem(code="policy-inquiry", label=Label("政策咨询", "Policy inquiry"),
                 evidence_required=False),
    CategoryItem(code="farming-inquiry", label=Label("种养技术咨询", "Farming inquiry"),
                 evidence_required=False),
)  # fmt: skip

GENERAL_CATEGORIES = CategoryTree(
    name="general",
    label=Label("通用网格事项", "General grid items"),
    classes=(
        CategoryClass(
            code="safety",
            label=Label("安全隐患", "Safety hazards"),
            items=_items(
                ("outbreak", "疫情及突发情况", "Outbreak or emergency"),
                ("fire-hazard", "消防隐患", "Fire hazard"),
                ("gas-hazard", "燃气隐患", "Gas hazard"),
                ("building-hazard", "房屋安全隐患", "Unsafe building"),
            ),
        ),
        CategoryClass(
            code="order",
            label=Label("社会治理", "Social order"),
            items=_items(
                ("dispute", "矛盾纠纷", "Dispute"),
                ("public-order", "治安隐患", "Public order"),
                ("key-person", "重点人员动态", "Key person"),
            ),
        ),
        CategoryClass(
            code="city",
            label=Label("城市管理", "City management"),
            items=_items(
                ("drain", "下水道堵塞", "Blocked drain"),
                ("manhole", "井盖缺失", "Missing manhole cover"),
                ("road", "道路破损", "Damaged road"),
                ("litter", "垃圾堆放", "Dumped rubbish"),
                ("lighting", "路灯故障", "Street light out"),
            ),
        ),
        CategoryClass(
            code="livelihood",
            label=Label("民生服务", "Livelihood"),
            items=(
                *_INQUIRIES,
                *_items(
                    ("assistance", "困难救助", "Hardship assistance"),
                    ("water-supply", "供水问题", "Water supply"),
                ),
            ),
        ),
    ),
    source=Source(
        "jiceng default (illustrative; 巨鹿 patrols 4 classes / 22 items, seed 003)",
        "围绕社会治理、改善民生等4类22个具体事项进行日常巡查",
    ),
)
"""An illustrative category tree of 4 classes and 16 items. Replace it with the area's own
事项清单 (滨州条例 第10条); seed 003 gives 巨鹿's counts (4 / 22), not its item names."""

_JULU_PLATFORM = "巨鹿县“巨好办”平台 (seed 003, practice)"

JULU_SLA = SlaPolicy(
    name="julu",
    rules=(
        SlaRule(
            priority=Priority.EMERGENCY,
            limit=TimeLimit(
                rule=Hours(2),
                source=Source(_JULU_PLATFORM, "疫情及突发情况等，两小时内解决"),
                label=Label("紧急事件", "Emergency"),
                pausable=True,
            ),
        ),
        *(
            SlaRule(
                category=item.code,
                limit=TimeLimit(
                    rule=EndOfDay(),
                    source=Source(_JULU_PLATFORM, "群众咨询政策、种养技术等当天办结"),
                    label=Label("咨询", "Inquiry"),
                ),
            )
            for item in _INQUIRIES
        ),
        SlaRule(
            limit=TimeLimit(
                rule=WorkingDays(5),
                source=Source("jiceng default (configurable; no source sets it)"),
                label=Label("一般事件", "Ordinary event"),
                pausable=True,
                extension=ExtensionLimit(
                    max_count=1,
                    max_total=WorkingDays(5),
                    source=Source("jiceng default (configurable): 延期须经批准，限一次"),
                ),
            ),
        ),
    ),
    summons=TimeLimit(
        rule=CalendarDays(1),
        source=Source(
            "jiceng default (configurable); 北京市街道办事处条例(2019) 第5条 sets no time",
            "街乡吹哨、部门报到",
        ),
        label=Label("部门报到", "Department reports"),
    ),
)
"""巨鹿's time limits (seed 003): emergencies within 2 hours, inquiries the same day.
Other events: 5 working days, extendable once by up to 5 (a configurable default); a
summoned department reports by the end of the next day (a configurable default)."""
