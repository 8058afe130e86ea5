"""``billtrack status``: the status table, the bill's timeline, and ``status set``."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from tracker.cli.command_classes import Group
from tracker.cli.options import (
    complete_ids_then_status,
    complete_statuses,
    format_option,
    page,
    root_option,
)


def terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


@click.group(cls=Group, invoke_without_command=True)
@root_option
@click.option(
    "--status",
    "status_filter",
    default=None,
    shell_complete=complete_statuses,
    help="Only provisions in this status.",
)
@click.option("--owner", default=None, help="Only provisions held by this owner.")
@format_option("table", "json", "csv", default="table")
@click.option("--bill", "show_bill", is_flag=True, help="Show the bill's stage timeline instead.")
@click.pass_context
def status(
    ctx: click.Context,
    root: Path | None,
    status_filter: str | None,
    owner: str | None,
    output_format: str,
    show_bill: bool,
) -> None:
    """Show where every provision is: number, id, title, status, owner, last change
    (date and author, from the recorded history and git) and the Order sections it
    implements, with counts per status. '!' marks a provision cleared against an
    Order entry that has changed since.

    With --bill, show the bill's stage and its timeline (stage changes and drafts).
    'billtrack status set' moves provisions through the workflow.
    """
    ctx.ensure_object(dict)["root"] = root
    if ctx.invoked_subcommand is not None:
        return
    from tracker.adapters.git_repo import file_revisions
    from tracker.adapters.loader import find_root, list_drafts, load_package, require_valid
    from tracker.core.history import bill_timeline
    from tracker.core.status_table import status_report
    from tracker.render.status_table import render_status, render_timeline

    if show_bill:
        ignored = [
            name
            for name, given in (("--status", status_filter), ("--owner", owner))
            if given is not None
        ]
        if output_format == "csv":
            ignored.append("--format csv")
        if ignored:
            raise click.UsageError(
                f"{' and '.join(ignored)} cannot be combined with --bill, which shows the "
                "bill's timeline rather than the provisions' table",
                ctx=ctx,
            )
    package_root = find_root(root)
    package = require_valid(
        load_package(package_root, drafting=False), action="ask for the status again"
    )
    width = terminal_width()
    if show_bill and package.bill is not None:
        timeline = bill_timeline(package.bill, list_drafts(package_root, strict=True))
        page(render_timeline(timeline, output_format, width=width))
        return
    revisions = file_revisions(package_root, contents=False)
    report = status_report(package, status=status_filter, owner=owner, revisions=revisions)
    page(render_status(report, output_format, width=width))


@status.command("set")
@click.argument(
    "args", nargs=-1, required=True, metavar="ID... STATUS", shell_complete=complete_ids_then_status
)
@click.option("--note", default=None, help="Why: recorded in the history entry.")
@click.option("--owner", default=None, help="Hand the provision to this owner.")
@click.option("--force", is_flag=True, help="Allow a transition the workflow does not allow.")
@click.option("--author", default=None, help="Who made the change (default: git's user.name).")
@click.option("--commit", "make_commit", is_flag=True, help="Commit the changed files with git.")
@root_option
@click.pass_context
def set_status(
    ctx: click.Context,
    args: tuple[str, ...],
    note: str | None,
    owner: str | None,
    force: bool,
    author: str | None,
    make_commit: bool,
    root: Path | None,
) -> None:
    """Move one or more provisions to STATUS, following the workflow in bill.yaml.

    Each change is appended to the provision's history (date, from, to, author, note);
    nothing else in the file changes. An illegal transition is refused with the allowed
    ones listed, unless --force (then it is recorded as forced).
    """
    if len(args) < 2:
        raise click.UsageError("give one or more provision ids, then the new status")
    from tracker.adapters.front_matter_edit import set_status as run
    from tracker.adapters.loader import find_root

    package_root = find_root(root or ctx.obj.get("root"), writing=True)
    result = run(
        package_root,
        args[:-1],
        args[-1],
        note=note,
        owner=owner,
        force=force,
        author=author,
        commit=make_commit,
    )
    for t in result.transitions:
        extra = " (forced)" if t.forced else ""
        click.echo(
            f"{t.provision_id}: {t.from_status} -> {t.to_status}{extra}"
            + (f", owner {t.owner}" if t.owner else "")
        )
    if result.commit:
        click.echo(f"committed {result.commit[:12]}")
