"""Word changes inside one unit's text, written as the applier reads them.

:func:`candidates` lists the ways to write one change ("``current[a:b]`` becomes ``new``"), most
natural first: "by striking the period at the end", "by striking ‘‘and’’ at the end", "by striking
‘‘x’’", "by adding at the end the following: ‘‘sentence’’", "by inserting ‘‘x’’ before the period at
the end", "by inserting ‘‘x’’ after ‘‘y’’" (or before), and last "by striking ‘‘x’’ and inserting
‘‘y’’" with the words around the change quoted until the struck words occur once in the unit.
:mod:`~tracker.core.amend.generate` tries each with the applier and keeps the first that gives the
intended text. :func:`enclosed` widens a change inside brackets or quotation marks to take them
("(21)" to "(22)", not "21" to "22"). Pure: no I/O.
"""

from __future__ import annotations

import re

from tracker.core.amend.generate_style import mark_name, quote
from tracker.core.amend.locate import find_all
from tracker.core.amend.model import Operation, OpKind

_MARKS = ".;,:"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_FORBIDDEN = re.compile(
    r"‘‘|’’|⟦|⟧|\n|the following|as follows|(?:is|are)\s+(?:\w+\s+)?(?:amended|repealed)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[A-Z“(][^\n]*[.?!]”?\Z")


_PAIRS = {"(": ")", "“": "”", "[": "]"}


def enclosed(text: str, a: int, b: int, new: str) -> tuple[int, int, str]:
    """A change inside brackets or quotation marks (``(21)`` to ``(22)``) widened to take them."""
    while (
        a > 0
        and b < len(text)
        and _PAIRS.get(text[a - 1]) == text[b]
        and text[a - 1] not in text[a:b]
        and text[a - 1] not in new
    ):
        a, b, new = a - 1, b + 1, text[a - 1] + new + text[b]
    return a, b, new


def candidates(current: str, a: int, b: int, new: str) -> list[tuple[str, Operation, str | None]]:
    """Ways to write "``current[a:b]`` becomes ``new``", most natural first."""
    old = current[a:b]
    xs, ys = old.strip(), new.strip()
    rest = current[b:].strip()
    out: list[tuple[str, Operation, str | None]] = []
    if xs and not ys:  # struck
        if not rest and xs in _MARKS and mark_name(xs):
            out.append((f"by striking the {mark_name(xs)} at the end",
                        Operation(kind=OpKind.STRIKE, strike=xs, at_end=True), None))  # fmt: skip
        if not rest and _quotable(xs):
            out.append((f"by striking {quote(xs)} at the end",
                        Operation(kind=OpKind.STRIKE, strike=xs, at_end=True), None))  # fmt: skip
        span = _unique(current, *_trim(current, a, b))
        if span and _quotable(current[span[0] : span[1]]) and span == _trim(current, a, b):
            out.append((f"by striking {quote(xs)}", Operation(kind=OpKind.STRIKE, strike=xs), None))
    elif ys and not xs:  # inserted
        tail = current[a:].strip()
        if not tail and new.startswith("\n\n"):
            matter = new.strip("\n")
            out.append(("by adding at the end the following:",
                        Operation(kind=OpKind.ADD_AT_END, insert=matter, at_end=True), matter))  # fmt: skip
        elif not tail and _quotable(ys):
            if _SENTENCE.match(ys) and current.rstrip().endswith((".", ".”")):
                out.append(("by adding at the end the following:",
                            Operation(kind=OpKind.ADD_AT_END, insert=ys, at_end=True), ys))  # fmt: skip
            out.append((f"by inserting {quote(ys)} at the end",
                        Operation(kind=OpKind.INSERT_AT_END, insert=ys, at_end=True), None))  # fmt: skip
        if tail in _MARKS and tail and mark_name(tail) and _quotable(ys):
            out.append((f"by inserting {quote(ys)} before the {mark_name(tail)} at the end",
                        Operation(kind=OpKind.INSERT_BEFORE, insert=ys, strike=tail, at_end=True),
                        None))  # fmt: skip
        if _quotable(ys):
            left = _context_before(current, a)
            if left:
                out.append((f"by inserting {quote(ys)} after {quote(left)}",
                            Operation(kind=OpKind.INSERT_AFTER, insert=ys, strike=left), None))  # fmt: skip
            right = _context_after(current, a)
            if right:
                out.append((f"by inserting {quote(ys)} before {quote(right)}",
                            Operation(kind=OpKind.INSERT_BEFORE, insert=ys, strike=right), None))  # fmt: skip
    elif xs and ys:  # struck and inserted
        if not rest and xs in _MARKS and mark_name(xs) and _quotable(ys):
            said = f"a {mark_name(ys)}" if mark_name(ys) else quote(ys)
            out.append((f"by striking the {mark_name(xs)} at the end and inserting {said}",
                        Operation(kind=OpKind.STRIKE_INSERT, strike=xs, insert=ys, at_end=True),
                        None))  # fmt: skip
        if not rest and _quotable(xs) and _quotable(ys) and old == xs and new == ys:
            out.append((f"by striking {quote(xs)} at the end and inserting {quote(ys)}",
                        Operation(kind=OpKind.STRIKE_INSERT, strike=xs, insert=ys, at_end=True),
                        None))  # fmt: skip
    replaced = _with_context(current, a, b, new)
    if replaced:
        q, r = replaced
        said = f"a {mark_name(r)}" if mark_name(r) and mark_name(q) else quote(r)
        out.append((f"by striking {quote(q)} and inserting {said}",
                    Operation(kind=OpKind.STRIKE_INSERT, strike=q, insert=r), None))  # fmt: skip
    return out


def _quotable(text: str) -> bool:
    """Whether ``text`` can be quoted inline: no edge spaces, brackets and quotes balanced, none
    of the words the instruction grammar reads as its own."""
    return (
        bool(text)
        and text == text.strip()
        and not _FORBIDDEN.search(text)
        and all(text.count(o) == text.count(c) for o, c in _PAIRS.items())
    )


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _unique(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``(a, b)`` when ``text[a:b]`` occurs once in ``text`` (as the applier finds it), else None."""
    if a >= b:
        return None
    spans = find_all(text, 0, len(text), text[a:b])
    return (a, b) if spans == [(a, b)] else None


def _starts(text: str) -> list[int]:
    return [m.start() for m in _TOKEN.finditer(text)]


def _context_before(text: str, at: int) -> str | None:
    """The shortest words ending just before ``at`` that occur once (for "after ‘‘...’’")."""
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    for start in reversed([s for s in _starts(text) if s < end]):
        piece = text[start:end]
        if not _quotable(piece):
            return None
        if _unique(text, start, end):
            return piece
    return None


def _context_after(text: str, at: int) -> str | None:
    """The shortest words starting at ``at`` (after spaces) that occur once (for "before ‘‘...’’")."""
    start = at
    while start < len(text) and text[start].isspace():
        start += 1
    for match in _TOKEN.finditer(text, start):
        piece = text[start : match.end()]
        if not _quotable(piece):
            return None
        if _unique(text, start, match.end()):
            return piece
    return None


def _with_context(text: str, a: int, b: int, new: str) -> tuple[str, str] | None:
    """Strike ``q`` and insert ``r``, exactly: the change widened by whole words on either side
    until the struck words occur once and neither side starts or ends with a space."""
    starts = _starts(text)
    ends = [m.end() for m in _TOKEN.finditer(text)]
    lo, hi = a, b
    for turn in range(2 * len(starts) + 2):
        q = text[lo:hi]
        r = text[lo:a] + new + text[b:hi]
        if _quotable(q) and _quotable(r) and _unique(text, lo, hi):
            return q, r
        if _FORBIDDEN.search(q) or _FORBIDDEN.search(r):
            return None
        grow_right = turn % 2 == 0 or lo == 0
        if grow_right and hi < len(text):
            hi = min((e for e in ends if e > hi), default=len(text))
        elif lo > 0:
            lo = max((s for s in starts if s < lo), default=0)
        elif hi < len(text):
            hi = min((e for e in ends if e > hi), default=len(text))
        else:
            return None
    return None
