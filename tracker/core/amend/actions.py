"""Operations: the words after a location ("by striking ‘‘x’’ and inserting ‘‘y’’") as records.

Each form of :mod:`~tracker.core.amend.parse`'s list is one named pattern in ``_ACTIONS``, read over
the clause's skeleton (quotations replaced by ``⟦n⟧``, see :mod:`~tracker.core.amend.quoted`);
:func:`read_action` turns a match into an :class:`~tracker.core.amend.model.Operation`, taking the
quoted matter that follows "the following:" from the clause. Designation lists ("paragraphs (3)
through (5)") are expanded with the enumerator sequences of :mod:`tracker.core.enumeration`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tracker.core.amend.citations import CHAIN, tokens
from tracker.core.amend.locate import NOUN
from tracker.core.amend.model import Location, Operation, OpKind
from tracker.core.amend.quoted import PLACEHOLDER, block_matter
from tracker.core.enumeration import Block, Level, enumerator_for, ordinal

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


def short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def make_op(kind: OpKind, location: Location, clause: Clause, **fields: object) -> Operation:
    return Operation(kind=kind, location=location, text=clause.block.text, line=clause.line,
                     **fields)  # type: ignore[arg-type]  # fmt: skip


def matter(inline: str, clause: Clause) -> str:
    paragraphs = ([inline] if inline.strip() else []) + clause.quoted
    text = block_matter(paragraphs)
    if text is None:
        raise NotUnderstood(
            f"“{short(clause.block.text)}”: the quoted matter after “the following” is missing "
            "or not closed"
        )
    return text


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


def read_action(
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
            new = matter(inline, clause)
        elif groups.get("qi"):
            new = q(PLACEHOLDER.fullmatch(groups["qi"])[1])  # type: ignore[index]
        elif groups.get("imark"):
            new = _MARKS[groups["imark"].lower()]
        else:
            new = None
        each = bool(groups.get("each") or groups.get("each2"))
        if name == "strike_text":
            kind = OpKind.STRIKE if new is None else OpKind.STRIKE_INSERT
            return make_op(kind, location, clause, strike=q(m.group(1)), insert=new,
                       at_end=bool(m["end"]), each_place=each)  # fmt: skip
        if name == "strike_mark":
            kind = OpKind.STRIKE if new is None else OpKind.STRIKE_INSERT
            return make_op(kind, location, clause, strike=_MARKS[m["mark"].lower()], insert=new,
                       at_end=bool(m["end"]) or m["mark"].lower() == "period")  # fmt: skip
        if name == "strike_sentence":
            nth = {"first": "1", "second": "2", "third": "3", "last": "-1"}[m["nth"].lower()]
            where = replace(location, part=location.part.SENTENCE, anchor=nth)
            kind = OpKind.STRIKE if new is None else OpKind.STRIKE_INSERT
            return make_op(kind, where, clause, insert=new)
        if name == "strike_sub":
            kind = OpKind.REPLACE_SUBDIVISION if new is not None else OpKind.STRIKE_SUBDIVISION
            return make_op(kind, location, clause, insert=new,
                       designations=_designations(m["noun"], m["list"]))  # fmt: skip
        if name == "insert_at_end":
            mark = _MARKS[m["mark"].lower()] if m["mark"] else None
            if mark is None:
                return make_op(
                    OpKind.INSERT_AT_END, location, clause, insert=q(m.group(1)), at_end=True
                )
            kind = OpKind.INSERT_BEFORE if m["where"].lower() == "before" else OpKind.INSERT_AFTER
            return make_op(kind, location, clause, insert=q(m.group(1)), strike=mark, at_end=True)
        if name in ("insert_text", "insert_follow"):
            kind = OpKind.INSERT_BEFORE if m["where"].lower() == "before" else OpKind.INSERT_AFTER
            value = q(m.group(1)) if name == "insert_text" else new
            return make_op(
                kind, location, clause, insert=value, strike=q(m["anchor"]), each_place=each
            )
        if name == "insert_sub":
            kind = (
                OpKind.INSERT_SUBDIVISION_BEFORE
                if m["where"].lower() == "before"
                else OpKind.INSERT_SUBDIVISION_AFTER
            )
            return make_op(kind, location, clause, insert=new,
                       designations=_designations(m["noun"], m["list"]))  # fmt: skip
        if name == "insert_item":
            kind = (
                OpKind.INSERT_SUBDIVISION_BEFORE
                if m["where"].lower() == "before"
                else OpKind.INSERT_SUBDIVISION_AFTER
            )
            return make_op(kind, location, clause, insert=new,
                       designations=(f"item relating to {m['item'].strip()}",))  # fmt: skip
        if name == "add":
            if m["list"]:
                return make_op(OpKind.INSERT_SUBDIVISION_AFTER, location, clause, insert=new,
                           designations=_designations(m["noun"], m["list"]))  # fmt: skip
            return make_op(OpKind.ADD_AT_END, location, clause, insert=new, at_end=True)
        if name == "redesignate":
            old = _designations(m["noun"], m["list"])
            to = _designations(m["noun2"], m["list2"])
            if len(old) != len(to):
                raise NotUnderstood(
                    f"“{short(clause.block.text)}”: {len(old)} designations redesignated as "
                    f"{len(to)}"
                )
            return make_op(OpKind.REDESIGNATE, location, clause, designations=old,
                       new_designations=to)  # fmt: skip
        if name == "amend_read":
            where = location
            if m["list"]:
                where = replace(location, path=(*location.path, *tokens(m["list"])))
            elif m["heading"]:
                where = replace(location, part=location.part.HEADING)
            return make_op(OpKind.AMEND_TO_READ, where, clause, insert=new)
    raise NotUnderstood(
        f"not understood: “{short(_unskeleton(form, quotes))}” in “{short(clause.block.text)}”"
    )


def _unskeleton(form: str, quotes: list[str]) -> str:
    return PLACEHOLDER.sub(lambda m: f"“{quotes[int(m[1])]}”", form)
