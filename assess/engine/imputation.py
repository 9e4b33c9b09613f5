"""Missing data, equal to COINr 1.1.14 (``Impute``, ``impute_panel``), and the latest value of a panel.

* :func:`impute` (cross-section, column by column as COINr's ``impute_by = "column"``):
  ``mean`` (``i_mean``), ``median`` (``i_median``), ``group_mean`` (``i_mean_grp``: the
  mean of the unit's group; units whose group is NA are left alone, ``skip_f_na = TRUE``),
  ``group_median`` (``i_median_grp``). A group with no observed value stays NA (R's
  ``mean`` of nothing is ``NaN``). Observed values are never changed (COINr checks this;
  so does the test suite).
* :func:`impute_panel` (``impute_panel(imp_type=)``): ``latest`` — the last observed value
  at most ``max_time`` time points back, never backwards; ``constant`` — R's
  ``approx(method = "constant", rule = 2)``: last observation carried forward, the first
  one carried backwards before it; ``linear`` — ``approx(method = "linear", rule = 2)``:
  linear between observations, nearest observation outside their range;
  ``linear-constant`` — ``linear``, or ``constant`` for a series with one observation.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"a": [1.0, None, 3.0, 10.0]}, index=list("wxyz"))
>>> out, rec = impute(df, "group_mean", groups={"w": "g1", "x": "g1", "y": "g1", "z": "g2"})
>>> out["a"].tolist(), rec.details["imputed"]
([1.0, 2.0, 3.0, 10.0], {'a': ['x']})
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assess.engine.assessment import Step
from assess.errors import DataError, Issue, ScoringError, shown
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = ["IMPUTERS", "impute", "impute_array", "impute_panel", "latest_available"]

IMPUTERS = {"reweight": "none", "mean": "mean", "median": "median", "group_mean": "group_mean",
            "group_median": "group_median", "latest": None}
"""Missing-data policies by name → the kernel method of :func:`impute_array` (``latest`` is
:func:`latest_available`, applied when the year is selected; ``reweight`` imputes nothing)."""
check_registry(IMPUTERS, vocabulary.MISSING_POLICIES, "missing-data policies")

_KERNEL = ("none", "mean", "median", "group_mean", "group_median")


def impute_array(X, method, groups=None):
    """Kernel: impute rows of ``X`` (rows = indicators, last axis = units).

    Parameters
    ----------
    X : ndarray (m, n)
    method : {"none", "mean", "median", "group_mean", "group_median"}
    groups : array (n,), optional
        Group label per unit (None / NaN = no group); required by the group methods.

    Examples
    --------
    >>> import numpy as np
    >>> impute_array(np.array([[1.0, np.nan, 3.0, np.nan]]), "group_mean", np.array(["a", "a", "a", "b"])).tolist()
    [[1.0, 2.0, 3.0, nan]]
    """
    X = np.array(X, dtype=float, copy=True)
    if method == "none":
        return X
    if method not in _KERNEL:
        raise ScoringError(f"missing: unknown method {shown(method)}. Expected one of: {', '.join(_KERNEL)}.")
    stat = np.nanmedian if method.endswith("median") else np.nanmean
    miss = np.isnan(X)
    if method in ("mean", "median"):
        with np.errstate(invalid="ignore"), _quiet():
            fill = stat(X, axis=1)
        return np.where(miss, fill[:, None], X)
    if groups is None:
        raise ScoringError(f"missing {method!r}: needs groups (a group per unit, COINr's use_group). Got None instead.")
    g = pd.Series(np.asarray(groups, dtype=object))
    g = g.where(g.notna(), None)
    for lab in g.dropna().unique():
        cols = np.flatnonzero((g == lab).to_numpy())
        with np.errstate(invalid="ignore"), _quiet():
            fill = stat(X[:, cols], axis=1)
        sub = X[:, cols]
        X[:, cols] = np.where(np.isnan(sub), fill[:, None], sub)
    return X


class _quiet:
    def __enter__(self):
        import warnings
        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *a):
        return self._w.__exit__(*a)


def impute(df, method="mean", *, groups=None):
    """Impute missing cells column by column (COINr's ``Impute(f_i = ...)``, ``impute_by = "column"``).

    Parameters
    ----------
    df : pandas.DataFrame
        Units × indicators.
    method : {"reweight", "mean", "median", "group_mean", "group_median"}
        A missing-data policy of :data:`IMPUTERS` (``reweight`` fills nothing: aggregation then drops
        the missing value with its weight). COINr's ``i_mean``, ``i_median``, ``i_mean_grp``,
        ``i_median_grp`` and ``none`` are accepted too.
    groups : mapping or pandas.Series, optional
        Unit → group (COINr's ``use_group`` column), needed by the group methods. A unit whose group
        is missing is left alone (COINr's ``skip_f_na``); a group with no observed value stays missing.

    Returns
    -------
    (pandas.DataFrame, Step)
        The filled table and the ``missing`` step: ``details["imputed"]`` (indicator → units
        imputed), ``details["still_missing"]`` (cells no method could fill), ``details["mask"]``
        (True where a value was imputed). Observed values are never changed.

    Examples
    --------
    >>> import pandas as pd
    >>> out, step = impute(pd.DataFrame({"a": [1.0, None, 5.0]}, index=list("xyz")), "median")
    >>> out["a"].tolist(), step.message
    ([1.0, 3.0, 5.0], '1 of 1 missing cell(s) imputed by median')
    >>> impute(pd.DataFrame({"a": [1.0, None]}), "group_mean")
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: missing 'group_mean': needs groups (unit -> group). Got None instead.
    """
    name = vocabulary.MISSING_ALIASES.get(method, method) if isinstance(method, str) else method
    if name not in IMPUTERS or name == "latest":
        raise ScoringError(f"missing: unknown method {shown(method)}. Expected one of: "
                           f"{', '.join(m for m in IMPUTERS if m != 'latest')}.")
    kernel = IMPUTERS[name]
    g = None
    if kernel.startswith("group"):
        if groups is None:
            raise ScoringError(f"missing {name!r}: needs groups (unit -> group). Got None instead.")
        g = pd.Series(groups).reindex(df.index)
        if g.isna().all():
            raise ScoringError(f"missing {name!r}: no unit of the table has a group (check the group column "
                               "and the unit ids).")
    X = df.to_numpy(dtype=float).T
    Y = impute_array(X, kernel, None if g is None else g.to_numpy(dtype=object))
    out = pd.DataFrame(Y.T, index=df.index, columns=df.columns)
    was, now = np.isnan(X.T), np.isnan(Y.T)
    done_np = was & ~now
    imputed = {df.columns[j]: list(df.index[done_np[:, j]]) for j in np.flatnonzero(done_np.any(axis=0))}
    still = {df.columns[j]: list(df.index[now[:, j]]) for j in np.flatnonzero(now.any(axis=0))}
    done = pd.DataFrame(done_np, index=df.index, columns=df.columns)
    n0, n1 = int(was.sum()), int(done_np.sum())
    if name == "reweight":
        msg = f"{n0} missing cell(s) left missing: aggregation drops them and re-weights"
    else:
        msg = f"{n1} of {n0} missing cell(s) imputed by {name}"
        if still:
            msg += f"; {int(now.sum())} still missing"
    return out, Step("missing", {"missing": name, "groups": None if g is None else "given"}, msg,
                     {"imputed": imputed, "still_missing": still, "mask": done})


def impute_panel(long, *, imp_type="latest", max_time=None, unit="uCode", time="Time", cols=None):
    """Impute panel data along time, COINr's ``impute_panel``.

    Parameters
    ----------
    long : pandas.DataFrame
        One row per unit and time point, indicator columns wide.
    imp_type : {"latest", "constant", "linear", "linear-constant"}
    max_time : int, optional
        ``latest`` only: look back at most this many time points (positions in the sorted
        list of distinct times, as COINr).
    unit, time : str
        Column names.
    cols : list, optional
        Columns to impute (default all but ``unit`` and ``time``).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame, Step)
        Imputed table, the time each value comes from (NaN where still missing), record.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"uCode": ["A"] * 4, "Time": [2019, 2020, 2021, 2022], "x": [1.0, None, 5.0, None]})
    >>> impute_panel(p)[0]["x"].tolist()
    [1.0, 1.0, 5.0, 5.0]
    >>> impute_panel(p, imp_type="linear")[0]["x"].tolist()
    [1.0, 3.0, 5.0, 5.0]
    >>> impute_panel(p.assign(x=[None, 2.0, None, None]), imp_type="constant")[0]["x"].tolist()
    [2.0, 2.0, 2.0, 2.0]
    """
    for c in (unit, time):
        if c not in long.columns:
            raise DataError("panel", [Issue(f"column {c!r}", f"is required. Got columns {shown(list(long.columns))}.")])
    if imp_type not in ("latest", "constant", "linear", "linear-constant"):
        raise ScoringError(f"impute_panel: imp_type must be latest, constant, linear or linear-constant. "
                           f"Got {shown(imp_type)} instead.")
    cols = [c for c in long.columns if c not in (unit, time)] if cols is None else list(cols)
    times = np.sort(long[time].unique())
    if len(times) < 2:
        raise ScoringError("impute_panel: only one time point: cannot impute by time.")
    out = long.copy()
    src = pd.DataFrame(np.where(long[cols].notna(), long[time].to_numpy()[:, None], np.nan),
                       index=long.index, columns=cols)
    tpos = {t: i for i, t in enumerate(times)}
    for _, idx in long.groupby(unit, sort=False).groups.items():
        sub = long.loc[idx].sort_values(time)
        t = sub[time].to_numpy(dtype=float)
        for c in cols:
            y = sub[c].to_numpy(dtype=float)
            ok = ~np.isnan(y)
            if ok.all() or not ok.any():
                continue
            new, from_t = y.copy(), np.where(ok, t, np.nan)
            kind = imp_type
            if kind == "linear-constant":
                kind = "linear" if ok.sum() > 1 else "constant"
            for i in np.flatnonzero(~ok):
                if kind == "latest":
                    prev = np.flatnonzero(ok & (t < t[i]))
                    if len(prev):
                        j = prev[-1]
                        if max_time is None or tpos[sub[time].iloc[i]] - tpos[sub[time].iloc[j]] <= max_time:
                            new[i], from_t[i] = y[j], t[j]
                else:
                    tt, yy = t[ok], y[ok]
                    if t[i] <= tt[0]:
                        new[i], from_t[i] = yy[0], tt[0]
                    elif t[i] >= tt[-1]:
                        new[i], from_t[i] = yy[-1], tt[-1]
                    elif kind == "constant":
                        j = np.flatnonzero(tt < t[i])[-1]
                        new[i], from_t[i] = yy[j], tt[j]
                    else:
                        new[i] = np.interp(t[i], tt, yy)
                        from_t[i] = t[i]
            out.loc[sub.index, c] = new
            src.loc[sub.index, c] = from_t
    n = int((long[cols].isna() & out[cols].notna()).to_numpy().sum())
    return out, src, Step("impute_panel", {"imp_type": imp_type, "max_time": max_time},
                                f"{n} missing cell(s) imputed along time ({imp_type})")


def latest_available(long, year, *, max_lag=None, unit="iso3"):
    """Per unit and indicator, the latest value in a year ``<= year`` (panel imputation, policy ``latest``).

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
