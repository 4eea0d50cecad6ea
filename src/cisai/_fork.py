"""A lock that a fork waits for, so a child process never inherits a half-done import.

It is held while cisai imports its modules on first use and during the first load. A
fork made while another thread is inside an import would leave the child with an
import lock no thread of its own will release: the child would hang on its first
``cisai.load()``. So a fork waits for this lock, and the child starts with a new one.
It lives at the bottom of the layers, so that both the package's lazy names and the
bundled load (``_bundle``) can hold it without importing anything above them.
"""

from __future__ import annotations

import _thread
import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["held"]

_lock = _thread.RLock()


@contextmanager
def held() -> Iterator[None]:
    """Hold the lock (re-entrant): imports and the first load run inside it."""
    with _lock:
        yield


def _before_fork() -> None:
    _lock.acquire()


def _after_fork_in_parent() -> None:
    _lock.release()


def _after_fork_in_child() -> None:
    global _lock
    _lock = _thread.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(
        before=_before_fork,
        after_in_parent=_after_fork_in_parent,
        after_in_child=_after_fork_in_child,
    )
