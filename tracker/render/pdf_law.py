"""``billtrack pdf --what law``: the comparative print of the law the bill amends (``law.typ``).

From the same model as ``billtrack amend`` (:mod:`tracker.render.comparative_model`): each law
section as the bill's instructions would leave it, struck law in black brackets and struck through,
new matter in italic (the House's convention, said in the legend), each change followed by the bill
section that makes it, and unchanged stretches elided.
"""

from __future__ import annotations

import datetime as dt

from tracker.core.errors import SourceError
from tracker.core.model import Package
from tracker.render.pdf_typst import compile_pdf
from tracker.render.printed_bill import long_date


def law_data(package: Package, *, today: dt.date) -> dict[str, object]:
    from tracker.core.amend import amend_package
    from tracker.render.comparative_model import LEGEND, comparative_print

    model = comparative_print(package, amend_package(package))
    if not model.has_law or not model.rows:
        missing = "no law/ folder" if not model.has_law else "no amendatory instructions"
        raise SourceError(
            f"{package.label} has {missing}, so there is no comparative print",
            hint="add the sections of law the bill amends with 'billtrack law add', and "
            "instructions in the provisions ('billtrack amend' reports them)",
        )
    laws = []
    for law in model.laws:
        facts = [
            law.act_section or "",
            f"current through {law.current_through}" * bool(law.current_through),
        ]
        facts.append("amended by " + ", ".join(dict.fromkeys(row.section for row in law.rows)))
        lines = [
            {
                "elided": line.elided,
                "marks": [
                    [mark.op, mark.text, mark.row.section if mark.last and mark.row else None]
                    for mark in line.marks
                ],
            }
            for line in law.lines
        ]
        heading = f"{law.citation}. {law.heading}" if law.heading else law.citation
        laws.append(
            {"heading": heading, "facts": " · ".join(f for f in facts if f), "lines": lines}
        )
    return {
        "meta": {
            "title": f"Changes in existing law: {model.title}",
            "author": "billtrack",
            "footer": model.label,
            "right": long_date(today),
        },
        "banner": None,
        "title": model.title,
        "legend": LEGEND,
        "summary": f"{len(model.rows)} instructions; {len(model.laws)} sections of law changed.",
        "laws": laws,
    }


def render_law_pdf(package: Package, *, today: dt.date) -> bytes:
    return compile_pdf("law", law_data(package, today=today), day=today)
