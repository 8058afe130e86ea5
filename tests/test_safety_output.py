"""Output that could attack its reader (issue 10, class 7).

- content holding escape sequences or bidi overrides never reaches the terminal raw, through any
  command that prints it;
- CSV cells a spreadsheet would run as formulas are neutralised;
- ``diff`` refuses non-regular files and files over the input limit before reading them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import STATUS_PACKAGE, run_billtrack

from tracker.render.terminal_text import csv_text, printable, safe_cell

# What a hostile owner, note or title may carry and still be read: bidirectional overrides and
# isolates and an invisible direction mark, which make a terminal line read other than it is.
# Control characters (CSI colour, OSC hyperlinks, clear-screen, C1, backspace), even written as
# YAML escapes, are refused on reading: see test_control_characters_are_refused_at_their_line.
HOSTILE_YAML = r'"X\u202eok \u2067isolated\u2069 \u200fmark"'
HOSTILE = "X\u202eok \u2067isolated\u2069 \u200fmark"
CONTROL_YAML = r'"X\e[31mred\e]8;;https://evil.example\aclick\e]8;;\a\e]0;title\a\e[2J\x9b1m"'
# A body is Markdown: no escapes, and a raw control character in it is refused (BT119, see
# test_a_raw_control_character_in_a_body_is_refused); bidi overrides and isolates are text it may
# hold, and must not reach a terminal raw.
HOSTILE_BODY = "X\u202eok \u2067isolated\u2069 \u200fmark"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The status package with escape sequences in an owner, a title, a note and an Order summary."""
    root = tmp_path / "pkg"
    shutil.copytree(STATUS_PACKAGE, root)
    path = root / "provisions" / "grant-conditions.md"
    text = path.read_text("utf-8")
    text = text.replace("owner: J. Rivera", f"owner: {HOSTILE_YAML}", 1)
    text = text.replace("title: Credentialing condition on grants", f"title: {HOSTILE_YAML}", 1)
    text = text.replace(
        "author: K. Donovan, note: null}", f"author: K. Donovan, note: {HOSTILE_YAML}}}", 1
    )
    text += f"\n(c) Hostile.—{HOSTILE_BODY}\n"
    path.write_text(text, "utf-8")
    order = root / "provisions" / "order.yaml"
    text = order.read_text("utf-8")
    order.write_text(
        text.replace("summary: Condition grants on credentials.", f"summary: {HOSTILE_YAML}"),
        "utf-8",
    )
    return root


def test_the_fixture_really_carries_the_escapes(hostile: Path) -> None:
    from tracker.adapters.loader import load_package

    provision = load_package(hostile).provisions["grant-conditions"]
    assert provision.owner == HOSTILE
    assert provision.title == HOSTILE
    assert HOSTILE_BODY in provision.body


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--format", "csv"],
        ["status", "--format", "json"],
        ["log"],
        ["log", "grant-conditions"],
        ["text"],
        ["text", "--format", "plain"],
        ["coverage"],
        ["changelog", "{clean}", "worktree"],
        ["changelog", "{clean}", "worktree", "--format", "md"],
        ["diff", "provisions/short-title.md", "provisions/grant-conditions.md"],
        ["diff", "{clean}", "worktree"],
        ["diff", "{clean}", "worktree", "--stat"],
    ],
    ids=" ".join,
)
def test_no_escape_reaches_the_terminal(hostile: Path, args: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clean = hostile.parent / "clean"
    shutil.copytree(STATUS_PACKAGE, clean)
    monkeypatch.chdir(hostile)
    code, out, err = run_billtrack(hostile, *(arg.format(clean=clean) for arg in args))
    assert "Traceback" not in err
    assert out, (code, err)
    assert not RAW.findall(out + err), args
    if args[-1] != "json":
        assert "\\u202e" in out  # shown, escaped, not dropped


def test_check_messages_quoting_content_are_escaped(package: Path) -> None:
    path = package / "provisions" / "grant-conditions.md"
    text = path.read_text("utf-8").replace("status: cleared", f"status: {HOSTILE_YAML}", 1)
    path.write_text(text, "utf-8")
    code, out, err = run_billtrack(package, "check")
    assert code == 1
    assert "error BT302: status 'X\\u202eok" in out
    assert not RAW.findall(out + err)


@pytest.mark.parametrize("field", ["owner", "title", "note"])
@pytest.mark.parametrize("command", [["check"], ["status"], ["log"], ["text"]], ids=" ".join)
def test_control_characters_are_refused_at_their_line(
    package: Path, field: str, command: list[str]
) -> None:
    path = package / "provisions" / "grant-conditions.md"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if field == "note" and "note: null}" in line:
            lines[number] = line.replace("note: null}", f"note: {CONTROL_YAML}}}")
            break
        if line.startswith(f"{field}:"):
            lines[number] = f"{field}: {CONTROL_YAML}\n"
            break
    path.write_text("".join(lines), "utf-8")
    code, out, err = run_billtrack(package, *command)
    assert code == 1
    assert f"provisions/grant-conditions.md:{number + 1}" in out + err
    assert "BT119" in out + err
    assert not RAW.findall(out + err)


def test_colour_is_kept_but_content_escapes_are_not(hostile: Path) -> None:
    from tracker.adapters.versions import compare_versions
    from tracker.render.redline_term import GREEN, RESET, render_term

    clean = hostile.parent / "clean"
    shutil.copytree(STATUS_PACKAGE, clean)
    text = render_term(compare_versions(str(clean), "worktree", root=hostile), color=True)
    assert GREEN in text and RESET in text  # our own styling survives
    without_ours = re.sub(r"\x1b\[(?:0|1|2|31|32|36)m", "", text)
    assert "\x1b" not in without_ours and "\u202e" not in without_ours


def test_draft_notes_are_escaped(hostile: Path) -> None:
    code, _, err = run_billtrack(hostile, "draft", "cut", "first", "--stage", "discussion")
    assert code == 0, err
    yaml_file = hostile / "drafts" / "first" / "draft.yaml"
    text = yaml_file.read_text("utf-8")
    yaml_file.write_text(
        re.sub(r"(?m)^note: .*$", lambda _: f"note: {HOSTILE_YAML}", text), "utf-8"
    )
    for args in (["draft", "list"], ["status", "--bill"]):
        code, out, err = run_billtrack(hostile, *args)
        assert code == 0, err
        assert not RAW.findall(out)
    assert "\\u202e" in out  # the timeline shows the draft's note, escaped


def test_json_stays_the_same_data_without_raw_controls(hostile: Path) -> None:
    _, out, _ = run_billtrack(hostile, "status", "--format", "json")
    assert not RAW.findall(out)
    assert "\\u202e" in out
    assert HOSTILE in [
        row["owner"] for row in json.loads(out)["provisions"]
    ]  # the data itself is unchanged


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31m", "\\x1b[31m"),
        ("a\x07b", "a\\x07b"),
        ("\x9b2J", "\\x9b2J"),
        ("\u202eevil", "\\u202eevil"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("\u200f", "\\u200f"),
        ("\r\x00\x7f", "\\x0d\\x00\\x7f"),
        ("keep\ttabs\nand newlines", "keep\ttabs\nand newlines"),
        ("“Curly” — and § 101(a)", "“Curly” — and § 101(a)"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # idempotent


# CSV ---------------------------------------------------------------------------------------------

CSV_CELLS = [
    ('=HYPERLINK("https://evil.example","click")', '\'=HYPERLINK("https://evil.example","click")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\\x0d=1+1"),
    ("=", "'="),
    ("A. Counsel", "A. Counsel"),
    ("a=b", "a=b"),
    ("2026-01-02", "2026-01-02"),
    ("", ""),
]


@pytest.mark.parametrize(("cell", "safe"), CSV_CELLS)
def test_csv_cells_are_neutralised(cell: str, safe: str) -> None:
    assert safe_cell(cell) == safe
    parsed = list(csv.reader(io.StringIO(csv_text(["h"], [[cell]]))))
    assert parsed == [["h"], [safe]]


def test_status_csv_neutralises_owner_and_title(package: Path) -> None:
    path = package / "provisions" / "grant-conditions.md"
    text = path.read_text("utf-8")
    text = text.replace("owner: J. Rivera", "owner: '=HYPERLINK(\"https://evil.example\")'", 1)
    text = text.replace("title: Credentialing condition on grants", "title: '+cmd|calc'", 1)
    path.write_text(text, "utf-8")
    code, out, err = run_billtrack(package, "status", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    row = next(r for r in rows if r["id"] == "grant-conditions")
    assert row["owner"] == '\'=HYPERLINK("https://evil.example")'
    assert row["title"] == "'+cmd|calc"
    for each in rows:
        assert not any(
            value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in each.values()
        )


# Input files -------------------------------------------------------------------------------------


def _run_cli(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """billtrack in a subprocess with a hard time-out, so a regression cannot hang the suite."""
    return subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main()", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_diff_refuses_a_fifo_without_waiting(package: Path) -> None:
    fifo = package / "stream.md"
    os.mkfifo(fifo)
    done = _run_cli(package, "diff", "stream.md", "provisions/short-title.md")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "error: stream.md: a FIFO (named pipe), not a regular file" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_diff_refuses_an_endless_device(package: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    done = _run_cli(package, "diff", device, "provisions/short-title.md")
    assert done.returncode == 1
    assert f"error: {device}: a character device, not a regular file" in done.stderr


def test_diff_refuses_a_file_over_the_limit(package: Path) -> None:
    (package / "big.md").write_text("word " * 100, "utf-8")
    env = {"BILLTRACK_MAX_INPUT_BYTES": "100"}
    done = _run_cli(package, "diff", "big.md", "provisions/short-title.md", env=env)
    assert done.returncode == 1
    assert "error: big.md: larger than the input limit of 100 bytes (500 bytes)" in done.stderr
    assert "BILLTRACK_MAX_INPUT_BYTES" in done.stderr
    small = _run_cli(package, "diff", "big.md", "provisions/short-title.md")
    assert small.returncode == 0, small.stderr


def test_package_files_over_the_limit_are_located_findings(package: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    size = (package / "provisions" / "grant-conditions.md").stat().st_size
    biggest = max(p.stat().st_size for p in (package / "provisions").iterdir())
    assert size < biggest
    monkeypatch.setenv("BILLTRACK_MAX_INPUT_BYTES", str(biggest - 1))
    code, out, _ = run_billtrack(package, "check")
    assert code == 1
    assert re.search(r"^provisions/\S+: error BT804: larger than the input limit", out, re.M)


@pytest.mark.parametrize("value", ["lots", "0", "-5"])
def test_a_bad_limit_is_refused_by_name(package: Path, monkeypatch, value: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BILLTRACK_MAX_INPUT_BYTES", value)
    code, _, err = run_billtrack(package, "check")
    assert code == 1
    assert "BILLTRACK_MAX_INPUT_BYTES" in err and "Traceback" not in err


def test_import_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "bill.xml"
    os.mkfifo(fifo)
    done = _run_cli(tmp_path, "import", "bill.xml", "--to", "out")
    assert done.returncode != 0
    assert "not a regular file" in done.stderr or "is not a file" in done.stderr.lower()
    assert not (tmp_path / "out").exists()
