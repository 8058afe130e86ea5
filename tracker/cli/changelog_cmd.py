"""``billtrack changelog``: what changed between two versions, as a liaison would send it."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import complete_versions, format_option, root_option


@click.command(cls=Command)
@click.argument("old", required=False, shell_complete=complete_versions)
@click.argument("new", required=False, shell_complete=complete_versions)
@root_option
@format_option("text", "md", "json", default="text")
def changelog(old: str | None, new: str | None, root: Path | None, output_format: str) -> None:
    """Summarise the changes from OLD to NEW: provisions added, struck, amended, moved
    and redesignated, and the status changes recorded in between.

    OLD and NEW are draft names, git revisions or 'worktree'; OLD defaults to the
    latest draft, NEW to the working tree. With no drafts yet, says so and exits 0.
    """
    from tracker.adapters.drafts import changelog_versions
    from tracker.adapters.loader import find_root
    from tracker.core.changelog import changelog as compute
    from tracker.render.changelog_text import NO_DRAFTS, render_changelog

    if old is not None and new is None:
        from tracker.adapters.versions import split_range

        old, new = split_range(old)

    versions = changelog_versions(find_root(root), old, new)
    if versions is None:
        click.echo(NO_DRAFTS[output_format], nl=False)
        return
    click.echo(render_changelog(compute(*versions), output_format), nl=False)
