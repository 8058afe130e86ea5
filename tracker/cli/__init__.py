"""The ``billtrack`` command: a thin Click interface over the library.

Subcommands live in their own modules and are imported only when used, so ``billtrack --help`` stays
instant: it loads Click and the tables below, nothing else (not even the error classes, imported
when an error is caught). Every library error is turned into a message here, in one place
(:func:`main`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker import __version__

if TYPE_CHECKING:
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

#: The first paragraph of each command's help, for the list in ``billtrack --help`` without importing
#: a module per command (Click shortens it to the terminal's width as it would the help itself).
#: tests/test_cli_startup.py holds it equal to the commands' own help.
SUMMARIES: dict[str, str] = {
    "amend": "Apply the bill's amendatory instructions, in bill order, to the law in law/.",
    "build": "Build the legislative package site with Sphinx and MyST.",
    "changelog": "Summarise the changes from OLD to NEW: provisions added, struck, amended, "
    "moved and redesignated, and the status changes recorded in between.",
    "check": "Validate the package: YAML, front matter, listings, Order ids, statuses, "
    "cross-references, enumeration, summaries and coverage of the Order.",
    "coverage": "List every directive of the Order (order.yaml) with the provisions "
    "implementing it and its state: uncovered, in progress (implemented only by provisions not "
    "yet cleared) or covered (at least one implementing provision cleared); deadlines with their "
    "due dates counted from the Order's date.",
    "diff": "Redline OLD against NEW, word by word, aware of moved and renumbered sections.",
    "docx": "Write the bill as Word: paragraph styles named for the levels (Section, Subsection, "
    "Paragraph, Subparagraph, Clause, ...), sections in the navigation pane, lines numbered per "
    "page.",
    "draft": "Cut and list drafts: frozen copies of the bill as circulated (drafts/NAME/).",
    "export": "Export the bill as USLM XML: well-formed, in GPO's vocabulary, and read back by "
    "'billtrack import' as the same package.",
    "git-setup": "Set up the git repository holding the package for counsel's work:",
    "import": "Import SOURCE, a bill as GPO publishes it, into a new package at DIR (--to).",
    "init": "Create a new, valid package in DIRECTORY (or --root), which must be new or empty: "
    "bill.yaml, order.yaml, two sample provisions, conf.py, a docs stub and a .gitignore (_build/ "
    "and caches). Then 'git init' and 'billtrack git-setup' set up git.",
    "law": "Add and list the sections of existing law the bill amends (law/<citation>.md).",
    "log": "Show the history of provision ID (or of every provision), newest first: the status "
    "changes recorded in the file merged with the git commits that touched it (author, date, "
    "subject, and what each changed).",
    "pdf": "Write a PDF: the bill as the House prints it (cover, line numbers restarting on every "
    "page, running head), the section-by-section analysis, a redline, or the comparative print.",
    "serve": "Serve the built site on http://127.0.0.1:PORT until interrupted (build it first).",
    "status": "Show where every provision is: number, id, title, status, owner, last change (date "
    "and author, from the recorded history and git) and the Order sections it implements, with "
    "counts per status. '!' marks a provision cleared against an Order entry that has changed "
    "since.",
    "text": "Print the compiled bill: title, enacting clause, numbered sections, resolved "
    "references.",
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
        import importlib

        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help``, as Click writes it, from :data:`SUMMARIES`: no command
        module is imported (one missing from the table is, to read its help)."""
        from click.utils import make_default_short_help

        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            summary = SUMMARIES.get(name)
            if summary is not None:
                rows.append((name, make_default_short_help(summary, limit).strip()))
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
