"""Coverage of the Order as a text table and as JSON (formats ``tracker.core.coverage.Coverage``)."""

from __future__ import annotations

import textwrap

from tracker.core.coverage import Coverage, CoverageState
from tracker.render.status_table import DEFAULT_WIDTH, dumps, shorten
from tracker.render.terminal_text import printable


def coverage_text(report: Coverage, *, width: int = DEFAULT_WIDTH) -> str:
    """Every directive in order: id, state and summary on one line, then its due date and the
    provisions implementing it, one per line (readable at 80 columns, plain when piped)."""
    signed = f", signed {report.date.isoformat()}" if report.date else ""
    out = [*textwrap.wrap(f"Coverage of {report.document}{signed}", width=max(width, 40)), ""]
    if not report.rows:
        return printable("\n".join([*out, "The Order's outline lists no directives."]) + "\n")
    id_width = max(len(row.order_id) for row in report.rows) + 2
    state_width = max(len(str(state)) for state in CoverageState) + 2
    indent = " " * id_width
    for row in report.rows:
        summary = shorten(row.summary, max(width - id_width - state_width, 20))
        out.append(f"{row.order_id:<{id_width}}{row.state!s:<{state_width}}{summary}".rstrip())
        if row.due_date is not None:
            out.append(
                f"{indent}due {row.due_date.isoformat()} ({row.deadline_days} days from the Order)"
            )
        for i in row.implementers:
            number = f"sec. {i.number} " if i.number else ""
            flag = ", cleared against an earlier version: re-review" if i.suspect else ""
            out.append(f"{indent}- {number}{i.provision_id} ({i.status}{flag})")
        if not row.implementers:
            out.append(f"{indent}- no provision implements it")
    return printable("\n".join([*out, "", summary_line(report)]) + "\n")


def summary_line(report: Coverage) -> str:
    """``12 directives: 9 covered (75.0%), 2 in progress, 1 uncovered``."""
    return (
        f"{len(report.rows)} directives: {report.count(CoverageState.COVERED)} covered "
        f"({report.percent:.1f}%), {report.count(CoverageState.IN_PROGRESS)} in progress, "
        f"{report.count(CoverageState.UNCOVERED)} uncovered"
    )


def coverage_json(report: Coverage) -> str:
    return dumps(report.as_dict())


def render_coverage(report: Coverage, output_format: str, *, width: int = DEFAULT_WIDTH) -> str:
    return coverage_json(report) if output_format == "json" else coverage_text(report, width=width)
