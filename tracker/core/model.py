"""Domain records: the bill manifest, the source document's outline, provisions, drafts, the package.

Every record is a frozen, slotted, keyword-only dataclass. Nothing here reads files: the adapters build
these records from text (``tracker.adapters.loader``), and everything above reads only these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from tracker.core.errors import Finding, Severity
from tracker.core.ids import OrderId
from tracker.core.law import LawSection


class Stage(StrEnum):
    """The bill's stage in the legislative process, in order."""

    DISCUSSION = "discussion"
    INTRODUCED = "introduced"
    REFERRED = "referred"
    REPORTED = "reported"
    ENGROSSED = "engrossed"
    PASSED_OTHER_CHAMBER = "passed-other-chamber"
    ENROLLED = "enrolled"
    ENACTED = "enacted"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]

    @classmethod
    def parse(cls, value: str) -> Stage:
        """Read a stage name or a GPO version code.

        >>> Stage.parse("ih"), Stage.parse("reported")
        (<Stage.INTRODUCED: 'introduced'>, <Stage.REPORTED: 'reported'>)
        """
        text = value.strip().lower()
        if text in GPO_VERSION_CODES:
            return GPO_VERSION_CODES[text]
        return cls(text)


STAGE_LABELS: Mapping[Stage, str] = MappingProxyType(
    {
        Stage.DISCUSSION: "Discussion draft",
        Stage.INTRODUCED: "Introduced",
        Stage.REFERRED: "Referred to committee",
        Stage.REPORTED: "Reported",
        Stage.ENGROSSED: "Engrossed (passed one chamber)",
        Stage.PASSED_OTHER_CHAMBER: "Passed the other chamber",
        Stage.ENROLLED: "Enrolled",
        Stage.ENACTED: "Enacted",
    }
)

GPO_VERSION_CODES: Mapping[str, Stage] = MappingProxyType(
    {
        "ih": Stage.INTRODUCED,
        "is": Stage.INTRODUCED,
        "rfh": Stage.REFERRED,
        "rfs": Stage.REFERRED,
        "rh": Stage.REPORTED,
        "rs": Stage.REPORTED,
        "eh": Stage.ENGROSSED,
        "es": Stage.ENGROSSED,
        "eah": Stage.PASSED_OTHER_CHAMBER,
        "eas": Stage.PASSED_OTHER_CHAMBER,
        "enr": Stage.ENROLLED,
    }
)

STAGE_NAMES: tuple[str, ...] = tuple(s.value for s in Stage) + tuple(GPO_VERSION_CODES)

GROUP_KINDS: tuple[str, ...] = ("division", "title", "subtitle", "part", "subpart")


@dataclass(frozen=True, slots=True, kw_only=True)
class Workflow:
    """The statuses a provision moves through and the transitions allowed between them."""

    initial: str
    statuses: tuple[str, ...]
    done: tuple[str, ...]
    transitions: Mapping[str, tuple[str, ...]]

    def allowed(self, current: str) -> tuple[str, ...]:
        return self.transitions.get(current, ())

    def is_allowed(self, current: str, target: str) -> bool:
        return target in self.allowed(current)


DEFAULT_WORKFLOW = Workflow(
    initial="outline",
    statuses=("outline", "drafting", "review", "cleared", "hold", "dropped"),
    done=("cleared",),
    transitions=MappingProxyType(
        {
            "outline": ("drafting", "hold", "dropped"),
            "drafting": ("review", "hold", "dropped"),
            "review": ("cleared", "drafting", "hold", "dropped"),
            "cleared": ("review", "drafting"),
            "hold": ("drafting", "review", "dropped"),
            "dropped": ("drafting",),
        }
    ),
)

DROPPED_STATUS = "dropped"


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionEntry:
    """A provision's place in bill.yaml's contents; ``designation`` pins its number when given."""

    provision_id: str
    designation: str | None = None
    numbered: bool = True  # False for run-in text, appropriations paragraphs, resolutions
    line: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupEntry:
    """A division, title, subtitle, part or subpart grouping sections."""

    kind: str
    heading: str
    contents: tuple[SectionEntry | GroupEntry, ...]
    designation: str | None = None
    line: int | None = None


ContentEntry = SectionEntry | GroupEntry


@dataclass(frozen=True, slots=True, kw_only=True)
class StageChange:
    stage: Stage
    date: dt.date
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Bill:
    """The manifest, ``provisions/bill.yaml``."""

    official_title: str | None
    short_title: str | None
    congress: int | None
    session: int | None
    chamber: str
    sponsor: str | None
    stage: Stage
    enacting_clause: str | None
    stage_history: tuple[StageChange, ...]
    workflow: Workflow
    contents: tuple[ContentEntry, ...]
    document_title: str = "A BILL"
    preamble: tuple[str, ...] = ()
    number: str | None = None  # "1234" once introduced; None prints "H. R. ___"
    referral: str | None = None  # "the Committee on the Judiciary", as the cover prints it
    path: str = "provisions/bill.yaml"

    def section_entries(self) -> tuple[SectionEntry, ...]:
        """Every section entry in document order, groups flattened."""
        found: list[SectionEntry] = []

        def walk(entries: tuple[ContentEntry, ...]) -> None:
            for entry in entries:
                if isinstance(entry, SectionEntry):
                    found.append(entry)
                else:
                    walk(entry.contents)

        walk(self.contents)
        return tuple(found)

    @property
    def provision_ids(self) -> tuple[str, ...]:
        return tuple(entry.provision_id for entry in self.section_entries())

    @property
    def enacting_text(self) -> str:
        if self.enacting_clause:
            return self.enacting_clause
        return (
            "Be it enacted by the Senate and House of Representatives of the United States of "
            "America in Congress assembled,"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderDocument:
    """The source policy document as a whole (for us, Executive Order 13929)."""

    title: str
    kind: str
    number: str | None
    citation: str
    date: dt.date | None
    published: dt.date | None
    url: str | None
    note: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderEntry:
    """One section, subsection or list item of the source document, in our own summary."""

    id: str
    label: str | None
    heading: str | None
    directive: bool
    officials: tuple[str, ...]
    deadline_days: int | None
    recovered: bool
    summary: str
    line: int | None = None

    @property
    def parent_id(self) -> str | None:
        parent = OrderId.parse(self.id).parent
        return str(parent) if parent else None

    @property
    def depth(self) -> int:
        return len(OrderId.parse(self.id).path)


@dataclass(frozen=True, slots=True, kw_only=True)
class Order:
    """``provisions/order.yaml``: the outline of the source document."""

    document: OrderDocument
    entries: tuple[OrderEntry, ...]
    path: str = "provisions/order.yaml"
    _by_id: Mapping[str, OrderEntry] = field(init=False, repr=False, compare=False)

    def entry(self, order_id: str) -> OrderEntry | None:
        return self.by_id.get(order_id)

    @property
    def by_id(self) -> Mapping[str, OrderEntry]:
        """The entries by id (built once: checks and coverage look entries up per provision)."""
        return self._by_id

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_by_id", MappingProxyType({entry.id: entry for entry in self.entries})
        )

    @property
    def directives(self) -> tuple[OrderEntry, ...]:
        return tuple(entry for entry in self.entries if entry.directive)

    def due_date(self, entry: OrderEntry) -> dt.date | None:
        if entry.deadline_days is None or self.document.date is None:
            return None
        return self.document.date + dt.timedelta(days=entry.deadline_days)


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryEntry:
    """One recorded status change of a provision."""

    date: dt.date | dt.datetime
    from_status: str | None
    to_status: str
    author: str | None
    note: str | None
    forced: bool = False
    owner: str | None = None

    @property
    def day(self) -> dt.date:
        """The day of the change (``date`` may carry a time)."""
        return self.date.date() if isinstance(self.date, dt.datetime) else self.date


@dataclass(frozen=True, slots=True, kw_only=True)
class Provision:
    """One section of the bill, read from ``provisions/<id>.md``.

    ``lines`` maps front matter keys to their line in the file; ``body_line`` is the file line of the
    body's first line, so findings in the body can be located.
    """

    id: str
    path: str
    title: str
    implements: tuple[str, ...]
    status: str
    owner: str | None
    summary: str | None
    history: tuple[HistoryEntry, ...]
    fingerprint: str | None
    body: str
    body_line: int
    lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftInfo:
    """``drafts/<name>/draft.yaml``: a frozen snapshot of the bill as circulated."""

    name: str
    stage: Stage
    date: dt.date
    commit: str | None
    dirty: bool
    note: str | None
    path: str = ""
    content_sha256: str | None = None  # of provisions/ at cut time (docs/formats.md)


@dataclass(frozen=True, slots=True, kw_only=True)
class Package:
    """A whole package as loaded: manifest, outline, provisions, the existing law its bill amends
    (``law/``), and what was wrong with them.

    ``label`` says which version this is ("worktree", "drafts/introduced", "git:HEAD~1").
    ``bill`` or ``order`` is None only when its file could not be read at all.
    """

    label: str
    bill: Bill | None
    order: Order | None
    provisions: Mapping[str, Provision]
    findings: tuple[Finding, ...]
    draft: DraftInfo | None = None
    files: Mapping[str, bytes] = field(default_factory=dict)
    law: tuple[LawSection, ...] = ()  # the sections of law/ that could be read, by path

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def ordered_provisions(self) -> tuple[Provision, ...]:
        """Provisions in bill order (those listed in bill.yaml and present)."""
        if self.bill is None:
            return tuple(self.provisions[k] for k in sorted(self.provisions))
        return tuple(
            self.provisions[pid] for pid in self.bill.provision_ids if pid in self.provisions
        )

    def all_provisions(self) -> tuple[Provision, ...]:
        """Provisions in bill order, then any not listed in bill.yaml (by id)."""
        ordered = self.ordered_provisions()
        listed = {p.id for p in ordered}
        return ordered + tuple(
            self.provisions[k] for k in sorted(self.provisions) if k not in listed
        )
