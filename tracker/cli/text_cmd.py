"""``billtrack text``: the compiled bill as one document."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import complete_drafts, format_option, page, root_option


@click.command(cls=Command)
@root_option
@format_option("md", "plain", default="md")
@click.option(
    "--draft",
    "draft_name",
    default=None,
    shell_complete=complete_drafts,
    help="Print a frozen draft instead of the working tree.",
)
def text(root: Path | None, output_format: str, draft_name: str | None) -> None:
    """Print the compiled bill: title, enacting clause, numbered sections, resolved references."""
    from tracker.adapters.loader import find_root, load_draft, load_package, require_valid
    from tracker.adapters.parse_cache import open_cache
    from tracker.core.compile import RENDERERS
    from tracker.render.terminal_text import printable

    package_root = find_root(root)
    render = RENDERERS[output_format]
    if draft_name:
        package = load_draft(package_root, draft_name, drafting=False)
        require_valid(package, action="print the text again")
        page(printable(render(package)))
        return
    cache = open_cache(package_root)  # the text is a function of the files: kept beside them
    package = load_package(package_root, drafting=False, cache=cache)
    require_valid(package, action="print the text again")
    compiled = cache.derived(f"text {output_format}", render, package)
    cache.save()
    page(printable(compiled))
