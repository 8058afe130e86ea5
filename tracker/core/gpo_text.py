"""Normalise text extracted from GPO's PDF prints of bills, in one named, idempotent step.

GPO prints carry furniture that is not part of the bill: a line number before (or after) every
printed line, a running head on every page (a time stamp "23:19 Jun 09, 2020", the jacket "H7120",
the page number, "•HR 7120 IH"), the "VerDate ... Jkt ... Frm ... Fmt ... Sfmt ..." slug of some
extractions, the typist's margin stamp ("dlhill on DSKBCP6F6B2PROD with BILLS", "... with $$_JOB"),
the end mark "Æ", words hyphenated across lines, and small-caps headings extracted one word per
line. :func:`clean_pdf_text` removes all of that and keeps every word of the bill.

The stamp, the slug and the running head are printed in the margin, so a PDF extraction drops them
between two lines of the bill, often on a line of their own but as often glued to the end of one
line and the start of the next, with the line break between those lines gone. :func:`find_furniture`
finds them wherever they fall (one of their white-space gaps may be a line break, with bare line
numbers in it); :func:`is_furniture_word` recognises a single word of them (the workstation
``DSK...PROD``, ``$$_JOB``, ``VerDate``, ``Sfmt``, ``E:\\BILLS\\...``), so the import report can
count what a cleaning missed.

Pure: text in, text out; no I/O and no dependencies outside the standard library.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["clean_pdf_text", "find_furniture", "is_furniture_word"]

_LINE_NUMBER = re.compile(r"\d{1,4}")
_TIME_STAMP = re.compile(r"\d{1,2}:\d{2} [A-Z][a-z]{2} \d{1,2}, \d{4}")
_JACKET = re.compile(r"[A-Z]{1,4} ?\d+[A-Z0-9.]*")
# A slug line that :func:`_furniture_pattern` did not take whole (cut short, or its date first).
_SLUG = re.compile(
    r"VerDate\b|(?:\d{1,2}:\d{2} [A-Z][a-z]{2} \d{1,2}, \d{4} )?Jkt \d+ PO \d+ Frm \d+"
)

# Margin furniture that can land anywhere in a line. Between its words: spaces, or one line break
# (with bare line numbers after it, as an extraction interleaves them).
_GAP = r"(?:[ \t]+|[ \t]*\n(?:[ \t]*\d{1,4}[ \t]*\n)*[ \t]*)"
# The typist's stamp: a lower-case login, "on", the workstation (capitals and digits, at least one
# digit: DSKBCP6F6B2PROD, DSK9F6TC42PROD), "with", the job (BILLS, $$_JOB).
_STAMP = rf"[a-z][a-z0-9._-]{{1,30}}{_GAP}on{_GAP}(?=[A-Z]*\d)[A-Z0-9]{{6,}}{_GAP}with{_GAP}(?:BILLS|\$\$_[A-Z0-9_]+)\b"
# The slug: "VerDate Sep 11 2014 23:46 Jun 09, 2020 Jkt 099200 PO 00000 Frm 00005 Fmt 6652
# Sfmt 6201 E:\BILLS\H7120.IH H7120" (the file path and the jacket are optional).
_SLUG_INLINE = (
    rf"VerDate(?:{_GAP}[^\s]+){{1,20}}?{_GAP}Sfmt{_GAP}\d+"
    rf"(?:{_GAP}[A-Z]:\\[^\s]*)?(?:{_GAP}[A-Z]{{1,4}}\d+[A-Z0-9.]*(?![^\s]))?"
)
# The running head's first half: "23:19 Jun 09, 2020 H7120" (the jacket makes it furniture).
_TIME_INLINE = (
    rf"\d{{1,2}}:\d{{2}}{_GAP}[A-Z][a-z]{{2}}{_GAP}\d{{1,2}},{_GAP}\d{{4}}"
    rf"{_GAP}[A-Z]{{1,4}}\d+[A-Z0-9.]*(?![^\s])"
)
# The running head's second half: "•HR 7120 IH".
_HEAD_INLINE = (
    r"•[ ]?(?:H\.? ?R\.?|S\.?|H\.? ?RES\.?|S\.? ?RES\.?|H\.? ?J\.? ?RES\.?|S\.? ?J\.? ?RES\.?|"
    rf"H\.? ?CON\.? ?RES\.?|S\.? ?CON\.? ?RES\.?){_GAP}?\d+{_GAP}[A-Z]{{2,4}}[A-Z0-9]*"
)


def _has_time(text: str) -> bool:
    """Whether ``text`` holds ``\\d:\\d\\d`` then a space, tab or line break, as every time stamp does
    (a search from each colon: on a large text, much faster than the regular expression)."""
    colon = text.find(":", 1)
    while colon >= 0:
        digits = text[colon + 1 : colon + 3]
        if (
            text[colon - 1].isdecimal()
            and len(digits) == 2
            and digits.isdecimal()
            and text[colon + 3 : colon + 4] in (" ", "\t", "\n")
        ):
            return True
        colon = text.find(":", colon + 1)
    return False


# Each piece of furniture, in the order they are tried, with a test that the text holds what the
# piece cannot match without (its fixed words): a text without them is not scanned for that piece.
_PIECES = (
    (_STAMP, lambda text: "with" in text and ("BILLS" in text or "$$_" in text)),
    (_SLUG_INLINE, lambda text: "VerDate" in text and "Sfmt" in text),
    (_TIME_INLINE, _has_time),
    (_HEAD_INLINE, lambda text: "•" in text),
)


@lru_cache(maxsize=len(_PIECES) ** 2)
def _furniture_pattern(pieces: tuple[str, ...]) -> re.Pattern[str]:
    """Margin furniture made of these pieces; pieces next to each other (a running head, then the
    stamp) are one stretch of furniture. Leaving out a piece the text cannot hold changes no match,
    and the scan of a large text without furniture takes a fraction of the time."""
    one = "(?:" + "|".join(pieces) + ")"
    return re.compile(rf"(?P<before>\n?[ \t]*)(?P<body>{one}(?:{_GAP}{one})*)(?P<after>[ \t]*\n?)")


def _furniture_in(text: str) -> re.Pattern[str] | None:
    """The furniture pattern for ``text``: of the pieces it may hold (None when it holds none)."""
    pieces = tuple(piece for piece, possible in _PIECES if possible(text))
    return _furniture_pattern(pieces) if pieces else None


# What opens a paragraph after a swallowed line break: an enumerator, a section or group heading,
# quoted or not ("(4) At least", "‘‘(c) RULE", "SEC. 5.", "TITLE II—").
_OPENS_PARAGRAPH = re.compile(
    r"(?:‘‘|“|``|\")?(?:\([A-Za-z0-9]{1,6}\)|SEC\.|SECTION\b|Sec\. \d|§|"
    r"(?:DIVISION|TITLE|SUBTITLE|Subtitle|PART|SUBPART|Subpart) [A-Z0-9]+\s*—)"
)
# Where a line may end: after a sentence, a heading ("GAO STUDY."), a clause or a dash; not after
# a closing quotation ("striking ‘‘and’’ and inserting ‘‘or’’").
_CLAUSE_END = re.compile(r"[.:;—]$")
_FURNITURE_WORD = re.compile(
    r"(?=[A-Z]*\d)[A-Z0-9]{6,}PROD|\$\$_[A-Z0-9_]+|VerDate|Sfmt|Jkt|[A-Z]:\\BILLS\\[^\s]*"
)
_END_MARK = frozenset({"Æ", "\u2022", "◊"})
# A hyphen at the end of a line, after a letter: "Representa-", "TRANS-".
_HYPHENATED_END = re.compile(r"(?<=[^\W\d_])-$")
_FIRST_TOKEN = re.compile(r"\S+")
# The words after a suspended hyphen ("pre- and post-deployment", "State- or local").
_SUSPENDED = frozenset({"and", "or"})
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
      lines holding only the end mark ``Æ``; form feeds; and the margin furniture below.
      Numbers inside a line are never taken for line or page numbers (``all but 4 States``).
    - Margin furniture is removed wherever it falls (:func:`find_furniture`): the typist's stamp
      (``dlhill on DSKBCP6F6B2PROD with BILLS``), the running head (``23:19 Jun 09, 2020 H7120``),
      the ``VerDate ... Sfmt 6201 E:\\BILLS\\H7120.IH
      H7120`` slug and the ``•HR 7120 IH`` running head, alone on a line, at either end of one, in
      the middle, or split across a line break. What stands in its place: the line break beside
      it, once, when it touches one; the line break inside it when it was split across two lines;
      and when it sat inside a line, where an extraction glued two lines together through it, a
      line break when the next words open a paragraph (an enumerator ``(4)``, ``‘‘(c)``, ``SEC.``,
      ``Sec. 5.``, ``‘‘§ 250.``, ``TITLE II—``), when the words before it end a sentence, heading or
      clause (``.``, ``:``, ``;``, ``—``), or when the word before it ends in a hyphen and a letter
      follows (the hyphen rule below then decides); else one space. (Lines are joined into
      paragraphs later; a line break only matters where a paragraph or heading may end.)
    - A word hyphenated across a line break is joined on the first line (``Representa-`` /
      ``tives of`` becomes ``Representatives`` / ``of``). The hyphen is kept (``agency-`` /
      ``wide`` becomes ``agency-wide``) only on evidence: the text uses the hyphenated spelling
      inside a line elsewhere and never the joined one; or the second part starts with a capital
      and neither part is in capitals (``non-`` / ``Federal``: words do not break before a capital,
      while headings in capitals, ``TRANS-`` / ``PARENCY``, do). A hyphen before ``and`` or ``or``
      is suspended (``State-`` / ``and local``): the lines are not joined. Without evidence the
      parts are joined, as GPO hyphenates words at line ends far more often than it breaks
      compounds there.
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


def find_furniture(text: str) -> list[tuple[int, int]]:
    """The spans of margin stamps, slugs and running heads in ``text``, wherever they fall.

    >>> text = "all but 4 States. dlhill on DSKBCP6F6B2PROD with BILLS (4) At least"
    >>> [text[a:b] for a, b in find_furniture(text)]
    ['dlhill on DSKBCP6F6B2PROD with BILLS']
    """
    pattern = _furniture_in(text)
    return [match.span("body") for match in pattern.finditer(text)] if pattern else []


def is_furniture_word(word: str) -> bool:
    """Whether ``word`` is a word only PDF furniture prints (``DSKBCP6F6B2PROD``, ``$$_JOB``)."""
    return _FURNITURE_WORD.fullmatch(word.strip(".,;:()")) is not None


def _strip_furniture(text: str) -> str:
    """Remove margin stamps, slugs and running heads wherever they fall in a line (rules in
    :func:`clean_pdf_text`)."""
    pattern = _furniture_in(text)
    return pattern.sub(_furniture_gap, text) if pattern else text


def _furniture_gap(match: re.Match[str]) -> str:
    """What stands where a piece of furniture was: the line break it sat beside or swallowed, or
    a space."""
    text = match.string
    starts_line = "\n" in match.group("before") or match.start() == 0
    ends_line = "\n" in match.group("after") or match.end() == len(text)
    if starts_line or ends_line:
        # Beside a line break (or alone on a line): the break stays, once.
        return "\n" if "\n" in match.group("before") + match.group("after") else ""
    if "\n" in match.group("body"):
        return "\n"  # split across a line break: that break is the bill's
    following = text[match.end() :]
    preceding = text[: match.start()]
    if _OPENS_PARAGRAPH.match(following):
        return "\n"  # the break it swallowed before "(4) At least ..."
    if _CLAUSE_END.search(preceding.rstrip()):
        return (
            "\n"  # after "SEC. 5. GAO STUDY." or "... as follows:"; the reader rejoins a sentence
        )
    if _HYPHENATED_END.search(preceding) and following[:1].isalpha():
        return "\n"  # "agency- <stamp> wide": a word hyphenated at the swallowed break
    return " "


def _clean_once(text: str) -> str:
    text = _strip_furniture(text)
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
            if token in _SUSPENDED:
                break  # "State-" / "and local": a suspended hyphen, not a broken word
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
    """Whether a hyphen at a line end is part of the word (see :func:`clean_pdf_text`)."""
    tail = token.rstrip(".,;:)’”'\"—")
    if tail[:1].isupper() and not tail.isupper() and not head.isupper():
        return (
            True  # "non-" / "Federal", "Anti-" / "Lynching": a word never breaks before a capital
        )
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
