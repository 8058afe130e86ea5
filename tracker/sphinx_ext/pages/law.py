"""The "Changes in existing law" page (a committee report's Ramseyer section), and the pieces the
provision pages and the bill text show of it.

The page: a lead explaining the convention and the legend; a part per law section the bill changes
(its citation and heading, the Act section it is, its currency, then its text as it would read,
struck text in brackets and struck through, new matter in italic, each change linked to the bill
section that makes it); then the instructions that were not applied, with why. It exists when the
package keeps ``law/`` or the bill has amendatory instructions (:attr:`SiteState.has_law_page`).
"""

from __future__ import annotations

import re

from docutils import nodes

from tracker.render import docutils_law as law_nodes
from tracker.render.comparative_model import InstructionRow, LawPrint
from tracker.render.docutils_bill import anchor as bill_anchor
from tracker.render.docutils_nodes import bullets, para
from tracker.sphinx_ext.generate import LAW, provision_docname
from tracker.sphinx_ext.nodes_util import here_link, page_link, section
from tracker.sphinx_ext.pages.common import SiteDirective, join

#: What each outcome is called on the site.
STATUS_WORDS = {
    "applied": "applied",
    "failed": "failed",
    "unparsed": "not understood",
    "no-law": "law not in law/",
}
_ENUMERATOR = re.compile(r"\(([^()]+)\)")


def clause_path(row: InstructionRow) -> tuple[str, ...]:
    """The enumerators of the instruction's clause in its provision: ``x/(a)(1)#2`` → ``(a, 1)``."""
    rest = row.id[len(row.provision) :].split("#")[0]
    return tuple(_ENUMERATOR.findall(rest))


def row_link(row: InstructionRow, *, classes: tuple[str, ...] = ()) -> nodes.Node:
    """``sec. 201(a)``, linking to the clause on the provision's page."""
    target = bill_anchor(row.provision, clause_path(row)) if clause_path(row) else ""
    return page_link(
        provision_docname(row.provision), target, row.section, classes=["bt-law-source", *classes]
    )


def law_link(law: LawPrint, label: str | None = None) -> nodes.Node:
    """A link to the law section's part of the page."""
    return page_link(LAW, law.anchor, label or law_nodes.law_title(law))


def status_text(row: InstructionRow) -> str:
    return STATUS_WORDS.get(str(row.status), str(row.status))


class LawDirective(SiteDirective):
    keys = ("package", "law")

    def render(self) -> list[nodes.Node]:
        model = self.site.comparative
        out: list[nodes.Node] = [*law_nodes.legend_nodes()]
        s = model.summary
        out.append(
            para(
                f"{s.total} amendatory instruction(s): {s.applied} applied, {s.failed} failed, "
                f"{s.unparsed} not understood, {s.no_law} without their law in law/.",
                classes=["bt-law-summary"],
            )
        )
        if model.laws:
            out.append(
                bullets(
                    [here_link(law.anchor, law_nodes.law_title(law)) for law in model.laws],
                    classes=["bt-law-contents"],
                )
            )
        else:
            out.append(para("No section of law in law/ is changed by the bill."))
        for law in model.laws:
            out.append(self.part(law))
        not_applied = [row for row in model.rows if str(row.status) != "applied"]
        if not_applied:
            out.append(self.not_applied(not_applied))
        return out

    def part(self, law: LawPrint) -> nodes.section:
        node = section(law_nodes.law_title(law), law.anchor, classes=["bt-law-part"])
        node += law_nodes.law_facts(law)
        node += para(
            "Amended by ",
            join([row_link(row) for row in law.rows]),
            ".",
            classes=["bt-law-amended-by"],
        )
        node += law_nodes.law_text(law, row_link)
        return node

    def not_applied(self, rows: list[InstructionRow]) -> nodes.section:
        node = section("Instructions not applied", "not-applied", classes=["bt-law-not-applied"])
        node += para(
            "These instructions change nothing above; each says why. A suggestion is the probable "
            "intent, offered and never applied."
        )
        items: list[list[nodes.Node]] = []
        for row in rows:
            item: list[nodes.Node] = [
                row_link(row),
                nodes.Text(f" ({row.citation or row.target or 'no target'}): "),
                nodes.inline("", status_text(row), classes=["bt-law-status", f"bt-{row.status}"]),
                nodes.Text(f" — {' '.join(row.message.split())}" if row.message else ""),
            ]
            if row.suggestion:
                item.append(nodes.Text(f" Suggestion, not applied: {row.suggestion}"))
            item.append(nodes.Text(f" ({row.path}:{row.line})"))
            items.append(item)
        node += bullets(items)
        return node


def provision_law_section(directive: SiteDirective, provision_id: str) -> nodes.section | None:
    """On a provision's page: the law sections its instructions amend (links to their parts) and
    each instruction's outcome; None for a provision without instructions."""
    site = directive.site
    rows = site.instruction_rows(provision_id)
    if not rows:
        return None
    directive.depend("law")
    node = section("Changes in existing law", "changes-in-existing-law", classes=["bt-law-amends"])
    laws = site.laws_amended_by(provision_id)
    if laws:
        items = [
            [
                law_link(law),
                nodes.Text(" — by "),
                *join([row_link(r) for r in law.rows if r.provision == provision_id]),
            ]
            for law in laws
        ]
        node += para("This section amends:")
        node += bullets(items, classes=["bt-law-amended-list"])
    else:
        node += para("No section of law in law/ is changed by this section.")
    outcomes = [
        [
            row_link(row),
            nodes.Text(f" ({row.citation or row.target or 'no target'}): "),
            nodes.inline("", status_text(row), classes=["bt-law-status", f"bt-{row.status}"]),
            nodes.Text(f" — {' '.join(row.message.split())}" if row.message else ""),
        ]
        for row in rows
    ]
    node += para("Its instructions:")
    node += bullets(outcomes, classes=["bt-law-outcomes"])
    node += para(page_link(LAW, "", "All changes in existing law"), ".")
    return node


def bill_law_link(directive: SiteDirective, provision_id: str) -> nodes.Node | None:
    """In the bill text, beside an amending section: a link to its part of the comparative print."""
    site = directive.site
    if not site.has_law_page or not site.instruction_rows(provision_id):
        return None
    laws = site.laws_amended_by(provision_id)
    target = laws[0].anchor if laws else ""
    return page_link(LAW, target, "changes in existing law", classes=["bt-aside", "bt-law-flag"])
