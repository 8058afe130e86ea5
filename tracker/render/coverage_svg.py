"""The coverage chart: one horizontal bar per section of the Order, split by the state of its directives.

Pure: plain numbers in, an SVG document out. Colour is never the only carrier of meaning: each bar is
labelled with its counts in words, and the SVG has a title and description for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

COLOURS = {"covered": "#2e7d32", "in progress": "#f9a825", "uncovered": "#c62828"}
PATTERNS = {"covered": "", "in progress": "url(#bt-hatch)", "uncovered": ""}


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageBar:
    label: str  # "Sec. 2. Certification and Credentialing."
    covered: int
    in_progress: int
    uncovered: int

    @property
    def total(self) -> int:
        return self.covered + self.in_progress + self.uncovered

    def words(self) -> str:
        return f"{self.covered} covered, {self.in_progress} in progress, {self.uncovered} uncovered"


def coverage_svg(bars: Sequence[CoverageBar], *, title: str) -> str:
    """A self-contained SVG document (no script, no external references)."""
    width, label_width, bar_width, row = 900, 290, 260, 34
    height = 46 + row * max(len(bars), 1) + 30
    scale = max((bar.total for bar in bars), default=1) or 1
    total = CoverageBar(
        label="All directives",
        covered=sum(b.covered for b in bars),
        in_progress=sum(b.in_progress for b in bars),
        uncovered=sum(b.uncovered for b in bars),
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="t d" '
        'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="t">{escape(title)}</title>',
        f'<desc id="d">{escape(total.words())} directives.</desc>',
        '<defs><pattern id="bt-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f9a825"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="8" y="20" font-weight="bold">{escape(title)}</text>',
    ]
    y = 40
    for bar in bars:
        out.append(f'<text x="8" y="{y + 15}">{escape(_clip(bar.label, 42))}</text>')
        x = label_width
        for state, count in (
            ("covered", bar.covered),
            ("in progress", bar.in_progress),
            ("uncovered", bar.uncovered),
        ):
            if not count:
                continue
            w = bar_width * count / scale
            fill = PATTERNS[state] or COLOURS[state]
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="20" fill="{fill}" '
                f'stroke="#333333" stroke-width="0.5"><title>{count} {state}</title></rect>'
            )
            x += w
        if not bar.total:
            out.append(f'<text x="{label_width}" y="{y + 15}" fill="#555555">no directives</text>')
        out.append(
            f'<text x="{label_width + bar_width + 10}" y="{y + 15}" fill="#222222">'
            f"{escape(bar.words())}</text>"
        )
        y += row
    out.append(
        f'<text x="8" y="{y + 14}" fill="#222222">Solid green: covered by a cleared provision. '
        "Hatched amber: in progress. Solid red: uncovered.</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
