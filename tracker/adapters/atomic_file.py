"""Writing a file atomically: readers see the old bytes or the new ones, never a half-written file.

The data go to a temporary file beside the target, are flushed to disk, take the target's mode (or
what a plain ``open`` would give), and replace the target in one ``os.replace``; the directory is then
flushed too. On any failure the temporary file is removed and the original is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from tracker.core.errors import WriteError


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


def write_atomically(
    path: Path,
    data: bytes,
    *,
    label: str | None = None,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically.

    ``before_replace`` runs after the new bytes are safely on disk and just before the rename; it may
    raise (a :class:`WriteError`, say, when the target changed meanwhile) to abandon the write.
    ``label`` is how the file is named in messages.
    """
    name = label or str(path)
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


def _fsync_directory(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
