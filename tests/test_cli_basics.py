"""The CLI's global behaviour: help, version, --root, exit codes, text output, init."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import BASE_PACKAGE, snapshot
from tracker.cli import COMMANDS, cli


def test_help_lists_every_command(runner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_every_command_has_help_and_root(runner) -> None:
    for name in COMMANDS:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert len(result.output.splitlines()) > 3
        if name != "init":
            assert "--root" in result.output, name


def test_version(runner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and "billtrack, version" in result.output


def test_no_package_exits_2_with_a_message(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert "provisions/bill.yaml" in result.output and "Traceback" not in result.output


def test_root_is_found_from_a_subdirectory(runner, base_package: Path, monkeypatch) -> None:
    monkeypatch.chdir(base_package / "provisions")
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0, result.output


def test_usage_error_exits_2(runner) -> None:
    result = runner.invoke(cli, ["check", "--format", "xml"])
    assert result.exit_code == 2


def test_check_json_parses_and_is_empty_when_clean(runner) -> None:
    result = runner.invoke(cli, ["check", "--root", str(BASE_PACKAGE), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"findings": []}


def test_strict_fails_on_warnings_only(runner, base_package: Path) -> None:
    reports = base_package / "provisions" / "reports.md"
    reports.write_text(reports.read_text().replace('["2(a)"]', "[]"))
    assert runner.invoke(cli, ["check", "--root", str(base_package)]).exit_code == 0
    assert runner.invoke(cli, ["check", "--root", str(base_package), "--strict"]).exit_code == 1


def test_text_plain_is_a_federal_bill(runner) -> None:
    result = runner.invoke(cli, ["text", "--root", str(BASE_PACKAGE), "--format", "plain"])
    assert result.exit_code == 0
    out = result.output
    assert out.index("A BILL") < out.index("Be it enacted") < out.index("SECTION 1. SHORT TITLE.")
    assert "TITLE I—GRANTS" in out and "SEC. 101. GRANT PROGRAM." in out
    assert "grants under section 101(b)." in out
    assert "{sec}" not in out


def test_text_markdown_has_headings(runner) -> None:
    result = runner.invoke(cli, ["text", "--root", str(BASE_PACKAGE)])
    assert "## TITLE I—GRANTS" in result.output
    assert "### SEC. 102. REPORTS." in result.output


def test_text_refuses_an_unknown_draft(runner) -> None:
    result = runner.invoke(cli, ["text", "--root", str(BASE_PACKAGE), "--draft", "nope"])
    assert result.exit_code == 1
    assert "no draft named 'nope'" in result.output


def test_init_scaffolds_a_valid_package_and_refuses_a_non_empty_dir(runner, tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert runner.invoke(cli, ["init", str(target)]).exit_code == 0
    assert runner.invoke(cli, ["check", "--root", str(target), "--strict"]).exit_code == 0
    before = snapshot(target)
    again = runner.invoke(cli, ["init", str(target)])
    assert again.exit_code == 1 and "not an empty directory" in again.output
    assert snapshot(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["new"]  # no staging folder left behind


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from tracker.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit: pass\n"
        "heavy = [m for m in ('sphinx', 'git', 'docutils', 'diff_match_patch', 'lxml', 'yaml')"
        " if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:"
