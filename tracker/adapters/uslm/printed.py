"""The printed text of USLM markup: the base of the import's fidelity figure.

It is taken without regard to the structure the reader builds, so that anything the reader loses
shows up. The reader also uses it for the text of titles, headings and clauses
(:func:`inline`, :func:`paragraphs`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from tracker.adapters.uslm.markup import (
    BARE_ENUMERATOR,
    INLINE,
    LEVELS,
    QUOTE_MARKS,
    clean,
    inline_text,
    is_struck,
    local_name,
)

#: Blocks that run in after a designation or heading ending in a dash.
RUN_IN_BLOCKS = frozenset({"heading", "content", "chapeau", "text", "p"})


def printed_text(element: etree._Element) -> tuple[str, str, str]:
    """The printed text of an element (one printed block a line), its struck text, its tables of
    contents."""
    printer = Printer()
    printer.walk(element)
    return printer.text(), clean(" ".join(printer.struck)), clean(" ".join(printer.toc))


def inline(element: etree._Element | None) -> str:
    """The printed text of an element holding only inline matter, on one line."""
    if element is None:
        return ""
    return clean(printed_text(element)[0].replace("\n", " "))


def paragraphs(element: etree._Element) -> str:
    """Printed text with a blank line between its paragraphs (``<p>``)."""
    if not any(local_name(child) == "p" for child in element):
        return inline(element)
    return "\n\n".join(printed_text(element)[0].split("\n"))


@dataclass(slots=True)
class Printer:
    """Collects printed text: inline elements run on, block elements start a new line, except where
    GPO prints them run in: a designation or heading ending in a dash runs into the text after it
    (``DIVISION A—AGRICULTURE``, ``(a) In General.—The``), and matter printed straight after a
    quoted block (``”; and``) runs on from it.
    """

    out: list[str] = field(default_factory=list)
    struck: list[str] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    pending: bool = False  # a line break is due before the next text
    run_in: bool = False  # the last block was a designation or heading ending in a dash
    quoted: int = 0  # depth of quoted matter
    bare_num: bool = False  # the last block was a designation alone on its line, like "“(B)"
    fresh: bool = False  # a run-in block has started and printed nothing yet
    fuse_level: bool = False  # the next level runs on from a bare designation

    def emit(self, text: str | None) -> None:
        if not text:
            return
        if self.pending:
            self.out.append("\n")
        self.pending = False
        self.fresh = False
        self.out.append(text)

    def start_block(self, name: str) -> None:
        self.bare_num = False
        if self.fresh:
            pass  # the first block inside a block that runs in, runs in too
        elif (self.run_in and name in RUN_IN_BLOCKS) or (self.fuse_level and name in LEVELS):
            self.pending = False
            self.fresh = True
        else:
            self.pending = True
        self.run_in = False
        self.fuse_level = False

    def end_block(self, name: str) -> None:
        last = self.out[-1] if self.out else ""
        self.run_in = name in ("num", "heading") and last.rstrip().endswith(("—", "–"))
        self.pending = not self.run_in
        self.bare_num = (
            name == "num" and BARE_ENUMERATOR.fullmatch(clean(self._line_tail())) is not None
        )

    def _line_tail(self) -> str:
        """The text emitted since the last line break."""
        tail: list[str] = []
        for piece in reversed(self.out):
            if piece == "\n":
                break
            tail.append(piece)
        return "".join(reversed(tail))

    def walk(self, element: etree._Element) -> None:
        name = local_name(element)
        if not name:
            return
        if is_struck(element):
            self.struck.append(" ".join(element.itertext()))
            return
        if name == "toc" and not self.quoted:
            self.toc.append(" ".join(element.itertext()))
            self.start_block(name)
            self.end_block(name)
            return
        if name == "quotedContent":
            self.quoted += 1
            try:
                self._block(element, name)
            finally:
                self.quoted -= 1
            return
        if name == "br":
            self.pending = True
            return
        if name in INLINE:
            if element.get("role") == "after-quoted-block":
                self.pending = False
                while self.out and not self.out[-1].strip():
                    self.out.pop()
                if self.out:
                    self.out[-1] = self.out[-1].rstrip()
            self.emit(element.text)
            for child in element:
                self.walk(child)
                self.emit(child.tail)
            return
        self._block(element, name)

    def _block(self, element: etree._Element, name: str) -> None:
        self.open_block(element, name)
        for child in element:
            self.walk(child)
            self.after(child)
        self.end_block(name)

    def open_block(self, element: etree._Element, name: str) -> None:
        """Start a block element: its designation fused or not, its leading text (known once its
        first child has started, for a streamed reader)."""
        if self.quoted and self.bare_num and name in LEVELS:
            num = next((c for c in element if local_name(c) == "num"), None)
            num_text = inline_text(num).lstrip() if num is not None else ""
            if num_text and not num_text.startswith(QUOTE_MARKS):
                self.fuse_level = True  # "“(B)" then "(i) ensure": printed "“(B)(i) ensure"
        self.start_block(name)
        text = element.text
        if text and not text.strip():
            first = next((name for name in map(local_name, element) if name), None)
            if first is not None and first not in INLINE:
                text = None  # layout white space between the start tag and a block
        self.emit(text)

    def after(self, child: etree._Element) -> None:
        """The text printed after a child of a block (its tail)."""
        tail = child.tail
        if not tail:
            return
        block = local_name(child) not in INLINE and local_name(child) != "br"
        if block and not tail.strip():
            return  # layout white space between blocks is not printed
        if _fuses(child, tail):
            self.pending = False
        self.emit(tail)

    def drain(self, words: Counter[str]) -> None:
        """Count the words of the lines no later text can change, and let them go (a streamed
        reader keeps no printed text): lines before a line break that non-blank text follows."""
        out = self.out
        cut = None
        seen_text = False
        for index in range(len(out) - 1, -1, -1):
            piece = out[index]
            if piece == "\n" and seen_text:
                cut = index
                break
            if piece.strip():
                seen_text = True
        if cut:
            for line in "".join(out[:cut]).split("\n"):
                words.update(line.replace("\xad", "").split())
            del out[:cut]

    def text(self) -> str:
        lines = (clean(line) for line in "".join(self.out).split("\n"))
        return "\n".join(line for line in lines if line)


def _fuses(child: etree._Element, tail: str) -> bool:
    """Whether text after a block element is printed straight on from it (``”.`` after a quote)."""
    name = local_name(child)
    return bool(tail.strip()) and not tail[0].isspace() and name not in INLINE and name != "br"
