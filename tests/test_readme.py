"""The README's two commands exist, and CI runs exactly its test command."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", quick, re.S)]


def test_quick_start_has_exactly_two_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)


def test_ci_runs_the_readme_test_command() -> None:
    test_command = readme_commands()[1]
    assert "pytest" in test_command
    ci_lines = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    assert test_command in ci_lines


def test_both_commands_install_into_a_venv_inside_the_clone() -> None:
    """PEP 668: a bare Debian python3 refuses 'pip install' outside a virtual environment, so each
    command makes .venv in the clone first and runs everything from it."""
    for command in readme_commands():
        steps = [step.strip() for step in command.split("&&")]
        assert steps[0] == "python3 -m venv .venv"
        assert steps[1].startswith(".venv/bin/python -m pip install")
        assert steps[2].startswith(".venv/bin/")
        assert "python3 -m pip" not in command
    ignored = (REPO / ".gitignore").read_text().splitlines()
    assert ".venv/" in ignored


def test_ci_provides_venv_before_the_readme_command() -> None:
    script = (REPO / ".ci" / "run").read_text()
    assert "python3-venv" in script
    assert script.index("python3-venv") < script.index(readme_commands()[1])
