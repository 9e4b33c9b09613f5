"""Every in-process cache of egov-assess, cleared at once by :func:`clear_caches`.

Modules memoise with :func:`memoise` (``functools.lru_cache`` that registers itself) or :func:`register` a function
that empties a cache of their own. Caches hold results only, never an error: a passing failure is not remembered.

Examples
--------
>>> calls = []
>>> @memoise(maxsize=2)
... def square(x):
...     calls.append(x)
...     return x * x
>>> square(3), square(3), calls
(9, 9, [3])
>>> clear_caches(); square(3), calls
(9, [3, 3])
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import time
from collections.abc import Callable, Iterator

__all__ = ["clear_caches", "memoise", "per_snapshot", "register", "snapshot"]

_CLEARERS: list[Callable[[], None]] = []


def register(clear: Callable[[], None]) -> Callable[[], None]:
    """Register a function that empties a cache; returns it unchanged."""
    _CLEARERS.append(clear)
    return clear


def memoise(maxsize: int = 128) -> Callable:
    """``functools.lru_cache(maxsize)`` whose cache :func:`clear_caches` empties."""

    def wrap(fn):
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        register(cached.cache_clear)
        return cached

    return wrap


#: The memo of the snapshot the current request (thread, task) runs in; None outside any snapshot.
_SNAPSHOT: contextvars.ContextVar[dict | None] = contextvars.ContextVar("egov_assess_snapshot", default=None)


@contextlib.contextmanager
def snapshot(reuse_for: float = 0.0) -> Iterator[None]:
    """Within, the files (data, frameworks) are looked at once: each :func:`per_snapshot` check runs at most once.

    With *reuse_for* seconds, snapshots started within that time of one another share one look (a server's
    requests: ``EGOV_ASSESS_RECHECK_SECONDS``); a file changed meanwhile is seen by the requests after it.

    A server runs each request in a snapshot (``app.py``): one callback calls the indicator store and the
    framework registry dozens of times, and each call used to list and stat every input file again (about 5 ms) to
    notice a changed file. Inside a snapshot the first answer holds until the snapshot ends, so a file changed
    *during* a request is seen by the next request — never half-way through one. Nested snapshots share the outer
    one. Outside any snapshot (the library, the command line, the tests) every call checks the files, as before.

    Examples
    --------
    >>> calls = []
    >>> @per_snapshot
    ... def listing():
    ...     calls.append(1)
    ...     return len(calls)
    >>> listing(), listing(), len(calls)
    (1, 2, 2)
    >>> with snapshot():
    ...     listing(), listing(), len(calls)
    (3, 3, 3)
    """
    token = _SNAPSHOT.set(_shared(reuse_for) if reuse_for > 0 else {}) if _SNAPSHOT.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _SNAPSHOT.reset(token)


#: The look shared by the snapshots of the last *reuse_for* seconds: (monotonic time it was made, memo).
_SHARED: dict = {"at": float("-inf"), "memo": {}}
_clock = time.monotonic


def _shared(reuse_for: float) -> dict:
    now = _clock()
    if now - _SHARED["at"] >= reuse_for:
        _SHARED["at"], _SHARED["memo"] = now, {}  # a fresh look; requests running keep the one they started with
    return _SHARED["memo"]


def per_snapshot(fn: Callable) -> Callable:
    """Memoise *fn* (hashable positional arguments) for the current :func:`snapshot`; outside one, call it.

    An error is never remembered (the next call tries again).
    """

    @functools.wraps(fn)
    def wrapper(*args):
        memo = _SNAPSHOT.get()
        if memo is None:
            return fn(*args)
        key = (wrapper, args)
        if key in memo:
            return memo[key]
        value = memo[key] = fn(*args)
        return value

    return wrapper


def _forget_shared() -> None:
    _SHARED["at"], _SHARED["memo"] = float("-inf"), {}


register(_forget_shared)


def clear_caches() -> None:
    """Empty every registered cache (frameworks, the indicator store's memory copy, published editions, …).

    Examples
    --------
    >>> import assess
    >>> assess.clear_caches()
    """
    for clear in _CLEARERS:
        clear()
