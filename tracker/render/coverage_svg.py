"""The coverage chart: one horizontal bar per section of the Order, split by the state of its directives.

Pure: plain numbers in, an SVG document out. Colour is never the only carrier of meaning: each state
has its own fill pattern, each bar is labelled with its counts in words, and the SVG has a title and
a description (every bar's numbers) for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.render.chart_svg import Bar, Layout, Series, bar_chart_svg

SERIES = (
    Series(name="covered", colour="#2e7d32"),
    Series(name="in progress", colour="#b26a00", pattern="hatch"),
    Series(name="uncovered", colour="#c62828", pattern="cross"),
)


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


def coverage_svg(bars: Sequence[CoverageBar], *, title: str, layout: Layout = "wide") -> str:
    """A self-contained SVG document (no script, no external references), drawn by
    :func:`tracker.render.chart_svg.bar_chart_svg` with a bar for all directives first."""
    total = CoverageBar(
        label="All directives",
        covered=sum(b.covered for b in bars),
        in_progress=sum(b.in_progress for b in bars),
        uncovered=sum(b.uncovered for b in bars),
    )
    chart_bars = [
        Bar(label=bar.label, counts=(bar.covered, bar.in_progress, bar.uncovered)) for bar in bars
    ]
    return bar_chart_svg(
        SERIES,
        chart_bars,
        title=title,
        description=f"{total.words()} directives. "
        + " ".join(f"{bar.label}: {bar.words()}." for bar in bars),
        layout=layout,
        ident="cov",
    )
