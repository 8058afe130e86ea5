"""The redline engine on fixture cases (tests/fixtures/redline/*.yaml) and on its edges."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tracker.core.errors import UnknownNameError
from tracker.core.gpo_text import clean_pdf_text
from tracker.core.redline import (
    DELETE,
    EQUAL,
    INSERT,
    ChangeKind,
    Redline,
    RedlineOptions,
    compare_units,
    count_changed_words,
    diff_text,
    hide_whitespace,
    new_text,
    old_text,
    split_lines,
)
from tracker.core.text_units import split_text
from tracker.core.units import TextUnit, UnitKind
from tracker.render.redline_json import redline_dict, render_json

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "redline"


def load_cases(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def units_of(spec: str | list[dict[str, str]]) -> tuple[TextUnit, ...]:
    """A fixture side: a string is split like a file; a list gives package-style units."""
    if isinstance(spec, str):
        return split_text(spec)
    units = []
    for item in spec:
        text = item["text"]
        first, _, rest = text.partition("\n")
        canonical = (
            item.get("canonical") or first.replace(item["designation"], "#", 1) + "\n" + rest
        )
        units.append(
            TextUnit(
                key=item["key"],
                kind=UnitKind(item.get("kind", "section")),
                designation=item["designation"],
                heading=item.get("heading", first.split(". ", 2)[-1]),
                text=text,
                canonical=canonical,
            )
        )
    return tuple(units)


def assert_exact(redline: Redline, old: tuple[TextUnit, ...], new: tuple[TextUnit, ...]) -> None:
    by_old = {u.old_position: u for u in redline.units if u.old_position is not None}
    by_new = {u.new_position: u for u in redline.units if u.new_position is not None}
    assert sorted(by_old) == list(range(len(old)))
    assert sorted(by_new) == list(range(len(new)))
    for position, unit in enumerate(old):
        assert by_old[position].old_text == unit.text
    for position, unit in enumerate(new):
        assert by_new[position].new_text == unit.text


WORD_CASES = load_cases("words.yaml")


@pytest.mark.parametrize("case", WORD_CASES, ids=[c["name"] for c in WORD_CASES])
def test_word_cases(case: dict[str, Any]) -> None:
    runs = diff_text(case["old"], case["new"])
    assert old_text(runs) == case["old"]
    assert new_text(runs) == case["new"]
    assert [list(run) for run in runs] == case["runs"]


SECTION_CASES = load_cases("sections.yaml")


@pytest.mark.parametrize("case", SECTION_CASES, ids=[c["name"] for c in SECTION_CASES])
def test_section_cases(case: dict[str, Any]) -> None:
    old, new = units_of(case["old"]), units_of(case["new"])
    redline = compare_units(old, new)
    assert_exact(redline, old, new)
    assert len(redline.units) == len(case["expect"]), [(u.key, u.kind) for u in redline.units]
    for unit, expected in zip(redline.units, case["expect"], strict=True):
        for field, value in expected.items():
            actual: Any = unit.key if field == "key" else getattr(unit, field)
            if field == "runs":
                actual = [list(run) for run in actual]
            assert actual == value, (unit.key, field, actual)
    for field, value in case.get("summary", {}).items():
        assert getattr(redline.summary, field) == value, field


def test_unchanged_units_are_not_diffed() -> None:
    old = split_text("SEC. 1. A.\nSame text.\nSEC. 2. B.\nOld words here.\n")
    new = split_text("SEC. 1. A.\nSame text.\nSEC. 2. B.\nNew words here.\n")
    redline = compare_units(old, new)
    assert redline.units[0].runs == ((EQUAL, old[0].text),)
    assert redline.units[0].kind is ChangeKind.UNCHANGED
    assert redline.units[1].kind is ChangeKind.AMENDED


def test_self_diff_is_empty_and_exact() -> None:
    units = split_text("A BILL\nSEC. 1. A.\nText.\nTITLE I—X\nSEC. 101. B.\nMore.\n")
    redline = compare_units(units, units)
    assert not redline.changed
    assert redline.summary.changed_words == 0
    assert [u.kind for u in redline.units] == [ChangeKind.UNCHANGED] * len(units)


def test_dissimilar_large_blocks_are_replaced_not_word_diffed() -> None:
    old = " ".join(f"alpha{i} beta{i}" for i in range(1500)) + "\n"
    new = " ".join(f"gamma{i} delta{i}" for i in range(1500)) + "\n"
    runs = diff_text(old, new)
    assert runs == ((DELETE, old[:-1]), (INSERT, new[:-1]), (EQUAL, "\n"))
    similar = diff_text(old, old.replace("alpha7 ", "alpha7 inserted "))
    assert (INSERT, "inserted ") in similar or (INSERT, " inserted") in similar


def test_options_can_force_a_word_diff_of_a_dissimilar_block() -> None:
    old = "one two three " * 400 + "\n"
    new = "four five six " * 400 + "\n"
    runs = diff_text(old, new, RedlineOptions(block_similarity=0.0))
    assert old_text(runs) == old and new_text(runs) == new


def test_whitespace_only_changes_are_exact_in_the_model_and_hidden_for_display() -> None:
    old = split_text("SEC. 1. A.\nThe  Attorney General\nshall act.\n")
    new = split_text("SEC. 1. A.\nThe Attorney General shall\nact.\n")
    redline = compare_units(old, new)
    unit = redline.units[0]
    assert unit.whitespace_only and unit.kind is ChangeKind.AMENDED
    assert unit.old_text == old[0].text and unit.new_text == new[0].text
    shown = redline.for_display(whitespace=False)
    assert shown.units[0].kind is ChangeKind.UNCHANGED and not shown.changed
    assert all(op == EQUAL for op, _ in shown.units[0].runs)
    assert redline.for_display(whitespace=True) is redline


def test_hide_whitespace_keeps_the_new_text() -> None:
    runs = ((EQUAL, "a,"), (INSERT, " "), (EQUAL, "b"), (DELETE, "  "), (EQUAL, "c"))
    assert hide_whitespace(runs) == ((EQUAL, "a, bc"),)


def test_count_changed_words_counts_whitespace_separated_words_once() -> None:
    runs = ((EQUAL, "the "), (DELETE, "qu"), (EQUAL, "ick "), (DELETE, "brown"), (INSERT, "red"))
    assert count_changed_words(runs) == (2, 1)
    assert count_changed_words(((EQUAL, "a"), (DELETE, " "), (INSERT, "\n"), (EQUAL, "b"))) == (
        0,
        0,
    )


def test_split_lines_for_display() -> None:
    runs = ((EQUAL, "a\nb"), (DELETE, "c\n"), (EQUAL, "d\n"))
    assert split_lines(runs) == [[(EQUAL, "a")], [(EQUAL, "b"), (DELETE, "c")], [(EQUAL, "d")]]


def test_select_by_key_number_or_heading_and_unknown_names() -> None:
    units = split_text("SEC. 1. SHORT TITLE.\nA.\nSEC. 2. GRANTS.\nB.\n")
    changed = split_text("SEC. 1. SHORT TITLE.\nA.\nSEC. 2. GRANTS.\nC.\n")
    redline = compare_units(units, changed)
    for name in ("sec:2", "2", "SEC. 2", "grants"):
        assert [u.key for u in redline.select([name]).units] == ["sec:2"], name
    assert redline.select(["2"]).summary.amended == 1
    with pytest.raises(UnknownNameError) as info:
        redline.select(["nope"])
    assert "sec:1" in (info.value.hint or "")


def test_describe_says_what_happened() -> None:
    old = units_of(
        [{"key": "x", "designation": "4", "text": "SEC. 4. X.\n\nSome words that stay.\n"}]
    )
    new = units_of(
        [{"key": "x", "designation": "5", "text": "SEC. 5. X.\n\nSome words that stay.\n"}]
    )
    unit = compare_units(old, new).units[0]
    assert unit.describe() == "redesignated (was SEC. 4)"
    assert unit.title == "SEC. 5. X."


def test_json_is_the_model_and_parses() -> None:
    old = split_text("A BILL\nSEC. 1. A.\nOld.\n")
    new = split_text("A BILL\nSEC. 1. A.\nNew.\n")
    redline = compare_units(old, new, old_label="a", new_label="b")
    data = json.loads(render_json(redline))
    assert data == json.loads(json.dumps(redline_dict(redline)))
    assert data["format"] == "billtrack-redline" and data["version"] == 1
    assert data["old"] == "a" and data["new"] == "b"
    assert data["summary"]["units"]["amended"] == 1
    section = data["units"][1]
    assert section["old"]["key"] == "sec:1" and section["new"]["position"] == 1
    assert "".join(t for op, t in section["runs"] if op != "insert") == old[1].text
    assert "".join(t for op, t in section["runs"] if op != "delete") == new[1].text
    stat = json.loads(render_json(redline, stat=True))
    assert "runs" not in stat["units"][0]


# Text splitting ---------------------------------------------------------------------------------


def test_split_text_keeps_every_character_and_keys_by_division() -> None:
    text = (
        "A BILL\nTo do things.\n"
        "DIVISION A—FIRST\nTITLE I—GRANTS\nSubtitle A—Training\nSEC. 101. ONE.\nText.\n"
        "PART I—DETAILS\nSEC. 102. TWO.\nMore.\n"
        "DIVISION B—SECOND\nTITLE I—OTHER\nSEC. 101. ONE AGAIN.\nText.\n"
    )
    units = split_text(text)
    assert "".join(u.text for u in units) == text
    assert [u.key for u in units] == [
        "preamble",
        "division:A",
        "division:A/title:I",
        "division:A/title:I/subtitle:A",
        "division:A/sec:101",
        "division:A/title:I/subtitle:A/part:I",
        "division:A/sec:102",
        "division:B",
        "division:B/title:I",
        "division:B/sec:101",
    ]
    assert units[2].designation == "TITLE I" and units[2].heading == "GRANTS"
    assert units[4].designation == "101" and units[4].heading == "ONE."
    assert units[4].canonical == "SEC. #. ONE.\nText.\n"


def test_split_text_markdown_headings_and_table_of_contents() -> None:
    text = (
        "# A bill\n\nSEC. 1. is not a heading here.\n"  # not at a heading: capitals required
        "## SEC. 1. SHORT TITLE.\n\n(a) Short title.\n\n(b) Table of contents.—\n"
        "TITLE I—GRANTS\nSec. 101. Grants.\n"  # a table of contents: not cut
        "## TITLE I—GRANTS\n\n### Sec. 101. Grants.\n\nText with ‘‘SEC. 5. QUOTED.’’ inside.\n"
        "‘‘SEC. 9. AMENDATORY.\n"
    )
    units = split_text(text)
    assert "".join(u.text for u in units) == text
    keys = [u.key for u in units]
    assert keys == ["preamble", "sec:1", "sec:1~2", "title:I", "sec:101"]
    assert "TITLE I—GRANTS\nSec. 101." in units[2].text


def test_split_text_without_headings_is_one_unit() -> None:
    units = split_text("Just some text.\nNo headings.\n")
    assert [(u.key, u.kind) for u in units] == [("preamble", UnitKind.PREAMBLE)]
    assert split_text("") == ()


# GPO text ------------------------------------------------------------------------------------------

GPO_SAMPLE = (
    "A BILL \n"
    "Be it enacted by the Senate and House of Representa-\n1\n"
    "tives of the United States of America in Congress assembled, \n2\n"
    "SECTION 1. SHORT TITLE. \n3\n"
    "(a) IN GENERAL.—This Act may be cited as the \n4\n"
    "23:19 Jun 09, 2020\nH7120\n3 \n•HR 7120 IH1S \n"
    "(8) TRIBAL\nLAW\nENFORCEMENT\nOFFICER.— \n5\n"
    "The term ‘‘law-enforcement’’ is used; so is a law-\nenforcement officer. \n"
    "TITLE \nII—POLICING \n"
    "Æ \n"
)


def test_clean_pdf_text_strips_furniture_and_joins_words() -> None:
    cleaned = clean_pdf_text(GPO_SAMPLE)
    assert cleaned == (
        "A BILL\n"
        "Be it enacted by the Senate and House of Representatives\n"
        "of the United States of America in Congress assembled,\n"
        "SECTION 1. SHORT TITLE.\n"
        "(a) IN GENERAL.—This Act may be cited as the\n"
        "(8) TRIBAL LAW ENFORCEMENT OFFICER.—\n"
        "The term ‘‘law-enforcement’’ is used; so is a law-enforcement\n"
        "officer.\n"
        "TITLE II—POLICING\n"
    )


@pytest.mark.parametrize(
    "text",
    [GPO_SAMPLE, "", "\n\n", "a-\n1\nb\n", "Pro-\ngram, x-\n-y\n", "TITLE\nTITLE\nI—X\n", "A-\n\n"],
)
def test_clean_pdf_text_is_idempotent(text: str) -> None:
    once = clean_pdf_text(text)
    assert clean_pdf_text(once) == once
    assert not re.search(r"[ \t]+\n", once)


def test_clean_pdf_text_keeps_a_number_that_ends_a_hyphenated_line() -> None:
    assert clean_pdf_text("Omni-\nbus 1968\n") == "Omnibus 1968\n"
