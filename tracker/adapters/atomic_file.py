"""Writing a file: where billtrack may write, and writing atomically there.

Every writer (``status set``, ``export -o``, ``diff -o``) goes through :func:`write_atomically`,
which first asks :func:`write_target` where the bytes may go. The rule, in one place:

- a frozen draft (anything under a package's ``drafts/``) is never written;
- an existing target must be a regular file: a directory, device, FIFO or socket is refused, never
  replaced;
- a symbolic link is written through (its final target replaced atomically, the link kept) only when
  that target lies inside the package root; otherwise, or when no package root is known, it is
  refused;
- the target's folder must exist.

Checks that can fail come before any byte is written. The data then go to a temporary file beside
the target, are flushed to disk, take the target's mode (or what a plain ``open`` would give), and
replace the target in one ``os.replace``; the directory is then flushed too. On any failure the
temporary file is removed and the original is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from tracker.core.errors import WriteError

DRAFTS_FOLDER = "drafts"
PACKAGE_MARKER = ("provisions", "bill.yaml")


def describe_os_error(exc: OSError) -> str:
    """A short reason for a failed write, in the words a user needs."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    return exc.strerror or exc.__class__.__name__


def default_mode(path: Path) -> int:
    """The existing file's permission bits, or what a plain ``open`` would give under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def frozen_draft_of(path: Path) -> tuple[Path, Path] | None:
    """``(package root, draft folder)`` when ``path`` (resolved) lies in a package's ``drafts/``.

    >>> frozen_draft_of(Path("/nonexistent/elsewhere/file.txt")) is None
    True
    """
    resolved = Path(os.path.realpath(path))
    for folder in (resolved, *resolved.parents):
        if folder.name == DRAFTS_FOLDER and folder.parent.joinpath(*PACKAGE_MARKER).is_file():
            inside = resolved.relative_to(folder).parts
            draft = folder / inside[0] if inside else folder
            return folder.parent, draft
    return None


def refuse_frozen_draft(path: Path, *, label: str | None = None) -> None:
    """Raise :class:`WriteError` when ``path`` lies in a frozen draft (see :func:`frozen_draft_of`)."""
    found = frozen_draft_of(path)
    if found is None:
        return
    package, draft = found
    raise WriteError(
        f"inside the frozen draft '{draft.name}' of the package at {package}; billtrack never "
        "writes into drafts/",
        path=label or str(path),
        hint=f"run the command on the package itself ('--root {package}'), or write elsewhere; "
        "a changed draft is a new draft ('billtrack draft cut')",
    )


def write_target(path: Path, *, root: Path | None, label: str | None = None) -> Path:
    """The file a write to ``path`` may replace, or :class:`WriteError` saying why none may.

    ``root`` is the package root a symbolic link must point into (None: links are refused).
    """
    name = label or str(path)
    refuse_frozen_draft(path, label=name)
    target = path
    if path.is_symlink():
        final = Path(os.path.realpath(path))
        inside = root is not None and final.is_relative_to(Path(os.path.realpath(root)))
        if not inside:
            where = "outside the package" if root is not None else "and no package is known"
            raise WriteError(
                f"a symbolic link to {final}, {where}; nothing was written",
                path=name,
                hint="write to the file itself, or to another path; billtrack follows links "
                "only to files inside the package",
            )
        target = final
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(
            f"cannot be written ({describe_os_error(exc)}); nothing was written",
            path=name,
            hint="check the path and its folders' permissions",
        ) from exc
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise WriteError(
            f"{_kind(info.st_mode)}, not a regular file; nothing was written",
            path=name,
            hint="give the path of a regular file (billtrack never replaces anything else)",
        )
    folder = target.absolute().parent
    if not folder.is_dir():
        raise WriteError(
            f"the folder {folder} does not exist; nothing was written",
            path=name,
            hint="create the folder first, or choose another path",
        )
    return target


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def write_atomically(
    path: Path,
    data: bytes,
    *,
    root: Path | None = None,
    label: str | None = None,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically, where :func:`write_target` allows it.

    ``root`` is the package root (a link ``path`` is written through only when it points inside).
    ``before_replace`` runs after the new bytes are safely on disk and just before the rename; it may
    raise (a :class:`WriteError`, say, when the target changed meanwhile) to abandon the write.
    ``label`` is how the file is named in messages.
    """
    name = label or str(path)
    path = write_target(path, root=root, label=name)
    folder = path.absolute().parent
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.chmod(temp, default_mode(path) if mode is None else mode)
        if before_replace is not None:
            before_replace()
        os.replace(temp, path)
        temp = None
        _fsync_directory(folder)
    except OSError as exc:
        raise WriteError(
            f"could not write {name} ({describe_os_error(exc)}); the original is intact",
            path=name,
            hint="free some space or fix the permissions, then run the command again",
        ) from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def write_output(path: Path, data: bytes, *, root: Path | None, overwrite: bool) -> None:
    """Write a command's output file (``export -o``, ``diff -o``): an existing path (a dangling
    link included) is refused unless ``overwrite``, then :func:`write_atomically` applies the rule.
    """
    if os.path.lexists(path) and not overwrite:
        raise WriteError(
            f"{path} already exists",
            path=str(path),
            hint="choose another file, or pass --force to replace it",
        )
    write_atomically(path, data, root=root)


def _fsync_directory(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
