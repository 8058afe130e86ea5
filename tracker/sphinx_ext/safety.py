"""Nothing from a provision runs in a reader's browser.

Provision prose is parsed as MyST *inline* Markdown only (block parsing, and so every directive, never
sees it). What that can still produce is made inert here:

- raw HTML (``<script>``, ``<img onerror=...>``, comments) becomes literal text;
- links whose scheme is not http, https or mailto (``javascript:``, ``data:``, ``vbscript:``)
  become their text;
- images become their alternative text.

:class:`NeutraliseRaw` applies the same rule to every page of the site as a safety net, with a located
BT801 warning for what it changes outside provisions (inside provisions ``billtrack check``'s BT801
finding has already been reported with its file and line).

Nothing from outside the package is published (BT802, :mod:`tracker.core.publishing`):

- :func:`refuse_outside_sources` (``source-read``) disarms, before Sphinx reads a file, each
  ``{literalinclude}``, ``{include}``, ``{image}`` or ``{figure}`` directive and each ``:file:``
  option whose path is absolute, uses ``~``, climbs above the package root or leads out of it
  through a symlink: the directive becomes a plain code block, the option is dropped;
- :class:`RefuseOutsideFiles` turns each ``{download}`` reference and each image whose file resolves
  outside the package into its text, before Sphinx collects the files to copy.

Each refusal is a located BT802 warning: the default build goes on without the file (it is neither
copied nor linked), and ``--strict`` fails on it. ``billtrack check`` reports the same as errors.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
#: raw output MyST itself emits for Markdown syntax (a hard line break), which is safe as is.
KNOWN_SAFE_RAW = frozenset({"<br />\n", "<br />"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def safe_uri(uri: str) -> bool:
    """Whether a link target is harmless (relative, http(s) or mailto).

    >>> safe_uri("https://www.federalregister.gov/d/2020-13449"), safe_uri(" JaVa\\tscript:alert(1)")
    (True, False)
    """
    cleaned = _CONTROL.sub("", uri)
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


def inert(node: nodes.Node) -> nodes.Node | None:
    """The inert replacement of ``node``, or None when it is harmless."""
    if isinstance(node, nodes.raw):
        if node.get("format", "") != "html" and "html" not in node.get("format", "").split():
            return None
        if node.astext() in KNOWN_SAFE_RAW:
            return None
        return nodes.literal(node.astext(), node.astext(), classes=["bt-inert-html"])
    if isinstance(node, nodes.reference) and not safe_uri(node.get("refuri", "")):
        return nodes.inline(node.astext(), node.astext(), classes=["bt-inert-link"])
    if isinstance(node, nodes.image) and not node.get("bt-trusted"):
        uri = node.get("uri", "")
        if not safe_uri(uri) or "://" in uri:
            alt = node.get("alt", "")
            return nodes.inline(alt, alt, classes=["bt-inert-image"])
    return None


def neutralise(tree: list[nodes.Node]) -> tuple[list[nodes.Node], int]:
    """Make a list of nodes inert; returns the new list and how many nodes were replaced."""
    out: list[nodes.Node] = []
    count = 0
    for node in tree:
        replacement = inert(node)
        if replacement is not None:
            out.append(replacement)
            count += 1
            continue
        if isinstance(node, nodes.Element):
            count += _neutralise_children(node)
        out.append(node)
    return out, count


def _neutralise_children(element: nodes.Element) -> int:
    count = 0
    for child in list(element.children):
        replacement = inert(child)
        if replacement is not None:
            child.replace_self(replacement)
            count += 1
        elif isinstance(child, nodes.Element):
            count += _neutralise_children(child)
    return count


class NeutraliseRaw(SphinxTransform):
    """Every page: raw HTML, unsafe links and remote images become text, with a BT801 warning."""

    default_priority = 900

    def apply(self, **kwargs: object) -> None:
        for node in list(self.document.findall(nodes.Element)):
            replacement = inert(node)
            if replacement is None or node.parent is None:
                continue
            what = "raw HTML" if isinstance(node, nodes.raw) else "an unsafe link or image"
            logger.warning(
                "%s in the page was rendered as inert text; write plain text instead",
                what,
                location=node,
                type="billtrack",
                subtype="BT801",
            )
            node.replace_self(replacement)


# Files from outside the package (BT802) -----------------------------------------------------------

_REFUSED_HINT = "the site publishes only files inside the package; copy the file in or remove it"
_DIRECTIVE = re.compile(r"\{(?:literalinclude|include|image|figure)\}.*$")


def _package_root(env: Any) -> Path:
    from tracker.sphinx_ext.registry import site_state

    return Path(os.path.realpath(site_state(env).root))


def refuse_outside_sources(app: Any, docname: str, source: list[str]) -> None:
    """``source-read``: disarm every directive or ``:file:`` option naming a file outside."""
    from tracker.adapters.docs_pages import outside_reason
    from tracker.core.publishing import file_references

    root = _package_root(app.env)
    page = Path(app.env.doc2path(docname))
    lines = source[0].split("\n")
    for reference in file_references(source[0]):
        if reference.kind in ("download", "image"):
            continue  # nodes, refused where they resolve (RefuseOutsideFiles)
        why = outside_reason(reference, root, page.parent)
        if why is None:
            continue
        logger.warning(
            "BT802: %s, outside the package: %s; it was not read (hint: %s)",
            reference.describe(),
            why,
            _REFUSED_HINT,
            location=(docname, reference.line),
            type="billtrack",
            subtype="BT802",
        )
        line = lines[reference.line - 1]
        if reference.kind == ":file:":
            lines[reference.line - 1] = ""
        else:
            lines[reference.line - 1] = _DIRECTIVE.sub("text", line)
    source[0] = "\n".join(lines)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class RefuseOutsideFiles(SphinxTransform):
    """Every page: a download or image whose file is outside the package becomes its text."""

    default_priority = 870  # before doctree-read (880), where Sphinx collects files to copy

    def apply(self, **kwargs: object) -> None:
        from tracker.core.publishing import anchored_reason, is_remote
        from tracker.sphinx_ext.generate import GENERATED

        root = _package_root(self.env)
        generated = Path(os.path.realpath(Path(self.env.srcdir) / GENERATED))
        found = [*self.document.findall(addnodes.download_reference)]
        found += [*self.document.findall(nodes.image)]
        for node in found:
            is_image = isinstance(node, nodes.image)
            target = str(node.get("uri" if is_image else "reftarget", "") or "")
            if not target or is_remote(target) or node.parent is None:
                continue
            _, absolute = self.env.relfn2path(target, self.env.docname)
            real = Path(os.path.realpath(absolute))
            if node.get("bt-trusted") or _within(real, generated):
                continue  # billtrack's own generated files (the coverage chart)
            why = anchored_reason(target)  # absolute or ~: refused whatever Sphinx makes of it
            if why is None and not _within(real, root):  # where Sphinx finds it, through symlinks
                why = f"it leads out of the package (to {real})"
            if why is None:
                continue
            text = node.get("alt", "") if is_image else node.astext()
            logger.warning(
                "BT802: '%s' names a file outside the package: %s; it was not published (hint: %s)",
                target,
                why,
                _REFUSED_HINT,
                location=node,
                type="billtrack",
                subtype="BT802",
            )
            node.replace_self(nodes.inline(text, text, classes=["bt-refused-file"]))
