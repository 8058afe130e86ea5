"""Setting a PDF with typst: a template in ``tracker/templates/pdf/`` and the document as JSON.

The templates read their data with ``json(bytes(sys.inputs.data))`` and place every string as text,
so nothing in a bill (``#import``, ``]``, ``$``, ``\\``, ``@``, ``<``, ``*``) is ever read as typst
markup: there is nothing to escape. Only the fonts embedded in the typst wheel are used (Libertinus
Serif for the text), so the PDF is the same on every machine, and the creation date is the
document's own date, so the same version gives the same bytes.

typst (the ``typst`` package on PyPI, the compiler in its wheel) is imported only when a PDF is set.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from tracker.core.errors import BilltrackError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pdf"


def compile_pdf(template: str, data: dict[str, Any], *, day: dt.date) -> bytes:
    """The PDF of ``templates/pdf/<template>.typ`` given ``data`` (plain JSON-able values)."""
    import typst

    source = TEMPLATES / f"{template}.typ"
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    try:
        pdf = typst.compile(
            str(source),
            root=str(TEMPLATES),
            font_paths=[],
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            timestamp=stamp,
        )
    except typst.TypstError as exc:  # a template bug, never the content: report it, no traceback
        raise BilltrackError(
            f"typst could not set the PDF from {template}.typ: {exc.message}",
            hint="this is a bug in billtrack's PDF templates; please report it with the command",
        ) from exc
    assert isinstance(pdf, bytes)
    return pdf
