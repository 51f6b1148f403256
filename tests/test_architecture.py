"""The shape of the package: rooms of bounded size, arrows that only point down, narrow faces.

Read from the source with `ast`, so a new module is covered without editing this file.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pathlib
from collections.abc import Iterator

import pytest

from jiceng import Event

SRC = pathlib.Path(__file__).parent.parent / "src"
PACKAGE = SRC / "jiceng"
DOMAINS = ("grids", "petitions", "mediation", "points", "decisions")
MAX_LINES = 700
MAX_FACE = 40

# Who may import whom: a module imports only from its own layer or the ones below.
# The kernel (with the errors, checks and rates it exposes) is at the bottom; the five
# domains stand beside each other on it and never import each other. The plugin machinery
# is below the presets, which are plugins; the registry of built-ins (`jiceng.plugins`)
# and the documents that refer to its policies (`jiceng.serde`) are above them.
_LAYERS: dict[str, int] = {
    "jiceng": 0,
    "jiceng._kernel": 0,
    "jiceng.exceptions": 0,
    "jiceng.checks": 0,
    "jiceng.metrics": 0,
    **{f"jiceng.{domain}": 1 for domain in DOMAINS},
    "jiceng.testing": 2,
    "jiceng._plugins": 2,
    "jiceng.presets": 3,
    "jiceng.plugins": 4,
    "jiceng.serde": 4,
    "jiceng.sim": 5,
    "jiceng.__main__": 6,
}


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(tree: ast.AST, module: str) -> Iterator[str]:
    """The modules of the package that `module` imports, wherever the import stands.

    Imports inside functions and those for type checkers only count too: each is an
    arrow a reader follows.
    """
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            names = [f"{base}.{alias.name}" for alias in node.names]
            names = [n if n in MODULES else base for n in names]
        else:
            continue
        yield from (n for n in names if n in MODULES and n != module)


GRAPH = {name: set(_imports(ast.parse(path.read_text()), name)) for name, path in MODULES.items()}


def _layer(module: str) -> tuple[int, str]:
    """The layer of `module` and the room (a domain or a top module) it belongs to."""
    parts = module.split(".")
    for size in (2, 1):
        room = ".".join(parts[:size])
        if room in _LAYERS:
            return _LAYERS[room], room
    raise AssertionError(f"{module} belongs to no layer: add its room to _LAYERS")


def test_no_module_is_over_the_size_limit() -> None:
    sizes = {name: len(path.read_text().splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_imports_form_no_circle() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(GRAPH[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert circles == []


def test_imports_only_point_down_and_domains_do_not_import_each_other() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        layer, room = _layer(module)
        for target in targets:
            target_layer, target_room = _layer(target)
            if target_layer > layer or (target_layer == layer == 1 and target_room != room):
                wrong.append(f"{module} -> {target}")
    assert sorted(wrong) == []


def test_no_module_inside_a_package_imports_the_package_face() -> None:
    inward = [
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if MODULES[target].name == "__init__.py"
        and module.startswith(f"{target}.")
        and target != "jiceng"
    ]
    assert inward == []


def _public_modules(domain: str) -> dict[str, object]:
    face = f"jiceng.{domain}"
    names = [face] + [
        name
        for name in MODULES
        if name.startswith(f"{face}.") and not name.rpartition(".")[2].startswith("_")
    ]
    return {name: importlib.import_module(name) for name in names}


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_domain_has_a_narrow_face(domain: str) -> None:
    face = importlib.import_module(f"jiceng.{domain}")
    assert len(face.__all__) <= MAX_FACE


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_domains_events_are_in_its_events_module(domain: str) -> None:
    events = importlib.import_module(f"jiceng.{domain}.events")
    listed = {getattr(events, name) for name in events.__all__}
    assert all(inspect.isclass(c) and issubclass(c, Event) for c in listed)
    defined = {
        obj
        for name, module in MODULES.items()
        if name.startswith(f"jiceng.{domain}.")
        for obj in vars(importlib.import_module(name)).values()
        if inspect.isclass(obj)
        and issubclass(obj, Event)
        and obj.__module__ == name
        and not obj.__name__.startswith("_")
    }
    assert defined - listed == set()


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_public_name_of_a_domain_has_one_home(domain: str) -> None:
    homes: dict[str, list[str]] = {}
    for name, module in _public_modules(domain).items():
        for public in getattr(module, "__all__", ()):
            homes.setdefault(public, []).append(name)
    assert {name: where for name, where in homes.items() if len(where) > 1} == {}
