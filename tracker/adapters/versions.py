"""Versions of the bill for ``billtrack diff``: a spec such as ``drafts/introduced`` to text units.

A *version spec* is one of:

- ``worktree``: the package in the working tree;
- ``drafts/<name>`` or a bare ``<name>``: a frozen draft;
- ``git:<rev>``: the package's files at a git revision (``git:HEAD~3``, ``git:v1.0``), read from
  the object store without a checkout, so nothing in the working tree is touched;
- a path to a package directory (one holding ``provisions/bill.yaml``);
- a path to one file, plain text or Markdown, split into units at its headings
  (:func:`tracker.core.text_units.split_text`). Raw text extracted from a GPO PDF print (its signs:
  bare line numbers, running heads such as ``•HR 7120 IH``, VerDate slugs, margin stamps) is first
  cleaned as ``billtrack import`` cleans it (:func:`tracker.core.gpo_text.clean_pdf_text`), so the
  redline is of the cleaned text. A provision file (Markdown opening with ``---`` front matter) is
  one unit, its body; its front matter is compared apart. Binary files are refused.

Two files' sections are paired by heading and content, never by number alone
(:attr:`~tracker.core.redline.RedlineOptions.numbered_keys`).

Every failure is a :class:`~tracker.core.errors.BilltrackError` with the names that do exist.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tracker.adapters.text_decoding import NotUtf8, decode_utf8
from tracker.core.errors import (
    InvalidPackageError,
    PackageNotFoundError,
    SourceError,
    UnknownNameError,
)
from tracker.core.units import TextUnit

if TYPE_CHECKING:
    from tracker.core.amend.compare import AmendmentComparison
    from tracker.core.model import Package
    from tracker.core.redline import Redline

T = TypeVar("T")
R = TypeVar("R")

WORKTREE = "worktree"
GIT_PREFIX = "git:"
DRAFT_PREFIX = "drafts/"


@dataclass(frozen=True, slots=True, kw_only=True)
class Version:
    """One side of a comparison: its label ("drafts/introduced", "git:HEAD~1") and its units."""

    label: str
    units: tuple[TextUnit, ...]
    package: Package | None = field(default=None, compare=False)
    #: the front matter of a provision file, as (key, value as YAML text) in file order
    front_matter: tuple[tuple[str, str], ...] | None = None


@dataclass(slots=True)
class _Root:
    """The package root, found only when a spec needs it (comparing two files needs none)."""

    given: Path | None
    _found: Path | None = None

    def get(self) -> Path:
        if self._found is None:
            from tracker.adapters.loader import find_root

            self._found = find_root(self.given)
        return self._found

    def maybe(self) -> Path | None:
        try:
            return self.get()
        except PackageNotFoundError:
            return None


def resolve_version(spec: str, *, root: Path | None = None, cwd: Path | None = None) -> Version:
    """The version named by ``spec`` (see the module docstring); ``root`` as ``--root`` gives it."""
    return _resolve(spec, _Root(root), cwd or Path.cwd())


def resolve_pair(
    old: str | None, new: str | None, *, root: Path | None = None, cwd: Path | None = None
) -> tuple[Version, Version]:
    """Both sides of ``billtrack diff [OLD] [NEW]``: NEW defaults to the working tree, OLD to the
    latest draft."""
    package_root = _Root(root)
    here = cwd or Path.cwd()
    if old is None:
        old = f"{DRAFT_PREFIX}{latest_draft(package_root.get())}"
    return _resolve(old, package_root, here), _resolve(new or WORKTREE, package_root, here)


def latest_draft(root: Path) -> str:
    """The name of the newest draft (by date, then name)."""
    from tracker.adapters.loader import list_drafts

    drafts = list_drafts(root, strict=True)
    if not drafts:
        raise UnknownNameError(
            "there are no drafts to compare the working tree with",
            hint="name the versions to compare, e.g. 'billtrack diff git:HEAD worktree', "
            "or cut a draft first",
        )
    return drafts[-1].name


#: A version spec of ``-``: one text read from standard input.
STDIN = "-"


def split_range(spec: str, *, cwd: Path | None = None) -> tuple[str | None, str | None]:
    """``OLD..NEW`` as git writes a range, into its two sides (an empty side is the default:
    ``introduced..`` is the draft against the working tree, ``..git:HEAD`` the latest draft
    against HEAD). A spec naming an existing path, or without ``..`` between two names, is
    returned whole: ``(spec, None)``."""
    if ".." not in spec or "..." in spec:
        return spec, None
    if (cwd or Path.cwd()).joinpath(spec).exists():
        return spec, None
    old, _, new = spec.partition("..")
    if old.endswith("/") or new.startswith("/"):  # a relative path such as drafts/../x
        return spec, None
    return (old or None), (new or WORKTREE)


def _stdin_version() -> Version:
    import sys

    from tracker.core.text_units import split_text

    data = sys.stdin.buffer.read()
    try:
        text = decode_utf8(data)
    except NotUtf8 as exc:
        raise SourceError(
            f"standard input is not UTF-8 text (byte {exc.offset}: {bytes([exc.byte])!r})",
            path="<stdin>",
            line=exc.line,
            hint="convert it first, for example with 'iconv -f latin1 -t utf-8'",
        ) from exc
    return Version(label="<stdin>", units=split_text(text))


def _resolve(spec: str, root: _Root, cwd: Path) -> Version:
    text = spec.strip()
    if not text:
        raise UnknownNameError("an empty version name", hint=_kinds_hint(root))
    if text == STDIN:
        return _stdin_version()
    if text == WORKTREE:
        from tracker.adapters.loader import load_package

        return _package_version(load_package(root.get()), WORKTREE)
    if text.startswith(GIT_PREFIX):
        return _git_version(text[len(GIT_PREFIX) :], root)
    if text.startswith(DRAFT_PREFIX) and "/" not in text[len(DRAFT_PREFIX) :].rstrip("/"):
        package_root = root.maybe()
        if package_root is not None:
            return _draft_version(package_root, text[len(DRAFT_PREFIX) :].rstrip("/"))
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = cwd / path
    if path.exists():
        return _path_version(path, text)
    package_root = root.maybe()
    if package_root is not None and "/" not in text and text in _draft_names(package_root):
        return _draft_version(package_root, text)
    raise UnknownNameError(
        f"no draft, revision or file named '{text}'",
        hint=_kinds_hint(root, guess=text),
    )


def _kinds_hint(root: _Root, guess: str | None = None) -> str:
    package_root = root.maybe()
    names = _draft_names(package_root) if package_root else []
    drafts = ", ".join(f"drafts/{n}" for n in names) if names else "none"
    suggestion = ""
    if guess and names:
        from tracker.core.schema import did_you_mean

        close = did_you_mean(guess.removeprefix(DRAFT_PREFIX), names)
        suggestion = f"did you mean 'drafts/{close}'? " if close else ""
    return (
        f"{suggestion}a version is 'worktree', a draft (drafts: {drafts}), 'git:<revision>' "
        "(for example git:HEAD~1), or the path of a file or package directory"
    )


def _draft_names(root: Path) -> list[str]:
    from tracker.adapters.loader import draft_names

    return draft_names(root)


def _draft_version(root: Path, name: str) -> Version:
    from tracker.adapters.loader import load_draft

    return _package_version(load_draft(root, name), f"{DRAFT_PREFIX}{name}")


def _git_version(rev: str, root: _Root) -> Version:
    from tracker.adapters.git_repo import revision_files
    from tracker.adapters.loader import load_files

    if not rev:
        raise UnknownNameError("'git:' needs a revision", hint="for example git:HEAD~1 or git:v1.0")
    label = f"{GIT_PREFIX}{rev}"
    files = revision_files(root.get(), rev)
    return _package_version(load_files(files, label=label, prefix=f"{label}:"), label)


def _path_version(path: Path, label: str) -> Version:
    if path.is_dir():
        if not (path / "provisions" / "bill.yaml").is_file():
            raise SourceError(
                f"{label} is a directory but not a package: it has no provisions/bill.yaml",
                hint="give a package directory (or a draft folder), or the path of one file",
            )
        from tracker.adapters.loader import load_package

        return _package_version(load_package(path, label=label), label)
    text = read_text(path, label=label)
    provision = _provision_file(text, path, label)
    if provision is not None:
        return provision
    from tracker.core.text_units import split_text

    if looks_like_pdf_text(text):
        from tracker.core.gpo_text import clean_pdf_text

        text = clean_pdf_text(text)
    return Version(label=label, units=split_text(text))


#: Bare line numbers on at least this share of a text's non-blank lines mark raw PDF text.
PDF_LINE_NUMBER_SHARE = 0.2


def looks_like_pdf_text(text: str) -> bool:
    """Whether ``text`` is raw text extracted from a GPO PDF print: it has running heads, slugs or
    margin stamps (:func:`~tracker.core.gpo_text.find_furniture`), or bare line numbers on many
    lines. Cleaned text has none of them, so cleaning is never applied twice."""
    import re

    stripped = [line.strip() for line in text.splitlines()]
    lines = sum(1 for line in stripped if line)
    # A bare line number: one or two digits alone on a line (checked only on such short lines).
    numbers = sum(1 for line in stripped if 0 < len(line) <= 2 and re.fullmatch(r"\d{1,2}", line))
    if numbers >= 5 and numbers >= PDF_LINE_NUMBER_SHARE * lines:
        return True
    bullet = "•" in text  # searched once: a search of a large text is not free
    if "VerDate" in text or (bullet and re.search(r"•\s?H\.?\s?R\.?\s?\d", text)):
        return True
    # Every piece of furniture holds one of these (the stamp's job, the running head's bullet or
    # time of day): without them, the slow scan of the whole text finds nothing.
    if not (bullet or "BILLS" in text or "$$_" in text or _has_time_of_day(text)):
        return False
    from tracker.core.gpo_text import find_furniture

    return len(find_furniture(text)) >= 2


def _has_time_of_day(text: str) -> bool:
    """Whether ``text`` holds a digit, a colon and two digits (``23:19``), as ``\\d:\\d\\d`` finds
    it; a search from each colon, much faster on a large text than the regular expression."""
    colon = text.find(":", 1)
    while colon >= 0:
        after = text[colon + 1 : colon + 3]
        if len(after) == 2 and after.isdecimal() and text[colon - 1].isdecimal():
            return True
        colon = text.find(":", colon + 1)
    return False


def _provision_file(text: str, path: Path, label: str) -> Version | None:
    """A provision file (front matter between ``---`` lines, then the body) as one unit, its body,
    keyed by the file's name; None for any other text. Front matter that is not a YAML mapping is
    refused at its line."""
    if path.suffix.lower() != ".md" or not text.startswith("---"):
        return None
    from tracker.adapters.provision_files import split_front_matter

    split, findings = split_front_matter(text, path=label)
    if split is None or findings:
        return None
    import yaml

    try:
        data = yaml.safe_load(split.front_matter)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(
            f"{label}: its front matter is not valid YAML",
            path=label,
            line=mark.line + split.front_matter_line if mark is not None else None,
            hint="fix the front matter, or compare the bodies saved as plain text",
        ) from exc
    if not isinstance(data, dict):
        return None
    values = tuple(
        (
            str(key),
            yaml.safe_dump(value, default_flow_style=True, width=10_000)
            .strip()
            .removesuffix("\n..."),
        )
        for key, value in data.items()
    )
    from tracker.core.units import UnitKind

    title = str(data.get("title") or path.stem)
    unit = TextUnit(
        key=path.stem,
        kind=UnitKind.SECTION,
        designation="",
        heading=title,
        text=split.body,
        canonical=split.body,
    )
    return Version(label=label, units=(unit,), front_matter=values)


def split_file(path: Path, *, label: str | None = None) -> tuple[TextUnit, ...]:
    """Read one UTF-8 text or Markdown file and split it into units at its headings."""
    from tracker.core.text_units import split_text

    return split_text(read_text(path, label=label))


def read_text(path: Path, *, label: str | None = None) -> str:
    """A file's text, strictly UTF-8 (a leading byte-order mark is dropped)."""
    from tracker.adapters.input_files import read_input_bytes

    name = label or str(path)
    data = read_input_bytes(path, label=name)  # regular files only, within the size limit
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise SourceError(
            f"a binary file, not text (a NUL byte at offset {nul})",
            path=name,
            line=data[:nul].count(b"\n") + 1,
            hint="give the plain text or Markdown of the bill (for a PDF, 'billtrack import' "
            "or its extracted text; for Word, save as plain text)",
        )
    try:
        return decode_utf8(data)
    except NotUtf8 as exc:
        raise SourceError(
            f"{name} is not UTF-8 text (byte {exc.offset}: {bytes([exc.byte])!r})",
            path=name,
            line=exc.line,
            hint="convert it first, for example with 'iconv -f latin1 -t utf-8'",
        ) from exc


def _package_version(package: Package, label: str) -> Version:
    from tracker.core.compile import bill_units

    if package.errors:  # a side with errors would compare as if sections were struck or added
        raise InvalidPackageError(package.findings, action="compare again")
    return Version(label=label, units=bill_units(package), package=package)


def compare_versions(
    old: str | None,
    new: str | None,
    *,
    root: Path | None = None,
    cwd: Path | None = None,
    provisions: Sequence[str] = (),
) -> Redline:
    """Resolve both versions and compute their redline (only ``provisions``, when given)."""
    old_version, new_version = resolve_pair(old, new, root=root, cwd=cwd)
    redline = compare_pair(old_version, new_version)
    return redline.select(provisions) if provisions else redline


def compare_pair(old: Version, new: Version) -> Redline:
    """The redline of two resolved versions: sections of files paired by content, not by number;
    two provision files compared by their bodies, their front matter listed apart."""
    from dataclasses import replace

    from tracker.core.redline import DEFAULT_OPTIONS, compare_front_matter, compare_units

    old_units, new_units = old.units, new.units
    if old.front_matter is not None and new.front_matter is not None:
        key = new_units[0].key  # the two bodies are the one provision, whatever the file names
        old_units = tuple(replace(unit, key=key) for unit in old_units)
    files = old.package is None or new.package is None
    redline = compare_units(
        old_units,
        new_units,
        old_label=old.label,
        new_label=new.label,
        options=replace(DEFAULT_OPTIONS, numbered_keys=True) if files else DEFAULT_OPTIONS,
        mapper=parallel_map,
    )
    if old.front_matter is not None and new.front_matter is not None:
        redline = replace(
            redline, front_matter=compare_front_matter(old.front_matter, new.front_matter)
        )
    return redline


@dataclass(frozen=True, slots=True, kw_only=True)
class BillComparison:
    """``billtrack diff``'s model: the redline, and what changed in the bill's amendments of
    existing law (None when neither version is a package with amendatory instructions)."""

    redline: Redline
    amendments: AmendmentComparison | None = None


def compare_bill(
    old: str | None,
    new: str | None,
    *,
    root: Path | None = None,
    cwd: Path | None = None,
    provisions: Sequence[str] = (),
) -> BillComparison:
    """As :func:`compare_versions`, with the instructions changed and their effect on the law."""
    old_version, new_version = resolve_pair(old, new, root=root, cwd=cwd)
    redline = compare_pair(old_version, new_version)
    amendments = _amendments(old_version, new_version)
    if provisions:
        redline = redline.select(provisions)
        if amendments is not None:
            keys = {key for unit in redline.units for key in (unit.old_key, unit.new_key) if key}
            amendments = amendments.select(keys)
    return BillComparison(redline=redline, amendments=amendments)


def _amendments(old: Version, new: Version) -> AmendmentComparison | None:
    """The amendments compared, when both versions are packages and either has instructions."""
    if old.package is None or new.package is None:
        return None
    from tracker.core.amend.compare import compare_amendments
    from tracker.core.amend.package import amend_package, law_texts

    before, after = amend_package(old.package), amend_package(new.package)
    if not before.results and not after.results:
        return None
    return compare_amendments(
        before,
        after,
        old_law={c: text.body for c, text in law_texts(old.package.law).items()},
        new_law={c: text.body for c, text in law_texts(new.package.law).items()},
        old_label=old.label,
        new_label=new.label,
    )


#: Below this many characters of changed text, one process is faster than forking.
PARALLEL_CHARS = 400_000


def parallel_map(function: Callable[[T], R], items: list[T]) -> list[R]:
    """``map`` over worker processes when the work is large and the machine has cores.

    The workers are a :class:`~concurrent.futures.ProcessPoolExecutor` started by ``fork``, so the
    function and the items are inherited, not sent: each worker is given only the indices of its
    bucket (buckets balanced by size) and returns its results, while this process works through
    the first bucket. Results are in the order of ``items`` and identical to ``map``'s; without
    ``fork``, with one core, for small work, or if a worker fails, the work is done here.
    """
    workers = min(len(_cores()), 4, len(items))
    size = sum(_size(item) for item in items)
    if workers < 2 or size < PARALLEL_CHARS or not hasattr(os, "fork"):
        return list(map(function, items))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    buckets: list[list[int]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for index in sorted(range(len(items)), key=lambda k: -_size(items[k])):
        lightest = loads.index(min(loads))
        buckets[lightest].append(index)
        loads[lightest] += _size(items[index])
    global _INHERITED
    _INHERITED = (function, items)
    try:
        with ProcessPoolExecutor(
            max_workers=workers - 1, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            futures = [pool.submit(_run_bucket, bucket) for bucket in buckets[1:]]
            results: dict[int, R] = {index: function(items[index]) for index in buckets[0]}
            for future, bucket in zip(futures, buckets[1:], strict=True):
                try:
                    done = future.result()
                except Exception:  # a worker that died or failed: its share is done here
                    done = [function(items[index]) for index in bucket]
                results.update(zip(bucket, done, strict=True))
    finally:
        _INHERITED = None
    return [results[index] for index in range(len(items))]


#: The function and items of the running :func:`parallel_map`, inherited by its forked workers.
_INHERITED: tuple[Callable[[Any], Any], list[Any]] | None = None


def _run_bucket(bucket: list[int]) -> list[Any]:
    """In a worker: the results of the inherited function for the items at ``bucket``."""
    assert _INHERITED is not None, "parallel_map's workers are forked from it"
    function, items = _INHERITED
    return [function(items[index]) for index in bucket]


def _cores() -> set[int] | range:
    try:
        return os.sched_getaffinity(0)
    except AttributeError:  # not on Linux
        return range(os.cpu_count() or 1)


def _size(item: object) -> int:
    if isinstance(item, tuple):
        return sum(len(part) for part in item if isinstance(part, str))
    return 1
