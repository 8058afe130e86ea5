"""``billtrack import``: a published bill (USLM XML or GPO text) into a new package."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import FormatChoice


@click.command("import", cls=Command)
@click.argument(
    "source", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path)
)
@click.option(
    "--to",
    "--root",
    "target",
    required=True,
    type=click.Path(path_type=Path),
    help="The root of the package to create: a new or empty directory.",
)
@click.option(
    "--from",
    "source_format",
    type=click.Choice(["auto", "uslm", "text"]),
    default="auto",
    show_default=True,
    help="The source's format: GPO's USLM XML, or GPO plain text (PDF extractions too).",
)
@click.option(
    "--format",
    "output_format",
    type=FormatChoice(["text", "json"], {"uslm": "from:uslm", "auto": "from:auto"}),
    default="text",
    show_default=True,
    help="The import report's format.",
)
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Same as --format json.")
def import_bill(
    source: Path, target: Path, source_format: str, output_format: str, as_json: bool
) -> None:
    """Import SOURCE, a bill as GPO publishes it, into a new package at DIR (--to).

    Writes provisions/bill.yaml (titles, congress, chamber, sponsor, stage, the groups and every
    section's designation), an order.yaml stub and one provision per section, atomically, then
    prints the import report: counts of sections and levels, what could not be placed, the
    fidelity of the package's text to the source's words (recall: the source's words the package
    holds; precision: the package's words the source printed, so stamp remnants show), and what
    'billtrack check' finds.
    """
    from tracker.adapters.package_writer import import_bill as run_import

    if output_format.startswith("from:"):  # the old spelling of --from: '--format uslm'
        source_format, output_format = output_format.removeprefix("from:"), "text"
    as_json = as_json or output_format == "json"

    _collect_less_often()
    with _stdin_as_file(source) as path, _progress() as progress:
        result = run_import(path, target, source_format=source_format, progress=progress)
    report = result.report
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        from tracker.render.terminal_text import printable

        click.echo(printable("\n".join(report.lines())))
        click.echo(f"next: billtrack check --root {target}")


def _collect_less_often() -> None:
    """Run Python's cycle collector less often in this short-lived process (and its worker): an
    import makes hundreds of thousands of records that live until it ends and hardly any cycles,
    and the default thresholds had the collector walk them again and again (0.03-0.05 s of the
    omnibus's import; its memory the same within 2 MB)."""
    import gc

    gc.set_threshold(200_000, 100, 100)


@contextmanager
def _stdin_as_file(source: Path) -> Iterator[Path]:
    """``-``: standard input, copied (within the input-size limit) to a temporary file."""
    if str(source) != "-":
        yield source
        return
    import tempfile

    from tracker.adapters.input_files import InputFileError, input_limit

    limit = input_limit()
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputFileError(
            f"standard input is larger than the input limit of {limit} bytes",
            path="<stdin>",
            hint="raise BILLTRACK_MAX_INPUT_BYTES for a larger bill",
        )
    with tempfile.TemporaryDirectory(prefix="billtrack-stdin-") as folder:
        path = Path(folder) / "stdin"
        path.write_bytes(data)
        yield path


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
