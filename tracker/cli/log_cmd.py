"""``billtrack log``: the history of one provision or of all, from the files and from git."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from tracker.core.model import HistoryEntry, Package

from tracker.cli.command_classes import Command
from tracker.cli.options import complete_provisions, format_option, page, root_option


@click.command(cls=Command)
@click.argument("provision_id", required=False, metavar="[ID]", shell_complete=complete_provisions)
@root_option
@format_option("text", "json", default="text")
def log(provision_id: str | None, root: Path | None, output_format: str) -> None:
    """Show the history of provision ID (or of every provision), newest first: the
    status changes recorded in the file merged with the git commits that touched it
    (author, date, subject, and what each changed).

    Commits come in git log's order, each dated when it was committed (a rebased or
    cherry-picked commit by that date, not its author date); a recorded change goes in
    at its date and time, compared across time zones. A recorded change is shown once
    with the commit that added it to the file, when that commit made the change.

    ID is a provision id or a section number ('4', 'sec. 4'), as 'diff --provision' takes.
    Outside git, or in a shallow clone, it shows what there is: the recorded history.
    """
    from tracker.adapters.git_repo import file_revisions
    from tracker.adapters.loader import find_root, load_package, require_valid
    from tracker.cli.status_cmd import terminal_width
    from tracker.core.history import package_log
    from tracker.core.workflow import resolve_provisions
    from tracker.render.log_text import render_log

    package_root = find_root(root)
    package = require_valid(
        load_package(package_root, drafting=False), action="ask for the log again"
    )
    if provision_id is not None:
        provision_id = provision_by_number(package, provision_id) or provision_id
    paths = [p.path for p in resolve_provisions(package, [provision_id])] if provision_id else None
    entries = package_log(
        package,
        file_revisions(package_root, paths),
        read_history=recorded_history,
        provision_id=provision_id,
    )
    text = render_log(entries, output_format, provision_id=provision_id, width=terminal_width())
    page(text)


def recorded_history(data: bytes) -> tuple[HistoryEntry, ...] | None:
    """The history recorded in a provision file's content (at some revision), as the loader reads
    it; None when that revision's file cannot be read."""
    from tracker.adapters.provision_files import read_provision

    provision, _ = read_provision("revision", data, path="provisions/revision.md")
    return provision.history if provision is not None else None


def provision_by_number(package: Package, name: str) -> str | None:
    """The id of the provision numbered ``name`` ('4', 'sec. 4', 'SEC. 4.'), when ``name`` is not
    itself a provision id."""
    import re

    if name in package.provisions:
        return None
    from tracker.core.compile import CompiledBill

    wanted = re.sub(r"^(section|sec\.?)\s*", "", name.strip().lower()).rstrip(".")
    for section in CompiledBill(package).numbering.sections.values():
        if section.designation and section.designation.lower().rstrip(".") == wanted:
            return section.provision_id
    return None
