"""Amendatory instructions: parse a bill's instructions and report them; apply H.R. 7120; time amend.

For each bill (imported first with `billtrack import` into a temporary package, not timed), times
reading every provision's instructions and formatting a one-line report per instruction, and counts
how many parse; then times the whole of `billtrack amend` after loading (apply to the package's law/,
build the comparative print, render JSON) and counts the outcomes (the imported bills have no law/,
so their instructions are `no-law`). Then applies H.R. 7120's instructions to the Code sections saved
in ../shared/data/law (usc-2020, the text the bill was written against, and usc, today's) and prints
one row per instruction, and times `billtrack amend` on the shipped package (in process, and the
command end to end). Run from the repository root:
python benchmarks/amend.py [--all | BILL ...]   (--all: every USLM bill in ../shared/data/bills)
Goals: parse + report of hr2029-114/enr.xml (4.2 MB, the omnibus) under 2 s; amend on the shipped
package under 0.5 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker.adapters.law_sources.markdown_code import read_markdown_section
from tracker.adapters.loader import load_package
from tracker.core.amend import (
    LawText,
    Status,
    amend_package,
    apply_instructions,
    parse_provisions,
)
from tracker.render.comparative_json import render_json
from tracker.render.comparative_model import comparative_print

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


def timed_amend(package) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """``billtrack amend --format json`` after loading: apply, model, render."""
    start = time.perf_counter()
    result = amend_package(package)
    render_json(comparative_print(package, result))
    return time.perf_counter() - start, result.summary


def main(bills: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"{'bill':24} {'provisions':>10} {'instructions':>12} {'parsed':>7} {'unparsed':>8} "
            f"{'parse+report s':>14} {'applied':>7} {'failed':>6} {'no-law':>6} {'amend s':>8}"
        )
        packages = {}
        totals = [0, 0, 0]
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
            amend_s, summary = timed_amend(package)
            totals[0] += len(instructions)
            totals[1] += len(instructions) - unparsed
            totals[2] += unparsed
            print(
                f"{bill:24} {len(provisions):>10} {len(report):>12} "
                f"{len(instructions) - unparsed:>7} {unparsed:>8} {elapsed:>14.3f} "
                f"{summary.applied:>7} {summary.failed:>6} {summary.no_law:>6} {amend_s:>8.3f}"
            )
        share = f"{totals[1] / totals[0]:.1%}" if totals[0] else "-"
        print(
            f"{'total':24} {'':>10} {totals[0]:>12} {totals[1]:>7} {totals[2]:>8}   ({share} parse)"
        )
        shipped()
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


def shipped() -> None:
    """`billtrack amend` on the shipped package: in process after loading, and end to end."""
    package = load_package(REPO)
    amend_s, summary = timed_amend(package)
    start = time.perf_counter()
    subprocess.run(
        ["billtrack", "amend", "--root", str(REPO), "--format", "json"],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    command_s = time.perf_counter() - start
    print(
        f"\nshipped package: amend {amend_s:.3f} s after loading, 'billtrack amend' {command_s:.3f} s "
        f"end to end (goal 0.5 s): {summary}"
    )


def every_uslm_bill() -> list[str]:
    xml = sorted(str(p.relative_to(DATA / "bills")) for p in (DATA / "bills").glob("*/*.xml"))
    return [*xml, "hr7120-116/ih.txt"]


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(every_uslm_bill() if arguments == ["--all"] else arguments or BILLS)
