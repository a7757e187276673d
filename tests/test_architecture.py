"""The layers of kodeks, as "Working on kodeks" in CONTRIBUTING.md describes them: each module
imports, at module level, only from its own layer or the ones below. (An import inside a
function, made when a command runs, is how an upper layer is reached lazily, as the command
line does.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kodeks

PACKAGE = Path(kodeks.__file__).resolve().parent
LAYERS = [
    {
        "diagnostics",
        "errors",
        "rules",
        "characters",
        "model",
        "wording",
        "citation",
        "source",
        "yamlsafe",
        "instruction",
        "codec",
        "words",
        "printed",
    },
    {"parse"},
    {"store", "load"},
    {"validate", "references", "consolidation", "diff", "compare", "register"},
    {"edit"},
    {"render", "drafting", "importing", "report", "github", "sanitise", "review", "amend", "history"},
    {"cli", "__main__"},
]


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    return next(index for index, names in enumerate(LAYERS) if top in names)


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_a_module_imports_only_from_its_layer_or_below(path: Path) -> None:
    name = module_name(path)
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    for node in ast.parse(path.read_text(encoding="utf-8")).body:  # module level only
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = ".".join([*base, node.module] if node.module else base)
            if not target:  # `from . import x`: x is the module
                targets = [alias.name for alias in node.names]
            else:
                targets = [target]
            for imported in targets:
                assert layer_of(imported) <= layer_of(name), f"{name} imports {imported}"


def test_every_name_the_package_exports_resolves() -> None:
    for name in kodeks.__all__:
        assert getattr(kodeks, name) is not None, name
