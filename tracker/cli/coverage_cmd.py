"""``billtrack coverage``: which of the Order's directives the bill carries out."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import format_option, root_option


@click.command(cls=Command)
@root_option
@format_option("table", "json", default="table")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    metavar="PERCENT",
    help="Exit 1 when less than PERCENT of the directives are covered (for CI).",
)
def coverage(root: Path | None, output_format: str, fail_under: float | None) -> None:
    """List every directive of the Order (order.yaml) with the provisions implementing
    it and its state: uncovered, in progress (implemented only by provisions not yet
    cleared) or covered (at least one implementing provision cleared); deadlines
    with their due dates counted from the Order's date.
    """
    from tracker.adapters.loader import find_root, load_package, require_valid
    from tracker.cli.status_cmd import terminal_width
    from tracker.core.coverage import coverage as compute
    from tracker.render.coverage_table import render_coverage

    package = require_valid(
        load_package(find_root(root), drafting=False), action="ask for the coverage again"
    )
    report = compute(package)
    click.echo(render_coverage(report, output_format, width=terminal_width()), nl=False)
    if fail_under is not None and report.percent < fail_under:
        click.echo(f"coverage {report.percent:.1f}% is below {fail_under:g}%", err=True)
        raise SystemExit(1)
