"""Applying instructions to law texts, in bill order, into a comparative print.

:func:`apply_instructions` takes the bill's instructions (in bill order) and the law texts keyed by
canonical citation, and applies each instruction to the law as amended by the instructions before it
(so "as amended by section 101 of this Act" reads the right base). An instruction applies whole or
not at all. Each result is:

- ``applied`` (the message may note a gap the instruction leaves in a sequence of enumerators);
- ``no-law``: the target is not among the law texts (a table of sections, a chapter, a section not
  added to the package);
- ``failed``, with why: the U.S. Code citation does not resolve while the Act section cited beside it
  does (a did-you-mean naming the probable citation, never applied); quoted text not found (named,
  with where it was looked for and where it does occur); found more than once without "each place it
  appears" (how many); a designation already taken; a subdivision, part or sentence that the text
  does not have (naming it, and "as so redesignated" when it was read after a redesignation);
  enumerators out of order after applying; a probable intent may be offered as ``suggestion``;
- ``unparsed``: carried from the parser.

Spacing follows the drafting convention: striking a word takes the space before it, and inserted
words get the space that separates them from their neighbours. Pure: no I/O.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace

from tracker.core.amend.citations import act_section_key, normalise_act, tokens
from tracker.core.amend.law_tree import LawNode, LawTree, parse_law
from tracker.core.amend.ledger import Edit, Ledger
from tracker.core.amend.locate import LocationError, designation_list, find_all, node_at, region
from tracker.core.amend.model import (
    AmendResult,
    Instruction,
    InstructionResult,
    LawChanges,
    LawText,
    Operation,
    OpKind,
    Part,
    Status,
    TargetKind,
)
from tracker.core.enumeration import ordinal


class OperationFailed(Exception):
    """An operation that cannot be applied; ``suggestion`` is a probable intent, never applied."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


def apply_instructions(
    instructions: Sequence[Instruction], laws: Mapping[str, LawText]
) -> AmendResult:
    """Apply ``instructions`` in order to ``laws``; see the module docstring for the results."""
    ledgers = {citation: Ledger.of(law.body) for citation, law in laws.items()}
    by_act = _act_sections(instructions, laws)
    failed_on: dict[str, list[str]] = {}
    touched: dict[str, list[str]] = {}
    results: list[InstructionResult] = []
    for instruction in instructions:
        if instruction.status is Status.UNPARSED or instruction.target is None:
            results.append(_result(instruction, Status.UNPARSED, instruction.message))
            continue
        citation, problem = _resolve(instruction, laws, by_act)
        if problem is not None:
            if problem.suggestion and problem.status is Status.FAILED:
                probable = problem.suggestion.removeprefix("did you mean ").rstrip("?")
                failed_on.setdefault(probable, []).append(instruction.id)
                problem = _trial(problem, ledgers[probable], probable)
            results.append(problem)
            continue
        assert citation is not None
        try:
            ledger, note = _apply(instruction, ledgers[citation])
        except OperationFailed as error:
            earlier = failed_on.get(citation, [])
            message = str(error)
            if earlier and instruction.target.amended_by:
                message += (
                    f" (it amends the law as amended by {instruction.target.amended_by}; "
                    f"earlier instructions on {citation} failed: {', '.join(earlier)})"
                )
            failed_on.setdefault(citation, []).append(instruction.id)
            results.append(_result(instruction, Status.FAILED, message, error.suggestion))
            continue
        ledgers[citation] = ledger
        touched.setdefault(citation, []).append(instruction.id)
        results.append(_result(instruction, Status.APPLIED, note))
    changes = {
        citation: LawChanges(
            citation=citation,
            base=laws[citation].body,
            amended=ledgers[citation].live,
            runs=ledgers[citation].runs,
            instructions=tuple(ids),
        )
        for citation, ids in touched.items()
    }
    return AmendResult(results=tuple(results), laws=changes)


def _act_sections(
    instructions: Sequence[Instruction], laws: Mapping[str, LawText]
) -> dict[str, str]:
    """Which law text each Act section is: as the law texts record it, and as the bill itself
    cites it where the Act section and a U.S.C. citation that resolves stand side by side
    ("section 1701(b) of title I of ... (34 U.S.C. 10381(b))")."""
    by_act = {
        normalise_act(law.act_section): citation
        for citation, law in laws.items()
        if law.act_section
    }
    for instruction in instructions:
        target = instruction.target
        if (
            target is not None
            and target.kind is TargetKind.SECTION
            and target.act_section
            and target.act
            and target.citation in laws
        ):
            by_act.setdefault(act_section_key(target.act_section, target.act), target.citation)
    return by_act


def _same_digits(citation: str, laws: Mapping[str, LawText]) -> str | None:
    """The one law text of the same title whose section number has the same digits in another
    order (``34 U.S.C. 13081`` for ``34 U.S.C. 10381``), or None."""
    title, _, section = citation.partition(" U.S.C. ")
    if not section:
        return None
    found = [
        known
        for known in laws
        if known.startswith(f"{title} U.S.C. ")
        and (number := known.partition(" U.S.C. ")[2]) != section
        and sorted(number) == sorted(section)
    ]
    return found[0] if len(found) == 1 else None


def _trial(problem: InstructionResult, ledger: Ledger, probable: str) -> InstructionResult:
    """Say what the instruction would do to the probable citation (nothing is applied)."""
    try:
        _apply(problem.instruction, ledger)
    except OperationFailed as error:
        return replace(
            problem,
            message=f"{problem.message}; read against {probable} it would also fail: {error}",
        )
    return replace(problem, message=f"{problem.message}; read against {probable} it would apply")


def _result(
    instruction: Instruction, status: Status, message: str, suggestion: str | None = None
) -> InstructionResult:
    return InstructionResult(
        instruction=instruction, status=status, message=message, suggestion=suggestion
    )


def _resolve(
    instruction: Instruction, laws: Mapping[str, LawText], by_act: Mapping[str, str]
) -> tuple[str | None, InstructionResult | None]:
    target = instruction.target
    assert target is not None
    if target.kind is not TargetKind.SECTION:
        what = (
            "a table of sections" if target.kind is TargetKind.TABLE else "a container of sections"
        )
        return None, _result(
            instruction, Status.NO_LAW, f"{target.text} is {what}, not a law section in the package"
        )
    if target.citation in laws:
        return target.citation, None
    probable = None
    if target.act_section and target.act:
        probable = by_act.get(act_section_key(target.act_section, target.act))
    if probable and target.citation:
        act = f"section {target.act_section} of {target.act}"
        return None, _result(
            instruction,
            Status.FAILED,
            f"the citation {target.citation} does not resolve: it is not among the law texts, "
            f"while {act}, cited beside it, is {probable}",
            f"did you mean {probable}?",
        )
    if probable:
        return probable, None
    transposed = _same_digits(target.citation, laws) if target.citation else None
    if transposed:
        return None, _result(
            instruction,
            Status.FAILED,
            f"the citation {target.citation} does not resolve: it is not among the law texts, "
            f"while {transposed}, which is, has the same digits in another order",
            f"did you mean {transposed}?",
        )
    cited = target.citation or target.text
    return None, _result(instruction, Status.NO_LAW, f"{cited} is not among the law texts")


def _apply(instruction: Instruction, ledger: Ledger) -> tuple[Ledger, str]:
    tree = parse_law(ledger.live)
    before = _sequence_problems(tree)
    for number, operation in enumerate(instruction.operations, start=1):
        if number > 1:
            tree = parse_law(ledger.live)
        try:
            edits = _edits(tree, operation)
        except (OperationFailed, LocationError) as error:
            suggestion = getattr(error, "suggestion", None)
            if suggestion is None:
                suggestion = _suggest(tree, operation)
            label = f"operation {number} ({operation.summary()})"
            raise OperationFailed(f"{label}: {error}", suggestion) from None
        ledger = ledger.apply(edits, instruction.id)
    after = _sequence_problems(parse_law(ledger.live))
    order = [p for p in after - before if p[0] == "order"]
    if order:
        raise OperationFailed(f"enumerators out of sequence after applying: {order[0][1]}")
    gaps = sorted(p[1] for p in after - before if p[0] == "gap")
    return ledger, ("leaves a gap: " + "; ".join(gaps)) if gaps else ""


def _sequence_problems(tree: LawTree) -> set[tuple[str, str]]:
    problems: set[tuple[str, str]] = set()

    def check(children: tuple[LawNode, ...], where: str) -> None:
        for previous, node in itertools.pairwise(children):
            if previous.level != node.level:
                continue
            a, b = (
                ordinal(previous.level, previous.enumerator),
                ordinal(node.level, node.enumerator),
            )
            if a is None or b is None:
                continue
            text = f"{node.designation} follows {previous.designation} {where}"
            if b <= a:
                problems.add(("order", text))
            elif b != a + 1:
                problems.add(("gap", text))

    check(tree.children, "in the section")
    for path, node in tree.walk():
        check(node.children, "in " + "".join(f"({p})" for p in path))
    return problems


def _where(operation: Operation) -> str:
    return operation.location.describe()


def _occurrences(tree: LawTree, operation: Operation, quoted: str) -> list[tuple[int, int]]:
    area = region(tree, operation.location)
    spans = find_all(tree.text, area.start, area.end, quoted)
    if operation.at_end:
        end = len(tree.text[: area.end].rstrip())
        spans = [span for span in spans if span[1] == end]
        if not spans:
            tail = " ".join(tree.text[max(area.start, end - 40) : end].split())
            raise OperationFailed(
                f"“{quoted}” is not at the end of {_where(operation)} (it ends “…{tail}”)"
            )
    if not spans:
        raise OperationFailed(f"“{quoted}” not found in {_where(operation)}")
    if len(spans) > 1 and not operation.each_place:
        raise OperationFailed(
            f"“{quoted}” occurs {len(spans)} times in {_where(operation)}, and the instruction "
            "does not say “each place it appears”"
        )
    return spans


def _spaced(text: str, position: int, new: str) -> str:
    """``new`` with the spaces that separate it from the text around ``position``."""
    before = text[position - 1] if position > 0 else "\n"
    after = text[position] if position < len(text) else "\n"
    if (
        new
        and (new[0].isalnum() or new[0] in "(“")
        and not before.isspace()
        and before not in "(“—"
    ):
        new = " " + new
    if new and (new[-1].isalnum() or new[-1] in ".,;:)”") and (after.isalnum() or after in "(“"):
        new = new + " "
    return new


def _strike_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Striking words takes the space before them, or the one after where none is before."""
    if start > 0 and text[start - 1] == " " and (end == len(text) or not text[end].isalnum()):
        return start - 1, end
    if end < len(text) and text[end] == " " and (start == 0 or not text[start - 1].isalnum()):
        return start, end + 1
    return start, end


def operation_edits(tree: LawTree, operation: Operation) -> list[Edit]:
    """The edits one operation makes to ``tree``'s text, as :func:`apply_instructions` makes them
    (raises :class:`OperationFailed` or :class:`~tracker.core.amend.locate.LocationError`); the
    generator tries its wording with it."""
    return _edits(tree, operation)


def _edits(tree: LawTree, operation: Operation) -> list[Edit]:
    text = tree.text
    kind = operation.kind
    new = operation.insert or ""
    if kind in (OpKind.STRIKE, OpKind.STRIKE_INSERT):
        if operation.strike is None:  # a whole sentence
            area = region(tree, operation.location)
            start, end = area.start, area.end
            if not new:
                start, end = _strike_span(text, start, end)
            return [Edit(start, end, new)]
        spans = _occurrences(tree, operation, operation.strike)
        if kind is OpKind.STRIKE:
            return [Edit(*_strike_span(text, a, b), "") for a, b in spans]
        return [Edit(a, b, new) for a, b in spans]
    if kind in (OpKind.INSERT_BEFORE, OpKind.INSERT_AFTER):
        assert operation.strike is not None
        spans = _occurrences(tree, operation, operation.strike)
        at = [a if kind is OpKind.INSERT_BEFORE else b for a, b in spans]
        return [Edit(p, p, _spaced(text, p, new)) for p in at]
    if kind is OpKind.INSERT_AT_END:
        area = region(tree, operation.location)
        end = len(text[: area.end].rstrip())
        return [Edit(end, end, _spaced(text, end, new))]
    if kind is OpKind.ADD_AT_END:
        return _add_at_end(tree, operation, new)
    if kind in (OpKind.STRIKE_SUBDIVISION, OpKind.REPLACE_SUBDIVISION):
        nodes = [_designated(tree, operation, d) for d in operation.designations]
        start, end = min(n.start for n in nodes), max(n.end for n in nodes)
        if kind is OpKind.REPLACE_SUBDIVISION:
            _check_free(tree, operation, new, replaced=nodes)
            return [Edit(start, end, new)]
        if start >= 2:
            return [Edit(start - 2, end, "")]
        return [Edit(start, min(len(text), end + 2) if end + 2 <= len(text) else end, "")]
    if kind in (OpKind.INSERT_SUBDIVISION_AFTER, OpKind.INSERT_SUBDIVISION_BEFORE):
        anchor = _designated(
            tree,
            operation,
            operation.designations[-1 if kind is OpKind.INSERT_SUBDIVISION_AFTER else 0],
        )
        _check_free(tree, operation, new)
        if kind is OpKind.INSERT_SUBDIVISION_AFTER:
            return [Edit(anchor.end, anchor.end, "\n\n" + new)]
        return [Edit(anchor.start, anchor.start, new + "\n\n")]
    if kind is OpKind.REDESIGNATE:
        return _redesignate(tree, operation)
    if kind in (OpKind.AMEND_TO_READ, OpKind.REPEAL):
        if operation.location.part is Part.HEADING:
            area = region(tree, operation.location)
            return [Edit(area.start, area.end, new)]
        node = node_at(tree, operation.location.path, operation.location)
        if node is None:
            end = len(text.rstrip("\n"))
            return [Edit(0, end, new)]
        if kind is OpKind.REPEAL:
            return [Edit(node.start - 2 if node.start >= 2 else node.start, node.end, "")]
        return [Edit(node.start, node.end, new)]
    raise OperationFailed(f"{kind.value} is not supported")


def _designated(tree: LawTree, operation: Operation, designation: str) -> LawNode:
    path = (*operation.location.path, *tokens(designation))
    node = node_at(tree, path, operation.location)
    assert node is not None
    return node


def _siblings(tree: LawTree, operation: Operation) -> tuple[LawNode, ...]:
    parent = node_at(tree, operation.location.path, operation.location)
    return parent.children if parent else tree.children


def _check_free(
    tree: LawTree, operation: Operation, matter: str, replaced: Sequence[LawNode] = ()
) -> None:
    """New subdivisions must not take a designation a sibling already has."""
    new = [node.enumerator for node in parse_law(matter).children]
    taken = {n.enumerator for n in _siblings(tree, operation)} - {n.enumerator for n in replaced}
    clash = [e for e in new if e in taken]
    if clash:
        where = "".join(f"({p})" for p in operation.location.path) or "the section"
        raise OperationFailed(
            f"designation ({clash[0]}) is already taken in {where} (it has "
            f"{_designations(_siblings(tree, operation))})"
        )


def _designations(nodes: Sequence[LawNode]) -> str:
    return designation_list(list(nodes))


def _add_at_end(tree: LawTree, operation: Operation, new: str) -> list[Edit]:
    area = region(tree, operation.location)
    node = area.node
    end = len(tree.text[: area.end].rstrip())
    if new and tree.text[:end].endswith(new):
        raise OperationFailed(
            f"{_where(operation)} already ends with the text to be added (is it applied twice?)"
        )
    subdivisions = parse_law(new).children
    sentence = "\n\n" not in new and not subdivisions and operation.location.part is Part.WHOLE
    if sentence and (node is None or not node.children):  # a sentence at the end of the text
        return [Edit(end, end, " " + new)]
    if subdivisions:
        _check_free(tree, operation, new)
    return [Edit(end, end, "\n\n" + new)]


def _redesignate(tree: LawTree, operation: Operation) -> list[Edit]:
    siblings = _siblings(tree, operation)
    moving = {tokens(d)[-1] for d in operation.designations}
    edits = []
    for old, to in zip(operation.designations, operation.new_designations, strict=True):
        node = _designated(tree, operation, old)
        target = tokens(to)[-1]
        if any(s.enumerator == target and s.enumerator not in moving for s in siblings):
            raise OperationFailed(
                f"designation {to} is already taken (it has {_designations(siblings)})"
            )
        edits.append(Edit(node.start, node.start + len(node.enumerator) + 2, f"({target})"))
    return edits


def _suggest(tree: LawTree, operation: Operation) -> str | None:
    """Where the struck text does occur, when it was not where the instruction looked."""
    if not operation.strike or operation.kind not in (OpKind.STRIKE, OpKind.STRIKE_INSERT):
        return None
    parent = tuple(operation.location.path[:-1])
    try:
        container = node_at(tree, parent, operation.location) if parent else None
    except LocationError:
        return None
    candidates = container.children if container else tree.children
    found = [
        node
        for node in candidates
        if find_all(tree.text, node.heading_start, node.end, operation.strike)
    ]
    if len(found) == 1 and operation.location.path:
        where = "".join(f"({p})" for p in (*parent, found[0].enumerator))
        so = ", as so redesignated" if operation.location.redesignated else ""
        return f"did you mean {where}{so}? it contains “{operation.strike}”"
    return None
