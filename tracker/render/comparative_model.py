"""The amendment report and comparative print as one model, which every output format renders.

:func:`comparative_print` turns a package and what applying its instructions did
(:class:`~tracker.core.amend.AmendResult`) into plain records:

- :class:`InstructionRow`: one instruction with where it is in the bill (file and line, and the
  bill section that makes it, numbered as the bill prints it: ``sec. 104(b)(1)``), its status,
  why, and the probable intent when one is offered;
- :class:`LawPrint`: one law section as the bill would leave it, cut into display
  :class:`PrintLine` s of :class:`Mark` s (equal, struck or inserted text, each change carrying the
  row of the instruction that makes it); runs of unchanged paragraphs far from any change are
  elided, as a committee report prints ``* * * * * * *``.

The renderers (``comparative_term``, ``comparative_markdown``, ``comparative_html``,
``comparative_json``) only format these. The convention (House, Ramseyer rule) is the legend's:
struck text in black brackets, struck through; new text in italic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracker.core.amend import (
    AmendResult,
    AmendSummary,
    ChangeRun,
    InstructionResult,
    LawChanges,
    Status,
)
from tracker.core.compile import CompiledBill
from tracker.core.law import LawSection
from tracker.core.model import Package
from tracker.core.redline.runs import DELETE, EQUAL, INSERT

LEGEND = (
    "Existing law proposed to be omitted is enclosed in black brackets and struck through; new "
    "matter is printed in italic; existing law in which no change is proposed is shown in roman."
)
ELISION = "* * * * * * *"

#: Whether each status counts as a failure of the report (``billtrack amend`` exits 1).
FAILING = frozenset({Status.FAILED, Status.UNPARSED})


@dataclass(frozen=True, slots=True, kw_only=True)
class InstructionRow:
    """One instruction as reported: identity, place, outcome."""

    id: str
    anchor: str  # an HTML id made from ``id``
    path: str
    line: int
    provision: str
    section: str  # "sec. 104(b)(1)": the bill section making it, as the bill numbers it
    citation: str | None
    target: str | None  # the target as cited
    operations: tuple[str, ...]
    status: Status
    message: str
    suggestion: str | None
    text: str

    @property
    def failing(self) -> bool:
        return self.status in FAILING


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """A piece of a display line: ``op`` equal, delete (struck) or insert; ``row`` the instruction
    that struck or inserted it. ``last`` marks the end of a change (where its attribution goes)."""

    op: str
    text: str
    row: InstructionRow | None = None
    last: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class PrintLine:
    """One line of a law section's print; ``elided`` stands for unchanged lines left out."""

    marks: tuple[Mark, ...] = ()
    elided: bool = False

    @property
    def changed(self) -> bool:
        return any(mark.op != EQUAL for mark in self.marks)


@dataclass(frozen=True, slots=True, kw_only=True)
class LawPrint:
    """One law section before and after the bill."""

    citation: str
    anchor: str
    heading: str | None
    act_section: str | None
    current_through: str | None
    path: str | None  # the law file (never rewritten)
    lines: tuple[PrintLine, ...]
    runs: tuple[ChangeRun, ...]
    base: str
    amended: str
    rows: tuple[InstructionRow, ...]  # the instructions applied to it, in bill order


@dataclass(frozen=True, slots=True, kw_only=True)
class ComparativePrint:
    """Everything a report shows: the bill, each instruction, each law section changed."""

    title: str
    label: str
    rows: tuple[InstructionRow, ...]
    laws: tuple[LawPrint, ...]
    summary: AmendSummary
    has_law: bool  # whether the package holds any law/ section at all

    @property
    def failing(self) -> bool:
        """Whether any instruction failed or was not understood (``no-law`` is not a failure)."""
        return any(row.failing for row in self.rows)


def comparative_print(
    package: Package, result: AmendResult, *, context: int | None = 1
) -> ComparativePrint:
    """The model of ``result`` (from :func:`tracker.core.amend.amend_package` on ``package``).

    ``context`` is how many unchanged lines to keep around each changed one (None keeps all)."""
    numbering = CompiledBill(package).numbering
    rows = tuple(
        _row(item, numbering.designation(item.instruction.provision)) for item in result.results
    )
    by_id = {row.id: row for row in rows}
    sections = {section.citation: section for section in sorted(package.law, key=lambda s: s.path)}
    laws = tuple(
        _law(changes.citation, sections.get(changes.citation), changes, by_id, context)
        for citation, changes in sorted(
            result.laws.items(), key=lambda item: _citation_key(item[0])
        )
    )
    bill = package.bill
    title = (bill.short_title or bill.official_title or "") if bill else ""
    return ComparativePrint(
        title=title or package.label,
        label=package.label,
        rows=rows,
        laws=laws,
        summary=result.summary,
        has_law=bool(package.law),
    )


def section_label(instruction_id: str, provision: str, designation: str | None) -> str:
    """The bill section an instruction is in, as printed: ``sec. 104(b)(1)``.

    >>> section_label("independent-investigations/(b)(1)", "independent-investigations", "104")
    'sec. 104(b)(1)'
    >>> section_label("x/(a)#2", "x", "3"), section_label("x", "x", None)
    ('sec. 3(a)', 'x')
    """
    path = instruction_id[len(provision) :].lstrip("/").split("#")[0]
    if not designation:
        return f"{provision}{path}"
    return f"sec. {designation}{path}"


def anchor(text: str) -> str:
    """An HTML id for an instruction id or citation: letters, digits and hyphens, one to one for
    instruction ids (``/`` and ``#`` become double hyphens, enumerators single ones).

    >>> anchor("independent-investigations/(b)(1)"), anchor("x/(a)#2"), anchor("x/(a)(2)")
    ('independent-investigations--b-1', 'x--a---2', 'x--a-2')
    >>> anchor("34 U.S.C. 10381")
    '34-usc-10381'
    """
    text = text.lower().replace(")(", "-").replace("/(", "--").replace("#", "--")
    text = text.replace(".", "")
    out = "".join(ch if ch.isalnum() or ch == "-" else " " for ch in text)
    return "-".join(out.split()).strip("-")


def _row(item: InstructionResult, designation: str | None) -> InstructionRow:
    instruction = item.instruction
    return InstructionRow(
        id=instruction.id,
        anchor="i-" + anchor(instruction.id),
        path=instruction.path,
        line=instruction.line,
        provision=instruction.provision,
        section=section_label(instruction.id, instruction.provision, designation),
        citation=instruction.citation,
        target=instruction.target.text if instruction.target else None,
        operations=tuple(op.summary() for op in instruction.operations),
        status=item.status,
        message=item.message,
        suggestion=item.suggestion,
        text=instruction.text,
    )


def _law(
    citation: str,
    section: LawSection | None,
    changes: LawChanges,
    rows: dict[str, InstructionRow],
    context: int | None,
) -> LawPrint:
    lines = _lines(changes.runs, rows)
    return LawPrint(
        citation=citation,
        anchor="law-" + anchor(citation),
        heading=section.heading if section else None,
        act_section=section.act_section if section else None,
        current_through=section.current_through if section else None,
        path=section.path if section else None,
        lines=_elide(lines, context),
        runs=changes.runs,
        base=changes.base,
        amended=changes.amended,
        rows=tuple(rows[i] for i in changes.instructions if i in rows),
    )


def _lines(runs: Iterable[ChangeRun], rows: dict[str, InstructionRow]) -> list[PrintLine]:
    """The runs cut at line ends; the last piece of each change is marked ``last``."""
    pieces: list[list[Mark]] = [[]]
    flat = [run for run in runs if run.text]
    for index, run in enumerate(flat):
        row = rows.get(run.instruction or "") if run.op != EQUAL else None
        following = flat[index + 1] if index + 1 < len(flat) else None
        ends_change = run.op != EQUAL and (
            following is None or following.op == EQUAL or following.instruction != run.instruction
        )
        parts = run.text.split("\n")
        for number, part in enumerate(parts):
            if number:
                pieces.append([])
            last = ends_change and number == len(parts) - 1
            if part or last:
                pieces[-1].append(Mark(op=run.op, text=part, row=row, last=last))
    if len(pieces) > 1 and not pieces[-1]:
        pieces.pop()
    return [PrintLine(marks=_spaced(marks)) for marks in pieces]


def _spaced(marks: list[Mark]) -> tuple[Mark, ...]:
    """A space shown between struck text and the new text right after it (``[willfully]
    knowingly``), as a printed comparative print sets them; display only, the runs are untouched."""
    out: list[Mark] = []
    for mark in marks:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.op == DELETE
            and mark.op == INSERT
            and previous.text[-1:].strip()
            and mark.text[:1].strip()
        ):
            out.append(Mark(op=EQUAL, text=" "))
        out.append(mark)
    return tuple(out)


def _elide(lines: list[PrintLine], context: int | None) -> tuple[PrintLine, ...]:
    """Unchanged lines more than ``context`` text lines from a change become one elision, set off
    by blank lines as its own paragraph."""
    if context is None or not any(line.changed for line in lines):
        return tuple(lines)
    text = [index for index, line in enumerate(lines) if line.marks]
    keep: set[int] = set()
    for position, index in enumerate(text):
        if lines[index].changed:
            keep.update(text[max(0, position - context) : position + context + 1])
    blank = PrintLine()
    out: list[PrintLine] = []
    eliding = False
    for index, line in enumerate(lines):
        if not line.marks:
            out.append(blank)
        elif index in keep:
            out.append(line)
            eliding = False
        elif not eliding:
            out += [blank, PrintLine(elided=True), blank]
            eliding = True
    tidy: list[PrintLine] = []
    for line in out:
        is_blank = not line.marks and not line.elided
        if is_blank and (not tidy or (not tidy[-1].marks and not tidy[-1].elided)):
            continue
        tidy.append(line)
    while tidy and not tidy[-1].marks and not tidy[-1].elided:
        tidy.pop()
    return tuple(tidy)


def _citation_key(citation: str) -> tuple[object, ...]:
    """Sort citations by title then section, numerically where they are numbers."""
    parts = citation.replace("U.S.C.", " ").split()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def runs_json(runs: Iterable[ChangeRun]) -> list[list[str | None]]:
    """Runs as JSON arrays ``[op, text, instruction]``."""
    return [[run.op, run.text, run.instruction] for run in runs]


__all__ = [
    "DELETE",
    "ELISION",
    "EQUAL",
    "INSERT",
    "LEGEND",
    "ComparativePrint",
    "InstructionRow",
    "LawPrint",
    "Mark",
    "PrintLine",
    "anchor",
    "comparative_print",
    "runs_json",
    "section_label",
]
