"""The site's own docutils builders (sections, links, notes, facts), on top of
:mod:`tracker.render.docutils_nodes` (paragraphs, tables, lists).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes

from tracker.core.errors import Finding, Severity
from tracker.render.docutils_nodes import Cell, bullets, para


def section(title: str, ident: str, *, classes: Sequence[str] = ()) -> nodes.section:
    node = nodes.section(ids=[ident], classes=list(classes))
    node += nodes.title(title, title)
    return node


def fields(pairs: Sequence[tuple[str, Cell]]) -> nodes.field_list:
    node = nodes.field_list(classes=["bt-facts"])
    for name, value in pairs:
        field = nodes.field()
        field += nodes.field_name(name, name)
        body = nodes.field_body()
        body += para(value)
        field += body
        node += field
    return node


def page_link(docname: str, anchor: str, label: str, *, classes: Sequence[str] = ()) -> nodes.Node:
    """A link to another page of the site, resolved when the page is written."""
    node = addnodes.pending_xref(
        "",
        refdomain="billtrack",
        reftype="page",
        reftarget=f"{docname}#{anchor}" if anchor else docname,
        refexplicit=True,
        refwarn=False,
    )
    node["bt-docname"] = docname
    node["bt-anchor"] = anchor
    node += nodes.inline(label, label, classes=["bt-link", *classes])
    return node


def here_link(anchor: str, label: str, *, classes: Sequence[str] = ()) -> nodes.Node:
    """A link to an anchor on the same page."""
    node = nodes.reference("", "", internal=True, refid=anchor)
    node += nodes.inline(label, label, classes=["bt-link", *classes])
    return node


def external_link(uri: str, label: str) -> nodes.reference:
    return nodes.reference(label, label, refuri=uri, classes=["bt-external"])


def problem_note(findings: Sequence[Finding]) -> nodes.Element:
    """The visible note on a page whose provision has problems (the same text as the warnings)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    kind = "error" if errors else "warning"
    note = nodes.admonition(classes=["bt-problems", kind])
    title = "Problems in this provision" if errors else "Drafting notes"
    note += nodes.title(title, title)
    items = []
    for finding in findings:
        text = f"{finding.location}: {finding.severity} {finding.code}: {finding.message}"
        if finding.hint:
            text += f" — {finding.hint}"
        items.append(text)
    note += bullets(items)
    return note


def order_anchor(order_id: str) -> str:
    """``2(c)(ii)`` → ``order-2-c-ii``.

    >>> order_anchor("2(c)(ii)")
    'order-2-c-ii'
    """
    inner = order_id.replace("(", "-").replace(")", "")
    return f"order-{inner}"


def note_nodes(text: str, *, classes: Sequence[str] = ()) -> list[nodes.Node]:
    """A draft's or stage's note as written: paragraphs, and ``- item`` lines as a bullet list."""
    out: list[nodes.Node] = []
    prose: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if prose:
            out.append(para(" ".join(" ".join(prose).split()), classes=classes))
            prose.clear()
        if items:
            out.append(bullets([" ".join(i.split()) for i in items], classes=classes))
            items.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("- ", "* ")):
            if prose:
                flush()
            items.append(stripped[2:])
        elif not stripped:
            flush()
        elif items:
            items[-1] += " " + stripped
        else:
            prose.append(stripped)
    flush()
    return out


def note_summary(text: str | None, limit: int = 240) -> str:
    """The first sentence of a note's first paragraph (its lines joined), for lists and tables; an
    ellipsis says when a sentence had to be cut.

    >>> note_summary("Introduced print. Changes from the\\ndiscussion draft:\\n- a change")
    'Introduced print.'
    >>> note_summary("First discussion draft, circulated to staff\\nfor comment.")
    'First discussion draft, circulated to staff for comment.'
    >>> note_summary("word " * 80, limit=20)
    'word word word…'
    """
    paragraph: list[str] = []
    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("- ", "* ")):
            if paragraph:
                break
            continue
        paragraph.append(stripped)
    joined = " ".join(" ".join(paragraph).split())
    sentence = _SENTENCE_END.split(joined, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(])")


def long_date(value: dt.date) -> str:
    """A date as people write it.

    >>> long_date(dt.date(2026, 3, 2))
    'March 2, 2026'
    """
    return f"{value:%B} {value.day}, {value.year}"
