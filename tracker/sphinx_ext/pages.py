"""The directives that render the site's pages from the model, and the ``sec`` role.

Each directive reads the :class:`~tracker.sphinx_ext.state.SiteState` of the build, records what it
showed (:mod:`tracker.sphinx_ext.deps`) and returns docutils nodes built by the thin renderers in
``tracker.render``. None of them raises on bad content: problems were reported as located warnings
when the package was loaded, and are shown on the affected pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective, SphinxRole

from tracker.core.compile import CompiledBill, CompiledSection, congress_and_session, toc_title
from tracker.core.model import Package
from tracker.core.numbering import NumberedGroup, NumberedSection
from tracker.render import docutils_bill as bill_nodes
from tracker.render.docutils_nodes import bullets, para, table
from tracker.sphinx_ext import deps, reports
from tracker.sphinx_ext.generate import (
    CURRENT,
    GENERATED,
    draft_docname,
    provision_docname,
    redline_docname,
    redline_pairs,
)
from tracker.sphinx_ext.nodes_util import (
    external_link,
    fields,
    first_line,
    here_link,
    note_nodes,
    order_anchor,
    page_link,
    problem_note,
    section,
)
from tracker.sphinx_ext.outputs import printable_redline_name
from tracker.sphinx_ext.registry import site_state
from tracker.sphinx_ext.safety import neutralise
from tracker.sphinx_ext.state import SiteState

BILL_DOC = f"{GENERATED}/bill"
ORDER_DOC = f"{GENERATED}/order"
STATUS_DOC = f"{GENERATED}/status"
ANALYSIS_DOC = f"{GENERATED}/analysis"
DRAFTS_DOC = f"{GENERATED}/drafts/index"
COVERAGE_SVG = f"{GENERATED}/coverage.svg"

_MARKUP = re.compile(r"[*_`\[\]<>&\\{}!~$|]")


class SiteDirective(SphinxDirective):
    """Base of the page directives: access to the model, dependency records, safe inline text."""

    has_content = False
    required_arguments = 0
    optional_arguments = 2
    final_argument_whitespace = False
    keys: ClassVar[tuple[str, ...]] = ()

    @property
    def site(self) -> SiteState:
        return site_state(self.env)

    def depend(self, *keys: str) -> None:
        deps.record(self.env, self.env.docname, *keys)

    def inline(self, text: str, line: int) -> list[nodes.Node]:
        """Provision prose as MyST inline Markdown, made inert (see :mod:`.safety`)."""
        if not _MARKUP.search(text):
            return [nodes.Text(text)]
        parsed, _messages = self.state.inline_text(text, self.lineno)
        safe, _count = neutralise(list(parsed))
        return safe

    def body_context(
        self, compiled: CompiledBill, *, in_page: bool, source_line: int = 1
    ) -> bill_nodes.BodyContext:
        """How a body's references become links: to the provision pages, or within this page."""

        def link(provision_id: str, path: tuple[str, ...], label: str) -> nodes.Node:
            self.depend(f"num:{provision_id}")
            anchor = bill_nodes.anchor(provision_id, path)
            if in_page:
                return here_link(anchor, label, classes=["bt-xref"])
            return page_link(
                provision_docname(provision_id), anchor if path else "", label, classes=["bt-xref"]
            )

        return bill_nodes.BodyContext(
            compiled=compiled, inline=self.inline, link=link, source_line=source_line
        )

    def run(self) -> list[nodes.Node]:
        self.depend(*self.keys)
        return self.render()

    def render(self) -> list[nodes.Node]:  # pragma: no cover - abstract
        raise NotImplementedError


# Links used on several pages --------------------------------------------------------------------


def provision_link(site: SiteState, provision_id: str, *, long: bool = False) -> nodes.Node:
    section_ = site.compiled.by_id.get(provision_id)
    provision = site.package.provisions.get(provision_id)
    if section_ is None:
        label = provision.title if provision else provision_id
    elif long:
        label = f"Sec. {section_.designation}. {toc_title(section_.provision.title)}"
    else:
        label = f"Sec. {section_.designation}"
    if provision is None:
        return nodes.inline(label, label)
    return page_link(provision_docname(provision_id), "", label)


def order_link(site: SiteState, order_id: str) -> nodes.Node:
    order = site.package.order
    entry = order.entry(order_id) if order else None
    label = f"sec. {order_id}" + (
        f" ({entry.heading.rstrip('.')})" if entry and entry.heading else ""
    )
    if entry is None:
        return nodes.inline(label, label, classes=["bt-unknown"])
    return page_link(ORDER_DOC, order_anchor(order_id), label)


def status_badge(status: str) -> nodes.Node:
    return nodes.inline(status, status, classes=["bt-status", f"bt-status-{status}"])


def join(items: Sequence[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, item in enumerate(items):
        if index:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def date_text(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()


# The bill ---------------------------------------------------------------------------------------


def bill_document(
    directive: SiteDirective, package: Package, compiled: CompiledBill, *, pages: bool
) -> list[nodes.Node]:
    """A whole bill: preamble, table of contents, every group and numbered section.

    With ``pages`` each section links to its provision page and shows its problems; a draft's text
    (``pages=False``) links only within itself.
    """
    bill = package.bill
    out: list[nodes.Node] = []
    if bill is None:
        return [para("The bill's manifest could not be read; see the build's warnings.")]
    preamble = nodes.container(classes=["bt-preamble"])
    session = congress_and_session(bill, upper=True)
    if session:
        preamble += para(" — ".join(session), classes=["bt-congress"])
    preamble += para(bill.document_title, classes=["bt-a-bill"])
    if bill.official_title:
        preamble += para(" ".join(bill.official_title.split()), classes=["bt-official-title"])
    for recital in bill.preamble:
        preamble += para(recital, classes=["bt-recital"])
    preamble += para(bill.enacting_text, classes=["bt-enacting"])
    out.append(preamble)

    def toc_link(provision_id: str, path: tuple[str, ...], label: str) -> nodes.Node:
        return here_link(bill_nodes.anchor(provision_id, path), label)

    toc = section("Table of contents", "table-of-contents", classes=["bt-toc-section"])
    toc += bill_nodes.toc_nodes(compiled, toc_link)
    out.append(toc)
    stack: list[nodes.Element] = []
    top = nodes.container(classes=["bt-bill-text"])
    for item in compiled.numbering.items:
        del stack[item.depth :]
        parent = stack[-1] if stack else top
        if isinstance(item, NumberedGroup):
            group = section(
                bill_nodes.group_title(item),
                "g-" + re.sub(r"[^A-Za-z0-9]+", "-", item.key).strip("-"),
                classes=["bt-group", f"bt-group-{item.kind}"],
            )
            parent += group
            stack.append(group)
            continue
        parent += section_node(directive, compiled, compiled.by_id[item.provision_id], pages=pages)
    out.append(top)
    return out


def section_node(
    directive: SiteDirective, compiled: CompiledBill, section_: CompiledSection, *, pages: bool
) -> nodes.section:
    provision = section_.provision
    node = section(section_.heading_line, provision.id, classes=["bt-section"])
    if pages:
        site = directive.site
        problems = site.findings_for(provision.path)
        links: list[nodes.Node] = [
            page_link(provision_docname(provision.id), "", "provision page", classes=["bt-aside"])
        ]
        if problems:
            links.append(nodes.Text(" · "))
            links.append(
                page_link(
                    provision_docname(provision.id),
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


# One provision ----------------------------------------------------------------------------------


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
        compiled = site.compiled
        section_ = compiled.by_id.get(provision_id)
        out: list[nodes.Node] = []
        problems = site.findings_for(provision.path)
        if problems:
            out.append(problem_note(problems))
        facts: list[tuple[str, object]] = []
        if section_ is not None:
            where = [g.label + "—" + g.heading for g in section_.numbered.groups]
            place = f"SEC. {section_.designation}" + (f", in {'; '.join(where)}" if where else "")
            facts.append(("Section", [nodes.Text(place + " — "), here_or_bill(provision_id)]))
        else:
            reason = (
                "dropped: not part of the compiled bill"
                if provision.status == "dropped"
                else "not listed in bill.yaml"
            )
            facts.append(("Section", reason))
        facts.append(("Status", status_badge(provision.status)))
        facts.append(("Owner", provision.owner or "unassigned"))
        implemented = [order_link(site, oid) for oid in provision.implements]
        facts.append(("Carries out", join(implemented) if implemented else "no Order section"))
        facts.append(("Provision id", nodes.literal(provision_id, provision_id)))
        out.append(fields(facts))  # type: ignore[arg-type]

        text = section("Text", "text", classes=["bt-provision-text"])
        if section_ is not None:
            ctx = self.body_context(compiled, in_page=False, source_line=provision.body_line)
            text.extend(bill_nodes.section_body(ctx, section_))
        else:
            from tracker.core.enumeration import parse_body

            standalone = CompiledSection(
                provision=provision,
                numbered=_unnumbered(provision.id),
                body=parse_body(provision.body),
            )
            ctx = self.body_context(compiled, in_page=False, source_line=provision.body_line)
            text.extend(bill_nodes.section_body(ctx, standalone))
        out.append(text)

        summary = section("Section-by-section summary", "summary")
        summary += para(
            " ".join((provision.summary or "No summary yet.").split()),
            classes=["bt-summary"] if provision.summary else ["bt-summary", "bt-missing"],
        )
        out.append(summary)
        out.append(self.changes(provision_id))
        out.append(self.history(provision_id))
        out.append(self.neighbours(provision_id))
        return out

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
        if unit is None:
            node += para(
                "New since ",
                draft_link,
                f" ({date_text(latest.info.date)}).",
                classes=["bt-new-since"],
            )
            return node
        if not unit.changed:
            node += para(
                "Unchanged since ",
                draft_link,
                f" ({date_text(latest.info.date)}).",
                classes=["bt-unchanged-since"],
            )
            return node
        from tracker.render.docutils_redline import unit_nodes

        node += para(
            "Redline against ",
            draft_link,
            f" ({date_text(latest.info.date)}); ",
            page_link(redline_docname(latest.name, CURRENT), "", "the whole redline"),
            ".",
        )
        node += unit_nodes(unit)
        return node

    def history(self, provision_id: str) -> nodes.section:
        provision = self.site.package.provisions[provision_id]
        node = section("History", "history")
        if not provision.history:
            node += para("No status change recorded.")
            return node
        rows = [
            (
                date_text(entry.date),
                f"{entry.from_status or '—'} → {entry.to_status}"
                + (" (forced)" if entry.forced else ""),
                entry.author or "",
                " ".join((entry.note or "").split()),
            )
            for entry in provision.history
        ]
        node += table(("Date", "Status", "By", "Note"), rows)
        return node

    def neighbours(self, provision_id: str) -> nodes.Node:
        sections = self.site.compiled.sections
        ids = [s.provision.id for s in sections]
        links: list[nodes.Node] = []
        if provision_id in ids:
            index = ids.index(provision_id)
            if index > 0:
                links += [nodes.Text("← "), provision_link(self.site, ids[index - 1], long=True)]
            if index + 1 < len(ids):
                if links:
                    links.append(nodes.Text("  ·  "))
                links += [provision_link(self.site, ids[index + 1], long=True), nodes.Text(" →")]
        links += [nodes.Text("  ·  "), page_link(BILL_DOC, "", "whole bill")]
        return para(links, classes=["bt-neighbours"])


def here_or_bill(provision_id: str) -> nodes.Node:
    return page_link(BILL_DOC, provision_id, "in the whole bill")


def _unnumbered(provision_id: str) -> NumberedSection:
    return NumberedSection(provision_id=provision_id, designation="—", groups=(), index=-1)


# Section-by-section analysis --------------------------------------------------------------------


class AnalysisDirective(SiteDirective):
    keys = ("package",)

    def render(self) -> list[nodes.Node]:
        site = self.site
        bill = site.package.bill
        out: list[nodes.Node] = []
        if bill is not None:
            out.append(para(bill.short_title or "", classes=["bt-short-title"]))
            official = " ".join((bill.official_title or "").split())
            out.append(para(official, classes=["bt-official-title"]))
        stack: list[nodes.Element] = []
        top = nodes.container(classes=["bt-analysis"])
        for item in site.compiled.numbering.items:
            del stack[item.depth :]
            parent = stack[-1] if stack else top
            if isinstance(item, NumberedGroup):
                group = section(
                    bill_nodes.group_title(item),
                    "g-" + re.sub(r"[^A-Za-z0-9]+", "-", item.key).strip("-"),
                    classes=["bt-group"],
                )
                parent += group
                stack.append(group)
                continue
            section_ = site.compiled.by_id[item.provision_id]
            provision = section_.provision
            node = section(
                f"Sec. {section_.designation}. {toc_title(provision.title)}",
                provision.id,
                classes=["bt-analysis-section"],
            )
            node += para(
                " ".join((provision.summary or "No summary yet.").split()),
                classes=["bt-summary"] if provision.summary else ["bt-summary", "bt-missing"],
            )
            meta: list[nodes.Node] = [nodes.Text("Carries out: ")]
            meta += join([order_link(site, oid) for oid in provision.implements]) or [
                nodes.Text("no Order section")
            ]
            meta += [nodes.Text(". Status: "), status_badge(provision.status), nodes.Text(". ")]
            meta.append(page_link(provision_docname(provision.id), "", "Text and history"))
            node += para(meta, classes=["bt-analysis-meta"])
            parent += node
        out.append(top)
        return out


# The Order: outline, crosswalk and coverage matrix ----------------------------------------------


class OrderDirective(SiteDirective):
    keys = ("package",)

    def render(self) -> list[nodes.Node]:
        site = self.site
        order = site.package.order
        if order is None:
            return [para("order.yaml could not be read; see the build's warnings.")]
        doc = order.document
        out: list[nodes.Node] = []
        facts: list[tuple[str, object]] = [
            ("Title", doc.title),
            ("Citation", doc.citation),
        ]
        if doc.date:
            facts.append(("Signed", doc.date.isoformat()))
        if doc.published:
            facts.append(("Published", doc.published.isoformat()))
        if doc.url:
            facts.append(
                ("Authoritative text", external_link(doc.url, "the Federal Register's text"))
            )
        out.append(fields(facts))  # type: ignore[arg-type]
        if doc.note:
            out.append(para(" ".join(doc.note.split()), classes=["bt-order-note"]))
        out.append(
            para(
                "The summaries below are our own paraphrase, never the Order's wording; read the "
                "authoritative text at the Federal Register.",
                classes=["bt-disclaimer"],
            )
        )
        cover = reports.coverage_of(site.package)
        counts = section("Coverage at a glance", "coverage")
        counts += coverage_image(site)
        counts += para(
            f"{cover.covered} of {cover.total} directives covered by cleared provisions, "
            f"{cover.in_progress} in progress, {cover.uncovered} uncovered."
        )
        out.append(counts)

        outline = section("Outline and crosswalk", "outline")
        for entry in order.entries:
            box = nodes.container(
                ids=[order_anchor(entry.id)], classes=["bt-order-entry", f"bt-depth-{entry.depth}"]
            )
            head = [entry.label or entry.id, entry.heading or ""]
            line = para(
                nodes.strong(" ".join(p for p in head if p), " ".join(p for p in head if p))
            )
            if entry.directive:
                state = cover.state_of(entry.id)
                line += nodes.Text(" ")
                line += nodes.inline(
                    state, state, classes=["bt-coverage", f"bt-coverage-{state.replace(' ', '-')}"]
                )
            box += line
            box += para(" ".join(entry.summary.split()), classes=["bt-order-summary"])
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
                parts = []
                for pid in implementers:
                    provision = site.package.provisions[pid]
                    parts.append(
                        [
                            provision_link(site, pid, long=True),
                            nodes.Text(" "),
                            status_badge(provision.status),
                        ]
                    )
                for index, part in enumerate(parts):
                    if index:
                        details.append(nodes.Text("; "))
                    details.extend(part)
                details.append(nodes.Text("."))
            elif entry.directive:
                details.append(nodes.Text("Carried out by no provision yet."))
            if details:
                box += para(details, classes=["bt-order-details"])
            outline += box
        out.append(outline)
        out.append(self.matrix(cover))
        return out

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
            cells: list[object] = [order_link(site, order_id), cover.state_of(order_id)]
            for column in columns:
                found = [pid for pid in cover.implementers_of(order_id) if column_of(pid) == column]
                cells.append(join([provision_link(site, pid) for pid in found]) if found else "")
            rows.append(cells)
        node += table(("Order", "Coverage", *columns), rows, classes=["bt-matrix"])  # type: ignore[arg-type]
        return node


def coverage_image(site: SiteState) -> nodes.Node:
    cover = reports.coverage_of(site.package)
    image = nodes.image(
        uri=f"/{COVERAGE_SVG}",
        alt=f"Coverage of the Order: {cover.covered} covered, {cover.in_progress} in progress, "
        f"{cover.uncovered} uncovered directives",
        classes=["bt-coverage-chart"],
    )
    image["bt-trusted"] = True
    return image


# Status dashboard -------------------------------------------------------------------------------


class StatusDirective(SiteDirective):
    keys = ("package",)

    def render(self) -> list[nodes.Node]:
        site = self.site
        report = reports.status_of(site.package)
        out: list[nodes.Node] = []
        owners = sorted({row.owner or "unassigned" for row in report.rows})
        statuses = [status for status, _ in report.counts]
        by_status = section("By status and owner", "by-status")
        rows = []
        for owner in owners:
            cells: list[object] = [owner]
            for status in statuses:
                count = sum(
                    1
                    for r in report.rows
                    if (r.owner or "unassigned") == owner and r.status == status
                )
                cells.append(str(count) if count else "")
            rows.append(cells)
        rows.append(["All", *[str(count) for _, count in report.counts]])
        by_status += table(("Owner", *statuses), rows, classes=["bt-status-table"])  # type: ignore[arg-type]
        out.append(by_status)

        listing = section("Provisions", "provisions")
        rows = []
        for row in report.rows:
            last = row.last_change
            rows.append(
                [
                    f"{row.number}" if row.number else "—",
                    provision_link(site, row.provision_id, long=False)
                    if row.number is None
                    else page_link(provision_docname(row.provision_id), "", toc_title(row.title)),
                    status_badge(row.status),
                    row.owner or "unassigned",
                    f"{last.date.isoformat()} {last.author or ''}".strip() if last else "",
                ]
            )
        listing += table(("Sec.", "Provision", "Status", "Owner", "Last change"), rows)  # type: ignore[arg-type]
        out.append(listing)

        recent = section("Last changes", "last-changes")
        events = []
        for provision in site.package.provisions.values():
            for entry in provision.history:
                events.append((date_text(entry.date), provision.id, entry))
        events.sort(key=lambda e: (e[0], e[1]), reverse=True)
        rows = [
            [
                when,
                provision_link(site, pid, long=True),
                f"{entry.from_status or '—'} → {entry.to_status}",
                entry.author or "",
                " ".join((entry.note or "").split()),
            ]
            for when, pid, entry in events[:20]
        ]
        recent += (
            table(("Date", "Provision", "Status", "By", "Note"), rows)
            if rows
            else para("No status change recorded yet.")
        )  # type: ignore[arg-type]
        out.append(recent)
        return out


# Drafts and redlines ----------------------------------------------------------------------------


class DraftsDirective(SiteDirective):
    keys = ("package", "drafts")

    def render(self) -> list[nodes.Node]:
        site = self.site
        out: list[nodes.Node] = [timeline_nodes(site)]
        if not site.drafts:
            out.append(para("No draft has been cut yet ('billtrack draft cut NAME')."))
            return out
        rows = []
        for draft in site.drafts:
            info = draft.info
            rows.append(
                [
                    page_link(draft_docname(draft.name), "", draft.name),
                    info.stage.label,
                    info.date.isoformat(),
                    (info.commit or "")[:12] + (" (dirty)" if info.dirty else ""),
                    first_line(info.note),
                ]
            )
        drafts = section("Drafts", "drafts")
        drafts += table(("Draft", "Stage", "Date", "Commit", "Note"), rows)  # type: ignore[arg-type]
        out.append(drafts)
        redlines = section("Redlines", "redlines")
        redlines += bullets(
            [
                page_link(
                    redline_docname(old, new),
                    "",
                    f"{old} → {'current text' if new == CURRENT else new}",
                )
                for old, new in redline_pairs(site)
            ]
        )
        out.append(redlines)
        return out


def timeline_nodes(site: SiteState) -> nodes.Element:
    events = reports.timeline_of(site)
    items = []
    for event in events:
        parts: list[nodes.Node] = [
            nodes.strong(event.date, event.date),
            nodes.Text(f" — {event.label}"),
        ]
        if event.draft:
            parts += [
                nodes.Text(": draft "),
                page_link(draft_docname(event.draft), "", event.draft),
            ]
        if event.note:
            parts.append(nodes.Text(". " + first_line(event.note)))
        items.append(parts)
    node = bullets(items, classes=["bt-timeline"]) if items else para("No stage recorded yet.")
    return node


class DraftDirective(SiteDirective):
    required_arguments = 1
    optional_arguments = 0
    keys = ("drafts",)

    def render(self) -> list[nodes.Node]:
        site = self.site
        draft = site.draft(self.arguments[0])
        if draft is None:
            return [para(f"No draft named {self.arguments[0]}.")]
        info = draft.info
        facts: list[tuple[str, object]] = [
            ("Stage", info.stage.label),
            ("Date", info.date.isoformat()),
            (
                "Cut from",
                (info.commit or "unknown commit")[:12]
                + (" with uncommitted changes" if info.dirty else ""),
            ),
        ]
        related = [
            page_link(
                redline_docname(old, new),
                "",
                f"{old} → {'current text' if new == CURRENT else new}",
            )
            for old, new in redline_pairs(site)
            if draft.name in (old, new)
        ]
        if related:
            facts.append(("Redlines", join(related)))
        out: list[nodes.Node] = [fields(facts)]  # type: ignore[arg-type]
        if info.note:
            out += note_nodes(info.note, classes=["bt-draft-note"])
        out += bill_document(self, draft.package, draft.compiled, pages=False)
        return out


class RedlineDirective(SiteDirective):
    required_arguments = 2
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        from tracker.render.docutils_redline import redline_nodes

        site = self.site
        old_name, new_name = self.arguments
        self.depend("drafts", *(("package",) if new_name == CURRENT else ()))
        old = site.draft(old_name)
        new = None if new_name == CURRENT else site.draft(new_name)
        if old is None or (new is None and new_name != CURRENT):
            return [para("This redline's drafts are missing.")]
        new_package = site.package if new is None else new.package
        redline = reports.redline_between(old.package, new_package, old_name, new_name)
        old_date = old.info.date.isoformat()
        new_label = (
            "the current text" if new is None else f"{new.name} ({new.info.date.isoformat()})"
        )
        out: list[nodes.Node] = [
            para(
                f"Comparative print of {old.name} ({old_date}) against {new_label}: ",
                nodes.inline("struck text", "struck text", classes=["bt-del"]),
                " was removed, ",
                nodes.inline("underlined text", "underlined text", classes=["bt-ins"]),
                " was inserted. The change summary comes first, then the changed sections. ",
                external_link(
                    printable_redline_name(old_name, new_name), "Standalone printable version"
                ),
                ".",
                classes=["bt-redline-intro"],
            )
        ]
        notes = new.info.note if new is not None else None

        def link(unit):  # type: ignore[no-untyped-def]
            key = unit.new_key if new is None else None
            if key and key in site.package.provisions:
                return page_link(provision_docname(key), "", "provision page", classes=["bt-aside"])
            return nodes.Text("")

        rendered = redline_nodes(redline, link=link)
        out.append(rendered[0])  # the change summary first
        if notes:
            note = section(f"The note of {new_name}", "draft-note", classes=["bt-draft-note"])
            note.extend(note_nodes(notes))
            out.append(note)
        changes = section("Changed sections", "changed-sections")
        changes.extend(rendered[1:])
        out.append(changes)
        return out


# Home -------------------------------------------------------------------------------------------


class HomeDirective(SiteDirective):
    keys = ("package", "drafts")

    def render(self) -> list[nodes.Node]:
        site = self.site
        bill = site.package.bill
        out: list[nodes.Node] = []
        if bill is None:
            return [para("The bill's manifest could not be read; see the build's warnings.")]
        head = nodes.container(classes=["bt-home-head"])
        if bill.short_title:
            head += para(bill.short_title, classes=["bt-short-title"])
        if bill.official_title:
            head += para(" ".join(bill.official_title.split()), classes=["bt-official-title"])
        where = congress_and_session(bill)
        where.append("House of Representatives" if bill.chamber == "house" else "Senate")
        if bill.sponsor:
            where.append(f"sponsor: {bill.sponsor}")
        head += para(", ".join(where), classes=["bt-where"])
        head += para(
            "Stage: ", nodes.strong(bill.stage.label, bill.stage.label), classes=["bt-stage"]
        )
        out.append(head)

        go = section("Read", "read")
        go += bullets(
            [
                [
                    page_link(BILL_DOC, "", "The bill"),
                    nodes.Text(" — official title, table of contents and every section"),
                ],
                [
                    page_link(ANALYSIS_DOC, "", "Section-by-section analysis"),
                    nodes.Text(" — the summary for members"),
                ],
                [
                    page_link(ORDER_DOC, "", "The Order and the crosswalk"),
                    nodes.Text(" — which section carries out which directive"),
                ],
                [
                    page_link(STATUS_DOC, "", "Status dashboard"),
                    nodes.Text(" — by status and owner, last changes"),
                ],
                [
                    page_link(DRAFTS_DOC, "", "Drafts and redlines"),
                    nodes.Text(" — what changed between versions"),
                ],
            ],
            classes=["bt-home-links"],
        )
        out.append(go)

        cover = reports.coverage_of(site.package)
        coverage = section("Coverage of the Order", "coverage")
        coverage += coverage_image(site)
        coverage += para(
            f"{cover.covered} of {cover.total} directives covered by cleared provisions, "
            f"{cover.in_progress} in progress, {cover.uncovered} uncovered. ",
            page_link(ORDER_DOC, "matrix", "Coverage matrix"),
            ".",
        )
        out.append(coverage)

        timeline = section("Timeline", "timeline")
        timeline += timeline_nodes(site)
        out.append(timeline)

        status = section("Status", "status")
        report = reports.status_of(site.package)
        status += table(
            ("Status", "Provisions"),
            [(name, str(count)) for name, count in report.counts if count]
            + [("All", str(len(report.rows)))],
            classes=["bt-status-counts"],
        )
        out.append(status)
        problems = [f for f in site.package.findings]
        if problems:
            out.append(
                para(
                    f"The package has {len(problems)} open problem(s); they are noted on the affected "
                    "pages and listed by 'billtrack check'.",
                    classes=["bt-problem-summary"],
                )
            )
        return out


# Generic directives and the role usable on any page ---------------------------------------------


class BillTocDirective(SiteDirective):
    """```{bill-toc}```: the bill's table of contents, linking to the provision pages."""

    keys = ("layout",)
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        site = self.site

        def link(provision_id: str, path: tuple[str, ...], label: str) -> nodes.Node:
            return page_link(provision_docname(provision_id), "", label)

        return [bill_nodes.toc_nodes(site.compiled, link)]


class SecRole(SphinxRole):
    """``{sec}`grant-conditions(b)(2)``` → "section 102(b)(2)", linking to the provision's page."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        site = site_state(self.env)
        target = self.text.strip()
        from tracker.core.xrefs import parse_reference

        reference = parse_reference(target)
        for named in reference.targets:
            if named.provision_id:
                deps.record(self.env, self.env.docname, f"num:{named.provision_id}")

        def link(provision_id: str, path: tuple[str, ...], label: str) -> nodes.Node:
            anchor = bill_nodes.anchor(provision_id, path)
            return page_link(
                provision_docname(provision_id), anchor if path else "", label, classes=["bt-xref"]
            )

        ctx = bill_nodes.BodyContext(compiled=site.compiled, inline=bill_nodes.text_only, link=link)
        node = bill_nodes.reference_nodes(ctx, target)
        if site.compiled.resolve_reference(reference) is None:
            from sphinx.util import logging

            logging.getLogger(__name__).warning(
                "reference to '%s', which names no provision or subdivision",
                target,
                location=self.get_location(),
                type="billtrack",
                subtype="BT401",
            )
        return [node], []


DIRECTIVES: dict[str, type[SiteDirective]] = {
    "bt-bill": BillDirective,
    "bt-provision": ProvisionDirective,
    "bt-analysis": AnalysisDirective,
    "bt-order": OrderDirective,
    "bt-status": StatusDirective,
    "bt-drafts": DraftsDirective,
    "bt-draft": DraftDirective,
    "bt-redline": RedlineDirective,
    "bt-home": HomeDirective,
    "bill-toc": BillTocDirective,
}
