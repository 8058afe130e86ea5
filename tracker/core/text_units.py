"""Split one plain-text or Markdown file of a bill into :class:`~tracker.core.units.TextUnit`.

A file is cut at its section headings ("SECTION 1.", "SEC. 101.", with or without Markdown ``#``
marks) and at its division, title, subtitle, part and subpart headings ("DIVISION A—", "TITLE I—",
"Subtitle A—", "PART I—", "Subpart A—"), which are units of their own. Text before the first
heading (the long title and the enacting clause) is the unit ``preamble``.

Without ``#`` marks a section heading must be printed in capitals ("SEC. 4.") and open its line, so
the entries of a table of contents ("Sec. 4. Definitions.") and quoted sections of amendatory text
("‘‘SEC. 3051.") are not cut. A group heading inside a table of contents (followed by table entries
rather than by a section) is not cut either.

Units are keyed by division and number, because omnibus acts restart section numbers in each
division: ``sec:4``, ``division:B/sec:4``; groups by their path: ``title:I``, ``title:I/subtitle:A``.
The rare repeated key gets a suffix (``sec:4~2``). Every character of the file is in exactly one unit:
``"".join(u.text for u in split_text(t)) == t``.

Pure: text in, units out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tracker.core.units import TextUnit, UnitKind

__all__ = ["split_text"]

# Every candidate line: a heading with or without Markdown marks, or a table-of-contents entry. Lines
# are tried only when their first character could open one, which keeps splitting a large act fast.
_CANDIDATE = re.compile(
    r"(?P<marks>[ \t]{0,3}#{1,6}[ \t]+)?(?:"
    r"(?P<section>(?i:section|sec\.))[ \t]+(?P<snum>\d+[A-Za-z0-9-]*)\."
    r"|(?P<group>(?i:division|title|subtitle|subpart|part))[ \t]+"
    r"(?P<gnum>[A-Z0-9]{1,8})[ \t]*(?:—|–|--|[ \t]-[ \t])"
    r"|[ \t]*(?P<toc>Sec\.|Section)[ \t]+\d+[A-Za-z0-9-]*\."
    r")"
)
_OPENERS = frozenset("#SsDdTtPp \t")
_RANK = {"division": 0, "title": 1, "subtitle": 2, "part": 3, "subpart": 4}
_PRINTED = {"division": "DIVISION", "title": "TITLE", "subtitle": "Subtitle", "part": "PART"}
_PRINTED["subpart"] = "Subpart"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Heading:
    start: int
    kind: str  # "section" or a group kind
    number: str
    number_start: int
    number_end: int
    marked: bool


def split_text(text: str) -> tuple[TextUnit, ...]:
    """Cut ``text`` into units at its section and group headings (see the module docstring).

    >>> [u.key for u in split_text("A BILL\\nSEC. 1. SHORT TITLE.\\nText.\\nTITLE I—X\\nSEC. 101. Y.\\n")]
    ['preamble', 'sec:1', 'title:I', 'sec:101']
    """
    headings = _headings(text)
    units: list[TextUnit] = []
    seen: dict[str, int] = {}
    if not headings or headings[0].start > 0:
        end = headings[0].start if headings else len(text)
        if text[:end]:
            units.append(_preamble(text[:end]))
            seen["preamble"] = 1
    stack: list[tuple[str, str]] = []  # (kind, number) of the enclosing groups
    for index, heading in enumerate(headings):
        end = headings[index + 1].start if index + 1 < len(headings) else len(text)
        chunk = text[heading.start : end]
        if heading.kind == "section":
            division = [f"division:{n}" for k, n in stack if k == "division"]
            key = "/".join([*division, f"sec:{heading.number}"])
        else:
            rank = _RANK[heading.kind]
            stack = [(k, n) for k, n in stack if _RANK[k] < rank]
            stack.append((heading.kind, heading.number))
            key = "/".join(f"{k}:{n}" for k, n in stack)
        count = seen.get(key, 0) + 1
        seen[key] = count
        if count > 1:
            key = f"{key}~{count}"
        units.append(_unit(chunk, heading, key))
    return tuple(units)


def _headings(text: str) -> list[_Heading]:
    sections: list[_Heading] = []
    groups: list[_Heading] = []
    toc: list[int] = []
    start = 0
    for line in text.split("\n"):
        match = _CANDIDATE.match(line) if line[:1] in _OPENERS else None
        if match is not None:
            marked = match.group("marks") is not None
            label = match.group("section")
            if label is not None:
                if marked or label in ("SECTION", "SEC."):
                    sections.append(_heading(match, start, "section", "snum", marked))
                else:
                    toc.append(start)
            elif (label := match.group("group")) is not None:
                kind = label.lower()
                if marked or label in (kind.upper(), _PRINTED[kind]):
                    groups.append(_heading(match, start, kind, "gnum", marked))
            else:
                toc.append(start)
        start += len(line) + 1
    section_starts = [h.start for h in sections]
    found = sections + [
        group
        for group in groups
        if group.marked or not _in_table_of_contents(group.start, section_starts, toc)
    ]
    found.sort(key=lambda h: h.start)
    return found


def _heading(match: re.Match[str], start: int, kind: str, group: str, marked: bool) -> _Heading:
    return _Heading(
        start=start,
        kind=kind,
        number=match.group(group),
        number_start=match.start(group),
        number_end=match.end(group),
        marked=marked,
    )


def _in_table_of_contents(position: int, sections: list[int], toc: list[int]) -> bool:
    """A group heading is a table-of-contents line when a table entry follows before any section."""
    index = bisect.bisect_right(toc, position)
    if index == len(toc):
        return False
    next_entry = toc[index]
    index = bisect.bisect_right(sections, position)
    return index == len(sections) or next_entry < sections[index]


def _preamble(chunk: str) -> TextUnit:
    first = next((line.strip() for line in chunk.splitlines() if line.strip()), "")
    return TextUnit(
        key="preamble",
        kind=UnitKind.PREAMBLE,
        designation="",
        heading=first,
        text=chunk,
        canonical=chunk,
    )


def _unit(chunk: str, heading: _Heading, key: str) -> TextUnit:
    canonical = chunk[: heading.number_start] + "#" + chunk[heading.number_end :]
    lines = _first_lines(chunk, 4)
    first = lines[0][heading.number_end :]
    if heading.kind == "section":
        title = first.lstrip(".").strip()
    else:
        title = first.strip().lstrip("—–-").strip()
    for line in lines[1:]:
        # A heading printed in capitals may wrap: "SEC. 201. ESTABLISHMENT OF ... MIS-" / "CONDUCT".
        if title.endswith(".") or not line.strip() or line.upper() != line:
            break
        if _CANDIDATE.match(line):
            break
        title = f"{title} {line.strip()}"
    if heading.kind == "section":
        return TextUnit(
            key=key,
            kind=UnitKind.SECTION,
            designation=heading.number,
            heading=title,
            text=chunk,
            canonical=canonical,
        )
    return TextUnit(
        key=key,
        kind=UnitKind.GROUP,
        designation=f"{_PRINTED[heading.kind]} {heading.number}",
        heading=title[:300],
        text=chunk,
        canonical=canonical,
    )


def _first_lines(text: str, count: int) -> list[str]:
    lines: list[str] = []
    start = 0
    while len(lines) < count and start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        lines.append(text[start:end])
        start = end + 1
    return lines or [""]
