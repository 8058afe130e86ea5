"""Status transitions: is a move allowed, was it forced, and what gets recorded.

Pure decisions over loaded records. The adapters write what :func:`decide` returns; nothing here
touches a file. Unknown provision ids and statuses are refused with a did-you-mean; a transition the
workflow does not allow is refused with the allowed ones listed, unless forced, and then it is recorded
as forced (a forced move that the workflow allows anyway is not marked forced).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.core.coverage import order_fingerprint
from tracker.core.errors import UnknownNameError, WorkflowError
from tracker.core.model import HistoryEntry, Order, Package, Provision, Workflow
from tracker.core.schema import did_you_mean


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusRequest:
    """What the user asked for: ``billtrack status set ID... STATUS [--note] [--owner] [--force]``."""

    target: str
    note: str | None = None
    owner: str | None = None
    force: bool = False
    author: str | None = None
    date: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class Transition:
    """The decided change of one provision, ready to be written.

    ``owner`` is the new owner (None: unchanged); ``fingerprint`` is the fingerprint of the Order
    entries to record (None: leave the recorded one as it is). ``entry`` is the history entry to append.
    """

    provision_id: str
    path: str
    from_status: str
    to_status: str
    allowed: bool
    forced: bool
    owner: str | None
    fingerprint: str | None
    entry: HistoryEntry


def resolve_provisions(package: Package, ids: Sequence[str]) -> tuple[Provision, ...]:
    """The provisions named by ``ids``, in the order given; unknown ids raise with a did-you-mean."""
    known = sorted(package.provisions)
    found: list[Provision] = []
    for pid in ids:
        provision = package.provisions.get(pid)
        unreadable = [
            f
            for f in package.errors
            if f.path.endswith(f"provisions/{pid}.md") and pid not in package.provisions
        ]
        if unreadable:
            raise UnknownNameError(
                f"provision '{pid}' cannot be read: {unreadable[0].message}",
                path=unreadable[0].path,
                line=unreadable[0].line,
                hint="fix the file first ('billtrack check' lists every problem)",
            )
        if provision is None:
            guess = did_you_mean(pid, known)
            raise UnknownNameError(
                f"no provision '{pid}'",
                hint=f"did you mean '{guess}'?"
                if guess
                else "'billtrack status' lists the provisions",
            )
        if provision not in found:
            found.append(provision)
    return tuple(found)


def check_status(workflow: Workflow, status: str) -> str:
    """``status`` if the workflow has it; otherwise raise with a did-you-mean."""
    if status in workflow.statuses:
        return status
    guess = did_you_mean(status, workflow.statuses)
    raise UnknownNameError(
        f"unknown status '{status}'",
        hint=(f"did you mean '{guess}'? " if guess else "")
        + f"the workflow's statuses are {', '.join(workflow.statuses)}",
    )


def decide(
    provision: Provision,
    request: StatusRequest,
    *,
    workflow: Workflow,
    order: Order | None,
) -> Transition:
    """Decide one transition; raise :class:`WorkflowError` when it is not allowed and not forced.

    Moving into a done status records the fingerprint of the Order entries the provision implements,
    so a later change to one of them flags the provision for re-review.
    """
    target = check_status(workflow, request.target)
    current = provision.status
    allowed = workflow.is_allowed(current, target)
    if not allowed and not request.force:
        options = workflow.allowed(current)
        listing = ", ".join(options) if options else "none"
        raise WorkflowError(
            f"{provision.id}: cannot move from '{current}' to '{target}'",
            path=provision.path,
            line=provision.line_of("status"),
            hint=f"from '{current}' the workflow allows: {listing}; "
            "pass --force to override (it is recorded as forced)",
        )
    owner = request.owner if request.owner and request.owner != provision.owner else None
    fingerprint = None
    if target in workflow.done and order is not None:
        fingerprint = order_fingerprint(order, provision.implements)
    entry = HistoryEntry(
        date=request.date,
        from_status=current,
        to_status=target,
        author=request.author,
        note=request.note,
        forced=not allowed,
        owner=owner,
    )
    return Transition(
        provision_id=provision.id,
        path=provision.path,
        from_status=current,
        to_status=target,
        allowed=allowed,
        forced=not allowed,
        owner=owner,
        fingerprint=fingerprint,
        entry=entry,
    )


def decide_all(
    package: Package, ids: Sequence[str], request: StatusRequest
) -> tuple[Transition, ...]:
    """Decide every transition before anything is written: one refusal refuses them all."""
    if package.bill is None:
        raise WorkflowError(
            "bill.yaml could not be read, so the workflow is unknown",
            path="provisions/bill.yaml",
            hint="run 'billtrack check' and fix bill.yaml first",
        )
    if not ids:
        raise UnknownNameError("no provision given", hint="name one or more provision ids")
    workflow = package.bill.workflow
    check_status(workflow, request.target)
    return tuple(
        decide(provision, request, workflow=workflow, order=package.order)
        for provision in resolve_provisions(package, ids)
    )


def commit_message(transitions: Sequence[Transition]) -> str:
    """A structured commit message: a subject line, then one trailer block per provision.

    >>> t = Transition(provision_id="grant-conditions", path="provisions/grant-conditions.md",
    ...     from_status="review", to_status="cleared", allowed=True, forced=False, owner=None,
    ...     fingerprint=None, entry=HistoryEntry(date=dt.date(2026, 5, 20), from_status="review",
    ...     to_status="cleared", author="M. Chen", note=None))
    >>> print(commit_message([t]))
    status: grant-conditions review -> cleared
    <BLANKLINE>
    Provision: grant-conditions
    From: review
    To: cleared
    Author: M. Chen
    Date: 2026-05-20
    """
    if len(transitions) == 1:
        t = transitions[0]
        subject = f"status: {t.provision_id} {t.from_status} -> {t.to_status}"
    else:
        targets = sorted({t.to_status for t in transitions})
        subject = f"status: {len(transitions)} provisions -> {', '.join(targets)}"
    blocks = []
    for t in transitions:
        lines = [
            f"Provision: {t.provision_id}",
            f"From: {t.from_status}",
            f"To: {t.to_status}",
            f"Author: {t.entry.author or 'unknown'}",
            f"Date: {t.entry.date.isoformat()}",
        ]
        if t.forced:
            lines.append("Forced: yes")
        if t.owner:
            lines.append(f"Owner: {t.owner}")
        if t.entry.note:
            lines.append(f"Note: {' '.join(t.entry.note.split())}")
        blocks.append("\n".join(lines))
    return subject + "\n\n" + "\n\n".join(blocks)
