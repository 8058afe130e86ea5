"""History: the bill's timeline (its stage changes and drafts) and each provision's log (the status
changes recorded in its file merged with the git commits that touched it).

Pure: the commits come in as plain values the git adapter gathered (:class:`Revision`).
``tracker.render.status_table`` formats the timeline, ``tracker.render.log_text`` the log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import re
from collections.abc import Callable, Mapping, Sequence
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
    """A commit that touched a provision file, as the git adapter reports it (plain values).

    ``date`` is the author date, ``committed`` the committer date: the log places and dates a
    commit by ``committed``, when the change entered the history, as ``git log`` orders commits (a
    rebased or cherry-picked commit keeps its old author date).
    """

    @property
    def commit(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def date(self) -> dt.datetime: ...
    @property
    def committed(self) -> dt.datetime: ...
    @property
    def subject(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def data(self) -> bytes | None: ...


#: Reads the recorded history of a provision file's content (None when it cannot be read): the
#: adapters' front matter reader, handed in so the core stays free of YAML.
HistoryReader = Callable[[bytes], Sequence[HistoryEntry] | None]


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
    history: str  # the raw lines of the ``history:`` block, to see cheaply whether it changed


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
        history=_history_block(front),
    )


def _history_block(front: str) -> str:
    """The ``history:`` line of the front matter and the lines under it (indented, list items,
    comments, blank), up to the next key: a superset of the history, enough to tell a revision
    whose history did not change (most of them) without reading its YAML."""
    start = front.find("history:")
    while start > 0 and front[start - 1] != "\n":
        start = front.find("history:", start + 1)
    if start == -1:
        return ""
    lines = front[start:].split("\n")
    block = [lines[0]]
    for line in lines[1:]:
        if line and not line[0].isspace() and line[0] not in "-#":
            break
        block.append(line)
    return "\n".join(block)


_Key = tuple[object, object, object]


def _key(entry: HistoryEntry) -> _Key:
    """What identifies a recorded change across revisions of its file: when, from and to (a note
    or author edited later does not make it another change)."""
    return (entry.date, entry.from_status, entry.to_status)


def provision_log(
    provision_id: str,
    history: Sequence[HistoryEntry],
    revisions: Sequence[Revision],
    *,
    read_history: HistoryReader,
) -> list[LogEntry]:
    """One provision's recorded history merged with the commits of its file, newest first.

    ``revisions`` are the commits that touched the file in ``git log``'s order (newest first,
    never a commit before one built on it). The commits keep that order; each recorded change
    that no commit made goes in by its instant (date and time, compared in UTC; a date alone
    counts from its midnight; a commit before a recorded change of the same instant).

    A recorded change is joined to the one commit that made it, never a neighbour: the commit that
    introduced the entry into the file's history (found by reading, with ``read_history``, each
    revision whose history lines changed) and changed the status as the entry says.
    """
    commits: list[LogEntry] = []
    introduced_by: dict[_Key, list[int]] = {}  # a key's n-th occurrence -> the commit adding it
    counts: dict[_Key, int] = {}
    previous: _Snapshot | None = None
    for index, revision in enumerate(reversed(revisions)):
        current = _snapshot(revision.data) if revision.data is not None else None
        changes = _changes(previous, current)
        from_status = previous.status if previous else None
        to_status = current.status if current else None
        when = revision.committed
        commits.append(
            LogEntry(
                provision_id=provision_id,
                date=when.date(),
                time=when,
                author=revision.author,
                source="git",
                from_status=from_status if "status" in changes else None,
                to_status=to_status if "status" in changes else None,
                commit=revision.commit,
                subject=revision.subject,
                changes=changes,
            )
        )
        block = current.history if current else ""
        if block != (previous.history if previous else ""):
            entries = read_history(revision.data) if block and revision.data is not None else ()
            if entries is not None:  # an unreadable revision leaves the counts as they were
                now: dict[_Key, int] = {}
                for entry in entries:
                    now[_key(entry)] = now.get(_key(entry), 0) + 1
                for key, count in now.items():
                    slots = introduced_by.setdefault(key, [])
                    slots.extend([-1] * (count - len(slots)))
                    for n in range(counts.get(key, 0), count):
                        slots[n] = index
                counts = now
        previous = current
    recorded: list[tuple[dt.datetime, int, LogEntry]] = []
    seen: dict[_Key, int] = {}
    for order, entry in enumerate(history):
        key = _key(entry)
        occurrence = seen[key] = seen.get(key, -1) + 1
        slots = introduced_by.get(key, [])
        made_by = slots[occurrence] if occurrence < len(slots) else -1
        commit = commits[made_by] if made_by >= 0 else None
        if (
            commit is not None
            and commit.source == "git"
            and "status" in commit.changes
            and (commit.from_status, commit.to_status) == (entry.from_status, entry.to_status)
        ):
            commits[made_by] = dataclasses.replace(
                commit,
                date=entry.day,
                author=entry.author,
                source="both",
                note=entry.note,
                forced=entry.forced,
                owner=entry.owner,
            )
            continue
        made = LogEntry(
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
        recorded.append((_instant(made), order, made))
    recorded.sort(key=lambda item: item[:2], reverse=True)
    merged: list[LogEntry] = []
    at = 0
    for commit in reversed(commits):  # newest first, as git listed them
        while at < len(recorded) and recorded[at][0] > _instant(commit):
            merged.append(recorded[at][2])
            at += 1
        merged.append(commit)
    return merged + [entry for _, _, entry in recorded[at:]]


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


def package_log(
    package: Package,
    revisions: Mapping[str, Sequence[Revision]],
    *,
    read_history: HistoryReader,
    provision_id: str | None = None,
) -> list[LogEntry]:
    """The merged history of one provision (``provision_id``) or of all, newest first.

    ``revisions`` maps a provision's path to the commits of its file in ``git log``'s order;
    ``read_history`` reads a revision's recorded history (see :func:`provision_log`). The
    provisions' logs are merged by instant, each keeping its own order; on a tie the provision
    listed first in the bill comes first.
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
        return provision_log(
            provision.id,
            provision.history,
            revisions.get(provision.path, ()),
            read_history=read_history,
        )
    logs = [
        provision_log(
            provision.id,
            provision.history,
            revisions.get(provision.path, ()),
            read_history=read_history,
        )
        for provision in package.all_provisions()
    ]
    return list(heapq.merge(*logs, key=_instant, reverse=True))
