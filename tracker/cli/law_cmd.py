"""``billtrack law``: the sections of existing law the bill amends (law/)."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Group
from tracker.cli.options import format_option, root_option


@click.group(cls=Group)
@root_option
@click.pass_context
def law(ctx: click.Context, root: Path | None) -> None:
    """Add and list the sections of existing law the bill amends (law/<citation>.md).

    --root may be given here or after the subcommand.
    """
    ctx.ensure_object(dict)["root"] = root


@law.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--section", default=None, help="The section to take from a title file (USLM XML).")
@click.option("--act-section", default=None, help="The Act and section it is, e.g. 'section 501 "
              "of title I of the Omnibus Crime Control and Safe Streets Act of 1968'.")  # fmt: skip
@click.option(
    "--current-through",
    default=None,
    help="The release point of the text, e.g. 'Public Law 116-155' (default: the source's).",
)
@click.option("--force", is_flag=True, help="Replace an existing file (a new release point).")
@root_option
@click.pass_context
def add(
    ctx: click.Context,
    source: Path,
    section: str | None,
    act_section: str | None,
    current_through: str | None,
    force: bool,
    root: Path | None,
) -> None:
    """Add a section of law from SOURCE: the OLRC's USLM XML of a title (choose the
    section with --section) or a section saved as Markdown. Writes law/<citation>.md
    atomically with its citation, release point, source and the hash of its text;
    refuses to replace an existing file unless --force.
    """
    from tracker.adapters.law_files import add_law
    from tracker.adapters.loader import find_root
    from tracker.render.law_list import law_added_line

    package_root = find_root(root or ctx.obj.get("root"))
    added = add_law(
        package_root,
        source,
        section=section,
        act_section=act_section,
        current_through=current_through,
        force=force,
    )
    click.echo(law_added_line(added.section, added.replaced, unchanged=added.unchanged))


@law.command("list")
@root_option
@format_option("table", "json", default="table")
@click.pass_context
def list_(ctx: click.Context, root: Path | None, output_format: str) -> None:
    """List the sections of law/: citation, Act section, heading, the release point
    they are current through, and whether the text still matches its recorded hash.
    Exits 1 when a law file has other problems ('billtrack check' lists them).
    """
    from tracker.adapters.law_files import load_law
    from tracker.adapters.loader import find_root
    from tracker.cli.status_cmd import terminal_width
    from tracker.core.errors import Severity
    from tracker.render.law_list import render_law_list
    from tracker.render.terminal_text import printable

    folder = load_law(find_root(root or ctx.obj.get("root")))
    click.echo(render_law_list(folder.sections, output_format, width=terminal_width()), nl=False)
    problems = [f for f in folder.findings if f.severity is Severity.ERROR and f.code != "BT902"]
    if problems:
        click.echo(printable(problems[0].format()), err=True)
        click.echo(
            f"hint: {len(problems)} problem(s) in law/; 'billtrack check' lists them", err=True
        )
        raise SystemExit(1)


@law.command()
@click.argument("citation")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@root_option
@click.pass_context
def draft(ctx: click.Context, citation: str, file: Path, force: bool, root: Path | None) -> None:
    """Copy the text of the law section CITATION (e.g. '18 U.S.C. 242') from law/ into FILE, a
    plain Markdown working copy to edit; then 'billtrack amend generate CITATION --from FILE'
    writes the instructions that make the law read as the copy does. Refuses to replace FILE
    unless --force; the write is atomic.
    """
    from tracker.adapters.law_edits import draft_copy, find_section
    from tracker.adapters.loader import find_root, load_package

    package_root = find_root(root or ctx.obj.get("root"))
    section = find_section(load_package(package_root), citation)
    draft_copy(package_root, section, file, force=force)
    click.echo(f"copied {section.citation} ({section.current_through}) to {file}")
    click.echo(
        f"edit it, then: billtrack amend generate '{section.citation}' --from {file}", err=True
    )


@law.command()
@click.argument("citation")
@root_option
@click.pass_context
def edit(ctx: click.Context, citation: str, root: Path | None) -> None:
    """Edit the law section CITATION as it should read, in $VISUAL or $EDITOR.

    The working copy is law/.edits/<name>.md (made from the law's text the first time, kept
    between edits; the dot folder is never read as law). Then 'billtrack amend generate
    CITATION' writes the instructions that make the law read as the copy does.
    """
    from tracker.adapters.law_edits import find_section, open_working_copy
    from tracker.adapters.loader import find_root, load_package

    package_root = find_root(root or ctx.obj.get("root"))
    section = find_section(load_package(package_root), citation)
    path, made = open_working_copy(package_root, section)
    shown = path.relative_to(package_root)
    click.echo(f"{'made' if made else 'editing'} the working copy {shown}", err=True)
    click.edit(filename=str(path))
    click.echo(f"then: billtrack amend generate '{section.citation}'", err=True)
