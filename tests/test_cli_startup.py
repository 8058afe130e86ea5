"""``billtrack --help`` loads neither Click nor a command (its page is written from the table Click's
own rendering is held to here); at another width it loads Click and the command table only;
``billtrack CMD --help`` loads the command's own module and nothing of the library; the command
list reads as Click writes it from the commands themselves."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from tracker.cli import COMMANDS, HELP_PAGE, SUMMARIES, cli

HEAVY = ("yaml", "git", "sphinx", "docutils", "lxml", "diff_match_patch", "rich", "jinja2")


def loaded_after(*argv: list[str]) -> list[str]:
    """The modules a fresh interpreter holds after running each ``billtrack ARGS`` in turn."""
    code = (
        "import sys\n"
        "from tracker.cli import cli\n"
        f"for args in {[list(a) for a in argv]!r}:\n"
        "    try:\n"
        "        cli(args, prog_name='billtrack')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('MODULES:' + repr(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return ast.literal_eval(done.stdout.rsplit("MODULES:", 1)[1])


def run_as_installed(args: list[str], columns: int) -> tuple[str, list[str]]:
    """``billtrack ARGS`` as the console script runs it (``main()``, the program named billtrack)
    in a terminal ``columns`` wide: its output and the modules it loaded."""
    code = (
        "import sys\n"
        f"sys.argv = ['/usr/bin/billtrack', *{args!r}]\n"
        "from tracker.cli import main\n"
        "try:\n"
        "    code = main()\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "sys.stdout.write('MODULES:' + repr([code, sorted(sys.modules)]))\n"
    )
    env = {**os.environ, "COLUMNS": str(columns)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    out, modules = done.stdout.rsplit("MODULES:", 1)
    code, loaded = ast.literal_eval(modules)
    assert code in (0, None)
    return out, loaded


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_help_loads_no_click(option: str) -> None:
    out, modules = run_as_installed([option], columns=100)
    assert out == HELP_PAGE
    assert [m for m in modules if m.startswith("tracker")] == ["tracker", "tracker.cli"]
    assert "click" not in modules


def test_the_help_page_is_what_click_writes() -> None:
    # Click formats a terminal of 80 columns or more 78 wide.
    ctx = click.Context(cli, info_name="billtrack", terminal_width=78, **cli.context_settings)
    assert cli.get_help(ctx) + "\n" == HELP_PAGE, "update HELP_PAGE to Click's page"


def test_a_narrow_terminal_gets_clicks_help_from_the_command_table() -> None:
    out, modules = run_as_installed(["--help"], columns=60)
    ctx = click.Context(cli, info_name="billtrack", terminal_width=58, **cli.context_settings)
    assert out == cli.get_help(ctx) + "\n" != HELP_PAGE
    assert [m for m in modules if m.startswith("tracker")] == [
        "tracker",
        "tracker.cli",
        "tracker.cli.app",
        "tracker.cli.command_classes",
    ]
    assert not [m for m in modules if m.split(".")[0] in HEAVY]
    assert "json" not in modules and "subprocess" not in modules


def test_each_command_help_loads_no_library_module() -> None:
    modules = loaded_after(*([name, "--help"] for name in COMMANDS))
    ours = [m for m in modules if m.startswith("tracker")]
    assert ours and all(m == "tracker" or m.startswith("tracker.cli") for m in ours), ours
    assert not [m for m in modules if m.split(".")[0] in HEAVY]


def test_the_summaries_are_the_commands_own_first_paragraphs() -> None:
    assert sorted(SUMMARIES) == sorted(COMMANDS)
    for name, target in COMMANDS.items():
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert command.short_help is None and not command.deprecated, name
        first = (command.help or "").split("\n\n")[0]
        assert " ".join(first.split()) == SUMMARIES[name], f"update SUMMARIES['{name}']"


@pytest.mark.parametrize("width", [50, 60, 80, 120])
def test_the_command_list_is_what_click_writes(width: int) -> None:
    ctx = click.Context(cli, info_name="billtrack", max_content_width=width)
    ours = click.HelpFormatter(width=width)
    cli.format_commands(ctx, ours)
    clicks = click.HelpFormatter(width=width)
    click.Group.format_commands(cli, ctx, clicks)
    assert ours.getvalue() == clicks.getvalue()
    assert ours.getvalue().count("\n") >= len(COMMANDS)


def test_h_is_help_in_a_context_made_without_billtracks_settings() -> None:
    """sphinx-click makes its contexts with ``click.Context`` alone (no context settings): the
    command reference still lists ``-h``, and a later run in the same process still takes it."""
    for name in sorted(COMMANDS):
        module_name, attribute = COMMANDS[name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        bare = click.Context(
            command, info_name=name, parent=click.Context(cli, info_name="billtrack")
        )
        assert "-h" in command.get_help_option(bare).opts, name
        if isinstance(command, click.Group):
            for sub in command.list_commands(bare):
                inner = command.get_command(bare, sub)
                assert "-h" in inner.get_help_option(click.Context(inner, parent=bare)).opts
    result = CliRunner().invoke(cli, ["-h"])
    assert result.exit_code == 0 and "-h, --help" in result.output
