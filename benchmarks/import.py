"""Import speed and memory: the two omnibus appropriations acts and the two policing bills.

Each import runs in a fresh interpreter (so peak memory is that import's own), timed in three
steps: reading the source into records, writing the package, and loading it back through the loader
with ``billtrack check``'s rules and compiling its plain text (what the import report needs). Peak
memory is the child process's maximum resident set size. Prints a table; the median of RUNS runs.

Run from the repository root: python benchmarks/import.py
Targets: each omnibus act in under 10 s and under 1 GB (on 2 cores).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_BILLS = REPO.parent / "shared" / "data" / "bills"
SOURCES = ["hr2029-114/enr.xml", "hr1865-116/eah.xml", "hr7120-116/ih.txt", "hr1280-117/ih.txt"]
RUNS = 3

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from tracker.adapters.package_writer import plan_package, read_source, write_package
from tracker.adapters.loader import load_package
from tracker.core.compile import render_plain
from tracker.core.import_report import build_report

source, target = Path(sys.argv[1]), Path(sys.argv[2])
start = time.perf_counter()
imported = read_source(source)
read = time.perf_counter()
plan = plan_package(imported)
write_package(plan.files, target)
written = time.perf_counter()
package = load_package(target)
report = build_report(imported, plain_text=render_plain(package), findings=package.findings)
checked = time.perf_counter()
print(json.dumps({
    "read": read - start, "write": written - read, "check": checked - written,
    "total": checked - start, "sections": sum(1 for _ in imported.sections()),
    "provisions": len(plan.provisions), "words": report.fidelity.source_words,
    "fidelity": report.fidelity.share,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def run_once(source: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(source), str(Path(folder) / "pkg")],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout)


def main() -> int:
    if not SHARED_BILLS.is_dir():
        print(f"{SHARED_BILLS} is absent: nothing to measure", file=sys.stderr)
        return 1
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {RUNS} runs\n")
    header = (
        f"{'source':<20} {'MB':>5} {'words':>8} {'sections':>8} {'files':>6} "
        f"{'read s':>7} {'write s':>7} {'check s':>7} {'total s':>7} {'peak MB':>8} {'fidelity':>8}"
    )
    print(header)
    print("-" * len(header))
    failures = []
    for name in SOURCES:
        source = SHARED_BILLS / name
        runs = [run_once(source) for _ in range(RUNS)]

        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(run[key] for run in runs)

        first = runs[0]
        size = source.stat().st_size / 1e6
        print(
            f"{name:<20} {size:>5.1f} {first['words']:>8,.0f} {first['sections']:>8,.0f} "
            f"{first['provisions']:>6,.0f} {median('read'):>7.2f} {median('write'):>7.2f} "
            f"{median('check'):>7.2f} {median('total'):>7.2f} {median('peak_mb'):>8.0f} "
            f"{first['fidelity'] * 100:>7.2f}%"
        )
        if name.endswith(".xml") and (median("total") >= 10 or median("peak_mb") >= 1024):
            failures.append(name)
    print("\ntargets (omnibus acts): under 10 s and under 1,024 MB each:", end=" ")
    print("met" if not failures else f"MISSED by {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
