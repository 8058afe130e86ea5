"""One provision's page: where it stands in the bill, its text, summary, changes and history."""

from __future__ import annotations

from docutils import nodes

from tracker.core.compile import CompiledSection
from tracker.core.enumeration import parse_body
from tracker.core.model import Provision
from tracker.core.numbering import NumberedSection
from tracker.render import docutils_bill as bill_nodes
from tracker.render.docutils_nodes import Cell, para, table
from tracker.sphinx_ext import reports
from tracker.sphinx_ext.generate import CURRENT, draft_docname, redline_docname
from tracker.sphinx_ext.nodes_util import fields, page_link, problem_note, section
from tracker.sphinx_ext.pages.common import (
    BILL_DOC,
    UNASSIGNED,
    SiteDirective,
    date_text,
    one_line,
    order_links,
    provision_link,
    status_badge,
    status_change,
    summary_para,
)
from tracker.sphinx_ext.pages.law import provision_law_section


class ProvisionDirective(SiteDirective):
    required_arguments = 1
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        site = self.site
        provision_id = self.arguments[0]
        self.depend(f"prov:{provision_id}", f"num:{provision_id}", "layout", "order", "drafts")
        provision = site.package.provisions.get(provision_id)
        if provision is None:
            return [para(f"No provision '{provision_id}' in the package.")]
        out: list[nodes.Node] = []
        problems = site.findings_for(provision.path)
        if problems:
            out.append(problem_note(problems))
        out.append(self.facts(provision))
        out.append(self.text(provision))
        amends = provision_law_section(self, provision_id)
        if amends is not None:
            out.append(amends)
        summary = section("Section-by-section summary", "summary")
        summary += summary_para(provision)
        out.append(summary)
        out.append(self.changes(provision_id))
        out.append(self.history(provision))
        out.append(self.neighbours(provision_id))
        return out

    def facts(self, provision: Provision) -> nodes.field_list:
        section_ = self.site.compiled.by_id.get(provision.id)
        place: Cell
        if section_ is not None:
            where = [g.label + "—" + g.heading for g in section_.numbered.groups]
            heading = f"SEC. {section_.designation}" + (f", in {'; '.join(where)}" if where else "")
            place = [
                nodes.Text(heading + " — "),
                page_link(BILL_DOC, provision.id, "in the whole bill"),
            ]
        elif provision.status == "dropped":
            place = "dropped: not part of the compiled bill"
        else:
            place = "not listed in bill.yaml"
        return fields(
            [
                ("Section", place),
                ("Status", status_badge(provision.status)),
                ("Owner", provision.owner or UNASSIGNED),
                ("Carries out", order_links(self.site, provision) or "no Order section"),
                ("Provision id", nodes.literal(provision.id, provision.id)),
            ]
        )

    def text(self, provision: Provision) -> nodes.section:
        """The section as numbered in the bill; a provision outside the bill, unnumbered."""
        compiled = self.site.compiled
        shown = compiled.by_id.get(provision.id)
        if shown is None:
            unnumbered = NumberedSection(
                provision_id=provision.id, designation="—", groups=(), index=-1
            )
            shown = CompiledSection(
                provision=provision, numbered=unnumbered, body=parse_body(provision.body)
            )
        node = section("Text", "text", classes=["bt-provision-text"])
        ctx = self.body_context(compiled, in_page=False, source_line=provision.body_line)
        node.extend(bill_nodes.section_body(ctx, shown))
        return node

    def changes(self, provision_id: str) -> nodes.section:
        site = self.site
        latest = site.latest_draft
        title = f"Changes since {latest.name}" if latest else "Changes since the last draft"
        node = section(title, "changes", classes=["bt-changes"])
        if latest is None:
            node += para("No draft has been cut yet.")
            return node
        unit = reports.provision_redline(latest, site, provision_id)
        draft_link = page_link(draft_docname(latest.name), "", latest.name)
        when = f" ({date_text(latest.info.date)})"
        if unit is None:
            node += para("New since ", draft_link, when + ".", classes=["bt-new-since"])
            return node
        if not unit.changed:
            node += para("Unchanged since ", draft_link, when + ".", classes=["bt-unchanged-since"])
            return node
        from tracker.render.docutils_redline import unit_nodes

        node += para(
            "Redline against ",
            draft_link,
            when + "; ",
            page_link(redline_docname(latest.name, CURRENT), "", "the whole redline"),
            ".",
        )
        node += unit_nodes(unit)
        return node

    def history(self, provision: Provision) -> nodes.section:
        node = section("History", "history")
        if not provision.history:
            node += para("No status change recorded.")
            return node
        rows = [
            (
                date_text(entry.date),
                status_change(entry) + (" (forced)" if entry.forced else ""),
                entry.author or "",
                one_line(entry.note),
            )
            for entry in provision.history
        ]
        node += table(("Date", "Status", "By", "Note"), rows)
        return node

    def neighbours(self, provision_id: str) -> nodes.Node:
        ids = self.site.section_ids
        links: list[nodes.Node] = []
        index = self.site.section_index.get(provision_id)
        if index is not None:
            if index > 0:
                links += [nodes.Text("← "), provision_link(self.site, ids[index - 1], long=True)]
            if index + 1 < len(ids):
                if links:
                    links.append(nodes.Text("  ·  "))
                links += [provision_link(self.site, ids[index + 1], long=True), nodes.Text(" →")]
        links += [nodes.Text("  ·  "), page_link(BILL_DOC, "", "whole bill")]
        return para(links, classes=["bt-neighbours"])
