"""Issue 12: redlines that read like counsel's, on fixture cases (tests/fixtures/redline/readable.yaml)
and through ``billtrack diff`` on files: subdivisions as units, readable chunks, files paired by
content, conforming references, one answer with ``changelog``, provision files, binary files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.test_redline_engine import assert_exact
from tracker.cli import cli
from tracker.core.redline import (
    DEFAULT_OPTIONS,
    MINIMAL_OPTIONS,
    compare_units,
    diff_text,
    new_text,
    old_text,
)
from tracker.core.redline.model import (
    MERGE_WORDS,
    REPLACE_SIMILARITY,
    REPLACE_WORDS,
    SEMANTIC_FACTOR,
    SUBDIVISION_REWRITE_SIMILARITY,
    SUBDIVISION_SIMILARITY,
)
from tracker.core.text_units import split_text
from tracker.render.redline_json import render_json

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "redline"
REPO = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((FIXTURES / "readable.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['item']}: {c['name']}" for c in CASES])
def test_readable_cases(case: dict[str, Any]) -> None:
    old, new = split_text(case["old"]), split_text(case["new"])
    options = replace(DEFAULT_OPTIONS, numbered_keys=case.get("numbered_keys", False))
    redline = compare_units(old, new, options=options)
    assert_exact(redline, old, new)
    assert len(redline.units) == len(case["expect"]), [(u.key, u.kind) for u in redline.units]
    for unit, expected in zip(redline.units, case["expect"], strict=True):
        assert (unit.key, str(unit.kind)) == (expected["key"], expected["kind"])
        if "runs" in expected:
            assert [list(run) for run in unit.runs] == expected["runs"]
        assert [list(mark) for mark in unit.marks] == expected.get("marks", [])
        assert unit.subdivision_summary() == expected.get("subdivisions", "")
        for sub in unit.subdivisions:  # each subdivision's runs are its own
            assert 0 <= sub.first_run <= sub.end_run <= len(unit.runs)
        if unit.subdivisions:
            assert unit.subdivisions[0].first_run == 0
            assert unit.subdivisions[-1].end_run == len(unit.runs)
    for field, value in case["summary"].items():
        assert getattr(redline.summary, field) == value, field
    # The JSON carries the marks and subdivisions and stays exact.
    data = json.loads(render_json(redline))
    for unit, item in zip(redline.units, data["units"], strict=True):
        assert [tuple(run) for run in item["runs"]] == list(unit.runs)
        assert item.get("marks", []) == [list(mark) for mark in unit.marks]


def test_thresholds_are_the_documented_constants() -> None:
    assert (DEFAULT_OPTIONS.merge_equalities, DEFAULT_OPTIONS.merge_words) == (
        SEMANTIC_FACTOR,
        MERGE_WORDS,
    )
    assert (DEFAULT_OPTIONS.replace_words, DEFAULT_OPTIONS.replace_similarity) == (
        REPLACE_WORDS,
        REPLACE_SIMILARITY,
    )
    assert DEFAULT_OPTIONS.subdivision_similarity == SUBDIVISION_SIMILARITY
    assert DEFAULT_OPTIONS.subdivision_rewrite_similarity == SUBDIVISION_REWRITE_SIMILARITY
    docs = (REPO / "docs" / "redline-json.md").read_text(encoding="utf-8")
    for name in ("SEMANTIC_FACTOR", "MERGE_WORDS", "REPLACE_WORDS", "REPLACE_SIMILARITY",
                 "SUBDIVISION_SIMILARITY", "SUBDIVISION_REWRITE_SIMILARITY"):  # fmt: skip
        assert name in docs, name


def test_the_readability_passes_change_the_runs_not_the_texts() -> None:
    case = next(c for c in CASES if c["item"] == 2)
    before = diff_text(case["old"], case["new"], MINIMAL_OPTIONS)
    after = diff_text(case["old"], case["new"])
    assert len([r for r in after if r[0] != "equal"]) < len([r for r in before if r[0] != "equal"])
    for runs in (before, after):
        assert old_text(runs) == case["old"] and new_text(runs) == case["new"]


# Through the command ------------------------------------------------------------------------------


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, args, catch_exceptions=False, env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_changelog_and_diff_give_the_same_counts() -> None:
    root = ["--root", str(REPO)]
    code, out, err = run(
        ["diff", "discussion-draft", "introduced", "--format", "json", "--stat", *root], REPO
    )
    assert code == 0, err
    units = json.loads(out)["summary"]["units"]
    words = json.loads(out)["summary"]["words"]
    code, out, err = run(
        ["changelog", "discussion-draft", "introduced", "--format", "json", *root], REPO
    )
    assert code == 0, err
    log = json.loads(out)
    assert log["counts"] == {
        "added": units["inserted"],
        "struck": units["struck"],
        "amended": units["amended"],
        "moved": units["moved"],
        "redesignated": units["redesignated"],
    }
    assert log["words"] == {"inserted": words["inserted"], "struck": words["struck"]}


def test_two_provision_files_compare_bodies_with_front_matter_apart(tmp_path: Path) -> None:
    source = (REPO / "provisions" / "fair-process.md").read_text(encoding="utf-8")
    old, new = tmp_path / "old.md", tmp_path / "fair-process.md"
    old.write_text(source, encoding="utf-8")
    changed = source.replace("status: cleared", "status: review").replace(
        "Not later than 15 days", "Not later than 10 days", 1
    )
    new.write_text(changed, encoding="utf-8")
    code, out, err = run(["diff", str(old), str(new), "--format", "json"], tmp_path)
    assert code == 0, err
    data = json.loads(out)
    assert data["front_matter"] == [{"key": "status", "old": "cleared", "new": "review"}]
    assert [u["kind"] for u in data["units"]] == ["amended"]
    unit = data["units"][0]
    assert unit["key"] == "fair-process" and unit["words"] == {
        "inserted": 1,
        "struck": 1,
        "moved": 0,
    }
    assert "status" not in "".join(t for op, t in unit["runs"])  # the body only, no "Preamble"
    code, out, _ = run(["diff", str(old), str(new)], tmp_path)
    assert "== Front matter\nstatus: [-cleared-] {+review+}" in out
    assert "Preamble" not in out


def test_a_binary_file_is_refused_with_a_located_message(tmp_path: Path) -> None:
    text = tmp_path / "bill.txt"
    text.write_text("SEC. 1. A.\nText.\n", encoding="utf-8")
    binary = tmp_path / "bill.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    code, out, err = run(["diff", str(text), str(binary)], tmp_path)
    assert code != 0 and out == ""
    assert "bill.pdf:2: a binary file, not text" in err
    assert "Traceback" not in err


def test_raw_pdf_text_is_cleaned_and_sections_paired_by_content(tmp_path: Path) -> None:
    raw_old = (
        "A BILL\n1\nTITLE I—POLICE\n2\nACCOUNTABILITY\n3\nSEC. 101. FINDINGS.\n4\n"
        "Congress finds that lynching was a crime of terror.\n5\n"
        "VerDate Sep 11 2014 23:46 Jun 09, 2020 Jkt 099200 PO 00000 Frm 00005 Fmt 6652 Sfmt 6201\n"
        "•HR 7120 IH\n"
    )
    raw_new = (
        "A BILL\n1\nTITLE I—POLICE\n2\nACCOUNTABILITY\n3\nSEC. 101. SEXUAL ACTS.\n4\n"
        "An officer who engages in a sexual act with a detainee shall be fined.\n5\n"
        "•HR 1280 IH\n"
    )
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(raw_old, encoding="utf-8")
    new.write_text(raw_new, encoding="utf-8")
    code, out, err = run(["diff", str(old), str(new), "--format", "json"], tmp_path)
    assert code == 0, err
    data = json.loads(out)
    headings = [u["new"]["heading"] for u in data["units"] if u["unit"] == "group" and u["new"]]
    assert headings == ["POLICE ACCOUNTABILITY"]
    kinds = [(u["key"], u["kind"]) for u in data["units"] if u["unit"] == "section"]
    assert kinds == [("sec:101", "struck"), ("sec:101", "inserted")]
    text = "".join(t for u in data["units"] for op, t in u["runs"])
    assert "VerDate" not in text and "•HR" not in text and "\n1\n" not in text
