"""Drafting checks: what House Legislative Counsel would mark on a read-through (codes BT320-BT325).

They read the compiled bill's own text: every subdivision and lead-in of every section, references
resolved. Quoted matter (a paragraph opening with a quotation mark: text of existing law being
inserted or struck) belongs to the law it amends, so no definition, heading or duty is read from it;
it still counts as a use of a term the bill defines. Every rule is a warning: they are matters of
style and drafting judgement, and a frozen draft's warnings are not actionable.

- BT320 a defined term that the rest of the bill never uses (singular, plural, hyphen or space);
- BT321 a term cited as a term (``the term “X”`` not defining it) or set in quotation marks in
  running text, which the bill does not define, unless the sentence says where it is defined
  (``has the meaning given the term in section 4 of ...``, ``as defined in ...``, a U.S.C. cite);
- BT322 a term defined twice in the same scope (``In this Act``, ``In this title``, ``In this
  section``, ``In this subsection``...; a term defined in no stated scope has its section's);
- BT323 a list of definitions out of alphabetical order (flagged only when out of order both
  letter by letter and word by word, the two orders drafters use);
- BT324 a subsection heading of a House bill not in House style: each principal word capitalised,
  small words (a, an, and, as, at, by, for, in, of, on, or, the, to, with...) lower case unless
  first; all capitals (as GPO prints headings) is accepted;
- BT325 "shall" imposed on a State, a unit of local government or a State or local agency outside
  a grant condition (Congress may attach conditions to its grants, not order the States), with the
  sentence quoted.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.core.compile import CompiledBill, CompiledSection
from tracker.core.enumeration import Block, BlockKind, Level
from tracker.core.errors import Finding, Severity
from tracker.core.numbering import NumberedGroup

# Quotation marks as the three sources write them: “curly”, ‘‘GPO text’’, ``TeX'' and "straight".
_OPEN_CLOSE = (("‘‘", "“"), ("’’", "”"), ("``", "“"), ("''", "”"))
_TERM = r"“([^”“]{1,80})”"
_DEFINING = (
    r"(?:means|mean|includes|include|has the meanings?|have the meanings?|does not include|"
    r"do not include|shall mean|shall include|shall have the meaning|refers? to|—|:)"
)
# "The term “X” means", "the terms “X” and “Y” have the meanings", "“X” means" at a sentence start.
TERM_DEFINITION = re.compile(
    rf"\b[Tt]he\s+terms?\s+((?:“[^”“]{{1,80}}”(?:,?\s+(?:and\s+|or\s+)?)?)+)\s*{_DEFINING}"
)
# "“X” means", "the “X” for a State means", "“X” shall be defined as".
BARE_DEFINITION = re.compile(
    rf"{_TERM}(?:\s+[^.;“”]{{0,60}}?)?\s+(?:means|has the meaning|is defined as|shall be defined as|shall mean)\b"
)
# "In paragraph (1), the “voting age population percentage” for a State is the quotient of".
SCOPED_IS = re.compile(
    rf"\b[Ii]n\s+(?:this\s+\w+|(?:sub)?(?:section|paragraph)\s+\(\w+\)),\s+the\s+{_TERM}"
    r"(?:\s+[^.;“”]{0,60}?)?\s+is\b"
)
# A definition made for other law ("For the purposes of section 7080 of the ... Act, ...").
FOR_OTHER_LAW = re.compile(r"purposes\s+of\s+section\s+[^,]{0,40}\bof\s+(?!this\b)")
# "(referred to in this Act as the “Commission”)", "(hereafter referred to as “X”)".
REFERRED_AS = re.compile(
    rf"referred\s+to\s+(?:in\s+this\s+\w+\s+)?(?:collectively\s+)?as\s+(?:the\s+|a\s+|an\s+)?{_TERM}"
)
TERM_MENTION = re.compile(rf"\b[Tt]he\s+terms?\s+{_TERM}")
QUOTED_SPAN = re.compile(_TERM)
_SCOPE_UNIT = r"(Act|division|title|subtitle|part|subpart|chapter|section|subsection|paragraph|subparagraph)\b"
# "In this Act:", "For purposes of this section, the term", "(referred to in this title as".
SCOPE = re.compile(
    rf"(?:^|[.:;—(]\s*)(?:In|For (?:the )?purposes of|As used in)\s+this\s+{_SCOPE_UNIT}"
    rf"|\b(?:in|for (?:the )?purposes of|as used in)\s+this\s+{_SCOPE_UNIT}(?=,?\s+the\s+terms?\b)"
)
REFERRED_SCOPE = re.compile(rf"referred\s+to\s+in\s+this\s+{_SCOPE_UNIT}")
# A definition borrowed from other law: the sentence names where the term is defined.
CITED_DEFINITION = re.compile(
    r"meaning\s+given|as\s+defined\s+(?:in|by|under)|defined\s+(?:in|by|under)\s+(?:section|the|title)"
    r"|U\.S\.C\.|United States Code|\bof\s+the\s+[A-Z][\w’'-]*(?:\s+[\w’'-]+)*\s+Act\b"
    r"|\bsuch term is defined|\b(?:as\s+)?(?:identified|described|established|specified)\s+(?:in|by|under)\b|\b(?:under|in)\s+section\s+\d[\w()]*\s+of\b"
)
# Sentences that quote text for a purpose other than a term: amendments, names, headings.
NOT_A_TERM_CONTEXT = re.compile(
    r"\b(?:strik\w*|insert\w*|add|adding|substitut\w*|replac\w*|amended|redesignat\w*|the following|heading|headings|caption|item|"
    r"items|word|words|phrase|cited as|known as|entitled|titled|designated as|named|referred to as"
    r"|the term|the terms|such term|means|table of contents|account|appropriation|determination|"
    r"determine[sd]?|classif\w*|categor\w*|label\w*|rated|rating)\b",
)
SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on"}
    | {"onto", "or", "per", "than", "the", "to", "upon", "via", "vs", "versus", "with", "within"}
    | {"without"}
)
SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z“(])|:\s+(?=Provided)")
SHALL = re.compile(r"\bshall\b")
NOT_A_DUTY = re.compile(
    r"\s*(?:not\s+)?(?:be\s+(?:treated|deemed|considered|eligible|ineligible|entitled|construed|"
    r"subject|liable|allowed|permitted|authorized|exempt|presumed)|remain|continue\s+to\s+be|retain|"
    r"have\s+the\s+(?:right|authority|option)|not\s+be\s+required|be\s+given|(?:not\s+)?receive)\b"
)
_STATE = r"States?(?:\s+governments?)?"
_LOCAL = r"units?\s+of\s+(?:general\s+)?local\s+government|political\s+subdivisions?(?:\s+of\s+a\s+State|\s+thereof)?|local\s+governments?"
_AGENCY = (
    r"(?:(?:State|local|tribal|State\s+or\s+local|State,\s+local,\s+(?:or|and)\s+tribal|State\s+and\s+local)\s+)?"
    r"(?:law\s+enforcement\s+)?agenc(?:y|ies)"
)
_ENTITY = rf"(?:{_STATE}|{_LOCAL}|{_AGENCY})"
_DETERMINER = r"(?i:a|an|the|each|any|every|such|that|no|its)\s+"
# The subject of "shall": a State, a unit of local government or an agency, with or without a
# relative clause, right before "shall" and after the start of the clause.
DUTY_SUBJECT = re.compile(
    rf"(?:^|[,—;]\s*|\b(?:then|and|or|if|that|which|where|when|whereupon)\s+)(?P<subject>(?:{_DETERMINER})?"
    rf"{_ENTITY}(?:,?\s+(?:or|and)\s+(?:{_DETERMINER})?{_ENTITY})*(?:,\s+{_ENTITY})*"
    rf"(?P<rest>\s+(?:concerned|involved|described[^,;]*|that[^;]*|which[^;]*|whose[^;]*|in\s+which[^;]*|"
    rf"with[^;]*|to\s+which[^;]*|employing[^;]*|holding[^;]*))?)\s*,?\s*$"
)
# What makes a duty a condition of a grant: the sentence or a subdivision above it says so.
GRANT_CONDITION = re.compile(  # any case: headings are in capitals in GPO's text
    r"\bcondition|\b(?:in)?eligib|\brecipient|\bgrantees?\b|\bsubgrantee|\bsubrecipient|\bapplica(?:nt|tion)"
    r"|\bapply\s+for|\breceiv\w*\s+(?:a\s+|an\s+|any\s+)?(?:covered\s+)?(?:grant|funds|amounts|"
    r"assistance|award|payment|subgrant|allocation|amounts?|total\s+amount)|\breceives?\s+(?:for|under|from)\b|\baccept\w*\s+(?:a\s+|any\s+)?(?:grant|funds|award)"
    r"|\bin\s+order\s+to\s+(?:receive|be\s+eligible|qualify)|\bfunds?\s+(?:under|made\s+available)"
    r"|\bamounts?\s+(?:under|made\s+available)|\bparticipat\w*\s+in|"
    r"\boperat\w*\s+(?:a\s+|an\s+)?[\w\s-]{0,40}program\s+under|\bgrant\s+(?:under|awarded)|\bas\s+a\s+requirement\s+of",
    re.I,
)
LOCAL_AGENCY = re.compile(r"(?<!Federal )law enforcement agenc|\b(?:State|local)\s+agenc")
FEDERAL_AGENCY = re.compile(
    r"\b(?:Federal|executive)\s+(?:law\s+enforcement\s+)?agenc|\bagency\s+of\s+the\s+United\s+States"
)
FEDERAL_TITLE = re.compile(r"\bFederal\b", re.I)
BARE_AGENCY = re.compile(rf"^(?:{_DETERMINER})?agenc(?:y|ies)\b")


def normalize_quotes(text: str) -> str:
    """Text with every double quotation mark written “so”, whichever form the source used."""
    for old, new in _OPEN_CLOSE:
        text = text.replace(old, new)
    if '"' in text:
        parts = text.split('"')
        text = "".join(
            part + ("“" if i % 2 == 0 else "”") if i < len(parts) - 1 else part
            for i, part in enumerate(parts)
        )
    return text


@dataclass(frozen=True, slots=True)
class _Passage:
    """One paragraph of the bill's own text, where it is, and what encloses it."""

    section: CompiledSection
    block: Block
    text: str  # quotes normalized, references resolved, heading removed
    ancestors: str  # the lead-ins above it in its section (for scope and grant conditions)
    index: tuple[int, int]  # which paragraph: the section's place among those checked, the block's

    @property
    def line(self) -> int:
        return self.section.provision.body_line + self.block.line - 1

    @property
    def path(self) -> str:
        return self.section.provision.path


@dataclass(frozen=True, slots=True)
class _Place:
    """The paragraph a definition is made in, as the checks across the bill remember it."""

    path: str
    line: int
    passage: tuple[int, int]  # :attr:`_Passage.index`
    section: str  # the section's designation, or its provision id
    other_law: bool  # the paragraph defines for other law ("For the purposes of section 7080 of")


def _place(passage: _Passage) -> _Place:
    section = passage.section
    return _Place(
        path=passage.path,
        line=passage.line,
        passage=passage.index,
        section=section.designation or section.provision.id,
        other_law=bool(FOR_OTHER_LAW.search(passage.text)),
    )


@dataclass(frozen=True, slots=True)
class _Definition:
    term: str
    place: _Place
    scope: tuple[str, ...]
    extends: bool = False  # "includes" / "does not include": adds to a definition, not a second one
    label: bool = False  # "(referred to as “X”)" with no scope: a name given in passing


#: The characters of BT320's text (:class:`_Corpus`) compressed together: a few megabytes, so a
#: large bill's text is held at a fraction of its size and searched a chunk at a time.
CORPUS_CHUNK = 1 << 22


def drafting_findings(compiled: CompiledBill) -> list[Finding]:
    """BT320-BT325 over the compiled bill (see the module docstring)."""
    checks = DraftingChecks(compiled)
    for section in compiled.sections:
        checks.add(section)
    return checks.findings()


class DraftingChecks:
    """BT320-BT325 over a bill whose sections are handed in one at a time, in order.

    ``add`` each of ``compiled``'s sections (those of :attr:`CompiledBill.sections`, in that order:
    its numbering, its references and its groups are read from ``compiled``), then ask for
    :meth:`findings`. Of a section only what the rules across the bill need is kept: the terms it
    defines and quotes, the paragraphs that may lay a duty on a State, its subsection headings'
    findings, and its text for BT320's search of uses, compressed (:class:`_Corpus`). So a bill
    too large to hold compiled (an imported omnibus, checked as it is read back) is checked by the
    same rules, with the same findings in the same order, as :func:`drafting_findings` gives.
    """

    def __init__(self, compiled: CompiledBill, *, chunk: int | None = None) -> None:
        self.compiled = compiled
        bill = compiled.package.bill
        self.house = bill is not None and bill.chamber == "house"
        self.count = 0
        self.definitions: list[_Definition] = []
        self.quoted: dict[tuple[str, str], tuple[str, int]] = {}  # (key, term): first place
        self.duties: list[tuple[str, int, tuple[str, str], tuple[str, str] | None]] = []
        self.local_agencies = False
        self.lists: dict[tuple[str, tuple[str, ...]], list[object]] = {}  # BT323: [last, finding]
        self.headings: list[Finding] = []
        self.corpus = _Corpus(chunk=CORPUS_CHUNK if chunk is None else chunk)
        self.titles: list[str] = []
        self.done: list[Finding] | None = None

    def add(self, section: CompiledSection) -> None:
        """Check one section (the next of ``compiled.sections``)."""
        passages = list(_section_passages(self.compiled, section, self.count))
        self.count += 1
        definitions = [d for p in passages for d in _definitions(p)]
        self.definitions += definitions
        texts = {id(p.block): p.text for p in passages}
        for block in section.body.blocks:
            if block.kind is BlockKind.QUOTED:
                self.corpus.add(normalize_quotes(self.compiled.resolve_text(block.raw)))
            elif block.kind in (BlockKind.SUBDIVISION, BlockKind.TEXT):
                self.corpus.add(texts[id(block)])
        self.titles.append(
            f"{section.provision.title} "
            + " ".join(
                b.heading or "" for b in section.body.blocks if not _opens_definition(b.text)
            )
        )
        self._quoted_terms(passages)
        self._order(passages, definitions)
        if self.house:
            self.headings += _headings(section)
        self.local_agencies = self.local_agencies or any(
            TERM_DEFINITION.search(p.text) and re.search(r"“(?:law enforcement )?agency”", p.text)
            for p in passages
        )
        for passage in passages:
            # Whether the bill defines State and local agencies is known only at its end: both
            # answers are kept (with it, fewer duties are passed over: none without it, if none).
            found, other = _duty(passage)
            if found is not None:
                self.duties.append((passage.path, passage.line, found, other))

    def findings(self) -> list[Finding]:
        """The findings, once every section is in."""
        if self.done is None:
            for title in self.titles:
                self.corpus.add(title)
            self.titles = []
            for item in self.compiled.numbering.items:
                if isinstance(item, NumberedGroup):
                    self.corpus.add(item.heading)
            self.corpus.close()
            findings: list[Finding] = []
            findings += _unused(self.corpus, self.definitions)
            findings += self._undefined()
            findings += _defined_twice(self.definitions)
            findings += [f for _, f in self.lists.values() if isinstance(f, Finding)]
            findings += self.headings
            findings += _duties(self.duties, local_agencies=self.local_agencies)
            self.done = findings
        return list(self.done)

    def _quoted_terms(self, passages: list[_Passage]) -> None:
        """BT321's candidates: each term cited as a term or set in quotation marks, where it is
        first (a term is reported once, at its first place, when the bill does not define it)."""
        for passage in passages:
            if "“" not in passage.text:
                continue  # nothing quoted: no term cited or set in quotation marks
            for sentence in SENTENCE_END.split(passage.text):
                context = f"{passage.section.provision.title} {passage.ancestors}"
                for term in _quoted_terms(sentence, f"{context} {sentence}"):
                    self.quoted.setdefault((_key(term), term), (passage.path, passage.line))

    def _undefined(self) -> list[Finding]:
        """BT321: a term cited as a term, or set in quotation marks, that the bill does not define."""
        definitions = self.definitions
        defined = {_key(d.term) for d in definitions}
        # one pattern a term, however many sections define it (a bill defines the same terms often)
        patterns = list({d.term: _term_pattern(d.term) for d in definitions}.values())
        findings: list[Finding] = []
        for (key, term), (path, line) in self.quoted.items():
            if key in defined or any(p.fullmatch(term) for p in patterns):
                continue
            defined.add(key)  # report each term once
            findings.append(
                _warning(
                    path,
                    line,
                    "BT321",
                    f"“{term}” is used as a defined term but the bill does not define it",
                    "define it (In this Act, the term ... means ...), say where it is defined "
                    "(has the meaning given the term in section ... of ...), or drop the "
                    "quotation marks",
                )
            )
        return findings

    def _order(self, passages: list[_Passage], definitions: list[_Definition]) -> None:
        """BT323: sibling subdivisions that each define a term, not in alphabetical order (the
        first such pair of each list)."""
        first_term: dict[tuple[int, int], str] = {}
        for definition in definitions:
            first_term.setdefault(definition.place.passage, definition.term)
        for passage in passages:
            block = passage.block
            term = first_term.get(passage.index)
            if block.kind is not BlockKind.SUBDIVISION or term is None:
                continue
            if not TERM_DEFINITION.match(passage.text) and not BARE_DEFINITION.match(passage.text):
                continue  # a definition list item opens with its term
            key = (passage.section.provision.id, block.path[:-1])
            state = self.lists.get(key)
            if state is None:
                self.lists[key] = [term, None]
                continue
            before = state[0]
            assert isinstance(before, str)
            state[0] = term
            if (
                state[1] is None
                and _letters(before) > _letters(term)
                and _words(before) > _words(term)
            ):
                state[1] = _warning(
                    passage.path,
                    passage.line,
                    "BT323",
                    f"definitions out of alphabetical order: “{term}” comes after “{before}”",
                    "list definitions alphabetically by term and renumber them",
                )


def _warning(passage_path: str, line: int, code: str, message: str, hint: str) -> Finding:
    return Finding(
        code=code,
        severity=Severity.WARNING,
        path=passage_path,
        line=line,
        message=message,
        hint=hint,
    )


def _section_passages(
    compiled: CompiledBill, section: CompiledSection, number: int
) -> Iterator[_Passage]:
    above: dict[tuple[str, ...], str] = {}
    lead = ""
    for index, block in enumerate(section.body.blocks):
        if block.kind not in (BlockKind.SUBDIVISION, BlockKind.TEXT):
            continue
        text = normalize_quotes(compiled.resolve_text(block.text))
        if block.kind is BlockKind.SUBDIVISION:
            ancestors = " ".join(
                [lead, *(above.get(block.path[:n], "") for n in range(1, len(block.path)))]
            )
            above[block.path] = f"{block.heading or ''}. {text}"
        else:
            ancestors = " ".join(
                [lead, *(above.get(block.path[:n], "") for n in range(1, len(block.path) + 1))]
            )
            if not block.path:
                lead = f"{lead} {text}".strip()
        yield _Passage(section, block, text, ancestors, (number, index))


def _scope(passage: _Passage, text_before: str) -> tuple[str, ...]:
    """The scope a definition has: the nearest "In this X" before it, else its section."""
    section = passage.section
    pid = section.provision.id
    found = [
        m.group(1) or m.group(2) for m in SCOPE.finditer(f"{passage.ancestors}. {text_before}")
    ]
    kind = found[-1].lower() if found else "section"
    if kind == "act":
        return ("act",)
    if kind in ("division", "title", "subtitle", "part", "subpart", "chapter"):
        groups = [g.key for g in section.numbered.groups if g.kind == kind]
        return (kind, groups[-1]) if groups else ("section", pid)
    depth = {"subsection": 1, "paragraph": 2, "subparagraph": 3}.get(kind, 0)
    return ("section", pid, *passage.block.path[:depth])


# After "the term “X”": what makes the mention a definition (within the same sentence).
DEFINING_AFTER = re.compile(
    rf"^(?:\s*,?\s*(?:and|or)?\s*“[^”“]{{1,80}}”)*(?:\s*,[^.;“]{{0,160}},)?\s*{_DEFINING}"
    r"|^[^.;“]{0,160}?\b(?:means|shall (?:mean|refer to)|has the meaning|refers to"
    r"|shall (?:not )?be construed|(?:is|be) defined as)\b"
)
EXTENDS = re.compile(r"^[^.;]{0,200}?\b(?:includes|include|does not include|do not include)\b")
MEANS = re.compile(r"^[^.;]{0,200}?\b(?:means|mean|has the meaning|have the meaning|refers? to)\b")


def _definitions(passage: _Passage) -> Iterator[_Definition]:
    """Each term the paragraph defines, once (the forms overlap)."""
    seen: set[str] = set()
    for definition in _definition_forms(passage):
        if definition.term not in seen:
            seen.add(definition.term)
            yield definition


def _definition_forms(passage: _Passage) -> Iterator[_Definition]:
    text = passage.text
    if "“" not in text:
        return  # every form of definition quotes its term
    for match in TERM_DEFINITION.finditer(text):
        after = text[match.end(1) :]
        extends = bool(EXTENDS.match(after)) and not MEANS.match(after)
        for term in re.findall(_TERM, match.group(1)):
            yield _Definition(
                term.strip(), _place(passage), _scope(passage, text[: match.end()]), extends
            )
    for match in TERM_MENTION.finditer(text):
        if TERM_DEFINITION.match(text, match.start()):
            continue
        after = text[match.end() :]
        if DEFINING_AFTER.match(after):
            extends = bool(EXTENDS.match(after)) and not MEANS.match(after)
            scope = _scope(passage, text[: match.end()])
            yield _Definition(match.group(1).strip(), _place(passage), scope, extends)
    for match in [*BARE_DEFINITION.finditer(text), *SCOPED_IS.finditer(text)]:
        yield _Definition(
            match.group(1).strip(), _place(passage), _scope(passage, text[: match.end()])
        )
    for match in REFERRED_AS.finditer(text):
        unit = REFERRED_SCOPE.search(match.group(0))
        scope = _scope(passage, f"In this {unit.group(1)}:") if unit else _scope(passage, "")
        yield _Definition(match.group(1).strip(), _place(passage), scope, label=unit is None)


def _key(term: str) -> str:
    return re.sub(r"[\s-]+", " ", term.strip().lower())


def used_in(pattern: re.Pattern[str], corpus: str, lowered: str, anchor: str) -> bool:
    """Whether ``pattern`` (a :func:`_term_pattern`) matches anywhere in ``corpus``, whose
    lower-cased text is ``lowered``. A use starts with its first word (:func:`_anchor`), so where
    the lower-cased text finds every place the pattern can match (:func:`_finds_as_lowered`) the
    pattern is tried only at those places: an omnibus is megabytes, and a scan of all of it per
    defined term was most of its check."""
    searched = lowered if _finds_as_lowered(corpus, lowered) else None
    return _used_in_window(pattern, corpus, searched, anchor, start=0, last=True)


#: Letters a case-blind pattern matches to "i" and "s" that lower-casing does not turn into them.
_CASE_TWINS = ("ı", "ſ")


def _finds_as_lowered(text: str, lowered: str) -> bool:
    """Whether a case-blind match of an ASCII word in ``text`` is where ``lowered`` holds it:
    lower-casing kept every offset and the text has no letter :data:`_CASE_TWINS` names."""
    return len(lowered) == len(text) and not any(twin in text for twin in _CASE_TWINS)


def _anchor(word: str) -> str:
    """What every use of a term whose first word is ``word`` starts with, lower-cased: the word
    (its plural adds to it), or its stem where "y" turns into "ies"."""
    return word[:-1].lower() if re.search(r"[^aeiou]y$", word, re.I) else word.lower()


def _term_pattern(term: str) -> re.Pattern[str]:
    """A term as it is used: any case, hyphen or space between words, any word plural; a hyphen
    inside a word is optional ("no-knock" and "noknock": a line-break hyphen lost in print)."""
    words = [w for w in re.split(r"[\s-]+", term.strip()) if w]
    forms = []
    for word in words:
        stem = re.escape(word)
        if re.search(r"[^aeiou]y$", word, re.I):
            forms.append(f"(?:{stem}|{re.escape(word[:-1])}ies)")
        else:
            forms.append(f"{stem}(?:s|es)?")
    return re.compile(r"(?<![\w-])" + r"[\s-]*".join(forms) + r"(?![\w-])", re.I)


def _opens_definition(text: str) -> bool:
    """A definition list item: its heading is the term, not a use of it."""
    text = normalize_quotes(text)
    return bool(TERM_DEFINITION.match(text) or BARE_DEFINITION.match(text))


def _unused(corpus: _Corpus, definitions: list[_Definition]) -> list[Finding]:
    """BT320: a defined term the bill never uses outside the quotation marks that define it."""
    wanted: list[list[str]] = []
    for definition in definitions:
        if definition.label or definition.place.other_law:
            wanted.append([])  # a name given in passing ("referred to as “X”") may serve outside
            continue
        # "taxes and taxation" is used by "taxes" or "taxation": each word of the pair is the term
        forms = [definition.term, *re.split(r"\s+(?:and|or)\s+", definition.term)]
        wanted.append([form.replace("-", "") for form in forms])
    # one search per form, however many sections define it
    used = corpus.uses(list(dict.fromkeys(form for forms in wanted for form in forms)))
    findings: list[Finding] = []
    reported: set[str] = set()
    for definition, forms in zip(definitions, wanted, strict=True):
        key = _key(definition.term)
        if not forms or key in reported:
            continue
        if any(used[form] for form in forms):
            continue
        reported.add(key)
        findings.append(
            _warning(
                definition.place.path,
                definition.place.line,
                "BT320",
                f"the defined term “{definition.term}” is never used in the bill",
                "use the term where the bill means it, or drop the definition",
            )
        )
    return findings


class _Corpus:
    """The text BT320 looks for uses of terms in, built as the sections come: every paragraph's
    text (quoted matter too), then each section's title and headings, then the groups' headings,
    joined by line breaks, with the quotation marks that name a term (defining it or citing it)
    blanked, as they are no uses of it, and hyphens dropped. It is exactly the one string built
    from all of them, kept compressed in chunks that each end with a line break; a search
    (:meth:`uses`) goes through them one at a time, so an omnibus's text is never held whole."""

    def __init__(self, *, chunk: int) -> None:
        self.chunk = chunk
        self.started = False
        self.parts: list[str] = []  # texts not yet blanked
        self.size = 0
        self.pending = ""  # the end of the text blanked last: a “ whose span may yet close
        self.out: list[str] = []  # blanked text, not yet compressed
        self.out_size = 0
        self.chunks: list[bytes] = []

    def add(self, text: str) -> None:
        self.parts.append(f"\n{text}" if self.started else text)
        self.started = True
        self.size += len(text) + 1
        if self.size >= min(self.chunk, 1 << 16):
            self._blank(final=False)

    def close(self) -> None:
        self._blank(final=True)
        self._emit("", final=True)

    def _blank(self, *, final: bool) -> None:
        text = self.pending + "".join(self.parts)
        self.parts, self.size = [], 0
        cut = len(text)
        at = text.rfind("“")
        # A span opened at the last “ closes with a ” within 81 characters: until the text reaches
        # that far (and holds no ” after it), whether it is blanked is not known. A span opened
        # earlier cannot run past this “, so everything before it is settled.
        if not final and at != -1 and len(text) <= at + 81 and "”" not in text[at + 1 :]:
            cut = at
        self.pending = text[cut:]
        self._emit(QUOTED_SPAN.sub(" ", text[:cut]).replace("-", ""), final=False)

    def _emit(self, text: str, *, final: bool) -> None:
        self.out.append(text)
        self.out_size += len(text)
        if self.out_size < self.chunk and not final:
            return
        whole = "".join(self.out)
        cut = len(whole) if final else whole.rfind("\n") + 1
        if cut or (final and not self.chunks):
            self.chunks.append(zlib.compress(whole[:cut].encode("utf-8", "surrogatepass"), 1))
        self.out = [whole[cut:]]
        self.out_size = len(self.out[0])

    def windows(self, words: int) -> Iterator[tuple[str, bool, bool]]:
        """Each chunk, after the end of the text before it in which a use of up to ``words``
        words running into the chunk can start, and the character before that (which the
        look-behind reads): (window, whether it starts where the text does, whether it is last).
        A window starts after white space and ends with a line break, so lower-casing it gives
        what lower-casing the whole text gives there (a final sigma included)."""
        previous, origin = "", True
        for index, blob in enumerate(self.chunks):
            text = zlib.decompress(blob).decode("utf-8", "surrogatepass")
            end = len(previous)
            for _ in range(words):
                while end and previous[end - 1].isspace():
                    end -= 1
                while end and not previous[end - 1].isspace():
                    end -= 1
            if end:
                previous, origin = previous[end - 1 :], False
            window = previous + text
            yield window, origin, index == len(self.chunks) - 1
            previous = window

    def uses(self, forms: list[str]) -> dict[str, bool]:
        """Whether each form (hyphens dropped) is used: :func:`used_in` finds the form's pattern
        (:func:`_term_pattern`) in the text, as on the one string, a window at a time; a form is
        looked for only until it is found."""
        specs = []
        for form in forms:
            words = [w for w in re.split(r"[\s-]+", form.strip()) if w]
            specs.append((form, len(words), _term_pattern(form), _anchor(words[0])))
        found = dict.fromkeys(forms, False)
        if not specs:
            return found
        longest = max(spec[1] for spec in specs)
        for window, origin, last in self.windows(longest):
            lowered = window.lower()
            searched = lowered if _finds_as_lowered(window, lowered) else None
            for form, _, pattern, anchor in specs:
                if not found[form]:
                    found[form] = _used_in_window(
                        pattern, window, searched, anchor, start=0 if origin else 1, last=last
                    )
        return found


def _used_in_window(
    pattern: re.Pattern[str],
    window: str,
    lowered: str | None,
    anchor: str,
    *,
    start: int,
    last: bool,
) -> bool:
    """:func:`used_in` on one window of the text (``lowered``: its lower-cased text, or None where
    that does not find every match). A match counts only where the window holds the characters
    either side of it (the look-around reads them): one that reaches the window's end is tried
    again in the next window, which starts early enough to hold it whole."""
    if lowered is None or len(anchor) < 2 or not anchor.isascii():
        match = pattern.search(window, start)
        while match is not None:
            if last or match.end() < len(window):
                return True
            match = pattern.search(window, match.start() + 1)
        return False
    at = lowered.find(anchor, start)
    while at != -1:
        match = pattern.match(window, at)
        if match is not None and (last or match.end() < len(window)):
            return True
        at = lowered.find(anchor, at + 1)
    return False


FINDINGS = re.compile(r"\b(?:finds|findings|sense of (?:Congress|the Senate|the House))\b", re.I)


def _quoted_terms(sentence: str, context: str) -> Iterator[str]:
    if "“" not in sentence:
        return  # every form below opens with a quotation mark
    for match in TERM_MENTION.finditer(sentence):
        after = sentence[match.end() :]
        if TERM_DEFINITION.match(sentence, match.start()) or DEFINING_AFTER.match(after):
            continue
        if CITED_DEFINITION.search(after) or re.match(r"\s*(?:,\s*)?(?:or\s+|and\s+)?“", after):
            continue
        yield match.group(1).strip()
    if NOT_A_TERM_CONTEXT.search(sentence) or CITED_DEFINITION.search(sentence):
        return
    if FINDINGS.search(context):
        return  # findings quote what others said; their words are not the bill's terms
    for match in QUOTED_SPAN.finditer(sentence):
        term = match.group(1).strip()
        words = term.split()
        if not 1 <= len(words) <= 5 or not term[0].isalpha() or not term[0].islower():
            continue  # names, titles and headings are capitalised; terms of art are not
        if words[0] in ("the", "a", "an") or term in SMALL_WORDS:
            continue  # a name ("the Trust Fund") or a word being quoted
        if re.search(r"[.;:,]$", term):
            continue  # a quoted phrase or fragment, not a term
        yield term


def _defined_twice(definitions: list[_Definition]) -> list[Finding]:
    """BT322: the same term defined twice in one scope."""
    first: dict[tuple[tuple[str, ...], str], _Definition] = {}
    findings: list[Finding] = []
    for definition in definitions:
        if definition.extends:
            continue
        key = (definition.scope, _key(definition.term))
        earlier = first.setdefault(key, definition)
        if earlier is definition or earlier.place.passage == definition.place.passage:
            continue
        where = earlier.place
        findings.append(
            _warning(
                definition.place.path,
                definition.place.line,
                "BT322",
                f"“{definition.term}” is defined twice (first in section {where.section}, "
                f"{where.path}:{where.line})",
                "keep one definition; a term defined for a narrower scope says so "
                "(In this section, the term ...)",
            )
        )
    return findings


def _letters(term: str) -> str:
    return re.sub(r"[^a-z0-9]", "", term.lower())


def _words(term: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[^a-z0-9]+", term.lower()) if w)


def house_style_heading(heading: str) -> str | None:
    """The first word of a subsection heading that breaks House style, or None when it is right.

    >>> house_style_heading("In General"), house_style_heading("IN GENERAL")
    (None, None)
    >>> house_style_heading("In general")
    'general'
    >>> house_style_heading("Authority of the Attorney General")
    """
    if heading == heading.upper():
        return None  # all capitals: the way GPO prints a heading
    quoted = False
    for index, raw in enumerate(heading.split()):
        opens, closes = raw.startswith(("“", '"', "‘")), raw.endswith(("”", '"', "’"))
        if quoted or opens:
            quoted = not closes
            continue  # a quoted term keeps its own case
        if raw.startswith("("):
            continue
        word = raw.strip('“”"‘’,;:()')
        first = re.split(r"[-—–/]", word)[0]
        if not first or not first[0].isalpha():
            continue
        if first[0].isupper() or (index > 0 and first.lower() in SMALL_WORDS):
            continue
        if "." in word:
            continue  # an abbreviation: e.g., etc.
        return word
    return None


def _headings(section: CompiledSection) -> list[Finding]:
    """BT324: subsection headings of a House bill in House style ("(a) In General.—")."""
    findings: list[Finding] = []
    for block in section.body.blocks:
        if block.kind is not BlockKind.SUBDIVISION or block.level is not Level.SUBSECTION:
            continue
        if not block.heading:
            continue
        word = house_style_heading(block.heading)
        if word is None:
            continue
        findings.append(
            _warning(
                section.provision.path,
                section.provision.body_line + block.line - 1,
                "BT324",
                f"subsection heading '{block.heading}' is not in House style ('{word}' "
                "should be capitalised)",
                f"write '({block.enumerator}) {title_case(block.heading)}.—': the House "
                "capitalises each principal word of a subsection heading",
            )
        )
    return findings


def title_case(heading: str) -> str:
    """A heading in House style: principal words capitalised, small words lower case unless first.

    >>> title_case("use of force by an agency")
    'Use of Force by an Agency'
    """
    words = heading.split()
    out = []
    for index, word in enumerate(words):
        if index > 0 and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        elif word[:1].isalpha() and word[:1].islower():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)


def _duties(
    found: list[tuple[str, int, tuple[str, str], tuple[str, str] | None]], *, local_agencies: bool
) -> list[Finding]:
    """BT325: "shall" laid on a State, a unit of local government or a State or local agency
    outside a grant condition (one finding per paragraph). ``found`` holds each paragraph where
    :func:`_duty` finds one, with what it finds when the bill defines "law enforcement agency"
    (or "agency") as the State and local ones, and when it does not: ``local_agencies`` says."""
    findings: list[Finding] = []
    for path, line, with_local, without in found:
        duty = with_local if local_agencies else without
        if duty is None:
            continue
        subject, sentence = duty
        quoted = sentence if len(sentence) <= 240 else sentence[:237] + "..."
        findings.append(
            _warning(
                path,
                line,
                "BT325",
                f"'shall' imposed on {subject} outside a grant condition: “{quoted}”",
                "Congress may not order a State or its agencies: make the duty a condition of "
                "the grant (as a condition of receiving a covered grant, ... shall ...)",
            )
        )
    return findings


#: Words one of which every subject :data:`DUTY_SUBJECT` matches holds (each of ``_ENTITY``'s
#: forms has one): text before "shall" without any of them names no State or local body.
_ENTITY_WORDS = ("State", "government", "subdivision", "agenc")

Duty = tuple[str, str]


def _duty(passage: _Passage) -> tuple[Duty | None, Duty | None]:
    """The first (subject, sentence) of the paragraph that orders a State or local body: as read
    in a bill that defines State and local agencies, and as read in one that does not.

    "The agency" alone is read as a State or local agency only in a bill that speaks of State or
    local law enforcement agencies, and not in a section that speaks of Federal agencies. Where
    the answers differ, the first is a bare "agency" the second passes over."""
    if "shall" not in passage.text:
        return None, None
    first: Duty | None = None
    granted: bool | None = None  # whether a subdivision above makes it a grant condition
    for sentence in SENTENCE_END.split(passage.text):
        if "shall" not in sentence:
            continue
        condition: bool | None = None  # whether the sentence makes it one
        for shall in SHALL.finditer(sentence):
            head = sentence[: shall.start()]
            if not any(word in head for word in _ENTITY_WORDS):
                continue  # no State, government, subdivision or agency before it
            if NOT_A_DUTY.match(sentence[shall.end() :]):
                continue
            subject = DUTY_SUBJECT.search(head)
            if subject is None:
                continue
            # the conditions last: they pass a whole sentence or paragraph over, and are costly
            if granted is None:
                granted = GRANT_CONDITION.search(passage.ancestors) is not None
            if granted:
                return None, None
            if condition is None:
                condition = GRANT_CONDITION.search(sentence) is not None
            if condition:
                break
            before = head.strip().rstrip(",")
            if FEDERAL_TITLE.search(passage.section.provision.title) and not re.search(
                r"\bStates?\b|\blocal\b", before
            ):
                continue  # the agencies of a section about Federal officers
            whole = len(before) <= 90 and re.match(rf"(?:{_DETERMINER}|No\s)", before, re.I)
            duty = (before if whole else subject["subject"].strip()), sentence
            if BARE_AGENCY.match(subject["subject"]):
                body = _section_text(passage)
                if FEDERAL_AGENCY.search(body) and not LOCAL_AGENCY.search(body):
                    continue  # "the agency" of a bill about Federal agencies
                if not LOCAL_AGENCY.search(body):
                    first = first or duty  # an agency only where the bill defines local ones
                    continue
            return first or duty, duty
    return first, None


def _section_text(passage: _Passage) -> str:
    return normalize_quotes(passage.section.provision.body)
