"""Options shared by every command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def root_option(function: F) -> F:
    """``--root DIR``: the package root (default: nearest parent holding provisions/bill.yaml)."""
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Package root (default: the nearest parent directory holding provisions/bill.yaml).",
    )(function)


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """``--format`` with the given choices."""

    def decorate(function: F) -> F:
        return click.option(
            "--format",
            "output_format",
            type=click.Choice(choices),
            default=default,
            show_default=True,
            help="Output format.",
        )(function)

    return decorate
