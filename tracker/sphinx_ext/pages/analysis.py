"""The section-by-section analysis: each section's summary, what it carries out and its status."""

from __future__ import annotations

from docutils import nodes

from tracker.core.compile import CompiledSection
from tracker.render.docutils_nodes import para
from tracker.sphinx_ext.generate import provision_docname
from tracker.sphinx_ext.nodes_util import page_link, section
from tracker.sphinx_ext.pages.common import (
    SiteDirective,
    one_line,
    order_links,
    outline_nodes,
    status_badge,
    summary_para,
)


class AnalysisDirective(SiteDirective):
    keys = ("front",)

    def render(self) -> list[nodes.Node]:
        site = self.site
        bill = site.package.bill
        out: list[nodes.Node] = []
        if bill is not None:
            out.append(para(bill.short_title or "", classes=["bt-short-title"]))
            out.append(para(one_line(bill.official_title), classes=["bt-official-title"]))
        # the groups and sections are the page's own, so its contents list them with their anchors
        top = outline_nodes(site.compiled, nodes.container(), self.analysis_section)
        out.extend(top.children)
        return out

    def analysis_section(self, section_: CompiledSection) -> nodes.section:
        provision = section_.provision
        node = section(section_.toc_line(), provision.id, classes=["bt-analysis-section"])
        node += summary_para(provision)
        meta: list[nodes.Node] = [nodes.Text("Carries out: ")]
        meta += order_links(self.site, provision) or [nodes.Text("no Order section")]
        meta += [nodes.Text(". Status: "), status_badge(provision.status), nodes.Text(". ")]
        meta.append(page_link(provision_docname(provision.id), "", "Text and history"))
        node += para(meta, classes=["bt-analysis-meta"])
        return node
