"""``billtrack diff``: a redline between two versions of the bill."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import (
    complete_provisions,
    complete_versions,
    format_option,
    is_stdio,
    page,
    root_option,
    write_result,
)

if TYPE_CHECKING:
    from tracker.core.amend.compare import AmendmentComparison
    from tracker.core.redline import Redline


@click.command(cls=Command)
@click.argument("old", required=False, shell_complete=complete_versions)
@click.argument("new", required=False, shell_complete=complete_versions)
@format_option("term", "html", "md", "json", "docx", default="term")
@click.option("--stat", is_flag=True, help="Only the summary, like 'git diff --stat'.")
@click.option(
    "--provision",
    "provisions",
    multiple=True,
    metavar="ID",
    shell_complete=complete_provisions,
    help="Only this provision (id, section number or key); repeatable.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Write to FILE (atomically) instead of standard output ('-': standard output).",
)
@click.option(
    "--exit-code", is_flag=True, help="Exit with 1 when there are differences, as git does."
)
@click.option(
    "--whitespace", is_flag=True, help="Show white-space-only changes (JSON always has them)."
)
@click.option(
    "--style",
    type=click.Choice(["standard", "congressional"]),
    default="standard",
    show_default=True,
    help="HTML: underline inserted text, or italic as in committee prints.",
)
@click.option(
    "--layout",
    type=click.Choice(["inline", "side-by-side"]),
    default="inline",
    show_default=True,
    help="HTML: one text with marks, or old and new in parallel columns.",
)
@root_option
def diff(
    old: str | None,
    new: str | None,
    output_format: str,
    stat: bool,
    provisions: tuple[str, ...],
    output: Path | None,
    exit_code: bool,
    whitespace: bool,
    style: str,
    layout: str,
    root: Path | None,
) -> None:
    """Redline OLD against NEW, word by word, aware of moved and renumbered sections.

    Each of OLD and NEW is a draft (drafts/NAME or NAME), git:REV (read without a checkout),
    'worktree', or the path of a package directory or of one text or Markdown file. NEW defaults to
    the working tree and OLD to the latest draft. OLD..NEW names both at once, as git writes a
    range; '-' reads one side from standard input.
    """
    from tracker.adapters.versions import compare_bill, split_range

    if output_format == "docx" and output is None:
        raise click.UsageError("--format docx writes a Word file: give -o FILE.docx (or -o -)")
    if stat and output_format in ("html", "md", "docx"):
        raise click.UsageError(
            f"--stat is a summary for the terminal or JSON; it has no --format {output_format}",
            ctx=click.get_current_context(),
        )
    if old is not None and new is None:
        old, new = split_range(old)
    if old == "-" and new == "-":
        raise click.UsageError("only one side can be read from standard input ('-')")
    comparison = compare_bill(old, new, root=root, provisions=provisions)
    redline, amendments = comparison.redline, comparison.amendments
    if output_format == "docx":  # tracked changes: the exact redline (white space kept), to a file
        from tracker.adapters.atomic_file import write_output
        from tracker.render.docx_redline import render_redline_docx

        data = render_redline_docx(redline)
        if is_stdio(output):
            write_result(output, data, root=None, overwrite=True, binary=True)
        else:
            write_output(output, data, root=_package_root(root), overwrite=True)  # type: ignore[arg-type]
        if exit_code and redline.changed:
            click.get_current_context().exit(1)
        return
    if output_format != "json":
        redline = redline.for_display(whitespace=whitespace)
    if is_stdio(output):
        output = None
    color = output is None and _wants_color()
    text = render(
        redline,
        output_format,
        stat=stat,
        style=style,
        layout=layout,
        color=color,
        amendments=amendments,
    )
    if output is None:
        page(text)
    else:
        from tracker.adapters.atomic_file import write_output

        write_output(output, text.encode("utf-8"), root=_package_root(root), overwrite=True)
    if exit_code and (redline.changed or (amendments is not None and not amendments.is_empty)):
        click.get_current_context().exit(1)


def render(
    redline: Redline,
    output_format: str,
    *,
    stat: bool,
    style: str,
    layout: str,
    color: bool,
    amendments: AmendmentComparison | None = None,
) -> str:
    """The redline in one of the formats (each a thin renderer of the same model), with the
    amendments' changes when the versions have instructions."""
    if output_format == "json":
        from tracker.render.redline_json import render_json

        return render_json(redline, stat=stat, amendments=amendments)
    if stat:
        from tracker.render.redline_term import render_stat

        return render_stat(redline, amendments=amendments)
    if output_format == "html":
        from tracker.render.redline_html import render_html

        return render_html(redline, style=style, layout=layout, amendments=amendments)
    if output_format == "md":
        from tracker.render.redline_markdown import render_markdown

        return render_markdown(redline, amendments=amendments)
    from tracker.render.redline_term import render_term

    return render_term(redline, color=color, amendments=amendments)


def _package_root(root: Path | None) -> Path | None:
    """The package a link given to -o may point into (None outside a package: links refused)."""
    from tracker.adapters.loader import find_root
    from tracker.core.errors import PackageNotFoundError

    try:
        return find_root(root)
    except PackageNotFoundError:
        return None


def _wants_color() -> bool:
    """Colour on a terminal unless NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(sys.stdout, "isatty", lambda: False)()) and sys.platform != "win32"
