"""The instruction grammar over real bills' clauses (tests/fixtures/amend/instructions.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tracker.core.amend import OpKind, Part, Status, TargetKind, parse_instructions, parse_target

CASES = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "amend" / "instructions.yaml").read_text(encoding="utf-8")
)["cases"]


def test_the_table_holds_sixty_real_instructions_in_both_quote_forms() -> None:
    assert len(CASES) >= 60
    assert any("‘‘" in case["text"] for case in CASES)  # GPO text
    assert any("“" in case["text"] and "‘‘" not in case["text"] for case in CASES)  # USLM


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['source']}" for i, c in enumerate(CASES)])
def test_instruction_table(case: dict) -> None:
    got = parse_instructions(case["text"], provision="p", path="p.md", body_line=10)
    assert len(got) == len(case["instructions"])
    for instruction, expected in zip(got, case["instructions"], strict=True):
        assert instruction.citation == expected["citation"]
        assert instruction.target is not None
        subpath = "".join(f"({t})" for t in instruction.target.subpath)
        assert subpath == expected.get("subpath", "")
        assert instruction.target.amended_by == expected.get("amended_by")
        assert instruction.status.value == expected.get("status", "parsed")
        assert [op.summary() for op in instruction.operations] == expected["operations"]
        assert instruction.line >= 10 and instruction.path == "p.md"
        if instruction.status is Status.UNPARSED:
            assert instruction.message and "“" in instruction.message


def test_operations_carry_the_quoted_matter_whole() -> None:
    body = (
        "Section 242 of title 18, United States Code, is amended—\n\n"
        "(1) by striking ‘‘willfully’’ and inserting ‘‘knowingly or with reckless disregard’’; and\n\n"
        "(2) in paragraph (5), by striking ‘‘and’’ at the end.\n"
    )
    (instruction,) = parse_instructions(body, provision="sec-101", body_line=5)
    assert instruction.id == "sec-101" and instruction.line == 5
    strike, at_end = instruction.operations
    assert (strike.kind, strike.strike, strike.insert) == (
        OpKind.STRIKE_INSERT,
        "willfully",
        "knowingly or with reckless disregard",
    )
    assert strike.line == 7 and at_end.line == 9
    assert (at_end.kind, at_end.strike, at_end.at_end, at_end.location.path) == (
        OpKind.STRIKE,
        "and",
        True,
        ("5",),
    )


def test_multi_paragraph_quoted_matter_keeps_its_structure_and_inner_quotes_become_double() -> None:
    body = (
        "(b) Section 1709 (34 U.S.C. 10389) is amended by adding at the end the following:\n\n"
        "‘‘(8) ‘civilian review board’ means—\n\n"
        "‘‘(A) a board; and\n\n"
        "‘‘(B) a commission.’’.\n"
    )
    (instruction,) = parse_instructions(body, provision="sec-104")
    assert instruction.id == "sec-104/(b)"
    (add,) = instruction.operations
    assert (
        add.insert == "(8) “civilian review board” means—\n\n(A) a board; and\n\n(B) a commission."
    )


def test_a_container_clause_splits_into_one_instruction_per_section() -> None:
    body = (
        "(b) Part Q of title I of the Omnibus Crime Control and Safe Streets Act of 1968 (34 U.S.C. "
        "10381 et seq.) is amended—\n\n"
        "(1) in section 1701(b) (34 U.S.C. 10381(b))—\n\n"
        "(A) by redesignating paragraphs (22) and (23) as paragraphs (23) and (24), respectively; "
        "and\n\n"
        "(B) in paragraph (23), as so redesignated, by striking ‘‘(21)’’ and inserting ‘‘(22)’’; "
        "and\n\n"
        "(2) in section 1709 (34 U.S.C. 13089), as amended by section 104 of this Act, by striking "
        "‘‘the’’.\n"
    )
    first, second = parse_instructions(body, provision="sec-366")
    assert (first.id, first.citation, first.target.subpath) == (
        "sec-366/(b)(1)",
        "34 U.S.C. 10381",
        ("b",),
    )
    assert first.operations[0].designations == ("(22)", "(23)")
    assert first.operations[0].new_designations == ("(23)", "(24)")
    assert (
        first.operations[1].location.path == ("b", "23")
        and first.operations[1].location.redesignated
    )
    assert (second.id, second.citation, second.target.act_section) == (
        "sec-366/(b)(2)",
        "34 U.S.C. 13089",
        "1709",
    )
    assert second.target.amended_by == "section 104 of this Act"


@pytest.mark.parametrize(
    "body",
    [
        "Grant amounts described in paragraph (8) of section 502(a) of title I of the Act (34 U.S.C. "
        "10153(a)), as added by subsection (a) of this section, shall be used to study.\n",
        "The amendments made by this section shall apply to proceedings commenced after enactment.\n",
        "Section 5 of the Act, as amended by section 101, applies to grants.\n",
    ],
)
def test_mentioning_an_amendment_is_not_an_instruction(body: str) -> None:
    assert parse_instructions(body, provision="p") == ()


def test_what_is_not_understood_is_a_located_warning_naming_the_clause() -> None:
    body = "Intro.\n\nSection 5 of the Example Act is amended by frobnicating ‘‘x’’.\n"
    (instruction,) = parse_instructions(body, provision="p", path="provisions/p.md", body_line=4)
    assert instruction.status is Status.UNPARSED
    assert (instruction.path, instruction.line) == ("provisions/p.md", 6)
    assert "frobnicating “x”" in instruction.message


@pytest.mark.parametrize(
    ("text", "kind", "citation", "act_section"),
    [
        ("Section 242 of title 18, United States Code", TargetKind.SECTION, "18 U.S.C. 242", "242"),
        ("Section 1979 of the Revised Statutes of the United States (42 U.S.C. 1983)", TargetKind.SECTION, "42 U.S.C. 1983", "1979"),
        ("The table of sections for chapter 13 of title 18, United States Code", TargetKind.TABLE, None, None),
        ("Chapter 51 of title 18, United States Code", TargetKind.CONTAINER, None, None),
        ("Subsection (n)(6)(B) of section 1886 of the Social Security Act (42 U.S.C. 1395ww)", TargetKind.SECTION, "42 U.S.C. 1395ww", "1886"),
    ],
)  # fmt: skip
def test_targets(
    text: str, kind: TargetKind, citation: str | None, act_section: str | None
) -> None:
    target = parse_target(text)
    assert (target.kind, target.citation, target.act_section) == (kind, citation, act_section)


def test_locations_nest_and_name_their_part() -> None:
    body = (
        "Section 5 of the Example Act (1 U.S.C. 5) is amended—\n\n"
        "(1) in subsection (a)—\n\n"
        "(A) in the matter preceding paragraph (1), by striking ‘‘x’’; and\n\n"
        "(B) in paragraph (2)(A), in the first sentence, by striking ‘‘y’’; and\n\n"
        "(2) in the heading, by striking ‘‘z’’.\n"
    )
    (instruction,) = parse_instructions(body, provision="p")
    preceding, sentence, heading = (op.location for op in instruction.operations)
    assert (preceding.path, preceding.part, preceding.anchor) == (("a",), Part.PRECEDING, "(1)")
    assert (sentence.path, sentence.part, sentence.anchor) == (("a", "2", "A"), Part.SENTENCE, "1")
    assert heading.part is Part.HEADING
