"""Statistical audit of a composite: data availability, correlations, Cronbach's alpha, PCA, effective weights.

:func:`audit` runs a framework over an indicator table (:func:`assess.score`) and returns every table of
the audit (:class:`Audit`); the functions below compute one table each from a tree and a data set.

Definitions follow COINr 1.1.14:

* :func:`availability` — per unit COINr's ``get_data_avail`` (``Dat_Avail``, ``Non_Zero``,
  ...), per indicator the share of units with data and of zeros, and per unit and
  aggregate the share of its indicators with data (``get_data_avail.coin``'s ``ByGroup``).
* :func:`correlations` — Pearson (or Spearman/Kendall) correlations with pairwise-complete
  observations (``get_corr``'s ``use = "pairwise.complete.obs"``): within each aggregate
  (its children), each node with its parent (``withparent = TRUE``), and across two
  levels.
* :func:`cronbach` — COINr's ``get_cronbach``: with ``C`` the pairwise covariance matrix of
  the ``k`` children, ``alpha = k^2 * mean(off-diagonal C) / sum(C)``.
* :func:`pca` — COINr's ``get_PCA`` per aggregate: ``prcomp(center = TRUE, scale = TRUE)``
  on complete rows; the share of variance of each component and the first component's
  loadings (sign fixed so that they sum to a positive number: the sign of a principal
  component is arbitrary, ``prcomp``'s included).
* :func:`effective_weights` — COINr's ``get_eff_wts``: weights normalised within each parent
  and multiplied down the tree (an indicator's share of the index).
* :func:`contributions` — not in COINr: each child's mean share ``w x / sum(w x)`` of its
  parent's arithmetic aggregate (what a weight *does*, next to what it *is*).

Examples
--------
>>> import pandas as pd
>>> from assess.engine.tree import Tree
>>> t = Tree.from_dict({"r": None, "p": "r", "q": "r", "a": "p", "b": "p", "c": "q"}, weight={"p": 3})
>>> effective_weights(t).to_dict()
{'a': 0.375, 'b': 0.375, 'c': 0.25, 'p': 0.75, 'q': 0.25, 'r': 1.0}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assess.engine.screening import data_availability
from assess.engine.tree import Tree
from assess.errors import ScoringError

__all__ = ["Audit", "audit", "availability", "contributions", "correlations", "cronbach", "effective_weights", "pca"]


def _indicators_under(tree: Tree, code):
    kids = tree.children(code)
    if not kids:
        return [code]
    return [i for k in kids for i in _indicators_under(tree, k)]


def availability(df, tree: Tree):
    """Data availability per unit, per indicator and per unit × aggregate.

    Parameters
    ----------
    df : pandas.DataFrame
        Units × indicators (raw or any data set before imputation).

    Returns
    -------
    dict of DataFrame
        ``units`` (COINr ``get_data_avail``), ``indicators`` (``Dat_Avail``, ``Zeros``),
        ``by_group`` (units × aggregates: share of the aggregate's indicators present).

    Examples
    --------
    >>> import pandas as pd
    >>> t = Tree.from_dict({"r": None, "a": "r", "b": "r"})
    >>> a = availability(pd.DataFrame({"a": [1.0, None], "b": [0.0, 2.0]}, index=["x", "y"]), t)
    >>> a["units"]["Dat_Avail"].tolist(), a["indicators"]["Dat_Avail"].tolist(), a["by_group"]["r"].tolist()
    ([1.0, 0.5], [0.5, 1.0], [1.0, 0.5])
    """
    ind = list(tree.indicators)
    x = df[ind]
    units = data_availability(x)
    inds = pd.DataFrame({"Dat_Avail": x.notna().mean(), "Zeros": (x == 0).sum() / x.notna().sum()})
    by = pd.DataFrame({a: x[_indicators_under(tree, a)].notna().mean(axis=1) for a in tree.aggregates})
    return {"units": units, "indicators": inds, "by_group": by}


def correlations(scores, tree: Tree, *, method="pearson"):
    """Correlations within and across levels (pairwise-complete observations).

    Parameters
    ----------
    scores : pandas.DataFrame
        Units × nodes (e.g. COINr's ``Aggregated`` data set: indicators and aggregates).
    method : {"pearson", "spearman", "kendall"}

    Returns
    -------
    dict
        ``with_parent``: Series (node → correlation with its parent);
        ``within``: {aggregate: correlation matrix of its children};
        ``levels``: {(level_a, level_b): matrix of level-a nodes × level-b nodes}.

    Examples
    --------
    >>> import pandas as pd
    >>> t = Tree.from_dict({"r": None, "a": "r", "b": "r"})
    >>> s = pd.DataFrame({"a": [1.0, 2, 3], "b": [1.0, 3, 2], "r": [1.0, 2.5, 2.5]})
    >>> correlations(s, t)["with_parent"].round(3).to_dict()
    {'a': 0.866, 'b': 0.866}
    """
    codes = [c for c in tree.codes if c in scores.columns]
    s = scores[codes].astype(float)
    withp = {}
    for c in codes:
        par = tree.parent.get(c)
        if par is not None and par in s.columns:
            withp[c] = s[[c, par]].corr(method=method).iloc[0, 1]
    within = {a: s[list(tree.children(a))].corr(method=method) for a in tree.aggregates
              if all(k in s.columns for k in tree.children(a))}
    levels = {}
    levs = sorted({tree.level[c] for c in codes})
    for i, la in enumerate(levs):
        for lb in levs[i:]:
            ca = [c for c in codes if tree.level[c] == la]
            cb = [c for c in codes if tree.level[c] == lb]
            full = s[list(dict.fromkeys(ca + cb))].corr(method=method)
            levels[(la, lb)] = full.loc[ca, cb]
    return {"with_parent": pd.Series(withp, dtype=float), "within": within, "levels": levels}


def _cronbach(X):
    X = np.asarray(X, float)
    k = X.shape[1]
    C = pd.DataFrame(X).cov().to_numpy()  # pairwise complete, n - 1 (R's cov, use = pairwise)
    if k < 2 or not np.isfinite(C).all():
        return np.nan
    sig_all = np.nansum(C)
    sig_av = (sig_all - np.nansum(np.diag(C))) / (k * (k - 1))
    return k * k * sig_av / sig_all


def cronbach(df, tree: Tree):
    """Cronbach's alpha of each aggregate's children (COINr's ``get_cronbach`` formula).

    Parameters
    ----------
    df : pandas.DataFrame
        Units × nodes holding every child (e.g. indicators for level-2 aggregates and
        aggregated scores above).

    Examples
    --------
    >>> import pandas as pd
    >>> t = Tree.from_dict({"r": None, "a": "r", "b": "r", "c": "r"})
    >>> d = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 3, 4, 5], "c": [1.0, 3, 2, 4]})
    >>> round(float(cronbach(d, t)["r"]), 4)
    0.9512
    """
    out = {}
    for a in tree.aggregates:
        kids = list(tree.children(a))
        if len(kids) >= 2 and all(k in df.columns for k in kids):
            out[a] = _cronbach(df[kids].to_numpy(dtype=float))
    return pd.Series(out, dtype=float, name="alpha")


def pca(df, tree: Tree):
    """PCA of each aggregate's children: variance shares and first-component loadings.

    Returns
    -------
    dict
        ``{aggregate: {"variance": Series (PC1, PC2, ...), "loadings": Series (child → PC1
        loading), "n": complete rows used}}``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = Tree.from_dict({"r": None, "a": "r", "b": "r"})
    >>> res = pca(pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [1.0, 2, 3, 5]}), t)["r"]
    >>> round(float(res["variance"]["PC1"]), 4), res["loadings"].round(4).tolist()
    (0.9914, [0.7071, 0.7071])
    """
    out = {}
    for a in tree.aggregates:
        kids = list(tree.children(a))
        if len(kids) < 2 or not all(k in df.columns for k in kids):
            continue
        X = df[kids].dropna().to_numpy(dtype=float)
        if len(X) < 3:
            continue
        sd = X.std(axis=0, ddof=1)
        if (sd > 0).sum() < 2:
            continue
        Z = (X - X.mean(axis=0)) / np.where(sd > 0, sd, np.nan)
        Z = Z[:, sd > 0]
        used = [k for k, s in zip(kids, sd, strict=True) if s > 0]
        _, sv, vt = np.linalg.svd(Z, full_matrices=False)
        var = sv ** 2 / (sv ** 2).sum()
        load = vt[0] * (1 if vt[0].sum() >= 0 else -1)
        out[a] = {"variance": pd.Series(var, index=[f"PC{i + 1}" for i in range(len(var))]),
                  "loadings": pd.Series(load, index=used), "n": len(X)}
    return out


def effective_weights(tree: Tree, weights=None):
    """COINr's ``get_eff_wts``: normalised weights multiplied from the root down.

    Examples
    --------
    >>> t = Tree.from_dict({"r": None, "a": "r", "b": "r"})
    >>> effective_weights(t, {"a": 3}).to_dict()
    {'a': 0.75, 'b': 0.25, 'r': 1.0}
    """
    w = dict(zip(tree.codes, tree.weights_array(weights), strict=True))
    norm = {}
    for c in tree.codes:
        par = tree.parent.get(c)
        sib = tree.children(par) if par is not None else (c,)
        tot = sum(w[s] for s in sib)
        norm[c] = w[c] / tot if tot > 0 else np.nan
    eff = {}
    for c in sorted(tree.codes, key=lambda c: -tree.level[c]):
        par = tree.parent.get(c)
        eff[c] = norm[c] * (eff[par] if par is not None else 1.0)
    return pd.Series({c: eff[c] for c in tree.codes}, dtype=float, name="EffWeight")


def contributions(scores, tree: Tree, weights=None):
    """Mean share of each child in its parent's arithmetic aggregate: ``w x / sum(w x)``.

    Parameters
    ----------
    scores : pandas.DataFrame
        Units × nodes (normalised indicators and aggregates, non-negative).

    Examples
    --------
    >>> import pandas as pd
    >>> t = Tree.from_dict({"r": None, "a": "r", "b": "r"})
    >>> contributions(pd.DataFrame({"a": [1.0, 3.0], "b": [1.0, 1.0]}), t).to_dict()
    {'a': 0.625, 'b': 0.375}
    """
    w = dict(zip(tree.codes, tree.weights_array(weights), strict=True))
    out = {}
    for a in tree.aggregates:
        kids = [k for k in tree.children(a) if k in scores.columns]
        if not kids:
            continue
        wx = scores[kids].astype(float) * pd.Series({k: w[k] for k in kids})
        share = wx.div(wx.sum(axis=1, min_count=1), axis=0)
        for k in kids:
            out[k] = float(share[k].mean())
    return pd.Series(out, dtype=float, name="contribution")


@dataclass(frozen=True)
class Audit:
    """Every table of a statistical audit (see :func:`audit`).

    Attributes
    ----------
    framework, year : str, int or None
    assessment : Assessment
        The run audited.
    availability : dict of DataFrame
        ``units``, ``indicators``, ``by_group`` (:func:`availability`).
    correlations : dict
        ``with_parent``, ``within``, ``levels`` (:func:`correlations` of the normalised indicators and the
        aggregates).
    cronbach : Series
        Alpha of each aggregate's children.
    pca : dict
        Per aggregate: ``variance`` (share of each principal component), ``loadings`` (PC1), ``n`` (rows used).
    effective_weights, contributions : Series
    """

    framework: str
    year: int | None
    assessment: object
    availability: dict
    correlations: dict
    cronbach: pd.Series
    pca: dict
    effective_weights: pd.Series
    contributions: pd.Series

    def summary(self) -> pd.DataFrame:
        """One row per aggregate: children, Cronbach's alpha, PC1's share of variance, the children's mean
        correlation with it, the lowest such correlation and its effective weight.

        Examples
        --------
        >>> a = audit("gtmi", year=2022)
        >>> int(a.summary().loc["gtmi", "children"])
        4
        """
        tree = Tree.from_spec(self.assessment.spec)
        rows = {}
        wp = self.correlations["with_parent"]
        for agg in reversed(tree.aggregates):
            kids = list(tree.children(agg))
            pc = self.pca.get(agg)
            corr = wp.reindex(kids)
            rows[agg] = {"level": tree.level[agg], "children": len(kids),
                         "cronbach_alpha": self.cronbach.get(agg, np.nan),
                         "pc1_variance": float(pc["variance"].iloc[0]) if pc else np.nan,
                         "mean_corr_with_children": float(corr.mean()) if corr.notna().any() else np.nan,
                         "min_corr_with_children": float(corr.min()) if corr.notna().any() else np.nan,
                         "effective_weight": float(self.effective_weights[agg])}
        return pd.DataFrame.from_dict(rows, orient="index").rename_axis("aggregate")

    def tables(self) -> dict:
        """Every table as a DataFrame by name (what ``python -m assess composite audit`` writes)."""
        out = {"summary": self.summary(), "availability_units": self.availability["units"],
               "availability_indicators": self.availability["indicators"],
               "availability_by_group": self.availability["by_group"],
               "correlation_with_parent": self.correlations["with_parent"].rename("r").to_frame(),
               "effective_weights": self.effective_weights.to_frame(),
               "contributions": self.contributions.to_frame()}
        for agg, m in self.correlations["within"].items():
            out[f"correlation_within_{agg}"] = m
        for (la, lb), m in self.correlations["levels"].items():
            out[f"correlation_levels_{la}_{lb}"] = m
        for agg, res in self.pca.items():
            out[f"pca_{agg}_variance"] = res["variance"].rename("variance_share").to_frame()
            out[f"pca_{agg}_loadings"] = res["loadings"].rename("pc1_loading").to_frame()
        return out


def audit(framework, data=None, *, year=None, **params) -> Audit:
    """Statistical audit of a composite framework over an indicator table (the JRC's and COINr's checks).

    Data availability (per unit, per indicator, per unit and aggregate), Pearson correlations within each
    aggregate, with the parent and across levels (pairwise-complete), Cronbach's alpha of each aggregate's
    children, PCA of each aggregate's children, effective weights (an indicator's share of the index) and
    each child's mean contribution to its parent.

    Parameters
    ----------
    framework : str, framework object or Spec
        A framework id (``"un_egdi"``, ``"gtmi"``, ``"asem"``) or object.
    data : DataFrame or path, optional
        The indicator table (default: the bundled store).
    year : int, optional
        The edition (default: the latest in the data).
    **params
        Keywords of :func:`assess.score` (``steps``, ``weights``, ``normalise``, …).

    Returns
    -------
    Audit

    Examples
    --------
    >>> import assess
    >>> a = assess.audit("gtmi", year=2022)
    >>> a.summary().loc["gtmi", ["children", "cronbach_alpha"]].round(3).tolist()
    [4.0, 0.953]
    >>> round(float(a.effective_weights["cgsi_pub"]), 2)
    0.25
    """
    from assess.engine.scoring import score

    if data is None:
        from assess.data import load_indicators

        data = load_indicators()
    a = score(framework, data, year=year, **params)
    tree = Tree.from_spec(a.spec.with_weights(params["weights"]) if params.get("weights") else a.spec)
    if len(a.scores.dropna()) < 3:
        raise ScoringError(f"audit {a.spec.id!r}: fewer than 3 units with a score; nothing to correlate.")
    raw = a["denominated"] if "denominated" in a else a["raw"]
    scores = a["scores"]
    return Audit(framework=a.spec.id, year=year, assessment=a, availability=availability(raw, tree),
                 correlations=correlations(scores, tree), cronbach=cronbach(scores, tree), pca=pca(scores, tree),
                 effective_weights=effective_weights(tree), contributions=contributions(scores, tree))
