"""The changelog between two versions as text, Markdown and JSON: the note a liaison sends."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.core.changelog import ChangeKind, Changelog, ProvisionChange, StatusChange
from tracker.render.status_table import dumps
from tracker.render.terminal_text import printable

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


@dataclass(frozen=True, slots=True, kw_only=True)
class _Layout:
    """How one format lays out the sections of a changelog; the sections themselves are shared."""

    heading: tuple[str, ...]  # lines opening a section, formatted with {name} and {count}
    item: str  # prefix of an item's first line
    detail: str  # prefix of its further lines
    code: bool  # provision ids as code


_TEXT = _Layout(heading=("{name} ({count}):",), item="  - ", detail="      ", code=False)
_MARKDOWN = _Layout(heading=("## {name} ({count})", ""), item="- ", detail="  - ", code=True)


def _instructions(log: Changelog, *, code: bool) -> list[list[str]]:
    """One item per instruction added, removed or changed, then one for the law sections that
    would read differently."""
    if log.amendments is None:
        return []
    from tracker.render.redline_amendments import change_detail, change_title

    items = [
        [
            f"`{change_title(c)}`: {change_detail(c)}"
            if code
            else f"{change_title(c)}: {change_detail(c)}"
        ]
        for c in log.amendments.instructions
    ]
    if log.amendments.laws:
        names = ", ".join(law.citation for law in log.amendments.laws)
        items.append([f"law that would read differently: {names}"])
    return items


def _sections(log: Changelog, layout: _Layout) -> list[str]:
    """A section per kind of change, in ``HEADINGS`` order, then the instructions amending existing
    law and the status changes; empty ones are left out and each ends with a blank line."""
    sections = [
        (heading, [[_describe(c, kind, code=layout.code)] for c in log.of_kind(kind)])
        for kind, heading in HEADINGS.items()
    ]
    sections.append(("Instructions amending existing law", _instructions(log, code=layout.code)))
    sections.append(("Status changes", [_status(c, code=layout.code) for c in log.status_changes]))
    out: list[str] = []
    for name, items in sections:
        if not items:
            continue
        out += [line.format(name=name, count=len(items)) for line in layout.heading]
        for first, *rest in items:
            out.append(layout.item + first)
            out += [layout.detail + line for line in rest]
        out.append("")
    return out


def _document(head: list[str], log: Changelog, layout: _Layout) -> str:
    if log.is_empty:
        return printable("\n".join([*head, "No changes."]) + "\n")
    return printable("\n".join(head + _sections(log, layout)).rstrip("\n") + "\n")


def changelog_text(log: Changelog) -> str:
    head = [f"{log.title}: changes from {log.old_label} to {log.new_label}", ""]
    return _document(head, log, _TEXT)


def changelog_markdown(log: Changelog) -> str:
    head = [f"# {log.title}", "", f"Changes from **{log.old_label}** to **{log.new_label}**.", ""]
    return _document(head, log, _MARKDOWN)


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
