"""The ``billtrack`` command: a thin Click interface over the library.

Subcommands live in their own modules and are imported only when used, so ``billtrack --help`` stays
instant. The Click group is :mod:`tracker.cli.app` (``cli`` here too); every library error is
turned into a message there, in one place (``report_error``).

``billtrack --help`` at the usual width (a terminal of 80 columns or more, or no terminal) is
written from :data:`HELP_PAGE` without importing Click, whose import alone costs several times an
interpreter's start; tests/test_cli_startup.py holds the page equal to what Click writes. Any other
command line goes to Click.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing is a cost ``billtrack --help`` does not pay
if TYPE_CHECKING:
    from typing import Any

    from tracker.cli.app import LazyGroup, cli, report_error  # noqa: F401

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


#: ``billtrack --help`` as Click writes it 78 columns wide (see :func:`main`).
HELP_PAGE = """\
Usage: billtrack [OPTIONS] COMMAND [ARGS]...

  billtrack: draft a bill as provisions in git, track its status, redline its
  drafts and build its legislative package site.

  Every command takes --root DIR (default: the nearest parent directory
  holding provisions/bill.yaml). A file argument or -o FILE given as '-' is
  standard input or output.

Options:
  --version   Show the version and exit.
  --no-pager  Never page long output (by default diff, log, status and text
              page on a terminal through $BILLTRACK_PAGER, $PAGER or 'less
              -FRX').
  -h, --help  Show this message and exit.

Commands:
  amend      Apply the bill's amendatory instructions, in bill order, to...
  build      Build the legislative package site with Sphinx and MyST.
  changelog  Summarise the changes from OLD to NEW: provisions added,...
  check      Validate the package: YAML, front matter, listings, Order...
  coverage   List every directive of the Order (order.yaml) with the...
  diff       Redline OLD against NEW, word by word, aware of moved and...
  docx       Write the bill as Word: paragraph styles named for the...
  draft      Cut and list drafts: frozen copies of the bill as circulated...
  export     Export the bill as USLM XML: well-formed, in GPO's...
  git-setup  Set up the git repository holding the package for counsel's...
  import     Import SOURCE, a bill as GPO publishes it, into a new...
  init       Create a new, valid package in DIRECTORY (or --root), which...
  law        Add and list the sections of existing law the bill amends...
  log        Show the history of provision ID (or of every provision),...
  pdf        Write a PDF: the bill as the House prints it (cover, line...
  serve      Serve the built site on http://127.0.0.1:PORT until...
  status     Show where every provision is: number, id, title, status,...
  text       Print the compiled bill: title, enacting clause, numbered...
"""

_HELP_WIDTH = 78


def main(*args: Any, **kwargs: Any) -> Any:
    """Run ``billtrack`` (the console script's entry point): Click's group, but for a bare
    ``billtrack --help`` (or ``-h``) that Click would write at :data:`HELP_PAGE`'s width."""
    if not args and not kwargs and _plain_help():
        try:
            sys.stdout.write(HELP_PAGE)
            sys.stdout.flush()
        except BrokenPipeError:  # billtrack --help | head: stop quietly, as Click does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        return 0
    from tracker.cli.app import cli

    if args or kwargs:
        return cli(*args, **kwargs)
    try:
        return cli()
    except SystemExit as exc:
        if exc.code in (0, None) and _QUICK_EXIT:
            _exit_at_once()
        raise


_QUICK_EXIT: list[bool] = []  # non-empty: end this process without freeing its objects


def exit_without_teardown() -> None:
    """Let ``billtrack`` end without freeing, one by one, the objects a command left behind,
    once it succeeded: ``billtrack build`` leaves Sphinx's environment and doctrees (hundreds of
    thousands of objects), and the interpreter's teardown took half a second of a rebuild. Only the
    console script's process does this (:func:`main` called without arguments); its output is
    flushed first and it has no process or temporary file left to clean up."""
    _QUICK_EXIT.append(True)


def _exit_at_once() -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a closed pipe or stream: exit as Python would
        return
    os._exit(0)


def _plain_help() -> bool:
    """Whether this process is ``billtrack --help`` or ``billtrack -h`` and Click would format its
    help :data:`_HELP_WIDTH` wide: the program is named billtrack (so Click's usage line says so)
    and the terminal, as ``shutil.get_terminal_size`` sees it, has at least 80 columns."""
    if sys.argv[1:] not in (["--help"], ["-h"]) or os.path.basename(sys.argv[0]) != "billtrack":
        return False
    if "_BILLTRACK_COMPLETE" in os.environ:  # shell completion asks Click, whatever the arguments
        return False
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or 80, 80) - 2, 50) == _HELP_WIDTH


def __getattr__(name: str) -> Any:
    """``cli``, ``LazyGroup`` and ``report_error`` live in :mod:`tracker.cli.app`, imported when
    first asked for (``from tracker.cli import cli``)."""
    if name in ("cli", "LazyGroup", "report_error"):
        from tracker.cli import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
