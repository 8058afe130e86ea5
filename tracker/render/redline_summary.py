"""A redline's totals in words, as every renderer prints them.

One line for the terminal and Markdown (:func:`summary_line`), the rows of a table for the HTML page
and the site (:func:`summary_rows`): the same counts under the same names in every format.
"""

from __future__ import annotations

from tracker.core.redline import RedlineSummary


def summary_line(summary: RedlineSummary) -> str:
    """``13 amended, 1 inserted, 1 struck, 0 moved, 2 redesignated (3 conforming); 846 words ...``."""
    parts = [
        f"{summary.amended} amended",
        f"{summary.inserted} inserted",
        f"{summary.struck} struck",
        f"{summary.moved} moved",
        f"{summary.redesignated} redesignated",
    ]
    text = ", ".join(parts)
    if summary.conforming:
        text += f" ({summary.conforming} with conforming changes)"
    if summary.conforming_references:
        count = summary.conforming_references
        text += f"; {count} conforming reference{'s' if count > 1 else ''}"
    words = f"{summary.words_inserted} words inserted, {summary.words_struck} struck"
    if summary.words_moved:
        words += f", {summary.words_moved} moved"
    return f"{text}; {words}"


def summary_rows(summary: RedlineSummary) -> list[tuple[str, int]]:
    """(label, count) rows of the summary table, units first, then words."""
    return [
        ("Sections and headings amended", summary.amended),
        ("Inserted", summary.inserted),
        ("Struck", summary.struck),
        ("Moved", summary.moved),
        ("Redesignated (renumbered only)", summary.redesignated),
        ("With conforming changes", summary.conforming),
        ("Conforming references", summary.conforming_references),
        ("Unchanged", summary.unchanged),
        ("Words inserted", summary.words_inserted),
        ("Words struck", summary.words_struck),
        ("Words in moved units", summary.words_moved),
    ]
