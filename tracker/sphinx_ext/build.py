"""Build the site: the library call behind ``billtrack build`` (and the tests and benchmarks).

A package root with its own ``conf.py`` and ``docs/index.md`` (this repository) is built from them;
any other package is built with the same settings (:mod:`.settings`) and a home page of its own,
its sources generated under the output's parent directory.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tracker.core.errors import BilltrackError

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
) -> BuildResult:
    """Build (incrementally unless ``clean``) the site of the package at ``root`` into ``out``.

    Sphinx writes its progress to ``status`` and its warnings to ``warning`` (None: silent), in
    colour only when ``color``. With
    ``strict`` any warning fails the build (:class:`SiteBuildError`, after the whole build ran).
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.console import color_terminal, nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from tracker.sphinx_ext.settings import site_settings

    layout = site_layout(root, out)
    if not (color and color_terminal()):
        nocolor()
    if clean:
        for folder in (layout.outdir, layout.doctreedir):
            if folder.is_dir():
                shutil.rmtree(folder)
    overrides: dict[str, object] = {}
    if layout.confdir is None:
        _prepare_sources(layout)
        settings = site_settings(title=_title(layout.root))
        overrides.update(settings)
        overrides["billtrack_root"] = str(layout.root)
    counter = _Counter(warning)
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
            app.build(force_all=clean)
            code = app.statuscode
    except SphinxError as exc:
        raise SiteBuildError(
            f"the site could not be built: {exc}",
            hint="run 'billtrack check' for the package's problems; without --strict, warnings "
            "do not stop the build",
        ) from exc
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
    )


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


def _title(root: Path) -> str:
    from tracker.adapters.loader import load_package

    bill = load_package(root).bill
    return (bill.short_title or "Legislative package") if bill else "Legislative package"
