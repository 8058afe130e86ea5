"""Benchmark ``billtrack diff --format json`` against ``git diff --no-index --word-diff`` (issue 4).

Cases, in one run:

(a) the shipped drafts (discussion draft -> introduced), compiled;
(b) the 2020 and 2021 introduced prints of the George Floyd Justice in Policing Act (PDF text,
    cleaned with ``clean_pdf_text``), about 27,000 words each;
(c) the Consolidated Appropriations Act, 2016 (hr2029-114/enr.xml, about 400,000 words), its text
    extracted, against a copy with seeded, realistic edits: about 1.5% of words changed in a tenth of
    the sections, sections inserted, struck, moved to another title and renumbered;
(d) a generated 1,000,000-word bill against the same kind of edits;
(e) a rewritten section: two unrelated 2,500-word texts.

For each: wall time of the whole ``billtrack diff OLD NEW --format json`` process and of git's,
run alternately (A B A B: load from other work on a shared machine falls on both alike), best of
``--repeat``, and their ratio; the same pinned to one core (``taskset -c 0``) and that ratio; the
peak memory of billtrack's process (``getrusage`` of the child), the changed-word count (words struck plus inserted: white-space
separated words touched by a change), and whether the JSON reconstructs both texts exactly; beside it
git's process time, its changed-word count (words on its removed and added lines) and whether its
porcelain output gives back both texts. "more than git" reads MORE on a pair where billtrack's
changed words exceed git's (issue 12 asks for never).

Processes run with their bytecode cached (``PYTHONDONTWRITEBYTECODE`` unset, the cache under a
temporary ``PYTHONPYCACHEPREFIX``), as in an installed package: otherwise every run of billtrack
would compile its own modules again, which no user's run does. Run from the repository root:

    python benchmarks/redline.py [--repeat 3] [--keep DIR] [--case policing --case 1M]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "bills"
sys.path.insert(0, str(REPO))

from tracker.core.gpo_text import clean_pdf_text  # noqa: E402
from tracker.core.text_units import split_text  # noqa: E402


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    seconds: float
    peak_mb: float
    changed_words: int
    exact: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    name: str
    old: Path
    new: Path
    old_text: str
    new_text: str
    args: tuple[str, ...] = ()


# Inputs -------------------------------------------------------------------------------------------


def drafts_case(work: Path) -> Case:
    from tracker.adapters.loader import load_draft
    from tracker.core.compile import bill_units

    texts = []
    for name in ("discussion-draft", "introduced"):
        units = bill_units(load_draft(REPO, name))
        texts.append("".join(unit.text for unit in units))
    old, new = work / "drafts-old.txt", work / "drafts-new.txt"
    old.write_text(texts[0], encoding="utf-8")
    new.write_text(texts[1], encoding="utf-8")
    return Case(
        name="(a) shipped drafts",
        old=old,
        new=new,
        old_text=texts[0],
        new_text=texts[1],
        args=("drafts/discussion-draft", "drafts/introduced", "--root", str(REPO)),
    )


def policing_case(work: Path) -> Case:
    texts = [
        clean_pdf_text((SHARED / bill / "ih.txt").read_text(encoding="utf-8"))
        for bill in ("hr7120-116", "hr1280-117")
    ]
    return file_case("(b) policing bills 2020/2021", work, "policing", *texts)


def omnibus_case(work: Path) -> Case:
    text = uslm_text(SHARED / "hr2029-114" / "enr.xml")
    return file_case("(c) omnibus 2016 + edits", work, "omnibus", text, edit_bill(text, seed=2016))


def generated_case(work: Path, words: int = 1_000_000) -> Case:
    text = generate_bill(words, seed=7)
    return file_case("(d) generated 1M words", work, "generated", text, edit_bill(text, seed=8))


def rewritten_case(work: Path) -> Case:
    words, _ = lexicon(random.Random(3))
    half = len(words) // 2
    first = (words[:half], list(accumulate(1 / (r + 1) for r in range(half))))
    second = (words[half:], list(accumulate(1 / (r + 1) for r in range(len(words) - half))))
    old = "SEC. 5. GRANTS.\n" + paragraphs(random.Random(1), 2500, first)
    new = "SEC. 5. GRANTS.\n" + paragraphs(random.Random(2), 2500, second)
    return file_case("(e) rewritten section 2x2,500", work, "rewritten", old, new)


def file_case(name: str, work: Path, stem: str, old_text: str, new_text: str) -> Case:
    old, new = work / f"{stem}-old.txt", work / f"{stem}-new.txt"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    return Case(name=name, old=old, new=new, old_text=old_text, new_text=new_text)


_BLOCKS = {
    "division", "title", "subtitle", "part", "subpart", "chapter", "subchapter", "section",
    "subsection", "paragraph", "subparagraph", "clause", "subclause", "item", "subitem",
    "appropriations", "p", "content", "chapeau", "continuation", "proviso", "referenceItem",
    "longTitle", "enactingFormula", "level", "quotedContent", "tr", "listItem",
}  # fmt: skip


def uslm_text(path: Path) -> str:
    """The printed text of a USLM bill: one line per level, headings on their own lines."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    main = root.find("{*}main")
    pieces: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if tag in _BLOCKS:
            pieces.append("\n")
        if tag and element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
        if element.tail:
            pieces.append(element.tail)

    walk(main if main is not None else root)
    lines = (" ".join(line.split()) for line in "".join(pieces).replace("\xad", "").split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


_SYLLABLES = "ad al an ce cer di en for ga im la li ment mo na ni per po pro re ri sa se ta ti tion to un ver"
_PHRASES = (
    "the Attorney General shall award grants to States units of local government and Indian "
    "Tribes for the purpose of training law enforcement officers in de-escalation crisis "
    "intervention and the use of force except that no funds made available under this section "
    "may be used to purchase military equipment the Secretary of Health and Human Services in "
    "consultation with the Director shall submit to the appropriate committees of Congress a "
    "report on the implementation of this title including data on the number of agencies that "
    "received funds the amounts awarded and the outcomes achieved there are authorized to be "
    "appropriated such sums as may be necessary for each of fiscal years 2027 through 2031 "
    "provided further that amounts appropriated shall remain available until expended for "
    "construction acquisition maintenance and operation of facilities of the Department of "
    "Veterans Affairs and the Department of Agriculture rural development housing loans"
)
VOCABULARY = _PHRASES.split()


def lexicon(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """Words for generated text with a Zipf-like frequency, as in real legislative text: the
    phrases above are the most frequent, then made-up words of two to four syllables."""
    syllables = _SYLLABLES.split()
    words = list(dict.fromkeys(VOCABULARY))
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in words:
            words.append(word)
    weights = list(accumulate(1 / (rank + 1) for rank in range(len(words))))
    return words, weights


def paragraphs(rng: random.Random, words: int, vocabulary: tuple[list[str], list[float]]) -> str:
    out: list[str] = []
    letters = "abcdefghijklmnopqrstuvwxyz"
    count = 0
    index = 0
    population, weights = vocabulary
    while count < words:
        size = rng.randint(25, 90)
        body = " ".join(rng.choices(population, cum_weights=weights, k=size))
        out.append(f"({letters[index % 26]}) {body.capitalize()}.")
        index += 1
        count += size + 1
    return "\n".join(out) + "\n"


def generate_bill(words: int, *, seed: int) -> str:
    """A bill of about ``words`` words: divisions, titles, sections of lettered subsections."""
    rng = random.Random(seed)
    words_of = lexicon(random.Random(seed + 1))
    out = ["A BILL\nMaking appropriations for the fiscal year 2027, and for other purposes.\n"]
    out.append("Be it enacted by the Senate and House of Representatives of the United States.\n")
    count = 0
    division = 0
    while count < words:
        letter = chr(ord("A") + division % 26) * (1 + division // 26)
        out.append(f"DIVISION {letter}—{' '.join(rng.sample(VOCABULARY, 4)).upper()}\n")
        for title in range(1, 9):
            out.append(f"TITLE {roman(title)}—{' '.join(rng.sample(VOCABULARY, 3)).upper()}\n")
            for number in range(1, 26):
                heading = " ".join(rng.sample(VOCABULARY, 4)).upper()
                size = rng.randint(200, 700)
                out.append(f"SEC. {title * 100 + number}. {heading}.\n")
                out.append(paragraphs(rng, size, words_of))
                count += size + 6
                if count >= words:
                    break
            if count >= words:
                break
        division += 1
    return "".join(out)


def roman(number: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in values:
        while number >= value:
            out += numeral
            number -= value
    return out


_SECTION_NUMBER = re.compile(r"^(\s*SEC\. )(\d+)(\.)")
_AMOUNT = re.compile(r"\$[\d,]+")


def edit_bill(text: str, *, seed: int) -> str:
    """Seeded, realistic amendments: about 1.5% of words changed, concentrated in a tenth of the
    sections (amounts, words and phrases struck, inserted and replaced); five sections inserted,
    three struck, three moved to another title and renumbered there, and the sections after one
    insertion renumbered."""
    rng = random.Random(seed)
    words_of = lexicon(random.Random(seed + 1))
    units = [u.text for u in split_text(text)]
    sections = [i for i, u in enumerate(units) if _SECTION_NUMBER.match(u)]
    total = sum(len(u.split()) for u in units)
    budget = int(total * 0.015)
    amended = rng.sample(sections, max(1, len(sections) // 10))
    per_section = max(1, budget // len(amended))
    for index in amended:
        units[index] = amend(units[index], rng, per_section, words_of[0][:2000])
    struck = set(rng.sample([i for i in sections if i not in amended], 3))
    moved = rng.sample([i for i in sections if i not in amended and i not in struck], 3)
    out: list[str] = []
    renumber_from: int | None = None
    inserted = 0
    insert_at = set(rng.sample(sections, 5))
    destinations = {rng.choice(sections): i for i in moved}
    for index, unit in enumerate(units):
        if index in struck or index in moved:
            continue
        if renumber_from is not None and _SECTION_NUMBER.match(unit):
            number = int(_SECTION_NUMBER.match(unit).group(2))  # type: ignore[union-attr]
            if number // 100 == renumber_from // 100:
                unit = _SECTION_NUMBER.sub(lambda m: f"{m[1]}{int(m[2]) + 1}{m[3]}", unit, count=1)
            else:
                renumber_from = None
        out.append(unit)
        if index in destinations:
            source = units[destinations[index]]
            number = int(_SECTION_NUMBER.match(unit).group(2))  # type: ignore[union-attr]
            out.append(
                _SECTION_NUMBER.sub(lambda m, n=number: f"{m[1]}{n}A{m[3]}", source, count=1)
            )
        if index in insert_at:
            match = _SECTION_NUMBER.match(unit)
            number = int(match.group(2)) + 1  # type: ignore[union-attr]
            heading = " ".join(rng.sample(VOCABULARY, 3)).upper()
            body = paragraphs(rng, rng.randint(150, 400), words_of)
            out.append(f"SEC. {number}. {heading}.\n{body}")
            if inserted == 0:
                renumber_from = number
            inserted += 1
    return "".join(out)


def amend(text: str, rng: random.Random, changes: int, vocabulary: list[str]) -> str:
    lines = text.split("\n")
    for _ in range(changes):
        row = rng.randrange(1, max(2, len(lines)))
        words = lines[row].split(" ")
        if len(words) < 3:
            continue
        at = rng.randrange(len(words))
        action = rng.random()
        if action < 0.15 and _AMOUNT.search(lines[row]):
            lines[row] = _AMOUNT.sub(f"${rng.randint(1, 900)},000,000", lines[row], count=1)
            continue
        if action < 0.45:
            words[at] = rng.choice(vocabulary)
        elif action < 0.7:
            words.insert(at, " ".join(rng.sample(vocabulary, rng.randint(1, 4))))
        else:
            del words[at : at + rng.randint(1, 3)]
        lines[row] = " ".join(words)
    return "\n".join(lines)


# Measuring ----------------------------------------------------------------------------------------


def billtrack_command() -> list[str]:
    """The ``billtrack`` script installed beside this interpreter (a version manager's shim found
    first on PATH, such as pyenv's, is a shell script that costs about 0.1 s before Python starts:
    it would time the shim, not billtrack), else the one on PATH, else the module."""
    beside = Path(sys.executable).parent / "billtrack"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("billtrack")
    if found:
        return [found]
    return [sys.executable, "-c", "from tracker.cli import main; main()"]


# Forks and execs the command from a small process, so the child's peak memory is its own and not
# that of this benchmark (a forked child starts with its parent's pages counted).
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    out = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(out, 1)
    os.execvp(sys.argv[3], sys.argv[3:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


#: The environment of measured processes: bytecode cached, as in an installed package.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(command: list[str], output: Path, cwd: Path) -> float:
    """Wall time of one whole-process run of ``command``, its output to ``output``."""
    with output.open("wb") as sink:
        start = time.perf_counter()
        result = subprocess.run(
            command, stdout=sink, stderr=subprocess.PIPE, cwd=cwd, env=ENV, check=False
        )
        elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.decode()}")
    return elapsed


def interleaved(
    first: tuple[list[str], Path, Path], second: tuple[list[str], Path, Path], repeat: int
) -> tuple[float, float]:
    """Best wall times of two commands run alternately (A B A B ...), so that load from other work
    on a shared machine falls on both alike."""
    best_a = best_b = float("inf")
    for _ in range(repeat):
        best_a = min(best_a, once(*first))
        best_b = min(best_b, once(*second))
    return best_a, best_b


def timed(command: list[str], output: Path, repeat: int, cwd: Path) -> tuple[float, float]:
    """Best wall time of ``repeat`` runs, and the process's peak resident memory in MB."""
    best = min(once(command, output, cwd) for _ in range(repeat)) if repeat else 0.0
    report = output.with_suffix(".rusage")
    launcher = [sys.executable, "-c", _LAUNCHER, str(report), str(output), *command]
    subprocess.run(launcher, cwd=cwd, env=ENV, check=True, stderr=subprocess.DEVNULL)
    peak_kb = int(report.read_text().split()[0])
    return best, peak_kb / 1024


#: Pins a command to the first core, for the one-core ratio (empty where taskset is missing).
ONE_CORE = ["taskset", "-c", "0"] if shutil.which("taskset") else []


def billtrack_args(case: Case) -> list[str]:
    args = case.args or (str(case.old), str(case.new))
    return [*billtrack_command(), "diff", *args, "--format", "json"]


def git_args(case: Case) -> list[str]:
    return [
        "git", "diff", "--no-index", "--no-color", "--word-diff=porcelain", "--histogram",
        str(case.old), str(case.new),
    ]  # fmt: skip


def measure_billtrack(case: Case, work: Path, repeat: int) -> Measure:
    output = work / "billtrack.json"
    seconds, peak = timed(billtrack_args(case), output, repeat, REPO)
    data = json.loads(output.read_text(encoding="utf-8"))
    old = sorted(
        (u for u in data["units"] if u["old"] is not None), key=lambda u: u["old"]["position"]
    )
    new = [u for u in data["units"] if u["new"] is not None]
    old_text = "".join(t for u in old for op, t in u["runs"] if op != "insert")
    new_text = "".join(t for u in new for op, t in u["runs"] if op != "delete")
    exact = old_text == case.old_text and new_text == case.new_text
    words = data["summary"]["words"]
    return Measure(
        seconds=seconds,
        peak_mb=peak,
        changed_words=words["inserted"] + words["struck"],
        exact=exact,
    )


def measure_git(case: Case, work: Path, repeat: int) -> Measure:
    output = work / "git.txt"
    seconds, peak = timed(git_args(case), output, repeat, work)
    changed = 0
    old_parts: list[str] = []
    new_parts: list[str] = []
    in_hunk = False
    for line in output.read_text(encoding="utf-8").split("\n"):
        if line.startswith("@@"):
            in_hunk = True
            continue
        if not in_hunk or not line:
            continue
        mark, body = line[0], line[1:]
        if mark in "+-":
            changed += len(body.split())
        if mark in " -":
            old_parts.append(body)
        if mark in " +":
            new_parts.append(body)
        if mark == "~":
            old_parts.append("\n")
            new_parts.append("\n")
    # Porcelain holds only the hunks; git is exact only if its hunks give back the whole texts.
    exact = "".join(old_parts) == case.old_text and "".join(new_parts) == case.new_text
    return Measure(seconds=seconds, peak_mb=peak, changed_words=changed, exact=exact)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is kept)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated texts here")
    parser.add_argument(
        "--case", action="append", default=[], help="only cases whose name holds this (repeatable)"
    )
    options = parser.parse_args(argv)
    work = options.keep or Path(tempfile.mkdtemp(prefix="billtrack-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    builders: list[Callable[[Path], Case]] = [drafts_case]
    if SHARED.is_dir():
        builders += [policing_case, omnibus_case]
    else:
        print(f"note: {SHARED} is absent; cases (b) and (c) are skipped", file=sys.stderr)
    builders += [generated_case, rewritten_case]
    header = (
        "| case | words (old/new) | billtrack s | git s | time ratio "
        "| 1 core: billtrack s | git s | ratio | peak MB "
        "| changed words | git changed words | word ratio | more than git | exact | git exact |"
    )
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    names = {
        drafts_case: "(a) shipped drafts",
        policing_case: "(b) policing bills",
        omnibus_case: "(c) omnibus",
        generated_case: "(d) generated 1M words",
        rewritten_case: "(e) rewritten section",
    }
    if options.case:
        builders = [b for b in builders if any(c in names[b] for c in options.case)]
    try:
        for build in builders:
            case = build(work)
            ours = measure_billtrack(case, work, 0)
            theirs = measure_git(case, work, 0)
            ours_s, theirs_s = interleaved(
                (billtrack_args(case), work / "billtrack.json", REPO),
                (git_args(case), work / "git.txt", work),
                options.repeat,
            )
            one_ours, one_theirs = interleaved(
                ([*ONE_CORE, *billtrack_args(case)], work / "billtrack.json", REPO),
                ([*ONE_CORE, *git_args(case)], work / "git.txt", work),
                options.repeat,
            ) if ONE_CORE else (float("nan"), float("nan"))  # fmt: skip
            ours = replace(ours, seconds=ours_s)
            theirs = replace(theirs, seconds=theirs_s)
            words = f"{len(case.old_text.split()):,}/{len(case.new_text.split()):,}"
            ratio = ours.seconds / theirs.seconds if theirs.seconds else float("inf")
            one_ratio = one_ours / one_theirs if one_theirs else float("inf")
            word_ratio = ours.changed_words / theirs.changed_words if theirs.changed_words else 0.0
            print(
                f"| {case.name} | {words} | {ours.seconds:.3f} | {theirs.seconds:.3f} | "
                f"{ratio:.1f}x | {one_ours:.3f} | {one_theirs:.3f} | {one_ratio:.1f}x | "
                f"{ours.peak_mb:.0f} | {ours.changed_words:,} | "
                f"{theirs.changed_words:,} | {word_ratio:.2f} | "
                f"{'MORE' if ours.changed_words > theirs.changed_words else 'no'} | "
                f"{'yes' if ours.exact else 'NO'} | {'yes' if theirs.exact else 'no'} |",
                flush=True,
            )
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
