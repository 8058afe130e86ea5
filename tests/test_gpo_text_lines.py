"""The source line of a cleaned line of GPO text: looked up by prefix, the same answer as a scan."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.adapters.gpo_text_reader import PROBE_CHARACTERS, _TextReader

WORDS = st.sampled_from(
    ["SEC.", "1.", "(a)", "In", "general", "The", "Attorney", "14", "shall", ""]
)
LINES = st.lists(WORDS, max_size=6).map(" ".join)


def scanned(lines: list[str], raw_lines: list[str], cleaned_line: int, cursor: int) -> int:
    """The definition: the first source line from the cursor on whose first four words start
    with the cleaned line's first words (cut to PROBE_CHARACTERS)."""
    probe = " ".join(lines[cleaned_line - 1].split()[:4])
    for index in range(cursor, len(raw_lines)):
        key = " ".join(raw_lines[index].split()[:4])
        if probe and key.startswith(probe[:PROBE_CHARACTERS]):
            return index + 1
    return cleaned_line


@given(
    cleaned=st.lists(LINES, min_size=1, max_size=12),
    raw=st.lists(LINES, min_size=1, max_size=30),
    asked=st.lists(st.integers(min_value=1, max_value=12), max_size=10),
)
def test_the_looked_up_line_is_the_scanned_line(
    cleaned: list[str], raw: list[str], asked: list[int]
) -> None:
    reader = _TextReader(cleaned, "\n".join(raw), "bill.txt")
    cursor = 0
    for line in (n for n in asked if n <= len(cleaned)):
        expected = scanned(cleaned, raw, line, cursor)
        assert reader.raw_line(line) == expected
        cursor = reader.cursor  # moved to the line found, if one was


def test_a_line_is_found_after_the_cursor_only() -> None:
    raw = ["SEC. 2. DEFINITIONS IN THIS ACT.", "text", "SEC. 2. DEFINITIONS IN THIS ACT."]
    reader = _TextReader(["SEC. 2. DEFINITIONS IN THIS ACT."], "\n".join(raw), "bill.txt")
    assert reader.raw_line(1) == 1
    reader.cursor = 1
    assert reader.raw_line(1) == 3
    reader.cursor = 3
    assert reader.raw_line(1) == 1  # not found: the cleaned line's own number
