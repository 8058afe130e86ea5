"""Provision files: decoding, splitting front matter from the body, reading and writing them.

A provision file is UTF-8 Markdown that opens with a YAML front matter block between two ``---``
lines. Findings locate problems by file line; the body keeps its own first line so findings inside it
can be located too.

:func:`decode_text` is the first step for every file of a package (provisions, bill.yaml, order.yaml,
draft.yaml): besides empty, binary and non-UTF-8 data it refuses text holding a control character
(BT119: C0 controls but tab and line ends, DEL, C1 controls; a carriage return counts as a line end
only before a line feed), at the line of the first one, and text holding git's merge-conflict markers
(BT118), one finding per conflict at its ``<<<<<<<`` line. Such a file is not read any further, so
the YAML errors they would cause are not reported on top, nor at the wrong line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from tracker.adapters.text_decoding import (
    CONTROL_CHARACTERS,
    NotUtf8,
    decode_utf8,
    is_blank,
    looks_binary,
)
from tracker.adapters.yaml_reader import LocatedYaml, read_yaml
from tracker.core.errors import Finding, Severity
from tracker.core.model import HistoryEntry, Provision
from tracker.core.schema import read_front_matter

FENCE = "---"

_CONTROL = CONTROL_CHARACTERS
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR"}
_CONTROL_NAMES |= {0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI"}

# git writes 7 markers then a space and a label (or nothing); ||||||| opens the base in diff3 style
_CONFLICT = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?:[ \t].*)?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitFile:
    """A provision file cut in two: front matter text (without fences) and body."""

    front_matter: str
    body: str
    front_matter_line: int  # file line of the front matter's first line
    body_line: int  # file line of the body's first line


def decode_text(data: bytes, *, path: str) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 text; refuse empty, binary and non-UTF-8 files with a located finding."""
    if is_blank(data):
        return None, [
            _finding("BT111", path, 1, "the file is empty", "write its content or delete it")
        ]
    if looks_binary(data):
        return None, [
            _finding(
                "BT112", path, 1, "the file is binary, not text", "replace it with a text file"
            )
        ]
    try:
        text = decode_utf8(data)
    except NotUtf8 as exc:
        return None, [
            _finding(
                "BT110",
                path,
                exc.line,
                f"the file is not UTF-8 (byte 0x{exc.byte:02x} at column {exc.column})",
                "re-save the file as UTF-8",
            )
        ]
    text = text.replace("\r\n", "\n")
    control = control_finding(text, path=path)
    if control is not None:
        return None, [control]
    conflicts = conflict_findings(text, path=path)
    if conflicts:
        return None, conflicts
    return text, []


def control_finding(text: str, *, path: str) -> Finding | None:
    """BT119 at the first control character in ``text`` (line ends already ``\\n``), or None.

    >>> control_finding("title: A\\nowner: B. \\x1b[31mC\\n", path="x.md").format()
    'x.md:2: error BT119: control character U+001B (ESC) at column 11'
    """
    match = _CONTROL.search(text)
    if match is None:
        return None
    start = match.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    code = ord(match.group())
    name = _CONTROL_NAMES.get(code)
    shown = f"U+{code:04X}" + (f" ({name})" if name else "")
    more = len(_CONTROL.findall(text)) - 1
    others = f" (and {more} more in the file)" if more else ""
    return _finding(
        "BT119",
        path,
        line,
        f"control character {shown} at column {column}{others}",
        "a package's text holds no control characters but tabs and line ends: delete it; "
        "'grep -nP \"[\\x00-\\x08\\x0b-\\x1f\\x7f]\" FILE' lists them",
    )


def conflict_findings(text: str, *, path: str) -> list[Finding]:
    """One BT118 finding per merge conflict left in ``text`` (``<<<<<<<`` ... ``>>>>>>>``).

    A ``=======`` line counts only inside an open conflict (elsewhere it may underline a heading);
    a stray ``>>>>>>>`` or ``|||||||`` with no opening marker is a conflict of its own.
    """
    findings: list[Finding] = []
    opened: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        match = _CONFLICT.match(line)
        if match is None:
            continue
        marker = match.group(1)[0]
        if marker == "<":
            if opened is not None:
                findings.append(_conflict(path, opened, None))
            opened = number
        elif marker == ">":
            findings.append(_conflict(path, opened or number, number))
            opened = None
        elif opened is None and marker == "|":
            findings.append(_conflict(path, number, None))
    if opened is not None:
        findings.append(_conflict(path, opened, None))
    return findings


def _conflict(path: str, start: int, end: int | None) -> Finding:
    where = f" (lines {start}-{end})" if end is not None and end != start else ""
    return _finding(
        "BT118",
        path,
        start,
        f"unresolved merge conflict{where}",
        "keep the right text, delete the <<<<<<<, ======= and >>>>>>> lines, then run "
        "'billtrack check' again",
    )


def split_front_matter(text: str, *, path: str) -> tuple[SplitFile | None, list[Finding]]:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None, [
            _finding(
                "BT114",
                path,
                1,
                "the file does not open with front matter ('---' on line 1)",
                "start the file with '---', the front matter keys, and a closing '---'",
            )
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return (
                SplitFile(
                    front_matter="\n".join(lines[1:index]),
                    body="\n".join(lines[index + 1 :]),
                    front_matter_line=2,
                    body_line=index + 2,
                ),
                [],
            )
    return None, [
        _finding(
            "BT114",
            path,
            1,
            "the front matter is never closed",
            "add a line '---' after the last front matter key",
        )
    ]


def read_front_matter_file(
    data: bytes, *, path: str
) -> tuple[tuple[SplitFile, LocatedYaml] | None, list[Finding]]:
    """A Markdown file with YAML front matter (a provision, a law file): its parts and the front
    matter read strictly (an empty one as an empty mapping), or None with what stopped it."""
    text, findings = decode_text(data, path=path)
    if text is None:
        return None, findings
    split, findings = split_front_matter(text, path=path)
    if split is None:
        return None, findings
    located, findings = read_yaml(split.front_matter, path=path, first_line=split.front_matter_line)
    if located is None:
        return None, findings
    if located.data is None:
        located = LocatedYaml({}, {(): split.front_matter_line})
    return (split, located), findings


def read_provision(
    provision_id: str, data: bytes, *, path: str
) -> tuple[Provision | None, list[Finding]]:
    """Read one provision file into a record, with every problem found on the way."""
    read, findings = read_front_matter_file(data, path=path)
    if read is None:
        return None, findings
    split, located = read
    values, more = read_front_matter(located, path)
    findings = [*findings, *more]
    if values is None:
        if not isinstance(located.data, dict):
            findings = [
                _finding(
                    "BT113",
                    path,
                    split.front_matter_line,
                    "the front matter is not a mapping",
                    "write the front matter as 'key: value' lines",
                )
                if f.code == "BT105" and f.line == split.front_matter_line
                else f
                for f in findings
            ]
        return None, findings
    lines = {str(path_[0]): line for path_, line in located.lines.items() if len(path_) == 1}
    provision = Provision(
        id=provision_id,
        path=path,
        title=str(values.get("title") or ""),
        implements=values.get("implements") or (),  # type: ignore[arg-type]
        status=str(values.get("status") or ""),
        owner=_text(values.get("owner")),
        summary=_text(values.get("summary")),
        history=values.get("history") or (),  # type: ignore[arg-type]
        fingerprint=_text(values.get("fingerprint")),
        body=split.body,
        body_line=split.body_line,
        lines=lines,
    )
    return provision, findings


def render_provision(provision: Provision) -> str:
    """Write a provision record as a file (used to create new provisions; edits keep bytes)."""
    front: dict[str, object] = {"title": provision.title}
    if provision.implements:
        front["implements"] = list(provision.implements)
    front["status"] = provision.status
    if provision.owner is not None:
        front["owner"] = provision.owner
    if provision.summary is not None:
        front["summary"] = provision.summary
    if provision.fingerprint is not None:
        front["fingerprint"] = provision.fingerprint
    if provision.history:
        front["history"] = [history_mapping(entry) for entry in provision.history]
    text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100)
    body = provision.body if provision.body.startswith("\n") else "\n" + provision.body
    return f"{FENCE}\n{text}{FENCE}\n{body}"


def history_mapping(entry: HistoryEntry) -> dict[str, object]:
    mapping: dict[str, object] = {
        "date": entry.date,
        "from": entry.from_status,
        "to": entry.to_status,
        "author": entry.author,
        "note": entry.note,
    }
    if entry.forced:
        mapping["forced"] = True
    if entry.owner is not None:
        mapping["owner"] = entry.owner
    return mapping


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _finding(code: str, path: str, line: int, message: str, hint: str | None = None) -> Finding:
    return Finding(
        code=code, severity=Severity.ERROR, path=path, line=line, message=message, hint=hint
    )
