"""The site's HTML beyond what Sphinx writes by itself: accessible markup, the masthead, search.

- :class:`SiteTranslator` makes the theme's table wrapper (which scrolls a wide table on a narrow
  screen) a focusable, labelled region (``role="region"``, ``tabindex="0"``), makes code blocks focusable for the same reason, and
  gives the navigation's captions the heading level ``role="heading"`` requires;
- the nodes docutils lacks (:mod:`tracker.render.docutils_nodes`) become ``<details>``,
  ``<summary>``, ``<ins>`` and ``<del>``;
- :func:`page_context` gives every page the masthead (designation, Congress and session, stage)
  and the home page the build's stamp: the stamp is on one page, so a new commit rewrites one page,
  not every page;
- search: ``static/billtrack-scorer.js`` (``html_search_scorer``) ranks the current bill above the frozen drafts and redlines, and
  :func:`write_search_texts` writes the pages' text beside the index, so that from ``file://``
  (where browsers refuse ``fetch``) results still show their excerpt, with no failed request.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

from tracker.render.docutils_nodes import deleted, details, inserted, summary
from tracker.sphinx_ext import splice

SEARCH_TEXTS = "billtrack-search-texts.js"
TEXTS = "billtrack_texts"  # env attribute: docname -> the page's text, for search excerpts
TEXT_LIMIT = 20000  # characters of a page kept for its search excerpts


class SiteTranslator(HTML5Translator):
    """Sphinx's HTML5 writer with scrollable regions that keyboards reach and labelled captions."""

    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        self._kept_starts: list[tuple[str, int]] = []  # sections of the bill whose HTML is kept

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:
            for index in range(start, len(self.body)):
                if "<pre>" in self.body[index]:
                    self.body[index] = self.body[index].replace("<pre>", '<pre tabindex="0">', 1)
                    break

    def visit_section(self, node: nodes.section) -> None:
        """A section of the bill's page written as last time when :mod:`.splice` kept it."""
        sections = splice.writing(self.builder)
        ident = node["ids"][0] if node["ids"] else ""
        if sections is not None and splice.SECTION_CLASS in node["classes"] and ident:
            if ident in sections.reuse and ident in sections.old:
                sections.new[ident] = sections.old[ident]
                words = sections.old_words.get(ident) or splice.section_words(self.builder, node)
                if words is not None:
                    sections.new_words[ident] = words
                self.body.append(sections.old[ident])
                raise nodes.SkipNode
            self._kept_starts.append((ident, len(self.body)))
        super().visit_section(node)

    def depart_section(self, node: nodes.section) -> None:
        super().depart_section(node)
        sections = splice.writing(self.builder)
        ident = node["ids"][0] if node["ids"] else ""
        if sections is not None and self._kept_starts and self._kept_starts[-1][0] == ident:
            _ident, start = self._kept_starts.pop()
            sections.new[ident] = "".join(self.body[start:])
            words = splice.section_words(self.builder, node)
            if words is not None:
                sections.new_words[ident] = words

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            attributes = {"aria-level": "2"}
            self.body.append(
                self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **attributes)
            )
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
            return
        super().visit_title(node)


def visit_container(self: Any, node: nodes.container) -> None:
    """A container as a ``div``; the theme's table wrapper (which scrolls a wide table on a narrow
    screen) as a focusable region labelled by the table's title. Registered as the container's
    handler (over MyST's, whose ``is_div`` and ``style`` it keeps)."""
    classes = "docutils" if node.get("is_div", False) else "docutils container"
    attributes: dict[str, str] = {}
    if "style" in node:
        attributes["style"] = node["style"]
    if "table-wrapper" in node["classes"]:
        table = next(iter(node.findall(nodes.table)), None)
        attributes["role"] = "region"
        attributes["tabindex"] = "0"
        attributes["aria-label"] = f"Table: {_table_label(table)}" if table is not None else "Table"
    self.body.append(self.starttag(node, "div", CLASS=classes, **attributes))


def depart_container(self: Any, node: nodes.container) -> None:
    self.body.append("</div>\n")


def _table_label(node: nodes.table) -> str:
    """A table's own title, else the title of the section it is in."""
    for child in node.children:
        if isinstance(child, nodes.title):
            return child.astext()
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent.children:
            first = parent.children[0]
            if isinstance(first, nodes.title):
                return first.astext()
        parent = parent.parent
    return "data"


def _visit_tag(tag: str) -> Any:
    def visit(self: Any, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, ""))

    return visit


def _depart_tag(tag: str) -> Any:
    def depart(self: Any, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>")

    return depart


def register(app: Any) -> None:
    """The translator and the nodes' HTML (called from the extension's ``setup``)."""
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, SiteTranslator, override=True)
    for node, tag in (
        (details, "details"),
        (summary, "summary"),
        (inserted, "ins"),
        (deleted, "del"),
    ):
        app.add_node(node, html=(_visit_tag(tag), _depart_tag(tag)))
    app.add_node(nodes.container, override=True, html=(visit_container, depart_container))
    app.connect("doctree-read", _keep_text)
    app.connect("env-purge-doc", _purge_text)
    app.connect("env-merge-info", _merge_texts)
    app.connect("write-started", _restore_index_entries)
    app.connect("build-finished", _keep_index_entries)


# The masthead -----------------------------------------------------------------------------------


def page_context(app: Any, pagename: str, context: dict[str, Any]) -> None:
    from tracker.sphinx_ext.registry import site_state
    from tracker.sphinx_ext.state import masthead

    state = site_state(app.env)
    context["billtrack_masthead"] = masthead(state)
    context["billtrack_is_home"] = pagename == app.config.root_doc
    if pagename == "search":
        script = _search_texts_script(Path(app.outdir))
        context["script_files"] = [*context.get("script_files", ()), script]


# Search -----------------------------------------------------------------------------------------


def _keep_text(app: Any, doctree: nodes.document) -> None:
    keep_text(app.env, app.env.docname, doctree)


def keep_text(env: Any, docname: str, doctree: nodes.Node) -> None:
    """Keep the page's text for its search excerpts (also after :mod:`.splice` patched it)."""
    text = " ".join(doctree.astext().split())
    env.__dict__.setdefault(TEXTS, {})[docname] = text[:TEXT_LIMIT]


def _purge_text(app: Any, env: Any, docname: str) -> None:
    env.__dict__.setdefault(TEXTS, {}).pop(docname, None)


def _merge_texts(app: Any, env: Any, docnames: Any, other: Any) -> None:
    theirs = other.__dict__.get(TEXTS, {})
    ours = env.__dict__.setdefault(TEXTS, {})
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def write_search_texts(env: Any, outdir: Path) -> Path:
    """``_static/billtrack-search-texts.js``: each page's text, for excerpts without ``fetch``.

    Written once every page is read (``env-updated``), before the search page that loads it."""
    from tracker.sphinx_ext.outputs import write_if_changed

    texts = {doc: text for doc, text in sorted(env.__dict__.get(TEXTS, {}).items())}
    data = "window.BILLTRACK_SEARCH_TEXTS = " + json.dumps(texts, ensure_ascii=True) + ";\n"
    path = outdir / "_static" / SEARCH_TEXTS
    write_if_changed(path, data.encode("ascii"))
    return path


class _Script(str):
    """A script of the page as Sphinx writes one given by its path alone (``<script src>``),
    sorted among the others as :meth:`Sphinx.add_js_file`'s default priority would sort it."""

    priority = 500


def _search_texts_script(outdir: Path) -> _Script:
    """The search texts' script, its checksum in its address as Sphinx puts one on its own files
    (``?v=``), so a browser never shows excerpts from a copy it kept of an older build.

    The checksum is of the file as written by this build: Sphinx's own (``add_js_file``) was taken
    whenever the file was there, so a clean build's search page (written before the file was) had
    none and a rebuild's had one, and Sphinx keeps a file's checksum for the life of the process."""
    import zlib

    try:
        data = (outdir / "_static" / SEARCH_TEXTS).read_bytes().translate(None, b"\r")
    except OSError:
        return _Script(f"_static/{SEARCH_TEXTS}")
    return _Script(f"_static/{SEARCH_TEXTS}?v={zlib.crc32(data):08x}")


# The index entries of the search index ----------------------------------------------------------
#
# Sphinx's search index lists the entries of each page's index directives (the command reference's
# options, say). A rebuild loads the index it wrote last time for the pages it does not write, but
# not their entries (Sphinx 9 reads them back from the environment, which is stored before any page
# is written, so it never holds them): a rebuild that did not write the command reference dropped
# its options from ``searchindex.js``. The entries of every page are kept beside the doctrees after
# each build and given back, for the pages not written, when Sphinx loads its index, in the order a
# clean build feeds them (the pages' names sorted).

INDEX_ENTRIES = "billtrack-index-entries.pickle"  # in the doctree folder: {docname: entries}


def _restore_index_entries(app: Any, builder: Any) -> None:
    load_indexer = getattr(builder, "load_indexer", None)
    if builder.format != "html" or load_indexer is None:
        return
    path = Path(app.doctreedir) / INDEX_ENTRIES

    def load_with_entries(docnames: Any) -> None:
        load_indexer(docnames)
        entries = getattr(builder.indexer, "_index_entries", None)
        if not isinstance(entries, dict):
            return
        try:
            kept = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            kept = {}
        if not isinstance(kept, dict):
            kept = {}
        written = set(docnames)
        restored = {}
        for docname in sorted(app.env.all_docs):
            if docname in written:
                restored[docname] = []  # fed when written, in its place
            elif docname in kept:
                restored[docname] = list(kept[docname])
        entries.clear()
        entries.update(restored)

    builder.load_indexer = load_with_entries


def _keep_index_entries(app: Any, exception: BaseException | None) -> None:
    from tracker.sphinx_ext.outputs import write_if_changed

    entries = getattr(getattr(app.builder, "indexer", None), "_index_entries", None)
    if exception is not None or not isinstance(entries, dict):
        return
    kept = {docname: list(found) for docname, found in sorted(entries.items()) if found}
    path = Path(app.doctreedir) / INDEX_ENTRIES
    write_if_changed(path, pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))
