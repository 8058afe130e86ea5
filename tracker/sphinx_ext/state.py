"""What the site is built from: the package, its compiled bill, its drafts and the build's revision.

Loaded once per build (at ``builder-inited``) through the one loader, and kept outside the pickled
environment; forked parallel readers inherit it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tracker.adapters.git_repo import BuildRevision
from tracker.core.compile import CompiledBill
from tracker.core.enumeration import BlockKind
from tracker.core.errors import Finding
from tracker.core.model import DraftInfo, Package
from tracker.render.comparative_model import ComparativePrint, InstructionRow, LawPrint


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftVersion:
    """A frozen draft, loaded and compiled."""

    info: DraftInfo
    package: Package
    compiled: CompiledBill

    @property
    def name(self) -> str:
        return self.info.name


@dataclass(kw_only=True)
class SiteState:
    """The model every directive and role of the site reads; never changed during a build."""

    root: Path
    package: Package
    compiled: CompiledBill
    drafts: tuple[DraftVersion, ...]
    revision: BuildRevision

    @property
    def latest_draft(self) -> DraftVersion | None:
        return self.drafts[-1] if self.drafts else None

    def draft(self, name: str) -> DraftVersion | None:
        return next((d for d in self.drafts if d.name == name), None)

    @cached_property
    def findings_by_path(self) -> Mapping[str, tuple[Finding, ...]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.package.findings:
            grouped.setdefault(finding.path, []).append(finding)
        return {path: tuple(items) for path, items in grouped.items()}

    def findings_for(self, path: str) -> tuple[Finding, ...]:
        return self.findings_by_path.get(path, ())

    @cached_property
    def comparative(self) -> ComparativePrint:
        """The bill's instructions applied to its ``law/``: the "Changes in existing law" page."""
        from tracker.core.amend import amend_package
        from tracker.render.comparative_model import comparative_print

        return comparative_print(self.package, amend_package(self.package))

    @property
    def has_law_page(self) -> bool:
        """Whether the site shows the changes in existing law: the package keeps law or the bill
        has amendatory instructions."""
        return bool(self.package.law) or bool(self.comparative.rows)

    @cached_property
    def section_ids(self) -> tuple[str, ...]:
        """The provision ids of the bill's sections, in the bill's order."""
        return tuple(s.provision.id for s in self.compiled.sections)

    @cached_property
    def section_index(self) -> Mapping[str, int]:
        """Each section's place in :attr:`section_ids` (a page per provision looks its own up:
        a scan of the list for each would make the site's build quadratic in its sections)."""
        return {pid: index for index, pid in reversed(list(enumerate(self.section_ids)))}

    def instruction_rows(self, provision_id: str) -> tuple[InstructionRow, ...]:
        return self._rows_by_provision.get(provision_id, ())

    def laws_amended_by(self, provision_id: str) -> tuple[LawPrint, ...]:
        """The law sections the provision's instructions change, in the order of the print."""
        return self._laws_by_provision.get(provision_id, ())

    @cached_property
    def _rows_by_provision(self) -> Mapping[str, tuple[InstructionRow, ...]]:
        grouped: dict[str, list[InstructionRow]] = {}
        for row in self.comparative.rows:
            grouped.setdefault(row.provision, []).append(row)
        return {pid: tuple(rows) for pid, rows in grouped.items()}

    @cached_property
    def _laws_by_provision(self) -> Mapping[str, tuple[LawPrint, ...]]:
        grouped: dict[str, list[LawPrint]] = {}
        for law in self.comparative.laws:
            for pid in dict.fromkeys(row.provision for row in law.rows):
                grouped.setdefault(pid, []).append(law)
        return {pid: tuple(laws) for pid, laws in grouped.items()}

    @cached_property
    def fingerprints(self) -> Mapping[str, str]:
        """Content hashes of what pages depend on, by dependency key (see :mod:`.deps`).

        - ``prov:<id>``: the provision file's bytes and the findings located in it;
        - ``num:<id>``: what a reference to it renders as (number, title, subdivisions);
        - ``layout``: every number and heading of the bill (tables of contents);
        - ``package``: every file of the package (pages that show the whole bill);
        - ``front``: the package without the provisions' text: every other file, each provision's
          front matter (title, status, owner, summary, history, what it carries out) and the bill's
          layout (pages that list the provisions without their text: analysis, Order, status);
        - ``problems``: how many problems the package has (the home page counts them);
        - ``drafts``: every draft's files and notes;
        - ``law``: the changes in existing law (law files, instructions and what applying did);
        - ``law-page``: whether the site has the page of changes in existing law;
        - ``masthead``: what every page's masthead shows (designation, Congress, stage);
        - ``stamp``: the build's revision, shown on the home page only.
        """
        prints: dict[str, str] = {}
        package = self.package
        for pid, provision in package.provisions.items():
            data = package.files.get(f"provisions/{pid}.md", b"")
            problems = "\n".join(f.format() for f in self.findings_for(provision.path))
            prints[f"prov:{pid}"] = _digest(data, problems.encode())
            section = self.compiled.by_id.get(pid)
            if section is None:
                prints[f"num:{pid}"] = _digest(b"absent", provision.title.encode())
            else:
                paths = sorted(
                    "/".join(b.path) for b in section.body.blocks if b.kind is BlockKind.SUBDIVISION
                )
                prints[f"num:{pid}"] = _digest(
                    section.designation.encode(), provision.title.encode(), "|".join(paths).encode()
                )
        if self.package.order is not None:
            prints["order"] = _digest(self.package.files.get("provisions/order.yaml", b""))
        layout = "\n".join(line for _, line in self.compiled.toc_lines())
        prints["layout"] = _digest(layout.encode())
        prints["package"] = _digest(
            *(name.encode() + b"\0" + data for name, data in sorted(package.files.items())),
            *(f.format().encode() for f in package.findings),
        )
        prints["front"] = self._front_print(layout)
        prints["problems"] = str(len(package.findings))
        drafts = []
        for draft in self.drafts:
            drafts.append(repr(draft.info).encode())
            drafts.extend(
                name.encode() + b"\0" + data for name, data in sorted(draft.package.files.items())
            )
        prints["drafts"] = _digest(*drafts)
        comparative = self.comparative
        law_files = sorted((n, d) for n, d in package.files.items() if n.startswith("law/"))
        prints["law"] = _digest(
            *(name.encode() + b"\0" + data for name, data in law_files),
            repr(comparative.rows).encode(),
            repr(comparative.laws).encode(),
        )
        prints["law-page"] = "yes" if self.has_law_page else "no"
        prints["masthead"] = _digest(masthead_fingerprint(self).encode())
        prints["stamp"] = _digest(self.revision.describe().encode())
        return prints

    def _front_print(self, layout: str) -> str:
        """The ``front`` fingerprint: what changes when anything but a provision's text does."""
        package = self.package
        texts = {f"provisions/{pid}.md" for pid in package.provisions}
        parts = [
            name.encode() + b"\0" + data
            for name, data in sorted(package.files.items())
            if name not in texts
        ]
        for pid in sorted(package.provisions):
            p = package.provisions[pid]
            front = (
                p.id,
                p.path,
                p.title,
                p.implements,
                p.status,
                p.owner,
                p.summary,
                p.history,
                p.fingerprint,
                sorted(p.lines.items()),
            )
            parts.append(repr(front).encode())
        parts.append(layout.encode())
        return _digest(*parts)


def masthead(state: SiteState) -> dict[str, str] | None:
    """What the masthead shows: the short title, the designation, Congress and session, the stage."""
    from tracker.core.compile import congress_and_session

    bill = state.package.bill
    if bill is None:
        return None
    prefix = "S." if bill.chamber == "senate" else "H. R."
    return {
        "title": bill.short_title or bill.official_title or "",
        "designation": f"{prefix} {bill.number or '___'}",
        "congress": ", ".join(congress_and_session(bill)),
        "stage": bill.stage.label,
    }


def masthead_fingerprint(state: SiteState) -> str:
    return json.dumps(masthead(state), sort_keys=True)


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()[:20]


def load_state(
    root: Path, *, revision: BuildRevision | None = None, package: Package | None = None
) -> SiteState:
    """Load the package at ``root`` (unless given, as loaded already) and its drafts through the one
    loader, and find its revision."""
    from tracker.adapters.git_repo import build_revision
    from tracker.adapters.loader import list_drafts, load_draft, load_package

    if package is None:
        package = load_package(root)
    drafts = []
    for info in list_drafts(root):
        draft_package = load_draft(root, info.name)
        drafts.append(
            DraftVersion(info=info, package=draft_package, compiled=CompiledBill(draft_package))
        )
    return SiteState(
        root=root,
        package=package,
        compiled=CompiledBill(package),
        drafts=tuple(drafts),
        revision=revision if revision is not None else build_revision(root),
    )
