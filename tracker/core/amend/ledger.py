"""The ledger of one law section's changes: the comparative print as it is being made.

A :class:`Ledger` is a tuple of :class:`~tracker.core.amend.model.ChangeRun`: ``equal`` runs are base
text still in the law, ``delete`` runs base text struck, ``insert`` runs text inserted. The live text
(the law as amended so far) is the equal and insert runs; the base is the equal and delete runs. An
edit names a span of the live text and what replaces it: base text in the span is struck (tagged with
the instruction), text inserted earlier in the span simply goes (it never was law), and the new text
is inserted after what was struck, as a comparative print shows it. Ledgers are immutable; an edit
returns a new one, so an instruction that fails half-way is dropped whole.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from tracker.core.amend.model import ChangeRun
from tracker.core.redline.runs import DELETE, EQUAL, INSERT


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``live[start:end]`` with ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Ledger:
    runs: tuple[ChangeRun, ...]

    @classmethod
    def of(cls, base: str) -> Ledger:
        return cls((ChangeRun(op=EQUAL, text=base),) if base else ())

    @property
    def live(self) -> str:
        return "".join(run.text for run in self.runs if run.op != DELETE)

    @property
    def base(self) -> str:
        return "".join(run.text for run in self.runs if run.op != INSERT)

    def apply(self, edits: list[Edit], instruction: str) -> Ledger:
        """The ledger after ``edits`` (spans of the current live text, not overlapping)."""
        ledger = self
        for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            ledger = ledger._replace(edit, instruction)
        return ledger

    def _replace(self, edit: Edit, instruction: str) -> Ledger:
        pieces: list[ChangeRun] = []  # the runs, live ones split at the edit's ends
        position = 0
        for run in self.runs:
            if run.op == DELETE:
                pieces.append(run)
                continue
            end = position + len(run.text)
            cuts = sorted(
                {0, len(run.text)}
                | {c - position for c in (edit.start, edit.end) if position < c < end}
            )
            for a, b in itertools.pairwise(cuts):
                pieces.append(ChangeRun(op=run.op, text=run.text[a:b], instruction=run.instruction))
            position = end
        out: list[ChangeRun] = []
        inserted = ChangeRun(op=INSERT, text=edit.text, instruction=instruction)
        placed = not edit.text
        position = 0
        for run in pieces:
            if run.op == DELETE:
                _append(out, run)
                continue
            if not placed and position >= edit.end:
                _append(out, inserted)
                placed = True
            inside = edit.start <= position < edit.end
            if inside and run.op == EQUAL:
                _append(out, ChangeRun(op=DELETE, text=run.text, instruction=instruction))
            elif not inside:
                _append(out, run)
            position += len(run.text)
        if not placed:
            _append(out, inserted)
        return Ledger(tuple(out))


def _append(out: list[ChangeRun], run: ChangeRun) -> None:
    if not run.text:
        return
    if out and out[-1].op == run.op and out[-1].instruction == run.instruction:
        out[-1] = ChangeRun(op=run.op, text=out[-1].text + run.text, instruction=run.instruction)
    else:
        out.append(run)
