"""Build the site: the library call behind ``billtrack build`` (and the tests and benchmarks).

A package root with its own ``conf.py`` and ``docs/index.md`` (this repository) is built from them;
any other package is built with the same settings (:mod:`.settings`) and a home page of its own,
its sources generated under the output's parent directory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tracker.adapters.output_folder import OutputFolder, prepare_output_folders
from tracker.core.errors import BilltrackError, WriteError
from tracker.core.model import Package

DEFAULT_OUT = "_build/html"
DEFAULT_INDEX = Path(__file__).resolve().parent.parent / "templates" / "site" / "index.md"


class SiteBuildError(BilltrackError):
    """Sphinx could not build the site (a broken configuration, or warnings with --strict)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteLayout:
    root: Path
    confdir: Path | None
    srcdir: Path
    outdir: Path
    doctreedir: Path


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildResult:
    outdir: Path
    index: Path
    warnings: int
    status: int
    pages: int = 0  # documents in the site
    read: int = 0  # documents (re-)read by this build
    read_pages: tuple[str, ...] = ()  # their names (``_generated/bill``, ...)
    patched_pages: tuple[str, ...] = ()  # brought up to date without a read (see .splice)
    written: int = 0  # HTML pages written by this build
    seconds: float = 0.0


#: Called with one line per phase of a build ("Reading 45 pages", ...); None: silent.
Progress = Callable[[str], None]


def site_layout(root: Path, out: Path | None = None) -> SiteLayout:
    root = root.resolve()
    outdir = (out or root / DEFAULT_OUT).resolve()
    doctreedir = outdir.parent / f".{outdir.name}-doctrees"
    if (root / "conf.py").is_file() and (root / "docs" / "index.md").is_file():
        return SiteLayout(
            root=root,
            confdir=root,
            srcdir=root / "docs",
            outdir=outdir,
            doctreedir=doctreedir,
        )
    srcdir = outdir.parent / f".{outdir.name}-sources"
    return SiteLayout(root=root, confdir=None, srcdir=srcdir, outdir=outdir, doctreedir=doctreedir)


def build_site(
    root: Path,
    out: Path | None = None,
    *,
    strict: bool = False,
    clean: bool = False,
    parallel: int = 1,
    status: IO[str] | None = None,
    warning: IO[str] | None = None,
    color: bool = False,
    progress: Progress | None = None,
    loaded: Callable[[], None] | None = None,
) -> BuildResult:
    """Build (incrementally unless ``clean``) the site of the package at ``root`` into ``out``.

    Sphinx writes its own log to ``status`` and its warnings to ``warning`` (None: silent), in
    colour only when ``color``; ``progress`` gets one line per phase (loading the package, reading,
    writing), and the result counts pages, pages read and written, and the time taken;
    ``loaded`` is called once Sphinx has loaded its settings, extensions and environment, before it
    reads a page. With
    ``strict`` any warning fails the build (:class:`SiteBuildError`, after the whole build ran).
    """
    from tracker.sphinx_ext.documents import start_documents
    from tracker.sphinx_ext.registry import HandedOver, hand_over
    from tracker.sphinx_ext.settings import site_settings
    from tracker.sphinx_ext.state import load_state

    layout = site_layout(root, out)
    checked: list[Package] = []
    prepare_output_folders(
        output_folders(layout),
        root=layout.root,
        clean=clean,
        before_writing=lambda: checked.append(require_buildable(layout.root)),
    )
    package = next((p for p in checked if isinstance(p, Package)), None)  # None: load it again
    overrides: dict[str, object] = {}
    if layout.confdir is None:
        _prepare_sources(layout)
        settings = site_settings(title=_title(layout.root, package))
        overrides.update(settings)
        overrides["billtrack_root"] = str(layout.root)
    counter = _Counter(warning)
    started = time.monotonic()
    tally = _Tally(progress)
    tally.say("Loading the package and the configuration")
    handed = None
    if package is not None:  # the extension builds from it, not from a second load, and the
        state = load_state(layout.root, package=package)  # documents are begun before Sphinx
        handed = HandedOver(state, start_documents(state, layout.outdir, layout.doctreedir))
    hand_over(layout.root, handed)
    # Sphinx is imported once the documents are begun: the forked process making them does not
    # wait for the imports it has no use for.
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.console import color_terminal, nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    if not (color and color_terminal()):
        nocolor()
    try:
        with patch_docutils(layout.confdir), docutils_namespace():
            app = Sphinx(
                srcdir=layout.srcdir,
                confdir=layout.confdir,
                outdir=layout.outdir,
                doctreedir=layout.doctreedir,
                buildername="html",
                confoverrides=overrides,
                status=status,
                warning=counter,
                freshenv=clean,
                warningiserror=strict,
                parallel=parallel,
                keep_going=True,
            )
            tally.connect(app)
            if loaded is not None:
                loaded()
            app.build(force_all=clean)
            code = app.statuscode
            pages = len(app.env.found_docs)
    except SphinxError as exc:
        raise translate_sphinx_error(exc, layout) from exc
    except OSError as exc:
        raise WriteError(
            f"could not write the site ({exc.strerror or exc}: {exc.filename or layout.outdir})",
            path=str(layout.outdir),
            hint="free some space or fix the permissions of the output folder, then build again",
        ) from exc
    finally:
        hand_over(layout.root, None)
        if handed is not None and handed.documents is not None:
            handed.documents.join()  # when Sphinx stopped before it waited for them
    if code and strict:
        raise SiteBuildError(
            f"the site was built with {counter.count} warning(s), which --strict refuses",
            hint="fix what the warnings name (the same codes as 'billtrack check'), or build "
            "without --strict",
        )
    return BuildResult(
        outdir=layout.outdir,
        index=layout.outdir / "index.html",
        warnings=counter.count,
        status=code,
        pages=pages,
        read=len(tally.read),
        read_pages=tuple(tally.read),
        patched_pages=tally.patched,
        written=tally.written,
        seconds=time.monotonic() - started,
    )


class _Tally:
    """Counts what a build reads and writes, and reports each phase once to ``progress``."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.read: list[str] = []
        self.patched: tuple[str, ...] = ()
        self.written = 0

    def say(self, line: str) -> None:
        if self.progress is not None:
            self.progress(line)

    def connect(self, app: Any) -> None:
        app.connect("env-before-read-docs", self._before_read)
        app.connect("env-updated", self._updated, priority=900)
        app.connect("write-started", self._write_started)
        app.connect("html-page-context", self._page_written)

    def _before_read(self, app: Any, env: Any, docnames: list[str]) -> None:
        self.read = list(docnames)
        if docnames:
            self.say(f"Reading {len(docnames)} of {len(env.found_docs)} pages")
        else:
            self.say(f"Reading: all {len(env.found_docs)} pages are up to date")

    def _updated(self, app: Any, env: Any) -> list[str]:
        from tracker.sphinx_ext import patched_pages

        self.patched = patched_pages(app)
        return []

    def _write_started(self, app: Any, builder: Any) -> None:
        self.say("Writing pages, the search index, the charts and the documents")

    def _page_written(self, *args: Any) -> None:
        self.written += 1


def require_buildable(root: Path) -> Package:
    """Refuse, before anything is written, a package the site could only show with parts missing;
    return the package as loaded.

    Errors the site shows in place (a broken reference, say) do not stop the build; they are
    warnings in its log and ``--strict`` fails on them. Any other error does (see
    :data:`tracker.core.checks.SHOWN_IN_PLACE`): a file that did not parse, a conflict, a file
    refused or missing, a path outside the package.
    """
    from tracker.adapters.loader import validate_root
    from tracker.core.checks import blocking_errors
    from tracker.core.errors import InvalidPackageError

    package, findings = validate_root(root)
    blocking = blocking_errors(findings)
    if blocking:
        raise InvalidPackageError(blocking, action="build the site again")
    return package


def output_folders(layout: SiteLayout) -> list[OutputFolder]:
    """The folders a build writes (site, doctrees, generated sources), each billtrack's own."""
    default = layout.outdir == layout.root / DEFAULT_OUT
    folders = [
        OutputFolder(path=layout.outdir, signature=".buildinfo", default=default),
        OutputFolder(path=layout.doctreedir, signature="environment.pickle", default=default),
    ]
    if layout.confdir is None:
        folders.append(OutputFolder(path=layout.srcdir, signature="index.md", default=default))
    return folders


def translate_sphinx_error(exc: Exception, layout: SiteLayout) -> BilltrackError:
    """One message with the right next step for an error Sphinx raised, without its internals.

    An error billtrack's own extension raised (located, with its hint) is returned as it was.
    """
    from sphinx.errors import ConfigError, ExtensionError, SphinxParallelError

    cause = getattr(exc, "orig_exc", None) or exc.__cause__
    if isinstance(cause, BilltrackError):
        return cause
    if isinstance(exc, ConfigError):
        where = str(layout.confdir / "conf.py") if layout.confdir else None
        return SiteBuildError(
            f"the site's configuration is broken: {_first_line(exc)}",
            path=where,
            hint=f"fix {where}"
            if where
            else "this is a bug in billtrack's site settings; please report it with this message",
        )
    if isinstance(exc, ExtensionError) and "Could not import extension" in str(exc):
        where = str(layout.confdir / "conf.py") if layout.confdir else None
        return SiteBuildError(
            f"an extension the configuration lists cannot be imported: {cause or _first_line(exc)}",
            path=where,
            hint="install it, or remove it from 'extensions' in conf.py",
        )
    if isinstance(exc, SphinxParallelError):
        return SiteBuildError(
            f"a parallel build process failed: {_last_line(exc)}",
            hint="build again with -j 1 to see the error itself",
        )
    detail = f"{type(cause).__name__}: {cause}" if cause is not None else _first_line(exc)
    what = "an extension failed" if isinstance(exc, ExtensionError) else str(exc.category)
    return SiteBuildError(
        f"the site could not be built ({what}): {detail}",
        hint="run 'billtrack check' and fix what it reports; if it reports nothing, this is a "
        "bug in billtrack: please report it with this message",
    )


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "message", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _last_line(exc: Exception) -> str:
    lines = [line for line in str(exc).strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else type(exc).__name__


class _Counter:
    """A warning stream that counts the warnings Sphinx writes to it."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.count = 0

    def write(self, text: str) -> int:
        if "WARNING" in text or "ERROR" in text:
            self.count += text.count("WARNING:") + text.count("ERROR:") or 1
        if self.stream is not None:
            return self.stream.write(text)
        return len(text)

    def flush(self) -> None:
        if self.stream is not None:
            self.stream.flush()


def _prepare_sources(layout: SiteLayout) -> None:
    layout.srcdir.mkdir(parents=True, exist_ok=True)
    index = layout.srcdir / "index.md"
    data = DEFAULT_INDEX.read_bytes()
    if not index.is_file() or index.read_bytes() != data:
        index.write_bytes(data)


def _title(root: Path, package: Package | None) -> str:
    from tracker.adapters.loader import load_package

    bill = (package or load_package(root)).bill
    return (bill.short_title or "Legislative package") if bill else "Legislative package"
