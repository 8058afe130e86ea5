"""CLI speed: `billtrack --help`, `check` and `text` beside a bare interpreter start, in one run.

Prints a table of median wall times (seconds) and ratios to `python -c pass`, plus `billtrack check`
on a generated bill of 2,000 provisions. Run from the repository root: python benchmarks/cli_speed.py
Goals: --help under 0.3 s and within 4x of a bare start; check of 2,000 provisions under 2 s.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNS = 7


def timed(command: list[str], cwd: Path) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def generate_bill(root: Path, count: int) -> None:
    provisions = root / "provisions"
    provisions.mkdir(parents=True)
    titles = count // 100
    lines = ["official_title: A generated bill.", "stage: discussion", "contents:"]
    for title in range(titles):
        lines += [f"  - title: Title {title + 1}", "    contents:"]
        lines += [f"      - p{title}-{n}" for n in range(100)]
    (provisions / "bill.yaml").write_text("\n".join(lines) + "\n")
    (provisions / "order.yaml").write_text(
        'document: {title: T, citation: C}\nentries:\n  - {id: "1", summary: s, directive: true}\n'
    )
    for title in range(titles):
        for n in range(100):
            ref = f"p{title}-{(n + 1) % 100}"
            body = (
                f"(a) In general.—The Attorney General shall act under {{sec}}`{ref}(b)(1)`.\n\n"
                "(b) Conditions.—A grant may be made only if—\n\n(1) the applicant applies; and\n\n"
                "(2) the applicant certifies compliance.\n"
            )
            (provisions / f"p{title}-{n}.md").write_text(
                f'---\ntitle: Section {n}\nimplements: ["1"]\nstatus: cleared\nsummary: Does things.\n'
                f"---\n\n{body}"
            )


def main() -> None:
    billtrack = shutil.which("billtrack")
    if billtrack is None:
        sys.exit("billtrack is not installed: python3 -m pip install -e .")
    rows = []
    bare = timed([sys.executable, "-c", "pass"], REPO)
    rows.append(("python -c pass", bare))
    rows.append(("billtrack --help", timed([billtrack, "--help"], REPO)))
    rows.append(("billtrack check (shipped)", timed([billtrack, "check"], REPO)))
    rows.append(("billtrack text (shipped)", timed([billtrack, "text"], REPO)))
    with tempfile.TemporaryDirectory() as temp:
        generate_bill(Path(temp), 2000)
        rows.append(
            (
                "billtrack check (2,000 provisions)",
                timed([billtrack, "check", "--root", temp], REPO),
            )
        )
        rows.append(
            ("billtrack text (2,000 provisions)", timed([billtrack, "text", "--root", temp], REPO))
        )
    print(f"{'command':<38} {'median s':>9} {'x bare':>8}")
    print("-" * 57)
    for name, seconds in rows:
        print(f"{name:<38} {seconds:>9.3f} {seconds / bare:>8.1f}")


if __name__ == "__main__":
    main()
