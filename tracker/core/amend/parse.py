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
from dataclasses import dataclass, field, replace

from tracker.core.amend.citations import CHAIN, parse_target, tokens
from tracker.core.amend.locate import NOUN, read_locations
from tracker.core.amend.model import (
    Instruction,
    Location,
    Operation,
    OpKind,
    Status,
    Target,
    TargetKind,
)
from tracker.core.amend.quoted import PLACEHOLDER, block_matter, opens_quote, skeleton
from tracker.core.enumeration import Block, BlockKind, Level, enumerator_for, ordinal, parse_body
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
Q = r"⟦(\d+)⟧"
_EACH = (
    r"(?P<each>,?\s+each place (?:it|such term|such terms|such phrase|the term|that term|they)"
    r" appears?,?)?"
)
_MARKS = {
    "period": ".", "semicolon": ";", "comma": ",", "colon": ":", "dash": "—", "em dash": "—",
    "close quotation marks": "”", "quotation marks": "”", "closing parenthesis": ")",
}  # fmt: skip
_MARK = r"(?P<mark>period|semicolon|comma|colon|em dash|dash|closing parenthesis)"
_NEW = (
    r"(?:(?P<qi>" + Q + r")|(?P<follow>the following)|a (?P<imark>semicolon|period|comma|colon)"
    r"|(?P<iword>“[^”]*”))"
)
DLIST = CHAIN + r"(?:(?:,\s*|,?\s+(?:and|or|through)\s+)" + CHAIN + r")*"
_ACTIONS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        ("strike_text", r"striking " + Q + _EACH + r"(?P<end>\s+at the end)?(?:,?\s+(?:and\s+)?inserting " + _NEW + _EACH.replace("each", "each2") + r")?"),
        ("strike_mark", r"striking the " + _MARK + r"(?P<end>\s+at the end)?(?: of [^,]+?)?(?:,?\s+and inserting " + _NEW + r")?"),
        ("strike_sentence", r"striking the (?P<nth>first|second|third|last) sentence(?:,?\s+and inserting " + _NEW + r")?"),
        ("strike_sub", r"striking (?P<noun>" + NOUN + r")\s+(?P<list>" + DLIST + r")(?:,? as so redesignated,?)?(?:,?\s+and inserting (?P<follow>the following))?"),
        ("insert_at_end", r"inserting " + Q + r"(?:\s+(?P<where>before|after) the " + _MARK + r")?\s+at the end(?: thereof)?"),
        ("insert_text", r"inserting " + Q + r"\s+(?P<where>before|after) " + r"⟦(?P<anchor>\d+)⟧" + _EACH),
        ("insert_follow", r"inserting (?P<where>before|after) ⟦(?P<anchor>\d+)⟧" + _EACH + r"\s+(?P<follow>the following)"),
        ("insert_sub", r"inserting (?P<where>before|after) (?:the )?(?P<noun>" + NOUN + r")\s+(?P<list>" + CHAIN + r")(?:,? as so redesignated,?)?\s+(?P<follow>the following)"),
        ("insert_item", r"inserting (?P<where>before|after) the items? (?:relating|related) to (?P<item>[^⟦]+?)\s+(?P<follow>the following)"),
        ("add", r"adding (?:at the end(?: of)?(?: thereof)?|after (?:the )?(?P<noun>" + NOUN + r")\s+(?P<list>" + CHAIN + r"))\s*(?:(?P<follow>the following)|(?P<qi>" + Q + r"))"),
        ("redesignate", r"redesignating (?P<noun>" + NOUN + r")\s+(?P<list>" + DLIST + r")(?:,? as added by [^,]+,)?\s+as (?P<noun2>" + NOUN + r")\s+(?P<list2>" + DLIST + r")(?:,? respectively)?"),
        ("amend_read", r"amending (?:(?:the )?(?P<noun>" + NOUN + r")\s+(?P<list>" + CHAIN + r")|the (?P<heading>(?:\w+ )?heading)(?: of such \w+)?|(?:the )?(?P<whole>section|subsection|paragraph))\s+to read as (?P<follow>follows)"),
    ]
]  # fmt: skip


class NotUnderstood(Exception):
    """A clause the grammar does not read; the message says which words."""


@dataclass(slots=True)
class Clause:
    """A paragraph of the provision, the quoted paragraphs after it, and its child clauses."""

    block: Block
    line: int
    quoted: list[str] = field(default_factory=list)
    children: list[Clause] = field(default_factory=list)

    @property
    def designation(self) -> str:
        return "".join(f"({p})" for p in self.block.path) if self.block.enumerator else ""


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
            raise NotUnderstood(f"“{_short(clause.block.text)}” has no clauses after its dash")
        ops: list[Operation] = []
        for child in clause.children:
            ops.extend(_ops(child.block.text, child, location))
        return ops
    if re.fullmatch(r"(?:,\s*)?to read as follows", form, re.IGNORECASE):
        return [_op(OpKind.AMEND_TO_READ, location, clause, insert=_matter(inline_matter, clause))]
    form = re.sub(r"^(?:,\s*)?by\s+", "", form)
    parts = re.split(r",?\s+and by\s+|;\s+and by\s+", form)
    ops = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        ops.append(_action(part.strip(), quotes, location, clause, inline_matter if last else ""))
    return ops


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _op(kind: OpKind, location: Location, clause: Clause, **fields: object) -> Operation:
    return Operation(kind=kind, location=location, text=clause.block.text, line=clause.line,
                     **fields)  # type: ignore[arg-type]  # fmt: skip


def _matter(inline: str, clause: Clause) -> str:
    paragraphs = ([inline] if inline.strip() else []) + clause.quoted
    matter = block_matter(paragraphs)
    if matter is None:
        raise NotUnderstood(
            f"“{_short(clause.block.text)}”: the quoted matter after “the following” is missing "
            "or not closed"
        )
    return matter


def _designations(noun: str, chains: str) -> tuple[str, ...]:
    """``paragraphs (3) through (5)`` → ``("(3)", "(4)", "(5)")``."""
    found = re.findall(CHAIN + r"|through", chains)
    out: list[str] = []
    level = _LEVELS.get(noun.lower().rstrip("s"))
    index = 0
    while index < len(found):
        item = found[index]
        if item == "through" and out and index + 1 < len(found) and level is not None:
            first, last = tokens(out[-1])[-1], tokens(found[index + 1])[-1]
            start, stop = ordinal(level, first), ordinal(level, last)
            if start is None or stop is None or stop < start:
                raise NotUnderstood(f"cannot expand the range {out[-1]} through {found[index + 1]}")
            out.extend(f"({enumerator_for(level, n)})" for n in range(start + 1, stop + 1))
            index += 2
            continue
        out.append(item)
        index += 1
    return tuple(out)


_LEVELS = {
    "subsection": Level.SUBSECTION, "paragraph": Level.PARAGRAPH,
    "subparagraph": Level.SUBPARAGRAPH, "clause": Level.CLAUSE, "subclause": Level.SUBCLAUSE,
    "item": Level.ITEM, "subitem": Level.SUBITEM,
}  # fmt: skip


def _action(
    form: str, quotes: list[str], location: Location, clause: Clause, inline: str
) -> Operation:
    def q(group: str | None) -> str:
        return quotes[int(group)] if group is not None else ""

    for name, pattern in _ACTIONS:
        m = pattern.fullmatch(form)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("follow") or (name == "add" and groups.get("qi") is None):
            new = _matter(inline, clause)
        elif groups.get("qi"):
            new = q(PLACEHOLDER.fullmatch(groups["qi"])[1])  # type: ignore[index]
        elif groups.get("imark"):
            new = _MARKS[groups["imark"].lower()]
        else:
            new = None
        each = bool(groups.get("each") or groups.get("each2"))
        if name == "strike_text":
            kind = OpKind.STRIKE if new is None else OpKind.STRIKE_INSERT
            return _op(kind, location, clause, strike=q(m.group(1)), insert=new,
                       at_end=bool(m["end"]), each_place=each)  # fmt: skip
        if name == "strike_mark":
            kind = OpKind.STRIKE if new is None else OpKind.STRIKE_INSERT
            return _op(kind, location, clause, strike=_MARKS[m["mark"].lower()], insert=new,
                       at_end=bool(m["end"]) or m["mark"].lower() == "period")  # fmt: skip
        if name == "strike_sentence":
            nth = {"first": "1", "second": "2", "third": "3", "last": "-1"}[m["nth"].lower()]
            where = replace(location, part=location.part.SENTENCE, anchor=nth)
            kind = OpKind.STRIKE if new is None else OpKind.STRIKE_INSERT
            return _op(kind, where, clause, insert=new)
        if name == "strike_sub":
            kind = OpKind.REPLACE_SUBDIVISION if new is not None else OpKind.STRIKE_SUBDIVISION
            return _op(kind, location, clause, insert=new,
                       designations=_designations(m["noun"], m["list"]))  # fmt: skip
        if name == "insert_at_end":
            mark = _MARKS[m["mark"].lower()] if m["mark"] else None
            if mark is None:
                return _op(
                    OpKind.INSERT_AT_END, location, clause, insert=q(m.group(1)), at_end=True
                )
            kind = OpKind.INSERT_BEFORE if m["where"].lower() == "before" else OpKind.INSERT_AFTER
            return _op(kind, location, clause, insert=q(m.group(1)), strike=mark, at_end=True)
        if name in ("insert_text", "insert_follow"):
            kind = OpKind.INSERT_BEFORE if m["where"].lower() == "before" else OpKind.INSERT_AFTER
            value = q(m.group(1)) if name == "insert_text" else new
            return _op(kind, location, clause, insert=value, strike=q(m["anchor"]), each_place=each)
        if name == "insert_sub":
            kind = (
                OpKind.INSERT_SUBDIVISION_BEFORE
                if m["where"].lower() == "before"
                else OpKind.INSERT_SUBDIVISION_AFTER
            )
            return _op(kind, location, clause, insert=new,
                       designations=_designations(m["noun"], m["list"]))  # fmt: skip
        if name == "insert_item":
            kind = (
                OpKind.INSERT_SUBDIVISION_BEFORE
                if m["where"].lower() == "before"
                else OpKind.INSERT_SUBDIVISION_AFTER
            )
            return _op(kind, location, clause, insert=new,
                       designations=(f"item relating to {m['item'].strip()}",))  # fmt: skip
        if name == "add":
            if m["list"]:
                return _op(OpKind.INSERT_SUBDIVISION_AFTER, location, clause, insert=new,
                           designations=_designations(m["noun"], m["list"]))  # fmt: skip
            return _op(OpKind.ADD_AT_END, location, clause, insert=new, at_end=True)
        if name == "redesignate":
            old = _designations(m["noun"], m["list"])
            to = _designations(m["noun2"], m["list2"])
            if len(old) != len(to):
                raise NotUnderstood(
                    f"“{_short(clause.block.text)}”: {len(old)} designations redesignated as "
                    f"{len(to)}"
                )
            return _op(OpKind.REDESIGNATE, location, clause, designations=old,
                       new_designations=to)  # fmt: skip
        if name == "amend_read":
            where = location
            if m["list"]:
                where = replace(location, path=(*location.path, *tokens(m["list"])))
            elif m["heading"]:
                where = replace(location, part=location.part.HEADING)
            return _op(OpKind.AMEND_TO_READ, where, clause, insert=new)
    raise NotUnderstood(
        f"not understood: “{_short(_unskeleton(form, quotes))}” in “{_short(clause.block.text)}”"
    )


def _unskeleton(form: str, quotes: list[str]) -> str:
    return PLACEHOLDER.sub(lambda m: f"“{quotes[int(m[1])]}”", form)


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
