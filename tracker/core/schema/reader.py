"""The reader every record schema uses: fields, ranges, located findings.

Input is plain values with their lines (any object with ``data`` and ``line(*path)``, as the YAML
adapter returns); output is records plus located findings. Unknown keys are errors with a
did-you-mean; wrong types and missing required keys are errors naming the key.

Values with a meaning have a range (BT117): ``congress`` 1-200, ``session`` 1-4, ``deadline_days``
0-36500, every date 1789-01-01 to 2999-12-31. A date field takes a calendar date; only a history
entry's ``date`` may carry a time of day. Numbers are never accepted where a whole number is meant
(``1.5``, ``.nan``, ``.inf``, ``1e20`` are refused). A :class:`RejectedValue` (the reader's mark for
an impossible value it already reported) is skipped without a second finding.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from tracker.core.errors import Finding, Severity
from tracker.core.model import STAGE_NAMES, Stage


class Located(Protocol):
    data: object

    def line(self, *path: str | int) -> int | None: ...


YamlPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class RejectedValue:
    """A value the YAML reader could not build (``2026-02-30``, a 5,000-digit number) and has
    already reported; readers treat the key as given but unusable, and report nothing more."""

    text: str


MIN_DATE = dt.date(1789, 1, 1)
MAX_DATE = dt.date(2999, 12, 31)


@dataclass(frozen=True, slots=True)
class Field:
    types: tuple[type, ...]
    required: bool = False
    nullable: bool = True
    low: int | dt.date | None = None  # inclusive bounds of a number or a date
    high: int | dt.date | None = None
    time_ok: bool = False  # a date field that may carry a time of day

    def describe(self) -> str:
        names = {
            str: "text",
            int: "a whole number",
            bool: "true or false",
            list: "a list",
            dict: "a mapping",
            dt.date: "a date (YYYY-MM-DD)",
            float: "a number",
        }
        return " or ".join(names.get(t, t.__name__) for t in self.types)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """A close match from ``choices``, for "did you mean" hints.

    >>> did_you_mean("implments", ["implements", "title"])
    'implements'
    """
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


class RecordReader:
    """Collects findings while reading mappings of one file against field specs."""

    def __init__(self, located: Located, path: str) -> None:
        self.located = located
        self.path = path
        self.findings: list[Finding] = []

    def error(self, code: str, where: YamlPath, message: str, hint: str | None = None) -> None:
        self.findings.append(
            Finding(
                code=code,
                severity=Severity.ERROR,
                path=self.path,
                line=self.located.line(*where),
                message=message,
                hint=hint,
            )
        )

    def warning(self, code: str, where: YamlPath, message: str, hint: str | None = None) -> None:
        self.findings.append(
            Finding(
                code=code,
                severity=Severity.WARNING,
                path=self.path,
                line=self.located.line(*where),
                message=message,
                hint=hint,
            )
        )

    def mapping(
        self, value: object, where: YamlPath, fields: Mapping[str, Field], what: str
    ) -> dict[str, object] | None:
        """Check ``value`` is a mapping with known keys of the right types; None if unusable."""
        if isinstance(value, RejectedValue):
            return None  # reported by the reader
        if not isinstance(value, dict):
            self.error(
                "BT105",
                where,
                f"{what} must be a mapping of keys to values, not {_kind(value)}",
                "write 'key: value' lines",
            )
            return None
        result: dict[str, object] = {}
        rejected: set[str] = set()
        for key, item in value.items():
            key_text = str(key)
            if isinstance(item, RejectedValue) and key_text in fields:
                rejected.add(key_text)  # reported by the reader
                continue
            if key_text not in fields:
                guess = did_you_mean(key_text, list(fields))
                hint = f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(fields)}"
                self.error("BT104", (*where, key_text), f"unknown key '{key_text}' in {what}", hint)
                continue
            spec = fields[key_text]
            if spec.required and item in (None, ""):
                rejected.add(key_text)
                self.error(
                    "BT106",
                    (*where, key_text),
                    f"the required key '{key_text}' in {what} is empty",
                    f"write its value after '{key_text}:'",
                )
                continue
            if item is None and spec.nullable and not spec.required:
                result[key_text] = None
                continue
            if bool in spec.types and isinstance(item, bool):
                result[key_text] = item
                continue
            if isinstance(item, bool) or not isinstance(item, spec.types):
                if float in spec.types and isinstance(item, int) and not isinstance(item, bool):
                    result[key_text] = item
                    continue
                if str in spec.types and isinstance(item, int | float | dt.date):
                    # "congress: 119" where text is wanted is harmless; keep its text
                    result[key_text] = str(item)
                    continue
                self.error(
                    "BT105",
                    (*where, key_text),
                    f"'{key_text}' in {what} must be {spec.describe()}, not {_kind(item)}",
                    f"write '{key_text}' as {spec.describe()}",
                )
                continue
            if isinstance(item, dt.datetime) and not spec.time_ok and dt.date in spec.types:
                self.error(
                    "BT105",
                    (*where, key_text),
                    f"'{key_text}' in {what} must be a date (YYYY-MM-DD), not a date and time",
                    f"write '{key_text}' as YYYY-MM-DD",
                )
                continue
            if not self.in_range(item, spec, (*where, key_text), f"'{key_text}' in {what}"):
                continue
            result[key_text] = item
        for key_text, spec in fields.items():
            if spec.required and result.get(key_text) in (None, ""):
                if key_text in rejected:
                    continue
                if key_text in value and value[key_text] not in (None, ""):
                    continue  # already reported as a wrong type
                self.error(
                    "BT106",
                    where,
                    f"{what} lacks the required key '{key_text}'",
                    f"add '{key_text}: ...'",
                )
        return result

    def in_range(self, item: object, spec: Field, where: YamlPath, what: str) -> bool:
        """Whether ``item`` lies in the field's bounds (dates always in MIN_DATE..MAX_DATE)."""
        low, high = spec.low, spec.high
        value: object = item
        if isinstance(item, dt.date):
            value = item.date() if isinstance(item, dt.datetime) else item
            low, high = low or MIN_DATE, high or MAX_DATE
        elif not isinstance(item, int) or isinstance(item, bool):
            return True
        if (low is None or low <= value) and (high is None or value <= high):  # type: ignore[operator]
            return True
        shown = str(item) if len(str(item)) <= 40 else f"a number of {len(str(item))} digits"
        self.error(
            "BT117",
            where,
            f"{what} is out of range: {shown}",
            f"write a value from {low} to {high}",
        )
        return False

    def text_list(self, value: object, where: YamlPath, what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(
                "BT105", where, f"{what} must be a list", "write it as [a, b] or '- a' lines"
            )
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, RejectedValue):
                continue  # reported by the reader
            if isinstance(item, str | int) and not isinstance(item, bool):
                items.append(str(item))
            else:
                self.error(
                    "BT105",
                    (*where, index),
                    f"items of {what} must be text, not {_kind(item)}",
                    "write each item as plain text on its own '- ' line",
                )
        return tuple(items)


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, float):
        return (
            "a decimal number" if value == value and abs(value) != float("inf") else "not a number"
        )
    if isinstance(value, dt.datetime):
        return "a date and time"
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        bool: "true/false",
        float: "a number",
        dt.date: "a date",
    }.get(type(value), type(value).__name__)


TEXT = Field((str,))
REQUIRED_TEXT = Field((str,), required=True)
DATE = Field((dt.date,))
LIST = Field((list,))


def read_stage(reader: RecordReader, value: object, where: YamlPath) -> Stage | None:
    if value is None:
        return None
    try:
        return Stage.parse(str(value))
    except ValueError:
        guess = did_you_mean(str(value), STAGE_NAMES)
        reader.error(
            "BT107",
            where,
            f"unknown stage '{value}'",
            f"did you mean '{guess}'?" if guess else f"stages: {', '.join(STAGE_NAMES)}",
        )
        return None


def opt(value: object) -> str | None:
    return None if value is None else str(value)
