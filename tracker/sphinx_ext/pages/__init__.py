"""The directives that render the site's pages from the model, and the ``sec`` role.

Each directive reads the :class:`~tracker.sphinx_ext.state.SiteState` of the build, records what it
showed (:mod:`tracker.sphinx_ext.deps`) and returns docutils nodes built by the thin renderers in
``tracker.render``. None of them raises on bad content: problems were reported as located warnings
when the package was loaded, and are shown on the affected pages.

One module per page family: :mod:`.home`, :mod:`.bill` (also ``bill-toc``), :mod:`.provision`,
:mod:`.analysis`, :mod:`.order`, :mod:`.status`, :mod:`.drafts` (drafts and redlines),
:mod:`.law` (changes in existing law) and :mod:`.roles`; :mod:`.common` holds the directive base and the links several pages share.
"""

from __future__ import annotations

from tracker.sphinx_ext.pages.analysis import AnalysisDirective
from tracker.sphinx_ext.pages.bill import BillDirective, BillSectionsDirective, BillTocDirective
from tracker.sphinx_ext.pages.common import SiteDirective
from tracker.sphinx_ext.pages.drafts import DraftDirective, DraftsDirective, RedlineDirective
from tracker.sphinx_ext.pages.home import HomeDirective
from tracker.sphinx_ext.pages.law import LawDirective
from tracker.sphinx_ext.pages.order import OrderDirective
from tracker.sphinx_ext.pages.provision import ProvisionDirective
from tracker.sphinx_ext.pages.roles import SecRole
from tracker.sphinx_ext.pages.status import StatusDirective

#: The directives ``setup()`` registers, by name.
DIRECTIVES: dict[str, type[SiteDirective]] = {
    "bt-bill": BillDirective,
    "bt-bill-sections": BillSectionsDirective,
    "bt-provision": ProvisionDirective,
    "bt-analysis": AnalysisDirective,
    "bt-order": OrderDirective,
    "bt-status": StatusDirective,
    "bt-drafts": DraftsDirective,
    "bt-draft": DraftDirective,
    "bt-redline": RedlineDirective,
    "bt-home": HomeDirective,
    "bt-law": LawDirective,
    "bill-toc": BillTocDirective,
}

__all__ = ["DIRECTIVES", "SecRole", "SiteDirective"]
