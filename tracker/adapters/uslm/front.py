"""The front matter of a bill's ``main``: the preamble, the enacting clause, and where the body
starts.

The enacting formula, or the first resolving clause, is the enacting clause; the ``preamble``'s
recitals are the preamble. A later resolving clause is printed run in before the section it
introduces and stays there. In an engrossed amendment everything before the amendment's content
(the resolution agreeing to it, its document title, its instruction) makes up the enacting clause,
and the ``amendmentContent`` is the body.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from tracker.adapters.uslm.body import BodyReader
from tracker.adapters.uslm.markup import clean, is_struck, local_name
from tracker.adapters.uslm.printed import inline, paragraphs
from tracker.core.imported import join_run_in


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontMatter:
    """``main`` split: the preamble's paragraphs, the enacting clause, the body's elements, and the
    resolving clauses printed run in before a later section (by that section)."""

    preamble: tuple[str, ...]
    enacting: str | None
    body: tuple[etree._Element, ...]
    clauses: Mapping[etree._Element, str] = field(default_factory=dict)


def read_front_matter(main: etree._Element, reader: BodyReader, *, amendment: bool) -> FrontMatter:
    """Split ``main`` into front matter and body; struck matter and what has no place go to
    ``reader``."""
    if amendment:
        return _amendment_front_matter(main, reader)
    front = FrontReader(reader)
    body = [part for part in main if front.feed(part)]
    return front.result(body)


class FrontReader:
    """Reads the children of a bill's ``main`` one at a time, in order: :meth:`feed` takes in the
    front matter and says which parts are the body."""

    def __init__(self, reader: BodyReader) -> None:
        self.reader = reader
        self.preamble: list[str] = []
        self.enacting: str | None = None
        self.clauses: dict[etree._Element, str] = {}
        self.pending: str | None = None
        self.in_body = False

    def feed(self, part: etree._Element) -> bool:
        """Read ``part`` if it is front matter; True when it is part of the body. Only the part's
        name and attributes are looked at for a body part (it may not be parsed yet)."""
        name = local_name(part)
        if not name or name == "longTitle":
            return False
        if is_struck(part):
            self.reader.struck(part, ())
            return False
        if name == "preamble":
            for recital in part:
                recital_name = local_name(recital)
                if not recital_name:
                    continue
                if is_struck(recital):
                    self.reader.struck(recital, ("preamble",))
                elif recital_name == "resolvingClause" and self.enacting is None:
                    self.enacting = inline(recital)
                else:
                    self.preamble.extend(self.reader.recital(recital))
            return False
        if name in ("enactingFormula", "resolvingClause"):
            if self.enacting is None and not self.in_body:
                self.enacting = paragraphs(part)
            else:
                self.pending = inline(part)
            return False
        if self.pending is not None:
            self.clauses[part] = self.pending
            self.pending = None
        self.in_body = True
        return True

    def result(self, body: list[etree._Element]) -> FrontMatter:
        return FrontMatter(
            preamble=tuple(self.preamble),
            enacting=self.enacting or None,
            body=tuple(body),
            clauses=self.clauses,
        )


def _amendment_front_matter(main: etree._Element, reader: BodyReader) -> FrontMatter:
    parts: list[str] = []
    body: list[etree._Element] = []
    for part in main:
        name = local_name(part)
        if not name:
            continue
        if name == "resolvingClause":
            parts.append(inline(part))
        elif name == "section" and not body:
            text = inline(part)
            if parts and parts[-1].startswith("Resolved"):
                parts[-1] = join_run_in(parts[-1], text)
            else:
                parts.append(text)
        elif name == "amendmentInstruction" and not body:
            content = next((e for e in part.iter() if local_name(e) == "amendmentContent"), None)
            if content is None:
                parts.append(inline(part))
                continue
            parts.append(_lead_text(part, content))
            body.extend(e for e in content if local_name(e))
            if content.tail and content.tail.strip():
                reader.unplace(
                    "text after the amendment",
                    clean(content.tail),
                    content,
                    (),
                    "text printed after an amendment's content has no place in the package",
                )
        elif body:
            body.append(part)
        else:
            parts.append(inline(part))
    enacting = "\n\n".join(part for part in parts if part) or None
    return FrontMatter(preamble=(), enacting=enacting, body=tuple(body))


def _lead_text(holder: etree._Element, stop: etree._Element) -> str:
    """The printed text of ``holder`` up to the element ``stop`` inside it."""
    out: list[str] = []

    def walk(element: etree._Element) -> bool:
        if element is stop:
            return True
        out.append(element.text or "")
        for part in element:
            if walk(part):
                return True
            out.append(part.tail or "")
        return False

    walk(holder)
    return clean("".join(out))
