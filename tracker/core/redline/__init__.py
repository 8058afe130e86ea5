"""The redline engine: align two versions of a bill, then diff each pair of units word by word.

Input is two sequences of :class:`~tracker.core.units.TextUnit` (the preamble, group headings and
sections of each version); output is a :class:`Redline`, plain data that every renderer formats and
none re-derives. The package, layer by layer:

- :mod:`~tracker.core.redline.runs`: runs, ``(op, text)`` pairs, and what is read off them (the old
  and new texts, lines for display, changed-word counts, white-space folding);
- :mod:`~tracker.core.redline.model`: the records (:class:`Redline`, :class:`UnitRedline`,
  :class:`RedlineSummary`, :class:`ChangeKind`, :class:`RedlineOptions`);
- :mod:`~tracker.core.redline.sequence`: the diff of two item strings (patience anchors, Myers,
  diff-match-patch with ``Diff_Timeout = 0`` and a clean-up scored on token boundaries);
- :mod:`~tracker.core.redline.words`: the word diff of two texts (lines, then words, then tokens);
- :mod:`~tracker.core.redline.subdivisions`: a section's enumerated subdivisions aligned by content;
- :mod:`~tracker.core.redline.align`: which unit became which, and which moved;
- :mod:`~tracker.core.redline.references`: cross-references that only follow a renumbering;
- :mod:`~tracker.core.redline.compare`: :func:`compare_units`, which puts them together.

Everything importers need is here; the submodules are the engine's own. Pure: no I/O, no click, no
git; only the standard library and diff-match-patch.
"""

from __future__ import annotations

from tracker.core.redline.compare import Mapper, compare_units
from tracker.core.redline.model import (
    CONFORMING,
    DEFAULT_OPTIONS,
    MINIMAL_OPTIONS,
    REDESIGNATION,
    ChangeKind,
    FrontMatterChange,
    Redline,
    RedlineOptions,
    RedlineSummary,
    SubdivisionChange,
    UnitRedline,
    compare_front_matter,
)
from tracker.core.redline.runs import (
    DELETE,
    EQUAL,
    INSERT,
    Op,
    Run,
    count_changed_words,
    hide_whitespace,
    new_text,
    old_text,
    split_lines,
)
from tracker.core.redline.words import diff_text

__all__ = [
    "CONFORMING",
    "DEFAULT_OPTIONS",
    "DELETE",
    "EQUAL",
    "INSERT",
    "MINIMAL_OPTIONS",
    "REDESIGNATION",
    "ChangeKind",
    "FrontMatterChange",
    "Mapper",
    "Op",
    "Redline",
    "RedlineOptions",
    "RedlineSummary",
    "Run",
    "SubdivisionChange",
    "UnitRedline",
    "compare_front_matter",
    "compare_units",
    "count_changed_words",
    "diff_text",
    "hide_whitespace",
    "new_text",
    "old_text",
    "split_lines",
]
