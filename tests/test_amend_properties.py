"""Properties of the law tree and the applier, on generated law texts.

- a well-formed text read as a tree and written back is the same bytes;
- after any instruction, the runs' old side is the base and the new side the amended text;
- an applied instruction followed by its inverse gives the base back byte for byte;
- an instruction whose quoted text the base lacks always fails, never a silent no-op.
"""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tracker.core.amend import (
    LawText,
    Status,
    apply_instructions,
    parse_instructions,
    parse_law,
    render_law,
)
from tracker.core.enumeration import Level, enumerator_for, ordinal

WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
]
CITATION = "1 U.S.C. 1"
TARGET = "Section 1 of title 1, United States Code,"
sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=9).map(lambda w: " ".join(w) + ".")


@st.composite
def law_texts(draw: st.DrawFn) -> str:
    """A section: an optional lead-in, then subsections with paragraphs, or paragraphs, or text."""
    paragraphs: list[str] = []
    if draw(st.booleans()):
        paragraphs.append(draw(sentence))
    shape = draw(st.sampled_from(["text", "paragraphs", "subsections"]))
    if shape == "text" and not paragraphs:
        paragraphs.append(draw(sentence))
    count = draw(st.integers(min_value=2, max_value=4))
    for index in range(1, count + 1 if shape != "text" else 1):
        level = Level.SUBSECTION if shape == "subsections" else Level.PARAGRAPH
        token = enumerator_for(level, index)
        kids = draw(st.integers(min_value=0, max_value=3)) if shape == "subsections" else 0
        kids = 0 if kids == 1 else kids
        if kids and draw(st.booleans()):
            paragraphs.append(f"({token})")
        else:
            heading = draw(st.sampled_from(["", "In general.—"])) if shape == "subsections" else ""
            paragraphs.append(f"({token}) {heading}{draw(sentence)}")
        for kid in range(1, kids + 1):
            paragraphs.append(f"({kid}) {draw(sentence)}")
    return "\n\n".join(paragraphs) + draw(st.sampled_from(["", "\n"]))


def run(body: str, base: str) -> tuple[Status, str, object]:
    instructions = parse_instructions(body, provision="p")
    assert len(instructions) == 1 and instructions[0].status is Status.PARSED, instructions
    result = apply_instructions(
        instructions, {CITATION: LawText(citation=CITATION, act_section=None, body=base)}
    )
    changes = result.laws.get(CITATION)
    return result.results[0].status, changes.amended if changes else base, changes


def unique_words(text: str) -> list[str]:
    tokens = re.findall(r"[a-z]+", text)
    return [w for w in WORDS if tokens.count(w) == 1]


@settings(max_examples=150, deadline=None)
@given(law_texts())
def test_round_trip(text: str) -> None:
    assert render_law(parse_law(text)) == text


@settings(max_examples=150, deadline=None)
@given(law_texts(), st.data())
def test_strike_then_insert_back(text: str, data: st.DataObject) -> None:
    tokens = re.findall(r"[a-z]+|[^a-z\s]+", text)
    choices = [
        i
        for i in range(1, len(tokens))
        if tokens[i] in unique_words(text) and tokens[i - 1] in unique_words(text)
    ]
    assume(choices)
    index = data.draw(st.sampled_from(choices))
    word, before = tokens[index], tokens[index - 1]
    status, struck, changes = run(f"{TARGET} is amended by striking ‘‘{word}’’.", text)
    assert status is Status.APPLIED and word not in struck.split()
    assert changes.old_text == text and changes.new_text == struck
    status, back, _ = run(
        f"{TARGET} is amended by inserting ‘‘{word}’’ after ‘‘{before}’’.", struck
    )
    assert status is Status.APPLIED
    assert back == text


@settings(max_examples=150, deadline=None)
@given(law_texts(), st.data(), st.sampled_from(["kilo", "lima mike", "november, oscar"]))
def test_strike_and_insert_then_the_reverse(text: str, data: st.DataObject, new: str) -> None:
    words = unique_words(text)
    assume(words)
    word = data.draw(st.sampled_from(words))
    status, changed, changes = run(
        f"{TARGET} is amended by striking ‘‘{word}’’ and inserting ‘‘{new}’’.", text
    )
    assert status is Status.APPLIED
    assert changes.old_text == text and changes.new_text == changed
    assert [r.instruction for r in changes.runs if r.op != "equal"] == ["p", "p"]
    status, back, _ = run(
        f"{TARGET} is amended by striking ‘‘{new}’’ and inserting ‘‘{word}’’.", changed
    )
    assert status is Status.APPLIED and back == text


@settings(max_examples=150, deadline=None)
@given(law_texts(), st.data())
def test_insert_then_strike(text: str, data: st.DataObject) -> None:
    words = unique_words(text)
    assume(words)
    anchor = data.draw(st.sampled_from(words))
    where = data.draw(st.sampled_from(["before", "after"]))
    status, grown, changes = run(
        f"{TARGET} is amended by inserting ‘‘papa’’ {where} ‘‘{anchor}’’.", text
    )
    assert status is Status.APPLIED and grown.count("papa") == 1
    assert changes.old_text == text and changes.new_text == grown
    status, back, _ = run(f"{TARGET} is amended by striking ‘‘papa’’.", grown)
    assert status is Status.APPLIED and back == text


@settings(max_examples=150, deadline=None)
@given(law_texts())
def test_add_at_end_then_strike(text: str) -> None:
    tree = parse_law(text)
    assume(not tree.children)  # a section of text: the sentence joins its last paragraph
    status, grown, changes = run(
        f"{TARGET} is amended by adding at the end the following: ‘‘Quebec romeo.’’.", text
    )
    assert status is Status.APPLIED and grown.rstrip("\n").endswith(" Quebec romeo.")
    assert changes.old_text == text and changes.new_text == grown
    status, back, _ = run(f"{TARGET} is amended by striking ‘‘Quebec romeo.’’.", grown)
    assert status is Status.APPLIED and back == text


@settings(max_examples=150, deadline=None)
@given(law_texts(), st.sampled_from(["strike", "strike-insert", "insert-after", "insert-before"]))
def test_quoted_text_missing_from_the_base_always_fails(text: str, form: str) -> None:
    missing = "zulu"
    body = {
        "strike": f"by striking ‘‘{missing}’’",
        "strike-insert": f"by striking ‘‘{missing}’’ and inserting ‘‘alpha’’",
        "insert-after": f"by inserting ‘‘alpha’’ after ‘‘{missing}’’",
        "insert-before": f"by inserting ‘‘alpha’’ before ‘‘{missing}’’",
    }[form]
    status, after, changes = run(f"{TARGET} is amended {body}.", text)
    assert status is Status.FAILED and changes is None and after == text


@settings(max_examples=100, deadline=None)
@given(law_texts())
def test_applying_an_insertion_twice_is_detected(text: str) -> None:
    tree = parse_law(text)
    assume(tree.children)
    last = tree.children[-1]
    position = ordinal(last.level, last.enumerator)
    assume(position is not None)
    new = enumerator_for(last.level, position + 1)
    body = (
        f"{TARGET} is amended by adding at the end the following:\n\n‘‘({new}) Sierra tango.’’.\n"
    )
    instructions = parse_instructions(body, provision="p") * 2
    result = apply_instructions(
        instructions, {CITATION: LawText(citation=CITATION, act_section=None, body=text)}
    )
    first, second = result.results
    assert first.status is Status.APPLIED and second.status is Status.FAILED
    assert "already" in second.message  # the designation is taken, or the text already there
