"""The status table, the bill's timeline and the list of drafts, as text tables, JSON and CSV.

Renderers format the records of ``tracker.core.status_table``, ``tracker.core.history`` and
``tracker.core.changelog``; they compute nothing. Text tables are laid out with rich for the given
width (80 columns by default) without colour, so meaning never rests on colour and piped output stays
plain.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracker.core.history import Timeline
from tracker.core.model import DraftInfo
from tracker.core.status_table import StatusReport, StatusRow
from tracker.render.terminal_text import csv_text, json_safe, printable

if TYPE_CHECKING:
    from tracker.core.changelog import DraftChanges

DEFAULT_WIDTH = 80
WIDE = 110  # below this many columns the status table uses fixed, compact widths
SUSPECT_MARK = "!"


def text_table(
    columns: Sequence[tuple[str, dict[str, object]]],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    separate: bool = True,
) -> str:
    """A plain text table (no colour, simple rules), laid out by rich for ``width`` columns; cells
    are made :func:`~tracker.render.terminal_text.printable` first (rich passes escapes through).

    Rich sets the column widths (from the widest cells, which it measures) and wraps each cell
    that needs it; the rows are then put together here, line by line, as rich would: rich's own
    row rendering costs a few milliseconds a row, too slow for a bill of 10,000 sections. The
    result is the same text as :func:`rich_text_table` (tests/test_status_table_layout.py)."""
    from rich.console import Console

    printable_rows = [[printable(cell) for cell in row] for row in rows]
    console = _console(Console, io.StringIO(), width)
    try:
        widths = _column_widths(console, columns, printable_rows, width)
    except AttributeError:  # a rich without the method used to measure: let rich do all of it
        return rich_text_table(columns, rows, width=width, separate=separate)
    lines: list[str] = []
    header = [printable(name) for name, _ in columns]
    lines += _row_lines(console, columns, widths, header, header=True, known=[{} for _ in columns])
    lines.append("─" * (sum(widths) + len(widths) - 1))
    known: list[dict[str, list[str]]] = [{} for _ in columns]  # each column's cells, laid out
    for index, row in enumerate(printable_rows):
        if index and separate:
            lines.append("")
        lines += _row_lines(console, columns, widths, row, header=False, known=known)
    if sum(widths) + len(widths) - 1 > width:  # the console crops what does not fit
        from rich.cells import set_cell_size

        lines = [set_cell_size(line, width) for line in lines]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def rich_text_table(
    columns: Sequence[tuple[str, dict[str, object]]],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    separate: bool = True,
) -> str:
    """:func:`text_table` rendered by rich from end to end (the reference it is tested against)."""
    from rich.console import Console
    from rich.text import Text

    table = _table(columns, separate)
    for row in rows:
        table.add_row(*(Text(printable(cell)) for cell in row))
    buffer = io.StringIO()
    _console(Console, buffer, width).print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _console(console_class: Any, file: io.StringIO, width: int) -> Any:
    return console_class(
        file=file,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def _table(columns: Sequence[tuple[str, dict[str, object]]], separate: bool) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False, show_lines=separate
    )
    for header, options in columns:
        table.add_column(printable(header), **options)  # type: ignore[arg-type]
    return table


def _measure(text: str) -> tuple[int, int]:
    """A cell's (minimum, maximum) width as rich measures text: its longest word, its longest line."""
    from rich.cells import cell_len

    if text.isascii() and text.isprintable():  # one cell a character: no wide or zero-width ones
        words = text.split()
        widest = len(text)
        return (max(map(len, words)) if words else widest), widest
    lines = text.splitlines()
    widest = max(cell_len(line) for line in lines) if lines else 0
    words = text.split()
    return (max(cell_len(word) for word in words) if words else widest), widest


def _column_widths(
    console: Any,
    columns: Sequence[tuple[str, dict[str, object]]],
    rows: Sequence[Sequence[str]],
    width: int,
) -> list[int]:
    """The widths rich gives the columns. They depend only on each column's widest minimum and
    widest maximum, so rich measures a table of the header and the rows that hold those."""
    from rich.text import Text

    chosen: set[int] = set()
    for column in range(len(columns)):
        known: dict[str, tuple[int, int]] = {}  # a column repeats its values (statuses, owners)
        measured = [
            known.get(row[column]) or known.setdefault(row[column], _measure(row[column]))
            for row in rows
        ]
        for part in (0, 1):
            if measured:
                chosen.add(max(range(len(rows)), key=lambda index: measured[index][part]))
    table = _table(columns, separate=True)
    for index in sorted(chosen):
        table.add_row(*(Text(cell) for cell in rows[index]))
    # as Table.__rich_console__ does: the room left once the column separators are drawn
    room = console.options.update_width(width - table._extra_width)
    widths = table._calculate_column_widths(console, room)
    return [int(w) for w in widths]


def _row_lines(
    console: Any,
    columns: Sequence[tuple[str, dict[str, object]]],
    widths: Sequence[int],
    cells: Sequence[str],
    *,
    header: bool,
    known: list[dict[str, list[str]]],
) -> list[str]:
    """One row's lines: each cell wrapped and padded as rich does (one space either side, none
    at the table's edges), the cells side by side with a space between, the shorter ones filled
    with blank lines below (above, in the header, which rich aligns to the bottom)."""
    last = len(columns) - 1
    rendered: list[list[str]] = []
    for index, ((_, options), column_width, cell) in enumerate(
        zip(columns, widths, cells, strict=True)
    ):
        done = known[index].get(cell)
        if done is None:
            left = 0 if index == 0 else 1
            right = 0 if index == last else 1
            inner = column_width - left - right
            # rich renders nothing where there is no room (a column or its text less than 1 wide)
            body = _cell_lines(console, cell, inner, options) if inner >= 1 else []
            done = known[index][cell] = [" " * left + line + " " * right for line in body]
        rendered.append(list(done))
    height = max(1, *(len(lines) for lines in rendered))
    for lines, column_width in zip(rendered, widths, strict=True):
        blank = [" " * column_width] * (height - len(lines))
        lines[:] = blank + lines if header else lines + blank
    return [" ".join(parts) for parts in zip(*rendered, strict=True)]


def _cell_lines(console: Any, text: str, width: int, options: dict[str, object]) -> list[str]:
    """The lines of one cell ``width`` wide, as rich renders a Text in a column with ``options``."""
    justify = str(options.get("justify") or "left")
    simple = [
        line
        for line in text.split("\n")
        if line and len(line) <= width and line.isascii() and line.isprintable()
        if line[0] != " " and line[-1] != " "
    ]
    if len(simple) == text.count("\n") + 1 and text:
        if justify == "right":
            return [line.rjust(width) for line in simple]
        if justify == "left":
            return [line.ljust(width) for line in simple]
    from rich.cells import set_cell_size
    from rich.text import Text

    wrapped = Text(text).wrap(
        console,
        width,
        justify=justify,  # type: ignore[arg-type]
        overflow=str(options.get("overflow") or "ellipsis"),  # type: ignore[arg-type]
        tab_size=8,
        no_wrap=bool(options.get("no_wrap", False)),
    )
    return [set_cell_size(line.plain, width) for line in wrapped]


def dumps(data: object) -> str:
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line (white space collapsed), cut to ``limit`` characters with an ellipsis.

    >>> shorten("The  Attorney General  shall certify bodies.", 25)
    'The Attorney General sha…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: max(limit - 1, 10)].rstrip() + "…"


# Status ----------------------------------------------------------------------------------------


def status_text(report: StatusReport, *, width: int = DEFAULT_WIDTH) -> str:
    """The status table with a line of counts; suspect links are marked ``!`` and explained."""
    rows = []
    for row in report.rows:
        last = row.last_change
        rows.append(
            (
                row.number or "—",
                f"{row.provision_id}\n{row.title}",
                row.status + (f" {SUSPECT_MARK}" if row.suspect else ""),
                row.owner or "",
                f"{last.date.isoformat()}\n{last.author or ''}".rstrip() if last else "",
                ", ".join(row.order_ids),
            )
        )
    compact = width < WIDE
    owner = min(max((len(r.owner or "") for r in report.rows), default=5), 12)
    columns = [
        ("No.", {"justify": "right", "no_wrap": True}),
        ("Provision", {"overflow": "fold", "ratio": 1}),
        ("Status", {"no_wrap": True}),
        ("Owner", {"width": max(owner, 5)} if compact else {}),
        ("Changed", {"width": 10} if compact else {"min_width": 10}),
        ("Order", {"width": 9} if compact else {"min_width": 9}),
    ]
    out = text_table(columns, rows, width=width) if rows else "No provisions match.\n"
    out += "\n" + counts_line(report) + "\n"
    if any(row.suspect for row in report.rows):
        out += (
            f"{SUSPECT_MARK} cleared against an Order entry that has changed since: re-review it "
            "('billtrack check' lists them)\n"
        )
    return printable(out)


def counts_line(report: StatusReport) -> str:
    shown = len(report.rows)
    counts = ", ".join(f"{count} {status}" for status, count in report.counts if count)
    filters = " and ".join(f"{key} {value}" for key, value in report.filters)
    head = (
        f"{shown} of {report.total} provisions ({filters})"
        if filters
        else f"{report.total} provisions"
    )
    return f"{head}: {counts}" if counts else head


def status_json(report: StatusReport) -> str:
    return dumps(report.as_dict())


def status_csv(report: StatusReport) -> str:
    header = ["number", "id", "title", "status", "owner", "last_change_date"]
    header += ["last_change_author", "order_ids", "suspect"]
    return csv_text(header, [_csv_row(row) for row in report.rows])


def _csv_row(row: StatusRow) -> list[str]:
    last = row.last_change
    return [
        row.number or "",
        row.provision_id,
        row.title,
        row.status,
        row.owner or "",
        last.date.isoformat() if last else "",
        (last.author or "") if last else "",
        " ".join(row.order_ids),
        "yes" if row.suspect else "",
    ]


def render_status(report: StatusReport, output_format: str, *, width: int = DEFAULT_WIDTH) -> str:
    """The status table as ``table``, ``json`` or ``csv``."""
    if output_format == "json":
        return status_json(report)
    if output_format == "csv":
        return status_csv(report)
    return status_text(report, width=width)


# The bill's timeline ---------------------------------------------------------------------------


def _first_sentence(text: str | None, limit: int = 90) -> str:
    if not text:
        return ""
    flat = " ".join(text.split())
    end = flat.find(". ")
    return shorten(flat if end == -1 else flat[: end + 1], limit)


def timeline_text(timeline: Timeline, *, width: int = DEFAULT_WIDTH) -> str:
    code = f" ({timeline.code})" if timeline.code else ""
    head = printable(f"{timeline.title}\nCurrent stage: {timeline.stage.label}{code}\n\n")
    if not timeline.events:
        return head + "No stage changes or drafts recorded yet.\n"
    rows = [
        (
            event.date.isoformat(),
            event.stage.label + (f" ({event.code})" if event.code else ""),
            f"draft {event.draft}" if event.kind == "draft" else "stage change",
            _first_sentence(event.note),
        )
        for event in timeline.events
    ]
    columns = [
        ("Date", {"no_wrap": True}),
        ("Stage", {"ratio": 1}),
        ("Event", {"ratio": 1, "overflow": "fold"}),
        ("Note", {"ratio": 3}),
    ]
    return head + text_table(columns, rows, width=width)


def timeline_json(timeline: Timeline) -> str:
    return dumps(timeline.as_dict())


def render_timeline(timeline: Timeline, output_format: str, *, width: int = DEFAULT_WIDTH) -> str:
    """The timeline as ``json``, or as a table for any other format."""
    return (
        timeline_json(timeline) if output_format == "json" else timeline_text(timeline, width=width)
    )


# Drafts ----------------------------------------------------------------------------------------


def drafts_text(drafts: Sequence[DraftChanges], *, width: int = DEFAULT_WIDTH) -> str:
    if not drafts:
        return "No drafts yet; cut one with 'billtrack draft cut NAME --stage STAGE'.\n"
    rows = [
        (
            item.info.name,
            item.info.stage.label,
            item.info.date.isoformat(),
            item.describe(),
        )
        for item in drafts
    ]
    columns = [
        ("Draft", {"overflow": "fold", "ratio": 1}),
        ("Stage", {"ratio": 1}),
        ("Date", {"no_wrap": True}),
        ("Changes from the previous draft", {"ratio": 2}),
    ]
    return text_table(columns, rows, width=width)


def drafts_json(drafts: Sequence[DraftChanges]) -> str:
    return dumps({"drafts": [item.as_dict() for item in drafts]})


def render_drafts(
    drafts: Sequence[DraftChanges], output_format: str, *, width: int = DEFAULT_WIDTH
) -> str:
    return drafts_json(drafts) if output_format == "json" else drafts_text(drafts, width=width)


def draft_cut_line(info: DraftInfo) -> str:
    """``cut drafts/introduced: Introduced, 2026-05-12, commit 3f1c2e4a9b0d``."""
    where = f"commit {info.commit[:12]}" if info.commit else "not from a git commit"
    dirty = " (with uncommitted changes)" if info.dirty else ""
    return f"cut drafts/{info.name}: {info.stage.label}, {info.date.isoformat()}, {where}{dirty}"
