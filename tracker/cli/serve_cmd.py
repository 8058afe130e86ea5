"""``billtrack serve``: serve the built site on 127.0.0.1 for a quick look."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import root_option


@click.command(cls=Command)
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The built site (default: ROOT/_build/html).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
def serve(root: Path | None, out: Path | None, port: int) -> None:
    """Serve the built site on http://127.0.0.1:PORT until interrupted (build it first)."""
    from tracker.adapters.loader import find_root
    from tracker.sphinx_ext.serve import site_server

    server = site_server(find_root(root), out, port=port)
    host, bound = server.server_address[:2]
    click.echo(f"serving {server.directory} at http://{host}:{bound}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()
