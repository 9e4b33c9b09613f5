"""Statistical audit: availability, correlations, Cronbach's alpha, PCA, effective weights — by hand, on COINr's
ASEM example and on the published EGDI and GTMI."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import assess
from assess.cli.parser import main
from assess.engine import audit
from assess.engine.tree import Tree

ASEM = Path(__file__).resolve().parents[1] / "data" / "coinr_asem"
DATA = str(ASEM / "asem_iData.csv")


def test_correlations_cronbach_pca_by_hand():
    t = Tree.from_dict({"r": None, "a": "r", "b": "r", "c": "r"})
    d = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "b": [2.0, 1, 4, 3, 6], "c": [5.0, 3, 4, 1, 2]})
    d["r"] = d[["a", "b", "c"]].mean(axis=1)
    c = audit.correlations(d, t)
    assert c["with_parent"]["a"] == pytest.approx(np.corrcoef(d.a, d.r)[0, 1])
    assert c["within"]["r"].loc["a", "c"] == pytest.approx(np.corrcoef(d.a, d.c)[0, 1])
    assert c["levels"][(1, 2)].shape == (3, 1)
    # Cronbach: k/(k-1) (1 - sum var_i / var(sum)) equals COINr's covariance form
    X = d[["a", "b", "c"]].to_numpy()
    alpha = 3 / 2 * (1 - X.var(axis=0, ddof=1).sum() / X.sum(axis=1).var(ddof=1))
    assert audit.cronbach(d, t)["r"] == pytest.approx(alpha, rel=1e-12)
    # PCA: eigenvalues of the correlation matrix
    ev, vec = np.linalg.eigh(np.corrcoef(X.T))
    p = audit.pca(d, t)["r"]
    np.testing.assert_allclose(p["variance"].to_numpy(), ev[::-1] / ev.sum(), rtol=1e-12)
    np.testing.assert_allclose(np.abs(p["loadings"].to_numpy()), np.abs(vec[:, -1]), rtol=1e-10)
    assert p["loadings"].sum() > 0 and p["n"] == 5


def test_pairwise_complete_with_nan():
    t = Tree.from_dict({"r": None, "a": "r", "b": "r"})
    d = pd.DataFrame({"a": [1.0, 2, 3, np.nan, 5], "b": [1.0, 3, 2, 9, 4]})
    assert audit.cronbach(d, t)["r"] == pytest.approx(4 * d.cov().loc["a", "b"] / d.cov().to_numpy().sum())
    assert audit.pca(d, t)["r"]["n"] == 4


def test_asem_audit(tmp_path):
    a = assess.audit("asem", DATA, steps="full")
    raw = pd.read_csv(DATA).set_index("uCode")
    av = a.availability
    assert av["units"]["N_missing"].sum() == 65  # after denominating (63 in the raw table)
    assert av["indicators"].loc["conspeed", "Dat_Avail"] == pytest.approx(1 - 8 / 51)
    assert raw["ConSpeed"].isna().sum() == 8
    e = a.effective_weights
    ind = list(Tree.from_spec(a.assessment.spec).indicators)
    assert e[ind].sum() == pytest.approx(1.0)
    assert e["flights"] == pytest.approx(1 / 8 * 1 / 5 * 1 / 2)  # 1/8 of Physical, 1/5 of Conn, 1/2 of the index
    assert e["environ"] == pytest.approx(1 / 3 * 1 / 2)
    s = a.summary()
    assert s.loc["index", "children"] == 2 and s.loc["physical", "children"] == 8
    sc = a.assessment["scores"]
    kids = ["conn", "sust"]
    C = sc[kids].cov().to_numpy()
    assert s.loc["index", "cronbach_alpha"] == pytest.approx(4 * C[0, 1] / C.sum(), rel=1e-12)
    for agg in ("physical", "conn"):
        k = list(a.assessment.spec.children(agg))
        assert a.contributions[k].sum() == pytest.approx(1.0)
    assert main(["composite", "audit", "asem", "--data", DATA, "--steps", "full", "-o", str(tmp_path / "au")]) == 0
    files = {p.name for p in (tmp_path / "au").iterdir()}
    assert {"summary.csv", "availability_units.csv", "pca_index_variance.csv", "correlation_within_conn.csv"} <= files


def test_egdi_and_gtmi_audits_by_hand():
    from assess.data import load_indicators

    g = assess.audit("gtmi", year=2022)
    X = load_indicators("wb_gtmi")
    X = X[X.year == 2022].pivot(index="iso3", columns="indicator", values="value")[["cgsi", "psdi", "dcei", "gtei"]]
    C = X.cov().to_numpy()
    assert g.summary().loc["gtmi", "cronbach_alpha"] == pytest.approx(16 * (C.sum() - np.trace(C)) / 12 / C.sum())
    ev = np.linalg.eigvalsh(X.corr().to_numpy())
    assert g.summary().loc["gtmi", "pc1_variance"] == pytest.approx(ev[-1] / ev.sum())
    assert g.effective_weights["cgsi_pub"] == 0.25
    e = assess.audit("un_egdi", year=2024)
    corr = e.correlations["within"]["egdi"]
    assert corr.shape == (3, 3) and (corr.to_numpy() > 0.5).all()
    assert e.summary().loc["egdi", "children"] == 3 and len(e.availability["units"]) == 193
