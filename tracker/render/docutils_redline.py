"""A redline as docutils nodes, in the style of a comparative print.

A thin renderer over :class:`tracker.core.redline.Redline`: struck text is a
:class:`~tracker.render.docutils_nodes.deleted` node (``<del class="bt-del">``, struck through),
inserted text an :class:`~tracker.render.docutils_nodes.inserted` one (``<ins class="bt-ins">``,
underlined), so assistive technology knows which is which. White space at the edges of a run stays
outside the mark, so no stroke is drawn under a struck leading space.

Each changed unit is a section titled with its heading (the page's contents list them, each with its
anchor); the heading line is not repeated in the text unless it changed. Long stretches of unchanged
paragraphs, and the list of unchanged units, are collapsed into disclosures that open without
JavaScript.

It computes nothing; the change summary, the order of units, the lines and the word counts all come
from the model. Like the other human formats it shows what it is given: the site passes
:meth:`Redline.for_display`, which hides white-space-only changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from docutils import nodes

from tracker.core.redline import DELETE, EQUAL, Redline, UnitRedline, split_lines
from tracker.core.units import UnitKind
from tracker.render.docutils_nodes import bullets, deleted, disclosure, inserted, para, table
from tracker.render.redline_summary import summary_rows

#: Unchanged paragraphs in a row beyond which the middle ones are collapsed.
KEEP_UNCHANGED = 3

_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def mark(op: str, text: str) -> list[nodes.Node]:
    """One run: equal text as text; struck or inserted text marked, its edge white space not."""
    if op == EQUAL:
        return [nodes.Text(text)]
    lead, core, trail = _EDGES.match(text).groups()  # type: ignore[union-attr]
    out: list[nodes.Node] = [nodes.Text(lead)] if lead else []
    if core:
        cls = deleted if op == DELETE else inserted
        out.append(cls(core, core, classes=["bt-del" if op == DELETE else "bt-ins"]))
    if trail:
        out.append(nodes.Text(trail))
    return out


def line_paragraph(line: Sequence[tuple[str, str]]) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for op, text in line:
        paragraph.extend(mark(op, text))
    return paragraph


def runs_nodes(unit: UnitRedline, *, skip_heading: bool = False) -> nodes.Element:
    """The unit's text, paragraph by paragraph, with struck and inserted runs marked.

    With ``skip_heading`` an unchanged first line (the heading the caller shows as a title) is
    left out. Runs of more than :data:`KEEP_UNCHANGED` unchanged paragraphs keep their first and
    last paragraph; those between are folded into "N unchanged paragraphs".
    """
    container = nodes.container(classes=["bt-redline-text"])
    lines = [line for line in split_lines(unit.runs) if line]
    if skip_heading and lines and all(op == EQUAL for op, _ in lines[0]):
        lines = lines[1:]
    pending: list[nodes.paragraph] = []

    def flush() -> None:
        if len(pending) > KEEP_UNCHANGED:
            hidden = pending[1:-1]
            container.append(pending[0])
            label = f"{len(hidden)} unchanged paragraph{'s' if len(hidden) != 1 else ''}"
            container.append(disclosure(label, *hidden, classes=["bt-redline-fold"]))
            container.append(pending[-1])
        else:
            container.extend(pending)
        pending.clear()

    for line in lines:
        paragraph = line_paragraph(line)
        if all(op == EQUAL for op, _ in line):
            pending.append(paragraph)
            continue
        flush()
        container.append(paragraph)
    flush()
    return container


def summary_table(redline: Redline) -> nodes.Element:
    """The change summary: counts of units by kind and of words inserted and struck."""
    rows = [(label, str(count)) for label, count in summary_rows(redline.summary)]
    return table(("Change", "Count"), rows, classes=["bt-redline-summary"])


def unit_anchor(unit: UnitRedline) -> str:
    """The HTML id of a unit on a redline page: ``r-`` and its key (the new one, else the old)."""
    key = unit.new_key or unit.old_key or unit.title
    return "r-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-").lower()


def unit_nodes(
    unit: UnitRedline,
    *,
    link: Callable[[UnitRedline], nodes.Node] | None = None,
    as_section: bool = False,
) -> nodes.Element:
    """One unit: what happened to it and its marked text.

    As a section (``as_section``) the unit's title is the section's title, so the page's contents
    list it; otherwise (a provision page) the title leads the box.
    """
    classes = ["bt-redline-unit", f"bt-redline-{unit.kind.value}"]
    line = nodes.paragraph(classes=["bt-redline-title"])
    box: nodes.Element
    if as_section:
        box = nodes.section(ids=[unit_anchor(unit)], classes=classes)
        box += nodes.title(unit.title, unit.title)
    else:
        box = nodes.container(classes=classes)
        line += nodes.strong("", unit.title)
        line += nodes.Text(" — ")
    line += nodes.inline("", unit.describe(), classes=["bt-redline-kind"])
    if link is not None:
        line += nodes.Text(" ")
        line += link(unit)
    box += line
    box += runs_nodes(unit, skip_heading=unit.unit_kind is not UnitKind.PREAMBLE)
    return box


def unchanged_nodes(redline: Redline) -> list[nodes.Node]:
    """The units the redline leaves as they were, folded: "12 unchanged sections"."""
    rest = [u for u in redline.units if not u.changed]
    if not rest:
        return []
    sections = sum(1 for u in rest if u.unit_kind is UnitKind.SECTION)
    others = len(rest) - sections
    words = [f"{sections} unchanged section{'s' if sections != 1 else ''}"] if sections else []
    if others:
        words.append(f"{others} other unchanged part{'s' if others != 1 else ''}")
    listing = bullets([u.title for u in rest], classes=["bt-redline-unchanged"])
    return [disclosure(" and ".join(words), listing, classes=["bt-redline-unchanged-fold"])]


def redline_nodes(
    redline: Redline,
    *,
    link: Callable[[UnitRedline], nodes.Node] | None = None,
    unchanged: bool = True,
) -> list[nodes.Node]:
    """Summary first, then (optionally) the unchanged units, folded, then the changed units in bill
    order, each a section (sections come last in a docutils section).

    The standalone printable page of the same redline is ``tracker.render.redline_html``'s.
    """
    out: list[nodes.Node] = [summary_table(redline)]
    changed = redline.changed_units
    if not changed:
        out.append(para("No changes.", classes=["bt-redline-none"]))
    if unchanged:
        out.extend(unchanged_nodes(redline))
    out.extend(unit_nodes(unit, link=link, as_section=True) for unit in changed)
    return out
