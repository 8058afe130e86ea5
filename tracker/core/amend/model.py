"""The records of amending existing law: the law's text, instructions, and what applying them did.

Every record is frozen, slotted and keyword-only; everything here is plain data that renderers
format and none re-derives.

- :class:`LawText`: one section of existing law as the package holds it (citation, the Act section
  it is, its body in the provision grammar);
- :class:`Target`: what an amendatory clause names (the Act, the section, the U.S. Code
  parenthetical, "as amended by");
- :class:`Location`: where inside the target section an operation acts (a path of enumerators and
  a part of that subdivision: its text, the matter preceding or following a child, its heading, a
  sentence);
- :class:`Operation`: one change (strike, insert, add at the end, redesignate, amend to read...);
- :class:`Instruction`: one "is amended" clause for one target section, with its id and place;
- :class:`ChangeRun`, :class:`LawChanges`, :class:`InstructionResult`, :class:`AmendResult`: the
  outcome of :func:`~tracker.core.amend.apply.apply_instructions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tracker.core.redline.runs import DELETE, INSERT, Op


@dataclass(frozen=True, slots=True, kw_only=True)
class LawText:
    """The text of one section of existing law.

    ``citation`` is canonical (``"34 U.S.C. 10152"``, ``"18 U.S.C. 242"``); ``act_section`` names the
    section of the Act it is, when known (``"section 501 of title I of the Omnibus Crime Control and
    Safe Streets Act of 1968"``), and serves to suggest the right citation when a bill cites a wrong
    one. ``body`` is in the provision grammar: one paragraph per subdivision, blank lines between.
    """

    citation: str
    act_section: str | None
    body: str


class TargetKind(StrEnum):
    SECTION = "section"  # a section (or a subdivision of one)
    CONTAINER = "container"  # a part, chapter, subchapter, title or Act: several sections
    TABLE = "table-of-sections"  # the table of sections (or contents) of a chapter or Act


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """What an amendatory clause amends, as cited.

    ``citation`` is the canonical U.S. Code section (``"34 U.S.C. 10381"``) when the clause gives one,
    else None. ``subpath`` is the subdivision named in the citation (``("b",)`` for "section 1701(b)"
    or "10381(b)"). ``act`` is the Act as named (with its title, if any); ``act_section`` the section
    number within it (``"1701"``). ``amended_by`` keeps "as amended by section 101 of this Act".
    """

    text: str
    kind: TargetKind
    citation: str | None
    subpath: tuple[str, ...] = ()
    act: str | None = None
    act_section: str | None = None
    amended_by: str | None = None


class Part(StrEnum):
    """Which part of a subdivision a location names."""

    WHOLE = "whole"  # the subdivision's own text and its children
    PRECEDING = "preceding"  # "the matter preceding paragraph (1)"
    FOLLOWING = "following"  # "the matter following subparagraph (B)"
    HEADING = "heading"  # "in the heading"
    SENTENCE = "sentence"  # "in the first sentence", "in the last sentence"


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """Where in the target section an operation acts.

    ``path`` is the enumerators from the section down (``("a", "1", "A")``); ``part`` narrows to a
    part of that subdivision; ``anchor`` is the child named by a preceding/following part, or the
    sentence number (1-based, -1 for the last). ``redesignated`` lists the path elements cited "as so
    redesignated" (for messages: the designation is read after the earlier redesignation).
    """

    path: tuple[str, ...] = ()
    part: Part = Part.WHOLE
    anchor: str | None = None
    redesignated: bool = False

    def describe(self) -> str:
        where = "".join(f"({p})" for p in self.path) or "the section"
        if self.part is Part.PRECEDING:
            where = f"the matter preceding ({self.anchor}) in {where}"
        elif self.part is Part.FOLLOWING:
            where = f"the matter following ({self.anchor}) in {where}"
        elif self.part is Part.HEADING:
            where = f"the heading of {where}"
        elif self.part is Part.SENTENCE:
            nth = "last" if self.anchor == "-1" else f"number {self.anchor}"
            where = f"sentence {nth} of {where}"
        return where + (", as so redesignated" if self.redesignated else "")


class OpKind(StrEnum):
    STRIKE = "strike"  # strike quoted text
    STRIKE_INSERT = "strike-insert"  # strike quoted text and insert other text
    INSERT_BEFORE = "insert-before"  # insert text before quoted text
    INSERT_AFTER = "insert-after"  # insert text after quoted text
    INSERT_AT_END = (
        "insert-at-end"  # "by inserting 'x' at the end" / "before the period at the end"
    )
    ADD_AT_END = "add-at-end"  # "by adding at the end the following:"
    STRIKE_SUBDIVISION = "strike-subdivision"  # "by striking subsection (d)"
    REPLACE_SUBDIVISION = "replace-subdivision"  # "by striking paragraph (2) and inserting ..."
    INSERT_SUBDIVISION_AFTER = "insert-subdivision-after"  # "by inserting after paragraph (21) ..."
    INSERT_SUBDIVISION_BEFORE = "insert-subdivision-before"
    REDESIGNATE = "redesignate"  # "by redesignating paragraphs (5) and (6) as (6) and (7)"
    AMEND_TO_READ = "amend-to-read"  # "is amended to read as follows:"
    REPEAL = "repeal"  # "is repealed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    """One change an instruction makes.

    ``strike`` is the text to strike, or the text an insertion is placed against (``INSERT_BEFORE``,
    ``INSERT_AFTER``); ``insert`` the new text (for subdivisions, paragraphs in the provision grammar,
    blank lines between); ``designations`` the subdivisions struck, inserted after, or redesignated
    from, and ``new_designations`` those they are redesignated as. ``at_end`` marks "at the end";
    ``each_place`` marks "each place it appears". ``line`` is the bill line of the clause.
    """

    kind: OpKind
    location: Location = field(default_factory=Location)
    strike: str | None = None
    insert: str | None = None
    designations: tuple[str, ...] = ()
    new_designations: tuple[str, ...] = ()
    at_end: bool = False
    each_place: bool = False
    text: str = ""
    line: int = 0

    def summary(self) -> str:
        """A short plain description (``strike "willfully"; insert "knowingly"``)."""
        parts = [self.kind.value]
        if self.designations:
            parts.append(", ".join(self.designations))
        if self.new_designations:
            parts.append("as " + ", ".join(self.new_designations))
        if self.strike is not None:
            parts.append(f"“{_short(self.strike)}”" + (" at the end" if self.at_end else ""))
        if self.each_place:
            parts.append("each place it appears")
        if self.insert is not None:
            parts.append(f"→ “{_short(self.insert)}”")
        if self.location != Location():
            parts.append(f"in {self.location.describe()}")
        return " ".join(parts)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class Status(StrEnum):
    PARSED = "parsed"
    UNPARSED = "unparsed"
    APPLIED = "applied"
    FAILED = "failed"
    NO_LAW = "no-law"


@dataclass(frozen=True, slots=True, kw_only=True)
class Instruction:
    """One amendatory instruction: an "is amended" clause for one target section.

    ``id`` is ``<provision id>/<path>`` where path is the enumerators of the clause that names the
    target within the provision (``law-enforcement-grants/(b)(1)``; the bare provision id when the
    clause is the provision's unnumbered text); a second instruction at the same path gets ``#2``.
    ``path`` and ``line`` place the clause in the bill (the provision file and its line). ``status``
    is PARSED or UNPARSED (then ``message`` says what was not understood).
    """

    id: str
    path: str
    line: int
    provision: str
    text: str
    target: Target | None
    operations: tuple[Operation, ...]
    status: Status = Status.PARSED
    message: str = ""

    @property
    def citation(self) -> str | None:
        return self.target.citation if self.target else None


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeRun:
    """A run of a law section's comparative print: ``op`` equal, delete (struck) or insert.

    ``instruction`` is the id of the instruction that struck or inserted the text (None for equal).
    """

    op: Op
    text: str
    instruction: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LawChanges:
    """One law section before and after the bill: runs whose old side is ``base`` and new side
    ``amended``, byte for byte."""

    citation: str
    base: str
    amended: str
    runs: tuple[ChangeRun, ...]
    instructions: tuple[str, ...]

    @property
    def old_text(self) -> str:
        return "".join(run.text for run in self.runs if run.op != INSERT)

    @property
    def new_text(self) -> str:
        return "".join(run.text for run in self.runs if run.op != DELETE)


@dataclass(frozen=True, slots=True, kw_only=True)
class InstructionResult:
    instruction: Instruction
    status: Status  # APPLIED, FAILED, NO_LAW or UNPARSED
    message: str = ""
    suggestion: str | None = None  # a probable intent, offered and never applied


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendSummary:
    total: int
    applied: int
    failed: int
    unparsed: int
    no_law: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendResult:
    """Everything applying a bill's instructions produced, in bill order."""

    results: tuple[InstructionResult, ...]
    laws: Mapping[str, LawChanges]

    @property
    def summary(self) -> AmendSummary:
        count = {status: 0 for status in Status}
        for result in self.results:
            count[result.status] += 1
        return AmendSummary(
            total=len(self.results),
            applied=count[Status.APPLIED],
            failed=count[Status.FAILED],
            unparsed=count[Status.UNPARSED],
            no_law=count[Status.NO_LAW],
        )
