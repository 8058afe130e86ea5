"""Drafting checks (BT320-BT325) over small bills from tests/fixtures/drafting/cases.yaml, and the
heading helpers they use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import BASE_PACKAGE, FIXTURES
from tracker.adapters.loader import load_package
from tracker.core.compile import CompiledBill
from tracker.core.drafting_checks import (
    drafting_findings,
    house_style_heading,
    normalize_quotes,
    title_case,
)

CASES = yaml.safe_load((FIXTURES / "drafting" / "cases.yaml").read_text(encoding="utf-8"))


def write_bill(root: Path, sections: list[str], chamber: str = "house") -> None:
    (root / "provisions").mkdir(parents=True)
    shutil.copy(BASE_PACKAGE / "provisions" / "order.yaml", root / "provisions" / "order.yaml")
    ids = [f"s{index}" for index in range(len(sections))]
    manifest = {
        "official_title": "To test drafting checks.",
        "short_title": "Test Act",
        "congress": 119,
        "session": 2,
        "chamber": chamber,
        "sponsor": None,
        "stage": "discussion",
        "contents": ids,
    }
    (root / "provisions" / "bill.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    for pid, body in zip(ids, sections, strict=True):
        text = f"---\ntitle: Section {pid}\nstatus: drafting\n---\n{body}"
        (root / "provisions" / f"{pid}.md").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_drafting_case(tmp_path: Path, case: dict) -> None:
    write_bill(tmp_path, case["sections"], case.get("chamber", "house"))
    package = load_package(tmp_path)
    assert not [f for f in package.findings if f.severity == "error"], package.findings
    found = drafting_findings(CompiledBill(package))
    got = []
    for finding in found:
        pid = Path(finding.path).stem
        provision = package.provisions[pid]
        assert finding.severity == "warning"
        assert finding.hint
        got.append((finding.code, int(pid[1:]), finding.line - provision.body_line + 1, finding))
    expected = case["expect"]
    assert [(c, s, n) for c, s, n, _ in got] == [
        (e["code"], e["section"], e["line"]) for e in expected
    ], [f.format() for *_, f in got]
    for (*_, finding), expect in zip(got, expected, strict=True):
        assert expect["message"] in finding.message, finding.format()


def test_every_drafting_code_has_a_case() -> None:
    codes = {e["code"] for case in CASES for e in case["expect"]}
    assert codes == {"BT320", "BT321", "BT322", "BT323", "BT324", "BT325"}


@pytest.mark.parametrize(
    ("heading", "wrong"),
    [
        ("In General", None),
        ("IN GENERAL", None),
        ("Authority of the Attorney General", None),
        ("Use-of-force Policies", None),
        ("Definition of “covered grant”", None),
        ("Waiver for Small or Rural Agencies", None),
        ("In general", "general"),
        ("Waiver for small agencies", "small"),
        ("seeking a Credential", "seeking"),
    ],
)
def test_house_style_heading(heading: str, wrong: str | None) -> None:
    assert house_style_heading(heading) == wrong


def test_title_case_gives_house_style() -> None:
    for heading in (
        "In general",
        "Use of force by an agency",
        "State, local, and tribal authority",
    ):
        assert house_style_heading(title_case(heading)) is None
    assert (
        title_case("annual report of the Attorney General")
        == "Annual Report of the Attorney General"
    )


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("the term ‘‘State’’ means", "the term “State” means"),
        ('the term "State" means "a State"', "the term “State” means “a State”"),
        ("the term ``State'' means", "the term “State” means"),
    ],
)
def test_quotation_marks_of_every_source(text: str, normalized: str) -> None:
    assert normalize_quotes(text) == normalized


_USE_WORDS = ["agency", "agencies", "Agency", "policy", "policies", "police", "law", "laws"]
_USE_WORDS += ["polıcy", "lawſ", "KEY", "keys", "boys", "boy", "laWs"]
_USE_GLUE = [" ", "-", "  ", "\n", "x", "“", "”", ".", "İ", "ſ", "K"]


@given(
    st.lists(st.sampled_from(_USE_WORDS + _USE_GLUE), max_size=30),
    st.sampled_from(
        ["agency", "policy", "law enforcement agency", "police-law", "la", "Key", "boy", "laws"]
    ),
)
def test_a_use_is_found_where_a_whole_scan_finds_it(pieces: list[str], term: str) -> None:
    """BT320's search tries the term only where its first word starts (the word, or its stem when
    its plural ends in "ies"): the same answer as scanning the whole text (the place of every use,
    whatever the case or glue around it)."""
    from tracker.core.drafting_checks import _anchor, _term_pattern, used_in

    corpus = "".join(pieces)
    pattern = _term_pattern(term)
    anchor = _anchor(term.replace("-", " ").split()[0])
    assert used_in(pattern, corpus, corpus.lower(), anchor) == bool(pattern.search(corpus))


@pytest.mark.parametrize(
    ("corpus", "term"),
    [
        ("the lawſ of it", "laws"),  # re.IGNORECASE matches "ſ" to "s"; lower-casing keeps it
        ("a polıcy here", "policy"),  # and "ı" to "i"
        ("KEYS and more", "key"),
        ("two boys", "boy"),
        ("the Kelvin KEY", "key"),  # "K" (Kelvin sign) lower-cases to "k"
        ("no use", "law"),
    ],
)
def test_a_use_spelt_with_a_case_twin_is_found_as_a_whole_scan_finds_it(
    corpus: str, term: str
) -> None:
    from tracker.core.drafting_checks import _anchor, _term_pattern, used_in

    pattern = _term_pattern(term)
    expected = bool(pattern.search(corpus))
    assert used_in(pattern, corpus, corpus.lower(), _anchor(term)) is expected


_CORPUS_ALPHABET = ["law", "Law", "LAW", "s", "ies", "y", " ", "  ", "\n", "-", "“", "”"]
_CORPUS_ALPHABET += ["agency", "agenc", "enforcement", "polic", "x", "ΑΣ", "ς", "K"]
_FORMS = ["agency", "law enforcement agency", "law enforcement", "policy", "lax", "x", "Law"]


@given(
    st.lists(st.lists(st.sampled_from(_CORPUS_ALPHABET), max_size=12).map("".join), max_size=12),
    st.integers(min_value=1, max_value=40),
    st.lists(st.sampled_from(_FORMS), min_size=1, max_size=4, unique=True),
)
def test_the_text_searched_a_chunk_at_a_time_is_the_whole_text(
    texts: list[str], chunk: int, forms: list[str]
) -> None:
    """BT320's text, built as the sections come and kept in compressed chunks, is the one string
    of all of them (quoted terms blanked, also across the line breaks between paragraphs); a
    search of it a chunk at a time finds the uses a search of that string finds."""
    import re
    import zlib

    from tracker.core.drafting_checks import QUOTED_SPAN, _anchor, _Corpus, _term_pattern, used_in

    corpus = _Corpus(chunk=chunk)
    for text in texts:
        corpus.add(text)
    corpus.close()
    whole = QUOTED_SPAN.sub(" ", "\n".join(texts)).replace("-", "")
    assert "".join(zlib.decompress(c).decode("utf-8") for c in corpus.chunks) == whole
    lowered = whole.lower()
    expected = {}
    for form in forms:
        words = [w for w in re.split(r"[\s-]+", form.strip()) if w]
        present = all(w[:-1].lower() in lowered for w in words)
        first = _anchor(words[0])
        expected[form] = present and used_in(_term_pattern(form), whole, lowered, first)
    assert corpus.uses(forms) == expected
