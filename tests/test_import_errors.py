"""Bad sources and bad targets: one clear message, a non-zero exit, nothing left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.adapters.package_writer import write_package
from tracker.cli import cli
from tracker.core.errors import WriteError

GOOD = (
    '<?xml version="1.0"?><bill xmlns="http://schemas.gpo.gov/xml/uslm"><main>'
    "<longTitle><officialTitle>To test.</officialTitle></longTitle>"
    '<section><num value="1">SECTION 1. </num><heading>SHORT TITLE.</heading>'
    "<content>This Act may be cited as the Test Act.</content></section></main></bill>"
)

CASES = {
    "malformed": (
        b'<?xml version="1.0"?>\n<bill xmlns="http://schemas.gpo.gov/xml/uslm">\n<main>\n</bill>',
        "bill.xml",
        ["not well-formed XML", "bill.xml:4"],
    ),
    "unknown-root": (
        b'<?xml version="1.0"?><frDoc xmlns="http://schemas.gpo.gov/xml/uslm"><main/></frDoc>',
        "fr.xml",
        ["unknown root element <frDoc>", "<bill>, <resolution> or <engrossedAmendment>"],
    ),
    "foreign-namespace": (
        b'<?xml version="1.0"?><bill xmlns="urn:other"><main/></bill>',
        "other.xml",
        ["unknown root element <bill> in namespace urn:other"],
    ),
    "empty": (b"", "empty.xml", ["the file is empty"]),
    "blank": (b"  \n\n ", "blank.txt", ["the file is empty"]),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "x.pdf", ["binary"]),
    "not-utf8": (b"A BILL\nSEC. 1. \xff\xfe TITLE.\n", "latin.txt", ["not UTF-8", "latin.txt:2"]),
    "no-sections": (b"Dear colleague,\nplease cosponsor.\n", "letter.txt", ["no section heading"]),
}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_source_is_refused_cleanly(case: str, tmp_path: Path) -> None:
    data, name, messages = CASES[case]
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["import", str(source), "--to", str(out / "pkg")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ")
    for message in messages:
        assert message in result.output
    assert leftovers(out) == []  # no package, no temporary directory


def test_non_empty_target_is_refused_and_untouched(tmp_path: Path) -> None:
    source = tmp_path / "bill.xml"
    source.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "pkg"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "--to", str(target)])
    assert result.exit_code == 1
    assert f"error: {target}: {target} is not empty" in result.output
    assert "hint:" in result.output
    assert leftovers(target) == ["notes.txt"]
    assert leftovers(tmp_path) == ["bill.xml", "pkg"]


def test_empty_target_directory_is_used(tmp_path: Path) -> None:
    source = tmp_path / "bill.xml"
    source.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "pkg"
    target.mkdir()
    result = CliRunner().invoke(cli, ["import", str(source), "--to", str(target)])
    assert result.exit_code == 0, result.output
    assert leftovers(target / "provisions") == ["bill.yaml", "order.yaml", "short-title.md"]


def test_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "nope.xml"), "--to", "x"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    """A file that cannot be written (a path that is a directory) fails the whole write; the
    target, the temporary directory and the parents the write created are all gone."""
    target = tmp_path / "new" / "deeper" / "pkg"
    files = {"provisions/bill.yaml": "x: 1\n", "provisions/bill.yaml/oops": "y\n"}
    with pytest.raises(WriteError, match="could not write the package"):
        write_package(files, target)
    assert leftovers(tmp_path) == []
