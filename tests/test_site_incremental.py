"""An incremental site build gives the same site as a clean build, after every kind of edit.

The edits in ``tests/fixtures/site_edits/edits.yaml`` are applied one after another to a copy of
the site fixture; after each, the site is rebuilt incrementally and, into another folder, from
scratch, and every page, document and file of the two must be the same bytes. Where a step says
which pages the rebuild re-reads, exactly those are re-read (an edit of one provision's text
re-reads its page, not every page that lists the provision); where it says which pages are patched,
exactly those are brought up to date by rendering only their changed sections (the bill's page after
an edit of provisions' text, :mod:`tracker.sphinx_ext.splice`), and the site is still the same bytes
as a clean build's.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from tracker.sphinx_ext.build import BuildResult, build_site

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"
STEPS = yaml.safe_load(
    (REPO / "tests" / "fixtures" / "site_edits" / "edits.yaml").read_text("utf-8")
)


def apply(root: Path, edit: dict[str, object]) -> None:
    path = root / str(edit["file"])
    if "replace" in edit:
        old, new = edit["replace"]  # type: ignore[misc]
        text = path.read_text("utf-8")
        assert old in text, f"{edit['file']}: {old!r} is not in the file"
        path.write_text(text.replace(old, new), "utf-8")
    elif "write" in edit:
        path.write_text(str(edit["write"]), "utf-8")
    else:
        path.unlink()


def site_files(out: Path) -> dict[str, object]:
    """Every file of a built site with its content (a Word file's parts, not its zip dates)."""
    return {
        p.relative_to(out).as_posix(): content(p)
        for p in out.rglob("*")
        if p.is_file() and p.name != ".buildinfo.bak"  # Sphinx's copy when the settings changed
    }


def content(path: Path) -> object:
    if path.name == "searchindex.js":  # Sphinx keeps a term no page has any more: no hit either way
        text = path.read_text("utf-8")
        index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        for kind in ("terms", "titleterms"):
            index[kind] = {term: pages for term, pages in index[kind].items() if pages != []}
        return index
    if path.suffix != ".docx":
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def built(root: Path, out: Path, *, clean: bool, jobs: int = 1) -> BuildResult:
    return build_site(root, out, clean=clean, parallel=jobs, warning=io.StringIO())


@pytest.mark.parametrize("jobs", [1, 2])
def test_incremental_build_equals_a_clean_build_after_each_edit(tmp_path: Path, jobs: int) -> None:
    """Also with pages read and written by two processes (``billtrack build -j 2``)."""
    root = tmp_path / "package"
    shutil.copytree(FIXTURE, root)
    out = root / "_build" / "html"
    first = built(root, out, clean=False, jobs=jobs)
    assert first.read == first.pages
    for number, step in enumerate(STEPS):
        for edit in step["edits"]:
            apply(root, edit)
        again = built(root, out, clean=False, jobs=jobs)
        fresh = tmp_path / f"clean-{number}" / "html"
        built(root, fresh, clean=True, jobs=jobs)
        ours, theirs = site_files(out), site_files(fresh)
        assert sorted(ours) == sorted(theirs), step["step"]
        differ = [name for name in sorted(theirs) if ours[name] != theirs[name]]
        assert not differ, f"{step['step']}: the incremental build differs in {differ}"
        if "read" in step:
            assert sorted(again.read_pages) == sorted(step["read"]), step["step"]
        if "patched" in step:
            assert sorted(again.patched_pages) == sorted(step["patched"]), step["step"]
        shutil.rmtree(fresh.parent)


def test_the_sidebar_is_the_one_sphinx_draws_from_whole_outlines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The navigation drawn from outlines cut to their titles is the HTML Sphinx draws from the
    whole outlines (tracker.sphinx_ext.navigation)."""
    from tracker.sphinx_ext import navigation

    root = tmp_path / "package"
    shutil.copytree(FIXTURE, root)
    built(root, tmp_path / "ours" / "html", clean=True)
    monkeypatch.setattr(navigation, "register", lambda app: None)
    built(root, tmp_path / "theirs" / "html", clean=True)
    ours, theirs = site_files(tmp_path / "ours" / "html"), site_files(tmp_path / "theirs" / "html")
    assert sorted(ours) == sorted(theirs)
    pages = [name for name in sorted(theirs) if name.endswith(".html")]
    assert pages and "_generated/bill.html" in pages
    assert [name for name in pages if ours[name] != theirs[name]] == []


def test_the_bill_page_reuses_kept_sections_only_after_a_text_edit(tmp_path: Path) -> None:
    """A patched bill page writes its unchanged sections from the HTML kept beside the doctrees
    (tracker.sphinx_ext.splice); any other edit of what the page shows writes every section anew.
    A mark put into the kept HTML of one section shows which happened."""
    import pickle

    from tracker.sphinx_ext.splice import SECTIONS

    root = tmp_path / "package"
    shutil.copytree(FIXTURE, root)
    out = root / "_build" / "html"
    built(root, out, clean=False)
    kept = out.parent / f".{out.name}-doctrees" / SECTIONS
    mark = "<!-- kept -->"

    def put_mark() -> None:
        stored = pickle.loads(kept.read_bytes())
        stored["html"]["grant-conditions"] += mark
        kept.write_bytes(pickle.dumps(stored))

    put_mark()
    apply(root, STEPS[0]["edits"][0])  # the text of grant-program
    assert built(root, out, clean=False).patched_pages == ("_generated/bill",)
    assert mark in (out / "_generated" / "bill.html").read_text("utf-8")
    stored = out.parent / f".{out.name}-doctrees" / "_generated" / "bill.doctree"
    doctree = pickle.loads(stored.read_bytes())  # the patched sections are the page's own nodes
    assert all(node.document is doctree for node in doctree.findall())
    put_mark()
    apply(root, {"file": "provisions/grant-conditions.md", "replace": ["title: Grant", "title: A"]})
    again = built(root, out, clean=False)
    assert "_generated/bill" in again.read_pages and again.patched_pages == ()
    assert mark not in (out / "_generated" / "bill.html").read_text("utf-8")


def test_the_search_page_loads_the_search_texts_of_this_build(tmp_path: Path) -> None:
    """The search page's address of the search texts carries the checksum of the file this build
    wrote (as Sphinx marks its own files), in a clean build as in a rebuild, and a new one after
    an edit changed the texts (Sphinx's own checksum was missing from a clean build, where the
    file came after the page, and was kept for the life of the process)."""
    import re
    import zlib

    from tracker.sphinx_ext.html import SEARCH_TEXTS

    root = tmp_path / "package"
    shutil.copytree(FIXTURE, root)
    out = root / "_build" / "html"

    def loaded() -> tuple[str, str]:
        page = (out / "search.html").read_text("utf-8")
        found = re.findall(rf'<script src="_static/{re.escape(SEARCH_TEXTS)}\?v=(\w+)"', page)
        crc = f"{zlib.crc32((out / '_static' / SEARCH_TEXTS).read_bytes()):08x}"
        assert len(found) == 1, found
        return found[0], crc

    built(root, out, clean=True)
    first, crc = loaded()
    assert first == crc
    apply(root, STEPS[0]["edits"][0])  # the text of grant-program
    built(root, out, clean=False)
    second, crc = loaded()
    assert second == crc != first


def test_a_stand_in_section_gives_the_search_index_what_the_section_gives(tmp_path: Path) -> None:
    """The unchanged sections of a patched bill page are indexed from stand-ins
    (tracker.sphinx_ext.splice.stand_in): the page's titles with their anchors, in order, its
    words, its titles' words and its index entries are those of the page itself."""
    import pickle
    from types import SimpleNamespace

    from docutils import nodes
    from sphinx import addnodes
    from sphinx.search import WordStore, _feed_visit_nodes
    from sphinx.search.en import SearchEnglish

    from tracker.sphinx_ext.splice import SECTION_CLASS, section_words, stand_in

    root = tmp_path / "package"
    shutil.copytree(FIXTURE, root)
    out = root / "_build" / "html"
    built(root, out, clean=True)
    stored = out.parent / f".{out.name}-doctrees" / "_generated" / "bill.doctree"
    page = pickle.loads(stored.read_bytes())
    sections = [n for n in page.findall(nodes.section) if SECTION_CLASS in n["classes"]]
    assert len(sections) > 3
    sections[1] += addnodes.index(entries=[("single", "grants; conditions", "x", "", None)])
    lang = SearchEnglish({})
    builder = SimpleNamespace(indexer=SimpleNamespace(lang=lang))

    def index(doctree: nodes.Node) -> tuple[object, ...]:
        store = WordStore()
        _feed_visit_nodes(doctree, word_store=store, split=lang.split, language="en")
        entries = [tuple(e) for n in doctree.findall(addnodes.index) for e in n["entries"]]
        return store.titles, set(store.words), set(store.title_words), sorted(entries)

    whole = index(page)
    seen: set[str] = set()
    for section in sections:
        words = section_words(builder, section)
        assert words is not None
        section.replace_self(stand_in(section, words, seen))
    assert index(page) == whole


def test_a_rebuild_keeps_the_index_entries_of_the_pages_it_does_not_write(tmp_path: Path) -> None:
    """The search index lists the entries of index directives (the command reference's options);
    a rebuild that does not write their page keeps them, as a clean build has them (Sphinx itself
    dropped them: tracker.sphinx_ext.html keeps them beside the doctrees)."""
    root = tmp_path / "package"
    shutil.copytree(FIXTURE, root)
    (root / "conf.py").write_text(
        "from tracker.sphinx_ext.settings import site_settings\n\n"
        'globals().update(site_settings(title="Entries"))\nbilltrack_root = "."\n',
        "utf-8",
    )
    home = (REPO / "tracker" / "templates" / "site" / "index.md").read_text("utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(home + "\n[Options](options)\n", "utf-8")
    (root / "docs" / "options.md").write_text(
        "# Options\n\n```{index} single: --root; billtrack build\n```\n\n"
        "```{index} pair: option; Grant-Conditions\n```\n\nThe options.\n",
        "utf-8",
    )
    out = root / "_build" / "html"
    built(root, out, clean=False)
    apply(root, STEPS[0]["edits"][0])  # the text of grant-program
    again = built(root, out, clean=False)
    assert "options" not in again.read_pages
    fresh = tmp_path / "clean" / "html"
    built(root, fresh, clean=True)
    ours, theirs = content(out / "searchindex.js"), content(fresh / "searchindex.js")
    assert isinstance(theirs, dict) and "--root" in theirs["indexentries"]
    assert ours == theirs
