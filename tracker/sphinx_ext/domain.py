"""A minimal domain that resolves the site's page links (``pending_xref`` nodes) at write time.

Links name a page by docname and an anchor by id; resolving them late keeps the URLs right for any
builder (``html``, ``dirhtml``) and leaves an unknown page as plain text instead of a broken link.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode


class BilltrackDomain(Domain):
    name = "billtrack"
    label = "billtrack"
    initial_data: ClassVar[dict[str, Any]] = {}

    def resolve_xref(
        self,
        env: Any,
        fromdocname: str,
        builder: Any,
        typ: str,
        target: str,
        node: Any,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        docname = node.get("bt-docname")
        if not docname or docname not in env.all_docs:
            return None
        anchor = node.get("bt-anchor") or ""
        return make_refnode(builder, fromdocname, docname, anchor, contnode)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def merge_domaindata(self, docnames: Any, otherdata: Any) -> None:
        return None

    def clear_doc(self, docname: str) -> None:
        return None
