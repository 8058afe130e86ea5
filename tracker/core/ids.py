"""Identifiers as value objects: provision ids, draft names, Order references, bill designations.

Each has ``parse()`` and ``__str__`` that round-trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.errors import InvalidNameError

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_ORDER_ID = re.compile(r"(?P<section>[0-9]+[A-Za-z]?)(?P<path>(?:\([A-Za-z0-9]+\))*)\Z")
_PARENS = re.compile(r"\(([A-Za-z0-9]+)\)")


def is_legal_name(name: str) -> bool:
    """Provision ids and draft names: lower-case letters, digits and hyphens, never a path.

    >>> is_legal_name("accountability-database"), is_legal_name("../x"), is_legal_name("Sec-1")
    (True, False, False)
    """
    return bool(_NAME.match(name)) and len(name) <= 100


def require_legal_name(name: str, *, what: str) -> str:
    if not is_legal_name(name):
        raise InvalidNameError(
            f"illegal {what} {name!r}",
            hint=f"a {what} uses only lower-case letters, digits and hyphens, like 'grant-conditions'",
        )
    return name


@dataclass(frozen=True, slots=True)
class OrderId:
    """A reference to the source document in its own citation form.

    >>> OrderId.parse("2(c)(ii)")
    OrderId(section='2', path=('c', 'ii'))
    >>> str(OrderId.parse("2(c)(ii)").parent)
    '2(c)'
    """

    section: str
    path: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> OrderId:
        match = _ORDER_ID.match(text.strip())
        if not match:
            raise InvalidNameError(
                f"{text!r} is not an Order reference",
                hint="write Order references in the Order's own form, like '2' or '2(c)(ii)'",
            )
        return cls(match["section"], tuple(_PARENS.findall(match["path"])))

    @classmethod
    def is_valid(cls, text: str) -> bool:
        return bool(_ORDER_ID.match(text.strip()))

    @property
    def parent(self) -> OrderId | None:
        return OrderId(self.section, self.path[:-1]) if self.path else None

    def __str__(self) -> str:
        return self.section + "".join(f"({part})" for part in self.path)


@dataclass(frozen=True, slots=True)
class SubdivisionPath:
    """A path of enumerators inside a section, like ``(b)(2)(A)``.

    >>> SubdivisionPath.parse("(b)(2)(A)")
    SubdivisionPath(parts=('b', '2', 'A'))
    >>> str(SubdivisionPath.parse("(b)(2)"))
    '(b)(2)'
    """

    parts: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> SubdivisionPath:
        if _PARENS.sub("", text) != "":
            raise InvalidNameError(f"{text!r} is not a subdivision path like '(b)(2)'")
        return cls(tuple(_PARENS.findall(text)))

    def __str__(self) -> str:
        return "".join(f"({part})" for part in self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)


@dataclass(frozen=True, slots=True)
class Designation:
    """Where a reference points in the compiled bill: ``section 4(b)(2)``.

    >>> str(Designation("104", SubdivisionPath(("b", "2"))))
    'section 104(b)(2)'
    """

    section: str
    subdivision: SubdivisionPath = SubdivisionPath()

    @property
    def number(self) -> str:
        """The designation without the word "section": ``104(b)(2)``."""
        return f"{self.section}{self.subdivision}"

    def __str__(self) -> str:
        return f"section {self.number}"
