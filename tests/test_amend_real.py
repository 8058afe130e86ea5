"""``billtrack amend`` on H.R. 7120 (116th) as introduced, imported from GPO's text, against the
Code sections it amends as saved in ../shared/data/law: ``usc-2020`` (the text the bill was written
against) and ``usc`` (today's), each row of ``instructions-hr7120.tsv`` checked."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tracker.adapters.loader import load_package
from tracker.cli import cli
from tracker.core.amend import amend_package
from tracker.render.comparative_model import comparative_print
from tracker.render.comparative_term import render_term

pytestmark = pytest.mark.shared

OMNIBUS = "of title I of the Omnibus Crime Control and Safe Streets Act of 1968"
ACT_SECTIONS = {
    "title-34/section-10381.md": f"section 1701 {OMNIBUS}",
    "title-34/section-10389.md": f"section 1709 {OMNIBUS}",
    "title-34/section-10152.md": f"section 501 {OMNIBUS}",
    "title-34/section-10153.md": f"section 502 {OMNIBUS}",
    "title-34/section-12601.md": "section 210401 of the Violent Crime Control and Law Enforcement "
    "Act of 1994",
    "title-42/section-1983.md": "section 1979 of the Revised Statutes of the United States",
    "title-21/section-879.md": "section 509 of the Controlled Substances Act",
    "title-18/section-242.md": None,
    "title-10/section-2576a.md": None,
}
SLIPS = {"sec. 366(a)(1)", "sec. 366(a)(2)", "sec. 366(d)"}


def build(root: Path, folder: str) -> Path:
    """Import the bill with the CLI, then 'billtrack law add' each saved section of ``folder``."""
    from click.testing import CliRunner

    runner = CliRunner()
    bill = shared_path("data", "bills", "hr7120-116", "ih.txt")
    done = runner.invoke(cli, ["import", str(bill), "--to", str(root)])
    assert done.exit_code == 0, done.output
    law = shared_path("data", "law", folder)
    for name, act in ACT_SECTIONS.items():
        args = ["law", "add", str(law / name), "--root", str(root)]
        done = runner.invoke(cli, args + (["--act-section", act] if act else []))
        assert done.exit_code == 0, done.output
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hr7120")
    return {folder: build(base / folder, folder) for folder in ("usc-2020", "usc")}


def report(root: Path) -> tuple[int, dict]:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["amend", "--root", str(root), "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def rows() -> list[dict[str, str]]:
    path = shared_path("data", "law", "instructions-hr7120.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def label(row: dict[str, str]) -> str:
    """The TSV's "Sec. 104(b)(1)" as the report prints it: "sec. 104(b)(1)"."""
    return "sec." + row["bill_section"].removeprefix("Sec.")


def by_section(data: dict) -> dict[str, dict]:
    return {row["section"]: row for row in data["instructions"]}


def test_every_row_is_one_instruction(built: dict[str, Path]) -> None:
    _, data = report(built["usc-2020"])
    expected = [label(row) for row in rows()]
    assert [row["section"] for row in data["instructions"]] == expected
    assert len(expected) == 22


def test_usc_2020_rows(built: dict[str, Path]) -> None:
    code, data = report(built["usc-2020"])
    assert code == 1  # the bill's own slips fail
    found = by_section(data)
    saved = [row for row in rows() if row["base_text_saved"] == "yes"]
    assert len(saved) == 17
    applied = [label(r) for r in saved if label(r) not in SLIPS]
    assert len(applied) == 14
    for section in applied:
        assert found[section]["status"] == "applied", found[section]
        assert found[section]["citation"] == "{} U.S.C. {}".format(
            *next((r["usc_title"], r["usc_section"]) for r in saved if label(r) == section)
        )
    for row in rows():
        if row["base_text_saved"] == "no":
            assert found[label(row)]["status"] == "no-law"
    assert data["summary"] == {"total": 22, "applied": 14, "failed": 3, "unparsed": 0, "no_law": 5}


def test_usc_2020_slips_are_named(built: dict[str, Path]) -> None:
    _, data = report(built["usc-2020"])
    found = by_section(data)
    first, second, cascade = (found[s] for s in ("sec. 366(a)(1)", "sec. 366(a)(2)", "sec. 366(d)"))
    # the transposed digits, with the Act section cited beside them as the did-you-mean
    assert first["status"] == second["status"] == "failed"
    assert "the citation 34 U.S.C. 13081 does not resolve" in first["message"]
    assert "section 1701 of title I" in first["message"]
    assert first["suggestion"] == "did you mean 34 U.S.C. 10381?"
    # ... and read against 10381 the "(23), as so redesignated" that does not exist
    assert "(b)(23), as so redesignated" in first["message"]
    assert "it has (1)–(22), (24), (25)" in first["message"]
    assert "the citation 34 U.S.C. 13089 does not resolve" in second["message"]
    assert second["suggestion"] == "did you mean 34 U.S.C. 10389?"
    assert "it would apply" in second["message"]
    # the later amendment of 10381 fails because the earlier one did, and says so
    assert cascade["status"] == "failed"
    assert "earlier instructions on 34 U.S.C. 10381 failed" in cascade["message"]
    assert "best-practices-for-local-law-enforcement-agencies/(a)(1)" in cascade["message"]


def test_nothing_is_applied_silently(built: dict[str, Path]) -> None:
    """The did-you-mean is only offered: 10389 does not get the slipped paragraph (9)."""
    _, data = report(built["usc-2020"])
    law = {entry["citation"]: entry for entry in data["laws"]}
    assert "local task force on policing innovation" not in law["34 U.S.C. 10389"]["amended"]
    assert law["34 U.S.C. 10381"]["instructions"] == ["independent-investigations/(b)(1)"]


def test_usc_today_failures_say_why(built: dict[str, Path]) -> None:
    code, data = report(built["usc"])
    assert code == 1
    found = by_section(data)
    failed = {s: row for s, row in found.items() if row["status"] == "failed"}
    assert set(failed) == {
        "sec. 104(b)(1)",
        "sec. 361(d)",
        "sec. 365(b)(1)",
        "sec. 366(a)(1)",
        "sec. 366(a)(2)",
    }
    assert (
        "designation (24) is already taken (it has (1)–(25))" in failed["sec. 104(b)(1)"]["message"]
    )
    assert (
        "designation (I) is already taken in (a)(1) (it has (A)–(K))"
        in failed["sec. 361(d)"]["message"]
    )
    assert (
        "“counterdrug, counterterrorism, and border security activities” not found in (a)(1)(A)"
        in failed["sec. 365(b)(1)"]["message"]
    )
    for row in failed.values():
        assert row["message"]
    assert data["summary"]["applied"] == 12


def print_of(root: Path, citation: str) -> str:
    """The plain terminal print of one law section (from its heading to the next section's)."""
    package = load_package(root)
    text = render_term(comparative_print(package, amend_package(package)))
    start = text.index(f"\n{citation}. ") + 1
    following = re.search(r"\n\n[0-9]+ U\.S\.C\. [0-9a-z]+\. ", text[start:])
    return text[start : start + following.start()] if following else text[start:]


def test_comparative_print_of_18_usc_242(built: dict[str, Path]) -> None:
    """Sec. 101 strikes "willfully", inserts "knowingly or with reckless disregard" and adds the
    death-resulting sentence; sec. 363(c)(2), "as amended by section 101", adds the chokehold
    sentence after it. Read by hand against the bill and the 2020 text."""
    text = print_of(built["usc-2020"], "18 U.S.C. 242")
    lines = text.splitlines()
    assert lines[0] == "18 U.S.C. 242. Deprivation of rights under color of law"
    assert lines[1] == (
        "  current through Public Law 116-155 · law/18-usc-242.md · amended by sec. 101, "
        "sec. 363(c)(2)"
    )
    body = lines[3]
    assert body.startswith(
        "Whoever, under color of any law, statute, ordinance, regulation, or custom, [willfully] "
        "_knowingly or with reckless disregard_ {sec. 101} subjects any person in any State,"
    )
    assert body.endswith(
        "or may be sentenced to death. _For purposes of this section, an act shall be considered to "
        "be death resulting if the act was a substantial factor contributing to the death of the "
        "person._ {sec. 101} _For the purposes of this section, the application of any pressure to "
        "the throat or windpipe, use of maneuvers that restrict blood or oxygen flow to the brain, or "
        "carotid artery restraints which prevent or hinder breathing or reduce intake of air is a "
        "punishment, pain, or penalty._ {sec. 363(c)(2)}"
    )
    assert body.count("[") == 1 and body.count("{sec.") == 3


def test_comparative_print_of_42_usc_1983(built: dict[str, Path]) -> None:
    """Sec. 102 adds, at the end of section 1979 of the Revised Statutes, the bar on good-faith and
    qualified-immunity defenses with its paragraphs (1) and (2); nothing is struck."""
    text = print_of(built["usc-2020"], "42 U.S.C. 1983")
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "42 U.S.C. 1983. Civil action for deprivation of rights"
    assert "amended by sec. 102" in lines[1]
    assert lines[2].startswith("Every person who, under color of any statute,")
    assert "[" not in lines[2] and "_" not in lines[2]
    assert lines[3].startswith(
        "_It shall not be a defense or immunity to any action brought under this section against "
        "a local law enforcement officer (as defined in section 2 of the Justice in Policing Act "
        "of 2020) or a State correctional officer"
    )
    assert lines[4].startswith("_(1) the defendant was acting in good faith,")
    assert lines[5].startswith(
        "_(2) the rights, privileges, or immunities secured by the Constitution"
    )
    assert lines[5].endswith("whether his or her conduct was lawful._ {sec. 102}")
    assert len(lines) == 6


def test_check_reports_the_slips_at_their_lines(built: dict[str, Path]) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(
        cli, ["check", "--root", str(built["usc-2020"]), "--format", "json"]
    )
    found = [
        (f["code"], f["path"], f["line"])
        for f in json.loads(result.stdout)["findings"]
        if f["code"].startswith("BT91")
    ]
    path = "provisions/best-practices-for-local-law-enforcement-agencies.md"
    assert found == [("BT912", path, 9), ("BT912", path, 19), ("BT911", path, 49)]
    assert result.exit_code == 1
