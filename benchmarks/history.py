"""History speed: `billtrack log ID` of a provision with 1,000 revisions, beside references run in
the same rounds.

Builds a throw-away repository with `git fast-import` (the status fixture package, then one
provision changed in REVISIONS commits: its text every time, its status every tenth), then times,
as processes (a new interpreter each, as a user runs them):

- `python -c pass`: the interpreter start every command pays;
- `git log --format=... -- provisions/reporting.md`: git listing the same commits (the reference);
- `billtrack log reporting`: the target, 0.5 s at 1,000 revisions;
- `billtrack log`: every provision;

and, in process, the two steps billtrack adds to git: listing the revisions with the content of
each version (`file_revisions`: one `git log --raw -z` and one `git cat-file --batch`) and the whole
command through Click's runner (modules already imported).

The commands are run interleaved, one of each per round, so load from other processes spreads over
all of them; best and median of ROUNDS rounds are printed, with the load average.
`billtrack` is the console script installed beside this interpreter (a pyenv shim or other wrapper
found first on PATH is timed on a row of its own when it differs).

Run from the repository root: python benchmarks/history.py [REVISIONS] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "status" / "package"
PROVISION = "reporting"
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


def console_script() -> Path:
    """The ``billtrack`` script pip installed for this interpreter."""
    script = Path(sysconfig.get_path("scripts")) / "billtrack"
    if not script.exists():
        sys.exit(f"{script} is not installed: python3 -m pip install -e .")
    return script


def elapsed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def run(command: list[str], cwd: Path) -> Callable[[], object]:
    return lambda: subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="?", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    options = parser.parse_args()
    revisions = options.revisions
    script = console_script()
    on_path = shutil.which("billtrack")
    from click.testing import CliRunner

    from tracker.adapters.git_repo import file_revisions
    from tracker.cli import cli

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "repo"
        built = elapsed(lambda: build_repository(root, revisions))
        path = [f"provisions/{PROVISION}.md"]
        listed = file_revisions(root, path)[path[0]]
        assert len(listed) == revisions and all(r.data for r in listed), len(listed)
        runner = CliRunner()

        def log_in_process() -> None:
            result = runner.invoke(cli, ["--no-pager", "log", PROVISION, "--root", str(root)])
            assert result.exit_code == 0, result.output

        git_format = "--format=%H%x1f%an%x1f%aI%x1f%s"
        steps: list[tuple[str, Callable[[], object]]] = [
            ("python -c pass", run([sys.executable, "-c", "pass"], root)),
            (
                f"git log {git_format} -- {path[0]}",
                run(["git", "log", git_format, "--", *path], root),
            ),
            (
                f"billtrack log {PROVISION}",
                run([str(script), "--no-pager", "log", PROVISION], root),
            ),
            ("billtrack log (every provision)", run([str(script), "--no-pager", "log"], root)),
        ]
        if on_path and Path(on_path).resolve() != script.resolve():
            steps.append(
                (
                    f"billtrack log {PROVISION} via PATH ({on_path})",
                    run([on_path, "--no-pager", "log", PROVISION], root),
                )
            )
        steps += [
            ("in process: file_revisions, contents", lambda: file_revisions(root, path)),
            (f"in process: billtrack log {PROVISION} (CliRunner)", log_in_process),
        ]
        samples: dict[str, list[float]] = {name: [] for name, _ in steps}
        for _ in range(options.rounds):
            for name, step in steps:
                samples[name].append(elapsed(step))
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(
        f"billtrack log of a provision with {revisions:,} revisions "
        f"(repository built in {built:.1f} s); load average {load}; {os.cpu_count()} CPUs"
    )
    print(f"{options.rounds} rounds, interleaved; billtrack = {script}\n")
    width = max(len(name) for name in samples)
    bare = min(samples["python -c pass"])
    print(f"{'step':<{width}}  best s  median s  x python -c pass")
    print(f"{'-' * width}  ------  --------  ----------------")
    for name, times in samples.items():
        best = min(times)
        ratio = f"{best / bare:10.1f}" if not name.startswith("in process") else ""
        print(f"{name:<{width}}  {best:6.3f}  {statistics.median(times):8.3f}  {ratio}")
    command = min(samples[f"billtrack log {PROVISION}"])
    git_log = min(samples[f"git log {git_format} -- {path[0]}"])
    verdict = "ok" if command <= GOAL else "MISSED"
    print(
        f"\ngoal: billtrack log {PROVISION} <= {GOAL} s at 1,000 revisions: best {command:.3f} s, "
        f"{verdict} ({command / git_log:.1f}x git log, {command - bare:.3f} s over a bare start)"
    )


if __name__ == "__main__":
    main()
