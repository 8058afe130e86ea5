"""Cross-references by id: ``{sec}`grant-conditions(b)(2)``` renders "section 102(b)(2)".

The target names a provision by its id, optionally followed by a subdivision path, so reordering
the bill never leaves a stale number in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.ids import SubdivisionPath

REFERENCE = re.compile(r"\{sec\}`(?P<target>[^`]*)`")
_TARGET = re.compile(r"(?P<id>[a-z0-9][a-z0-9-]*)(?P<path>(?:\([A-Za-z0-9]+\))*)\Z")


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One cross-reference found in a text: where it is and what it names."""

    target: str  # as written
    provision_id: str | None  # None when the target is not of the form id(b)(2)
    subdivision: SubdivisionPath
    start: int
    end: int


def find_references(text: str) -> list[Reference]:
    """Every ``{sec}`` reference in ``text`` in order.

    >>> [(r.provision_id, str(r.subdivision)) for r in find_references("see {sec}`defs(a)(2)`.")]
    [('defs', '(a)(2)')]
    """
    found = []
    for match in REFERENCE.finditer(text):
        target = match["target"].strip()
        parsed = _TARGET.match(target)
        found.append(
            Reference(
                target=target,
                provision_id=parsed["id"] if parsed else None,
                subdivision=SubdivisionPath.parse(parsed["path"]) if parsed else SubdivisionPath(),
                start=match.start(),
                end=match.end(),
            )
        )
    return found
