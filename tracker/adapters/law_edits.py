"""Counsel's edited copies of the law, and the instructions generated from them.

- ``law/.edits/<name>.md``: the working copy ``billtrack law edit`` makes of ``law/<name>.md``'s
  body (plain Markdown, the law's body only). The folder's name starts with a dot, so the law loader
  (``law/*.md`` only) never mistakes a working copy for a law file.
- ``law/.edits/<name>.yaml``: the record ``billtrack amend generate`` writes (citation, provision,
  the hash of the law body it was generated against and of the edited body the instruction
  produces); ``billtrack check`` reads it for BT920/BT921. Commit the folder to keep the record.

:func:`generate_into_package` is the whole of ``amend generate``: the edited text (a file, or the
working copy), the instruction, and the write: a new provision ``provisions/<id>.md``, or the
instruction for that citation in an existing provision replaced (only that block; every other byte
of the file unchanged). Every write is atomic; nothing is written on a refusal or a dry run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from tracker.adapters.atomic_file import write_atomically, write_output
from tracker.adapters.input_files import InputFileError, read_input_bytes
from tracker.core.amend.generate import GeneratedAmendment, generate_instructions
from tracker.core.amend.generated import (
    EditRecord,
    generated_findings,
    instruction_span,
    item_level,
    splice_instruction,
    text_digest,
)
from tracker.core.amend.package import law_texts
from tracker.core.errors import Finding, InvalidValueError, Severity, UnknownNameError, WriteError
from tracker.core.law import LAW_DIR, LawSection, law_file_name, normalize_body
from tracker.core.model import Package

EDITS_DIR = f"{LAW_DIR}/.edits"


@dataclass(frozen=True, slots=True, kw_only=True)
class GenerateOutcome:
    """What ``amend generate`` did (or would do, on a dry run)."""

    generated: GeneratedAmendment
    provision: str
    path: str  # the provision file, package-relative
    created: bool
    written: bool


def find_section(package: Package, citation: str) -> LawSection:
    """The law section for ``citation`` (spelled as ``law list`` shows it), or a did-you-mean."""
    from tracker.core.schema.reader import did_you_mean

    wanted = " ".join(citation.replace("§", " ").split())
    by_citation = {s.citation: s for s in package.law}
    by_name = {law_file_name(s.citation): s for s in package.law}
    found = by_citation.get(wanted) or by_name.get(law_file_name(wanted))
    if found is not None:
        return found
    close = did_you_mean(wanted, sorted(by_citation))
    have = ", ".join(sorted(by_citation)) or "none"
    raise UnknownNameError(
        f"no section {citation!r} in law/ (it has: {have})",
        hint=(f"did you mean '{close}'? " if close else "")
        + "'billtrack law list' lists them; 'billtrack law add SOURCE' adds one",
    )


def working_copy(root: Path, section: LawSection) -> Path:
    return root / EDITS_DIR / f"{law_file_name(section.citation)}.md"


def record_file(root: Path, section: LawSection) -> Path:
    return root / EDITS_DIR / f"{law_file_name(section.citation)}.yaml"


def draft_copy(root: Path, section: LawSection, target: Path, *, force: bool) -> None:
    """``law draft``: the base body of ``section`` into ``target`` (refused if it exists)."""
    write_output(target, normalize_body(section.body).encode("utf-8"), root=None, overwrite=force)


def open_working_copy(root: Path, section: LawSection) -> tuple[Path, bool]:
    """``law edit``: the working copy of ``section``, made from its body if there is none yet;
    returns its path and whether it was made now."""
    path = working_copy(root, section)
    if path.exists() or path.is_symlink():
        if path.is_symlink() or not path.is_file():
            raise WriteError(
                "the working copy is not a regular file",
                path=str(path.relative_to(root)),
                hint="move it away",
            )
        return path, False
    _edits_folder(root).mkdir(parents=True, exist_ok=True)
    write_atomically(path, normalize_body(section.body).encode("utf-8"), root=root)
    return path, True


def _edits_folder(root: Path) -> Path:
    folder = root / EDITS_DIR
    for part in (root / LAW_DIR, folder):
        if part.is_symlink() or (part.exists() and not part.is_dir()):
            raise WriteError(
                f"{part.relative_to(root)} is not a folder of the package",
                path=str(part.relative_to(root)),
                hint="law/ and law/.edits/ must be plain folders inside the package",
            )
    return folder


def read_edited(path: Path, *, label: str) -> str:
    data = read_input_bytes(path, label=label)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidValueError(
            f"{label} is not UTF-8 text (byte {exc.start})",
            path=label,
            hint="save the edited copy as UTF-8",
        ) from None


def generate_into_package(
    root: Path,
    package: Package,
    citation: str,
    *,
    source: Path | None,
    into: str | None,
    new_id: str | None,
    dry_run: bool,
) -> GenerateOutcome:
    """``amend generate``: see the module docstring."""
    section = find_section(package, citation)
    law = law_texts([section])[section.citation]
    if source is None:
        source = working_copy(root, section)
        if not source.exists():
            raise UnknownNameError(
                f"there is no edited copy of {section.citation}",
                path=str(source.relative_to(root)),
                hint=f"make one with 'billtrack law edit \"{section.citation}\"', or name a file "
                "with --from",
            )
    label = str(source.relative_to(root)) if source.is_relative_to(root) else str(source)
    edited = read_edited(source, label=label)
    if into is not None:
        return _into(root, package, law, section, edited, into, dry_run)
    name = new_id or f"amend-{law_file_name(section.citation)}"
    path = f"provisions/{name}.md"
    if name in package.provisions or (root / path).exists():
        raise WriteError(
            f"provision '{name}' already exists",
            path=path,
            hint=f"replace its instruction with --into {name}, or name a new one with --id",
        )
    generated = generate_instructions(law, edited, provision_id=name)
    _require_change(generated)
    text = (
        "---\n"
        + yaml.safe_dump(
            {
                "title": f"Amendment to {section.citation}",
                "implements": [],
                "status": "drafting",
            },
            sort_keys=False,
            allow_unicode=True,
        )
        + "---\n\n"
        + generated.body
        + "\n"
    )
    if not dry_run:
        _edits_folder(root)  # the record's folder is checked before anything is written
        bill = root / "provisions" / "bill.yaml"
        listed = _listed_last(read_input_bytes(bill, label="provisions/bill.yaml"), name)
        write_output(root / path, text.encode("utf-8"), root=root, overwrite=False)
        try:
            write_atomically(bill, listed, root=root)
        except WriteError:
            (root / path).unlink()  # ours, just written: nothing is left half-done
            raise
        _record(root, section, name, generated)
    return GenerateOutcome(
        generated=generated, provision=name, path=path, created=True, written=not dry_run
    )


def _into(
    root: Path,
    package: Package,
    law: object,
    section: LawSection,
    edited: str,
    into: str,
    dry_run: bool,
) -> GenerateOutcome:
    from tracker.core.amend.model import LawText
    from tracker.core.schema.reader import did_you_mean

    assert isinstance(law, LawText)
    provision = package.provisions.get(into)
    if provision is None:
        close = did_you_mean(into, sorted(package.provisions))
        raise UnknownNameError(
            f"no provision '{into}'",
            hint=(f"did you mean '{close}'? " if close else "")
            + "leave out --into to write a new provision",
        )
    span = instruction_span(provision.body, section.citation, provision=provision.id)
    if span is None:
        raise WriteError(
            f"provision '{into}' has no amendatory instruction for {section.citation}",
            path=provision.path,
            hint="--into replaces the instruction a provision already has for that section; "
            "leave out --into to write a new provision",
        )
    start, end, level = span
    generated = generate_instructions(
        law, edited, provision_id=provision.id, level=item_level(level)
    )
    _require_change(generated)
    file = root / provision.path
    data = read_input_bytes(file, label=provision.path)
    text = data.decode("utf-8")
    body_at = len(text) - len(provision.body)
    if text[body_at:] != provision.body:
        raise WriteError(
            "the provision changed while it was read",
            path=provision.path,
            hint="run the command again",
        )
    new_body = splice_instruction(provision.body, (start, end), generated.body)
    if not dry_run:
        _edits_folder(root)
        write_atomically(file, (text[:body_at] + new_body).encode("utf-8"), root=root)
        _record(root, section, provision.id, generated)
    return GenerateOutcome(
        generated=generated, provision=provision.id, path=provision.path, created=False,
        written=not dry_run,
    )  # fmt: skip


def _listed_last(data: bytes, name: str) -> bytes:
    """bill.yaml with ``name`` added as the last item of its top-level ``contents`` list, spliced
    in after the last item so every other byte (comments, layout) stays; refused when the list
    is not a plain block list."""
    text = data.decode("utf-8")
    refusal = WriteError(
        "cannot list the new provision in bill.yaml (its contents is not a plain list)",
        path="provisions/bill.yaml",
        hint="add it by hand, or use --into to put the instruction in an existing provision",
    )
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        raise refusal from None
    contents = None
    if isinstance(root, yaml.MappingNode):
        contents = next((v for k, v in root.value if k.value == "contents"), None)
    if not isinstance(contents, yaml.SequenceNode) or contents.flow_style or not contents.value:
        raise refusal
    last = contents.value[-1]
    first = contents.value[0]
    indent = " " * first.start_mark.column
    line_end = text.find("\n", last.end_mark.index)
    at = len(text) if line_end == -1 else line_end
    dash = text[text.rfind("\n", 0, first.start_mark.index) + 1 : first.start_mark.index]
    new = text[:at] + f"\n{dash or indent}{name}" + text[at:]
    if at == len(text):
        new += "\n" if text.endswith("\n") else ""
    try:
        check = yaml.safe_load(new)
        before = yaml.safe_load(text)
    except yaml.YAMLError:
        raise refusal from None
    if check.get("contents") != [*before["contents"], name] or {
        k: v for k, v in check.items() if k != "contents"
    } != {k: v for k, v in before.items() if k != "contents"}:
        raise refusal
    return new.encode("utf-8")


def _require_change(generated: GeneratedAmendment) -> None:
    if not generated.changed:
        raise InvalidValueError(
            f"the edited copy of {generated.citation} is the law as it stands: there is nothing "
            "to amend",
            hint="edit the copy first ('billtrack law edit CITATION')",
        )


def _record(root: Path, section: LawSection, provision: str, generated: GeneratedAmendment) -> None:
    data = {
        "citation": section.citation,
        "provision": provision,
        "base_sha256": text_digest(generated.base),
        "edited_sha256": text_digest(generated.edited),
    }
    _edits_folder(root).mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    write_atomically(record_file(root, section), text.encode("utf-8"), root=root)


def read_records(root: Path) -> tuple[list[EditRecord], list[Finding]]:
    """The records in ``law/.edits/*.yaml``; a record that cannot be read is BT921."""
    folder = root / EDITS_DIR
    records: list[EditRecord] = []
    findings: list[Finding] = []
    if folder.is_symlink() or not folder.is_dir():
        return records, findings
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not entry.name.endswith(".yaml") or not entry.is_file(follow_symlinks=False):
            continue
        label = f"{EDITS_DIR}/{entry.name}"
        try:
            data = yaml.safe_load(read_input_bytes(entry.path, label=label).decode("utf-8"))
            record = EditRecord(
                citation=str(data["citation"]),
                provision=str(data["provision"]),
                base_sha256=str(data["base_sha256"]),
                edited_sha256=str(data["edited_sha256"]),
                path=label,
            )
        except (yaml.YAMLError, UnicodeDecodeError, KeyError, TypeError, ValueError, OSError,
                InputFileError):  # fmt: skip
            findings.append(
                Finding(
                    code="BT921",
                    severity=Severity.WARNING,
                    path=label,
                    line=1,
                    message="this record of a generated instruction cannot be read",
                    hint="'billtrack amend generate' writes it (citation, provision, "
                    "base_sha256, edited_sha256); regenerate, or delete it",
                )
            )
            continue
        records.append(record)
    return records, findings


def generated_law_findings(root: Path, package: Package) -> list[Finding]:
    """``check``'s BT920/BT921 over the records in ``law/.edits``."""
    records, findings = read_records(root)
    if records:
        findings += generated_findings(package, records, law_texts(package.law))
    return findings
