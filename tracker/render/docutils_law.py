"""The comparative print (changes in existing law) as docutils nodes, for the site.

A thin renderer over :class:`tracker.render.comparative_model.ComparativePrint`, the model every
format of ``billtrack amend`` renders. The House convention (the Ramseyer rule, clause 3(e) of rule
XIII): existing law proposed to be omitted is enclosed in black brackets and struck through, new
matter is in italic, unchanged law in roman. docutils has no ``del``/``ins``, so:

- struck text is ``inline.bt-law-struck``: the brackets as text (``[``, ``]`` in
  ``inline.bt-law-bracket``, so they survive copying, black-and-white printing and screen readers)
  around ``inline.bt-law-del``, struck through by the site's CSS;
- inserted text is ``inline.bt-law-ins``, italic by the CSS;
- the end of each change carries ``inline.bt-law-by``: the bill section that makes it
  (``sec. 201(a)``), a link given by the caller.

Paragraphs keep the law's subdivisions; unchanged stretches far from a change are an elision line
(``* * * * * * *``), as committee reports print them.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from tracker.render.comparative_model import (
    DELETE,
    ELISION,
    INSERT,
    LEGEND,
    InstructionRow,
    LawPrint,
    Mark,
    PrintLine,
)
from tracker.render.docutils_nodes import para

#: Makes the link to the bill section of an instruction.
RowLink = Callable[[InstructionRow], nodes.Node]

LEAD = (
    "This page shows how the bill would change existing law, in the form the rules of the House "
    "require of committee reports (clause 3(e) of rule XIII, the Ramseyer rule): each section of "
    "law the bill amends, as it would read, with every change marked and linked to the section of "
    "the bill that makes it."
)


def struck(text: str) -> nodes.inline:
    """Struck text: ``[text]``, the brackets kept as text, the text struck through."""
    node = nodes.inline(classes=["bt-law-struck"])
    node += nodes.inline("", "[", classes=["bt-law-bracket"])
    node += nodes.inline("", text, classes=["bt-law-del"])
    node += nodes.inline("", "]", classes=["bt-law-bracket"])
    return node


def inserted(text: str) -> nodes.inline:
    return nodes.inline("", text, classes=["bt-law-ins"])


def legend_nodes() -> list[nodes.Node]:
    """The lead explaining the convention, and the legend with a sample of each mark."""
    sample = para(
        "Legend: ",
        struck("struck text"),
        " is existing law the bill omits; ",
        inserted("italic text"),
        " is new matter; text in roman is unchanged. Each change ends with the bill section "
        "that makes it.",
        classes=["bt-law-legend"],
    )
    return [
        para(LEAD, classes=["bt-law-lead"]),
        para(LEGEND, classes=["bt-law-convention"]),
        sample,
    ]


def mark_nodes(mark: Mark, link: RowLink) -> list[nodes.Node]:
    """One piece of a line: plain, struck or inserted, and the source of the change at its end."""
    out: list[nodes.Node] = []
    if mark.op == DELETE and mark.text.strip():
        out.append(struck(mark.text))
    elif mark.op == INSERT and mark.text.strip():
        out.append(inserted(mark.text))
    elif mark.text:
        out.append(nodes.Text(mark.text))
    if mark.last and mark.row is not None:
        by = nodes.inline(classes=["bt-law-by"])
        by += nodes.Text("\u2009")
        by += link(mark.row)
        out.append(by)
    return out


def line_node(line: PrintLine, link: RowLink) -> nodes.paragraph:
    if line.elided:
        return para(ELISION, classes=["bt-law-elision"])
    paragraph = nodes.paragraph(classes=["bt-law-line"])
    for mark in line.marks:
        paragraph.extend(mark_nodes(mark, link))
    return paragraph


def law_facts(law: LawPrint) -> nodes.paragraph:
    """``section 501 of title I of ...; current through Public Law 116-155; law/34-usc-10152.md``."""
    parts = [
        law.act_section or "",
        f"current through {law.current_through}" if law.current_through else "",
        law.path or "",
    ]
    return para("; ".join(p for p in parts if p), classes=["bt-law-facts"])


def law_text(law: LawPrint, link: RowLink) -> nodes.container:
    """The section as it would read, one paragraph per line of the print."""
    box = nodes.container(classes=["bt-law-text"])
    for line in law.lines:
        if line.marks or line.elided:
            box += line_node(line, link)
    return box


def law_title(law: LawPrint) -> str:
    """``18 U.S.C. 242. Deprivation of rights under color of law``."""
    return f"{law.citation}. {law.heading}" if law.heading else law.citation


__all__ = [
    "LEAD",
    "RowLink",
    "inserted",
    "law_facts",
    "law_text",
    "law_title",
    "legend_nodes",
    "line_node",
    "mark_nodes",
    "struck",
]
