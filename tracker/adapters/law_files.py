"""The ``law/`` folder: reading its files into records, and adding sections to it.

A law file is ``law/<name>.md``, the name from the citation (:func:`tracker.core.law.law_file_name`:
``34 U.S.C. 10152`` -> ``law/34-usc-10152.md``): UTF-8 Markdown with YAML front matter, read
strictly (:mod:`tracker.core.law_schema`), and a body of quoted law in the enumerator grammar of
provisions. A package without ``law/`` has no law sections, and that is fine.

- :func:`load_law`: every file of ``law/`` as a :class:`LawFolder` (records and findings);
- :func:`law_findings`: what ``billtrack check`` reports about ``law/`` (reading and BT902-BT904);
- :func:`add_law`: ``billtrack law add``: one section from a source file into ``law/``, atomically,
  refusing to replace a file unless asked (and then recording the new release point);
- :func:`render_law_file`: a record as the text of its file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from tracker.adapters.atomic_file import write_atomically
from tracker.adapters.input_files import InputFileError, input_limit, read_input_bytes
from tracker.adapters.provision_files import read_front_matter_file
from tracker.core.errors import Finding, InvalidPackageError, Severity, WriteError
from tracker.core.ids import is_legal_name
from tracker.core.law import (
    LAW_DIR,
    LawSection,
    check_law,
    law_file_name,
    normalize_body,
    release_point,
    revise_law_section,
)
from tracker.core.law_schema import read_law_section


@dataclass(frozen=True, slots=True, kw_only=True)
class LawFolder:
    """The sections of ``law/`` that could be read, by citation, and every finding about the folder."""

    sections: tuple[LawSection, ...]
    findings: tuple[Finding, ...]

    def by_citation(self) -> dict[str, LawSection]:
        return {section.citation: section for section in self.sections}


@dataclass(frozen=True, slots=True, kw_only=True)
class AddedLaw:
    """What ``billtrack law add`` did: the section written, the one it replaced (if any), and
    whether the file was already exactly this (then nothing was written)."""

    section: LawSection
    replaced: LawSection | None
    unchanged: bool


def read_law_file(data: bytes, *, path: str, name: str) -> tuple[LawSection | None, list[Finding]]:
    """Read one law file's bytes into a record, with every problem found on the way."""
    read, findings = read_front_matter_file(data, path=path)
    if read is None:
        return None, findings
    split, located = read
    lines = {str(key[0]): line for key, line in located.lines.items() if len(key) == 1}
    section, more = read_law_section(
        located, path=path, name=name, body=split.body, body_line=split.body_line, lines=lines
    )
    return section, [*findings, *more]


def read_law_files(root: Path) -> tuple[dict[str, bytes], list[Finding]]:
    """The bytes of each ``law/*.md`` by package path, and the findings for what is refused.

    Files are read with :func:`~tracker.adapters.input_files.read_input_bytes` (regular files
    within the size limit; BT804 otherwise). Anything else in ``law/`` (another name, a folder, a
    symlink), or a ``law`` that is no folder of the package, is BT909.
    """
    files: dict[str, bytes] = {}
    findings: list[Finding] = []
    limit = input_limit()  # a bad BILLTRACK_MAX_INPUT_BYTES stops the command here
    folder = root / LAW_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return files, [_not_law(LAW_DIR, "'law' is not a folder of the package")]
    if not folder.is_dir():
        return files, findings
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = f"{LAW_DIR}/{entry.name}"
            stem = entry.name[:-3] if entry.name.endswith(".md") else None
            if entry.name.startswith(".") and stem is None:
                continue  # .gitkeep, editor files
            if stem is None or not is_legal_name(stem) or entry.is_symlink() or entry.is_dir():
                findings.append(
                    _not_law(
                        path,
                        f"'{entry.name}' is not a law file (law/<name>.md, the name from the "
                        "citation)",
                    )
                )
                continue
            try:
                files[path] = read_input_bytes(entry.path, label=path, limit=limit)
            except InputFileError as exc:
                findings.append(exc.finding(path))
    return files, findings


def _not_law(path: str, message: str) -> Finding:
    return Finding(
        code="BT909",
        severity=Severity.ERROR,
        path=path,
        line=None,
        message=message,
        hint="law/ holds only the files 'billtrack law add' writes; move this away",
    )


def load_law(root: Path) -> LawFolder:
    """Every law file under ``root/law`` as records, with the reading and quoted-law findings."""
    files, findings = read_law_files(root)
    sections: list[LawSection] = []
    for path, data in files.items():
        section, problems = read_law_file(data, path=path, name=path[len(LAW_DIR) + 1 : -3])
        findings.extend(problems)
        if section is not None:
            sections.append(section)
    findings.extend(check_law(sections))
    return LawFolder(sections=tuple(sections), findings=tuple(findings))


def law_findings(root: Path) -> list[Finding]:
    """What ``billtrack check`` reports about ``law/`` (nothing when there is no such folder)."""
    return list(load_law(root).findings)


def render_law_file(section: LawSection) -> str:
    """The text of a law file: front matter (fixed key order), a blank line, the body."""
    front = yaml.safe_dump(
        section.front_matter(),
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return f"---\n{front}---\n\n{normalize_body(section.body)}"


def add_law(
    root: Path,
    source: Path,
    *,
    section: str | None = None,
    act_section: str | None = None,
    current_through: str | None = None,
    force: bool = False,
) -> AddedLaw:
    """Add the section of law in ``source`` to ``root/law`` (``billtrack law add``).

    The release point is ``current_through`` or the one the source names; one of them is needed.
    An existing file is replaced only with ``force`` (its text and release point then move to
    ``history``); the write is atomic and never leaves ``law/``.
    """
    from tracker.adapters.law_sources import read_law_source

    extract = read_law_source(source, section=section)
    point = _release_point(current_through, extract.current_through, str(source))
    name = law_file_name(extract.citation)
    folder = _law_folder(root)
    target = folder / f"{name}.md"
    label = f"{LAW_DIR}/{name}.md"
    previous: LawSection | None = None
    existing = b""
    if target.exists() or target.is_symlink():
        if not force:
            raise WriteError(
                f"the file of {extract.citation} already exists",
                path=label,
                hint="pass --force to replace it with this text; its release point and hash are "
                "kept in its history",
            )
        if target.is_symlink() or not target.is_file():
            raise WriteError("this is not a regular file", path=label, hint="move it away")
        existing = read_input_bytes(target, label=label)
        previous, findings = read_law_file(existing, path=label, name=name)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if previous is None or errors:
            raise InvalidPackageError(findings, action="fix the file or remove it")
    revised = revise_law_section(
        extract, act_section=act_section, current_through=point, previous=previous
    )
    text = render_law_file(revised)
    data = text.encode("utf-8")
    if previous is not None and existing == data:
        return AddedLaw(section=revised, replaced=previous, unchanged=True)
    folder.mkdir(exist_ok=True)
    write_atomically(target, data, label=label)
    return AddedLaw(section=revised, replaced=previous, unchanged=False)


def _release_point(given: str | None, named: str | None, source: str) -> str:
    if given is not None:
        point = release_point(given)
        if point is None:
            raise WriteError(
                f"'{given}' is not a release point",
                hint="write --current-through 'Public Law 116-155': the last public law the "
                "text takes into account",
            )
        return point
    if named is None:
        raise WriteError(
            f"{source} does not say which release point its text is current through",
            path=source,
            hint="name it with --current-through 'Public Law 116-155'",
        )
    return named


def _law_folder(root: Path) -> Path:
    """``root/law``, refused when it is a link or file that would lead writes elsewhere."""
    folder = root / LAW_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise WriteError(
            f"{LAW_DIR} in {root} is not a folder of the package",
            path=LAW_DIR,
            hint="law/ must be a plain folder inside the package",
        )
    return folder


__all__ = [
    "AddedLaw",
    "LawFolder",
    "add_law",
    "law_findings",
    "load_law",
    "read_law_file",
    "read_law_files",
    "render_law_file",
]
