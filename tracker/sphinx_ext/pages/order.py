"""The Order's page: its outline with the crosswalk to the bill, and the coverage matrix."""

from __future__ import annotations

from docutils import nodes

from tracker.core.model import Order, OrderEntry
from tracker.core.numbering import NumberedGroup
from tracker.render.docutils_nodes import Cell, para, table
from tracker.sphinx_ext import reports
from tracker.sphinx_ext.nodes_util import external_link, fields, order_anchor, section
from tracker.sphinx_ext.pages.common import (
    SiteDirective,
    chart_nodes,
    join,
    one_line,
    order_link,
    provision_link,
    status_badge,
)
from tracker.sphinx_ext.state import SiteState


class OrderDirective(SiteDirective):
    keys = ("front",)

    def render(self) -> list[nodes.Node]:
        site = self.site
        order = site.package.order
        if order is None:
            return [para("order.yaml could not be read; see the build's warnings.")]
        out = self.about(order)
        cover = reports.coverage_of(site.package)
        counts = section("Coverage at a glance", "coverage")
        counts += coverage_image(site)
        counts += para(coverage_sentence(cover))
        out.append(counts)
        outline = section("Outline and crosswalk", "outline")
        for entry in order.entries:
            outline += self.entry_box(order, entry, cover)
        out.append(outline)
        out.append(self.matrix(cover))
        return out

    def about(self, order: Order) -> list[nodes.Node]:
        """The Order's facts, our note on it and the disclaimer on the summaries."""
        doc = order.document
        facts: list[tuple[str, Cell]] = [("Title", doc.title), ("Citation", doc.citation)]
        if doc.date:
            facts.append(("Signed", doc.date.isoformat()))
        if doc.published:
            facts.append(("Published", doc.published.isoformat()))
        if doc.url:
            facts.append(
                ("Authoritative text", external_link(doc.url, "the Federal Register's text"))
            )
        out: list[nodes.Node] = [fields(facts)]
        if doc.note:
            out.append(para(one_line(doc.note), classes=["bt-order-note"]))
        out.append(
            para(
                "The summaries below are our own paraphrase, never the Order's wording; read the "
                "authoritative text at the Federal Register.",
                classes=["bt-disclaimer"],
            )
        )
        return out

    def entry_box(
        self, order: Order, entry: OrderEntry, cover: reports.CoverageView
    ) -> nodes.container:
        """One entry of the outline: heading, coverage, summary, and who carries it out."""
        site = self.site
        box = nodes.container(
            ids=[order_anchor(entry.id)], classes=["bt-order-entry", f"bt-depth-{entry.depth}"]
        )
        heading = " ".join(part for part in (entry.label or entry.id, entry.heading or "") if part)
        line = para(nodes.strong(heading, heading))
        if entry.directive:
            state = cover.state_of(entry.id)
            line += nodes.Text(" ")
            line += nodes.inline(
                state, state, classes=["bt-coverage", f"bt-coverage-{state.replace(' ', '-')}"]
            )
        box += line
        box += para(one_line(entry.summary), classes=["bt-order-summary"])
        details: list[nodes.Node] = []
        if entry.officials:
            details.append(nodes.Text("Directed: " + ", ".join(entry.officials) + ". "))
        due = order.due_date(entry)
        if due:
            details.append(
                nodes.Text(f"Deadline: {entry.deadline_days} days, due {due.isoformat()}. ")
            )
        if not entry.recovered:
            details.append(nodes.Text("Text not recovered in this outline. "))
        implementers = cover.implementers_of(entry.id)
        if implementers:
            details.append(nodes.Text("Carried out by: "))
            details += join(
                [
                    [
                        provision_link(site, pid, long=True),
                        nodes.Text(" "),
                        status_badge(site.package.provisions[pid].status),
                    ]
                    for pid in implementers
                ],
                "; ",
            )
            details.append(nodes.Text("."))
        elif entry.directive:
            details.append(nodes.Text("Carried out by no provision yet."))
        if details:
            box += para(details, classes=["bt-order-details"])
        return box

    def matrix(self, cover: reports.CoverageView) -> nodes.section:
        site = self.site
        node = section("Coverage matrix", "matrix")
        groups = [
            item
            for item in site.compiled.numbering.items
            if isinstance(item, NumberedGroup) and item.depth == 0
        ]
        columns = [g.label for g in groups] or ["Bill"]

        def column_of(provision_id: str) -> str:
            numbered = site.compiled.numbering.sections.get(provision_id)
            if numbered is None:
                return ""
            return numbered.groups[0].label if numbered.groups and groups else "Bill"

        rows = []
        for order_id in cover.directive_ids:
            cells: list[Cell] = [order_link(site, order_id), cover.state_of(order_id)]
            for column in columns:
                found = [pid for pid in cover.implementers_of(order_id) if column_of(pid) == column]
                cells.append(join([provision_link(site, pid) for pid in found]) if found else "")
            rows.append(cells)
        node += table(("Order", "Coverage", *columns), rows, classes=["bt-matrix"])
        return node


def coverage_image(site: SiteState) -> nodes.Node:
    """The coverage chart written beside the pages, wide and narrow."""
    cover = reports.coverage_of(site.package)
    return chart_nodes(
        "coverage",
        f"Coverage of the Order: {cover.covered} covered, {cover.in_progress} in progress, "
        f"{cover.uncovered} uncovered directives",
        classes=["bt-coverage-chart"],
    )


def coverage_sentence(cover: reports.CoverageView) -> str:
    return (
        f"{cover.covered} of {cover.total} directives covered by cleared provisions, "
        f"{cover.in_progress} in progress, {cover.uncovered} uncovered."
    )
