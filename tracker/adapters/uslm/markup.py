"""The USLM vocabulary and the tree it is read from: safe parsing, names, white space.

Every module of the reader sees the markup through these: which elements run inline, which are
levels, what is struck, and :func:`clean`, the one normalisation of printed text. The module is
named ``markup`` rather than ``xml`` so that it never shadows the standard library's ``xml``.
"""

from __future__ import annotations

import re

from lxml import etree

from tracker.adapters.text_decoding import check_import_source
from tracker.core.errors import ImportFormatError
from tracker.core.imported import GROUP_LEVELS, SUBDIVISION_LEVELS

USLM_NAMESPACE = "http://schemas.gpo.gov/xml/uslm"
ROOTS = ("bill", "resolution", "engrossedAmendment")

#: Elements whose text runs on with the text around them, as printed.
INLINE = frozenset(
    {
        "i",
        "b",
        "u",
        "sup",
        "sub",
        "span",
        "inline",
        "ref",
        "term",
        "shortTitle",
        "quotedText",
        "headingText",
        "amendingAction",
        "proviso",
        "addedText",
        "deletedText",
        "date",
        "committee",
        "sponsor",
        "cosponsor",
        "designator",
        "label",
        "marker",
        "footnoteRef",
        "abbr",
        "a",
        "del",
        "ins",
        "entity",
        "name",
        "role",
        "signature",
    }
)

#: Levels that are not groups of the manifest: kept as unnumbered headings over their contents.
HEADED_LEVELS = frozenset({"chapter", "subchapter", "level", "article", "subarticle"})

#: The levels of a bill: groups, sections and the subdivisions of sections.
LEVELS = frozenset({"section", *SUBDIVISION_LEVELS, *GROUP_LEVELS})

#: The marks that open a paragraph of quoted matter.
QUOTE_MARKS = ("“", "‘", '"', "'")

#: A designation printed alone, like ``“(B)``: quoted matter after it runs on from it.
BARE_ENUMERATOR = re.compile(r"[“‘\"']?\([A-Za-z0-9]+\)")

_WS = re.compile(r"\s+")


def parser_options() -> dict[str, bool]:
    """The safe parser's options: no entities resolved, no DTD, no network, no huge trees."""
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "huge_tree": False,
        "remove_comments": True,
        "remove_pis": True,
    }


def parse_xml(data: bytes, *, source: str) -> etree._Element:
    """Parse bytes as XML safely (no entities, no DTD, no network) or raise ImportFormatError."""
    check_import_source(data, source=source, binary=False)
    parser = etree.XMLParser(**parser_options())
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, source) from None


def syntax_error(exc: etree.XMLSyntaxError, source: str) -> ImportFormatError:
    """The refusal of XML that is not well formed, at the line the parser stopped."""
    line = exc.position[0] if exc.position else None
    return ImportFormatError(
        f"not well-formed XML: {exc.msg}",
        path=source,
        line=line,
        hint="check that the file was downloaded whole (GPO's bulk data serves USLM as .xml)",
    )


def uslm_tag(name: str) -> str:
    """The qualified tag of a USLM element, for ``iter()``: ``{http://...uslm}toc``."""
    return f"{{{USLM_NAMESPACE}}}{name}"


#: Local names by qualified tag: a bill has a few dozen tags and hundreds of thousands of elements.
_LOCAL_NAMES: dict[object, str] = {}


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace; empty for comments and processing instructions."""
    tag = element.tag
    try:
        return _LOCAL_NAMES[tag]
    except KeyError:
        name = tag[tag.find("}") + 1 :] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < 4096:  # a hostile file's endless distinct tags are not all kept
            _LOCAL_NAMES[tag] = name
        return name


def child(element: etree._Element, name: str) -> etree._Element | None:
    """The first child named ``name``, or None."""
    for candidate in element:
        if local_name(candidate) == name:
            return candidate
    return None


def is_struck(element: etree._Element) -> bool:
    """Matter struck by an amendment (``changed="deleted"``, ``deletedText``)."""
    return element.get("changed") == "deleted" or local_name(element) == "deletedText"


def in_quoted(element: etree._Element) -> bool:
    """Whether the element stands inside quoted matter (the text of another law)."""
    return any(local_name(a) == "quotedContent" for a in element.iterancestors())


def clean(text: str | None) -> str:
    """One idempotent normalisation of printed text: soft hyphens dropped, white space collapsed.

    >>> clean("  Representa\\xadtives\\u2001of the ")
    'Representatives of the'
    """
    if not text:
        return ""
    return " ".join(text.replace("\xad", "").split())  # str.split's white space is re's \s


def inline_text(element: etree._Element) -> str:
    """Text of an element holding inline matter only, as printed (``br`` is a space; struck
    matter is left out)."""
    out: list[str] = [element.text or ""]
    for item in element:
        name = local_name(item)
        if name == "br":
            out.append(" ")
        elif name and not is_struck(item):
            out.append(inline_text(item))
        out.append(item.tail or "")
    return _WS.sub(" ", "".join(out).replace("\xad", ""))


def raw_inline(element: etree._Element) -> str:
    """All the text of an element with white space collapsed, keeping a trailing space (a ``num``
    like ``(a) ``)."""
    text = "".join(element.itertext()).replace("\xad", "")
    return _WS.sub(" ", text).lstrip()
