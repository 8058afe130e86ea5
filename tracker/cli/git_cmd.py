"""``billtrack git-setup``, and the hidden ``billtrack git-driver`` that git runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.cli.command_classes import Command, Group
from tracker.cli.options import root_option

#: How git runs billtrack: this interpreter, so the drivers work inside a virtual environment
#: without it being activated.
DRIVER_COMMAND = (sys.executable, "-m", "tracker.cli")


@click.command("git-setup", cls=Command)
@root_option
def git_setup(root: Path | None) -> None:
    """Set up the git repository holding the package for counsel's work:

    \b
    - 'git diff' on a provision file shows the word redline ('billtrack diff' on
      the two versions); 'git log -p --ext-diff' shows it per commit;
    - a merge driver unites the history lists of the front matter (entries from
      both sides, ordered by date), so two people recording status changes on one
      provision do not conflict; other changes merge as git merges them;
    - a pre-commit hook runs 'billtrack check'.

    The drivers go in .git/config, the attributes in the package's .gitattributes
    (commit it). An existing pre-commit hook that billtrack did not install is left
    alone: the command refuses and says what to do.
    """
    from tracker.adapters.git_setup import setup_repository
    from tracker.adapters.loader import find_root

    result = setup_repository(find_root(root), list(DRIVER_COMMAND))
    for key, value in result.config:
        click.echo(f"git config {key} {value!r}")
    for name in result.written:
        click.echo(f"wrote {name}")
    for name in result.unchanged:
        click.echo(f"unchanged {name}")
    click.echo(f"repository: {result.repository}")


@click.group("git-driver", cls=Group, hidden=True)
def git_driver() -> None:
    """Drivers git runs (installed by 'billtrack git-setup'); not for people."""


@git_driver.command("diff")
@click.argument("args", nargs=-1)
def driver_diff(args: tuple[str, ...]) -> None:
    """git's external diff: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE."""
    from tracker.adapters.versions import split_file
    from tracker.core.redline import compare_units
    from tracker.render.redline_term import render_term

    if len(args) < 7:  # an unmerged path: git passes its name alone
        click.echo(f"* unmerged: {args[0] if args else '?'}")
        return
    path, old_file, _, _, new_file, _, _ = args[:7]

    def units(file: str, side: str) -> tuple:  # type: ignore[type-arg]
        if file == "/dev/null":
            return ()
        return split_file(Path(file), label=f"{side}/{path}")

    redline = compare_units(
        units(old_file, "a"), units(new_file, "b"), old_label=f"a/{path}", new_label=f"b/{path}"
    )
    from tracker.cli.diff_cmd import _wants_color

    click.echo(f"diff --billtrack a/{path} b/{path}")
    click.echo(render_term(redline.for_display(), color=_wants_color()), nl=False)


@git_driver.command("merge")
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("ours", type=click.Path(path_type=Path))
@click.argument("theirs", type=click.Path(path_type=Path))
@click.argument("marker_size", type=int, required=False, default=7)
@click.argument("path", required=False, default="")
def driver_merge(base: Path, ours: Path, theirs: Path, marker_size: int, path: str) -> None:
    """git's merge driver: %O %A %B %L %P; the result goes into %A, exit 1 on conflicts."""
    from tracker.adapters.git_setup import merge_files

    if not merge_files(base, ours, theirs, marker_size=marker_size):
        click.echo(f"billtrack: conflicts in {path or ours} (history merged)", err=True)
        raise SystemExit(1)
