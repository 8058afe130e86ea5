"""Small docutils builders shared by the site's directives (tables, sections, links, notes)."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes

from tracker.core.errors import Finding, Severity

Cell = str | nodes.Node | Sequence[nodes.Node]


def section(title: str, ident: str, *, classes: Sequence[str] = ()) -> nodes.section:
    node = nodes.section(ids=[ident], classes=list(classes))
    node += nodes.title(title, title)
    return node


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


def first_line(text: str | None, limit: int = 220) -> str:
    """The first line of a note, shortened for lists.

    >>> first_line("Introduced print.\n- a change")
    'Introduced print.'
    """
    if not text:
        return ""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
