"""A section of the Code saved as Markdown (the layout of ``../shared/data/law/usc/``).

The layout, as the folder's README describes it:

- YAML front matter between ``---`` lines: ``usc_title``, ``usc_section``, ``classification``
  (``34 U.S.C. § 10381``), ``current_through`` (``PL 116-155``) and others, which are not needed;
- a heading line ``# § 10152. Description``;
- the body: unnumbered paragraphs (the text of a section without subdivisions, or a lead-in such
  as ``In this subchapter—``), and a bullet list whose items open with their bold enumerator
  (``- **(a)** text``), a subdivision without text of its own as the bare enumerator
  (``- **(d)**``), each level down indented two more spaces than the one above (the list may start
  indented, under a lead-in).

Each item becomes one paragraph of the body, ``(a) text`` or a bare ``(a)``; each unnumbered
paragraph stays as it is. The text is kept exactly: quotes, dashes, spacing quirks and the inline
footnotes (``paragraph (1) 1 1 So in original. ...``) alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.adapters.yaml_reader import read_yaml
from tracker.core.errors import ImportFormatError
from tracker.core.law import LawExtract, LawSource, release_point, usc_citation

_ITEM = re.compile(r"(?P<indent> *)- \*\*\((?P<enumerator>[A-Za-z0-9]+)\)\*\*(?: (?P<text>.*))?\Z")
_HEADING = re.compile(r"#\s+§\s*(?P<section>[^\s.]+)\.?\s*(?P<heading>.*)\Z")
_CLASSIFICATION = re.compile(r"(?P<title>[0-9]+[A-Za-z]?)\s+U\.S\.C\.\s+§*\s*(?P<section>\S+)\Z")


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkdownItem:
    """One paragraph of the body as the Markdown lays it out: its depth in the list (None for an
    unnumbered paragraph), its enumerator, its text, and its line in the file."""

    depth: int | None
    enumerator: str | None
    text: str
    line: int

    @property
    def paragraph(self) -> str:
        if self.enumerator is None:
            return self.text
        return f"({self.enumerator}) {self.text}" if self.text else f"({self.enumerator})"


def read_markdown_section(
    text: str, *, source: str, section: str | None = None
) -> tuple[LawExtract, tuple[MarkdownItem, ...]]:
    """Read one section saved as Markdown; ImportFormatError, located, when the layout differs.

    ``section``, when given, must be the section the file holds. Returns the extract and the body's
    items (each with its depth in the list, for callers that check the nesting).
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise ImportFormatError(
            "the Markdown file does not open with front matter ('---' on line 1)",
            path=source,
            line=1,
            hint="give a section saved as the files in shared/data/law/usc/ are, or the OLRC's "
            "USLM XML of its title",
        )
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if close is None:
        raise ImportFormatError(
            "the front matter is never closed",
            path=source,
            line=1,
            hint="add a '---' line after it",
        )
    located, findings = read_yaml("\n".join(lines[1:close]), path=source, first_line=2)
    if located is None or not isinstance(located.data, dict):
        first = findings[0] if findings else None
        raise ImportFormatError(
            f"unreadable front matter: {first.message if first else 'not a mapping'}",
            path=source,
            line=first.line if first else 2,
            hint="fix the front matter's YAML",
        )
    front = located.data
    heading_index = next(
        (i for i in range(close + 1, len(lines)) if lines[i].startswith("# ")), None
    )
    if heading_index is None:
        raise ImportFormatError(
            "the file has no section heading ('# § 10152. Description')",
            path=source,
            line=close + 2,
            hint="the heading line follows the front matter",
        )
    heading_match = _HEADING.match(lines[heading_index].strip())
    if heading_match is None:
        raise ImportFormatError(
            f"the heading is not of the form '# § 10152. Description': {lines[heading_index]!r}",
            path=source,
            line=heading_index + 1,
        )
    title, number = _title_and_section(front, heading_match["section"], source)
    if section is not None and section.strip() != number:
        raise ImportFormatError(
            f"the file holds section {number} of title {title}, not section {section}",
            path=source,
            line=heading_index + 1,
            hint=f"leave out --section, or give the file of section {section}",
        )
    items = _items(lines, heading_index + 1, source)
    if not items:
        raise ImportFormatError(
            "the section has no text",
            path=source,
            line=heading_index + 1,
            hint="give a section with its text",
        )
    point = front.get("current_through")
    return (
        LawExtract(
            citation=usc_citation(title, number),
            heading=heading_match["heading"].strip() or None,
            current_through=release_point(str(point)) if point is not None else None,
            paragraphs=tuple(item.paragraph for item in items),
            source=LawSource(format="markdown"),
        ),
        items,
    )


def _title_and_section(front: dict, heading_section: str, source: str) -> tuple[str, str]:
    title = front.get("usc_title")
    number = front.get("usc_section")
    classification = _CLASSIFICATION.match(str(front.get("classification") or "").strip())
    if classification:
        title = title if title is not None else classification["title"]
        number = number if number is not None else classification["section"]
    number = number if number is not None else heading_section
    if title is None:
        raise ImportFormatError(
            "the front matter names no title of the Code ('usc_title' or 'classification')",
            path=source,
            line=2,
            hint="add 'usc_title: 34'",
        )
    if str(number) != heading_section:
        raise ImportFormatError(
            f"the front matter names section {number} but the heading § {heading_section}",
            path=source,
            line=2,
            hint="give a file whose front matter and heading agree",
        )
    return str(title), str(number)


def _items(lines: list[str], start: int, source: str) -> tuple[MarkdownItem, ...]:
    items: list[MarkdownItem] = []
    base: int | None = None
    depth: int | None = None
    paragraph: list[str] = []
    paragraph_line = 0

    def flush() -> None:
        if paragraph:
            items.append(
                MarkdownItem(
                    depth=None, enumerator=None, text="\n".join(paragraph), line=paragraph_line
                )
            )
            paragraph.clear()

    for index in range(start, len(lines)):
        line = lines[index].rstrip()
        match = _ITEM.match(line)
        if match is None:
            if not line.strip():
                flush()
            elif line.lstrip().startswith("- "):
                raise ImportFormatError(
                    f"a list item without a bold enumerator: {line.strip()[:60]!r}",
                    path=source,
                    line=index + 1,
                    hint="each item opens with its enumerator in bold: '- **(a)** text'",
                )
            else:
                if not paragraph:
                    paragraph_line = index + 1
                paragraph.append(line.strip())
            continue
        flush()
        indent = len(match["indent"])
        base = indent if base is None else base
        level, odd = divmod(indent - base, 2)
        if odd or level < 0 or level > (0 if depth is None else depth + 1):
            raise ImportFormatError(
                f"the item ({match['enumerator']}) is indented {indent} spaces, which is no level "
                "of the list",
                path=source,
                line=index + 1,
                hint="indent each level two spaces more than the one above it",
            )
        depth = level
        items.append(
            MarkdownItem(
                depth=level,
                enumerator=match["enumerator"],
                text=(match["text"] or "").strip(),
                line=index + 1,
            )
        )
    flush()
    return tuple(items)
