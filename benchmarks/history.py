"""History speed: `billtrack log ID` of a provision with 1,000 revisions.

Builds a throw-away repository in a temporary directory with `git fast-import` (one provision changed
in 1,000 commits: its text, and every tenth commit its status), then times:

- listing the revisions (one `git log`),
- listing them and reading every version of the file through one long-lived `git cat-file --batch`,
- the same reads with GitPython walking each commit's tree (what the batch reader replaces),
- `billtrack log ID` in process (load the package, read the history, merge, render),
- `billtrack log ID` as a command (a new interpreter included).

Prints a table of median wall times. Goal: `billtrack log` under 0.5 s.
Run from the repository root: python benchmarks/history.py [REVISIONS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "status" / "package"
PROVISION = "reporting"
RUNS = 5
GOAL = 0.5
STATUSES = ("drafting", "review", "cleared", "review")


def revision_text(n: int) -> bytes:
    status = STATUSES[(n // 10) % len(STATUSES)]
    return (
        "---\n"
        "title: Reports by grantees\n"
        'implements: ["2(b)"]\n'
        f"status: {status}\n"
        "owner: M. Chen\n"
        "summary: Section 102 requires reports.\n"
        "---\n\n"
        f"(a) In general.—Each grantee shall report to the Attorney General every {n + 1} days.\n\n"
        f"(b) Contents.—Each report shall describe revision {n} of the grantee's program.\n"
    ).encode()


def build_repository(root: Path, revisions: int) -> None:
    """The fixture package, then ``revisions`` commits of provisions/reporting.md, by fast-import."""
    shutil.copytree(FIXTURE, root)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=env)
    stream = bytearray()
    base = 1_767_225_600  # 2026-01-01 UTC
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "provisions").iterdir())
    }
    for n in range(revisions):
        when = base + n * 3600
        stream += b"commit refs/heads/main\n"
        stream += f"committer Bench Author <bench@example.org> {when} +0000\n".encode()
        message = f"Revision {n} of {PROVISION}".encode()
        stream += b"data %d\n%s\n" % (len(message), message)
        changed = files if n == 0 else {f"provisions/{PROVISION}.md": b""}
        for path in changed:
            data = revision_text(n) if path.endswith(f"{PROVISION}.md") else files[path]
            stream += f"M 100644 inline {path}\n".encode() + b"data %d\n" % len(data) + data + b"\n"
        stream += b"\n"
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True, env=env
    )
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True, env=env)


def median(function: Callable[[], object]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def tree_walk_reads(root: Path) -> int:
    """Every version of the file by walking each commit's tree with GitPython (the slow way)."""
    from git import Repo

    with Repo(root) as repo:
        count = 0
        for commit in repo.iter_commits(paths=f"provisions/{PROVISION}.md"):
            blob = commit.tree / "provisions" / f"{PROVISION}.md"
            count += len(blob.data_stream.read())
        return count


def main() -> None:
    revisions = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    billtrack = shutil.which("billtrack")
    if billtrack is None:
        sys.exit("billtrack is not installed: python3 -m pip install -e .")
    from click.testing import CliRunner

    from tracker.adapters.git_repo import file_revisions
    from tracker.cli import cli

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "repo"
        start = time.perf_counter()
        build_repository(root, revisions)
        built = time.perf_counter() - start
        path = [f"provisions/{PROVISION}.md"]
        listed = file_revisions(root, path, contents=False)[path[0]]
        assert len(listed) == revisions, len(listed)
        runner = CliRunner()

        def log_in_process() -> None:
            result = runner.invoke(cli, ["log", PROVISION, "--root", str(root)])
            assert result.exit_code == 0, result.output

        command = [billtrack, "log", PROVISION, "--root", str(root)]
        rows = [
            (
                "git log: list the revisions",
                median(lambda: file_revisions(root, path, contents=False)),
            ),
            (
                "git log + cat-file --batch: read every version",
                median(lambda: file_revisions(root, path)),
            ),
            ("GitPython tree walk: read every version", median(lambda: tree_walk_reads(root))),
            ("billtrack log ID, in process", median(log_in_process)),
            (
                "billtrack log ID, as a command",
                median(lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL)),
            ),
        ]
    print(
        f"billtrack log of a provision with {revisions:,} revisions (repository built in {built:.1f} s)"
    )
    print(f"median of {RUNS} runs\n")
    width = max(len(name) for name, _ in rows)
    print(f"{'step':<{width}}  seconds  per revision")
    print(f"{'-' * width}  -------  ------------")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.3f}  {seconds / revisions * 1e6:8.0f} µs")
    walk, batch = rows[2][1], rows[1][1]
    print(
        f"\ncat-file --batch is {walk / batch:.1f}x faster than the tree walk for reading versions"
    )
    command_time = rows[4][1]
    verdict = "ok" if command_time < GOAL else "SLOWER THAN THE GOAL"
    print(f"goal: billtrack log under {GOAL} s as a command: {command_time:.3f} s, {verdict}")


if __name__ == "__main__":
    main()
