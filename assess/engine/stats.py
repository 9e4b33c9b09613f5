"""Skewness and kurtosis exactly as COINr computes them, vectorised over columns.

COINr (``R/treat.R``: ``skew()``, ``kurt()``) copies ``e1071::skewness(type = 2)`` and
``e1071::kurtosis(type = 2)`` — the bias-corrected sample statistics Excel's ``SKEW`` and
``KURT`` return (``G1`` and the *excess* ``G2``)::

    d = x - mean(x);  n = number of non-NA values
    skew = sqrt(n) * sum(d^3) / sum(d^2)^(3/2) * sqrt(n (n - 1)) / (n - 2)          (n >= 3)
    r    = n * sum(d^4) / sum(d^2)^2
    kurt = ((n + 1) (r - 3) + 6) (n - 1) / ((n - 2) (n - 3))                          (n >= 4)

NA values are dropped (``na.rm = TRUE`` in COINr's default treatment). With fewer points
COINr 1.1.14 returns ``NA``; here ``NaN``. A constant column gives ``0/0 = NaN`` in both.

All functions take an array whose **last axis** is the units axis and reduce over it, so
each column's statistic depends only on that column's values (batching more columns
never changes a result by a rounding error).

Examples
--------
>>> import numpy as np
>>> x = np.array([1.0, 2, 3, 4, 100])
>>> round(float(skew(x)), 6), round(float(kurt(x)), 6)
(2.232396, 4.986866)
>>> from scipy import stats
>>> bool(np.isclose(skew(x), stats.skew(x, bias=False)))
True
"""

from __future__ import annotations

import numpy as np

__all__ = ["check_skew_kurt", "kurt", "skew", "skew_kurt"]


def _moments(x):
    x = np.ascontiguousarray(np.asarray(x, dtype=float))
    ok = ~np.isnan(x)
    n = ok.sum(axis=-1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(ok, x, 0.0).sum(axis=-1) / n
        d = np.where(ok, x - mean[..., None], 0.0)
        d2 = d * d
        m2 = d2.sum(axis=-1)
        m3 = (d2 * d).sum(axis=-1)
        m4 = (d2 * d2).sum(axis=-1)
    return n, m2, m3, m4


def _skew_from(n, m2, m3):
    with np.errstate(invalid="ignore", divide="ignore"):
        y = np.sqrt(n) * m3 / m2 ** 1.5
        y = y * np.sqrt(n * (n - 1)) / (n - 2)
    return np.where(n >= 3, y, np.nan)


def _kurt_from(n, m2, m4):
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * m4 / (m2 * m2)
        y = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return np.where(n >= 4, y, np.nan)


def skew(x):
    """COINr's ``skew()`` (type-2 sample skewness) over the last axis, NaN ignored.

    Examples
    --------
    >>> import numpy as np
    >>> skew(np.array([[1.0, 2, 3], [1, 1, 10]])).round(4).tolist()
    [0.0, 1.7321]
    >>> bool(np.isnan(skew(np.array([1.0, 2.0]))))
    True
    """
    n, m2, m3, _ = _moments(x)
    return _skew_from(n, m2, m3)


def kurt(x):
    """COINr's ``kurt()`` (type-2 sample excess kurtosis) over the last axis, NaN ignored.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(kurt(np.array([1.0, 2, 3, 4, 100, np.nan]))), 4)
    4.9869
    """
    n, m2, _, m4 = _moments(x)
    return _kurt_from(n, m2, m4)


def skew_kurt(x):
    """Both statistics from one pass: ``(skew, kurt)``.

    Examples
    --------
    >>> import numpy as np
    >>> s, k = skew_kurt(np.array([1.0, 2, 3, 4, 100]))
    >>> round(float(s), 3), round(float(k), 3)
    (2.232, 4.987)
    """
    n, m2, m3, m4 = _moments(x)
    return _skew_from(n, m2, m3), _kurt_from(n, m2, m4)


def check_skew_kurt(sk, kt, skew_thresh=2.0, kurt_thresh=3.5):
    """COINr's ``check_SkewKurt()`` pass test with R's three-valued logic.

    ``Pass = (abs(skew) < skew_thresh) | (kurt < kurt_thresh)``; R's ``|`` gives ``TRUE``
    if either side is ``TRUE``, ``NA`` if neither is ``TRUE`` and one is ``NA``. Returned
    as a float array: ``1.0`` pass, ``0.0`` fail, ``NaN`` for R's ``NA`` (COINr then
    leaves the indicator untreated).

    Examples
    --------
    >>> import numpy as np
    >>> check_skew_kurt(np.array([2.5, 1.0, 2.5, np.nan]), np.array([4.0, 9.0, np.nan, 1.0])).tolist()
    [0.0, 1.0, nan, 1.0]
    """
    sk = np.asarray(sk, dtype=float)
    kt = np.asarray(kt, dtype=float)
    a_na, b_na = np.isnan(sk), np.isnan(kt)
    with np.errstate(invalid="ignore"):
        a = ~a_na & (np.abs(sk) < skew_thresh)
        b = ~b_na & (kt < kurt_thresh)
    out = np.where(a | b, 1.0, np.where(a_na | b_na, np.nan, 0.0))
    return out
