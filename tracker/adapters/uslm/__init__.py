"""Read GPO's United States Legislative Markup (USLM 2.0 and 2.1) into an :class:`ImportedBill`.

Roots ``bill``, ``resolution`` and ``engrossedAmendment`` (namespace ``http://schemas.gpo.gov/xml/uslm``)
are read; anything else is refused with :class:`ImportFormatError`. The whole document is parsed with
lxml: the largest published acts (4 MB, 400,000 words) parse in a fraction of a second and in well
under 100 MB, and a full tree gives every element its source line for the import report (see
``benchmarks/import.py``). A larger bill is read as a stream instead (:mod:`.stream`: one part of
the body alive at a time, the same records; ``benchmarks/import_stream.py``). The parser resolves no
entities, loads no DTD and touches no network.

How the markup maps:

- ``meta``/``preface`` (``amendMeta``/``amendPreface``): congress, session, chamber, sponsor, the
  version code and so the stage, the bill's type and number (:mod:`.meta`).
- ``longTitle``: the official title; ``enactingFormula`` or the first ``resolvingClause``: the
  enacting clause; ``preamble``: the recitals. In an engrossed amendment, the resolution that agrees
  to the amendment and the amendment instruction make up the enacting clause, and the
  ``amendmentContent`` is the body (:mod:`.front`).
- ``division``, ``title``, ``subtitle``, ``part``, ``subpart``: groups. ``chapter``, ``subchapter``
  and ``level`` (which have no place in a bill's manifest) are kept as unnumbered headings
  (:mod:`.body`).
- ``section``: a section, designated by ``num/@value`` or, failing that, by its printed ``num``;
  ``@identifier`` is not needed (many levels lack it).
- ``subsection`` ... ``subitem``: numbered subdivisions; ``chapeau``, ``content``, ``continuation``
  and ``p``: text; ``quotedContent`` and ``quotedText``: quoted matter, kept as printed;
  ``appropriations`` and ``proviso``: unnumbered appropriations paragraphs, headings and provisos
  (:mod:`.body`, :mod:`.flow`).
- ``toc``: recorded as a table-of-contents marker (it is regenerated, never copied).
- ``collection``/``component``: the components are read in order; a component, or any element,
  marked ``changed="deleted"`` is matter struck by an amendment and is left out (and reported).

Beside the records, the reader keeps what the import report measures them against: the printed
text of the source (:mod:`.printed`) and the source's own counts and table-of-contents labels
(:mod:`.counts`). :mod:`.markup` holds the vocabulary and the safe parser the others share;
:mod:`.stream` reads a bill of any size with them, a part at a time.

This package imports lxml: import it only where a USLM file is read (``billtrack --help`` must not
pay for it).
"""

from __future__ import annotations

from tracker.adapters.uslm.body import EXPORT_ID_PREFIX, ProgressCallback
from tracker.adapters.uslm.counts import source_counts, toc_entries
from tracker.adapters.uslm.markup import ROOTS, USLM_NAMESPACE, parse_xml
from tracker.adapters.uslm.printed import printed_text
from tracker.adapters.uslm.reader import read_uslm

__all__ = [
    "EXPORT_ID_PREFIX",
    "ROOTS",
    "USLM_NAMESPACE",
    "ProgressCallback",
    "parse_xml",
    "printed_text",
    "read_uslm",
    "source_counts",
    "toc_entries",
]
