"""Sphinx configuration of the legislative package site.

The sources are in docs/ (``sphinx-build -c . docs _build/html``, or ``billtrack build``); the pages
of the bill are generated from provisions/ by the ``tracker.sphinx_ext`` extension into the
git-ignored docs/_generated/.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # a plain sphinx-build from a checkout that was not pip-installed
    sys.path.insert(0, str(ROOT))

from tracker.sphinx_ext.settings import site_settings  # noqa: E402

globals().update(site_settings(title="Safe Policing for Safe Communities Act"))

billtrack_root = "."
copyright = "public domain (a work of the United States Government when introduced)"

# Quotes and ellipses are made typographic, dashes are not: '--root' stays as typed in the command
# reference (docs/commands.md); the bill's own dashes are already written as '—'.
smartquotes_action = "qe"
