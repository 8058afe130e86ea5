"""Workflow transitions, table-driven from tests/fixtures/status/transitions.yaml."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml

from tracker.core.coverage import order_fingerprint
from tracker.core.errors import UnknownNameError, WorkflowError
from tracker.core.model import DEFAULT_WORKFLOW, Order, OrderDocument, OrderEntry, Provision
from tracker.core.workflow import (
    StatusRequest,
    commit_message,
    decide,
    decide_all,
    resolve_provisions,
)

FIXTURES = Path(__file__).parent / "fixtures" / "status"
CASES = yaml.safe_load((FIXTURES / "transitions.yaml").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 6, 1)

ORDER = Order(
    document=OrderDocument(
        title="Fixture",
        kind="Executive Order",
        number="1",
        citation="1 FR 1",
        date=dt.date(2020, 6, 16),
        published=None,
        url=None,
        note=None,
    ),
    entries=(
        OrderEntry(
            id="2(a)",
            label="(a)",
            heading=None,
            directive=True,
            officials=("Attorney General",),
            deadline_days=None,
            recovered=True,
            summary="Condition grants.",
        ),
    ),
)


def provision(status: str, *, owner: str | None = "J. Rivera") -> Provision:
    return Provision(
        id="grant-conditions",
        path="provisions/grant-conditions.md",
        title="Grant conditions",
        implements=("2(a)",),
        status=status,
        owner=owner,
        summary="Conditions grants.",
        history=(),
        fingerprint=None,
        body="(a) Text.\n",
        body_line=8,
        lines={"status": 4},
    )


def request(target: str, **kwargs: object) -> StatusRequest:
    return StatusRequest(target=target, author="M. Chen", date=TODAY, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_transition(case: dict[str, object]) -> None:
    current, target = str(case["from"]), str(case["to"])
    ask = request(target, force=bool(case.get("force")), note="why")
    if case["result"] == "refused":
        with pytest.raises(WorkflowError) as caught:
            decide(provision(current), ask, workflow=DEFAULT_WORKFLOW, order=ORDER)
        allowed = case["allowed"]
        assert caught.value.hint is not None
        listing = ", ".join(allowed) if allowed else "none"  # type: ignore[arg-type]
        assert f"allows: {listing};" in caught.value.hint
        assert "--force" in caught.value.hint
        assert caught.value.line == 4
        return
    if case["result"] == "unknown":
        with pytest.raises(UnknownNameError) as unknown:
            decide(provision(current), ask, workflow=DEFAULT_WORKFLOW, order=ORDER)
        suggestion = case["suggestion"]
        assert (f"did you mean '{suggestion}'?" in (unknown.value.hint or "")) is bool(suggestion)
        return
    decided = decide(provision(current), ask, workflow=DEFAULT_WORKFLOW, order=ORDER)
    forced = case["result"] == "forced"
    assert decided.forced is forced and decided.entry.forced is forced
    assert decided.allowed is not forced
    assert (decided.from_status, decided.to_status) == (current, target)
    assert decided.entry.from_status == current and decided.entry.to_status == target
    assert decided.entry.author == "M. Chen" and decided.entry.note == "why"
    assert decided.entry.date == TODAY
    expected = order_fingerprint(ORDER, ["2(a)"]) if case["fingerprint"] else None
    assert decided.fingerprint == expected


def test_every_workflow_edge_is_in_the_table() -> None:
    covered = {(c["from"], c["to"]) for c in CASES if c["result"] == "ok"}
    edges = {(s, t) for s, targets in DEFAULT_WORKFLOW.transitions.items() for t in targets}
    assert len(covered & edges) >= 9


def test_owner_change_is_recorded_only_when_it_changes() -> None:
    same = decide(
        provision("review"),
        request("cleared", owner="J. Rivera"),
        workflow=DEFAULT_WORKFLOW,
        order=ORDER,
    )
    assert same.owner is None and same.entry.owner is None
    other = decide(
        provision("review"),
        request("cleared", owner="K. Donovan"),
        workflow=DEFAULT_WORKFLOW,
        order=ORDER,
    )
    assert other.owner == "K. Donovan" and other.entry.owner == "K. Donovan"


def test_no_order_means_no_fingerprint() -> None:
    decided = decide(provision("review"), request("cleared"), workflow=DEFAULT_WORKFLOW, order=None)
    assert decided.fingerprint is None


def test_fingerprint_is_canonical() -> None:
    first = order_fingerprint(ORDER, ["2(a)", "2(a)"])
    assert first == order_fingerprint(ORDER, ["2(a)"])
    entry = ORDER.entries[0]
    rewrapped = Order(
        document=ORDER.document,
        entries=(dataclasses.replace(entry, summary="Condition\n  grants.", line=99),),
    )
    assert order_fingerprint(rewrapped, ["2(a)"]) == first
    changed = Order(
        document=ORDER.document, entries=(dataclasses.replace(entry, deadline_days=30),)
    )
    assert order_fingerprint(changed, ["2(a)"]) != first
    assert order_fingerprint(ORDER, ["9(z)"]) != order_fingerprint(ORDER, [])
    assert len(first) == 16 and int(first, 16) >= 0


def test_unknown_provision_gets_a_suggestion() -> None:
    from tracker.core.model import Package

    package = Package(
        label="t",
        bill=None,
        order=None,
        provisions={"grant-conditions": provision("review")},
        findings=(),
    )
    with pytest.raises(UnknownNameError) as caught:
        resolve_provisions(package, ["grant-condition"])
    assert "did you mean 'grant-conditions'?" in (caught.value.hint or "")
    with pytest.raises(WorkflowError):
        decide_all(package, ["grant-conditions"], request("cleared"))


def test_commit_message_is_structured() -> None:
    decided = decide(
        provision("drafting"),
        request("cleared", force=True, note="Signed off\nby phone."),
        workflow=DEFAULT_WORKFLOW,
        order=ORDER,
    )
    message = commit_message([decided])
    subject, _, body = message.partition("\n\n")
    assert subject == "status: grant-conditions drafting -> cleared"
    assert "Provision: grant-conditions\nFrom: drafting\nTo: cleared\nAuthor: M. Chen" in body
    assert "Forced: yes" in body and "Note: Signed off by phone." in body
    assert commit_message([decided, decided]).startswith("status: 2 provisions -> cleared")
