"""The site's Sphinx settings, shared by the root ``conf.py`` and ``billtrack build`` for packages
that have no ``conf.py`` of their own, so the two never drift."""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: ranks the current bill above frozen drafts; excerpts from file:// (tracker.sphinx_ext.html)
SCORER = Path(__file__).resolve().parent.parent / "static" / "billtrack-scorer.js"


def site_settings(*, title: str = "Legislative package") -> dict[str, Any]:
    return {
        "project": title,
        "extensions": ["myst_parser", "sphinx_click", "tracker.sphinx_ext"],
        "source_suffix": {".md": "markdown"},
        "root_doc": "index",
        "exclude_patterns": ["_build", "**/.*"],
        # Markdown only: no raw HTML extensions, no substitutions (Jinja), no linkify.
        "myst_enable_extensions": [],
        "myst_heading_anchors": 3,
        "html_theme": "furo",
        "html_title": title,
        "html_theme_options": {"navigation_with_keys": True},
        "html_copy_source": False,
        "html_show_sourcelink": False,
        "html_last_updated_fmt": None,
        "html_search_scorer": str(SCORER),
        "show_warning_types": True,
        "suppress_warnings": [],
    }
