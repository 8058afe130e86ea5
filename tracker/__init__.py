"""billtrack: a legislative drafting and policy-tracking workbench.

Layers point one way: ``tracker.core`` (pure: no I/O, no click, sphinx or git) is used by
``tracker.adapters`` (files, drafts, git), which are used by ``tracker.render``, which is used by the two
thin interfaces, ``tracker.cli`` and ``tracker.sphinx_ext``.
"""

__version__ = "0.1.0"
