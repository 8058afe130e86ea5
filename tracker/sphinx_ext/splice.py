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

import hashlib
import pickle
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

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
    try:  # not env.get_doctree: it keeps the bytes, which a page read after all must not reuse
        doctree = _unpickled((Path(env.doctreedir) / f"{docname}.doctree").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
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
        for node in replacement.findall():  # of the page now, not of the fragment (which holds
            node.document = doctree  # the environment: pickled with the page, it grew each time)
    deps.record(env, docname, *keys, *(f"prov:{pid}" for pid in provision_ids))
    from tracker.sphinx_ext.html import keep_text

    keep_text(env, docname, doctree)
    app.builder.write_doctree(docname, doctree, _cache=True)
    return True


def _unpickled(data: bytes) -> Any:
    """``pickle.loads`` with the cycle collector paused: unpickling makes no garbage, and the
    collector went over the page's nodes as they were made (the 500-section bill's page: 0.09 s
    with it, 0.04 s without)."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if paused:
            gc.enable()


def _sections_by_id(doctree: nodes.Node) -> dict[str, list[nodes.section]]:
    found: dict[str, list[nodes.section]] = {}
    for node in doctree.findall(nodes.section):
        for ident in node["ids"]:
            found.setdefault(ident, []).append(node)
    return found


# The sections' HTML ------------------------------------------------------------------------------
#
# Writing the patched page still resolves and translates every section. The HTML of each section as
# last written is kept beside the doctrees, stamped with what it was written from: the fingerprints
# of that build (:mod:`.deps`), the HTML settings and the site's code. When the page is patched and
# the stamp is the one of the previous build, the unchanged sections are set aside while the page is
# resolved and written as they were; the changed ones are resolved and translated as always, and the
# page's search words, outline and surroundings are made from the whole page as before.

SECTIONS = "billtrack-sections.pickle"  # in the doctree folder: {"stamp", "html", "words"}
SECTION_CLASS = "bt-section"  # a provision's section on the bill's page


class set_aside(nodes.Element):  # named as docutils names its nodes
    """Where an unchanged section waits while the page is resolved (never written)."""


@dataclass
class _Sections:
    """The bill page's sections while it is written: their HTML as last written (``old``), the ids
    whose HTML is still theirs (``reuse``), and the HTML this build writes (``new``)."""

    path: Path
    stamp: str
    old: dict[str, str]
    reuse: frozenset[str]
    new: dict[str, str] = field(default_factory=dict)
    aside: dict[int, nodes.section] = field(default_factory=dict)
    old_words: dict[str, SectionWords] = field(default_factory=dict)
    new_words: dict[str, SectionWords] = field(default_factory=dict)


_PATCHES: dict[int, tuple[str, frozenset[str] | None]] = {}  # id(env) -> (previous stamp, patched)
_WRITING: dict[int, _Sections] = {}  # id(env) -> the bill page's sections in this build


def register(app: Any) -> None:
    """Connect the hooks (called from the extension's ``setup``)."""
    app.add_post_transform(SetAside)
    app.add_post_transform(PutBack)
    app.connect("write-started", _start_writing)
    app.connect("build-finished", _finish)


def note_patched(env: Any, patched: dict[str, tuple[str, ...]] | None) -> None:
    """Record, before the fingerprints are stored, what the previous build's were, and which
    sections of the bill's page this build patched (None: the page was not patched)."""
    previous = env.__dict__.get(deps.PRINTS, {})
    ids = None if patched is None or BILL_DOC not in patched else frozenset(patched[BILL_DOC])
    _PATCHES[id(env)] = (_prints_digest(previous), ids)


def _prints_digest(prints: Mapping[str, str]) -> str:
    return hashlib.sha256(repr(sorted(prints.items())).encode()).hexdigest()


def _stamp(app: Any, prints_digest: str) -> str:
    """What kept HTML was written from: billtrack's, Sphinx's and docutils' code, the HTML settings
    and tags, and the fingerprints of the build (:mod:`.deps`)."""
    import docutils
    import sphinx

    from tracker.sphinx_ext import code_version

    info = getattr(app.builder, "build_info", None)
    settings = f"{getattr(info, 'config_hash', None)}/{getattr(info, 'tags_hash', None)}"
    versions = f"{code_version()}/{sphinx.__version__}/{docutils.__version__}"
    return f"{versions}/{settings}/{prints_digest}"


def _start_writing(app: Any, builder: Any) -> None:
    from tracker.sphinx_ext.registry import site_state

    env = app.env
    previous, patched = _PATCHES.pop(id(env), ("", None))
    if builder.format != "html" or getattr(builder, "build_info", None) is None:
        return
    path = Path(app.doctreedir) / SECTIONS
    try:
        with path.open("rb") as stream:
            stored = pickle.load(stream)
        same = stored["stamp"] == _stamp(app, previous)
        old = dict(stored["html"]) if same else {}
        old_words = dict(stored.get("words", {})) if same else {}
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError):
        old, old_words = {}, {}
    reuse = frozenset(old) - patched if patched is not None else frozenset()
    current = _prints_digest(site_state(env).fingerprints)
    _WRITING[id(env)] = _Sections(
        path=path, stamp=_stamp(app, current), old=old, reuse=reuse, old_words=old_words
    )


def _finish(app: Any, exception: BaseException | None) -> None:
    from tracker.sphinx_ext.outputs import write_if_changed

    sections = _WRITING.pop(id(app.env), None)
    if exception is not None or sections is None or not sections.new:
        return  # the page was not written: the HTML kept is still what it shows
    stored = {"stamp": sections.stamp, "html": sections.new, "words": sections.new_words}
    data = pickle.dumps(stored, pickle.HIGHEST_PROTOCOL)
    write_if_changed(sections.path, data)


def writing(builder: Any) -> _Sections | None:
    """The bill page's sections, while the bill's page is being written."""
    if getattr(builder, "current_docname", None) != BILL_DOC:
        return None
    return _WRITING.get(id(builder.env))


class SetAside(SphinxPostTransform):
    """Before the bill's page is resolved: its unchanged sections wait aside."""

    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        sections = _WRITING.get(id(self.env))
        if sections is None or self.env.docname != BILL_DOC or not sections.reuse:
            return
        for node in list(_bill_sections(self.document)):
            ident = node["ids"][0] if node["ids"] else ""
            if ident in sections.reuse:
                place = set_aside()
                sections.aside[id(place)] = node
                node.replace_self(place)


def _bill_sections(node: nodes.Element) -> Iterator[nodes.section]:
    """The sections of the bill on its page, in order, without a walk through their text (a
    section is never inside a paragraph or another text element, nor a section of the bill inside
    another)."""
    for child in node.children:
        if isinstance(child, nodes.section) and SECTION_CLASS in child["classes"]:
            yield child
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.TextElement):
            yield from _bill_sections(child)


class PutBack(SphinxPostTransform):
    """After the bill's page is resolved: in place of each unchanged section, what the search
    index and the translator need of it (:func:`stand_in`: the translator writes its kept HTML),
    or the section itself when its words were not kept."""

    default_priority = 999

    def run(self, **kwargs: Any) -> None:
        sections = _WRITING.get(id(self.env))
        if sections is None or not sections.aside:
            return
        seen: set[str] = set()
        for place in list(self.document.findall(set_aside)):
            node = sections.aside.pop(id(place))
            words = sections.old_words.get(node["ids"][0])
            place.replace_self(node if words is None else stand_in(node, words, seen))


# The sections' search words ----------------------------------------------------------------------
#
# The search index takes from a page its titles (each with its anchor, in order), the words of its
# titles, its words and its index entries, and keeps the words as sets. What a section gives it is
# kept beside the section's HTML (:func:`section_words`, Sphinx's own collector over the section);
# an unchanged section of a patched page is indexed from a stand-in that gives the same: its titles
# with their anchors, the words (each once in the page) and its index entries.


@dataclass(frozen=True, slots=True)
class SectionWords:
    """What the search index takes from one section of the bill's page."""

    titles: tuple[tuple[str, str | None], ...]  # in order, each with the anchor it links to
    words: tuple[str, ...]  # each once, the titles' words among them
    entries: tuple[tuple[Any, ...], ...]  # the ``entries`` of each index node in the section


def section_words(builder: Any, node: nodes.section) -> SectionWords | None:
    """What the search index takes from ``node``, collected as Sphinx collects a page's words;
    None when the builder has no search index, or the words would not read back the same."""
    from sphinx import addnodes

    indexer = getattr(builder, "indexer", None)
    try:
        from sphinx.search import WordStore, _feed_visit_nodes
    except ImportError:  # another Sphinx: its sections are indexed from themselves
        return None
    if indexer is None:
        return None
    split, language = indexer.lang.split, indexer.lang.lang
    store = WordStore()
    store.titles.append(("", None))  # the page's title comes first: none of these is the page's
    _feed_visit_nodes(node, word_store=store, split=split, language=language)
    words = tuple(dict.fromkeys(store.words))
    if set(split(" ".join(words))) != set(words):  # a word that is not one word (a keyword)
        return None
    entries = tuple(tuple(index["entries"]) for index in node.findall(addnodes.index))
    return SectionWords(titles=tuple(store.titles[1:]), words=words, entries=entries)


def stand_in(node: nodes.section, words: SectionWords, seen: set[str]) -> nodes.section:
    """A section with ``node``'s anchors and classes (the translator writes the kept HTML in its
    place) holding what the search index takes from ``node``: each of its titles in a section
    with the title's anchor, its words not already in ``seen`` (the page's stand-ins before it),
    and its index entries. The page's index is the same as from the section itself."""
    from sphinx import addnodes

    out = nodes.section("", ids=list(node["ids"]), classes=list(node["classes"]))
    for title, anchor in words.titles:
        holder = nodes.section("", ids=[anchor] if anchor else [])
        holder += nodes.title(title, title)
        out += holder
    fresh = [word for word in words.words if word not in seen]
    seen.update(fresh)
    if fresh:
        out += nodes.paragraph("", " ".join(fresh))
    for entries in words.entries:
        out += addnodes.index(entries=list(entries))
    return out
