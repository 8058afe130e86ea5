"""Quoted matter: the text an instruction strikes or inserts, as the bill quotes it.

Two quotation forms occur: GPO text (``‘‘willfully’’``, inner quotes ``‘term’``) and the USLM form
(``“willfully”``, inner ``‘term’``). A quoted block of several paragraphs opens every paragraph with
the quote mark and closes only the last, followed by the clause's punctuation (``’’.``, ``’’;``,
``”; and``). :func:`skeleton` replaces each inline quotation with a placeholder ``⟦n⟧`` so the
grammar reads the words around it; :func:`block_matter` joins a quoted block into paragraphs in the
provision grammar. In inserted matter the inner quotes become the law's double quotes (``‘term’`` →
``“term”``), as the Code prints them; apostrophes stay.
"""

from __future__ import annotations

import re

INLINE = re.compile(r"‘‘(.*?)’’(?!’)|“(.*?)”(?!”)|``(.*?)''", re.DOTALL)
PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
_OPEN = re.compile(r"^(?:‘‘|“|``|\")")
_CLOSE = re.compile(r"(?:’’|”|''|\")\s*(?:[.;,:]|; and|; or|, and|, or)?\s*(?:and|or)?\s*$")
_INNER = re.compile(r"‘((?:[^‘’]|’(?=\w))*)’(?!\w)")


def inner_to_double(text: str) -> str:
    """Turn inner single quotes into the double quotes of the law (apostrophes stay)."""
    return _INNER.sub(r"“\1”", text)


def skeleton(text: str) -> tuple[str, list[str]]:
    """``by striking ‘‘a’’ and inserting ‘‘b’’`` → ``("by striking ⟦0⟧ and inserting ⟦1⟧", [a, b])``."""
    quotes: list[str] = []

    def keep(match: re.Match[str]) -> str:
        quotes.append(next(group for group in match.groups() if group is not None))
        return f"⟦{len(quotes) - 1}⟧"

    return INLINE.sub(keep, text), quotes


def block_matter(paragraphs: list[str]) -> str | None:
    """The quoted matter of ``paragraphs`` (each opening with a quote mark) as body text, or None
    when the last paragraph does not close the quotation."""
    if not paragraphs:
        return None
    out = []
    for index, paragraph in enumerate(paragraphs):
        text = _OPEN.sub("", paragraph.strip(), count=1)
        if index == len(paragraphs) - 1:
            closed = _CLOSE.search(text)
            if not closed:
                return None
            text = text[: closed.start()]
        out.append(inner_to_double(text))
    return "\n\n".join(out)


def opens_quote(text: str) -> bool:
    return bool(_OPEN.match(text.strip()))
