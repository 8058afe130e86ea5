"""Applying instructions to the Code sections H.R. 7120 amends (../shared/data/law), read through the
law/ adapter's Markdown reader, with the bill's provisions from tests/fixtures/amend/hr7120.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from tests.conftest import shared_path
from tracker.adapters.law_sources.markdown_code import read_markdown_section
from tracker.core.amend import (
    AmendResult,
    LawText,
    Status,
    apply_instructions,
    parse_instructions,
)

pytestmark = pytest.mark.shared
OMNIBUS = "of title I of the Omnibus Crime Control and Safe Streets Act of 1968"
ACT_SECTIONS = {
    "34 U.S.C. 10381": f"section 1701 {OMNIBUS}",
    "34 U.S.C. 10389": f"section 1709 {OMNIBUS}",
    "34 U.S.C. 10152": f"section 501 {OMNIBUS}",
    "34 U.S.C. 10153": f"section 502 {OMNIBUS}",
    "34 U.S.C. 12601": "section 210401 of the Violent Crime Control and Law Enforcement Act of 1994",
    "42 U.S.C. 1983": "section 1979 of the Revised Statutes of the United States",
    "21 U.S.C. 879": "section 509 of the Controlled Substances Act",
}
BILL = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "amend" / "hr7120.yaml").read_text(encoding="utf-8")
)


@cache
def laws(folder: str) -> dict[str, LawText]:
    out = {}
    for path in sorted(shared_path("data", "law", folder).glob("title-*/section-*.md")):
        extract, _ = read_markdown_section(path.read_text(encoding="utf-8"), source=str(path))
        out[extract.citation] = LawText(
            citation=extract.citation,
            act_section=ACT_SECTIONS.get(extract.citation),
            body=extract.body,
        )
    return out


def bill_7120() -> list:
    """H.R. 7120's instructions in bill order."""
    out = []
    for provision in BILL["provisions"]:
        out.extend(parse_instructions(provision["body"], provision=provision["id"]))
    return out


@cache
def applied(folder: str) -> AmendResult:
    return apply_instructions(bill_7120(), laws(folder))


def by_id(result: AmendResult) -> dict:
    return {r.instruction.id: r for r in result.results}


def test_hr7120_against_the_2020_code() -> None:
    result = applied("usc-2020")
    statuses = {r.instruction.id: r.status for r in result.results}
    saved = [r for r in result.results if r.status is not Status.NO_LAW]
    assert len(saved) == 17
    assert sum(r.status is Status.APPLIED for r in saved) == 14
    failed = {r.instruction.id: r for r in saved if r.status is Status.FAILED}
    assert set(failed) == {
        "best-practices-for-local-law-enforcement-agencies/(a)(1)",
        "best-practices-for-local-law-enforcement-agencies/(a)(2)",
        "best-practices-for-local-law-enforcement-agencies/(d)",
    }
    slip = failed["best-practices-for-local-law-enforcement-agencies/(a)(1)"]
    assert "34 U.S.C. 13081 does not resolve" in slip.message
    assert slip.suggestion == "did you mean 34 U.S.C. 10381?"
    assert "no subdivision (b)(23), as so redesignated" in slip.message
    assert "(1)–(22), (24), (25)" in slip.message
    assert failed["best-practices-for-local-law-enforcement-agencies/(a)(2)"].suggestion == (
        "did you mean 34 U.S.C. 10389?"
    )
    cascade = failed["best-practices-for-local-law-enforcement-agencies/(d)"].message
    assert "no subdivision (b)(25)" in cascade and "(a)(1)" in cascade
    assert statuses["lynching/(b)"] is Status.NO_LAW


def test_section_242_reads_as_the_bill_says() -> None:
    changes = applied("usc-2020").laws["18 U.S.C. 242"]
    assert changes.base == laws("usc-2020")["18 U.S.C. 242"].body
    amended = changes.amended
    assert "willfully" not in amended
    assert amended.startswith(
        "Whoever, under color of any law, statute, ordinance, regulation, or custom, knowingly or "
        "with reckless disregard subjects any person"
    )
    assert amended.endswith(
        "or may be sentenced to death. For purposes of this section, an act shall be considered to "
        "be death resulting if the act was a substantial factor contributing to the death of the "
        "person. For the purposes of this section, the application of any pressure to the throat or "
        "windpipe, use of maneuvers that restrict blood or oxygen flow to the brain, or carotid "
        "artery restraints which prevent or hinder breathing or reduce intake of air is a "
        "punishment, pain, or penalty.\n"
        if changes.base.endswith("\n")
        else "punishment, pain, or penalty."
    )
    struck = [(run.text, run.instruction) for run in changes.runs if run.op == "delete"]
    assert struck == [("willfully", "deprivation-of-rights-under-color-of-law")]
    assert changes.old_text == changes.base and changes.new_text == changes.amended


def test_section_1983_gains_its_paragraphs() -> None:
    amended = applied("usc-2020").laws["42 U.S.C. 1983"].amended
    assert (
        "\n\nIt shall not be a defense or immunity to any action brought under this section"
        in amended
    )
    assert "\n\n(1) the defendant was acting in good faith" in amended
    assert "\n\n(2) the rights, privileges, or immunities secured" in amended


def test_the_code_footnote_is_read_through() -> None:
    changes = applied("usc-2020").laws["34 U.S.C. 12601"]
    assert "violation of subsection (a) 1 1 So in original." in changes.amended
    assert changes.amended.rstrip().split("\n\n")[-1].startswith("(c) SUBPOENA AUTHORITY.—")


def test_redesignation_and_insertion_in_10381() -> None:
    amended = applied("usc-2020").laws["34 U.S.C. 10381"].amended
    assert "\n\n(22) to develop best practices for and to create civilian review boards;" in amended
    assert "\n\n(23) to permit tribal governments" in amended
    assert "in accordance with paragraphs (1) through (22); and" in amended
    assert "\n\n(24) to establish peer mentoring" in amended


def test_10153_additions_follow_one_another() -> None:
    amended = applied("usc-2020").laws["34 U.S.C. 10153"].amended
    positions = [
        amended.index(f"\n\n({n}) An assurance that, for each fiscal year") for n in (7, 8, 9, 10)
    ]
    assert positions == sorted(positions)


def test_against_todays_code_failures_say_why() -> None:
    results = by_id(applied("usc"))
    collision = results["training-on-racial-bias-and-duty-to-intervene/(d)"]
    assert collision.status is Status.FAILED
    assert "designation (I) is already taken in (a)(1) (it has (A)–(K))" in collision.message
    gone = results["stop-militarizing-law-enforcement-act/(b)(1)"]
    assert gone.status is Status.FAILED
    assert (
        "“counterdrug, counterterrorism, and border security activities” not found in (a)(1)(A)"
        in gone.message
    )
    taken = results["independent-investigations/(b)(1)"]
    assert "designation (24) is already taken" in taken.message


def test_applying_twice_is_detected() -> None:
    twice = bill_7120() * 2
    result = apply_instructions(twice, laws("usc-2020"))
    second = result.results[len(twice) // 2 :]
    assert all(
        r.status is not Status.APPLIED for r in second if r.instruction.citation in laws("usc-2020")
    )
    willfully = next(
        r for r in second if r.instruction.id == "deprivation-of-rights-under-color-of-law"
    )
    assert "“willfully” not found" in willfully.message


def test_strike_found_more_than_once_without_each_place() -> None:
    body = (
        "Section 242 of title 18, United States Code, is amended by striking ‘‘shall be fined’’.\n"
    )
    (result,) = apply_instructions(
        parse_instructions(body, provision="p"), laws("usc-2020")
    ).results
    assert result.status is Status.FAILED
    assert "occurs 3 times" in result.message and "each place it appears" in result.message
    each = body.replace("’’.", "’’ each place it appears.")
    (result,) = apply_instructions(
        parse_instructions(each, provision="p"), laws("usc-2020")
    ).results
    assert result.status is Status.APPLIED


@pytest.mark.parametrize("learned_from", ["the bill", "the digits"])
def test_citation_slips_are_named_without_recorded_act_sections(learned_from: str) -> None:
    """Law added from files that record no Act section: the bill's own citations (section 1701 of
    the 1968 Act is 34 U.S.C. 10381 in sec. 104) or the transposed digits still name the slip."""
    bare = {
        citation: LawText(citation=citation, act_section=None, body=law.body)
        for citation, law in laws("usc-2020").items()
    }
    instructions = bill_7120()
    if learned_from == "the digits":  # no instruction pairs the Act section with 10381
        instructions = [
            i for i in instructions if not i.id.startswith("independent-investigations")
        ]
    result = by_id(apply_instructions(instructions, bare))
    slip = result["best-practices-for-local-law-enforcement-agencies/(a)(1)"]
    assert slip.status is Status.FAILED
    assert slip.suggestion == "did you mean 34 U.S.C. 10381?"
    other = result["best-practices-for-local-law-enforcement-agencies/(a)(2)"]
    assert other.status is Status.FAILED
    assert other.suggestion == "did you mean 34 U.S.C. 10389?"
