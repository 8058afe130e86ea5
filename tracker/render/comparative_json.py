"""The amendment report as JSON (documented in docs/amend-json.md).

``instructions`` (one object per instruction, in bill order), ``summary`` (the counts) and ``laws``
(each amended law section: its base and amended text and the runs of the comparative print, each
change tagged with the instruction that makes it). Pure ASCII (``\\uXXXX`` escapes), so no control
or bidi character from the law or the bill reaches a terminal raw. A thin renderer of the model.
"""

from __future__ import annotations

import json

from tracker.render.comparative_model import ComparativePrint, InstructionRow, LawPrint, runs_json

FORMAT = "billtrack-amend"
VERSION = 1


def render_json(model: ComparativePrint) -> str:
    s = model.summary
    data = {
        "format": FORMAT,
        "version": VERSION,
        "package": model.label,
        "instructions": [_instruction(row) for row in model.rows],
        "summary": {
            "total": s.total,
            "applied": s.applied,
            "failed": s.failed,
            "unparsed": s.unparsed,
            "no_law": s.no_law,
        },
        "laws": [_law(law) for law in model.laws],
    }
    return json.dumps(data, ensure_ascii=True, indent=2) + "\n"


def _instruction(row: InstructionRow) -> dict[str, object]:
    return {
        "id": row.id,
        "path": row.path,
        "line": row.line,
        "citation": row.citation,
        "operations": list(row.operations),
        "status": row.status.value,
        "message": row.message,
        "suggestion": row.suggestion,
        "section": row.section,
        "target": row.target,
    }


def _law(law: LawPrint) -> dict[str, object]:
    return {
        "citation": law.citation,
        "heading": law.heading,
        "act_section": law.act_section,
        "current_through": law.current_through,
        "path": law.path,
        "instructions": [row.id for row in law.rows],
        "base": law.base,
        "amended": law.amended,
        "runs": runs_json(law.runs),
    }
