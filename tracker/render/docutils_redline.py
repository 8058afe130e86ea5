"""A redline as docutils nodes, in the style of a comparative print.

A thin renderer over :class:`tracker.core.redline.Redline`: struck text is wrapped in
``inline.bt-del`` (rendered struck through), inserted text in ``inline.bt-ins`` (underlined). It
computes nothing; the change summary, the order of units and the word counts all come from the model.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from tracker.core.redline import DELETE, INSERT, Redline, UnitRedline


def runs_nodes(unit: UnitRedline) -> nodes.Element:
    """The unit's text, paragraph by paragraph, with struck and inserted runs marked."""
    container = nodes.container(classes=["bt-redline-text"])
    paragraph = nodes.paragraph()
    for op, text in unit.runs:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                if len(paragraph):
                    container += paragraph
                paragraph = nodes.paragraph()
            if not piece:
                continue
            if op == DELETE:
                paragraph += nodes.inline("", piece, classes=["bt-del"])
            elif op == INSERT:
                paragraph += nodes.inline("", piece, classes=["bt-ins"])
            else:
                paragraph += nodes.Text(piece)
    if len(paragraph):
        container += paragraph
    return container


def summary_table(redline: Redline) -> nodes.Element:
    """The change summary: counts of units by kind and of words inserted and struck."""
    summary = redline.summary
    rows = [
        ("Sections and headings amended", summary.amended),
        ("Inserted", summary.inserted),
        ("Struck", summary.struck),
        ("Moved", summary.moved),
        ("Redesignated only", summary.redesignated),
        ("Unchanged", summary.unchanged),
        ("Words inserted", summary.words_inserted),
        ("Words struck", summary.words_struck),
    ]
    return simple_table(("Change", "Count"), [(label, str(count)) for label, count in rows])


def simple_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> nodes.table:
    table = nodes.table(classes=["bt-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    head += _row(header)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return table


def _row(cells: tuple[str, ...]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", cell)
        row += entry
    return row


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
    changed = [u for u in redline.units if u.changed]
    if not changed:
        out.append(nodes.paragraph("", "No changes.", classes=["bt-redline-none"]))
    for unit in changed:
        out.append(unit_nodes(unit, link=link))
    rest = [u for u in redline.units if not u.changed]
    if unchanged and rest:
        titles = nodes.bullet_list(classes=["bt-redline-unchanged"])
        for unit in rest:
            item = nodes.list_item()
            item += nodes.paragraph("", unit.title)
            titles += item
        out.append(nodes.paragraph("", "Unchanged:", classes=["bt-redline-unchanged-head"]))
        out.append(titles)
    return out
