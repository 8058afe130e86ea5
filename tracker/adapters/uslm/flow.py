"""A section's text as it is read: a flow of :class:`Block` records in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tracker.adapters.uslm.markup import BARE_ENUMERATOR, QUOTE_MARKS, clean
from tracker.core.imported import Block, BlockKind


@dataclass(slots=True)
class Flow:
    """Builds a section's blocks: inline text accumulates in the open block, blocks close it.

    In a flow of quoted matter (``quoted``) every block is quoted, and a paragraph that opens with
    no quotation mark runs on from the one before it.
    """

    quoted: bool = False
    blocks: list[Block] = field(default_factory=list)
    kind: BlockKind | None = None
    depth: int = 0
    level: str | None = None
    enumerator: str | None = None
    value: str | None = None
    heading: str | None = None
    line: int | None = None
    parts: list[str] = field(default_factory=list)

    def open(
        self,
        kind: BlockKind,
        depth: int,
        *,
        level: str | None = None,
        enumerator: str | None = None,
        value: str | None = None,
        heading: str | None = None,
        line: int | None = None,
    ) -> None:
        self.close()
        if self.quoted and kind is not BlockKind.TOC:
            kind = BlockKind.QUOTED
        self.kind, self.depth, self.level = kind, depth, level
        self.enumerator, self.value, self.heading, self.line = enumerator, value, heading, line
        self.parts = []

    def add(self, text: str | None, *, depth: int, line: int | None) -> None:
        if not text:
            return
        if self.kind is None:
            if not text.strip():
                return
            self.open(BlockKind.TEXT, depth, line=line)
        self.parts.append(text)

    def fuse(self, text: str | None) -> None:
        """Text printed straight on after a block (``; and`` after a quoted block)."""
        if not text or not text.strip():
            return
        if self.kind is not None:
            self.parts.append(text)
            return
        if not self.blocks:
            self.add(text, depth=0, line=None)
            return
        last = self.blocks[-1]
        self.blocks[-1] = replace(last, text=clean(last.text + text))

    def close(self) -> None:
        if self.kind is None:
            return
        text = clean("".join(self.parts))
        if text or self.enumerator or self.heading or self.kind is BlockKind.TOC:
            block = Block(
                kind=self.kind,
                depth=self.depth,
                text=text,
                level=self.level,
                enumerator=self.enumerator,
                value=self.value,
                heading=self.heading,
                line=self.line,
            )
            if self.quoted and self.blocks and not block.printed.startswith(QUOTE_MARKS):
                # Quoted matter prints an opening quotation mark at the start of each paragraph;
                # what has none runs on from the paragraph before: "“(B)(i) ensure", a table row.
                last = self.blocks[-1]
                self.blocks[-1] = replace(
                    last,
                    text=_run_on(last.printed, block.printed),
                    enumerator=None,
                    heading=None,
                )
            else:
                self.blocks.append(block)
        self.kind = None
        self.parts = []


def _run_on(before: str, after: str) -> str:
    """Join quoted text that runs on: straight after a bare enumerator (``“(B)(i)``), else with a
    space."""
    if BARE_ENUMERATOR.fullmatch(before):
        return before + after
    return f"{before} {after}"
