"""``billtrack git-setup`` and ``init``'s git files, with real git in throw-away repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import commit_all, git
from tracker.adapters.git_setup import merge_history_items, merge_texts
from tracker.cli import cli

PROVISION = "provisions/grant-conditions.md"


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--root", str(root)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(package: Path) -> Path:
    commit_all(package, "package")
    code, out, err = run(package, "git-setup")
    assert code == 0, err
    assert "wrote .gitattributes" in out
    commit_all(package, "git-setup attributes")
    return package


def history(root: Path) -> list[dict]:
    text = (root / PROVISION).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])["history"]


def test_two_branches_recording_status_changes_merge_cleanly(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "alice")
    assert run(repo, "status", "set", "grant-conditions", "review", "--author", "Alice")[0] == 0
    commit_all(repo, "alice reopens")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "bob")
    assert run(repo, "status", "set", "grant-conditions", "review", "--author", "Bob")[0] == 0
    commit_all(repo, "bob reopens")
    before = history(repo)

    git(repo, "merge", "-q", "--no-edit", "alice")  # raises on a conflict

    text = (repo / PROVISION).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    merged = history(repo)
    assert len(merged) == len(before) + 1
    assert {e["author"] for e in merged[-2:]} == {"Alice", "Bob"}
    assert [e["date"] for e in merged] == sorted(e["date"] for e in merged)
    assert run(repo, "check")[0] == 0


def test_body_conflicts_stay_conflicts_that_check_reports(repo: Path) -> None:
    path = repo / PROVISION
    original = path.read_text(encoding="utf-8")
    git(repo, "checkout", "-q", "-b", "one")
    path.write_text(original.replace("small agency", "small rural agency"), encoding="utf-8")
    commit_all(repo, "one")
    git(repo, "checkout", "-q", "main")
    path.write_text(original.replace("small agency", "tribal agency"), encoding="utf-8")
    commit_all(repo, "two")
    with pytest.raises(subprocess.CalledProcessError):
        git(repo, "merge", "-q", "--no-edit", "one")
    assert "<<<<<<<" in path.read_text(encoding="utf-8")
    code, out, _ = run(repo, "check")
    assert code == 1
    assert "BT118" in out


def test_git_diff_shows_the_word_redline(repo: Path) -> None:
    path = repo / PROVISION
    path.write_text(
        path.read_text(encoding="utf-8").replace("small agency", "small rural agency"),
        encoding="utf-8",
    )
    shown = git(repo, "diff", "--", PROVISION)
    assert shown.startswith(f"diff --billtrack a/{PROVISION} b/{PROVISION}")
    assert "{+rural+}" in shown or "rural" in shown
    assert "-The Attorney General may waive" not in shown  # not git's line diff
    commit_all(repo, "rural")
    logged = git(repo, "log", "-p", "--ext-diff", "-1")
    assert "diff --billtrack" in logged


def test_pre_commit_hook_runs_check(repo: Path) -> None:
    path = repo / PROVISION
    path.write_text(path.read_text(encoding="utf-8").replace("status: cleared", "status: bogus"))
    git(repo, "add", "-A")
    with pytest.raises(subprocess.CalledProcessError) as caught:
        git(repo, "commit", "-q", "-m", "broken")
    assert "bogus" in caught.value.stdout + caught.value.stderr


def test_a_foreign_hook_is_never_replaced(package: Path) -> None:
    commit_all(package, "package")
    hook = package / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho mine\n")
    code, _, err = run(package, "git-setup")
    assert code != 0
    assert "did not install" in err and "move it aside" in err
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    assert not (package / ".gitattributes").exists()


def test_git_setup_twice_changes_nothing(repo: Path) -> None:
    attributes = (repo / ".gitattributes").read_bytes()
    code, out, _ = run(repo, "git-setup")
    assert code == 0
    assert "unchanged .gitattributes" in out
    assert (repo / ".gitattributes").read_bytes() == attributes


def test_git_setup_outside_git_says_so(package: Path) -> None:
    code, _, err = run(package, "git-setup")
    assert code != 0
    assert "not in a git repository" in err


FRONT = "---\ntitle: T\nstatus: {status}\nhistory:\n{items}---\n\nBody {body}.\n"


def entry(date: str, author: str) -> str:
    return f"  - {{date: {date}, from: drafting, to: review, author: {author}, note: null}}\n"


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "expected"),
    [
        # both sides add: union, by date
        ([], [("2026-03-02", "A")], [("2026-03-01", "B")], ["B", "A"]),
        # same entry added on both sides: once
        ([], [("2026-03-01", "A")], [("2026-03-01", "A")], ["A"]),
        # times sort within a day (08:00 before 11:00), dates without time first
        (
            [],
            [("2026-03-01T11:00:00Z", "late")],
            [("2026-03-01T08:00:00Z", "early"), ("2026-03-01", "day")],
            ["day", "early", "late"],
        ),
        # an entry one side removed stays removed
        ([("2026-01-01", "old")], [], [("2026-01-01", "old"), ("2026-02-01", "new")], ["new"]),
    ],
)
def test_history_union(base, ours, theirs, expected) -> None:
    def items(pairs):
        return [entry(d, a) for d, a in pairs]

    merged = merge_history_items(items(base), items(ours), items(theirs))
    assert [yaml.safe_load(m.strip()[2:])["author"] for m in merged] == expected


def test_merge_texts_merges_the_rest_as_git_does() -> None:
    base = FRONT.format(status="drafting", items=entry("2026-01-01", "X"), body="one")
    ours = FRONT.format(
        status="review", items=entry("2026-01-01", "X") + entry("2026-03-01", "A"), body="one"
    )
    theirs = FRONT.format(
        status="drafting", items=entry("2026-01-01", "X") + entry("2026-03-02", "B"), body="two"
    )
    text, clean = merge_texts(base, ours, theirs)
    assert clean
    assert "status: review" in text and "Body two." in text
    assert text.index("author: A") < text.index("author: B")

    theirs_status = theirs.replace("status: drafting", "status: hold")
    text, clean = merge_texts(base, ours, theirs_status)
    assert not clean
    assert "<<<<<<< ours" in text and "author: B" in text


def test_merge_without_history_anywhere_is_plain_git() -> None:
    base = "---\ntitle: T\n---\n\nBody.\n"
    ours = base.replace("Body.", "Body one.")
    text, clean = merge_texts(base, ours, base)
    assert clean and text == ours
