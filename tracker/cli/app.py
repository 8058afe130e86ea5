"""The Click group behind ``billtrack``: subcommands imported on first use, library errors turned
into messages (:func:`report_error`, the one place that happens).

``tracker.cli`` imports this module for every command but ``billtrack --help`` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker import __version__
from tracker.cli import COMMANDS, HIDDEN_COMMANDS, SUMMARIES
from tracker.cli.command_classes import Group

if TYPE_CHECKING:
    from tracker.core.errors import BilltrackError


class LazyGroup(Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name) or HIDDEN_COMMANDS.get(cmd_name)
        if target is None:
            return None
        import importlib

        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help``, as Click writes it, from :data:`SUMMARIES`: no command
        module is imported (one missing from the table is, to read its help)."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            summary = SUMMARIES.get(name)
            if summary is not None:
                rows.append((name, click.Command(name, help=summary).get_short_help_str(limit)))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As Click does, with a did-you-mean for a mistyped command (``billtrack stauts``)."""
        name = click.utils.make_str(args[0]) if args else ""
        if args and self.get_command(ctx, name) is None and not name.startswith("-"):
            import difflib

            guesses = difflib.get_close_matches(name, self.list_commands(ctx), n=3, cutoff=0.6)
            message = f"No such command '{name}'."
            if guesses:
                message += " Did you mean " + " or ".join(f"'{g}'" for g in guesses) + "?"
            ctx.fail(message + " See 'billtrack --help'.")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # --help, usage errors, ^C: Click's own, reported by Click
        except Exception as exc:
            from tracker.core.errors import BilltrackError

            if not isinstance(exc, BilltrackError):
                raise
            report_error(exc)
            ctx.exit(exc.exit_code)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="billtrack")
@click.option(
    "--no-pager",
    is_flag=True,
    help="Never page long output (by default diff, log, status and text page on a terminal "
    "through $BILLTRACK_PAGER, $PAGER or 'less -FRX').",
)
@click.pass_context
def cli(ctx: click.Context, no_pager: bool) -> None:
    """billtrack: draft a bill as provisions in git, track its status, redline its drafts and
    build its legislative package site.

    Every command takes --root DIR (default: the nearest parent directory holding
    provisions/bill.yaml). A file argument or -o FILE given as '-' is standard input or output.
    """
    from tracker.cli.options import NO_PAGER

    ctx.meta[NO_PAGER] = no_pager


def report_error(exc: BilltrackError) -> None:
    """The one place library errors become user messages: ``error: path:line: message`` + hint,
    a line each: control characters, newlines included, are shown escaped (a file name or a value
    cannot forge a line of output)."""
    from tracker.render.terminal_text import printable_line

    click.echo(printable_line(f"error: {exc.located()}"), err=True)
    if exc.hint:
        click.echo(printable_line(f"hint: {exc.hint}"), err=True)
