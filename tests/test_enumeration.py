"""Reading bodies into the federal hierarchy; sequence and hierarchy problems."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import FIXTURES
from tracker.core.enumeration import BlockKind, Level, enumerator_for, ordinal, parse_body

CASES = yaml.safe_load((FIXTURES / "enumeration.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_enumeration(case: dict) -> None:
    parsed = parse_body(case["body"])
    if "paths" in case:
        paths = ["/".join(b.path) for b in parsed.blocks if b.kind is BlockKind.SUBDIVISION]
        assert paths == case["paths"]
    assert sorted({p.code for p in parsed.problems}) == sorted(case["codes"])


@pytest.mark.parametrize("level", [lv for lv in Level if lv])
def test_enumerators_round_trip(level: Level) -> None:
    for position in range(1, 60):
        assert ordinal(level, enumerator_for(level, position)) == position


def test_headings_and_lines() -> None:
    parsed = parse_body("\n(a) In general.—The text\ncontinues.\n\n(b) Other.—More.\n")
    first, second = parsed.blocks
    assert (first.heading, first.text, first.line) == ("In general", "The text\ncontinues.", 2)
    assert (second.heading, second.line) == ("Other", 5)
