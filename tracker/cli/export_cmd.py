"""``billtrack export``: the bill (or a draft) in a format others read."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import is_stdio, root_option


@click.command(cls=Command)
@root_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["uslm"]),
    default="uslm",
    show_default=True,
    help="uslm: GPO's United States Legislative Markup (XML).",
)
@click.option("--draft", "draft_name", default=None, help="Export a frozen draft instead.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Write to FILE (default, or '-': standard output).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace FILE if it is a regular file (never a device, folder or outside link).",
)
def export(
    root: Path | None, output_format: str, draft_name: str | None, output: Path | None, force: bool
) -> None:
    """Export the bill as USLM XML: well-formed, in GPO's vocabulary, and read back by
    'billtrack import' as the same package."""
    from tracker.adapters.atomic_file import write_output
    from tracker.adapters.loader import find_root, load_draft, load_package
    from tracker.adapters.uslm_writer import export_uslm

    package_root = find_root(root)
    package = load_draft(package_root, draft_name) if draft_name else load_package(package_root)
    data = export_uslm(package)
    if output is None or is_stdio(output):
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(output, data, root=package_root, overwrite=force)
        click.echo(f"wrote {output}", err=True)
