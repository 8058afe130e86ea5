"""Properties of the redline that hold for any input (hypothesis)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.core.gpo_text import clean_pdf_text
from tracker.core.redline import (
    DEFAULT_OPTIONS,
    DELETE,
    EQUAL,
    INSERT,
    ChangeKind,
    compare_units,
    diff_text,
    new_text,
    old_text,
)
from tracker.core.text_units import split_text
from tracker.core.units import TextUnit, UnitKind

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(
    [
        "the", "Attorney", "General", "shall", "certify", "grant", "grants", "agency", "officer",
        "$100,000,000", "section", "102(b)(2)", "(a)", "(1)", "“term”", "‘‘Act’’", "and", "or",
        "de-escalation", "—", ".", ",", ";", "ß", "É", "日本",
    ]
)  # fmt: skip
SPACE = st.sampled_from([" ", " ", " ", "\n", "\n\n", "  ", "\t", " \n", "\r\n", "\u00a0"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, max_size=60))
    out = [draw(st.sampled_from(["", " ", "\n"]))]
    for word in words:
        out.append(word)
        out.append(draw(SPACE))
    return "".join(out)


ANY_TEXT = st.one_of(texts(), st.text(max_size=80))


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_runs_give_back_both_texts_exactly(old: str, new: str) -> None:
    runs = diff_text(old, new)
    assert old_text(runs) == old
    assert new_text(runs) == new
    assert all(text for _, text in runs)
    assert all(a[0] != b[0] for a, b in itertools.pairwise(runs))


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_applying_the_runs_to_old_gives_new_and_unapplying_gives_old(old: str, new: str) -> None:
    """Walk OLD: keep equal runs, drop delete runs, add insert runs; and the reverse from NEW."""
    runs = diff_text(old, new)
    position, built = 0, []
    for op, text in runs:
        if op in (EQUAL, DELETE):
            assert old[position : position + len(text)] == text
            position += len(text)
        if op in (EQUAL, INSERT):
            built.append(text)
    assert position == len(old) and "".join(built) == new
    position, built = 0, []
    for op, text in runs:
        if op in (EQUAL, INSERT):
            assert new[position : position + len(text)] == text
            position += len(text)
        if op in (EQUAL, DELETE):
            built.append(text)
    assert position == len(new) and "".join(built) == old


@SETTINGS
@given(ANY_TEXT)
def test_a_text_against_itself_is_one_equal_run(text: str) -> None:
    assert diff_text(text, text) == (((EQUAL, text),) if text else ())


@st.composite
def bills(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Provisions as (id, body) with distinct ids and bodies."""
    count = draw(st.integers(min_value=1, max_value=8))
    bodies = draw(
        st.lists(texts().filter(lambda t: t.strip()), min_size=count, max_size=count, unique=True)
    )
    return [(f"p{index}", body) for index, body in enumerate(bodies)]


def package_units(provisions: list[tuple[str, str]]) -> tuple[TextUnit, ...]:
    """Units as a package compiles them: numbered by place, canonical without the number."""
    units = []
    for number, (key, body) in enumerate(provisions, start=1):
        units.append(
            TextUnit(
                key=key,
                kind=UnitKind.SECTION,
                designation=str(number),
                heading=key.upper(),
                text=f"SEC. {number}. {key.upper()}.\n\n{body}\n",
                canonical=f"SEC. {key.upper()}.\n\n{body}\n",
            )
        )
    return tuple(units)


@SETTINGS
@given(bills(), st.randoms(use_true_random=False))
def test_pure_reordering_yields_only_moves_and_redesignations(provisions, random) -> None:
    old = package_units(provisions)
    shuffled = list(provisions)
    random.shuffle(shuffled)
    new = package_units(shuffled)
    redline = compare_units(old, new)
    allowed = {ChangeKind.UNCHANGED, ChangeKind.MOVED, ChangeKind.REDESIGNATED}
    assert {unit.kind for unit in redline.units} <= allowed
    assert redline.summary.inserted == redline.summary.struck == redline.summary.amended == 0
    assert [u.new_key for u in redline.units] == [key for key, _ in shuffled]
    for unit in redline.units:
        assert unit.old_key == unit.new_key


@SETTINGS
@given(bills(), bills())
def test_every_unit_appears_once_and_reconstructs(old_provisions, new_provisions) -> None:
    old, new = package_units(old_provisions), package_units(new_provisions)
    redline = compare_units(old, new)
    olds = sorted(u.old_position for u in redline.units if u.old_position is not None)
    news = [u.new_position for u in redline.units if u.new_position is not None]
    assert olds == list(range(len(old)))
    assert news == list(range(len(new)))  # in the new order
    for unit in redline.units:
        if unit.old_position is not None:
            assert unit.old_text == old[unit.old_position].text
        if unit.new_position is not None:
            assert unit.new_text == new[unit.new_position].text


@SETTINGS
@given(st.lists(st.one_of(texts(), st.sampled_from(["SEC. 4. X.\n", "TITLE I—Y\n"])), max_size=6))
def test_splitting_a_file_keeps_every_character(parts: list[str]) -> None:
    text = "".join(parts)
    assert "".join(unit.text for unit in split_text(text)) == text


@SETTINGS
@given(st.text(alphabet=st.sampled_from("ab -\n1•Æ:TITLE"), max_size=120))
def test_cleaning_pdf_text_is_idempotent(text: str) -> None:
    once = clean_pdf_text(text)
    assert clean_pdf_text(once) == once


@SETTINGS
@given(st.text(alphabet="abcd", max_size=30), st.text(alphabet="abcd", max_size=30))
def test_the_small_myers_diff_is_minimal_and_exact(old: str, new: str) -> None:
    """The engine's own Myers search, used between anchors, edits as little as diff-match-patch."""
    from diff_match_patch import diff_match_patch

    from tracker.core.redline.sequence import myers

    reference = diff_match_patch()
    reference.Diff_Timeout = 0
    diffs = myers(old, new)
    assert "".join(t for op, t in diffs if op <= 0) == old
    assert "".join(t for op, t in diffs if op >= 0) == new
    edits = sum(len(t) for op, t in diffs if op)
    assert edits == sum(len(t) for op, t in reference.diff_main(old, new, False) if op)


# Subdivision texts: enumerated lines, so that chunks pair under the same or another enumerator.
ENUMERATED = st.lists(
    st.tuples(st.sampled_from(["(a) ", "(b) ", "(1) ", "(2) ", "‘‘(3) ", ""]), texts()), max_size=5
).map(lambda lines: "SEC. 5. GRANTS.\n" + "".join(f"{e}{t.strip()}\n" for e, t in lines))


@SETTINGS
@given(st.one_of(ANY_TEXT, ENUMERATED), st.one_of(ANY_TEXT, ENUMERATED))
def test_the_floor_on_touched_words_never_exceeds_the_diff(old: str, new: str) -> None:
    """The subdivision diff gives up early on the strength of this floor: were it ever above the
    words a diff touches, a section would wrongly fall back to the plain word diff."""
    from tracker.core.redline.runs import count_changed_words
    from tracker.core.redline.subdivisions import _pair_runs, chunks, surely_touched

    assert surely_touched(old, new) <= sum(count_changed_words(diff_text(old, new)))
    for a, b in itertools.product(chunks(old), chunks(new)):
        runs, _ = _pair_runs(a, b, DEFAULT_OPTIONS)
        assert surely_touched(a.text, b.text) <= sum(count_changed_words(runs))


# Two rewritten sections: each side's own words (disjoint vocabularies), the same enumerators, and
# in the k-th subdivision of both the k-th shared phrase of three to six words found nowhere else.
OLD_WORDS = st.sampled_from(["grant", "agency", "shall", "award", "the", "States", "report;"])
NEW_WORDS = st.sampled_from(["officer", "may", "certify", "a", "Tribes", "body", "funds."])


@st.composite
def rewritten_sections(draw: st.DrawFn) -> tuple[str, str, int]:
    """Two texts and the words a line-by-line reading keeps equal in them: the heading line, each
    enumerator both sides use in the same place, and each shared phrase (words counted once)."""
    old_count = draw(st.integers(1, 6))
    new_count = draw(st.integers(1, 6))
    phrases = [
        [f"shared{k}w{w}" for w in range(draw(st.integers(3, 6)))]
        for k in range(min(old_count, new_count))
    ]
    kept = 3 + sum(len(p) for p in phrases) + len(phrases)

    def side(count: int, words: st.SearchStrategy[str]) -> str:
        lines = ["SEC. 5. GRANTS."]
        for k in range(count):
            before = draw(st.lists(words, min_size=1, max_size=25))
            after = draw(st.lists(words, max_size=25))
            phrase = phrases[k] if k < len(phrases) else []
            lines.append(" ".join([f"({'abcdef'[k]})", *before, *phrase, *after]))
        return "\n".join(lines) + "\n"

    return side(old_count, OLD_WORDS), side(new_count, NEW_WORDS), kept


@SETTINGS
@given(rewritten_sections())
def test_a_rewrite_keeps_what_a_line_by_line_reading_keeps(case: tuple[str, str, int]) -> None:
    """Issue 12, item 6: the readability passes give up only equalities of at most MERGE_WORDS words
    between two edits. So a section rewritten subdivision by subdivision keeps its heading, each
    enumerator under which a subdivision was replaced and each shared run of more than MERGE_WORDS
    words: it touches no more words than any diff that keeps those (git's word diff keeps them).
    Before, such a section was struck and inserted whole, enumerators and phrases included."""
    old, new, kept = case
    redline = compare_units(
        split_text(old), split_text(new), options=replace(DEFAULT_OPTIONS, numbered_keys=True)
    )
    (unit,) = redline.units
    assert old_text(unit.runs) == old and new_text(unit.runs) == new
    changed = unit.words_struck + unit.words_inserted
    assert changed <= len(old.split()) + len(new.split()) - 2 * kept


@SETTINGS
@given(
    st.lists(st.sampled_from("abcd"), max_size=40),
    st.lists(st.sampled_from("abcd"), max_size=40),
    st.integers(1, 4),
)
def test_shared_runs_are_shared_long_and_in_order(
    old: list[str], new: list[str], size: int
) -> None:
    """The runs a replaced block keeps: each at least ``size`` items, equal on both sides, in order."""
    from tracker.core.redline.sequence import shared_runs

    ops = shared_runs(old, new, size)
    if ops is None:
        grams = {tuple(old[i : i + size]) for i in range(len(old) - size + 1)}
        assert not any(tuple(new[j : j + size]) in grams for j in range(len(new) - size + 1))
        return
    i = j = 0
    for op, count in ops:
        if op == 0:
            assert count >= size and old[i : i + count] == new[j : j + count]
        i += count if op <= 0 else 0
        j += count if op >= 0 else 0
    assert (i, j) == (len(old), len(new))
    assert any(op == 0 for op, _ in ops)


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_changed_words_are_the_words_a_change_touches(old: str, new: str) -> None:
    """count_changed_words against its definition: white-space-separated words of each side with a
    character in a delete (insert) run ('5' then an inserted '.' is one touched word)."""
    import re

    from tracker.core.redline.runs import count_changed_words

    runs = diff_text(old, new)

    def touched(op: str) -> int:
        marks = "".join(("x" if o == op else "-") * len(t) for o, t in runs if o in (EQUAL, op))
        side = "".join(t for o, t in runs if o in (EQUAL, op))
        return sum(1 for m in re.finditer(r"\S+", side) if "x" in marks[m.start() : m.end()])

    assert count_changed_words(runs) == (touched(DELETE), touched(INSERT))
