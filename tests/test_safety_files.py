"""Package files that are not what they claim (issue 10, classes 2, 5 and 7): each is reported
where it is and as what it is, by every command, never skipped, guessed around or crashed on.

- a raw control character in any text file of the package is BT119 at its own line, before YAML
  reads the file (YAML would stop at the file's start, or at the front matter's);
- an entry that is no regular file (a directory, a FIFO, a link loop) is BT804 naming what it is,
  with no "missing" cascade; a bill.yaml that is no regular file is refused by name, by ``diff`` too;
- a message is one line: a newline in a file name is shown escaped;
- Markdown, HTML and USLM output show control characters escaped (XML cannot hold them);
- a draft changed after its cut, or a folder under drafts/ that is no readable draft, is refused by
  every command that reads drafts, not left out.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import run_billtrack
from tracker.adapters.provision_files import control_finding, decode_text
from tracker.adapters.uslm_writer import xml_text
from tracker.adapters.yaml_reader import read_yaml
from tracker.cli import cli
from tracker.render.terminal_text import printable_line


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


# Control characters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "shown"),
    [
        ("title: A\nowner: B. \x1b[31mC\n", 2, "U+001B (ESC) at column 11"),
        ("a\n\nb \x7f\n", 3, "U+007F (DEL) at column 3"),
        ("a\r\nb\rc\n", 2, "U+000D (CR) at column 2"),  # a CR alone, not a line end
        ("x \x9b1m\n", 1, "U+009B (CSI)"),
        ("page\x0cbreak", 1, "U+000C (FF)"),
    ],
)
def test_a_control_character_is_found_at_its_line(text: str, line: int, shown: str) -> None:
    decoded, findings = decode_text(text.encode("utf-8"), path="p.md")
    assert decoded is None
    assert [(f.code, f.line) for f in findings] == [("BT119", line)]
    assert shown in findings[0].message


def test_tabs_line_ends_and_bidi_text_are_not_control_characters() -> None:
    text = "title: \u05e9\u05dc\u05d5\u05dd \u2067x\u2069\r\n\tindented\n"
    assert control_finding(text.replace("\r\n", "\n"), path="p.md") is None
    assert decode_text(text.encode("utf-8"), path="p.md")[1] == []


def test_the_finding_counts_the_others() -> None:
    finding = control_finding("a\x1b\nb\x1b\x1b\n", path="p.md")
    assert finding is not None and "(and 2 more in the file)" in finding.message


@pytest.mark.parametrize(
    ("file", "old", "new", "where"),
    [
        ("provisions/bill.yaml", "short_title: Test Act", "short_title: Test \x1b[2J Act", ":2:"),
        ("provisions/reports.md", "owner: B. Counsel", "owner: B. \x1b[31mCounsel", ":5:"),
        ("provisions/reports.md", "annually.", "\x1b[31mannually.", ":11:"),
    ],
)
def test_check_and_text_blame_the_line_of_the_control_character(
    base_package: Path, file: str, old: str, new: str, where: str
) -> None:
    _edit(base_package, file, old, new)
    code, out, _ = run_billtrack(base_package, "check")
    assert code == 1
    errors = [line for line in out.splitlines() if " error " in line]
    assert errors == [line for line in errors if line.startswith(f"{file}{where} error BT119")]
    assert len(errors) == 1  # the file is not read further: no YAML error, no missing provision
    code, _, err = run_billtrack(base_package, "text")
    assert code == 1 and f"{file}{where} BT119" in err
    assert "\x1b" not in out + err


def test_a_character_yaml_cannot_hold_is_located_by_its_position() -> None:
    located, findings = read_yaml("a: 1\nb: x\ufffey\n", path="p.yaml", first_line=4)
    assert located is None
    assert [(f.code, f.line) for f in findings] == [("BT101", 5)]
    assert "U+FFFE at column 5" in findings[0].message


# Entries that are no regular file -----------------------------------------------------------------


def test_a_provision_that_is_a_directory_is_reported_as_one_alone(base_package: Path) -> None:
    (base_package / "provisions" / "reports.md").unlink()
    (base_package / "provisions" / "reports.md").mkdir()
    code, out, _ = run_billtrack(base_package, "check")
    errors = [line for line in out.splitlines() if " error " in line]
    assert code == 1
    assert errors == [
        "provisions/reports.md: error BT804: a directory, not a regular file: "
        "billtrack reads only regular files"
    ]


def test_order_yaml_that_is_a_directory_is_not_called_missing(base_package: Path) -> None:
    (base_package / "provisions" / "order.yaml").unlink()
    (base_package / "provisions" / "order.yaml").mkdir()
    code, out, _ = run_billtrack(base_package, "check")
    assert code == 1
    assert "provisions/order.yaml: error BT804: a directory" in out
    assert "BT109" not in out and "missing" not in out


def test_a_symlink_loop_is_a_finding_not_a_traceback(base_package: Path) -> None:
    link = base_package / "provisions" / "reports.md"
    link.unlink()
    link.symlink_to("reports.md")
    for args in (["check"], ["text"], ["export"], ["diff", "worktree", "worktree"]):
        result = CliRunner().invoke(cli, [*args, "--root", str(base_package)])
        assert result.exit_code == 1, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "provisions/reports.md" in result.output
        assert "Too many levels of symbolic links" in result.output


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_bill_yaml_that_is_no_regular_file_is_named_by_every_command(
    base_package: Path, kind: str
) -> None:
    bill = base_package / "provisions" / "bill.yaml"
    bill.unlink()
    said = {
        "directory": "a directory",
        "fifo": "a FIFO (named pipe)",
        "device": "a character device",
    }[kind]
    if kind == "directory":
        bill.mkdir()
    elif kind == "fifo":
        os.mkfifo(bill)
    else:
        bill.symlink_to("/dev/null")
    for args in (["text"], ["check"], ["diff", "first", "worktree"], ["draft", "list"]):
        code, _, err = run_billtrack(base_package, *args)
        assert code == 1, (args, err)
        assert f"provisions/bill.yaml: {said}, not a regular file" in err, (args, err)
        assert "no draft, revision or file" not in err


# One line per message -----------------------------------------------------------------------------


def test_a_message_is_one_line() -> None:
    assert printable_line("a\nb\tc\x1b\n") == "a\\nb\\tc\\x1b"


def test_a_newline_in_a_file_name_cannot_forge_a_line(base_package: Path) -> None:
    shutil.copy(base_package / "provisions" / "reports.md", base_package / "provisions" / "x\ny.md")
    code, out, _ = run_billtrack(base_package, "check")
    assert code == 1
    assert "provisions/x\\ny.md: error BT201" in out
    assert not any(line.startswith("y.md") for line in out.splitlines())
    code, _, err = run_billtrack(base_package, "text")
    assert code == 1 and err.startswith("error: provisions/x\\ny.md: BT201")
    assert len(err.splitlines()) == 2  # the error and its hint


# Output formats ---------------------------------------------------------------------------------


def test_xml_text_writes_what_xml_cannot_hold_as_visible_escapes() -> None:
    assert (
        xml_text("A\x1b[1mB\x00\x9b\ufffe \u202e\t\n") == "A\\x1b[1mB\\x00\\x9b\\ufffe \u202e\t\n"
    )


def test_a_control_character_written_as_a_yaml_escape_is_refused(base_package: Path) -> None:
    _edit(base_package, "provisions/bill.yaml", "short_title: Test Act", 'short_title: "T\\e[1mA"')
    line = _line_of(base_package / "provisions" / "bill.yaml", "short_title:")
    for command in (["export"], ["text"], ["check"]):
        code, out, err = run_billtrack(base_package, *command)
        assert code == 1, command
        assert f"provisions/bill.yaml:{line}" in out + err and "BT119" in out + err, command
        assert "\x1b" not in out + err


def test_file_redlines_show_control_characters_escaped(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("SEC. 1. REPORTS.\n\nThe report is due.\n", "utf-8")
    new.write_text("SEC. 1. REPORTS.\n\nThe report\x1b[8m is due.\n", "utf-8")
    for output_format in ("md", "html"):
        code, out, err = run_billtrack(
            tmp_path, "diff", str(old), str(new), "--format", output_format
        )
        assert code in (0, 1), err
        assert "\x1b" not in out and "\\x1b" in out, output_format


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(start))


# Drafts ---------------------------------------------------------------------------------------------


@pytest.fixture
def drafted(base_package: Path) -> Path:
    code, _, err = run_billtrack(base_package, "draft", "cut", "first", "--stage", "discussion")
    assert code == 0, err
    return base_package


DRAFT_COMMANDS = (
    ["draft", "list"],
    ["diff"],
    ["diff", "first", "worktree", "--format", "md"],
    ["changelog"],
    ["text", "--draft", "first"],
)


def test_a_draft_changed_after_its_cut_is_refused_by_every_reader(drafted: Path) -> None:
    _edit(drafted, "drafts/first/provisions/reports.md", "annually.", "quarterly.")
    for args in DRAFT_COMMANDS:
        code, _, err = run_billtrack(drafted, *args)
        assert code == 1, (args, err)
        assert "drafts/first/draft.yaml:" in err and "BT206" in err, (args, err)


@pytest.mark.parametrize(
    ("break_it", "said"),
    [
        (lambda d: (d / "draft.yaml").unlink(), "BT109: draft folder 'first' has no draft.yaml"),
        (lambda d: ((d / "draft.yaml").unlink(), os.mkfifo(d / "draft.yaml")), "a FIFO"),
        (lambda d: ((d / "draft.yaml").unlink(), (d / "draft.yaml").mkdir()), "a directory"),
    ],
    ids=["deleted", "fifo", "directory"],
)
def test_a_draft_folder_without_a_readable_record_is_refused(
    drafted: Path, break_it, said: str
) -> None:
    break_it(drafted / "drafts" / "first")
    for args in (*DRAFT_COMMANDS, ["check"]):
        code, out, err = run_billtrack(drafted, *args)
        assert code == 1, (args, out, err)
        assert "drafts/first/draft.yaml" in out + err and said in out + err, (args, out, err)
        assert "No drafts yet" not in out


def test_a_draft_folder_linking_out_of_the_package_is_refused(
    drafted: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    shutil.move(drafted / "drafts" / "first", outside)
    (drafted / "drafts" / "first").symlink_to(outside)
    for args in (*DRAFT_COMMANDS, ["check"]):
        code, out, err = run_billtrack(drafted, *args)
        assert code == 1, (args, out, err)
        assert "drafts/first" in out + err and "BT803" in out + err, (args, out, err)


def test_hidden_folders_under_drafts_are_still_not_drafts(drafted: Path) -> None:
    shutil.copytree(drafted / "drafts" / "first", drafted / "drafts" / ".x.abcd1234.partial")
    code, out, err = run_billtrack(drafted, "draft", "list")
    assert code == 0, err
    assert "first" in out and ".x." not in out
