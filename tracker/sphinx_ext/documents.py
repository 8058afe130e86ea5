"""The documents that circulate, built with the site and linked from it.

At the end of an HTML build the bill's PDF (as the House prints it) and Word file, the
section-by-section analysis as a PDF, a PDF of every redline the site shows, and the comparative
print when the package amends existing law, are under ``_downloads/billtrack/`` in the output
folder. Each page that shows one of them (the home page, the bill, the analysis, each redline, the
changes in existing law) gets a "Download" line linking it. Nothing here prints: a document that
cannot be made is reported as a located warning.

A document is made again only when what it is made from changed: each names the dependency keys
of :attr:`~tracker.sphinx_ext.state.SiteState.fingerprints` it shows (the bill's text, only the
front matter, the drafts), and the fingerprint of those keys, the day printed on it and billtrack's
own code is recorded beside the doctrees. The documents to make are made in a forked process
while Sphinx reads and writes the pages (on systems without ``fork``, at the end of the build),
and the build waits for them before it finishes; ``billtrack build`` begins them before Sphinx
starts (:func:`start_documents`), so they are made while Sphinx loads its extensions too.
Documents of the site that no longer has them (a redline of a draft since removed) are deleted.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FOLDER = "_downloads/billtrack"
RECORD = "billtrack-documents.json"  # in the doctree folder: what each document was made from


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # the file name under FOLDER
    text: str  # the link text
    make: Callable[[], bytes]
    pages: tuple[str, ...]  # the pages that link it ("index" is the root document)
    keys: tuple[str, ...]  # the fingerprints of the model it shows


def setup_documents(app: Any) -> None:
    """Register the hooks (called from the extension's ``setup``)."""
    app.connect("builder-inited", _start_documents, priority=600)  # once the state is loaded
    app.connect("doctree-resolved", _link_documents)
    app.connect("build-finished", _write_documents, priority=400)  # before the state is dropped


def documents(state: Any) -> Iterator[Document]:
    """Every document of the site."""
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
    whole = ("package",)
    yield Document("bill.pdf", "The bill (PDF, as printed)", bill_pdf, home, whole)
    yield Document("bill.docx", "The bill (Word)", bill_docx, home, whole)
    # titles, summaries, what each section carries out and its status: no provision's text
    analysis = ("index", f"{GENERATED}/analysis")
    yield Document("analysis.pdf", "Section-by-section (PDF)", analysis_pdf, analysis, ("front",))
    if package.law and state.has_law_page:  # law/ to print, changed by the bill's instructions

        def law_pdf() -> bytes:
            from tracker.render.pdf_law import render_law_pdf

            return render_law_pdf(package, today=today)

        yield Document("law.pdf", "Changes in existing law (PDF)", law_pdf, ("index", LAW), whole)
    for old_name, new_name in redline_pairs(state):
        old = state.draft(old_name)
        new = None if new_name == CURRENT else state.draft(new_name)
        if old is None or (new is None and new_name != CURRENT):
            continue
        yield Document(
            f"redline-{old_name}--{new_name}.pdf",
            f"Redline {old_name} → {new_name} (PDF)",
            _redline_maker(state, old, new, old_name, new_name, today),
            (redline_docname(old_name, new_name),),
            ("drafts", *whole) if new is None else ("drafts",),
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


@functools.cache
def _code_print() -> str:
    """What the code that reads packages and prints documents is (billtrack's version, its
    ``adapters``, ``core``, ``render`` and ``templates``), so an upgrade makes every document again."""
    from tracker import __version__

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for folder in ("adapters", "core", "render", "templates"):
        for path in sorted((package / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(package).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _input_print(document: Document, prints: Any, today: dt.date) -> str:
    parts = [
        _code_print(),
        today.isoformat(),
        *(f"{key}={prints.get(key)}" for key in document.keys),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


#: Forked processes making the documents: the bill's PDF, the longest to make, has one to itself
#: when the bill's text changed (its Word file the other), and both end sooner than one would
PROCESSES = 2


@dataclass
class _Worker:
    """A forked process making some of the documents."""

    process: Any
    results: Any  # the parent's end of the pipe
    documents: list[Document]


@dataclass
class _Job:
    """The documents a build makes, and the processes making them (none: made at the end)."""

    folder: Path
    record: Path
    made: dict[str, str]  # name -> input fingerprint of every document of the site
    stale: list[Document]
    workers: list[_Worker] = field(default_factory=list)

    def join(self) -> None:
        """Wait for the processes making the documents (when Sphinx stopped before it did)."""
        for worker in self.workers:
            worker.process.join()


_JOBS: dict[int, _Job] = {}


def _start_documents(app: Any) -> None:
    """Find the documents whose inputs changed, and start making them beside the build (unless
    ``billtrack build`` started them already, before Sphinx)."""
    from tracker.sphinx_ext import package_root
    from tracker.sphinx_ext.registry import handed_over, site_state

    if app.builder.format != "html":
        return
    handed = handed_over(package_root(app))
    job = handed.documents if handed is not None else None
    if isinstance(job, _Job) and job.folder == Path(app.outdir) / FOLDER:
        _JOBS[id(app)] = job
        return
    _JOBS[id(app)] = start_documents(site_state(app.env), Path(app.outdir), Path(app.doctreedir))


def start_documents(state: Any, outdir: Path, doctreedir: Path) -> _Job:
    """Find the documents of the HTML site in ``outdir`` whose inputs changed since the record in
    ``doctreedir``, and start making them in a forked process (when that is safe; else they are
    made at the end of the build). The build finishing waits for them."""
    today = dt.date.today()
    folder = outdir / FOLDER
    record = doctreedir / RECORD
    try:
        before = json.loads(record.read_text("utf-8"))
    except (OSError, ValueError):
        before = {}
    if not isinstance(before, dict):
        before = {}
    made: dict[str, str] = {}
    stale: list[Document] = []
    for document in documents(state):
        made[document.name] = _input_print(document, state.fingerprints, today)
        if (
            before.get(document.name) != made[document.name]
            or not (folder / document.name).is_file()
        ):
            stale.append(document)
    job = _Job(folder=folder, record=record, made=made, stale=stale)
    if stale and _fork_is_safe():
        import multiprocessing

        context = multiprocessing.get_context("fork")
        count = min(len(stale), PROCESSES)
        for group in (stale[start::count] for start in range(count)):
            ours, theirs = context.Pipe(duplex=False)
            process = context.Process(target=_make_all, args=(group, folder, theirs), daemon=True)
            process.start()
            theirs.close()
            job.workers.append(_Worker(process=process, results=ours, documents=group))
    return job


def _fork_is_safe() -> bool:
    """Whether the documents may be made in a forked process: only from a process with one
    thread that has not used the PDF compiler yet. A fork copies a lock held by another thread
    (or typst's worker pool, which the child does not have) and the child waits forever; then the
    documents are made at the end of the build, in this process."""
    import sys
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1 and "typst" not in sys.modules


def _make_all(stale: list[Document], folder: Path, results: Any) -> None:
    """Make and write each document; send back (name, problem) pairs, problem None when made."""
    import gc

    gc.enable()  # the build may have paused the cycle collector while it loads (billtrack build)
    outcome: list[tuple[str, str | None, bool]] = []
    for document in stale:
        outcome.append(_make_one(document, folder))
    results.send(outcome)
    results.close()


def _make_one(document: Document, folder: Path) -> tuple[str, str | None, bool]:
    """(name, problem, whether the problem is a bug) for one document, written when made."""
    from tracker.core.errors import BilltrackError
    from tracker.sphinx_ext.outputs import write_if_changed

    try:
        write_if_changed(folder / document.name, document.make())
    except BilltrackError as exc:
        return document.name, exc.located(), False
    except Exception as exc:  # a bug: raised in the build, with the document named
        return document.name, f"{type(exc).__name__}: {exc}", True
    return document.name, None, False


def _write_documents(app: Any, exception: BaseException | None) -> None:
    from sphinx.util import logging

    from tracker.core.errors import BilltrackError

    job = _JOBS.pop(id(app), None)
    if job is None:
        return
    outcome: list[tuple[str, str | None, bool]] = []
    for worker in job.workers:
        try:
            outcome += worker.results.recv()
        except EOFError:
            outcome += [
                (d.name, "the process making the documents stopped", True) for d in worker.documents
            ]
        finally:
            worker.results.close()
            worker.process.join()
    if exception is not None:
        return
    if not job.workers:
        outcome = [_make_one(document, job.folder) for document in job.stale]
    logger = logging.getLogger("tracker.sphinx_ext")
    failed = set()
    for name, problem, bug in outcome:
        if problem is None:
            continue
        failed.add(name)
        if bug:
            raise BilltrackError(
                f"the document {name} could not be made: {problem}",
                hint="this is a bug in billtrack; please report it with this message",
            )
        logger.warning(f"{name}: {problem}", type="billtrack", subtype="documents")
    if job.folder.is_dir():
        for path in job.folder.iterdir():
            if path.is_file() and path.name not in job.made and path.suffix in (".pdf", ".docx"):
                path.unlink()  # a document of the site that no longer has it
    from tracker.sphinx_ext.outputs import write_if_changed

    kept = {name: made for name, made in job.made.items() if name not in failed}
    write_if_changed(job.record, json.dumps(kept, indent=1, sort_keys=True).encode("utf-8"))


def _link_documents(app: Any, doctree: Any, docname: str) -> None:
    """A "Download" line at the end of the first section of each page that has documents."""
    from docutils import nodes

    from tracker.sphinx_ext.registry import site_state

    if app.builder.format != "html":
        return
    root = app.config.root_doc
    links = [
        (document.name, document.text)
        for document in documents(site_state(app.env))
        if docname in tuple(root if page == "index" else page for page in document.pages)
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
    first = next(doctree.findall(nodes.section), None)  # not a walk of the whole page
    (first if first is not None else doctree).append(line)
