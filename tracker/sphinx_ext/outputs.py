"""Files the build writes beside the pages: the charts (coverage, status, status changes over
time, each in a wide and a narrow layout) and ``manifest.json``."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from tracker.render.chart_svg import Bar, Layout, Series, bar_chart_svg, words
from tracker.render.coverage_svg import CoverageBar, coverage_svg
from tracker.sphinx_ext import reports
from tracker.sphinx_ext.state import SiteState

MANIFEST = "manifest.json"


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it holds them already; a reader sees the old file or the
    new one, never a part (a temporary file beside it replaces it)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return True


LAYOUTS: tuple[Layout, ...] = ("wide", "narrow")

#: how each status of the default workflow is drawn; other statuses take the palette in turn
STATUS_SERIES = {
    "drafting": ("#8a5a00", "dots"),
    "review": ("#1565c0", "hatch"),
    "cleared": ("#2e7d32", "solid"),
    "hold": ("#c62828", "cross"),
    "dropped": ("#616161", "solid"),
}
_PALETTE = (("#6a1b9a", "dots"), ("#00695c", "hatch"), ("#37474f", "cross"))


def chart_files(state: SiteState) -> dict[str, str]:
    """Every chart of the site by file name (``coverage.svg``, ``status-narrow.svg``, ...)."""
    files: dict[str, str] = {}
    for layout in LAYOUTS:
        suffix = "" if layout == "wide" else "-narrow"
        files[f"coverage{suffix}.svg"] = coverage_chart(state, layout)
        files[f"status{suffix}.svg"] = status_chart(state, layout)
        files[f"history{suffix}.svg"] = history_chart(state, layout)
    return files


def status_series(statuses: list[str]) -> list[Series]:
    out = []
    for index, status in enumerate(statuses):
        colour, pattern = STATUS_SERIES.get(status, _PALETTE[index % len(_PALETTE)])
        out.append(Series(name=status, colour=colour, pattern=pattern))
    return out


def status_bars(state: SiteState) -> tuple[list[str], list[Bar]]:
    """Provisions by status: all of them, then each title (top-level group) of the bill."""
    report = reports.status_of(state.package)
    statuses = [status for status, _ in report.counts]
    groups: dict[str, list[str]] = {}
    for row in report.rows:
        section = state.compiled.by_id.get(row.provision_id)
        if section is None:
            key = "Not in the bill"
        elif section.numbered.groups:
            group = section.numbered.groups[0]
            key = f"{group.label}—{group.heading}" if group.heading else group.label
        else:
            key = "Sections outside a title"
        groups.setdefault(key, []).append(row.status)
    everything = [row.status for row in report.rows]
    bars = [Bar(label="All provisions", counts=tuple(everything.count(s) for s in statuses))]
    bars += [
        Bar(label=label, counts=tuple(found.count(s) for s in statuses))
        for label, found in groups.items()
    ]
    return statuses, bars


def status_chart(state: SiteState, layout: Layout = "wide") -> str:
    statuses, bars = status_bars(state)
    return bar_chart_svg(
        status_series(statuses),
        bars,
        title="Provisions by status",
        description=" ".join(f"{bar.label}: {bar_words(statuses, bar)}." for bar in bars),
        layout=layout,
        ident="st",
    )


def history_bars(state: SiteState) -> tuple[list[str], list[Bar]]:
    """Status changes recorded in the provisions' history, by month and the status reached."""
    report = reports.status_of(state.package)
    statuses = [status for status, _ in report.counts]
    months: dict[str, list[str]] = {}
    for provision in state.package.provisions.values():
        for entry in provision.history:
            if entry.date is None:
                continue
            months.setdefault(f"{entry.date:%Y-%m}", []).append(entry.to_status)
            if entry.to_status not in statuses:
                statuses.append(entry.to_status)
    bars = []
    for month in sorted(months):
        year, number = month.split("-")
        label = f"{_MONTHS[int(number) - 1]} {year}"
        bars.append(Bar(label=label, counts=tuple(months[month].count(s) for s in statuses)))
    return statuses, bars


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def history_chart(state: SiteState, layout: Layout = "wide") -> str:
    statuses, bars = history_bars(state)
    return bar_chart_svg(
        status_series(statuses),
        bars,
        title="Status changes by month (the status reached)",
        description=" ".join(f"{bar.label}: {bar_words(statuses, bar)}." for bar in bars)
        or "No status change recorded yet.",
        layout=layout,
        ident="hi",
    )


def bar_words(statuses: list[str], bar: Bar) -> str:
    return words(status_series(statuses), bar)


def coverage_chart(state: SiteState, layout: Layout = "wide") -> str:
    order = state.package.order
    title = "Coverage of the Order's directives"
    if order is not None and order.document.number:
        title = f"Coverage of {order.document.kind} {order.document.number}"
    bars = [
        CoverageBar(label=label, covered=c, in_progress=p, uncovered=u)
        for label, c, p, u in reports.coverage_bars(state.package)
    ]
    return coverage_svg(bars, title=title, layout=layout)


def manifest(state: SiteState) -> dict[str, object]:
    """Provision ids with the SHA-256 of each provision file's bytes, and the build's revision.

    A reader checks which text they saw with ``sha256sum provisions/<id>.md``.
    """
    revision = state.revision
    provisions = {}
    for provision_id in sorted(state.package.provisions):
        data = state.package.files.get(f"provisions/{provision_id}.md", b"")
        provisions[provision_id] = {
            "path": f"provisions/{provision_id}.md",
            "sha256": hashlib.sha256(data).hexdigest(),
            "section": state.compiled.numbering.designation(provision_id),
        }
    return {
        "commit": revision.commit,
        "commit_date": revision.date.isoformat() if revision.date else None,
        "dirty": revision.dirty,
        "provisions": provisions,
    }


def write_manifest(state: SiteState, outdir: Path) -> Path:
    path = outdir / MANIFEST
    data = json.dumps(manifest(state), indent=2, sort_keys=True) + "\n"
    write_if_changed(path, data.encode("utf-8"))
    return path


def printable_redline_name(old: str, new: str) -> str:
    """The standalone comparative print beside a redline page (``old--new.print.html``)."""
    return f"{old}--{new}.print.html"


def write_printable_redlines(state: SiteState, outdir: Path) -> list[Path]:
    """Every redline page's standalone printable HTML, from the redline engine's own renderer."""
    from tracker.render.redline_html import render_html
    from tracker.sphinx_ext.generate import CURRENT, REDLINES, redline_pairs

    written = []
    title = (state.package.bill.short_title if state.package.bill else None) or "Comparative print"
    for old_name, new_name in redline_pairs(state):
        old = state.draft(old_name)
        new = None if new_name == CURRENT else state.draft(new_name)
        if old is None or (new is None and new_name != CURRENT):
            continue
        redline = reports.redline_between(
            old.package, state.package if new is None else new.package, old_name, new_name
        )
        path = outdir / REDLINES / printable_redline_name(old_name, new_name)
        write_if_changed(path, render_html(redline, title=title).encode("utf-8"))
        written.append(path)
    return written
