"""Data treatment before normalisation: denominators, outliers and missing data.

Each function is pure and returns what it changed, so the scoring engine can show it
(COINr's lesson: imputation and treatment must never hide or alter observed values
silently).

* :func:`denominate` divides an indicator by population, GDP, area, ...
* :func:`treat_outliers` follows JRC/COINr practice: when ``|skewness| > skew_max`` *and*
  ``kurtosis > kurt_max``, winsorise the most extreme value (one at a time, up to
  ``winsor_max`` values); if the thresholds are still exceeded, undo the winsorisation
  and log-transform instead.
* :func:`impute` fills missing cells (``mean``, ``median``, ``group_mean``), and
  :func:`latest_available` takes each unit's latest value at or before a year.

Examples
--------
>>> import pandas as pd
>>> x = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 100])
>>> y, info = treat_outliers(x)
>>> info["treatment"], info["winsorised"]
('winsorise', 1)
>>> float(y.max())
9.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from assess.errors import DataError, Issue, ScoringError
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = ["IMPUTERS", "denominate", "impute", "latest_available", "skew_kurt", "treat_outliers"]


def denominate(values, denominator, *, scale=1.0):
    """Divide an indicator by a denominator: ``scale * values / denominator``.

    A zero or missing denominator gives NaN (never infinity).

    Examples
    --------
    >>> import pandas as pd
    >>> denominate(pd.Series([10.0, 5.0]), pd.Series([2.0, 0.0]), scale=100).tolist()
    [500.0, nan]
    """
    d = denominator.astype(float)
    return scale * values.astype(float) / d.where(d != 0)


def skew_kurt(x):
    """Sample skewness and excess kurtosis as COINr computes them (bias-corrected, as Excel).

    Examples
    --------
    >>> import pandas as pd
    >>> s, k = skew_kurt(pd.Series([1.0, 2, 3, 4, 100]))
    >>> round(s, 3), round(k, 3)
    (2.232, 4.987)
    """
    v = pd.Series(x, dtype=float).dropna().to_numpy()
    if len(v) < 4 or np.ptp(v) == 0:
        return 0.0, 0.0
    return float(stats.skew(v, bias=False)), float(stats.kurtosis(v, bias=False))


def treat_outliers(x, *, skew_max=2.0, kurt_max=3.5, winsor_max=5, log_fallback=True):
    """Winsorise, or log-transform, an indicator whose distribution is too skewed (JRC rule).

    Parameters
    ----------
    x : pandas.Series
        One indicator over units (NaN allowed and left alone).
    skew_max, kurt_max : float
        Treatment is triggered when ``|skew| > skew_max`` and ``kurtosis > kurt_max``.
    winsor_max : int
        At most this many values are winsorised (each replaced by the next value inward).
    log_fallback : bool
        If winsorising ``winsor_max`` values is not enough, use ``log(x - min + 1)``
        (for positive skew; mirrored for negative skew) on the original values instead.

    Returns
    -------
    (pandas.Series, dict)
        The treated values and what was done: ``treatment`` (``none``, ``winsorise``,
        ``log``), ``winsorised`` (count), ``units`` (units changed), ``skew``/``kurt``
        before and after.

    Examples
    --------
    >>> import pandas as pd
    >>> y, info = treat_outliers(pd.Series([1.0, 2, 3, 4]))
    >>> info["treatment"]
    'none'
    """
    x = x.astype(float)
    s0, k0 = skew_kurt(x)
    info = {"treatment": "none", "winsorised": 0, "units": [], "skew": s0, "kurt": k0,
            "skew_after": s0, "kurt_after": k0}
    if not (abs(s0) > skew_max and k0 > kurt_max):
        return x, info
    y = x.copy()
    changed = []
    s, k = s0, k0
    while abs(s) > skew_max and k > kurt_max and len(changed) < winsor_max:
        v = y.dropna()
        if s > 0:
            unit = v.idxmax()
            y[unit] = v.drop(unit).max()
        else:
            unit = v.idxmin()
            y[unit] = v.drop(unit).min()
        changed.append(unit)
        s, k = skew_kurt(y)
    if abs(s) > skew_max and k > kurt_max and log_fallback:
        y = np.log(x - x.min() + 1) if s0 > 0 else -np.log(x.max() - x + 1)
        s, k = skew_kurt(y)
        info.update(treatment="log", winsorised=0, units=[], skew_after=s, kurt_after=k)
        return y, info
    info.update(treatment="winsorise", winsorised=len(changed), units=changed, skew_after=s, kurt_after=k)
    return y, info


def _impute_stat(df, stat, groups=None):
    if groups is None:
        fill = getattr(df, stat)()
        return df.fillna(fill)
    g = pd.Series(groups).reindex(df.index)
    filled = df.groupby(g, dropna=False).transform(stat)
    return df.fillna(filled)


def impute(df, method="reweight", *, groups=None):
    """Fill missing cells column by column; returns ``(filled, mask_of_imputed_cells)``.

    Parameters
    ----------
    df : pandas.DataFrame
        Units × indicators.
    method : {"reweight", "mean", "median", "group_mean", "group_median"}
        ``reweight`` leaves NaN (aggregation then drops the value and re-weights); see
        :data:`assess.frameworks.vocabulary.MISSING_POLICIES`.
    groups : mapping or pandas.Series, optional
        Unit → group label, required for the group methods. A group with no observed value
        stays NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1.0, None, 3.0, 10.0]}, index=list("wxyz"))
    >>> filled, mask = impute(df, "group_mean", groups={"w": "g1", "x": "g1", "y": "g1", "z": "g2"})
    >>> filled["a"].tolist(), int(mask.to_numpy().sum())
    ([1.0, 2.0, 3.0, 10.0], 1)
    """
    if method not in IMPUTERS:
        raise ScoringError(f"missing: unknown method {method!r}. Expected one of: "
                           f"{', '.join(IMPUTERS)}.")
    missing = df.isna()
    if method == "reweight":
        return df, missing & False
    if method.startswith("group_"):
        if groups is None:
            raise ScoringError(f"missing {method!r}: needs groups (unit -> group). Got None instead.")
        out = _impute_stat(df, method.split("_", 1)[1], groups)
    else:
        out = _impute_stat(df, method)
    return out, missing & out.notna()


IMPUTERS = {"reweight": None, "mean": "mean", "median": "median", "group_mean": "mean", "group_median": "median",
            "latest": None}
"""Missing-data policies by name (``latest`` is handled by :func:`latest_available`)."""
check_registry(IMPUTERS, vocabulary.MISSING_POLICIES, "missing-data policies")


def latest_available(long, year, *, max_lag=None, unit="iso3"):
    """Per unit and indicator, the latest value in a year ``<= year`` (panel imputation).

    Parameters
    ----------
    long : pandas.DataFrame
        Tidy table with columns ``unit``, ``indicator``, ``year``, ``value``.
    year : int
    max_lag : int, optional
        Ignore values older than ``year - max_lag``.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Wide values (units × indicators) and the year each value comes from.

    Examples
    --------
    >>> import pandas as pd
    >>> long = pd.DataFrame({"iso3": ["A", "A", "B"], "indicator": ["x", "x", "x"],
    ...                      "year": [2018, 2020, 2019], "value": [1.0, None, 5.0]})
    >>> values, years = latest_available(long, 2020)
    >>> values["x"].tolist(), years["x"].tolist()
    ([1.0, 5.0], [2018, 2019])
    """
    for col in (unit, "indicator", "year", "value"):
        if col not in long.columns:
            raise DataError("indicator table", [Issue(f"column {col!r}", "is required. Not found.")])
    d = long[(long["year"] <= year) & long["value"].notna()]
    if max_lag is not None:
        d = d[d["year"] >= year - max_lag]
    d = d.sort_values("year").groupby([unit, "indicator"], sort=False).tail(1)
    values = d.pivot(index=unit, columns="indicator", values="value").astype(float)
    years = d.pivot(index=unit, columns="indicator", values="year")
    values.index.name = years.index.name = "unit"
    values.columns.name = years.columns.name = None
    return values, years
