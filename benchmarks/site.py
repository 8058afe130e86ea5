"""Benchmark of the site build: full and incremental, beside a plain Sphinx + MyST build.

    python benchmarks/site.py [--provisions 500] [--jobs 1] [--repeat 3] [--no-shipped]

Cases, each built in a fresh temporary directory:

- the shipped package (a copy of provisions/, drafts/, docs/ and conf.py of this repository);
- a generated bill of N provisions (titles of 50 sections, cross-references between neighbours,
  an Order outline with one entry per provision);

and for each, a plain Sphinx + MyST build of the same text (the compiled Markdown of each section as
one page, listed in one toctree, default theme, no billtrack extension) for comparison.
"incremental" is a rebuild after editing one provision's text (a different provision each time,
``--repeat`` times; the best is printed, with every run after it). Every build is a
``billtrack build`` / ``python -m sphinx`` subprocess, so interpreter start-up is included, as a
user would see it. The load average of the machine is printed before and after (the machine may be
shared: compare the ratio to the plain build of the same run).

Targets: issue 6: shipped full < 15 s, incremental < 2 s; 500-provision full < 45 s on 2 cores;
issue 15: 500-provision rebuild after one edit <= 1.5 s. Processes run with their bytecode cached,
as an installed package's are (``PYTHONDONTWRITEBYTECODE`` unset, the cache in the run's folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {
    ("shipped", "full"): 15.0,
    ("shipped", "incremental"): 2.0,
    ("generated", "full"): 45.0,
    ("generated", "incremental"): 1.5,
}


#: The environment of measured processes: bytecode cached, as in an installed package (a machine
#: that sets PYTHONDONTWRITEBYTECODE would otherwise compile every module again at every build,
#: which no user's installed billtrack or Sphinx does); the cache goes under the run's folder.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=ENV)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-2000:] + result.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed


def copy_shipped(target: Path) -> Path:
    root = target / "shipped"
    root.mkdir()
    for name in ("provisions", "drafts", "docs"):
        if (REPO / name).is_dir():
            shutil.copytree(
                REPO / name, root / name, ignore=shutil.ignore_patterns("_generated", "_build")
            )
    shutil.copy(REPO / "conf.py", root / "conf.py")
    return root


def generate_package(target: Path, count: int) -> Path:
    root = target / f"generated-{count}"
    provisions = root / "provisions"
    provisions.mkdir(parents=True)
    titles = []
    ids = [f"section-{n:04d}" for n in range(count)]
    per_title = 50
    for t in range(0, count, per_title):
        chunk = "\n".join(f"      - {pid}" for pid in ids[t : t + per_title])
        titles.append(f"  - title: Title number {t // per_title + 1}\n    contents:\n{chunk}")
    (provisions / "bill.yaml").write_text(
        "official_title: To measure the site build, and for other purposes.\n"
        f"short_title: Benchmark Act of {count} Sections\n"
        "congress: 119\nsession: 2\nchamber: house\nsponsor: null\nstage: introduced\n"
        "enacting_clause: null\nstage_history: []\n"
        "workflow:\n  initial: outline\n  statuses: [outline, drafting, review, cleared, hold, dropped]\n"
        "  done: [cleared]\n  transitions:\n    outline: [drafting, hold, dropped]\n"
        "    drafting: [review, hold, dropped]\n    review: [cleared, drafting, hold, dropped]\n"
        "    cleared: [review, drafting]\n    hold: [drafting, review, dropped]\n"
        "    dropped: [drafting]\n"
        "contents:\n" + "\n".join(titles) + "\n",
        "utf-8",
    )
    entries = "\n".join(
        f'  - {{id: "{n + 1}", label: Sec. {n + 1}., heading: Heading {n + 1}., directive: true, '
        f"officials: [Attorney General], deadline_days: null, recovered: true, "
        f"summary: Directive number {n + 1}.}}"
        for n in range(count // 10)
    )
    (provisions / "order.yaml").write_text(
        "document:\n  title: Benchmark Order\n  kind: Executive Order\n  number: '1'\n"
        "  citation: 1 FR 1\n  date: 2020-01-01\n  published: null\n  url: null\n  note: null\n"
        f"entries:\n{entries}\n",
        "utf-8",
    )
    statuses = ["drafting", "review", "cleared"]
    for n, pid in enumerate(ids):
        other = ids[(n + 7) % count]
        status = statuses[n % 3]
        body = (
            f"(a) In general.—The Attorney General shall carry out the program of section "
            f"{n} in accordance with {{sec}}`{other}(a)` and the requirements of this Act.\n\n"
            "(1) The first requirement applies to every agency that receives a grant.\n\n"
            "(2) The second requirement applies to every agency that does not.\n\n"
            "(b) Reports.—Not later than 1 year after the date of enactment of this Act, the "
            "Attorney General shall submit a report on the program to Congress.\n"
        )
        (provisions / f"{pid}.md").write_text(
            f'---\ntitle: Program number {n}\nimplements: ["{n % (count // 10) + 1}"]\n'
            f"status: {status}\nowner: Owner {n % 7}\n"
            f"summary: Section {n} establishes program number {n}.\nhistory: []\n---\n\n{body}",
            "utf-8",
        )
    return root


def plain_sources(root: Path, target: Path) -> Path:
    """The same text as a plain Sphinx + MyST project: one page per section, one toctree."""
    sys.path.insert(0, str(REPO))
    from tracker.adapters.loader import load_package
    from tracker.core.compile import CompiledBill

    compiled = CompiledBill(load_package(root))
    src = target / f"plain-{root.name}"
    src.mkdir()
    (src / "conf.py").write_text(
        "extensions = ['myst_parser']\nproject = 'plain'\nexclude_patterns = ['_build']\n",
        "utf-8",
    )
    names = []
    for section in compiled.sections:
        name = section.provision.id
        names.append(name)
        text = compiled.section_body(section, markdown=True)
        (src / f"{name}.md").write_text(f"# {section.heading_line}\n\n{text}\n", "utf-8")
    (src / "index.md").write_text(
        "# Plain\n\n```{toctree}\n:maxdepth: 1\n\n" + "\n".join(names) + "\n```\n", "utf-8"
    )
    return src


def edit_one(path: Path) -> None:
    path.write_text(path.read_text("utf-8").rstrip("\n") + " Edited for the benchmark.\n", "utf-8")


def best_of(command: list[str], cwd: Path, files: list[Path], repeat: int) -> tuple[float, str]:
    """The best time of ``repeat`` rebuilds, each after editing the next of ``files``."""
    times = []
    for attempt in range(repeat):
        edit_one(files[(len(files) // 2 + attempt) % len(files)])
        times.append(run(command, cwd))
    return min(times), " ".join(f"{t:.2f}" for t in times)


Row = tuple[str, str, float, str]


def measure(label: str, root: Path, target: Path, jobs: int, repeat: int) -> list[Row]:
    rows: list[Row] = []
    env_jobs = ["--jobs", str(jobs)] if jobs > 1 else []
    cli = [sys.executable, "-c", "from tracker.cli import main; main()"]
    build = [*cli, "build", "--root", str(root), "-q", *env_jobs]
    rows.append((label, "billtrack full", run([*build, "--clean"], root), ""))
    provisions = sorted((root / "provisions").glob("*.md"))
    rows.append((label, "billtrack incremental", *best_of(build, root, provisions, repeat)))
    src = plain_sources(root, target)
    plain = [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-b",
        "html",
        *(["-j", str(jobs)] if jobs > 1 else []),
    ]
    full = run([*plain, "-E", str(src), str(src / "_build")], src)
    rows.append((label, "plain Sphinx+MyST full", full, ""))
    pages = sorted(p for p in src.glob("*.md") if p.name != "index.md")
    again = best_of([*plain, str(src), str(src / "_build")], src, pages, repeat)
    rows.append((label, "plain Sphinx+MyST incremental", *again))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--provisions", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=1, help="Sphinx parallel jobs")
    parser.add_argument("--repeat", type=int, default=3, help="incremental rebuilds (best kept)")
    parser.add_argument("--no-shipped", action="store_true", help="only the generated package")
    args = parser.parse_args()
    rows: list[Row] = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="billtrack-bench-") as tmp:
        target = Path(tmp)
        ENV["PYTHONPYCACHEPREFIX"] = str(target / "pycache")
        if (REPO / "provisions" / "bill.yaml").is_file() and not args.no_shipped:
            rows += measure("shipped", copy_shipped(target), target, args.jobs, args.repeat)
        rows += measure(
            f"{args.provisions} provisions",
            generate_package(target, args.provisions),
            target,
            args.jobs,
            args.repeat,
        )
    load_after = os.getloadavg()
    print(
        f"cores: {os.cpu_count()}, jobs: {args.jobs}, load average before "
        f"{load_before[0]:.2f} after {load_after[0]:.2f}, incremental best of {args.repeat}"
    )
    print(f"| {'package':<16} | {'build':<30} | {'seconds':>8} | {'target':>7} | {'runs':<16} |")
    print(f"|{'-' * 18}|{'-' * 32}|{'-' * 10}|{'-' * 9}|{'-' * 18}|")
    for package, build, seconds, runs in rows:
        kind = "shipped" if package == "shipped" else "generated"
        mode = "full" if "full" in build else "incremental"
        target = TARGETS.get((kind, mode)) if build.startswith("billtrack") else None
        mark = f"<= {target:g}" if target else ""
        print(f"| {package:<16} | {build:<30} | {seconds:8.2f} | {mark:>7} | {runs:<16} |")
    by = {(package, build): seconds for package, build, seconds, _ in rows}
    for package in dict.fromkeys(package for package, *_ in rows):
        for mode in ("full", "incremental"):
            ours = by[(package, f"billtrack {mode}")]
            plain = by[(package, f"plain Sphinx+MyST {mode}")]
            print(f"{package}, {mode}: billtrack / plain Sphinx+MyST = {ours / plain:.2f}")


if __name__ == "__main__":
    main()
