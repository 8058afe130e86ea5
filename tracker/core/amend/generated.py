"""Generated instructions in the package: where they go in a provision, and whether they still hold.

``billtrack amend generate`` writes the instruction for one law section into a provision and
records what it was made from (:class:`EditRecord`, kept by the adapter in
``law/.edits/<name>.yaml`` beside the working copy ``law/.edits/<name>.md``): the citation, the
provision, the hash of the law body it was generated against and of the edited body it produces.

- :func:`instruction_span`: the paragraphs of a provision body that are its instruction for a
  citation (the "is amended" clause, its items and its quoted matter), to be replaced;
- :func:`splice_instruction`: a body with that span replaced by a new instruction, every other byte
  unchanged (the clause's own enumerator and heading stay);
- :func:`item_level`: the level the new instruction's items take under that clause;
- :func:`generated_findings`: ``check``'s BT920 and BT921: a provision whose instruction no longer
  produces its recorded edited text (the law file moved to a new release point: the edit must be
  redone), and a record naming a provision or instruction that is gone.

Pure: no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tracker.core.amend.actions import Clause
from tracker.core.amend.apply import apply_instructions
from tracker.core.amend.model import LawText, Status
from tracker.core.amend.parse import clauses, parse_instructions
from tracker.core.enumeration import ENUMERATOR, HEADING, Level
from tracker.core.errors import Finding, Severity
from tracker.core.law import normalize_body
from tracker.core.model import Package


@dataclass(frozen=True, slots=True, kw_only=True)
class EditRecord:
    """What ``amend generate`` wrote: the provision holding the instruction for ``citation``, and
    the hashes (:func:`text_digest`) of the law body it was made against and of the edited body."""

    citation: str
    provision: str
    base_sha256: str
    edited_sha256: str
    path: str = ""  # the record file, for findings


def text_digest(body: str) -> str:
    """The hash a record keeps of a law body (after :func:`~tracker.core.law.normalize_body`)."""
    return hashlib.sha256(normalize_body(body).encode("utf-8")).hexdigest()


def _flatten(nodes: list[Clause], depth: int, out: list[tuple[int, int]]) -> None:
    for node in nodes:
        out.append((node.line, depth))
        _flatten(node.children, depth + 1, out)


def _clause_at(nodes: list[Clause], line: int) -> Clause | None:
    for node in nodes:
        if node.line == line:
            return node
        found = _clause_at(node.children, line)
        if found is not None:
            return found
    return None


def instruction_span(body: str, citation: str, *, provision: str) -> tuple[int, int, int] | None:
    """``(start, end, level)``: the character span of ``body`` that is its instruction for
    ``citation`` (after the clause's enumerator and heading), and the clause's level; None when the
    body has no instruction for it."""
    found = [i for i in parse_instructions(body, provision=provision) if i.citation == citation]
    if not found:
        return None
    line = found[0].line
    tree = clauses(body)
    clause = _clause_at(tree, line)
    if clause is None:
        return None
    order: list[tuple[int, int]] = []
    _flatten(tree, 0, order)
    index = next(k for k, (at, _) in enumerate(order) if at == line)
    depth = order[index][1]
    later = [at for at, d in order[index + 1 :] if d <= depth]
    lines = body.split("\n")
    offsets = [0]
    for text in lines:
        offsets.append(offsets[-1] + len(text) + 1)
    start = offsets[line - 1]
    end = offsets[later[0] - 1] if later else len(body)
    end = start + len(body[start:end].rstrip())
    head = ENUMERATOR.match(body, start)
    position = head.end() if head else start
    while head and (head := ENUMERATOR.match(body, position)):
        position = head.end()
    heading = HEADING.match(body, position)
    if heading and heading.end() <= end and "is amended" not in heading.group(0):
        position = heading.end()
    return position, end, clause.block.level


def item_level(level: Level) -> int:
    """The index of the items' level under a clause of ``level`` ((1) under a subsection or the
    section's own text, (A) under a paragraph, ...)."""
    return max(0, int(level) - int(Level.SUBSECTION))


def splice_instruction(body: str, span: tuple[int, int], instruction: str) -> str:
    """``body`` with ``span`` replaced by ``instruction``; every other character unchanged."""
    start, end = span
    return body[:start] + instruction + body[end:]


def generated_findings(
    package: Package, records: Iterable[EditRecord], laws: Mapping[str, LawText]
) -> list[Finding]:
    """BT920/BT921 for each record (see the module docstring)."""
    findings: list[Finding] = []
    for record in records:
        provision = package.provisions.get(record.provision)
        instructions = (
            [
                i
                for i in parse_instructions(
                    provision.body,
                    provision=provision.id,
                    path=provision.path,
                    body_line=provision.body_line,
                )
                if i.citation == record.citation
            ]
            if provision is not None
            else []
        )
        if not instructions:
            what = (
                f"provision '{record.provision}' does not exist"
                if provision is None
                else f"provision '{record.provision}' has no instruction for {record.citation}"
            )
            findings.append(
                Finding(
                    code="BT921",
                    severity=Severity.WARNING,
                    path=record.path,
                    line=1,
                    message=f"the generated instruction recorded here is gone: {what}",
                    hint="regenerate it with 'billtrack amend generate "
                    f'"{record.citation}"\', or delete this record',
                )
            )
            continue
        law = laws.get(record.citation)
        if law is None:
            continue  # BT913 says the section is not in law/
        result = apply_instructions(instructions, {record.citation: law})
        failed = next((r for r in result.results if r.status is not Status.APPLIED), None)
        amended = result.laws.get(record.citation)
        if (
            failed is None
            and amended is not None
            and text_digest(amended.amended) == record.edited_sha256
        ):
            continue
        assert provision is not None
        moved = text_digest(law.body) != record.base_sha256
        why = (
            "the law file has changed since (a new release point?)"
            if moved
            else "the instruction was edited since"
        )
        findings.append(
            Finding(
                code="BT920",
                severity=Severity.ERROR,
                path=provision.path,
                line=instructions[0].line,
                message=f"the instruction for {record.citation} no longer produces the edited text "
                f"it was generated from: {why}"
                + (f" ({failed.message})" if failed is not None and failed.message else ""),
                hint=f"redo the edit on the current law ('billtrack law edit \"{record.citation}\"') "
                f'and regenerate (\'billtrack amend generate "{record.citation}" --into '
                f"{provision.id}')",
            )
        )
    return findings
