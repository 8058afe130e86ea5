"""A bill's metadata from ``meta``/``preface`` (``amendMeta``/``amendPreface``) and ``longTitle``.

Titles, congress, session, chamber, sponsor, the bill's type and number, the version code and so
the stage, and the date of the version. Each value is taken from the first place that has it: the
``citableAs`` identifier (``116hr3945ih``), then the Dublin Core title (``114 HR 2029 ENR: ...``),
then the slug line (``•HR 3945 IH``), then ``docStage``.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from tracker.adapters.uslm.markup import child, clean, in_quoted, local_name, uslm_tag
from tracker.adapters.uslm.printed import inline
from tracker.core.imported import ImportedMeta, stage_for_version
from tracker.core.model import Stage

_CITABLE = re.compile(r"(\d+)([a-z]+?)(\d+)([a-z]+\d*)")  # 116hr3945ih
_DC_TITLE = re.compile(r"^(\d+)\s+([A-Z]+)\s+(\d+)\s+([A-Z]+\d*)\s*:\s*")  # 114 HR 2029 ENR:
_SLUG = re.compile(r"[A-Z]+\s*\d+\s+([A-Z]+\d*)\s*$")  # •HR 3945 IH
#: docStage phrases ("Introduced in House") by their first word.
_DOC_STAGES = {
    "introduced": Stage.INTRODUCED,
    "referred": Stage.REFERRED,
    "reported": Stage.REPORTED,
    "engrossed": Stage.ENGROSSED,
    "enrolled": Stage.ENROLLED,
}


def long_title(main: etree._Element) -> tuple[str | None, str | None]:
    """The official title and the document title (``A BILL``) of ``longTitle``."""
    title = child(main, "longTitle")
    if title is None:
        return None, None
    return (inline(child(title, "officialTitle")) or None, inline(child(title, "docTitle")) or None)


def read_meta(
    root: etree._Element | None,
    meta: etree._Element | None,
    preface: etree._Element | None,
    *,
    official_title: str | None,
    doc_title: str | None,
    enacting: str | None,
    short: str | None = None,
) -> ImportedMeta:
    """The bill's metadata. An engrossed amendment with no official title of its own takes the
    title of the bill it amends from its enacting clause (``... entitled “An Act to ...”``).

    The short title is found in ``root``; a streamed reader, which no longer has the whole tree,
    passes ``root=None`` and the ``short`` title it found.
    """

    def number(name: str) -> int | None:
        for parent in (meta, preface):
            element = _find(parent, name)
            if element is None:
                continue
            value = element.get("value") or "".join(element.itertext())
            match = re.search(r"\d+", value)
            if match:
                return int(match.group())
        return None

    bill_type = number_text = version = None
    for element in meta.iter() if meta is not None else ():
        if local_name(element) == "citableAs":
            match = _CITABLE.fullmatch(clean("".join(element.itertext())))
            if match:
                bill_type, number_text, version = match.group(2, 3, 4)
                break
    dc_title = _find(meta, "title")
    title_text = clean("".join(dc_title.itertext())) if dc_title is not None else ""
    match = _DC_TITLE.match(title_text)
    if match and bill_type is None:
        bill_type, number_text = match.group(2).lower(), match.group(3)
        version = match.group(4).lower()
    if version is None:
        slug = _find(preface, "slugLine")
        match = _SLUG.search(clean(slug.text)) if slug is not None else None
        if match:
            version = match.group(1).lower()
    stage = stage_for_version(version)
    doc_stage = _find(meta, "docStage")
    if stage is None and doc_stage is not None:
        stage_text = clean("".join(doc_stage.itertext())).lower()
        if re.fullmatch(r"[a-z]{2,4}\d?", stage_text):
            version = stage_text
        stage = stage_for_version(stage_text) or _DOC_STAGES.get(stage_text.split(" ")[0])
    if not official_title and enacting:
        # An engrossed amendment names the bill it amends: "... entitled “An Act to ...”".
        match = re.search(r"entitled “([^”]+)”", enacting)
        official_title = clean(match.group(1)) if match else None
    # ``match`` is the last pattern tried above: the Dublin Core title is the official title only
    # when that found nothing.
    if not official_title and match is None and title_text:
        official_title = clean(_DC_TITLE.sub("", title_text)) or None
    sponsor_el = _find(preface, "sponsor")
    sponsor = (inline(sponsor_el) or None) if sponsor_el is not None else None
    return ImportedMeta(
        official_title=official_title,
        short_title=short_title(root) if root is not None else short,
        doc_title=doc_title,
        congress=number("congress"),
        session=number("session"),
        chamber=_chamber(bill_type, meta),
        sponsor=sponsor,
        bill_type=bill_type,
        number=number_text,
        version=version,
        stage=stage,
    )


def short_title(root: etree._Element) -> str | None:
    """The act's short title, as it is first given outside quoted matter."""
    for element in root.iter(uslm_tag("shortTitle")):
        if element.get("role") in (None, "act") and not in_quoted(element):
            text = clean("".join(element.itertext())).strip('“”"')
            if text:
                return text
    return None


def version_date(preface: etree._Element | None) -> dt.date | None:
    """The date of the version's last action in the preface (``<date date="2019-07-24">``)."""
    found: dt.date | None = None
    if preface is None:
        return None
    for element in preface.iter(uslm_tag("date")):
        value = element.get("date") or ""
        try:
            found = dt.date.fromisoformat(value)
        except ValueError:
            continue
    return found


def _chamber(bill_type: str | None, meta: etree._Element | None) -> str | None:
    """``senate`` or ``house``: from the bill's type, or failing that from ``type`` or
    ``currentChamber``."""
    if bill_type:
        return "senate" if bill_type.startswith("s") else "house"
    for name in ("type", "currentChamber"):
        element = _find(meta, name)
        if element is None:
            continue
        value = (element.get("value") or "".join(element.itertext())).lower()
        chamber = "senate" if "senate" in value else "house" if "house" in value else None
        if chamber:
            return chamber
    return None


def _find(parent: etree._Element | None, name: str) -> etree._Element | None:
    """The first element named ``name`` anywhere below ``parent``."""
    if parent is None:
        return None
    for element in parent.iter():
        if local_name(element) == name:
            return element
    return None
