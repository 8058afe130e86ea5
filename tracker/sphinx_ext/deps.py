"""Which pages to re-read on an incremental build, from what each page showed of the model.

While a page is read, every directive and role records the dependency keys it used (see
:attr:`SiteState.fingerprints`): a reference to ``grant-conditions`` records ``num:grant-conditions``,
a table of contents records ``layout``. At the end of the read the fingerprints of the build are stored
in the environment. On the next build, a page is outdated when any key it recorded has a different
fingerprint now, so inserting, moving or retitling a provision re-reads every page that printed one of
the numbers or titles that changed, and no page keeps a stale number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

DEPS = "billtrack_deps"  # docname -> set of keys
PRINTS = "billtrack_prints"  # key -> fingerprint at the last read


def record(env: Any, docname: str, *keys: str) -> None:
    deps: dict[str, set[str]] = env.__dict__.setdefault(DEPS, {})
    deps.setdefault(docname, set()).update(keys)


def purge(env: Any, docname: str) -> None:
    env.__dict__.setdefault(DEPS, {}).pop(docname, None)


def merge(env: Any, docnames: Iterable[str], other: Any) -> None:
    theirs: dict[str, set[str]] = other.__dict__.get(DEPS, {})
    ours: dict[str, set[str]] = env.__dict__.setdefault(DEPS, {})
    for docname in docnames:
        if docname in theirs:
            ours[docname] = set(theirs[docname])


def outdated(env: Any, current: dict[str, str]) -> set[str]:
    """Documents that recorded a key whose fingerprint changed since the last read."""
    previous: dict[str, str] = env.__dict__.get(PRINTS, {})
    deps: dict[str, set[str]] = env.__dict__.get(DEPS, {})
    changed = {key for key in set(previous) | set(current) if previous.get(key) != current.get(key)}
    if not changed:
        return set()
    return {docname for docname, keys in deps.items() if keys & changed}


def store(env: Any, current: dict[str, str]) -> None:
    env.__dict__[PRINTS] = dict(current)
