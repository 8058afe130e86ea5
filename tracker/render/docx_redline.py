"""``billtrack diff OLD NEW --format docx``: a redline as Word tracked changes.

Every inserted run is a ``w:ins`` and every struck run a ``w:del`` (its text in ``w:delText``), each
with ``w:author`` and ``w:date``, so Word's Review pane lists every change; "Accept All" gives the
new version exactly and "Reject All" the old one. The document's text is the versions' text as the
redline holds it (exact, white space included):

- a blank line (``"\\n\\n"``) ends a paragraph; an inserted or struck one is a tracked paragraph
  mark (``w:pPr/w:rPr/w:ins`` or ``w:del``), so accepting or rejecting joins the paragraphs;
- any other line end is a ``w:br``, a tab a ``w:tab``, a carriage return a ``w:cr``;
- a unit that moved (or stands out of its old order) is struck where it stood and inserted where
  it now stands, so each side reads in its own order.

Characters XML cannot hold (C0 controls other than tab, line feed and carriage return) are refused
with the unit that holds them. The document is built through python-docx's OXML layer (lxml).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

from tracker.core.errors import SourceError
from tracker.core.redline import DELETE, EQUAL, INSERT, Redline, Run, UnitRedline
from tracker.render.docx_styles import GROUP_STYLES, SECTION_STYLE, new_document, style_id

_TOKENS = re.compile(r"(\n\n|\n|\t|\r)")
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SECTION_START = re.compile(r"\s*(SECTION|SEC\.) ")
_GROUP_START = re.compile(r"\s*(DIVISION|TITLE|Subtitle|PART|Subpart) [^\s—]+—")


def ordered_runs(redline: Redline) -> Iterator[Run]:
    """The redline's runs in one sequence whose equal and insert runs give the new version and
    whose equal and delete runs give the old one, each in its own order.

    Units in place (their old positions increasing along the new order) keep their word-level
    runs; any other unit is struck, whole, where it stood in the old order and inserted, whole,
    where it stands in the new.
    """
    pending: list[tuple[int, str]] = []  # (old position, old text) of displaced units
    placed: list[tuple[int | None, tuple[Run, ...]]] = []
    last = -1
    for unit in redline.units:
        if _in_place(unit, last):
            if unit.old_position is not None:
                last = unit.old_position
            placed.append((unit.old_position, unit.runs))
            continue
        if unit.new_position is not None and unit.new_text:
            placed.append((None, ((INSERT, unit.new_text),)))
        if unit.old_position is not None and unit.old_text:
            pending.append((unit.old_position, unit.old_text))
    pending.sort()
    index = 0
    for position, runs in placed:
        while position is not None and index < len(pending) and pending[index][0] < position:
            yield (DELETE, pending[index][1])
            index += 1
        yield from runs
    for _, text in pending[index:]:
        yield (DELETE, text)


def _in_place(unit: UnitRedline, last: int) -> bool:
    if unit.old_position is None:
        return True
    return not unit.moved and unit.old_position > last


def render_redline_docx(
    redline: Redline, *, author: str = "billtrack", when: dt.datetime | None = None
) -> bytes:
    """The redline as a .docx with tracked changes by ``author`` at ``when`` (default: now)."""
    for unit in redline.units:
        for _, text in unit.runs:
            bad = _UNWRITABLE.search(text)
            if bad:
                raise SourceError(
                    f"{unit.title} holds the control character U+{ord(bad.group()):04X}, "
                    "which a Word document cannot hold",
                    hint="remove it from the text, or use another format (--format html, json)",
                )
    document = new_document()
    document.core_properties.title = f"Redline: {redline.old_label} to {redline.new_label}"
    document.core_properties.author = author
    stamp = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    writer = _Writer(document.element.body, author, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
    for op, text in ordered_runs(redline):
        writer.add(op, text)
    writer.finish()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer:
    """Appends runs to the body, paragraph by paragraph, with revision marks."""

    def __init__(self, body: Any, author: str, date: str) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.body = body
        self.sect_pr = body.find(qn("w:sectPr"))
        self.author = author
        self.date = date
        self.next_id = 1
        self.paragraph: Any = None
        self.styled = False
        self._new_paragraph()

    def _new_paragraph(self) -> None:
        from lxml import etree

        self.paragraph = etree.SubElement(self.body, self.qn("w:p"))
        self.styled = False

    def _revision(self, parent: Any, op: str) -> Any:
        from lxml import etree

        qn = self.qn
        element = etree.SubElement(parent, qn("w:ins" if op == INSERT else "w:del"))
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        return element

    def _properties(self) -> Any:
        from lxml import etree

        found = self.paragraph.find(self.qn("w:pPr"))
        if found is None:
            found = etree.Element(self.qn("w:pPr"))
            self.paragraph.insert(0, found)
        return found

    def _style(self, text: str) -> None:
        """Style a paragraph by how it starts: a section heading or a group heading."""
        from lxml import etree

        self.styled = True
        name = None
        if _SECTION_START.match(text):
            name = SECTION_STYLE
        else:
            group = _GROUP_START.match(text)
            if group:
                name = GROUP_STYLES.get(group.group(1).lower())
        if name:
            style = etree.Element(self.qn("w:pStyle"))
            style.set(self.qn("w:val"), style_id(name))
            self._properties().insert(0, style)

    def add(self, op: str, text: str) -> None:
        from lxml import etree

        qn = self.qn
        run = None
        for token in _TOKENS.split(text):
            if not token:
                continue
            if token == "\n\n":
                if op != EQUAL:  # the paragraph mark itself is inserted or struck
                    marks = etree.SubElement(self._properties(), qn("w:rPr"))
                    self._revision(marks, op)
                self._new_paragraph()
                run = None
                continue
            if run is None:
                if not self.styled and token not in ("\n", "\t", "\r"):
                    self._style(token)
                parent = self.paragraph if op == EQUAL else self._revision(self.paragraph, op)
                run = etree.SubElement(parent, qn("w:r"))
            if token == "\n":
                etree.SubElement(run, qn("w:br"))
            elif token == "\t":
                etree.SubElement(run, qn("w:tab"))
            elif token == "\r":
                etree.SubElement(run, qn("w:cr"))
            else:
                element = etree.SubElement(run, qn("w:delText" if op == DELETE else "w:t"))
                element.text = token
                element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def finish(self) -> None:
        if self.sect_pr is not None:  # the section properties stay the body's last child
            self.body.remove(self.sect_pr)
            self.body.append(self.sect_pr)
