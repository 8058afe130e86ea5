"""Where a build keeps its :class:`SiteState`: beside the environment, never pickled with it; and
what ``billtrack build`` prepared before the build (the model of the package it checked, the
documents being made), handed to the extension."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.core.errors import BilltrackError
from tracker.sphinx_ext.state import SiteState

_STATES: dict[int, tuple[Any, SiteState]] = {}
_HANDED: dict[Path, HandedOver] = {}


@dataclass(frozen=True, slots=True)
class HandedOver:
    """What ``billtrack build`` prepared before Sphinx started: the site's model, from the package
    it loaded and checked, and the job making the documents (:mod:`.documents`), None if none."""

    state: SiteState
    documents: Any = None


def hand_over(root: Path, handed: HandedOver | None) -> None:
    """Give the extension what the build prepared for ``root``, instead of loading the package
    again (None: take it back)."""
    if handed is None:
        _HANDED.pop(root, None)
    else:
        _HANDED[root] = handed


def handed_over(root: Path) -> HandedOver | None:
    """What was handed over for ``root``; None when the build was not started by
    :func:`tracker.sphinx_ext.build.build_site` (``sphinx-build`` on this repository's conf.py)."""
    return _HANDED.get(root)


def set_site_state(env: Any, state: SiteState) -> None:
    _STATES[id(env)] = (env, state)


def site_state(env: Any) -> SiteState:
    entry = _STATES.get(id(env))
    if entry is None or entry[0] is not env:
        raise BilltrackError(
            "the billtrack site was not loaded for this build",
            hint="add 'tracker.sphinx_ext' to the extensions in conf.py",
        )
    return entry[1]


def drop_site_state(env: Any) -> None:
    _STATES.pop(id(env), None)
