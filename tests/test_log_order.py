"""``billtrack log`` order and attachment, in throw-away repositories with a fixed identity and dates.

The log lists commits in ``git log``'s order (newest commit date first, never a commit before one
built on it) and dates each by its committer date; a recorded change that no commit made goes in
by its instant, compared in UTC. A recorded change is joined to the commit that introduced its
entry and made its status change, never to a neighbour with the same change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import STATUS_PACKAGE, run_billtrack
from tracker.cli.log_cmd import recorded_history
from tracker.core.history import provision_log
from tracker.render.log_text import wrap

PATH = "provisions/reporting.md"


def git(root: Path, *args: str, authored: str, committed: str | None = None) -> str:
    """git with a fixed identity, no developer configuration, and the given author and committer
    dates (the committer date defaults to the author date)."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": authored,
        "GIT_COMMITTER_DATE": committed or authored,
    }
    for name in ("GIT_DIR", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME"):
        env.pop(name, None)
    identity = ["-c", "user.name=Test Author", "-c", "user.email=test@example.org"]
    settings = ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    done = subprocess.run(
        ["git", *identity, *settings, *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def reporting(status: str, history: list[str] = (), text: str = "annually") -> str:  # type: ignore[assignment]
    """provisions/reporting.md with ``status``, the flow-style ``history`` items and a body."""
    lines = [
        "---",
        "title: Reports by grantees",
        "implements:",
        '  - "2(b)"',
        f"status: {status}",
        "owner: M. Chen",
        "summary: Section 102 requires reports.",
    ]
    if history:
        lines += ["history:", *(f"  - {{{item}}}" for item in history)]
    return "\n".join([*lines, "---", "", f"Each grantee shall report {text}.", ""])


def commit(
    root: Path, content: str, message: str, *, authored: str, committed: str | None = None
) -> str:
    """Write provisions/reporting.md and commit it; the new commit's id."""
    (root / PATH).write_text(content, encoding="utf-8")
    git(root, "add", PATH, authored=authored)
    git(root, "commit", "-q", "-m", message, authored=authored, committed=committed)
    return git(root, "rev-parse", "HEAD", authored=authored).strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The status package committed at 2026-05-01 04:00 UTC, reporting.md at 'review' with no
    history."""
    root = tmp_path / "repo"
    shutil.copytree(STATUS_PACKAGE, root)
    (root / PATH).write_text(reporting("review"), encoding="utf-8")
    when = "2026-05-01T04:00:00+00:00"
    git(root, "init", "-q", authored=when)
    git(root, "add", "-A", authored=when)
    git(root, "commit", "-q", "-m", "Add the bill", authored=when)
    return root


def log(root: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run_billtrack(root, "log", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)["entries"]


def git_order(root: Path) -> list[str]:
    """The commits of reporting.md as ``git log`` lists them."""
    return git(root, "log", "--format=%H", "--", PATH, authored="2026-05-01T00:00:00Z").split()


def test_commits_at_eight_nine_ten_eleven_list_eleven_first(repo: Path) -> None:
    made = {
        hour: commit(repo, reporting("review", text=f"by {hour}"), f"At {hour}", authored=when)
        for hour, when in [(h, f"2026-05-01T{h:02d}:00:00+00:00") for h in (8, 9, 10, 11)]
    }
    entries = log(repo, "reporting")
    assert [e["subject"] for e in entries] == ["At 11", "At 10", "At 9", "At 8", "Add the bill"]
    assert [e["time"] for e in entries[:4]] == [
        f"2026-05-01T{h:02d}:00:00+00:00" for h in (11, 10, 9, 8)
    ]
    assert [e["commit"] for e in entries] == git_order(repo)
    assert [e["commit"] for e in entries[:4]] == [made[h] for h in (11, 10, 9, 8)]
    everything = [e for e in log(repo) if e["id"] == "reporting"]
    assert everything == entries
    code, text, _ = run_billtrack(repo, "--no-pager", "log", "reporting")
    assert code == 0
    hours = [line[11:16] for line in text.splitlines() if line.startswith("2026-05-01")]
    assert hours == ["11:00", "10:00", "09:00", "08:00", "04:00"]


def test_time_zones_are_compared_as_instants(repo: Path) -> None:
    # Made in this order, at 05:00, 06:00, 07:30 and 14:00 UTC; the wall clocks read 10:00, 08:00,
    # 07:30 and 09:00.
    zones = ["10:00:00+05:00", "08:00:00+02:00", "07:30:00+00:00", "09:00:00-05:00"]
    for n, zone in enumerate(zones):
        commit(repo, reporting("review", text=f"v{n}"), f"Edit {n}", authored=f"2026-05-01T{zone}")
    entries = log(repo, "reporting")
    assert [e["subject"] for e in entries] == [
        "Edit 3",
        "Edit 2",
        "Edit 1",
        "Edit 0",
        "Add the bill",
    ]
    assert [e["commit"] for e in entries] == git_order(repo)
    assert entries[0]["time"] == "2026-05-01T09:00:00-05:00"  # shown in the committer's zone


def test_a_recorded_change_goes_in_at_its_instant(repo: Path) -> None:
    # Recorded at 06:30+01:00 (05:30 UTC): after the first commit (04:00 UTC). Recorded at
    # 15:00+02:00 (13:00 UTC): between the 12:00 and 14:00 UTC commits, though 15:00 > 14:00.
    history = [
        "date: 2026-05-01T06:30:00+01:00, from: drafting, to: review, author: A, note: early",
        "date: 2026-05-01T15:00:00+02:00, from: review, to: drafting, author: B, note: later",
        "date: 2026-05-01T15:00:00+02:00, from: drafting, to: review, author: B, note: same time",
    ]
    commit(repo, reporting("review", history), "Record by hand", authored="2026-05-01T12:00:00Z")
    commit(repo, reporting("review", history, "weekly"), "Weekly", authored="2026-05-01T14:00:00Z")
    commit(repo, reporting("review", history, "daily"), "Daily", authored="2026-05-01T15:00:00Z")
    entries = log(repo, "reporting")
    assert [(e["source"], e["subject"] or e["note"]) for e in entries] == [
        ("git", "Daily"),
        ("git", "Weekly"),
        ("recorded", "same time"),  # 13:00 UTC, a tie: the later entry of the file first
        ("recorded", "later"),
        ("git", "Record by hand"),  # the commit that added them changed no status: not joined
        ("recorded", "early"),
        ("git", "Add the bill"),
    ]


def test_equal_instants_keep_gits_order(repo: Path) -> None:
    when = "2026-05-01T09:00:00+00:00"
    first = commit(repo, reporting("review", text="a"), "First", authored=when)
    second = commit(
        repo, reporting("review", text="b"), "Second", authored="2026-05-01T11:00:00+02:00"
    )
    entries = log(repo, "reporting")
    assert [e["commit"] for e in entries[:2]] == [second, first] == git_order(repo)[:2]


def test_commits_are_placed_and_dated_by_the_committer_date(repo: Path) -> None:
    # Written on 20 April, rebased onto the 08:00 commit at 09:00: git lists it first.
    base = commit(repo, reporting("review", text="a"), "Base", authored="2026-05-01T08:00:00Z")
    rebased = commit(
        repo,
        reporting("review", text="b"),
        "Old work",
        authored="2026-04-20T07:00:00Z",
        committed="2026-05-01T09:00:00Z",
    )
    # A clock running slow: committed before its parent; git still lists it first.
    skewed = commit(
        repo, reporting("review", text="c"), "Slow clock", authored="2026-05-01T08:30:00Z"
    )
    entries = log(repo, "reporting")
    assert [e["commit"] for e in entries] == git_order(repo)
    assert [e["commit"] for e in entries[:3]] == [skewed, rebased, base]
    assert (entries[1]["date"], entries[1]["time"]) == ("2026-05-01", "2026-05-01T09:00:00+00:00")


def test_a_recorded_change_joins_the_commit_that_made_it_not_a_neighbour(repo: Path) -> None:
    # 08:00 and 08:30: the status changed by hand and back; 09:00 the change that was recorded.
    hand = commit(repo, reporting("cleared"), "Hand edit", authored="2026-05-01T08:00:00Z")
    commit(repo, reporting("review"), "Undo", authored="2026-05-01T08:30:00Z")
    entry = "date: 2026-05-01T09:00:00+00:00, from: review, to: cleared, author: K. D, note: Done."
    made = commit(
        repo,
        reporting("cleared", [entry]),
        "status: review -> cleared",
        authored="2026-05-01T09:00:00Z",
    )
    entries = log(repo, "reporting")
    assert [(e["source"], e["commit"], e["note"]) for e in entries[:3]] == [
        ("both", made, "Done."),
        ("git", git_order(repo)[1], None),
        ("git", hand, None),
    ]
    assert (entries[2]["from"], entries[2]["to"]) == ("review", "cleared")
    assert entries[0]["author"] == "K. D"


def test_the_same_change_twice_on_one_day_joins_each_its_own_commit(repo: Path) -> None:
    items = [
        "date: 2026-05-01, from: review, to: cleared, author: A, note: first",
        "date: 2026-05-01, from: cleared, to: review, author: B, note: second",
        "date: 2026-05-01, from: review, to: cleared, author: C, note: third",
    ]
    made = []
    for n, status in enumerate(("cleared", "review", "cleared")):
        when = f"2026-05-01T{9 + n:02d}:00:00Z"
        made.append(commit(repo, reporting(status, items[: n + 1]), f"Change {n}", authored=when))
    # A later commit that edits a note of the first entry is a text edit, not a new change.
    edited = [items[0].replace("first", "first (reworded)"), *items[1:]]
    commit(repo, reporting("cleared", edited), "Reword", authored="2026-05-01T13:00:00Z")
    entries = log(repo, "reporting")
    joined = [(e["note"], e["commit"]) for e in entries if e["source"] == "both"]
    assert joined == [("third", made[2]), ("second", made[1]), ("first (reworded)", made[0])]
    assert [e["source"] for e in entries] == ["git", "both", "both", "both", "git"]


def test_an_uncommitted_change_stays_recorded(repo: Path) -> None:
    hand = commit(repo, reporting("cleared"), "Hand edit", authored="2026-05-01T08:00:00Z")
    commit(repo, reporting("review"), "Undo", authored="2026-05-01T08:30:00Z")
    entry = "date: 2026-05-01T09:00:00+00:00, from: review, to: cleared, author: K. D, note: Done."
    (repo / PATH).write_text(reporting("cleared", [entry]), encoding="utf-8")  # not committed
    entries = log(repo, "reporting")
    assert [(e["source"], e["commit"]) for e in entries[:3]] == [
        ("recorded", None),
        ("git", git_order(repo)[0]),
        ("git", hand),
    ]


def test_the_log_of_every_provision_merges_by_instant(repo: Path) -> None:
    other = repo / "provisions" / "short-title.md"
    other.write_text(other.read_text() + "\nMore.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Short title at 10:00", authored="2026-05-01T10:00:00Z")
    commit(
        repo, reporting("review", text="x"), "Reporting at 09:00", authored="2026-05-01T09:00:00Z"
    )
    commit(
        repo, reporting("review", text="y"), "Reporting at 11:00", authored="2026-05-01T11:00:00Z"
    )
    subjects = [e["subject"] for e in log(repo) if e["source"] == "git"]
    assert subjects[:3] == ["Reporting at 11:00", "Short title at 10:00", "Reporting at 09:00"]
    times = [e["time"] for e in log(repo) if e["time"]]
    instants = sorted(times, reverse=True)  # all +00:00 or without a zone here
    assert times == instants


def test_a_package_in_a_folder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    root = top / "bills" / "act"
    shutil.copytree(STATUS_PACKAGE, root)
    (top / "README").write_text("Bills.\n", encoding="utf-8")
    git(top, "init", "-q", authored="2026-05-01T04:00:00Z")
    git(top, "add", "-A", authored="2026-05-01T04:00:00Z")
    git(top, "commit", "-q", "-m", "Add the bill", authored="2026-05-01T04:00:00Z")
    (root / PATH).write_text(reporting("review", text="weekly"), encoding="utf-8")
    (top / "README").write_text("Bills, weekly.\n", encoding="utf-8")
    git(top, "commit", "-q", "-am", "Weekly", authored="2026-05-01T05:00:00Z")
    entries = [e for e in log(root, "reporting") if e["source"] == "git"]
    assert [(e["subject"], e["changes"][0]) for e in entries] == [
        ("Weekly", "text"),
        ("Add the bill", "created"),
    ]


# The merge itself, on made-up commits: any sequence of steps, any clocks -----------------------


@dataclasses.dataclass(frozen=True)
class FakeRevision:
    commit: str
    author: str
    date: dt.datetime
    committed: dt.datetime
    subject: str
    path: str
    data: bytes | None


NEXT = {"review": "cleared", "cleared": "review"}
STEP = st.tuples(
    st.sampled_from(["text", "recorded", "by hand"]),
    st.integers(min_value=-180, max_value=600),  # minutes after the previous commit
    st.sampled_from([-300, 0, 60, 330]),  # the committer's offset from UTC, minutes
)


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(STEP, min_size=1, max_size=12), later=st.integers(-600, 6000))
def test_merging_keeps_gits_order_and_joins_each_change_to_its_commit(
    steps: list, later: int
) -> None:
    status, history, clock = "review", [], dt.datetime(2026, 5, 1, 4, tzinfo=dt.UTC)
    revisions, made_by = [], {}
    for n, (kind, minutes, offset) in enumerate([("text", 0, 0), *steps]):
        clock += dt.timedelta(minutes=minutes)
        when = clock.astimezone(dt.timezone(dt.timedelta(minutes=offset)))
        if kind != "text" and n:
            status = NEXT[status]
        if kind == "recorded" and n:
            history.append(
                f"date: {when.isoformat()}, from: {NEXT[status]}, to: {status}, note: n{n}"
            )
            made_by[f"n{n}"] = f"c{n}"
        data = reporting(status, history, text=f"v{n}").encode()
        revisions.append(FakeRevision(f"c{n}", "A", when, when, f"step {n}", PATH, data))
    revisions.reverse()  # newest first, as git lists a line of commits
    entries = provision_log("reporting", (), revisions, read_history=recorded_history)
    assert [e.commit for e in entries] == [r.commit for r in revisions]  # nothing recorded apart
    current = recorded_history(revisions[0].data)
    entries = provision_log("reporting", current, revisions, read_history=recorded_history)
    assert [e.commit for e in entries] == [r.commit for r in revisions]  # git's order, kept
    joined = {e.note: e.commit for e in entries if e.source == "both"}
    assert joined == made_by  # every recorded change with the commit that made it, no other
    # A change recorded in the working tree, not committed: one entry, at its instant.
    at = clock + dt.timedelta(minutes=later)
    uncommitted = f"date: {at.isoformat()}, from: {status}, to: {NEXT[status]}, note: open"
    data = reporting(NEXT[status], [*history, uncommitted]).encode()
    entries = provision_log(
        "reporting", recorded_history(data), revisions, read_history=recorded_history
    )
    where = [e.note for e in entries].index("open")
    assert [e.commit for e in entries if e.note != "open"] == [r.commit for r in revisions]
    assert entries[where].source == "recorded" and entries[where].commit is None
    above, below = entries[:where], entries[where + 1 :]
    assert all(e.time >= at for e in above) and (not below or below[0].time <= at)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from("ab —\t\n\u2003-.,“”"), max_size=90),
    width=st.integers(40, 100),
)
def test_the_log_wraps_as_textwrap_does(text: str, width: int) -> None:
    indent = " " * 18
    expected = textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent)
    assert wrap(text, width=width, indent=indent) == expected
