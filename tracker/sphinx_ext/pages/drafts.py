"""Drafts and redlines: the list of drafts with the timeline, one draft's text, one redline."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from docutils import nodes

from tracker.render.docutils_nodes import Cell, bullets, deleted, inserted, para, table
from tracker.sphinx_ext import reports
from tracker.sphinx_ext.generate import (
    CURRENT,
    draft_docname,
    draft_label,
    provision_docname,
    redline_docname,
    redline_label,
    redline_pairs,
)
from tracker.sphinx_ext.nodes_util import (
    external_link,
    fields,
    long_date,
    note_nodes,
    note_summary,
    page_link,
    section,
)
from tracker.sphinx_ext.outputs import printable_redline_name
from tracker.sphinx_ext.pages.bill import bill_document
from tracker.sphinx_ext.pages.common import SiteDirective, join
from tracker.sphinx_ext.state import SiteState

if TYPE_CHECKING:
    from tracker.core.redline import UnitRedline


class DraftsDirective(SiteDirective):
    keys = ("front", "drafts")

    def render(self) -> list[nodes.Node]:
        site = self.site
        out: list[nodes.Node] = [timeline_nodes(site)]
        if not site.drafts:
            out.append(para("No draft has been cut yet ('billtrack draft cut NAME')."))
            return out
        with_commits = any(draft.info.commit for draft in site.drafts)
        rows: list[list[Cell]] = []
        for draft in site.drafts:
            row: list[Cell] = [
                page_link(draft_docname(draft.name), "", draft_label(draft.info)),
                nodes.literal(draft.name, draft.name),
            ]
            if with_commits:
                row.append(commit_text(draft.info.commit, draft.info.dirty, short=True))
            row.append(note_summary(draft.info.note))
            rows.append(row)
        header = ("Draft", "Name", *(("Cut from",) if with_commits else ()), "Note")
        drafts = section("Drafts", "drafts")
        drafts += table(header, rows, classes=["bt-drafts-table"])
        out.append(drafts)
        redlines = section("Redlines", "redlines")
        redlines += bullets([redline_link(site, old, new) for old, new in redline_pairs(site)])
        out.append(redlines)
        return out


def timeline_nodes(site: SiteState) -> nodes.Element:
    """The bill's stages, oldest first, each with the draft cut at it."""
    items: list[Cell] = []
    for event in reports.timeline_of(site):
        when = long_date(dt.date.fromisoformat(event.date))
        parts: list[nodes.Node] = [nodes.strong(when, when), nodes.Text(f" — {event.label}")]
        if event.draft:
            draft = site.draft(event.draft)
            label = draft_label(draft.info) if draft else event.draft
            parts += [nodes.Text(": "), page_link(draft_docname(event.draft), "", label)]
        if event.note:
            parts.append(nodes.Text(". " + note_summary(event.note)))
        items.append(parts)
    return bullets(items, classes=["bt-timeline"]) if items else para("No stage recorded yet.")


def redline_link(site: SiteState, old: str, new: str) -> nodes.Node:
    label = f"{redline_label(site, old)} → {redline_label(site, new)}"
    return page_link(redline_docname(old, new), "", label)


def commit_text(commit: str | None, dirty: bool, *, short: bool = False) -> str:
    """Where a draft was cut from: its commit, or that none was recorded."""
    if not commit:
        return "not recorded"
    if not dirty:
        return commit[:12]
    return commit[:12] + (" (uncommitted changes)" if short else " with uncommitted changes")


def legend() -> nodes.Element:
    """How to read the marks, in words as well as in type: not by colour."""
    return para(
        "Legend: ",
        deleted("struck through", "struck through", classes=["bt-del"]),
        " — text struck out (read as “deleted”); ",
        inserted("underlined", "underlined", classes=["bt-ins"]),
        " — text inserted (read as “inserted”).",
        classes=["bt-legend"],
    )


class DraftDirective(SiteDirective):
    required_arguments = 1
    optional_arguments = 0
    keys = ("drafts",)

    def render(self) -> list[nodes.Node]:
        site = self.site
        draft = site.draft(self.arguments[0])
        if draft is None:
            return [para(f"No draft named {self.arguments[0]}.")]
        info = draft.info
        facts: list[tuple[str, Cell]] = [
            ("Stage", info.stage.label),
            ("Date", long_date(info.date)),
            ("Name", nodes.literal(draft.name, draft.name)),
            ("Cut from", commit_text(info.commit, info.dirty)),
        ]
        related = [
            redline_link(site, old, new)
            for old, new in redline_pairs(site)
            if draft.name in (old, new)
        ]
        if related:
            facts.append(("Redlines", join(related)))
        out: list[nodes.Node] = [fields(facts)]
        if info.note:
            out += note_nodes(info.note, classes=["bt-draft-note"])
        out += bill_document(self, draft.package, draft.compiled, pages=False)
        return out


class RedlineDirective(SiteDirective):
    required_arguments = 2
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        from tracker.render.docutils_redline import redline_nodes

        site = self.site
        old_name, new_name = self.arguments
        self.depend("drafts", *(("package",) if new_name == CURRENT else ()))
        old = site.draft(old_name)
        new = None if new_name == CURRENT else site.draft(new_name)
        if old is None or (new is None and new_name != CURRENT):
            return [para("This redline's drafts are missing.")]
        new_package = site.package if new is None else new.package
        redline = reports.redline_between(old.package, new_package, old_name, new_name)
        new_label = "the current text" if new is None else redline_label(site, new_name)
        out: list[nodes.Node] = [
            para(
                f"Comparative print of the {redline_label(site, old_name)} against {new_label}. "
                "The change summary comes first, then the changed sections. ",
                external_link(
                    printable_redline_name(old_name, new_name), "Standalone printable version"
                ),
                ".",
                classes=["bt-redline-intro"],
            ),
            legend(),
        ]

        def link(unit: UnitRedline) -> nodes.Node:
            """Against the current text, each changed section links to its provision's page."""
            key = unit.new_key if new is None else None
            if key and key in site.package.provisions:
                return page_link(provision_docname(key), "", "provision page", classes=["bt-aside"])
            return nodes.Text("")

        rendered = redline_nodes(redline, link=link)
        out.append(rendered[0])  # the change summary first
        if new is not None and new.info.note:
            note = section(f"The note of {new_name}", "draft-note", classes=["bt-draft-note"])
            note.extend(note_nodes(new.info.note))
            out.append(note)
        changes = section("Changed sections", "changed-sections")
        changes.extend(rendered[1:])
        out.append(changes)
        return out
