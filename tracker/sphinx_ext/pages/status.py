"""The status dashboard: counts by status and owner, every provision, the last changes."""

from __future__ import annotations

from docutils import nodes

from tracker.core.compile import toc_title
from tracker.core.model import HistoryEntry
from tracker.core.status_table import StatusReport
from tracker.render.docutils_nodes import Cell, para, table
from tracker.sphinx_ext import reports
from tracker.sphinx_ext.generate import provision_docname
from tracker.sphinx_ext.nodes_util import page_link, section
from tracker.sphinx_ext.outputs import bar_words, history_bars, status_bars
from tracker.sphinx_ext.pages.common import (
    UNASSIGNED,
    SiteDirective,
    chart_nodes,
    date_text,
    one_line,
    provision_link,
    status_badge,
    status_change,
)
from tracker.sphinx_ext.state import SiteState


class StatusDirective(SiteDirective):
    keys = ("front",)

    def render(self) -> list[nodes.Node]:
        report = reports.status_of(self.site.package)
        return [
            self.by_status(report),
            self.listing(report),
            self.over_time(),
            self.last_changes(),
        ]

    def by_status(self, report: StatusReport) -> nodes.section:
        owners = sorted({row.owner or UNASSIGNED for row in report.rows})
        statuses = [status for status, _ in report.counts]
        rows: list[list[Cell]] = []
        for owner in owners:
            cells: list[Cell] = [owner]
            for status in statuses:
                count = sum(
                    1
                    for r in report.rows
                    if (r.owner or UNASSIGNED) == owner and r.status == status
                )
                cells.append(str(count) if count else "")
            rows.append(cells)
        rows.append(["All", *[str(count) for _, count in report.counts]])
        node = section("By status and owner", "by-status")
        node += status_chart(self.site)
        node += table(("Owner", *statuses), rows, classes=["bt-status-table"])
        return node

    def over_time(self) -> nodes.section:
        node = section("Status changes over time", "over-time")
        node += history_chart(self.site)
        return node

    def listing(self, report: StatusReport) -> nodes.section:
        site = self.site
        rows: list[list[Cell]] = []
        for row in report.rows:
            last = row.last_change
            rows.append(
                [
                    f"{row.number}" if row.number else "—",
                    provision_link(site, row.provision_id, long=False)
                    if row.number is None
                    else page_link(provision_docname(row.provision_id), "", toc_title(row.title)),
                    status_badge(row.status),
                    row.owner or UNASSIGNED,
                    f"{last.date.isoformat()} {last.author or ''}".strip() if last else "",
                ]
            )
        node = section("Provisions", "provisions")
        node += table(("Sec.", "Provision", "Status", "Owner", "Last change"), rows)
        return node

    def last_changes(self) -> nodes.section:
        """The twenty most recent status changes, newest first."""
        site = self.site
        events: list[tuple[str, str, HistoryEntry]] = [
            (date_text(entry.date), provision.id, entry)
            for provision in site.package.provisions.values()
            for entry in provision.history
        ]
        events.sort(key=lambda e: (e[0], e[1]), reverse=True)
        rows: list[list[Cell]] = [
            [
                when,
                provision_link(site, pid, long=True),
                status_change(entry),
                entry.author or "",
                one_line(entry.note),
            ]
            for when, pid, entry in events[:20]
        ]
        node = section("Last changes", "last-changes")
        node += (
            table(("Date", "Provision", "Status", "By", "Note"), rows)
            if rows
            else para("No status change recorded yet.")
        )
        return node


def status_chart(site: SiteState) -> nodes.Node:
    """Provisions by status, in all and by title, as a chart whose text says the same."""
    statuses, bars = status_bars(site)
    said = "; ".join(f"{bar.label}: {bar_words(statuses, bar)}" for bar in bars)
    return chart_nodes("status", f"Provisions by status. {said}.", classes=["bt-status-chart"])


def history_chart(site: SiteState) -> nodes.Node:
    """Status changes by month, from the provisions' recorded history."""
    statuses, bars = history_bars(site)
    if not bars:
        return para("No status change recorded yet.")
    said = "; ".join(f"{bar.label}: {bar_words(statuses, bar)}" for bar in bars)
    return chart_nodes(
        "history",
        f"Status changes by month, by the status reached. {said}.",
        classes=["bt-history-chart"],
    )
