"""The documents that circulate, built with the site and linked from it.

At the end of an HTML build the bill's PDF (as the House prints it) and Word file, the
section-by-section analysis as a PDF, a PDF of every redline the site shows, and the comparative
print when the package amends existing law, are written under ``_downloads/billtrack/`` in the
output folder (only when their bytes changed). Each page that shows one of them (the home page,
the bill, the analysis, each redline, the changes in existing law) gets a "Download" line linking
it. Nothing here prints: a document that cannot be made is reported as a located warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

FOLDER = "_downloads/billtrack"


def setup_documents(app: Any) -> None:
    """Register the hooks (called from the extension's ``setup``)."""
    app.connect("doctree-resolved", _link_documents)
    app.connect("build-finished", _write_documents, priority=400)  # before the state is dropped


def documents(state: Any) -> Iterator[tuple[str, str, Callable[[], bytes], tuple[str, ...]]]:
    """(file name, link text, maker, pages that link it) for every document of the site."""
    from tracker.sphinx_ext.generate import CURRENT, GENERATED, LAW, redline_docname, redline_pairs

    today = dt.date.today()
    package = state.package

    def bill_pdf() -> bytes:
        from tracker.render.pdf_bill import render_bill_pdf

        return render_bill_pdf(package, today=today)

    def bill_docx() -> bytes:
        from tracker.render.docx_bill import render_bill_docx

        return render_bill_docx(package, today=today)

    def analysis_pdf() -> bytes:
        from tracker.render.pdf_analysis import render_analysis_pdf

        return render_analysis_pdf(package, today=today)

    home = ("index", f"{GENERATED}/bill")
    yield "bill.pdf", "The bill (PDF, as printed)", bill_pdf, home
    yield "bill.docx", "The bill (Word)", bill_docx, home
    yield (
        "analysis.pdf",
        "Section-by-section (PDF)",
        analysis_pdf,
        ("index", f"{GENERATED}/analysis"),
    )
    if package.law and state.has_law_page:  # law/ to print, changed by the bill's instructions

        def law_pdf() -> bytes:
            from tracker.render.pdf_law import render_law_pdf

            return render_law_pdf(package, today=today)

        yield "law.pdf", "Changes in existing law (PDF)", law_pdf, ("index", LAW)
    for old_name, new_name in redline_pairs(state):
        old = state.draft(old_name)
        new = None if new_name == CURRENT else state.draft(new_name)
        if old is None or (new is None and new_name != CURRENT):
            continue
        yield (
            f"redline-{old_name}--{new_name}.pdf",
            f"Redline {old_name} → {new_name} (PDF)",
            _redline_maker(state, old, new, old_name, new_name, today),
            (redline_docname(old_name, new_name),),
        )


def _redline_maker(
    state: Any, old: Any, new: Any, old_name: str, new_name: str, today: dt.date
) -> Callable[[], bytes]:
    def make() -> bytes:
        from tracker.render.pdf_redline import render_redline_pdf
        from tracker.sphinx_ext import reports

        redline = reports.redline_between(
            old.package, state.package if new is None else new.package, old_name, new_name
        )
        return render_redline_pdf(redline.for_display(), today=today)

    return make


def _write_documents(app: Any, exception: BaseException | None) -> None:
    from sphinx.util import logging

    from tracker.core.errors import BilltrackError
    from tracker.sphinx_ext.outputs import write_if_changed
    from tracker.sphinx_ext.registry import site_state

    if exception is not None or app.builder.format != "html":
        return
    logger = logging.getLogger("tracker.sphinx_ext")
    folder = Path(app.outdir) / FOLDER
    for name, _, make, _ in documents(site_state(app.env)):
        try:
            write_if_changed(folder / name, make())
        except BilltrackError as exc:
            logger.warning(f"{name}: {exc.located()}", type="billtrack", subtype="documents")


def _link_documents(app: Any, doctree: Any, docname: str) -> None:
    """A "Download" line at the end of the first section of each page that has documents."""
    from docutils import nodes

    from tracker.sphinx_ext.registry import site_state

    if app.builder.format != "html":
        return
    root = app.config.root_doc
    links = [
        (name, text)
        for name, text, _, pages in documents(site_state(app.env))
        if docname in tuple(root if page == "index" else page for page in pages)
    ]
    if not links:
        return
    up = "../" * docname.count("/")
    line = nodes.paragraph(classes=["bt-downloads"])
    line += nodes.strong(text="Download: ")
    for index, (name, text) in enumerate(links):
        if index:
            line += nodes.Text(" · ")
        line += nodes.reference(text, text, refuri=f"{up}{FOLDER}/{name}", internal=False)
    sections = list(doctree.findall(nodes.section))
    (sections[0] if sections else doctree).append(line)
