"""Cross-references by id: ``{sec}`grant-conditions(b)(2)``` renders "section 102(b)(2)".

A reference names its targets by provision id, each optionally followed by a subdivision path, so
reordering the bill never leaves a stale number in the text. One reference may name several targets,
as House Legislative Counsel writes them:

- ``{sec}`co-responder-grants and crisis-response-training``` → "sections 301 and 302";
- ``{sec}`a, b, and c``` → "sections 101, 102, and 103";
- ``{sec}`grant-conditions or reporting-condition``` → "section 103 or 206".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.ids import Designation, SubdivisionPath

REFERENCE = re.compile(r"\{sec\}`(?P<target>[^`]*)`")
_TARGET = re.compile(r"(?P<id>[a-z0-9][a-z0-9-]*)(?P<path>(?:\([A-Za-z0-9]+\))*)\Z")
_SEPARATOR = re.compile(r"\s*,\s*(?:(?P<c1>and|or)\s+)?|\s+(?P<c2>and|or)\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """One thing a reference names: a provision id and, optionally, a subdivision of it."""

    text: str  # as written
    provision_id: str | None  # None when the text is not of the form id(b)(2)
    subdivision: SubdivisionPath


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One ``{sec}`` reference found in a text: where it is and what it names."""

    target: str  # the role's text as written
    targets: tuple[Target, ...]
    conjunction: str  # "and" or "or" (for one target: "and")
    start: int
    end: int

    @property
    def malformed(self) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.provision_id is None)


def parse_reference(text: str, *, start: int = 0, end: int = 0) -> Reference:
    """Read a role's text into its targets and conjunction.

    >>> ref = parse_reference("a(b), c, or d")
    >>> [t.text for t in ref.targets], ref.conjunction
    (['a(b)', 'c', 'd'], 'or')
    """
    text = text.strip()
    pieces: list[str] = []
    conjunction = "and"
    position = 0
    for match in _SEPARATOR.finditer(text):
        pieces.append(text[position : match.start()])
        conjunction = match["c1"] or match["c2"] or conjunction
        position = match.end()
    pieces.append(text[position:])
    targets = []
    for piece in pieces:
        parsed = _TARGET.match(piece.strip())
        targets.append(
            Target(
                text=piece.strip(),
                provision_id=parsed["id"] if parsed else None,
                subdivision=SubdivisionPath.parse(parsed["path"]) if parsed else SubdivisionPath(),
            )
        )
    return Reference(
        target=text, targets=tuple(targets), conjunction=conjunction, start=start, end=end
    )


def find_references(text: str) -> list[Reference]:
    """Every ``{sec}`` reference in ``text`` in order.

    >>> [[t.provision_id for t in r.targets] for r in find_references("see {sec}`defs(a)(2)`.")]
    [['defs']]
    """
    return [
        parse_reference(match["target"], start=match.start(), end=match.end())
        for match in REFERENCE.finditer(text)
    ]


def reference_parts(
    designations: list[Designation], conjunction: str
) -> list[tuple[str, int | None]]:
    """A reference's words as (text, index of the designation it shows, or None) pairs.

    Renderers join the text, or link the numbered parts. "sections X and Y" with *and*; "section X
    or Y" with *or*, as Legislative Counsel writes them.

    >>> d = [Designation("301"), Designation("302"), Designation("401")]
    >>> "".join(text for text, _ in reference_parts(d, "and"))
    'sections 301, 302, and 401'
    >>> "".join(text for text, _ in reference_parts(d[:2], "or"))
    'section 301 or 302'
    """
    if len(designations) == 1:
        return [("section ", None), (designations[0].number, 0)]
    parts: list[tuple[str, int | None]] = [
        ("sections " if conjunction == "and" else "section ", None)
    ]
    last = len(designations) - 1
    for index, designation in enumerate(designations):
        if index:
            separator = ", " if last > 1 else " "
            if index == last:
                separator += f"{conjunction} "
            parts.append((separator, None))
        parts.append((designation.number, index))
    return parts
