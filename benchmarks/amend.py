"""Amendatory instructions: parse a bill's instructions and report them; apply H.R. 7120.

For each bill (imported first with `billtrack import` into a temporary package, not timed), times
reading every provision's instructions and formatting a one-line report per instruction, and counts
how many parse. Then applies H.R. 7120's instructions to the Code sections saved in
../shared/data/law (usc-2020, the text the bill was written against, and usc, today's) and prints one
row per instruction. Run from the repository root: python benchmarks/amend.py [BILL ...]
Goal: parse + report of hr2029-114/enr.xml (4.2 MB, the omnibus) far under 2 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker.adapters.law_sources.markdown_code import read_markdown_section
from tracker.adapters.loader import load_package
from tracker.core.amend import LawText, Status, apply_instructions, parse_provisions

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
BILLS = [
    "hr2029-114/enr.xml",
    "hr1-116/rh.xml",
    "hr3-116/rh.xml",
    "s1325-118/rs.xml",
    "hr7120-116/ih.txt",
]
OMNIBUS_ACT = "of title I of the Omnibus Crime Control and Safe Streets Act of 1968"
ACT_SECTIONS = {
    "34 U.S.C. 10381": f"section 1701 {OMNIBUS_ACT}",
    "34 U.S.C. 10389": f"section 1709 {OMNIBUS_ACT}",
    "34 U.S.C. 10152": f"section 501 {OMNIBUS_ACT}",
    "34 U.S.C. 10153": f"section 502 {OMNIBUS_ACT}",
    "34 U.S.C. 12601": "section 210401 of the Violent Crime Control and Law Enforcement Act of 1994",
    "42 U.S.C. 1983": "section 1979 of the Revised Statutes of the United States",
    "21 U.S.C. 879": "section 509 of the Controlled Substances Act",
}


def imported(bill: str, into: Path) -> Path:
    target = into / bill.replace("/", "-")
    subprocess.run(
        ["billtrack", "import", str(DATA / "bills" / bill), "--to", str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return target


def law_texts(folder: Path) -> dict[str, LawText]:
    laws = {}
    for path in sorted(folder.glob("title-*/section-*.md")):
        extract, _ = read_markdown_section(path.read_text(encoding="utf-8"), source=str(path))
        laws[extract.citation] = LawText(
            citation=extract.citation,
            act_section=ACT_SECTIONS.get(extract.citation),
            body=extract.body,
        )
    return laws


def main(bills: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"{'bill':24} {'provisions':>10} {'instructions':>12} {'parsed':>7} {'unparsed':>8} {'seconds':>8}"
        )
        packages = {}
        for bill in bills:
            package = load_package(imported(bill, Path(tmp)))
            packages[bill] = package
            provisions = package.ordered_provisions()
            start = time.perf_counter()
            instructions = parse_provisions(provisions)
            report = [
                f"{i.path}:{i.line} {i.id} {i.status.value} {i.citation} {i.message}"
                for i in instructions
            ]
            elapsed = time.perf_counter() - start
            unparsed = sum(1 for i in instructions if i.status is Status.UNPARSED)
            print(
                f"{bill:24} {len(provisions):>10} {len(report):>12} "
                f"{len(instructions) - unparsed:>7} {unparsed:>8} {elapsed:>8.3f}"
            )
        bill7120 = "hr7120-116/ih.txt"
        if bill7120 not in packages:
            return
        instructions = parse_provisions(packages[bill7120].ordered_provisions())
        for folder in ("usc-2020", "usc"):
            laws = law_texts(DATA / "law" / folder)
            start = time.perf_counter()
            result = apply_instructions(instructions, laws)
            elapsed = time.perf_counter() - start
            print(f"\nH.R. 7120 against law/{folder} ({elapsed:.3f} s): {result.summary}")
            for item in result.results:
                message = item.message + (f" [{item.suggestion}]" if item.suggestion else "")
                print(f"  {item.status.value:8} {item.instruction.id:62} {message}")


if __name__ == "__main__":
    main(sys.argv[1:] or BILLS)
