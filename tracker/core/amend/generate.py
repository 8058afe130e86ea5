"""Amendatory instructions generated from an edited copy of the law: edit the law, get the bill.

:func:`generate_instructions` takes a section of law (:class:`~tracker.core.amend.model.LawText`)
and counsel's edited copy of its body, and writes the instruction that turns one into the other, as
a provision body in the package's grammar (quoted matter in the GPO text form ‘‘ ’’ that
:mod:`~tracker.core.amend.parse` reads). How:

1. the subdivisions of both texts are aligned by content
   (:func:`~tracker.core.amend.generate_diff.align_nodes`): a paragraph struck, one inserted, and
   the paragraphs after it redesignated read as such;
2. every unit (the section, a subdivision) whose words changed by more than :data:`REWRITE_SHARE`
   is amended "to read as follows"; otherwise the changes go to the smallest unit that holds them:
   its own text word by word (strike, strike and insert, insert before or after words, at the end,
   before the period at the end, adding a sentence at the end), and its subdivisions (struck,
   inserted after or before a sibling or added at the end, redesignated);
3. in a unit, the order is: changes in subdivisions that keep their designation and subdivisions
   struck, in text order; then the redesignation; then changes in the subdivisions redesignated
   (cited "as so redesignated"); then insertions. Strikes free designations before the
   redesignation takes them, and insertions come when the designations they need are free, as the
   House Legislative Counsel orders them (H.R. 7120, sec. 104(b); 10 U.S.C. 2576a in sec. 365);
4. each word change (:mod:`~tracker.core.amend.generate_words`) is quoted only as long as it must
   be to occur once in its unit, and is tried on the unit's text with the applier itself before it
   is kept; a change the applier would read
   otherwise is quoted with more context, and a unit whose changes cannot be quoted is amended to
   read as follows;
5. the wording is :mod:`~tracker.core.amend.generate_style`'s; the instruction is then parsed and
   applied to the base, and must give the edited text exactly. If it does not, the whole section is
   amended to read as follows (``rewritten``); if even that does not, :class:`WorkflowError`.

The edited text is first normalised as law files are stored (no trailing spaces, one blank line
between paragraphs, the base's leading and trailing newlines). An unedited text gives no
instruction (``body`` is empty). Pure: no I/O.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from tracker.core.amend.apply import OperationFailed, apply_instructions, operation_edits
from tracker.core.amend.generate_diff import Hunk, align_nodes, changed_share, hunks
from tracker.core.amend.generate_style import Place, Step, designations, render_instruction
from tracker.core.amend.generate_words import candidates, enclosed
from tracker.core.amend.law_tree import LawNode, LawTree, parse_law
from tracker.core.amend.locate import LocationError, region
from tracker.core.amend.model import (
    Instruction,
    LawText,
    Location,
    Operation,
    Part,
    Status,
)
from tracker.core.amend.parse import parse_instructions
from tracker.core.enumeration import ordinal
from tracker.core.errors import WorkflowError

#: A unit (the section or a subdivision) is amended "to read as follows" when more than this share
#: of its words are struck (removed or replaced); words inserted, and subdivisions added, do not
#: count.
REWRITE_SHARE = 0.5

_RESHAPING = ("by striking paragraph", "by striking subsection", "by striking subparagraph",
              "by striking clause", "by striking subclause", "by striking item",
              "by redesignating")  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneratedAmendment:
    """The instruction that turns ``base`` into ``edited`` (both section bodies).

    ``body`` is the provision body text (empty when nothing changed); ``instructions`` the body as
    the parser reads it; ``rewritten`` marks a whole section amended to read as follows (by the
    threshold, or because the finer instruction would not give the edited text exactly).
    """

    citation: str
    base: str
    edited: str
    body: str
    instructions: tuple[Instruction, ...] = ()
    rewritten: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.body)


def normalise_edited(base: str, edited: str) -> str:
    """``edited`` as law bodies are kept, with ``base``'s leading and trailing newlines."""
    lines = [line.rstrip() for line in edited.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    core = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    lead = base[: len(base) - len(base.lstrip("\n"))]
    trail = base[len(base.rstrip("\n")) :]
    return lead + core + trail


def generate_instructions(
    base: LawText, edited_body: str, *, provision_id: str = "generated", level: int = 0
) -> GeneratedAmendment:
    """The instruction turning ``base.body`` into ``edited_body``; see the module docstring.
    ``level`` is where its items start (0: ``(1)``; 1: ``(A)`` under a paragraph)."""
    edited = normalise_edited(base.body, edited_body)
    if edited == base.body:
        return GeneratedAmendment(citation=base.citation, base=base.body, edited=edited, body="")
    if changed_share(base.body, edited) <= REWRITE_SHARE:
        walker = _Walker(parse_law(base.body), parse_law(edited))
        try:
            walker.inside(None, None, ())
        except _Fallback:
            walker.steps.clear()
        if walker.steps:
            body = render_instruction(base, walker.steps, level=level)
            found, _ = _check(base, edited, body, provision_id)
            if found is not None:
                return GeneratedAmendment(
                    citation=base.citation, base=base.body, edited=edited, body=body,
                    instructions=found,
                )  # fmt: skip
    step = Step(place=(), words="to read as follows:", matter=edited.strip("\n"))
    body = render_instruction(base, [step], level=level)
    found, why = _check(base, edited, body, provision_id)
    if found is None:
        raise WorkflowError(
            f"the edited text of {base.citation} cannot be written as an instruction that gives "
            f"it exactly: {why}",
            hint="look at the edited copy where it says: enumerators must run in sequence, and "
            "quoted law cannot carry single quotation marks around words",
        )
    return GeneratedAmendment(
        citation=base.citation, base=base.body, edited=edited, body=body, instructions=found,
        rewritten=True,
    )  # fmt: skip


def _check(
    base: LawText, edited: str, body: str, provision_id: str
) -> tuple[tuple[Instruction, ...] | None, str]:
    """The parsed instructions of ``body`` when applying them to ``base`` gives ``edited``; else
    None and why not."""
    instructions = parse_instructions(body, provision=provision_id)
    result = apply_instructions(instructions, {base.citation: base})
    for outcome in result.results:
        if outcome.status is not Status.APPLIED:
            return None, outcome.message
    changes = result.laws.get(base.citation)
    if changes is None or changes.amended != edited:
        return None, "applying it gives another text"
    return instructions, ""


class _Fallback(Exception):
    """A unit whose changes cannot be written finely: amend it to read as follows instead."""


@dataclass(slots=True)
class _Unit:
    """One unit's text being edited: the text around its region in a small document that the
    applier reads as it reads the section (``prefix`` + region + ``suffix``), and the location."""

    prefix: str
    suffix: str
    location: Location
    place: tuple[Place, ...]
    part: str = ""
    anchor: tuple[str, str] | None = None


@dataclass(slots=True)
class _Walker:
    base: LawTree
    edited: LawTree
    steps: list[Step] = field(default_factory=list)

    # --- units --------------------------------------------------------------------------------

    def pair(self, b: LawNode, e: LawNode, place: tuple[Place, ...], parent: tuple[Place, ...],
             live: str) -> None:  # fmt: skip
        """A subdivision of the base and its counterpart; ``place`` is where it is now."""
        old = self.base.text[b.heading_start : b.end]
        new = self.edited.text[e.heading_start : e.end]
        if old == new:
            return
        if b.chained or e.chained or changed_share(old, new) > REWRITE_SHARE:
            self.rewrite(e, parent, live)
            return
        mark = len(self.steps)
        try:
            self.inside(b, e, place)
            mine = self.steps[mark:]
            if any(s.words.startswith(_RESHAPING) and s.place == place for s in mine) and (
                not self.holds(b, e, parent, live, mine)
            ):
                raise _Fallback
        except _Fallback:
            del self.steps[mark:]
            self.rewrite(e, parent, live)

    def holds(self, b: LawNode, e: LawNode, parent: tuple[Place, ...], live: str,
              steps: list[Step]) -> bool:  # fmt: skip
        """Whether ``steps`` turn the subdivision into its edited text, applied to it alone (a
        strike or redesignation can leave a list the tree reads otherwise on the way)."""
        rest = self.base.text[b.start + len(b.enumerator) + 2 : b.end]
        alone = LawText(citation="1 U.S.C. 1", act_section=None, body=f"({live}){rest}\n")
        moved = [replace(step, place=step.place[len(parent) :]) for step in steps]
        body = render_instruction(alone, moved)
        found, _ = _check(alone, self.edited.text[e.start : e.end] + "\n", body, "check")
        return found is not None

    def rewrite(self, e: LawNode, parent: tuple[Place, ...], live: str) -> None:
        noun = e.level.noun
        self.steps.append(
            Step(
                place=parent,
                words=f"by amending {noun} ({live}) to read as follows:",
                matter=self.edited.text[e.start : e.end],
            )
        )

    def inside(self, b: LawNode | None, e: LawNode | None, place: tuple[Place, ...]) -> None:
        """The changes inside a unit (``None``: the section): its own text, its subdivisions."""
        btext, etext = self.base.text, self.edited.text
        bkids = b.children if b else self.base.children
        ekids = e.children if e else self.edited.children
        begin = b.heading_start if b else 0
        ebegin = e.heading_start if e else 0
        head = btext[b.start : b.heading_start] if b else ""
        path = (b.enumerator,) if b else ()
        if not bkids:
            end = b.end if b else len(btext.rstrip("\n"))
            eend = e.end if e else len(etext.rstrip("\n"))
            unit = _Unit(prefix=head, suffix="", location=Location(path=path), place=place)
            self.text(btext[begin:end], etext[ebegin:eend], unit)
            return
        if not ekids:
            raise _Fallback
        first, efirst = bkids[0], ekids[0]
        old_own = btext[begin : max(begin, first.start - 2)]
        new_own = etext[ebegin : max(ebegin, efirst.start - 2)]
        if old_own != new_own:
            if first.chained or efirst.chained:
                raise _Fallback
            unit = _Unit(
                prefix=head,
                suffix=f"\n\n({first.enumerator}) x",
                location=Location(path=path, part=Part.PRECEDING, anchor=f"({first.enumerator})"),
                place=place,
                part="preceding",
                anchor=(first.level.noun, first.enumerator),
            )
            self.text(old_own, new_own, unit)
        self.children(bkids, ekids, place)

    def children(
        self, bkids: tuple[LawNode, ...], ekids: tuple[LawNode, ...], place: tuple[Place, ...]
    ) -> None:
        btext, etext = self.base.text, self.edited.text
        pairs = _replacements(
            align_nodes(
                [(c.enumerator, btext[c.heading_start : c.end]) for c in bkids],
                [(c.enumerator, etext[c.heading_start : c.end]) for c in ekids],
            ),
            bkids,
            ekids,
        )
        moved: list[tuple[LawNode, LawNode]] = []
        late: list[tuple[LawNode, LawNode]] = []
        inserts: list[list[int]] = []
        struck: list[LawNode] = []

        def strike() -> None:
            if struck:
                self.strike(list(struck), place)
                struck.clear()

        for k, (i, j) in enumerate(pairs):
            if i is not None and j is None:
                struck.append(bkids[i])
                continue
            strike()
            if i is None:
                if inserts and inserts[-1][-1] == k - 1:
                    inserts[-1].append(k)
                else:
                    inserts.append([k])
                continue
            assert j is not None
            b, e = bkids[i], ekids[j]
            if b.enumerator != e.enumerator:
                moved.append((b, e))
                late.append((b, e))
            else:
                here = (*place, (b.level.noun, b.enumerator, False))
                self.pair(b, e, here, place, b.enumerator)
        strike()
        if moved:
            self.redesignate(moved, place)
        for b, e in late:
            here = (*place, (e.level.noun, e.enumerator, True))
            self.pair(b, e, here, place, e.enumerator)
        for run in inserts:
            self.insert(run, pairs, bkids, ekids, place)

    # --- subdivisions -------------------------------------------------------------------------

    def strike(self, nodes: list[LawNode], place: tuple[Place, ...]) -> None:
        runs: list[list[LawNode]] = []
        for node in nodes:
            if runs and _follows(runs[-1][-1], node):
                runs[-1].append(node)
            else:
                runs.append([node])
        for run in runs:
            noun = run[0].level.noun
            cited = designations(noun, [n.enumerator for n in run], contiguous=True)
            self.steps.append(Step(place=place, words=f"by striking {cited}"))

    def redesignate(self, moved: list[tuple[LawNode, LawNode]], place: tuple[Place, ...]) -> None:
        noun = moved[0][0].level.noun
        old = [b.enumerator for b, _ in moved]
        new = [e.enumerator for _, e in moved]
        contiguous = all(_follows(a, b) for (a, _), (b, _) in itertools.pairwise(moved))
        contiguous_new = all(_follows(a, b) for (_, a), (_, b) in itertools.pairwise(moved))
        words = (
            f"by redesignating {designations(noun, old, contiguous=contiguous)} as "
            f"{designations(noun, new, contiguous=contiguous_new)}"
        )
        if len(moved) > 1:
            words += ", respectively"
        self.steps.append(Step(place=place, words=words))

    def insert(
        self,
        run: list[int],
        pairs: list[tuple[int | None, int | None]],
        bkids: tuple[LawNode, ...],
        ekids: tuple[LawNode, ...],
        place: tuple[Place, ...],
    ) -> None:
        nodes = [ekids[pairs[k][1]] for k in run]  # type: ignore[index]
        if nodes[0].chained:
            raise _Fallback
        matter = self.edited.text[nodes[0].start : nodes[-1].end]
        before = [pairs[k] for k in range(run[0] - 1, -1, -1) if None not in pairs[k]]
        after = [pairs[k] for k in range(run[-1] + 1, len(pairs)) if None not in pairs[k]]
        if not after and (not before or not _has_tail(bkids[before[0][0]])):  # type: ignore[index]
            words = "by adding at the end the following:"
        elif before:
            anchor = ekids[before[0][1]]  # type: ignore[index]
            words = f"by inserting after {anchor.level.noun} ({anchor.enumerator}) the following:"
        else:
            anchor = ekids[after[0][1]]  # type: ignore[index]
            words = f"by inserting before {anchor.level.noun} ({anchor.enumerator}) the following:"
        self.steps.append(Step(place=place, words=words, matter=matter))

    # --- words --------------------------------------------------------------------------------

    def text(self, old: str, new: str, unit: _Unit) -> None:
        """Word changes turning a unit's text ``old`` into ``new``, each tried before it is kept."""
        current = old
        delta = 0
        for hunk in hunks(old, new):
            a, b, replacement = enclosed(current, hunk.start + delta, hunk.end + delta, hunk.new)
            expected = current[:a] + replacement + current[b:]
            for words, operation, matter in candidates(current, a, b, replacement):
                if _tries(unit, current, operation) == expected:
                    self.steps.append(
                        Step(place=unit.place, words=words, matter=matter, part=unit.part,
                             anchor=unit.anchor)
                    )  # fmt: skip
                    break
            else:
                raise _Fallback
            delta += len(expected) - len(current)
            current = expected
        if current != new:
            raise _Fallback


def _replacements(
    pairs: list[tuple[int | None, int | None]],
    bkids: tuple[LawNode, ...],
    ekids: tuple[LawNode, ...],
) -> list[tuple[int | None, int | None]]:
    """A subdivision struck and another inserted in its place with its designation are one
    subdivision rewritten ("by amending clause (i) to read as follows")."""
    out: list[tuple[int | None, int | None]] = []
    for i, j in pairs:
        if out and (i is None) != (j is None):
            k, last = out[-1]
            old, new = (k, j) if i is None else (i, last)
            if (
                (k is None) != (last is None)
                and (k is None) != (i is None)
                and old is not None
                and new is not None
                and bkids[old].enumerator == ekids[new].enumerator
            ):
                out[-1] = (old, new)
                continue
        out.append((i, j))
    return out


def _follows(a: LawNode, b: LawNode) -> bool:
    x, y = ordinal(a.level, a.enumerator), ordinal(b.level, b.enumerator)
    return x is not None and y is not None and y == x + 1


def _has_tail(node: LawNode) -> bool:
    while True:
        if node.tail:
            return True
        if not node.children:
            return False
        node = node.children[-1]


def _tries(unit: _Unit, current: str, operation: Operation) -> str | None:
    """The unit's text after ``operation``, as the applier does it, or None when it fails."""
    mini = unit.prefix + current + unit.suffix
    operation = Operation(
        kind=operation.kind, location=unit.location, strike=operation.strike,
        insert=operation.insert, at_end=operation.at_end,
    )  # fmt: skip
    try:
        edits = operation_edits(parse_law(mini), operation)
    except (LocationError, OperationFailed):
        return None
    out = mini
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.text + out[edit.end :]
    if not out.startswith(unit.prefix) or not out.endswith(unit.suffix):
        return None
    try:
        region(parse_law(out), unit.location)
    except LocationError:
        return None
    return out[len(unit.prefix) : len(out) - len(unit.suffix)]


__all__ = ["REWRITE_SHARE", "GeneratedAmendment", "Hunk", "generate_instructions"]
