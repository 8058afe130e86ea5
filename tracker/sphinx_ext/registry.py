"""Where a build keeps its :class:`SiteState`: beside the environment, never pickled with it; and\nthe package ``billtrack build`` checked before the build, handed to the extension."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracker.core.errors import BilltrackError
from tracker.core.model import Package
from tracker.sphinx_ext.state import SiteState

_STATES: dict[int, tuple[Any, SiteState]] = {}
_CHECKED: dict[Path, Package] = {}


def hand_over(root: Path, package: Package | None) -> None:
    """The package ``billtrack build`` just loaded and checked at ``root``, for the extension to
    build from instead of loading it again (None: take it back)."""
    if package is None:
        _CHECKED.pop(root, None)
    else:
        _CHECKED[root] = package


def take_checked(root: Path) -> Package | None:
    """The package handed over for ``root``, once; None when the build was not started by
    :func:`tracker.sphinx_ext.build.build_site` (``sphinx-build`` on this repository's conf.py)."""
    return _CHECKED.pop(root, None)


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
