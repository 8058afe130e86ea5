"""A package's instructions applied to its own law: :func:`amend_package`.

The bill's provisions are read in bill order (those listed in bill.yaml, then any not listed, so an
instruction is never lost to a listing problem), parsed into instructions, and applied to the
sections of the package's ``law/`` folder, keyed by citation. Pure: the package is already loaded.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.core.amend.apply import apply_instructions
from tracker.core.amend.model import AmendResult, Instruction, LawText
from tracker.core.amend.parse import parse_provisions
from tracker.core.law import LawSection
from tracker.core.model import Package


def law_texts(sections: Iterable[LawSection]) -> dict[str, LawText]:
    """The law texts the applier takes, by citation (the first file of a citation wins; two files
    for one citation are a BT904 finding already)."""
    texts: dict[str, LawText] = {}
    for section in sorted(sections, key=lambda s: s.path):
        texts.setdefault(
            section.citation,
            LawText(citation=section.citation, act_section=section.act_section, body=section.body),
        )
    return texts


def package_instructions(package: Package) -> tuple[Instruction, ...]:
    """Every amendatory instruction of the package's provisions, in bill order."""
    return parse_provisions(package.all_provisions())


def amend_package(package: Package) -> AmendResult:
    """The package's instructions, in bill order, applied to its ``law/`` sections."""
    return apply_instructions(package_instructions(package), law_texts(package.law))


__all__ = ["amend_package", "law_texts", "package_instructions"]
