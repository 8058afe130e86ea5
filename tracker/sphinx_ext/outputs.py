"""Files the build writes beside the pages: the coverage chart and ``manifest.json``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tracker.render.coverage_svg import CoverageBar, coverage_svg
from tracker.sphinx_ext import reports
from tracker.sphinx_ext.state import SiteState

MANIFEST = "manifest.json"


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def coverage_chart(state: SiteState) -> str:
    order = state.package.order
    title = "Coverage of the Order's directives"
    if order is not None and order.document.number:
        title = f"Coverage of {order.document.kind} {order.document.number}"
    bars = [
        CoverageBar(label=label, covered=c, in_progress=p, uncovered=u)
        for label, c, p, u in reports.coverage_bars(state.package)
    ]
    return coverage_svg(bars, title=title)


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
