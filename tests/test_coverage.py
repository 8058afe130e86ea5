"""``billtrack coverage``: the derived state of each directive, due dates, --fail-under."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_billtrack
from tracker.adapters.loader import load_files
from tracker.core.coverage import CoverageState, coverage


def test_states_due_dates_and_percent(package: Path) -> None:
    code, out, _ = run_billtrack(package, "coverage", "--format", "json")
    assert code == 0
    data = json.loads(out)
    states = {e["id"]: (e["state"], [p["id"] for p in e["provisions"]]) for e in data["entries"]}
    assert states == {
        "2(a)": ("covered", ["grant-conditions"]),
        "2(b)": ("in progress", ["reporting"]),
        "3(a)": ("uncovered", []),  # its only provision is dropped
    }
    due = {e["id"]: e["due_date"] for e in data["entries"]}
    assert due == {"2(a)": None, "2(b)": None, "3(a)": "2020-09-14"}
    assert data["counts"] == {"uncovered": 1, "in progress": 1, "covered": 1}
    assert data["percent"] == 33.3 and data["directives"] == 3


def test_text_report(package: Path) -> None:
    code, out, _ = run_billtrack(package, "coverage")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert out.startswith(
        "Coverage of Executive Order 99999, Fixture Order (99 FR 1), signed 2020-06-16"
    )
    assert (
        "2(b)  in progress  Require reports from grantees.\n      - sec. 102 reporting (review)"
        in out
    )
    assert "due 2020-09-14 (90 days from the Order)\n      - no provision implements it" in out
    assert out.rstrip().endswith("3 directives: 1 covered (33.3%), 1 in progress, 1 uncovered")


@pytest.mark.parametrize(("threshold", "code"), [("30", 0), ("33.3", 0), ("50", 1), ("100", 1)])
def test_fail_under(package: Path, threshold: str, code: int) -> None:
    exit_code, _, err = run_billtrack(package, "coverage", "--fail-under", threshold)
    assert exit_code == code
    if code:
        assert f"coverage 33.3% is below {float(threshold):g}%" in err


def test_fail_under_must_be_a_percentage(package: Path) -> None:
    assert run_billtrack(package, "coverage", "--fail-under", "101")[0] == 2


BILL = """official_title: T
contents:
{contents}
"""
ORDER = """document: {{title: T, citation: C, date: 2020-01-01}}
entries:
  - {{id: "1", summary: S}}
  - {{id: "1(a)", directive: true, summary: D, deadline_days: 30}}
  - {{id: "1(a)(i)", summary: Part of D}}
"""


def build(provisions: list[tuple[str, str, bool]]) -> object:
    """A package whose provisions (id, status, implements the child '1(a)(i)' instead of '1(a)')."""
    files = {
        "provisions/bill.yaml": BILL.format(
            contents="\n".join(f"  - {pid}" for pid, _, _ in provisions) or "  []"
        ).encode(),
        "provisions/order.yaml": ORDER.format().encode(),
    }
    for pid, status, child in provisions:
        target = "1(a)(i)" if child else "1(a)"
        files[f"provisions/{pid}.md"] = (
            f'---\ntitle: {pid}\nimplements: ["{target}"]\nstatus: {status}\nsummary: S\n---\n\nText.\n'
        ).encode()
    return load_files(files, label="t")


@pytest.mark.parametrize(
    ("provisions", "state"),
    [
        ([], CoverageState.UNCOVERED),
        ([("a", "dropped", False)], CoverageState.UNCOVERED),
        ([("a", "outline", False)], CoverageState.IN_PROGRESS),
        ([("a", "hold", False), ("b", "review", False)], CoverageState.IN_PROGRESS),
        ([("a", "review", False), ("b", "cleared", False)], CoverageState.COVERED),
        ([("a", "cleared", True)], CoverageState.COVERED),
        ([("a", "drafting", True), ("b", "dropped", False)], CoverageState.IN_PROGRESS),
    ],
)
def test_derived_state(provisions: list[tuple[str, str, bool]], state: CoverageState) -> None:
    report = coverage(build(provisions))  # type: ignore[arg-type]
    (row,) = report.rows
    assert row.order_id == "1(a)" and row.state is state
    assert str(row.due_date) == "2020-01-31"
    live = [pid for pid, status, _ in provisions if status != "dropped"]
    assert [i.provision_id for i in row.implementers] == live
    assert report.percent == (100.0 if state is CoverageState.COVERED else 0.0)


def test_checking_a_package_does_not_load_the_redline_engine() -> None:
    """The loader runs the checks (BT310 included) for every command; only diffs need the engine."""
    code = (
        "import sys, tracker.adapters.loader, tracker.core.checks, tracker.core.coverage\n"
        "print('diff_match_patch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
