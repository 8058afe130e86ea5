"""``billtrack pdf``: the bill as the House prints it, set by typst (template ``bill.typ``).

US Letter; a cover (Congress and session, number, chamber, sponsor and referral, ``A BILL``, the
long title); then the enacting clause and the text, section headings in bold caps and small caps,
subdivision headings in caps and small caps, each level's first line one step further in than its
runover lines, and line numbers in the left margin that start again at 1 on every page, so a
reader can cite "page 4, line 12". A discussion draft carries a ``DISCUSSION DRAFT`` banner and its
date on every page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from tracker.core.model import Package
from tracker.render.pdf_typst import compile_pdf
from tracker.render.printed_bill import PrintedBill, printed_bill


def bill_data(printed: PrintedBill) -> dict[str, object]:
    """The JSON the template reads."""
    return {
        "meta": {
            "title": printed.title,
            "author": "billtrack",
            "footer": printed.footer,
            "right": printed.version,
        },
        "banner": asdict(printed.banner) if printed.banner else None,
        "cover": asdict(printed.cover),
        "items": [asdict(item) for item in printed.items],
    }


def render_bill_pdf(package: Package, *, today: dt.date) -> bytes:
    """The bill's PDF (``today`` dates a discussion draft that records no date of its own)."""
    printed = printed_bill(package, today=today)
    return compile_pdf("bill", bill_data(printed), day=_print_day(package, today))


def _print_day(package: Package, today: dt.date) -> dt.date:
    """The date stamped in the PDF's metadata: the draft's own date, else today."""
    return package.draft.date if package.draft is not None else today
