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
    preamble: list[str] = []
    enacting: str | None = None
    body: list[etree._Element] = []
    clauses: dict[etree._Element, str] = {}
    pending: str | None = None
    for part in main:
        name = local_name(part)
        if not name or name == "longTitle":
            continue
        if is_struck(part):
            reader.struck(part, ())
            continue
        if name == "preamble":
            for recital in part:
                recital_name = local_name(recital)
                if not recital_name:
                    continue
                if is_struck(recital):
                    reader.struck(recital, ("preamble",))
                elif recital_name == "resolvingClause" and enacting is None:
                    enacting = inline(recital)
                else:
                    preamble.extend(reader.recital(recital))
            continue
        if name in ("enactingFormula", "resolvingClause"):
            if enacting is None and not body:
                enacting = paragraphs(part)
            else:
                pending = inline(part)
            continue
        if pending is not None:
            clauses[part] = pending
            pending = None
        body.append(part)
    return FrontMatter(
        preamble=tuple(preamble), enacting=enacting or None, body=tuple(body), clauses=clauses
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
