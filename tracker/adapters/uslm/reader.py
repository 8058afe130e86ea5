"""``read_uslm``: a USLM document, checked and taken apart, into one :class:`ImportedBill`."""

from __future__ import annotations

from lxml import etree

from tracker.adapters.uslm.body import BodyReader, ProgressCallback
from tracker.adapters.uslm.counts import source_counts, toc_entries
from tracker.adapters.uslm.front import read_front_matter
from tracker.adapters.uslm.markup import ROOTS, USLM_NAMESPACE, child, local_name, parse_xml
from tracker.adapters.uslm.meta import long_title, read_meta, version_date
from tracker.adapters.uslm.printed import printed_text
from tracker.core.errors import ImportFormatError
from tracker.core.import_report import SourceWords, word_counts
from tracker.core.imported import ImportedBill


def read_uslm(
    data: bytes,
    *,
    source: str = "<source>",
    progress: ProgressCallback | None = None,
    printed: bool = True,
) -> ImportedBill:
    """Read a USLM document (bytes) into an :class:`ImportedBill`.

    ``source`` names the file in locations and messages. ``progress(done, total)`` is called as the
    body's top-level parts are read. ``printed`` False leaves the printed, struck and table of
    contents texts empty, for a caller that counts their words with :func:`source_words`.
    """
    root, main, amendment = _document(data, source)
    preface = child(root, "amendPreface" if amendment else "preface")
    official_title, doc_title = long_title(main)
    reader = BodyReader(source, progress)
    front = read_front_matter(main, reader, amendment=amendment)
    reader.clauses.update(front.clauses)
    contents = reader.items(front.body, path=())
    texts = printed_text(main) if printed else ("", "", "")
    meta = read_meta(
        root,
        child(root, "amendMeta" if amendment else "meta"),
        preface,
        official_title=official_title,
        doc_title=doc_title,
        enacting=front.enacting,
    )
    if amendment:
        reader.notes.append(
            "engrossed amendment: the resolution agreeing to it and its instruction are kept "
            "as the enacting clause; the amendment's text is the body"
        )
    return ImportedBill(
        source=source,
        source_format="uslm",
        meta=meta,
        preamble=front.preamble,
        enacting_clause=front.enacting,
        contents=tuple(contents),
        unplaced=tuple(reader.unplaced),
        printed_text=texts[0],
        struck_text=texts[1],
        toc_text=texts[2],
        toc_entries=toc_entries(main),
        version_date=version_date(preface),
        source_counts=source_counts(main),
        notes=tuple(reader.notes),
    )


def source_words(data: bytes, source: str = "<source>") -> SourceWords:
    """The words of the document's printed text, of its tables of contents and of its struck
    matter, counted: what the import report measures a package against, as :func:`read_uslm`'s
    texts give them (so that this can be done in a process of its own)."""
    _, main, _ = _document(data, source)
    printed, struck, toc = printed_text(main)
    return SourceWords(
        printed=word_counts(printed), toc=word_counts(toc), struck=len(struck.split())
    )


def _document(data: bytes, source: str) -> tuple[etree._Element, etree._Element, bool]:
    """The parsed document, its body (``main`` or ``amendMain``) and whether it is an engrossed
    amendment; refuses any other root and a document without a body."""
    root = parse_xml(data, source=source)
    kind = local_name(root)
    namespace = etree.QName(root).namespace
    if namespace != USLM_NAMESPACE or kind not in ROOTS:
        found = f"<{kind}>" + (f" in namespace {namespace}" if namespace else " (no namespace)")
        raise ImportFormatError(
            f"unknown root element {found}",
            path=source,
            line=root.sourceline,
            hint=f"USLM bills have the root <bill>, <resolution> or <engrossedAmendment> in the "
            f"namespace {USLM_NAMESPACE}",
        )
    amendment = kind == "engrossedAmendment"
    main = child(root, "amendMain" if amendment else "main")
    if main is None:
        raise ImportFormatError(
            f"<{kind}> has no <main> body",
            path=source,
            line=root.sourceline,
            hint="the file holds no bill text to import",
        )
    return root, main, amendment
