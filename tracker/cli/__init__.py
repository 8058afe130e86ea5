"""The ``billtrack`` command: a thin Click interface over the library.

Subcommands live in their own modules and are imported only when used, so ``billtrack --help`` stays
instant. Every library error is turned into a message here, in one place (:func:`main`).
"""

from __future__ import annotations

import importlib

import click

from tracker import __version__
from tracker.core.errors import BilltrackError

# name -> "module:attribute". Each command module imports its heavy dependencies inside functions.
COMMANDS: dict[str, str] = {
    "check": "tracker.cli.check_cmd:check",
    "text": "tracker.cli.text_cmd:text",
    "init": "tracker.cli.init_cmd:init",
    "build": "tracker.cli.build_cmd:build",
    "serve": "tracker.cli.serve_cmd:serve",
    "diff": "tracker.cli.diff_cmd:diff",
    "status": "tracker.cli.status_cmd:status",
    "log": "tracker.cli.log_cmd:log",
    "draft": "tracker.cli.draft_cmd:draft",
    "coverage": "tracker.cli.coverage_cmd:coverage",
    "changelog": "tracker.cli.changelog_cmd:changelog",
    "import": "tracker.cli.import_cmd:import_bill",
    "export": "tracker.cli.export_cmd:export",
    "law": "tracker.cli.law_cmd:law",
    "pdf": "tracker.cli.pdf_cmd:pdf",
    "docx": "tracker.cli.docx_cmd:docx",
    "amend": "tracker.cli.amend_cmd:amend",
    "git-setup": "tracker.cli.git_cmd:git_setup",
}

#: Commands left out of ``billtrack --help`` and of COMMANDS: git runs them, not people.
HIDDEN_COMMANDS: dict[str, str] = {"git-driver": "tracker.cli.git_cmd:git_driver"}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name) or HIDDEN_COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

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
        except BilltrackError as exc:
            report_error(exc)
            ctx.exit(exc.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


main = cli
