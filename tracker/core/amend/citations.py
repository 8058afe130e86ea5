"""Targets: what an amendatory clause amends, read from the words before "is amended".

Forms read (House Legislative Counsel's conventions):

- ``Section 501(a)(1) of title I of the Omnibus Crime Control and Safe Streets Act of 1968 (34 U.S.C.
  10152(a)(1))``: the Act section, its subdivision, the Act, and the U.S. Code parenthetical;
- ``Section 242 of title 18, United States Code``: a Code section cited directly;
- ``Section 1979 of the Revised Statutes of the United States (42 U.S.C. 1983)``;
- ``Subsection (n)(6)(B) of section 1886 of the Social Security Act (42 U.S.C. 1395ww)`` and
  ``Paragraph (7) of such section (50 U.S.C. 3517(e)(7))``: a subdivision named first;
- ``Part Q of title I of ... (34 U.S.C. 10381 et seq.)``, ``Chapter 51 of title 18, United States
  Code``: a container of sections (its clauses "in section 1701(b) (34 U.S.C. 10381(b))" name them);
- ``The table of sections for chapter 13 of title 18, United States Code``;
- ``..., as amended by section 101 of this Act`` (also "as added by", "as redesignated by").

The canonical citation is ``"<title> U.S.C. <section>"``; the Code parenthetical wins over the Act
designation for the subdivision path when both are given. Pure: regular expressions only.
"""

from __future__ import annotations

import re

from tracker.core.amend.model import Target, TargetKind

CHAIN = r"(?:\([A-Za-z0-9]{1,6}\))+"
_TOKENS = re.compile(r"\(([A-Za-z0-9]{1,6})\)")
_AMENDED_BY = re.compile(
    r",?\s*as (?:amended|added|redesignated|in effect|so redesignated)\b(?: by)?\s*"
    r"(?P<by>(?:(?!, (?:is|are)\b)[^,(])*(?:\([^)]*\)[^,(]*)*)",
)
_USC = re.compile(
    r"\((?:(?:Public Law|Private Law)[^;)]*;\s*)?(?P<title>\d+)\s+U\.\s?S\.\s?C\.\s+"
    r"(?P<section>App\.|[0-9][0-9A-Za-z\-–]*)(?P<chain>" + CHAIN + r")?"
    r"(?P<seq>\s+(?:et seq\.|note))?[^)]*\)"
)
_CODE_SECTION = re.compile(
    r"\bsections?\s+(?P<section>[0-9][0-9A-Za-z\-–]*)(?P<chain>" + CHAIN + r")?\s+of\s+title\s+"
    r"(?P<title>\d+),?\s+United States Code",
    re.IGNORECASE,
)
_LEADING_SUB = re.compile(
    r"^(?:the\s+)?(?:sub)?(?:section|paragraph|paragraph|clause|subclause|item|subitem)s?\s+"
    r"(?P<chain>" + CHAIN + r")\s+of\s+(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ACT_SECTION = re.compile(
    r"^(?:the\s+)?sections?\s+(?P<section>[0-9][0-9A-Za-z\-–.]*?)(?P<chain>" + CHAIN + r")?"
    r"(?:\s+of\s+(?P<act>.+?))?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_TABLE = re.compile(r"^(?:the\s+)?table of (?:sections|contents|chapters|parts)\b", re.IGNORECASE)
_CONTAINER = re.compile(
    r"^(?:the\s+)?(?P<noun>part|chapter|subchapter|subtitle|title|division|article)\s+"
    r"(?P<number>[0-9A-Z][0-9A-Za-z\-–]*)(?:\s+of\s+(?P<act>.+?))?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_ACT = re.compile(r"^(?:the\s+)?[A-Z][^,]*\b(?:Act|Code|Statutes)\b", re.DOTALL)
_SPACES = re.compile(r"\s+")
_DOUBLED = re.compile(r"\b(of the )(?:of the )+", re.IGNORECASE)


def tokens(chain: str | None) -> tuple[str, ...]:
    """``"(a)(1)(A)"`` → ``("a", "1", "A")``."""
    return tuple(_TOKENS.findall(chain or ""))


def normalise_act(text: str) -> str:
    """An Act reference folded for comparison: lower case, single spaces, no doubled "of the"."""
    folded = _SPACES.sub(" ", text.strip().strip(",")).lower()
    folded = _DOUBLED.sub(r"\1", folded)
    return folded.removeprefix("the ")


def act_section_key(section: str, act: str) -> str:
    """The comparison key of "section N of <Act>" (see :func:`normalise_act`)."""
    return normalise_act(f"section {section} of {act}")


def code_citation(title: str, section: str) -> str:
    return f"{title} U.S.C. {section.replace('–', '-')}"


def parse_target(text: str, *, within: Target | None = None) -> Target:
    """Read the words naming what is amended.

    ``within`` is the enclosing container when the words are a clause of it ("in section 1709 (34
    U.S.C. 10389)" inside "Part Q of title I of ..."); the Act is then the container's.
    """
    phrase = _SPACES.sub(" ", text.strip()).rstrip(",").strip()
    original = phrase
    amended_by = None
    match = _AMENDED_BY.search(phrase)
    if match:
        amended_by = match["by"].strip().rstrip(",") or None
        phrase = (phrase[: match.start()] + phrase[match.end() :]).strip().rstrip(",")
    citation = None
    code_path: tuple[str, ...] | None = None
    code_title = None
    usc = _USC.search(phrase)
    if usc:
        code_title = usc["title"]
        if usc["section"] != "App.":
            citation = code_citation(usc["title"], usc["section"])
            code_path = tokens(usc["chain"])
        if usc["seq"] and "et seq" in usc["seq"]:
            code_path = None
        phrase_wo = (phrase[: usc.start()] + phrase[usc.end() :]).strip().rstrip(",").strip()
    else:
        phrase_wo = phrase
    if _TABLE.match(phrase_wo):
        return Target(text=original, kind=TargetKind.TABLE, citation=None, amended_by=amended_by)
    prefix: tuple[str, ...] = ()
    lead = _LEADING_SUB.match(phrase_wo)
    body = phrase_wo
    if lead and re.match(r"(?:the\s+)?sections?\s", lead["rest"], re.IGNORECASE):
        prefix = tokens(lead["chain"])
        body = lead["rest"]
    direct = _CODE_SECTION.search(body)
    if (direct and direct.start() == 0) or (direct and body[: direct.start()].strip() == "The"):
        assert direct is not None
        subpath = tokens(direct["chain"]) + prefix
        return Target(
            text=original,
            kind=TargetKind.SECTION,
            citation=citation or code_citation(direct["title"], direct["section"]),
            subpath=code_path if code_path else subpath,
            act=f"title {direct['title']}, United States Code",
            act_section=direct["section"],
            amended_by=amended_by,
        )
    container = _CONTAINER.match(body)
    if container and not body.lower().startswith("section"):
        act = container["act"]
        noun = container["noun"].lower()
        code = re.match(r"title (\d+),? United States Code", act or "", re.IGNORECASE)
        if noun == "title" and not code:
            act = body
        return Target(
            text=original,
            kind=TargetKind.CONTAINER,
            citation=None,
            act=(f"title {code[1]}, United States Code" if code else act),
            act_section=None,
            amended_by=amended_by,
        )
    section = _ACT_SECTION.match(body)
    if section:
        act = section["act"]
        if act and re.fullmatch(r"(?:such|that|this|the) (?:section|Act)", act, re.IGNORECASE):
            act = None
        if act is None and within is not None:
            act = within.act
        subpath = tokens(section["chain"]) + prefix
        if within is not None and citation is None and code_title is None and within.act:
            code = re.match(r"title (\d+),? United States Code", within.act, re.IGNORECASE)
            if code:
                citation = code_citation(code[1], section["section"])
        return Target(
            text=original,
            kind=TargetKind.SECTION,
            citation=citation,
            subpath=code_path if code_path is not None and code_path else subpath,
            act=act,
            act_section=section["section"].rstrip("."),
            amended_by=amended_by,
        )
    kind = TargetKind.CONTAINER if _ACT.match(body) else TargetKind.SECTION
    return Target(
        text=original,
        kind=kind,
        citation=citation,
        subpath=code_path or (),
        act=body if kind is TargetKind.CONTAINER else None,
        amended_by=amended_by,
    )
