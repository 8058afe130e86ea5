"""Where a build keeps its :class:`SiteState`: beside the environment, never pickled with it."""

from __future__ import annotations

from typing import Any

from tracker.core.errors import BilltrackError
from tracker.sphinx_ext.state import SiteState

_STATES: dict[int, tuple[Any, SiteState]] = {}


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
