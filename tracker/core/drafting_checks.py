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
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

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

    @property
    def line(self) -> int:
        return self.section.provision.body_line + self.block.line - 1

    @property
    def path(self) -> str:
        return self.section.provision.path


@dataclass(frozen=True, slots=True)
class _Definition:
    term: str
    passage: _Passage
    scope: tuple[str, ...]
    extends: bool = False  # "includes" / "does not include": adds to a definition, not a second one
    label: bool = False  # "(referred to as “X”)" with no scope: a name given in passing


def drafting_findings(compiled: CompiledBill) -> list[Finding]:
    """BT320-BT325 over the compiled bill (see the module docstring)."""
    passages = list(_passages(compiled))
    definitions = [d for p in passages for d in _definitions(p)]
    findings: list[Finding] = []
    findings += _unused(compiled, passages, definitions)
    findings += _undefined(passages, definitions)
    findings += _defined_twice(definitions)
    findings += _out_of_order(passages, definitions)
    bill = compiled.package.bill
    if bill is not None and bill.chamber == "house":
        findings += _headings(compiled)
    findings += _duties(passages)
    return findings


def _warning(passage_path: str, line: int, code: str, message: str, hint: str) -> Finding:
    return Finding(
        code=code,
        severity=Severity.WARNING,
        path=passage_path,
        line=line,
        message=message,
        hint=hint,
    )


def _passages(compiled: CompiledBill) -> Iterator[_Passage]:
    for section in compiled.sections:
        above: dict[tuple[str, ...], str] = {}
        lead = ""
        for block in section.body.blocks:
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
            yield _Passage(section, block, text, ancestors)


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
            yield _Definition(term.strip(), passage, _scope(passage, text[: match.end()]), extends)
    for match in TERM_MENTION.finditer(text):
        if TERM_DEFINITION.match(text, match.start()):
            continue
        after = text[match.end() :]
        if DEFINING_AFTER.match(after):
            extends = bool(EXTENDS.match(after)) and not MEANS.match(after)
            scope = _scope(passage, text[: match.end()])
            yield _Definition(match.group(1).strip(), passage, scope, extends)
    for match in [*BARE_DEFINITION.finditer(text), *SCOPED_IS.finditer(text)]:
        yield _Definition(match.group(1).strip(), passage, _scope(passage, text[: match.end()]))
    for match in REFERRED_AS.finditer(text):
        unit = REFERRED_SCOPE.search(match.group(0))
        scope = _scope(passage, f"In this {unit.group(1)}:") if unit else _scope(passage, "")
        yield _Definition(match.group(1).strip(), passage, scope, label=unit is None)


def _key(term: str) -> str:
    return re.sub(r"[\s-]+", " ", term.strip().lower())


def used_in(pattern: re.Pattern[str], corpus: str, lowered: str, first_stem: str) -> bool:
    """Whether ``pattern`` (a :func:`_term_pattern`) matches anywhere in ``corpus``, whose
    lower-cased text is ``lowered``. A use starts where the first word's stem does, so when
    lower-casing kept every offset the pattern is tried only at those places: an omnibus is
    megabytes, and a scan of all of it per defined term was most of its check."""
    if len(first_stem) < 2 or len(lowered) != len(corpus):
        return bool(pattern.search(corpus))
    at = lowered.find(first_stem)
    while at != -1:
        if pattern.match(corpus, at):
            return True
        at = lowered.find(first_stem, at + 1)
    return False


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


def _unused(
    compiled: CompiledBill, passages: list[_Passage], definitions: list[_Definition]
) -> list[Finding]:
    """BT320: a defined term the bill never uses outside the quotation marks that define it."""
    texts = [
        normalize_quotes(
            compiled.resolve_text(block.raw if block.kind is BlockKind.QUOTED else block.text)
        )
        for section in compiled.sections
        for block in section.body.blocks
        if block.kind in (BlockKind.SUBDIVISION, BlockKind.TEXT, BlockKind.QUOTED)
    ]
    texts += [
        f"{s.provision.title} "
        + " ".join(b.heading or "" for b in s.body.blocks if not _opens_definition(b.text))
        for s in compiled.sections
    ]
    texts += [i.heading for i in compiled.numbering.items if isinstance(i, NumberedGroup)]
    # The quotation marks that name a term (defining it or citing it) are not uses of it.
    corpus = QUOTED_SPAN.sub(" ", "\n".join(texts)).replace("-", "")
    findings: list[Finding] = []
    reported: set[str] = set()
    lowered = corpus.lower()
    searched: dict[str, bool] = {}  # one search per form, however many sections define it

    def used_form(form: str) -> bool:
        if form not in searched:
            # Every use holds each word less its last letter ("policy" -> "polic"), in any case:
            # a cheap scan rules out most unused terms before the regular expression runs.
            words = [w for w in re.split(r"[\s-]+", form.strip()) if w]
            present = all(w[:-1].lower() in lowered for w in words)
            searched[form] = present and used_in(
                _term_pattern(form), corpus, lowered, words[0][:-1].lower()
            )
        return searched[form]

    for definition in definitions:
        key = _key(definition.term)
        if definition.label or FOR_OTHER_LAW.search(definition.passage.text):
            continue  # a name given in passing ("referred to as “X”") may serve outside the bill
        if key in reported:
            continue
        # "taxes and taxation" is used by "taxes" or "taxation": each word of the pair is the term
        forms = [definition.term, *re.split(r"\s+(?:and|or)\s+", definition.term)]
        if any(used_form(form.replace("-", "")) for form in forms):
            continue
        reported.add(key)
        findings.append(
            _warning(
                definition.passage.path,
                definition.passage.line,
                "BT320",
                f"the defined term “{definition.term}” is never used in the bill",
                "use the term where the bill means it, or drop the definition",
            )
        )
    return findings


def _undefined(passages: list[_Passage], definitions: list[_Definition]) -> list[Finding]:
    """BT321: a term cited as a term, or set in quotation marks, that the bill does not define."""
    defined = {_key(d.term) for d in definitions}
    # one pattern a term, however many sections define it (a bill defines the same terms often)
    patterns = list({d.term: _term_pattern(d.term) for d in definitions}.values())
    findings: list[Finding] = []
    for passage in passages:
        if "“" not in passage.text:
            continue  # nothing quoted: no term cited or set in quotation marks
        for sentence in SENTENCE_END.split(passage.text):
            context = f"{passage.section.provision.title} {passage.ancestors}"
            for term in _quoted_terms(sentence, f"{context} {sentence}"):
                key = _key(term)
                if key in defined or any(p.fullmatch(term) for p in patterns):
                    continue
                defined.add(key)  # report each term once
                findings.append(
                    _warning(
                        passage.path,
                        passage.line,
                        "BT321",
                        f"“{term}” is used as a defined term but the bill does not define it",
                        "define it (In this Act, the term ... means ...), say where it is defined "
                        "(has the meaning given the term in section ... of ...), or drop the "
                        "quotation marks",
                    )
                )
    return findings


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
        if earlier is definition or earlier.passage == definition.passage:
            continue
        where = earlier.passage
        findings.append(
            _warning(
                definition.passage.path,
                definition.passage.line,
                "BT322",
                f"“{definition.term}” is defined twice (first in section "
                f"{where.section.designation or where.section.provision.id}, "
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


def _out_of_order(passages: list[_Passage], definitions: list[_Definition]) -> list[Finding]:
    """BT323: sibling subdivisions that each define a term, not in alphabetical order."""
    first_term: dict[int, str] = {}
    for definition in definitions:
        first_term.setdefault(id(definition.passage), definition.term)
    lists: dict[tuple[str, tuple[str, ...]], list[tuple[_Passage, str]]] = {}
    for passage in passages:
        block = passage.block
        term = first_term.get(id(passage))
        if block.kind is not BlockKind.SUBDIVISION or term is None:
            continue
        if not TERM_DEFINITION.match(passage.text) and not BARE_DEFINITION.match(passage.text):
            continue  # a definition list item opens with its term
        lists.setdefault((passage.section.provision.id, block.path[:-1]), []).append(
            (passage, term)
        )
    findings: list[Finding] = []
    for items in lists.values():
        for (_, before), (passage, after) in pairwise(items):
            if _letters(before) > _letters(after) and _words(before) > _words(after):
                findings.append(
                    _warning(
                        passage.path,
                        passage.line,
                        "BT323",
                        f"definitions out of alphabetical order: “{after}” comes after “{before}”",
                        "list definitions alphabetically by term and renumber them",
                    )
                )
                break
    return findings


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


def _headings(compiled: CompiledBill) -> list[Finding]:
    """BT324: subsection headings of a House bill in House style ("(a) In General.—")."""
    findings: list[Finding] = []
    for section in compiled.sections:
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


def _duties(passages: list[_Passage]) -> list[Finding]:
    """BT325: "shall" laid on a State, a unit of local government or a State or local agency
    outside a grant condition (one finding per paragraph)."""
    findings: list[Finding] = []
    # The bill defines "law enforcement agency" (or "agency") as the State and local ones.
    local_agencies = any(
        TERM_DEFINITION.search(p.text) and re.search(r"“(?:law enforcement )?agency”", p.text)
        for p in passages
    )
    for passage in passages:
        found = _duty(passage, local_agencies=local_agencies)
        if found is None:
            continue
        subject, sentence = found
        quoted = sentence if len(sentence) <= 240 else sentence[:237] + "..."
        findings.append(
            _warning(
                passage.path,
                passage.line,
                "BT325",
                f"'shall' imposed on {subject} outside a grant condition: “{quoted}”",
                "Congress may not order a State or its agencies: make the duty a condition of "
                "the grant (as a condition of receiving a covered grant, ... shall ...)",
            )
        )
    return findings


def _duty(passage: _Passage, *, local_agencies: bool) -> tuple[str, str] | None:
    """The first (subject, sentence) of the paragraph that orders a State or local body.

    "The agency" alone is read as a State or local agency only in a bill that speaks of State or
    local law enforcement agencies, and not in a section that speaks of Federal agencies."""
    if "shall" not in passage.text or GRANT_CONDITION.search(passage.ancestors):
        return None
    for sentence in SENTENCE_END.split(passage.text):
        if GRANT_CONDITION.search(sentence):
            continue
        for shall in SHALL.finditer(sentence):
            if NOT_A_DUTY.match(sentence[shall.end() :]):
                continue
            subject = DUTY_SUBJECT.search(sentence[: shall.start()])
            if subject is None:
                continue
            before = sentence[: shall.start()].strip().rstrip(",")
            if FEDERAL_TITLE.search(passage.section.provision.title) and not re.search(
                r"\bStates?\b|\blocal\b", before
            ):
                continue  # the agencies of a section about Federal officers
            if BARE_AGENCY.match(subject["subject"]):
                body = _section_text(passage)
                federal = FEDERAL_AGENCY.search(body) and not LOCAL_AGENCY.search(body)
                if not (local_agencies or LOCAL_AGENCY.search(body)) or federal:
                    continue  # "the agency" of a bill about Federal agencies
            whole = len(before) <= 90 and re.match(rf"(?:{_DETERMINER}|No\s)", before, re.I)
            return (before if whole else subject["subject"].strip()), sentence
    return None


def _section_text(passage: _Passage) -> str:
    return normalize_quotes(passage.section.provision.body)
