"""The bill against the Order: which directives are covered, and which cleared provisions have gone
stale because the Order entries they implement changed since (suspect links, check BT310).

A provision cleared into a done status records the fingerprint of the Order entries it implements;
:func:`order_fingerprint` computes it, so the workflow records it and the checks compare it.
Pure: records in, records out. ``tracker.render.coverage_table`` formats :class:`Coverage`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tracker.core.compile import CompiledBill
from tracker.core.errors import Finding, Severity
from tracker.core.model import DROPPED_STATUS, Order, OrderEntry, Package

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
    for provision in package.all_provisions():
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
