"""Locations: the words that say where in a section an operation acts, and finding that place.

Phrases read, each ending with a comma, a dash or the operation ("by ..."), and nesting:

- ``in subsection (a)``, ``in paragraph (1)(A)``, ``in subsection (a)(1)(A)``, ``in clause (ii)``;
- ``in paragraph (23), as so redesignated`` (read after the redesignation before it);
- ``in the matter preceding paragraph (1)``, ``in the matter following subparagraph (B)``;
- ``in the heading``, ``in the subsection heading``;
- ``in the first sentence``, ``in the second sentence``, ``in the last sentence``.

Paths nest: "in subsection (a)—" then "(1) in paragraph (2), by ..." is ``("a", "2")``.

Finding a place in a law text (:func:`region`) gives the span of text a location designates; quoted
text is found in a span by :func:`find_all`, which reads the law as the bill quotes it: inline Code
footnotes (``paragraph (1) 1 1 So in original. Probably should be ...``) and the Code's spacing quirks
(``section 10156 of this title ,``, ``( 43 U.S.C. 1601 et seq.)``) are skipped, and quote marks and
dashes compared by kind, so the struck span still covers the footnote it contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.amend.citations import CHAIN, tokens
from tracker.core.amend.law_tree import LawNode, LawTree
from tracker.core.amend.model import Location, Part
from tracker.core.enumeration import ordinal

NOUN = r"(?:sub)?(?:sections?|paragraphs?|clauses?|items?)|subparagraphs?|subclauses?|subitems?"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_IN_DESIGNATION = re.compile(
    r"in (?:the )?(?P<noun>" + NOUN + r")\s+(?P<chain>" + CHAIN + r")"
    r"(?P<redes>,? as (?:so )?redesignated(?: by [^,—]*)?)?(?:,? as (?:added|amended) by [^,—]*)?"
    r"\s*(?:,\s*|—\s*|\s+(?=by\b)|$)",
    re.IGNORECASE,
)
_IN_MATTER = re.compile(
    r"in the matter (?P<pf>preceding|following|before|after) (?:the )?(?P<noun>" + NOUN + r")\s+"
    r"(?P<chain>" + CHAIN + r")(?P<redes>,? as so redesignated)?\s*(?:,\s*|—\s*|\s+(?=by\b)|$)",
    re.IGNORECASE,
)
_IN_HEADING = re.compile(
    r"in the (?:(?:sub)?section |paragraph |subparagraph |clause )?heading(?: of such \w+)?"
    r"\s*(?:,\s*|—\s*|\s+(?=by\b)|$)",
    re.IGNORECASE,
)
_IN_SENTENCE = re.compile(
    r"in the (?P<nth>first|second|third|fourth|fifth|last) sentence\s*(?:,\s*|—\s*|\s+(?=by\b)|$)",
    re.IGNORECASE,
)


def read_locations(text: str, base: Location) -> tuple[Location, str]:
    """Consume the location phrases at the start of ``text``; return the location and the rest."""
    location = base
    while True:
        if match := _IN_MATTER.match(text):
            following = match["pf"].lower() in ("following", "after")
            location = Location(
                path=location.path,
                part=Part.FOLLOWING if following else Part.PRECEDING,
                anchor="".join(f"({t})" for t in tokens(match["chain"])),
                redesignated=location.redesignated or bool(match["redes"]),
            )
        elif match := _IN_DESIGNATION.match(text):
            if match["noun"].lower().startswith("section"):
                return location, text
            location = Location(
                path=(*location.path, *tokens(match["chain"])),
                redesignated=location.redesignated or bool(match["redes"]),
            )
        elif match := _IN_HEADING.match(text):
            location = Location(path=location.path, part=Part.HEADING)
        elif match := _IN_SENTENCE.match(text):
            location = Location(
                path=location.path,
                part=Part.SENTENCE,
                anchor=str(_ORDINALS[match["nth"].lower()]),
                redesignated=location.redesignated,
            )
        else:
            return location, text
        text = text[match.end() :]


class LocationError(Exception):
    """A location that the law text does not have; the message names it."""


@dataclass(frozen=True, slots=True)
class Region:
    """A span of the live law text, and the subdivision it belongs to (None: the section)."""

    start: int
    end: int
    node: LawNode | None


def _name(path: tuple[str, ...]) -> str:
    return "".join(f"({p})" for p in path)


def node_at(tree: LawTree, path: tuple[str, ...], location: Location) -> LawNode | None:
    """The subdivision at ``path``, or a LocationError saying how far the path got."""
    if not path:
        return None
    node = tree.find(path)
    if node is not None:
        return node
    for depth in range(len(path), 0, -1):
        parent = tree.find(path[: depth - 1]) if depth > 1 else None
        siblings = parent.children if parent else tree.children
        if depth == 1 or parent is not None:
            have = designation_list(siblings)
            where = f"in {_name(path[: depth - 1])}" if depth > 1 else "in the section"
            so = ", as so redesignated" if location.redesignated else ""
            raise LocationError(f"no subdivision {_name(path[:depth])}{so} {where} (it has {have})")
    raise LocationError(f"no subdivision {_name(path)}")


def designation_list(nodes: tuple[LawNode, ...] | list[LawNode]) -> str:
    """The designations of ``nodes``, runs of more than two consecutive ones as ``(1)–(22)``."""
    if not nodes:
        return "no subdivisions"
    groups: list[list[LawNode]] = []
    for node in nodes:
        last = groups[-1][-1] if groups else None
        here = ordinal(node.level, node.enumerator)
        if (
            last is not None
            and last.level == node.level
            and here is not None
            and (ordinal(last.level, last.enumerator) == here - 1)
        ):
            groups[-1].append(node)
        else:
            groups.append([node])
    return ", ".join(
        f"{g[0].designation}–{g[-1].designation}"
        if len(g) > 2
        else ", ".join(n.designation for n in g)
        for g in groups
    )


def region(tree: LawTree, location: Location) -> Region:
    """The span of ``tree.text`` that ``location`` designates."""
    node = node_at(tree, location.path, location)
    start, end = (node.heading_start, node.end) if node else (0, len(tree.text.rstrip("\n")))
    if location.part is Part.WHOLE:
        return Region(start, end, node)
    if location.part is Part.HEADING:
        if node is None or node.heading is None:
            what = _name(location.path) or "the section"
            raise LocationError(
                f"{what} has no heading in the law text (the law files may lack headings)"
            )
        return Region(node.heading_start, node.heading_start + len(node.heading), node)
    children = node.children if node else tree.children
    anchor = tokens(location.anchor)
    child = next((c for c in children if anchor and c.enumerator == anchor[0]), None)
    if location.part in (Part.PRECEDING, Part.FOLLOWING) and child is None:
        raise LocationError(f"no {location.anchor} in {_name(location.path) or 'the section'}")
    if location.part is Part.PRECEDING:
        assert child is not None
        begin = node.heading_start if node else 0
        return Region(begin, max(begin, child.start - 2), node)
    if location.part is Part.FOLLOWING:
        assert child is not None
        tail = []
        current: LawNode | None = child
        while current is not None:
            tail.extend(current.tail)
            current = current.children[-1] if current.children else None
        if node is not None:
            tail.extend(node.tail)
        if not tail:
            raise LocationError(f"no matter following {location.anchor} in the law text")
        return Region(min(p.start for p in tail), max(p.end for p in tail), node)
    # a sentence of the subdivision's own text (or of the section's lead-in)
    own_start = node.text_start if node else 0
    own_end = node.text_end if node else (tree.lead[-1].end if tree.lead else 0)
    sentences = sentence_spans(tree.text, own_start, own_end)
    number = int(location.anchor or "1")
    if not sentences or number > len(sentences):
        raise LocationError(
            f"there is no sentence {number} in {_name(location.path) or 'the section'}"
        )
    return Region(*sentences[number - 1 if number > 0 else -1], node)


_SENTENCE_END = re.compile(r"(?<=[.?!])[”’)]?\s+(?=[A-Z“(])")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if re.search(
            r"\b(?:U\.S|Sec|No|Stat|v|Pub|L|et seq|i\.e|e\.g)\.$", text[begin : match.start()]
        ):
            continue
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, end))
    return [s for s in spans if s[1] > s[0]]


# --- matching quoted text against the law -------------------------------------------------------

_FOOTNOTE = re.compile(
    r" (\d{1,2}) \1 (?:So in original|See |Probably |Another |The |Section |Subsection |"
    r"Paragraph )[^“”]*?(?:“[^”]*”[^“”]*?)*\.(?= |$)"
)
_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def _view(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """The text as a bill would quote it, with each character's offset in ``text``."""
    skip = set()
    for match in _FOOTNOTE.finditer(text, start, end):
        skip.update(range(match.start(), match.end()))
    chars: list[str] = []
    offsets: list[int] = []
    for index in range(start, end):
        if index in skip:
            continue
        char = text[index]
        if char == " " and (
            (index + 1 < end and text[index + 1] in ",;:.)") or (chars and chars[-1] == "(")
        ):
            continue
        chars.append(char)
        offsets.append(index)
    return "".join(chars).translate(_FOLD), offsets


def _needle(quoted: str) -> str:
    return re.sub(r" (?=[,;:.)])|(?<=\() ", "", quoted).translate(_FOLD)


def find_all(
    text: str, start: int, end: int, quoted: str, *, word: bool = True
) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` where ``quoted`` occurs (as whole words when it starts or ends
    with a word character), read through :func:`_view`."""
    view, offsets = _view(text, start, end)
    needle = _needle(quoted)
    if not needle:
        return []
    pattern = re.escape(needle)
    if word and needle[0].isalnum():
        pattern = r"(?<![\w])" + pattern
    if word and needle[-1].isalnum():
        pattern = pattern + r"(?![\w])"
    spans = []
    for match in re.finditer(pattern, view):
        spans.append((offsets[match.start()], offsets[match.end() - 1] + 1))
    return spans
