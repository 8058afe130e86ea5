"""docs/safety.md stays true: the limits, markers, codes and commands it names are the code's."""

from __future__ import annotations

import re
from pathlib import Path

from tracker.adapters.input_files import DEFAULT_LIMIT, LIMIT_VARIABLE
from tracker.adapters.output_folder import MARKER, PROTECTED
from tracker.cli import COMMANDS
from tracker.core import checks

REPO = Path(__file__).resolve().parents[1]
PAGE = (REPO / "docs" / "safety.md").read_text(encoding="utf-8")


def test_the_page_is_in_the_site_navigation() -> None:
    index = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    assert re.search(r"^safety$", index, re.M)


def test_size_limit_and_its_variable() -> None:
    assert f"**{DEFAULT_LIMIT // (1024 * 1024)} MiB**" in PAGE
    assert f"`{LIMIT_VARIABLE}`" in PAGE


def test_output_marker_and_protected_folders() -> None:
    assert f"`{MARKER}`" in PAGE
    for name in PROTECTED:
        assert f"`{name}" in PAGE, name


def test_every_code_named_is_catalogued() -> None:
    catalogue = set(re.findall(r"\bBT\d{3}\b", checks.__doc__ or ""))
    named = set(re.findall(r"\bBT\d{3}\b", PAGE))
    assert named
    assert named <= catalogue


def test_every_command_named_exists() -> None:
    named = {m.split()[0] for m in re.findall(r"`((?:[a-z]+)(?: [a-z]+)?)[^`]*`", PAGE)}
    for command in ("status", "draft", "build", "import", "init", "law", "export", "diff"):
        assert command in named and command in COMMANDS, command
