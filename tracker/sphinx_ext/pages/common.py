"""What several pages share: the directive base, the names of the generated pages, and the links,
badges and lines that recur from page to page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from tracker.core.compile import CompiledBill, CompiledSection
from tracker.core.model import HistoryEntry, Provision
from tracker.core.numbering import NumberedGroup
from tracker.render import docutils_bill as bill_nodes
from tracker.render.docutils_nodes import para
from tracker.sphinx_ext import deps
from tracker.sphinx_ext.generate import GENERATED, provision_docname
from tracker.sphinx_ext.nodes_util import here_link, order_anchor, page_link, section
from tracker.sphinx_ext.registry import site_state
from tracker.sphinx_ext.safety import neutralise
from tracker.sphinx_ext.state import SiteState

BILL_DOC = f"{GENERATED}/bill"
ORDER_DOC = f"{GENERATED}/order"
STATUS_DOC = f"{GENERATED}/status"
ANALYSIS_DOC = f"{GENERATED}/analysis"
DRAFTS_DOC = f"{GENERATED}/drafts/index"
COVERAGE_SVG = f"{GENERATED}/coverage.svg"

NO_MANIFEST = "The bill's manifest could not be read; see the build's warnings."
UNASSIGNED = "unassigned"  # the owner shown for a provision without one

_MARKUP = re.compile(r"[*_`\[\]<>&\\{}!~$|]")


class SiteDirective(SphinxDirective):
    """Base of the page directives: access to the model, dependency records, safe inline text."""

    has_content = False
    required_arguments = 0
    optional_arguments = 2
    final_argument_whitespace = False
    keys: ClassVar[tuple[str, ...]] = ()

    @property
    def site(self) -> SiteState:
        return site_state(self.env)

    def depend(self, *keys: str) -> None:
        deps.record(self.env, self.env.docname, *keys)

    def inline(self, text: str, line: int) -> list[nodes.Node]:
        """Provision prose as MyST inline Markdown, made inert by
        :mod:`tracker.sphinx_ext.safety`."""
        if not _MARKUP.search(text):
            return [nodes.Text(text)]
        parsed, _messages = self.state.inline_text(text, self.lineno)
        safe, _count = neutralise(list(parsed))
        return safe

    def body_context(
        self, compiled: CompiledBill, *, in_page: bool, source_line: int = 1
    ) -> bill_nodes.BodyContext:
        """How a body's references become links: to the provision pages, or within this page."""

        def link(provision_id: str, path: tuple[str, ...], label: str) -> nodes.Node:
            self.depend(f"num:{provision_id}")
            if in_page:
                return here_link(bill_nodes.anchor(provision_id, path), label, classes=["bt-xref"])
            return xref_link(provision_id, path, label)

        return bill_nodes.BodyContext(
            compiled=compiled, inline=self.inline, link=link, source_line=source_line
        )

    def run(self) -> list[nodes.Node]:
        self.depend(*self.keys)
        return self.render()

    def render(self) -> list[nodes.Node]:  # pragma: no cover - abstract
        raise NotImplementedError


# Links ------------------------------------------------------------------------------------------


def xref_link(provision_id: str, path: tuple[str, ...], label: str) -> nodes.Node:
    """A resolved cross-reference: the section, or its subdivision, on the provision's page."""
    anchor = bill_nodes.anchor(provision_id, path) if path else ""
    return page_link(provision_docname(provision_id), anchor, label, classes=["bt-xref"])


def provision_link(site: SiteState, provision_id: str, *, long: bool = False) -> nodes.Node:
    """``Sec. 4`` (or ``Sec. 4. Title.`` when ``long``) linking to the provision's page."""
    section_ = site.compiled.by_id.get(provision_id)
    provision = site.package.provisions.get(provision_id)
    if section_ is None:
        label = provision.title if provision else provision_id
    elif long:
        label = section_.toc_line()
    else:
        label = f"Sec. {section_.designation}"
    if provision is None:
        return nodes.inline(label, label)
    return page_link(provision_docname(provision_id), "", label)


def order_link(site: SiteState, order_id: str) -> nodes.Node:
    """``sec. 2(c) (Heading)`` linking to the entry on the Order's page."""
    order = site.package.order
    entry = order.entry(order_id) if order else None
    label = f"sec. {order_id}" + (
        f" ({entry.heading.rstrip('.')})" if entry and entry.heading else ""
    )
    if entry is None:
        return nodes.inline(label, label, classes=["bt-unknown"])
    return page_link(ORDER_DOC, order_anchor(order_id), label)


def order_links(site: SiteState, provision: Provision) -> list[nodes.Node]:
    """The Order sections a provision carries out, comma-separated; empty when it names none."""
    return join([order_link(site, order_id) for order_id in provision.implements])


# Short pieces -----------------------------------------------------------------------------------


def status_badge(status: str) -> nodes.Node:
    return nodes.inline(status, status, classes=["bt-status", f"bt-status-{status}"])


def join(items: Sequence[nodes.Node | Sequence[nodes.Node]], sep: str = ", ") -> list[nodes.Node]:
    """Nodes (or runs of nodes) with ``sep`` between them."""
    out: list[nodes.Node] = []
    for index, item in enumerate(items):
        if index:
            out.append(nodes.Text(sep))
        if isinstance(item, nodes.Node):
            out.append(item)
        else:
            out.extend(item)
    return out


def one_line(text: str | None) -> str:
    """Prose from a YAML or Markdown file on one line, its runs of whitespace made single spaces."""
    return " ".join((text or "").split())


def date_text(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()


def status_change(entry: HistoryEntry) -> str:
    """``drafting → review``; ``—`` stands for the status before the first one."""
    return f"{entry.from_status or '—'} → {entry.to_status}"


def chart_nodes(name: str, alt: str, *, classes: Sequence[str] = ()) -> nodes.Element:
    """A chart written beside the pages (trusted: the build draws it), in its wide layout and its
    narrow one for phones (the stylesheet shows one), both with ``alt`` as their text."""
    node = nodes.container(classes=["bt-chart-box"])
    for layout, suffix in (("wide", ""), ("narrow", "-narrow")):
        image = nodes.image(
            uri=f"/{GENERATED}/{name}{suffix}.svg",
            alt=alt,
            classes=["bt-chart", f"bt-chart-{layout}", *classes],
        )
        image["bt-trusted"] = True
        node += image
    return node


def summary_para(provision: Provision) -> nodes.paragraph:
    """A provision's section-by-section summary, or the note that it has none yet."""
    classes = ["bt-summary"] if provision.summary else ["bt-summary", "bt-missing"]
    return para(one_line(provision.summary or "No summary yet."), classes=classes)


# The bill's outline -----------------------------------------------------------------------------


def outline_nodes(
    compiled: CompiledBill,
    top: nodes.Element,
    section_node: Callable[[CompiledSection], nodes.Node],
    *,
    kind_classes: bool = False,
) -> nodes.Element:
    """The bill's outline inside ``top``: a nested section for each group, titled as in the bill,
    and ``section_node`` of each section within its group.

    With ``kind_classes`` each group's section also has the class ``bt-group-<kind>``.
    """
    stack: list[nodes.Element] = []
    for item in compiled.numbering.items:
        del stack[item.depth :]
        parent = stack[-1] if stack else top
        if isinstance(item, NumberedGroup):
            classes = ["bt-group", f"bt-group-{item.kind}"] if kind_classes else ["bt-group"]
            group = section(bill_nodes.group_title(item), group_anchor(item.key), classes=classes)
            parent += group
            stack.append(group)
        else:
            parent += section_node(compiled.by_id[item.provision_id])
    return top


def group_anchor(key: str) -> str:
    """The HTML id of a group of sections.

    >>> group_anchor("title-i/subtitle a")
    'g-title-i-subtitle-a'
    """
    return "g-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-")
