"""Margin furniture of GPO PDF prints (typist stamps, slugs, running heads) wherever it falls.

The table (tests/fixtures/gpo_stamps.yaml) pins exact outputs; the property inserts each stamp at
every kind of word boundary of real passages; the end-to-end test stamps a whole real bill and
proves the package is the one the clean text gives, and that the import report's precision shows
the stamps when they are left in.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import tracker.core.gpo_text as gpo_text
from tests.conftest import FIXTURES, shared_path
from tracker.cli import cli
from tracker.core.gpo_text import clean_pdf_text, find_furniture, is_furniture_word
from tracker.core.import_report import fidelity

TABLE = yaml.safe_load((FIXTURES / "gpo_stamps.yaml").read_text(encoding="utf-8"))
CASES = TABLE["cases"]
PASSAGES: list[str] = TABLE["passages"]
STAMPS: list[str] = TABLE["stamps"]


def test_the_table_has_enough_cases() -> None:
    assert len(CASES) >= 20
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_furniture_is_removed(case: dict[str, str]) -> None:
    cleaned = clean_pdf_text(case["text"])
    assert cleaned == case["cleaned"]
    assert clean_pdf_text(cleaned) == cleaned
    assert find_furniture(cleaned) == []


# -- the property ---------------------------------------------------------------------------

# The rule the cleaner documents, restated: furniture glued inside a line stood on a line break;
# that break comes back where it matters to the reader, else a space.
_OPENER = re.compile(r"(?:‘‘)?\(\w+\)|SEC\.|Sec\. \d|TITLE [IVX]+—")


def _gap(left: str, right: str) -> str:
    if _OPENER.match(right) or re.search(r"[.:;—]$", left):
        return "\n"
    if re.search(r"[A-Za-z]-$", left) and right[:1].isalpha():
        return "\n"
    return " "


@st.composite
def stamped(draw: st.DrawFn) -> tuple[str, str]:
    """A real passage with a stamp at one word boundary, and what cleaning it must give."""
    passage = draw(st.sampled_from(PASSAGES)).rstrip("\n")
    stamp = draw(st.sampled_from(STAMPS))
    gaps = list(re.finditer(r"\s+", passage))
    gap = draw(st.sampled_from(gaps))
    left, ws, right = passage[: gap.start()], gap.group(), passage[gap.end() :]
    mode = draw(st.sampled_from(["before", "after", "own line", "swallowed", "split"]))
    if mode == "split":  # the stamp broken across two lines, the break it swallowed gone
        words = stamp.split(" ")
        cut = draw(st.integers(1, len(words) - 1))
        stamp = " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
    text = {
        "before": f"{left}{ws}{stamp} {right}",
        "after": f"{left} {stamp}{ws}{right}",
        "own line": f"{left}\n{stamp}\n{right}",
        "swallowed": f"{left} {stamp} {right}",
        "split": f"{left} {stamp} {right}",
    }[mode]
    touches_break = mode in ("own line",) or (mode in ("before", "after") and "\n" in ws)
    if touches_break:
        # Beside a line break: exactly as if it had never been there ("own line" adds a break
        # only where the passage already had white space; a space becomes a break there).
        base = passage if "\n" in ws or mode != "own line" else f"{left}\n{right}"
    elif mode == "split":
        base = f"{left}\n{right}"
    else:
        base = f"{left}{_gap(left, right)}{right}"
    return text + "\n", clean_pdf_text(base + "\n")


@settings(max_examples=300, deadline=None)
@given(stamped())
def test_a_stamp_at_any_word_boundary_is_removed(case: tuple[str, str]) -> None:
    text, expected = case
    assert clean_pdf_text(text) == expected


@settings(max_examples=100, deadline=None)
@given(stamped())
def test_stamps_never_cost_a_word(case: tuple[str, str]) -> None:
    text, _ = case
    stamp_words = {w for s in STAMPS for w in s.split()}
    kept = [w for w in clean_pdf_text(text).split() if w in stamp_words and is_furniture_word(w)]
    assert kept == []


def test_furniture_words() -> None:
    for word in ("DSKBCP6F6B2PROD", "DSK9F6TC42PROD", "$$_JOB", "VerDate", "E:\\BILLS\\H7120.IH"):
        assert is_furniture_word(word), word
    for word in ("PRODUCTION", "BILLS", "H7120", "State", "(4)", "2020"):
        assert not is_furniture_word(word), word


# -- the report -------------------------------------------------------------------------------


def test_precision_counts_stamp_remnants_as_added() -> None:
    source = "SEC. 2. DEFINITIONS. (1) STATE.—The term means a State."
    clean = fidelity(source, source)
    assert (clean.share, clean.precision, clean.added) == (1.0, 1.0, ())
    leaked = "SEC. 2. DEFINITIONS. dlhill on DSKBCP6F6B2PROD with BILLS (1) STATE.—The term"
    leaked += " means a State."
    # Even when the text handed to the report still holds the stamp, its workstation is added.
    both = fidelity(leaked, leaked)
    assert both.share == 1.0 and both.precision < 1.0
    assert dict(both.added) == {"DSKBCP6F6B2PROD": 1}
    against_clean = fidelity(source, leaked)
    assert against_clean.share == 1.0
    assert against_clean.added_words == 5 and against_clean.precision == pytest.approx(9 / 14)


def test_generated_table_of_contents_is_neither_lost_nor_added() -> None:
    report = fidelity(
        "SEC. 1. SHORT TITLE. This Act.",
        "Sec. 1. Short title.\nSEC. 1. SHORT TITLE. This Act.",
        toc_text="Sec. 1. Short title.",
    )
    assert (report.share, report.precision, report.package_words) == (1.0, 1.0, 6)


# -- end to end on a real bill ------------------------------------------------------------------

_NUMBER_LINE = re.compile(r"\s*\d{1,4}\s*")
_E2E_STAMPS = (
    "dlhill on DSKBCP6F6B2PROD with BILLS",
    "ctaylor on DSK9F6TC42PROD with $$_JOB",
    "VerDate Sep 11 2014 23:46 Jun 09, 2020 Jkt 099200 PO 00000 Frm 00005 Fmt 6652 Sfmt 6201 "
    "E:\\BILLS\\H7120.IH H7120",
)


def inject_stamps(raw: str, every: int = 3) -> tuple[str, dict[str, int]]:
    """Put a stamp after every ``every``-th printed line: on its own line, at the end of the line,
    at the start of the next, or gluing the two lines together through it (whole, or split across
    a line break). Before an enumerator it always glues."""
    lines = raw.split("\n")
    out: list[str] = []
    counts: dict[str, int] = {}
    index = placed = 0
    while index < len(lines):
        line = lines[index]
        if index % every or not line.strip() or _NUMBER_LINE.fullmatch(line):
            out.append(line)
            index += 1
            continue
        placed += 1
        stamp = _E2E_STAMPS[placed % len(_E2E_STAMPS)]
        after = index + 1
        while after < len(lines) and _NUMBER_LINE.fullmatch(lines[after]):
            after += 1
        if after >= len(lines):
            out.append(line)
            break
        following = lines[after]
        mode = ("glued", "own line", "end", "start", "split")[placed % 5]
        if following.lstrip().startswith("("):
            mode = "glued before enumerator" if placed % 2 else "split before enumerator"
        counts[mode] = counts.get(mode, 0) + 1
        if mode == "own line":
            out += [line, stamp]
            index += 1
        elif mode == "end":
            out.append(f"{line.rstrip()} {stamp}")
            index += 1
        elif mode == "start":
            out += [line, f"{stamp} {following}"]
            index = after + 1
        elif mode.startswith("glued"):
            out.append(f"{line.rstrip()} {stamp} {following}")
            index = after + 1
        else:
            first, rest = stamp.split(" ", 1)
            out += [f"{line.rstrip()} {first}", f"{rest} {following}"]
            index = after + 1
    return "\n".join(out), counts


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.shared
def test_stamped_bill_imports_as_the_clean_one(tmp_path: Path) -> None:
    raw = shared_path("data", "bills", "hr7120-116", "ih.txt").read_text(encoding="utf-8")
    text, counts = inject_stamps(raw)
    assert counts["glued before enumerator"] >= 50 and counts["split before enumerator"] >= 50
    assert sum(counts.values()) >= 1000
    (tmp_path / "clean").mkdir()
    (tmp_path / "stamped").mkdir()
    (tmp_path / "clean" / "ih.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "stamped" / "ih.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    results = {}
    for name in ("clean", "stamped"):
        source, target = tmp_path / name / "ih.txt", tmp_path / f"{name}-pkg"
        result = runner.invoke(cli, ["import", str(source), "--to", str(target), "--json"])
        assert result.exit_code == 0, result.output
        results[name] = json.loads(result.output)["fidelity"]
        check = runner.invoke(cli, ["check", "--root", str(target)])
        assert check.exit_code == 0, check.output
    assert tree(tmp_path / "stamped-pkg") == tree(tmp_path / "clean-pkg")
    stamped = results["stamped"]
    assert stamped["recall"] == stamped["share"] == 1.0
    assert stamped["precision"] == 1.0 and stamped["added_words"] == 0

    text_report = runner.invoke(
        cli, ["import", str(tmp_path / "stamped" / "ih.txt"), "--to", str(tmp_path / "again")]
    )
    assert "fidelity: 100.00% of" in text_report.output
    assert "precision: 100.00% of" in text_report.output


@pytest.mark.shared
def test_precision_drops_when_stamps_are_left_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = shared_path("data", "bills", "hr7120-116", "ih.txt").read_text(encoding="utf-8")
    text, _ = inject_stamps(raw, every=11)
    source = tmp_path / "ih.txt"
    source.write_text(text, encoding="utf-8")
    # A cleaner that misses every stamp: the deliberately unclean input the report must expose.
    monkeypatch.setattr(gpo_text, "_strip_furniture", lambda text: text)
    result = CliRunner().invoke(
        cli, ["import", str(source), "--to", str(tmp_path / "pkg"), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["fidelity"]
    assert report["recall"] >= 0.99
    assert report["precision"] < 0.995
    added = dict((word, n) for word, n in report["added"])
    assert {"DSKBCP6F6B2PROD", "DSK9F6TC42PROD", "$$_JOB"} <= set(added)
    text_report = CliRunner().invoke(cli, ["import", str(source), "--to", str(tmp_path / "p2")])
    assert "most added: 'DSK" in text_report.output


_PIECES = [
    *STAMPS,
    *(w for s in STAMPS for w in s.split()),
    "\n",
    "\n",
    " ",
    "12",
    "agency-",
    "wide",
    "(4)",
    "States.",
    "‘‘(c)",
    "SEC. 5.",
    "and",
    "non-",
    "Federal",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join))
def test_cleaning_stamped_text_is_idempotent(text: str) -> None:
    once = clean_pdf_text(text)
    assert clean_pdf_text(once) == once
    assert find_furniture(once) == []
