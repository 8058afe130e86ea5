"""Bytes a person gave us, as text: strictly UTF-8, or refused with the place where it fails.

Three readers take text from files: the importers (a GPO bill), the package loader (provision and
draft files) and ``billtrack diff`` (a plain-text version). Each reports a failure in its own terms —
an :class:`~tracker.core.errors.ImportFormatError`, a located BT11x finding, a
:class:`~tracker.core.errors.SourceError` — but they agree on what is read and how:

- data that is only white space is *empty*; a NUL byte in the first 8 KiB makes it *binary*;
- the text is decoded as strict UTF-8 and a leading byte-order mark is dropped;
- bytes that are not UTF-8 raise :class:`NotUtf8`, which says where: the byte, its offset, and the
  line and column (both from 1) it stands on.
"""

from __future__ import annotations

import re

from tracker.core.errors import ImportFormatError

#: How many leading bytes are searched for a NUL to tell binary data from text.
BINARY_PROBE = 8192
#: Characters no text of a package holds (C0 but tab and line feed, DEL, C1): they would reach a
#: terminal or an XML file raw. A carriage return is allowed only before a line feed.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class NotUtf8(ValueError):
    """Bytes that are not UTF-8, and where decoding failed."""

    def __init__(self, data: bytes, error: UnicodeDecodeError) -> None:
        self.offset = error.start
        self.byte = data[error.start]
        self.line = data[: error.start].count(b"\n") + 1
        self.column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        super().__init__(
            f"not UTF-8: byte 0x{self.byte:02x} at line {self.line}, column {self.column}"
        )


def is_blank(data: bytes) -> bool:
    """Whether the data is empty or only white space."""
    return not data.strip()


def looks_binary(data: bytes) -> bool:
    """Whether the data holds a NUL byte in its first :data:`BINARY_PROBE` bytes."""
    return b"\x00" in data[:BINARY_PROBE]


def decode_utf8(data: bytes) -> str:
    """The data decoded as strict UTF-8, without a leading byte-order mark; :class:`NotUtf8` if it
    is not UTF-8.

    >>> decode_utf8("\\ufeffSEC. 1.".encode())
    'SEC. 1.'
    >>> decode_utf8(b"A BILL\\nSEC. \\xff")
    Traceback (most recent call last):
    ...
    tracker.adapters.text_decoding.NotUtf8: not UTF-8: byte 0xff at line 2, column 6
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUtf8(data, exc) from exc
    return text.removeprefix("\ufeff")


# --------------------------------------------------------------------------------------------
# Import sources: the errors both importers and the format detection raise.


def check_import_source(data: bytes, *, source: str, binary: bool = True) -> None:
    """Refuse an import source that is empty or (unless ``binary`` is False) binary.

    The XML parser is called with ``binary=False``: its own error says where the data goes wrong.
    """
    if is_blank(data):
        raise ImportFormatError(
            "the file is empty", path=source, hint="give a USLM XML file or a GPO plain-text bill"
        )
    if binary and looks_binary(data):
        raise ImportFormatError(
            "the file is binary, not a bill",
            path=source,
            hint="give GPO's USLM XML (.xml) or the plain text of a print (.txt)",
        )


def decode_import_source(data: bytes, *, source: str) -> str:
    """The text of a plain-text import source, or ImportFormatError for empty, binary or non-UTF-8
    data."""
    check_import_source(data, source=source)
    try:
        return decode_utf8(data)
    except NotUtf8 as exc:
        raise ImportFormatError(
            f"the file is not UTF-8 text (byte 0x{exc.byte:02x})",
            path=source,
            line=exc.line,
            hint="re-save the text as UTF-8",
        ) from None
