"""The hand-written pages of the site (``docs/``), checked for files they would publish from outside
the package (BT802): what :mod:`tracker.core.publishing` finds, resolved on the file system, so a
path through a symlink that leads out of the package is refused as well as ``../../etc/passwd``.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.adapters.input_files import InputFileError, read_input_bytes
from tracker.core.errors import Finding, Severity
from tracker.core.publishing import FileReference, file_references, is_remote, leaves_package

DOCS_DIR = "docs"
SKIPPED = ("_generated", "_build")
HINT = (
    "the site publishes only files inside the package; copy the file in and name it by a "
    "relative path, or remove the reference"
)


def docs_findings(root: Path) -> list[Finding]:
    """BT802 for every file a page under ``root/docs`` names outside the package."""
    folder = root / DOCS_DIR
    if not folder.is_dir():
        return []
    findings: list[Finding] = []
    for page in sorted(folder.rglob("*.md")):
        relative = page.relative_to(root)
        if any(part in SKIPPED or part.startswith(".") for part in relative.parts[1:]):
            continue
        try:
            text = read_input_bytes(page, label=relative.as_posix()).decode("utf-8", "replace")
        except InputFileError:
            continue  # not a page billtrack can read; Sphinx reports it when it builds
        for reference in file_references(text):
            why = outside_reason(reference, root, page.parent)
            if why is not None:
                findings.append(
                    Finding(
                        code="BT802",
                        severity=Severity.ERROR,
                        path=relative.as_posix(),
                        line=reference.line,
                        message=f"{reference.describe()}, outside the package: {why}",
                        hint=HINT,
                    )
                )
    return findings


def outside_reason(reference: FileReference, root: Path, folder: Path) -> str | None:
    """Why the file ``reference`` names from a page in ``folder`` is outside the package ``root``
    (by its text, or where its symlinks lead); None when it is inside."""
    inside = Path(os.path.realpath(root))
    base = Path(os.path.realpath(folder))
    relative_base = base.relative_to(inside).as_posix() if _within(base, inside) else ".."
    why = leaves_package(reference.target, "" if relative_base == "." else relative_base)
    if why is not None or is_remote(reference.target) or not reference.target.strip():
        return why
    target = Path(os.path.realpath(base / reference.target.strip()))
    return None if _within(target, inside) else f"it leads out of the package (to {target})"


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
