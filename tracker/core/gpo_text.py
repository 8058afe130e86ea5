"""Normalise text extracted from GPO's PDF prints of bills, in one named, idempotent step.

GPO prints carry furniture that is not part of the bill: a line number before (or after) every
printed line, a running head on every page (a time stamp "23:19 Jun 09, 2020", the jacket "H7120",
the page number, "•HR 7120 IH"), the "VerDate ... Jkt ... Frm ... Fmt ... Sfmt ..." slug of some
extractions, the end mark "Æ", words hyphenated across lines, and small-caps headings extracted one
word per line. :func:`clean_pdf_text` removes all of that and keeps every word of the bill.

Pure: text in, text out; no I/O and no dependencies outside the standard library.
"""

from __future__ import annotations

import re

__all__ = ["clean_pdf_text"]

_LINE_NUMBER = re.compile(r"\d{1,4}")
_TIME_STAMP = re.compile(r"\d{1,2}:\d{2} [A-Z][a-z]{2} \d{1,2}, \d{4}")
_JACKET = re.compile(r"[A-Z]{1,4} ?\d+[A-Z0-9.]*")
_SLUG = re.compile(r"VerDate\b|.*\bJkt \d+ PO \d+ Frm \d+")
_END_MARK = frozenset({"Æ", "\u2022", "◊"})
# A hyphen at the end of a line, after a letter: "Representa-", "TRANS-".
_HYPHENATED_END = re.compile(r"(?<=[^\W\d_])-$")
_FIRST_TOKEN = re.compile(r"\S+")
# Small-caps headings extracted one word per line: "(8) TRIBAL" / "LAW" / "ENFORCEMENT" /
# "OFFICER.—The term". A chain line is an optional enumerator and upper-case words only; the chain
# ends at a line that opens with upper-case words and the heading's ".—".
_ENUMERATOR = r"(?:(?:‘‘|“)?\([A-Za-z0-9]{1,6}\)\s*)"
_CHAIN_LINE = re.compile(rf"{_ENUMERATOR}*(?:[A-Z][A-Z'’]*(?:\s+[A-Z][A-Z'’]*)*)?")
_CHAIN_END = re.compile(r"[A-Z][A-Z'’-]*(?:\s+[A-Z][A-Z'’-]*)*\.—")
_GROUP_KEYWORD = re.compile(r"(?:DIVISION|TITLE|SUBTITLE|Subtitle|PART|SUBPART|Subpart)")


def clean_pdf_text(text: str) -> str:
    """Strip PDF furniture from a GPO print's extracted text; keep the bill's words.

    Guarantees (each checked by the tests on the real prints):

    - **Idempotent**: ``clean_pdf_text(clean_pdf_text(t)) == clean_pdf_text(t)`` for every ``t``
      (the passes below are repeated until nothing changes; every change shortens the text, so this
      ends).
    - Line ends are ``"\\n"``; no line has trailing white space; there are no blank lines at the start
      or end; a non-empty result ends with exactly one ``"\\n"``. Inner blank lines are kept.
    - Removed, and only these: lines holding only a number of at most four digits (line and page
      numbers; a bill's own text never puts a bare number on a line of its own in a print); the
      running head (a time-stamp line such as ``23:19 Jun 09, 2020`` and the jacket line after it
      such as ``H7120``, and lines opening with ``•`` such as ``•HR 7120 IH``); ``VerDate`` slugs;
      lines holding only the end mark ``Æ``; form feeds.
    - A word hyphenated across a line break is joined on the first line (``Representa-`` /
      ``tives of`` becomes ``Representatives`` / ``of``); the hyphen is kept only when the text uses
      the hyphenated spelling elsewhere and never the joined one.
    - Small-caps headings broken one word per line are joined into one line
      (``(8) TRIBAL LAW ENFORCEMENT OFFICER.—``), and a line holding only ``TITLE``, ``DIVISION``,
      ``Subtitle``, ``PART`` or ``Subpart`` is joined to the designation on the next line.
    - Otherwise the order of words and the line breaks of the print are kept.
    """
    current = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    while True:
        cleaned = _clean_once(current)
        if cleaned == current:
            return cleaned
        current = cleaned


def _clean_once(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    lines = _drop_furniture(lines)
    lines = _join_hyphenated(lines, _vocabulary(lines))
    lines = _join_small_caps(lines)
    lines = _join_group_keywords(lines)
    while lines and not lines[-1]:
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    lines = lines[start:]
    return "\n".join(lines) + "\n" if lines else ""


def _drop_furniture(lines: list[str]) -> list[str]:
    kept: list[str] = []
    after_stamp = False
    for line in lines:
        bare = line.strip()
        if after_stamp and _JACKET.fullmatch(bare):
            after_stamp = False
            continue
        after_stamp = False
        if _TIME_STAMP.fullmatch(bare):
            after_stamp = True
            continue
        if (
            _LINE_NUMBER.fullmatch(bare)
            or bare.startswith("•")
            or bare in _END_MARK
            or _SLUG.match(bare)
        ):
            continue
        kept.append(line)
    return kept


def _vocabulary(lines: list[str]) -> frozenset[str]:
    """Every hyphenated word used inside a line (lower case): evidence that a hyphen is real."""
    words: set[str] = set()
    for line in lines:
        for token in line.split():
            if "-" in token.strip("-"):
                words.add(token.strip(".,;:()‘’“”'\"").lower())
    return frozenset(words)


def _join_hyphenated(lines: list[str], hyphenated: frozenset[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        while (
            _HYPHENATED_END.search(line)
            and index + 1 < len(lines)
            and lines[index + 1][:1].isalpha()
        ):
            following = lines[index + 1]
            match = _FIRST_TOKEN.match(following)
            assert match is not None  # the line starts with a letter
            token = match.group()
            rest = following[match.end() :].lstrip()
            head = line.split()[-1][:-1] if line.split() else ""
            keep_hyphen = _keeps_hyphen(head, token, hyphenated)
            line = (line if keep_hyphen else line[:-1]) + token
            if not rest or _LINE_NUMBER.fullmatch(rest):
                # Nothing of substance left on the next line: take it all, so no bare number remains.
                line = f"{line} {rest}".rstrip()
                index += 1
                continue
            lines[index + 1] = rest
            break
        out.append(line)
        index += 1
    return out


def _keeps_hyphen(head: str, token: str, hyphenated: frozenset[str]) -> bool:
    tail = token.rstrip(".,;:)’”'\"—")
    joined = (head + tail).lower()
    return f"{head}-{tail}".lower() in hyphenated and joined not in hyphenated


def _join_small_caps(lines: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and lines[end].strip() and _CHAIN_LINE.fullmatch(lines[end].strip()):
            end += 1
        if end > index and end < len(lines) and _CHAIN_END.match(lines[end].strip()):
            out.append(" ".join(part.strip() for part in lines[index : end + 1]))
            index = end + 1
            continue
        out.append(lines[index])
        index += 1
    return out


def _join_group_keywords(lines: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if (
            _GROUP_KEYWORD.fullmatch(line.strip())
            and index + 1 < len(lines)
            and lines[index + 1].strip()
        ):
            out.append(f"{line.strip()} {lines[index + 1].strip()}")
            index += 2
            continue
        out.append(line)
        index += 1
    return out
