"""The whole bill (also a draft's text) and the ``bill-toc`` directive."""

from __future__ import annotations

from docutils import nodes

from tracker.core.compile import CompiledBill, CompiledSection, congress_and_session
from tracker.core.enumeration import BlockKind
from tracker.core.model import Bill, Package
from tracker.render import docutils_bill as bill_nodes
from tracker.render.docutils_nodes import para
from tracker.sphinx_ext.generate import provision_docname
from tracker.sphinx_ext.nodes_util import here_link, page_link, section
from tracker.sphinx_ext.pages.common import NO_MANIFEST, SiteDirective, one_line, outline_nodes
from tracker.sphinx_ext.pages.law import bill_law_link


def bill_document(
    directive: SiteDirective, package: Package, compiled: CompiledBill, *, pages: bool
) -> list[nodes.Node]:
    """A whole bill: preamble, table of contents, every group and numbered section.

    The groups and sections are the page's own sections (not wrapped in a container), so the page's
    contents list every title and section with its anchor. The table of contents is printed once:
    where the bill's text has one (``bill-toc`` in its short-title section), no second one is added.

    With ``pages`` each section links to its provision page and shows its problems; a draft's text
    (``pages=False``) links only within itself.
    """
    bill = package.bill
    if bill is None:
        return [para(NO_MANIFEST)]

    def toc_link(provision_id: str, path: tuple[str, ...], label: str) -> nodes.Node:
        return here_link(bill_nodes.anchor(provision_id, path), label)

    out: list[nodes.Node] = [preamble(bill)]
    if not has_own_toc(compiled):
        toc = section("Table of contents", "table-of-contents", classes=["bt-toc-section"])
        toc += bill_nodes.toc_nodes(compiled, toc_link)
        out.append(toc)
    text = outline_nodes(
        compiled,
        nodes.container(),
        lambda section_: section_node(directive, compiled, section_, pages=pages),
        kind_classes=True,
    )
    for child in text.children:
        child["classes"].append("bt-bill-text")
    out.extend(text.children)
    return out


def has_own_toc(compiled: CompiledBill) -> bool:
    """Whether the bill's text prints its table of contents itself (a ``bill-toc`` block)."""
    return any(
        block.kind is BlockKind.TOC
        for section_ in compiled.sections
        for block in section_.body.blocks
    )


def preamble(bill: Bill) -> nodes.container:
    """Congress and session, "A BILL", the official title, the recitals and the enacting clause."""
    node = nodes.container(classes=["bt-preamble"])
    session = congress_and_session(bill, upper=True)
    if session:
        node += para(" — ".join(session), classes=["bt-congress"])
    node += para(bill.document_title, classes=["bt-a-bill"])
    if bill.official_title:
        node += para(one_line(bill.official_title), classes=["bt-official-title"])
    for recital in bill.preamble:
        node += para(recital, classes=["bt-recital"])
    node += para(bill.enacting_text, classes=["bt-enacting"])
    return node


def section_node(
    directive: SiteDirective, compiled: CompiledBill, section_: CompiledSection, *, pages: bool
) -> nodes.section:
    provision = section_.provision
    node = section(section_.heading_line, provision.id, classes=["bt-section"])
    if pages:
        docname = provision_docname(provision.id)
        problems = directive.site.findings_for(provision.path)
        links: list[nodes.Node] = [page_link(docname, "", "provision page", classes=["bt-aside"])]
        law = bill_law_link(directive, provision.id)
        if law is not None:
            links += [nodes.Text(" · "), law]
        if problems:
            links.append(nodes.Text(" · "))
            links.append(
                page_link(
                    docname,
                    "",
                    f"{len(problems)} problem(s)",
                    classes=["bt-aside", "bt-problem-flag"],
                )
            )
        node += para(links, classes=["bt-section-links"])
    ctx = directive.body_context(compiled, in_page=True, source_line=provision.body_line)
    node.extend(bill_nodes.section_body(ctx, section_))
    return node


class BillDirective(SiteDirective):
    keys = ("package",)

    def render(self) -> list[nodes.Node]:
        site = self.site
        return bill_document(self, site.package, site.compiled, pages=True)


class BillSectionsDirective(SiteDirective):
    """```{bt-bill-sections} ID ...```: the named sections as the bill's page shows them, each on
    its own (how :mod:`tracker.sphinx_ext.splice` renders the sections whose text changed)."""

    optional_arguments = 1
    final_argument_whitespace = True

    def render(self) -> list[nodes.Node]:
        site = self.site
        ids = self.arguments[0].split() if self.arguments else []
        return [
            section_node(self, site.compiled, site.compiled.by_id[pid], pages=True)
            for pid in ids
            if pid in site.compiled.by_id
        ]


class BillTocDirective(SiteDirective):
    """```{bill-toc}```: the bill's table of contents, linking to the provision pages."""

    keys = ("layout",)
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        def link(provision_id: str, path: tuple[str, ...], label: str) -> nodes.Node:
            return page_link(provision_docname(provision_id), "", label)

        return [bill_nodes.toc_nodes(self.site.compiled, link)]
