"""``billtrack diff`` end to end: every kind of input, every format, errors without tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import git, snapshot
from tracker.cli import cli

AMOUNT_OLD = "90 days after the date of enactment"
AMOUNT_NEW = "180 days after the date of enactment"


def cut_draft(root: Path, name: str, date: str) -> None:
    """A frozen draft: draft.yaml and a copy of provisions/."""
    folder = root / "drafts" / name
    shutil.copytree(root / "provisions", folder / "provisions")
    (folder / "draft.yaml").write_text(
        f"name: {name}\nstage: discussion\ndate: {date}\ncommit: null\ndirty: false\n"
        f"note: Draft {name}.\n",
        encoding="utf-8",
    )


def edit(root: Path, provision: str, old: str, new: str) -> None:
    path = root / "provisions" / f"{provision}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def drafted(base_package: Path) -> Path:
    """The base package with a draft 'first', then an edit in the working tree."""
    cut_draft(base_package, "first", "2026-01-01")
    edit(base_package, "reports", AMOUNT_OLD, AMOUNT_NEW)
    return base_package


@pytest.fixture
def repo(base_package: Path) -> Path:
    """A throw-away git repository: the base package committed, then the amendment committed."""
    git(base_package, "init", "-q")
    git(base_package, "add", "-A")
    git(base_package, "commit", "-q", "-m", "first")
    git(base_package, "tag", "v1")
    edit(base_package, "reports", AMOUNT_OLD, AMOUNT_NEW)
    git(base_package, "commit", "-q", "-am", "second")
    return base_package


def run(runner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, ["diff", *args], catch_exceptions=False)


def test_no_arguments_compare_the_latest_draft_with_the_working_tree(runner, drafted) -> None:
    result = run(runner, "--root", str(drafted))
    assert result.exit_code == 0, result.output
    assert "redline drafts/first -> worktree" in result.output
    assert "[-90-]{+180+}" in result.output
    assert "\x1b[" not in result.output  # no colour when not on a terminal


def test_draft_names_with_and_without_prefix(runner, drafted) -> None:
    cut_draft(drafted, "second", "2026-02-01")
    for old, new in (("drafts/first", "drafts/second"), ("first", "second")):
        result = run(runner, old, new, "--root", str(drafted), "--format", "json")
        data = json.loads(result.output)
        assert data["old"] == "drafts/first" and data["new"] == "drafts/second"
        assert data["summary"]["units"]["amended"] == 1


def test_git_revisions_are_read_without_touching_the_working_tree(runner, repo) -> None:
    (repo / "provisions" / "reports.md").write_text("uncommitted junk\n", encoding="utf-8")
    before = snapshot(repo)
    result = run(runner, "git:v1", "git:HEAD", "--root", str(repo), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["old"] == "git:v1" and data["new"] == "git:HEAD"
    changed = [u for u in data["units"] if u["kind"] != "unchanged"]
    assert [u["key"] for u in changed] == ["reports"]
    runs = changed[0]["runs"]
    assert ["delete", "90"] in runs and ["insert", "180"] in runs
    assert snapshot(repo) == before
    assert "reports.md" in git(repo, "status", "--porcelain")


def test_git_head_against_the_worktree(runner, repo) -> None:
    edit(repo, "reports", "update the report annually", "update the report every quarter")
    result = run(runner, "git:HEAD", "--root", str(repo))
    assert "[-annually-]{+every quarter+}" in result.output


def test_unknown_revision_lists_what_exists(runner, repo) -> None:
    result = runner.invoke(cli, ["diff", "git:nope", "--root", str(repo)])
    assert result.exit_code == 1
    assert "unknown revision 'nope'" in result.output
    assert "main" in result.output and "v1" in result.output
    assert "Traceback" not in result.output


def test_shallow_clone_missing_the_revision(runner, repo, tmp_path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    result = runner.invoke(cli, ["diff", "git:HEAD~1", "git:HEAD", "--root", str(clone)])
    assert result.exit_code == 1
    assert "shallow clone" in result.output and "--unshallow" in result.output


def test_git_revision_outside_a_repository(runner, base_package) -> None:
    result = runner.invoke(cli, ["diff", "git:HEAD", "--root", str(base_package)])
    assert result.exit_code == 1
    assert "not in a git repository" in result.output and "Traceback" not in result.output


def test_unknown_draft_lists_the_drafts(runner, drafted) -> None:
    result = runner.invoke(cli, ["diff", "frist", "--root", str(drafted)])
    assert result.exit_code == 1
    assert "no draft, revision or file named 'frist'" in result.output
    assert "drafts/first" in result.output and "did you mean" in result.output


def test_two_files_need_no_package(runner, tmp_path, monkeypatch) -> None:
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text("# A bill\n\n## SEC. 1. GRANTS.\n\nGrants of $100.\n", encoding="utf-8")
    new.write_text("# A bill\n\n## SEC. 1. GRANTS.\n\nGrants of $250.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(runner, "old.md", str(new), "--format", "json")
    data = json.loads(result.output)
    assert data["old"] == "old.md"
    section = data["units"][1]
    assert section["key"] == "sec:1"
    assert section["runs"] == [
        ["equal", "## SEC. 1. GRANTS.\n\nGrants of $"],
        ["delete", "100"],
        ["insert", "250"],
        ["equal", ".\n"],
    ]


def test_a_package_directory_and_a_draft_folder(runner, drafted) -> None:
    result = run(runner, str(drafted / "drafts" / "first"), str(drafted), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"]["units"]["amended"] == 1


def test_a_directory_that_is_not_a_package(runner, tmp_path, drafted) -> None:
    result = runner.invoke(cli, ["diff", str(tmp_path), "--root", str(drafted)])
    assert result.exit_code == 1 and "not a package" in result.output


def test_a_file_that_is_not_utf8(runner, tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"SEC. 1. CAF\xc9.\n")
    good = tmp_path / "good.txt"
    good.write_text("SEC. 1. CAFE.\n", encoding="utf-8")
    result = runner.invoke(cli, ["diff", str(bad), str(good)])
    assert result.exit_code == 1
    assert "not UTF-8" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("output_format", ["term", "html", "md", "json"])
def test_every_format_renders_the_change(runner, drafted, output_format) -> None:
    result = run(runner, "--root", str(drafted), "--format", output_format)
    assert result.exit_code == 0, result.output
    assert "180" in result.output and "90" in result.output


def test_html_is_a_standalone_page_with_del_and_ins(runner, drafted) -> None:
    result = run(runner, "--root", str(drafted), "--format", "html")
    page = lxml.html.document_fromstring(result.output)
    assert page.xpath("//del") and page.xpath("//ins")
    assert page.xpath("//main//del")[0].text == "90" and page.xpath("//main//ins")[0].text == "180"
    assert page.xpath("//table[@class='summary']")
    assert page.xpath("//nav[@class='toc']//a[@href]")
    assert not page.xpath("//script") and not page.xpath("//link")
    styles = run(runner, "--root", str(drafted), "--format", "html", "--style", "congressional")
    assert 'class="congressional inline"' in styles.output
    columns = run(runner, "--root", str(drafted), "--format", "html", "--layout", "side-by-side")
    side = lxml.html.document_fromstring(columns.output)
    assert side.xpath("//div[@class='columns']")


def test_html_escapes_bill_text(runner, tmp_path) -> None:
    old = tmp_path / "a.txt"
    new = tmp_path / "b.txt"
    old.write_text("SEC. 1. X.\nText <script>alert(1)</script> & more.\n", encoding="utf-8")
    new.write_text("SEC. 1. X.\nText <b>bold</b> & more.\n", encoding="utf-8")
    result = run(runner, str(old), str(new), "--format", "html")
    page = lxml.html.document_fromstring(result.output)
    assert not page.xpath("//script") and not page.xpath("//b")
    assert "&lt;script&gt;alert(1)" in result.output or "script&gt;alert(1)" in result.output


def test_markdown_is_escaped_and_marks_changes(runner, drafted) -> None:
    result = run(runner, "--root", str(drafted), "--format", "md")
    assert "<del>90</del><ins>180</ins>" in result.output
    assert result.output.startswith("# Redline: drafts/first to worktree")


def test_stat_only_summarises(runner, drafted) -> None:
    result = run(runner, "--root", str(drafted), "--stat")
    assert "SEC. 102. REPORTS." in result.output and "| amended" in result.output
    assert "1 amended" in result.output and "[-" not in result.output
    data = json.loads(run(runner, "--root", str(drafted), "--stat", "--format", "json").output)
    assert "runs" not in data["units"][0]


def test_provision_restricts_the_redline(runner, drafted) -> None:
    edit(drafted, "grant-program", "for training", "for training and recruitment")
    whole = json.loads(run(runner, "--root", str(drafted), "--format", "json").output)
    assert whole["summary"]["units"]["amended"] == 2
    only = json.loads(
        run(runner, "--root", str(drafted), "--format", "json", "--provision", "reports").output
    )
    assert [u["key"] for u in only["units"]] == ["reports"]
    result = runner.invoke(cli, ["diff", "--root", str(drafted), "--provision", "nope"])
    assert result.exit_code == 1 and "grant-program" in result.output


def test_output_file_is_written_atomically(runner, drafted, tmp_path) -> None:
    target = tmp_path / "out" / "redline.html"
    target.parent.mkdir()
    target.write_text("old content", encoding="utf-8")
    result = run(runner, "--root", str(drafted), "--format", "html", "-o", str(target))
    assert result.exit_code == 0 and result.output == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["redline.html"]


def test_exit_code_like_git(runner, drafted) -> None:
    assert run(runner, "--root", str(drafted), "--exit-code").exit_code == 1
    same = run(runner, "drafts/first", "drafts/first", "--root", str(drafted), "--exit-code")
    assert same.exit_code == 0 and "no differences" in same.output


def test_whitespace_changes_hidden_unless_asked(runner, tmp_path) -> None:
    old = tmp_path / "a.txt"
    new = tmp_path / "b.txt"
    old.write_text("SEC. 1. X.\nThe Attorney General\nshall act.\n", encoding="utf-8")
    new.write_text("SEC. 1. X.\nThe Attorney General shall\nact.\n", encoding="utf-8")
    hidden = run(runner, str(old), str(new), "--exit-code")
    assert hidden.exit_code == 0 and "no differences" in hidden.output
    shown = run(runner, str(old), str(new), "--whitespace", "--exit-code")
    assert shown.exit_code == 1 and "white space only" in shown.output
    data = json.loads(run(runner, str(old), str(new), "--format", "json").output)
    assert data["units"][0]["whitespace_only"] is True
    assert ["delete", " "] in data["units"][0]["runs"]


def test_colour_only_on_a_terminal_and_never_with_no_color(drafted, monkeypatch) -> None:
    from tracker.adapters.versions import compare_versions
    from tracker.render.redline_term import render_term

    redline = compare_versions(None, None, root=drafted)
    coloured = render_term(redline, color=True)
    assert "\x1b[31m[-90-]" in coloured and "\x1b[32m{+180+}" in coloured
    from tracker.cli import diff_cmd

    monkeypatch.setenv("NO_COLOR", "1")
    assert diff_cmd._wants_color() is False


def test_the_diff_command_imports_nothing_heavy_at_help() -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom tracker.cli import cli\n"
        "CliRunner().invoke(cli, ['diff', '--help'])\n"
        "print(','.join(m for m in ('diff_match_patch', 'git', 'yaml') if m in sys.modules))"
    )
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_parallel_map_gives_the_same_redline_as_map(monkeypatch) -> None:
    from tracker.adapters import versions
    from tracker.core.redline import compare_units
    from tracker.core.text_units import split_text

    sections = [
        f"SEC. {n}. PART {n}.\n" + " ".join(f"word{n}x{k} and{k % 7}" for k in range(300)) + "\n"
        for n in range(1, 13)
    ]
    old = split_text("".join(sections))
    new = split_text("".join(s.replace("and3", "or3").replace("x5 ", "x5 new ") for s in sections))
    monkeypatch.setattr(versions, "PARALLEL_CHARS", 0)
    from concurrent.futures import ProcessPoolExecutor

    calls = []
    real_submit = ProcessPoolExecutor.submit

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real_submit(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", spy)
    parallel = compare_units(old, new, mapper=versions.parallel_map)
    serial = compare_units(old, new)
    assert parallel == serial
    assert parallel.summary.amended == 12
    if len(versions._cores()) > 1 and hasattr(os, "fork"):
        assert calls


def _fails_in_a_worker(item: int, parent: int = os.getpid()) -> int:
    if os.getpid() != parent:
        raise RuntimeError("a worker that fails")
    return item * 2


def test_parallel_map_does_a_failed_workers_share_itself(monkeypatch) -> None:
    from tracker.adapters import versions

    monkeypatch.setattr(versions, "PARALLEL_CHARS", 0)
    items = list(range(40))
    assert versions.parallel_map(_fails_in_a_worker, items) == [i * 2 for i in items]
