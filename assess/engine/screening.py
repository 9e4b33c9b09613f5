"""Screening by data availability, equal to COINr 1.1.14's ``Screen()`` for units.

COINr (``R/screen_units.R``, ``Screen.data.frame`` + ``get_data_avail.data.frame``), per
unit over the indicator columns:

* ``Dat_Avail = 1 - n_NA / n_indicators``; ``Non_Zero = 1 - n_zero / (n_indicators - n_NA)``;
* ``LowData = Dat_Avail < dat_thresh`` (default ``2/3``), ``LowNonZero = Non_Zero <
  nonzero_thresh`` (default ``0.05``);
* ``unit_screen``: ``"byNA"`` drops LowData units, ``"byzeros"`` LowNonZero ones,
  ``"byNAandzeros"`` either; ``force`` (``Force``) includes/excludes named units whatever
  the rule.

COINr has no indicator screening step; ``ind_dat_thresh`` adds one (same rule by column,
off by default) so that indicators with too little data can be dropped and reported.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"a": [1.0, None, 3.0], "b": [1.0, None, 0.0], "c": [2.0, 5.0, 0.0]}, index=list("xyz"))
>>> out, rec = screen(df, dat_thresh=0.5)
>>> list(out.index), rec.details["removed_units"]
(['x', 'z'], ['y'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assess.engine.assessment import Step
from assess.errors import ScoringError, shown
from assess.frameworks import vocabulary
from assess.frameworks.vocabulary import check_registry

__all__ = ["SCREEN_RULES", "data_availability", "screen"]

#: Unit screening rules (COINr's ``unit_screen``): the flag of the availability table each one keeps on.
SCREEN_RULES = {"byNA": "LowData", "byzeros": "LowNonZero", "byNAandzeros": "LowDatOrZeroFlag", "none": None}
check_registry(SCREEN_RULES, vocabulary.SCREEN_RULES, "screening rules")


def data_availability(df):
    """COINr's ``get_data_avail`` table: per unit ``N_missing, N_zero, N_miss_or_zero, Dat_Avail, Non_Zero``.

    Examples
    --------
    >>> import pandas as pd
    >>> data_availability(pd.DataFrame({"a": [0.0, None], "b": [1.0, 2.0]})).round(2).to_dict("list")
    {'N_missing': [0, 1], 'N_zero': [1, 0], 'N_miss_or_zero': [1, 1], 'Dat_Avail': [1.0, 0.5], 'Non_Zero': [0.5, 1.0]}
    """
    X = df.to_numpy(dtype=float)
    k = X.shape[1]
    na = np.isnan(X).sum(axis=1)
    zero = (X == 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame({"N_missing": na, "N_zero": zero, "N_miss_or_zero": na + zero,
                             "Dat_Avail": 1 - na / k, "Non_Zero": 1 - zero / (k - na)}, index=df.index)


def screen(df, *, unit_screen="byNA", dat_thresh=None, nonzero_thresh=None, force=None, ind_dat_thresh=None):
    """Drop units (and optionally indicators) with too little data, as COINr's ``Screen()``.

    Parameters
    ----------
    df : pandas.DataFrame
        Units × indicators.
    unit_screen : {"byNA", "byzeros", "byNAandzeros", "none"}
    dat_thresh : float, default 2/3
    nonzero_thresh : float, default 0.05
    force : mapping, optional
        Unit → True (always include) / False (always exclude): COINr's ``Force``.
    ind_dat_thresh : float, optional
        Not COINr: drop indicators whose share of available values is below this.

    Returns
    -------
    (pandas.DataFrame, Step)
        Screened table; ``details`` has ``summary`` (the availability table with
        ``LowData``, ``LowNonZero``, ``Included``), ``removed_units``, ``removed_indicators``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1.0, None], "b": [None, None]}, index=["x", "y"])
    >>> screen(df, dat_thresh=0.5, force={"y": True})[0].index.tolist()
    ['x', 'y']
    >>> screen(df, unit_screen="none", ind_dat_thresh=0.5)[1].details["removed_indicators"]
    ['b']
    """
    dat_thresh = 2 / 3 if dat_thresh is None else dat_thresh
    nonzero_thresh = 0.05 if nonzero_thresh is None else nonzero_thresh
    for nm, v in (("dat_thresh", dat_thresh), ("nonzero_thresh", nonzero_thresh), ("ind_dat_thresh", ind_dat_thresh)):
        if v is None and nm == "ind_dat_thresh":
            continue
        if isinstance(v, bool) or not isinstance(v, int | float | np.number) or not 0 <= v <= 1:
            raise ScoringError(f"screen: {nm} must be a number from 0 to 1. Got {shown(v)} instead.")
    dat_thresh, nonzero_thresh = float(dat_thresh), float(nonzero_thresh)
    if unit_screen not in SCREEN_RULES:
        raise ScoringError(f"screen: unit_screen must be one of {', '.join(SCREEN_RULES)}. Got {shown(unit_screen)} "
                           "instead.")
    if force is not None and not isinstance(force, dict | pd.Series):
        raise ScoringError(f"screen: force must map units to true (keep) or false (drop). Got {shown(force)} instead.")
    removed_ind = []
    if ind_dat_thresh is not None:
        avail = df.notna().mean(axis=0)
        removed_ind = list(avail.index[avail < float(ind_dat_thresh)])
        df = df.drop(columns=removed_ind)
    s = data_availability(df)
    s["LowData"] = s["Dat_Avail"] < dat_thresh
    with np.errstate(invalid="ignore"):
        s["LowNonZero"] = s["Non_Zero"] < nonzero_thresh
    s["LowDatOrZeroFlag"] = s["LowData"] | s["LowNonZero"]
    rule = {"byNA": ~s["LowData"], "byzeros": ~s["LowNonZero"], "byNAandzeros": ~s["LowDatOrZeroFlag"],
            "none": pd.Series(True, index=s.index)}[unit_screen]
    s["Included"] = rule
    for unit, inc in dict(force or {}).items():
        if unit not in s.index or not isinstance(inc, bool | np.bool_):
            raise ScoringError(f"screen: force must map units of the data to true or false. Got {shown(unit)}: "
                               f"{shown(inc)} instead.")
        s.loc[unit, "Included"] = bool(inc)
    kept = df[s["Included"].to_numpy(dtype=bool)]
    removed = list(s.index[~s["Included"].to_numpy(dtype=bool)])
    msg = f"{len(removed)} of {len(df)} unit(s) removed ({unit_screen}, dat_thresh={dat_thresh:g})"
    if ind_dat_thresh is not None:
        msg += f"; {len(removed_ind)} indicator(s) removed (ind_dat_thresh={float(ind_dat_thresh):g})"
    return kept, Step("screen", {"unit_screen": unit_screen, "dat_thresh": dat_thresh,
                                       "nonzero_thresh": nonzero_thresh, "force": dict(force or {}),
                                       "ind_dat_thresh": ind_dat_thresh}, msg,
                            {"summary": s, "removed_units": removed, "removed_indicators": removed_ind})
