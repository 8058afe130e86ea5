"""``billtrack log`` and ``status set --commit`` on throw-away git repositories with a fixed identity
and fixed dates; and the recorded history alone outside git, in an empty repository and in a shallow
clone."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import STATUS_PACKAGE, run_billtrack
from tracker.adapters.git_repo import file_revisions, git_author

TODAY = dt.date.today()
NOON = f"{TODAY.isoformat()}T12:00:00+00:00"


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read the developer's git configuration; fixed dates for every commit."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_DATE", NOON)
    monkeypatch.setenv("GIT_COMMITTER_DATE", NOON)
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_DIR"):
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def make_repo(root: Path) -> Path:
    shutil.copytree(STATUS_PACKAGE, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Author")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add the fixture bill", date="2026-05-01T10:00:00+00:00")
    path = root / "provisions" / "reporting.md"
    path.write_text(path.read_text().replace("annually", "quarterly"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "Reports every quarter", date="2026-05-02T09:30:00+00:00")
    return root


def log_json(root: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run_billtrack(root, "log", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)["entries"]


def test_history_merges_the_file_and_git(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    code, out, err = run_billtrack(
        root, "status", "set", "reporting", "cleared", "--note", "Done.", "--commit"
    )
    assert code == 0, err
    assert out.splitlines()[-1].startswith("committed ")
    entries = log_json(root, "reporting")
    summary = [(e["date"], e["source"], e["from"], e["to"], e["changes"]) for e in entries]
    assert summary == [
        (TODAY.isoformat(), "both", "review", "cleared", ["status"]),
        ("2026-05-02", "git", None, None, ["text"]),
        ("2026-05-01", "git", None, None, ["created"]),
        ("2026-03-01", "recorded", "drafting", "review", []),
        ("2026-02-01", "recorded", "outline", "drafting", []),
    ]
    newest = entries[0]
    assert newest["author"] == "Test Author"  # from git config: no --author given
    assert newest["note"] == "Done."
    assert newest["subject"] == "status: reporting review -> cleared"
    assert (
        entries[1]["author"] == "Test Author" and entries[1]["subject"] == "Reports every quarter"
    )
    assert entries[1]["time"] == "2026-05-02T09:30:00+00:00"
    code, text, _ = run_billtrack(root, "log", "reporting")
    assert text.splitlines()[0].startswith(
        f"{TODAY.isoformat()} 12:00  review -> cleared; Test Author"
    )
    assert "(recorded, commit " in text.splitlines()[0]
    assert "2026-05-02 09:30  edited: text; Test Author (commit " in text


def test_commit_message_and_only_the_changed_files(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    other = root / "provisions" / "short-title.md"
    other.write_text(other.read_text() + "\nStaged, not ours.\n", encoding="utf-8")
    git(root, "add", "provisions/short-title.md")
    code, _, err = run_billtrack(
        root,
        "status",
        "set",
        "reporting",
        "grant-conditions",
        "hold",
        "--force",
        "--author",
        "K. D",
        "--commit",
    )
    assert code == 0, err
    message = git(root, "log", "-1", "--format=%B")
    assert message.startswith(
        "status: 2 provisions -> hold\n\nProvision: reporting\nFrom: review\n"
    )
    assert "Provision: grant-conditions\nFrom: cleared\nTo: hold\nAuthor: K. D" in message
    assert "Forced: yes" in message
    changed = git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == ["provisions/grant-conditions.md", "provisions/reporting.md"]
    assert "provisions/short-title.md" in git(root, "diff", "--cached", "--name-only")


def test_log_of_everything_is_newest_first(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    entries = log_json(root)
    assert {e["id"] for e in entries} == {
        "short-title",
        "grant-conditions",
        "reporting",
        "old-section",
    }
    keys = [(e["date"], e["time"] or "") for e in entries]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)


def test_outside_git_the_recorded_history_is_shown(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(STATUS_PACKAGE, root)
    assert file_revisions(root) == {}
    entries = log_json(root, "grant-conditions")
    assert [e["source"] for e in entries] == ["recorded"] * 3
    assert [e["date"] for e in entries] == ["2026-04-28", "2026-02-19", "2026-01-14"]
    code, _, err = run_billtrack(root, "log", "grant-condition")
    assert code == 1 and "did you mean 'grant-conditions'?" in err


def test_empty_repository_and_untracked_files(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    shutil.copytree(STATUS_PACKAGE, root)
    git(root, "init", "-q")
    assert file_revisions(root) == {}
    assert [e["source"] for e in log_json(root, "reporting")] == ["recorded", "recorded"]


def test_shallow_clone_gives_what_it_has(tmp_path: Path) -> None:
    origin = make_repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    entries = log_json(clone, "reporting")
    assert [(e["source"], e["changes"]) for e in entries] == [
        ("git", ["created"]),
        ("recorded", []),
        ("recorded", []),
    ]
    assert entries[0]["subject"] == "Reports every quarter"


def test_author_comes_from_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path / "repo")
    assert git_author(root) == "Test Author"
    assert git_author(tmp_path) is None  # outside the repository, no global config
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Env Author")
    assert git_author(tmp_path) == "Env Author"


def test_status_last_change_falls_back_to_git(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    path = root / "provisions" / "old-section.md"
    text = path.read_text()
    start = text.index("history:")
    path.write_text(text[:start] + text[text.index("---", start) :], encoding="utf-8")
    git(root, "commit", "-q", "-am", "Forget the history", date="2026-05-03T08:00:00+00:00")
    code, out, _ = run_billtrack(root, "status", "--format", "json")
    assert code == 0
    rows = {p["id"]: p for p in json.loads(out)["provisions"]}
    assert rows["old-section"]["last_change"] == {
        "date": "2026-05-03",
        "author": "Test Author",
        "source": "git",
    }
    assert rows["reporting"]["last_change"]["source"] == "recorded"
