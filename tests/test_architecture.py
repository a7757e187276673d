"""The layers of kodeks, as the table in "Working on kodeks" (DEVELOPING.md) gives them: each
module imports only from its own layer or the ones below, at module level and inside functions
alike, and no set of modules imports each other in a circle."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import kodeks

PACKAGE = Path(kodeks.__file__).resolve().parent
MANUAL = PACKAGE.parents[1] / "DEVELOPING.md"


def layers() -> list[set[str]]:
    """Each row of the manual's layer table: the modules it names (a package by its name)."""
    text = MANUAL.read_text(encoding="utf-8")
    table = text[text.index("| layer | modules | what it is |") :].split("\n\n", 1)[0]
    found = []
    for row in table.splitlines()[2:]:
        modules = re.sub(r"\([^)]*\)", "", row.split("|")[2])
        found.append({name.rstrip("/") for name in re.findall(r"`([\w/]+)`", modules)})
    return found


LAYERS = layers()


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    return next(index for index, names in enumerate(LAYERS) if top in names)


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports_of(path: Path) -> list[str]:
    """Every module of kodeks ``path`` imports, at module level or inside a function."""
    name = module_name(path)
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = ".".join([*base, node.module] if node.module else base)
            found += [target] if target else [alias.name for alias in node.names]
    return found


def test_the_manual_names_every_module_in_one_layer() -> None:
    named = [name for layer in LAYERS for name in layer]
    assert len(named) == len(set(named))
    for path in MODULES:
        assert module_name(path).split(".")[0] in named, module_name(path)


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_a_module_imports_only_from_its_layer_or_below(path: Path) -> None:
    name = module_name(path)
    for imported in imports_of(path):
        assert layer_of(imported) <= layer_of(name), f"{name} imports {imported}"


def test_no_modules_import_each_other_in_a_circle() -> None:
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        top = module_name(path).split(".")[0]
        graph.setdefault(top, set()).update(t.split(".")[0] for t in imports_of(path) if t.split(".")[0] != top)
    circles = []
    for start in graph:  # a path from a module back to itself
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for following in graph.get(node, ()):
                if following == start:
                    circles.append(trail)
                elif following not in seen:
                    seen.add(following)
                    stack.append((following, [*trail, following]))
    assert circles == []


def test_every_name_the_package_exports_resolves() -> None:
    for name in kodeks.__all__:
        assert getattr(kodeks, name) is not None, name
