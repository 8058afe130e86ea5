"""A redline for the terminal: section headings, ``[-struck-]`` and ``{+inserted+}`` markers.

The markers are always there, so the redline survives a pipe, a pager or a printer; colour (red for
struck, green for inserted) is added on top only when asked. Only changed units are shown, each with
a few lines of context around its changes. With the amendments compared (``billtrack diff`` of two
packages with amendatory instructions), a last part lists the instructions changed and redlines each
law section as it would read. A thin renderer: everything comes from the model. Text from the
versions is made :func:`~tracker.render.terminal_text.printable` before it is painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.core.redline import DELETE, INSERT, Redline, Run, UnitRedline, split_lines
from tracker.render.redline_summary import summary_line
from tracker.render.terminal_text import printable

if TYPE_CHECKING:
    from tracker.core.amend.compare import AmendmentComparison

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
CYAN = "\x1b[36m"
ELISION = "   ..."


def render_term(
    redline: Redline,
    *,
    color: bool = False,
    context: int | None = 2,
    amendments: AmendmentComparison | None = None,
) -> str:
    """The changed units with their runs marked; ``context`` lines around changes (None: all);
    then the amendments' changes, if any."""
    paint = _Paint(color)
    out = [
        paint(BOLD, printable(f"redline {redline.old_label} -> {redline.new_label}")),
        summary_line(redline.summary),
    ]
    changed = redline.changed_units
    law_changed = amendments is not None and not amendments.is_empty
    if not changed and not law_changed and not redline.front_matter:
        out.append("no differences")
    if redline.front_matter:
        out += ["", paint(CYAN + BOLD, "== Front matter")]
        for change in redline.front_matter:
            old = "(absent)" if change.old is None else change.old
            new = "(absent)" if change.new is None else change.new
            out.append(printable(f"{change.key}: ") + _segment(DELETE, old, paint) + " "
                       + _segment(INSERT, new, paint))  # fmt: skip
    for unit in changed:
        out.append("")
        out.append(paint(CYAN + BOLD, printable(f"== {unit.title} [{unit.describe()}]")))
        if unit.subdivision_summary():
            out.append(paint(DIM, printable(f"   {unit.subdivision_summary()}")))
        out.extend(_unit_lines(unit, paint, context))
    if amendments is not None and law_changed:
        out.extend(_amendment_lines(amendments, paint, context))
    return "\n".join(out) + "\n"


def _amendment_lines(
    amendments: AmendmentComparison, paint: _Paint, context: int | None
) -> list[str]:
    from tracker.render import redline_amendments as words

    out = ["", paint(CYAN + BOLD, f"== {words.TITLE} [{words.amendments_line(amendments)}]")]
    for change in amendments.instructions:
        title = f"-- {words.change_title(change)}: {words.change_detail(change)}"
        out.append(paint(BOLD, printable(title)))
        if change.text_changed:
            out.extend(_run_lines(change.runs, paint, None))
    for law in amendments.laws:
        out.append(paint(BOLD, printable(f"-- {words.law_title(law)} [{words.law_detail(law)}]")))
        out.extend(_run_lines(law.runs, paint, context))
    return out


def _unit_lines(unit: UnitRedline, paint: _Paint, context: int | None) -> list[str]:
    whole = unit.kind in ("inserted", "struck")
    return _run_lines(unit.runs, paint, None if whole else context)


def _run_lines(runs: tuple[Run, ...], paint: _Paint, context: int | None) -> list[str]:
    lines = split_lines(runs)
    changed = [any(op != "equal" for op, _ in line) for line in lines]
    keep = [True] * len(lines)
    if context is not None:
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


def render_stat(
    redline: Redline, *, width: int = 40, amendments: AmendmentComparison | None = None
) -> str:
    """Only the summary, like ``git diff --stat``: one line per changed unit, then the totals (and
    the amendments' counts, when they changed)."""
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
    if amendments is not None and not amendments.is_empty:
        from tracker.render.redline_amendments import amendments_line

        out.append(f" {amendments_line(amendments)}")
    return printable("\n".join(out) + "\n")
