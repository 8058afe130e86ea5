"""The amendment report and comparative print for the terminal.

Plain markers are always there, so the print survives a pipe, a pager or a printer: struck text in
brackets ``[struck]``, inserted text between underscores ``_inserted_``, and after each change the
bill section that makes it in braces ``{sec. 101}``. With ``color`` (a terminal, NO_COLOR unset)
rich styles them on top: struck text struck through (red), inserted text italic (green), the
attribution dim. Content is made :func:`~tracker.render.terminal_text.printable` before it is styled.
A thin renderer: everything comes from :mod:`tracker.render.comparative_model`.
"""

from __future__ import annotations

from tracker.core.amend import Status
from tracker.render.comparative_model import (
    DELETE,
    ELISION,
    INSERT,
    ComparativePrint,
    InstructionRow,
    LawPrint,
    PrintLine,
)
from tracker.render.terminal_text import printable

Segment = tuple[str, str]  # (text, rich style)

STATUS_STYLE = {
    Status.APPLIED: "green",
    Status.FAILED: "bold red",
    Status.UNPARSED: "yellow",
    Status.NO_LAW: "dim",
}
STATUS_WORD = {
    Status.APPLIED: "applied",
    Status.FAILED: "FAILED",
    Status.UNPARSED: "not understood",
    Status.NO_LAW: "no law",
}
TERM_LEGEND = (
    "Legend: [text] existing law struck (black brackets, struck through); _text_ new matter "
    "(italic); {sec. N} the bill section that makes the change."
)
COLOR_LEGEND = (
    "Legend: [text] existing law struck (in brackets, struck through); new matter in italic; "
    "{sec. N} the bill section that makes the change."
)


def render_term(model: ComparativePrint, *, color: bool = False) -> str:
    """The report (each instruction and the summary) and then the comparative print."""
    lines: list[list[Segment]] = []
    add = lines.append
    add([(f"Amendments to existing law: {model.title}", "bold")])
    add([(summary_line(model), "")])
    add([])
    add([("Instructions", "bold")])
    if not model.rows:
        add([("  (none: no provision of the bill reads as an amendatory instruction)", "dim")])
    for row in model.rows:
        lines.extend(_row_lines(row))
    if model.laws:
        add([])
        add([("Comparative print", "bold")])
        add([(COLOR_LEGEND if color else TERM_LEGEND, "dim")])
        for law in model.laws:
            add([])
            lines.extend(_law_lines(law, color))
    elif not model.has_law:
        add([])
        add([("No law/ sections in the package: add them with 'billtrack law add' to see the "
              "comparative print.", "dim")])  # fmt: skip
    if color:
        return _styled(lines)
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def summary_line(model: ComparativePrint) -> str:
    s = model.summary
    return (
        f"{s.total} instruction(s): {s.applied} applied, {s.failed} failed, {s.unparsed} not "
        f"understood, {s.no_law} without their law in law/"
    )


def _row_lines(row: InstructionRow) -> list[list[Segment]]:
    target = row.citation or row.target or "(target not read)"
    head = [
        ("  ", ""),
        (f"{STATUS_WORD[row.status]:<14}", STATUS_STYLE[row.status]),
        (printable(f" {row.section}  {target}  {row.path}:{row.line}  [{row.id}]"), ""),
    ]
    out = [head]
    if row.message:
        out.append([(printable(f"{'':16} {row.message}"), "" if row.failing else "dim")])
    if row.suggestion:
        out.append([(printable(f"{'':16} suggestion (not applied): {row.suggestion}"), "cyan")])
    return out


def _law_lines(law: LawPrint, color: bool) -> list[list[Segment]]:
    heading = f"{law.citation}. {law.heading}" if law.heading else law.citation
    facts = [
        law.act_section or "",
        law.current_through and f"current through {law.current_through}",
    ]
    facts.append(law.path or "")
    facts.append("amended by " + ", ".join(dict.fromkeys(row.section for row in law.rows)))
    out: list[list[Segment]] = [
        [(printable(heading), "bold cyan")],
        [(printable("  " + " · ".join(f for f in facts if f)), "dim")],
        [],
    ]
    out.extend(_print_line(line, color) for line in law.lines)
    return out


def _print_line(line: PrintLine, color: bool) -> list[Segment]:
    if line.elided:
        return [(f"    {ELISION}", "dim")]
    segments: list[Segment] = []
    for mark in line.marks:
        text = printable(mark.text)
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        if core and mark.op == DELETE:
            segments += [(lead, ""), ("[", "bold"), (core, "strike red"), ("]", "bold")]
            segments.append((trail, ""))
        elif core and mark.op == INSERT:
            under = "" if color else "_"
            segments += [(lead, ""), (under, ""), (core, "italic green"), (under, "")]
            segments.append((trail, ""))
        else:
            segments.append((text, ""))
        if mark.last and mark.row is not None:
            segments.append((printable(f" {{{mark.row.section}}}"), "dim"))
    return segments


def _styled(lines: list[list[Segment]]) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=True, color_system="standard", width=10_000, highlight=False
    )
    for line in lines:
        text = Text(no_wrap=True, end="\n")
        for content, style in line:
            text.append(content, style=style or None)
        console.print(text, soft_wrap=True)
    return buffer.getvalue()
