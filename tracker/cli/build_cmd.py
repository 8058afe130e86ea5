"""``billtrack build``: render the legislative package site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.cli.options import root_option


@click.command()
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output directory (default: ROOT/_build/html); billtrack marks it as its own.",
)
@click.option("--strict", is_flag=True, help="Turn warnings into errors (the build still runs).")
@click.option(
    "--clean",
    is_flag=True,
    help="Empty the output folders first (only folders billtrack made) and rebuild everything.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the home page in a browser.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Read and write pages in N parallel processes.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress, only warnings and the result.")
def build(
    root: Path | None,
    out: Path | None,
    strict: bool,
    clean: bool,
    open_browser: bool,
    jobs: int,
    quiet: bool,
) -> None:
    """Build the legislative package site with Sphinx and MyST.

    Incremental by default: only pages whose sources, numbers or titles changed are re-read.
    Content problems are warnings with the codes of 'billtrack check'; --strict fails on them.
    """
    import os

    from tracker.adapters.loader import find_root
    from tracker.sphinx_ext.build import build_site

    color = sys.stdout.isatty() and sys.stderr.isatty() and "NO_COLOR" not in os.environ

    result = build_site(
        find_root(root),
        out,
        strict=strict,
        clean=clean,
        parallel=jobs,
        status=None if quiet else sys.stdout,
        warning=sys.stderr,
        color=color,
    )
    warnings = f", {result.warnings} warning(s)" if result.warnings else ""
    click.echo(f"site built{warnings}: {result.index}")
    if open_browser:
        click.launch(str(result.index))
