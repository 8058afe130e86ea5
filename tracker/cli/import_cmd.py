"""``billtrack import``: a published bill (USLM XML or GPO text) into a new package."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--to",
    "--root",
    "target",
    required=True,
    type=click.Path(path_type=Path),
    help="The root of the package to create: a new or empty directory.",
)
@click.option(
    "--format",
    "source_format",
    type=click.Choice(["auto", "uslm", "text"]),
    default="auto",
    show_default=True,
    help="The source's format: GPO's USLM XML, or GPO plain text (PDF extractions too).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
def import_bill(source: Path, target: Path, source_format: str, as_json: bool) -> None:
    """Import SOURCE, a bill as GPO publishes it, into a new package at DIR (--to).

    Writes provisions/bill.yaml (titles, congress, chamber, sponsor, stage, the groups and every
    section's designation), an order.yaml stub and one provision per section, atomically, then
    prints the import report: counts of sections and levels, what could not be placed, the
    fidelity of the package's text to the source's words (recall: the source's words the package
    holds; precision: the package's words the source printed, so stamp remnants show), and what
    'billtrack check' finds.
    """
    from tracker.adapters.package_writer import import_bill as run_import

    with _progress() as progress:
        result = run_import(source, target, source_format=source_format, progress=progress)
    report = result.report
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        from tracker.render.terminal_text import printable

        click.echo(printable("\n".join(report.lines())))
        click.echo(f"next: billtrack check --root {target}")


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on standard error while an import runs, when it is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update
