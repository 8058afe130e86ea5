"""Round trip, proved: random edits of every law text in ../shared/data/law (usc and usc-2020),
instructions generated from them, then parsed and applied to the base with the package's own
parser and applier: the law as amended is the edited text, byte for byte, every time.

Edits: words replaced, struck and inserted; a paragraph inserted (the ones after it redesignated,
or not), struck (the ones after it redesignated, or not), added at the end; a unit rewritten; and
several of these at once. An unedited text gives no instruction.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from tracker.adapters.law_sources.markdown_code import read_markdown_section
from tracker.core.amend import LawText, Status, apply_instructions, parse_instructions, parse_law
from tracker.core.amend.generate import REWRITE_SHARE, generate_instructions
from tracker.core.amend.generate_diff import changed_share
from tracker.core.amend.law_tree import LawNode
from tracker.core.enumeration import enumerator_for, ordinal

pytestmark = pytest.mark.shared

WORDS = ["alpha", "Attorney", "grant", "the", "and", "State", "bravo", "shall", "section", "2024"]


@cache
def law_texts() -> tuple[LawText, ...]:
    out = []
    for folder in ("usc", "usc-2020"):
        for path in sorted(shared_path("data", "law", folder).glob("title-*/section-*.md")):
            extract, _ = read_markdown_section(path.read_text(encoding="utf-8"), source=str(path))
            out.append(
                LawText(
                    citation=extract.citation,
                    act_section=f"section 9{len(out)} of the Example Act of 2020"
                    if len(out) % 2
                    else None,
                    body=extract.body,
                )
            )
    return tuple(out)


def round_trip(law: LawText, edited: str) -> str:
    """Generate, then parse and apply the generated body to the base: the amended text."""
    generated = generate_instructions(law, edited, provision_id="edit")
    assert generated.changed
    if changed_share(law.body, edited) > REWRITE_SHARE:  # most words struck: rewritten whole
        assert generated.rewritten
    instructions = parse_instructions(generated.body, provision="edit")
    assert instructions and all(i.status is Status.PARSED for i in instructions)
    result = apply_instructions(instructions, {law.citation: law})
    assert [r.status for r in result.results] == [Status.APPLIED] * len(result.results), [
        r.message for r in result.results
    ]
    return result.laws[law.citation].amended


def nodes(text: str) -> list[LawNode]:
    return [node for _, node in parse_law(text).walk()]


def siblings(text: str, node: LawNode) -> tuple[LawNode, ...]:
    tree = parse_law(text)
    for _, candidate in [((), None), *tree.walk()]:
        kids = candidate.children if candidate else tree.children
        if any(k.start == node.start for k in kids):
            return kids
    return ()


def renumber(text: str, nodes_after: list[LawNode], step: int) -> str:
    """Move the designation of each of ``nodes_after`` by ``step`` (from the last back)."""
    for node in sorted(nodes_after, key=lambda n: n.start, reverse=True):
        number = ordinal(node.level, node.enumerator)
        if number is None or number + step < 1:
            return text
        new = enumerator_for(node.level, number + step)
        text = text[: node.start] + f"({new})" + text[node.start + len(node.enumerator) + 2 :]
    return text


@st.composite
def word_edit(draw: st.DrawFn, text: str) -> str:
    words = [(m.start(), m.end()) for m in __import__("re").finditer(r"[A-Za-z]{3,}", text)]
    start, end = draw(st.sampled_from(words))
    kind = draw(st.sampled_from(["replace", "strike", "insert"]))
    word = draw(st.sampled_from(WORDS))
    if kind == "replace":
        return text[:start] + word + text[end:]
    if kind == "strike":
        if text[start - 1 : start] == " ":
            start -= 1
        elif text[end : end + 1] == " ":
            end += 1
        return text[:start] + text[end:]
    return text[:end] + " " + word + text[end:]


@st.composite
def paragraph_edit(draw: st.DrawFn, text: str) -> str:
    candidates = [n for n in nodes(text) if ordinal(n.level, n.enumerator) is not None]
    assume(candidates)
    node = draw(st.sampled_from(candidates))
    kids = siblings(text, node)
    after = [k for k in kids if k.start > node.start]
    kind = draw(st.sampled_from(["insert", "strike", "add", "rewrite"]))
    redesignate = draw(st.booleans())
    sentence = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))) + ";"
    number = ordinal(node.level, node.enumerator)
    assert number is not None
    if kind == "insert":
        assume(after and redesignate)
        shifted = renumber(text, after, 1)
        new = f"\n\n({enumerator_for(node.level, number + 1)}) {sentence}"
        return shifted[: node.end] + new + shifted[node.end :]
    if kind == "strike":
        assume(len(kids) > 1 and (redesignate or number > 1))  # a list must start at its first
        shifted = renumber(text, after, -1) if redesignate else text
        if node.start >= 2:
            return shifted[: node.start - 2] + shifted[node.end :]
        return shifted[: node.start] + shifted[node.end + 2 :]
    if kind == "add":
        last = kids[-1]
        last_number = ordinal(last.level, last.enumerator)
        assume(last_number is not None and not last.tail)
        new = f"\n\n({enumerator_for(last.level, last_number + 1)}) {sentence}"  # type: ignore[operator]
        return text[: last.end] + new + text[last.end :]
    body = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=20))) + "."
    return text[: node.text_start] + body + text[node.end :]


edited_laws = st.sampled_from(law_texts())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), law=edited_laws)
def test_a_word_edit_round_trips_without_rewriting_the_section(
    data: st.DataObject, law: LawText
) -> None:
    edited = data.draw(word_edit(law.body))
    assume(edited != law.body)
    assert round_trip(law, edited) == edited
    generated = generate_instructions(law, edited)
    assert not generated.rewritten, generated.body  # one word: never the whole section
    assert len(generated.instructions[0].operations) == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), law=edited_laws)
def test_a_paragraph_edit_round_trips(data: st.DataObject, law: LawText) -> None:
    edited = data.draw(paragraph_edit(law.body))
    assume(edited != law.body)
    assert round_trip(law, edited) == edited


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), law=edited_laws, count=st.integers(min_value=2, max_value=5))
def test_several_edits_round_trip(data: st.DataObject, law: LawText, count: int) -> None:
    edited = law.body
    for _ in range(count):
        edit = data.draw(st.sampled_from([word_edit, paragraph_edit]))
        edited = data.draw(edit(edited))
    assume(edited != law.body)
    assert round_trip(law, edited) == edited


@pytest.mark.parametrize("law", law_texts(), ids=lambda law: law.citation)
def test_an_unedited_text_gives_no_instruction(law: LawText) -> None:
    generated = generate_instructions(law, law.body)
    assert not generated.changed and generated.body == "" and not generated.instructions
    # trailing spaces and extra blank lines are not edits
    noisy = law.body.replace("\n\n", "\n\n\n", 1).replace("\n", "  \n", 1)
    assert not generate_instructions(law, noisy).changed


@pytest.mark.parametrize("law", law_texts(), ids=lambda law: law.citation)
def test_a_whole_rewrite_reads_as_follows(law: LawText) -> None:
    edited = "(a) The Attorney General shall report.\n\n(b) The report shall be public.\n"
    generated = generate_instructions(law, edited)
    assert generated.rewritten
    assert "is amended to read as follows:" in generated.body
    assert round_trip(law, edited) == edited
