"""``billtrack law list`` and ``law add``: the sections of ``law/`` as a table, JSON, or one line."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.core.law import LawSection
from tracker.render.status_table import DEFAULT_WIDTH, dumps, text_table
from tracker.render.terminal_text import printable


def law_list_text(sections: Sequence[LawSection], *, width: int = DEFAULT_WIDTH) -> str:
    if not sections:
        return "No law sections yet; add one with 'billtrack law add FILE [--section N]'.\n"
    rows = [
        (
            section.citation,
            section.act_section or "",
            section.heading or "",
            section.current_through,
            "yes" if section.text_matches else "NO: changed",
        )
        for section in sections
    ]
    columns = [
        ("Citation", {"no_wrap": True}),
        ("Act section", {"ratio": 2}),
        ("Heading", {"ratio": 2}),
        ("Current through", {"ratio": 1}),
        ("Text as recorded", {"ratio": 1}),
    ]
    return text_table(columns, rows, width=width)


def law_list_json(sections: Sequence[LawSection]) -> str:
    return dumps(
        {
            "sections": [
                {
                    "citation": section.citation,
                    "path": section.path,
                    "act_section": section.act_section,
                    "heading": section.heading,
                    "current_through": section.current_through,
                    "text_matches": section.text_matches,
                    "content_sha256": section.content_sha256,
                    "source": section.source.as_dict(),
                    "history": [version.as_dict() for version in section.history],
                }
                for section in sections
            ]
        }
    )


def render_law_list(
    sections: Sequence[LawSection], output_format: str, *, width: int = DEFAULT_WIDTH
) -> str:
    ordered = sorted(sections, key=lambda s: s.path)
    return (
        law_list_json(ordered) if output_format == "json" else law_list_text(ordered, width=width)
    )


def law_added_line(section: LawSection, replaced: LawSection | None, *, unchanged: bool) -> str:
    """``added law/34-usc-10152.md: 34 U.S.C. 10152, Description, current through ...``
    (content made printable)."""
    what = f"{section.citation}" + (f", {section.heading}" if section.heading else "")
    point = f"current through {section.current_through}"
    if unchanged:
        return printable(f"unchanged {section.path}: {what}, {point}")
    if replaced is None:
        return printable(f"added {section.path}: {what}, {point}")
    if replaced.current_through != section.current_through:
        point += f" (was {replaced.current_through}, kept in its history)"
    return printable(f"replaced {section.path}: {what}, {point}")
