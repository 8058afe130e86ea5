"""What ``billtrack pdf`` and ``billtrack docx`` share: which package to print, and where the
document goes (a file, written atomically, or standard output when it is not a terminal)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.core.model import Package

STDOUT = Path("-")


def print_package(spec: str | None, draft_name: str | None, *, root: Path | None) -> Package:
    """The package named by a version spec, a draft name, or else the working tree; refused when it
    has errors (the message names the first, as every reading command does)."""
    from tracker.adapters.loader import find_root, load_draft, load_package, require_valid
    from tracker.core.errors import SourceError

    if spec is not None:
        from tracker.adapters.versions import resolve_version

        version = resolve_version(spec, root=root)
        if version.package is None:
            raise SourceError(
                f"{spec} is one text file, not a version of a package; a printed bill needs the "
                "package's bill.yaml and provisions",
                path=spec,
                hint="give a draft, git:REV, 'worktree' or a package folder",
            )
        return version.package
    package_root = find_root(root)
    package = load_draft(package_root, draft_name) if draft_name else load_package(package_root)
    return require_valid(package, action="print it again")


def package_root(root: Path | None) -> Path | None:
    """The package a link given to -o may point into (None outside a package: links refused)."""
    from tracker.adapters.loader import find_root
    from tracker.core.errors import PackageNotFoundError

    try:
        return find_root(root)
    except PackageNotFoundError:
        return None


def write_document(
    data: bytes, output: Path | None, *, default: Path, root: Path | None
) -> Path | None:
    """Write a binary document to ``output`` (``default`` when None) atomically, or to standard
    output for ``-``, which is refused on a terminal. Returns the path written, None for stdout."""
    from tracker.core.errors import InvalidValueError

    if output == STDOUT:
        from tracker.cli.options import binary_stdout

        stream = binary_stdout()
        if stream.isatty():
            raise InvalidValueError(
                "refusing to write a binary document to the terminal",
                hint="give -o FILE, or redirect standard output to a file or a pipe",
            )
        stream.write(data)
        stream.flush()
        return None
    from tracker.adapters.atomic_file import write_output

    path = output or default
    write_output(path, data, root=root, overwrite=True)
    return path
