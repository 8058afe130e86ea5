"""``billtrack init``: a new, valid package for another bill, written atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from tracker.core.errors import WriteError

BILL_YAML = """\
# The bill's manifest. See docs/formats.md for every key.
official_title: To do what this bill does, and for other purposes.
short_title: Example Act
congress: null
session: null
chamber: house
sponsor: null
stage: discussion
workflow:
  initial: outline
  statuses: [outline, drafting, review, cleared, hold, dropped]
  done: [cleared]
  transitions:
    outline: [drafting, hold, dropped]
    drafting: [review, hold, dropped]
    review: [cleared, drafting, hold, dropped]
    cleared: [review, drafting]
    hold: [drafting, review, dropped]
    dropped: [drafting]
contents:
  - short-title
  - purpose
"""

ORDER_YAML = """\
# The outline of the source policy document the bill carries out. Summaries are our own words.
document:
  title: Source policy document
  kind: Executive Order
  number: null
  citation: "(citation)"
  date: null
  published: null
  url: null
  note: Replace with the document this bill carries out.
entries:
  - id: "1"
    label: Sec. 1.
    heading: Purpose.
    directive: false
    summary: States the purpose of the document.
  - id: "2"
    label: Sec. 2.
    heading: Direction.
    directive: true
    officials: [Attorney General]
    summary: Directs an official to act.
"""

SHORT_TITLE_MD = """\
---
title: Short title
implements: []
status: drafting
owner: null
summary: Gives the Act its short title.
---

This Act may be cited as the “Example Act”.
"""

PURPOSE_MD = """\
---
title: Purpose
implements: ["2"]
status: drafting
owner: null
summary: States what the Act is for; refers to {sec}`short-title` for its name.
---

The purpose of the Act named in {sec}`short-title` is to carry out section 2 of the source document.
"""

CONF_PY = """\
# Sphinx configuration of this legislative package site; build it with 'billtrack build'.
project = "Legislative package"
extensions = ["tracker.sphinx_ext"]
"""

INDEX_MD = """\
# About this package

Hand-written pages of the site go in this folder.
"""

GITIGNORE = """\
# Written by 'billtrack init': what billtrack and Python make, never committed.
_build/
docs/_generated/
__pycache__/
*.pyc
.venv/
.pytest_cache/
"""

FILES: Mapping[str, str] = MappingProxyType(
    {
        ".gitignore": GITIGNORE,
        "provisions/bill.yaml": BILL_YAML,
        "provisions/order.yaml": ORDER_YAML,
        "provisions/short-title.md": SHORT_TITLE_MD,
        "provisions/purpose.md": PURPOSE_MD,
        "conf.py": CONF_PY,
        "docs/about.md": INDEX_MD,
    }
)


def ci_workflow() -> str:
    """The GitHub Actions workflow 'billtrack init --ci' writes (tracker/templates/ci)."""
    from importlib.resources import files

    return files("tracker").joinpath("templates/ci/billtrack.yml").read_text(encoding="utf-8")


CI_WORKFLOW_PATH = ".github/workflows/billtrack.yml"


def scaffold_package(target: Path, *, ci: bool = False) -> list[str]:
    """Write a new package into ``target`` (absent or empty); returns the files written.

    The files are written into a temporary directory beside ``target`` and moved into place, so a
    failure leaves nothing behind.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise WriteError(
            f"{target} is not an empty directory",
            hint="choose a new or empty directory; init never writes over existing files",
        )
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".billtrack-init-", dir=parent))
    files = dict(FILES)
    if ci:
        files[CI_WORKFLOW_PATH] = ci_workflow()
    try:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise WriteError(
            f"could not create the package: {exc.strerror or exc}", path=str(target)
        ) from exc
    return sorted(files)
