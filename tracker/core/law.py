"""Existing law the bill amends: the sections in ``law/``, their names, hashes and release points.

A law file holds one section of the United States Code (or of an Act not classified to the Code) as
it stands at a *release point* of the Code (``Public Law 116-155``). Its body is quoted law: it is
never edited by hand. The hash of the body is recorded when the text is added
(``content_sha256``), together with the release point it belongs to; :func:`check_law` reports a
body that no longer matches. Moving a section to a new release point is a recorded act: the text,
release point and hash are replaced together, and the old pair moves to ``history``.

- :class:`LawSection`: one file of ``law/``, as read;
- :class:`LawExtract`: one section as read from a source (OLRC USLM, Markdown), before it is written;
- :func:`law_file_name`: the file name a citation gets (``34 U.S.C. 10152`` -> ``34-usc-10152``);
- :func:`release_point`: the one spelling of a release point (``PL 116-155`` -> ``Public Law 116-155``);
- :func:`body_digest`: the recorded hash of a body;
- :func:`revise_law_section`: the record :command:`billtrack law add` writes, new or replacing;
- :func:`check_law`: the quoted-law findings (BT902-BT904) over the loaded sections.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from tracker.core.errors import Finding, Severity, WriteError

#: The folder of the package that holds the law files.
LAW_DIR = "law"

_USC = re.compile(
    r"(?P<title>[0-9]+[A-Za-z]?) U\.S\.C\. (?P<section>[0-9A-Za-z][0-9A-Za-z.\-–]*)\Z"
)
_RELEASE = re.compile(
    r"(?:Public\s+Law|Pub\.\s*L\.|P\.\s*L\.|PL|Online@)\s*(?:No\.\s*)?"
    r"(?P<congress>[0-9]{1,3})-(?P<number>[0-9]{1,4})(?P<rest>.*)\Z",
    re.IGNORECASE,
)
_NOT_NAME = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class LawSource:
    """Where a law text came from. Every field is optional; the more, the better the record.

    ``format`` is ``uslm`` (the Office of the Law Revision Counsel's XML) or ``markdown``; ``file``
    the source file as named when it was added; ``url`` where it can be fetched; ``repository``,
    ``path`` and ``commit`` the repository file it was saved from; ``sha256`` the source file's hash.
    """

    format: str | None = None
    file: str | None = None
    url: str | None = None
    repository: str | None = None
    path: str | None = None
    commit: str | None = None
    sha256: str | None = None

    def as_dict(self) -> dict[str, str]:
        """The fields that are known, in a fixed order (for front matter and JSON)."""
        values = {
            "format": self.format,
            "file": self.file,
            "url": self.url,
            "repository": self.repository,
            "path": self.path,
            "commit": self.commit,
            "sha256": self.sha256,
        }
        return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True, kw_only=True)
class LawVersion:
    """An earlier release point of a section's text: what the file held before it was replaced."""

    current_through: str
    content_sha256: str
    source: LawSource = field(default_factory=LawSource)
    line: int | None = None

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "current_through": self.current_through,
            "content_sha256": self.content_sha256,
        }
        source = self.source.as_dict()
        if source:
            data["source"] = source
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class LawSection:
    """One file of ``law/``: a section of existing law, quoted, with where and when it is from.

    ``body`` is the law's text in the enumerator grammar of provisions
    (:func:`tracker.core.enumeration.parse_body` reads it); ``body_line`` is the file line of its
    first line. ``lines`` maps each front matter key to its file line.
    """

    path: str
    name: str
    citation: str
    act_section: str | None
    heading: str | None
    current_through: str
    source: LawSource
    content_sha256: str
    history: tuple[LawVersion, ...] = ()
    body: str
    body_line: int = 1
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def digest(self) -> str:
        """The hash of the body as it is now."""
        return body_digest(self.body)

    @property
    def text_matches(self) -> bool:
        """Whether the body is still the text recorded for its release point."""
        return self.digest == self.content_sha256

    @property
    def text_line(self) -> int:
        """The file line of the body's first non-blank line."""
        skipped = len(self.body) - len(self.body.lstrip("\n"))
        return self.body_line + self.body[:skipped].count("\n")

    def line(self, key: str) -> int | None:
        return self.lines.get(key)

    def front_matter(self) -> dict[str, object]:
        """The front matter of the file, in its fixed order (plain values for ``yaml.dump``)."""
        data: dict[str, object] = {
            "citation": self.citation,
            "act_section": self.act_section,
            "heading": self.heading,
            "current_through": self.current_through,
            "source": self.source.as_dict(),
            "quoted_law": True,
            "content_sha256": self.content_sha256,
        }
        if self.history:
            data["history"] = [version.as_dict() for version in self.history]
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class LawExtract:
    """One section as read from a source, before it is written to ``law/``.

    ``paragraphs`` are the body's paragraphs in the enumerator grammar (``(a) text``, a bare
    ``(a)``, or unnumbered text); ``current_through`` is the release point the source names, if any.
    """

    citation: str
    heading: str | None
    current_through: str | None
    paragraphs: tuple[str, ...]
    source: LawSource

    @property
    def body(self) -> str:
        return normalize_body("\n\n".join(self.paragraphs))


def usc_citation(title: str | int, section: str) -> str:
    """The citation of a section of the Code.

    >>> usc_citation(34, "10152")
    '34 U.S.C. 10152'
    """
    return f"{str(title).strip()} U.S.C. {section.strip()}"


def is_usc_citation(citation: str) -> bool:
    """Whether ``citation`` is of the form ``34 U.S.C. 10152``.

    >>> is_usc_citation("18 U.S.C. 242"), is_usc_citation("18 USC 242")
    (True, False)
    """
    return bool(_USC.match(citation))


def law_file_name(citation: str) -> str:
    """The file name (without ``.md``) of the law file for ``citation``: lower case, periods and
    section signs dropped, every other run of characters outside ``a-z0-9`` a hyphen.

    >>> law_file_name("34 U.S.C. 10152"), law_file_name("10 U.S.C. 2576a")
    ('34-usc-10152', '10-usc-2576a')
    >>> law_file_name("Public Law 103-322, section 210402")
    'public-law-103-322-section-210402'
    """
    text = citation.lower().replace(".", "").replace("§", " ")
    return _NOT_NAME.sub("-", text).strip("-")[:100]


def release_point(text: str) -> str | None:
    """The one spelling of a release point, ``Public Law C-N``; None if ``text`` names none.

    >>> release_point("PL 116-155"), release_point("Online@117-81"), release_point("Pub. L. 116-155")
    ('Public Law 116-155', 'Public Law 117-81', 'Public Law 116-155')
    >>> release_point("Public Law 117-263 (except 117-228)"), release_point("2020")
    ('Public Law 117-263 (except 117-228)', None)
    """
    match = _RELEASE.match(text.strip())
    if not match:
        return None
    return f"Public Law {int(match['congress'])}-{int(match['number'])}{match['rest']}"


def normalize_body(body: str) -> str:
    """A body as it is stored and hashed: no leading or trailing blank lines, one final newline,
    no trailing white space on a line.

    >>> normalize_body("\\n\\n(a) Text.  \\n\\n(b) More.\\n\\n\\n")
    '(a) Text.\\n\\n(b) More.\\n'
    """
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def body_digest(body: str) -> str:
    """The SHA-256 (hex) of a body after :func:`normalize_body`: what ``content_sha256`` records."""
    return hashlib.sha256(normalize_body(body).encode("utf-8")).hexdigest()


def law_path(citation: str) -> str:
    """The package path of the law file for ``citation``: ``law/34-usc-10152.md``."""
    return f"{LAW_DIR}/{law_file_name(citation)}.md"


def revise_law_section(
    extract: LawExtract,
    *,
    act_section: str | None,
    current_through: str,
    previous: LawSection | None,
) -> LawSection:
    """The law section ``billtrack law add`` writes for ``extract``.

    Without ``previous`` it is a new section. With one (``--force``), the file is replaced: the
    previous text's release point and hash move to ``history`` when the release point changes, and
    the Act section is kept unless a new one is given. The same release point with a different text
    is refused (:class:`WriteError`): a new text is a new release point, recorded as such.
    """
    digest = body_digest(extract.body)
    history: tuple[LawVersion, ...] = ()
    if previous is not None:
        history = previous.history
        act_section = act_section or previous.act_section
        if previous.current_through != current_through:
            history = (
                *history,
                LawVersion(
                    current_through=previous.current_through,
                    content_sha256=previous.content_sha256,
                    source=previous.source,
                ),
            )
        elif previous.content_sha256 != digest:
            raise WriteError(
                f"the file already records a different text for {current_through}",
                path=previous.path,
                hint="a new text is a new release point: name it with --current-through "
                "(e.g. 'Public Law 117-81'), or restore the file from git",
            )
    path = law_path(extract.citation)
    return LawSection(
        path=path,
        name=law_file_name(extract.citation),
        citation=extract.citation,
        act_section=act_section,
        heading=extract.heading,
        current_through=current_through,
        source=extract.source,
        content_sha256=digest,
        history=history,
        body=extract.body,
    )


def check_law(sections: Iterable[LawSection]) -> list[Finding]:
    """The quoted-law findings over the sections of ``law/``.

    - BT902: the body changed since its text was recorded (its hash differs from
      ``content_sha256``); quoted law is never edited by hand.
    - BT903: a release point recorded twice with different texts (in ``current_through`` and
      ``history``), the mark of a hand-made "new release point" that is not one.
    - BT904: the file name is not the one its citation gives (so no two files hold one section).
    """
    findings: list[Finding] = []
    for section in sorted(sections, key=lambda s: s.path):
        if not section.text_matches:
            findings.append(
                _error(
                    "BT902",
                    section,
                    section.text_line,
                    f"the text of {section.citation} changed since it was recorded for "
                    f"{section.current_through} (its hash is {section.digest[:12]}…, the record "
                    f"says {section.content_sha256[:12]}…)",
                    "quoted law is never edited by hand: restore the file from git, or record "
                    "a new release point with 'billtrack law add SOURCE --force'",
                )
            )
        recorded: dict[str, str] = {section.current_through: section.content_sha256}
        for version in section.history:
            other = recorded.setdefault(version.current_through, version.content_sha256)
            if other != version.content_sha256:
                findings.append(
                    _error(
                        "BT903",
                        section,
                        version.line or section.line("history"),
                        f"{version.current_through} is recorded with two different texts in "
                        f"{section.path}",
                        "a new text needs a new release point: record it with "
                        "'billtrack law add SOURCE --force --current-through \"Public Law C-N\"'",
                    )
                )
        expected = law_file_name(section.citation)
        if expected != section.name:
            findings.append(
                _error(
                    "BT904",
                    section,
                    section.line("citation"),
                    f"the file of {section.citation} is named '{section.name}.md'",
                    f"rename it to {LAW_DIR}/{expected}.md (the name comes from the citation)",
                )
            )
    return findings


def _error(code: str, section: LawSection, line: int | None, message: str, hint: str) -> Finding:
    return Finding(
        code=code, severity=Severity.ERROR, path=section.path, line=line, message=message, hint=hint
    )
