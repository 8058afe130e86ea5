"""The conventions people expect of a command line: pager, '-', one --format spelling, ranges,
usage errors instead of ignored options, did-you-mean, completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.cli.options import pager_command

REPO = Path(__file__).resolve().parents[1]


def invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stauts"], "Did you mean 'status'?"),
        (["chek"], "Did you mean 'check'?"),
        (["zzzz"], "No such command 'zzzz'."),
        (["status", "--bill", "--format", "csv"], "--format csv cannot be combined with --bill"),
        (["status", "--bill", "--status", "review"], "--status cannot be combined with --bill"),
        (["diff", "--stat", "--format", "md"], "--stat is a summary"),
        (["diff", "--stat", "--format", "html"], "--stat is a summary"),
        (["init"], "give the new package's directory"),
    ],
)
def test_usage_errors(package: Path, args: list[str], message: str) -> None:
    if args[0] in ("status", "diff"):
        args = [*args, "--root", str(package)]
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize(
    ("command", "old", "new"),
    [
        (["text"], "plain", "text"),
        (["status"], "table", "text"),
        (["coverage"], "table", "text"),
        (["diff", "--stat"], "term", "text"),
    ],
)
def test_one_name_for_the_plain_format(package: Path, command, old, new) -> None:
    root = ["--root", str(package)]
    if command[0] == "diff":
        command = ["diff", str(package), str(package), "--stat"]
    canonical = invoke(*command, "--format", new, *root)
    legacy = invoke(*command, "--format", old, *root)
    assert canonical.exit_code == 0, canonical.output
    assert canonical.output == legacy.output
    shown = invoke(command[0], "--help").output
    assert "text" in shown and f"{old}|" not in shown and f"|{old}" not in shown


def test_diff_reads_standard_input(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text("SEC. 1. A.\n\nThe slow fox.\n", encoding="utf-8")
    result = invoke("diff", "-", str(new), input="SEC. 1. A.\n\nThe quick fox.\n")
    assert result.exit_code == 0, result.output
    assert "[-quick-]{+slow+}" in result.output
    assert "<stdin>" in result.output


def test_diff_range_is_the_two_versions(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("SEC. 1. A.\n\nOne.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("SEC. 1. A.\n\nTwo.\n", encoding="utf-8")
    os.chdir(tmp_path)
    ranged = invoke("diff", "a.txt..b.txt", "--format", "json")
    pair = invoke("diff", "a.txt", "b.txt", "--format", "json")
    assert ranged.exit_code == 0, ranged.output
    assert ranged.output == pair.output


def test_dash_output_is_standard_output(package: Path, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = invoke("export", "-o", "-", "--root", str(package))
    assert result.exit_code == 0
    assert result.output.startswith("<?xml")
    assert not (tmp_path / "-").exists()
    redline = invoke("diff", str(package), str(package), "-o", "-", "--format", "json")
    assert json.loads(redline.output)["summary"] is not None
    assert not (tmp_path / "-").exists()


def test_import_report_format_json_and_hidden_alias(tmp_path: Path) -> None:
    source = REPO / "tests" / "fixtures" / "packages"
    exported = invoke("export", "--root", str(source / "base"))
    xml = tmp_path / "bill.xml"
    xml.write_text(exported.output, encoding="utf-8")
    new = invoke("import", str(xml), "--to", str(tmp_path / "a"), "--format", "json")
    old = invoke("import", str(xml), "--to", str(tmp_path / "b"), "--json")
    assert new.exit_code == 0, new.output
    assert json.loads(new.output)["provisions"] == json.loads(old.output)["provisions"]
    assert "--json" not in invoke("import", "--help").output
    piped = invoke(
        "import", "-", "--to", str(tmp_path / "c"), "--format", "json", input=xml.read_bytes()
    )
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.output)["provisions"] == json.loads(new.output)["provisions"]


def test_log_takes_section_numbers(package: Path) -> None:
    from tracker.adapters.loader import load_package
    from tracker.core.compile import CompiledBill

    numbering = CompiledBill(load_package(package)).numbering
    section = next(s for s in numbering.sections.values() if s.designation)
    by_id = invoke("log", section.provision_id, "--root", str(package))
    for name in (
        section.designation,
        f"sec. {section.designation}",
        f"SEC. {section.designation}.",
    ):
        by_number = invoke("log", name, "--root", str(package))
        assert by_number.exit_code == 0, by_number.output
        assert by_number.output == by_id.output


def test_init_takes_root_and_writes_gitignore(tmp_path: Path) -> None:
    result = invoke("init", "--root", str(tmp_path / "new"), "--ci")
    assert result.exit_code == 0, result.output
    ignored = (tmp_path / "new" / ".gitignore").read_text().splitlines()
    assert "_build/" in ignored
    workflow = (tmp_path / "new" / ".github" / "workflows" / "billtrack.yml").read_text()
    assert "pull_request" in workflow and "billtrack check" in workflow
    assert "billtrack build" in workflow
    assert invoke("check", "--root", str(tmp_path / "new")).exit_code == 0


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "less -FRX"),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": "more", "BILLTRACK_PAGER": "most"}, "most"),
        ({"BILLTRACK_PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
    ],
)
def test_pager_choice(monkeypatch, env, expected) -> None:
    for name in ("PAGER", "BILLTRACK_PAGER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert pager_command() == expected


def test_pager_on_a_terminal_and_no_pager(package: Path, tmp_path: Path) -> None:
    """Under a real pseudo-terminal the text goes through the pager; --no-pager prints it."""
    import pty

    marker = tmp_path / "paged"
    env = {**os.environ, "BILLTRACK_PAGER": f"cat > {marker}", "TERM": "dumb"}
    code = "from tracker.cli import main; main()"
    for extra, paged in (([], True), (["--no-pager"], False)):
        marker.unlink(missing_ok=True)
        leader, follower = pty.openpty()
        subprocess.run(
            [sys.executable, "-c", code, *extra, "status", "--root", str(package)],
            stdout=follower,
            stderr=subprocess.DEVNULL,
            env=env,
            check=True,
            timeout=60,
        )
        os.close(follower)
        os.close(leader)
        assert marker.exists() is paged
        if paged:
            assert "short-title" in marker.read_text()


def test_pipes_are_never_paged(package: Path, tmp_path: Path) -> None:
    marker = tmp_path / "paged"
    env = {**os.environ, "BILLTRACK_PAGER": f"cat > {marker}"}
    done = subprocess.run(
        [sys.executable, "-m", "tracker.cli", "log", "--root", str(package)],
        capture_output=True,
        env=env,
        check=True,
        text=True,
    )
    assert not marker.exists()
    assert done.stdout


def complete(words: list[str], incomplete: str) -> list[str]:
    from click.shell_completion import ShellComplete

    completion = ShellComplete(cli, {}, "billtrack", "_BILLTRACK_COMPLETE")
    return [item.value for item in completion.get_completions(words, incomplete)]


def test_completion_of_ids_drafts_and_statuses(package: Path) -> None:
    root = ["--root", str(package)]
    assert "grant-conditions" in complete(["log", *root], "gra")
    assert complete(["status", *root, "--status"], "rev") == ["review"]
    assert complete(["status", "set", *root, "grant-conditions"], "cle") == ["cleared"]
    assert "grant-conditions" in complete(["diff", *root, "--provision"], "g")
    assert "status" in complete([], "sta")


def test_completion_of_draft_names(base_package: Path, runner) -> None:
    assert (
        invoke("draft", "cut", "first", "--stage", "ih", "--root", str(base_package)).exit_code == 0
    )
    assert complete(["text", "--root", str(base_package), "--draft"], "fi") == ["first"]
    assert "first" in complete(["diff", "--root", str(base_package)], "")


def test_pytest_makes_tracker_deprecations_errors() -> None:
    """pyproject's filterwarnings turns DeprecationWarnings raised from tracker's own modules
    into errors, and only those."""
    import re
    import tomllib

    settings = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]
    filters = settings["ini_options"]["filterwarnings"]
    module = next(f for f in filters if f.startswith("error::DeprecationWarning:")).split(":")[-1]
    assert re.match(module, "tracker.cli.diff_cmd")
    assert re.match(module, "tracker")
    assert not re.match(module, "trackerish")
    assert not re.match(module, "click.utils")
