"""CLI speed: `billtrack --help` and `billtrack CMD --help` beside a bare `python -c pass` in the same
environment and the same rounds, against the target (at most 3x the bare start), here and in a clean
virtual environment holding only click and tracker (a bare start there is cheaper, so every import
weighs more); then `check` and `text` on the shipped package and on a generated bill of 2,000
provisions.

`billtrack` is timed as a user runs it: the console script pip installed beside this interpreter
(its text is checked for pkg_resources or importlib.metadata, which a generated script may use to
find the entry point, at a cost on every start). When the first `billtrack` on PATH is another file
(a pyenv shim, a wrapper), it is timed too, beside `python` found on PATH the same way.

Commands run interleaved, one of each per round, so load from other processes spreads over all of
them; the best of the rounds is compared (the median is shown), with the load average.

Run from the repository root: python benchmarks/cli_speed.py [--rounds N] [--startup-only]
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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = 3.0  # --help at most this many times a bare `python -c pass`
SUBCOMMANDS = ("status", "log", "diff", "check", "build", "import")


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


def console_script() -> Path:
    script = Path(sysconfig.get_path("scripts")) / "billtrack"
    if not script.exists():
        sys.exit(f"{script} is not installed: python3 -m pip install -e .")
    return script


def describe_script(script: Path) -> str:
    text = script.read_text(encoding="utf-8", errors="replace")
    finders = [name for name in ("pkg_resources", "importlib.metadata") if name in text]
    how = f"uses {' and '.join(finders)}" if finders else "imports tracker.cli directly"
    return f"{script} ({how}; {text.splitlines()[0] if text else 'empty'})"


def extra_modules(script: Path) -> list[str]:
    """The modules `billtrack --help` holds that `python -c pass` does not (both through the same
    harness, so only the script's own imports differ)."""
    run = "runpy.run_path(sys.argv[0], run_name='__main__')"

    def modules(statement: str) -> set[str]:
        code = (
            "import contextlib, io, pkgutil, runpy, sys\n"
            f"sys.argv = [{str(script)!r}, '--help']\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            f"        {statement}\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print(' '.join(sorted(sys.modules)))\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        return set(done.stdout.split())

    return sorted(modules(run) - modules("pass"))


def wrapped_commands(script: Path) -> tuple[str, str] | None:
    """``billtrack`` and ``python`` as a shell finds them, when that is a wrapper rather than the
    script itself (pyenv's shims: pyenv puts the real folder first on PATH for this process)."""
    shims = Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser() / "shims"
    billtrack = shims / "billtrack" if (shims / "billtrack").exists() else None
    found = shutil.which("billtrack")
    if billtrack is None and found and Path(found).resolve() != script.resolve():
        billtrack = Path(found)
    python = shims / "python" if billtrack and billtrack.parent == shims else shutil.which("python")
    return (str(billtrack), str(python)) if billtrack and python else None


def measure(rows: list[tuple[str, list[str]]], rounds: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name, _ in rows}
    for _ in range(rounds):
        for name, command in rows:
            start = time.perf_counter()
            subprocess.run(
                command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            samples[name].append(time.perf_counter() - start)
    return samples


def report(samples: dict[str, list[float]], bare_name: str, *, targets: bool) -> dict[str, bool]:
    """Print the rows; for each --help row (with ``targets``), whether it meets the target."""
    bare = min(samples[bare_name])
    width = max(len(name) for name in samples)
    print(f"{'command':<{width}}  best s  median s  x bare  target")
    print(f"{'-' * width}  ------  --------  ------  ------")
    met: dict[str, bool] = {}
    for name, times in samples.items():
        best = min(times)
        ratio = best / bare
        verdict = ""
        if targets and "--help" in name:
            met[name] = ratio <= TARGET
            verdict = f"<= {TARGET:.0f}x: {'ok' if met[name] else 'MISSED'}"
        print(
            f"{name:<{width}}  {best:6.3f}  {statistics.median(times):8.3f}  {ratio:6.1f}  {verdict}"
        )
    return met


def clean_environment(folder: Path, script: Path) -> tuple[str, str] | None:
    """A virtual environment holding only click and tracker (linked from this one, found through a
    .pth file) and a copy of the console script: a bare start without this environment's other
    .pth files (an editable install's finder, site customisations), as on a fresh install. Its
    python and billtrack, or None when venv is not available."""
    import click

    import tracker

    venv = folder / "venv"
    made = subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], capture_output=True
    )
    python = venv / "bin" / "python"
    if made.returncode != 0 or not python.exists():
        return None
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    lib = folder / "lib"
    lib.mkdir()
    for module in (click, tracker):
        (lib / module.__name__).symlink_to(Path(module.__file__).parent)
    (Path(purelib) / "billtrack-bench.pth").write_text(f"{lib}\n")
    body = script.read_text(encoding="utf-8").split("\n", 1)[1]
    billtrack = venv / "bin" / "billtrack"
    billtrack.write_text(f"#!{python}\n{body}", encoding="utf-8")
    billtrack.chmod(0o755)
    return str(python), str(billtrack)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds of the start-up rows")
    parser.add_argument("--startup-only", action="store_true", help="skip check and text")
    options = parser.parse_args()
    script = console_script()
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"load average {load}; {os.cpu_count()} CPUs; python {sys.executable}")
    print(f"billtrack: {describe_script(script)}")
    print(f"modules billtrack --help adds to a bare start: {' '.join(extra_modules(script))}\n")
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("billtrack --help", [str(script), "--help"]),
        *((f"billtrack {name} --help", [str(script), name, "--help"]) for name in SUBCOMMANDS),
        ("python -m tracker.cli --help", [sys.executable, "-m", "tracker.cli", "--help"]),
    ]
    met = report(measure(rows, options.rounds), "python -c pass", targets=True)
    wrapper = wrapped_commands(script)
    if wrapper is not None:
        print(f"\nas a shell finds them ({wrapper[0]}, {wrapper[1]}):")
        path_rows = [
            ("python -c pass (wrapper)", [wrapper[1], "-c", "pass"]),
            ("billtrack --help (wrapper)", [wrapper[0], "--help"]),
        ]
        report(measure(path_rows, options.rounds), "python -c pass (wrapper)", targets=False)
    with tempfile.TemporaryDirectory() as temp:
        clean = clean_environment(Path(temp), script)
        if clean is not None:
            python, billtrack = clean
            print("\nin a clean environment (only click and tracker installed):")
            clean_rows = [
                ("python -c pass (clean)", [python, "-c", "pass"]),
                ("billtrack --help (clean)", [billtrack, "--help"]),
                *(
                    (f"billtrack {name} --help (clean)", [billtrack, name, "--help"])
                    for name in SUBCOMMANDS[:3]
                ),
            ]
            clean_met = report(
                measure(clean_rows, options.rounds), "python -c pass (clean)", targets=True
            )
            met.update(clean_met)
    print(f"\n(best of {options.rounds} interleaved rounds, wall seconds)")
    top = {name: ok for name, ok in met.items() if name.startswith("billtrack --help")}
    subcommands = {name: ok for name, ok in met.items() if name not in top}
    print(
        f"goal: billtrack --help <= {TARGET:.0f}x python -c pass: "
        f"{'ok' if all(top.values()) else 'MISSED'} ({', '.join(top)}); "
        f"CMD --help within it: {sum(subcommands.values())} of {len(subcommands)}"
    )
    if options.startup_only:
        return
    with tempfile.TemporaryDirectory() as temp:
        generate_bill(Path(temp), 2000)
        commands = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("billtrack check (shipped)", [str(script), "check"]),
            ("billtrack text (shipped)", [str(script), "--no-pager", "text"]),
            ("billtrack check (2,000 provisions)", [str(script), "check", "--root", temp]),
            (
                "billtrack text (2,000 provisions)",
                [str(script), "--no-pager", "text", "--root", temp],
            ),
        ]
        print()
        report(measure(commands, 3), "python -c pass", targets=False)
        print("(best of 3 interleaved rounds, wall seconds)")


if __name__ == "__main__":
    main()
