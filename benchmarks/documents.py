"""Benchmark the documents that circulate (issue 13) against the engine's plain-text path.

Cases, each in its own process (wall time of the work alone, best of ``--repeat``; peak memory of
the whole process):

(a) the shipped bill as a PDF (typst) and as Word, against ``billtrack text --format plain``'s
    renderer on the same package;
(b) the shipped drafts' redline (discussion draft -> working tree) as a PDF and as Word tracked
    changes, against the same redline rendered as Markdown;
(c) a generated 1,000,000-word bill against the same kind of edits as ``benchmarks/redline.py``
    (d), as Word tracked changes, against the same redline rendered as Markdown. The redline itself
    is computed once, before the clock starts, in each process.

Targets: (a) PDF under 3 s; (c) docx under 10 s and under 500 MB. Run from the repository root:

    python benchmarks/documents.py [--repeat 3] [--words 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TODAY = dt.date(2026, 6, 1)
CASES = {
    "bill-plain": "(a) bill, plain text (reference)",
    "bill-pdf": "(a) bill, PDF",
    "bill-docx": "(a) bill, Word",
    "drafts-md": "(b) drafts redline, Markdown (reference)",
    "drafts-pdf": "(b) drafts redline, PDF",
    "drafts-docx": "(b) drafts redline, Word tracked changes",
    "big-md": "(c) 1M-word redline, Markdown (reference)",
    "big-docx": "(c) 1M-word redline, Word tracked changes",
}


def prepare(case: str, words: int):  # type: ignore[no-untyped-def]
    """The input of a case, built before timing, and the function to time on it."""
    if case.startswith("bill-"):
        from tracker.adapters.loader import load_package

        package = load_package(REPO)
        if case == "bill-plain":
            from tracker.core.compile import render_plain

            return lambda: render_plain(package).encode("utf-8")
        if case == "bill-pdf":
            from tracker.render.pdf_bill import render_bill_pdf

            return lambda: render_bill_pdf(package, today=TODAY)
        from tracker.render.docx_bill import render_bill_docx

        return lambda: render_bill_docx(package, today=TODAY)
    if case.startswith("drafts-"):
        from tracker.adapters.versions import compare_versions

        redline = compare_versions("discussion-draft", "worktree", root=REPO)
    else:
        from benchmarks.redline import edit_bill, generate_bill
        from tracker.core.redline import compare_units
        from tracker.core.text_units import split_text

        text = generate_bill(words, seed=7)
        redline = compare_units(
            split_text(text), split_text(edit_bill(text, seed=8)), old_label="old", new_label="new"
        )
    if case.endswith("-md"):
        from tracker.render.redline_markdown import render_markdown

        shown = redline.for_display()
        return lambda: render_markdown(shown).encode("utf-8")
    if case.endswith("-pdf"):
        from tracker.render.pdf_redline import render_redline_pdf

        shown = redline.for_display()
        return lambda: render_redline_pdf(shown, today=TODAY)
    from tracker.render.docx_redline import render_redline_docx

    return lambda: render_redline_docx(redline)


def run_case(case: str, repeat: int, words: int) -> dict[str, float]:
    work = prepare(case, words)
    best = float("inf")
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(work())
        best = min(best, time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": best, "bytes": size, "peak_mb": peak_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--case", choices=sorted(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.repeat, args.words)))
        return
    print(f"{'case':<44} {'seconds':>8} {'size KB':>9} {'peak MB':>8} {'x ref':>7}")
    reference = 0.0
    for case, label in CASES.items():
        repeat = 1 if case.startswith("big-") else args.repeat
        command = [sys.executable, __file__, "--case", case, "--repeat", str(repeat)]
        command += ["--words", str(args.words)]
        result = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
        if "reference" in label:
            reference = result["seconds"]
        ratio = result["seconds"] / reference if reference else 0.0
        print(
            f"{label:<44} {result['seconds']:>8.3f} {result['bytes'] / 1024:>9.0f} "
            f"{result['peak_mb']:>8.0f} {ratio:>7.1f}"
        )
    print("targets: bill PDF < 3 s; 1M-word redline as Word < 10 s and < 500 MB peak")


if __name__ == "__main__":
    main()
