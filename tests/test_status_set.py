"""``billtrack status`` and ``status set``: the table, transitions through the CLI, the byte-preserving
editor (a property test over generated provision files), and data safety (changed on disk, read-only
file, full disk, concurrent runs), and suspect links (BT310)."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import multiprocessing
import os
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import STATUS_PACKAGE, run_billtrack
from tracker.adapters import front_matter_edit as editor
from tracker.adapters.front_matter_edit import (
    FrontMatterChange,
    control_character,
    edit_front_matter,
    history_item,
    verify_edit,
    write_provision_change,
)
from tracker.adapters.loader import load_package
from tracker.adapters.provision_files import read_provision
from tracker.cli import cli
from tracker.core.errors import InvalidValueError, WriteError
from tracker.core.model import HistoryEntry

TODAY = dt.date.today().isoformat()


def set_status(root: Path, *args: str) -> tuple[int, str, str]:
    return run_billtrack(root, "status", "set", *args, "--author", "M. Chen")


# The table ----------------------------------------------------------------------------------------


def test_status_table_fits_80_columns_and_counts(package: Path) -> None:
    code, out, _ = run_billtrack(package, "status")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    for text in ("101", "grant-conditions", "Reports by grantees", "review", "M. Chen", "2(b)"):
        assert text in out
    assert "2026-03-01" in out  # the last recorded change of 'reporting'
    assert out.rstrip().endswith("4 provisions: 1 review, 2 cleared, 1 dropped")


def test_status_json_and_csv(package: Path) -> None:
    code, out, _ = run_billtrack(package, "status", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 4 and data["counts"]["cleared"] == 2
    first = data["provisions"][1]
    assert first["number"] == "101" and first["id"] == "grant-conditions"
    assert first["last_change"] == {
        "date": "2026-04-28",
        "author": "K. Donovan",
        "source": "recorded",
    }
    assert first["order_ids"] == ["2(a)"]
    code, out, _ = run_billtrack(package, "status", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == [
        "short-title",
        "grant-conditions",
        "reporting",
        "old-section",
    ]
    assert rows[3]["number"] == "" and rows[2]["order_ids"] == "2(b)"


def test_status_filters(package: Path) -> None:
    code, out, _ = run_billtrack(package, "status", "--status", "cleared", "--format", "json")
    assert code == 0
    assert [p["id"] for p in json.loads(out)["provisions"]] == ["short-title", "grant-conditions"]
    code, out, _ = run_billtrack(package, "status", "--owner", "m. chen")
    assert code == 0 and "reporting" in out and "grant-conditions" not in out
    assert "1 of 4 provisions (owner m. chen): 1 review" in out
    code, _, err = run_billtrack(package, "status", "--status", "cleard")
    assert code == 1 and "unknown status 'cleard'" in err and "did you mean 'cleared'?" in err
    code, _, err = run_billtrack(package, "status", "--owner", "M. Chan")
    assert code == 1 and "did you mean 'M. Chen'?" in err


def test_status_bill_timeline(package: Path) -> None:
    code, out, _ = run_billtrack(package, "status", "--bill")
    assert code == 0
    assert "Current stage: Introduced (ih)" in out
    assert out.index("2026-03-02") < out.index("2026-05-12")
    data = json.loads(run_billtrack(package, "status", "--bill", "--format", "json")[1])
    assert data["stage"] == "introduced" and data["code"] == "ih"
    assert [e["stage"] for e in data["events"]] == ["discussion", "introduced"]


# status set through the CLI -----------------------------------------------------------------------


def test_set_changes_only_status_owner_and_history(package: Path) -> None:
    path = package / "provisions" / "reporting.md"
    before = path.read_bytes()
    code, out, err = set_status(
        package, "reporting", "cleared", "--note", 'Fine: ship it, "now"', "--owner", "K. Donovan"
    )
    assert code == 0, err
    assert out == "reporting: review -> cleared, owner K. Donovan\n"
    after = path.read_bytes().decode()
    old_lines = before.decode().splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    assert new_lines[5] == "status: 'cleared'   # waiting on the committee\n"
    assert new_lines[6] == "owner: K. Donovan\n"
    assert new_lines[10].startswith("fingerprint: ")
    assert new_lines[19] == (
        f"  - {{date: {TODAY}, from: review, to: cleared, author: M. Chen, "
        'note: "Fine: ship it, \\"now\\"", owner: K. Donovan}\n'
    )
    kept_old = [line for i, line in enumerate(old_lines) if i not in (5, 6)]
    kept_new = [line for i, line in enumerate(new_lines) if i not in (5, 6, 10, 19)]
    assert kept_old == kept_new
    provision = load_package(package).provisions["reporting"]
    assert provision.status == "cleared" and provision.owner == "K. Donovan"
    assert provision.history[-1].note == 'Fine: ship it, "now"'


def test_illegal_transition_is_refused_with_the_allowed_ones(package: Path) -> None:
    path = package / "provisions" / "reporting.md"
    before = path.read_bytes()
    code, _, err = set_status(package, "reporting", "outline")
    assert code == 1
    assert "cannot move from 'review' to 'outline'" in err
    assert "allows: cleared, drafting, hold, dropped" in err and "--force" in err
    assert path.read_bytes() == before


def test_force_is_recorded_only_when_needed(package: Path) -> None:
    code, out, _ = set_status(package, "reporting", "outline", "--force")
    assert code == 0 and "(forced)" in out
    assert load_package(package).provisions["reporting"].history[-1].forced
    code, out, _ = set_status(package, "reporting", "drafting", "--force")
    assert code == 0 and "(forced)" not in out
    assert not load_package(package).provisions["reporting"].history[-1].forced


def test_several_ids_at_once_all_or_nothing(package: Path) -> None:
    snapshot = {p.name: p.read_bytes() for p in (package / "provisions").iterdir()}
    code, _, err = set_status(package, "reporting", "short-title", "hold")
    assert code == 1 and "short-title: cannot move from 'cleared' to 'hold'" in err
    code, _, err = set_status(package, "reporting", "old-section", "cleared")
    assert code == 1 and "old-section: cannot move from 'dropped' to 'cleared'" in err
    assert snapshot == {p.name: p.read_bytes() for p in (package / "provisions").iterdir()}
    code, out, _ = set_status(package, "short-title", "grant-conditions", "review")
    assert code == 0
    assert out.splitlines() == [
        "short-title: cleared -> review",
        "grant-conditions: cleared -> review",
    ]


def test_unknown_ids_and_statuses_get_did_you_mean(package: Path) -> None:
    code, _, err = set_status(package, "reportng", "cleared")
    assert code == 1 and "no provision 'reportng'" in err and "did you mean 'reporting'?" in err
    code, _, err = set_status(package, "reporting", "clear")
    assert code == 1 and "did you mean 'cleared'?" in err
    code, _, err = set_status(package, "reporting")
    assert code == 2 and "give one or more provision ids" in err


def test_no_author_is_an_error(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GIT_AUTHOR_NAME", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(package / "no-such-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    result = CliRunner().invoke(
        cli, ["status", "set", "reporting", "cleared", "--root", str(package)]
    )
    assert result.exit_code == 1 and "--author" in result.stderr


def test_commit_outside_git_says_so(package: Path) -> None:
    code, _, err = set_status(package, "reporting", "cleared", "--commit")
    assert code == 2 or code == 1
    assert "not in a git repository" in err


# Suspect links ------------------------------------------------------------------------------------


def test_changed_order_entry_flags_cleared_provisions_until_set_again(package: Path) -> None:
    assert set_status(package, "reporting", "cleared")[0] == 0
    order = package / "provisions" / "order.yaml"
    order.write_text(
        order.read_text().replace("Require reports from grantees.", "Require quarterly reports."),
        encoding="utf-8",
    )
    code, out, _ = run_billtrack(package, "check")
    assert (
        "warning BT310: provision cleared against an earlier version of Order entry 2(b); " in out
    )
    assert "re-review it" in out and "provisions/reporting.md:11:" in out
    code, out, _ = run_billtrack(package, "status")
    assert code == 0
    assert "cleared !" in out and "! cleared against an Order entry that has changed" in out
    assert json.loads(run_billtrack(package, "status", "--format", "json")[1])["provisions"][2][
        "suspect"
    ]
    # grant-conditions was cleared by hand (no fingerprint): never flagged
    assert "grant-conditions.md" not in run_billtrack(package, "check")[1]
    assert set_status(package, "reporting", "review")[0] == 0
    assert "BT310" not in run_billtrack(package, "check")[1]
    assert set_status(package, "reporting", "cleared")[0] == 0
    assert "BT310" not in run_billtrack(package, "check")[1]


# The editor: examples -----------------------------------------------------------------------------

ENTRY = HistoryEntry(
    date=dt.date(2026, 6, 1), from_status="review", to_status="cleared", author="A", note=None
)


def edit(text: str, **change: object) -> str:
    data = text.encode("utf-8")
    wanted = FrontMatterChange(**change)  # type: ignore[arg-type]
    new = edit_front_matter(data, wanted, path="provisions/x.md")
    verify_edit(data, new, wanted, path="provisions/x.md")
    return new.decode("utf-8")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "history: []\n",
            "history: [{date: 2026-06-01, from: review, to: cleared, author: A, note: null}]\n",
        ),
        (
            "history:\n",
            "history:\n  - {date: 2026-06-01, from: review, to: cleared, author: A, note: null}\n",
        ),
        (
            "history: null  # none\n",
            "history:  # none\n  - {date: 2026-06-01, from: review, to: cleared, author: A, note: null}\n",
        ),
        (
            "history:\n- {date: 2026-01-01, to: review}\n# trailing comment\n",
            "history:\n- {date: 2026-01-01, to: review}\n- {date: 2026-06-01, from: review, to: cleared, author: A, note: null}\n# trailing comment\n",
        ),
        (
            "history:\n    - date: 2026-01-01\n      to: review\n      note:\n",
            "history:\n    - date: 2026-01-01\n      to: review\n      note:\n    - {date: 2026-06-01, from: review, to: cleared, author: A, note: null}\n",
        ),
    ],
)
def test_history_forms(before: str, after: str) -> None:
    head = "---\ntitle: T\nstatus: review\n"
    text = edit(f"{head}{before}---\nBody\n", status="cleared", history=(ENTRY,))
    assert text == f"---\ntitle: T\nstatus: cleared\n{after}---\nBody\n"


def test_crlf_bom_empty_values_and_missing_keys() -> None:
    source = "\ufeff---\r\ntitle: T\r\nstatus:   # to do\r\nowner:\r\n---\r\nBody\r\n"
    text = edit(
        source, status="review", owner="K. D", fingerprint="1234567890123456", history=(ENTRY,)
    )
    assert text == (
        "\ufeff---\r\ntitle: T\r\nstatus: review   # to do\r\nowner: K. D\r\n"
        'fingerprint: "1234567890123456"\r\n'
        "history:\r\n  - {date: 2026-06-01, from: review, to: cleared, author: A, note: null}\r\n"
        "---\r\nBody\r\n"
    )
    inserted = edit("---\ntitle: T\nstatus: review\nsummary: S\n---\n", owner="Me")
    assert inserted == "---\ntitle: T\nstatus: review\nowner: Me\nsummary: S\n---\n"


def test_refuses_what_it_cannot_edit_safely() -> None:
    with pytest.raises(WriteError, match="appears twice"):
        edit("---\ntitle: T\nstatus: a\nstatus: b\n---\n", status="review")
    with pytest.raises(WriteError, match="not a single value"):
        edit("---\ntitle: T\nstatus: [a]\n---\n", status="review")
    with pytest.raises(WriteError, match="not a list"):
        edit("---\ntitle: T\nstatus: a\nhistory: {a: 1}\n---\n", history=(ENTRY,))
    with pytest.raises(WriteError, match="front matter"):
        edit("title: T\n", status="review")


# The editor: a property test over generated files -------------------------------------------------

words = st.from_regex(r"[A-Za-z][A-Za-z0-9 .,;!?()'-]{0,28}[A-Za-z0-9.)]", fullmatch=True).filter(
    lambda w: "  " not in w and yaml.safe_load(w) == w
)
names = st.sampled_from(["J. Rivera", "M. Chen", "K. Donovan", "O'Brien", "L. Brennan"])
statuses = st.sampled_from(["outline", "drafting", "review", "cleared", "hold", "dropped"])
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
comment = words.map(lambda w: f"# {w}")
gap = st.lists(st.sampled_from(["", "#", "   "]) | comment, max_size=2)


@st.composite
def scalar_line(draw: st.DrawFn, key: str, values: st.SearchStrategy[str]) -> list[str]:
    value = draw(values)
    form = draw(st.sampled_from(["plain", "single", "double", "empty", "null", "block"]))
    spaces = " " * draw(st.integers(1, 3))
    tail = draw(st.sampled_from(["", "  # note", " #x"]))
    if form == "single":
        quoted = value.replace("'", "''")
        return [f"{key}:{spaces}'{quoted}'{tail}"]
    if form == "double":
        return [f'{key}:{spaces}"{value}"{tail}']
    if form == "empty":
        return [f"{key}:{tail}"]
    if form == "null":
        return [f"{key}:{spaces}{draw(st.sampled_from(['null', '~']))}{tail}"]
    if form == "block":
        return [f"{key}: >-", f"  {value}"]
    return [f"{key}:{spaces}{value}{tail}"]


@st.composite
def history_lines(draw: st.DrawFn) -> list[str]:
    form = draw(st.sampled_from(["absent", "empty", "null", "flow", "block-flow", "block-map"]))
    items = draw(st.lists(st.tuples(statuses, names), max_size=3))
    if form == "absent":
        return []
    if form == "empty":
        return ["history:"]
    if form == "null":
        return ["history: null"]
    if form == "flow":
        inner = ", ".join(
            f"{{date: 2026-01-0{i + 1}, to: {s}, author: {n}}}" for i, (s, n) in enumerate(items)
        )
        return [f"history: [{inner}]"]
    if not items:
        return ["history: []"]
    indent = " " * draw(st.sampled_from([0, 2, 4]))
    lines = ["history:"]
    for i, (status, name) in enumerate(items):
        if form == "block-flow":
            lines.append(f"{indent}- {{date: 2026-01-0{i + 1}, to: {status}, author: {name}}}")
        else:
            lines += [
                f"{indent}- date: 2026-01-0{i + 1}",
                f"{indent}  to: {status}",
                f"{indent}  author: {name}",
            ]
            if draw(st.booleans()):
                lines.append(f"{indent}  note: >-")
                lines.append(f"{indent}    {draw(words)}")
        lines += draw(gap) if draw(st.booleans()) else []
    return lines


@st.composite
def provision_files(draw: st.DrawFn) -> str:
    chunks = [
        [f"title: {draw(words)}"],
        draw(st.sampled_from([['implements: ["2(a)"]'], ["implements:", '  - "2(b)"'], []])),
        draw(scalar_line("status", statuses)),
        draw(st.one_of(st.just([]), scalar_line("owner", names))),
        draw(
            st.sampled_from(
                [
                    [],
                    ["summary: One line."],
                    ["summary: >-", "  Folded", "", "  text."],
                    ["summary: |", "  Kept", ""],
                ]
            )
        ),
        draw(st.sampled_from([[], ['fingerprint: "00000000000000aa"'], ["fingerprint:"]])),
        draw(history_lines()),
    ]
    order = draw(st.permutations(range(len(chunks))))
    lines: list[str] = []
    for index in order:
        lines += draw(gap) + chunks[index]
    lines += draw(gap)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    body = draw(  # a package's text holds no control characters but tabs and line ends (BT119)
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"),
            max_size=60,
        )
    )
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom + newline.join(["---", *lines, "---", ""]) + body


@st.composite
def changes(draw: st.DrawFn) -> FrontMatterChange:
    entry = HistoryEntry(
        date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
        from_status=draw(st.none() | statuses),
        to_status=draw(statuses),
        author=draw(st.none() | any_text),
        note=draw(st.none() | any_text),
        forced=draw(st.booleans()),
        owner=draw(st.none() | names),
    )
    return FrontMatterChange(
        status=draw(st.none() | statuses),
        owner=draw(st.none() | any_text),
        fingerprint=draw(st.none() | st.text("0123456789abcdef", min_size=16, max_size=16)),
        history=(entry,) if draw(st.booleans()) else (),
    )


def lines_of(text: str) -> list[str]:
    """Lines split at \\n only, ends kept (str.splitlines also splits at \\x1e, \\x85...)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def tracked_lines(text: str, appended: tuple[HistoryEntry, ...]) -> set[int]:
    """Indexes of the lines billtrack may change: the status, owner and fingerprint entries, the
    history key (and a flow or null history), and appended history items."""
    lines = lines_of(text.removeprefix("\ufeff"))
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    front = "".join(lines[1:end])
    tracked: set[int] = set()
    root = yaml.compose(front, Loader=yaml.SafeLoader)
    for key, value in root.value if root else []:
        if key.value not in ("status", "owner", "fingerprint", "history"):
            continue
        last = key.start_mark.line
        if not (
            key.value == "history" and isinstance(value, yaml.SequenceNode) and not value.flow_style
        ):
            # the value's last line with content (a block scalar's span ends after blank lines)
            content = front[value.start_mark.index : value.end_mark.index].rstrip()
            last = max(last, front.count("\n", 0, value.start_mark.index + len(content)))
        tracked.update(range(key.start_mark.line + 1, last + 2))
    items = {f"- {history_item(entry)}" for entry in appended}
    tracked.update(i for i, line in enumerate(lines) if line.strip() in items)
    return tracked


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=provision_files(), change=changes())
def test_edit_preserves_every_other_byte(source: str, change: FrontMatterChange) -> None:
    data = source.encode("utf-8")
    before, _ = read_provision("x", data, path="provisions/x.md")
    assert before is not None, source
    recorded = [change.owner] + [
        value for entry in change.history for value in (entry.author, entry.note, entry.owner)
    ]
    if any(control_character(value or "") for value in recorded):
        # an owner, author or note with a control character is refused, and nothing is made
        with pytest.raises(InvalidValueError, match="control character"):
            edit_front_matter(data, change, path="provisions/x.md")
        return
    new = edit_front_matter(data, change, path="provisions/x.md")
    after = verify_edit(data, new, change, path="provisions/x.md")  # reads back as intended
    assert after.history[len(before.history) :] == change.history
    text = new.decode("utf-8")
    assert text.startswith("\ufeff") is source.startswith("\ufeff")
    old_lines = lines_of(source.removeprefix("\ufeff"))
    new_lines = lines_of(text.removeprefix("\ufeff"))
    old_kept = [line for i, line in enumerate(old_lines) if i not in tracked_lines(source, ())]
    new_kept = [
        line for i, line in enumerate(new_lines) if i not in tracked_lines(text, change.history)
    ]
    assert old_kept == new_kept
    newline = "\r\n" if source.removeprefix("\ufeff").startswith("---\r\n") else "\n"
    fence = next(i for i in range(1, len(new_lines)) if new_lines[i].rstrip() == "---")
    assert all(line.endswith(newline) for line in new_lines[: fence + 1])


# Data safety --------------------------------------------------------------------------------------

CHANGE = FrontMatterChange(status="cleared", history=(ENTRY,))


def test_changed_on_disk_is_not_overwritten(package: Path) -> None:
    path = package / "provisions" / "reporting.md"
    read = path.read_bytes()
    path.write_bytes(read.replace(b"annually", b"quarterly"))
    with pytest.raises(WriteError, match="changed on disk"):
        write_provision_change(path, read, CHANGE, label="provisions/reporting.md")
    assert b"quarterly" in path.read_bytes() and b"status: 'review'" in path.read_bytes()


def test_change_during_the_write_is_detected(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = package / "provisions" / "reporting.md"
    read = path.read_bytes()
    real = editor.verify_edit

    def meddle(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(read + b"\nAn edit made in another window.\n")
        return result

    monkeypatch.setattr(editor, "verify_edit", meddle)
    with pytest.raises(WriteError, match="changed on disk while it was being written"):
        write_provision_change(path, read, CHANGE, label="provisions/reporting.md")
    assert path.read_bytes().endswith(b"another window.\n")
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_read_only_file_is_left_intact(package: Path) -> None:
    path = package / "provisions" / "reporting.md"
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        code, _, err = set_status(package, "reporting", "cleared")
    finally:
        path.chmod(0o644)
    assert code == 1 and "read-only" in err and "chmod" in err
    assert path.read_bytes() == before


def test_full_disk_leaves_the_original(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = package / "provisions" / "reporting.md"
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(editor.os, "fsync", full)
    code, _, err = set_status(package, "reporting", "cleared")
    assert code == 1 and "the disk is full" in err and "the original is intact" in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in (STATUS_PACKAGE / "provisions").iterdir()
    )


def test_file_mode_is_kept(package: Path) -> None:
    path = package / "provisions" / "reporting.md"
    path.chmod(0o640)
    assert set_status(package, "reporting", "cleared")[0] == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def _set_in_child(root: str, pid: str, target: str) -> str:
    from tracker.adapters.front_matter_edit import set_status as run_set

    try:
        run_set(Path(root), [pid], target, author=f"worker {os.getpid()}", force=True)
    except WriteError as exc:
        return f"refused: {exc.message}"
    return "ok"


def test_concurrent_runs_never_corrupt(package: Path) -> None:
    ids = ["short-title", "grant-conditions", "reporting", "old-section"]
    jobs = [(str(package), pid, target) for _ in range(3) for pid in ids for target in ("hold",)]
    jobs += [(str(package), "reporting", "drafting") for _ in range(6)]
    context = multiprocessing.get_context("fork")
    with context.Pool(8) as pool:
        results = pool.starmap(_set_in_child, jobs)
    assert all(r == "ok" or "changed on disk" in r for r in results), results
    loaded = load_package(package)
    assert not loaded.errors
    for pid in ids:
        before, _ = read_provision(
            pid, (STATUS_PACKAGE / "provisions" / f"{pid}.md").read_bytes(), path=pid
        )
        successes = sum(
            1 for job, r in zip(jobs, results, strict=True) if job[1] == pid and r == "ok"
        )
        assert len(loaded.provisions[pid].history) == len(before.history) + successes  # type: ignore[union-attr]
    assert results.count("ok") >= len(ids)


def test_an_unreadable_provision_is_named_with_its_problem(package: Path) -> None:
    path = package / "provisions" / "reporting.md"
    path.write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    code, _, err = set_status(package, "reporting", "cleared")
    assert code == 1 and "provisions/reporting.md:3: provision 'reporting' cannot be read" in err
    assert path.read_text() == "---\ntitle: [oops\n---\n"


def test_block_scalar_values_keep_the_blank_lines_after_them() -> None:
    source = "---\ntitle: T\nowner: >-\n  J. Rivera\n\nstatus: |\n  review\n\n---\nBody\n"
    text = edit(source, owner="K. D", status="cleared", history=(ENTRY,))
    assert text == (
        "---\ntitle: T\nowner: K. D\n\nstatus: cleared\n"
        "history:\n  - {date: 2026-06-01, from: review, to: cleared, author: A, note: null}\n"
        "\n---\nBody\n"
    )
