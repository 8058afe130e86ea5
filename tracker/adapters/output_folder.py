"""Output folders: billtrack writes its site only into folders it made, and deletes only those.

A folder billtrack creates for output holds a marker file, :data:`MARKER`, saying so. The rules:

- an output folder is never the package root or one of its ancestors, never ``provisions/``,
  ``drafts/``, ``law/``, ``docs/`` or ``.git`` (or inside them), never another package's root or
  inside any package's ``drafts/``; symbolic links are resolved before comparing;
- an existing, non-empty folder without the marker is not billtrack's: it is refused, so a site is
  never mixed into someone's files. One exception keeps old checkouts working: a folder of the
  *default* layout (under ``ROOT/_build``) that has the file Sphinx leaves in it (``.buildinfo``,
  ``environment.pickle``, or the generated ``index.md``) was made by an earlier billtrack, and is
  adopted (marked) instead;
- ``--clean`` deletes a folder only when it passes all of the above and holds no ``.git`` and no
  package anywhere inside; every folder is checked before any is deleted.

Every refusal is a :class:`WriteError` naming the folder and the way out.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.adapters.atomic_file import describe_os_error, frozen_draft_of
from tracker.core.errors import WriteError

MARKER = ".billtrack-output"
MARKER_TEXT = (
    "This folder was made by 'billtrack build' and holds only what it generates.\n"
    "'billtrack build --clean' may delete it and everything in it: keep no other files here.\n"
)
PROTECTED = ("provisions", "drafts", "law", "docs", ".git")


@dataclass(frozen=True, slots=True, kw_only=True)
class OutputFolder:
    """A folder a build writes. ``signature``: the file an earlier billtrack left in it, by which a
    folder of the default layout (``default``) is recognised and adopted."""

    path: Path
    signature: str
    default: bool = False


def prepare_output_folders(
    folders: Sequence[OutputFolder],
    *,
    root: Path,
    clean: bool,
    before_writing: Callable[[], None] | None = None,
) -> None:
    """Check every folder, then (with ``clean``) empty them, then create and mark what is missing.

    Raises :class:`WriteError` before anything is deleted or written when one folder is refused.
    ``before_writing`` runs after every folder passed and before anything is deleted or created; it
    may raise to stop the build with nothing written.
    """
    package = Path(os.path.realpath(root))
    resolved = [(folder, Path(os.path.realpath(folder.path))) for folder in folders]
    for folder, path in resolved:
        _refuse_protected(path, package, shown=folder.path)
    for folder, path in resolved:
        _require_ours(folder, path)
        _require_creatable(path, shown=folder.path)
    if clean:
        for folder, path in resolved:
            _refuse_nested(path, shown=folder.path)
    if before_writing is not None:
        before_writing()
    if clean:
        for _, path in resolved:
            if path.is_dir():
                _remove(path)
    for folder, path in resolved:
        _create(path, shown=folder.path)


def is_marked(path: Path) -> bool:
    """Whether ``path`` is a folder billtrack made (it holds the marker as a regular file)."""
    marker = path / MARKER
    return marker.is_file() and not marker.is_symlink()


def _refuse_protected(path: Path, package: Path, *, shown: Path) -> None:
    if path == package or path in package.parents:
        what = "the package root" if path == package else "a folder that contains the package"
        _refuse(shown, f"it is {what}", "give a new folder for --out, such as _build/html")
    for name in PROTECTED:
        guarded = package / name
        if path == guarded or guarded in path.parents:
            _refuse(
                shown,
                f"it is {'' if path == guarded else 'inside '}the package's {name}/",
                "give a folder of its own for --out, such as _build/html",
            )
    if ".git" in path.parts:
        _refuse(shown, "it is inside a git repository's .git", "give another folder for --out")
    found = frozen_draft_of(path)
    if found is not None:
        _refuse(
            shown,
            f"it is inside the frozen drafts of the package at {found[0]}",
            "give a folder outside drafts/ for --out",
        )
    if (path / "provisions" / "bill.yaml").is_file() or (path / ".git").exists():
        _refuse(shown, "it holds a package or a git repository", "give another folder for --out")


def _require_ours(folder: OutputFolder, path: Path) -> None:
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        return  # _create reports what is in the way
    if not path.exists() or is_marked(path):
        return
    try:
        empty = not any(path.iterdir())
    except OSError as exc:
        raise WriteError(
            f"cannot read the output folder ({describe_os_error(exc)})",
            path=str(folder.path),
            hint="fix its permissions, or give another folder for --out",
        ) from exc
    if empty:
        return
    if folder.default and (path / folder.signature).is_file():
        _mark(path, shown=folder.path)  # made by an earlier billtrack: adopted
        return
    _refuse(
        folder.path,
        f"it is not empty and has no {MARKER} file, so billtrack did not make it",
        "give a new or empty folder for --out; if it holds only an old billtrack site, delete "
        "it yourself and build again",
    )


def _refuse_nested(path: Path, *, shown: Path) -> None:
    """Refuse to delete a folder that holds a git repository or a package anywhere inside."""
    if not path.is_dir():
        return
    for folder, subfolders, files in os.walk(path):
        here = Path(folder)
        if ".git" in subfolders or ".git" in files:
            _refuse(
                shown,
                f"--clean would delete the git repository in {here}",
                "move the repository out of the output folder, or build without --clean",
            )
        if (here / "provisions" / "bill.yaml").is_file():
            _refuse(
                shown,
                f"--clean would delete the package in {here}",
                "move the package out of the output folder, or build without --clean",
            )


def _remove(path: Path) -> None:
    try:
        shutil.rmtree(path)
    except OSError as exc:
        raise WriteError(
            f"could not clean the output folder ({describe_os_error(exc)})",
            path=str(path),
            hint="fix its permissions, or delete it yourself and build again",
        ) from exc


def _require_creatable(path: Path, *, shown: Path) -> None:
    """Refuse, before anything is written, a folder a file stands in the way of."""
    if path.is_dir():
        return
    if path.exists() or path.is_symlink():
        raise WriteError(
            "cannot create the output folder: a file is in the way",
            path=str(shown),
            hint="give a folder path for --out, or move the file",
        )
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise WriteError(
            f"cannot create the output folder: {parent} is a file, not a folder",
            path=str(shown),
            hint="give a path whose parents are folders, or move the file",
        )


def _create(path: Path, *, shown: Path) -> None:
    if path.is_dir() and is_marked(path):
        return
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise WriteError(
            "cannot create the output folder: a file is in the way",
            path=str(shown),
            hint="give a folder path for --out, or move the file",
        ) from exc
    except NotADirectoryError as exc:
        raise WriteError(
            "cannot create the output folder: a file is in the way of one of its parents",
            path=str(shown),
            hint="give a path whose parents are folders, or move the file",
        ) from exc
    except OSError as exc:
        raise WriteError(
            f"cannot create the output folder ({describe_os_error(exc)})",
            path=str(shown),
            hint="give a folder you may write to for --out, or fix the permissions",
        ) from exc
    _mark(path, shown=shown)


def _mark(path: Path, *, shown: Path) -> None:
    try:
        (path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    except OSError as exc:
        raise WriteError(
            f"cannot write into the output folder ({describe_os_error(exc)})",
            path=str(shown),
            hint="give a folder you may write to for --out, or fix the permissions",
        ) from exc


def _refuse(shown: Path, reason: str, hint: str) -> None:
    raise WriteError(
        f"billtrack will not write its site here: {reason}; nothing was changed",
        path=str(shown),
        hint=hint,
    )
