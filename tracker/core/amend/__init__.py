"""Amending existing law: amendatory instructions parsed into data and applied to the law's text.

A bill's provisions carry instructions ("Section 501 of title I of the Omnibus Crime Control and Safe
Streets Act of 1968 (34 U.S.C. 10152) is amended— (1) in subsection (a)(1), by striking ‘‘and’’ at
the end; ..."). The package reads them, applies them in bill order to the law texts, and keeps every
change as a run of a comparative print (House, Ramseyer convention). Stage by stage:

- :mod:`~tracker.core.amend.model`: the records (:class:`LawText`, :class:`Target`,
  :class:`Location`, :class:`Operation`, :class:`Instruction`, :class:`InstructionResult`,
  :class:`LawChanges`, :class:`AmendResult`);
- :mod:`~tracker.core.amend.quoted`: quoted matter, in GPO text (‘‘ ’’) and USLM (“ ”) forms;
- :mod:`~tracker.core.amend.citations`: the target ("Section 1701(b) of title I of ... (34 U.S.C.
  10381(b)), as amended by section 104 of this Act");
- :mod:`~tracker.core.amend.locate`: locations ("in subsection (a)—", "in the matter preceding
  paragraph (1)") and finding them, and quoted text, in a law text;
- :mod:`~tracker.core.amend.actions`: the operation phrases ("by striking ... and inserting ...");
- :mod:`~tracker.core.amend.parse`: the instruction grammar: provision bodies to instructions;
- :mod:`~tracker.core.amend.law_tree`: a law section's text as a tree of subdivisions, with offsets,
  and its rendering back to text;
- :mod:`~tracker.core.amend.ledger`: the runs of one section's changes (equal / struck / inserted);
- :mod:`~tracker.core.amend.apply`: :func:`apply_instructions`;
- :mod:`~tracker.core.amend.package`: :func:`amend_package`, a loaded package's provisions applied
  to its own ``law/``.

Entry points: :func:`amend_package` for a loaded package; :func:`parse_provisions` (or :func:`parse_instructions` for one body), then
:func:`apply_instructions` with the law texts keyed by canonical citation (``"34 U.S.C. 10152"``).
Pure: no I/O, no yaml, click, sphinx or git.
"""

from __future__ import annotations

from tracker.core.amend.apply import apply_instructions
from tracker.core.amend.citations import parse_target
from tracker.core.amend.law_tree import LawNode, LawTree, parse_law, render_law
from tracker.core.amend.model import (
    AmendResult,
    AmendSummary,
    ChangeRun,
    Instruction,
    InstructionResult,
    LawChanges,
    LawText,
    Location,
    Operation,
    OpKind,
    Part,
    Status,
    Target,
    TargetKind,
)
from tracker.core.amend.package import (
    amend_findings,
    amend_package,
    law_texts,
    package_instructions,
)
from tracker.core.amend.parse import parse_instructions, parse_provisions

__all__ = [
    "AmendResult",
    "AmendSummary",
    "ChangeRun",
    "Instruction",
    "InstructionResult",
    "LawChanges",
    "LawNode",
    "LawText",
    "LawTree",
    "Location",
    "OpKind",
    "Operation",
    "Part",
    "Status",
    "Target",
    "TargetKind",
    "amend_findings",
    "amend_package",
    "apply_instructions",
    "law_texts",
    "package_instructions",
    "parse_instructions",
    "parse_law",
    "parse_provisions",
    "parse_target",
    "render_law",
]
