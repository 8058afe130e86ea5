"""Cutting a draft: freezing ``provisions/`` (and ``law/``, when there is one) into ``drafts/<name>/``,
atomically.

The draft is built in a hidden temporary folder under ``drafts/`` (``.<name>.<random>.partial``,
:data:`PARTIAL_DRAFT`) and renamed into place in one step, so
``drafts/<name>/`` either does not exist or is complete: a failure half-way leaves nothing behind.
The cutting process holds a lock on that folder; a folder of that name whose lock nobody holds was
left by a cut that was killed, and the next cut removes it (nothing else is ever removed).
A draft never changes after it is cut, so an existing name is refused; its draft.yaml records the
``content_sha256`` of what was frozen, so ``billtrack check`` sees a later change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks
    fcntl = None  # type: ignore[assignment]

from tracker.adapters.front_matter_edit import yaml_scalar
from tracker.adapters.loader import DRAFT_FILE, DRAFTS_DIR, list_drafts
from tracker.core.errors import SourceError, UnknownNameError, WriteError
from tracker.core.ids import require_legal_name
from tracker.core.law import LAW_DIR
from tracker.core.model import STAGE_NAMES, DraftInfo, Package, Stage
from tracker.core.schema import did_you_mean

PROVISIONS_DIR = "provisions"
# tempfile.mkdtemp(prefix=".NAME.", suffix=".partial"): eight characters of [a-z0-9_] in between
PARTIAL_DRAFT = re.compile(r"\.(?P<name>[a-z0-9][a-z0-9-]*)\.[a-z0-9_]{8}\.partial")


def draft_content_sha256(folder: Path) -> str:
    """The fingerprint of a draft's frozen provisions and law, as draft.yaml records it
    (``content_sha256``).

    The SHA-256 of the listing ``sha256sum`` prints for every file under ``folder/provisions`` and
    ``folder/law`` sorted by path (``<hex>  law/<file>``, ``<hex>  provisions/<file>`` lines), so
    in a shell, inside ``drafts/NAME``:
    ``find provisions $(ls -d law 2>/dev/null) -type f | LC_ALL=C sort | xargs sha256sum | sha256sum``.
    A draft without ``law/`` has the fingerprint of its provisions alone, as drafts cut before
    law/ existed recorded it.
    """
    files = sorted(
        (p.relative_to(folder).as_posix(), p)
        for base in (folder / PROVISIONS_DIR, folder / LAW_DIR)
        for p in base.rglob("*")
        if p.is_file()
    )
    listing = "".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n" for name, path in files
    )
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def parse_stage(value: str) -> str:
    """The stage as it will be written (a stage name or GPO version code, lower case)."""
    text = value.strip().lower()
    try:
        Stage.parse(text)
    except ValueError:
        guess = did_you_mean(text, STAGE_NAMES)
        raise UnknownNameError(
            f"unknown stage '{value}'",
            hint=(f"did you mean '{guess}'? " if guess else "")
            + f"stages: {', '.join(STAGE_NAMES)}",
        ) from None
    return text


def require_no_errors(package: Package) -> None:
    """Refuse to freeze a bill with errors: a circulated draft should pass ``billtrack check``."""
    if not package.errors:
        return
    first = package.errors[0]
    more = f" (and {len(package.errors) - 1} more)" if len(package.errors) > 1 else ""
    raise WriteError(
        f"the bill has errors, so no draft was cut: {first.code}: {first.message}{more}",
        path=first.path,
        line=first.line,
        hint="run 'billtrack check', fix what it lists, then cut the draft",
    )


def draft_yaml(
    *,
    name: str,
    stage: str,
    date: dt.date,
    commit: str | None,
    dirty: bool,
    note: str | None,
    content_sha256: str | None = None,
) -> str:
    """The text of draft.yaml, keys in the documented order; a note is a literal block.

    >>> print(draft_yaml(name="introduced", stage="ih", date=dt.date(2026, 5, 12), commit=None,
    ...                  dirty=False, note="Introduced print."), end="")
    name: introduced
    stage: ih
    date: 2026-05-12
    commit: null
    dirty: false
    note: |
      Introduced print.
    """
    lines = [
        f"name: {name}",
        f"stage: {stage}",
        f"date: {date.isoformat()}",
        f"commit: {yaml_scalar(commit)}",
        f"dirty: {yaml_scalar(dirty)}",
    ]
    if content_sha256 is not None:
        lines.append(f"content_sha256: {content_sha256}")
    text = _clean_note(note)
    if text is None:
        lines.append("note: null")
    elif _literal_safe(text):
        lines.append("note: |")
        lines += [f"  {line}" if line else "" for line in text.split("\n")]
    else:
        lines.append(f"note: {yaml_scalar(text)}")
    return "\n".join(lines) + "\n"


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    lines = [line.rstrip() for line in note.replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip("\n")
    return text or None


def _literal_safe(text: str) -> bool:
    return not text[0].isspace() and all(ch == "\n" or ch.isprintable() for ch in text)


def cut_draft(
    root: Path,
    name: str,
    stage: str,
    note: str | None = None,
    *,
    date: dt.date,
    commit: str | None,
    dirty: bool,
) -> DraftInfo:
    """Freeze ``root/provisions`` (and ``root/law``) into ``root/drafts/<name>`` with its draft.yaml.

    ``commit`` and ``dirty`` describe the tree it was cut from (see ``git_repo.build_revision``).
    Raises :class:`InvalidNameError` for an illegal name, :class:`UnknownNameError` for an unknown
    stage and :class:`WriteError` when the draft exists or cannot be written (nothing is left).
    """
    require_legal_name(name, what="draft name")
    stage_text = parse_stage(stage)
    source = root / PROVISIONS_DIR
    folder = root / DRAFTS_DIR
    target = folder / name
    label = f"{DRAFTS_DIR}/{name}"
    if target.exists() or target.is_symlink():
        raise WriteError(
            f"draft '{name}' already exists; a draft never changes after it is cut",
            path=label,
            hint="choose another name (drafts are listed by 'billtrack draft list')",
        )
    temp: Path | None = None
    digest: str | None = None
    try:
        folder.mkdir(exist_ok=True)
        remove_interrupted_cuts(root)
        temp = Path(tempfile.mkdtemp(dir=folder, prefix=f".{name}.", suffix=".partial"))
        with _held(temp):
            copy_tree(source, temp / PROVISIONS_DIR)
            if (root / LAW_DIR).is_dir() and not (root / LAW_DIR).is_symlink():
                copy_tree(root / LAW_DIR, temp / LAW_DIR)  # the law the bill amends, as it stood
            digest = draft_content_sha256(temp)
            text = draft_yaml(
                name=name,
                stage=stage_text,
                date=date,
                commit=commit,
                dirty=dirty,
                note=note,
                content_sha256=digest,
            )
            _write_file(temp / DRAFT_FILE, text.encode("utf-8"))
            _fsync(temp)
            os.rename(temp, target)  # fails if the name was taken meanwhile: never merges drafts
            temp = None
        _fsync(folder)
    except OSError as exc:
        reason = "it already exists" if target.exists() else (exc.strerror or str(exc))
        raise WriteError(
            f"could not cut draft '{name}': {reason}; nothing was left behind",
            path=label,
            hint="fix the problem (disk space, permissions) and cut the draft again",
        ) from exc
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return DraftInfo(
        name=name,
        stage=Stage.parse(stage_text),
        date=date,
        commit=commit,
        dirty=dirty,
        note=_clean_note(note),
        path=f"{label}/{DRAFT_FILE}",
        content_sha256=digest,
    )


def interrupted_cuts(root: Path) -> list[Path]:
    """The folders under ``drafts/`` named as a cut's temporary folder whose cut no longer runs."""
    folder = root / DRAFTS_DIR
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        partial = PARTIAL_DRAFT.fullmatch(entry.name) and not entry.is_symlink()
        if partial and entry.is_dir() and not _in_use(entry):
            found.append(entry)
    return found


def remove_interrupted_cuts(root: Path) -> list[str]:
    """Remove what killed cuts left (only folders :func:`interrupted_cuts` names); their names."""
    removed: list[str] = []
    for entry in interrupted_cuts(root):
        shutil.rmtree(entry)
        removed.append(f"{DRAFTS_DIR}/{entry.name}")
    return removed


@contextlib.contextmanager
def _held(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` while a cut builds it (released when the process dies)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)


def _in_use(folder: Path) -> bool:
    """Whether a running cut holds ``folder``'s lock (without locks: whether it is under an hour old)."""
    if fcntl is None:  # pragma: no cover - Windows
        import time

        return time.time() - folder.stat().st_mtime < 3600
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def copy_tree(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` byte for byte (contents only; not the editor's temp files)."""
    target.mkdir()
    for entry in sorted(source.iterdir()):
        if entry.name.startswith(".") and entry.name.endswith(".tmp"):
            continue  # an interrupted 'status set' left its temporary file
        if entry.is_dir() and not entry.is_symlink():
            copy_tree(entry, target / entry.name)
        elif entry.is_file():
            _write_file(target / entry.name, entry.read_bytes())
    _fsync(target)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# The versions a changelog compares ---------------------------------------------------------------


def changelog_versions(
    root: Path, old: str | None, new: str | None
) -> tuple[Package, Package] | None:
    """The packages a changelog compares, named as ``billtrack diff`` names versions (a draft,
    ``git:<rev>``, ``worktree``, a package directory): OLD defaults to the latest draft, NEW to the
    working tree. None when OLD is not given and there are no drafts yet.
    """
    from tracker.adapters.versions import resolve_pair

    if old is None and not list_drafts(root, strict=True):
        return None
    older, newer = resolve_pair(old, new, root=root)
    for version in (older, newer):
        if version.package is None:
            raise SourceError(
                f"{version.label} is a single file; a changelog compares versions of the package",
                hint="name a draft, 'git:<revision>', 'worktree' or a package directory",
            )
    assert older.package is not None and newer.package is not None
    return older.package, newer.package
