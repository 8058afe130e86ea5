"""Validating parsed YAML values into domain records.

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
from types import MappingProxyType
from typing import Protocol

from tracker.core.errors import Finding, Severity
from tracker.core.ids import OrderId, is_legal_name
from tracker.core.model import (
    DEFAULT_WORKFLOW,
    GROUP_KINDS,
    STAGE_NAMES,
    Bill,
    ContentEntry,
    DraftInfo,
    GroupEntry,
    HistoryEntry,
    Order,
    OrderDocument,
    OrderEntry,
    SectionEntry,
    Stage,
    StageChange,
    Workflow,
)


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

BILL_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "official_title": TEXT,
        "document_title": TEXT,
        "preamble": LIST,
        "short_title": TEXT,
        "congress": Field((int,), low=1, high=200),
        "session": Field((int,), low=1, high=4),
        "chamber": TEXT,
        "sponsor": TEXT,
        "stage": TEXT,
        "enacting_clause": TEXT,
        "stage_history": LIST,
        "workflow": Field((dict,)),
        "contents": Field((list,), required=True),
    }
)
WORKFLOW_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "initial": REQUIRED_TEXT,
        "statuses": Field((list,), required=True),
        "done": LIST,
        "transitions": Field((dict,), required=True),
    }
)
STAGE_CHANGE_FIELDS: Mapping[str, Field] = MappingProxyType(
    {"stage": REQUIRED_TEXT, "date": Field((dt.date,), required=True), "note": TEXT}
)
SECTION_ENTRY_FIELDS: Mapping[str, Field] = MappingProxyType(
    {"provision": REQUIRED_TEXT, "designation": TEXT, "numbered": Field((bool,))}
)
GROUP_FIELDS: Mapping[str, Field] = MappingProxyType(
    {**{kind: TEXT for kind in GROUP_KINDS}, "designation": TEXT, "contents": Field((list,))}
)
ORDER_FIELDS: Mapping[str, Field] = MappingProxyType(
    {"document": Field((dict,), required=True), "entries": Field((list,), required=True)}
)
DOCUMENT_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "title": REQUIRED_TEXT,
        "kind": TEXT,
        "number": TEXT,
        "citation": REQUIRED_TEXT,
        "date": DATE,
        "published": DATE,
        "url": TEXT,
        "note": TEXT,
    }
)
ENTRY_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "id": REQUIRED_TEXT,
        "label": TEXT,
        "heading": TEXT,
        "directive": Field((bool,)),
        "officials": LIST,
        "deadline_days": Field((int,), low=0, high=36500),
        "recovered": Field((bool,)),
        "summary": REQUIRED_TEXT,
    }
)
DRAFT_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "name": REQUIRED_TEXT,
        "stage": REQUIRED_TEXT,
        "date": Field((dt.date,), required=True),
        "commit": TEXT,
        "dirty": Field((bool,)),
        "note": TEXT,
        "content_sha256": TEXT,
    }
)


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


def read_bill(located: Located, path: str) -> tuple[Bill | None, list[Finding]]:
    reader = RecordReader(located, path)
    data = reader.mapping(located.data, (), BILL_FIELDS, "bill.yaml")
    if data is None or not isinstance(data.get("contents"), list):
        # without its contents there is no bill to number or list: the file counts as unread
        return None, reader.findings
    workflow = _read_workflow(reader, data.get("workflow"))
    chamber = str(data.get("chamber") or "house").lower()
    if chamber not in ("house", "senate"):
        reader.error(
            "BT105",
            ("chamber",),
            f"chamber must be 'house' or 'senate', not '{chamber}'",
            "write 'chamber: house' or 'chamber: senate'",
        )
        chamber = "house"
    history: list[StageChange] = []
    for index, item in enumerate(data.get("stage_history") or []):  # type: ignore[union-attr]
        change = reader.mapping(
            item, ("stage_history", index), STAGE_CHANGE_FIELDS, "a stage change"
        )
        if change is None:
            continue
        stage = read_stage(reader, change.get("stage"), ("stage_history", index, "stage"))
        date = change.get("date")
        if stage and isinstance(date, dt.date):
            history.append(StageChange(stage=stage, date=date, note=_opt(change.get("note"))))
    contents = _read_contents(reader, data.get("contents") or [], ("contents",))
    bill = Bill(
        official_title=_opt(data.get("official_title")),
        document_title=str(data.get("document_title") or "A BILL"),
        preamble=reader.text_list(data.get("preamble"), ("preamble",), "the preamble"),
        short_title=_opt(data.get("short_title")),
        congress=data.get("congress") if isinstance(data.get("congress"), int) else None,
        session=data.get("session") if isinstance(data.get("session"), int) else None,
        chamber=chamber,
        sponsor=_opt(data.get("sponsor")),
        stage=read_stage(reader, data.get("stage"), ("stage",)) or Stage.DISCUSSION,
        enacting_clause=_opt(data.get("enacting_clause")),
        stage_history=tuple(history),
        workflow=workflow,
        contents=contents,
        path=path,
    )
    return bill, reader.findings


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _read_workflow(reader: RecordReader, value: object) -> Workflow:
    if value is None:
        return DEFAULT_WORKFLOW
    data = reader.mapping(value, ("workflow",), WORKFLOW_FIELDS, "the workflow")
    if data is None:
        return DEFAULT_WORKFLOW
    statuses = reader.text_list(data.get("statuses"), ("workflow", "statuses"), "workflow statuses")
    done = reader.text_list(data.get("done"), ("workflow", "done"), "workflow done statuses")
    initial = str(data.get("initial") or (statuses[0] if statuses else ""))
    transitions: dict[str, tuple[str, ...]] = {}
    raw = data.get("transitions") or {}
    if isinstance(raw, dict):
        for source, targets in raw.items():
            where = ("workflow", "transitions", str(source))
            transitions[str(source)] = reader.text_list(
                targets, where, f"transitions from {source}"
            )
    for status in (initial, *done, *transitions, *(t for ts in transitions.values() for t in ts)):
        if status and status not in statuses:
            reader.error(
                "BT108",
                ("workflow",),
                f"workflow names status '{status}' that is not in its statuses",
                "add it to workflow.statuses or correct the name",
            )
    return Workflow(
        initial=initial,
        statuses=statuses,
        done=done or (("cleared",) if "cleared" in statuses else ()),
        transitions=MappingProxyType(transitions),
    )


def _read_contents(
    reader: RecordReader, value: object, where: YamlPath
) -> tuple[ContentEntry, ...]:
    if not isinstance(value, list):
        reader.error(
            "BT105",
            where,
            "contents must be a list of provision ids and groups",
            "write one '- provision-id' line per section",
        )
        return ()
    entries: list[ContentEntry] = []
    for index, item in enumerate(value):
        here = (*where, index)
        line = reader.located.line(*here)
        if isinstance(item, str):
            entries.append(SectionEntry(provision_id=item, line=line))
            continue
        if isinstance(item, RejectedValue):
            continue  # reported by the reader
        if not isinstance(item, dict):
            reader.error(
                "BT105",
                here,
                f"a contents entry must be a provision id or a group, not {_kind(item)}",
                "write '- provision-id', or a group such as 'title: Heading' with 'contents:'",
            )
            continue
        if "provision" in item:
            data = reader.mapping(item, here, SECTION_ENTRY_FIELDS, "a contents entry")
            if data and data.get("provision"):
                entries.append(
                    SectionEntry(
                        provision_id=str(data["provision"]),
                        designation=_opt(data.get("designation")),
                        numbered=data.get("numbered") is not False,
                        line=line,
                    )
                )
            continue
        data = reader.mapping(item, here, GROUP_FIELDS, "a group")
        if data is None:
            continue
        kinds = [kind for kind in GROUP_KINDS if kind in data]
        if len(kinds) != 1:
            reader.error(
                "BT105",
                here,
                "a group names exactly one of " + ", ".join(GROUP_KINDS),
                "write e.g. 'title: Accountability' with 'contents:' under it",
            )
            continue
        kind = kinds[0]
        entries.append(
            GroupEntry(
                kind=kind,
                heading=str(data.get(kind) or ""),
                designation=_opt(data.get("designation")),
                contents=_read_contents(reader, data.get("contents") or [], (*here, "contents")),
                line=line,
            )
        )
    return tuple(entries)


def read_order(located: Located, path: str) -> tuple[Order | None, list[Finding]]:
    reader = RecordReader(located, path)
    data = reader.mapping(located.data, (), ORDER_FIELDS, "order.yaml")
    if data is None:
        return None, reader.findings
    document = reader.mapping(
        data.get("document") or {}, ("document",), DOCUMENT_FIELDS, "the document"
    )
    document = document or {}
    entries: list[OrderEntry] = []
    seen: dict[str, int | None] = {}
    unusable = not isinstance(data.get("entries"), list)
    for index, item in enumerate(data.get("entries") or []):  # type: ignore[union-attr]
        here: YamlPath = ("entries", index)
        entry = reader.mapping(item, here, ENTRY_FIELDS, "an Order entry")
        if entry is None or not entry.get("id"):
            unusable = True  # an entry whose id is unknown: no provision's ids can be judged
            continue
        order_id = str(entry["id"])
        if not OrderId.is_valid(order_id):
            reader.error(
                "BT303",
                (*here, "id"),
                f"'{order_id}' is not an Order reference",
                "write ids in the Order's own form, like '2' or '2(c)(ii)'",
            )
            unusable = True
            continue
        order_id = str(OrderId.parse(order_id))
        if order_id in seen:
            reader.error(
                "BT303",
                (*here, "id"),
                f"Order entry '{order_id}' is listed twice (first on line {seen[order_id]})",
                "remove one of the two entries",
            )
            continue
        parent = OrderId.parse(order_id).parent
        if parent is not None and str(parent) not in seen:
            reader.error(
                "BT303",
                (*here, "id"),
                f"Order entry '{order_id}' comes before its parent '{parent}'",
                f"list '{parent}' above '{order_id}'",
            )
        seen[order_id] = reader.located.line(*here)
        entries.append(
            OrderEntry(
                id=order_id,
                label=_opt(entry.get("label")),
                heading=_opt(entry.get("heading")),
                directive=bool(entry.get("directive")),
                officials=reader.text_list(
                    entry.get("officials"), (*here, "officials"), "officials"
                ),
                deadline_days=entry.get("deadline_days")  # type: ignore[arg-type]
                if isinstance(entry.get("deadline_days"), int)
                else None,
                recovered=entry.get("recovered") is not False,
                summary=str(entry.get("summary") or ""),
                line=reader.located.line(*here),
            )
        )
    order = Order(
        document=OrderDocument(
            title=str(document.get("title") or ""),
            kind=str(document.get("kind") or "Executive Order"),
            number=_opt(document.get("number")),
            citation=str(document.get("citation") or ""),
            date=document.get("date") if isinstance(document.get("date"), dt.date) else None,  # type: ignore[arg-type]
            published=document.get("published")  # type: ignore[arg-type]
            if isinstance(document.get("published"), dt.date)
            else None,
            url=_opt(document.get("url")),
            note=_opt(document.get("note")),
        ),
        entries=tuple(entries),
        path=path,
    )
    if unusable:  # reported where it fails; the outline counts as unread (no cascade of BT301)
        return None, reader.findings
    return order, reader.findings


def read_draft_info(
    located: Located, path: str, folder_name: str
) -> tuple[DraftInfo | None, list[Finding]]:
    reader = RecordReader(located, path)
    data = reader.mapping(located.data, (), DRAFT_FIELDS, "draft.yaml")
    if data is None:
        return None, reader.findings
    name = str(data.get("name") or folder_name)
    if not is_legal_name(name):
        reader.error(
            "BT202",
            ("name",),
            f"illegal draft name '{name}'",
            "draft names use only lower-case letters, digits and hyphens",
        )
    elif name != folder_name:
        reader.error(
            "BT202",
            ("name",),
            f"draft name '{name}' differs from its folder '{folder_name}'",
            f"set 'name: {folder_name}'",
        )
    stage = read_stage(reader, data.get("stage"), ("stage",))
    date = data.get("date")
    if stage is None or not isinstance(date, dt.date):
        return None, reader.findings
    return (
        DraftInfo(
            name=folder_name,
            stage=stage,
            date=date,
            commit=_opt(data.get("commit")),
            dirty=bool(data.get("dirty")),
            note=_opt(data.get("note")),
            content_sha256=_opt(data.get("content_sha256")),
            path=path,
        ),
        reader.findings,
    )


FRONT_MATTER_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "title": TEXT,
        "implements": LIST,
        "status": REQUIRED_TEXT,
        "owner": TEXT,
        "summary": TEXT,
        "history": LIST,
        "fingerprint": TEXT,
    }
)
HISTORY_FIELDS: Mapping[str, Field] = MappingProxyType(
    {
        "date": Field((dt.date,), required=True, time_ok=True),
        "from": TEXT,
        "to": REQUIRED_TEXT,
        "author": TEXT,
        "note": TEXT,
        "forced": Field((bool,)),
        "owner": TEXT,
    }
)


def read_front_matter(
    located: Located, path: str
) -> tuple[dict[str, object] | None, list[Finding]]:
    """Validate a provision's front matter; returns the checked values with history entries built."""
    reader = RecordReader(located, path)
    data = reader.mapping(located.data, (), FRONT_MATTER_FIELDS, "the front matter")
    if data is None:
        return None, reader.findings
    data["implements"] = reader.text_list(data.get("implements"), ("implements",), "implements")
    history: list[HistoryEntry] = []
    for index, item in enumerate(data.get("history") or []):  # type: ignore[union-attr]
        here: YamlPath = ("history", index)
        entry = reader.mapping(item, here, HISTORY_FIELDS, "a history entry")
        if entry is None or not isinstance(entry.get("date"), dt.date) or not entry.get("to"):
            continue
        history.append(
            HistoryEntry(
                date=entry["date"],  # type: ignore[arg-type]
                from_status=_opt(entry.get("from")),
                to_status=str(entry["to"]),
                author=_opt(entry.get("author")),
                note=_opt(entry.get("note")),
                forced=bool(entry.get("forced")),
                owner=_opt(entry.get("owner")),
            )
        )
    data["history"] = tuple(history)
    return data, reader.findings
