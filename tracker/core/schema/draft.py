"""draft.yaml: what a frozen draft records about itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from tracker.core.errors import Finding
from tracker.core.ids import is_legal_name
from tracker.core.model import DraftInfo
from tracker.core.schema.reader import (
    REQUIRED_TEXT,
    TEXT,
    Field,
    Located,
    RecordReader,
    opt,
    read_stage,
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
            commit=opt(data.get("commit")),
            dirty=bool(data.get("dirty")),
            note=opt(data.get("note")),
            content_sha256=opt(data.get("content_sha256")),
            path=path,
        ),
        reader.findings,
    )
