"""Status reports over a loaded package: the status table, the bill's timeline, coverage of the Order,
suspect links, the merged history of provisions and the changelog between two versions.

Pure: every function takes records (and plain values the adapters gathered, such as git revisions)
and returns records. Renderers in ``tracker.render`` only format what is computed here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from tracker.core.compile import CompiledBill, bill_units
from tracker.core.errors import Finding, Severity, UnknownNameError
from tracker.core.model import (
    DROPPED_STATUS,
    Bill,
    DraftInfo,
    HistoryEntry,
    Order,
    OrderEntry,
    Package,
    Provision,
    Stage,
)
from tracker.core.redline import ChangeKind as RedlineKind
from tracker.core.redline import RedlineSummary, compare_units, count_changed_words, diff_text
from tracker.core.schema import did_you_mean
from tracker.core.units import UnitKind

# Fingerprints and suspect links -----------------------------------------------------------------

FINGERPRINT_LENGTH = 16


def order_fingerprint(order: Order, ids: Iterable[str]) -> str:
    """A short SHA-256 of the Order entries ``ids``, in a canonical serialisation.

    The serialisation is JSON with sorted keys of each entry's label, heading, directive flag,
    officials, deadline, recovered flag and summary (whitespace collapsed, so re-wrapping a summary in
    order.yaml is not a change), in document order; an id order.yaml lacks is recorded as missing.
    The file line of an entry is not part of it. The same entries always give the same fingerprint:

    >>> from tracker.core.model import OrderDocument
    >>> doc = OrderDocument(title="T", kind="Executive Order", number=None, citation="C",
    ...                     date=None, published=None, url=None, note=None)
    >>> entry = OrderEntry(id="2(b)", label="(b)", heading=None, directive=True, officials=(),
    ...                    deadline_days=None, recovered=True, summary="Certify  bodies.")
    >>> order = Order(document=doc, entries=(entry,))
    >>> order_fingerprint(order, ["2(b)"]) == order_fingerprint(order, ["2(b)", "2(b)"])
    True
    >>> len(order_fingerprint(order, ["2(b)"]))
    16
    """
    position = {entry.id: index for index, entry in enumerate(order.entries)}
    by_id = order.by_id
    wanted = sorted(set(ids), key=lambda oid: (position.get(oid, len(position)), oid))
    records = [_canonical_entry(by_id.get(oid), oid) for oid in wanted]
    payload = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def _canonical_entry(entry: OrderEntry | None, oid: str) -> dict[str, object]:
    if entry is None:
        return {"id": oid, "missing": True}
    return {
        "id": entry.id,
        "label": _squash(entry.label),
        "heading": _squash(entry.heading),
        "directive": entry.directive,
        "officials": list(entry.officials),
        "deadline_days": entry.deadline_days,
        "recovered": entry.recovered,
        "summary": _squash(entry.summary),
    }


def _squash(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


@dataclass(frozen=True, slots=True, kw_only=True)
class SuspectLink:
    """A done provision whose recorded fingerprint no longer matches the Order entries it implements."""

    provision_id: str
    path: str
    line: int
    order_ids: tuple[str, ...]
    recorded: str
    current: str

    @property
    def entries_text(self) -> str:
        if len(self.order_ids) == 1:
            return f"Order entry {self.order_ids[0]}"
        if self.order_ids:
            return f"Order entries {', '.join(self.order_ids)}"
        return "the Order entries it implemented"


def suspect_links(package: Package) -> tuple[SuspectLink, ...]:
    """Provisions in a done status, cleared against Order entries that have changed since."""
    if package.bill is None or package.order is None:
        return ()
    done = package.bill.workflow.done
    found: list[SuspectLink] = []
    for provision in _all_provisions(package):
        if provision.status not in done or not provision.fingerprint:
            continue
        current = order_fingerprint(package.order, provision.implements)
        if provision.fingerprint != current:
            found.append(
                SuspectLink(
                    provision_id=provision.id,
                    path=provision.path,
                    line=provision.line_of("fingerprint"),
                    order_ids=provision.implements,
                    recorded=provision.fingerprint,
                    current=current,
                )
            )
    return tuple(found)


def suspect_findings(package: Package) -> list[Finding]:
    """Check BT310 (warning): one finding per suspect link."""
    return [
        Finding(
            code="BT310",
            severity=Severity.WARNING,
            path=link.path,
            line=link.line,
            message=f"provision cleared against an earlier version of {link.entries_text}; "
            "re-review it",
            hint=f"compare it with order.yaml, then run 'billtrack status set {link.provision_id} "
            "review' and clear it again to record the current version",
        )
        for link in suspect_links(package)
    ]


def _all_provisions(package: Package) -> list[Provision]:
    """Provisions in bill order, then any not listed in bill.yaml (by id)."""
    ordered = list(package.ordered_provisions())
    listed = {p.id for p in ordered}
    return ordered + [package.provisions[k] for k in sorted(package.provisions) if k not in listed]


# The status table -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class LastChange:
    """The latest dated event of a provision: a recorded status change or a commit of its file."""

    date: dt.date
    author: str | None
    source: str  # "recorded" or "git"


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusRow:
    number: str | None  # the section's designation; None when dropped or not listed
    provision_id: str
    title: str
    status: str
    owner: str | None
    last_change: LastChange | None
    order_ids: tuple[str, ...]
    suspect: bool = False

    def as_dict(self) -> dict[str, object]:
        last = self.last_change
        return {
            "number": self.number,
            "id": self.provision_id,
            "title": self.title,
            "status": self.status,
            "owner": self.owner,
            "last_change": {
                "date": last.date.isoformat(),
                "author": last.author,
                "source": last.source,
            }
            if last
            else None,
            "order_ids": list(self.order_ids),
            "suspect": self.suspect,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusReport:
    rows: tuple[StatusRow, ...]
    counts: tuple[tuple[str, int], ...]  # status -> provisions shown in it, in workflow order
    total: int  # provisions in the package, before filters
    filters: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "filters": dict(self.filters),
            "total": self.total,
            "shown": len(self.rows),
            "counts": dict(self.counts),
            "provisions": [row.as_dict() for row in self.rows],
        }


def status_report(
    package: Package,
    *,
    status: str | None = None,
    owner: str | None = None,
    revisions: Mapping[str, Sequence[Revision]] | None = None,
) -> StatusReport:
    """The status table. ``revisions`` maps a provision's path to the commits of its file, newest
    first; they give the last change of a provision that has no recorded history.

    ``status`` must be a workflow status and ``owner`` someone who holds a provision (case does not
    matter); either mistake raises :class:`UnknownNameError` with a did-you-mean.
    """
    provisions = _all_provisions(package)
    statuses = package.bill.workflow.statuses if package.bill else ()
    filters: list[tuple[str, str]] = []
    if status is not None:
        known = list(statuses) or sorted({p.status for p in provisions})
        if status not in known:
            guess = did_you_mean(status, known)
            raise UnknownNameError(
                f"unknown status '{status}'",
                hint=(f"did you mean '{guess}'? " if guess else "")
                + f"the workflow's statuses are {', '.join(known)}",
            )
        filters.append(("status", status))
    if owner is not None:
        owners = sorted({p.owner for p in provisions if p.owner})
        if owner.casefold() not in {o.casefold() for o in owners}:
            guess = did_you_mean(owner, owners)
            raise UnknownNameError(
                f"nobody named '{owner}' holds a provision",
                hint=(f"did you mean '{guess}'? " if guess else "")
                + (f"owners: {', '.join(owners)}" if owners else "no provision has an owner"),
            )
        filters.append(("owner", owner))
    numbering = CompiledBill(package).numbering if package.bill else None
    suspects = {link.provision_id for link in suspect_links(package)}
    rows = [
        StatusRow(
            number=numbering.designation(p.id) if numbering else None,
            provision_id=p.id,
            title=p.title,
            status=p.status,
            owner=p.owner,
            last_change=_last_change(p, (revisions or {}).get(p.path, ())),
            order_ids=p.implements,
            suspect=p.id in suspects,
        )
        for p in provisions
        if (status is None or p.status == status)
        and (owner is None or (p.owner or "").casefold() == owner.casefold())
    ]
    order = list(statuses) + sorted({r.status for r in rows} - set(statuses))
    counts = tuple((s, sum(1 for r in rows if r.status == s)) for s in order)
    return StatusReport(
        rows=tuple(rows), counts=counts, total=len(provisions), filters=tuple(filters)
    )


def _last_change(provision: Provision, revisions: Sequence[Revision]) -> LastChange | None:
    """The last recorded status change; the last commit of the file when nothing is recorded.

    The recorded history travels with the file, so the table reads the same in every clone.
    """
    if provision.history:
        last = provision.history[-1]
        return LastChange(date=_day(last.date), author=last.author, source="recorded")
    if revisions:
        newest = revisions[0]
        return LastChange(date=newest.date.date(), author=newest.author, source="git")
    return None


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


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


# Coverage of the Order --------------------------------------------------------------------------


class CoverageState(StrEnum):
    UNCOVERED = "uncovered"
    IN_PROGRESS = "in progress"
    COVERED = "covered"


@dataclass(frozen=True, slots=True, kw_only=True)
class Implementer:
    provision_id: str
    number: str | None
    status: str
    done: bool
    suspect: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.provision_id,
            "number": self.number,
            "status": self.status,
            "done": self.done,
            "suspect": self.suspect,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageRow:
    order_id: str
    label: str | None
    heading: str | None
    summary: str
    officials: tuple[str, ...]
    deadline_days: int | None
    due_date: dt.date | None
    recovered: bool
    implementers: tuple[Implementer, ...]
    state: CoverageState

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.order_id,
            "label": self.label,
            "heading": self.heading,
            "summary": self.summary,
            "officials": list(self.officials),
            "deadline_days": self.deadline_days,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "recovered": self.recovered,
            "state": str(self.state),
            "provisions": [i.as_dict() for i in self.implementers],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Coverage:
    document: str  # "Executive Order 13929, Safe Policing for Safe Communities (85 FR 37325)"
    date: dt.date | None
    rows: tuple[CoverageRow, ...]

    def count(self, state: CoverageState) -> int:
        return sum(1 for row in self.rows if row.state is state)

    @property
    def percent(self) -> float:
        """The share of directives covered, 0-100 (100 when the document directs nothing)."""
        if not self.rows:
            return 100.0
        return 100.0 * self.count(CoverageState.COVERED) / len(self.rows)

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document,
            "date": self.date.isoformat() if self.date else None,
            "directives": len(self.rows),
            "counts": {str(state): self.count(state) for state in CoverageState},
            "percent": round(self.percent, 1),
            "entries": [row.as_dict() for row in self.rows],
        }


def coverage(package: Package) -> Coverage:
    """Each directive of the Order with the live provisions implementing it (it or a part of it).

    covered: at least one implementing provision is in a done status; in progress: implemented only
    by provisions not done yet; uncovered: no live provision implements it (dropped ones do not count).
    """
    order, bill = package.order, package.bill
    if order is None:
        return Coverage(document="", date=None, rows=())
    done = bill.workflow.done if bill else ()
    numbering = CompiledBill(package).numbering if bill else None
    suspects = {link.provision_id for link in suspect_links(package)}
    live = [p for p in package.ordered_provisions() if p.status != DROPPED_STATUS]
    rows = []
    for entry in order.directives:
        implementers = tuple(
            Implementer(
                provision_id=p.id,
                number=numbering.designation(p.id) if numbering else None,
                status=p.status,
                done=p.status in done,
                suspect=p.id in suspects,
            )
            for p in live
            if any(oid == entry.id or oid.startswith(f"{entry.id}(") for oid in p.implements)
        )
        if any(i.done for i in implementers):
            state = CoverageState.COVERED
        elif implementers:
            state = CoverageState.IN_PROGRESS
        else:
            state = CoverageState.UNCOVERED
        rows.append(
            CoverageRow(
                order_id=entry.id,
                label=entry.label,
                heading=entry.heading,
                summary=entry.summary,
                officials=entry.officials,
                deadline_days=entry.deadline_days,
                due_date=order.due_date(entry),
                recovered=entry.recovered,
                implementers=implementers,
                state=state,
            )
        )
    doc = order.document
    name = " ".join(part for part in (doc.kind, doc.number or "") if part)
    title = f"{name}, {doc.title}" if name else doc.title
    return Coverage(
        document=f"{title} ({doc.citation})" if doc.citation else title,
        date=doc.date,
        rows=tuple(rows),
    )


# History: recorded status changes merged with the git log ---------------------------------------


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


_STATUS_LINE = re.compile(r"^status:[ \t]*([\"']?)([^\"'#\r\n]*?)\1[ \t]*(?:#.*)?\r?$", re.M)
_OWNER_LINE = re.compile(r"^owner:[ \t]*([\"']?)([^\"'#\r\n]*?)\1[ \t]*(?:#.*)?\r?$", re.M)
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
            date=_day(entry.date),
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
        ((entry.date, 0, dt.time(), index), entry) for index, entry in enumerate(recorded)
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
            key, found = merged[match]
            merged[match] = (
                key,
                LogEntry(
                    provision_id=provision_id,
                    date=found.date,
                    time=revision.date,
                    author=found.author,
                    source="both",
                    from_status=found.from_status,
                    to_status=found.to_status,
                    note=found.note,
                    forced=found.forced,
                    owner=found.owner,
                    commit=revision.commit,
                    subject=revision.subject,
                    changes=changes,
                ),
            )
        else:
            merged.append(((entry.date, 1, revision.date.timetz(), index), entry))
        previous = current
    merged.sort(key=lambda pair: _sort_key(pair[0]), reverse=True)
    return [entry for _, entry in merged]


def _sort_key(key: tuple[object, ...]) -> tuple[object, ...]:
    date, kind, time, index = key
    naive = time.replace(tzinfo=None) if isinstance(time, dt.time) else time
    return (date, kind, naive, index)


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
    for provision in _all_provisions(package):
        entries += provision_log(provision.id, provision.history, revisions.get(provision.path, ()))
    entries.sort(
        key=lambda e: (e.date, e.time.replace(tzinfo=None) if e.time else dt.datetime.min),
        reverse=True,
    )
    return entries


# The changelog between two versions -------------------------------------------------------------


class ChangeKind(StrEnum):
    ADDED = "added"
    STRUCK = "struck"
    AMENDED = "amended"
    MOVED = "moved"
    REDESIGNATED = "redesignated"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProvisionChange:
    """What happened to one provision between two versions. ``old_id`` is set when it was renamed."""

    provision_id: str
    title: str
    kinds: tuple[ChangeKind, ...]
    old_id: str | None = None
    old_number: str | None = None
    new_number: str | None = None
    words_inserted: int = 0
    words_struck: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.provision_id,
            "old_id": self.old_id,
            "title": self.title,
            "kinds": [str(k) for k in self.kinds],
            "old_number": self.old_number,
            "new_number": self.new_number,
            "words_inserted": self.words_inserted,
            "words_struck": self.words_struck,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusChange:
    provision_id: str
    from_status: str | None
    to_status: str
    entries: tuple[HistoryEntry, ...]  # recorded in between, oldest first

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.provision_id,
            "from": self.from_status,
            "to": self.to_status,
            "history": [
                {
                    "date": e.date.isoformat(),
                    "from": e.from_status,
                    "to": e.to_status,
                    "author": e.author,
                    "note": e.note,
                    "forced": e.forced,
                }
                for e in self.entries
            ],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Changelog:
    old_label: str
    new_label: str
    title: str
    changes: tuple[ProvisionChange, ...]
    status_changes: tuple[StatusChange, ...]

    def of_kind(self, kind: ChangeKind) -> tuple[ProvisionChange, ...]:
        return tuple(c for c in self.changes if kind in c.kinds)

    @property
    def is_empty(self) -> bool:
        return not self.changes and not self.status_changes

    def as_dict(self) -> dict[str, object]:
        return {
            "old": self.old_label,
            "new": self.new_label,
            "title": self.title,
            "counts": {str(kind): len(self.of_kind(kind)) for kind in ChangeKind},
            "changes": [c.as_dict() for c in self.changes],
            "status_changes": [s.as_dict() for s in self.status_changes],
        }


def changelog(old: Package, new: Package) -> Changelog:
    """Provisions added, struck, amended, moved and redesignated from ``old`` to ``new`` (as the
    redline engine aligns them: by id, then moved or renamed ones by content), and the status changes
    recorded in between.

    A change of numbering alone (a redesignation, or a reference that now renders another number) is
    not an amendment; a white-space-only edit is not either.
    """
    old_units, new_units = bill_units(old), bill_units(new)
    redline = compare_units(old_units, new_units, old_label=old.label, new_label=new.label)
    old_by_key = {unit.key: unit for unit in old_units}
    new_by_key = {unit.key: unit for unit in new_units}
    titles = {p.id: p.title for p in (*old.provisions.values(), *new.provisions.values())}
    changes: list[ProvisionChange] = []
    for unit in redline.units:
        if unit.unit_kind is not UnitKind.SECTION or not unit.changed:
            continue
        inserted, struck = unit.words_inserted, unit.words_struck
        if unit.kind is RedlineKind.INSERTED:
            kinds: tuple[ChangeKind, ...] = (ChangeKind.ADDED,)
        elif unit.kind is RedlineKind.STRUCK:
            kinds = (ChangeKind.STRUCK,)
        else:
            before = old_by_key[unit.old_key or ""].canonical
            after = new_by_key[unit.new_key or ""].canonical
            struck, inserted = _substantive_words(before, after)
            kinds = tuple(
                kind
                for kind, present in (
                    (ChangeKind.AMENDED, bool(inserted or struck)),
                    (ChangeKind.MOVED, unit.moved),
                    (ChangeKind.REDESIGNATED, unit.redesignated),
                )
                if present
            )
            if not kinds:
                continue
        renamed = unit.old_key is not None and unit.new_key not in (None, unit.old_key)
        changes.append(
            ProvisionChange(
                provision_id=unit.key,
                title=titles.get(unit.key, unit.heading),
                kinds=kinds,
                old_id=unit.old_key if renamed else None,
                old_number=unit.old_number,
                new_number=unit.new_number,
                words_inserted=inserted,
                words_struck=struck,
            )
        )
    return Changelog(
        old_label=old.label,
        new_label=new.label,
        title=(new.bill.short_title or new.bill.official_title) if new.bill else "",
        changes=tuple(changes),
        status_changes=_status_changes(old, new),
    )


def _substantive_words(before: str, after: str) -> tuple[int, int]:
    """Words struck and inserted between two canonical texts (numbering left out, as the canonical
    form writes references by id and drops the section's own number); white space alone is none."""
    if " ".join(before.split()) == " ".join(after.split()):
        return 0, 0
    return count_changed_words(diff_text(before, after))


def _status_changes(old: Package, new: Package) -> tuple[StatusChange, ...]:
    found: list[StatusChange] = []
    for provision in _all_provisions(new):
        before = old.provisions.get(provision.id)
        known = set(before.history) if before else set()
        entries = tuple(e for e in provision.history if e not in known)
        from_status = before.status if before else None
        if entries or from_status != provision.status:
            found.append(
                StatusChange(
                    provision_id=provision.id,
                    from_status=from_status,
                    to_status=provision.status,
                    entries=entries,
                )
            )
    return tuple(found)


# Drafts and what changed between them -----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftChanges:
    """A draft and the redline summary of its sections against the previous draft."""

    info: DraftInfo
    sections: int
    previous: str | None = None
    summary: RedlineSummary | None = None

    def describe(self) -> str:
        """``3 amended, 1 inserted; +120 -45 words`` or ``first draft: 27 sections``."""
        if self.previous is None or self.summary is None:
            return f"first draft: {self.sections} sections"
        s = self.summary
        parts = [
            f"{count} {label}"
            for count, label in (
                (s.amended, "amended"),
                (s.inserted, "inserted"),
                (s.struck, "struck"),
                (s.moved, "moved"),
                (s.redesignated, "redesignated"),
            )
            if count
        ]
        if not parts:
            return f"no changes from {self.previous}"
        words = f"; +{s.words_inserted} -{s.words_struck} words" if s.changed_words else ""
        return ", ".join(parts) + words

    def as_dict(self) -> dict[str, object]:
        s = self.summary
        return {
            "name": self.info.name,
            "stage": str(self.info.stage),
            "label": self.info.stage.label,
            "date": self.info.date.isoformat(),
            "commit": self.info.commit,
            "dirty": self.info.dirty,
            "note": self.info.note,
            "sections": self.sections,
            "previous": self.previous,
            "changes": None
            if s is None
            else {
                "amended": s.amended,
                "inserted": s.inserted,
                "struck": s.struck,
                "moved": s.moved,
                "redesignated": s.redesignated,
                "words_inserted": s.words_inserted,
                "words_struck": s.words_struck,
            },
            "summary": self.describe(),
        }


def draft_changes(drafts: Sequence[Package]) -> tuple[DraftChanges, ...]:
    """Each draft (loaded, in order) with the redline summary of its sections against the previous."""
    found: list[DraftChanges] = []
    previous: Package | None = None
    for package in drafts:
        if package.draft is None:
            continue
        units = bill_units(package)
        sections = sum(1 for unit in units if unit.kind is UnitKind.SECTION)
        summary = None
        if previous is not None:
            redline = compare_units(bill_units(previous), units)
            summary = RedlineSummary.of(
                unit for unit in redline.units if unit.unit_kind is UnitKind.SECTION
            )
        found.append(
            DraftChanges(
                info=package.draft,
                sections=sections,
                previous=previous.draft.name if previous and previous.draft else None,
                summary=summary,
            )
        )
        previous = package
    return tuple(found)
