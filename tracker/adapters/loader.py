"""The one way into a package: from a directory, a draft, or a set of files (a git revision).

``load_files`` is the whole pipeline; the other functions only gather the files. Every problem is a
finding on the returned :class:`Package` (parse problems and the checks of ``tracker.core.checks``),
so one loaded package serves ``billtrack check``, the CLI's other commands and the site alike.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from tracker.adapters.atomic_file import refuse_frozen_draft
from tracker.adapters.input_files import (
    InputFileError,
    file_kind,
    input_limit,
    read_input_bytes,
)
from tracker.adapters.law_files import read_law_file, read_law_files
from tracker.adapters.parse_cache import Deferred, ParseCache, open_cache
from tracker.adapters.provision_files import decode_text, read_provision
from tracker.adapters.yaml_reader import read_yaml
from tracker.core.checks import ProvisionFacts, check_package, provision_facts
from tracker.core.compile import CompiledBill, CompiledSection
from tracker.core.drafting_checks import DraftingChecks
from tracker.core.enumeration import ParsedBody, forget_parsed, parse_body, remember_parsed
from tracker.core.errors import (
    Finding,
    InvalidPackageError,
    PackageNotFoundError,
    Severity,
    UnknownNameError,
)
from tracker.core.ids import is_legal_name
from tracker.core.law import LAW_DIR, LawSection, check_law
from tracker.core.model import Bill, DraftInfo, Order, Package, Provision
from tracker.core.numbering import NumberedSection
from tracker.core.schema import did_you_mean, read_bill, read_draft_info, read_order

BILL_FILE = "provisions/bill.yaml"
ORDER_FILE = "provisions/order.yaml"
DRAFTS_DIR = "drafts"
DRAFT_FILE = "draft.yaml"


def find_root(start: Path | None = None, *, writing: bool = False) -> Path:
    """The nearest directory at or above ``start`` (default: the current one) holding bill.yaml.

    A frozen draft (``drafts/NAME/`` of an outer package) holds one too; a command that ``writing``
    is refused there (:class:`WriteError` naming the real package root).
    """
    root = _find_root(start)
    if writing:
        refuse_frozen_draft(root)
    return root


def _find_root(start: Path | None) -> Path:
    """The root, found by its bill.yaml; a bill.yaml that is there but is no regular file (a
    directory, a FIFO, a link to a device, a link loop) is refused by name, never passed over."""
    try:
        here = (start or Path.cwd()).resolve()
    except OSError as exc:
        raise PackageNotFoundError(
            f"no package at {start}: {exc.strerror or exc}",
            hint="pass the directory that holds provisions/bill.yaml",
        ) from exc
    if start is not None:
        if _holds_bill(here):
            return here
        raise PackageNotFoundError(
            f"no package at {start}: {start / BILL_FILE} does not exist",
            hint="pass the directory that holds provisions/bill.yaml, or create one with "
            "'billtrack init DIR'",
        )
    for candidate in (here, *here.parents):
        if _holds_bill(candidate):
            return candidate
    raise PackageNotFoundError(
        f"no billtrack package here: no provisions/bill.yaml in {here} or any parent directory",
        hint="run the command inside a package, pass --root DIR, or create one with 'billtrack init DIR'",
    )


def _holds_bill(folder: Path) -> bool:
    """Whether ``folder`` holds bill.yaml as a regular file; False when there is none at all;
    :class:`InputFileError` (naming it and what it is) when the entry is there but cannot be one."""
    bill = folder / BILL_FILE
    try:
        mode = os.stat(bill).st_mode
    except FileNotFoundError:
        if not os.path.lexists(bill):
            return False
        raise InputFileError(
            "a symlink to nothing: its target does not exist", path=str(bill), hint=_BILL_HINT
        ) from None
    except NotADirectoryError:
        return False
    except OSError as exc:
        raise InputFileError(
            f"cannot read it: {exc.strerror or exc}", path=str(bill), hint=_BILL_HINT
        ) from exc
    if not stat.S_ISREG(mode):
        raise InputFileError(
            f"{file_kind(mode)}, not a regular file: the package's manifest must be one",
            path=str(bill),
            hint=_BILL_HINT,
        )
    return True


_BILL_HINT = "move it away and restore the file ('git checkout -- provisions/bill.yaml')"


def read_package_files(
    root: Path, *, refused: list[Finding] | None = None, prefix: str = ""
) -> dict[str, bytes]:
    """The files of the package under ``root``: bill.yaml, order.yaml, provisions/* and law/*.md.

    Each is read with :func:`~tracker.adapters.input_files.read_input_bytes` (regular files within
    the size limit). A symlink is followed only when its target is inside the package; a file
    that is refused (BT803: a link out of the package, BT804: not a regular file or too large)
    is not read and its finding is appended to ``refused``. ``law/`` is read as
    :func:`~tracker.adapters.law_files.read_law_files` reads it (anything there that is no law file
    is BT909, and not read).
    """
    return dict(iter_package_files(root, refused=refused, prefix=prefix))


def iter_package_files(
    root: Path, *, refused: list[Finding] | None = None, prefix: str = ""
) -> Iterator[tuple[str, bytes]]:
    """:func:`read_package_files` a file at a time: (name, bytes), law files first, then those
    of ``provisions/`` in name order; a file is read only when the one before is handed on."""
    provisions = root / "provisions"
    if not provisions.is_dir():
        return
    law, problems = read_law_files(root)
    yield from law.items()
    if refused is not None:
        refused.extend(replace(f, path=prefix + f.path) for f in problems)
    inside = root.resolve()
    limit = input_limit()  # a bad BILLTRACK_MAX_INPUT_BYTES stops the command once, here
    try:
        with os.scandir(provisions) as entries:
            listing = sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        raise InputFileError(
            f"cannot list the folder: {exc.strerror or exc}",
            path=prefix + "provisions",
            hint="make the folder readable",
        ) from exc
    # An entry that is no symlink lies where its folder does: only links need resolving.
    folder_inside = _refusal(provisions, inside, label=prefix + "provisions") is None
    for entry in listing:
        if not entry.name.endswith((".md", ".yaml")):
            continue  # a directory named *.md is refused below as what it is, never skipped
        name = f"provisions/{entry.name}"
        problem = None
        if not folder_inside or entry.is_symlink():
            problem = _refusal(Path(entry.path), inside, label=prefix + name)
        if problem is None:
            try:
                data = read_input_bytes(entry.path, label=prefix + name, limit=limit)
            except InputFileError as exc:
                problem = exc.finding(prefix + name)
            else:
                yield name, data
        if problem is not None and refused is not None:
            refused.append(problem)


def _refusal(file: Path, inside: Path, *, label: str) -> Finding | None:
    """BT803 when ``file`` resolves (through symlinks) to a place outside the package ``inside``."""
    try:
        target = Path(os.path.realpath(file))
    except OSError:
        return None  # a path the system cannot resolve: reading it says why
    if target == inside or inside in target.parents:
        return None
    return Finding(
        code="BT803",
        severity=Severity.ERROR,
        path=label,
        line=None,
        message=f"a symlink leading out of the package (to {target}); its content is not read",
        hint="copy the file into the package instead of linking to it",
    )


def load_package(
    root: Path,
    *,
    label: str = "worktree",
    prefix: str = "",
    drafting: bool = True,
    cache: ParseCache | None = None,
) -> Package:
    """Load the package whose root is ``root``; ``prefix`` is prepended to paths in findings.

    What reading its files produced is kept in the parse cache (:mod:`tracker.adapters.parse_cache`),
    so an unchanged file is not read twice; ``drafting`` False leaves out the drafting checks'
    warnings (BT320-BT325), for a command that only needs the package to have no errors. A caller
    that passes its own ``cache`` (from :func:`~tracker.adapters.parse_cache.open_cache`, to keep
    more in it) saves it; else it is saved here."""
    refused: list[Finding] = []
    files = read_package_files(root, refused=refused, prefix=prefix)
    own = cache is None
    cache = open_cache(root, prefix=prefix) if cache is None else cache
    package = load_files(
        files, label=label, prefix=prefix, refused=refused, drafting=drafting, cache=cache
    )
    if own:
        cache.save()
    return package


def load_files(
    files: Mapping[str, bytes],
    *,
    label: str,
    prefix: str = "",
    refused: Sequence[Finding] = (),
    drafting: bool = True,
    cache: ParseCache | None = None,
) -> Package:
    """Build a package from its files, keyed by POSIX path relative to the package root.

    ``refused`` are the findings of files that were not read (see :func:`read_package_files`):
    they are reported, and those provisions count as present (no "missing provision" cascade).

    A file that cannot be read (refused, not text, a YAML or front matter error that leaves no
    record) is reported once, where it fails; the checks that would only echo it are skipped:
    without bill.yaml nothing is listed, numbered or cross-referenced; without order.yaml no Order id
    is checked; a provision that could not be read is neither "missing" nor a broken reference
    target, and coverage of the Order is not judged without it.

    ``drafting`` False leaves out the drafting checks (BT320-BT325, warnings only). ``cache`` keeps
    what each file produced, and the whole result for an unchanged package (the result is the same
    with or without it)."""
    if cache is None:
        cache = ParseCache(None, "")
    cache.start()
    key = ""
    if cache.enabled:
        settings = (f"prefix {prefix!r}", f"limit {input_limit()}", *map(repr, refused))
        key = cache.package_key(files, settings)
        kept = cache.package(key, drafting=drafting)
        if kept is not None:
            return _kept_package(cache, files, label, drafting, *kept)
    findings: list[Finding] = list(refused)
    refused_provisions = [
        f for f in refused if f.path.startswith(f"{prefix}provisions/") and f.path.endswith(".md")
    ]
    bill = _read_record(files, BILL_FILE, prefix, findings, read_bill, cache)
    order = _read_record(files, ORDER_FILE, prefix, findings, read_order, cache)
    provisions: dict[str, Provision] = {}
    facts: dict[str, ProvisionFacts] = {}
    for name in sorted(files):
        read = _provision_file(name, files[name], prefix, findings, cache)
        if read is not None:
            provision, body, facts[provision.id] = read
            remember_parsed(provision.body, body)
            provisions[provision.id] = provision
    unread, listed_files = _provision_ids(files, provisions, refused_provisions, prefix)
    law = _read_law(files, prefix, findings, cache)
    package = Package(
        label=label,
        bill=bill,
        order=order,
        provisions=provisions,
        findings=(),
        files=dict(files),
        law=law,
    )
    checks = check_package(
        package,
        present_ids=frozenset(listed_files),
        prefix=prefix,
        unread=unread,
        facts=facts,
        drafting=drafting,
    )
    package = Package(
        label=label,
        bill=bill,
        order=order,
        provisions=provisions,
        findings=tuple(sorted((*findings, *checks), key=_finding_order)),
        files=dict(files),
        law=law,
    )
    if cache.enabled:
        cache.store_package(key, replace(package, label="", files={}), drafting=drafting)
    return package


def _provision_file(
    name: str, data: bytes, prefix: str, findings: list[Finding], cache: ParseCache
) -> tuple[Provision, ParsedBody, ProvisionFacts] | None:
    """The provision file ``name`` read (None when ``name`` is no provision file, or it could not
    be read): the record, its parsed body and its facts; the findings of reading it (BT201 for a
    file name that is no legal id) are added to ``findings``."""
    if not (name.startswith("provisions/") and name.endswith(".md")):
        return None
    stem = name[len("provisions/") : -len(".md")]
    path = prefix + name
    if "/" in stem:
        return None
    if not is_legal_name(stem):
        findings.append(
            Finding(
                code="BT201",
                severity=Severity.ERROR,
                path=path,
                line=None,
                message=f"illegal provision id '{stem}' (from the file name)",
                hint="rename the file using only lower-case letters, digits and hyphens",
            )
        )
        return None
    provision, problems, parsed = cache.entry(
        "provision", path, data, _read_provision, stem, data, path
    )
    findings.extend(problems)
    if provision is None:
        return None
    body, facts = parsed.value
    return provision, body, facts


def _provision_ids(
    names: Iterable[str],
    provisions: Mapping[str, Provision],
    refused: Sequence[Finding],
    prefix: str,
) -> tuple[frozenset[str], frozenset[str]]:
    """Of the provision files among ``names`` (and those ``refused``, by their findings): those
    not read into ``provisions`` (unread), and all of them (present, whether read or not)."""
    present = {
        n[len("provisions/") : -3]
        for n in names
        if n.startswith("provisions/") and n.endswith(".md")
    }
    refused_ids = {f.path[len(prefix) + len("provisions/") : -3] for f in refused}
    unread = frozenset(stem for stem in present if stem not in provisions) | refused_ids
    return unread, frozenset(present | refused_ids)


def scan_package(
    root: Path, *, plain: Callable[[str], None] | None = None, drafting: bool = True
) -> tuple[Finding, ...]:
    """The findings :func:`load_package` gives for the package at ``root``, for a package too
    large to hold loaded (an imported omnibus): the same rules by the same code, the same findings
    in the same order; ``plain`` is handed its plain text (what ``billtrack text --format plain``
    prints), a unit at a time.

    Provision files are read one at a time; of each, only what the checks across files need is
    kept (its front matter, the findings of its file alone, its references, the subdivisions a
    reference may name) and its body, compressed. The sections are then compiled one at a time in
    the bill's order, for their plain text and the drafting checks
    (:class:`~tracker.core.drafting_checks.DraftingChecks`), and let go. The parse cache is
    neither read nor written.
    """
    refused: list[Finding] = []
    read: list[Finding] = []
    names: set[str] = set()
    records: dict[str, bytes] = {}  # bill.yaml, order.yaml and law/
    provisions: dict[str, Provision] = {}
    facts: dict[str, ProvisionFacts] = {}
    paths: dict[str, frozenset[tuple[str, ...]]] = {}
    shared: dict[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]] = {}
    bodies: dict[str, bytes] = {}
    cache = ParseCache(None, "")
    for name, data in iter_package_files(root, refused=refused):
        names.add(name)
        found = _provision_file(name, data, "", read, cache)
        if found is None:
            if not name.startswith("provisions/") or not name.endswith(".md"):
                records[name] = data
            continue
        provision, body, facts[provision.id] = found
        forget_parsed(provision.body)
        subdivisions = body.paths
        paths[provision.id] = shared.setdefault(subdivisions, subdivisions)
        bodies[provision.id] = zlib.compress(provision.body.encode("utf-8", "surrogatepass"), 1)
        provisions[provision.id] = replace(provision, body="")
    findings = list(refused)
    bill = _read_record(records, BILL_FILE, "", findings, read_bill, cache)
    order = _read_record(records, ORDER_FILE, "", findings, read_order, cache)
    findings += read
    refused_provisions = [
        f for f in refused if f.path.startswith("provisions/") and f.path.endswith(".md")
    ]
    unread, listed_files = _provision_ids(names, provisions, refused_provisions, "")
    law = _read_law(records, "", findings, cache)
    package = Package(
        label="worktree", bill=bill, order=order, provisions=provisions, findings=(), law=law
    )
    compiled = CompiledBill(package, paths=paths)
    findings += check_package(
        package,
        present_ids=listed_files,
        unread=unread,
        facts=facts,
        drafting=False,
        compiled=compiled,
    )
    checks = DraftingChecks(compiled) if drafting and not unread else None
    if checks is not None or plain is not None:

        def sections() -> Iterator[CompiledSection]:
            for item in compiled.numbering.items:
                if isinstance(item, NumberedSection):
                    pid = item.provision_id
                    text = zlib.decompress(bodies[pid]).decode("utf-8", "surrogatepass")
                    provision = replace(provisions[pid], body=text)
                    section = CompiledSection(
                        provision=provision, numbered=item, body=parse_body(text)
                    )
                    if checks is not None:
                        checks.add(section)
                    yield section
                    forget_parsed(text)

        for part in compiled.plain_parts(sections()):
            if plain is not None:
                plain(part)
    if checks is not None:
        findings += checks.findings()
    return tuple(sorted(findings, key=_finding_order))


#: The codes of the drafting checks (:mod:`tracker.core.drafting_checks`), all warnings.
DRAFTING_CODES = frozenset({"BT320", "BT321", "BT322", "BT323", "BT324", "BT325"})


def _kept_package(
    cache: ParseCache,
    files: Mapping[str, bytes],
    label: str,
    drafting: bool,
    kept: Package,
    kept_drafting: bool,
) -> Package:
    """A package from the cache, as :func:`load_files` would build it: its label and files, the
    drafting warnings left out when they are not wanted (the rest stay in order), and the bodies
    its provisions were parsed into remembered (their entries are in the cache too)."""
    for provision, _, parsed in cache.entries("provision"):
        if provision is not None:
            remember_parsed(provision.body, lambda parsed=parsed: parsed.value[0])
    findings = kept.findings
    if kept_drafting and not drafting:
        findings = tuple(f for f in findings if f.code not in DRAFTING_CODES)
    return replace(kept, label=label, files=dict(files), findings=findings)


def _read_provision(
    stem: str, data: bytes, path: str
) -> tuple[Provision | None, list[Finding], Deferred[tuple[ParsedBody, ProvisionFacts] | None]]:
    """A provision file read: the record, the findings of reading it, and (deferred: most
    commands on an unchanged package never need them) its parsed body and the findings of its file
    alone (:func:`~tracker.core.checks.provision_facts`)."""
    provision, problems = read_provision(stem, data, path=path)
    if provision is None:
        return None, problems, Deferred(None)
    parsed = parse_body(provision.body)
    return provision, problems, Deferred((parsed, provision_facts(provision)))


def _read_law(
    files: Mapping[str, bytes], prefix: str, findings: list[Finding], cache: ParseCache
) -> tuple[LawSection, ...]:
    """The sections of ``law/*.md`` among ``files``, their reading and quoted-law findings added
    to ``findings`` (BT9xx; a name that is no law file's is BT909)."""
    sections: list[LawSection] = []
    for name in sorted(files):
        if not (name.startswith(f"{LAW_DIR}/") and name.endswith(".md")):
            continue
        stem = name[len(LAW_DIR) + 1 : -3]
        if "/" in stem:
            continue
        if not is_legal_name(stem):
            findings.append(
                Finding(
                    code="BT909",
                    severity=Severity.ERROR,
                    path=prefix + name,
                    line=None,
                    message=f"'{stem}.md' is not a law file (law/<name>.md, the name from the "
                    "citation)",
                    hint="law/ holds only the files 'billtrack law add' writes; move this away",
                )
            )
            continue
        data, path = files[name], prefix + name
        section, problems = cache.entry("law", path, data, _read_law_file, data, path, stem)
        findings.extend(problems)
        if section is not None:
            sections.append(section)
    findings.extend(check_law(sections))
    return tuple(sections)


def require_valid(package: Package, *, action: str) -> Package:
    """``package`` itself when it has no errors; else :class:`InvalidPackageError` naming the first
    error in the order ``billtrack check`` prints them (warnings never block).

    Every command whose output depends on the package calls this: none answers from a package with
    errors as if it were valid.
    """
    if package.errors:
        raise InvalidPackageError(package.findings, action=action)
    return package


def drafting_warnings(files: Mapping[str, bytes], *, label: str) -> tuple[Finding, ...]:
    """The drafting checks' findings (BT320-BT325) of the package of ``files``, alone and in
    order: what :func:`load_files` adds with ``drafting`` True to what it gives without."""
    package = load_files(files, label=label)
    return tuple(f for f in package.findings if f.code in DRAFTING_CODES)


def with_drafting_warnings(package: Package, warnings: Sequence[Finding]) -> Package:
    """``package``, loaded without the drafting checks, with their ``warnings``
    (:func:`drafting_warnings`) among its findings: the package :func:`load_files` gives with
    them, finding for finding in the same order (its sort is stable, the drafting checks last)."""
    findings = tuple(sorted((*package.findings, *warnings), key=_finding_order))
    return replace(package, findings=findings)


def _finding_order(finding: Finding) -> tuple[str, int, str]:
    return (finding.path, finding.line or 0, finding.code)


def _read_record(files, name, prefix, findings, reader, cache):  # type: ignore[no-untyped-def]
    path = prefix + name
    data = files.get(name)
    if data is None and any(f.path == path for f in findings):
        return None  # refused, and reported as such
    if data is None:
        findings.append(
            Finding(
                code="BT109",
                severity=Severity.ERROR,
                path=path,
                line=None,
                message=f"{name} is missing",
                hint="create it (see docs/formats.md), or run 'billtrack init' for a new package",
            )
        )
        return None
    record, problems = cache.entry(name, path, data, _read_yaml_record, data, path, reader)
    findings.extend(problems)
    return record


def _read_law_file(data: bytes, path: str, name: str) -> tuple[LawSection | None, list[Finding]]:
    return read_law_file(data, path=path, name=name)


def _read_yaml_record(data, path, reader):  # type: ignore[no-untyped-def]
    """bill.yaml or order.yaml read by ``reader``: the record (None if it could not be read) and
    every finding on the way."""
    text, findings = decode_text(data, path=path)
    if text is None:
        return None, findings
    located, problems = read_yaml(text, path=path)
    findings = [*findings, *problems]
    if located is None:
        return None, findings
    record, problems = reader(located, path)
    return record, [*findings, *problems]


# Drafts ---------------------------------------------------------------------------------------


def list_drafts(root: Path, *, strict: bool = False) -> list[DraftInfo]:
    """The drafts under ``root/drafts`` in order (date, then name).

    A folder that is no readable draft (no draft.yaml as a regular file, a symlink out of the
    package: :func:`draft_folder_problem`) or whose draft.yaml has errors is skipped, or with
    ``strict`` refused with :class:`InvalidPackageError` (a listing that hid it would be a wrong
    answer). Hidden folders (``.name.partial``, a draft being cut) are never drafts.
    """
    drafts: list[DraftInfo] = []
    folder = root / DRAFTS_DIR
    if not folder.is_dir():
        return drafts
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        problem = draft_folder_problem(root, entry)
        if problem is not None:
            if strict:
                raise InvalidPackageError([problem], action="list the drafts again")
            continue
        info, findings = read_draft(root, entry.name)
        if strict and any(f.severity is Severity.ERROR for f in findings):
            raise InvalidPackageError(findings, action="list the drafts again")
        if info is not None:
            drafts.append(info)
    return sorted(drafts, key=lambda d: (d.date, d.name))


def read_draft(root: Path, name: str) -> tuple[DraftInfo | None, list[Finding]]:
    path = f"{DRAFTS_DIR}/{name}/{DRAFT_FILE}"
    try:
        data = read_input_bytes(root / path, label=path)  # regular files only: a FIFO never blocks
    except InputFileError as exc:
        return None, [
            exc.finding(path, hint="restore it (a draft's files are never changed by billtrack)")
        ]
    text, findings = decode_text(data, path=path)
    if text is None:
        return None, findings
    located, findings = read_yaml(text, path=path)
    if located is None:
        return None, findings
    info, more = read_draft_info(located, path, name)
    return info, [*findings, *more]


def draft_names(root: Path) -> list[str]:
    """The names of the folders under ``drafts/`` that stand for drafts: every folder with a
    legal name, whether or not it is a readable draft (reading one that is not says why)."""
    folder = root / DRAFTS_DIR
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if is_legal_name(p.name) and p.is_dir())


def draft_folder_problem(root: Path, entry: Path) -> Finding | None:
    """Why the folder ``entry`` under ``drafts/`` cannot be read as a draft, or None: a symlink
    leading out of the package (BT803), no draft.yaml (BT109: a folder billtrack did not cut, or
    one whose draft.yaml was deleted), a draft.yaml that is no regular file (BT804)."""
    label = f"{DRAFTS_DIR}/{entry.name}"
    if entry.is_symlink():
        target = Path(os.path.realpath(entry))
        inside = Path(os.path.realpath(root))
        if inside not in target.parents:
            return Finding(
                code="BT803",
                severity=Severity.ERROR,
                path=label,
                line=None,
                message=f"a symlink leading out of the package (to {target}); it is not read "
                "as a draft",
                hint=f"a draft is a folder 'billtrack draft cut' made: remove the link ('rm {label}')",
            )
    file = entry / DRAFT_FILE
    try:
        mode = os.stat(file).st_mode
    except OSError as exc:
        if os.path.lexists(file) or not isinstance(exc, FileNotFoundError):
            message = f"cannot read {DRAFT_FILE}: {exc.strerror or exc}"
        else:
            message = f"draft folder '{entry.name}' has no {DRAFT_FILE}, so it is not a draft"
        return Finding(
            code="BT109",
            severity=Severity.ERROR,
            path=f"{label}/{DRAFT_FILE}",
            line=None,
            message=message,
            hint=f"restore it ('git checkout -- {label}'), or move the folder out of drafts/ if "
            "'billtrack draft cut' did not make it",
        )
    if not stat.S_ISREG(mode):
        return Finding(
            code="BT804",
            severity=Severity.ERROR,
            path=f"{label}/{DRAFT_FILE}",
            line=None,
            message=f"{file_kind(mode)}, not a regular file: a draft's record must be one",
            hint=f"restore it ('git checkout -- {label}/{DRAFT_FILE}')",
        )
    return None


def load_draft(root: Path, name: str, *, drafting: bool = True) -> Package:
    """Load the frozen draft ``name`` (``drafts/<name>``) as a package.

    A folder that is no readable draft is refused (:func:`draft_folder_problem`); a draft whose
    files no longer match the ``content_sha256`` recorded when it was cut carries the error BT206
    (and one that records none the warning BT207), so every command that requires a valid package
    refuses a changed draft, as ``billtrack check`` does.
    """
    name = name.removeprefix(f"{DRAFTS_DIR}/").rstrip("/")
    names = draft_names(root)
    if not is_legal_name(name) or name not in names:
        guess = did_you_mean(name, names)
        hint = f"did you mean '{guess}'? " if guess else ""
        listing = ", ".join(names) if names else "none yet (cut one with 'billtrack draft cut')"
        raise UnknownNameError(f"no draft named '{name}'", hint=f"{hint}drafts: {listing}")
    folder = root / DRAFTS_DIR / name
    problem = draft_folder_problem(root, folder)
    if problem is not None:
        raise InvalidPackageError([problem], action="read the draft again")
    info, findings = read_draft(root, name)
    package = load_package(
        folder, label=f"drafts/{name}", prefix=f"{DRAFTS_DIR}/{name}/", drafting=drafting
    )
    # after the files' own errors: a refusal names the broken file before the stale hash
    changed = _integrity_findings(folder, info) if info is not None else []
    return Package(
        label=package.label,
        bill=package.bill,
        order=package.order,
        provisions=package.provisions,
        findings=tuple((*findings, *package.findings, *changed)),
        draft=info,
        files=package.files,
        law=package.law,
    )


def validate_root(root: Path) -> tuple[Package, list[Finding]]:
    """The working tree's package and every finding for ``billtrack check``: the working tree's;
    its amendatory instructions applied to its law/ (BT910-BT913, only here: a failing instruction
    does not stop other commands reading the package); each draft's errors (drafts are frozen, so
    their style warnings are not actionable), a draft changed since it was cut (BT206) or cut before drafts recorded their content (BT207), and
    what an interrupted ``draft cut`` left (BT208)."""
    from tracker.adapters.docs_pages import docs_findings
    from tracker.adapters.drafts import PARTIAL_DRAFT, interrupted_cuts

    refused: list[Finding] = []
    files = read_package_files(root, refused=refused)
    cache = open_cache(root)
    package = load_files(files, label="worktree", refused=refused, cache=cache)
    findings = list(package.findings)
    findings += docs_findings(root)  # BT802 in the site's hand-written pages
    from tracker.core.amend import amend_findings

    # BT910-BT913: the bill's instructions against law/ (a function of the package's files alone)
    findings += cache.derived("amend", amend_findings, package)
    cache.save()
    from tracker.adapters.law_edits import generated_law_findings

    findings += generated_law_findings(root, package)  # BT920-BT921: generated instructions
    folder = root / DRAFTS_DIR
    if folder.is_dir():
        debris = {entry.name for entry in interrupted_cuts(root)}
        for entry in sorted(folder.iterdir()):
            if not entry.is_dir():
                continue
            if PARTIAL_DRAFT.fullmatch(entry.name):
                if entry.name in debris:  # else a cut is running right now
                    findings.append(_interrupted_cut(entry.name))
                continue
            findings += _draft_findings(root, entry)
    return package, findings


def _draft_findings(root: Path, entry: Path) -> list[Finding]:
    """The errors of the draft folder ``entry``, and whether its content is still what was cut."""
    label = f"{DRAFTS_DIR}/{entry.name}"
    if not is_legal_name(entry.name):
        return [
            Finding(
                code="BT202",
                severity=Severity.ERROR,
                path=label,
                line=None,
                message=f"illegal draft name '{entry.name}'",
                hint="draft names use only lower-case letters, digits and hyphens",
            )
        ]
    problem = draft_folder_problem(root, entry)
    if problem is not None:
        return [problem]
    draft = load_draft(root, entry.name, drafting=False)  # its warnings are dropped below
    return [f for f in draft.findings if f.severity is Severity.ERROR or f.code == "BT207"]


def _integrity_findings(folder: Path, info: DraftInfo) -> list[Finding]:
    """BT206 when the draft in ``folder`` changed since it was cut (its files no longer match
    ``content_sha256``), BT207 when it records no hash; nothing when it is as it was cut."""
    from tracker.adapters.drafts import draft_content_sha256

    label = f"{DRAFTS_DIR}/{folder.name}"
    entry = folder
    path = f"{label}/{DRAFT_FILE}"
    recorded = info.content_sha256
    findings: list[Finding] = []
    try:
        actual = draft_content_sha256(folder)
    except OSError:  # a file of it cannot be read: the load reports that file
        actual = None
    if recorded is None:
        findings.append(
            Finding(
                code="BT207",
                severity=Severity.WARNING,
                path=path,
                line=None,
                message=f"draft '{entry.name}' records no content_sha256, so a later change to it "
                "cannot be detected",
                hint="if the draft is as it was cut, record its hash: add 'content_sha256: HASH' "
                f"with HASH from 'cd {label} && find provisions -type f | LC_ALL=C sort | "
                "xargs sha256sum | sha256sum'",
            )
        )
    elif actual is not None and recorded.strip().lower() != actual:
        findings.append(
            Finding(
                code="BT206",
                severity=Severity.ERROR,
                path=path,
                line=_key_line(entry / DRAFT_FILE, "content_sha256"),
                message=f"draft '{entry.name}' changed after it was cut: its provisions no "
                "longer match content_sha256",
                hint=f"a draft is frozen: restore it ('git diff -- {label}' shows the change, "
                f"'git checkout -- {label}' undoes it), and cut a new draft for new text",
            )
        )
    return findings


def _interrupted_cut(name: str) -> Finding:
    match = name[1:].split(".")[0]
    path = f"{DRAFTS_DIR}/{name}"
    return Finding(
        code="BT208",
        severity=Severity.WARNING,
        path=path,
        line=None,
        message=f"an interrupted 'draft cut' of '{match}' left this temporary folder; "
        "it is not a draft",
        hint=f"remove it with 'rm -r {path}' (run in the package root), or cut a draft: "
        "'billtrack draft cut' removes it",
    )


def _key_line(path: Path, key: str) -> int | None:
    """The 1-based line where top-level ``key:`` starts in the YAML file ``path``, if any."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, 1):
        if line.startswith(f"{key}:"):
            return number
    return None


__all__ = [
    "Bill",
    "Order",
    "draft_names",
    "drafting_warnings",
    "find_root",
    "list_drafts",
    "load_draft",
    "load_files",
    "load_package",
    "read_package_files",
    "require_valid",
    "scan_package",
    "validate_root",
    "with_drafting_warnings",
]
