"""A USLM bill read as a stream: one part of the body alive at a time, for bills of any size.

:func:`stream_uslm` reads the same records as :func:`~tracker.adapters.uslm.reader.read_uslm`, in
document order, and hands them to a :class:`Sink` as they are read (a group opens, an item, the
group closes) instead of building the whole bill: ``lxml.etree.iterparse`` parses the file, and
each child of ``main`` or of a division, title, subtitle, part or subpart (a section, a run of
appropriations text, a chapter) is read whole, handed on, and removed from the tree. The groups
themselves stay open while their contents pass through. So the memory held is the largest such
part plus what the whole bill needs: the list of groups and sections, the counts, and the source's
words counted (not its text).

Two passes: the first collects what the records of the first section already depend on and the
source may print anywhere — the labels of its tables of contents and its short title — clearing
every element as it ends; the second reads. An engrossed amendment (``engrossedAmendment``) is not
streamed: :class:`NotStreamed` says so, and the caller reads it whole.

The output is the same as the whole-tree reader's by construction: both use the same readers of a
section, a group's head, the front matter, the printed text and the counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from lxml import etree

from tracker.adapters.uslm.body import BodyReader
from tracker.adapters.uslm.counts import COUNTED, count_part, toc_labels
from tracker.adapters.uslm.front import FrontReader
from tracker.adapters.uslm.markup import (
    ROOTS,
    USLM_NAMESPACE,
    child,
    clean,
    in_quoted,
    is_struck,
    local_name,
    parser_options,
    syntax_error,
)
from tracker.adapters.uslm.meta import read_meta, version_date
from tracker.adapters.uslm.printed import Printer, inline
from tracker.core.imported import (
    GROUP_LEVELS,
    BlockKind,
    ImportedGroup,
    ImportedItem,
    ImportedMeta,
    ImportedSection,
    Unplaced,
)

#: Elements whose children are read one at a time (the rest are read whole).
STREAMED = frozenset({"main", *GROUP_LEVELS, "collection", "component"})


class NotStreamed(Exception):
    """The document is one the streamed reader does not read (an engrossed amendment)."""


class Sink(Protocol):
    """Receives the body in document order."""

    def open_group(self, group: ImportedGroup) -> None: ...  # its contents follow
    def item(self, item: ImportedItem) -> None: ...  # a section or a run of text
    def close_group(self) -> None: ...


@dataclass(slots=True)
class StreamedBill:
    """What a streamed read keeps of the whole bill: all of :class:`ImportedBill` but the contents
    (handed to the sink) and the printed text (its words counted instead)."""

    meta: ImportedMeta | None = None
    preamble: tuple[str, ...] = ()
    enacting_clause: str | None = None
    unplaced: tuple[Unplaced, ...] = ()
    notes: tuple[str, ...] = ()
    toc_entries: tuple[str, ...] = ()
    version_date: dt.date | None = None
    source_counts: dict[str, int] = field(default_factory=dict)
    level_counts: dict[str, int] = field(default_factory=dict)
    printed_words: Counter[str] = field(default_factory=Counter)
    toc_words: Counter[str] = field(default_factory=Counter)
    struck_words: int = 0


@dataclass(slots=True)
class _Open:
    """An element whose children are being read one at a time."""

    element: etree._Element
    name: str
    path: tuple[str, ...]  # the path of its contents
    parent_path: tuple[str, ...]
    group: bool
    started: bool = False  # its printed text has begun
    announced: bool = False  # the sink has been told the group opened
    done: etree._Element | None = None  # the last child read, whose tail may still be parsing
    done_streamed: bool = False  # that child's own children were read one at a time


def survey(path: Path, *, source: str) -> tuple[tuple[str, ...], str | None]:
    """First pass: the source's table-of-contents labels and its short title."""
    labels: list[str] = []
    short: str | None = None
    open_tocs = 0
    quoted = 0
    with path.open("rb") as stream:
        for event, element in _events(stream, source):
            name = local_name(element)
            if event == "start":
                open_tocs += name == "toc"
                quoted += name == "quotedContent"
                continue
            if name == "quotedContent":
                quoted -= 1
            if name == "toc":
                open_tocs -= 1
                if not open_tocs and not quoted:
                    for toc in element.iter(element.tag):
                        if not in_quoted(toc):
                            labels.extend(toc_labels(toc))
            wanted = name == "shortTitle" and short is None and not quoted
            if wanted and element.get("role") in (None, "act"):
                short = clean("".join(element.itertext())).strip('“”"') or None
            if not open_tocs and element.getparent() is not None:
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    return tuple(labels), short


def stream_uslm(
    path: Path,
    sink: Sink,
    *,
    source: str,
    short_title: str | None,
    toc_entries: tuple[str, ...],
    progress: Callable[[int, int], None] | None = None,
) -> StreamedBill:
    """Second pass: read the bill at ``path``, handing its body to ``sink`` as it is read."""
    reader = _StreamReader(sink, source)
    total = path.stat().st_size
    reported = 0
    with path.open("rb") as stream:
        for event, element in _events(stream, source):
            if event == "start":
                reader.start(element)
            else:
                reader.end(element)
            if progress is not None and reader.read_parts >= reported + 50:
                reported = reader.read_parts
                progress(min(stream.tell(), total), total)
    if progress is not None:
        progress(total, total)
    return reader.finish(short_title, toc_entries)


class _StreamReader:
    def __init__(self, sink: Sink, source: str) -> None:
        self.sink = sink
        self.source = source
        self.reader = BodyReader(source)  # the body's
        self.front_reader = BodyReader(source)  # the front matter's (listed first, as read_uslm)
        self.front = FrontReader(self.front_reader)
        self.reader.clauses = self.front.clauses
        self.printer = Printer()
        self.bill = StreamedBill()
        self.root: etree._Element | None = None
        self.main: etree._Element | None = None
        self.official_title: str | None = None
        self.doc_title: str | None = None
        self.title_seen = False
        self.stack: list[_Open] = []
        self.depth = 0  # inside a part read whole: how deep
        self.read_parts = 0
        self.groups: dict[str, int] = {}
        self.sections: dict[str, int] = {}
        self.texts: dict[str, int] = {}

    # -- events ------------------------------------------------------------------------------

    def start(self, element: etree._Element) -> None:
        if self.root is None:
            self._check_root(element)
            self.root = element
            return
        if self.depth:
            self.depth += 1
            return
        if not self.stack:
            if element.getparent() is self.root and local_name(element) == "main":
                self.main = element
                self.stack.append(_Open(element, "main", (), (), group=False))
            else:
                self.depth = 1  # meta, preface, signatures: kept whole (they are small)
            return
        top = self.stack[-1]
        self._settle(top)
        self._begin(top)
        name = local_name(element)
        if name in STREAMED and not is_struck(element):
            if top.name == "main":
                self.front.feed(element)  # a part of the body: a clause printed before it is its
            if name in COUNTED:
                counts = self.bill.source_counts
                counts[name] = counts.get(name, 0) + 1
            group = name in GROUP_LEVELS
            self.stack.append(_Open(element, name, top.path, top.path, group=group))
        else:
            self.depth = 1

    def end(self, element: etree._Element) -> None:
        if self.depth:
            self.depth -= 1
            if not self.depth and self.stack:
                self.stack[-1].done, self.stack[-1].done_streamed = element, False
            return
        if self.stack and element is self.stack[-1].element:
            closing = self.stack[-1]
            self._settle(closing)
            self._begin(closing)
            self.printer.end_block(closing.name)
            if closing.group:
                self._announce()
                self.sink.close_group()
            self.stack.pop()
            if self.stack:
                self.stack[-1].done, self.stack[-1].done_streamed = element, True
            self.printer.drain(self.bill.printed_words)

    # -- reading a finished child -----------------------------------------------------------

    def _settle(self, holder: _Open) -> None:
        """Read the last finished child of ``holder``: its tail is complete now."""
        part = holder.done
        if part is None:
            return
        holder.done = None
        self.read_parts += 1
        if holder.done_streamed:
            self.printer.after(part)  # its contents were read as they came
        else:
            self.printer.walk(part)
            self.printer.after(part)
            count_part(part, holder.name, self.bill.source_counts)
            self._read(part, holder)
        self.printer.drain(self.bill.printed_words)
        self._collect_printer()
        if holder.group and local_name(part) in ("num", "heading"):
            return  # the group's head, read when the group is announced
        holder.element.remove(part)

    def _read(self, part: etree._Element, holder: _Open) -> None:
        name = local_name(part)
        if holder.name == "main":
            if name == "longTitle" and not self.title_seen:
                self.title_seen = True
                self.official_title = inline(child(part, "officialTitle")) or None
                self.doc_title = inline(child(part, "docTitle")) or None
            if not self.front.feed(part):
                return
        elif holder.group and name in ("num", "heading"):
            return
        if not name:
            return
        self._announce()
        items = self.reader.part(part, holder.path)
        self.front.clauses.pop(part, None)
        for item in items:
            self._count(item)
            self.sink.item(item)

    def _begin(self, holder: _Open) -> None:
        """Start ``holder``'s printed text (its leading text is parsed once a child started)."""
        if not holder.started:
            holder.started = True
            self.printer.open_block(holder.element, holder.name)

    def _announce(self) -> None:
        """Tell the sink of the groups open around what comes next, outermost first."""
        for holder in self.stack:
            if holder.group and not holder.announced:
                holder.announced = True
                group, label = self.reader.group_head(holder.element, holder.parent_path)
                holder.path = (*holder.parent_path, label)
                self._count(group)
                self.sink.open_group(group)

    def _count(self, item: ImportedItem) -> None:
        """The level counts of ``ImportedBill.level_counts``, kept as the records pass."""
        if isinstance(item, ImportedGroup):
            self.groups[item.kind] = self.groups.get(item.kind, 0) + 1
            return
        into = self.sections if isinstance(item, ImportedSection) else self.texts
        if isinstance(item, ImportedSection):
            into["section"] = into.get("section", 0) + 1
        for block in item.blocks:
            if block.kind is BlockKind.SUBDIVISION and block.level:
                into[block.level] = into.get(block.level, 0) + 1

    def _collect_printer(self) -> None:
        printer = self.printer
        for text in printer.toc:
            self.bill.toc_words.update(clean(text).split())
        for text in printer.struck:
            self.bill.struck_words += len(clean(text).split())
        printer.toc.clear()
        printer.struck.clear()

    # -- the whole -------------------------------------------------------------------------

    def _check_root(self, root: etree._Element) -> None:
        kind = local_name(root)
        namespace = etree.QName(root).namespace
        if namespace == USLM_NAMESPACE and kind == "engrossedAmendment":
            raise NotStreamed(kind)
        if namespace != USLM_NAMESPACE or kind not in ROOTS:
            raise NotStreamed(kind)  # the whole-tree reader says what is wrong

    def finish(self, short_title: str | None, toc_entries: tuple[str, ...]) -> StreamedBill:
        root = self.root
        if self.main is None or root is None:
            raise NotStreamed("no main")  # the whole-tree reader says what is wrong
        for line in "".join(self.printer.out).split("\n"):
            self.bill.printed_words.update(line.replace("\xad", "").split())
        self.printer.out.clear()
        self._collect_printer()
        preface = child(root, "preface")
        front = self.front.result([])
        bill = self.bill
        bill.meta = read_meta(
            None,
            child(root, "meta"),
            preface,
            official_title=self.official_title,
            doc_title=self.doc_title,
            enacting=front.enacting,
            short=short_title,
        )
        bill.preamble = front.preamble
        bill.enacting_clause = front.enacting
        bill.unplaced = (*self.front_reader.unplaced, *self.reader.unplaced)
        bill.notes = (*self.front_reader.notes, *self.reader.notes)
        bill.toc_entries = toc_entries
        bill.version_date = version_date(preface)
        counts = dict(self.groups)
        for part in (self.sections, self.texts):
            for name, number in part.items():
                counts[name] = counts.get(name, 0) + number
        bill.level_counts = counts
        return bill


def _events(stream: BinaryIO, source: str) -> Iterator[tuple[str, etree._Element]]:
    """Start and end events of a safe parse (no entities, no DTD, no network)."""
    events = etree.iterparse(stream, events=("start", "end"), **parser_options())
    try:
        yield from events
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, source) from None


__all__ = ["STREAMED", "NotStreamed", "Sink", "StreamedBill", "stream_uslm", "survey"]
