"""``billtrack amend``: apply the bill's amendatory instructions to law/ and print the result."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tracker.cli.amend_generate_cmd import generate
from tracker.cli.command_classes import Group
from tracker.cli.options import format_option, root_option


@click.group(cls=Group, invoke_without_command=True)
@format_option("term", "md", "html", "json", default="term")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE (atomically) instead of standard output.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Unchanged lines of law shown around each change (the rest is elided, shown as asterisks).",
)
@click.option("--full", is_flag=True, help="Show each amended law section whole.")
@root_option
@click.pass_context
def amend(
    ctx: click.Context,
    output_format: str,
    output: Path | None,
    force: bool,
    context: int,
    full: bool,
    root: Path | None,
) -> None:
    """Apply the bill's amendatory instructions, in bill order, to the law in law/.

    Reports each instruction: applied; failed, and why (with the probable intent when there is
    one, never applied); not understood; or 'no law' when its target is not in law/ (a chapter, a
    table of sections, a section not added: not a failure). Then prints the comparative print:
    each amended section as it would read, struck text in brackets and struck through, new text
    in italic, each change with the bill section that makes it. The law files are never
    rewritten. Exits 1 when an instruction failed or was not understood, else 0.

    'billtrack amend generate CITATION' writes instructions from an edited copy of the law.
    """
    if ctx.invoked_subcommand is not None:
        return
    from tracker.adapters.loader import find_root, load_package, require_valid
    from tracker.core.amend import amend_package
    from tracker.render.comparative_model import comparative_print

    package_root = find_root(root)
    if output is not None and str(output) == "-":  # '-': standard output
        output = None
    if output is not None:
        _refuse_package_content(output, package_root)
    package = require_valid(load_package(package_root), action="amend the law")
    model = comparative_print(package, amend_package(package), context=None if full else context)
    text = render(model, output_format, color=output is None and _wants_color())
    if output is None:
        click.echo(text, nl=False)
    else:
        from tracker.adapters.atomic_file import write_output

        write_output(output, text.encode("utf-8"), root=package_root, overwrite=force)
    if model.failing:
        click.get_current_context().exit(1)


def render(model: object, output_format: str, *, color: bool = False) -> str:
    """The model in one of the formats (each a thin renderer of the same model)."""
    if output_format == "json":
        from tracker.render.comparative_json import render_json

        return render_json(model)  # type: ignore[arg-type]
    if output_format == "html":
        from tracker.render.comparative_html import render_html

        return render_html(model)  # type: ignore[arg-type]
    if output_format == "md":
        from tracker.render.comparative_markdown import render_markdown

        return render_markdown(model)  # type: ignore[arg-type]
    from tracker.render.comparative_term import render_term

    return render_term(model, color=color)  # type: ignore[arg-type]


def _refuse_package_content(output: Path, root: Path) -> None:
    """The amended law is an output: never written over the package's own law/ or provisions/."""
    from tracker.core.errors import WriteError

    target = Path(os.path.realpath(output))
    for folder in ("law", "provisions"):
        inside = Path(os.path.realpath(root / folder))
        if target == inside or inside in target.parents:
            raise WriteError(
                f"{output} is in the package's {folder}/ folder; the report is never written there",
                path=str(output),
                hint="write it outside law/ and provisions/ (e.g. -o amended-law.html)",
            )


def _wants_color() -> bool:
    """Colour on a terminal unless NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(sys.stdout, "isatty", lambda: False)()) and sys.platform != "win32"


amend.add_command(generate)
