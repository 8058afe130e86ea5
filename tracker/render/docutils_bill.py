"""The compiled bill as docutils nodes: section bodies, headings and tables of contents.

A thin renderer over :class:`~tracker.core.compile.CompiledBill`: it decides no numbers and resolves
nothing itself. What depends on where the nodes go is passed in:

- ``inline(text, line)`` turns a run of prose into inline nodes (the site parses it as MyST inline
  Markdown and makes raw HTML inert; plain :func:`text_only` keeps it as text);
- ``link(provision_id, path, label)`` makes the node of a resolved cross-reference (a link to the
  provision's page, or to an anchor on the same page).

Provision text never reaches a block-level parser: fences other than ``bill-toc`` are shown as
literal text, so no directive written in a provision ever runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docutils import nodes

from tracker.core.compile import CompiledBill, CompiledSection, group_heading_line
from tracker.core.enumeration import Block, BlockKind
from tracker.core.numbering import NumberedGroup
from tracker.core.xrefs import REFERENCE, parse_reference, reference_parts

Inline = Callable[[str, int], list[nodes.Node]]
Link = Callable[[str, tuple[str, ...], str], nodes.Node]


def text_only(text: str, line: int) -> list[nodes.Node]:
    """The plain inline renderer: text stays text."""
    return [nodes.Text(text)]


def anchor(provision_id: str, path: Sequence[str] = ()) -> str:
    """The HTML id of a section (``grant-conditions``) or a subdivision (``grant-conditions_b_2``).

    Provision ids never contain ``_``, so the two never collide.

    >>> anchor("grant-conditions", ("b", "2"))
    'grant-conditions_b_2'
    """
    return "_".join((provision_id, *path))


@dataclass(frozen=True, slots=True)
class BodyContext:
    """Where a body is rendered: how prose and references become nodes."""

    compiled: CompiledBill
    inline: Inline
    link: Link
    source_line: int = 1  # file line of the body's first line, for locating problems


def reference_nodes(ctx: BodyContext, target: str) -> nodes.Node:
    """One ``{sec}`` reference: "section 102(b)(2)" or "sections 301 and 302", each number a link;
    the target in brackets when it names nothing."""
    reference = parse_reference(target)
    designations = ctx.compiled.resolve_reference(reference)
    if designations is None:
        return nodes.inline("", f"section [{target}]", classes=["bt-xref", "bt-xref-broken"])
    if len(designations) == 1:
        named = reference.targets[0]
        return ctx.link(named.provision_id or "", named.subdivision.parts, str(designations[0]))
    out = nodes.inline(classes=["bt-xref-list"])
    for text, index in reference_parts(designations, reference.conjunction):
        if index is None:
            out += nodes.Text(text)
        else:
            named = reference.targets[index]
            out += ctx.link(named.provision_id or "", named.subdivision.parts, text)
    return out


def prose_nodes(ctx: BodyContext, text: str, line: int) -> list[nodes.Node]:
    """Prose with its references resolved: references become links, the rest goes to ``inline``."""
    out: list[nodes.Node] = []
    position = 0
    for match in REFERENCE.finditer(text):
        if match.start() > position:
            out += ctx.inline(text[position : match.start()], line)
        out.append(reference_nodes(ctx, match["target"].strip()))
        position = match.end()
    if position < len(text):
        out += ctx.inline(text[position:], line)
    return out


def block_nodes(
    ctx: BodyContext, section: CompiledSection, block: Block, *, anchors: bool = True
) -> list[nodes.Node]:
    """One paragraph of a section body."""
    line = ctx.source_line + block.line - 1
    level_class = f"bt-l{int(block.level)}"
    if block.kind is BlockKind.TOC:
        return [toc_nodes(ctx.compiled, ctx.link)]
    if block.kind is BlockKind.FENCE:
        literal = nodes.literal_block(block.text, block.text, classes=["bt-fence"])
        literal["language"] = "text"
        return [literal]
    if block.kind is BlockKind.QUOTED:
        paragraph = nodes.paragraph(classes=["bt-quoted", level_class])
        for number, text_line in enumerate(block.text.split("\n")):
            if number:
                paragraph += nodes.Text(" ")
            paragraph.extend(prose_nodes(ctx, text_line.strip(), line + number))
        return [paragraph]
    text = " ".join(block.text.split())
    if block.kind is BlockKind.TEXT:
        paragraph = nodes.paragraph(classes=["bt-text", level_class])
        paragraph.extend(prose_nodes(ctx, text, line))
        return [paragraph]
    paragraph = nodes.paragraph(classes=["bt-sub", level_class])
    if anchors:
        paragraph["ids"].append(anchor(section.provision.id, block.path))
    paragraph += nodes.inline("", f"({block.enumerator}) ", classes=["bt-enum"])
    if block.heading:
        paragraph += nodes.inline("", block.heading, classes=["bt-subheading"])
        paragraph += nodes.Text(".—")
    paragraph.extend(prose_nodes(ctx, text, line))
    return [paragraph]


def section_body(
    ctx: BodyContext, section: CompiledSection, *, anchors: bool = True
) -> list[nodes.Node]:
    """Every paragraph of a section's body, indented by level through classes."""
    out: list[nodes.Node] = []
    for block in section.body.blocks:
        out += block_nodes(ctx, section, block, anchors=anchors)
    return out


def toc_nodes(compiled: CompiledBill, link: Link) -> nodes.Element:
    """The table of contents: group headings and ``Sec. 4. Title.`` lines linking to sections."""
    container = nodes.container(classes=["bt-toc"])
    for item in compiled.numbering.items:
        paragraph = nodes.paragraph(classes=[f"bt-toc-d{item.depth}"])
        if isinstance(item, NumberedGroup):
            paragraph["classes"].append("bt-toc-group")
            paragraph += nodes.Text(group_heading_line(item))
        elif item.numbered:
            section = compiled.by_id[item.provision_id]
            paragraph += link(section.provision.id, (), section.toc_line())
        else:
            continue
        container += paragraph
    return container


def group_title(group: NumberedGroup) -> str:
    return group_heading_line(group)


__all__ = [
    "BodyContext",
    "anchor",
    "block_nodes",
    "group_title",
    "prose_nodes",
    "reference_nodes",
    "section_body",
    "text_only",
    "toc_nodes",
]
