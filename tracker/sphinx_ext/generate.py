"""The site's generated sources: one small MyST stub per page, written into ``<srcdir>/_generated``.

A stub holds the page's title and the directive that renders its content from the model. A stub is
written only when its bytes change, and stubs of pages that no longer exist are deleted, so Sphinx's
own change detection sees exactly the pages whose titles changed; what their content depends on is
tracked by :mod:`tracker.sphinx_ext.deps`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.core.compile import heading_caps
from tracker.core.model import DraftInfo
from tracker.sphinx_ext.state import SiteState

GENERATED = "_generated"
PROVISIONS = f"{GENERATED}/provisions"
DRAFTS = f"{GENERATED}/drafts"
REDLINES = f"{GENERATED}/redlines"
LAW = f"{GENERATED}/law"
LAW_TITLE = "Changes in existing law"
CURRENT = "current"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&\"'=])")


def md_escape(text: str) -> str:
    """Text made inert for a MyST heading: every ASCII punctuation mark backslash-escaped.

    >>> md_escape("SEC. 4. <script>")
    'SEC\\\\. 4\\\\. \\\\<script\\\\>'
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


@dataclass(frozen=True, slots=True)
class Stub:
    docname: str
    title: str
    directive: str
    argument: str = ""
    orphan: bool = False

    def render(self) -> str:
        front = "---\norphan: true\n---\n\n" if self.orphan else ""
        argument = f" {self.argument}" if self.argument else ""
        return f"{front}# {md_escape(self.title)}\n\n```{{{self.directive}}}{argument}\n```\n"


def provision_docname(provision_id: str) -> str:
    return f"{PROVISIONS}/{provision_id}"


def draft_docname(name: str) -> str:
    return f"{DRAFTS}/{name}"


def redline_docname(old: str, new: str) -> str:
    return f"{REDLINES}/{old}--{new}"


def draft_label(info: DraftInfo) -> str:
    """A draft as people name it: "Discussion draft, March 2, 2026" (its stage and date)."""
    return f"{info.stage.label}, {info.date:%B} {info.date.day}, {info.date.year}"


def redline_label(state: SiteState, name: str) -> str:
    """One side of a redline: a draft's stage and date, or "current text"."""
    draft = state.draft(name)
    if draft is None:
        return "current text" if name == CURRENT else name
    return f"{draft.info.stage.label} ({draft.info.date:%B} {draft.info.date.day}, {draft.info.date.year})"


def redline_pairs(state: SiteState) -> list[tuple[str, str]]:
    """(old, new) names of every redline page: consecutive drafts, then the latest draft → current."""
    names = [d.name for d in state.drafts]
    pairs = list(itertools.pairwise(names))
    if names:
        pairs.append((names[-1], CURRENT))
    return pairs


def provision_title(state: SiteState, provision_id: str) -> str:
    section = state.compiled.by_id.get(provision_id)
    provision = state.package.provisions[provision_id]
    if section is not None:
        return section.heading_line
    return f"{heading_caps(provision.title or provision_id)} (not in the bill)"


def stubs(state: SiteState) -> Iterator[Stub]:
    order = state.package.order
    yield Stub(f"{GENERATED}/bill", "Text of the bill", "bt-bill")
    yield Stub(f"{GENERATED}/analysis", "Section-by-section analysis", "bt-analysis")
    if state.has_law_page:  # put in the navigation by tracker.sphinx_ext.add_law_to_navigation
        yield Stub(LAW, LAW_TITLE, "bt-law", orphan=True)
    order_title = "The Order: outline and crosswalk"
    if order is not None:
        name = " ".join(p for p in (order.document.kind, order.document.number or "") if p)
        order_title = f"{name}: outline and crosswalk" if name else order_title
    yield Stub(f"{GENERATED}/order", order_title, "bt-order")
    yield Stub(f"{GENERATED}/status", "Status dashboard", "bt-status")
    yield Stub(f"{DRAFTS}/index", "Drafts and redlines", "bt-drafts")
    for draft in state.drafts:
        yield Stub(
            draft_docname(draft.name), draft_label(draft.info), "bt-draft", draft.name, orphan=True
        )
    for old, new in redline_pairs(state):
        yield Stub(
            redline_docname(old, new),
            f"Redline: {redline_label(state, old)} → {redline_label(state, new)}",
            "bt-redline",
            f"{old} {new}",
            orphan=True,
        )
    for provision_id in sorted(state.package.provisions):
        yield Stub(
            provision_docname(provision_id),
            provision_title(state, provision_id),
            "bt-provision",
            provision_id,
            orphan=True,
        )


def write_stubs(state: SiteState, srcdir: Path) -> list[str]:
    """Write every stub whose bytes changed and delete stale ones; returns the docnames written."""
    folder = srcdir / GENERATED
    written: list[str] = []
    wanted: set[Path] = set()
    for stub in stubs(state):
        path = srcdir / f"{stub.docname}.md"
        wanted.add(path)
        data = stub.render().encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(stub.docname)
    if folder.is_dir():
        for path in folder.rglob("*.md"):
            if path not in wanted:
                path.unlink()
    return written
