"""The YAML reader's flat-mapping path (an imported provision's front matter read without the YAML
parser) gives exactly what composing the YAML gives: the same values, lines and findings, or it
steps aside. Texts are built from pieces that are plain text to YAML and pieces that are not."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tracker.adapters import yaml_reader
from tracker.adapters.yaml_reader import read_yaml

WORDS = st.sampled_from(
    [
        *("Salaries", "and", "expenses", "Sec", "2016", "(b)", "U.S.C.", "’s", "e", "x", "A1"),
        *("yes", "No", "null", "ON", "Off", "TRUE", "y", "n", "~", "1.5", "0x1F", "2026-01-02"),
        *("—", "–", "-", "'", ",", ".", "(", ")", ": ", ":", "#", " #", "[]", "''", "{}", '"'),
        *("!", "&a", "*a", "%", "@", "`", "|", ">", "?", "é", "\t", " ", "  ", "\\", "\u0085"),
    ]
)
VALUE = st.lists(WORDS, max_size=6).map("".join)
KEY = st.sampled_from(["title", "implements", "status", "summary", "on", "a_b", "Title", "x y"])
LINE = st.one_of(st.builds(lambda k, v: f"{k}: {v}", KEY, VALUE), st.sampled_from(["", "#", " a"]))
TEXT = st.builds(
    lambda rows, end: "\n".join(rows) + end, st.lists(LINE, max_size=4), st.sampled_from(["\n", ""])
)

#: Texts mostly of lines the flat path reads (a few of its near misses among them).
PLAIN = st.builds(
    str.__add__,
    st.sampled_from(["Salaries", "and", "A1", "e", "No", "Yes", "x"]),
    st.lists(
        st.sampled_from(["and", "(b)", "’s", "—", "-", ".", ",", "1", " ", "'"]), max_size=6
    ).map("".join),
)
FLAT_LINE = st.builds(
    lambda k, v: f"{k}: {v}",
    st.sampled_from(["title", "implements", "status", "summary"]),
    st.one_of(PLAIN, st.sampled_from(["[]", "''", "imported"])),
)
FLAT_TEXT = st.builds(
    lambda rows: "\n".join(rows) + "\n",
    st.lists(FLAT_LINE, max_size=3, unique_by=lambda line: line.split(":")[0]),
)


def _composed(text: str, first_line: int) -> object:
    """What the reader gives with the flat path turned off."""
    flat = yaml_reader._flat_mapping
    yaml_reader._flat_mapping = lambda text, first_line: None  # type: ignore[assignment]
    try:
        return read_yaml(text, path="p.md", first_line=first_line)
    finally:
        yaml_reader._flat_mapping = flat


@given(st.one_of(TEXT, FLAT_TEXT), st.integers(1, 5))
@example("title: Salaries and expenses\nimplements: []\nstatus: imported\n", 2)
@example("title: ''\nimplements: []\nstatus: imported\n", 2)
@example("title: Grants — State’s share (a)\nimplements: []\n", 1)
def test_the_flat_path_reads_what_composing_reads(text: str, first_line: int) -> None:
    assert read_yaml(text, path="p.md", first_line=first_line) == _composed(text, first_line)


@pytest.mark.parametrize(
    "text",
    [
        "title: Salaries and expenses\nimplements: []\nstatus: imported\n",
        "title: ''\nimplements: []\nstatus: imported\n",
    ],
)
def test_an_imported_provisions_front_matter_takes_the_flat_path(text: str) -> None:
    assert yaml_reader._flat_mapping(text, 2) is not None


@pytest.mark.parametrize(
    "text",
    [
        "title: Yes\n",  # a boolean
        "title: a: b\n",  # a mapping in a value: an error
        "title: a\ntitle: b\n",  # a duplicate key: a finding
        "title: a #note\n",  # a comment
        "title: a \n",  # a trailing space YAML drops
        "title: a\n  b\n",  # a continued value
        "implements:\n  - eo-1\n",  # a list
    ],
)
def test_anything_else_is_read_as_yaml(text: str) -> None:
    assert yaml_reader._flat_mapping(text, 1) is None
