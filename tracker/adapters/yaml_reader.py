"""Reading YAML strictly, with the line of every key and value.

PyYAML keeps the last of two duplicate keys without a word and expands aliases (the way alias bombs
work). This reader composes the document into nodes (never expanding anything), refuses anchors and
aliases outright, reports duplicate keys, and returns plain Python values beside a map from each
value's path (``("contents", 2, "title")``) to its 1-based line.

What it refuses, each as one located finding:

- a syntax error (BT101), a document nested too deeply to read (BT101);
- anchors and aliases (BT103) and explicit tags (BT115: ``!local``, ``!!float``,
  ``!!python/object``, any ``!``): the file is not read at all, as for a syntax error;
- a scalar that names an impossible value (BT116): a date or time that does not exist
  (``2026-02-30``, ``25:61``), an integer too long to convert. That value alone is replaced by a
  :class:`~tracker.core.schema.RejectedValue`, which the schema skips without a second finding.

:data:`LOADER` is the one YAML loader of the package: the front matter editor composes with it
too, so ``check`` and ``status set`` agree on what is YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from tracker.adapters.text_decoding import CONTROL_CHARACTERS
from tracker.core.errors import Finding, Severity
from tracker.core.schema import RejectedValue

try:
    LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    LOADER = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
_MAYBE_SPECIAL = re.compile(r"(?:^|[\s\[{,:?-])[&*!]")

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LocatedYaml:
    """Plain values (dict, list, str, int, float, bool, None, date) and the line of each path."""

    data: object
    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        """The line of ``path``, or of its nearest located ancestor."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


class _Constructor(yaml.constructor.SafeConstructor):
    pass


def read_yaml(
    text: str, *, path: str, first_line: int = 1
) -> tuple[LocatedYaml | None, list[Finding]]:
    """Parse ``text`` strictly. ``first_line`` is the file line of the text's first line.

    Returns the located value (None when it could not be read) and the findings.
    """
    flat = _flat_mapping(text, first_line)
    if flat is not None:
        return flat, []
    offset = first_line - 1
    findings: list[Finding] = []
    try:
        if _MAYBE_SPECIAL.search(text):
            special = _first_special(text, path=path, offset=offset)
            if special is not None:
                return None, [special]
        node = yaml.compose(text, Loader=LOADER)
    except RecursionError:
        return None, [_too_deep(path, first_line)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        column = (mark.column + 1) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        where = f" at column {column}" if column else ""
        return None, [
            Finding(
                code="BT101",
                severity=Severity.ERROR,
                path=path,
                line=line,
                message=f"YAML syntax error{where}: {problem}",
                hint="fix the YAML syntax (check indentation, colons and quotes)",
            )
        ]
    except yaml.reader.ReaderError as exc:  # a character YAML cannot hold: located by position
        position = min(max(exc.position, 0), len(text))
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return None, [
            Finding(
                code="BT101",
                severity=Severity.ERROR,
                path=path,
                line=text.count("\n", 0, position) + first_line,
                message=f"YAML cannot hold the character U+{exc.character:04X} at column {column}",
                hint="delete it, or write it as an escape in a double-quoted string",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [
            Finding(
                code="BT101",
                severity=Severity.ERROR,
                path=path,
                line=first_line,
                message=f"YAML error: {exc}",
                hint="fix the YAML syntax",
            )
        ]
    if node is None:
        return LocatedYaml(None, {(): first_line}), findings
    constructor = _Constructor()
    lines: dict[Path, int] = {}
    try:
        data = _convert(node, (), lines, offset, constructor, findings, path)
    except RecursionError:
        return None, [_too_deep(path, first_line)]
    return LocatedYaml(data, lines), findings


#: A line ``key: value`` of a flat mapping whose value YAML reads as the text itself: a word of
#: lower-case letters as the key; as the value ``[]``, ``''`` or a phrase starting with a letter,
#: of letters, digits, single spaces and ``,.()'’—–-`` (no ``:``, ``#``, quote or bracket that
#: YAML reads otherwise), ending without a space.
_FLAT_LINE = re.compile(r"([a-z][a-z_]*): (\[\]|''|[A-Za-z](?:[A-Za-z0-9,.()'’—–-]| (?=[^ ]))*)")
#: Plain words YAML reads as a true or false value or as null (any case, to be safe).
_NOT_TEXT = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def _flat_mapping(text: str, first_line: int) -> LocatedYaml | None:
    """``text`` read without the YAML parser where it is a flat mapping of plain phrases and
    empty lists (an imported provision's front matter: title, implements, status), one key per
    line from its first line: what composing gives, or None for anything else (read as YAML)."""
    rows = text.split("\n")
    if rows[-1] == "":
        rows.pop()
    if not rows:
        return None
    data: dict[object, object] = {}
    lines: dict[Path, int] = {(): first_line}
    for number, row in enumerate(rows, start=first_line):
        match = _FLAT_LINE.fullmatch(row)
        if match is None:
            return None
        key, value = match.groups()
        if key in data or key in _NOT_TEXT or value.lower() in _NOT_TEXT:
            return None
        data[key] = [] if value == "[]" else "" if value == "''" else value
        lines[(key,)] = number
    return LocatedYaml(data, lines)


def _too_deep(path: str, line: int) -> Finding:
    return Finding(
        code="BT101",
        severity=Severity.ERROR,
        path=path,
        line=line,
        message="the YAML is nested too deeply to read",
        hint="write the structure flat: lists of mappings of plain values",
    )


def _first_special(text: str, *, path: str, offset: int) -> Finding | None:
    """The first anchor, alias or explicit tag, as the finding that refuses the file."""
    for event in yaml.parse(text, Loader=LOADER):
        line = event.start_mark.line + 1 + offset
        column = event.start_mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            what = "aliases (*name)"
        elif getattr(event, "anchor", None):
            what = "anchors (&name)"
        elif getattr(event, "tag", None):
            return Finding(
                code="BT115",
                severity=Severity.ERROR,
                path=path,
                line=line,
                message=f"YAML tag '{_short_tag(event.tag)}' at column {column} is not allowed",
                hint="remove the tag and write the plain value (quote text that looks like "
                "a number or a date)",
            )
        else:
            continue
        return Finding(
            code="BT103",
            severity=Severity.ERROR,
            path=path,
            line=line,
            message=f"YAML {what} at column {column} are not allowed",
            hint="write the value out in full; anchors and aliases are refused",
        )
    return None


def _short_tag(tag: str) -> str:
    """A tag as it was written: ``!!float`` for ``tag:yaml.org,2002:float``."""
    standard = "tag:yaml.org,2002:"
    return "!!" + tag[len(standard) :] if tag.startswith(standard) else tag


def _construct(
    node: yaml.Node, constructor: _Constructor, findings: list[Finding], path: str, line: int
) -> object:
    """The plain value of a scalar node, or a :class:`RejectedValue` (with a BT116 finding) when
    it names something impossible (2026-02-30, 25:61, a 5,000-digit number)."""
    try:
        # text (most values) is the node's own string: no constructor needed
        value = node.value if node.tag == _STR_TAG else constructor.construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:
        text = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        shown = text if len(text) <= 40 else f"{text[:20]}...({len(text)} characters)"
        kind = node.tag.rsplit(":", 1)[-1]
        what = {"timestamp": "date or time", "int": "whole number", "float": "number"}
        reason = f"{len(text)} digits is too many" if kind == "int" else str(exc)
        findings.append(
            Finding(
                code="BT116",
                severity=Severity.ERROR,
                path=path,
                line=line,
                message=f"'{shown}' is not a valid {what.get(kind, 'value')} ({reason})",
                hint="write a date that exists as YYYY-MM-DD"
                if kind == "timestamp"
                else "write a value in the documented range, or quote it to make it text",
            )
        )
        return RejectedValue(text=text)
    if isinstance(value, str) and (control := CONTROL_CHARACTERS.search(value)):
        code = ord(control.group())
        findings.append(
            Finding(
                code="BT119",
                severity=Severity.ERROR,
                path=path,
                line=line,
                message=f"the value holds the control character U+{code:04X} (written as an "
                "escape)",
                hint="delete the escape: a package's text holds no control characters but tabs "
                "and line ends",
            )
        )
        return RejectedValue(text=value)
    return value


def _convert(
    node: yaml.Node,
    where: Path,
    lines: dict[Path, int],
    offset: int,
    constructor: _Constructor,
    findings: list[Finding],
    path: str,
) -> object:
    lines[where] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if isinstance(key_node, yaml.ScalarNode):
                key = _construct(key_node, constructor, findings, path, key_line)
            else:
                key = f"<{type(key_node).__name__[:-4].lower()} at line {key_line}>"
            if isinstance(key, RejectedValue):
                key = key.text
            elif not isinstance(key, str | int | bool) and key is not None:
                key = str(key)
            if key in result:
                findings.append(
                    Finding(
                        code="BT102",
                        severity=Severity.ERROR,
                        path=path,
                        line=key_node.start_mark.line + 1 + offset,
                        message=f"duplicate key {key!r} (the first is on line "
                        f"{lines[(*where, str(key))]})",
                        hint="remove one of the two; YAML would silently keep only the last",
                    )
                )
                continue
            child: Path = (*where, str(key))
            lines[child] = key_node.start_mark.line + 1 + offset
            result[key] = _convert(value_node, child, lines, offset, constructor, findings, path)
            lines[child] = key_node.start_mark.line + 1 + offset
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*where, index), lines, offset, constructor, findings, path)
            for index, item in enumerate(node.value)
        ]
    return _construct(node, constructor, findings, path, lines[where])
