"""House Legislative Counsel's wording for generated instructions: targets, places, lists, quotes.

:mod:`~tracker.core.amend.generate` decides *what* changes (a list of :class:`Step`, in the order
they apply); this module writes it as the bill would, following the House Legislative Counsel's
Manual on Drafting Style:

- the target in full the first time: ``Section 501 of title I of the Omnibus Crime Control and Safe
  Streets Act of 1968 (34 U.S.C. 10152)`` from the law's Act section and citation, or ``Section 242
  of title 18, United States Code,`` for a Code title section; a subdivision that every change lies
  in goes into the target (``Section 501(c) of ... (34 U.S.C. 10152(c))``);
- one change is one sentence (``... is amended by striking ‘‘x’’ and inserting ‘‘y’’.``); several
  are an enumerated list in the order they apply (``is amended—`` then ``(1)``, ``(A)``, ``(i)``,
  ``(I)``, ``(aa)``), changes in one subdivision grouped under ``in subsection (a)—``, a subdivision
  cited "as so redesignated" after it was redesignated; each item ends with a semicolon, the one
  before the last with ``; and``, the last with a period, and the last item of a group with what its
  group would end with;
- quoted matter in the GPO text form the parser reads: ``‘‘willfully’’`` inline; subdivisions and
  paragraphs as a block after ``the following:``, each paragraph opening with ``‘‘`` and the last
  closing with ``’’`` and the item's punctuation (``’’.``, ``’’; and``); double quotes of the law
  become single ones inside (``‘civilian review board’``) whenever the parser turns them back
  exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.core.amend.model import LawText
from tracker.core.amend.quoted import inner_to_double
from tracker.core.enumeration import ENUMERATOR, Level, enumerator_for

#: A place in a section: (noun, enumerator, cited "as so redesignated").
Place = tuple[str, str, bool]

_MARK_NAMES = {".": "period", ";": "semicolon", ",": "comma", ":": "colon"}
_ITEM_LEVELS = (Level.PARAGRAPH, Level.SUBPARAGRAPH, Level.CLAUSE, Level.SUBCLAUSE, Level.ITEM)
_USC = re.compile(r"(?P<title>\w+) U\.S\.C\. (?P<section>\S+)\Z")
_ACT_SECTION = re.compile(r"section (?P<number>\S+?)(?P<rest>\s.*)\Z", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One change, as it will be written and as it applies.

    ``place`` is where it acts, from the section down (the subdivision whose text it edits, or the
    one whose subdivisions it strikes, inserts or redesignates); ``part`` and ``anchor`` narrow it
    (``"preceding"``/``"following"`` a child); ``words`` is the operation phrase (``by striking
    ‘‘x’’``), ending in ``the following:`` when ``matter`` (law text, paragraphs) follows.
    """

    place: tuple[Place, ...]
    words: str
    matter: str | None = None
    part: str = ""
    anchor: tuple[str, str] | None = None


def quote(text: str) -> str:
    """Inline quoted matter: ``‘‘text’’``."""
    return f"‘‘{text}’’"


def mark_name(mark: str) -> str | None:
    return _MARK_NAMES.get(mark)


def designations(noun: str, enumerators: Sequence[str], *, contiguous: bool) -> str:
    """``paragraph (4)``, ``paragraphs (4) and (5)``, ``paragraphs (4) through (8)`` (when
    ``contiguous``), ``paragraphs (4), (6), and (7)``."""
    cited = [f"({e})" for e in enumerators]
    if len(cited) == 1:
        return f"{noun} {cited[0]}"
    plural = noun + "s"
    if len(cited) == 2:
        return f"{plural} {cited[0]} and {cited[1]}"
    if contiguous:
        return f"{plural} {cited[0]} through {cited[-1]}"
    return f"{plural} {', '.join(cited[:-1])}, and {cited[-1]}"


def target_words(law: LawText, subpath: Sequence[str] = ()) -> str:
    """The target in full: Act section and Code citation, or a Code title section."""
    sub = "".join(f"({p})" for p in subpath)
    usc = _USC.match(law.citation)
    if law.act_section:
        act = _ACT_SECTION.match(law.act_section.strip())
        if act:
            words = f"Section {act['number']}{sub}{act['rest']}"
        else:
            words = law.act_section.strip()
            words = words[:1].upper() + words[1:]
        return f"{words} ({law.citation}{sub})"
    if usc:
        return f"Section {usc['section']}{sub} of title {usc['title']}, United States Code,"
    return f"{law.citation}{sub}"


def block_quote(matter: str, close: str) -> list[str]:
    """Law text as quoted block paragraphs: ``‘‘`` before each, ``’’`` and ``close`` after the last."""
    paragraphs = [_single_inner(p) for p in matter.split("\n\n")]
    out = [f"‘‘{p}" for p in paragraphs]
    out[-1] += f"’’{close}"
    return out


def _single_inner(text: str) -> str:
    """The law's double quotes as GPO prints them inside quoted matter (single), when the parser
    turns them back into exactly this text; else they stay double."""
    single = re.sub(r"“([^“”]*)”", r"‘\1’", text)
    return single if inner_to_double(single) == text else text


def _place_words(place: Sequence[Place]) -> str:
    """``subsection (b)(5)``, ``paragraph (23), as so redesignated``."""
    chain = "".join(f"({enum})" for _, enum, _ in place)
    redesignated = any(flag for _, _, flag in place)
    return f"{place[0][0]} {chain}" + (", as so redesignated" if redesignated else "")


def _where(step: Step, place: Sequence[Place]) -> list[str]:
    out = []
    if place:
        out.append("in " + _place_words(place))
    if step.part and step.anchor:
        noun, enum = step.anchor
        out.append(f"in the matter {step.part} {noun} ({enum})")
    return out


def render_instruction(law: LawText, steps: Sequence[Step], *, level: int = 0) -> str:
    """The provision body text: the target, "is amended", and the steps in House style; the items
    start at ``level`` ((1), then (A), (i), (I), (aa): 0 is (1))."""
    prefix = _common_prefix([s.place for s in steps], target=True)
    target = target_words(law, [enum for _, enum, _ in prefix])
    depth = len(prefix)
    if len(steps) == 1:
        step = steps[0]
        where = _where(step, step.place[depth:])
        lead = f"{target} is amended " + "".join(w + " " for w in where) + step.words
        return "\n\n".join(_with_matter(lead, step, "."))
    lines = [f"{target} is amended—"]
    lines.extend(_items(list(steps), depth, level, "."))
    return "\n\n".join(lines)


def _with_matter(words: str, step: Step, close: str) -> list[str]:
    if step.matter is None:
        return [words + close]
    if "\n\n" not in step.matter and not ENUMERATOR.match(step.matter):
        return [f"{words} {quote(_single_inner(step.matter))}{close}"]
    return [words, *block_quote(step.matter, close)]


def _common_prefix(
    places: Sequence[tuple[Place, ...]], *, target: bool = False
) -> tuple[Place, ...]:
    """The places all share; for the ``target``, none cited "as so redesignated"."""
    if not places:
        return ()
    prefix = list(places[0])
    for place in places[1:]:
        keep = 0
        while keep < min(len(prefix), len(place)) and prefix[keep] == place[keep]:
            keep += 1
        del prefix[keep:]
    while target and prefix and any(flag for _, _, flag in prefix):
        prefix.pop()
    return tuple(prefix)


def _groups(steps: list[Step], depth: int) -> list[list[Step]]:
    """Consecutive steps acting in the same subdivision below ``depth`` (one group each)."""
    groups: list[list[Step]] = []
    for step in steps:
        key = step.place[depth] if len(step.place) > depth else None
        last = groups[-1] if groups else None
        last_key = last[0].place[depth] if last and len(last[0].place) > depth else None
        if last is not None and key is not None and key == last_key:
            last.append(step)
        else:
            groups.append([step])
    return groups


def _items(steps: list[Step], depth: int, level: int, close: str) -> list[str]:
    groups = _groups(steps, depth)
    lines: list[str] = []
    item_level = _ITEM_LEVELS[min(level, len(_ITEM_LEVELS) - 1)]
    for number, group in enumerate(groups, start=1):
        enum = f"({enumerator_for(item_level, number)}) "
        if number == len(groups):
            end = close
        elif number == len(groups) - 1:
            end = "; and"
        else:
            end = ";"
        if len(group) == 1:
            step = group[0]
            where = _where(step, step.place[depth:])
            words = enum + ", ".join(where) + (", " if where else "") + step.words
            lines.extend(_with_matter(words, step, end))
            continue
        shared = _common_prefix([s.place[depth:] for s in group]) or (group[0].place[depth],)
        lines.append(f"{enum}in {_place_words(shared)}—")
        lines.extend(_items(group, depth + len(shared), level + 1, end))
    return lines
