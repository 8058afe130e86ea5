"""Stacked horizontal bar charts as accessible SVG documents (the site's status and history charts,
and the coverage chart's drawing).

Pure: plain numbers in, an SVG document out, byte-stable for ``write_if_changed``. Colour is never
the only carrier of meaning: each series has its own fill pattern, each bar is labelled with its
counts in words, and the document has a title and a description for screen readers (the page also
gives the same numbers as text). Two layouts: ``wide`` (label, bar and words on one line) for large
screens (15-unit text, so still 12 px when the 900 units are shown 730 px wide), ``narrow``
(label, bar and words stacked, 340 units wide) for phones, where the image is shown at its own size
so its 13-unit text stays at 13 px.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

Layout = Literal["wide", "narrow"]

#: fill patterns by name: (pattern body drawn over the colour, or "" for a solid fill)
_PATTERNS = {
    "solid": "",
    "hatch": '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/>',
    "dots": '<circle cx="3" cy="3" r="1.3" fill="#ffffff"/>',
    "cross": '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="1.5"/>'
    '<line x1="0" y1="3" x2="6" y2="3" stroke="#ffffff" stroke-width="1.5"/>',
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Series:
    name: str  # "covered", "in progress", "cleared"
    colour: str  # "#2e7d32"
    pattern: str = "solid"  # a key of _PATTERNS


@dataclass(frozen=True, slots=True, kw_only=True)
class Bar:
    label: str
    counts: tuple[int, ...]  # one per series, in the chart's order

    @property
    def total(self) -> int:
        return sum(self.counts)


def words(series: Sequence[Series], bar: Bar) -> str:
    """``14 covered, 1 in progress`` (series with no count left out; ``none`` when all are 0)."""
    parts = [f"{count} {s.name}" for s, count in zip(series, bar.counts, strict=True) if count]
    return ", ".join(parts) or "none"


def bar_chart_svg(
    series: Sequence[Series],
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    layout: Layout = "wide",
    ident: str = "c",
) -> str:
    """A self-contained SVG document (no script, no external references).

    ``ident`` prefixes the document's ids, so two charts inlined in one page would not clash.
    """
    narrow = layout == "narrow"
    width = 340 if narrow else 900
    label_width, bar_width = (0, 320) if narrow else (330, 240)
    font = 13 if narrow else 15  # the wide one is shown a little smaller than its 900 units
    row = 62 if narrow else 34
    legend_rows = len(series) if narrow else 1
    height = 40 + row * max(len(bars), 1) + 22 * legend_rows + 12
    scale = max((bar.total for bar in bars), default=1) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'font-family="system-ui, sans-serif" font-size="{font}">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
        "<defs>" + "".join(_pattern(ident, i, s) for i, s in enumerate(series)) + "</defs>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="8" y="20" font-weight="bold" fill="#1a1a1a">{escape(_clip(title, 44 if narrow else 110))}</text>',
    ]
    y = 40
    for bar in bars:
        text_y = y + 15
        if narrow:
            out.append(
                f'<text x="8" y="{text_y}" fill="#1a1a1a">{escape(_clip(bar.label, 44))}</text>'
            )
            bar_y, bar_x = y + 22, 8
        else:
            out.append(
                f'<text x="8" y="{text_y}" fill="#1a1a1a">{escape(_clip(bar.label, 36))}</text>'
            )
            bar_y, bar_x = y, label_width
        x = float(bar_x)
        for index, (s, count) in enumerate(zip(series, bar.counts, strict=True)):
            if not count:
                continue
            w = bar_width * count / scale
            out.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="16" '
                f'fill="{_fill(ident, index, s)}" stroke="#333333" stroke-width="0.5">'
                f"<title>{count} {escape(s.name)}</title></rect>"
            )
            x += w
        said = escape(words(series, bar))
        if narrow:
            out.append(f'<text x="8" y="{bar_y + 31}" fill="#1a1a1a">{said}</text>')
        else:
            out.append(
                f'<text x="{label_width + bar_width + 10}" y="{text_y}" fill="#1a1a1a">{said}</text>'
            )
        y += row
    out.extend(_legend(ident, series, y + 6, narrow=narrow))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _pattern(ident: str, index: int, s: Series) -> str:
    body = _PATTERNS.get(s.pattern, "")
    if not body:
        return ""
    return (
        f'<pattern id="{ident}-p{index}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{s.colour}"/>{body}</pattern>'
    )


def _fill(ident: str, index: int, s: Series) -> str:
    return f"url(#{ident}-p{index})" if _PATTERNS.get(s.pattern) else s.colour


def _legend(ident: str, series: Sequence[Series], y: int, *, narrow: bool) -> list[str]:
    out = []
    x = 8
    for index, s in enumerate(series):
        out.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="{_fill(ident, index, s)}" '
            'stroke="#333333" stroke-width="0.5"/>'
        )
        out.append(f'<text x="{x + 20}" y="{y + 12}" fill="#1a1a1a">{escape(s.name)}</text>')
        if narrow:
            y += 22
        else:
            x += 40 + 9 * len(s.name)
    return out


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
