"""The seam between the site and the reports it shows: coverage, status, timeline and redlines.

Everything is computed by the core (``tracker.core.coverage``, ``tracker.core.status_table``,
``tracker.core.history``, ``tracker.core.redline``); this module only adapts those records to what the
pages need and caches what several pages share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.core.compile import CompiledBill
from tracker.core.model import Package

if TYPE_CHECKING:
    from tracker.core.coverage import Coverage
    from tracker.core.redline import Redline, UnitRedline
    from tracker.core.status_table import StatusReport
    from tracker.sphinx_ext.state import DraftVersion, SiteState


@dataclass(frozen=True, slots=True)
class CoverageView:
    """Coverage of the Order as the pages use it (a view over the core's :class:`Coverage`)."""

    coverage: Coverage

    def _count(self, state: str) -> int:
        return sum(1 for row in self.coverage.rows if str(row.state) == state)

    @property
    def covered(self) -> int:
        return self._count("covered")

    @property
    def in_progress(self) -> int:
        return self._count("in progress")

    @property
    def uncovered(self) -> int:
        return self._count("uncovered")

    @property
    def total(self) -> int:
        return len(self.coverage.rows)

    @property
    def directive_ids(self) -> tuple[str, ...]:
        return tuple(row.order_id for row in self.coverage.rows)

    def state_of(self, order_id: str) -> str:
        for row in self.coverage.rows:
            if row.order_id == order_id:
                return str(row.state)
        return ""

    def implementers_of(self, order_id: str) -> tuple[str, ...]:
        """Live provisions implementing the entry or a part of it, for directives and the rest."""
        for row in self.coverage.rows:
            if row.order_id == order_id:
                return tuple(i.provision_id for i in row.implementers)
        return ()


_COVERAGE: dict[int, tuple[Package, CoverageView]] = {}


def coverage_of(package: Package) -> CoverageView:
    cached = _COVERAGE.get(id(package))
    if cached is not None and cached[0] is package:
        return cached[1]
    from tracker.core.coverage import coverage

    view = CoverageView(coverage(package))
    _COVERAGE.clear()
    _COVERAGE[id(package)] = (package, view)
    return view


def implementers(package: Package, order_id: str) -> tuple[str, ...]:
    """Live provisions that name ``order_id`` or a part of it (for entries that are not directives)."""
    return tuple(
        p.id
        for p in package.ordered_provisions()
        if p.status != "dropped"
        and any(oid == order_id or oid.startswith(f"{order_id}(") for oid in p.implements)
    )


def coverage_bars(package: Package) -> list[tuple[str, int, int, int]]:
    """(label, covered, in progress, uncovered) for each top-level section of the Order."""
    order = package.order
    if order is None:
        return []
    view = coverage_of(package)
    bars = []
    for entry in order.entries:
        if entry.depth != 0:
            continue
        states = [
            str(row.state)
            for row in view.coverage.rows
            if row.order_id == entry.id or row.order_id.startswith(f"{entry.id}(")
        ]
        label = " ".join(p for p in (entry.label or entry.id, entry.heading or "") if p)
        bars.append(
            (
                label,
                states.count("covered"),
                states.count("in progress"),
                states.count("uncovered"),
            )
        )
    return bars


_STATUS: dict[int, tuple[Package, StatusReport]] = {}


def status_of(package: Package) -> StatusReport:
    """The package's status report, made once per build (the charts and the status page use it)."""
    cached = _STATUS.get(id(package))
    if cached is not None and cached[0] is package:
        return cached[1]
    from tracker.core.status_table import status_report

    report = status_report(package)
    _STATUS.clear()
    _STATUS[id(package)] = (package, report)
    return report


@dataclass(frozen=True, slots=True)
class TimelineItem:
    date: str
    label: str
    draft: str | None
    note: str | None


def timeline_of(site: SiteState) -> Sequence[TimelineItem]:
    """The bill's stages, oldest first. A stage recorded in bill.yaml and the draft cut at it on the
    same day are one item (the stage's note, else the draft's)."""
    bill = site.package.bill
    if bill is None:
        return []
    from tracker.core.history import bill_timeline

    timeline = bill_timeline(bill, [d.info for d in site.drafts])
    items: list[TimelineItem] = []
    for event in timeline.events:
        item = TimelineItem(
            date=event.date.isoformat(),
            label=event.stage.label + (f" ({event.code})" if event.code else ""),
            draft=event.draft,
            note=event.note,
        )
        last = items[-1] if items else None
        if last and (last.date, last.label) == (item.date, item.label) and not last.draft:
            items[-1] = TimelineItem(
                date=item.date, label=item.label, draft=item.draft, note=last.note or item.note
            )
        else:
            items.append(item)
    return items


_REDLINES: dict[tuple[int, int, str, str], tuple[Package, Package, Redline]] = {}


def redline_between(old: Package, new: Package, old_label: str, new_label: str) -> Redline:
    """The redline from ``old`` to ``new``, computed once per build and pair."""
    key = (id(old), id(new), old_label, new_label)
    cached = _REDLINES.get(key)
    if cached is not None and cached[0] is old and cached[1] is new:
        return cached[2]
    from tracker.core.redline import compare_units

    redline = compare_units(
        CompiledBill(old).units(),
        CompiledBill(new).units(),
        old_label=old_label,
        new_label=new_label,
    ).for_display()
    if len(_REDLINES) > 32:
        _REDLINES.clear()
    _REDLINES[key] = (old, new, redline)
    return redline


def provision_redline(
    draft: DraftVersion, site: SiteState, provision_id: str
) -> UnitRedline | None:
    """The provision's unit in the redline from ``draft`` to the current text; None when it is new."""
    redline = redline_between(draft.package, site.package, draft.name, "current")
    unit = _units_by_new_key(redline).get(provision_id)
    return None if unit is None or unit.old_key is None else unit


_UNITS: dict[int, tuple[Redline, dict[str, UnitRedline]]] = {}


def _units_by_new_key(redline: Redline) -> dict[str, UnitRedline]:
    """The redline's units by their current key, the first of each (one look-up per provision
    page instead of a scan of every unit: a scan made the site's build quadratic)."""
    held = _UNITS.get(id(redline))
    if held is not None and held[0] is redline:
        return held[1]
    units: dict[str, UnitRedline] = {}
    for unit in redline.units:
        if unit.new_key is not None:
            units.setdefault(unit.new_key, unit)
    if len(_UNITS) > 32:
        _UNITS.clear()
    _UNITS[id(redline)] = (redline, units)
    return units
