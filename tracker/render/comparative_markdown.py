"""The amendment report and comparative print as Markdown (CommonMark, MyST, GitHub).

Struck text is ``\\[<del>struck</del>\\]`` (in brackets, struck through), new text ``<em>new</em>``
(italic), each change followed by ``<sup>`` naming the bill section that makes it; tags open and
close on one line, so no paragraph is left with one open. Text is escaped for Markdown and HTML and
lines lose their indentation, so law text never turns into a heading, a list, a role or raw HTML.
A thin renderer of :mod:`tracker.render.comparative_model`.
"""

from __future__ import annotations

import re
from html import escape

from tracker.render.comparative_model import (
    DELETE,
    ELISION,
    INSERT,
    LEGEND,
    ComparativePrint,
    InstructionRow,
    LawPrint,
    PrintLine,
)
from tracker.render.comparative_term import STATUS_WORD, summary_line

_INLINE = re.compile(r"([\\`*_\[\]{}<>#|~$])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def render_markdown(model: ComparativePrint, *, heading_level: int = 1) -> str:
    marks = "#" * max(1, min(heading_level, 4))
    out = [
        f"{marks} Changes in existing law: {_escape(model.title)}",
        "",
        _escape(summary_line(model)),
        "",
    ]
    out += [
        "| status | bill section | target | place | instruction |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in model.rows:
        out.append(_row(row))
    if not model.rows:
        out.append("| (none) | | | | |")
    notes = [row for row in model.rows if row.message or row.suggestion]
    if notes:
        out += ["", f"{marks}# Why", ""]
        for row in notes:
            text = f"**{_escape(row.section)}** ({_escape(row.id)}): {_escape(row.message)}"
            if row.suggestion:
                text += f" Suggestion, not applied: {_escape(row.suggestion)}"
            out.append(f"- {text}")
    if model.laws:
        out += ["", f"{marks}# Comparative print", "", f"*{_escape(LEGEND)}*"]
    for law in model.laws:
        out += ["", *_law(law, marks + "##")]
    return "\n".join(out).rstrip("\n") + "\n"


def _row(row: InstructionRow) -> str:
    target = row.citation or row.target or ""
    cells = [STATUS_WORD[row.status], row.section, target, f"{row.path}:{row.line}", row.id]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _law(law: LawPrint, marks: str) -> list[str]:
    heading = f"{law.citation}. {law.heading}" if law.heading else law.citation
    facts = [law.act_section, law.current_through and f"current through {law.current_through}"]
    facts.append("amended by " + ", ".join(dict.fromkeys(row.section for row in law.rows)))
    out = [
        f"{marks} {_escape(heading)}",
        "",
        "*" + _escape("; ".join(f for f in facts if f)) + "*",
        "",
    ]
    lines = [_line(line) for line in law.lines]
    # A hard line break ("\\" at the end) keeps the law's lines; a blank line ends a paragraph.
    out += [
        text + "\\" if text and index + 1 < len(lines) and lines[index + 1] else text
        for index, text in enumerate(lines)
    ]
    return out


def _line(line: PrintLine) -> str:
    if line.elided:
        return _escape(ELISION)
    pieces: list[str] = []
    for index, mark in enumerate(line.marks):
        text = mark.text.lstrip() if index == 0 else mark.text
        body = _escape(text)
        if index == 0:
            body = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), body)
        lead, core, trail = _split_space(body)
        if core and mark.op == DELETE:
            pieces.append(f"{lead}\\[<del>{core}</del>\\]{trail}")
        elif core and mark.op == INSERT:
            pieces.append(f"{lead}<em>{core}</em>{trail}")
        else:
            pieces.append(body)
        if mark.last and mark.row is not None:
            pieces.append(f"<sup>{_escape(mark.row.section)}</sup>")
    return "".join(pieces).rstrip()


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _escape(text: str) -> str:
    return _INLINE.sub(r"\\\1", escape(text, quote=False))


def _cell(text: str) -> str:
    return _escape(text).replace("\n", " ")
