"""Scale: check, status and text (and, with --build, the site build) at 1k, 2k, 5k and 10k
provisions of the shipped kind, with the fitted exponent, beside their targets in the same run.

Each provision is like the shipped ones: a title, the Order sections it implements, a status and
owner, a summary of a sentence or two, a history of three recorded status changes, and a body of a
few hundred words in subsections and paragraphs with a cross-reference to another section. The
bill groups them in titles of 100 sections.

Each command is timed three ways: ``cold``, with the parse cache off (``BILLTRACK_CACHE=off``: every
file read and every check run); ``warm``, with the cache on after one run filled it (the package
unchanged, as when a command follows another); and, for ``check``, ``edited``: after one provision
changed (that file read again, the checks across files run again). The cache goes to a folder of
its own beside the packages.

Run from the repository root:  python benchmarks/scale.py [--sizes 1000,2000,5000,10000]
[--runs 3] [--build] [--keep DIR]. Timings are wall times of the real command (a subprocess), best
of --runs, the sizes interleaved so that load from other processes spreads over all of them; the
exponent is the slope of log(time) on log(size) by least squares.

Targets at 10,000 provisions: check <= 1.5 s, status <= 1.5 s, text <= 2 s; exponent <= 1.1.
The verdict is on the warm times (a command after another on the same package); cold and edited
times are shown beside them. The site build (``--build``, a clean build of each size, once) has the
exponent's target alone: <= 1.1 from 1,000 to 10,000 provisions.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"check": 1.5, "status": 1.5, "text": 2.0}
MAX_EXPONENT = 1.1
PER_TITLE = 100

PROSE = (
    "the Attorney General shall establish and maintain a program under which a State or unit of "
    "local government that receives funds under this section certifies that each law enforcement "
    "agency within its jurisdiction has adopted policies consistent with the standards described "
    "in this Act including standards for the use of force de-escalation training and the "
    "reporting of data to the national database not later than one year after the date of "
    "enactment"
)
WORDS = PROSE.split()

WORKFLOW = """\
workflow:
  initial: outline
  statuses: [outline, drafting, review, cleared, hold, dropped]
  done: [cleared]
  transitions:
    outline: [drafting, hold, dropped]
    drafting: [review, hold, dropped]
    review: [cleared, drafting, hold, dropped]
    cleared: [review, drafting]
    hold: [drafting, review, dropped]
    dropped: [drafting]
"""


def _sentence(seed: int, length: int) -> str:
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words)


def provision_text(index: int, ids: list[str]) -> str:
    """One provision of the shipped kind: front matter with summary and history, ~300 words."""
    ref = ids[(index + 1) % len(ids)]
    history = "\n".join(
        [
            f"  - {{date: 2026-01-{10 + index % 9:02d}, from: outline, to: drafting, "
            f'author: L. Brennan, note: "Opened the section."}}',
            f"  - {{date: 2026-02-{10 + index % 9:02d}, from: drafting, to: review, "
            "author: L. Brennan, note: null}",
            f"  - {{date: 2026-03-{10 + index % 9:02d}, from: review, to: cleared, "
            f'author: K. Donovan, note: "Agreed with the committee."}}',
        ]
    )
    body = [
        f"(a) In General.—{_sentence(index, 45).capitalize()}.",
        f"(b) Conditions.—{_sentence(index + 1, 20).capitalize()} only if—",
        f"(1) {_sentence(index + 2, 30)};",
        f"(2) {_sentence(index + 3, 30)}; and",
        f"(3) the requirements of {{sec}}`{ref}` are met.",
        f"(c) Reports.—{_sentence(index + 4, 60).capitalize()}.",
        f"(d) Definitions.—In this section, the term “covered agency” means "
        f"{_sentence(index + 5, 40)}.",
    ]
    return (
        "---\n"
        f"title: Provision {index + 1}\n"
        'implements: ["1"]\n'
        "status: cleared\n"
        "owner: L. Brennan\n"
        "summary: >-\n"
        f"  {_sentence(index + 6, 25).capitalize()}.\n"
        f"history:\n{history}\n"
        "---\n\n" + "\n\n".join(body) + "\n"
    )


def generate(root: Path, count: int) -> Path:
    """A package of ``count`` provisions at ``root``; returns root."""
    provisions = root / "provisions"
    provisions.mkdir(parents=True, exist_ok=True)
    ids = [f"p{n:05d}" for n in range(count)]
    lines = [
        "official_title: To carry out a generated omnibus, and for other purposes.",
        "short_title: Generated Omnibus Act",
        "chamber: house",
        "stage: discussion",
        WORKFLOW.rstrip(),
        "contents:",
    ]
    for start in range(0, count, PER_TITLE):
        lines += [f"  - title: Title {start // PER_TITLE + 1}", "    contents:"]
        lines += [f"      - {pid}" for pid in ids[start : start + PER_TITLE]]
    (provisions / "bill.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (provisions / "order.yaml").write_text(
        "document: {title: Generated Order, citation: (none)}\n"
        'entries:\n  - {id: "1", heading: Direction., summary: Directs action., directive: true}\n',
        encoding="utf-8",
    )
    for index, pid in enumerate(ids):
        (provisions / f"{pid}.md").write_text(provision_text(index, ids), encoding="utf-8")
    (root / "conf.py").write_text('project = "Scale"\nextensions = ["tracker.sphinx_ext"]\n')
    return root


def _billtrack() -> list[str]:
    found = shutil.which("billtrack")
    return [found] if found else [sys.executable, "-m", "tracker.cli"]


def run_once(args: list[str], root: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [*_billtrack(), *args, "--root", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"billtrack {' '.join(args)} failed: {done.stderr}")
    return elapsed


def edit_one(root: Path, count: int, turn: int) -> None:
    """Change one provision's body (the middle one), differently on each turn."""
    file = root / "provisions" / f"p{count // 2:05d}.md"
    text = file.read_text(encoding="utf-8")
    head, marker, rest = text.partition("(c) Reports.—")
    rest = rest.split(" Edited on turn ", 1)[0].rstrip("\n").rstrip(".")
    file.write_text(f"{head}{marker}{rest}. Edited on turn {turn}.\n", encoding="utf-8")


def exponent(sizes: list[int], times: list[float]) -> float:
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time a clean site build")
    parser.add_argument("--keep", type=Path, default=None, help="generate here and keep it")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    base = options.keep or Path(tempfile.mkdtemp(prefix="billtrack-scale-"))
    commands: dict[str, list[str]] = {
        "check": ["check"],
        "status": ["--no-pager", "status"],
        "text": ["--no-pager", "text"],
    }
    cache = base / "cache"
    cold_env = {**os.environ, "BILLTRACK_CACHE": "off"}
    warm_env = {**os.environ, "BILLTRACK_CACHE": "on", "BILLTRACK_CACHE_DIR": str(cache)}
    originals: dict[Path, bytes] = {}
    try:
        roots = {}
        for size in sizes:
            root = base / f"n{size}"
            if not (root / "provisions" / "bill.yaml").exists():
                generate(root, size)
            roots[size] = root
            edited = root / "provisions" / f"p{size // 2:05d}.md"
            originals[edited] = edited.read_bytes()
        bare = min(_timed([sys.executable, "-c", "pass"]) for _ in range(max(options.runs, 3)))
        best: dict[tuple[str, int], float] = {}

        def keep(key: tuple[str, int], elapsed: float) -> None:
            best[key] = min(best.get(key, math.inf), elapsed)

        for size in sizes:  # fill the cache: the warm runs follow a run on the same package
            for args in commands.values():
                run_once(args, roots[size], warm_env)
        for turn in range(options.runs):  # interleaved: every size and command once per round
            for size in sizes:
                for name, args in commands.items():
                    keep((f"{name} cold", size), run_once(args, roots[size], cold_env))
                    keep((f"{name} warm", size), run_once(args, roots[size], warm_env))
                edit_one(roots[size], size, turn)
                keep(("check edited", size), run_once(commands["check"], roots[size], warm_env))
                run_once(commands["status"], roots[size], warm_env)  # the edit seen by all
                run_once(commands["text"], roots[size], warm_env)
        if options.build:
            for size in sizes:
                out = base / f"site{size}"
                shutil.rmtree(out, ignore_errors=True)
                best[("build", size)] = run_once(
                    ["build", "--clean", "--out", str(out)], roots[size]
                )
        names = [f"{name} {how}" for name in commands for how in ("cold", "warm")]
        names.insert(2, "check edited")
        names += ["build"] if options.build else []
        print(f"python -c pass: {bare:.3f} s (best of {max(options.runs, 3)})")
        print(
            f"{'command':<14}"
            + "".join(f"{size:>10,}" for size in sizes)
            + "   exponent  target (warm)"
        )
        failed = False
        for name in names:
            times = [best[(name, size)] for size in sizes]
            slope = exponent(sizes, times) if len(sizes) > 1 else float("nan")
            command, _, how = name.partition(" ")
            target = TARGETS.get(command) if how == "warm" else None
            verdict = ""
            if name == "build" and len(sizes) > 1:
                ok = slope <= MAX_EXPONENT
                failed |= not ok and 10000 in sizes
                verdict = f"exponent <= {MAX_EXPONENT}: {'ok' if ok else 'MISSED'}"
            elif target is not None and 10000 in sizes:
                ok = best[(name, 10000)] <= target and slope <= MAX_EXPONENT
                failed |= not ok
                verdict = f"<= {target} s at 10k, <= {MAX_EXPONENT}: {'ok' if ok else 'MISSED'}"
            elif target is not None:
                verdict = f"<= {target} s at 10k"
            row = "".join(f"{t:>9.3f}s" for t in times)
            print(f"{name:<14}{row}   {slope:>8.2f}  {verdict}")
        print(f"(best of {options.runs} runs, wall seconds, subprocess; package in {base})")
        if failed:
            raise SystemExit(1)
    finally:
        for file, data in originals.items():
            file.write_bytes(data)
        shutil.rmtree(cache, ignore_errors=True)
        if options.keep is None:
            shutil.rmtree(base, ignore_errors=True)


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
