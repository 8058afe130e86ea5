"""Which files a page names for the site to publish, and whether each stays inside the package.

The site publishes only files inside the package root. A page (a provision, or a hand-written page
in docs/) can name a file in these ways, all found by :func:`file_references`:

- the ``{download}`` role: ``{download}`\\`text <path>\\``` or ``{download}`\\`path\\```;
- a Markdown image ``![alt](path)``;
- a directive that reads or copies a file: ``{literalinclude}``, ``{include}``, ``{image}``,
  ``{figure}`` (the path is the argument), and any directive's ``:file:`` option (``{raw}``,
  ``{csv-table}``).

:func:`leaves_package` judges a path by its text alone (pure): absolute paths, ``~`` and paths that
climb above the package root are refused. The adapters and the site also resolve symlinks, which
only the file system can answer.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

_ROLE = re.compile(r"\{download\}`([^`]*)`")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)")
_FENCE = re.compile(
    r"^\s*(?:`{3,}|:{3,}|~{3,})\s*\{(literalinclude|include|image|figure)\}[ \t]*(\S.*)?$"
)
_FILE_OPTION = re.compile(r"^\s*:file:[ \t]*(\S.*)?$")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
FILE_DIRECTIVES = ("literalinclude", "include", "image", "figure")


@dataclass(frozen=True, slots=True, kw_only=True)
class FileReference:
    """A file named by a page: the line (from 1), how it is named, and the path as written."""

    line: int
    kind: str  # "download", "image", "literalinclude", ..., or ":file:"
    target: str

    def describe(self) -> str:
        if self.kind in ("download",):
            return f"the {{download}} role names '{self.target}'"
        if self.kind == "image":
            return f"the image names '{self.target}'"
        if self.kind == ":file:":
            return f"the directive's :file: option names '{self.target}'"
        return f"the {{{self.kind}}} directive names '{self.target}'"


def file_references(text: str) -> list[FileReference]:
    """Every file the Markdown ``text`` names for publishing, in order.

    >>> [(r.line, r.kind, r.target) for r in file_references(
    ...     "See {download}`the law <../../etc/passwd>`.\\n![seal](img/seal.png)\\n"
    ...     "```{literalinclude} /etc/hosts\\n```\\n")]
    [(1, 'download', '../../etc/passwd'), (2, 'image', 'img/seal.png'), (3, 'literalinclude', '/etc/hosts')]
    """
    found: list[FileReference] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _ROLE.finditer(line):
            content = match.group(1)
            inner = re.search(r"<([^<>]*)>\s*$", content)
            target = (inner.group(1) if inner else content).strip()
            found.append(FileReference(line=number, kind="download", target=target))
        for match in _IMAGE.finditer(line):
            target = match.group(1).strip("<>").strip()
            found.append(FileReference(line=number, kind="image", target=target))
        fence = _FENCE.match(line)
        if fence and fence.group(2):
            found.append(
                FileReference(line=number, kind=fence.group(1), target=fence.group(2).strip())
            )
        option = _FILE_OPTION.match(line)
        if option and option.group(1):
            found.append(FileReference(line=number, kind=":file:", target=option.group(1).strip()))
    return found


def is_remote(target: str) -> bool:
    """A URL (``https://...``) rather than a file: not a path the site copies."""
    return "://" in target


def anchored_reason(target: str) -> str | None:
    """Why ``target`` does not depend on where it is written (an absolute or a ``~`` path), which
    is refused wherever it would resolve; None for a relative path.

    >>> anchored_reason("/_static/x.png"), anchored_reason("img/x.png")
    ('it is an absolute path', None)
    """
    path = target.strip()
    if path.startswith("~"):
        return "it names a home directory"
    if path.startswith(("/", "\\")) or _DRIVE.match(path):
        return "it is an absolute path"
    return None


def leaves_package(target: str, base: str) -> str | None:
    """Why ``target``, written in a file in the package folder ``base`` (POSIX, relative to the
    package root, ``""`` for the root), names a place outside the package; None when it does not.

    >>> leaves_package("../README.md", "docs"), leaves_package("../../x", "docs")
    (None, 'it climbs above the package root')
    >>> leaves_package("/etc/passwd", "docs"), leaves_package("~/.ssh/id_rsa", "")
    ('it is an absolute path', 'it names a home directory')
    """
    path = target.strip().replace("\\", "/")
    if not path or is_remote(path):
        return None
    anchored = anchored_reason(target)
    if anchored is not None:
        return anchored
    joined = posixpath.normpath(posixpath.join(base or ".", path))
    if joined == ".." or joined.startswith("../"):
        return "it climbs above the package root"
    return None
