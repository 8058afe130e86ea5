"""The status table: every provision with its number, status, owner, last change and the Order
entries it implements, filtered by status or owner, with counts per status.

Pure: the git revisions of each provision file come in as plain values (see
:class:`tracker.core.history.Revision`). ``tracker.render.status_table`` formats the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.core.compile import CompiledBill
from tracker.core.coverage import suspect_links
from tracker.core.errors import UnknownNameError
from tracker.core.history import Revision
from tracker.core.model import Package, Provision
from tracker.core.schema import did_you_mean


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
    provisions = package.all_provisions()
    statuses = package.bill.workflow.statuses if package.bill else ()
    filters: list[tuple[str, str]] = []
    if status is not None:
        known = list(statuses) or sorted({p.status for p in provisions})
        if status not in known:
            raise _unknown(
                f"unknown status '{status}'",
                status,
                known,
                f"the workflow's statuses are {', '.join(known)}",
            )
        filters.append(("status", status))
    if owner is not None:
        owners = sorted({p.owner for p in provisions if p.owner})
        if owner.casefold() not in {o.casefold() for o in owners}:
            raise _unknown(
                f"nobody named '{owner}' holds a provision",
                owner,
                owners,
                f"owners: {', '.join(owners)}" if owners else "no provision has an owner",
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
        return LastChange(date=last.day, author=last.author, source="recorded")
    if revisions:
        newest = revisions[0]
        return LastChange(date=newest.date.date(), author=newest.author, source="git")
    return None


def _unknown(message: str, name: str, known: list[str], listing: str) -> UnknownNameError:
    """The error for a filter naming nothing: a did-you-mean when one is close, then ``listing``."""
    guess = did_you_mean(name, known)
    return UnknownNameError(message, hint=(f"did you mean '{guess}'? " if guess else "") + listing)
