"""The history of provisions (``billtrack log``) as text and JSON."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from tracker.core.history import LogEntry
from tracker.render.terminal_text import printable

ARROW = "->"


def _what(entry: LogEntry) -> str:
    if entry.to_status is not None:
        move = f"{entry.from_status or 'new'} {ARROW} {entry.to_status}"
        return move + (" (forced)" if entry.forced else "")
    changed = [c for c in entry.changes if c != "status"]
    if changed in (["created"], ["deleted"]):
        return f"file {changed[0]}"
    return f"edited: {', '.join(changed)}" if changed else "no change to the file"


def _source(entry: LogEntry) -> str:
    commit = f"commit {entry.commit[:12]}" if entry.commit else ""
    if entry.source == "both":
        return f"recorded, {commit}"
    return commit or "recorded"


def log_text(
    entries: Sequence[LogEntry], *, provision_id: str | None = None, width: int = 80
) -> str:
    """Newest first: a line with the date, what happened, who and where it is recorded (the file,
    a commit, or both), then the note and the commit's subject, wrapped."""
    if not entries:
        which = f"'{provision_id}'" if provision_id else "any provision"
        return printable(f"No history recorded for {which} yet.\n")
    indent = " " * 18
    lines: list[str] = []
    for entry in entries:
        when = entry.time.strftime("%Y-%m-%d %H:%M") if entry.time else entry.date.isoformat()
        subject = "" if provision_id else f"{entry.provision_id}: "
        who = entry.author or "unknown author"
        lines.append(f"{when:<16}  {subject}{_what(entry)}; {who} ({_source(entry)})")
        details = []
        if entry.owner:
            details.append(f"Owner now {entry.owner}.")
        if entry.note:
            details.append(" ".join(entry.note.split()))
        if entry.subject and entry.subject not in details:
            details.append(f"“{entry.subject}”" if entry.note else entry.subject)
        for detail in details:
            lines += wrap(detail, width=max(width, 40), indent=indent)
    return printable("\n".join(lines) + "\n")


def wrap(text: str, *, width: int, indent: str) -> list[str]:
    """``textwrap.wrap`` with ``indent`` on every line; a line that fits as it is (the common case:
    a commit subject, a short note) is returned without textwrap's work, which is the same answer.

    >>> wrap("Reports every quarter", width=40, indent="  ")
    ['  Reports every quarter']
    """
    if len(indent) + len(text) <= width and text.isprintable() and text == text.strip():
        return [indent + text] if text else []
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent)


def log_json(entries: Sequence[LogEntry], *, provision_id: str | None = None) -> str:
    # Imported here: the status table's module loads the changelog and amendment engines, which
    # the text log (the common case, timed by benchmarks/history.py) does not need.
    from tracker.render.status_table import dumps

    return dumps({"provision": provision_id, "entries": [e.as_dict() for e in entries]})


def render_log(
    entries: Sequence[LogEntry],
    output_format: str,
    *,
    provision_id: str | None = None,
    width: int = 80,
) -> str:
    if output_format == "json":
        return log_json(entries, provision_id=provision_id)
    return log_text(entries, provision_id=provision_id, width=width)
