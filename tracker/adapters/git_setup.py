"""``billtrack git-setup``: git drivers and a hook for a package kept in git.

Installs, in the repository holding the package:

- a diff driver (``diff.billtrack.command``): ``git diff`` (and ``git log -p --ext-diff``) on a
  provision file prints the legislative word redline that ``billtrack diff OLD NEW`` prints for two
  files;
- a merge driver (``merge.billtrack-history.driver``) for provision files: the ``history:`` lists of
  the front matter are merged as a union of entries ordered by date (entries one side removed stay
  removed), and the rest of the file as ``git merge-file`` merges it, conflicts left as conflict
  markers (``billtrack check`` reports them, BT118);
- the attributes naming both drivers for ``provisions/*.md`` (in ``.gitattributes`` at the package
  root, so collaborators who run ``git-setup`` get the same behaviour; without the drivers git falls
  back to its own);
- a pre-commit hook running ``billtrack check``. A hook billtrack did not install is never
  replaced.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import tempfile
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.core.errors import SourceError, WriteError

DIFF_DRIVER = "billtrack"
MERGE_DRIVER = "billtrack-history"
HOOK_MARK = "# installed by billtrack git-setup"
ATTRIBUTES_MARK = "# billtrack git-setup: redlines and history merges for provision files"


@dataclass(frozen=True, slots=True, kw_only=True)
class SetupResult:
    """What ``git-setup`` did: config keys set, files written (paths relative to the repository)."""

    repository: Path
    config: tuple[tuple[str, str], ...]
    written: tuple[str, ...]
    unchanged: tuple[str, ...]


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)
    except FileNotFoundError as exc:
        raise SourceError(
            "git is not installed", hint="install git, then run 'billtrack git-setup' again"
        ) from exc
    except subprocess.CalledProcessError as exc:
        raise SourceError(
            f"git {' '.join(args)} failed: {exc.stderr.strip() or exc.returncode}",
            path=str(cwd),
        ) from exc


def repository_top(root: Path) -> Path:
    """The top of the git work tree holding ``root``; refuses outside a repository."""
    done = _git(root, "rev-parse", "--show-toplevel", check=False)
    if done.returncode != 0:
        raise SourceError(
            f"{root} is not in a git repository",
            path=str(root),
            hint="run 'git init' first (billtrack init writes a .gitignore for it)",
        )
    return Path(done.stdout.strip())


def setup_repository(root: Path, command: Sequence[str]) -> SetupResult:
    """Install the drivers, attributes and hook for the package at ``root``; ``command`` is how
    git should run billtrack (e.g. ``[sys.executable, "-m", "tracker.cli"]``)."""
    top = repository_top(root)
    hook = _hook_path(top)
    _require_own_hook(hook)
    quoted = " ".join(_shell_quote(part) for part in command)
    config = (
        (f"diff.{DIFF_DRIVER}.command", f"{quoted} git-driver diff"),
        (f"merge.{MERGE_DRIVER}.name", "billtrack: union of front-matter history entries"),
        (f"merge.{MERGE_DRIVER}.driver", f"{quoted} git-driver merge %O %A %B %L %P"),
    )
    for key, value in config:
        _git(top, "config", "--local", key, value)
    written: list[str] = []
    unchanged: list[str] = []
    attributes = root / ".gitattributes"
    relative = os.path.relpath(attributes, top)
    if _add_attributes(attributes):
        written.append(relative)
    else:
        unchanged.append(relative)
    package_dir = os.path.relpath(root.resolve(), top.resolve())
    hook_text = _hook_script(quoted, package_dir)
    hook_relative = os.path.relpath(hook, top)
    if hook.is_file() and hook.read_text(encoding="utf-8") == hook_text:
        unchanged.append(hook_relative)
    else:
        _write_atomic(hook, hook_text, mode=0o755)
        written.append(hook_relative)
    return SetupResult(
        repository=top, config=config, written=tuple(written), unchanged=tuple(unchanged)
    )


def _hook_path(top: Path) -> Path:
    done = _git(top, "rev-parse", "--git-path", "hooks")
    hooks = Path(done.stdout.strip())
    return (hooks if hooks.is_absolute() else top / hooks) / "pre-commit"


def _require_own_hook(hook: Path) -> None:
    if hook.exists() and HOOK_MARK not in hook.read_text(encoding="utf-8", errors="replace"):
        raise WriteError(
            f"{hook} exists and billtrack did not install it; it was left as it is",
            path=str(hook),
            hint="add the line 'billtrack check' to that hook yourself, or move it aside and run "
            "'billtrack git-setup' again (the pre-commit framework: use .pre-commit-hooks.yaml)",
        )


def _hook_script(command: str, package_dir: str) -> str:
    return textwrap.dedent(
        f"""\
        #!/bin/sh
        {HOOK_MARK}; it runs 'billtrack check' on the package before each commit.
        # Skip once with 'git commit --no-verify'; remove this file to stop it.
        cd "$(git rev-parse --show-toplevel)" || exit 2
        exec {command} check --root {_shell_quote(package_dir)}
        """
    )


def _add_attributes(path: Path) -> bool:
    lines = [
        ATTRIBUTES_MARK,
        f"provisions/*.md diff={DIFF_DRIVER} merge={MERGE_DRIVER}",
    ]
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    if lines[1] in existing.splitlines():
        return False
    prefix = existing if not existing or existing.endswith("\n") else existing + "\n"
    _write_atomic(path, prefix + "\n".join(lines) + "\n")
    return True


def _write_atomic(path: Path, text: str, *, mode: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        if mode is not None:
            os.chmod(name, mode)
        os.replace(name, path)
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        raise WriteError(f"could not write {path}: {exc.strerror or exc}", path=str(path)) from exc


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


# -- the merge driver -----------------------------------------------------------------------------

_ITEM = re.compile(r"^(?P<indent>[ \t]*)- ")
_HISTORY_KEY = re.compile(r"^history:[ \t]*(#.*)?$")
_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


@dataclass(frozen=True, slots=True)
class _Split:
    """A provision file cut around its block-style history list."""

    head: str  # everything before the first entry (the 'history:' line included)
    items: tuple[str, ...]  # each entry's lines, as written
    tail: str  # the closing '---' and the body onwards
    indent: str
    present: bool = True  # False: the file has no history key (an empty one stands in)


def _split_history(text: str) -> _Split | None:
    """The file cut around its history list; None when it has none in block style or no front
    matter (then the file is merged as git would)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == "---")
    except StopIteration:
        return None
    key = next((i for i in range(1, close) if _HISTORY_KEY.match(lines[i].rstrip("\r\n"))), None)
    if key is None:  # no history yet: an empty one at the end of the front matter
        newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
        return _Split(
            head="".join(lines[:close]) + f"history:{newline}",
            items=(),
            tail="".join(lines[close:]),
            indent="  ",
            present=False,
        )
    end = key + 1
    items: list[list[str]] = []
    indent: str | None = None
    while end < close:
        line = lines[end]
        bare = line.rstrip("\r\n")
        match = _ITEM.match(bare)
        if match and (indent is None or match.group("indent") == indent):
            indent = match.group("indent")
            items.append([line])
        elif items and bare.strip() and (bare[: len(indent or "") + 1].isspace()):
            items[-1].append(line)  # a continuation line of a multi-line entry
        elif not bare.strip() and items:
            items[-1].append(line)
        else:
            break
        end += 1
    if end < close and not _TOP_KEY.match(lines[end]):
        return None  # not a shape we understand: leave it to git
    return _Split(
        head="".join(lines[: key + 1]),
        items=tuple("".join(item) for item in items),
        tail="".join(lines[end:]),
        indent=indent if indent is not None else "  ",
    )


def _entry_key(item: str) -> tuple[dt.datetime, int]:
    """Sort key of an entry: its date and time (a date alone is midnight; unreadable: first)."""
    import yaml

    try:
        data = yaml.safe_load(textwrap.dedent(item))
        value = data[0].get("date") if isinstance(data, list) and data else None
    except (yaml.YAMLError, AttributeError):
        value = None
    if isinstance(value, dt.datetime):
        moment = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
        return moment, 1
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.min), 0
    return dt.datetime.min, 0


def _normal(item: str) -> str:
    return " ".join(item.split())


def merge_history_items(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> list[str]:
    """Entries in either side, less those in the ancestor that one side removed, by date (stable:
    ours before theirs on the same date)."""
    base_keys = {_normal(i) for i in base}
    ours_keys = {_normal(i) for i in ours}
    theirs_keys = {_normal(i) for i in theirs}
    removed = {k for k in base_keys if k not in ours_keys or k not in theirs_keys}
    merged: list[str] = []
    seen: set[str] = set()
    for item in [*ours, *theirs]:
        key = _normal(item)
        if key in seen or key in removed:
            continue
        seen.add(key)
        merged.append(item if item.endswith(("\n", "\r")) else item + "\n")
    order = {id(item): index for index, item in enumerate(merged)}
    return sorted(merged, key=lambda item: (_entry_key(item), order[id(item)]))


def _reindent(item: str, indent: str) -> str:
    match = _ITEM.match(item)
    if match is None or match.group("indent") == indent:
        return item
    old = match.group("indent")
    return "".join(
        indent + line[len(old) :] if line.startswith(old) else line
        for line in item.splitlines(keepends=True)
    )


def merge_texts(base: str, ours: str, theirs: str, *, marker_size: int = 7) -> tuple[str, bool]:
    """Merge three versions of a provision file: ``(text, clean)``. History lists are united;
    everything else is merged by ``git merge-file``, conflicts left as markers."""
    splits = [_split_history(t) for t in (base, ours, theirs)]
    base_s, ours_s, theirs_s = splits
    if base_s and ours_s and theirs_s and (ours_s.present or theirs_s.present):
        merged = merge_history_items(base_s.items, ours_s.items, theirs_s.items)
        indent = ours_s.indent if ours_s.items else theirs_s.indent
        block = "".join(_reindent(item, indent) for item in merged)
        placeholder = "  # billtrack-git-setup: merged history entries go here\n"

        def hold(s: _Split) -> str:
            return s.head + placeholder + s.tail

        text, clean = _merge_file(hold(base_s), hold(ours_s), hold(theirs_s), marker_size)
        if text.count(placeholder) == 1:
            return text.replace(placeholder, block), clean
    return _merge_file(base, ours, theirs, marker_size)


def _merge_file(base: str, ours: str, theirs: str, marker_size: int) -> tuple[str, bool]:
    with tempfile.TemporaryDirectory(prefix="billtrack-merge-") as folder:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_bytes(text.encode("utf-8", "surrogateescape"))
            paths.append(str(path))
        done = subprocess.run(
            [
                "git",
                "merge-file",
                "-p",
                f"--marker-size={marker_size}",
                "-L",
                "ours",
                "-L",
                "base",
                "-L",
                "theirs",
                *paths,
            ],
            capture_output=True,
        )
    if done.returncode < 0 or done.returncode > 127:
        raise SourceError(f"git merge-file failed: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode("utf-8", "surrogateescape"), done.returncode == 0


def merge_files(base: Path, ours: Path, theirs: Path, *, marker_size: int = 7) -> bool:
    """The merge driver: merge into ``ours`` (as git asks); True when clean."""

    def read(path: Path) -> str:
        return path.read_bytes().decode("utf-8", "surrogateescape")

    text, clean = merge_texts(read(base), read(ours), read(theirs), marker_size=marker_size)
    _write_atomic(ours, text)
    return clean
