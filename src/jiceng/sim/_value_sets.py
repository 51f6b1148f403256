"""Named sets of rule values that scenarios run on.

A scenario names its values (`values="builtin"`) instead of carrying them, so that it stays
a small, printable, picklable value and switching a whole scenario to another system's
rules is a change of one name. `builtin` uses the workflows' own defaults: `JULU_SLA`
and `GENERAL_CATEGORIES` for grid events, `LOUDI_RULE_BOOK` for points; `loudi` uses the
娄底 preset's.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from jiceng import WeekendCalendar
from jiceng.exceptions import NotFoundError
from jiceng.grids import GENERAL_CATEGORIES, JULU_SLA, CategoryTree, SlaPolicy
from jiceng.plugins import default_registry
from jiceng.points import LOUDI_RULE_BOOK, RuleBook
from jiceng.presets import loudi

__all__ = ["PRESET_ITEM_RATE", "VALUE_SETS", "ValueSet", "preset_value_set", "value_set"]


@attrs.frozen(kw_only=True)
class ValueSet:
    """The rules a scenario runs on, with the behaviour figures that go with them.

    `category_weights` is the relative frequency of each category item of `categories`
    (grid events); `item_rates` the mean number of times an ordinary household earns
    each item of `rule_book` in a month (points). Both are keyed by the codes of their
    own rules, which is why they travel with them.
    """

    name: str
    sla: SlaPolicy
    categories: CategoryTree
    category_weights: tuple[tuple[str, int], ...]
    rule_book: RuleBook
    item_rates: tuple[tuple[str, float], ...]


BUILTIN = ValueSet(
    name="builtin",
    sla=JULU_SLA,
    categories=GENERAL_CATEGORIES,
    category_weights=(
        ("outbreak", 1),
        ("fire-hazard", 4),
        ("gas-hazard", 2),
        ("building-hazard", 2),
        ("dispute", 10),
        ("public-order", 6),
        ("key-person", 5),
        ("drain", 8),
        ("manhole", 3),
        ("road", 8),
        ("litter", 16),
        ("lighting", 6),
        ("policy-inquiry", 12),
        ("farming-inquiry", 4),
        ("assistance", 7),
        ("water-supply", 6),
    ),
    rule_book=LOUDI_RULE_BOOK,
    item_rates=(
        ("JS-01", 0.8),
        ("CY-01", 0.1),
        ("WM-01", 0.02),
        ("AQ-01", 0.3),
        ("ZA-01", 0.05),
        ("TF-01", 0.01),
        ("KF-01", 0.004),
    ),
)
"""The workflows' built-in values: 巨鹿's SLA, the illustrative category tree, the 娄底-style
rule book; the weights and rates are illustrative."""

LOUDI = ValueSet(
    name="loudi",
    # The preset counts working days on the China calendar; a simulated year drains into
    # the next, whose holidays may not be announced yet, so the simulation counts weekends.
    sla=attrs.evolve(loudi.SLA, calendar=WeekendCalendar()),
    categories=loudi.CATEGORIES,
    category_weights=(
        ("policy", 15),
        ("neighbour-dispute", 18),
        ("public-order", 16),
        ("patrol", 18),
        ("epidemic-control", 15),
        ("request", 18),
    ),
    rule_book=loudi.RULE_BOOK,
    item_rates=BUILTIN.item_rates,
)
"""The 娄底 preset's values (seed 004): its SLA, its six grid items and its 积分制 rule book;
the weights and rates are illustrative (the article gives no breakdown of its events), near
even shares so that each item's department carries a like load."""

VALUE_SETS: Mapping[str, ValueSet] = MappingProxyType({BUILTIN.name: BUILTIN, LOUDI.name: LOUDI})
"""Every value set a scenario can name, by name."""


PRESET_ITEM_RATE: Final = 0.1
"""How often an ordinary household earns each item of a preset's rule book in a month, when
the preset gives no figure (no seed does): one month in ten, the same for every item."""


@functools.cache
def preset_value_set(name: str) -> ValueSet | None:
    """The values of the built-in preset `name`, or `None` if it has neither a grid event
    policy nor a rule book to run.

    Its first grid event policy gives the SLA (counted on weekends, as `loudi`'s is) and
    the categories, every item equally frequent; its first rule book gives the points
    rules, every household item earned at `PRESET_ITEM_RATE`. A part the preset lacks
    comes from `builtin`.
    """
    registry = default_registry()
    try:
        found = registry.plugin(name).contributions
    except NotFoundError:
        return None
    policies, books = found.grid_event_policies, found.rule_books
    if not policies and not books:
        return None
    values = BUILTIN
    if policies:
        policy = policies[0]
        values = attrs.evolve(
            values,
            sla=attrs.evolve(policy.sla, calendar=WeekendCalendar()),
            categories=policy.categories,
            category_weights=tuple(
                (item.code, 1) for group in policy.categories.classes for item in group.items
            ),
        )
    if books:
        book = books[0]
        rates = tuple((item.code, PRESET_ITEM_RATE) for item in book.items)
        values = attrs.evolve(values, rule_book=book, item_rates=rates)
    return attrs.evolve(values, name=name)


def value_set(name: str) -> ValueSet:
    """The value set called `name` (a preset's name gives its values, `preset_value_set`);
    `NotFoundError` listing the known ones otherwise."""
    found = VALUE_SETS.get(name) or preset_value_set(name)
    if found is None:
        known = ", ".join(VALUE_SETS)
        raise NotFoundError(
            f"unknown value set {name!r}; known: {known}, or a preset with grids or points"
        )
    return found
