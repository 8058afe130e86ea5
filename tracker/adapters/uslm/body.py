"""The body of a bill: levels to groups, sections and their blocks.

``division`` ... ``subpart`` become groups; ``chapter``, ``subchapter`` and ``level`` unnumbered
headings over their contents; ``section`` a section, whose subdivisions, text, quoted matter, tables
and appropriations become its flow of blocks. What has no place is recorded as unplaced (with its
source line) rather than dropped; struck matter (``changed="deleted"``) is left out and recorded too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from lxml import etree

from tracker.adapters.uslm.flow import Flow
from tracker.adapters.uslm.markup import (
    HEADED_LEVELS,
    INLINE,
    LEVELS,
    child,
    clean,
    inline_text,
    is_struck,
    local_name,
    raw_inline,
    uslm_tag,
)
from tracker.adapters.uslm.printed import inline
from tracker.core.imported import (
    GROUP_LEVELS,
    SUBDIVISION_LEVELS,
    BlockKind,
    ImportedGroup,
    ImportedItem,
    ImportedSection,
    ImportedText,
    SourceLocation,
    Unplaced,
    join_run_in,
)

EXPORT_ID_PREFIX = "billtrack-"  # @id of a section billtrack exported: "billtrack-<provision id>"

ProgressCallback = Callable[[int, int], None]

_SECTION_NUMBER = re.compile(r"(?:SECTION|SEC\.?|Sec\.?|Section)\s*([0-9]+[A-Za-z0-9-]*)", re.I)
_GROUP_NUMBER = re.compile(r"^[A-Za-z]+\s+([A-Z0-9]+(?:-[A-Z0-9]+)?)")


class BodyReader:
    """Reads the body's elements into items, collecting what could not be placed and notes.

    ``clauses`` maps a section to the resolving clause printed run in before it ("Resolved, That
    ..."), as the front matter found it. ``progress(done, total)`` is called as the body's top-level
    parts are read.
    """

    def __init__(self, source: str, progress: ProgressCallback | None = None) -> None:
        self.source = source
        self.progress = progress
        self.unplaced: list[Unplaced] = []
        self.notes: list[str] = []
        self.clauses: dict[etree._Element, str] = {}

    # -- what has no place -----------------------------------------------------------------

    def location(self, element: etree._Element, path: tuple[str, ...]) -> SourceLocation:
        return SourceLocation(
            source=self.source, line=element.sourceline, path=" / ".join(path) or None
        )

    def unplace(
        self,
        what: str,
        text: str,
        element: etree._Element,
        path: tuple[str, ...],
        reason: str,
    ) -> None:
        self.unplaced.append(
            Unplaced(
                what=what, text=text[:200], location=self.location(element, path), reason=reason
            )
        )

    def struck(self, element: etree._Element, path: tuple[str, ...]) -> None:
        self.unplace(
            f"struck <{local_name(element)}>",
            clean(" ".join(element.itertext())),
            element,
            path,
            'matter struck by an amendment (changed="deleted") is not part of the bill as amended',
        )

    # -- items -------------------------------------------------------------------------------

    def items(
        self, elements: Iterable[etree._Element], *, path: tuple[str, ...]
    ) -> list[ImportedItem]:
        elements = [element for element in elements if local_name(element)]
        items: list[ImportedItem] = []
        top = not path
        total = len(elements)
        for index, element in enumerate(elements):
            items.extend(self._item(element, path))
            if top and self.progress is not None:
                self.progress(index + 1, total)
        return without_empty(items)

    def part(self, element: etree._Element, path: tuple[str, ...]) -> list[ImportedItem]:
        """The items of one element of the body read on its own (a streamed reader's unit)."""
        return without_empty(self._item(element, path))

    def recital(self, recital: etree._Element) -> list[str]:
        """The printed paragraphs of one part of the preamble."""
        flow = Flow()
        self._flow_children(recital, flow, depth=0, path=("preamble",))
        flow.close()
        return [block.printed for block in flow.blocks if block.printed]

    def _item(self, element: etree._Element, path: tuple[str, ...]) -> list[ImportedItem]:
        name = local_name(element)
        if is_struck(element):
            self.struck(element, path)
            return []
        if name in GROUP_LEVELS:
            return [self._group(element, path)]
        if name == "section":
            return [self._section(element, path)]
        if name in ("collection", "component", "main", "amendmentContent"):
            return self.items(element, path=path)
        if name == "toc":
            return [self._text_item(element, path)]
        if name in HEADED_LEVELS:
            return self._headed_level(element, path)
        if name in ("num", "heading", "subheading"):
            # A stray heading between sections: printed as an unnumbered heading.
            return [self._text_item(element, path)]
        if name in ("appropriations", "p", "content", "chapeau", "continuation", "list", "table"):
            return [self._text_item(element, path)]
        if name in ("endMarker",):
            return []
        self.unplace(
            f"<{name}>",
            inline(element),
            element,
            path,
            "an element the importer does not know; its text is kept as unnumbered text",
        )
        return [self._text_item(element, path)]

    def _group(self, element: etree._Element, path: tuple[str, ...]) -> ImportedGroup:
        head, label = self.group_head(element, path)
        inner = [c for c in element if local_name(c) and local_name(c) not in ("num", "heading")]
        contents = self.items(inner, path=(*path, label))
        return replace(head, contents=tuple(contents))

    def group_head(
        self, element: etree._Element, path: tuple[str, ...]
    ) -> tuple[ImportedGroup, str]:
        """A group without its contents (from its ``num`` and ``heading``), and its label in the
        paths of what it contains."""
        kind = local_name(element)
        num_el = child(element, "num")
        heading_el = child(element, "heading")
        num = inline(num_el) or None
        designation = (num_el.get("value") if num_el is not None else None) or None
        if designation is None and num:
            match = _GROUP_NUMBER.match(num)
            designation = match.group(1) if match else None
        heading = inline(heading_el) or None
        label = f"{kind} {designation}" if designation else kind
        group = ImportedGroup(
            kind=kind,
            designation=designation,
            num=num,
            heading=heading,
            contents=(),
            location=self.location(element, path),
        )
        return group, label

    def _headed_level(self, element: etree._Element, path: tuple[str, ...]) -> list[ImportedItem]:
        """A chapter, subchapter or untyped level: its designation and heading become unnumbered
        headings, its text unnumbered text, and its sections join the enclosing group."""
        name = local_name(element)
        items: list[ImportedItem] = []
        flow = Flow()
        num_el = child(element, "num")
        heading_el = child(element, "heading")
        head = join_run_in(
            raw_inline(num_el).rstrip() if num_el is not None else "", inline(heading_el)
        )
        if head:
            flow.open(BlockKind.HEADING, 0, level=name, line=element.sourceline)
            flow.add(head, depth=0, line=element.sourceline)
            flow.close()
        label = f"{name} {num_el.get('value')}" if num_el is not None else name
        for part in element:
            part_name = local_name(part)
            if part_name in ("num", "heading") or not part_name:
                continue
            if part_name in ("section", *GROUP_LEVELS, *HEADED_LEVELS):
                flow.close()
                if flow.blocks:
                    items.append(self._text(flow, element, path))
                    flow = Flow()
                items.extend(self._item(part, (*path, label)))
            elif is_struck(part):
                self.struck(part, path)
            else:
                self._flow_element(part, flow, depth=0, path=(*path, label))
        flow.close()
        if flow.blocks:
            items.append(self._text(flow, element, path))
        if name != "level":
            self.notes.append(
                f"{name} {label.split(' ', 1)[-1]} kept as an unnumbered heading (line "
                f"{element.sourceline}): a bill's manifest groups divisions, titles, subtitles, "
                f"parts and subparts"
            )
        return items

    def _text_item(self, element: etree._Element, path: tuple[str, ...]) -> ImportedText:
        flow = Flow()
        self._flow_element(element, flow, depth=0, path=path)
        flow.close()
        return self._text(flow, element, path)

    def _text(self, flow: Flow, element: etree._Element, path: tuple[str, ...]) -> ImportedText:
        """The closed ``flow`` as unnumbered text, located at ``element``."""
        return ImportedText(blocks=tuple(flow.blocks), location=self.location(element, path))

    def _section(self, element: etree._Element, path: tuple[str, ...]) -> ImportedSection:
        num_el = child(element, "num")
        heading_el = child(element, "heading")
        num = inline(num_el) or None
        designation = (num_el.get("value") or "").strip() if num_el is not None else ""
        if not designation and num:
            match = _SECTION_NUMBER.search(num)
            designation = match.group(1).rstrip(".") if match else ""
        heading = inline(heading_el) or None
        label = f"sec. {designation}" if designation else "section"
        flow = Flow()
        clause = self.clauses.get(element)
        if clause:
            flow.add(clause + " ", depth=0, line=element.sourceline)
        for part in element:
            name = local_name(part)
            if name in ("num", "heading") or not name:
                continue
            self._flow_element(part, flow, depth=0, path=(*path, label))
        flow.close()
        key = element.get("id") or ""
        return ImportedSection(
            designation=designation or None,
            num=num,
            heading=heading,
            blocks=tuple(flow.blocks),
            location=self.location(element, path),
            inline=element.get("class") == "inline" and num is None,
            key=key[len(EXPORT_ID_PREFIX) :] if key.startswith(EXPORT_ID_PREFIX) else None,
        )

    # -- the flow of a section's text ------------------------------------------------------

    def _flow_element(
        self, element: etree._Element, flow: Flow, *, depth: int, path: tuple[str, ...]
    ) -> None:
        """Add one child of a level (or of running text) to the flow."""
        name = local_name(element)
        line = element.sourceline
        if not name:
            return
        if is_struck(element):
            self.struck(element, path)
            return
        if name in INLINE:
            fused = element.get("role") == "after-quoted-block"
            text = self._inline_with_blocks(element, flow, depth=depth, path=path)
            if fused:
                flow.fuse(text)
            else:
                flow.add(text, depth=depth, line=line)
            return
        if name == "br":
            flow.add(" ", depth=depth, line=line)
            return
        if name in SUBDIVISION_LEVELS or (flow.quoted and _is_level(name)):
            self._subdivision(element, flow, depth=depth + 1, path=path)
            return
        if name in ("content", "chapeau", "notes", "listContent"):
            self._flow_children(element, flow, depth=depth, path=path)
            return
        if name == "continuation":
            flow.open(BlockKind.CONTINUATION, depth, level=name, line=line)
            self._flow_children(element, flow, depth=depth, path=path)
            flow.close()
            return
        if name in ("p", "recital", "listItem", "tr", "caption"):
            flow.open(BlockKind.TEXT, depth, level=name, line=line)
            self._flow_children(element, flow, depth=depth, path=path)
            flow.close()
            return
        if name in ("td", "th"):
            flow.add(" ", depth=depth, line=line)
            self._flow_children(element, flow, depth=depth, path=path)
            flow.add(" ", depth=depth, line=line)
            return
        if name in ("table", "tbody", "thead", "tfoot", "colgroup", "list", "col"):
            for part in element:
                self._flow_element(part, flow, depth=depth, path=path)
            flow.close()
            return
        if name == "quotedContent":
            flow.close()
            quoted = Flow(quoted=True)
            self._flow_children(element, quoted, depth=depth, path=path)
            quoted.close()
            flow.blocks.extend(quoted.blocks)
            return
        if name == "toc" and flow.quoted:
            # A table of contents quoted in an amendment is text of the law amended.
            for item in element.iter(uslm_tag("referenceItem")):
                flow.open(BlockKind.QUOTED, depth, level="referenceItem", line=item.sourceline)
                flow.add(inline_text(item), depth=depth, line=item.sourceline)
                flow.close()
            return
        if name == "toc":
            flow.open(BlockKind.TOC, depth, level=name, line=line)
            flow.close()
            return
        if name == "appropriations":
            self._appropriations(element, flow, depth=depth, path=path)
            return
        if name in ("heading", "subheading", "num"):
            flow.open(BlockKind.HEADING, depth, level=name, line=line)
            flow.add(inline(element), depth=depth, line=line)
            flow.close()
            return
        if name == "section" or name in GROUP_LEVELS or name in HEADED_LEVELS:
            # Structure where running text was expected (a section inside <content>): kept as
            # headed text so that nothing is lost.
            self._subdivision(element, flow, depth=depth + 1, path=path)
            return
        self.unplace(
            f"<{name}>",
            inline(element),
            element,
            path,
            "an element the importer does not know; its text is kept as text",
        )
        flow.open(BlockKind.TEXT, depth, level=name, line=line)
        self._flow_children(element, flow, depth=depth, path=path)
        flow.close()

    def _flow_children(
        self, element: etree._Element, flow: Flow, *, depth: int, path: tuple[str, ...]
    ) -> None:
        flow.add(element.text, depth=depth, line=element.sourceline)
        for part in element:
            self._flow_element(part, flow, depth=depth, path=path)
            tail = part.tail
            if not tail:
                continue
            if local_name(part) in INLINE or local_name(part) in ("br", "td", "th"):
                flow.add(tail, depth=depth, line=part.sourceline)
            elif tail.strip() and not tail[0].isspace():
                flow.fuse(tail)
            else:
                flow.add(tail, depth=depth, line=part.sourceline)

    def _inline_with_blocks(
        self, element: etree._Element, flow: Flow, *, depth: int, path: tuple[str, ...]
    ) -> str:
        """The text of an inline element; a block nested in it (rare) is flowed in its place."""
        if all(
            local_name(d) in INLINE or local_name(d) == "br" or not local_name(d)
            for d in element.iterdescendants()
        ):
            return inline_text(element)
        flow.add(element.text, depth=depth, line=element.sourceline)
        for part in element:
            self._flow_element(part, flow, depth=depth, path=path)
            flow.add(part.tail, depth=depth, line=part.sourceline)
        return ""

    def _subdivision(
        self, element: etree._Element, flow: Flow, *, depth: int, path: tuple[str, ...]
    ) -> None:
        name = local_name(element)
        num_el = child(element, "num")
        heading_el = child(element, "heading")
        enumerator = raw_inline(num_el).strip() if num_el is not None else ""
        value = (num_el.get("value") if num_el is not None else None) or None
        heading = inline(heading_el) if heading_el is not None else ""
        kind = BlockKind.SUBDIVISION if name in SUBDIVISION_LEVELS else BlockKind.HEADING
        block_depth = depth
        if name in SUBDIVISION_LEVELS:
            block_depth = SUBDIVISION_LEVELS.index(name) + 1 if not flow.quoted else depth
        heading_runs_in = heading.endswith(("—", "–")) or name in SUBDIVISION_LEVELS
        line = element.sourceline
        if enumerator and not heading_runs_in and heading:
            # "SEC. 5. HEADING." or "TITLE I—HEADING" (quoted structure): a line of its own.
            head = join_run_in(raw_inline(num_el).rstrip(" "), heading)
            flow.open(kind, block_depth, level=name, enumerator=head, value=value, line=line)
            flow.close()
        elif not enumerator and heading and not heading_runs_in:
            flow.open(kind, block_depth, level=name, heading=heading, line=line)
            flow.close()
        else:
            flow.open(
                kind,
                block_depth,
                level=name,
                enumerator=enumerator or None,
                value=value,
                heading=heading or None,
                line=line,
            )
        label = f"({value})" if value else name
        for part in element:
            part_name = local_name(part)
            if part_name in ("num", "heading") or not part_name:
                continue
            self._flow_element(part, flow, depth=block_depth, path=(*path, label))
            tail = part.tail
            if tail and tail.strip():
                if part_name in INLINE:
                    flow.add(tail, depth=block_depth, line=part.sourceline)
                else:
                    flow.fuse(tail)
        flow.close()

    def _appropriations(
        self, element: etree._Element, flow: Flow, *, depth: int, path: tuple[str, ...]
    ) -> None:
        level = element.get("level") or "appropriations"
        heading_el = child(element, "heading")
        if heading_el is not None:
            flow.open(BlockKind.HEADING, depth, level=level, line=heading_el.sourceline)
            flow.add(inline(heading_el), depth=depth, line=heading_el.sourceline)
            flow.close()
        for part in element:
            name = local_name(part)
            if name == "heading" or not name:
                continue
            if name in ("content", "chapeau"):
                flow.open(BlockKind.TEXT, depth, level=name, line=part.sourceline)
                self._flow_children(part, flow, depth=depth, path=path)
                flow.close()
            else:
                self._flow_element(part, flow, depth=depth, path=path)
            tail = part.tail
            if tail and tail.strip():
                flow.fuse(tail)
        flow.close()


def _is_level(name: str) -> bool:
    return name in LEVELS or name in HEADED_LEVELS


def without_empty(items: list[ImportedItem]) -> list[ImportedItem]:
    """Drop runs of unnumbered text that hold nothing (an empty ``<p/>`` or ``<content/>``)."""
    return [item for item in items if not (isinstance(item, ImportedText) and not item.blocks)]
