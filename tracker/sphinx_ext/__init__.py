"""The Sphinx extension behind the legislative package site.

``setup()`` only registers. At ``builder-inited`` the package is loaded through the one loader
(``tracker.adapters.loader``), the page stubs are (re)written into ``<srcdir>/_generated`` and every
finding of ``billtrack check`` becomes a located warning with the same code
(``path:line: WARNING: error BT301: ... [billtrack.BT301]``, suppressible with
``suppress_warnings = ["billtrack.BT301"]``). Pages are rendered by the directives of
:mod:`tracker.sphinx_ext.pages`, a module per page family; :mod:`tracker.sphinx_ext.deps` marks the
pages whose numbers or titles changed as outdated on incremental builds;
:mod:`tracker.sphinx_ext.safety` keeps raw HTML inert.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from tracker import __version__

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE_DIR / "templates"
STATIC = PACKAGE_DIR / "static"

_REVISIONS: dict[int, Any] = {}
_REMOVED: dict[int, set[str]] = {}  # the pages gone since the last build (a deleted provision's)
_PATCHED: dict[int, list[str]] = {}  # the pages patched instead of re-read (.splice)


def setup(app: Any) -> dict[str, Any]:
    from tracker.sphinx_ext.domain import BilltrackDomain
    from tracker.sphinx_ext.html import register as register_html
    from tracker.sphinx_ext.pages import DIRECTIVES, SecRole
    from tracker.sphinx_ext.safety import NeutraliseRaw, RefuseOutsideFiles, refuse_outside_sources

    app.add_config_value("billtrack_root", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("billtrack_build_id", "", "html", types=frozenset({str}))
    app.add_domain(BilltrackDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_role("sec", SecRole())
    app.add_transform(NeutraliseRaw)
    app.add_transform(RefuseOutsideFiles)
    app.connect("source-read", refuse_outside_sources)
    app.add_css_file("billtrack.css")
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("env-get-outdated", _env_get_outdated)
    app.connect("env-purge-doc", _env_purge_doc)
    app.connect("env-merge-info", _env_merge_info)
    app.connect("env-updated", _env_updated)
    app.connect("html-page-context", _html_page_context)
    app.connect("doctree-read", add_law_to_navigation, priority=400)  # before the toctree collector
    app.connect("doctree-read", _record_page_chrome, priority=400)
    app.connect("build-finished", _build_finished)
    register_html(app)  # accessible markup, redline marks, search texts (tracker.sphinx_ext.html)
    from tracker.sphinx_ext.navigation import register as register_navigation

    register_navigation(app)  # the sidebar without a copy of every page's outline per page
    from tracker.sphinx_ext.documents import setup_documents

    setup_documents(app)  # the bill, analysis, redlines and law as PDF and Word, linked
    from tracker.sphinx_ext.splice import register as register_splice

    register_splice(app)  # the bill's page patched after a text edit, its sections' HTML kept
    return {
        "version": __version__,
        "env_version": code_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


@functools.cache
def code_version() -> int:
    """A number that changes with the code that renders pages, so an upgrade re-reads every page."""
    import hashlib

    digest = hashlib.sha256(__version__.encode())
    for folder in (Path(__file__).parent, PACKAGE_DIR / "render"):
        for path in sorted(folder.rglob("*.py")):  # with the page modules in sphinx_ext/pages/
            digest.update(path.read_bytes())
    return int(digest.hexdigest()[:8], 16)


def package_root(app: Any) -> Path:
    from tracker.adapters.loader import find_root

    configured = app.config.billtrack_root
    if configured:
        return find_root(Path(app.confdir or app.srcdir, configured).resolve())
    return find_root(Path(app.confdir or app.srcdir).resolve())


def _config_inited(app: Any, config: Any) -> None:
    from tracker.adapters.git_repo import build_revision
    from tracker.sphinx_ext.registry import handed_over

    root = package_root(app)
    handed = handed_over(root)
    revision = handed.state.revision if handed is not None else build_revision(root)
    _REVISIONS[id(app)] = revision
    # The build's stamp is on the home page only (the "stamp" fingerprint re-reads it), so a new
    # commit rewrites one page; billtrack_build_id stays a setting for configurations that set it.
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def _builder_inited(app: Any) -> None:
    from sphinx.util import logging

    from tracker.sphinx_ext.generate import GENERATED, write_stubs
    from tracker.sphinx_ext.outputs import chart_files, write_if_changed
    from tracker.sphinx_ext.registry import handed_over, set_site_state
    from tracker.sphinx_ext.state import load_state

    _keep_compiled_templates(app)
    root = package_root(app)
    handed = handed_over(root)
    if handed is not None:
        state = handed.state
    else:
        state = load_state(root, revision=_REVISIONS.get(id(app)))
    set_site_state(app.env, state)
    srcdir = Path(app.srcdir)
    write_stubs(state, srcdir)
    for name, svg in chart_files(state).items():
        write_if_changed(srcdir / GENERATED / name, svg.encode("utf-8"))
    logger = logging.getLogger("tracker.sphinx_ext")
    for finding in state.package.findings:
        location = f"{root / finding.path}:{finding.line or ''}"
        message = f"{finding.severity} {finding.code}: {finding.message}"
        if finding.hint:
            message += f" (hint: {finding.hint})"
        logger.warning(message, location=location, type="billtrack", subtype=finding.code)


def _keep_compiled_templates(app: Any) -> None:
    """Keep the theme's templates compiled beside the doctrees (Jinja's bytecode cache, checked
    against each template's source), so a rebuild does not compile them again: a tenth of a
    second of every rebuild. The pages are the same."""
    from jinja2 import FileSystemBytecodeCache

    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    folder = Path(app.doctreedir) / "billtrack-templates"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _record_page_chrome(app: Any, doctree: Any) -> None:
    """Every page shows the masthead, so a page is re-read when it changes; the home page also
    shows the build's stamp."""
    from tracker.sphinx_ext import deps

    env = app.env
    deps.record(env, env.docname, "masthead")
    if env.docname == app.config.root_doc:
        deps.record(env, env.docname, "stamp")


def add_law_to_navigation(app: Any, doctree: Any) -> None:
    """Put the "Changes in existing law" page in the package's navigation, after the analysis (or
    last), when the site has it: the root document's toctree that lists the bill gets the entry.
    The root document depends on ``law-page``, so it is re-read when the page comes or goes."""
    from sphinx import addnodes

    from tracker.sphinx_ext import deps
    from tracker.sphinx_ext.generate import GENERATED, LAW
    from tracker.sphinx_ext.registry import site_state

    env = app.env
    if env.docname != app.config.root_doc:
        return
    deps.record(env, env.docname, "law-page")
    if not site_state(env).has_law_page:
        return
    for toctree in doctree.findall(addnodes.toctree):
        docnames = [docname for _title, docname in toctree["entries"]]
        if f"{GENERATED}/bill" not in docnames or LAW in docnames:
            continue
        after = f"{GENERATED}/analysis"
        place = docnames.index(after) + 1 if after in docnames else len(docnames)
        toctree["entries"].insert(place, (None, LAW))
        toctree["includefiles"].insert(place, LAW)
        return


def _env_get_outdated(
    app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    from tracker.sphinx_ext import deps, splice
    from tracker.sphinx_ext.registry import site_state

    _REMOVED[id(app)] = set(removed)
    current = dict(site_state(env).fingerprints)
    outdated = deps.outdated(env, current) - removed
    patched = []
    plans = splice.plan(env, current, outdated, added | changed)
    for docname, ids in plans.items():
        if splice.patch(app, docname, ids):
            outdated.discard(docname)
            patched.append(docname)
    _PATCHED[id(app)] = patched
    splice.note_patched(env, {d: ids for d, ids in plans.items() if d in patched})
    return sorted(outdated)


def _env_purge_doc(app: Any, env: Any, docname: str) -> None:
    from tracker.sphinx_ext import deps

    deps.purge(env, docname)


def _env_merge_info(app: Any, env: Any, docnames: Any, other: Any) -> None:
    from tracker.sphinx_ext import deps

    deps.merge(env, docnames, other)


def _env_updated(app: Any, env: Any) -> list[str]:
    from tracker.sphinx_ext import deps
    from tracker.sphinx_ext.registry import site_state

    deps.store(env, dict(site_state(env).fingerprints))
    if app.builder.format == "html":  # before the search page, which loads it
        from tracker.sphinx_ext.html import write_search_texts

        write_search_texts(env, Path(app.outdir))
    return list(_PATCHED.get(id(app), []))  # written as if they had been read


def patched_pages(app: Any) -> tuple[str, ...]:
    """The pages this build patched instead of reading them again (:mod:`.splice`)."""
    return tuple(_PATCHED.get(id(app), ()))


def _html_page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    from tracker.sphinx_ext.html import page_context
    from tracker.sphinx_ext.registry import site_state

    revision = site_state(app.env).revision
    context["billtrack_build"] = revision.describe()
    context["billtrack_commit"] = revision.commit or ""
    context["billtrack_dirty"] = revision.dirty
    page_context(app, pagename, context)


def _build_finished(app: Any, exception: BaseException | None) -> None:
    from tracker.sphinx_ext.outputs import write_manifest, write_printable_redlines
    from tracker.sphinx_ext.registry import drop_site_state, site_state

    try:
        if exception is None and app.builder.format == "html":
            write_manifest(site_state(app.env), Path(app.outdir))
            write_printable_redlines(site_state(app.env), Path(app.outdir))
            _delete_removed_pages(app, _REMOVED.get(id(app), set()))
    finally:
        drop_site_state(app.env)
        _REVISIONS.pop(id(app), None)
        _REMOVED.pop(id(app), None)
        _PATCHED.pop(id(app), None)


def _delete_removed_pages(app: Any, removed: set[str]) -> None:
    """Delete the HTML of the generated pages that are gone (a deleted provision's, a removed
    draft's), which Sphinx leaves behind, so the site never serves a page the package lost."""
    from tracker.sphinx_ext.generate import GENERATED

    outdir = Path(app.outdir)
    for docname in removed:
        if docname.startswith(f"{GENERATED}/"):
            (outdir / f"{docname}{app.builder.out_suffix}").unlink(missing_ok=True)
