"""``billtrack amend generate``: the instructions that turn the law into counsel's edited copy."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.command_classes import Command
from tracker.cli.options import root_option


@click.command(cls=Command)
@click.argument("citation")
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The edited copy (default: the working copy 'billtrack law edit' made).",
)
@click.option(
    "--into",
    default=None,
    metavar="PROVISION",
    help="Replace the instruction for CITATION in this provision (default: a new provision).",
)
@click.option("--id", "new_id", default=None, help="The new provision's id "
              "(default: amend-<citation>, e.g. amend-18-usc-242).")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Print the instructions; write nothing.")
@root_option
def generate(
    citation: str,
    source: Path | None,
    into: str | None,
    new_id: str | None,
    dry_run: bool,
    root: Path | None,
) -> None:
    """Write the amendatory instructions that turn the law section CITATION, as law/ holds it,
    into the edited copy, in House Legislative Counsel's style ('Section 242 of title 18, United
    States Code, is amended by striking ...').

    Without --into, a new provision provisions/<id>.md is written and listed last in bill.yaml's
    contents (move it where it belongs; a provision not listed would make the package invalid).
    With --into, only the paragraphs
    that are that provision's instruction for CITATION are replaced; the rest of the file stays
    byte for byte. What it was generated from is recorded in law/.edits/<name>.yaml, so that
    'billtrack check' reports (BT920) when the law file moves to a new release point and the edit
    must be redone. Writes are atomic; --dry-run writes nothing.
    """
    from tracker.adapters.law_edits import generate_into_package
    from tracker.adapters.loader import find_root, load_package, require_valid

    package_root = find_root(root)
    package = require_valid(load_package(package_root), action="generate instructions")
    outcome = generate_into_package(
        package_root, package, citation, source=source, into=into, new_id=new_id, dry_run=dry_run
    )
    click.echo(outcome.generated.body)
    done = (
        "would write"
        if dry_run
        else ("wrote" if outcome.created else "replaced the instruction in")
    )
    note = " (the whole section, amended to read as follows)" if outcome.generated.rewritten else ""
    click.echo(f"{done} {outcome.path}{note}", err=True)
    if outcome.created and not dry_run:
        click.echo(
            f"listed '{outcome.provision}' last in provisions/bill.yaml: move it where it belongs",
            err=True,
        )
