"""Validating a law file's front matter into a :class:`~tracker.core.law.LawSection`.

Strict as the rest of the schema (:mod:`tracker.core.schema`, whose reader this uses): unknown keys,
wrong types and missing keys are located findings (BT104-BT106). The law-specific rules:

- BT901: a citation of the Code not in the form ``34 U.S.C. 10152``;
- BT905: ``current_through`` (or a history entry's) not a release point ``Public Law C-N``;
- BT906: ``quoted_law`` not ``true``: a law file holds quoted law and says so;
- BT907: a ``content_sha256`` that is not a SHA-256 (64 lower-case hexadecimal digits);
- BT908: a law file without text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from tracker.core.errors import Finding
from tracker.core.law import LawSection, LawSource, LawVersion, is_usc_citation, release_point
from tracker.core.schema import Field, Located, RecordReader, YamlPath

_TEXT = Field((str,))
_REQUIRED = Field((str,), required=True)
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_LOOKS_USC = re.compile(r"U\.?\s*S\.?\s*C", re.IGNORECASE)

SOURCE_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "format": _TEXT,
        "file": _TEXT,
        "url": _TEXT,
        "repository": _TEXT,
        "path": _TEXT,
        "commit": _TEXT,
        "sha256": _TEXT,
    }
)
VERSION_FIELDS: Mapping[str, Field] = MappingProxyType(
    {"current_through": _REQUIRED, "content_sha256": _REQUIRED, "source": Field((dict,))}
)
LAW_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "citation": _REQUIRED,
        "act_section": _TEXT,
        "heading": _TEXT,
        "current_through": _REQUIRED,
        "source": Field((dict,), required=True),
        "quoted_law": Field((bool,), required=True),
        "content_sha256": _REQUIRED,
        "history": Field((list,)),
    }
)


def read_law_section(
    located: Located,
    *,
    path: str,
    name: str,
    body: str,
    body_line: int,
    lines: Mapping[str, int],
) -> tuple[LawSection | None, list[Finding]]:
    """Check a law file's front matter (``located``) and build its record with ``body``.

    ``name`` is the file name without ``.md``; ``lines`` maps each top-level key to its file line.
    The record is None when a required value is missing or unusable; findings say why.
    """
    reader = RecordReader(located, path)
    data = reader.mapping(located.data, (), LAW_FIELDS, "the law file's front matter")
    if data is None:
        return None, reader.findings
    citation = _text(data.get("citation"))
    if citation and _LOOKS_USC.search(citation) and not is_usc_citation(citation):
        reader.error(
            "BT901",
            ("citation",),
            f"'{citation}' is not a citation of the Code in its usual form",
            "write it as '34 U.S.C. 10152': title, 'U.S.C.', section, no '§'",
        )
    current_through = _release(reader, data.get("current_through"), ("current_through",))
    if "quoted_law" in data and data.get("quoted_law") is not True:
        reader.error(
            "BT906",
            ("quoted_law",),
            "a law file holds quoted law: 'quoted_law' must be true",
            "set 'quoted_law: true'; text that is not quoted law belongs in provisions/",
        )
    content_sha256 = _sha256(reader, data.get("content_sha256"), ("content_sha256",))
    source = _source(reader, data.get("source"), ("source",))
    history = _history(reader, data.get("history"))
    if not body.strip():
        reader.error(
            "BT908",
            (),
            "the law file has no text",
            "add the section with 'billtrack law add SOURCE', which writes its text",
        )
    if not (citation and current_through and content_sha256 and source is not None):
        return None, reader.findings
    section = LawSection(
        path=path,
        name=name,
        citation=citation,
        act_section=_text(data.get("act_section")),
        heading=_text(data.get("heading")),
        current_through=current_through,
        source=source,
        content_sha256=content_sha256,
        history=history,
        body=body,
        body_line=body_line,
        lines=MappingProxyType(dict(lines)),
    )
    return section, reader.findings


def _text(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def _release(reader: RecordReader, value: object, where: YamlPath) -> str | None:
    text = _text(value)
    if text is None:
        return None
    canonical = release_point(text)
    if canonical != text:
        fix = f"write '{canonical}'" if canonical else "write it as 'Public Law 116-155'"
        reader.error(
            "BT905",
            where,
            f"'{text}' is not a release point of the Code",
            f"{fix}: the last public law the text takes into account",
        )
        return canonical
    return text


def _sha256(reader: RecordReader, value: object, where: YamlPath) -> str | None:
    text = _text(value)
    if text is None:
        return None
    if not _SHA256.match(text):
        reader.error(
            "BT907",
            where,
            f"'{where[-1]}' is not a SHA-256 hash (64 lower-case hexadecimal digits)",
            "the hash is written by 'billtrack law add'; restore it from git",
        )
        return None
    return text


def _source(reader: RecordReader, value: object, where: YamlPath) -> LawSource | None:
    if value is None:
        return None
    data = reader.mapping(value, where, SOURCE_FIELDS, "the source")
    if data is None:
        return None
    return LawSource(**{key: _text(data.get(key)) for key in SOURCE_FIELDS})  # type: ignore[arg-type]


def _history(reader: RecordReader, value: object) -> tuple[LawVersion, ...]:
    if not isinstance(value, list):
        return ()
    versions: list[LawVersion] = []
    for index, item in enumerate(value):
        here: YamlPath = ("history", index)
        data = reader.mapping(item, here, VERSION_FIELDS, "a history entry")
        if data is None:
            continue
        current = _release(reader, data.get("current_through"), (*here, "current_through"))
        digest = _sha256(reader, data.get("content_sha256"), (*here, "content_sha256"))
        source = _source(reader, data.get("source"), (*here, "source")) or LawSource()
        if current and digest:
            versions.append(
                LawVersion(
                    current_through=current,
                    content_sha256=digest,
                    source=source,
                    line=reader.located.line(*here),
                )
            )
    return tuple(versions)
