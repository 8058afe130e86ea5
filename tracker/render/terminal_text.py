"""Content made safe for a terminal, and for the spreadsheet that opens a CSV file.

A provision's owner, a history note or a title is text someone else typed. Printed raw, an escape
sequence in it can recolour or clear the terminal, retitle the window, hide the lines above it or
write a link that says one thing and opens another; a right-to-left override makes the text read
differently from what it is. Every terminal renderer passes content through :func:`printable`,
which shows each such character as a visible escape (``\\x1b``, ``\\u202e``) instead:

- C0 controls (U+0000-U+001F) except tab and newline, which layout needs; DEL and the C1 controls
  (U+007F-U+009F);
- the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the
  marks that steer them (U+200E, U+200F, U+061C).

Styling a renderer adds itself (colour, bold) is added *after* content is made printable.

Every CSV output is written by :func:`csv_text`, which neutralises cells a spreadsheet would run as
a formula (OWASP's rule): a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe, so ``=HYPERLINK(...)`` is shown as text, not followed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control and bidi-override character shown as a visible escape.

    >>> printable("A. Counsel\\x1b]8;;https://evil.example\\x07here\\x1b]8;;\\x07 \\u202eOK")
    'A. Counsel\\\\x1b]8;;https://evil.example\\\\x07here\\\\x1b]8;;\\\\x07 \\\\u202eOK'
    >>> printable("line one\\n\\tline two")
    'line one\\n\\tline two'
    """
    return _UNSAFE.sub(_visible, text)


def printable_line(text: str) -> str:
    """``text`` as :func:`printable` shows it, on one line: a newline or tab in it (from a file
    name, say) is shown as ``\\n`` / ``\\t`` too, so no value can forge a line of its own. For
    messages, which are one line each.

    >>> printable_line("provisions/bad\\nname.md: error BT201")
    'provisions/bad\\\\nname.md: error BT201'
    """
    return printable(text.strip("\n")).replace("\n", "\\n").replace("\t", "\\t")


def json_safe(document: str) -> str:
    """A JSON document with the characters :func:`printable` escapes written as ``\\uXXXX``
    (``json`` already escapes C0 controls; C1 controls and bidi overrides it leaves raw). The
    data it parses to is unchanged.

    >>> json_safe('{"owner": "A\u202eB"}')
    '{"owner": "A\\\\u202eB"}'
    """
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def safe_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: formula starts get a leading apostrophe.

    >>> [safe_cell(v) for v in ("=1+1", "+cmd|' /C calc'!A0", "-2", "@SUM(A1)", "A. Counsel", "")]
    ["'=1+1", "'+cmd|' /C calc'!A0", "'-2", "'@SUM(A1)", 'A. Counsel', '']
    """
    prefix = "'" if value.startswith(FORMULA_STARTS) else ""
    return prefix + printable(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (``\\n`` line ends) with every cell made safe by :func:`safe_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([safe_cell("" if cell is None else str(cell)) for cell in row])
    return buffer.getvalue()
