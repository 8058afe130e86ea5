"""The changelog between two versions as text, Markdown and JSON: the note a liaison sends."""

from __future__ import annotations

from tracker.core.status_report import ChangeKind, Changelog, ProvisionChange, StatusChange
from tracker.render.status_table import dumps

HEADINGS = {
    ChangeKind.ADDED: "Added",
    ChangeKind.STRUCK: "Struck",
    ChangeKind.AMENDED: "Amended",
    ChangeKind.MOVED: "Moved",
    ChangeKind.REDESIGNATED: "Redesignated",
}


def _section(number: str | None) -> str:
    return f"sec. {number}" if number else "unnumbered"


def _words(count: int) -> str:
    return f"{count} word" if count == 1 else f"{count} words"


def _describe(change: ProvisionChange, kind: ChangeKind, *, code: bool) -> str:
    name = f"`{change.provision_id}`" if code else change.provision_id
    title = change.title.rstrip(".")
    if kind is ChangeKind.ADDED:
        detail = f"new {_section(change.new_number)}, {_words(change.words_inserted)}"
    elif kind is ChangeKind.STRUCK:
        detail = f"was {_section(change.old_number)}, {_words(change.words_struck)}"
    elif kind is ChangeKind.AMENDED:
        detail = (
            f"{_section(change.new_number)}, {_words(change.words_inserted)} inserted, "
            f"{change.words_struck} struck"
        )
    elif kind is ChangeKind.MOVED:
        renamed = f", formerly {change.old_id}" if change.old_id else ""
        detail = f"now {_section(change.new_number)}, was {_section(change.old_number)}{renamed}"
    else:
        detail = f"{_section(change.old_number)} becomes {_section(change.new_number)}"
    return f"{name} ({title}): {detail}"


def _status(change: StatusChange, *, code: bool) -> list[str]:
    name = f"`{change.provision_id}`" if code else change.provision_id
    before = change.from_status or "new"
    lines = [f"{name}: {before} -> {change.to_status}"]
    for entry in change.entries:
        who = f", {entry.author}" if entry.author else ""
        note = f": {' '.join(entry.note.split())}" if entry.note else ""
        forced = " (forced)" if entry.forced else ""
        lines.append(
            f"{entry.date.isoformat()}{who}, {entry.from_status or 'new'} -> "
            f"{entry.to_status}{forced}{note}"
        )
    return lines


def changelog_text(log: Changelog) -> str:
    out = [f"{log.title}: changes from {log.old_label} to {log.new_label}", ""]
    if log.is_empty:
        return "\n".join([*out, "No changes."]) + "\n"
    for kind, heading in HEADINGS.items():
        changes = log.of_kind(kind)
        if changes:
            out.append(f"{heading} ({len(changes)}):")
            out += [f"  - {_describe(c, kind, code=False)}" for c in changes]
            out.append("")
    if log.status_changes:
        out.append(f"Status changes ({len(log.status_changes)}):")
        for change in log.status_changes:
            first, *rest = _status(change, code=False)
            out.append(f"  - {first}")
            out += [f"      {line}" for line in rest]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def changelog_markdown(log: Changelog) -> str:
    out = [f"# {log.title}", "", f"Changes from **{log.old_label}** to **{log.new_label}**.", ""]
    if log.is_empty:
        return "\n".join([*out, "No changes."]) + "\n"
    for kind, heading in HEADINGS.items():
        changes = log.of_kind(kind)
        if changes:
            out += [f"## {heading} ({len(changes)})", ""]
            out += [f"- {_describe(c, kind, code=True)}" for c in changes]
            out.append("")
    if log.status_changes:
        out += [f"## Status changes ({len(log.status_changes)})", ""]
        for change in log.status_changes:
            first, *rest = _status(change, code=True)
            out.append(f"- {first}")
            out += [f"  - {line}" for line in rest]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def changelog_json(log: Changelog) -> str:
    return dumps(log.as_dict())


def render_changelog(log: Changelog, output_format: str) -> str:
    if output_format == "json":
        return changelog_json(log)
    if output_format == "md":
        return changelog_markdown(log)
    return changelog_text(log)


_NO_DRAFTS = "No drafts yet, so there is no earlier version to compare with."
_CUT_ONE = "Cut one with 'billtrack draft cut NAME --stage STAGE', or name two versions."
NO_DRAFTS = {
    "text": f"{_NO_DRAFTS}\n{_CUT_ONE}\n",
    "md": f"{_NO_DRAFTS} {_CUT_ONE}\n",
    "json": dumps({"old": None, "new": "worktree", "message": _NO_DRAFTS, "changes": []}),
}
