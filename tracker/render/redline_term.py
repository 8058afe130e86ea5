"""A redline for the terminal: section headings, ``[-struck-]`` and ``{+inserted+}`` markers.

The markers are always there, so the redline survives a pipe, a pager or a printer; colour (red for
struck, green for inserted) is added on top only when asked. Only changed units are shown, each with
a few lines of context around its changes. A thin renderer: everything comes from the model. Text
from the versions is made :func:`~tracker.render.terminal_text.printable` before it is painted.
"""

from __future__ import annotations

from tracker.core.redline import DELETE, INSERT, Redline, UnitRedline, split_lines
from tracker.render.redline_summary import summary_line
from tracker.render.terminal_text import printable

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
CYAN = "\x1b[36m"
ELISION = "   ..."


def render_term(redline: Redline, *, color: bool = False, context: int | None = 2) -> str:
    """The changed units with their runs marked; ``context`` lines around changes (None: all)."""
    paint = _Paint(color)
    out = [
        paint(BOLD, printable(f"redline {redline.old_label} -> {redline.new_label}")),
        summary_line(redline.summary),
    ]
    changed = redline.changed_units
    if not changed:
        out.append("no differences")
    for unit in changed:
        out.append("")
        out.append(paint(CYAN + BOLD, printable(f"== {unit.title} [{unit.describe()}]")))
        out.extend(_unit_lines(unit, paint, context))
    return "\n".join(out) + "\n"


def _unit_lines(unit: UnitRedline, paint: _Paint, context: int | None) -> list[str]:
    lines = split_lines(unit.runs)
    changed = [any(op != "equal" for op, _ in line) for line in lines]
    keep = [True] * len(lines)
    if context is not None and unit.kind not in ("inserted", "struck"):
        near = [False] * len(lines)
        for index, flag in enumerate(changed):
            if flag:
                for other in range(max(0, index - context), min(len(lines), index + context + 1)):
                    near[other] = True
        keep = [index == 0 or near[index] for index in range(len(lines))]
    out: list[str] = []
    skipped = False
    for index, line in enumerate(lines):
        if not keep[index]:
            skipped = True
            continue
        if skipped:
            out.append(paint(DIM, ELISION))
            skipped = False
        out.append("".join(_segment(op, text, paint) for op, text in line))
    if skipped:
        out.append(paint(DIM, ELISION))
    return out


def _segment(op: str, text: str, paint: _Paint) -> str:
    text = printable(text)
    if op == DELETE:
        return paint(RED, f"[-{text}-]")
    if op == INSERT:
        return paint(GREEN, f"{{+{text}+}}")
    return text


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color and text else text


def render_stat(redline: Redline, *, width: int = 40) -> str:
    """Only the summary, like ``git diff --stat``: one line per changed unit, then the totals."""
    changed = redline.changed_units
    rows = [
        (unit.title, str(unit.kind), unit.words_inserted, unit.words_struck) for unit in changed
    ]
    name_width = min(max((len(r[0]) for r in rows), default=0), 60)
    kind_width = max((len(r[1]) for r in rows), default=0)
    largest = max((r[2] + r[3] for r in rows), default=0)
    scale = min(1.0, width / largest) if largest else 1.0
    out = [f"redline {redline.old_label} -> {redline.new_label}"]
    for title, kind, inserted, struck in rows:
        name = title if len(title) <= name_width else title[: name_width - 3] + "..."
        plus = "+" * max(1 if inserted else 0, round(inserted * scale))
        minus = "-" * max(1 if struck else 0, round(struck * scale))
        count = inserted + struck
        out.append(f" {name:<{name_width}} | {kind:<{kind_width}} | {count:>5} {plus}{minus}")
    out.append(f" {summary_line(redline.summary)}")
    return printable("\n".join(out) + "\n")
