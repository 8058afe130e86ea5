"""Sources of the text of existing law, read into a :class:`~tracker.core.law.LawExtract`.

Two formats, told apart by their first bytes:

- the Office of the Law Revision Counsel's USLM XML of a title of the Code (:mod:`.uslm_code`),
  from which one section is chosen;
- a section saved as Markdown, laid out as the files in ``shared/data/law/usc/`` are
  (:mod:`.markdown_code`).

Where the source came from is recorded: the file's name and SHA-256 and, when a ``MANIFEST.tsv``
beside it or in a folder above it lists the file's hash (as ``shared/data/law/MANIFEST.tsv`` does),
the repository, path and commit it was saved from.

The USLM reader imports lxml: import :mod:`.uslm_code` only where XML is read.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import replace
from pathlib import Path

from tracker.adapters.input_files import read_input_bytes
from tracker.adapters.law_sources.markdown_code import read_markdown_section
from tracker.adapters.text_decoding import NotUtf8, decode_utf8, is_blank, looks_binary
from tracker.core.errors import ImportFormatError
from tracker.core.law import LawExtract, LawSource

FORMATS = (
    "give the OLRC's USLM XML of a title (with --section) or a section saved as Markdown "
    "(as in shared/data/law/usc/)"
)
MANIFEST = "MANIFEST.tsv"
#: How many folders above the source are searched for a manifest.
MANIFEST_DEPTH = 4


def read_law_source(path: Path, *, section: str | None = None) -> LawExtract:
    """The section of law in the file at ``path`` (USLM XML or Markdown), with its provenance.

    Raises :class:`ImportFormatError` (located) for a file that cannot be read, and
    :class:`~tracker.core.errors.UnknownNameError` for a section the file does not hold.
    """
    name = str(path)
    data = read_input_bytes(path, label=name)
    if is_blank(data):
        raise ImportFormatError("the file is empty", path=name, hint=FORMATS)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        from tracker.adapters.law_sources.uslm_code import read_uslm_section

        extract = read_uslm_section(data, source=name, section=section)
    else:
        if looks_binary(data):
            raise ImportFormatError("the file is binary, not law text", path=name, hint=FORMATS)
        try:
            text = decode_utf8(data).replace("\r\n", "\n")
        except NotUtf8 as exc:
            raise ImportFormatError(
                f"the file is not UTF-8 text (byte 0x{exc.byte:02x} at column {exc.column})",
                path=name,
                line=exc.line,
                hint="re-save the file as UTF-8",
            ) from None
        extract, _ = read_markdown_section(text, source=name, section=section)
    digest = hashlib.sha256(data).hexdigest()
    source = replace(extract.source, file=path.name, sha256=digest)
    return replace(extract, source=_from_manifest(path, digest, source))


def _from_manifest(path: Path, digest: str, source: LawSource) -> LawSource:
    """``source`` completed from the first manifest above ``path`` that lists ``digest``."""
    folder = path.resolve().parent
    for candidate in [folder, *folder.parents][:MANIFEST_DEPTH]:
        manifest = candidate / MANIFEST
        if not manifest.is_file():
            continue
        try:
            text = manifest.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return source
        for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
            if row.get("sha256") == digest:
                return replace(
                    source,
                    file=row.get("saved_path") or source.file,
                    repository=row.get("source_repo") or None,
                    path=row.get("source_path") or None,
                    commit=row.get("source_commit") or None,
                )
        return source
    return source


__all__ = ["read_law_source"]
