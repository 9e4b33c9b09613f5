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

import functools
from collections.abc import Callable

__all__ = ["clear_caches", "memoise", "register"]

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


def clear_caches() -> None:
    """Empty every registered cache (frameworks, the indicator store's memory copy, published editions, …).

    Examples
    --------
    >>> import assess
    >>> assess.clear_caches()
    """
    for clear in _CLEARERS:
        clear()
