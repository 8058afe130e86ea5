"""Generating amendatory instructions from an edited copy of the law: how long it takes.

A 5,000-word law section is built from the text of 34 U.S.C. 10381 (../shared/data/law/usc, today's
text, about 3,200 words) and its first subsections again under new designations; then edited in
several ways, and each edit timed through :func:`generate_instructions` (which also parses and
applies the result to prove it). Rows: one word changed; a word in every fifth paragraph; a
paragraph inserted with the ones after it redesignated, plus a paragraph struck; every paragraph
edited and some rewritten (a "rewritten" section: most units amended to read as follows); the whole
text replaced. Run from the repository root: python benchmarks/amend_generate.py
Goal: under 0.5 s for a rewritten 5,000-word section.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from tracker.adapters.law_sources.markdown_code import read_markdown_section
from tracker.core.amend import LawText, parse_law
from tracker.core.amend.generate import generate_instructions

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "law" / "usc"
GOAL = 0.5


def section_of_5000_words() -> str:
    path = DATA / "title-34" / "section-10381.md"
    extract, _ = read_markdown_section(path.read_text(encoding="utf-8"), source=str(path))
    body = extract.body.rstrip("\n")
    extra = []
    tree = parse_law(body)
    letters = "pqrstuvwxyz"
    for index, node in enumerate(tree.children[: len(letters)]):
        text = body[node.start : node.end]
        extra.append(f"({letters[index]})" + text[len(node.enumerator) + 2 :])
        if len((body + "\n\n" + "\n\n".join(extra)).split()) >= 5000:
            break
    return body + "\n\n" + "\n\n".join(extra) + "\n"


def edits(body: str) -> dict[str, str]:
    paragraphs = body.split("\n\n")

    def every(step: int, change) -> str:  # type: ignore[no-untyped-def]
        return "\n\n".join(change(p) if k % step == 0 else p for k, p in enumerate(paragraphs))

    def swap(paragraph: str) -> str:
        return re.sub(r"\bthe\b", "each", paragraph, count=1)

    def rewrite(paragraph: str) -> str:
        match = re.match(r"(\([^)]*\)\s*)", paragraph)
        head = match.group(1) if match else ""
        return head + "The Attorney General shall carry out this paragraph by rule."

    tree = parse_law(body)
    b = tree.children[1]
    kids = b.children
    inserted = body[: kids[2].end] + "\n\n(3A) to hire civilian analysts;" + body[kids[2].end :]
    structural = inserted.replace(body[kids[5].start - 2 : kids[5].end], "", 1)
    return {
        "one word": body.replace("Attorney General", "Secretary", 1),
        "a word in every 5th paragraph": every(5, swap) + "\n",
        "paragraph inserted, one struck": structural,
        "scattered (every paragraph edited, every 3rd rewritten)": "\n\n".join(
            rewrite(p) if k % 3 == 0 else swap(p) for k, p in enumerate(paragraphs)
        ).rstrip("\n")
        + "\n",
        "rewritten (most paragraphs reworded)": "\n\n".join(
            rewrite(p) if k % 4 else p for k, p in enumerate(paragraphs)
        ).rstrip("\n")
        + "\n",
        "whole text replaced": "(a) The Attorney General shall report.\n\n(b) Annually.\n",
    }


def main() -> None:
    body = section_of_5000_words()
    law = LawText(citation="34 U.S.C. 10381", act_section=None, body=body)
    print(f"law section: {len(body.split())} words, {len(body)} characters")
    print(f"{'edit':58} {'seconds':>8} {'operations':>10}  form")
    worst = 0.0
    for name, edited in edits(body).items():
        goal = name.startswith(("rewritten", "whole", "one word"))
        start = time.perf_counter()
        generated = generate_instructions(law, edited)
        took = time.perf_counter() - start
        worst = max(worst, took) if goal else worst
        operations = sum(len(i.operations) for i in generated.instructions)
        form = "section to read as follows" if generated.rewritten else "amended in place"
        print(f"{name:58} {took:8.3f} {operations:10d}  {form}")
    verdict = "within" if worst < GOAL else "OVER"
    print(
        f"rewritten, replaced and one-word rows: slowest {worst:.3f} s, {verdict} the {GOAL} s goal"
    )


if __name__ == "__main__":
    main()
