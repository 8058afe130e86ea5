"""One piece of work run beside the main one, in a second process, where the machine has a core
for it.

:func:`beside` starts ``function(*args)`` in a worker process (a
:class:`~concurrent.futures.ProcessPoolExecutor` of one, started by ``fork``) and hands back a way
to collect its result (:class:`Aside`). Where it cannot help or cannot run (one usable core, no ``fork``, threads
already running, which ``fork`` does not carry over safely) nothing is started, and the caller does
the work itself. A worker that fails (killed, out of memory, or its exception) gives no result
either, so the caller does the work and any error is raised there, as it would be without the
worker: the answer never depends on whether the worker ran.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Aside(Generic[R]):
    """Work handed to a second process (:func:`beside`): ``started`` says whether it was."""

    def __init__(self, future: Future[R] | None) -> None:
        self._future = future
        self.started = future is not None

    def collect(self) -> R | None:
        """The result, once the worker has it; None where the work was not done aside (not
        started, or the worker failed): the caller then does it itself."""
        if self._future is None:
            return None
        try:
            return self._future.result()
        except Exception:  # a worker that died or failed: the caller does the work itself
            return None


#: In a worker: the work it was forked to do (:func:`_inherit`).
_WORK: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


def _inherit(function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """The worker's initializer: its arguments came with the fork, not through a pipe."""
    global _WORK
    _WORK = (function, args)


def _do_inherited() -> Any:
    assert _WORK is not None, "a worker of beside() is forked with its work"
    function, args = _WORK
    return function(*args)


@contextmanager
def beside(function: Callable[..., R], *args: Any) -> Iterator[Aside[R]]:
    """Run ``function(*args)`` in a second process while the block runs (see the module); the
    worker is shut down when the block ends. The worker is forked with the function and its
    arguments in memory (the pool's initializer), so nothing but the result is pickled: the
    arguments can be the megabytes of a bill."""
    if usable_cores() < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        yield Aside(None)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_inherit,
        initargs=(function, args),
    )
    try:
        yield Aside(pool.submit(_do_inherited))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
