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
