"""The diff of two item strings (one character per distinct word or token).

Long strings are first cut at items found once on each side and in the same order (patience anchors),
so that Myers' algorithm, whose cost is the product of length and distance, only runs on short
pieces: the smallest through the engine's own Myers search, the rest through diff-match-patch with
``Diff_Timeout = 0`` (results never depend on machine load). Its semantic clean-up is scored on token
boundaries, so edits shift to where a reader expects them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable

from diff_match_patch import diff_match_patch

_ALNUM = re.compile(r"[^\W_]")
_SENTENCE_END = frozenset(".;:!?")
_CLOSERS = frozenset(",)]}’”'\"")
_OPENERS = frozenset("([{‘“")


class _TokenDiffer(diff_match_patch):  # type: ignore[misc]
    """diff-match-patch over token characters, whose semantic clean-up scores token boundaries.

    Tokens carry no white space (it is compared separately), so the boundary score guesses it:
    between two words there is a space, after a full stop or a semicolon a sentence ends.
    """

    def __init__(self, tokens: list[str], factor: int, longest: int = 0) -> None:
        super().__init__()
        self.Diff_Timeout = 0
        self.tokens = tokens
        self.factor = factor
        self.longest = longest

    def diff_cleanupSemantic(self, diffs: list[tuple[int, str]]) -> None:
        """Merge an equality into the edits around it when it is trivial beside them.

        An equality between two edits goes when it holds only punctuation, or (with a non-zero
        ``factor``) when both neighbouring edits are at least ``factor`` times its length in items,
        diff-match-patch's rule for ``factor`` 1. Then edits are shifted to natural boundaries.
        """
        factor = self.factor
        longest = self.longest or 1 << 30
        changes = False
        equalities: list[int] = []
        last: str | None = None
        pointer = 0
        before_ins = before_del = after_ins = after_del = 0
        while pointer < len(diffs):
            op, text = diffs[pointer]
            if op == 0:
                equalities.append(pointer)
                before_ins, after_ins = after_ins, 0
                before_del, after_del = after_del, 0
                last = text
            else:
                if op == 1:
                    after_ins += len(text)
                else:
                    after_del += len(text)
                before = max(before_ins, before_del)
                after = max(after_ins, after_del)
                if (
                    last
                    and before
                    and after
                    and (
                        (
                            factor
                            and len(last) <= longest
                            and len(last) * factor <= before
                            and len(last) * factor <= after
                        )
                        or not any(_ALNUM.search(self.tokens[ord(c)]) for c in last)
                    )
                ):
                    at = equalities[-1]
                    diffs.insert(at, (-1, last))
                    diffs[at + 1] = (1, diffs[at + 1][1])
                    equalities.pop()
                    if equalities:
                        equalities.pop()
                    pointer = equalities[-1] if equalities else -1
                    before_ins = before_del = after_ins = after_del = 0
                    last = None
                    changes = True
            pointer += 1
        if changes:
            self.diff_cleanupMerge(diffs)
        self.diff_cleanupSemanticLossless(diffs)

    def _score(self, one: str, two: str) -> int:
        if not one or not two:
            return 6
        left = self.tokens[ord(one[-1])]
        right = self.tokens[ord(two[0])]
        if left in _SENTENCE_END:
            return 3
        # Items may be empty (a subdivision's body with nothing after its enumerator).
        if left in _CLOSERS or right in _OPENERS or (left[:1].isalnum() and right[:1].isalnum()):
            return 2
        if not left[:1].isalnum() or not right[:1].isalnum():
            return 1
        return 0

    def diff_cleanupSemanticLossless(self, diffs: list[tuple[int, str]]) -> None:
        """diff-match-patch's lossless shift, with :meth:`_score` reading the tokens behind chars."""
        pointer = 1
        while pointer < len(diffs) - 1:
            if diffs[pointer - 1][0] == 0 and diffs[pointer + 1][0] == 0:
                equality1 = diffs[pointer - 1][1]
                edit = diffs[pointer][1]
                equality2 = diffs[pointer + 1][1]
                common = self.diff_commonSuffix(equality1, edit)
                if common:
                    shared = edit[-common:]
                    equality1 = equality1[:-common]
                    edit = shared + edit[:-common]
                    equality2 = shared + equality2
                best = (equality1, edit, equality2)
                best_score = self._score(equality1, edit) + self._score(edit, equality2)
                while edit and equality2 and edit[0] == equality2[0]:
                    equality1 += edit[0]
                    edit = edit[1:] + equality2[0]
                    equality2 = equality2[1:]
                    score = self._score(equality1, edit) + self._score(edit, equality2)
                    if score >= best_score:
                        best_score = score
                        best = (equality1, edit, equality2)
                if diffs[pointer - 1][1] != best[0]:
                    if best[0]:
                        diffs[pointer - 1] = (diffs[pointer - 1][0], best[0])
                    else:
                        del diffs[pointer - 1]
                        pointer -= 1
                    diffs[pointer] = (diffs[pointer][0], best[1])
                    if best[2]:
                        diffs[pointer + 1] = (diffs[pointer + 1][0], best[2])
                    else:
                        del diffs[pointer + 1]
                        pointer -= 1
            pointer += 1


def align_items(
    old_items: list[str], new_items: list[str], merge: int, longest: int = 0
) -> list[tuple[int, int]]:
    """diff-match-patch over items (one character per distinct item): a list of (op, count).

    ``merge`` and ``longest`` tune the semantic clean-up: an equality of at most ``longest`` items
    (any length for 0) goes when the edits on both sides are ``merge`` times as long.
    """
    vocabulary = dict.fromkeys(old_items)
    vocabulary.update(dict.fromkeys(new_items))
    code = dict(zip(vocabulary, range(len(vocabulary)), strict=True)).__getitem__
    old_codes = "".join(map(chr, map(code, old_items)))
    new_codes = "".join(map(chr, map(code, new_items)))
    differ = _TokenDiffer(list(vocabulary), merge, longest)
    pieces: list[tuple[int, str]] = []
    _anchored(differ, old_codes, new_codes, pieces)
    diffs: list[tuple[int, str]] = []
    for op, codes in pieces:  # join neighbours of one kind (equalities around anchors)
        if diffs and diffs[-1][0] == op:
            diffs[-1] = (op, diffs[-1][1] + codes)
        else:
            diffs.append((op, codes))
    if len(diffs) > 2:
        differ.diff_cleanupSemantic(diffs)
    return [(op, len(codes)) for op, codes in diffs]


_ANCHOR_MIN = 400
_SMALL = 200


def _anchored(differ: diff_match_patch, old: str, new: str, out: list[tuple[int, str]]) -> None:
    """Diff two item strings, first splitting long ones at items unique to both (patience anchors).

    Myers' algorithm costs the product of length and distance; cut at the longest increasing run
    of items that occur once in each side, the pieces are short and diffed independently. Short
    pieces, or pieces without such items, go to diff-match-patch as they are.
    """
    if not old or not new:
        if old:
            out.append((-1, old))
        if new:
            out.append((1, new))
        return
    anchors: list[tuple[int, int]] = []
    if len(old) + len(new) >= _ANCHOR_MIN:
        old_count = Counter(old)
        new_count = Counter(new)
        where = {c: j for j, c in enumerate(new) if new_count[c] == 1}
        pairs = [(i, where[c]) for i, c in enumerate(old) if c in where and old_count[c] == 1]
        anchors = longest_increasing(pairs)
    if not anchors:
        if len(old) + len(new) <= _SMALL:
            out.extend(myers(old, new))
        else:
            out.extend(differ.diff_main(old, new, False))
        return
    i0 = j0 = 0  # where the text after the last equality starts
    run_i = run_j = length = 0  # the current run of consecutive anchors
    for i, j in anchors:
        if length and i == run_i + length and j == run_j + length:
            length += 1
            continue
        if length:
            out.append((0, old[run_i : run_i + length]))
            i0, j0 = run_i + length, run_j + length
        if i > i0 or j > j0:
            _gap(differ, old[i0:i], new[j0:j], out)
        run_i, run_j, length = i, j, 1
    out.append((0, old[run_i : run_i + length]))
    i0, j0 = run_i + length, run_j + length
    if i0 < len(old) or j0 < len(new):
        _gap(differ, old[i0:], new[j0:], out)


def _gap(differ: diff_match_patch, old: str, new: str, out: list[tuple[int, str]]) -> None:
    """The stretch between two anchors: often equal, empty on one side, or tiny."""
    if old == new:
        out.append((0, old))
    elif not old:
        out.append((1, new))
    elif not new:
        out.append((-1, old))
    elif len(old) + len(new) <= _SMALL:
        out.extend(myers(old, new))
    else:
        _anchored(differ, old, new, out)


def myers(a: str, b: str) -> list[tuple[int, str]]:
    """The shortest edit script between two short item strings, as diff-match-patch diffs.

    Myers' greedy algorithm with the whole trace kept: for the small gaps between anchors, this costs
    less than diff-match-patch's set-up and clean-up on every call.
    """
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    diffs: list[tuple[int, str]] = [(0, a[:head])] if head else []
    suffix = a[len(a) - tail :]
    if head or tail:
        a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    if a and b:
        diffs.extend(_myers_middle(a, b))
    elif a:
        diffs.append((-1, a))
    elif b:
        diffs.append((1, b))
    if tail:
        diffs.append((0, suffix))
    return diffs


def _myers_middle(a: str, b: str) -> list[tuple[int, str]]:
    """Myers' greedy search between two item strings that differ at both ends.

    ``v[offset + k]`` is the furthest x reached on diagonal k; after step d only diagonals -d..d
    matter, so the trace keeps just that slice of ``v`` (``trace[d][k + d]``).
    """
    n, m = len(a), len(b)
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace: list[list[int]] = []
    for d in range(n + m + 1):
        low, high = offset - d, offset + d
        for kk in range(low, high + 1, 2):  # kk = offset + k
            down = kk == low or (kk != high and v[kk - 1] < v[kk + 1])
            x = v[kk + 1] if down else v[kk - 1] + 1
            y = x - kk + offset
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[kk] = x
            if x >= n and y >= m:
                trace.append(v[low : high + 1])
                return _myers_path(a, b, trace)
        trace.append(v[low : high + 1])
    raise AssertionError("unreachable: n + m steps always suffice")


def _myers_path(a: str, b: str, trace: list[list[int]]) -> list[tuple[int, str]]:
    x, y = len(a), len(b)
    steps: list[tuple[int, str]] = []  # backwards
    for d in range(len(trace) - 1, 0, -1):
        v = trace[d - 1]  # diagonal k of step d - 1 is v[k + d - 1]
        k = x - y
        at = k + d - 1
        if k == -d or (k != d and v[at - 1] < v[at + 1]):
            prev_k = k + 1
            prev_x = v[at + 1]
            mid_x = prev_x
        else:
            prev_k = k - 1
            prev_x = v[at - 1]
            mid_x = prev_x + 1
        prev_y = prev_x - prev_k
        if x > mid_x:
            steps.append((0, a[mid_x:x]))
        if prev_k == k + 1:
            steps.append((1, b[prev_y]))
        else:
            steps.append((-1, a[prev_x]))
        x, y = prev_x, prev_y
    if x > 0:
        steps.append((0, a[:x]))
    diffs: list[tuple[int, str]] = []
    for op, text in reversed(steps):
        if diffs and diffs[-1][0] == op:
            diffs[-1] = (op, diffs[-1][1] + text)
        else:
            diffs.append((op, text))
    return diffs


#: Above this many matched positions, :func:`shared_runs` gives up (text repeating one phrase
#: throughout): the block is then replaced whole, as before runs were kept.
_RUN_MATCHES = 200_000


def shared_runs(old: list[str], new: list[str], length: int) -> list[tuple[int, int]] | None:
    """The runs of at least ``length`` items that ``old`` and ``new`` share, the chain of them in
    order on both sides that holds the most items, as (op, count) like :func:`align_items`; None
    when they share no such run.

    Linear in the items and the matched positions (no search of the edit graph): maximal common runs
    are found from the ``length``-grams the sides share, then chained by a sweep with a Fenwick tree
    of the best chain ending at or before each new position.
    """
    if length < 1 or len(old) < length or len(new) < length:
        return None
    grams: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(new) - length + 1):
        grams.setdefault(tuple(new[j : j + length]), []).append(j)
    runs: list[tuple[int, int, int]] = []  # (old start, new start, items)
    open_runs: dict[int, int] = {}  # diagonal (i - j) -> index in runs of the run reaching i - 1
    matches = 0
    for i in range(len(old) - length + 1):
        found = grams.get(tuple(old[i : i + length]))
        if not found:
            open_runs.clear()
            continue
        matches += len(found)
        if matches > _RUN_MATCHES:
            return None
        still: dict[int, int] = {}
        for j in found:
            at = open_runs.get(i - j)
            if at is None:
                at = len(runs)
                runs.append((i, j, length))
            else:
                start_i, start_j, items = runs[at]
                runs[at] = (start_i, start_j, items + 1)
            still[i - j] = at
        open_runs = still
    if not runs:
        return None
    chosen = _heaviest_chain(runs, len(new))
    ops: list[tuple[int, int]] = []
    i = j = 0
    for start_i, start_j, items in chosen:
        if start_i > i:
            ops.append((-1, start_i - i))
        if start_j > j:
            ops.append((1, start_j - j))
        ops.append((0, items))
        i, j = start_i + items, start_j + items
    if i < len(old):
        ops.append((-1, len(old) - i))
    if j < len(new):
        ops.append((1, len(new) - j))
    return ops


def _heaviest_chain(runs: list[tuple[int, int, int]], size: int) -> list[tuple[int, int, int]]:
    """The runs, not overlapping and in order on both sides, with the most items in all."""
    tree = [(0, -1)] * (size + 2)  # Fenwick tree over new end positions: (best items, run index)

    def best_before(position: int) -> tuple[int, int]:  # the best chain ending at or before it
        found = (0, -1)
        position += 1
        while position > 0:
            found = max(found, tree[position])
            position -= position & -position
        return found

    def record(position: int, value: tuple[int, int]) -> None:
        position += 1
        while position < len(tree):
            tree[position] = max(tree[position], value)
            position += position & -position

    order = sorted(range(len(runs)), key=lambda r: runs[r][0])
    by_end = sorted(range(len(runs)), key=lambda r: runs[r][0] + runs[r][2])
    total = [0] * len(runs)
    previous = [-1] * len(runs)
    added = 0
    for r in order:
        start_i, start_j, items = runs[r]
        while added < len(by_end) and runs[by_end[added]][0] + runs[by_end[added]][2] <= start_i:
            done = by_end[added]
            record(runs[done][1] + runs[done][2], (total[done], done))
            added += 1
        best, before = best_before(start_j)
        total[r] = best + items
        previous[r] = before
    last = max(range(len(runs)), key=total.__getitem__)
    chain: list[tuple[int, int, int]] = []
    while last >= 0:
        chain.append(runs[last])
        last = previous[last]
    chain.reverse()
    return chain


def longest_increasing(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest sequence of (old, new) pairs increasing in both (pairs sorted by old index)."""
    pairs = sorted(pairs)
    tails: list[int] = []  # new index ending the best sequence of each length
    tail_at: list[int] = []  # position in pairs of that tail
    previous: list[int] = [-1] * len(pairs)
    for position, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_at.append(position)
        else:
            tails[length] = j
            tail_at[length] = position
        previous[position] = tail_at[length - 1] if length else -1
    found: list[tuple[int, int]] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        found.append(pairs[position])
        position = previous[position]
    found.reverse()
    return found
