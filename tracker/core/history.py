"""History: the bill's timeline (its stage changes and drafts) and each provision's log (the status
changes recorded in its file merged with the git commits that touched it).

Pure: the commits come in as plain values the git adapter gathered (:class:`Revision`).
``tracker.render.status_table`` formats the timeline, ``tracker.render.log_text`` the log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tracker.core.errors import UnknownNameError
from tracker.core.model import Bill, DraftInfo, HistoryEntry, Package, Stage
from tracker.core.schema import did_you_mean

# The bill's timeline ----------------------------------------------------------------------------

_GPO_CODES = {
    (Stage.INTRODUCED, "house"): "ih",
    (Stage.INTRODUCED, "senate"): "is",
    (Stage.REFERRED, "house"): "rfh",
    (Stage.REFERRED, "senate"): "rfs",
    (Stage.REPORTED, "house"): "rh",
    (Stage.REPORTED, "senate"): "rs",
    (Stage.ENGROSSED, "house"): "eh",
    (Stage.ENGROSSED, "senate"): "es",
    (Stage.ENROLLED, "house"): "enr",
    (Stage.ENROLLED, "senate"): "enr",
}


def gpo_code(stage: Stage, chamber: str) -> str | None:
    """The GPO version code of ``stage`` for a bill of ``chamber``, when there is one.

    >>> gpo_code(Stage.INTRODUCED, "house"), gpo_code(Stage.DISCUSSION, "house")
    ('ih', None)
    """
    return _GPO_CODES.get((stage, chamber))


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEvent:
    date: dt.date
    stage: Stage
    kind: str  # "stage" (bill.yaml stage_history) or "draft"
    draft: str | None
    note: str | None
    commit: str | None = None
    code: str | None = None  # GPO version code

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "stage": str(self.stage),
            "label": self.stage.label,
            "code": self.code,
            "kind": self.kind,
            "draft": self.draft,
            "commit": self.commit,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    title: str
    stage: Stage
    code: str | None
    events: tuple[TimelineEvent, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "stage": str(self.stage),
            "label": self.stage.label,
            "code": self.code,
            "events": [event.as_dict() for event in self.events],
        }


def bill_timeline(bill: Bill, drafts: Sequence[DraftInfo]) -> Timeline:
    """The bill's stage changes (bill.yaml) and drafts, oldest first (date, then stage, then kind)."""
    events = [
        TimelineEvent(
            date=change.date,
            stage=change.stage,
            kind="stage",
            draft=None,
            note=change.note,
            code=gpo_code(change.stage, bill.chamber),
        )
        for change in bill.stage_history
    ] + [
        TimelineEvent(
            date=draft.date,
            stage=draft.stage,
            kind="draft",
            draft=draft.name,
            note=draft.note,
            commit=draft.commit,
            code=gpo_code(draft.stage, bill.chamber),
        )
        for draft in drafts
    ]
    stages = list(Stage)
    events.sort(key=lambda e: (e.date, stages.index(e.stage), e.kind != "stage", e.draft or ""))
    return Timeline(
        title=bill.short_title or bill.official_title,
        stage=bill.stage,
        code=gpo_code(bill.stage, bill.chamber),
        events=tuple(events),
    )


# Provision logs: recorded status changes merged with the git log --------------------------------


class Revision(Protocol):
    """A commit that touched a provision file, as the git adapter reports it (plain values)."""

    @property
    def commit(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def date(self) -> dt.datetime: ...
    @property
    def subject(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def data(self) -> bytes | None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class LogEntry:
    """One event in a provision's history.

    ``source`` is "recorded" (the file's history), "git" (a commit of the file) or "both" (a commit
    that made a recorded status change). ``changes`` says what a commit changed: created, deleted,
    status, owner, text, front matter.
    """

    provision_id: str
    date: dt.date
    time: dt.datetime | None
    author: str | None
    source: str
    from_status: str | None = None
    to_status: str | None = None
    note: str | None = None
    forced: bool = False
    owner: str | None = None
    commit: str | None = None
    subject: str | None = None
    changes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.provision_id,
            "date": self.date.isoformat(),
            "time": self.time.isoformat() if self.time else None,
            "author": self.author,
            "source": self.source,
            "from": self.from_status,
            "to": self.to_status,
            "note": self.note,
            "forced": self.forced,
            "owner": self.owner,
            "commit": self.commit,
            "subject": self.subject,
            "changes": list(self.changes),
        }


def _scalar_line(key: str) -> re.Pattern[str]:
    """The front matter line ``key: value`` (value quoted or not, a comment after it): group 2."""
    return re.compile(rf"^{key}:[ \t]*([\"']?)([^\"'#\r\n]*?)\1[ \t]*(?:#.*)?\r?$", re.M)


_STATUS_LINE = _scalar_line("status")
_OWNER_LINE = _scalar_line("owner")
_TRACKED_LINE = re.compile(r"^(?:status|owner|fingerprint|history):|^[ \t]+-[ \t]*\{?date:", re.M)


@dataclass(frozen=True, slots=True)
class _Snapshot:
    status: str | None
    owner: str | None
    front: str  # front matter without the lines billtrack writes
    body: str


def _snapshot(data: bytes) -> _Snapshot:
    """A cheap reading of a provision file at a revision (no YAML: thousands are read at once)."""
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").removeprefix("\ufeff")
    front, body = "", text
    if text.startswith("---\n"):
        end = text.find("\n---", 3)
        if end != -1:
            front, body = text[4:end], text[end + 4 :].partition("\n")[2]
    status = _STATUS_LINE.search(front)
    owner = _OWNER_LINE.search(front)
    kept = "\n".join(line for line in front.split("\n") if not _TRACKED_LINE.match(line))
    return _Snapshot(
        status=status.group(2).strip() if status else None,
        owner=owner.group(2).strip() if owner else None,
        front=kept,
        body=body,
    )


def provision_log(
    provision_id: str,
    history: Sequence[HistoryEntry],
    revisions: Sequence[Revision],
) -> list[LogEntry]:
    """One provision's recorded history merged with the commits of its file, newest first.

    ``revisions`` are the commits that touched the file, newest first (as ``git log`` lists them);
    a commit whose status change matches a recorded one on the same day becomes one entry.
    """
    recorded = [
        LogEntry(
            provision_id=provision_id,
            date=entry.day,
            time=entry.date if isinstance(entry.date, dt.datetime) else None,
            author=entry.author,
            source="recorded",
            from_status=entry.from_status,
            to_status=entry.to_status,
            note=entry.note,
            forced=entry.forced,
            owner=entry.owner,
        )
        for entry in history
    ]
    merged: list[tuple[tuple[object, ...], LogEntry]] = [
        ((_instant(entry), 0, index), entry) for index, entry in enumerate(recorded)
    ]
    previous: _Snapshot | None = None
    for index, revision in enumerate(reversed(revisions)):
        current = _snapshot(revision.data) if revision.data is not None else None
        changes = _changes(previous, current)
        from_status = previous.status if previous else None
        to_status = current.status if current else None
        entry = LogEntry(
            provision_id=provision_id,
            date=revision.date.date(),
            time=revision.date,
            author=revision.author,
            source="git",
            from_status=from_status if "status" in changes else None,
            to_status=to_status if "status" in changes else None,
            commit=revision.commit,
            subject=revision.subject,
            changes=changes,
        )
        match = _matching_record(merged, entry)
        if match is not None:
            _, found = merged[match]
            merged[match] = (
                (_instant(entry), 1, index),  # it happened when the commit was made
                dataclasses.replace(
                    found,
                    time=revision.date,
                    source="both",
                    commit=revision.commit,
                    subject=revision.subject,
                    changes=changes,
                ),
            )
        else:
            merged.append(((_instant(entry), 1, index), entry))
        previous = current
    merged.sort(key=lambda pair: pair[0], reverse=True)
    return [entry for _, entry in merged]


def _instant(entry: LogEntry) -> dt.datetime:
    """When an entry happened, as a naive UTC datetime comparable across time zones (commits made
    at 08:00+02:00 and 07:30Z order by the instant); a date alone counts from its midnight."""
    if entry.time is None:
        return dt.datetime.combine(entry.date, dt.time.min)
    if entry.time.tzinfo is None:
        return entry.time
    return entry.time.astimezone(dt.UTC).replace(tzinfo=None)


def _changes(previous: _Snapshot | None, current: _Snapshot | None) -> tuple[str, ...]:
    if current is None:
        return ("deleted",)
    if previous is None:
        return ("created",)
    changes = []
    if current.status != previous.status:
        changes.append("status")
    if current.owner != previous.owner:
        changes.append("owner")
    if current.body != previous.body:
        changes.append("text")
    if current.front != previous.front:
        changes.append("front matter")
    return tuple(changes)


def _matching_record(
    merged: list[tuple[tuple[object, ...], LogEntry]], commit: LogEntry
) -> int | None:
    if "status" not in commit.changes:
        return None
    for index, (_, entry) in enumerate(merged):
        if (
            entry.source == "recorded"
            and entry.date == commit.date
            and entry.from_status == commit.from_status
            and entry.to_status == commit.to_status
        ):
            return index
    return None


def package_log(
    package: Package,
    revisions: Mapping[str, Sequence[Revision]],
    *,
    provision_id: str | None = None,
) -> list[LogEntry]:
    """The merged history of one provision (``provision_id``) or of all, newest first.

    ``revisions`` maps a provision's path to the commits of its file, newest first.
    """
    if provision_id is not None:
        provision = package.provisions.get(provision_id)
        if provision is None:
            guess = did_you_mean(provision_id, sorted(package.provisions))
            raise UnknownNameError(
                f"no provision '{provision_id}'",
                hint=f"did you mean '{guess}'?"
                if guess
                else "'billtrack status' lists the provisions",
            )
        return provision_log(provision.id, provision.history, revisions.get(provision.path, ()))
    entries: list[LogEntry] = []
    for provision in package.all_provisions():
        entries += provision_log(provision.id, provision.history, revisions.get(provision.path, ()))
    entries.sort(key=_instant, reverse=True)
    return entries
