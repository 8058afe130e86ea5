"""The instruction grammar: a provision body's amendatory clauses as :class:`Instruction` records.

A clause is an instruction when it reads ``<target> is amended ...`` (also "are amended", "is further
amended", "is amended by—", "is repealed"); words that merely mention an amendment ("as amended by
section 101") are not. The clause's target is read by :mod:`~tracker.core.amend.citations`; the
rest of the clause and its child clauses give the operations:

- ``is amended—`` then child clauses, each a location ("in subsection (a)—", "(1) in paragraph (2),")
  and operations, nesting as deep as the bill does;
- ``by striking ‘‘x’’`` / ``by striking ‘‘x’’ and inserting ‘‘y’’`` / ``... each place it appears``
  / ``by striking ‘‘and’’ at the end`` / ``by striking the period at the end and inserting ‘‘; and’’``
  / ``by striking the semicolon`` / ``by striking ‘‘x’’ and inserting the following:``;
- ``by inserting ‘‘x’’ after ‘‘y’’`` (or before), ``by inserting ‘‘x’’ at the end``, ``by inserting
  ‘‘x’’ before the period at the end``, ``by inserting after ‘‘y’’ the following:``;
- ``by inserting after paragraph (21) the following:`` (or before): new subdivisions;
- ``by adding at the end the following:`` (a sentence, or new subdivisions);
- ``by striking subsection (d)`` (also several: "paragraphs (3) and (4)", "(3) through (5)"), and
  ``by striking paragraph (2) and inserting the following:``;
- ``by redesignating paragraphs (5) and (6) as paragraphs (6) and (7), respectively``;
- ``is amended to read as follows:`` and ``by amending paragraph (3) to read as follows:``;
- ``is repealed``; several operations in one clause joined by "and by".

A container target ("Part Q of title I of ... is amended— (1) in section 1701(b) (34 U.S.C.
10381(b))—...; (2) in section 1709 ...") gives one instruction per section clause.

Ids: ``<provision>/<path>``, the path the enumerators of the clause naming the target within the
provision (``law-enforcement-grants/(b)(1)``), the bare provision id for its unnumbered text; a
second instruction at the same path gets ``#2``. What the grammar does not read becomes an
instruction with status ``unparsed`` and a message quoting the clause, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tracker.core.amend.actions import Clause, NotUnderstood, make_op, matter, read_action, short
from tracker.core.amend.citations import parse_target
from tracker.core.amend.locate import read_locations
from tracker.core.amend.model import (
    Instruction,
    Location,
    Operation,
    OpKind,
    Status,
    Target,
    TargetKind,
)
from tracker.core.amend.quoted import opens_quote, skeleton
from tracker.core.enumeration import BlockKind, parse_body
from tracker.core.model import Provision

VERB = re.compile(
    r"\s*,?\s+(?P<verb>(?:is|are)\s+(?:hereby\s+)?(?:further\s+)?(?:amended|repealed))\b"
)


@dataclass(frozen=True, slots=True)
class Lead:
    """An "is amended" clause split: the words naming the target, the verb, the rest."""

    target: str
    verb: str
    rest: str


def read_lead(text: str) -> Lead | None:
    match = VERB.search(text)
    if match is None:
        return None
    return Lead(text[: match.start()], match["verb"], text[match.end() :])


_CITES = re.compile(
    r"\b(?:section|sections|subsection|paragraph|subparagraph|clause|part|chapter|subchapter|title"
    r"|subtitle|division|table|act|code|statutes)\b",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(
    r"(?:the following(?: new [a-z ]+?(?:\s*\([A-Za-z0-9]+\))?)?|(?<!amended )as follows)\s*:\s*",
    re.IGNORECASE,
)
_END_PUNCT = re.compile(r"\s*(?:[;,.]\s*(?:and|or)?|[;,]?\s*(?:and|or))\s*$")
_IN_SECTION = re.compile(
    r"^in (?P<phrase>section \S+?(?:\s*\((?:[^()]|\([^()]*\))*\))?"
    r"(?:,?\s*as (?:amended|added|redesignated) by (?:[^,—()]|\([^()]*\))*)?)\s*(?:,\s*|—\s*|(?=by\b)|$)",
    re.IGNORECASE,
)


def clauses(body: str, body_line: int = 1) -> list[Clause]:
    """The provision's paragraphs as a tree of clauses (quoted paragraphs attached to their clause)."""
    top: list[Clause] = []
    stack: list[Clause] = []
    last: Clause | None = None
    for block in parse_body(body).blocks:
        if block.kind is BlockKind.QUOTED and last is not None and (last.quoted or _wants(last)):
            last.quoted.append(block.text)
            continue
        clause = Clause(block=block, line=body_line + block.line - 1)
        if block.kind is BlockKind.SUBDIVISION:
            while stack and len(stack[-1].block.path) >= len(block.path):
                stack.pop()
            (stack[-1].children if stack else top).append(clause)
            stack.append(clause)
        else:
            (stack[-1].children if stack else top).append(clause)
            if block.kind is BlockKind.TEXT and block.text.rstrip().endswith("—"):
                stack.append(clause)  # "Section 242 ... is amended—" adopts the clauses after it
        last = clause
    return top


def _wants(clause: Clause) -> bool:
    """Whether a clause ends by introducing quoted matter (so a quoted block after it is its)."""
    text = clause.block.text.rstrip()
    return text.endswith(":") or bool(re.search(r"(?:‘‘|“)[^’”]*$", text))


def parse_instructions(
    body: str, *, provision: str, path: str = "", body_line: int = 1
) -> tuple[Instruction, ...]:
    """Every amendatory instruction in a provision body, in order."""
    if not VERB.search(body):
        return ()
    out: list[Instruction] = []
    for clause in clauses(body, body_line):
        _collect(clause, provision, path, out)
    seen: dict[str, int] = {}
    numbered = []
    for instruction in out:
        seen[instruction.id] = seen.get(instruction.id, 0) + 1
        if seen[instruction.id] > 1:
            instruction = replace(instruction, id=f"{instruction.id}#{seen[instruction.id]}")
        numbered.append(instruction)
    return tuple(numbered)


def _collect(clause: Clause, provision: str, path: str, out: list[Instruction]) -> None:
    text = clause.block.text
    lead = read_lead(text) if clause.block.kind is not BlockKind.QUOTED else None
    if lead and _CITES.search(lead.target) and not opens_quote(lead.target):
        out.extend(_instructions(clause, lead, provision, path))
        return
    for child in clause.children:
        _collect(child, provision, path, out)


def _ident(provision: str, clause: Clause) -> str:
    return f"{provision}/{clause.designation}" if clause.designation else provision


def _instructions(clause: Clause, lead: Lead, provision: str, path: str) -> list[Instruction]:
    target_words = lead.target
    target = parse_target(target_words)

    def make(at: Clause, target: Target | None, ops: Iterable[Operation], text: str) -> Instruction:
        return Instruction(
            id=_ident(provision, at), path=path, line=at.line, provision=provision, text=text,
            target=target, operations=tuple(ops),
        )  # fmt: skip

    def failed(at: Clause, target: Target | None, error: NotUnderstood) -> Instruction:
        return replace(
            make(at, target, (), at.block.text), status=Status.UNPARSED, message=str(error)
        )

    rest = lead.rest.strip()
    base = Location(path=target.subpath)
    if target.kind is TargetKind.CONTAINER and re.fullmatch(r"(?:by\s*)?—", rest):
        result: list[Instruction] = []
        loose: list[Operation] = []
        for child in clause.children:
            section = _IN_SECTION.match(child.block.text)
            if not section:
                try:
                    loose.extend(_clause_ops(child, Location()))
                except NotUnderstood as error:
                    result.append(failed(child, target, error))
                continue
            sub = parse_target(section["phrase"], within=target)
            sub = replace(sub, amended_by=sub.amended_by or target.amended_by)
            words = child.block.text[section.end() :]
            try:
                ops = _ops(words, child, Location(path=sub.subpath))
                result.append(make(child, sub, ops, f"{target.text}: {child.block.text}"))
            except NotUnderstood as error:
                result.append(failed(child, sub, error))
        if loose:
            result.insert(0, make(clause, target, loose, clause.block.text))
        return result
    try:
        if lead.verb.endswith("repealed"):
            return [make(clause, target, [Operation(kind=OpKind.REPEAL, location=base,
                                                    text=text_of(clause), line=clause.line)], text_of(clause))]  # fmt: skip
        return [make(clause, target, _ops(rest, clause, base), clause.block.text)]
    except NotUnderstood as error:
        return [failed(clause, target, error)]


def text_of(clause: Clause) -> str:
    return clause.block.text


def _clause_ops(clause: Clause, base: Location) -> list[Operation]:
    return _ops(clause.block.text, clause, base)


def _ops(words: str, clause: Clause, base: Location) -> list[Operation]:
    """The operations of ``words`` (a clause after its target or at its start) and its children."""
    words = words.strip()
    words = re.sub(r"^,?\s*(?:is|are) (?:further )?amended\b\s*", "", words)
    matter_at = _FOLLOWING.search(words)
    inline_matter = ""
    if matter_at:
        inline_matter = words[matter_at.end() :]
        said = "as follows" if "follows" in matter_at.group(0) else "the following"
        words = words[: matter_at.start()] + said
    form, quotes = skeleton(words)
    location, form = read_locations(form, base)
    form = _END_PUNCT.sub("", form.strip())
    if form in ("", "—", "by—", "by —") or (form.endswith("—") and not matter_at):
        if not clause.children:
            raise NotUnderstood(f"“{short(clause.block.text)}” has no clauses after its dash")
        ops: list[Operation] = []
        for child in clause.children:
            ops.extend(_ops(child.block.text, child, location))
        return ops
    if re.fullmatch(r"(?:,\s*)?to read as follows", form, re.IGNORECASE):
        return [
            make_op(OpKind.AMEND_TO_READ, location, clause, insert=matter(inline_matter, clause))
        ]
    form = re.sub(r"^(?:,\s*)?by\s+", "", form)
    parts = re.split(r",?\s+and by\s+|;\s+and by\s+", form)
    ops = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        ops.append(
            read_action(part.strip(), quotes, location, clause, inline_matter if last else "")
        )
    return ops


def parse_provisions(provisions: Iterable[Provision]) -> tuple[Instruction, ...]:
    """Every instruction of a bill's provisions (give them in bill order), located in their files."""
    return tuple(
        instruction
        for provision in provisions
        for instruction in parse_instructions(
            provision.body,
            provision=provision.id,
            path=provision.path,
            body_line=provision.body_line,
        )
    )
