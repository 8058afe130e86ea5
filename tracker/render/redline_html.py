"""A redline as one standalone, printable HTML page in the style of a comparative print.

Struck text is ``<del>`` (struck through), inserted text ``<ins>`` (underlined; with
``style="congressional"`` the committee-print convention: struck through and italic, in black). A
summary table and a table of contents of the changed units open the page; moved units are marked.
``layout="side-by-side"`` sets the old and new text of each unit in parallel columns. Every piece of
text is escaped. With the amendments compared, a last part ("Changes in existing law") lists the
instructions changed and redlines each law section they touch. A thin renderer: everything comes
from the model.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from tracker.core.redline import DELETE, EQUAL, INSERT, Redline, Run, UnitRedline
from tracker.render.redline_summary import summary_rows
from tracker.render.terminal_text import printable

if TYPE_CHECKING:
    from tracker.core.amend.compare import AmendmentComparison

STYLES = ("standard", "congressional")
LAYOUTS = ("inline", "side-by-side")

_CSS = """
:root { --del: #a40000; --ins: #00610f; --rule: #c8c8c8; --muted: #5a5a5a; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Georgia, serif; font-size: 12pt; line-height: 1.45;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; }
header h1 { font-size: 1.5rem; margin: 0 0 .25rem; letter-spacing: .02em; }
header p { margin: .1rem 0; color: var(--muted); }
table.summary { border-collapse: collapse; margin: 1rem 0; }
table.summary th, table.summary td { border: 1px solid var(--rule); padding: .2rem .6rem;
       text-align: left; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
nav.toc ol { padding-left: 1.5rem; columns: 2; }
nav.toc li { break-inside: avoid; }
.legend { font-size: .9rem; color: var(--muted); }
section.unit { border-top: 1px solid var(--rule); padding-top: .5rem; margin-top: 1rem;
       break-inside: auto; }
section.unit h3 { font-size: 1rem; margin: .25rem 0 .5rem; }
.kind { font-family: system-ui, sans-serif; font-size: .75rem; font-weight: normal;
       border: 1px solid currentColor; border-radius: .2rem; padding: 0 .3rem; margin-left: .5rem;
       color: var(--muted); white-space: nowrap; }
.unit.moved .kind, .unit.inserted .kind { color: var(--ins); }
.unit.struck .kind { color: var(--del); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.unchanged .text { color: #333; }
del { text-decoration: line-through; color: var(--del); }
ins { text-decoration: underline; color: var(--ins); }
.congressional del { color: inherit; text-decoration: line-through; }
.congressional ins { color: inherit; text-decoration: none; font-style: italic; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
.columns > div > .label { font-family: system-ui, sans-serif; font-size: .75rem;
       color: var(--muted); margin-bottom: .25rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  nav.toc { break-after: page; }
  a { color: inherit; text-decoration: none; }
  del, ins { color: inherit; }
}
"""


def render_html(
    redline: Redline,
    *,
    style: str = "standard",
    layout: str = "inline",
    title: str | None = None,
    changed_only: bool = False,
    amendments: AmendmentComparison | None = None,
) -> str:
    """The whole page; ``changed_only`` leaves out the text of unchanged units; ``amendments``
    adds their changes, if any."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; styles: {', '.join(STYLES)}")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; layouts: {', '.join(LAYOUTS)}")
    heading = title or "Comparative print"
    old, new = escape(redline.old_label), escape(redline.new_label)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="billtrack">',
        f"<title>{escape(heading)}: {old} to {new}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        f'<body class="{style} {layout}">',
        "<header>",
        f"<h1>{escape(heading)}</h1>",
        f"<p>Changes from <strong>{old}</strong> to <strong>{new}</strong>.</p>",
        f'<p class="legend">{_legend(style)}</p>',
        "</header>",
        _summary_table(redline),
        _toc(redline),
        "<main>",
    ]
    if redline.front_matter:
        rows = "".join(
            f'<tr><th scope="row">{escape(c.key)}</th>'
            f"<td><del>{escape(c.old or '')}</del></td><td><ins>{escape(c.new or '')}</ins></td></tr>"
            for c in redline.front_matter
        )
        parts.append(
            '<section class="front-matter"><h2>Front matter</h2><table>'
            "<tr><th>key</th><th>old</th><th>new</th></tr>" + rows + "</table></section>"
        )
    for index, unit in enumerate(redline.units):
        if changed_only and not unit.changed:
            continue
        parts.append(_unit(unit, index, layout, redline.old_label))
    if amendments is not None and not amendments.is_empty:
        parts.append(_amendments(amendments))
    parts += ["</main>", "</body>", "</html>", ""]
    return printable("\n".join(parts))  # HTML holds no control characters: shown escaped


def _legend(style: str) -> str:
    if style == "congressional":
        return (
            "Omit the part struck through and insert the part printed in italic: "
            "<del>struck</del> <ins>inserted</ins>."
        )
    return "Struck text is <del>struck through</del>; inserted text is <ins>underlined</ins>."


def _summary_table(redline: Redline) -> str:
    body = "\n".join(
        f'<tr><th scope="row">{label}</th><td class="n">{n}</td></tr>'
        for label, n in summary_rows(redline.summary)
    )
    return f'<table class="summary">\n<caption>Summary</caption>\n{body}\n</table>'


def _toc(redline: Redline) -> str:
    items = [
        f'<li><a href="#unit-{index}">{escape(unit.title)}</a>'
        f' <span class="kind">{escape(unit.describe())}</span></li>'
        for index, unit in enumerate(redline.units)
        if unit.changed
    ]
    if not items:
        return '<nav class="toc"><h2>Changed sections</h2><p>No differences.</p></nav>'
    return '<nav class="toc"><h2>Changed sections</h2><ol>\n' + "\n".join(items) + "\n</ol></nav>"


def _unit(unit: UnitRedline, index: int, layout: str, old_label: str) -> str:
    classes = ["unit", str(unit.kind)]
    classes += [
        flag for flag in ("moved", "redesignated") if getattr(unit, flag) and flag != unit.kind
    ]
    label = f'<span class="kind">{escape(unit.describe())}</span>' if unit.changed else ""
    moved = ""
    if unit.moved and unit.old_position is not None:
        was = unit.old_number or f"unit {unit.old_position + 1}"
        if unit.unit_kind == "section" and unit.old_number:
            was = f"SEC. {unit.old_number}"
        moved = (
            f'<p class="legend">Moved: it stood as {escape(was)} (unit {unit.old_position + 1})'
            f" in {escape(old_label)}.</p>"
        )
    head = f'<section class="{" ".join(classes)}" id="unit-{index}">\n<h3>{escape(unit.title)}{label}</h3>'
    summary = unit.subdivision_summary()
    if summary:
        moved += f'<p class="legend subdivisions">{escape(summary)}</p>'
    if layout == "side-by-side" and unit.changed and unit.subdivisions:
        rows = "".join(  # aligned subdivisions on the same row
            '<div class="columns">'
            f'<div><div class="text">{_runs(unit.runs[sub.first_run : sub.end_run], (EQUAL, DELETE))}</div></div>'
            f'<div><div class="text">{_runs(unit.runs[sub.first_run : sub.end_run], (EQUAL, INSERT))}</div></div>'
            "</div>"
            for sub in unit.subdivisions
        )
        labels = (
            '<div class="columns"><div class="label">Old</div><div class="label">New</div></div>'
        )
        body = labels + rows
    elif layout == "side-by-side" and unit.changed:
        body = (
            '<div class="columns">'
            f'<div><div class="label">Old</div><div class="text">{_runs(unit.runs, (EQUAL, DELETE))}</div></div>'
            f'<div><div class="label">New</div><div class="text">{_runs(unit.runs, (EQUAL, INSERT))}</div></div>'
            "</div>"
        )
    else:
        body = f'<div class="text">{_runs(unit.runs, (EQUAL, DELETE, INSERT))}</div>'
    return f"{head}\n{moved}{body}\n</section>"


def _amendments(amendments: AmendmentComparison) -> str:
    from tracker.render import redline_amendments as words

    parts = [
        '<section class="amendments" id="amendments">',
        f"<h2>{escape(words.TITLE)}</h2>",
        f'<p class="legend">{escape(words.amendments_line(amendments))}</p>',
    ]
    for index, change in enumerate(amendments.instructions):
        parts.append(
            f'<section class="unit instruction {escape(str(change.kind))}" id="instruction-{index}">'
            f"<h3>{escape(words.change_title(change))}"
            f'<span class="kind">{escape(words.change_detail(change))}</span></h3>'
        )
        if change.text_changed:
            parts.append(f'<div class="text">{_runs(change.runs, (EQUAL, DELETE, INSERT))}</div>')
        parts.append("</section>")
    for index, law in enumerate(amendments.laws):
        parts.append(
            f'<section class="unit law" id="law-{index}">'
            f"<h3>{escape(words.law_title(law))}"
            f'<span class="kind">{escape(words.law_detail(law))}</span></h3>'
            f'<div class="text">{_runs(law.runs, (EQUAL, DELETE, INSERT))}</div></section>'
        )
    parts.append("</section>")
    return "\n".join(parts)


def _runs(runs: tuple[Run, ...], shown: tuple[str, ...]) -> str:
    out: list[str] = []
    for op, text in runs:
        if op not in shown:
            continue
        if op == DELETE:
            out.append(f"<del>{escape(text)}</del>")
        elif op == INSERT:
            out.append(f"<ins>{escape(text)}</ins>")
        else:
            out.append(escape(text))
    return "".join(out)
