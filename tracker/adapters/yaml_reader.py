"""Reading YAML strictly, with the line of every key and value.

PyYAML keeps the last of two duplicate keys without a word and expands aliases (the way alias bombs
work). This reader composes the document into nodes (never expanding anything), refuses anchors and
aliases outright, reports duplicate keys, and returns plain Python values beside a map from each
value's path (``("contents", 2, "title")``) to its 1-based line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from tracker.core.errors import Finding, Severity

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s]")

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
    offset = first_line - 1
    findings: list[Finding] = []
    try:
        if _MAYBE_ANCHOR.search(text):
            alias = _first_anchor_or_alias(text)
            if alias is not None:
                line, column, what = alias
                return None, [
                    Finding(
                        code="BT103",
                        severity=Severity.ERROR,
                        path=path,
                        line=line + offset,
                        message=f"YAML {what} at column {column} are not allowed",
                        hint="write the value out in full; anchors and aliases are refused",
                    )
                ]
        node = yaml.compose(text, Loader=_Loader)
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
    data = _convert(node, (), lines, offset, constructor, findings, path)
    return LocatedYaml(data, lines), findings


def _first_anchor_or_alias(text: str) -> tuple[int, int, str] | None:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1, event.start_mark.column + 1, "aliases (*name)"
        if getattr(event, "anchor", None):
            return event.start_mark.line + 1, event.start_mark.column + 1, "anchors (&name)"
    return None


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
            key = constructor.construct_object(key_node)
            if not isinstance(key, str | int | bool) and key is not None:
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
    return constructor.construct_object(node)
