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
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from docutils import nodes
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
