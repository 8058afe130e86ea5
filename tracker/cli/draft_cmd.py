"""``billtrack draft``: cut named, frozen drafts and list them."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Group
from tracker.cli.options import format_option, root_option


@click.group(cls=Group)
@root_option
@click.pass_context
def draft(ctx: click.Context, root: Path | None) -> None:
    """Cut and list drafts: frozen copies of the bill as circulated (drafts/NAME/).

    --root may be given here or after the subcommand.
    """
    ctx.ensure_object(dict)["root"] = root


@draft.command()
@click.argument("name")
@click.option(
    "--stage", required=True, help="A stage (introduced, reported...) or GPO code (ih, rh...)."
)
@click.option("--note", default=None, help="What changed since the previous draft, and why.")
@root_option
@click.pass_context
def cut(ctx: click.Context, name: str, stage: str, note: str | None, root: Path | None) -> None:
    """Freeze provisions/ into drafts/NAME/ with its draft.yaml (name, stage, date,
    commit and whether the tree was dirty, note). Refuses an existing or illegal name
    and a package with errors; a half-written draft never exists.
    """
    import datetime as dt

    from tracker.adapters.drafts import cut_draft, require_no_errors
    from tracker.adapters.git_repo import build_revision
    from tracker.adapters.loader import find_root, load_package
    from tracker.render.status_table import draft_cut_line

    package_root = find_root(root or ctx.obj.get("root"), writing=True)
    package = load_package(package_root)
    require_no_errors(package)
    revision = build_revision(package_root / "provisions")
    info = cut_draft(
        package_root,
        name,
        stage,
        note,
        date=dt.date.today(),
        commit=revision.commit,
        dirty=revision.dirty,
    )
    click.echo(draft_cut_line(info))


@draft.command("list")
@root_option
@format_option("table", "json", default="table")
@click.pass_context
def list_(ctx: click.Context, root: Path | None, output_format: str) -> None:
    """List the drafts in order (date, then name) with stage, date and a summary of
    what changed against the previous draft (from the redline engine).
    """
    from tracker.adapters.loader import find_root, list_drafts, load_draft, require_valid
    from tracker.cli.status_cmd import terminal_width
    from tracker.core.changelog import draft_changes
    from tracker.render.status_table import render_drafts

    package_root = find_root(root or ctx.obj.get("root"))
    packages = [
        require_valid(load_draft(package_root, info.name), action="list the drafts again")
        for info in list_drafts(package_root, strict=True)
    ]
    click.echo(
        render_drafts(draft_changes(packages), output_format, width=terminal_width()), nl=False
    )
