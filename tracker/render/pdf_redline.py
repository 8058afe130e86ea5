"""``billtrack pdf --what redline OLD NEW``: a redline as a PDF (``redline.typ``).

Legible in black and white: struck text is struck through inside brackets, inserted text
underlined in italic, and a legend on the first page says so. Each unit is headed by its title
and what happened to it ("amended; moved"); its lines are the redline's own runs, cut at line ends.
"""

from __future__ import annotations

import datetime as dt

from tracker.core.redline import Redline, split_lines
from tracker.render.pdf_typst import compile_pdf
from tracker.render.printed_bill import long_date


def redline_data(redline: Redline, *, today: dt.date) -> dict[str, object]:
    summary = redline.summary
    counts = (
        f"{summary.changed_units} of {len(redline.units)} units changed: "
        f"{summary.words_inserted} words inserted, {summary.words_struck} struck."
    )
    units = [
        {
            "title": unit.title,
            "describe": unit.describe(),
            "lines": [[[op, text] for op, text in line] for line in split_lines(unit.runs)],
        }
        for unit in redline.units
    ]
    return {
        "meta": {
            "title": f"Redline: {redline.old_label} to {redline.new_label}",
            "author": "billtrack",
            "footer": f"{redline.old_label} → {redline.new_label}",
            "right": long_date(today),
        },
        "banner": None,
        "heading": "Redline",
        "subtitle": f"{redline.old_label} → {redline.new_label}",
        "old": redline.old_label,
        "new": redline.new_label,
        "summary": counts,
        "units": units,
    }


def render_redline_pdf(redline: Redline, *, today: dt.date) -> bytes:
    return compile_pdf("redline", redline_data(redline, today=today), day=today)
