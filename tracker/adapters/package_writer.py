"""Write an imported bill as a billtrack package, atomically; and the whole import in one call.

:func:`package_files` lays an :class:`ImportedBill` out as the files of a package (docs/formats.md):

- ``provisions/bill.yaml``: titles, congress, session, chamber, sponsor and stage from the source
  (a value the source does not give is left null, never invented), the enacting or resolving clause,
  the recitals as ``preamble``, the document title as ``document_title`` when it is not
  ``A BILL`` (``AN ACT``, ``JOINT RESOLUTION``), and ``contents`` with the source's divisions,
  titles, subtitles, parts and subparts and every section's designation pinned, so the bill keeps
  its numbers until counsel renumbers it. Unnumbered matter (a section printed run in after the
  enacting clause, appropriations paragraphs) is listed with ``numbered: false``.
- ``provisions/order.yaml``: a stub; an imported bill carries out no source document until counsel
  maps it.
- ``provisions/<id>.md``: one file per section (and per run of unnumbered text). The id comes from
  the heading (``short-title``, ``definitions``, ``definitions-2``); a section without a heading is
  ``section-101``. The body has one paragraph per subdivision, starting with its enumerator, a
  heading written ``(a) In general.—``, quoted matter kept as printed, and the source's table of
  contents replaced by the generated one. A section printed without a heading has no ``title``.

:func:`write_package` writes files into a temporary directory beside the target and renames it into
place (:func:`staged_package`): the target must be new or empty, and a failure leaves nothing
behind. :class:`Planner` lays the provisions out in document order as a bill's parts arrive, so a
bill read whole (:func:`plan_package`) and one streamed from its source (:func:`stream_package`,
for USLM files of :data:`STREAM_BYTES` or more, written a provision at a time) give the same files.
:func:`import_bill` reads a source, writes the package, loads it back and reports.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from tracker.adapters.second_core import Aside, beside
from tracker.adapters.text_decoding import BINARY_PROBE, check_import_source
from tracker.core.errors import Finding, ImportFormatError, WriteError
from tracker.core.ids import is_legal_name
from tracker.core.import_report import ImportReport, SourceWords, build_report
from tracker.core.imported import (
    Block,
    BlockKind,
    ImportedBill,
    ImportedGroup,
    ImportedItem,
    ImportedSection,
    ImportedText,
    SourceLocation,
)
from tracker.core.model import DEFAULT_WORKFLOW

STANDARD_ENACTING_CLAUSE = (
    "Be it enacted by the Senate and House of Representatives of the United States of America in "
    "Congress assembled,"
)
IMPORTED_STATUS = "drafting"
TOC_FENCE = "```{bill-toc}\n```"
MAX_ID_LENGTH = 60

#: Progress: (what is being done, done so far, total).
Progress = Callable[[str, int, int], None]


# --------------------------------------------------------------------------------------------
# Provision ids


def slugify(text: str, *, limit: int = MAX_ID_LENGTH) -> str:
    """A legal provision id from a heading: lower-case ASCII letters, digits and hyphens.

    >>> slugify("SHORT TITLE; TABLE OF CONTENTS."), slugify("Sec. 104A"), slugify("—")
    ('short-title-table-of-contents', 'sec-104a', '')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[: cut if cut > limit // 2 else limit].strip("-")
    return slug


class _Ids:
    """Hands out unique, legal ids: the first ``definitions``, then ``definitions-2`` ..."""

    def __init__(self) -> None:
        self.taken: set[str] = {"bill", "order"}
        # The number a base's search resumes from: those below it were taken, and stay taken (an
        # omnibus act has thousands of "salaries-and-expenses"; counting up from 2 each time is
        # quadratic).
        self.resume: dict[str, int] = {}

    def claim(self, base: str, *, fallback: str) -> str:
        base = base if base and is_legal_name(base) else fallback
        number = self.resume.get(base, 1)
        candidate = base if number == 1 else f"{base}-{number}"
        while candidate in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.resume[base] = number
        self.taken.add(candidate)
        return candidate


# --------------------------------------------------------------------------------------------
# Titles


def sentence_case(heading: str) -> str:
    """A section heading printed in capitals, as a provision title in sentence case.

    Headings already in mixed case are kept; a trailing period is dropped (the compiled heading
    adds it back).

    >>> sentence_case("SHORT TITLE."), sentence_case("Definitions"), sentence_case("GAO REPORT.")
    ('Short title', 'Definitions', 'Gao report')
    """
    text = heading.strip().rstrip(".").strip()
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        text = text[:1] + text[1:].lower()
    return text


def _title_for(section: ImportedSection, labels: Mapping[str, str]) -> str:
    """The provision title: the source's table-of-contents label when it matches the heading (it
    keeps proper nouns in their case), else the heading in sentence case."""
    if not section.heading:
        return ""
    key = _heading_key(section.heading)
    if key in labels:
        return labels[key]
    return sentence_case(section.heading)


def _heading_key(text: str) -> str:
    return " ".join(text.upper().rstrip(".").split())


# --------------------------------------------------------------------------------------------
# Bodies


def block_paragraph(block: Block) -> str:
    """One body paragraph for a block, in the convention of docs/formats.md."""
    if block.kind is BlockKind.TOC:
        return TOC_FENCE
    return block.printed


class _Bodies:
    """Writes bodies; the bill's table of contents is generated once, where the source first
    prints one (the tables of an omnibus act's divisions are not repeated)."""

    def __init__(self) -> None:
        self.toc_written = False
        self.tocs_left_out = 0

    def body(self, blocks: tuple[Block, ...]) -> str:
        paragraphs: list[str] = []
        for block in blocks:
            if block.kind is BlockKind.TOC:
                if paragraphs and paragraphs[-1] == TOC_FENCE:
                    continue
                if self.toc_written:
                    self.tocs_left_out += 1
                    continue
                self.toc_written = True
            paragraph = block_paragraph(block)
            if paragraph:
                paragraphs.append(paragraph)
        return "\n\n".join(paragraphs)


# --------------------------------------------------------------------------------------------
# The files of a package


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedProvision:
    """A provision the import writes: its id, title, body, and where it came from."""

    id: str
    title: str
    body: str
    numbered: bool
    designation: str | None
    source_line: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PackagePlan:
    """The files an import writes, keyed by POSIX path relative to the package root."""

    files: Mapping[str, str]
    provisions: tuple[PlannedProvision, ...]
    notes: tuple[str, ...] = ()


def plan_package(imported: ImportedBill) -> PackagePlan:
    """Lay an imported bill out as package files (no I/O)."""
    files: dict[str, str] = {}
    planner = Planner(
        _toc_labels(imported.toc_entries), lambda name, text: files.update({name: text})
    )

    def walk(items: tuple[ImportedItem, ...]) -> None:
        for item in items:
            if isinstance(item, ImportedGroup):
                planner.open_group(item)
                walk(item.contents)
                planner.close_group()
            else:
                planner.item(item)

    walk(imported.contents)
    contents = planner.finish()
    files = {
        "provisions/bill.yaml": _bill_yaml(imported, contents),
        "provisions/order.yaml": _order_yaml(),
        **files,
    }
    return PackagePlan(files=files, provisions=tuple(planner.provisions), notes=planner.notes())


@dataclass(slots=True)
class _Level:
    """The bill's contents, or a group's, as the planner fills them: entries for bill.yaml, the
    headings seen (for ids), and the run of unnumbered text not yet cut into provisions."""

    entries: list[object] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)
    run: list[Block] = field(default_factory=list)
    start: ImportedText | None = None


class Planner:
    """Lays a bill out as provisions in document order, as its parts arrive (a group opens, a
    section or a run of text, the group closes): each provision file is handed to ``write`` as
    soon as it is made, and what bill.yaml lists is kept (a small entry per provision).

    A whole bill read into records, or one streamed from its source, gives the same files.
    """

    def __init__(
        self, labels: Mapping[str, str], write: Callable[[str, str], None], *, keep: bool = True
    ) -> None:
        self.labels = labels
        self.write = write
        self.keep = keep  # keep every PlannedProvision (with its body) in ``provisions``
        self.ids = _Ids()
        self.bodies = _Bodies()
        self.levels = [_Level()]
        self.provisions: list[PlannedProvision] = []
        self.count = 0
        self.unnumbered = 0

    def open_group(self, group: ImportedGroup) -> None:
        """A group starts (its ``contents`` are not looked at: they follow)."""
        self._flush()
        entry: dict[str, object] = {group.kind: group.heading or ""}
        if group.designation:
            entry["designation"] = group.designation
        level = _Level()
        entry["contents"] = level.entries
        self.levels[-1].entries.append(entry)
        self.levels.append(level)

    def close_group(self) -> None:
        self._flush()
        self.levels.pop()

    def item(self, item: ImportedItem) -> None:
        """A section or a run of unnumbered text."""
        level = self.levels[-1]
        if isinstance(item, ImportedText):
            if level.start is None:
                level.start = item
            level.run.extend(item.blocks)
            return
        self._flush()
        assert isinstance(item, ImportedSection)
        level.entries.append(self._section(item))

    def finish(self) -> list[object]:
        """The contents of bill.yaml."""
        self._flush()
        return self.levels[0].entries

    def notes(self) -> tuple[str, ...]:
        if not self.bodies.tocs_left_out:
            return ()
        return (
            f"{self.bodies.tocs_left_out} further table(s) of contents (of divisions or titles) "
            "are not repeated: the bill's table of contents is generated where the source first "
            "prints one",
        )

    def _flush(self) -> None:
        level = self.levels[-1]
        if level.start is None:
            return
        for text in _split_run(level.run, level.start):
            level.entries.append(self._text(text, level.context))
        level.run, level.start = [], None

    def _add(self, provision: PlannedProvision) -> None:
        self.count += 1
        self.unnumbered += not provision.numbered
        if self.keep:
            self.provisions.append(provision)
        self.write(f"provisions/{provision.id}.md", _provision_file(provision))

    def _section(self, section: ImportedSection) -> object:
        title = _title_for(section, self.labels)
        if title:
            base = slugify(title)
        elif section.designation:
            base = f"section-{slugify(section.designation)}"
        else:
            base = _first_words(section.blocks)
        pid = self.ids.claim(section.key or base, fallback="section")
        numbered = section.designation is not None
        self._add(
            PlannedProvision(
                id=pid,
                title=title,
                body=self.bodies.body(section.blocks),
                numbered=numbered,
                designation=section.designation,
                source_line=section.location.line,
            )
        )
        if not numbered:
            return {"provision": pid, "numbered": False}
        return {"provision": pid, "designation": section.designation}

    def _text(self, text: ImportedText, context: dict[str, str]) -> object:
        headings = [b for b in text.blocks if b.kind is BlockKind.HEADING and b.text]
        for heading in headings:
            context[heading.level or ""] = heading.text
        base = ""
        if headings:
            last = headings[-1]
            parts = [last.text]
            if last.level == "small" and context.get("intermediate"):
                parts.insert(0, context["intermediate"])
            base = slugify(" ".join(parts))
        pid = self.ids.claim(base or _first_words(text.blocks), fallback="text")
        self._add(
            PlannedProvision(
                id=pid,
                title="",
                body=self.bodies.body(text.blocks),
                numbered=False,
                designation=None,
                source_line=text.location.line,
            )
        )
        return {"provision": pid, "numbered": False}


def _split_run(run: list[Block], start: ImportedText) -> Iterator[ImportedText]:
    """A run of unnumbered text, cut into one piece per heading: an appropriations act's
    "DEPARTMENT OF THE ARMY / Corps of Engineers—Civil / construction / For an additional amount
    ..." is one provision, the next heading starts the next."""
    chunk: list[Block] = []
    for block in run:
        if block.kind is BlockKind.HEADING and chunk and chunk[-1].kind is not BlockKind.HEADING:
            yield ImportedText(blocks=tuple(chunk), location=_located(start, chunk))
            chunk = []
        chunk.append(block)
    if chunk:
        yield ImportedText(blocks=tuple(chunk), location=_located(start, chunk))


def _located(start: ImportedText | None, chunk: list[Block]) -> SourceLocation:
    assert start is not None
    line = chunk[0].line or start.location.line
    return replace(start.location, line=line)


def _first_words(blocks: tuple[Block, ...], count: int = 6) -> str:
    """An id from the first words of the text (enumerators left out), for text without a heading."""
    words: list[str] = []
    for block in blocks:
        text = block.text if block.kind is BlockKind.SUBDIVISION else block.printed
        words += re.findall(r"[A-Za-z0-9]+", text)
        if len(words) >= count:
            break
    return slugify(" ".join(words[:count]))


def _toc_labels(entries: tuple[str, ...]) -> dict[str, str]:
    """Section labels of the source's table of contents, keyed by their capitalised form."""
    labels: dict[str, str] = {}
    for line in entries:
        label = line.strip().rstrip(".").strip()
        if label:
            labels.setdefault(_heading_key(label), label)
    return labels


# libyaml's emitter (PyYAML's C extension) writes the same bytes as the pure-Python one, ten times
# faster (an omnibus act's 2,400 provision files and its bill.yaml), for text in the characters both
# print as they are: the two escape characters beyond the Basic Multilingual Plane, some controls
# and the line and paragraph separators
# differently, and end a document after a block scalar that keeps its final line breaks differently,
# so text holding any of those is written by the pure-Python emitter, as before.
_SAME_IN_BOTH = re.compile(r"[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")


class _PythonDumper(yaml.SafeDumper):
    """Block style for multi-paragraph text."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style for multi-paragraph text (libyaml's emitter where PyYAML has it)."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_PythonDumper.add_representer(str, _represent_text)
_Dumper.add_representer(str, _represent_text)


def _printable(data: object) -> bool:
    """Whether every string in ``data`` is in the characters both emitters write alike."""
    if isinstance(data, str):
        if "\n" in data:
            return False  # block and folded scalars: the two differ in corner cases
        return _SAME_IN_BOTH.fullmatch(data) is not None
    if isinstance(data, dict):
        return all(_printable(k) and _printable(v) for k, v in data.items())
    if isinstance(data, list | tuple):
        return all(_printable(item) for item in data)
    return True


def _dump(data: object, *, dumper: type[yaml.SafeDumper] | None = None) -> str:
    if dumper is None:
        dumper = _Dumper if _printable(data) else _PythonDumper
    return yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def _bill_yaml(imported: ImportedBill, contents: list[object]) -> str:
    meta = imported.meta
    enacting = imported.enacting_clause
    if enacting and " ".join(enacting.split()) == STANDARD_ENACTING_CLAUSE:
        enacting = None
    stage_history: list[dict[str, object]] = []
    if meta.stage is not None and imported.version_date is not None:
        stage_history.append(
            {
                "stage": meta.stage.value,
                "date": imported.version_date,
                "note": "The date of the imported version.",
            }
        )
    workflow = DEFAULT_WORKFLOW
    data: dict[str, object] = {
        "official_title": meta.official_title,
        "short_title": meta.short_title,
        "congress": meta.congress,
        "session": meta.session,
        "chamber": meta.chamber,
        "sponsor": meta.sponsor,
        "stage": meta.stage.value if meta.stage else None,
        "enacting_clause": enacting,
    }
    if imported.preamble:
        data["preamble"] = list(imported.preamble)
    if meta.doc_title and meta.doc_title.upper() != "A BILL":
        data["document_title"] = meta.doc_title
    if stage_history:
        data["stage_history"] = stage_history
    data["workflow"] = {
        "initial": workflow.initial,
        "statuses": list(workflow.statuses),
        "done": list(workflow.done),
        "transitions": {k: list(v) for k, v in workflow.transitions.items()},
    }
    data["contents"] = contents
    header = (
        f"# Imported from {Path(imported.source).name}"
        + (f" ({meta.citation})" if meta.citation else "")
        + " by 'billtrack import'.\n"
        "# Section designations are pinned as the source numbers them; see docs/formats.md.\n"
    )
    return header + _dump(data)


def _order_yaml() -> str:
    data = {
        "document": {
            "title": "none",
            "kind": "none",
            "number": None,
            "citation": "none",
            "date": None,
            "published": None,
            "url": None,
            "note": "An imported bill carries out no source policy document until counsel "
            "outlines the one it implements here.",
        },
        "entries": [],
    }
    return "# The outline of the source policy document; none for an imported bill.\n" + _dump(data)


#: A title the YAML emitters write as it is (no quotes, on one line): letters, digits and plain
#: punctuation, starting with a letter, short of the line width; :func:`_front_matter` also
#: passes over the words a YAML reader takes for true, false or null.
_PLAIN_TITLE = re.compile(r"[A-Za-z](?:[A-Za-z0-9,.()'’—–-]| (?! )){0,70}[A-Za-z0-9.)’]?")
_NOT_TEXT = frozenset({"yes", "no", "true", "false", "on", "off", "null"})


def _front_matter(title: str) -> str:
    """An imported provision's front matter: what :func:`_dump` writes, without its cost where
    the title is empty or plain (an omnibus act has thousands, most of them untitled)."""
    if title == "":
        written = "''"
    elif _PLAIN_TITLE.fullmatch(title) and title.lower() not in _NOT_TEXT:
        written = title
    else:
        return _dump({"title": title, "implements": [], "status": IMPORTED_STATUS})
    return f"title: {written}\nimplements: []\nstatus: {IMPORTED_STATUS}\n"


def _provision_file(provision: PlannedProvision) -> str:
    front = _front_matter(provision.title)
    body = provision.body
    return f"---\n{front}---\n\n{body}\n" if body else f"---\n{front}---\n"


# --------------------------------------------------------------------------------------------
# Writing


def write_package(
    files: Mapping[str, str], target: Path, *, progress: Progress | None = None
) -> None:
    """Write ``files`` as a new package at ``target``, atomically (see :func:`staged_package`)."""
    with staged_package(target) as staging:
        _write_all(staging, files, progress)


def _write_all(
    write: Callable[[str, str], None], files: Mapping[str, str], progress: Progress | None
) -> None:
    total = len(files)
    for index, (name, text) in enumerate(sorted(files.items()), start=1):
        write(name, text)
        if progress is not None and (index % 50 == 0 or index == total):
            progress("writing", index, total)


class StagingFolder:
    """The temporary folder a new package is written in (:func:`staged_package`); called with a
    file's name (a POSIX path in the package) and text, it writes the file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: set[Path] = set()

    def __call__(self, name: str, text: str) -> None:
        path = self.folder / name
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        path.write_text(text, encoding="utf-8", newline="\n")


@contextmanager
def staged_package(target: Path) -> Iterator[StagingFolder]:
    """Write a new package at ``target``, atomically: yields the :class:`StagingFolder`.

    ``target`` must not exist or be an empty directory. Files are written into a temporary
    directory beside it, which is renamed into place when the block ends; on any failure (in the
    block too: a source that turns out malformed half-way) the temporary directory (and any parent
    directory this call created) is removed and ``target`` is as it was.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise WriteError(
            f"{target} is not empty",
            path=str(target),
            hint="import into a new or empty directory; import never writes over existing files",
        )
    parent = target.absolute().parent
    created: list[Path] = []
    for folder in (parent, *parent.parents):
        if folder.exists():
            break
        created.append(folder)
    staging: Path | None = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.import-", dir=parent))
        yield StagingFolder(staging)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
        staging = None
    except OSError as exc:
        raise WriteError(
            f"could not write the package: {exc.strerror or exc}",
            path=str(target),
            hint="check the directory's permissions and free space; nothing was written",
        ) from exc
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            for folder in created:
                try:
                    folder.rmdir()
                except OSError:
                    break


# --------------------------------------------------------------------------------------------
# The whole import


SOURCE_FORMATS = ("auto", "uslm", "text")


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """What an import did: the package written, and its report."""

    target: Path
    imported: ImportedBill
    report: ImportReport


def detect_format(data: bytes, *, source: str) -> str:
    """``uslm`` for XML, ``text`` for plain text; refuses empty and binary files."""
    check_import_source(data, source=source)
    text = data[:BINARY_PROBE].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    return "uslm" if text.startswith("<") else "text"


def read_source(
    source: Path,
    *,
    source_format: str = "auto",
    progress: Progress | None = None,
) -> ImportedBill:
    """Read a USLM XML or GPO text file into an :class:`ImportedBill`."""
    return _read_input(_SourceInput.of(source, source_format), progress=progress)


@dataclass(frozen=True, slots=True)
class _SourceInput:
    """A source's bytes, the name it goes by in messages, and its format."""

    name: str
    data: bytes
    kind: str

    @classmethod
    def of(cls, source: Path, source_format: str) -> _SourceInput:
        from tracker.adapters.input_files import read_input_bytes

        name = source.name if source.parent == Path(".") else str(source)
        data = read_input_bytes(source, label=name)  # regular files only, within the size limit
        kind = detect_format(data, source=name) if source_format == "auto" else source_format
        if kind not in ("uslm", "text"):
            raise ImportFormatError(
                f"unknown source format '{source_format}'",
                hint=f"formats: {', '.join(SOURCE_FORMATS)}",
            )
        return cls(name, data, kind)


def _read_input(
    source: _SourceInput, *, progress: Progress | None = None, printed: bool = True
) -> ImportedBill:
    if source.kind == "uslm":
        from tracker.adapters.uslm import read_uslm

        def xml_progress(done: int, total: int) -> None:
            if progress is not None:
                progress("reading", done, total)

        return read_uslm(source.data, source=source.name, progress=xml_progress, printed=printed)
    from tracker.adapters.gpo_text_reader import read_gpo_text

    return read_gpo_text(source.data, source=source.name)


#: A USLM source at least this large is read as a stream (:mod:`tracker.adapters.uslm.stream`).
STREAM_BYTES = 32 * 1024 * 1024


def import_bill(
    source: Path,
    target: Path,
    *,
    source_format: str = "auto",
    progress: Progress | None = None,
    stream: bool | None = None,
) -> ImportResult:
    """Import ``source`` into a new package at ``target`` and report on it.

    The package is written atomically, then loaded through the one loader and compiled, so the
    report's fidelity figure is measured on exactly what ``billtrack text --format plain`` prints,
    and its findings are those of ``billtrack check``. The files just written are loaded from
    memory (the same bytes), except after a streamed import, which keeps none of them: it reads
    them back a provision at a time (:func:`~tracker.adapters.loader.scan_package`, the same
    checks and text, never the whole package in memory).

    A USLM bill of :data:`STREAM_BYTES` or more (or any, with ``stream=True``) is streamed: read
    and written a part at a time, so that its memory does not grow with the bill; the package is
    the one the whole-tree reader writes. An engrossed amendment is always read whole.
    """
    from tracker.adapters.loader import drafting_warnings, load_files, with_drafting_warnings
    from tracker.core.compile import render_plain

    if stream is not False and _streams(source, source_format, forced=bool(stream)):
        from tracker.adapters.uslm.stream import NotStreamed

        try:
            return _import_streamed(source, target, progress=progress)
        except NotStreamed:
            pass  # read whole below; that reader says what is wrong, if anything is
    read = _SourceInput.of(source, source_format)
    with _words_aside(read) as counted:
        imported = _read_input(read, progress=progress, printed=not counted.started)
        words = counted.collect()
    if words is None and counted.started:  # the worker failed: count here (errors show)
        from tracker.adapters.uslm.reader import source_words

        words = source_words(read.data, read.name)
    plan = plan_package(imported)
    files = {name: text.encode("utf-8") for name, text in plan.files.items()}
    with _drafting_aside(files) as drafting:
        write_package(plan.files, target, progress=progress)
        if progress is not None:
            progress("checking", 0, 1)
        package = load_files(files, label="worktree", drafting=not drafting.started)
        plain = render_plain(package)
        if drafting.started:
            warnings = drafting.collect()
            if warnings is None:  # the worker failed: the drafting checks are run here
                warnings = drafting_warnings(files, label="worktree")
            package = with_drafting_warnings(package, warnings)
    if progress is not None:
        progress("checking", 1, 1)
    report = build_report(
        imported,
        notes=(*imported.notes, *plan.notes),
        plain_text=plain,
        findings=package.findings,
        provisions=len(plan.provisions),
        unnumbered=sum(1 for p in plan.provisions if not p.numbered),
        words=words,
    )
    return ImportResult(target=target, imported=imported, report=report)


#: A USLM source at least this large has its printed words counted in a second process while this
#: one reads it; a package whose files come to this much has its drafting checks run in a second
#: process while this one checks the rest, compiles its text and writes it (below it, starting
#: the process costs more than it saves).
ASIDE_BYTES = 512 * 1024


@contextmanager
def _words_aside(source: _SourceInput) -> Iterator[Aside[SourceWords]]:
    """The source's printed words counted in a second process (:mod:`.second_core`), for a USLM
    source of :data:`ASIDE_BYTES` or more; otherwise (and on one core) not started, and the
    reader keeps the printed text for the report to count."""
    if source.kind != "uslm" or len(source.data) < ASIDE_BYTES:
        yield Aside(None)
        return
    from tracker.adapters.uslm.reader import source_words

    with beside(source_words, source.data, source.name) as aside:
        yield aside


@contextmanager
def _drafting_aside(files: Mapping[str, bytes]) -> Iterator[Aside[tuple[Finding, ...]]]:
    """The package's drafting checks (the slower half of loading it back) run in a second process
    (:mod:`.second_core`), for a package of :data:`ASIDE_BYTES` or more; otherwise (and on one
    core) not started, and the package is loaded with them here."""
    if sum(map(len, files.values())) < ASIDE_BYTES:
        yield Aside(None)
        return
    with beside(_worktree_drafting_warnings, files) as aside:
        yield aside


def _worktree_drafting_warnings(files: Mapping[str, bytes]) -> tuple[Finding, ...]:
    from tracker.adapters.loader import drafting_warnings

    return drafting_warnings(files, label="worktree")


def _streams(source: Path, source_format: str, *, forced: bool) -> bool:
    """Whether ``source`` is a USLM file to stream: a regular file within the input limit, large
    enough (or ``forced``), starting like XML. Anything else is read whole (and refused there)."""
    from tracker.adapters.input_files import input_limit

    if source_format == "text":
        return False
    try:
        info = source.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > input_limit():
            return False
        if info.st_size < STREAM_BYTES and not forced:
            return False
        with source.open("rb") as file:
            probe = file.read(BINARY_PROBE)
    except OSError:
        return False
    text = probe.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    return source_format == "uslm" or text.startswith("<")


def _import_streamed(source: Path, target: Path, *, progress: Progress | None) -> ImportResult:
    """Stream ``source`` into ``target``, then check what was written as ``billtrack check`` does
    and count its plain text's words, a provision at a time (:func:`scan_package`): an omnibus
    is never held whole, neither read nor checked."""
    from collections import Counter

    from tracker.adapters.loader import scan_package
    from tracker.core.import_report import word_counts

    streamed = stream_package(source, target, progress=progress)
    if progress is not None:
        progress("checking", 0, 1)
    words: Counter[str] = Counter()
    findings = scan_package(target, plain=lambda part: words.update(word_counts(part)))
    if progress is not None:
        progress("checking", 1, 1)
    report = build_report(
        streamed.imported,
        notes=streamed.notes,
        package_words=words,
        findings=findings,
        provisions=streamed.provisions,
        unnumbered=streamed.unnumbered,
        counts=streamed.counts,
        words=streamed.words,
    )
    return ImportResult(target=target, imported=streamed.imported, report=report)


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamedImport:
    """What a streamed import keeps for its report: the bill without its contents or printed
    text, and what was counted as they passed."""

    imported: ImportedBill
    notes: tuple[str, ...]
    provisions: int
    unnumbered: int
    counts: Mapping[str, int]
    words: SourceWords


def stream_package(
    source: Path, target: Path, *, progress: Progress | None = None
) -> StreamedImport:
    """Read the USLM bill ``source`` as a stream and write its package at ``target``, atomically,
    a provision at a time. Raises :class:`~tracker.adapters.uslm.stream.NotStreamed` (before
    anything is written) for a document the streamed reader does not read."""
    from tracker.adapters.uslm.stream import stream_uslm, survey

    name = source.name if source.parent == Path(".") else str(source)
    toc_entries, short_title = survey(source, source=name)

    def xml_progress(done: int, total: int) -> None:
        if progress is not None:
            progress("reading", done, total)

    with staged_package(target) as write:
        planner = Planner(_toc_labels(toc_entries), write, keep=False)
        streamed = stream_uslm(
            source,
            planner,
            source=name,
            short_title=short_title,
            toc_entries=toc_entries,
            progress=xml_progress,
        )
        contents = planner.finish()
        assert streamed.meta is not None
        imported = ImportedBill(
            source=name,
            source_format="uslm",
            meta=streamed.meta,
            preamble=streamed.preamble,
            enacting_clause=streamed.enacting_clause,
            contents=(),
            unplaced=streamed.unplaced,
            printed_text="",
            toc_entries=toc_entries,
            version_date=streamed.version_date,
            source_counts=streamed.source_counts,
            notes=streamed.notes,
        )
        write("provisions/bill.yaml", _bill_yaml(imported, contents))
        write("provisions/order.yaml", _order_yaml())
    return StreamedImport(
        imported=imported,
        notes=(*imported.notes, *planner.notes()),
        provisions=planner.count,
        unnumbered=planner.unnumbered,
        counts=streamed.level_counts,
        words=SourceWords(
            printed=streamed.printed_words, toc=streamed.toc_words, struck=streamed.struck_words
        ),
    )


__all__ = [
    "STREAM_BYTES",
    "ImportResult",
    "PackagePlan",
    "PlannedProvision",
    "Planner",
    "StagingFolder",
    "StreamedImport",
    "block_paragraph",
    "detect_format",
    "import_bill",
    "plan_package",
    "read_source",
    "sentence_case",
    "slugify",
    "staged_package",
    "stream_package",
    "write_package",
]
