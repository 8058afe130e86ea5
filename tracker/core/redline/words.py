"""The word diff of two texts: lines first, then words in the changed blocks, then tokens.

Inside a pair, lines (paragraphs) are diffed first, one character per distinct line, then only the
changed blocks are diffed again at word level: tokens are words, single punctuation marks and runs of
white space, one character per distinct token (the lines-to-chars technique applied to tokens).
diff-match-patch runs with ``Diff_Timeout = 0``, so the result never depends on machine load, and
with its semantic clean-up, scored on token boundaries, so the redline reads naturally. A block
whose two sides share almost no word pairs is shown as replaced rather than word-diffed, because the
word diff of unrelated text is quadratic and unreadable; only what the semantic clean-up never
absorbs either stays equal in it: the text both sides start and end with, and the runs of more than
``merge_words`` words both sides hold (found from shared word n-grams, without a quadratic search).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise

from diff_match_patch import diff_match_patch

from tracker.core.redline.model import DEFAULT_OPTIONS, RedlineOptions
from tracker.core.redline.runs import DELETE, EQUAL, INSERT, Op, Run, append_run
from tracker.core.redline.sequence import align_items, shared_runs

_DMP_OPS: dict[int, Op] = {0: EQUAL, 1: INSERT, -1: DELETE}
_COMMON = diff_match_patch()  # for its common prefix and suffix (a binary search, not a loop)
_LEAD = re.compile(r"\s*")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_WORD = re.compile(r"\S+")
_PUNCTUATION = re.compile(r"[^\w\s]")  # without any, a stretch's tokens are its words


def diff_text(old: str, new: str, options: RedlineOptions = DEFAULT_OPTIONS) -> tuple[Run, ...]:
    """The exact runs turning ``old`` into ``new``: lines first, then words in changed blocks.

    >>> diff_text("The fee is $100.\\n", "The fee is $250.\\n")
    (('equal', 'The fee is $'), ('delete', '100'), ('insert', '250'), ('equal', '.\\n'))
    """
    if old == new:
        return ((EQUAL, old),) if old else ()
    out: list[Run] = []
    pending_old: list[str] = []
    pending_new: list[str] = []
    for op, text in _line_diff(old, new):
        if op == EQUAL:
            if pending_old or pending_new:
                _block(out, "".join(pending_old), "".join(pending_new), options)
                pending_old.clear()
                pending_new.clear()
            append_run(out, EQUAL, text)
        elif op == DELETE:
            pending_old.append(text)
        else:
            pending_new.append(text)
    if pending_old or pending_new:
        _block(out, "".join(pending_old), "".join(pending_new), options)
    return tuple(_factor_whitespace(out))


def _factor_whitespace(runs: list[Run]) -> list[Run]:
    """Move white space that a deletion and the insertion beside it share out into equal text.

    "[-A covered -]{+An eligible +}agency" reads "[-A covered-]{+An eligible+} agency". Only white
    space moves, so no word is ever split.
    """
    out: list[Run] = []
    index = 0
    last = len(runs) - 1
    while index <= last:
        op, text = runs[index]
        if op == EQUAL or index == last or runs[index + 1][0] in (EQUAL, op):
            append_run(out, op, text)
            index += 1
            continue
        other_op, other = runs[index + 1]
        if not (text[0].isspace() or text[-1].isspace()):  # nothing to share: the common case
            append_run(out, op, text)
            append_run(out, other_op, other)
            index += 2
            continue
        head = _shared_space(text, other, prefix=True)
        tail = _shared_space(text[len(head) :], other[len(head) :], prefix=False)
        append_run(out, EQUAL, head)
        append_run(out, op, text[len(head) : len(text) - len(tail)])
        append_run(out, other_op, other[len(head) : len(other) - len(tail)])
        append_run(out, EQUAL, tail)
        index += 2
    return out


def _shared_space(a: str, b: str, *, prefix: bool) -> str:
    """The longest white space that both ``a`` and ``b`` start (or end) with."""
    count = 0
    limit = min(len(a), len(b))
    while count < limit:
        x = a[count] if prefix else a[-1 - count]
        y = b[count] if prefix else b[-1 - count]
        if x != y or not x.isspace():
            break
        count += 1
    if not count:
        return ""
    return a[:count] if prefix else a[len(a) - count :]


def _line_diff(old: str, new: str) -> list[Run]:
    table: dict[str, int] = {}
    lines: list[str] = []

    def encode(text: str) -> str:
        codes: list[str] = []
        for line in _LINE.findall(text):
            code = table.get(line)
            if code is None:
                code = len(lines)
                table[line] = code
                lines.append(line)
            codes.append(chr(code))
        return "".join(codes)

    old_codes, new_codes = encode(old), encode(new)
    if not old_codes or not new_codes or set(old_codes).isdisjoint(new_codes):
        # No line in common (a paragraph rewritten, one line against one): diff-match-patch's
        # answer is the one delete and the one insert, reached here without its search.
        return [(op, text) for op, text in ((DELETE, old), (INSERT, new)) if text]
    differ = diff_match_patch()
    differ.Diff_Timeout = 0
    diffs = differ.diff_main(old_codes, new_codes, False)
    # Clean up at line level: freak matches of a blank or short line between changes go, and no
    # edit is ever shifted to split a line.
    differ.diff_cleanupSemantic(diffs)
    return [(_DMP_OPS[op], "".join(lines[ord(c)] for c in codes)) for op, codes in diffs]


@dataclass(frozen=True, slots=True)
class _Items:
    """A text cut into items (words, or tokens), each carrying the white space after it."""

    text: str
    lead: int  # white space before the first item
    items: list[str]  # the items without their white space
    ends: list[int]  # where each item's white space ends in ``text``

    @classmethod
    def cut(cls, text: str, item: re.Pattern[str], piece: re.Pattern[str]) -> _Items:
        lead = _LEAD.match(text).end()  # type: ignore[union-attr]
        pieces = piece.findall(text, lead)
        return cls(
            text,
            lead,
            item.findall(text, lead),
            list(accumulate(map(len, pieces), initial=lead))[1:],
        )

    def start(self, index: int) -> int:
        return self.ends[index - 1] if index else self.lead

    def span(self, first: int, last: int) -> str:
        """The text of items ``first`` up to (not including) ``last``, white space included."""
        return self.text[self.start(first) : self.start(last)] if last > first else ""

    def space(self, index: int) -> str:
        return self.text[self.start(index) + len(self.items[index]) : self.ends[index]]


_WORD_PIECE = re.compile(r"\S+\s*")
_TOKEN_ITEM = re.compile(r"\w+|[^\w\s]")
_TOKEN_PIECE = re.compile(r"(?:\w+|[^\w\s])\s*")


def _block(out: list[Run], old: str, new: str, options: RedlineOptions) -> None:
    """Add the runs of one changed block (:func:`_block_runs`) to ``out``."""
    diff = _block_runs if len(old) + len(new) <= _CACHED_CHARS else _block_runs.__wrapped__
    for op, text in diff(old, new, options):
        append_run(out, op, text)


#: Blocks remembered: a changed section is word-diffed whole and again subdivision by subdivision
#: (:mod:`~tracker.core.redline.subdivisions`), and a paragraph changed on its own is the same block
#: both times. Runs merge on appending, so remembered runs give the same result as diffing again.
#: Only paragraph-sized blocks are kept (at most this many characters, both sides), so the memory
#: held between comparisons stays small.
_BLOCK_CACHE = 256
_CACHED_CHARS = 20_000


@lru_cache(maxsize=_BLOCK_CACHE)
def _block_runs(old: str, new: str, options: RedlineOptions) -> tuple[Run, ...]:
    """Word-diff one changed block, then refine each replaced stretch to tokens.

    The diff first aligns words as ``git diff --word-diff`` sees them (runs of non-white-space), so
    the number of words it touches is minimal; where a few words replace a few others, the two
    stretches are diffed again by tokens (words and single punctuation marks), so "law." becoming
    "law;" strikes only the full stop. White space is never part of an item: each item carries the
    white space after it, compared only once the items are aligned, so a line broken in another place
    costs nothing, and differing white space after aligned items is struck and inserted, keeping the
    runs exact.
    """
    out: list[Run] = []
    if not old or not new:
        append_run(out, DELETE, old)
        append_run(out, INSERT, new)
        return tuple(out)
    old_items = _Items.cut(old, _WORD, _WORD_PIECE)
    new_items = _Items.cut(new, _WORD, _WORD_PIECE)
    if _replaced_whole(old_items.items, new_items.items, options):
        _replace(out, old, new, options)
        return tuple(out)
    _space(out, old[: old_items.lead], new[: new_items.lead])
    ops = align_items(
        old_items.items, new_items.items, options.merge_equalities, options.merge_words
    )
    _emit(out, ops, old_items, new_items, refine=True, options=options)
    return tuple(out)


def _replaced_whole(old: list[str], new: list[str], options: RedlineOptions) -> bool:
    """Whether a changed block is shown replaced: its sides share too few word pairs (under
    ``block_similarity`` for a large block, ``replace_similarity`` for a smaller one of at least
    ``replace_words`` words). It is struck and inserted whole but for what :func:`_replace` keeps."""
    words = len(old) + len(new)
    if words > options.block_words:
        threshold = options.block_similarity
    elif options.replace_words and words >= options.replace_words:
        threshold = options.replace_similarity
    else:
        return False
    return dice(word_pairs(old), word_pairs(new)) < threshold


def _replace(out: list[Run], old: str, new: str, options: RedlineOptions) -> None:
    """Emit a replaced block: struck and inserted, but for what the semantic clean-up never absorbs
    either, so a replaced block gives up no equality a word diff would keep for a reason it
    states: the text both sides start and end with (to a token boundary), and the runs of more
    than ``merge_words`` words both sides hold (:func:`~tracker.core.redline.sequence.shared_runs`):
    "(c) Use of funds.—[-Amounts received ...-]{+Each recipient ...+}"."""
    head = _token_prefix(old, new)
    tail = _token_suffix(old[head:], new[head:])
    append_run(out, EQUAL, old[:head])
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    old_items = _Items.cut(old_middle, _WORD, _WORD_PIECE)
    new_items = _Items.cut(new_middle, _WORD, _WORD_PIECE)
    kept = shared_runs(old_items.items, new_items.items, options.merge_words + 1)
    if kept is None:
        append_run(out, DELETE, old_middle)
        append_run(out, INSERT, new_middle)
    else:
        _space(out, old_middle[: old_items.lead], new_middle[: new_items.lead])
        _emit_replaced(out, kept, old_items, new_items)
    append_run(out, EQUAL, old[len(old) - tail :])


def _emit_replaced(out: list[Run], ops: list[tuple[int, int]], old: _Items, new: _Items) -> None:
    """Emit the shared runs of ``ops`` equal, the stretches between them struck and inserted; a
    run reaches into the stretches beside it as far as their tokens agree, to a token boundary."""
    i = j = 0
    for index, (op, count) in enumerate(ops):
        if op == 0:
            _emit_equal(out, old, new, i, j, count)
            i += count
            j += count
            continue
        if index and ops[index - 1][0] != 0:
            continue  # the insertion after a deletion: emitted with it
        deleted = count if op < 0 else 0
        inserted = count if op > 0 else 0
        if op < 0 and index + 1 < len(ops) and ops[index + 1][0] > 0:
            inserted = ops[index + 1][1]
        end = index + (2 if deleted and inserted else 1)
        old_part = old.span(i, i + deleted)
        new_part = new.span(j, j + inserted)
        head = _token_prefix(old_part, new_part) if index else 0
        tail = _token_suffix(old_part[head:], new_part[head:]) if end < len(ops) else 0
        append_run(out, EQUAL, old_part[:head])
        append_run(out, DELETE, old_part[head : len(old_part) - tail])
        append_run(out, INSERT, new_part[head : len(new_part) - tail])
        append_run(out, EQUAL, old_part[len(old_part) - tail :])
        i += deleted
        j += inserted


def _token_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of ``a`` and ``b`` that ends between tokens in both
    (never inside a word of either)."""
    size = _COMMON.diff_commonPrefix(a, b)
    while size and not (_boundary(a, size) and _boundary(b, size)):
        size -= 1
    return size


def _token_suffix(a: str, b: str) -> int:
    """:func:`_token_prefix` from the ends."""
    size = _COMMON.diff_commonSuffix(a, b)
    while size and not (_boundary(a, len(a) - size) and _boundary(b, len(b) - size)):
        size -= 1
    return size


def _boundary(text: str, at: int) -> bool:
    """Whether ``at`` falls between tokens of ``text`` (not between two word characters)."""
    return not (
        0 < at < len(text) and _WORD_CHAR.match(text, at - 1) and _WORD_CHAR.match(text, at)
    )


_WORD_CHAR = re.compile(r"\w")


def _emit(
    out: list[Run],
    ops: list[tuple[int, int]],
    old: _Items,
    new: _Items,
    *,
    refine: bool,
    options: RedlineOptions,
) -> None:
    i = j = 0
    index = 0
    while index < len(ops):
        op, count = ops[index]
        if op == 0:
            _emit_equal(out, old, new, i, j, count)
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
        old_part = old.span(i, i + deleted)
        new_part = new.span(j, j + inserted)
        i += deleted
        j += inserted
        if (
            refine
            and old_part
            and new_part
            and deleted + inserted <= options.refine_words
            and (_PUNCTUATION.search(old_part) or _PUNCTUATION.search(new_part))
        ):
            _refine(out, old_part, new_part, options)
        else:
            append_run(out, DELETE, old_part)
            append_run(out, INSERT, new_part)


def _emit_equal(out: list[Run], old: _Items, new: _Items, i: int, j: int, count: int) -> None:
    """Emit ``count`` aligned items from ``i`` (old) and ``j`` (new): equal, and the white space
    after each struck and inserted where it differs."""
    old_text_ = old.span(i, i + count)
    if old_text_ == new.span(j, j + count):
        append_run(out, EQUAL, old_text_)
        return
    for k in range(count):
        append_run(out, EQUAL, old.items[i + k])
        _space(out, old.space(i + k), new.space(j + k))


def _refine(out: list[Run], old: str, new: str, options: RedlineOptions) -> None:
    """Diff a replaced stretch of words again by tokens, keeping white space beside the tokens."""
    old_tokens = _Items.cut(old, _TOKEN_ITEM, _TOKEN_PIECE)
    new_tokens = _Items.cut(new, _TOKEN_ITEM, _TOKEN_PIECE)
    if set(old_tokens.items).isdisjoint(new_tokens.items):
        append_run(out, DELETE, old)
        append_run(out, INSERT, new)
        return
    ops = align_items(old_tokens.items, new_tokens.items, 0)
    if all(op != 0 for op, _ in ops):
        append_run(out, DELETE, old)
        append_run(out, INSERT, new)
        return
    _emit(out, ops, old_tokens, new_tokens, refine=False, options=options)


def _space(out: list[Run], old: str, new: str) -> None:
    if old == new:
        append_run(out, EQUAL, old)
    else:
        append_run(out, DELETE, old)
        append_run(out, INSERT, new)


# --------------------------------------------------------------------------------------------------
# Similarity


def word_pairs(words: list[str]) -> set[tuple[str, ...]]:
    """The set of neighbouring word pairs (a single word stands alone)."""
    if len(words) < 2:
        return {tuple(words)} if words else set()
    return set(pairwise(words))


def dice(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """The Dice coefficient of two sets: 1.0 when both are empty."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
