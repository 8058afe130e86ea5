"""The text of a law section as a tree of subdivisions, with the place of every part in the text.

The grammar is the provision grammar (:mod:`tracker.core.enumeration`): paragraphs separated by blank
lines; a paragraph opening with an enumerator ``(a) `` opens a subdivision, optionally with a heading
(``(a) Grant authorization.—The Attorney General ...``); a subdivision without text of its own is a
bare ``(a)`` (or ``(a) Heading.—``); enumerators may be chained on one line (``(4)(A) The Secretary``:
the subdivision (4) has no text and (A) is written on its line); unnumbered paragraphs before the
first subdivision are the lead-in, and those after a subdivision's children its tail ("the matter
following"). Levels are decided as :func:`~tracker.core.enumeration.parse_body` decides them.

:func:`parse_law` reads text into a :class:`LawTree`; :func:`render_law` writes it back, byte for byte
for well-formed text (no trailing spaces on lines, one blank line between paragraphs). Every node
carries offsets into the text it was read from, so the applier edits the text itself and never
re-renders what it did not change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.enumeration import HEADING, Level, parse_body

_CHAIN = re.compile(r"\(([A-Za-z]{1,6}|[0-9]{1,4}[A-Za-z]?)\)")
_GAP = re.compile(r"[ \t]*")


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    """An unnumbered paragraph: its text and its offsets in the section text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LawNode:
    """One subdivision.

    ``start`` is the offset of its ``(`` and ``text_start``/``text_end`` delimit its own text (after
    the enumerator, the gap and the heading); ``end`` is the end of its last descendant or tail
    paragraph. ``heading_start`` is the offset of the heading (equal to ``text_start`` without one).
    ``chained`` marks a subdivision written on its parent's line (``(4)(A) ...``).
    """

    enumerator: str
    level: Level
    gap: str
    heading: str | None
    dash: str
    text: str
    chained: bool
    children: tuple[LawNode, ...]
    tail: tuple[Paragraph, ...]
    start: int
    heading_start: int
    text_start: int
    text_end: int
    end: int

    def child(self, enumerator: str) -> LawNode | None:
        return next((c for c in self.children if c.enumerator == enumerator), None)

    @property
    def designation(self) -> str:
        return f"({self.enumerator})"


@dataclass(frozen=True, slots=True, kw_only=True)
class LawTree:
    """A section: its lead-in paragraphs, its top-level subdivisions and its text."""

    lead: tuple[Paragraph, ...]
    children: tuple[LawNode, ...]
    text: str

    def child(self, enumerator: str) -> LawNode | None:
        return next((c for c in self.children if c.enumerator == enumerator), None)

    def find(self, path: tuple[str, ...]) -> LawNode | None:
        """The subdivision at ``path`` (enumerators from the section down), or None."""
        node: LawTree | LawNode = self
        for token in path:
            found = node.child(token)
            if found is None:
                return None
            node = found
        return node if isinstance(node, LawNode) else None

    def walk(self) -> list[tuple[tuple[str, ...], LawNode]]:
        """Every subdivision with its path, in text order."""
        out: list[tuple[tuple[str, ...], LawNode]] = []

        def visit(nodes: tuple[LawNode, ...], prefix: tuple[str, ...]) -> None:
            for node in nodes:
                path = (*prefix, node.enumerator)
                out.append((path, node))
                visit(node.children, path)

        visit(self.children, ())
        return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each paragraph: runs of non-blank lines."""
    spans: list[tuple[int, int]] = []
    offset = 0
    start: int | None = None
    end = 0
    for line in text.split("\n"):
        if line.strip():
            if start is None:
                start = offset
            end = offset + len(line)
        elif start is not None:
            spans.append((start, end))
            start = None
        offset += len(line) + 1
    if start is not None:
        spans.append((start, end))
    return spans


@dataclass(slots=True)
class _Build:
    """A subdivision being built (mutable while reading)."""

    enumerator: str
    level: Level
    gap: str
    heading: str | None
    dash: str
    chained: bool
    start: int
    heading_start: int
    text_start: int
    text_end: int
    children: list[_Build]
    tail: list[Paragraph]

    def freeze(self, text: str) -> LawNode:
        children = tuple(child.freeze(text) for child in self.children)
        end = max(
            [self.text_end, *(c.end for c in children), *(p.end for p in self.tail)],
        )
        return LawNode(
            enumerator=self.enumerator,
            level=self.level,
            gap=self.gap,
            heading=self.heading,
            dash=self.dash,
            text=text[self.text_start : self.text_end],
            chained=self.chained,
            children=children,
            tail=tuple(self.tail),
            start=self.start,
            heading_start=self.heading_start,
            text_start=self.text_start,
            text_end=self.text_end,
            end=end,
        )


def parse_law(text: str) -> LawTree:
    """Read a law section's body into a tree (never fails: what is not a subdivision is text)."""
    pieces: list[tuple[str | None, int, int, bool]] = []  # (enumerator, start, end, chained)
    for start, end in _paragraphs(text):
        position = start
        while match := _CHAIN.match(text, position, end):
            pieces.append((match.group(1), position, end, position != start))
            position = match.end()
            head = HEADING.match(text, _GAP.match(text, position, end).end(), end)  # type: ignore[union-attr]
            if head and _CHAIN.match(text, head.end(), end):  # "(d) Heading.—(1) text"
                position = head.end()
        if position == start:
            pieces.append((None, start, end, False))
    synthetic = "\n\n".join(f"({token}) x" if token else "x" for token, *_ in pieces)
    blocks = parse_body(synthetic).blocks
    lead: list[Paragraph] = []
    top: list[_Build] = []
    stack: list[_Build] = []
    for index, ((token, start, end, chained), block) in enumerate(zip(pieces, blocks, strict=True)):
        if token is None:
            paragraph = Paragraph(text=text[start:end], start=start, end=end)
            (stack[-1].tail if stack else lead).append(paragraph)
            continue
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        own_end = following[1] if following and following[3] else end  # before a chained child
        after = start + len(token) + 2
        gap = _GAP.match(text, after, own_end).group(0)  # type: ignore[union-attr]
        heading_start = after + len(gap)
        head = HEADING.match(text, heading_start, own_end)
        heading, dash, text_start = None, "", heading_start
        if head:
            heading = head["heading"]
            dash = text[heading_start + len(heading) : head.end()]
            text_start = head.end()
        text_end = own_end
        node = _Build(
            enumerator=token, level=block.level, gap=gap, heading=heading, dash=dash,
            chained=chained, start=start, heading_start=heading_start, text_start=text_start,
            text_end=text_end, children=[], tail=[],
        )  # fmt: skip
        while stack and stack[-1].level >= block.level:
            stack.pop()
        (stack[-1].children if stack else top).append(node)
        stack.append(node)
    return LawTree(lead=tuple(lead), children=tuple(node.freeze(text) for node in top), text=text)


def _render_node(node: LawNode, out: list[str]) -> None:
    own = (
        f"({node.enumerator})"
        + node.gap
        + (f"{node.heading}{node.dash}" if node.heading else "")
        + node.text
    )
    if node.chained:
        out[-1] += own
    else:
        out.append(own)
    for child in node.children:
        _render_node(child, out)
    out.extend(p.text for p in node.tail)


def render_law(tree: LawTree, *, trailing_newline: bool | None = None) -> str:
    """Write a tree back as text in the same grammar (the inverse of :func:`parse_law`).

    ``trailing_newline`` defaults to whether the text the tree was read from ended with one.
    """
    out: list[str] = [p.text for p in tree.lead]
    for node in tree.children:
        _render_node(node, out)
    if trailing_newline is None:
        trailing_newline = tree.text.endswith("\n")
    return "\n\n".join(out) + ("\n" if trailing_newline and out else "")
