"""A redline as docutils nodes, in the style of a comparative print.

A thin renderer over :class:`tracker.core.redline.Redline`: struck text is wrapped in
``inline.bt-del`` (rendered struck through), inserted text in ``inline.bt-ins`` (underlined). It
computes nothing; the change summary, the order of units, the lines and the word counts all come from
the model. Like the other human formats it shows what it is given: the site passes
:meth:`Redline.for_display`, which hides white-space-only changes.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from tracker.core.redline import DELETE, INSERT, Redline, UnitRedline, split_lines
from tracker.render.docutils_nodes import bullets, para, table
from tracker.render.redline_summary import summary_rows


def runs_nodes(unit: UnitRedline) -> nodes.Element:
    """The unit's text, paragraph by paragraph, with struck and inserted runs marked."""
    container = nodes.container(classes=["bt-redline-text"])
    for line in split_lines(unit.runs):
        if not line:
            continue
        paragraph = nodes.paragraph()
        for op, text in line:
            if op == DELETE:
                paragraph += nodes.inline("", text, classes=["bt-del"])
            elif op == INSERT:
                paragraph += nodes.inline("", text, classes=["bt-ins"])
            else:
                paragraph += nodes.Text(text)
        container += paragraph
    return container


def summary_table(redline: Redline) -> nodes.Element:
    """The change summary: counts of units by kind and of words inserted and struck."""
    rows = [(label, str(count)) for label, count in summary_rows(redline.summary)]
    return table(("Change", "Count"), rows)


def unit_nodes(
    unit: UnitRedline, *, link: Callable[[UnitRedline], nodes.Node] | None = None
) -> nodes.Element:
    """One unit: its title, what happened to it, and its marked text."""
    box = nodes.container(classes=["bt-redline-unit", f"bt-redline-{unit.kind.value}"])
    heading = nodes.paragraph(classes=["bt-redline-title"])
    heading += nodes.strong("", unit.title)
    heading += nodes.Text(" — ")
    heading += nodes.inline("", unit.describe(), classes=["bt-redline-kind"])
    if link is not None:
        heading += nodes.Text(" ")
        heading += link(unit)
    box += heading
    box += runs_nodes(unit)
    return box


def redline_nodes(
    redline: Redline,
    *,
    link: Callable[[UnitRedline], nodes.Node] | None = None,
    unchanged: bool = True,
) -> list[nodes.Node]:
    """Summary first, then the changed units in bill order, then (optionally) the unchanged ones.

    The standalone printable page of the same redline is ``tracker.render.redline_html``'s.
    """
    out: list[nodes.Node] = [summary_table(redline)]
    changed = redline.changed_units
    if not changed:
        out.append(para("No changes.", classes=["bt-redline-none"]))
    for unit in changed:
        out.append(unit_nodes(unit, link=link))
    rest = [u.title for u in redline.units if not u.changed]
    if unchanged and rest:
        out.append(para("Unchanged:", classes=["bt-redline-unchanged-head"]))
        out.append(bullets(rest, classes=["bt-redline-unchanged"]))
    return out
