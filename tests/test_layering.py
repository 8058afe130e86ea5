"""Layers point one way: the core imports no click, sphinx, git or yaml; adapters no click or sphinx."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"
FORBIDDEN = {
    "core": {
        "click",
        "sphinx",
        "git",
        "docutils",
        "yaml",
        "lxml",
        "tracker.adapters",
        "tracker.render",
        "tracker.cli",
        "tracker.sphinx_ext",
        "rich",
    },
    "adapters": {
        "click",
        "sphinx",
        "docutils",
        "tracker.render",
        "tracker.cli",
        "tracker.sphinx_ext",
    },
    "render": {"click", "tracker.cli", "tracker.sphinx_ext"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_upward_imports(layer: str) -> None:
    problems = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imported_modules(path):
            for banned in FORBIDDEN[layer]:
                if name == banned or name.startswith(banned + "."):
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert problems == []


def test_importing_the_core_imports_no_heavy_module() -> None:
    modules = sorted(
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in (PACKAGE / "core").rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(','.join(m for m in ('click', 'sphinx', 'git', 'yaml', 'docutils') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
