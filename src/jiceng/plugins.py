"""Plugins (插件): how a county, a city or a vendor extends jiceng without forking it.

A plugin has a name, a version and its `Contributions`: named values of the kinds the
workflows take as policies (calendars, grid code schemes, category trees, SLA policies,
petition and ticket policies, monitoring cycles, mediation policies, points rule books,
meeting kinds, procedures, assessment schemes) and transition hooks (guards, listeners).

A `Registry` is a value: building one (or `register`, which returns a new one) checks
each plugin's contributions (their types, the machines and meeting kinds they refer to,
names claimed twice) and raises `PluginError` naming every plugin involved; nothing is
global. `default_registry()` holds jiceng's built-in presets, the local systems of the
seed articles. `discover()` loads plugins from the entry-point group ``jiceng.plugins``
when asked to, never on import: in name order, with allow and block lists, and a plugin
that fails to load is reported with its error while the others load.

The machinery lives in a private module below `jiceng.presets` (the presets are plugins
built with it); this module is its public face, above the presets.
"""

from __future__ import annotations

import functools

from jiceng._plugins import (
    ENTRY_POINT_GROUP,
    Contributions,
    Discovery,
    LoadFailure,
    Plugin,
    PluginError,
    PluginSpec,
    Registry,
    discover,
)
from jiceng.presets import PRESETS

__all__ = [
    "ENTRY_POINT_GROUP",
    "Contributions",
    "Discovery",
    "LoadFailure",
    "Plugin",
    "PluginError",
    "PluginSpec",
    "Registry",
    "default_registry",
    "discover",
]


@functools.cache
def default_registry() -> Registry:
    """A registry of jiceng's built-in presets (the seed systems), without entry points."""
    return Registry(PRESETS)
