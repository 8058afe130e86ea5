"""The ``sec`` role, usable on any page of the site."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from tracker.core.xrefs import parse_reference
from tracker.render import docutils_bill as bill_nodes
from tracker.sphinx_ext import deps
from tracker.sphinx_ext.pages.common import xref_link
from tracker.sphinx_ext.registry import site_state

logger = logging.getLogger(__name__)


class SecRole(SphinxRole):
    """``{sec}`grant-conditions(b)(2)``` → "section 102(b)(2)", linking to the provision's page."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        site = site_state(self.env)
        target = self.text.strip()
        reference = parse_reference(target)
        for named in reference.targets:
            if named.provision_id:
                deps.record(self.env, self.env.docname, f"num:{named.provision_id}")
        ctx = bill_nodes.BodyContext(
            compiled=site.compiled, inline=bill_nodes.text_only, link=xref_link
        )
        node = bill_nodes.reference_nodes(ctx, target)
        if site.compiled.resolve_reference(reference) is None:
            logger.warning(
                "reference to '%s', which names no provision or subdivision",
                target,
                location=self.get_location(),
                type="billtrack",
                subtype="BT401",
            )
        return [node], []
