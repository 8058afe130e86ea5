"""``billtrack check``: validate the package."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import format_option, root_option


@click.command(cls=Command)
@root_option
@format_option("text", "json", default="text")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(root: Path | None, output_format: str, strict: bool) -> None:
    """Validate the package: YAML, front matter, listings, Order ids, statuses,
    cross-references, enumeration, summaries and coverage of the Order.

    Prints one line per finding, 'path:line: severity code: message'. Exits 0 when
    clean, 1 when there are errors (or warnings with --strict), 2 when it cannot run.
    """
    from tracker.adapters.loader import find_root, validate_root
    from tracker.core.errors import Severity
    from tracker.render.terminal_text import printable_line

    package, findings = validate_root(find_root(root))
    if output_format == "json":
        click.echo(json.dumps({"findings": [f.as_dict() for f in findings]}, indent=2))
    else:
        for finding in findings:
            click.echo(printable_line(finding.format()))
            if finding.hint:
                click.echo("    " + printable_line(f"hint: {finding.hint}"))
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        summary = (
            f"{errors} error(s), {warnings} warning(s) in {len(package.provisions)} provisions"
        )
        click.echo(
            summary if findings else f"ok: {len(package.provisions)} provisions, no problems",
            err=bool(findings),
        )
    failing = any(f.severity is Severity.ERROR or strict for f in findings)
    if failing:
        raise SystemExit(1)
