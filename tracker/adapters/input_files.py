"""Reading a file a person gave billtrack: only regular files, and never more than a size limit.

Every file billtrack reads from the user goes through :func:`read_input_bytes`: the import sources
(USLM XML, GPO text), the package's provision and YAML files, and the file sides of ``billtrack
diff``. It refuses, before reading a byte of content:

- anything that is not a regular file: a directory, a FIFO, a socket or a device such as
  ``/dev/zero`` (which would never end). A FIFO is opened without blocking, so a pipe with no
  writer is refused at once instead of hanging;
- a file larger than the limit: ``BILLTRACK_MAX_INPUT_BYTES`` bytes (default 64 MiB, sixteen times
  the largest omnibus bill GPO publishes). The size is checked on the opened file and no more than
  limit + 1 bytes are ever read, so a file that grows while it is read is refused too.

A refusal is an :class:`InputFileError` naming the file, with the fix.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tracker.core.errors import BilltrackError, Finding, Severity

#: The environment variable that sets the limit, in bytes.
LIMIT_VARIABLE = "BILLTRACK_MAX_INPUT_BYTES"
#: The limit when the variable is not set: 64 MiB.
DEFAULT_LIMIT = 64 * 1024 * 1024

_READ_CHUNK = 1024 * 1024


class InputFileError(BilltrackError):
    """A file billtrack refuses to read: not a regular file, too large, or unreadable."""

    def finding(self, path: str, *, hint: str | None = None) -> Finding:
        """The refusal as a package finding (BT804) at ``path``; ``hint`` replaces the default."""
        return Finding(
            code="BT804",
            severity=Severity.ERROR,
            path=path,
            line=None,
            message=self.message,
            hint=hint or self.hint,
        )


def input_limit() -> int:
    """The size limit in bytes: ``BILLTRACK_MAX_INPUT_BYTES``, or 64 MiB when unset."""
    raw = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_LIMIT
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 1:
        raise InputFileError(
            f"{LIMIT_VARIABLE}={raw[:40]!r} is not a positive number of bytes",
            hint=f"set it to a whole number such as {DEFAULT_LIMIT}, or unset it",
        )
    return value


def read_input_bytes(
    path: Path | str, *, label: str | None = None, limit: int | None = None
) -> bytes:
    """The bytes of the regular file ``path``, refused if larger than ``limit`` (default:
    :func:`input_limit`). ``label`` names the file in messages (default: the path)."""
    name = label or str(path)
    limit = input_limit() if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputFileError(
            f"cannot read it: {exc.strerror or exc}",
            path=name,
            hint="check the path and its permissions",
        ) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(name, info.st_mode)
        if info.st_size > limit:
            raise _too_large(name, info.st_size, limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _too_large(name, None, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError(
            f"cannot read it: {exc.strerror or exc}", path=name, hint="check the file"
        ) from exc
    finally:
        os.close(fd)


def _too_large(name: str, size: int | None, limit: int) -> InputFileError:
    actual = f"{size:,} bytes" if size is not None else "more than that"
    return InputFileError(
        f"larger than the input limit of {limit:,} bytes ({actual})",
        path=name,
        hint=f"raise the limit with {LIMIT_VARIABLE}=BYTES if the file is genuine",
    )


def not_regular(name: str, mode: int) -> InputFileError:
    """The refusal of ``name``, which is not a regular file but what ``mode`` says."""
    kind = file_kind(mode)
    if stat.S_ISDIR(mode):
        hint = "a folder cannot stand for a file: move it away and put the file in its place"
    else:
        hint = "give the path of a regular file (copy a stream to a file first)"
    return InputFileError(
        f"{kind}, not a regular file: billtrack reads only regular files", path=name, hint=hint
    )


def file_kind(mode: int) -> str:
    """What an entry of ``mode`` (from ``os.stat``) is, in words: "a directory", "a FIFO"..."""
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((label for test, label in kinds if test(mode)), "not a regular file")
