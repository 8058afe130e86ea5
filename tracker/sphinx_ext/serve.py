"""A static file server for a built site, bound to 127.0.0.1 only."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tracker.core.errors import BilltrackError
from tracker.sphinx_ext.build import site_layout


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    directory: Path


def serve_directory(directory: Path, *, port: int = 0) -> SiteServer:
    """A server for ``directory`` on 127.0.0.1:``port`` (0: any free port); not yet serving."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = SiteServer(("127.0.0.1", port), handler)
    server.directory = directory
    return server


def site_server(root: Path, out: Path | None = None, *, port: int = 8000) -> SiteServer:
    outdir = site_layout(root, out).outdir
    if not (outdir / "index.html").is_file():
        raise BilltrackError(
            f"no built site in {outdir}",
            hint="run 'billtrack build' first (or pass --out DIR of a built site)",
        )
    try:
        return serve_directory(outdir, port=port)
    except OSError as exc:
        raise BilltrackError(
            f"cannot listen on 127.0.0.1:{port}: {exc.strerror}",
            hint="choose another port with --port N",
        ) from exc
