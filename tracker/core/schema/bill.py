"""bill.yaml: the manifest, its workflow and its contents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from tracker.core.errors import Finding
from tracker.core.model import (
    DEFAULT_WORKFLOW,
    GROUP_KINDS,
    Bill,
    ContentEntry,
    GroupEntry,
    SectionEntry,
    Stage,
    StageChange,
    Workflow,
)
from tracker.core.schema.reader import (
    LIST,
    REQUIRED_TEXT,
    TEXT,
    Field,
    Located,
    RecordReader,
    RejectedValue,
    YamlPath,
    _kind,
    opt,
    read_stage,
)

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
        "number": Field((int, str)),
        "referral": TEXT,
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
            history.append(StageChange(stage=stage, date=date, note=opt(change.get("note"))))
    contents = _read_contents(reader, data.get("contents") or [], ("contents",))
    bill = Bill(
        official_title=opt(data.get("official_title")),
        document_title=str(data.get("document_title") or "A BILL"),
        preamble=reader.text_list(data.get("preamble"), ("preamble",), "the preamble"),
        short_title=opt(data.get("short_title")),
        congress=data.get("congress") if isinstance(data.get("congress"), int) else None,
        session=data.get("session") if isinstance(data.get("session"), int) else None,
        chamber=chamber,
        sponsor=opt(data.get("sponsor")),
        number=_bill_number(data.get("number")),
        referral=opt(data.get("referral")),
        stage=read_stage(reader, data.get("stage"), ("stage",)) or Stage.DISCUSSION,
        enacting_clause=opt(data.get("enacting_clause")),
        stage_history=tuple(history),
        workflow=workflow,
        contents=contents,
        path=path,
    )
    return bill, reader.findings


def _bill_number(value: object) -> str | None:
    """The bill's number as printed (``1234``), from an integer or text; None when not given."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    return text or None


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
                        designation=opt(data.get("designation")),
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
                designation=opt(data.get("designation")),
                contents=_read_contents(reader, data.get("contents") or [], (*here, "contents")),
                line=line,
            )
        )
    return tuple(entries)
