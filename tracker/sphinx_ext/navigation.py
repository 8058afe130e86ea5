"""The sidebar's navigation, drawn without copying every page's outline for every page written.

The theme draws the sidebar on each page it writes from ``toctree(titles_only=True, ...)``. Sphinx
answers by copying the whole outline of every page in the navigation (the bill's and the analysis's
name every section: hundreds of entries) and then dropping all but each page's title. For such a
call the outlines are handed to Sphinx with what it would drop already dropped: an entry of an
outline that holds no ``toctree`` keeps its title alone, as Sphinx's ``titles_only`` leaves it.
The sidebar is the same HTML; writing one page no longer costs a copy of the whole bill's outline.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes

_OUTLINES: dict[int, tuple[Any, _TitlesOnly]] = {}


def register(app: Any) -> None:
    """Connect the hooks (called from the extension's ``setup``)."""
    app.connect("write-started", _start_writing)
    app.connect("html-page-context", _titles_only_toctree, priority=400)  # before the theme's
    app.connect("build-finished", _finish)


class _TitlesOnly(dict[str, Any]):
    """The outlines of the pages (``env.tocs``) cut to what ``titles_only`` keeps, cut on demand."""

    def __init__(self, tocs: dict[str, Any]) -> None:
        super().__init__()
        self.tocs = tocs

    def __missing__(self, docname: str) -> Any:
        outline = titles_only(self.tocs[docname])  # a KeyError for an unknown page, as before
        self[docname] = outline
        return outline


def titles_only(toc: nodes.Node) -> nodes.Node:
    """A copy of an outline whose top-level entries without a ``toctree`` below them are their
    title alone: what Sphinx's ``titles_only`` keeps of them (the entry's first child)."""
    if not isinstance(toc, nodes.bullet_list):
        return toc.deepcopy()
    outline = toc.copy()
    for entry in toc.children:
        if (
            isinstance(entry, nodes.list_item)
            and len(entry) == 2
            and next(iter(entry.findall(addnodes.toctree)), None) is None
        ):
            short = entry.copy()
            short += entry[0].deepcopy()
            outline += short
        else:
            outline += entry.deepcopy()
    return outline


def _start_writing(app: Any, builder: Any) -> None:
    _OUTLINES[id(app)] = (app, _TitlesOnly(app.env.tocs))


def _finish(app: Any, exception: BaseException | None) -> None:
    _OUTLINES.pop(id(app), None)


def _titles_only_toctree(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    toctree = context.get("toctree")
    held = _OUTLINES.get(id(app))
    if toctree is None or held is None or held[0] is not app:
        return
    env, outlines = app.env, held[1]

    def titles_only_toctree(**kwargs: Any) -> Any:
        if not kwargs.get("titles_only"):
            return toctree(**kwargs)
        tocs = env.tocs
        env.tocs = outlines
        try:
            return toctree(**kwargs)
        finally:
            env.tocs = tocs

    context["toctree"] = titles_only_toctree
