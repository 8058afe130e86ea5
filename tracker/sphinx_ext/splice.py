"""The bill's page brought up to date by re-rendering only the sections whose text changed.

The page of the whole bill shows every section, so re-reading it costs as much as reading every
provision page together (hundreds of sections through every transform and the outline collector).
When an edit changed provisions' text and nothing else the page shows, the page's stored doctree
is patched instead: each changed section is rendered on its own, through the same directive code
and the same read transforms as the whole page, and replaces the old section in the stored
doctree; the page is then written as if it had been read.

The page is patched only when nothing but the changed sections can differ (:func:`plan`):

- the page's own stub is unchanged, and it is the bill's page of this build;
- every key the page recorded that changed (:mod:`.deps`) is ``package`` or a provision's text
  (``prov:<id>``): no number, title, subdivision or reference target the page shows changed;
- the ``front`` fingerprint is unchanged (every other file of the package, every provision's front
  matter and the bill's layout), as are ``layout``, ``law`` and ``law-page``;
- the stored doctree has every changed section once, and its separate table of contents agrees
  with whether a section's text now prints the table of contents itself.

Anything else, or any failure while patching, and the page is read again as before.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
from typing import Any

from docutils import nodes

from tracker.sphinx_ext import deps
from tracker.sphinx_ext.generate import GENERATED

BILL_DOC = f"{GENERATED}/bill"
DIRECTIVE = "bt-bill-sections"  # renders the named sections of the bill as the bill page does
#: keys whose change means more than the text of some sections changed (see the module's list)
_WHOLE = ("front", "layout", "law", "law-page")


def plan(
    env: Any,
    current: Mapping[str, str],
    outdated: set[str],
    sphinx_changed: Iterable[str],
) -> dict[str, tuple[str, ...]]:
    """The pages to patch instead of re-read, each with the provision ids of its sections to
    render again; empty when the bill's page must be read again (or need not be)."""
    if BILL_DOC not in outdated or BILL_DOC in set(sphinx_changed):
        return {}
    previous: Mapping[str, str] = env.__dict__.get(deps.PRINTS, {})
    if any(previous.get(key) != current.get(key) for key in _WHOLE):
        return {}
    recorded = env.__dict__.get(deps.DEPS, {}).get(BILL_DOC, set())
    changed = {key for key in recorded if previous.get(key) != current.get(key)}
    if not changed or any(key != "package" and not key.startswith("prov:") for key in changed):
        return {}
    ids = sorted(
        key.removeprefix("prov:")
        for key in set(previous) | set(current)
        if key.startswith("prov:") and previous.get(key) != current.get(key)
    )
    if any(previous.get(f"num:{pid}") != current.get(f"num:{pid}") for pid in ids):
        return {}
    return {BILL_DOC: tuple(ids)}


def patch(app: Any, docname: str, provision_ids: tuple[str, ...]) -> bool:
    """Re-render ``provision_ids``' sections into ``docname``'s stored doctree and store it for the
    write; False (nothing changed) when the page must be read again instead."""
    from tracker.sphinx_ext.pages.bill import has_own_toc
    from tracker.sphinx_ext.registry import site_state

    try:
        from sphinx.transforms import DoctreeReadEvent
        from sphinx.util import get_filetype
        from sphinx.util.docutils import _parse_str_to_doctree
    except ImportError:  # an older Sphinx: read the page again
        return False
    env = app.env
    state = site_state(env)
    shown = tuple(pid for pid in provision_ids if pid in state.compiled.by_id)
    try:
        doctree = env.get_doctree(docname)
    except (OSError, pickle.UnpicklingError, EOFError):
        return False
    old = _sections_by_id(doctree)
    if any(len(old.get(pid, ())) != 1 for pid in shown):
        return False
    if ("table-of-contents" in old) == has_own_toc(state.compiled):
        return False  # the separate table of contents comes or goes
    if not shown:
        return False  # a change the page does not show at all: let Sphinx decide as before
    saved = env.current_document
    keys = set(env.__dict__.get(deps.DEPS, {}).get(docname, set()))
    try:
        env.prepare_settings(docname)
        filename = env.doc2path(docname)
        filetype = get_filetype(app.config.source_suffix, filename)
        parser = app.registry.create_source_parser(filetype, config=app.config, env=env)
        fragment = _parse_str_to_doctree(
            f"# Sections\n\n```{{{DIRECTIVE}}} {' '.join(shown)}\n```\n",
            filename=filename,
            default_role=app.config.default_role,
            default_settings=env.settings,
            env=env,
            events=None,
            parser=parser,
            transforms=[t for t in app.registry.get_transforms() if t is not DoctreeReadEvent],
        )
    finally:
        env.current_document = saved
    new = _sections_by_id(fragment)
    if any(len(new.get(pid, ())) != 1 for pid in shown):
        deps.record(env, docname, *keys)
        return False
    for pid in shown:
        replacement = new[pid][0]
        replacement.parent.remove(replacement)
        replacement["classes"] = list(old[pid][0]["classes"])  # "bt-bill-text" where top-level
        old[pid][0].replace_self(replacement)
    deps.record(env, docname, *keys, *(f"prov:{pid}" for pid in provision_ids))
    from tracker.sphinx_ext.html import keep_text

    keep_text(env, docname, doctree)
    app.builder.write_doctree(docname, doctree, _cache=True)
    return True


def _sections_by_id(doctree: nodes.Node) -> dict[str, list[nodes.section]]:
    found: dict[str, list[nodes.section]] = {}
    for node in doctree.findall(nodes.section):
        for ident in node["ids"]:
            found.setdefault(ident, []).append(node)
    return found
