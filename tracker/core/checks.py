"""Checks across a whole package: listings, statuses, Order ids, references, enumeration, safety.

Each rule has a stable code, shared by ``billtrack check`` and the site's build warnings:

====== =====================================================================================
code   rule
====== =====================================================================================
BT101  YAML syntax error                          BT102  duplicate key
BT103  YAML anchor or alias                       BT104  unknown key (did you mean)
BT105  wrong type                                 BT106  missing required key
BT107  unknown stage                              BT108  workflow names an unknown status
BT109  bill.yaml or order.yaml missing            BT110  not UTF-8
BT111  empty file                                 BT112  binary file
BT113  front matter not a mapping                 BT114  front matter missing or never closed
BT115  YAML tag (!local, !!float...)              BT116  impossible value (2026-02-30, 25:61)
BT117  value out of range (congress, dates...)    BT118  unresolved merge conflict
BT119  control character in a text file (ESC...)
BT201  illegal provision id                       BT202  illegal draft name
BT203  listed in bill.yaml, missing on disk       BT204  on disk, not listed in bill.yaml
BT205  listed twice in bill.yaml                  BT206  draft changed after it was cut
BT207  draft records no content hash (warning)    BT208  interrupted draft cut left a folder (w.)
BT301  implements an unknown Order id
BT302  status not in the workflow                 BT303  bad Order id in order.yaml
BT310  cleared against an older Order entry (w.)
BT320  defined term never used (w.)              BT321  quoted term not defined (w.)
BT322  term defined twice in one scope (w.)      BT323  definitions out of alphabetical order (w.)
BT324  subsection heading not House style (w.)   BT325  'shall' on a State or local body (w.)
BT401  reference to a missing provision           BT402  reference to a missing subdivision
BT403  malformed reference                        BT501  enumerator out of hierarchy
BT502  paragraph under a section with subsections BT503  enumerator out of sequence
BT504  lone subdivision (warning)                 BT601  done provision without a summary
BT701  Order directive not implemented (warning)  BT801  raw HTML or a raw directive
BT802  names a file outside the package           BT803  symlink leading out of the package
BT804  not a regular file, or over the size limit
BT901  law: citation of the Code not '34 U.S.C. N' BT902  law: text changed since it was recorded
BT903  law: release point with two texts          BT904  law: file name not from its citation
BT905  law: current_through not a release point   BT906  law: quoted_law not true
BT907  law: content_sha256 not a SHA-256          BT908  law: file without text
BT909  law: a file in law/ that is no law file
BT910  amend: instruction not understood (w.)     BT911  amend: instruction fails to apply
BT912  amend: U.S.C. citation does not resolve    BT913  amend: target section not in law/ (w.)
BT920  amend: generated text no longer produced   BT921  amend: generation record stale (w.)
====== =====================================================================================
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from tracker.core.compile import CompiledBill
from tracker.core.coverage import CoverageState, coverage, suspect_findings
from tracker.core.drafting_checks import drafting_findings
from tracker.core.enumeration import BlockKind, parse_body
from tracker.core.errors import Finding, Severity
from tracker.core.ids import is_legal_name
from tracker.core.model import Package, Provision
from tracker.core.publishing import file_references, leaves_package
from tracker.core.schema import did_you_mean
from tracker.core.xrefs import Target, find_references

#: Errors the site shows where they occur (a broken reference flagged in the text, an unknown Order id
#: on the provision's page), so a build can go on and show them. Any other error means a file was
#: not read as written (a syntax error, a conflict, a refused or missing file, a path outside the
#: package): a site built from it would leave something out, so ``billtrack build`` refuses it.
SHOWN_IN_PLACE = frozenset(
    {"BT301", "BT302", "BT401", "BT402", "BT403", "BT501", "BT502", "BT503", "BT601", "BT801"}
    | {"BT911", "BT912", "BT920"}  # instructions that fail: listed on "Changes in existing law"
)


def blocking_errors(findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    """The errors among ``findings`` that stop a build: every error not :data:`SHOWN_IN_PLACE`."""
    return [f for f in findings if f.severity is Severity.ERROR and f.code not in SHOWN_IN_PLACE]


RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--|javascript:", re.I)
UNSAFE_DIRECTIVES = frozenset({"raw", "include", "literalinclude", "eval-rst", "html", "script"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ProvisionFacts:
    """What the checks learn from one provision's file alone: its own findings (raw HTML BT801,
    enumeration BT5xx, files outside the package BT802) and its references, each with its file
    line, for :func:`check_package` to resolve against the bill. A pure function of the
    :class:`Provision` (so of the file's bytes and path): the loader may keep it in its cache."""

    findings: tuple[Finding, ...]
    references: tuple[tuple[int, Target], ...]


def check_package(
    package: Package,
    *,
    present_ids: frozenset[str] | None = None,
    prefix: str = "",
    unread: frozenset[str] = frozenset(),
    facts: Mapping[str, ProvisionFacts] | None = None,
    drafting: bool = True,
    compiled: CompiledBill | None = None,
) -> list[Finding]:
    """Cross-file findings for a loaded package (parse findings come from the loader).

    ``unread`` names the provisions whose files are there but could not be read (already reported
    where they fail). Nothing that would only echo an unread file is reported: with no bill (its
    file unread) no listing and no reference is checked, references to an unread provision are not
    "missing", and coverage of the Order (BT701) is not judged while a provision is unread.

    ``facts`` holds :func:`provision_facts` already worked out, by provision id (any missing one
    is worked out here). ``drafting`` False leaves out the drafting checks (BT320-BT325, warnings
    only): a command that only needs to know whether the package has errors skips them.

    ``compiled`` is the package's bill compiled without its bodies (``paths`` given, see
    :class:`~tracker.core.compile.CompiledBill`), whose provisions' bodies are not in ``package``:
    every provision's ``facts`` are given then, and the drafting checks are the caller's
    (:class:`~tracker.core.drafting_checks.DraftingChecks`, as its sections are read).
    """
    findings: list[Finding] = []
    bill, order = package.bill, package.order
    present = present_ids if present_ids is not None else frozenset(package.provisions)
    if bill is not None:
        findings += _check_listing(package, present, prefix)
    compiled = CompiledBill(package) if compiled is None else compiled
    for provision in package.provisions.values():
        known = facts.get(provision.id) if facts is not None else None
        if known is None:
            known = provision_facts(provision)
        findings += _check_provision(package, compiled, provision, known, unread)
    if order is not None and bill is not None and not unread:
        for row in coverage(package).rows:
            if row.state is CoverageState.UNCOVERED:
                findings.append(
                    Finding(
                        code="BT701",
                        severity=Severity.WARNING,
                        path=order.path,
                        line=order.by_id[row.order_id].line,
                        message=f"Order directive {row.order_id} is implemented by no provision",
                        hint=f"add '{row.order_id}' to the implements list of the provision that "
                        "carries it out; 'billtrack coverage' lists what is uncovered",
                    )
                )
    findings += suspect_findings(package)  # BT310: suspect links
    if drafting and not unread:
        findings += drafting_findings(compiled)  # BT320-BT325
    return findings


def _check_listing(package: Package, present: frozenset[str], prefix: str) -> list[Finding]:
    bill = package.bill
    assert bill is not None
    findings: list[Finding] = []
    seen: dict[str, int | None] = {}
    for entry in bill.section_entries():
        pid = entry.provision_id
        if not is_legal_name(pid):
            findings.append(
                Finding(
                    code="BT201",
                    severity=Severity.ERROR,
                    path=bill.path,
                    line=entry.line,
                    message=f"illegal provision id '{pid}'",
                    hint="provision ids use only lower-case letters, digits and hyphens",
                )
            )
            continue
        if pid in seen:
            findings.append(
                Finding(
                    code="BT205",
                    severity=Severity.ERROR,
                    path=bill.path,
                    line=entry.line,
                    message=f"provision '{pid}' is listed twice (first on line {seen[pid]})",
                    hint="a provision appears once in the bill; remove one entry",
                )
            )
            continue
        seen[pid] = entry.line
        if pid not in present:
            guess = did_you_mean(pid, sorted(present - set(seen)))
            findings.append(
                Finding(
                    code="BT203",
                    severity=Severity.ERROR,
                    path=bill.path,
                    line=entry.line,
                    message=f"provision '{pid}' is listed but provisions/{pid}.md does not exist",
                    hint=f"did you mean '{guess}'?"
                    if guess
                    else f"create provisions/{pid}.md or remove the entry",
                )
            )
    for pid in sorted(present - set(seen)):
        findings.append(
            Finding(
                code="BT204",
                severity=Severity.ERROR,
                path=f"{prefix}provisions/{pid}.md",
                line=None,
                message=f"provision '{pid}' is not listed in bill.yaml",
                hint=f"add '- {pid}' to contents in bill.yaml where it belongs, or delete the file",
            )
        )
    return findings


def _check_provision(
    package: Package,
    compiled: CompiledBill,
    provision: Provision,
    facts: ProvisionFacts,
    unread: frozenset[str],
) -> list[Finding]:
    """The provision's findings that depend on the rest of the package (its status against the
    workflow, its Order ids, its references), then those of its file alone (``facts``)."""
    findings: list[Finding] = []
    path = provision.path

    def add(
        code: str,
        line: int | None,
        message: str,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        findings.append(
            Finding(code=code, severity=severity, path=path, line=line, message=message, hint=hint)
        )

    bill, order = package.bill, package.order
    if bill is not None and provision.status not in bill.workflow.statuses:
        guess = did_you_mean(provision.status, bill.workflow.statuses)
        add(
            "BT302",
            provision.line_of("status"),
            f"status '{provision.status}' is not in the workflow",
            f"did you mean '{guess}'?"
            if guess
            else f"statuses: {', '.join(bill.workflow.statuses)}",
        )
    if order is not None:
        known = order.by_id
        for oid in provision.implements:
            if oid not in known:
                guess = did_you_mean(oid, list(known))
                tip = f"did you mean '{guess}'? " if guess else ""
                add(
                    "BT301",
                    provision.line_of("implements"),
                    f"unknown Order section '{oid}'",
                    f"{tip}the Order's sections are listed by 'billtrack coverage'",
                )
    if bill is not None and provision.status in bill.workflow.done and not provision.summary:
        add(
            "BT601",
            provision.line_of("status"),
            f"provision is '{provision.status}' but has no summary",
            "write the section-by-section text in 'summary:'",
        )
    findings += facts.findings
    if bill is None:
        return findings  # no numbering to resolve references against: bill.yaml is unread
    for line, target in facts.references:
        if target.provision_id not in unread:
            _check_target(compiled, target, line, add)
    return findings


def provision_facts(provision: Provision) -> ProvisionFacts:
    """The findings of one provision's file alone, and its references (see :class:`ProvisionFacts`).

    Findings come in file order within each rule; ``check_package``'s caller sorts them by place,
    so the split from the cross-file findings changes nothing in what ``check`` prints."""
    findings: list[Finding] = []
    path = provision.path

    def add(
        code: str,
        line: int | None,
        message: str,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        findings.append(
            Finding(code=code, severity=severity, path=path, line=line, message=message, hint=hint)
        )

    for key in ("title", "summary", "owner"):
        value = getattr(provision, key)
        if value and RAW_HTML.search(value):
            add(
                "BT801",
                provision.line_of(key),
                f"raw HTML in '{key}'",
                "write plain text; HTML is not allowed in provisions",
            )
    body = parse_body(provision.body)
    for problem in body.problems:
        add(
            problem.code,
            provision.body_line + problem.line - 1,
            problem.message,
            problem.hint,
            Severity.WARNING if problem.warning else Severity.ERROR,
        )
    for reference in file_references(provision.body):  # BT802: the site publishes only the package
        why = leaves_package(reference.target, "provisions")
        if why is not None:
            add(
                "BT802",
                provision.body_line + reference.line - 1,
                f"{reference.describe()}, outside the package: {why}",
                "the site publishes only files inside the package; copy the file in and name it "
                "by a relative path, or remove the reference",
            )
    references: list[tuple[int, Target]] = []
    for block in body.blocks:
        line = provision.body_line + block.line - 1
        if block.kind is BlockKind.FENCE:
            name = block.info.split()[0] if block.info else ""
            if name in UNSAFE_DIRECTIVES:
                add(
                    "BT801",
                    line,
                    f"the '{name}' directive is not allowed in provisions",
                    "write the text itself; raw and include directives are refused",
                )
            continue
        text_lines = block.raw.split("\n")
        for offset, text_line in enumerate(text_lines):
            if _may_hold_html(text_line) and RAW_HTML.search(_strip_code(text_line)):
                add(
                    "BT801",
                    line + offset,
                    "raw HTML in the text",
                    "write plain text; HTML is shown as text, never run",
                )
        for offset, text_line in enumerate(text_lines):
            if "{sec}" not in text_line:
                continue
            for reference in find_references(text_line):
                references.extend((line + offset, target) for target in reference.targets)
    return ProvisionFacts(findings=tuple(findings), references=tuple(references))


def _may_hold_html(line: str) -> bool:
    """Whether :data:`RAW_HTML` could match ``line``: it needs a ``<`` or ``javascript:``."""
    return "<" in line or ":" in line


_CODE_SPAN = re.compile(r"`[^`]*`")


def _strip_code(line: str) -> str:
    return _CODE_SPAN.sub("", line)


def _check_target(compiled: CompiledBill, target: Target, line: int, add) -> None:  # type: ignore[no-untyped-def]
    if target.provision_id is None:
        add(
            "BT403",
            line,
            f"malformed reference '{target.text}'",
            "write {sec}`provision-id`, {sec}`provision-id(b)(2)` or {sec}`one-id and other-id`",
        )
        return
    section = compiled.numbered_by_id.get(target.provision_id)
    if section is None or not section.numbered:
        guess = did_you_mean(target.provision_id, sorted(compiled.numbered_by_id))
        what = "an unnumbered provision" if section is not None else "a missing provision"
        add(
            "BT401",
            line,
            f"reference to {what} '{target.provision_id}'",
            f"did you mean '{guess}'?"
            if guess and section is None
            else "name a numbered provision listed in bill.yaml",
        )
        return
    paths = compiled.subdivision_paths(target.provision_id)
    if target.subdivision and target.subdivision.parts not in paths:
        add(
            "BT402",
            line,
            f"reference to {target.subdivision} of '{target.provision_id}', "
            f"which has no such subdivision",
            f"section {section.designation} has no {target.subdivision}; check the enumerators",
        )
