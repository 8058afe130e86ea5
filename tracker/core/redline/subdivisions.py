"""Subdivisions as units: a section's enumerated paragraphs aligned by content, then word-diffed.

A unit's text is cut before every line that opens with an enumerator (``(a)``, ``(3)``, ``(B)``,
``(iv)``, with or without a leading quotation mark): the *chunks*. The text before the first one
(the heading line and any lead-in) is a chunk of its own. Chunks are aligned like units, by content
and never by designation:

1. equal texts once the enumerator is set aside, in order (a diff of the two chunk sequences): the
   same paragraph, kept or *redesignated* when its enumerator changed;
2. between those, chunks similar enough (Dice similarity of word pairs at least
   :data:`~tracker.core.redline.model.RedlineOptions.subdivision_similarity`, or the lower
   ``subdivision_rewrite_similarity`` for one chunk replacing one chunk under the same enumerator)
   are *amended*, in order;
3. of the rest, chunks under the same enumerator are paired where that loses no similar pair, and
   *amended* in place: the enumerator kept (as ``git diff --word-diff`` keeps it), the rest replaced;
4. the rest are *struck* or *inserted* whole.

So inserting a definition as paragraph (3) shows "(3) inserted; (3) to (7) redesignated (4) to (8)",
and not the new paragraph's words threaded through the old (3). Each chunk's runs are kept apart
(never merged with the next chunk's), and :class:`~tracker.core.redline.model.SubdivisionChange`
records which runs belong to which chunk, so displays can put aligned subdivisions side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.enumeration import Level, roman_value
from tracker.core.redline.model import ChangeKind, RedlineOptions, SubdivisionChange
from tracker.core.redline.runs import DELETE, EQUAL, INSERT, Run, append_run, count_changed_words
from tracker.core.redline.sequence import align_items
from tracker.core.redline.words import dice, diff_text, word_pairs

# A line opening a subdivision: indentation, an optional opening quotation mark, an enumerator.
_OPENING = re.compile(r"^[ \t]*(?:‘‘|“|\"|')?(\(([A-Za-z]{1,4}|\d{1,3}[A-Za-z]{0,2})\))", re.M)
#: Below this many chunks on either side a unit is word-diffed as one text.
MIN_CHUNKS = 2
#: More chunks than this on both sides of one replaced stretch are paired by position, not scored.
_SCORED_STRETCH = 64
#: The score of two dissimilar chunks under the same enumerator: paired (replaced in place, the
#: enumerator kept) only where no similar pair is lost (64 of them sum to far under the 0.2 at
#: least that a similar pair scores).
_IN_PLACE = 1e-4


@dataclass(frozen=True, slots=True)
class Chunk:
    start: int  # offset in the unit's text
    text: str
    enumerator: str  # "(3)", or "" for the text before the first subdivision
    enum_start: int  # offset of the enumerator within ``text``
    body: str  # the text after the enumerator, white space folded: what content alignment compares


def chunks(text: str) -> list[Chunk]:
    """The text cut before each enumerated line (see the module docstring); they join to ``text``."""
    starts = [(m.start(), m.start(1) - m.start(), m.group(1)) for m in _OPENING.finditer(text)]
    if not starts or starts[0][0] > 0:
        starts.insert(0, (0, 0, ""))
    found: list[Chunk] = []
    for index, (start, enum_start, enumerator) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        piece = text[start:end]
        body = piece[enum_start + len(enumerator) :]
        found.append(Chunk(start, piece, enumerator, enum_start, " ".join(body.split())))
    return found


def diff_subdivisions(
    old: str, new: str, options: RedlineOptions, limit: int | None = None
) -> tuple[tuple[Run, ...], tuple[SubdivisionChange, ...]] | None:
    """The runs of a changed unit aligned subdivision by subdivision, with what happened to each;
    None when either side has fewer than :data:`MIN_CHUNKS` enumerated chunks.

    With a ``limit``, also None as soon as the words it touches, less two for each redesignated
    subdivision, are sure to exceed ``limit`` (the caller would not use it): the words of struck
    and inserted chunks are counted first, then those of each amended pair as it is diffed.
    """
    old_chunks, new_chunks = chunks(old), chunks(new)
    if (
        sum(1 for c in old_chunks if c.enumerator) < MIN_CHUNKS
        or sum(1 for c in new_chunks if c.enumerator) < MIN_CHUNKS
    ):
        return None
    pairs = _align(old_chunks, new_chunks, options)
    diffed = _diff_pairs(old_chunks, new_chunks, pairs, options, limit)
    if diffed is None:
        return None
    old_levels, new_levels = _levels(old_chunks), _levels(new_chunks)
    runs: list[Run] = []
    changes: list[SubdivisionChange] = []
    i = j = 0
    for pi, pj in [*pairs, (len(old_chunks), len(new_chunks))]:
        for k in range(i, pi):
            chunk = old_chunks[k]
            _add(runs, changes, ((DELETE, chunk.text),), ChangeKind.STRUCK, chunk, None,
                 old_levels[k], None)  # fmt: skip
        for k in range(j, pj):
            chunk = new_chunks[k]
            _add(runs, changes, ((INSERT, chunk.text),), ChangeKind.INSERTED, None, chunk,
                 None, new_levels[k])  # fmt: skip
        if pi < len(old_chunks):
            pair_runs, kind = diffed[pi]
            a, b = old_chunks[pi], new_chunks[pj]
            _add(runs, changes, pair_runs, kind, a, b, old_levels[pi], new_levels[pj])
        i, j = pi + 1, pj + 1
    return tuple(runs), tuple(changes)


def _diff_pairs(
    old: list[Chunk],
    new: list[Chunk],
    pairs: list[tuple[int, int]],
    options: RedlineOptions,
    limit: int | None,
) -> dict[int, tuple[tuple[Run, ...], ChangeKind]] | None:
    """The runs of each aligned pair, by old index; None once the words touched are sure to pass
    ``limit`` (see :func:`diff_subdivisions`).

    Joined, the chunks' runs touch at least the sum of their words less two per chunk (at a join,
    one struck and one inserted word may run on from one chunk into the next, where a chunk lacks
    its final line break): the bound used here.
    """
    if limit is not None:
        paired_old = {pi for pi, _ in pairs}
        paired_new = {pj for _, pj in pairs}
        renumbered = sum(
            1
            for pi, pj in pairs
            if old[pi].enumerator and new[pj].enumerator
            and old[pi].enumerator != new[pj].enumerator
        )  # fmt: skip
        limit += 2 * renumbered + 2 * (len(old) + len(new))  # the slack of the bound
        words = sum(len(c.text.split()) for k, c in enumerate(old) if k not in paired_old)
        words += sum(len(c.text.split()) for k, c in enumerate(new) if k not in paired_new)
        if words > limit:
            return None
        # Before diffing any pair, the words each pair's diff surely touches: often enough to
        # know the limit will be passed, at a fraction of the cost of the diffs.
        floors: list[int] = []
        floor = words
        for pi, pj in pairs:
            floors.append(surely_touched(old[pi].text, new[pj].text))
            floor += floors[-1]
            if floor > limit:
                return None
    diffed: dict[int, tuple[tuple[Run, ...], ChangeKind]] = {}
    for index, (pi, pj) in enumerate(pairs):
        diffed[pi] = pair = _pair_runs(old[pi], new[pj], options)
        if limit is not None:
            # The words touched so far, and at least the floors of the pairs not yet diffed.
            floor += sum(count_changed_words(pair[0])) - floors[index]
            if floor > limit:
                return None
    return diffed


def surely_touched(old: str, new: str) -> int:
    """A floor on the words struck plus inserted by the runs of :func:`_pair_runs` (or
    :func:`~tracker.core.redline.words.diff_text`) for ``old`` and ``new``, without diffing.

    A word the runs leave untouched is kept whole as a word of the other side, or (inside a stretch
    refined to tokens) token by token, as tokens of the other side: runs only ever begin and end
    between tokens. So a word that is not a word of the other side and has a token the other side
    lacks is surely struck (or inserted).
    """
    if old == new:
        return 0
    return _surely_changed(old, new) + _surely_changed(new, old)


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _surely_changed(text: str, other: str) -> int:
    other_words = set(other.split())
    missing = [word for word in text.split() if word not in other_words]
    if not missing:
        return 0
    other_tokens = set(_TOKEN.findall(other))
    return sum(1 for word in missing if not other_tokens.issuperset(_TOKEN.findall(word)))


def _add(
    runs: list[Run],
    changes: list[SubdivisionChange],
    chunk_runs: tuple[Run, ...],
    kind: ChangeKind,
    old: Chunk | None,
    new: Chunk | None,
    old_level: Level | None,
    new_level: Level | None,
) -> None:
    first = len(runs)
    runs.extend(chunk_runs)  # not merged with the previous chunk's runs: each keeps its own
    struck, inserted = count_changed_words(chunk_runs)
    level = new_level if new_level is not None else old_level
    changes.append(
        SubdivisionChange(
            kind=kind,
            level=level.noun if level is not None and (old or new).enumerator else "",  # type: ignore[union-attr]
            old_designation=old.enumerator if old else None,
            new_designation=new.enumerator if new else None,
            first_run=first,
            end_run=len(runs),
            words_inserted=inserted,
            words_struck=struck,
        )
    )


def _pair_runs(
    old: Chunk, new: Chunk, options: RedlineOptions
) -> tuple[tuple[Run, ...], ChangeKind]:
    if old.text == new.text:
        return ((EQUAL, old.text),), ChangeKind.UNCHANGED
    if old.enumerator == new.enumerator:
        runs = diff_text(old.text, new.text, options)
        if _keeps(runs, old.enum_start, len(old.enumerator)):
            return runs, ChangeKind.AMENDED
        # Replaced in place: the enumerator kept, the text before it and the body diffed apart.
        out = list(diff_text(old.text[: old.enum_start], new.text[: new.enum_start], options))
        append_run(out, EQUAL, old.enumerator)
        rest_old = old.text[old.enum_start + len(old.enumerator) :]
        rest_new = new.text[new.enum_start + len(new.enumerator) :]
        for op, text in diff_text(rest_old, rest_new, options):
            append_run(out, op, text)
        return tuple(out), ChangeKind.AMENDED
    # A redesignation: the enumerator struck and inserted whole, the rest diffed on its own.
    out: list[Run] = []
    for op, text in diff_text(old.text[: old.enum_start], new.text[: new.enum_start], options):
        append_run(out, op, text)
    out.append((DELETE, old.enumerator))
    out.append((INSERT, new.enumerator))
    rest_old = old.text[old.enum_start + len(old.enumerator) :]
    rest_new = new.text[new.enum_start + len(new.enumerator) :]
    rest = diff_text(rest_old, rest_new, options)
    for op, text in rest:
        if out[-1][0] in (DELETE, INSERT) and op in (DELETE, INSERT):
            out.append((op, text))  # keep the enumerator's runs whole
        else:
            append_run(out, op, text)
    kind = ChangeKind.REDESIGNATED if rest_old == rest_new else ChangeKind.AMENDED
    return tuple(out), kind


def _keeps(runs: tuple[Run, ...], start: int, size: int) -> bool:
    """Whether the old text's characters ``start`` to ``start + size`` fall in one equal run."""
    at = 0
    for op, text in runs:
        if op == INSERT:
            continue
        if at <= start < at + len(text):
            return op == EQUAL and start + size <= at + len(text)
        at += len(text)
    return False


def _align(old: list[Chunk], new: list[Chunk], options: RedlineOptions) -> list[tuple[int, int]]:
    """Pairs of chunk indexes, increasing in both: equal bodies first, then similar ones."""
    # The leading chunk (heading and lead-in) always pairs with the other side's.
    old_bodies = [c.body if c.enumerator else "\x00head" for c in old]
    new_bodies = [c.body if c.enumerator else "\x00head" for c in new]
    ops = align_items(old_bodies, new_bodies, 0)
    pairs: list[tuple[int, int]] = []
    i = j = 0
    index = 0
    while index < len(ops):
        op, count = ops[index]
        if op == 0:
            pairs.extend((i + k, j + k) for k in range(count))
            i += count
            j += count
            index += 1
            continue
        deleted = inserted = 0
        while index < len(ops) and ops[index][0] != 0:
            if ops[index][0] < 0:
                deleted += ops[index][1]
            else:
                inserted += ops[index][1]
            index += 1
        pairs.extend(_similar(old, new, range(i, i + deleted), range(j, j + inserted), options))
        i += deleted
        j += inserted
    return pairs


def _similar(
    old: list[Chunk],
    new: list[Chunk],
    olds: range,
    news: range,
    options: RedlineOptions,
) -> list[tuple[int, int]]:
    """The best order-keeping pairing of a replaced stretch, by summed similarity (a small DP)."""
    if not olds or not news:
        return []
    if len(olds) > _SCORED_STRETCH and len(news) > _SCORED_STRETCH:
        return [(i, j) for i, j in zip(olds, news, strict=False)]
    one_for_one = len(olds) == 1 and len(news) == 1
    old_pairs = [word_pairs(old[i].text.split()) for i in olds]
    new_pairs = [word_pairs(new[j].text.split()) for j in news]

    def score(a: int, b: int) -> float:
        oi, nj = olds[a], news[b]
        if not old[oi].enumerator or not new[nj].enumerator:
            return 1.0 if not old[oi].enumerator and not new[nj].enumerator else 0.0
        value = dice(old_pairs[a], new_pairs[b])
        threshold = options.subdivision_similarity
        same = old[oi].enumerator == new[nj].enumerator
        if one_for_one and same:
            threshold = options.subdivision_rewrite_similarity
        if value >= threshold:
            return value
        # Under the same enumerator, a chunk with no similar partner replaces the other in place:
        # the enumerator is kept, as git keeps it (a token score, below any similar pair's).
        return _IN_PLACE if same else 0.0

    rows, cols = len(olds), len(news)
    scores = [[score(a, b) for b in range(cols)] for a in range(rows)]  # each pair scored once
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for a in range(rows - 1, -1, -1):
        row, below, here = scores[a], best[a + 1], best[a]
        for b in range(cols - 1, -1, -1):
            s = row[b]
            here[b] = max(below[b], here[b + 1], (below[b + 1] + s) if s else 0.0)
    found: list[tuple[int, int]] = []
    a = b = 0
    while a < rows and b < cols:
        s = scores[a][b]
        if s and best[a][b] == best[a + 1][b + 1] + s:
            found.append((olds[a], news[b]))
            a += 1
            b += 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return found


def _is_roman(token: str) -> bool:
    lower = token.lower()
    return set(lower) <= set("ivxl") and roman_value(lower) is not None


def _levels(found: list[Chunk]) -> list[Level | None]:
    """Each chunk's level from its enumerator's form; ``(i)``, ``(v)``, ``(x)`` (and capitals) are
    letters only when they follow the letter before them."""
    levels: list[Level | None] = []
    last = {True: "", False: ""}  # the last letter seen, lower case and capital
    for chunk in found:
        token = chunk.enumerator[1:-1]
        level: Level | None = None
        if token and token[0].isdigit():
            level = Level.PARAGRAPH
        elif token.isalpha() and (token.islower() or token.isupper()):
            lower = token.islower()
            doubled = len(token) == 2 and token[0] == token[1]
            follows = len(token) == 1 and last[lower] and ord(token) == ord(last[lower]) + 1
            if _is_roman(token) and not follows:
                level = Level.CLAUSE if lower else Level.SUBCLAUSE
            elif doubled:
                level = Level.ITEM if lower else Level.SUBITEM
            elif len(token) == 1:
                level = Level.SUBSECTION if lower else Level.SUBPARAGRAPH
                last[lower] = token
        levels.append(level)
    return levels
