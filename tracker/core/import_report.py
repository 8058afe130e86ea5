"""The import report: what an import found, what it could not place, and how faithful it is.

Pure: built from the imported records, the compiled plain text of the package written from them and
that package's findings; rendered as text lines or a mapping (for JSON).

**Fidelity** is measured both ways on the source's words and those of the imported package's plain
text (``billtrack text --format plain``). Words are the printed text split on white space — inline
markup joined as printed, so ``“(a)`` and ``General.—The`` are single words — counted as a multiset
with case kept: a word printed three times must appear three times.

- **Recall** (``share``): the share of the source's words the package holds; what is missing was
  lost by the import.
- **Precision**: the share of the package's words that the source printed; the rest the import
  added — a stamp remnant, a word glued or doubled. Words of PDF furniture
  (:func:`tracker.core.gpo_text.is_furniture_word`: ``DSKBCP6F6B2PROD``, ``$$_JOB``, ``VerDate``)
  are never the bill's: they count as added even when the source text handed to the report still
  holds them, so a stamp that slipped through the cleaning lowers precision instead of hiding.

Two parts of the print are not counted as the bill's text, and the report gives their size instead:
the source's tables of contents, which the package does not copy but generates from its own
sections (``{bill-toc}``) — words of the generated one count as neither lost nor added — and matter
printed struck through (``changed="deleted"``), which is not part of the bill as amended.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from tracker.core.errors import Finding, Severity
from tracker.core.gpo_text import is_furniture_word
from tracker.core.imported import GROUP_LEVELS, SUBDIVISION_LEVELS, ImportedBill, Unplaced

LEVEL_ORDER: tuple[str, ...] = (*GROUP_LEVELS, "section", *SUBDIVISION_LEVELS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fidelity:
    """How many of the source's words the package's plain text holds (recall), and how many of the
    package's words the source printed (precision).

    >>> f = fidelity("SEC. 1. SHORT TITLE. This Act", "SEC. 1. SHORT TITLE.\\n\\nThis law")
    >>> f.source_words, f.matched, round(f.share, 3), f.missing
    (6, 5, 0.833, (('Act', 1),))
    >>> f.package_words, f.added_words, round(f.precision, 3), f.added
    (6, 1, 0.833, (('law', 1),))
    """

    source_words: int
    matched: int
    missing: tuple[tuple[str, int], ...]  # the most frequent missing words, with their counts
    package_words: int = 0  # the package's words, less those of its generated table of contents
    added_words: int = 0  # package words the source did not print, and furniture words
    added: tuple[tuple[str, int], ...] = ()  # the most frequent added words, with their counts

    @property
    def share(self) -> float:
        """Recall: the share of the source's words found in the package."""
        return self.matched / self.source_words if self.source_words else 1.0

    @property
    def percent(self) -> str:
        return f"{self.share * 100:.2f}%"

    @property
    def precision(self) -> float:
        """The share of the package's words that the source printed."""
        if not self.package_words:
            return 1.0
        return (self.package_words - self.added_words) / self.package_words

    @property
    def precision_percent(self) -> str:
        return f"{self.precision * 100:.2f}%"


def word_counts(text: str, *, piece: int = 1 << 20) -> Counter[str]:
    """The words of ``text``: split on white space, counted, case kept (a line-aligned piece at a
    time, so a large text is never held as a list of its words)."""
    counts: Counter[str] = Counter()
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", min(start + piece, end))
        stop = end if stop < 0 else stop + 1
        counts.update(text[start:stop].split())
        start = stop
    return counts


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceWords:
    """The source's words, counted as a streamed import read them (it keeps no printed text)."""

    printed: Counter[str]
    toc: Counter[str]
    struck: int


def fidelity(
    source_text: str, package_text: str, *, toc_text: str = "", sample: int = 12
) -> Fidelity:
    """Recall and precision of ``package_text`` against ``source_text`` (multisets of words).

    ``toc_text`` is the source's table of contents, which the package regenerates: the package's
    words that match it are neither the bill's nor added. Furniture words (stamp remnants) in the
    source are not the bill's; in the package they are added.
    """
    return counted_fidelity(
        word_counts(source_text), word_counts(package_text), word_counts(toc_text), sample=sample
    )


def counted_fidelity(
    printed: Counter[str], package: Counter[str], toc: Counter[str], *, sample: int = 12
) -> Fidelity:
    """:func:`fidelity` on words already counted."""
    package = Counter(package)
    furniture = Counter({word: n for word, n in printed.items() if is_furniture_word(word)})
    source = printed - furniture
    generated = (package - source) & toc
    package -= generated
    missing = source - package
    added = package - source
    total = sum(source.values())
    return Fidelity(
        source_words=total,
        matched=total - sum(missing.values()),
        missing=tuple(missing.most_common(sample)),
        package_words=sum(package.values()),
        added_words=sum(added.values()),
        added=tuple(added.most_common(sample)),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    """Everything ``billtrack import`` says about an import."""

    source: str
    source_format: str
    citation: str | None
    provisions: int
    counts: Mapping[str, int]  # levels held by the package: group kinds, sections, subdivisions
    source_counts: Mapping[str, int]  # the same, counted in the source's own markup
    unnumbered: int  # runs of unnumbered text (appropriations paragraphs, run-in sections)
    unplaced: tuple[Unplaced, ...]
    missing_values: tuple[str, ...]  # manifest values the source does not give
    fidelity: Fidelity
    toc_words: int
    struck_words: int
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def counts_agree(self) -> bool:
        """Whether every level the source counts is held as often in the package."""
        if not self.source_counts:
            return True
        return all(self.counts.get(k, 0) == v for k, v in self.source_counts.items())

    def lines(self, *, findings_limit: int = 20) -> list[str]:
        """The report as text, a line each."""
        out = [f"imported {self.source} ({self.source_format})" + _cite(self.citation)]
        out.append(f"  provisions written: {self.provisions} ({self.unnumbered} unnumbered)")
        out.append("  levels: " + format_counts(self.counts, self.source_counts))
        fid = self.fidelity
        out.append(
            f"  fidelity: {fid.percent} of {fid.source_words} source words appear in the "
            "package's plain text (recall)"
        )
        if fid.missing:
            sample = ", ".join(f"{word!r}×{n}" for word, n in fid.missing[:8])
            out.append(f"    most missed: {sample}")
        out.append(
            f"  precision: {fid.precision_percent} of {fid.package_words} package words are the "
            f"source's ({fid.added_words} added by the import)"
        )
        if fid.added:
            sample = ", ".join(f"{word!r}×{n}" for word, n in fid.added[:8])
            out.append(f"    most added: {sample}")
        if self.toc_words:
            out.append(f"  table of contents: {self.toc_words} words, regenerated from the package")
        if self.struck_words:
            out.append(
                f"  struck matter: {self.struck_words} words printed struck through are left "
                "out (not part of the bill as amended)"
            )
        if self.missing_values:
            out.append(
                "  not in the source, left empty: "
                + ", ".join(self.missing_values)
                + " (fill them in provisions/bill.yaml)"
            )
        if self.unplaced:
            out.append(f"  not placed: {len(self.unplaced)}")
            for item in self.unplaced[:findings_limit]:
                out.append(f"    {item.location}: {item.what}: {item.reason}")
            if len(self.unplaced) > findings_limit:
                out.append(f"    ... and {len(self.unplaced) - findings_limit} more")
        for note in self.notes[:findings_limit]:
            out.append(f"  note: {note}")
        errors, warnings = self.errors, self.warnings
        out.append(f"  check: {len(errors)} error(s), {len(warnings)} warning(s)")
        codes = Counter(f.code for f in self.findings)
        if len(codes) > 1 or len(self.findings) > findings_limit:
            out.append("    by code: " + ", ".join(f"{c} ×{n}" for c, n in sorted(codes.items())))
        for finding in (*errors, *warnings)[:findings_limit]:
            out.append(f"    {finding.format()}")
        if len(self.findings) > findings_limit:
            out.append(
                f"    ... and {len(self.findings) - findings_limit} more "
                "(run 'billtrack check --root DIR')"
            )
        return out

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "source_format": self.source_format,
            "citation": self.citation,
            "provisions": self.provisions,
            "unnumbered": self.unnumbered,
            "counts": dict(self.counts),
            "source_counts": dict(self.source_counts),
            "fidelity": {
                "share": self.fidelity.share,
                "recall": self.fidelity.share,
                "source_words": self.fidelity.source_words,
                "matched": self.fidelity.matched,
                "missing": [list(pair) for pair in self.fidelity.missing],
                "precision": self.fidelity.precision,
                "package_words": self.fidelity.package_words,
                "added_words": self.fidelity.added_words,
                "added": [list(pair) for pair in self.fidelity.added],
            },
            "toc_words": self.toc_words,
            "struck_words": self.struck_words,
            "missing_values": list(self.missing_values),
            "unplaced": [
                {"what": u.what, "location": str(u.location), "reason": u.reason, "text": u.text}
                for u in self.unplaced
            ],
            "notes": list(self.notes),
            "findings": [f.as_dict() for f in self.findings],
        }


def _cite(citation: str | None) -> str:
    return f": {citation}" if citation else ""


def format_counts(counts: Mapping[str, int], source_counts: Mapping[str, int]) -> str:
    """``section 12, subsection 30 (source 31)``: the package's counts, the source's where they
    differ."""
    parts = []
    for level in (*LEVEL_ORDER, *sorted(set(counts) - set(LEVEL_ORDER))):
        have = counts.get(level, 0)
        source = source_counts.get(level)
        if not have and not source:
            continue
        text = f"{level} {have}"
        if source is not None and source != have:
            text += f" (source {source})"
        parts.append(text)
    return ", ".join(parts) or "none"


def build_report(
    imported: ImportedBill,
    *,
    plain_text: str = "",
    package_words: Counter[str] | None = None,
    findings: tuple[Finding, ...] | list[Finding] = (),
    provisions: int = 0,
    unnumbered: int = 0,
    notes: tuple[str, ...] | None = None,
    counts: Mapping[str, int] | None = None,
    words: SourceWords | None = None,
) -> ImportReport:
    """The report on an import, given the compiled plain text of the package it wrote.

    A streamed import, whose ``imported`` holds no contents and no printed text, gives the level
    ``counts`` and the source's ``words`` as it counted them, and the words of the plain text
    (``package_words``: :func:`word_counts` of each part of it, added up) instead of the text.
    """
    if words is None:
        words = SourceWords(
            printed=word_counts(imported.printed_text),
            toc=word_counts(imported.toc_text),
            struck=len(imported.struck_text.split()),
        )
    return ImportReport(
        source=imported.source,
        source_format=imported.source_format,
        citation=imported.meta.citation,
        provisions=provisions,
        counts=imported.level_counts() if counts is None else dict(counts),
        source_counts=dict(imported.source_counts),
        unnumbered=unnumbered,
        unplaced=imported.unplaced,
        missing_values=imported.missing,
        fidelity=counted_fidelity(
            words.printed,
            word_counts(plain_text) if package_words is None else package_words,
            words.toc,
        ),
        toc_words=sum(words.toc.values()),
        struck_words=words.struck,
        findings=tuple(findings),
        notes=imported.notes if notes is None else tuple(notes),
    )
