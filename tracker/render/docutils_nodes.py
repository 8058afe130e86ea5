"""Small docutils builders shared by the docutils renderers and the site: paragraphs, tables, lists.

Plain docutils, no Sphinx: the site's own builders (links, notes, sections) stand in
:mod:`tracker.sphinx_ext.nodes_util` on top of these.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

#: What a cell or a paragraph may hold: text, a node, or a sequence of nodes.
Cell = str | nodes.Node | Sequence[nodes.Node]


def para(*children: Cell, classes: Sequence[str] = ()) -> nodes.paragraph:
    node = nodes.paragraph(classes=list(classes))
    for child in children:
        _append(node, child)
    return node


def _append(node: nodes.Element, child: Cell) -> None:
    if isinstance(child, str):
        node += nodes.Text(child)
    elif isinstance(child, nodes.Node):
        node += child
    else:
        for item in child:
            node += item


def table(
    header: Sequence[str], rows: Sequence[Sequence[Cell]], *, classes: Sequence[str] = ()
) -> nodes.table:
    node = nodes.table(classes=["bt-table", *classes])
    group = nodes.tgroup(cols=len(header))
    node += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    head += _row(header)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return node


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += para(cell)
        row += entry
    return row


def bullets(items: Sequence[Cell], *, classes: Sequence[str] = ()) -> nodes.bullet_list:
    node = nodes.bullet_list(classes=list(classes))
    for item in items:
        entry = nodes.list_item()
        entry += para(item)
        node += entry
    return node


# Nodes docutils lacks; the site's HTML writer (tracker.sphinx_ext.html) renders them as the HTML
# elements of the same meaning, so screen readers and browsers know what they are.


class details(nodes.General, nodes.Element):
    """A disclosure (``<details>``): its first child a :class:`summary`, the rest shown on demand,
    without JavaScript."""


class summary(nodes.TextElement):
    """The always visible line of a :class:`details` (``<summary>``)."""


class inserted(nodes.Inline, nodes.TextElement):
    """Text a redline inserts (``<ins>``)."""


class deleted(nodes.Inline, nodes.TextElement):
    """Text a redline strikes (``<del>``)."""


def disclosure(label: str, *children: nodes.Node, classes: Sequence[str] = ()) -> details:
    """``<details><summary>label</summary>children</details>``."""
    node = details(classes=list(classes))
    node += summary(label, label)
    node.extend(children)
    return node
