"""A redline as Markdown (CommonMark and MyST) that the site or a README can include.

Struck text is ``<del>``, inserted text ``<ins>`` (inline HTML that CommonMark, MyST and GitHub all
pass through), each closed on the line it opens, so a paragraph never leaves a tag open. Text is
escaped for Markdown and HTML, and lines lose their indentation, so bill text can never turn into a
heading, a list, a code block, a role or raw HTML. With the amendments compared, a last part lists
the instructions changed and redlines each law section they touch. A thin renderer: everything
comes from the model.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from tracker.core.redline import DELETE, INSERT, Redline, Run, UnitRedline, split_lines
from tracker.render.redline_summary import summary_line
from tracker.render.terminal_text import printable

if TYPE_CHECKING:
    from tracker.core.amend.compare import AmendmentComparison

_INLINE = re.compile(r"([\\`*_\[\]{}<>#|~$])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def render_markdown(
    redline: Redline,
    *,
    heading_level: int = 1,
    changed_only: bool = True,
    amendments: AmendmentComparison | None = None,
) -> str:
    """The summary, then each changed unit (every unit with ``changed_only=False``), then the
    amendments' changes, if any."""
    marks = "#" * max(1, min(heading_level, 5))
    out = [
        f"{marks} Redline: {_escape(redline.old_label)} to {_escape(redline.new_label)}",
        "",
        _escape(summary_line(redline.summary)),
        "",
        "| unit | change | words inserted | words struck |",
        "| --- | --- | ---: | ---: |",
    ]
    changed = redline.changed_units
    for unit in changed:
        out.append(
            f"| {_cell(unit.title)} | {_cell(unit.describe())} | {unit.words_inserted}"
            f" | {unit.words_struck} |"
        )
    if not changed:
        out.append("| (none) | no differences | 0 | 0 |")
    if redline.front_matter:
        out += ["", f"{marks}# Front matter", "", "| key | old | new |", "| --- | --- | --- |"]
        out += [
            f"| {_cell(c.key)} | {_cell(c.old or '(absent)')} | {_cell(c.new or '(absent)')} |"
            for c in redline.front_matter
        ]
    for unit in redline.units:
        if changed_only and not unit.changed:
            continue
        out += ["", f"{marks}# {_escape(unit.title)}", "", f"*{_escape(unit.describe())}*", ""]
        if unit.subdivision_summary():
            out += [f"*{_escape(unit.subdivision_summary())}*", ""]
        out += _unit_lines(unit)
    if amendments is not None and not amendments.is_empty:
        out += _amendment_lines(amendments, marks)
    return printable("\n".join(out).rstrip("\n")) + "\n"  # controls and bidi shown escaped


def _amendment_lines(amendments: AmendmentComparison, marks: str) -> list[str]:
    from tracker.render import redline_amendments as words

    out = ["", f"{marks}# {words.TITLE}", "", _escape(words.amendments_line(amendments))]
    for change in amendments.instructions:
        out += ["", f"{marks}## {_escape(words.change_title(change))}", ""]
        out += [f"*{_escape(words.change_detail(change))}*"]
        if change.text_changed:
            out += ["", *_run_lines(change.runs)]
    for law in amendments.laws:
        out += ["", f"{marks}## {_escape(words.law_title(law))}", ""]
        out += [f"*{_escape(words.law_detail(law))}*", "", *_run_lines(law.runs)]
    return out


def _unit_lines(unit: UnitRedline) -> list[str]:
    return _run_lines(unit.runs)


def _run_lines(runs: tuple[Run, ...]) -> list[str]:
    lines: list[str] = []
    for line in split_lines(runs):
        pieces = []
        at_start = True
        for op, text in line:
            body = _escape(text.lstrip() if at_start else text)
            if not body:
                continue
            if at_start:
                body = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), body)
                at_start = False
            if op == DELETE:
                pieces.append(f"<del>{body}</del>")
            elif op == INSERT:
                pieces.append(f"<ins>{body}</ins>")
            else:
                pieces.append(body)
        lines.append("".join(pieces).rstrip())
    while lines and not lines[-1]:
        lines.pop()
    # A hard line break ("\\" at the end) keeps the bill's lines; a blank line ends a paragraph.
    return [
        line + "\\" if line and index + 1 < len(lines) and lines[index + 1] else line
        for index, line in enumerate(lines)
    ]


def _escape(text: str) -> str:
    return _INLINE.sub(r"\\\1", escape(text, quote=False))


def _cell(text: str) -> str:
    return _escape(text).replace("\n", " ")
