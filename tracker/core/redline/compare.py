"""``compare_units``: align two versions, word-diff each changed pair, and build the redline."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tracker.core.redline.align import align_units
from tracker.core.redline.model import (
    DEFAULT_OPTIONS,
    REDESIGNATION,
    ChangeKind,
    Redline,
    RedlineOptions,
    RedlineSummary,
    SubdivisionChange,
    UnitRedline,
)
from tracker.core.redline.references import conforming_marks, subdivision_map
from tracker.core.redline.runs import DELETE, EQUAL, INSERT, Run, count_changed_words
from tracker.core.redline.subdivisions import diff_subdivisions
from tracker.core.redline.words import diff_text
from tracker.core.units import TextUnit, UnitKind

_Work = tuple[str, str, RedlineOptions]
_Diffed = tuple[tuple[Run, ...], int, int, bool, tuple[SubdivisionChange, ...]]
#: How the word diffs of changed pairs are run: ``map``, or a parallel map of the same signature.
Mapper = Callable[[Callable[[_Work], _Diffed], list[_Work]], Iterable[_Diffed]]


def compare_units(
    old: Sequence[TextUnit],
    new: Sequence[TextUnit],
    *,
    old_label: str = "old",
    new_label: str = "new",
    options: RedlineOptions = DEFAULT_OPTIONS,
    mapper: Mapper = map,
) -> Redline:
    """Align two versions unit by unit and word-diff each changed pair.

    Units are paired as :mod:`~tracker.core.redline.align` describes and word-diffed as
    :mod:`~tracker.core.redline.words` does; struck units stand where they stood in the old version.

    ``mapper`` runs the word diffs of the changed pairs, ``map`` by default; a caller may pass a
    parallel map (the function and its arguments are picklable). The result does not depend on it.
    """
    alignment = align_units(old, new, options)
    kept = alignment.kept
    changed = [(i, j) for i, j in alignment.pairs if old[i].text != new[j].text]
    work = [(old[i].text, new[j].text, options) for i, j in changed]
    diffed = dict(zip(changed, mapper(_diff_pair, work), strict=True))
    sections = _renumbered_sections(old, new, alignment.pairs)

    by_new: list[UnitRedline] = []
    for j, unit in enumerate(new):
        i = alignment.new_to_old[j]
        if i is None:
            by_new.append(_unpaired(unit, j, struck=False))
        else:
            by_new.append(
                _paired(
                    old[i],
                    unit,
                    i,
                    j,
                    moved=i not in kept,
                    diffed=diffed.get((i, j)),
                    sections=sections,
                )
            )

    # Struck units go where they stood: after the unit that preceded them in the old version.
    after: dict[int, list[UnitRedline]] = {}
    anchor = -1
    for i, unit in enumerate(old):
        j = alignment.old_to_new[i]
        if j is None:
            after.setdefault(anchor, []).append(_unpaired(unit, i, struck=True))
        elif i in kept:
            anchor = j
    units: list[UnitRedline] = list(after.get(-1, ()))
    for j, unit in enumerate(by_new):
        units.append(unit)
        units.extend(after.get(j, ()))
    return Redline(
        old_label=old_label,
        new_label=new_label,
        units=tuple(units),
        summary=RedlineSummary.of(units),
    )


def _diff_pair(work: _Work) -> _Diffed:
    """The runs of one changed pair, its words struck and inserted, and whether only white space
    changed (a module-level function, so that a parallel map can pickle it)."""
    old, new, options = work
    runs: tuple[Run, ...] = diff_text(old, new, options)
    subdivisions: tuple[SubdivisionChange, ...] = ()
    struck, inserted = count_changed_words(runs)
    # The subdivision diff is given up as soon as it would touch more words than the plain one.
    split = (
        diff_subdivisions(old, new, options, struck + inserted) if options.subdivisions else None
    )
    if split is not None:
        # Aligned by subdivision when that touches no more words than the plain word diff, the
        # enumerators of redesignated subdivisions (numbering, not content) set aside.
        split_struck, split_inserted = count_changed_words(split[0])
        renumbered = sum(
            1
            for sub in split[1]
            if sub.old_designation and sub.new_designation
            and sub.old_designation != sub.new_designation
        )  # fmt: skip
        if split_struck + split_inserted - 2 * renumbered <= struck + inserted:
            runs, subdivisions = split
            struck, inserted = split_struck, split_inserted
    only_space = all(op == EQUAL or text.isspace() for op, text in runs)
    return runs, struck, inserted, only_space, subdivisions


def _renumbered_sections(
    old: Sequence[TextUnit], new: Sequence[TextUnit], pairs: Iterable[tuple[int, int]]
) -> dict[str, str]:
    """Section numbers that changed between paired sections, old to new (ambiguous ones left out:
    omnibus acts repeat numbers in each division)."""
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for i, j in pairs:
        a, b = old[i], new[j]
        if a.kind is UnitKind.SECTION and b.kind is UnitKind.SECTION:
            if found.get(a.designation, b.designation) != b.designation:
                clashes.add(a.designation)
            found[a.designation] = b.designation
    for number in clashes:
        del found[number]
    return {a: b for a, b in found.items() if a != b}


def _marks(
    runs: tuple[Run, ...], subdivisions: tuple[SubdivisionChange, ...], sections: dict[str, str]
) -> tuple[tuple[int, str], ...]:
    """Conforming references, and the enumerators of redesignated subdivisions."""
    marks = list(conforming_marks(runs, sections, subdivision_map(subdivisions)))
    for sub in subdivisions:
        old, new = sub.old_designation, sub.new_designation
        if not old or not new or old == new:
            continue
        for index in range(sub.first_run, sub.end_run - 1):
            if runs[index] == (DELETE, old) and runs[index + 1] == (INSERT, new):
                marks += [(index, REDESIGNATION), (index + 1, REDESIGNATION)]
                break
    return tuple(sorted(marks))


def _only_renumbering(
    old: TextUnit, new: TextUnit, runs: tuple[Run, ...], marks: tuple[tuple[int, str], ...]
) -> bool:
    """Whether the old text, its marked runs replaced by the new ones, is the new text but for the
    unit's own number."""
    if not marks:
        return False
    marked = {index for index, _ in marks}
    fixed = "".join(
        text
        for index, (op, text) in enumerate(runs)
        if op == EQUAL or (op == INSERT) == (index in marked)
    )
    if fixed == new.text:
        return True
    return bool(old.designation) and fixed.replace(old.designation, new.designation, 1) == new.text


def _unpaired(unit: TextUnit, position: int, *, struck: bool) -> UnitRedline:
    """An inserted unit (only on the new side) or a struck one (only on the old side)."""
    old = unit if struck else None
    new = None if struck else unit
    words = len(unit.text.split())
    return UnitRedline(
        kind=ChangeKind.STRUCK if struck else ChangeKind.INSERTED,
        unit_kind=unit.kind,
        old_key=old.key if old else None,
        new_key=new.key if new else None,
        old_number=old.designation if old else None,
        new_number=new.designation if new else None,
        old_heading=old.heading if old else None,
        new_heading=new.heading if new else None,
        old_position=position if old else None,
        new_position=position if new else None,
        moved=False,
        redesignated=False,
        conforming=False,
        whitespace_only=False,
        words_inserted=0 if struck else words,
        words_struck=words if struck else 0,
        words_moved=0,
        runs=((DELETE if struck else INSERT, unit.text),) if unit.text else (),
    )


def _paired(
    old: TextUnit,
    new: TextUnit,
    i: int,
    j: int,
    *,
    moved: bool,
    diffed: _Diffed | None,
    sections: dict[str, str],
) -> UnitRedline:
    same_text = diffed is None
    redesignated = old.designation != new.designation
    if not moved and new.kind is UnitKind.SECTION and old.key != new.key and not redesignated:
        moved = True  # renamed, or moved to another division, under the same number
    if diffed is None:
        runs: tuple[Run, ...] = ((EQUAL, new.text),) if new.text else ()
        struck = inserted = 0
        whitespace_only = False
        subdivisions: tuple[SubdivisionChange, ...] = ()
        marks: tuple[tuple[int, str], ...] = ()
    else:
        runs, struck, inserted, whitespace_only, subdivisions = diffed
        marks = _marks(runs, subdivisions, sections)
    conforming = False
    same_canonical = old.canonical == new.canonical or (
        not same_text and _only_renumbering(old, new, runs, marks)
    )
    if same_canonical and not same_text:
        old_body = old.text.partition("\n")[2]
        new_body = new.text.partition("\n")[2]
        conforming = old_body != new_body or not redesignated
    if moved:
        kind = ChangeKind.MOVED
    elif same_text:
        kind = ChangeKind.UNCHANGED
    elif same_canonical and redesignated:
        kind = ChangeKind.REDESIGNATED
    else:
        kind = ChangeKind.AMENDED
    return UnitRedline(
        kind=kind,
        unit_kind=new.kind,
        old_key=old.key,
        new_key=new.key,
        old_number=old.designation,
        new_number=new.designation,
        old_heading=old.heading,
        new_heading=new.heading,
        old_position=i,
        new_position=j,
        moved=moved,
        redesignated=redesignated,
        conforming=conforming,
        whitespace_only=whitespace_only,
        words_inserted=inserted,
        words_struck=struck,
        words_moved=len(new.text.split()) if moved else 0,
        runs=runs,
        subdivisions=subdivisions,
        marks=marks,
    )
