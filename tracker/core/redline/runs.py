"""Runs: a unit's redline as ``(op, text)`` pairs, and what can be read off them.

``equal`` and ``delete`` runs concatenate to the old text, ``equal`` and ``insert`` runs to the new
text, byte for byte. Pure standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

Op = Literal["equal", "insert", "delete"]
EQUAL: Op = "equal"
INSERT: Op = "insert"
DELETE: Op = "delete"
Run = tuple[Op, str]

_SPACE = re.compile(r"\s")


def old_text(runs: Iterable[Run]) -> str:
    """The old side of a list of runs: its equal and delete runs, concatenated."""
    return "".join(text for op, text in runs if op != INSERT)


def new_text(runs: Iterable[Run]) -> str:
    """The new side of a list of runs: its equal and insert runs, concatenated."""
    return "".join(text for op, text in runs if op != DELETE)


def split_lines(runs: Iterable[Run]) -> list[list[Run]]:
    """The runs cut at line ends, for display: one list of runs per line, without the ``"\\n"``.

    A line break inside a delete (insert) run ends a line of the old (new) text only; displays show
    it anyway, as a comparative print shows struck text as it stood.
    """
    lines: list[list[Run]] = [[]]
    for op, text in runs:
        first = True
        for piece in text.split("\n"):
            if not first:
                lines.append([])
            first = False
            if piece:
                lines[-1].append((op, piece))
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def hide_whitespace(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Fold white-space-only edits: insertions become equal text, deletions disappear."""
    out: list[Run] = []
    for op, text in runs:
        if op != EQUAL and text.isspace():
            if op == DELETE:
                continue
            op = EQUAL
        append_run(out, op, text)
    return tuple(out)


def count_changed_words(runs: Sequence[Run]) -> tuple[int, int]:
    """(words struck, words inserted): white-space-separated words touched by a delete (insert) run.

    A word counts once however many of its characters changed, so the counts compare directly with
    ``git diff --word-diff``, whose words are runs of non-white-space.
    """
    return _touched(runs, DELETE), _touched(runs, INSERT)


def _touched(runs: Sequence[Run], op: Op) -> int:
    """Words of one side touched by its ``op`` runs, in one pass without rebuilding the side."""
    other = INSERT if op == DELETE else DELETE
    count = 0
    in_word = False  # the side so far ends inside a word ...
    counted = False  # ... that has already been counted
    for run_op, text in runs:
        if run_op == other or not text:
            continue
        if run_op == op:
            words = len(text.split())
            if words:
                if in_word and counted and not text[0].isspace():
                    words -= 1  # the run continues a word already counted
                count += words
                counted = True
        elif not in_word or _SPACE.search(text):
            counted = False  # the side now ends inside a word no run of ``op`` has touched
        in_word = not text[-1].isspace()
    return count


def append_run(out: list[Run], op: Op, text: str) -> None:
    """Add a run to ``out``, merged into the last one when the op is the same; empty text adds nothing."""
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))
