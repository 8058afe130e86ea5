"""Import speed and memory: the two omnibus appropriations acts and the two policing bills.

Each import runs in a fresh interpreter (so peak memory is that import's own), timed in three
steps: reading the source into records, writing the package, and loading it back through the loader
with ``billtrack check``'s rules and compiling its plain text (what the import report needs). Peak
memory is the child process's maximum resident set size. Beside them, in the same run: the
reference, parsing the XML with lxml alone (for a text bill, reading and decoding it), in a child
of its own; and the whole ``billtrack import`` command as a user runs it (start-up, report and
all), its wall time and peak memory. Prints a table; the median of RUNS runs.

Processes run with their bytecode cached (``PYTHONDONTWRITEBYTECODE`` unset, the cache under a
temporary ``PYTHONPYCACHEPREFIX``, compiled by a first run that is not counted), as an installed
package runs. Each timed process starts after ``sync`` and a pause of SETTLE seconds, and no run's
packages are deleted before the benchmark ends: thousands of files written or deleted a moment
earlier (which no user's import follows) leave the disk writing them out, or discarding the freed
blocks, after ``sync`` returns, and made file creation up to 20 times slower here.

Run from the repository root: python benchmarks/import.py
Targets (issue 15): the 4.2 MB omnibus act (hr2029-114/enr.xml) imports, as a command, in at most
1.5 s and 150 MB; every omnibus act in under 10 s and 1 GB. The streamed import of a 200 MB file is
benchmarks/import_stream.py.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_BILLS = REPO.parent / "shared" / "data" / "bills"
SOURCES = ["hr2029-114/enr.xml", "hr1865-116/eah.xml", "hr7120-116/ih.txt", "hr1280-117/ih.txt"]
RUNS = 3
OMNIBUS = "hr2029-114/enr.xml"
COMMAND_SECONDS, COMMAND_MB = 1.5, 150
#: Seconds to wait after ``sync`` before a timed process, for the disk to finish what it was doing.
SETTLE = 2.0

PARSE = r"""
import json, resource, sys, time
from pathlib import Path
source = Path(sys.argv[1])
start = time.perf_counter()
data = source.read_bytes()
if source.suffix == ".xml":
    from lxml import etree
    etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
else:
    data.decode("utf-8")
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from tracker.adapters.package_writer import plan_package, read_source, write_package
from tracker.adapters.loader import load_files
from tracker.core.compile import render_plain
from tracker.core.import_report import build_report

source, target = Path(sys.argv[1]), Path(sys.argv[2])
start = time.perf_counter()
imported = read_source(source)
read = time.perf_counter()
plan = plan_package(imported)
write_package(plan.files, target)
written = time.perf_counter()
package = load_files({n: t.encode("utf-8") for n, t in plan.files.items()}, label="worktree")
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


#: The environment of measured processes: bytecode cached, as in an installed package.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def settle() -> None:
    """Let the disk finish writing out (and discarding) what runs before this one left it."""
    os.sync()
    time.sleep(SETTLE)


def run_once(source: Path, outputs: Path) -> dict[str, float]:
    folder = tempfile.mkdtemp(dir=outputs)
    settle()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(source), str(Path(folder) / "pkg")],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    run = json.loads(out.stdout)
    parse = subprocess.run(
        [sys.executable, "-c", PARSE, str(source)],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    run["parse"] = json.loads(parse.stdout)["seconds"]
    run["command"], run["command_mb"] = run_command(source, Path(folder) / "cli")
    return run


def run_command(source: Path, target: Path) -> tuple[float, float]:
    """``billtrack import SOURCE --to TARGET`` as a user runs it: wall time and peak memory."""
    billtrack = Path(sys.executable).with_name("billtrack")
    command = [str(billtrack)] if billtrack.exists() else [sys.executable, "-m", "tracker.cli"]
    settle()
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "import", str(source), "--to", str(target), "--format", "json"],
        cwd=REPO,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: the report lists errors 'billtrack check' finds
        raise SystemExit(f"billtrack import {source} failed ({process.returncode})")
    return seconds, usage.ru_maxrss / 1024


def main() -> int:
    if not SHARED_BILLS.is_dir():
        print(f"{SHARED_BILLS} is absent: nothing to measure", file=sys.stderr)
        return 1
    cache = tempfile.TemporaryDirectory()
    outputs = tempfile.TemporaryDirectory()  # every run's packages, deleted when all are measured
    ENV["PYTHONPYCACHEPREFIX"] = cache.name
    run_once(
        SHARED_BILLS / SOURCES[-1], Path(outputs.name)
    )  # compiles the modules into the cache; not counted
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {RUNS} runs, "
        f"load average {os.getloadavg()[0]:.2f}\n"
    )
    header = (
        f"{'source':<20} {'MB':>5} {'words':>8} {'sections':>8} {'files':>6} {'parse s':>7} "
        f"{'read s':>7} {'write s':>7} {'check s':>7} {'total s':>7} {'peak MB':>8} "
        f"{'command s':>9} {'cmd MB':>7} {'fidelity':>8}"
    )
    print(header)
    print("-" * len(header))
    failures = []
    results = {}
    for name in SOURCES:
        source = SHARED_BILLS / name
        runs = [run_once(source, Path(outputs.name)) for _ in range(RUNS)]

        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(run[key] for run in runs)

        results[name] = {key: median(key) for key in runs[0] if isinstance(runs[0][key], float)}
        first = runs[0]
        size = source.stat().st_size / 1e6
        print(
            f"{name:<20} {size:>5.1f} {first['words']:>8,.0f} {first['sections']:>8,.0f} "
            f"{first['provisions']:>6,.0f} {median('parse'):>7.2f} {median('read'):>7.2f} "
            f"{median('write'):>7.2f} {median('check'):>7.2f} {median('total'):>7.2f} "
            f"{median('peak_mb'):>8.0f} {median('command'):>9.2f} {median('command_mb'):>7.0f} "
            f"{first['fidelity'] * 100:>7.2f}%"
        )
        if name.endswith(".xml") and (median("total") >= 10 or median("peak_mb") >= 1024):
            failures.append(name)
    omnibus = results[OMNIBUS]
    print(
        f"\n{OMNIBUS}: the command takes {omnibus['command']:.2f} s = "
        f"{omnibus['command'] / omnibus['parse']:.0f}x the lxml parse alone "
        f"({omnibus['parse']:.2f} s); reading {omnibus['read']:.2f} s, writing "
        f"{omnibus['write']:.2f} s, loading back (check and text) {omnibus['check']:.2f} s; "
        f"peak {omnibus['command_mb']:.0f} MB"
    )
    met = omnibus["command"] <= COMMAND_SECONDS and omnibus["command_mb"] <= COMMAND_MB
    print(
        f"target (issue 15): {OMNIBUS} in at most {COMMAND_SECONDS} s and {COMMAND_MB} MB:",
        "met" if met else "MISSED",
    )
    print("target: every omnibus act under 10 s and under 1,024 MB:", end=" ")
    print("met" if not failures else f"MISSED by {', '.join(failures)}")
    return 1 if failures or not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
