"""The real introduced prints of the George Floyd Justice in Policing Act, 2020 and 2021.

They are PDF extractions (../shared/data/bills/hr7120-116/ih.txt and hr1280-117/ih.txt): cleaned
first, then split, redlined and checked for exact reconstruction and for a changed-word count no
larger than git's word diff on the same cleaned texts. Skipped without ../shared, unless
BILLTRACK_REQUIRE_SHARED=1 (CI), which makes a missing ../shared a failure.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tracker.core.gpo_text import clean_pdf_text
from tracker.core.redline import (
    DEFAULT_OPTIONS,
    MINIMAL_OPTIONS,
    ChangeKind,
    Redline,
    compare_units,
)
from tracker.core.text_units import split_text

pytestmark = pytest.mark.shared


@cache
def cleaned(bill: str) -> str:
    raw = shared_path("data", "bills", bill, "ih.txt").read_text(encoding="utf-8")
    return clean_pdf_text(raw)


@cache
def redline() -> Redline:
    old, new = split_text(cleaned("hr7120-116")), split_text(cleaned("hr1280-117"))
    return compare_units(  # as 'billtrack diff' compares two files: sections paired by content
        old,
        new,
        old_label="H.R. 7120 (116th) IH",
        new_label="H.R. 1280 (117th) IH",
        options=replace(DEFAULT_OPTIONS, numbered_keys=True),
    )


def git_changed_words(old: Path, new: Path) -> int:
    """Words in the lines git's porcelain word diff marks removed or added."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    result = subprocess.run(
        ["git", "diff", "--no-index", "--word-diff=porcelain", "--histogram", str(old), str(new)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    count = 0
    for line in result.stdout.splitlines():
        if line.startswith(("+++", "---")):
            continue
        if line[:1] in ("+", "-"):
            count += len(line[1:].split())
    return count


@pytest.mark.parametrize("bill", ["hr7120-116", "hr1280-117"])
def test_cleaning_removes_pdf_furniture_and_is_idempotent(bill: str) -> None:
    text = cleaned(bill)
    assert clean_pdf_text(text) == text
    lines = text.splitlines()
    assert not [line for line in lines if line.strip().isdigit()]
    assert not [line for line in lines if line.startswith("•") or line.startswith("H7120")]
    assert "Representatives" in text and "Representa-" not in text
    assert "TRIBAL LAW ENFORCEMENT OFFICER.—" in text


@pytest.mark.parametrize("bill", ["hr7120-116", "hr1280-117"])
def test_splitting_keeps_every_character_with_unique_keys(bill: str) -> None:
    text = cleaned(bill)
    units = split_text(text)
    assert "".join(u.text for u in units) == text
    keys = [u.key for u in units]
    assert len(keys) == len(set(keys))
    assert keys[0] == "preamble" and "sec:1" in keys and "sec:501" in keys
    assert "title:III/subtitle:C/part:I" in keys or "title:III/subtitle:C/part:1" in keys


def test_the_redline_reconstructs_both_prints_exactly() -> None:
    result = redline()
    old, new = cleaned("hr7120-116"), cleaned("hr1280-117")
    ordered_old = sorted(
        (u for u in result.units if u.old_position is not None), key=lambda u: u.old_position
    )
    assert "".join(u.old_text for u in ordered_old) == old
    assert "".join(u.new_text for u in result.units if u.new_position is not None) == new


def test_the_redline_shows_the_known_changes() -> None:
    result = redline()
    by_key = {u.key: u for u in result.units}
    title = "".join(text for op, text in by_key["sec:1"].runs if op == "insert")
    assert "George Floyd" in title and "2021" in title
    assert by_key["sec:404"].kind is ChangeKind.INSERTED
    assert by_key["sec:405"].kind is ChangeKind.INSERTED
    # SEC. 402 and 403 hold unrelated text in the two bills (findings on lynching and the lynching
    # offence; sexual acts under color of law): struck and inserted, never word-diffed into noise.
    by_old = {(u.old_key, u.kind) for u in result.units}
    by_new = {(u.new_key, u.kind) for u in result.units}
    for key in ("sec:402", "sec:403"):
        assert (key, ChangeKind.STRUCK) in by_old and (key, ChangeKind.INSERTED) in by_new
    struck = {u.old_heading for u in result.units if u.kind is ChangeKind.STRUCK}
    assert {"FINDINGS.", "LYNCHING."} <= struck
    assert result.summary.struck == 3 and result.summary.unchanged > 20


def test_changed_words_are_no_more_than_gits(tmp_path: Path) -> None:
    old = tmp_path / "hr7120-ih.txt"
    new = tmp_path / "hr1280-ih.txt"
    old.write_text(cleaned("hr7120-116"), encoding="utf-8")
    new.write_text(cleaned("hr1280-117"), encoding="utf-8")
    theirs = git_changed_words(old, new)
    units = split_text(cleaned("hr7120-116")), split_text(cleaned("hr1280-117"))
    minimal = compare_units(*units, options=MINIMAL_OPTIONS).summary.changed_words
    assert 0 < minimal <= theirs, (minimal, theirs)
    # The readable redline strikes unrelated sections whole and merges stranded short words: it
    # touches a few more words than git's (about 3% here), and never many more.
    ours = redline().summary.changed_words
    assert 0 < ours <= theirs * 1.05, (ours, theirs)
