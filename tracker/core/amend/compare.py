"""Two versions of a bill's amendments compared: which instructions changed, and what that does to
the law.

:func:`compare_amendments` takes the :class:`~tracker.core.amend.model.AmendResult` of each version
(and the base law texts each version held) and gives an :class:`AmendmentComparison`:

- :class:`InstructionChange` per instruction added, removed or changed, matched by id
  (``<provision>/<path>``); changed means its :func:`wording` (white space aside), its operations
  or its outcome (applied, failed, unparsed, no-law) differ. Its ``runs`` are the word redline of
  the wording, by the redline engine (:func:`~tracker.core.redline.diff_text`), exact as every
  redline is: the equal and delete runs give the old wording, the equal and insert runs the new;
- :class:`LawRedline` per law section that would read differently: the redline between the section
  as amended under the old version and as amended under the new one (a section no instruction of a
  version touches reads as its base text in that version, or is absent when that version's ``law/``
  lacks it). Only sections some instruction of either version touches are compared.

Instruction changes are listed in the new version's bill order, then the removed ones in the old
version's order. Pure: records in, records out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from tracker.core.amend.model import AmendResult, Instruction, InstructionResult, Operation
from tracker.core.redline import DELETE, INSERT, Run, count_changed_words, diff_text


class InstructionChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True, kw_only=True)
class InstructionChange:
    """One instruction that differs between the versions; ``old`` or ``new`` is None when it is
    absent there. ``runs`` redline its text from old to new."""

    id: str
    kind: InstructionChangeKind
    old: InstructionResult | None
    new: InstructionResult | None
    runs: tuple[Run, ...]

    @property
    def provision(self) -> str:
        return (self.new or self.old).instruction.provision  # type: ignore[union-attr]

    @property
    def citation(self) -> str | None:
        return (self.new or self.old).instruction.citation  # type: ignore[union-attr]

    @property
    def text_changed(self) -> bool:
        return any(op != "equal" for op, _ in self.runs)

    @property
    def status_changed(self) -> bool:
        return (self.old.status if self.old else None) != (self.new.status if self.new else None)


@dataclass(frozen=True, slots=True, kw_only=True)
class LawRedline:
    """One law section as amended under the old version against the same under the new.

    ``in_old``/``in_new`` say whether the version had the section at all; ``old_instructions`` and
    ``new_instructions`` are the ids of the instructions that changed it in each version, and
    ``provisions`` the provisions those instructions are in.
    """

    citation: str
    runs: tuple[Run, ...]
    in_old: bool
    in_new: bool
    old_instructions: tuple[str, ...]
    new_instructions: tuple[str, ...]
    provisions: tuple[str, ...] = ()

    @property
    def old_text(self) -> str:
        return "".join(text for op, text in self.runs if op != INSERT)

    @property
    def new_text(self) -> str:
        return "".join(text for op, text in self.runs if op != DELETE)

    @property
    def words(self) -> tuple[int, int]:
        """(words struck, words inserted), counted as the redline counts them."""
        return count_changed_words(self.runs)


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendmentComparison:
    """What changed in a bill's amendments of existing law between two versions."""

    old_label: str
    new_label: str
    instructions: tuple[InstructionChange, ...]
    laws: tuple[LawRedline, ...]

    @property
    def is_empty(self) -> bool:
        return not self.instructions and not self.laws

    def count(self, kind: InstructionChangeKind) -> int:
        return sum(1 for change in self.instructions if change.kind is kind)

    def select(self, provisions: Iterable[str]) -> AmendmentComparison:
        """Only the instructions of ``provisions`` (ids), and the law sections they touch."""
        wanted = set(provisions)
        changes = tuple(c for c in self.instructions if c.provision in wanted)
        laws = tuple(law for law in self.laws if wanted & set(law.provisions))
        return AmendmentComparison(
            old_label=self.old_label, new_label=self.new_label, instructions=changes, laws=laws
        )


def compare_amendments(
    old: AmendResult,
    new: AmendResult,
    *,
    old_law: Mapping[str, str] | None = None,
    new_law: Mapping[str, str] | None = None,
    old_label: str = "",
    new_label: str = "",
) -> AmendmentComparison:
    """Compare two versions' amendments; ``old_law``/``new_law`` are each version's base law texts
    by citation (for sections that version's instructions do not touch)."""
    return AmendmentComparison(
        old_label=old_label,
        new_label=new_label,
        instructions=_instruction_changes(old, new),
        laws=_law_redlines(old, new, old_law or {}, new_law or {}),
    )


def wording(instruction: Instruction) -> str:
    """The instruction's words as the bill states them: the clause naming its target, then the
    clause of each operation (once each) and the quoted matter it inserts when that stands in
    paragraphs of its own, blank lines between."""
    parts = [instruction.text]
    lines = {instruction.line}
    for op in instruction.operations:
        if op.line not in lines and op.text:
            parts.append(op.text)
            lines.add(op.line)
        if op.insert and op.insert not in op.text:
            parts.append(op.insert)
    return "\n\n".join(parts)


def _same_operations(old: Instruction, new: Instruction) -> bool:
    def plain(ops: tuple[Operation, ...]) -> list[Operation]:
        return [replace(op, line=0, text=" ".join(op.text.split())) for op in ops]

    return plain(old.operations) == plain(new.operations)


def _instruction_changes(old: AmendResult, new: AmendResult) -> tuple[InstructionChange, ...]:
    before = {result.instruction.id: result for result in old.results}
    after = {result.instruction.id: result for result in new.results}
    changes: list[InstructionChange] = []
    for ident, result in after.items():
        previous = before.get(ident)
        if previous is None:
            runs: tuple[Run, ...] = ((INSERT, wording(result.instruction)),)
            changes.append(
                InstructionChange(
                    id=ident, kind=InstructionChangeKind.ADDED, old=None, new=result, runs=runs
                )
            )
            continue
        old_text, new_text = wording(previous.instruction), wording(result.instruction)
        same_words = " ".join(old_text.split()) == " ".join(new_text.split())
        same_ops = _same_operations(previous.instruction, result.instruction)
        if same_words and same_ops and previous.status == result.status:
            continue
        changes.append(
            InstructionChange(
                id=ident,
                kind=InstructionChangeKind.CHANGED,
                old=previous,
                new=result,
                runs=tuple(diff_text(old_text, new_text)),
            )
        )
    changes.extend(
        InstructionChange(
            id=ident,
            kind=InstructionChangeKind.REMOVED,
            old=result,
            new=None,
            runs=((DELETE, wording(result.instruction)),),
        )
        for ident, result in before.items()
        if ident not in after
    )
    return tuple(changes)


def _law_redlines(
    old: AmendResult, new: AmendResult, old_law: Mapping[str, str], new_law: Mapping[str, str]
) -> tuple[LawRedline, ...]:
    citations = list(dict.fromkeys([*new.laws, *old.laws]))
    out: list[LawRedline] = []
    for citation in citations:
        before = _reads(old, old_law, citation)
        after = _reads(new, new_law, citation)
        if before == after:
            continue
        out.append(
            LawRedline(
                citation=citation,
                runs=tuple(diff_text(before or "", after or "")),
                in_old=before is not None,
                in_new=after is not None,
                old_instructions=_ids(old, citation),
                new_instructions=_ids(new, citation),
                provisions=_provisions(old, new, citation),
            )
        )
    return tuple(out)


def _reads(result: AmendResult, law: Mapping[str, str], citation: str) -> str | None:
    """The section as that version would have it read: amended, else its base, else absent."""
    changes = result.laws.get(citation)
    if changes is not None:
        return changes.amended
    return law.get(citation)


def _ids(result: AmendResult, citation: str) -> tuple[str, ...]:
    changes = result.laws.get(citation)
    return changes.instructions if changes is not None else ()


def _provisions(old: AmendResult, new: AmendResult, citation: str) -> tuple[str, ...]:
    ids = {*_ids(old, citation), *_ids(new, citation)}
    return tuple(
        dict.fromkeys(
            result.instruction.provision
            for result in (*new.results, *old.results)
            if result.instruction.id in ids
        )
    )
