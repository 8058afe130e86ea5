"""A provision's front matter and its history entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from tracker.core.errors import Finding
from tracker.core.model import HistoryEntry
from tracker.core.schema.reader import (
    LIST,
    REQUIRED_TEXT,
    TEXT,
    Field,
    Located,
    RecordReader,
    YamlPath,
    opt,
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
                from_status=opt(entry.get("from")),
                to_status=str(entry["to"]),
                author=opt(entry.get("author")),
                note=opt(entry.get("note")),
                forced=bool(entry.get("forced")),
                owner=opt(entry.get("owner")),
            )
        )
    data["history"] = tuple(history)
    return data, reader.findings
