"""``billtrack docx``: the bill as a Word document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import root_option


@click.command(cls=Command)
@click.argument("version", required=False)
@click.option(
    "--draft", "draft_name", default=None, help="Write a frozen draft instead of the working tree."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to FILE (atomically); '-' for standard output (refused on a terminal). "
    "Default: bill.docx in the current folder.",
)
@root_option
def docx(
    version: str | None, draft_name: str | None, output: Path | None, root: Path | None
) -> None:
    """Write the bill as Word: paragraph styles named for the levels (Section, Subsection,
    Paragraph, Subparagraph, Clause, ...), sections in the navigation pane, lines numbered per page.

    VERSION is what 'billtrack diff' accepts (a draft, git:REV, 'worktree', a package folder). For a
    redline with tracked changes, use 'billtrack diff OLD NEW --format docx -o FILE'.
    """
    from tracker.cli.documents import package_root, print_package, write_document
    from tracker.render.docx_bill import render_bill_docx

    if version and draft_name:
        raise click.UsageError("give VERSION or --draft NAME, not both")
    package = print_package(version, draft_name, root=root)
    data = render_bill_docx(package, today=dt.date.today())
    written = write_document(data, output, default=Path("bill.docx"), root=package_root(root))
    if written is not None:
        click.echo(f"wrote {written}", err=True)
