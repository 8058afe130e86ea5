"""Reading a provision's body into its federal hierarchy of subdivisions.

A body is a sequence of paragraphs separated by blank lines. A paragraph that starts with an
enumerator opens a subdivision; its level comes from the enumerator's form and, where the form is
ambiguous (``(i)`` is both the ninth subsection and the first clause), from the sequence around it.

Levels, as House Legislative Counsel uses them: subsection ``(a)``, paragraph ``(1)``, subparagraph
``(A)``, clause ``(i)``, subclause ``(I)``, item ``(aa)``, subitem ``(AA)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from functools import lru_cache


class Level(IntEnum):
    SECTION = 0
    SUBSECTION = 1
    PARAGRAPH = 2
    SUBPARAGRAPH = 3
    CLAUSE = 4
    SUBCLAUSE = 5
    ITEM = 6
    SUBITEM = 7

    @property
    def noun(self) -> str:
        return self.name.lower()


class BlockKind(StrEnum):
    SUBDIVISION = "subdivision"
    TEXT = "text"  # text without an enumerator: a section's lead-in or a continuation
    QUOTED = "quoted"  # amendatory text quoting other law
    TOC = "toc"  # the generated table of contents: ```{bill-toc}```
    FENCE = "fence"  # any other fenced block (a MyST directive)


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One paragraph of a body, with its place in the hierarchy.

    ``level`` is the subdivision's level, or for other blocks the level of the subdivision they sit in
    (``Level.SECTION`` at the top). ``path`` is the enumerators from the section down, like
    ``('b', '2')``. ``line`` is the paragraph's first line within the body (1-based).
    """

    kind: BlockKind
    level: Level
    path: tuple[str, ...]
    enumerator: str | None
    heading: str | None
    text: str
    raw: str
    line: int
    info: str = ""  # for fences: the directive name, e.g. "bill-toc"


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumerationProblem:
    code: str
    line: int
    message: str
    hint: str | None = None
    warning: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedBody:
    blocks: tuple[Block, ...]
    problems: tuple[EnumerationProblem, ...]

    @property
    def paths(self) -> frozenset[tuple[str, ...]]:
        return frozenset(b.path for b in self.blocks if b.kind is BlockKind.SUBDIVISION)


ENUMERATOR = re.compile(r"\(([A-Za-z]{1,6}|[0-9]{1,4}[A-Za-z]?)\)[ \t]*")
HEADING = re.compile(r"(?P<heading>[^\n]{1,160}?)\.(?:—|--)")
FENCE_OPEN = re.compile(r"^(?P<marks>`{3,}|~{3,})\s*(?P<info>\{[^}]*\}|[\w-]*)")
QUOTE_MARKS = ("“", '"', "‘", "``", ">")

_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\Z")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(token: str) -> int | None:
    """The value of a lower-case roman numeral, or None.

    >>> roman_value("iv"), roman_value("xix"), roman_value("iiii")
    (4, 19, None)
    """
    if not token or not _ROMAN.match(token):
        return None
    total = 0
    for here, after in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN_VALUES[here]
        total += -value if after and _ROMAN_VALUES[after] > value else value
    return total


def to_roman(number: int) -> str:
    """Lower-case roman numeral of ``number``.

    >>> to_roman(14)
    'xiv'
    """
    parts = []
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            parts.append(numeral)
            number -= value
    return "".join(parts)


def _letters(token: str, *, upper: bool, doubled_only: bool) -> int | None:
    """Position of a letter enumerator: a..z then aa, bb ... (or aa, bb ... only for items)."""
    if not token.isalpha() or token != (token.upper() if upper else token.lower()):
        return None
    if len(set(token)) != 1:
        return None
    position = ord(token[0].lower()) - ord("a") + 1
    if doubled_only:
        return position + 26 * (len(token) - 2) if len(token) >= 2 else None
    return position + 26 * (len(token) - 1)


@lru_cache(maxsize=4096)
def ordinal(level: Level, token: str) -> int | None:
    """The 1-based place of ``token`` in the sequence of ``level``, or None if it is not of that form.

    >>> ordinal(Level.SUBSECTION, "i"), ordinal(Level.CLAUSE, "i"), ordinal(Level.ITEM, "bb")
    (9, 1, 2)
    """
    if level is Level.PARAGRAPH:
        return int(token) if token.isdigit() else None
    if level is Level.SUBSECTION:
        return _letters(token, upper=False, doubled_only=False)
    if level is Level.SUBPARAGRAPH:
        return _letters(token, upper=True, doubled_only=False)
    if level is Level.CLAUSE:
        return roman_value(token) if token.islower() else None
    if level is Level.SUBCLAUSE:
        return roman_value(token.lower()) if token.isupper() else None
    if level is Level.ITEM:
        return _letters(token, upper=False, doubled_only=True)
    if level is Level.SUBITEM:
        return _letters(token, upper=True, doubled_only=True)
    return None


def enumerator_for(level: Level, position: int) -> str:
    """The enumerator at ``position`` of ``level`` (the inverse of :func:`ordinal`).

    >>> enumerator_for(Level.SUBSECTION, 3), enumerator_for(Level.CLAUSE, 4)
    ('c', 'iv')
    """
    if level is Level.PARAGRAPH:
        return str(position)
    if level in (Level.CLAUSE, Level.SUBCLAUSE):
        numeral = to_roman(position)
        return numeral.upper() if level is Level.SUBCLAUSE else numeral
    doubled = level in (Level.ITEM, Level.SUBITEM)
    index, repeat = (position - 1) % 26, (position - 1) // 26 + (2 if doubled else 1)
    letter = chr(ord("a") + index) * repeat
    return letter.upper() if level in (Level.SUBPARAGRAPH, Level.SUBITEM) else letter


def split_paragraphs(body: str) -> list[tuple[int, str]]:
    """Split a body into paragraphs (blank-line separated; fenced blocks kept whole), with lines."""
    paragraphs: list[tuple[int, str]] = []
    lines = body.split("\n")
    current: list[str] = []
    start = 0
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        if fence is not None:
            current.append(line)
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                paragraphs.append((start, "\n".join(current)))
                current, fence = [], None
            continue
        opening = FENCE_OPEN.match(line.strip())
        if opening and not current:
            fence, start, current = opening["marks"], number, [line]
            continue
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            paragraphs.append((start, "\n".join(current)))
            current = []
    if current:
        paragraphs.append((start, "\n".join(current)))
    return paragraphs


def _enumerator_of(text: str) -> str | None:
    if text.startswith(QUOTE_MARKS) or FENCE_OPEN.match(text):
        return None
    match = ENUMERATOR.match(text)
    return match.group(1) if match else None


@dataclass(slots=True)
class _Open:
    level: Level
    position: int
    token: str


#: Bodies already read, by their text: ``parse_body`` is a pure function of it, and the checks,
#: the compiled bill and the site each ask for the same bodies. A value may be a function that
#: hands the reading back (from the parse cache) when it is first asked for. Bounded, so a
#: long-running process (``billtrack serve``) that sees many versions of a bill keeps no more.
_PARSED: dict[str, ParsedBody | Callable[[], ParsedBody]] = {}
_PARSED_LIMIT = 50_000


def parse_body(body: str) -> ParsedBody:
    """Read a body into blocks and report enumeration problems (codes BT5xx).

    Each distinct body is read once per process (see :func:`remember_parsed`)."""
    parsed = _PARSED.get(body)
    if isinstance(parsed, ParsedBody):
        return parsed
    parsed = _parse_body(body) if parsed is None else parsed()
    remember_parsed(body, parsed)
    return parsed


def remember_parsed(body: str, parsed: ParsedBody | Callable[[], ParsedBody]) -> None:
    """Record that ``body`` reads as ``parsed`` (what :func:`parse_body` returned for it, perhaps
    in an earlier process), or as what the function ``parsed`` returns when first asked: the parse
    cache hands readings back this way, so no body is read twice."""
    if len(_PARSED) >= _PARSED_LIMIT:
        _PARSED.clear()
    _PARSED[body] = parsed


def forget_parsed(body: str) -> None:
    """Forget the reading of ``body`` (a caller that reads a large package a file at a time keeps
    no more of it than it asks for)."""
    _PARSED.pop(body, None)


def _parse_body(body: str) -> ParsedBody:
    blocks: list[Block] = []
    problems: list[EnumerationProblem] = []
    stack: list[_Open] = []
    children: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    section_has_subsections = False
    section_paragraph_line: int | None = None

    def path() -> tuple[str, ...]:
        return tuple(entry.token for entry in stack)

    def unenumerated(
        kind: BlockKind, level: Level, text: str, raw: str, line: int, info: str
    ) -> Block:
        """A paragraph without an enumerator, inside the innermost open subdivision."""
        return Block(kind=kind, level=level, path=path(), enumerator=None, heading=None,
                     text=text, raw=raw, line=line, info=info)  # fmt: skip

    paragraphs = split_paragraphs(body)
    tokens = [_enumerator_of(raw.strip()) for _, raw in paragraphs]
    after_text = False
    for index, (line, raw) in enumerate(paragraphs):
        text = raw.strip()
        current_level = stack[-1].level if stack else Level.SECTION
        fence = FENCE_OPEN.match(text)
        if fence:
            info = fence["info"].strip("{}")
            kind = BlockKind.TOC if info == "bill-toc" else BlockKind.FENCE
            blocks.append(unenumerated(kind, current_level, text, raw, line, info))
            continue
        match = ENUMERATOR.match(text)
        if not match or text.startswith(QUOTE_MARKS):
            kind = BlockKind.QUOTED if text.startswith(QUOTE_MARKS) else BlockKind.TEXT
            after_text = after_text or kind is BlockKind.TEXT
            blocks.append(unenumerated(kind, current_level, text, raw, line, ""))
            continue
        token = match.group(1)
        next_token = tokens[index + 1] if index + 1 < len(tokens) else None
        level, problem = _place(token, stack, line, next_token=next_token, after_text=after_text)
        after_text = False
        if problem:
            problems.append(problem)
        rest = text[match.end() :]
        heading_match = HEADING.match(rest)
        heading = heading_match["heading"] if heading_match else None
        if heading_match:
            rest = rest[heading_match.end() :]
        if level is Level.SUBSECTION:
            section_has_subsections = True
        if level is Level.PARAGRAPH and not any(e.level is Level.SUBSECTION for e in stack):
            section_paragraph_line = section_paragraph_line or line
        parent = path()
        children.setdefault(parent, []).append((token, line))
        blocks.append(
            Block(
                kind=BlockKind.SUBDIVISION,
                level=level,
                path=(*parent, token),
                enumerator=token,
                heading=heading,
                text=rest.strip(),
                raw=raw,
                line=line,
            )
        )
        stack.append(_Open(level, ordinal(level, token) or 0, token))

    if section_has_subsections and section_paragraph_line is not None:
        problems.append(
            EnumerationProblem(
                code="BT502",
                line=section_paragraph_line,
                message="paragraph directly under the section, which also has subsections",
                hint="put the paragraph inside a subsection, or drop the subsections",
            )
        )
    for parent, kids in children.items():
        if len(kids) == 1:
            token, line = kids[0]
            where = f" of ({')('.join(parent)})" if parent else ""
            problems.append(
                EnumerationProblem(
                    code="BT504",
                    line=line,
                    message=f"lone subdivision ({token}){where}: a division needs at least two",
                    hint="add the next subdivision or fold this one into the text above it",
                    warning=True,
                )
            )
    return ParsedBody(blocks=tuple(blocks), problems=tuple(problems))


@lru_cache(maxsize=4096)
def _candidates(token: str) -> tuple[Level, ...]:
    """The levels whose enumerators ``token`` can be, shallowest first."""
    return tuple(level for level in Level if level and ordinal(level, token) is not None)


@dataclass(frozen=True, slots=True)
class _Placement:
    level: Level
    keep: int  # how many open subdivisions stay open (the rest are closed)
    problem: EnumerationProblem | None = None


def _placements(token: str, stack: list[_Open], line: int, after_text: bool) -> list[_Placement]:
    """Every reading of ``token`` the open subdivisions allow, the most likely first.

    A reading without a problem is a next sibling, a first child one level down, or the next
    sibling of an enclosing subdivision; readings with a problem come last.
    """
    candidates = _candidates(token)
    top_level = stack[-1].level if stack else Level.SECTION
    expected = Level(min(top_level + 1, Level.SUBITEM))
    readings: list[_Placement] = []
    # 1. the next sibling of the innermost open subdivision
    if stack and top_level in candidates and ordinal(top_level, token) == stack[-1].position + 1:
        readings.append(_Placement(top_level, len(stack) - 1))
    # 2. the first child of the innermost open subdivision, at the next level down
    firsts = [lv for lv in candidates if ordinal(lv, token) == 1 and lv > top_level]
    for level in firsts:
        if level == expected or (top_level is Level.SECTION and level is Level.PARAGRAPH):
            readings.append(_Placement(level, len(stack)))
    # 3. the next sibling of an enclosing subdivision
    for depth in range(len(stack) - 2, -1, -1):
        entry = stack[depth]
        if entry.level in candidates and ordinal(entry.level, token) == entry.position + 1:
            readings.append(_Placement(entry.level, depth))
    # a new list after unnumbered text ("Provided further, ...") restarts at an open level
    if after_text:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].level in candidates and ordinal(stack[depth].level, token) == 1:
                readings.append(_Placement(stack[depth].level, depth))
    # a first subsection after paragraphs placed directly under the section (reported as BT502)
    if ordinal(Level.SUBSECTION, token) == 1 and all(e.level > Level.SUBSECTION for e in stack):
        readings.append(_Placement(Level.SUBSECTION, 0))
    if readings:
        return readings
    # 4. a first child that skips a level
    if firsts:
        level = min(firsts)
        problem = EnumerationProblem(
            code="BT501",
            line=line,
            message=f"({token}) is a {level.noun} directly under a {top_level.noun}; "
            f"a {expected.noun} level is skipped",
            hint=f"a {top_level.noun} is divided into {expected.noun}s, like "
            f"({enumerator_for(expected, 1)})",
        )
        return [_Placement(level, len(stack), problem)]
    # 5. out of sequence: a duplicate or a gap at a level that is open (the nearest plausible one)
    open_matches = [
        (abs((ordinal(entry.level, token) or 0) - entry.position - 1), -depth, depth)
        for depth, entry in enumerate(stack)
        if entry.level in candidates
    ]
    if open_matches:
        depth = min(open_matches)[2]
        entry = stack[depth]
        position = ordinal(entry.level, token) or 0
        expected_token = enumerator_for(entry.level, entry.position + 1)
        if position == entry.position:
            message = f"duplicated ({token})"
        else:
            message = f"({token}) follows ({entry.token}); expected ({expected_token})"
        problem = EnumerationProblem(
            code="BT503",
            line=line,
            message=f"{entry.level.noun} enumerators out of sequence: {message}",
            hint=f"renumber so that ({entry.token}) is followed by ({expected_token})",
        )
        return [_Placement(entry.level, depth, problem)]
    deeper = [lv for lv in candidates if lv > top_level]
    level = min(deeper) if deeper else (min(candidates) if candidates else Level.SUBSECTION)
    first = enumerator_for(level, 1)
    problem = EnumerationProblem(
        code="BT503",
        line=line,
        message=f"({token}) starts a {level.noun} sequence that should start at ({first})",
        hint=f"renumber the {level.noun}s from ({first})",
    )
    keep = sum(1 for entry in stack if entry.level < level)
    return [_Placement(level, keep, problem)]


def _place(
    token: str, stack: list[_Open], line: int, *, next_token: str | None, after_text: bool
) -> tuple[Level, EnumerationProblem | None]:
    """Decide the level of ``token`` and close the subdivisions it ends.

    Where the form is ambiguous (``(i)`` after ``(h)(2)(C)`` is a subsection or a clause), the
    reading after which the next enumerator also fits without a problem wins.
    """
    readings = _placements(token, stack, line, after_text)
    chosen = readings[0]
    if next_token is not None and len({(r.level, r.keep) for r in readings}) > 1:
        for reading in readings:
            trial = [
                *stack[: reading.keep],
                _Open(reading.level, ordinal(reading.level, token) or 0, token),
            ]
            if _placements(next_token, trial, line, False)[0].problem is None:
                chosen = reading
                break
    del stack[chosen.keep :]
    return chosen.level, chosen.problem
