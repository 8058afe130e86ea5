"""The words every redline format uses for the amendments part of ``billtrack diff``.

:class:`~tracker.core.amend.compare.AmendmentComparison` says which instructions changed between the
versions and how each law section would read differently; the terminal, Markdown, HTML and JSON
renderers (``redline_term``, ``redline_markdown``, ``redline_html``, ``redline_json``) format it
with the labels here, so the formats agree.
"""

from __future__ import annotations

from typing import Any

from tracker.core.amend.compare import (
    AmendmentComparison,
    InstructionChange,
    InstructionChangeKind,
    LawRedline,
)

TITLE = "Changes in existing law"


def amendments_line(comparison: AmendmentComparison) -> str:
    """``instructions: 1 added, 2 changed, 0 removed; 2 law sections read differently``."""
    counts = ", ".join(
        f"{comparison.count(kind)} {kind}"
        for kind in (
            InstructionChangeKind.ADDED,
            InstructionChangeKind.CHANGED,
            InstructionChangeKind.REMOVED,
        )
    )
    laws = len(comparison.laws)
    noun = "law section reads" if laws == 1 else "law sections read"
    return f"instructions: {counts}; {laws} {noun} differently"


def change_title(change: InstructionChange) -> str:
    """``sec-101/(1) (18 U.S.C. 242)``."""
    return f"{change.id} ({change.citation})" if change.citation else change.id


def change_detail(change: InstructionChange) -> str:
    """What happened to it: ``added, applied``; ``changed: text; applied -> failed: why``."""
    old, new = change.old, change.new
    if change.kind is InstructionChangeKind.ADDED and new is not None:
        return f"added, {new.status}{_why(new.message)}"
    if change.kind is InstructionChangeKind.REMOVED and old is not None:
        return f"removed, was {old.status}"
    assert old is not None and new is not None
    parts = ["text"] if change.text_changed else []
    if change.status_changed:
        parts.append(f"{old.status} -> {new.status}{_why(new.message)}")
    elif new.message:
        parts.append(f"{new.status}{_why(new.message)}")
    return "changed: " + "; ".join(parts)


def _why(message: str) -> str:
    return f": {' '.join(message.split())}" if message else ""


def law_title(law: LawRedline) -> str:
    """``18 U.S.C. 242 as amended`` (or added to / dropped from the package's law)."""
    if not law.in_old:
        return f"{law.citation} (not in the old version's law/)"
    if not law.in_new:
        return f"{law.citation} (not in the new version's law/)"
    return f"{law.citation} as amended"


def law_detail(law: LawRedline) -> str:
    struck, inserted = law.words
    return f"{inserted} {'word' if inserted == 1 else 'words'} inserted, {struck} struck"


def amendments_dict(comparison: AmendmentComparison, *, runs: bool = True) -> dict[str, Any]:
    """The ``amendments`` key of the redline JSON (docs/redline-json.md)."""
    return {
        "summary": {
            "instructions": {str(kind): comparison.count(kind) for kind in InstructionChangeKind},
            "laws": len(comparison.laws),
        },
        "instructions": [_change_dict(change, runs=runs) for change in comparison.instructions],
        "laws": [_law_dict(law, runs=runs) for law in comparison.laws],
    }


def _side(change: InstructionChange, which: str) -> dict[str, Any] | None:
    result = change.old if which == "old" else change.new
    if result is None:
        return None
    instruction = result.instruction
    return {
        "path": instruction.path,
        "line": instruction.line,
        "citation": instruction.citation,
        "status": str(result.status),
        "message": result.message,
    }


def _change_dict(change: InstructionChange, *, runs: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": change.id,
        "provision": change.provision,
        "kind": str(change.kind),
        "old": _side(change, "old"),
        "new": _side(change, "new"),
        "text_changed": change.text_changed,
        "status_changed": change.status_changed,
    }
    if runs:
        data["runs"] = [list(run) for run in change.runs]
    return data


def _law_dict(law: LawRedline, *, runs: bool) -> dict[str, Any]:
    struck, inserted = law.words
    data: dict[str, Any] = {
        "citation": law.citation,
        "in_old": law.in_old,
        "in_new": law.in_new,
        "old_instructions": list(law.old_instructions),
        "new_instructions": list(law.new_instructions),
        "words": {"inserted": inserted, "struck": struck},
    }
    if runs:
        data["runs"] = [list(run) for run in law.runs]
    return data
