"""A package's instructions applied to its own law: :func:`amend_package`, and what ``check`` says.

The bill's provisions are read in bill order (those listed in bill.yaml, then any not listed, so an
instruction is never lost to a listing problem), parsed into instructions, and applied to the
sections of the package's ``law/`` folder, keyed by citation. Pure: the package is already loaded.

:func:`amend_findings` turns the outcome into ``billtrack check`` findings at each instruction's
line (the clause that names its target):

- BT910 (warning): an instruction the parser does not understand (named, never dropped);
- BT911 (error): an instruction that fails against the law in ``law/`` (quoted text not found, a
  designation taken or missing, enumerators out of sequence...), with why;
- BT912 (error): a U.S. Code citation that does not resolve while the Act section cited beside it
  does: a did-you-mean, never applied;
- BT913 (warning): an instruction amending a section that is not in ``law/``, reported only when the
  package keeps a ``law/`` at all. A bill amending law not saved in ``law/`` is normal (a package
  without ``law/`` gets no BT913), and chapters, titles and tables of sections, which no law file
  holds, are never reported: ``billtrack amend`` lists them as ``no-law``.

These findings come from ``check`` only, never from loading: a bill whose instruction fails is still
a package every command reads (``billtrack amend`` reports the failure itself).
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.core.amend.apply import apply_instructions
from tracker.core.amend.model import (
    AmendResult,
    Instruction,
    InstructionResult,
    LawText,
    Status,
    TargetKind,
)
from tracker.core.amend.parse import parse_provisions
from tracker.core.errors import Finding, Severity
from tracker.core.law import LawSection, normalize_body
from tracker.core.model import Package


def law_texts(sections: Iterable[LawSection]) -> dict[str, LawText]:
    """The law texts the applier takes, by citation (the first file of a citation wins; two files
    for one citation are a BT904 finding already)."""
    texts: dict[str, LawText] = {}
    for section in sorted(sections, key=lambda s: s.path):
        texts.setdefault(
            section.citation,
            LawText(
                citation=section.citation,
                act_section=section.act_section,
                body=normalize_body(section.body),  # the text the recorded hash is of
            ),
        )
    return texts


def package_instructions(package: Package) -> tuple[Instruction, ...]:
    """Every amendatory instruction of the package's provisions, in bill order."""
    return parse_provisions(package.all_provisions())


def amend_package(package: Package) -> AmendResult:
    """The package's instructions, in bill order, applied to its ``law/`` sections."""
    return apply_instructions(package_instructions(package), law_texts(package.law))


def amend_findings(package: Package, result: AmendResult | None = None) -> list[Finding]:
    """The BT910-BT913 findings of the package's instructions (see the module docstring)."""
    result = result if result is not None else amend_package(package)
    laws = {section.citation for section in package.law}
    findings: list[Finding] = []
    for item in result.results:
        finding = _finding(item, laws)
        if finding is not None:
            findings.append(finding)
    return findings


def _finding(item: InstructionResult, laws: set[str]) -> Finding | None:
    instruction = item.instruction
    where = f"instruction {instruction.id}"
    suggestion = f"{item.suggestion} (offered, never applied); " if item.suggestion else ""
    if item.status is Status.UNPARSED:
        return _at(
            "BT910",
            Severity.WARNING,
            instruction,
            f"{where} is not understood: {item.message}",
            "write it in a form of the House Legislative Counsel's Manual ('is amended by "
            "striking ... and inserting ...'); 'billtrack amend' lists what it reads",
        )
    if item.status is Status.FAILED:
        if instruction.citation is not None and instruction.citation not in laws:
            return _at(
                "BT912",
                Severity.ERROR,
                instruction,
                f"{where}: {item.message}",
                f"{suggestion}correct the U.S.C. citation in the bill",
            )
        return _at(
            "BT911",
            Severity.ERROR,
            instruction,
            f"{where} fails to apply to {instruction.citation}: {item.message}",
            f"{suggestion}correct the instruction against the text in law/, or record the law's "
            "current text with 'billtrack law add SOURCE --force'",
        )
    target = instruction.target
    if (
        item.status is Status.NO_LAW
        and laws
        and target is not None
        and target.kind is TargetKind.SECTION
    ):
        cited = target.citation or target.text
        return _at(
            "BT913",
            Severity.WARNING,
            instruction,
            f"{where} amends {cited}, which is not in law/, so it is not checked or shown in the "
            "comparative print",
            "add the section with 'billtrack law add SOURCE' (amending law not saved in law/ is "
            "allowed: this is only a warning)",
        )
    return None


def _at(
    code: str, severity: Severity, instruction: Instruction, message: str, hint: str
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        path=instruction.path,
        line=instruction.line,
        message=message,
        hint=hint,
    )


__all__ = ["amend_findings", "amend_package", "law_texts", "package_instructions"]
