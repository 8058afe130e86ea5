"""``billtrack init``: scaffold a new package."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Command


@click.command(cls=Command)
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The new package's root (the same as DIRECTORY; give one or the other).",
)
@click.option(
    "--ci",
    is_flag=True,
    help="Also write .github/workflows/billtrack.yml: GitHub Actions checks the package and "
    "builds the site on pull requests.",
)
def init(directory: Path | None, root: Path | None, ci: bool) -> None:
    """Create a new, valid package in DIRECTORY (or --root), which must be new or empty:
    bill.yaml, order.yaml, two sample provisions, conf.py, a docs stub and a .gitignore
    (_build/ and caches). Then 'git init' and 'billtrack git-setup' set up git.
    """
    from tracker.adapters.scaffold import scaffold_package

    if directory is not None and root is not None and directory != root:
        raise click.UsageError("give the new package's directory once: DIRECTORY or --root")
    target = directory or root
    if target is None:
        raise click.UsageError("give the new package's directory: billtrack init DIR")
    for name in scaffold_package(target, ci=ci):
        click.echo(f"created {target / name}")
    click.echo(f"next: billtrack check --root {target}")
