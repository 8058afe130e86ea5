"""The compiled bill: numbered sections with resolved references, as text units, plain text or Markdown.

This is what drafts, redlines and the site are built on. Compilation never fails: a broken reference
renders as its target in brackets (``section [missing-id]``) and ``billtrack check`` reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from tracker.core.enumeration import BlockKind, Level, ParsedBody, parse_body
from tracker.core.ids import Designation
from tracker.core.model import DROPPED_STATUS, Bill, Package, Provision
from tracker.core.numbering import NumberedGroup, NumberedSection, Numbering, number_bill
from tracker.core.units import TextUnit, UnitKind
from tracker.core.xrefs import REFERENCE, Reference, Target, parse_reference, reference_parts


@dataclass(frozen=True, slots=True, kw_only=True)
class CompiledSection:
    provision: Provision
    numbered: NumberedSection
    body: ParsedBody

    @property
    def designation(self) -> str:
        return self.numbered.designation

    @property
    def label(self) -> str:
        """``SECTION 1.`` for the first section of a bill (or division), ``SEC. 4.`` otherwise;
        empty for unnumbered matter."""
        if not self.numbered.numbered:
            return ""
        first = self.numbered.index == 0 or self.designation == "1"
        return f"{'SECTION' if first else 'SEC.'} {self.designation}."

    def toc_line(self, *, number: str | None = None) -> str:
        """``Sec. 4. Title.``, as the bill's table of contents prints the section."""
        return toc_line(self.provision.title, number or self.designation)

    @property
    def heading_line(self) -> str:
        """The heading as printed; empty for unnumbered matter without a heading."""
        if not self.numbered.numbered:
            return self.provision.title.strip()
        title = self.provision.title.strip()
        return f"{self.label} {heading_caps(title)}" if title else self.label


def toc_line(title: str, number: str) -> str:
    """``Sec. 4. Title.``, as the bill's table of contents prints a section."""
    shown = toc_title(title) if title.strip() else ""
    return f"Sec. {number}. {shown}".rstrip()


def heading_caps(title: str) -> str:
    """A section heading as printed: upper case, ending with one period."""
    text = title.strip().rstrip(".").upper()
    return f"{text}."


def toc_title(title: str) -> str:
    text = title.strip().rstrip(".")
    return f"{text[:1].upper()}{text[1:]}."


class CompiledBill:
    """A package's bill, numbered, with the bodies read into their hierarchy.

    ``paths`` (the subdivisions of each provision's body, by id) is for a caller that keeps no
    bodies (an imported omnibus checked as it is read back: the package's provisions have empty
    bodies): references resolve against it, and the sections, with their bodies, are handed to
    :meth:`plain_parts` and the checks one at a time instead of being read from ``package``.
    """

    def __init__(
        self, package: Package, *, paths: Mapping[str, frozenset[tuple[str, ...]]] | None = None
    ) -> None:
        self.package = package
        self.paths = paths
        bill = package.bill
        dropped = frozenset(
            pid for pid, p in package.provisions.items() if p.status == DROPPED_STATUS
        )
        missing = (
            frozenset(bill.provision_ids) - frozenset(package.provisions) if bill else frozenset()
        )
        self.numbering: Numbering = (
            number_bill(bill, omit=dropped | missing) if bill else Numbering(items=(), sections={})
        )

    @cached_property
    def sections(self) -> tuple[CompiledSection, ...]:
        if self.paths is not None:
            raise ValueError("a bill compiled without its bodies hands its sections in")
        return tuple(
            CompiledSection(
                provision=self.package.provisions[item.provision_id],
                numbered=item,
                body=parse_body(self.package.provisions[item.provision_id].body),
            )
            for item in self.numbering.items
            if isinstance(item, NumberedSection)
        )

    @cached_property
    def by_id(self) -> Mapping[str, CompiledSection]:
        return {section.provision.id: section for section in self.sections}

    @cached_property
    def numbered_by_id(self) -> Mapping[str, NumberedSection]:
        """Each section's numbering by provision id (that of :attr:`by_id`'s section: a provision
        listed twice is numbered as listed last)."""
        return {
            item.provision_id: item
            for item in self.numbering.items
            if isinstance(item, NumberedSection)
        }

    def subdivision_paths(self, provision_id: str) -> frozenset[tuple[str, ...]]:
        """The subdivisions of a section's body (``('b', '2')``...)."""
        if self.paths is not None:
            return self.paths.get(provision_id, frozenset())
        return self.by_id[provision_id].body.paths

    def resolve_target(self, target: Target) -> Designation | None:
        """The designation one target names, or None when it names nothing."""
        section = self.numbered_by_id.get(target.provision_id or "")
        if section is None or not section.numbered:
            return None
        paths = self.subdivision_paths(section.provision_id)
        if target.subdivision and target.subdivision.parts not in paths:
            return None
        return Designation(section.designation, target.subdivision)

    def resolve_reference(self, reference: Reference) -> list[Designation] | None:
        """The designations a reference names, or None when any of its targets names nothing."""
        found = [self.resolve_target(target) for target in reference.targets]
        if any(designation is None for designation in found):
            return None
        return [designation for designation in found if designation is not None]

    def resolve(self, text: str) -> Designation | None:
        """The designation a one-target reference (``grant-conditions(b)``) names, or None."""
        reference = parse_reference(text)
        designations = self.resolve_reference(reference)
        return designations[0] if designations and len(designations) == 1 else None

    def render_reference(self, reference: Reference) -> str:
        """What a reference reads as: "section 103(b)", "sections 301 and 302"."""
        designations = self.resolve_reference(reference)
        if designations is None:
            return f"section [{reference.target}]"
        return "".join(text for text, _ in reference_parts(designations, reference.conjunction))

    def resolve_text(self, text: str, *, canonical: bool = False) -> str:
        """Replace every reference in ``text`` with what it renders as."""

        def render(match: re.Match[str]) -> str:
            target = match.group("target").strip()
            if canonical:
                return f"section ⟨{target}⟩"
            return self.render_reference(parse_reference(target))

        return REFERENCE.sub(render, text)

    # Rendering -------------------------------------------------------------------------------

    def toc_lines(self, *, canonical: bool = False) -> list[tuple[int, str]]:
        """The table of contents as (depth, line) pairs."""
        lines: list[tuple[int, str]] = []
        for item in self.numbering.items:
            if isinstance(item, NumberedGroup):
                lines.append((item.depth, group_heading_line(item)))
            elif item.numbered:
                numbered = self.numbered_by_id[item.provision_id]
                title = self.package.provisions[item.provision_id].title
                number = "⟨⟩" if canonical else numbered.designation
                lines.append((item.depth, toc_line(title, number)))
        return lines

    def section_body(
        self, section: CompiledSection, *, markdown: bool, canonical: bool = False
    ) -> str:
        paragraphs: list[str] = []
        for block in section.body.blocks:
            if block.kind is BlockKind.TOC:
                lines = self.toc_lines(canonical=canonical)
                if markdown:
                    paragraphs.append("\\\n".join(line for _, line in lines))
                else:
                    indent = "  " * (len(block.path) + 1)
                    paragraphs.append("\n".join(indent + "  " * d + line for d, line in lines))
                continue
            if block.kind is BlockKind.FENCE:
                paragraphs.append(block.text)
                continue
            text = (
                " ".join(block.text.split()) if block.kind is not BlockKind.QUOTED else block.text
            )
            text = self.resolve_text(text, canonical=canonical)
            if block.kind is BlockKind.SUBDIVISION:
                heading = f"{block.heading}.—" if block.heading else ""
                if markdown and block.heading:
                    heading = f"*{block.heading}*.—"
                text = f"({block.enumerator}) {heading}{text}"
            paragraphs.append(text if markdown else "  " * len(block.path) + text)
        return "\n\n".join(paragraphs)

    def unit_for_section(self, section: CompiledSection) -> TextUnit:
        title = section.provision.title.strip()
        heading = heading_caps(title) if title and section.numbered.numbered else title
        canonical_body = self.section_body(section, markdown=False, canonical=True)
        head = f"{section.heading_line}\n\n" if section.heading_line else ""
        canonical_head = f"SEC. {heading}\n\n" if section.numbered.numbered else head
        return TextUnit(
            key=section.provision.id,
            kind=UnitKind.SECTION,
            designation=section.designation,
            heading=heading,
            text=self.section_plain(section),
            canonical=f"{canonical_head}{canonical_body}\n",
        )

    def section_plain(self, section: CompiledSection) -> str:
        """A section's plain text: its heading line, then its body."""
        head = f"{section.heading_line}\n\n" if section.heading_line else ""
        return f"{head}{self.section_body(section, markdown=False)}\n"

    def preamble_plain(self) -> str:
        bill = self.package.bill
        if bill is None:
            return ""
        lines = congress_and_session(bill, upper=True)
        lines += ["", bill.document_title, ""]
        if bill.official_title:
            lines += [bill.official_title, ""]
        for recital in bill.preamble:
            lines += [recital, ""]
        lines.append(bill.enacting_text)
        return "\n".join(lines) + "\n"

    def units(self) -> tuple[TextUnit, ...]:
        """The bill as text units: the preamble, each group heading, each section."""
        preamble = self.preamble_plain()
        units = [
            TextUnit(
                key="preamble",
                kind=UnitKind.PREAMBLE,
                designation="",
                heading="",
                text=preamble,
                canonical=preamble,
            )
        ]
        for item in self.numbering.items:
            if isinstance(item, NumberedGroup):
                line = group_heading_line(item)
                units.append(
                    TextUnit(
                        key=item.key,
                        kind=UnitKind.GROUP,
                        designation=item.label,
                        heading=item.heading,
                        text=line + "\n",
                        canonical=f"{item.kind.upper()}—{item.heading}\n",
                    )
                )
            else:
                units.append(self.unit_for_section(self.by_id[item.provision_id]))
        return tuple(units)

    def plain(self) -> str:
        return "\n".join(self.plain_parts())

    def plain_parts(self, sections: Iterable[CompiledSection] | None = None) -> Iterator[str]:
        """The plain text a unit at a time (the preamble, each group heading, each section), as
        :meth:`plain` joins it. ``sections`` are :attr:`sections` (the default), handed in one
        at a time by a caller that does not keep them all."""
        yield self.preamble_plain()
        given = iter(self.sections if sections is None else sections)
        for item in self.numbering.items:
            if isinstance(item, NumberedGroup):
                yield group_heading_line(item) + "\n"
                continue
            section = next(given)
            numbered = self.numbered_by_id[item.provision_id]
            if section.numbered is not numbered:  # listed twice: printed as :attr:`by_id` has it
                section = replace(section, numbered=numbered)
            yield self.section_plain(section)

    def markdown(self) -> str:
        bill = self.package.bill
        if bill is None:
            return ""
        out = [f"# {bill.short_title or 'A Bill'}", ""]
        session = congress_and_session(bill)
        if session:
            out += [", ".join(session), ""]
        out += [f"**{bill.document_title}**", ""]
        if bill.official_title:
            out += [f"*{bill.official_title}*", ""]
        for recital in bill.preamble:
            out += [recital, ""]
        out += [bill.enacting_text, ""]
        for item in self.numbering.items:
            marks = "#" * min(item.depth + 2, 6)
            if isinstance(item, NumberedGroup):
                out += [f"{marks} {group_heading_line(item)}", ""]
            else:
                section = self.by_id[item.provision_id]
                if section.heading_line:
                    out += [f"{marks} {section.heading_line}", ""]
                out += [self.section_body(section, markdown=True), ""]
        return "\n".join(out)


def group_heading_line(group: NumberedGroup) -> str:
    heading = (
        group.heading.upper() if group.kind in ("division", "title", "part") else group.heading
    )
    return f"{group.label}—{heading}"


def congress_and_session(bill: Bill, *, upper: bool = False) -> list[str]:
    """``["119th Congress", "2d Session"]`` as far as the bill records them (``CONGRESS`` as the
    cover of a print sets it, with ``upper``)."""
    lines = []
    if bill.congress:
        lines.append(f"{ordinal_word(bill.congress)} {'CONGRESS' if upper else 'Congress'}")
    if bill.session:
        lines.append(f"{ordinal_word(bill.session, short=True)} Session")
    return lines


def ordinal_word(number: int, *, short: bool = False) -> str:
    """``119th`` (or ``2d``/``3d`` in the short form GPO prints for sessions)."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "d" if short else "nd", 3: "d" if short else "rd"}.get(
            number % 10, "th"
        )
    return f"{number}{suffix}"


def compile_bill(package: Package) -> CompiledBill:
    return CompiledBill(package)


def bill_units(package: Package) -> tuple[TextUnit, ...]:
    return CompiledBill(package).units()


def render_plain(package: Package) -> str:
    return CompiledBill(package).plain()


def render_markdown(package: Package) -> str:
    return CompiledBill(package).markdown()


RENDERERS: Mapping[str, Callable[[Package], str]] = {"md": render_markdown, "plain": render_plain}

__all__ = ["Level"]
