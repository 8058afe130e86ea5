"""Options and conventions shared by every command.

- ``--root DIR`` (:func:`root_option`);
- ``--format`` with one name, ``text``, for the plain human-readable format of every report
  (:func:`format_option`; the older per-command names ``table``, ``term`` and ``plain`` are still
  accepted and hidden from the help);
- ``-`` for standard input or output (:data:`STDIO`, :func:`is_stdio`);
- long output through a pager on a terminal, as git does (:func:`page`);
- shell completion of provision ids, draft names and statuses (:func:`complete_provisions`...).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import click
from click.shell_completion import CompletionItem

F = TypeVar("F", bound=Callable[..., object])

#: ``-`` as a file argument or ``-o``: standard input or output.
STDIO = "-"

#: The plain, human-readable format has one name on every command; the old names still work.
PLAIN_FORMAT = "text"
PLAIN_ALIASES = frozenset({"table", "term", "plain"})

#: The key in ``click.Context.meta`` set by the global ``--no-pager``.
NO_PAGER = "billtrack.no_pager"

DEFAULT_PAGER = "less -FRX"


def root_option(function: F) -> F:
    """``--root DIR``: the package root (default: nearest parent holding provisions/bill.yaml)."""
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        shell_complete=_complete_directories,
        help="Package root (default: the nearest parent directory holding provisions/bill.yaml).",
    )(function)


class FormatChoice(click.Choice):  # type: ignore[type-arg]
    """A ``--format`` choice that shows the canonical names and also accepts hidden aliases, each
    converted to the name the command was written for."""

    def __init__(self, shown: list[str], aliases: Mapping[str, str]) -> None:
        super().__init__(shown)
        self.aliases = dict(aliases)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value in self.aliases:
            return self.aliases[value]
        chosen = super().convert(value, param, ctx)
        return self.aliases.get(chosen, chosen)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(c) for c in self.choices if str(c).startswith(incomplete)]


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """``--format`` with the given choices; the command receives the names it lists.

    A plain format named ``table``, ``term`` or ``plain`` is shown as ``text`` (and the old name
    still accepted), so every report spells its plain format the same way.
    """
    plain = [c for c in choices if c in PLAIN_ALIASES]
    shown = [PLAIN_FORMAT if c in PLAIN_ALIASES else c for c in choices]
    aliases: dict[str, str] = {}
    if plain:
        aliases[PLAIN_FORMAT] = plain[0]
        aliases.update({name: plain[0] for name in PLAIN_ALIASES})
    shown_default = PLAIN_FORMAT if default in PLAIN_ALIASES else default

    def decorate(function: F) -> F:
        return click.option(
            "--format",
            "output_format",
            type=FormatChoice(list(dict.fromkeys(shown)), aliases),
            default=default,
            show_default=shown_default,
            help="Output format.",
        )(function)

    return decorate


def is_stdio(path: Path | str | None) -> bool:
    """True when a file argument or ``-o`` is ``-``: standard input or output."""
    return path is not None and str(path) == STDIO


def output_option(help_text: str = "Write to FILE (atomically); '-' is standard output.") -> Any:
    """``-o/--output FILE``; ``-`` means standard output."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        default=None,
        help=help_text,
    )


# -- the pager ------------------------------------------------------------------------------------


def pager_command() -> str | None:
    """The pager to use, as git chooses: ``BILLTRACK_PAGER``, then ``PAGER``, then ``less -FRX``.
    An empty value or ``cat`` means no pager."""
    for name in ("BILLTRACK_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else value
    return DEFAULT_PAGER


def wants_pager() -> bool:
    """A pager only when standard output is a terminal and --no-pager was not given."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(NO_PAGER):
        return False
    stdout = sys.stdout
    return bool(getattr(stdout, "isatty", lambda: False)()) and pager_command() is not None


def page(text: str) -> None:
    """Print ``text``: through the pager on a terminal (``less -FRX`` by default, which quits at
    once when the text fits on one screen), else straight to standard output."""
    command = pager_command() if wants_pager() else None
    if command is None:
        click.echo(text, nl=False)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        click.echo(text, nl=False)
        return
    assert process.stdin is not None
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        process.stdin.write(text.encode(encoding, "replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early
        pass
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:  # as git does: the pager handles ^C
            continue


# -- shell completion -----------------------------------------------------------------------------


def _completion_root(ctx: click.Context) -> Path | None:
    """The package a completion reads: --root when typed before the word, else the nearest one."""
    from tracker.adapters.loader import find_root

    given: Path | None = None
    context: click.Context | None = ctx
    while context is not None and given is None:
        value = context.params.get("root")
        given = Path(value) if value else None
        if given is None and isinstance(context.obj, dict) and context.obj.get("root"):
            given = Path(context.obj["root"])
        context = context.parent
    try:
        return find_root(given)
    except Exception:  # completion never fails loudly
        return None


def _matching(names: list[str], incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(n) for n in names if n.startswith(incomplete)]


def provision_ids(root: Path) -> list[str]:
    """The provision ids of a package, read from the file names (fast: nothing is parsed)."""
    folder = root / "provisions"
    return sorted(p.stem for p in folder.glob("*.md") if p.is_file())


def draft_names(root: Path) -> list[str]:
    folder = root / "drafts"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "draft.yaml").is_file())


def workflow_statuses(root: Path) -> list[str]:
    """The statuses of the bill's workflow (bill.yaml), or none when it cannot be read."""
    try:
        import yaml

        data = yaml.safe_load((root / "provisions" / "bill.yaml").read_text(encoding="utf-8"))
        statuses = data["workflow"]["statuses"]
        return [str(s) for s in statuses]
    except Exception:
        return []


def complete_provisions(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    root = _completion_root(ctx)
    return _matching(provision_ids(root), incomplete) if root else []


def complete_statuses(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    root = _completion_root(ctx)
    return _matching(workflow_statuses(root), incomplete) if root else []


def complete_drafts(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    root = _completion_root(ctx)
    return _matching(draft_names(root), incomplete) if root else []


def complete_versions(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """A version for ``diff``/``changelog``: a draft name, ``worktree``, ``git:`` or a file."""
    root = _completion_root(ctx)
    names = ["worktree", *(draft_names(root) if root else [])]
    items = _matching(names, incomplete)
    if incomplete.startswith("git:") or "git:".startswith(incomplete):
        items.append(CompletionItem("git:HEAD"))
    return [*items, CompletionItem(incomplete, type="file")]


def complete_ids_then_status(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """``status set ID... STATUS``: provision ids, and after the first one the statuses too."""
    root = _completion_root(ctx)
    if root is None:
        return []
    names = provision_ids(root)
    if ctx.params.get(param.name or ""):
        names = [*workflow_statuses(root), *names]
    return _matching(names, incomplete)


def _complete_directories(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    return [CompletionItem(incomplete, type="dir")]


def shell_quote(parts: list[str]) -> str:
    """A command line for a shell, each part quoted."""
    return " ".join(shlex.quote(p) for p in parts)


def binary_stdout() -> BinaryIO:
    """Standard output for bytes (the byte stream under ``sys.stdout``, as click's runner sets it)."""
    return getattr(sys.stdout, "buffer", sys.stdout)


def write_result(
    output: Path | None, data: bytes, *, root: Path | None, overwrite: bool, binary: bool = False
) -> bool:
    """Write a command's result to ``-o FILE`` atomically, or to standard output for ``-``
    (a binary result is refused on a terminal). Returns True when it went to standard output."""
    if output is None or is_stdio(output):
        stream = binary_stdout()
        if binary and stream.isatty():
            from tracker.core.errors import InvalidValueError

            raise InvalidValueError(
                "refusing to write a binary document to the terminal",
                hint="give -o FILE, or redirect standard output to a file or a pipe",
            )
        sys.stdout.flush()
        stream.write(data)
        stream.flush()
        return True
    from tracker.adapters.atomic_file import write_output

    write_output(output, data, root=root, overwrite=overwrite)
    return False
