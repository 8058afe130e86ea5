"""``compare_units``: align two versions, word-diff each changed pair, and build the redline."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tracker.core.redline.align import align_units
from tracker.core.redline.model import (
    DEFAULT_OPTIONS,
    ChangeKind,
    Redline,
    RedlineOptions,
    RedlineSummary,
    UnitRedline,
)
from tracker.core.redline.runs import DELETE, EQUAL, INSERT, Run, count_changed_words
from tracker.core.redline.words import diff_text
from tracker.core.units import TextUnit, UnitKind

_Work = tuple[str, str, RedlineOptions]
_Diffed = tuple[tuple[Run, ...], int, int, bool]
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

    by_new: list[UnitRedline] = []
    for j, unit in enumerate(new):
        i = alignment.new_to_old[j]
        if i is None:
            by_new.append(_unpaired(unit, j, struck=False))
        else:
            by_new.append(
                _paired(old[i], unit, i, j, moved=i not in kept, diffed=diffed.get((i, j)))
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
    runs = diff_text(old, new, options)
    struck, inserted = count_changed_words(runs)
    return runs, struck, inserted, all(op == EQUAL or text.isspace() for op, text in runs)


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
    old: TextUnit, new: TextUnit, i: int, j: int, *, moved: bool, diffed: _Diffed | None
) -> UnitRedline:
    same_text = diffed is None
    redesignated = old.designation != new.designation
    if not moved and new.kind is UnitKind.SECTION and old.key != new.key and not redesignated:
        moved = True  # renamed, or moved to another division, under the same number
    if diffed is None:
        runs: tuple[Run, ...] = ((EQUAL, new.text),) if new.text else ()
        struck = inserted = 0
        whitespace_only = False
    else:
        runs, struck, inserted, whitespace_only = diffed
    conforming = False
    if old.canonical == new.canonical and not same_text:
        old_body = old.text.partition("\n")[2]
        new_body = new.text.partition("\n")[2]
        conforming = old_body != new_body or not redesignated
    if moved:
        kind = ChangeKind.MOVED
    elif same_text:
        kind = ChangeKind.UNCHANGED
    elif old.canonical == new.canonical and redesignated:
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
    )
