"""The home page: the bill at a glance, where to read on, coverage, timeline and status counts."""

from __future__ import annotations

from docutils import nodes

from tracker.core.compile import congress_and_session
from tracker.core.model import Bill
from tracker.render.docutils_nodes import bullets, para, table
from tracker.sphinx_ext import reports
from tracker.sphinx_ext.nodes_util import page_link, section
from tracker.sphinx_ext.pages.common import (
    ANALYSIS_DOC,
    BILL_DOC,
    DRAFTS_DOC,
    NO_MANIFEST,
    ORDER_DOC,
    STATUS_DOC,
    SiteDirective,
    one_line,
)
from tracker.sphinx_ext.pages.drafts import timeline_nodes
from tracker.sphinx_ext.pages.order import coverage_image, coverage_sentence
from tracker.sphinx_ext.pages.status import history_chart, status_chart

#: The pages the home page sends readers to: (page, link text, what it holds).
READ_ON = (
    (BILL_DOC, "The bill", "official title, table of contents and every section"),
    (ANALYSIS_DOC, "Section-by-section analysis", "the summary for members"),
    (ORDER_DOC, "The Order and the crosswalk", "which section carries out which directive"),
    (STATUS_DOC, "Status dashboard", "by status and owner, last changes"),
    (DRAFTS_DOC, "Drafts and redlines", "what changed between versions"),
)


class HomeDirective(SiteDirective):
    keys = ("front", "drafts", "problems")

    def render(self) -> list[nodes.Node]:
        site = self.site
        bill = site.package.bill
        if bill is None:
            return [para(NO_MANIFEST)]
        out: list[nodes.Node] = [head(bill)]

        read = section("Read", "read")
        read += bullets(
            [[page_link(doc, "", label), nodes.Text(f" — {what}")] for doc, label, what in READ_ON],
            classes=["bt-home-links"],
        )
        out.append(read)

        coverage = section("Coverage of the Order", "coverage")
        coverage += coverage_image(site)
        coverage += para(
            coverage_sentence(reports.coverage_of(site.package)) + " ",
            page_link(ORDER_DOC, "matrix", "Coverage matrix"),
            ".",
        )
        out.append(coverage)

        timeline = section("Timeline", "timeline")
        timeline += timeline_nodes(site)
        out.append(timeline)

        status = section("Status", "status")
        report = reports.status_of(site.package)
        status += status_chart(site)
        status += history_chart(site)
        status += table(
            ("Status", "Provisions"),
            [(name, str(count)) for name, count in report.counts if count]
            + [("All", str(len(report.rows)))],
            classes=["bt-status-counts"],
        )
        out.append(status)
        problems = site.package.findings
        if problems:
            out.append(
                para(
                    f"The package has {len(problems)} open problem(s); they are noted on the affected "
                    "pages and listed by 'billtrack check'.",
                    classes=["bt-problem-summary"],
                )
            )
        return out


def head(bill: Bill) -> nodes.container:
    """Short and official titles, Congress, chamber and sponsor, and the stage."""
    node = nodes.container(classes=["bt-home-head"])
    if bill.short_title:
        node += para(bill.short_title, classes=["bt-short-title"])
    if bill.official_title:
        node += para(one_line(bill.official_title), classes=["bt-official-title"])
    where = congress_and_session(bill)
    where.append("House of Representatives" if bill.chamber == "house" else "Senate")
    if bill.sponsor:
        where.append(f"sponsor: {bill.sponsor}")
    node += para(", ".join(where), classes=["bt-where"])
    node += para("Stage: ", nodes.strong(bill.stage.label, bill.stage.label), classes=["bt-stage"])
    return node
