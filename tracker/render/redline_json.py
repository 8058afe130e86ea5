"""A redline as JSON: the model itself, exact and stable (documented in docs/redline-json.md).

Each unit's runs are ``["equal" | "insert" | "delete", text]`` pairs; its equal and delete runs
concatenate to its old text and its equal and insert runs to its new text, byte for byte, white space
included. The JSON is always exact: it never hides white space. When either version is a package
with amendatory instructions, an ``amendments`` key says which instructions changed and how each law
section they touch would read differently (:mod:`tracker.render.redline_amendments`). A thin
renderer.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tracker.core.redline import Redline, RedlineSummary, UnitRedline

if TYPE_CHECKING:
    from tracker.core.amend.compare import AmendmentComparison

FORMAT = "billtrack-redline"
VERSION = 1


def summary_dict(summary: RedlineSummary) -> dict[str, Any]:
    return {
        "units": {
            "unchanged": summary.unchanged,
            "amended": summary.amended,
            "inserted": summary.inserted,
            "struck": summary.struck,
            "moved": summary.moved,
            "redesignated": summary.redesignated,
        },
        "conforming": summary.conforming,
        "conforming_references": summary.conforming_references,
        "whitespace_only": summary.whitespace_only,
        "words": {
            "inserted": summary.words_inserted,
            "struck": summary.words_struck,
            "moved": summary.words_moved,
        },
    }


def unit_dict(unit: UnitRedline, *, runs: bool = True) -> dict[str, Any]:
    side_old = _side(unit.old_key, unit.old_number, unit.old_heading, unit.old_position)
    side_new = _side(unit.new_key, unit.new_number, unit.new_heading, unit.new_position)
    data: dict[str, Any] = {
        "key": unit.key,
        "kind": str(unit.kind),
        "unit": str(unit.unit_kind),
        "old": side_old,
        "new": side_new,
        "moved": unit.moved,
        "redesignated": unit.redesignated,
        "conforming": unit.conforming,
        "whitespace_only": unit.whitespace_only,
        "words": {
            "inserted": unit.words_inserted,
            "struck": unit.words_struck,
            "moved": unit.words_moved,
        },
    }
    if unit.subdivisions:
        data["subdivisions"] = [
            {
                "kind": str(sub.kind),
                "level": sub.level,
                "old": sub.old_designation,
                "new": sub.new_designation,
                "words": {"inserted": sub.words_inserted, "struck": sub.words_struck},
                **({"runs": [sub.first_run, sub.end_run]} if runs else {}),
            }
            for sub in unit.subdivisions
        ]
    if runs:
        data["runs"] = unit.runs
        if unit.marks:
            data["marks"] = [[index, mark] for index, mark in unit.marks]
    return data


def _side(
    key: str | None, number: str | None, heading: str | None, position: int | None
) -> dict[str, Any] | None:
    """One version's side of a unit; None for the missing side of an inserted or struck unit."""
    if key is None:
        return None
    return {"key": key, "number": number, "heading": heading, "position": position}


def redline_dict(redline: Redline, *, runs: bool = True) -> dict[str, Any]:
    """The redline as plain JSON-ready data; ``runs=False`` for the ``--stat`` form."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "old": redline.old_label,
        "new": redline.new_label,
        "exact": redline.whitespace,
        "summary": summary_dict(redline.summary),
        "units": [unit_dict(unit, runs=runs) for unit in redline.units],
    }
    if redline.front_matter:
        data["front_matter"] = [
            {"key": change.key, "old": change.old, "new": change.new}
            for change in redline.front_matter
        ]
    return data


def render_json(
    redline: Redline,
    *,
    stat: bool = False,
    indent: int | None = None,
    amendments: AmendmentComparison | None = None,
) -> str:
    """The JSON text (one line unless ``indent``), ending with a newline; with ``amendments``, the
    ``amendments`` key too."""
    data = redline_dict(redline, runs=not stat)
    if amendments is not None:
        from tracker.render.redline_amendments import amendments_dict

        data["amendments"] = amendments_dict(amendments, runs=not stat)
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=True, indent=indent, separators=separators) + "\n"
