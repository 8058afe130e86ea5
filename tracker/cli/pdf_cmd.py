"""``billtrack pdf``: the bill, its analysis, a redline or the comparative print as a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import root_option

WHAT = ("bill", "analysis", "redline", "law")


@click.command(cls=Command)
@click.argument("versions", nargs=-1, metavar="[VERSION | OLD NEW]")
@click.option(
    "--what",
    type=click.Choice(WHAT),
    default="bill",
    show_default=True,
    help="The bill as printed, the section-by-section analysis, a redline between two versions, "
    "or the comparative print of the law the bill amends.",
)
@click.option(
    "--draft", "draft_name", default=None, help="Print a frozen draft instead of the working tree."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to FILE (atomically); '-' for standard output (refused on a terminal). "
    "Default: WHAT.pdf in the current folder.",
)
@root_option
def pdf(
    versions: tuple[str, ...],
    what: str,
    draft_name: str | None,
    output: Path | None,
    root: Path | None,
) -> None:
    """Write a PDF: the bill as the House prints it (cover, line numbers restarting on every page,
    running head), the section-by-section analysis, a redline, or the comparative print.

    VERSION (for bill, analysis and law) is what 'billtrack diff' accepts: a draft, git:REV,
    'worktree' or a package folder; the default is the working tree, or the draft named by --draft.
    For a redline, OLD and NEW default as for 'billtrack diff': the latest draft against the working
    tree. Typst sets the PDF with its own embedded fonts, so it looks the same on every machine.
    """
    from tracker.cli.documents import package_root, print_package, write_document

    today = dt.date.today()
    if what == "redline":
        from tracker.adapters.versions import compare_versions
        from tracker.render.pdf_redline import render_redline_pdf

        if draft_name or len(versions) > 2:
            raise click.UsageError("a redline takes OLD and NEW (no --draft)")
        old = versions[0] if versions else None
        new = versions[1] if len(versions) > 1 else None
        redline = compare_versions(old, new, root=root).for_display()
        data = render_redline_pdf(redline, today=today)
    else:
        if len(versions) > 1 or (versions and draft_name):
            raise click.UsageError(f"--what {what} takes one VERSION or --draft NAME")
        package = print_package(versions[0] if versions else None, draft_name, root=root)
        if what == "analysis":
            from tracker.render.pdf_analysis import render_analysis_pdf

            data = render_analysis_pdf(package, today=today)
        elif what == "law":
            from tracker.render.pdf_law import render_law_pdf

            data = render_law_pdf(package, today=today)
        else:
            from tracker.render.pdf_bill import render_bill_pdf

            data = render_bill_pdf(package, today=today)
    written = write_document(data, output, default=Path(f"{what}.pdf"), root=package_root(root))
    if written is not None:
        click.echo(f"wrote {written}", err=True)
