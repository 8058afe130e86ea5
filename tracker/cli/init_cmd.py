"""``billtrack init``: scaffold a new package."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Create a new, valid package in DIRECTORY (which must be new or empty):
    bill.yaml, order.yaml, two sample provisions, conf.py and a docs stub."""
    from tracker.adapters.scaffold import scaffold_package

    for name in scaffold_package(directory):
        click.echo(f"created {directory / name}")
    click.echo(f"next: billtrack check --root {directory}")
