"""Replay an uncertainty design given from outside, in COINr's export layout; write results the same way.

Input (what COINr's ``get_sensitivity`` draws, one row per replication):

* **design**: ``replication, Winmax, Normalisation, Normalisation_para, Aggregation`` — e.g.
  ``1, 3, n_minmax, 1;100, a_amean``. Any of the last four columns may be absent (the nominal choice is
  used). ``Normalisation_para`` holds the method's vector parameter separated by ``;`` (``l_u`` of
  ``n_minmax``, ``m_sd`` of ``n_zscore``, ``npara`` of ``n_scaled``, ``gposts`` of ``n_goalposts``,
  ``targ`` of ``n_dist2targ``, the 1-based ``iref`` of ``n_dist2ref``); empty for a method without one.
  ``Winmax`` empty / ``NULL`` / ``Inf`` means no limit.
* **weights** (optional, long form): ``replication, iCode, Level, Weight`` — each replication's weight
  set (COINr's noisy weights); nodes not listed keep their nominal weight. ``iCode`` is a node id of the
  framework or its ``code`` (COINr's code, as ``Conn`` for the node ``conn``).

Output (COINr's ``SA_res$Ranks`` / ``$Scores``): one row per unit, ``uCode, Nominal, r_1 … r_N``, rows
sorted by ``uCode``; ranks are whole numbers, ``NA`` where a replication failed or a unit was screened out.

Every cell is checked; an error names the file, the row (the first data row is row 1) and the column, and
says what was expected. Sizes are bounded (:data:`assess.limits.MAX_REPLICATIONS` rows of a design,
:data:`assess.limits.MAX_DATA_FILE_BYTES` per file).

Examples
--------
>>> import pandas as pd
>>> d = pd.DataFrame({"replication": [1, 2], "Winmax": [5, 1], "Normalisation": ["n_minmax", "n_zscore"],
...                   "Normalisation_para": ["1;100", "10;2"], "Aggregation": ["a_amean", "a_gmean"]})
>>> design, W = read_design(d)
>>> design.to_dict("records")[1]
{'winmax': 1.0, 'normalise': 'zscore', 'normalise_params': {'m_sd': (10.0, 2.0)}, 'aggregate': 'geometric_mean'}
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from assess import limits
from assess.engine import aggregation as ag
from assess.engine import normalisation as nm
from assess.engine.regeneration import BatchResult, regenerate
from assess.engine.tree import Tree
from assess.errors import AssessError, DataError, Issue, shown
from assess.io.atomic import atomic_path

__all__ = ["DESIGN_LAYOUT", "WEIGHTS_LAYOUT", "export_design", "read_design", "replay", "write_results"]

#: Columns of a COINr design file (``replication`` required).
DESIGN_LAYOUT = ("replication", "Winmax", "Normalisation", "Normalisation_para", "Aggregation")
#: Columns of a COINr weights file (long form).
WEIGHTS_LAYOUT = ("replication", "iCode", "Level", "Weight")

_PARAM = {"minmax": ("l_u", 2, "1;100"), "zscore": ("m_sd", 2, "10;2"), "scaled": ("npara", 2, "0;100"),
          "goalposts": ("gposts", 3, "0;100;1"), "distance_to_target": ("targ", 1, "50"),
          "distance_to_unit": ("iref", 1, "1")}
_COINR_NORM = {v: k for k, v in nm.ALIASES.items() if k.startswith("n_")} | {"none": "none"}
_COINR_AGG = {v: k for k, v in ag.ALIASES.items() if k.startswith("a_")}


def _fail(name, location, message):
    raise DataError(name, [Issue(location, message)])


def _read(src, what):
    if isinstance(src, pd.DataFrame):
        return src.astype(str).where(src.notna(), ""), what
    path = Path(src)
    name = path.name
    from assess.io import safeio

    df = safeio.read_csv(path, source=name, dtype=str, keep_default_na=False)
    return df, name


def _blank(v) -> bool:
    return str(v).strip() in ("", "NA", "NaN", "nan", "None")


def read_design(design, weights=None, tree: Tree | None = None):
    """Parse a COINr-layout design (and weights) into :func:`~assess.engine.regeneration.regenerate` arguments.

    Parameters
    ----------
    design : path or pandas.DataFrame
    weights : path or pandas.DataFrame, optional
        Long form ``replication, iCode, Level, Weight``; needs ``tree``.
    tree : Tree, optional

    Returns
    -------
    (pandas.DataFrame, ndarray or None)
        The design in :func:`regenerate` columns (rows in replication order) and the weights
        (R × nodes, ``tree.codes`` order) or None.

    Examples
    --------
    >>> read_design(pd.DataFrame({"replication": [1], "Winmax": ["NULL"]}))[0]["winmax"].tolist()
    [inf]
    >>> read_design(pd.DataFrame({"replication": [1], "Normalisation": ["n_minmax"], "Normalisation_para": ["1"]}))
    Traceback (most recent call last):
    ...
    assess.errors.DataError: design: 1 problem
      row 1, column 'Normalisation_para': n_minmax needs 2 number(s) separated by ';' (e.g. 1;100). Got '1' instead.
    """
    df, name = _read(design, "design")
    if "replication" not in df.columns:
        _fail(name, "columns", f"a 'replication' column is required (COINr's layout: {', '.join(DESIGN_LAYOUT)}). "
                               f"Got {shown(list(df.columns))} instead.")
    extra = [c for c in df.columns if c not in DESIGN_LAYOUT]
    if extra:
        _fail(name, "columns", f"unknown column(s) {shown(extra)}. Expected some of: {', '.join(DESIGN_LAYOUT)}.")
    if len(df) == 0:
        _fail(name, "rows", "expected at least one replication. Got none.")
    if limits.MAX_REPLICATIONS.exceeded(len(df)):
        raise DataError(name, [Issue("rows", limits.MAX_REPLICATIONS.describe(len(df)))])
    reps = pd.to_numeric(df["replication"].str.strip(), errors="coerce")
    bad = reps.isna() | (reps < 1) | (reps != reps.round())
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        _fail(name, f"row {i + 1}, column 'replication'", f"expected a whole number >= 1. Got "
                                                           f"{shown(df['replication'].iloc[i])} instead.")
    dup = reps.duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        _fail(name, f"row {i + 1}, column 'replication'", f"replication numbers must be unique. Got "
                                                           f"{int(reps.iloc[i])} again.")
    order = np.argsort(reps.to_numpy(), kind="stable")
    df = df.iloc[order].reset_index(drop=True)
    rows = (order + 1).tolist()  # the file's row of each sorted replication
    reps = reps.iloc[order].astype(int).tolist()
    out = pd.DataFrame(index=range(len(df)))
    if "Winmax" in df.columns:
        wm = []
        for i, v in enumerate(df["Winmax"].tolist()):
            v = str(v).strip()
            if _blank(v) or v in ("NULL", "Inf", "inf"):
                wm.append(np.inf)
                continue
            try:
                f = float(v)
                if not (f >= 0 and f == int(f)):
                    raise ValueError
            except ValueError:
                _fail(name, f"row {rows[i]}, column 'Winmax'", f"expected a whole number >= 0 (or NULL). Got "
                                                               f"{shown(v)} instead.")
            wm.append(f)
        out["winmax"] = wm
    if "Normalisation" in df.columns:
        paras = df["Normalisation_para"].tolist() if "Normalisation_para" in df.columns else [""] * len(df)
        meths, params = [], []
        for i, (m, pv) in enumerate(zip(df["Normalisation"].tolist(), paras, strict=True)):
            m = str(m).strip()
            try:
                canon = nm.resolve(m)
            except AssessError:
                _fail(name, f"row {rows[i]}, column 'Normalisation'", f"unknown method {shown(m)}. Expected a "
                                                                      "COINr name such as n_minmax, n_zscore, n_prank.")
            meths.append(canon)
            params.append(_norm_para(name, rows[i], m, canon, pv))
        out["normalise"] = meths
        out["normalise_params"] = params
    if "Aggregation" in df.columns:
        aggs = []
        for i, a in enumerate(df["Aggregation"].tolist()):
            try:
                aggs.append(ag.resolve(str(a).strip()))
            except AssessError:
                _fail(name, f"row {rows[i]}, column 'Aggregation'", f"unknown method {shown(a)}. Expected "
                                                                    "a_amean, a_gmean, a_hmean, a_genmean or a_copeland.")
        out["aggregate"] = aggs
    W = None
    if weights is not None:
        if tree is None:
            raise DataError("weights", [Issue("", "a framework is needed to place the weights.")])
        W = _read_weights(weights, tree, reps)
    return out, W


def _norm_para(name, row, m, canon, pv):
    key, k, eg = _PARAM.get(canon, (None, 0, ""))
    where = f"row {row}, column 'Normalisation_para'"
    if _blank(pv):
        return {}
    if key is None:
        _fail(name, where, f"{m} takes no parameter. Got {shown(pv)} instead.")
    try:
        nums = tuple(float(x) for x in str(pv).replace(",", ";").split(";"))
        if len(nums) != k or not all(np.isfinite(nums)):
            raise ValueError
    except ValueError:
        _fail(name, where, f"{m} needs {k} number(s) separated by ';' (e.g. {eg}). Got {shown(pv)} instead.")
    if canon == "zscore" and not nums[1] > 0:
        _fail(name, where, f"the z-score's sd must be > 0. Got {shown(pv)} instead.")
    if canon == "distance_to_unit":
        if nums[0] < 1 or nums[0] != int(nums[0]):
            _fail(name, where, f"n_dist2ref needs the 1-based position of a unit. Got {shown(pv)} instead.")
        return {"iref": int(nums[0]) - 1}  # COINr's iref is 1-based
    return {key: nums if k > 1 else nums[0]}


def _read_weights(weights, tree, reps):
    wdf, name = _read(weights, "weights")
    miss = [c for c in WEIGHTS_LAYOUT if c not in wdf.columns]
    if miss:
        _fail(name, "columns", f"missing column(s) {shown(miss)}. Expected {', '.join(WEIGHTS_LAYOUT)}.")
    W = np.tile(tree.weights_array(), (len(reps), 1))
    if len(wdf) == 0:
        return W
    rep = pd.to_numeric(wdf["replication"].str.strip(), errors="coerce")
    rpos = pd.Series(range(len(reps)), index=reps)
    bad = rep.isna() | ~rep.isin(reps)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        _fail(name, f"row {i + 1}, column 'replication'", f"expected a replication of the design. Got "
                                                          f"{shown(wdf['replication'].iloc[i])} instead.")
    codes = wdf["iCode"].str.strip().map(lambda c: tree.node_of(c))
    bad = codes.isna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        _fail(name, f"row {i + 1}, column 'iCode'", f"expected a node of the framework (id or code). Got "
                                                    f"{shown(wdf['iCode'].iloc[i])} instead.")
    lev = pd.to_numeric(wdf["Level"].str.strip(), errors="coerce")
    want = codes.map(tree.level)
    bad = lev != want
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        _fail(name, f"row {i + 1}, column 'Level'", f"{wdf['iCode'].iloc[i]!r} is at level {int(want.iloc[i])}. "
                                                    f"Got {shown(wdf['Level'].iloc[i])} instead.")
    w = pd.to_numeric(wdf["Weight"].str.strip(), errors="coerce")
    bad = w.isna() | ~np.isfinite(w) | (w < 0)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        _fail(name, f"row {i + 1}, column 'Weight'", f"expected a finite number >= 0. Got "
                                                     f"{shown(wdf['Weight'].iloc[i])} instead.")
    key = pd.DataFrame({"r": rep.astype(int), "c": codes})
    dup = key.duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        _fail(name, f"row {i + 1}", f"replication {int(rep.iloc[i])}, iCode {wdf['iCode'].iloc[i]!r} appears twice.")
    pos = {c: j for j, c in enumerate(tree.codes)}
    W[rpos[key["r"]].to_numpy(), key["c"].map(pos).to_numpy()] = w.to_numpy(dtype=float)
    return W


def replay(source, design, weights=None, **kw) -> BatchResult:
    """Run a COINr-layout design (and weights) through :func:`~assess.engine.regeneration.regenerate`.

    ``source`` is the nominal run (:func:`assess.score`) or its pipeline.

    Examples
    --------
    >>> from assess.engine.scoring import score
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
    ...                     "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
    >>> a = score(s, pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=["x", "y", "z"]))
    >>> w = pd.DataFrame({"replication": [1], "iCode": ["a"], "Level": [1], "Weight": [3]})
    >>> replay(a, pd.DataFrame({"replication": [1, 2]}), w).to_coinr().to_dict("list")
    {'uCode': ['x', 'y', 'z'], 'Nominal': [2.0, 3.0, 1.0], 'r_1': [3.0, 2.0, 1.0], 'r_2': [2.0, 3.0, 1.0]}
    """
    from assess.engine.regeneration import pipeline_of

    p = source if hasattr(source, "tree") else pipeline_of(source)
    d, W = read_design(design, weights, p.tree)
    return regenerate(p, d, weights=W, **kw)


def write_results(result: BatchResult, ranks_path, scores_path=None) -> None:
    """Write ranks (and scores) in COINr's layout, atomically (never a half-written file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from assess.engine.scoring import score
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r"}]})
    >>> res = replay(score(s, pd.DataFrame({"a": [1.0, 2.0]}, index=["x", "y"])), pd.DataFrame({"replication": [1]}))
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_results(res, d / "ranks.csv")
    >>> (d / "ranks.csv").read_text().splitlines()
    ['uCode,Nominal,r_1', 'x,2,2', 'y,1,1']
    """
    ranks = result.to_coinr("ranks")
    num = [c for c in ranks.columns if c != "uCode"]
    ranks[num] = ranks[num].astype("Int64")
    with atomic_path(ranks_path) as tmp:
        ranks.to_csv(tmp, index=False, na_rep="NA")
    if scores_path is not None:
        with atomic_path(scores_path) as tmp:
            result.to_coinr("scores").to_csv(tmp, index=False, na_rep="NA", float_format="%.17g")


def export_design(result: BatchResult, tree: Tree, weights=None):
    """The inverse of :func:`read_design`: a run's design (and weights) in COINr's layout.

    Examples
    --------
    >>> from assess.engine.scoring import score
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r"}]})
    >>> res = regenerate(score(s, pd.DataFrame({"a": [1.0, 2.0]})), pd.DataFrame({"aggregate": ["geometric"]}))
    >>> export_design(res, Tree.from_spec(s))[0].to_dict("records")
    [{'replication': 1, 'Winmax': 'NULL', 'Normalisation': '', 'Normalisation_para': '', 'Aggregation': 'a_gmean'}]
    """
    rows = []
    for i, r in result.design.iterrows():
        m = r["normalise"]
        key = _PARAM.get(m, (None,))[0]
        pv = r["normalise_params"].get(key) if key else None
        if m == "distance_to_unit" and pv is not None:
            pv = pv + 1
        para = "" if pv is None else ";".join(f"{float(x):g}" for x in np.atleast_1d(pv))
        a = r["aggregate"]
        rows.append({"replication": i + 1, "Winmax": "NULL" if np.isinf(r["winmax"]) else int(r["winmax"]),
                     "Normalisation": "" if m == "nominal" else _COINR_NORM.get(m, m), "Normalisation_para": para,
                     "Aggregation": "" if a == "nominal" else _COINR_AGG.get(ag.resolve(a), a)
                     if isinstance(a, str) else a})
    des = pd.DataFrame(rows)
    wl = None
    if weights is not None:
        W = np.asarray(weights, float)
        rr, cc = np.meshgrid(np.arange(W.shape[0]), np.arange(W.shape[1]), indexing="ij")
        codes = np.array(tree.codes)[cc.ravel()]
        wl = pd.DataFrame({"replication": rr.ravel() + 1, "iCode": codes, "Level": [tree.level[c] for c in codes],
                           "Weight": W.ravel()})
    return des, wl
