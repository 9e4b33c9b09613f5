"""Outlier treatment equal to COINr 1.1.14's ``Treat()`` by default.

COINr's default (``R/treat.R``, ``Treat.data.frame`` → ``Treat.numeric``), column by column:

1. ``check_SkewKurt``: an indicator **passes** when ``abs(skew) < 2`` *or* ``kurt < 3.5``
   (type-2 sample statistics, see :mod:`assess.engine.stats`). It is treated only when both
   thresholds are reached (``>=``).
2. ``winsorise(winmax = 5)``: while the indicator fails and fewer than ``winmax`` points are
   winsorised, look at the skew of the *current* values: if ``skew >= 0`` every point equal
   to the maximum is set to the next-highest value (``x[imax] <- max(x[-imax])``), else
   every point equal to the minimum is set to the next-lowest. One distinct value per
   iteration; tied extremes move together. The count ``nwin`` is the number of points at
   the current extreme (``length(imax) + length(imin)``), which is the cumulative count
   because winsorised points stay tied at the new extreme.
3. If the winsorised indicator still fails, the second treatment ``log_CT`` is applied to
   the **original** values (``combine_treat = FALSE``):
   ``log(x - min(x) + 0.01 * (max(x) - min(x)))``, and kept whether or not it passes.
4. If a pass check ever returns ``NA`` (fewer than 4 values, a constant column) or the
   treatment errors, COINr returns the indicator **untreated** (``Treat.numeric`` returns
   ``x`` with ``Passing = NA``; ``Treat.data.frame`` catches errors and warns).

Variants (COINr's ``f2`` choices): ``log_CT`` (default), ``log_CT_plus`` (mirrored log for
negative skew), ``log_CT_orig`` (``log(x - min + 1)``), ``log_GII``, ``boxcox``, or
``None`` (winsorise only); ``combine_treat=True`` applies ``f2`` to the winsorised values;
``force_win=True`` winsorises up to ``winmax`` regardless of the test.

The kernel :func:`winsorise_columns` works on many columns at once (indicators × any
number of variants such as different ``winmax``): the loop runs over *points* (at most
``winmax`` iterations) and is vectorised across columns.

Examples
--------
>>> import pandas as pd
>>> x = pd.DataFrame({"a": list(range(1, 21)) + [40, 60, 100]}, dtype=float)
>>> y, rec = treat_outliers(x)
>>> y["a"].tolist()[-3:]
[40.0, 40.0, 40.0]
>>> tab = rec.details["table"]
>>> tab.loc["a", "treatment"], int(tab.loc["a", "nwin"]), tab.loc["a", "units_winsorised"]
('winsorise', 2, [21, 22])
>>> treat_outliers(x, winmax=1)[1].details["table"].loc["a", "treatment"]
'log_CT'

"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from assess.engine.assessment import Step
from assess.engine.stats import check_skew_kurt, skew_kurt
from assess.errors import ScoringError, shown
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = ["F2", "TREAT_PARAMS", "boxcox", "denominate", "log_CT", "log_CT_orig", "log_CT_plus", "log_GII",
           "treat_columns", "treat_outliers", "winsorise_columns"]

def denominate(values, denominator, *, scale=1.0):
    """Divide an indicator by a denominator (COINr's ``Denominate``): ``scale * values / denominator``.

    A zero or missing denominator gives NaN (R would give ``Inf``: never useful in an index).

    Examples
    --------
    >>> import pandas as pd
    >>> denominate(pd.Series([10.0, 5.0]), pd.Series([2.0, 0.0]), scale=100).tolist()
    [500.0, nan]
    """
    d = denominator.astype(float)
    return scale * values.astype(float) / d.where(d != 0)


# status codes per column
_UNTREATED_NA = "untreated (pass test NA)"


def winsorise_columns(X, winmax=5, *, skew_thresh=2.0, kurt_thresh=3.5, force_win=False):
    """COINr's ``winsorise()`` on every row of ``X`` (rows = columns of the data, last axis = units).

    Parameters
    ----------
    X : ndarray (m, n)
        ``m`` series of ``n`` units each; NaN allowed (ignored, as ``na.rm = TRUE``).
    winmax : int, float or ndarray (m,)
        Maximum number of points per series (``np.inf`` or ``None`` = no limit).
    skew_thresh, kurt_thresh : float
        Thresholds of the pass test used *inside* the loop (COINr's ``f1_para``).
    force_win : bool
        Winsorise up to ``winmax`` even when the series passes.

    Returns
    -------
    dict
        ``x`` (winsorised copy), ``nwin`` (m,), ``hi`` and ``lo`` (bool (m, n): points
        winsorised at the top / bottom, COINr's ``winhi``/``winlo``), ``failed`` (m,):
        True where COINr errors or meets ``NA`` in the loop (the caller returns the
        series untreated).

    Examples
    --------
    >>> import numpy as np
    >>> out = winsorise_columns(np.array([list(range(1, 21)) + [40, 60, 100]], dtype=float), 5)
    >>> out["x"][0, -3:].tolist(), out["nwin"].tolist(), np.flatnonzero(out["hi"][0]).tolist()
    ([40.0, 40.0, 40.0], [2], [21, 22])
    """
    x = np.array(X, dtype=float, copy=True)
    if x.ndim == 1:
        x = x[None, :]
    m, n = x.shape
    wm = np.broadcast_to(np.asarray(np.inf if winmax is None else winmax, dtype=float), (m,)).copy()
    hi = np.zeros((m, n), bool)
    lo = np.zeros((m, n), bool)
    nwin = np.zeros(m, int)
    failed = np.zeros(m, bool)
    sk, kt = skew_kurt(x)
    passing = check_skew_kurt(sk, kt, skew_thresh, kurt_thresh)
    failed |= np.isnan(passing)
    active = ~failed & ((passing == 0) | force_win) & (nwin < wm)
    while active.any():
        rows = np.flatnonzero(active)
        xa = x[rows]
        s = sk[rows]
        # `if(skew(x, na.rm = TRUE) >= 0)`: NA here is an R error -> untreated
        bad = np.isnan(s)
        up = s >= 0
        with np.errstate(invalid="ignore"):
            mx = np.nanmax(np.where(np.isnan(xa), -np.inf, xa), axis=1)
            mn = np.nanmin(np.where(np.isnan(xa), np.inf, xa), axis=1)
        ext = np.where(up, mx, mn)
        idx = xa == ext[:, None]
        rest = np.where(idx | np.isnan(xa), np.nan, xa)
        # max(x[-imax], na.rm = TRUE) is -Inf (with a warning) when nothing is left
        nxt_hi = np.max(np.where(np.isnan(rest), -np.inf, rest), axis=1, initial=-np.inf)
        nxt_lo = np.min(np.where(np.isnan(rest), np.inf, rest), axis=1, initial=np.inf)
        nxt = np.where(up, nxt_hi, nxt_lo)
        xa = np.where(idx, nxt[:, None], xa)
        x[rows] = xa
        hi[rows] = np.where(up[:, None], idx, hi[rows])
        lo[rows] = np.where(up[:, None], lo[rows], idx)
        nwin[rows] = hi[rows].sum(axis=1) + lo[rows].sum(axis=1)
        failed[rows] |= bad
        sk_a, kt_a = skew_kurt(xa)
        sk[rows], kt[rows] = sk_a, kt_a
        p = check_skew_kurt(sk_a, kt_a, skew_thresh, kurt_thresh)
        passing[rows] = p
        # `while((!passing | force_win) & below_winmax)`: NA & TRUE is an R error
        still = (np.isnan(p) | (p == 0) | force_win) & (nwin[rows] < wm[rows])
        failed[rows] |= np.isnan(p) & still
        active[rows] = still & ~failed[rows]
    return {"x": x, "nwin": nwin, "hi": hi, "lo": lo, "failed": failed}


def _minmax_nan(x):
    with np.errstate(invalid="ignore"):
        mn = np.min(np.where(np.isnan(x), np.inf, x), axis=-1, initial=np.inf)
        mx = np.max(np.where(np.isnan(x), -np.inf, x), axis=-1, initial=-np.inf)
    return mn, mx


def log_CT(x):
    """COINr's ``log_CT``: ``log(x - min(x) + 0.01 * (max(x) - min(x)))`` per row (NaN ignored).

    Examples
    --------
    >>> import numpy as np
    >>> log_CT(np.array([0.0, 1.0, 100.0])).round(4).tolist()
    [0.0, 0.6931, 4.6151]
    """
    x = np.asarray(x, dtype=float)
    mn, mx = _minmax_nan(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log(x - mn[..., None] + 0.01 * (mx - mn)[..., None]) if x.ndim > 1 else \
            np.log(x - mn + 0.01 * (mx - mn))


def log_CT_orig(x):
    """COINr's ``log_CT_orig``: ``log(x - min(x) + 1)`` (the COIN Tool's original log).

    Examples
    --------
    >>> import numpy as np
    >>> log_CT_orig(np.array([2.0, 3.0])).round(4).tolist()
    [0.0, 0.6931]
    """
    x = np.asarray(x, dtype=float)
    mn, _ = _minmax_nan(x)
    return np.log(x - (mn[..., None] if x.ndim > 1 else mn) + 1)


def log_CT_plus(x):
    """COINr's ``log_CT_plus``: ``log_CT`` if ``skew > 0``, else ``-log(max(x) + a - x)``.

    ``a = 0.01 * (max(x) - min(x))``; the mirrored form reduces negative skew.

    Examples
    --------
    >>> import numpy as np
    >>> log_CT_plus(np.array([-100.0, 1, 2, 3])).round(4).tolist()
    [-4.6447, -1.1086, -0.708, -0.0296]
    """
    x = np.asarray(x, dtype=float)
    x2 = np.atleast_2d(x)
    mn, mx = _minmax_nan(x2)
    a = 0.01 * (mx - mn)
    sk, _ = skew_kurt(x2)
    with np.errstate(invalid="ignore", divide="ignore"):
        pos = np.log(x2 - mn[:, None] + a[:, None])
        neg = -np.log(mx[:, None] + a[:, None] - x2)
    out = np.where((sk > 0)[:, None], pos, neg)
    return out if x.ndim > 1 else out[0]


def log_GII(x):
    """The GII2020 log: ``log((max - 1) (x - min) / (max - min) + 1)``.

    Deliberate difference: COINr 1.1.14's ``log_GII`` computes this but returns ``x``
    unchanged (it returns ``list(x = x, ...)`` instead of the transformed ``x1``); here the
    documented formula is returned. COINr itself does not recommend it (it reverses an
    indicator whose maximum is below 1).

    Examples
    --------
    >>> import numpy as np
    >>> log_GII(np.array([0.0, 5.0, 10.0])).round(4).tolist()
    [0.0, 1.7047, 2.3026]
    """
    x = np.asarray(x, dtype=float)
    mn, mx = _minmax_nan(x)
    if x.ndim > 1:
        mn, mx = mn[:, None], mx[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log((mx - 1) * (x - mn) / (mx - mn) + 1)


def boxcox(x, lmbda=1.0, makepos=True):
    """COINr's ``boxcox(x, lambda, makepos = TRUE)``: shift to ``x - min + 1``, then Box-Cox.

    Examples
    --------
    >>> import numpy as np
    >>> boxcox(np.array([0.0, 1.0, 3.0]), lmbda=0).round(4).tolist()
    [0.0, 0.6931, 1.3863]
    >>> boxcox(np.array([0.0, 1.0, 3.0]), lmbda=2).tolist()
    [0.0, 1.5, 7.5]
    """
    x = np.asarray(x, dtype=float)
    if makepos:
        mn, _ = _minmax_nan(x)
        x = x - (mn[..., None] if x.ndim > 1 else mn) + 1
    if lmbda == 0:
        return np.log(x)
    return (x ** lmbda - 1) / lmbda


F2 = {"log_CT": log_CT, "log_CT_plus": log_CT_plus, "log_CT_orig": log_CT_orig,
      "log_GII": log_GII, "boxcox": boxcox}
"""Second-stage transforms by COINr name (``f2``)."""
check_registry(F2, vocabulary.TREAT_TRANSFORMS, "outlier transforms")

_F2_LABEL = {"log_CT": "log_CT", "log_CT_orig": "log_CT_orig", "log_GII": "log_GII", "boxcox": "boxcox"}


def treat_columns(X, winmax=5, *, skew_thresh=2.0, kurt_thresh=3.5, f2="log_CT", f2_para=None,
                  combine_treat=False, force_win=False, pass_skew_thresh=None, pass_kurt_thresh=None,
                  winsorise=True):
    """COINr's ``Treat.numeric`` with the default specs, vectorised over rows of ``X``.

    Parameters
    ----------
    X : ndarray (m, n)
        Series to treat (last axis = units).
    winmax : int, float or ndarray (m,)
        Per-series limit (``np.inf`` = none).
    skew_thresh, kurt_thresh : float
        Winsorisation loop thresholds (``f1_para``).
    pass_skew_thresh, pass_kurt_thresh : float, optional
        Thresholds of the pass test before/after each stage (``f_pass_para``); default the
        same as the loop's.
    f2 : str or None
        Second-stage transform (a key of :data:`F2`) or None.
    combine_treat : bool
        Apply ``f2`` to the winsorised rather than the original values.
    winsorise : bool
        False skips the first stage (``f1 = "none"``-like: straight to ``f2``).

    Returns
    -------
    dict
        ``x`` treated values; per series ``treatment`` (``"none"``, ``"winsorise"``,
        ``f2`` name, or the untreated-because-NA status), ``nwin``, ``hi``/``lo`` point
        masks, ``skew0``/``kurt0`` before, ``skew1``/``kurt1`` after winsorising,
        ``skew2``/``kurt2`` after ``f2``, ``pass0``/``pass1``/``pass2``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([list(range(1, 21)) + [40, 60, 100]] * 2, dtype=float)
    >>> out = treat_columns(x, np.array([1, 2]))
    >>> out["treatment"].tolist(), out["nwin"].tolist()
    (['log_CT', 'winsorise'], [0, 2])
    """
    X = np.array(X, dtype=float)
    if X.ndim == 1:
        X = X[None, :]
    m = X.shape[0]
    pst = skew_thresh if pass_skew_thresh is None else pass_skew_thresh
    pkt = kurt_thresh if pass_kurt_thresh is None else pass_kurt_thresh
    sk0, kt0 = skew_kurt(X)
    p0 = check_skew_kurt(sk0, kt0, pst, pkt)
    out = X.copy()
    treatment = np.full(m, "none", dtype=object)
    nan_blank = np.full(m, np.nan)
    res = {"skew0": sk0, "kurt0": kt0, "pass0": p0, "skew1": nan_blank.copy(), "kurt1": nan_blank.copy(),
           "pass1": nan_blank.copy(), "skew2": nan_blank.copy(), "kurt2": nan_blank.copy(),
           "pass2": nan_blank.copy(), "nwin": np.zeros(m, int), "hi": np.zeros(X.shape, bool),
           "lo": np.zeros(X.shape, bool)}
    treatment[np.isnan(p0)] = _UNTREATED_NA
    todo = np.flatnonzero((p0 == 0) | (force_win & ~np.isnan(p0)))
    if len(todo) == 0:
        res.update(x=out, treatment=treatment)
        return res
    wm = np.broadcast_to(np.asarray(np.inf if winmax is None else winmax, dtype=float), (m,))
    if winsorise:
        w = winsorise_columns(X[todo], wm[todo], skew_thresh=skew_thresh, kurt_thresh=kurt_thresh,
                              force_win=force_win)
        x1, fail1 = w["x"], w["failed"]
        res["nwin"][todo], res["hi"][todo], res["lo"][todo] = w["nwin"], w["hi"], w["lo"]
    else:
        x1, fail1 = X[todo].copy(), np.zeros(len(todo), bool)
    sk1, kt1 = skew_kurt(x1)
    p1 = check_skew_kurt(sk1, kt1, pst, pkt)
    res["skew1"][todo], res["kurt1"][todo], res["pass1"][todo] = sk1, kt1, p1
    bad1 = fail1 | np.isnan(p1)
    ok1 = ~bad1 & (p1 == 1)
    out[todo[ok1]] = x1[ok1]
    treatment[todo[ok1]] = "winsorise" if winsorise else "none"
    treatment[todo[bad1]] = _UNTREATED_NA
    need2 = todo[~bad1 & (p1 == 0)]
    if f2 is None:
        sel = ~bad1 & (p1 == 0)
        out[todo[sel]] = x1[sel]
        treatment[todo[sel]] = "winsorise" if winsorise else "none"
        res.update(x=out, treatment=treatment)
        return res
    if f2 not in F2:
        raise ScoringError(f"treat: f2 must be one of {', '.join(sorted(F2))} or none. Got {shown(f2)} instead.")
    if len(need2):
        base = x1[~bad1 & (p1 == 0)] if combine_treat else X[need2]
        fn = F2[f2]
        x2 = fn(base, **dict(f2_para or {}))
        sk2, kt2 = skew_kurt(x2)
        p2 = check_skew_kurt(sk2, kt2, pst, pkt)
        res["skew2"][need2], res["kurt2"][need2], res["pass2"][need2] = sk2, kt2, p2
        good = ~np.isnan(p2)
        out[need2[good]] = x2[good]
        if f2 == "log_CT_plus":
            labels = np.where(skew_kurt(base)[0] > 0, "log_CT", "log_CT_neg")
        else:
            labels = np.full(len(need2), _F2_LABEL.get(f2, f2), dtype=object)
        treatment[need2[good]] = [("winsorise+" if combine_treat and winsorise else "") + lab
                                  for lab in labels[good]]
        treatment[need2[~good]] = _UNTREATED_NA
        if not combine_treat:
            # the winsorised points were discarded: f2 applies to the original values
            res["hi"][need2] = False
            res["lo"][need2] = False
            res["nwin"][need2] = 0
    # untreated columns report no winsorised points
    un = treatment == _UNTREATED_NA
    res["hi"][un], res["lo"][un], res["nwin"][un] = False, False, 0
    res.update(x=out, treatment=treatment)
    return res


#: Keyword arguments of :func:`treat_outliers` (COINr's names), as a framework's ``steps.treat`` may give them.
TREAT_PARAMS = ("winmax", "skew_thresh", "kurt_thresh", "f2", "f2_para", "combine_treat", "force_win",
                "pass_skew_thresh", "pass_kurt_thresh", "indiv")


def _check_params(p) -> None:
    bad = []
    wm = p["winmax"]
    if wm is not None and (isinstance(wm, bool) or not isinstance(wm, int | float | np.integer | np.floating)
                           or not (wm >= 0) or (np.isfinite(wm) and wm != int(wm))):
        bad.append(f"winmax must be a whole number >= 0 (or none for no limit). Got {shown(wm)} instead.")
    for k in ("skew_thresh", "kurt_thresh", "pass_skew_thresh", "pass_kurt_thresh"):
        v = p[k]
        if v is None and k.startswith("pass_"):
            continue
        if isinstance(v, bool) or not isinstance(v, int | float | np.number) or not np.isfinite(v):
            bad.append(f"{k} must be a finite number. Got {shown(v)} instead.")
    if p["f2"] is not None and p["f2"] not in F2:
        bad.append(f"f2 must be one of {', '.join(sorted(F2))} or none. Got {shown(p['f2'])} instead.")
    for k in ("combine_treat", "force_win"):
        if not isinstance(p[k], bool | np.bool_):
            bad.append(f"{k} must be true or false. Got {shown(p[k])} instead.")
    if not isinstance(p["f2_para"], Mapping) or any(k not in ("lmbda", "makepos") for k in p["f2_para"]):
        bad.append(f"f2_para must be a mapping of the transform's parameters (boxcox: lmbda, makepos). "
                   f"Got {shown(p['f2_para'])} instead.")
    if bad:
        raise ScoringError("treat: " + " ".join(bad))


def treat_outliers(df, *, winmax=5, skew_thresh=2.0, kurt_thresh=3.5, f2="log_CT", f2_para=None,
                   combine_treat=False, force_win=False, pass_skew_thresh=None, pass_kurt_thresh=None,
                   indiv=None):
    """Treat every column of ``df`` as COINr's ``Treat(coin, dset)`` with ``global_specs`` defaults.

    Parameters
    ----------
    df : pandas.DataFrame or pandas.Series
        Units × indicators (a Series is one indicator).
    winmax, skew_thresh, kurt_thresh, force_win : see :func:`winsorise_columns`
    f2, f2_para, combine_treat, pass_skew_thresh, pass_kurt_thresh : see :func:`treat_columns`
    indiv : mapping, optional
        ``{indicator: "none" | {param: value}}``: COINr's ``indiv_specs`` (``"none"`` leaves
        the indicator untreated; a mapping overrides the global parameters for it).

    Returns
    -------
    (pandas.DataFrame, Step)
        The treated table and a step whose ``details["table"]`` has, per indicator:
        ``treatment``, ``nwin``, ``units_winsorised`` (labels), ``units_high``/``units_low``,
        ``skew``/``kurt`` before, after winsorising and after the transform.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": list(range(1, 21)) + [40, 60, 100], "b": range(23)}, dtype=float)
    >>> y, rec = treat_outliers(df, winmax=1)
    >>> rec.message
    '1 of 2 indicator(s) treated: 0 winsorised, 1 log-transformed (log_CT)'
    >>> treat_outliers(df, indiv={"a": "none"})[0]["a"].equals(df["a"].astype(float))
    True
    >>> treat_outliers(df, winmax=-1)
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: treat: winmax must be a whole number >= 0 (or none for no limit). Got -1 instead.
    """
    if isinstance(df, pd.Series):
        out, step = treat_outliers(df.to_frame(df.name if df.name is not None else "x"), winmax=winmax,
                                   skew_thresh=skew_thresh, kurt_thresh=kurt_thresh, f2=f2, f2_para=f2_para,
                                   combine_treat=combine_treat, force_win=force_win,
                                   pass_skew_thresh=pass_skew_thresh, pass_kurt_thresh=pass_kurt_thresh,
                                   indiv=indiv)
        return out.iloc[:, 0].rename(df.name), step
    if not isinstance(df, pd.DataFrame):
        raise ScoringError(f"treat: expected a table of indicators. Got {type(df).__name__} instead.")
    params = {"winmax": winmax, "skew_thresh": skew_thresh, "kurt_thresh": kurt_thresh, "f2": f2,
              "f2_para": dict(f2_para or {}) if isinstance(f2_para, Mapping | type(None)) else f2_para,
              "combine_treat": combine_treat, "force_win": force_win,
              "pass_skew_thresh": pass_skew_thresh, "pass_kurt_thresh": pass_kurt_thresh}
    _check_params(params)
    if indiv is not None and not isinstance(indiv, Mapping):
        raise ScoringError(f"treat: indiv must map indicators to 'none' or parameters. Got {shown(indiv)} instead.")
    indiv = dict(indiv or {})
    unknown = sorted(set(indiv) - set(df.columns), key=str)
    if unknown:
        raise ScoringError(f"treat: indiv names unknown indicator(s) {shown(unknown)}. Expected columns of the table.")
    X = df.to_numpy(dtype=float).T
    out = X.copy()
    cols = list(df.columns)
    rows = {}
    groups: dict = {}
    for j, c in enumerate(cols):
        spec = indiv.get(c)
        if isinstance(spec, str) or (spec is not None and not isinstance(spec, Mapping)):
            if spec != "none":
                raise ScoringError(f"treat: indiv[{c!r}] must be 'none' or a mapping. Got {shown(spec)} instead.")
            rows[c] = {"treatment": "none (indiv)", "nwin": 0, "units_winsorised": [], "units_high": [],
                       "units_low": []}
            continue
        if spec:
            extra = sorted(set(spec) - set(params), key=str)
            if extra:
                raise ScoringError(f"treat: indiv[{c!r}] has unknown parameter(s) {shown(extra)}. "
                                   f"Expected some of {', '.join(params)}.")
        p = {**params, **(spec or {})}
        if spec:
            _check_params(p)
        key = tuple(sorted((k, repr(v)) for k, v in p.items() if k != "winmax"))
        groups.setdefault(key, (p, []))[1].append(j)
    for p, idx in groups.values():
        wm = np.array([p["winmax"] if p["winmax"] is not None else np.inf] * len(idx), float)
        r = treat_columns(X[idx], wm, skew_thresh=p["skew_thresh"], kurt_thresh=p["kurt_thresh"], f2=p["f2"],
                          f2_para=p["f2_para"], combine_treat=p["combine_treat"], force_win=p["force_win"],
                          pass_skew_thresh=p["pass_skew_thresh"], pass_kurt_thresh=p["pass_kurt_thresh"])
        out[idx] = r["x"]
        for k, j in enumerate(idx):
            hi = [df.index[i] for i in np.flatnonzero(r["hi"][k])]
            lo = [df.index[i] for i in np.flatnonzero(r["lo"][k])]
            rows[cols[j]] = {"treatment": r["treatment"][k], "nwin": int(r["nwin"][k]),
                             "units_winsorised": sorted(hi + lo, key=list(df.index).index),
                             "units_high": hi, "units_low": lo,
                             "skew": r["skew0"][k], "kurt": r["kurt0"][k],
                             "skew_winsorised": r["skew1"][k], "kurt_winsorised": r["kurt1"][k],
                             "skew_transformed": r["skew2"][k], "kurt_transformed": r["kurt2"][k]}
    table = pd.DataFrame.from_dict(rows, orient="index").reindex(cols)
    if "treatment" not in table.columns:
        table["treatment"] = pd.Series(dtype=object)
    treated = pd.DataFrame(out.T, index=df.index, columns=df.columns)
    kinds = table["treatment"].astype(str)
    n_w = int((kinds == "winsorise").sum())
    n_log = int(kinds.str.contains("log|boxcox").sum())
    n_na = int((kinds == _UNTREATED_NA).sum())
    moved = {c: r["units_winsorised"] for c, r in rows.items() if r["units_winsorised"]}
    msg = (f"{n_w + n_log} of {len(cols)} indicator(s) treated: {n_w} winsorised, {n_log} log-transformed"
           f" ({f2})" + (f"; {n_na} left untreated (skew/kurtosis NA)" if n_na else "")
           + (f"; winsorised points: {moved}" if moved else ""))
    return treated, Step("treat", {**params, "indiv": indiv} if indiv else params, msg, {"table": table})
