"""Issue 10's acceptance table: every hostile input in tests/fixtures/hostile_inputs.yaml, run through
every command that reads the package.

Each case mutates a copy of a small valid package (tests/fixtures/packages/base, committed to git
with fixed identity and dates, with one frozen draft ``first``) and says which file, line and code
every message must name. For every (case, command) pair the test asserts:

- no traceback: the command ends in an exit, never an uncaught exception;
- the exit code: a command that reads the broken file refuses (``check`` exits 1, the others 1, or 2
  when they cannot run at all), a command that does not read it answers (exit 0);
- a refusal names the file (``path``, and ``path:line`` when the line is known) and, for ``check``,
  the finding's code; a file that failed to parse is reported alone (``sole``: no cascade);
- a benign variant (CRLF, a BOM) answers exactly as the clean package does (``same_as_clean``);
- output carries no control character (escape sequences, C1, backspace, lone CR) and, on the
  terminal, no bidi override; ``status --format csv`` has no cell a spreadsheet would run;
- every byte of the package is unchanged (sha256 of every file, kind and mode of every entry,
  including ``.git`` except the index and reflogs git may refresh on a read), and nothing appears
  beside the package; ``export -o`` writes only its own file, outside the package, and only on
  success; a refused ``build`` writes nothing at all.

Mutations are data (see the fixture's header); ``where`` says which part of the package a case
breaks, so the expected exit codes follow from what each command reads (``COMMANDS``).
``billtrack build`` runs only for the cases marked ``build: true``; the builds that run Sphinx to the
end are marked ``slow`` (``-m "not slow"`` leaves them out).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import BASE_PACKAGE, FIXTURES, commit_all
from tracker.cli import COMMANDS as CLI_COMMANDS
from tracker.cli import cli

CASES: list[dict] = yaml.safe_load((FIXTURES / "hostile_inputs.yaml").read_text(encoding="utf-8"))

DRAFT = "first"

# Which part of the package a case breaks (``where``).
WORKTREE, DRAFT_PART, DRAFTS_FOLDER, LAW, NOTHING, EVERYTHING = (
    "worktree",
    "draft",
    "drafts-folder",
    "law",
    "nothing",
    "everything",
)


@dataclass(frozen=True)
class Command:
    """A command line (``{out}`` is a folder outside the package) and the parts it reads."""

    args: tuple[str, ...]
    reads: frozenset[str]
    terminal: bool = True  # printed for a person (bidi overrides must not reach it)


# The working tree's package includes law/: its amendments are checked against the quoted law.
_WT = frozenset({WORKTREE, LAW, EVERYTHING})
_WT_AND_DRAFT = _WT | {DRAFT_PART}
COMMANDS: dict[str, Command] = {
    "check": Command(("check",), _WT_AND_DRAFT | {DRAFTS_FOLDER}),
    "text": Command(("text",), _WT),
    "status": Command(("status",), _WT),
    "status-csv": Command(("status", "--format", "csv"), _WT, terminal=False),
    "status-json": Command(("status", "--format", "json"), _WT, terminal=False),
    "log": Command(("log",), _WT),
    "coverage": Command(("coverage",), _WT),
    "changelog": Command(("changelog",), _WT_AND_DRAFT),
    "diff": Command(("diff",), _WT_AND_DRAFT),
    "diff-draft-md": Command(("diff", DRAFT, "worktree", "--format", "md"), _WT_AND_DRAFT),
    "export": Command(("export",), _WT, terminal=False),
    "export-o": Command(("export", "-o", "{out}/bill.xml"), _WT, terminal=False),
    "draft-list": Command(("draft", "list"), frozenset({DRAFT_PART, EVERYTHING})),
}
if "law" in CLI_COMMANDS:  # `billtrack law` is being added; it reads law/ only
    COMMANDS["law-list"] = Command(("law", "list"), frozenset({LAW, EVERYTHING}))
BUILD = Command(("build", "-q", "--out", "{out}/site"), _WT_AND_DRAFT)

# Control characters that must never reach output ("\r\n" line ends are allowed: CSV uses them).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FINDING_LINE = re.compile(
    r"^(?P<path>.+?)(?::(?P<line>\d+))?: (?P<severity>error|warning) BT\d{3}: "
)
REPEAT = re.compile(r"\$\{repeat:([^:}]*):(\d+)\}")


# The package every case starts from -----------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base package in git (fixed identity and dates) with the draft ``first`` cut and committed."""
    root = tmp_path_factory.mktemp("template") / "pkg"
    shutil.copytree(BASE_PACKAGE, root)
    commit_all(root, "Base package")
    result = CliRunner().invoke(
        cli,
        ["draft", "cut", DRAFT, "--stage", "discussion", "--note", "First.", "--root", str(root)],
    )
    assert result.exit_code == 0, result.output
    commit_all(root, "Draft first")
    return root


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files outside every package that symlinks and paths in cases point at."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.txt").write_text("root:x:0:0:secret\n", encoding="utf-8")
    shutil.copytree(BASE_PACKAGE / "provisions", folder / "provisions")
    shutil.copy(BASE_PACKAGE / "provisions" / "reports.md", folder / "reports.md")
    shutil.copy(BASE_PACKAGE / "provisions" / "bill.yaml", folder / "bill.yaml")
    return folder


def expand(text: str, outside: Path) -> str:
    """A fixture string with ``${repeat:UNIT:N}`` repeated and ``{outside}`` made absolute."""
    text = REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), text)
    return text.replace("{outside}", str(outside))


def mutate(root: Path, operations: list[dict], outside: Path) -> None:
    """Apply a case's mutations, each a one-key mapping (see the fixture's header)."""
    for operation in operations:
        ((kind, arg),) = operation.items()
        if kind == "delete":
            path = root / arg
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            continue
        if kind == "fifo":
            _clear(root / arg)
            os.mkfifo(root / arg)
            continue
        if kind == "mkdir":
            _clear(root / arg)
            (root / arg).mkdir(parents=True)
            continue
        path = root / arg["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "write":
            path.write_bytes(expand(arg["text"], outside).encode("utf-8"))
        elif kind == "write_b64":
            path.write_bytes(base64.b64decode(arg["data"]))
        elif kind == "replace_bytes":
            data, old = path.read_bytes(), arg["old"].encode("utf-8")
            assert old in data, f"fixture edit does not apply to {arg['file']}: {old!r}"
            path.write_bytes(data.replace(old, bytes.fromhex(arg["new_hex"]), 1))
        elif kind == "encode":
            path.write_bytes(path.read_bytes().decode("utf-8").encode(arg["as"]))
        elif kind == "append":
            path.write_bytes(path.read_bytes() + expand(arg["text"], outside).encode("utf-8"))
        elif kind == "replace":
            text = path.read_bytes().decode("utf-8")
            old, new = arg["old"], expand(arg["new"], outside)
            assert old in text, f"fixture edit does not apply to {arg['file']}: {old!r}"
            path.write_bytes(text.replace(old, new, arg.get("count", 1)).encode("utf-8"))
        elif kind in ("set_line", "insert_line"):
            lines = path.read_bytes().decode("utf-8").split("\n")
            index = arg["line"] - 1
            assert 0 <= index < len(lines), f"{arg['file']} has no line {arg['line']}"
            new = expand(arg["text"], outside)
            if kind == "set_line":
                lines[index] = new
            else:
                lines.insert(index, new)
            path.write_bytes("\n".join(lines).encode("utf-8"))
        elif kind == "crlf":
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        elif kind == "symlink":
            _clear(path)
            path.symlink_to(expand(arg["to"], outside))
        elif kind == "copy":
            source = root / arg["from"]
            _clear(path)
            if source.is_dir():
                shutil.copytree(source, path, symlinks=True)
            else:
                shutil.copy(source, path)
        elif kind == "chmod":
            path.chmod(int(str(arg["mode"]), 8))
        else:
            raise AssertionError(f"unknown mutation {kind!r}")


def _clear(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)


# Proving that nothing changed ----------------------------------------------------------------

GIT_MAY_TOUCH = (".git/index", ".git/logs/")


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root`` (symlinks not followed, FIFOs not opened): its kind, its mode and,
    for a file, the sha256 of its bytes; for a link, its target."""
    entries: dict[str, tuple] = {}
    top = str(root)
    for folder, dirs, files in os.walk(top, followlinks=False):
        base = folder[len(top) + 1 :]
        for name in [*dirs, *files]:
            rel = f"{base}/{name}" if base else name
            if rel == GIT_MAY_TOUCH[0] or rel.startswith(GIT_MAY_TOUCH[1]):
                continue
            path = os.path.join(folder, name)
            info = os.lstat(path)
            mode = stat.S_IMODE(info.st_mode)
            if stat.S_ISLNK(info.st_mode):
                entries[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                entries[rel] = ("file", mode, _sha256(path, info))
            elif stat.S_ISDIR(info.st_mode):
                entries[rel] = ("dir", mode)
            else:
                entries[rel] = ("special", stat.S_IFMT(info.st_mode), mode)
    return entries


_digests: dict[tuple, str] = {}


def _sha256(path: str, info: os.stat_result) -> str:
    """The file's sha256, hashed again whenever its inode, size, mtime or ctime moved (any write
    moves the ctime, which no program can set back)."""
    key = (path, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    if key not in _digests:
        try:
            with open(path, "rb") as handle:
                _digests[key] = hashlib.sha256(handle.read()).hexdigest()
        except PermissionError:  # chmod 000 and not root: its stat stands for its bytes
            _digests[key] = f"unreadable, {info.st_size} bytes"
    return _digests[key]


# The table -------------------------------------------------------------------------------------


def case_id(case: dict) -> str:
    return f"c{case['class']}:{case['name']}"


def expected_exit(case: dict, name: str, command: Command) -> set[int]:
    """The exit codes allowed for ``name`` on ``case``: the case's own, or what the command reads."""
    given = case.get("exit", {})
    if not isinstance(given, dict):
        given = {"default": given}
    if name in given:
        value = given[name]
    elif not command.reads & {case.get("where", WORKTREE)}:
        value = 0
    elif "default" in given:
        value = given["default"]
    else:
        value = 1 if name == "check" else [1, 2]
    return set(value) if isinstance(value, list) else {value}


def pairs() -> list:
    params = []
    for case in CASES:
        for name in COMMANDS:
            params.append(pytest.param(case, name, id=f"{case_id(case)}|{name}"))
        if case.get("build"):
            slow = expected_exit(case, "build", BUILD) == {0}
            marks = [pytest.mark.slow] if slow else []
            params.append(pytest.param(case, "build", id=f"{case_id(case)}|build", marks=marks))
    return params


@dataclass
class Prepared:
    root: Path
    out: Path
    before: dict[str, tuple]


_prepared: dict[str, Prepared] = {}


def prepare(case: dict, template: Path, outside: Path, base: Path) -> Prepared:
    """The case's package (built once per case, rebuilt when a command changed it)."""
    known = _prepared.get(case["name"])
    if known is not None and snapshot(known.root) == known.before:
        shutil.rmtree(known.out)
        known.out.mkdir()
        return known
    folder = base / re.sub(r"[^a-z0-9]+", "-", case["name"].lower()).strip("-")
    if folder.exists():
        for path in folder.rglob("*"):  # undo a chmod 000 before removing
            if not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(folder)
    root = folder / "pkg"
    shutil.copytree(template, root, symlinks=True)
    mutate(root, case.get("mutate") or [], outside)
    out = folder / "out"
    out.mkdir()
    _prepared[case["name"]] = prepared = Prepared(root=root, out=out, before=snapshot(root))
    return prepared


@pytest.fixture(scope="module")
def cases_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cases")


@pytest.mark.parametrize(("case", "name"), pairs())
def test_hostile_input(
    case: dict,
    name: str,
    template: Path,
    outside: Path,
    cases_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if case.get("skip_as_root") and os.geteuid() == 0:
        pytest.skip("root reads any file whatever its mode")
    command = BUILD if name == "build" else COMMANDS[name]
    prepared = prepare(case, template, outside, cases_dir)
    for variable, value in (case.get("env") or {}).items():
        monkeypatch.setenv(variable, str(value))
    args = [arg.replace("{out}", str(prepared.out)) for arg in command.args]
    result = CliRunner().invoke(cli, [*args, "--root", str(prepared.root)])
    output = result.output

    # No traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{name} raised {result.exception!r}\n{output}"
    )
    assert "Traceback" not in output, output

    # The exit code, and a refusal names the file (and line).
    allowed = expected_exit(case, name, command)
    assert result.exit_code in allowed, (
        f"{name} exited {result.exit_code}, expected {sorted(allowed)}\n{output[-3000:]}"
    )
    expect = case.get("expect") or {}
    if result.exit_code != 0 and expect.get("path"):
        located = f"{expect['path']}:{expect['line']}" if expect.get("line") else expect["path"]
        assert located in output, f"{name}: the message does not name {located}\n{output[-3000:]}"
        if expect.get("message"):
            assert expect["message"].lower() in output.lower(), (
                f"{name}: the message does not say {expect['message']!r}\n{output[-3000:]}"
            )
        if name == "check" and expect.get("code"):
            assert expect["code"] in output, f"check does not report {expect['code']}\n{output}"
        if name == "check" and expect.get("sole"):
            errors = [
                m
                for m in map(FINDING_LINE.match, output.splitlines())
                if m and m["severity"] == "error"
            ]
            assert len(errors) == 1 and errors[0]["path"] == expect["path"], (
                f"the broken file should be reported once, alone:\n{output}"
            )
    if name == "check" and result.exit_code == 0 and expect.get("check_mentions"):
        assert expect["check_mentions"] in output, output

    for text in expect.get("forbid") or []:
        assert text not in output, f"{name} printed {text!r}\n{output[-3000:]}"

    # Output that cannot attack its reader.
    shown = output.replace("\r\n", "\n")
    bad = CONTROL.search(shown)
    assert bad is None, (
        f"{name} printed control character {bad.group()!r}: {shown[max(0, bad.start() - 60) : bad.end() + 60]!r}"
    )
    if command.terminal:
        bidi = BIDI.search(shown)
        assert bidi is None, f"{name} printed bidi override {bidi.group()!r} to the terminal"
    if name == "status-csv" and result.exit_code == 0:
        rows = list(csv.reader(io.StringIO(result.stdout)))
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(FORMULA_START), f"CSV cell runs as a formula: {cell!r}"

    # A benign variant (CRLF, BOM...) gives the clean package's answer, byte for byte.
    if name in (case.get("same_as_clean") or []):
        assert result.stdout == clean_output(template, name), f"{name} answers differently"

    # Nothing written: not in the package, not beside it; -o only on success, only its file.
    assert snapshot(prepared.root) == prepared.before, f"{name} changed the package"
    assert sorted(p.name for p in prepared.root.parent.iterdir()) == ["out", "pkg"]
    written = sorted(p.name for p in prepared.out.iterdir())
    if name == "export-o":
        if result.exit_code == 0:
            assert written == ["bill.xml"]
            data = (prepared.out / "bill.xml").read_bytes().decode("utf-8")
            assert CONTROL.search(data.replace("\r\n", "\n")) is None
        else:
            assert written == [], f"export -o refused but left {written}"
    elif name == "build":
        if result.exit_code != 0:
            assert written == [], f"build refused but wrote {written}"
    else:
        assert written == [], f"{name} wrote {written}"


_clean: dict[str, str] = {}


def clean_output(template: Path, name: str) -> str:
    """What ``name`` prints for the clean package (the template, before any case)."""
    if name not in _clean:
        args = [arg for arg in COMMANDS[name].args if "{out}" not in arg]
        result = CliRunner().invoke(cli, [*args, "--root", str(template)])
        assert result.exit_code == 0, result.output
        _clean[name] = result.stdout
    return _clean[name]


# The table itself ------------------------------------------------------------------------------


def test_the_clean_package_passes_every_command(template: Path, tmp_path: Path) -> None:
    """The starting point is valid: every command answers, so each case's failure is its own."""
    before = snapshot(template)
    for name, command in COMMANDS.items():
        args = [arg.replace("{out}", str(tmp_path)) for arg in command.args]
        result = CliRunner().invoke(cli, [*args, "--root", str(template)])
        assert result.exit_code == 0, f"{name}: {result.output}"
    assert snapshot(template) == before


def test_the_table_is_large_and_well_formed() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)), "case names must be distinct"
    assert len(CASES) >= 100
    wheres = {WORKTREE, DRAFT_PART, DRAFTS_FOLDER, LAW, NOTHING, EVERYTHING}
    for case in CASES:
        assert 1 <= case["class"] <= 9, case["name"]
        assert case.get("where", WORKTREE) in wheres, case["name"]
        reads_something = any(
            expected_exit(case, name, command) != {0} for name, command in COMMANDS.items()
        )
        if reads_something:
            assert (case.get("expect") or {}).get("path"), f"{case['name']}: which file to name?"
