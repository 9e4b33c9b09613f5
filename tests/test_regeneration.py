"""Batched regenerations: each replication equals a nominal run with the same choices (the nominal one bit for bit);
COINr's design layout replayed through the API and the command line; hostile designs refused with located messages."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assess.cli.parser import main
from assess.engine.design import export_design, read_design, replay, write_results
from assess.engine.regeneration import pipeline_of, regenerate
from assess.engine.scoring import score
from assess.engine.spec import spec_from_dict
from assess.errors import DataError, ScoringError

ASEM = Path(__file__).resolve().parents[1] / "data" / "coinr_asem"
DATA = str(ASEM / "asem_iData.csv")


@pytest.fixture(scope="module")
def full():
    return score("asem", DATA, steps="full")


@pytest.fixture(scope="module")
def tree(full):
    return pipeline_of(full).tree


def _design(tree, R, seed):
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({"winmax": rng.integers(1, 6, R), "normalise": rng.choice(["minmax", "zscore"], R),
                      "aggregate": rng.choice(["arithmetic_mean", "geometric_mean"], R)})
    d["normalise_params"] = [{"l_u": (1.0, 100.0)} if m == "minmax" else {"m_sd": (10.0, 2.0)} for m in d.normalise]
    W = np.tile(tree.weights_array(), (R, 1))
    lev = np.array([tree.level[c] for c in tree.codes])
    m = (lev == 2) | (lev == 3)
    W[:, m] *= rng.uniform(0.75, 1.25, (R, m.sum()))
    return d, W


def test_nominal_replication_equals_the_nominal_run_bit_for_bit(full, tree):
    d, W = _design(tree, 40, 1)
    d0 = pd.DataFrame({"winmax": [5], "normalise": ["minmax"], "normalise_params": [{"l_u": (0.0, 100.0)}],
                       "aggregate": ["arithmetic_mean"]})
    d = pd.concat([d.iloc[:20], d0, d.iloc[20:]], ignore_index=True)
    W = np.vstack([W[:20], tree.weights_array(), W[20:]])
    res = regenerate(full, d, weights=W, keep_nodes=True)
    nominal = full.scores.reindex(res.scores.index)
    assert (res.scores["r_21"] == nominal).all() and (res.nominal["Score"] == nominal).all()
    assert (res.ranks["r_21"] == res.nominal["Rank"]).all()
    assert (res.nominal["Rank"] == full.ranks.reindex(res.scores.index).astype(float)).all()
    for c in ("conn", "physical", "susecfin"):
        assert (res.node_scores[c][20] == full["scores"][c].reindex(res.scores.index).to_numpy()).all()


def test_each_replication_equals_a_rescore(full, tree):
    d, W = _design(tree, 30, 7)
    res = regenerate(full, d, weights=W)
    for i in (0, 3, 11, 29):
        r = d.iloc[i]
        b = full.rescore(treat={"winmax": int(r["winmax"])}, normalise={"method": r["normalise"],
                         **r["normalise_params"]}, aggregate=r["aggregate"],
                         weights=dict(zip(tree.codes, W[i], strict=True)))
        np.testing.assert_array_equal(res.scores[f"r_{i + 1}"].to_numpy(), b.scores.reindex(res.scores.index))


def test_batch_independent_of_chunking_and_order(full, tree):
    d, W = _design(tree, 50, 3)
    a = regenerate(full, d, weights=W)
    b = regenerate(full, d, weights=W, chunk=7)
    pd.testing.assert_frame_equal(a.scores, b.scores)
    perm = np.random.default_rng(0).permutation(50)
    c = regenerate(full, d.iloc[perm], weights=W[perm])
    np.testing.assert_array_equal(c.scores.to_numpy(), a.scores.to_numpy()[:, perm])


def test_include_and_impute_factors(full, tree):
    ind = list(tree.indicators)
    inc = np.ones((3, len(ind)), bool)
    inc[1, ind.index("flights")] = False
    inc[2, [ind.index(c) for c in ("lpi", "flights", "ship", "bord", "elec", "gas", "conspeed", "cov4g")]] = False
    res = regenerate(full, pd.DataFrame({"impute": ["group_mean", "group_mean", "mean"]}), include=inc,
                     keep_nodes=True)
    assert (res.scores["r_1"] == full.scores.reindex(res.scores.index)).all()
    n = full["normalised"].reindex(res.scores.index)
    phys = [c for c in full.spec.children("physical") if c != "flights"]
    # leaving Flights out: its pillar averages the 7 other physical indicators
    np.testing.assert_allclose(res.node_scores["physical"][1], n[phys].mean(axis=1).to_numpy(), rtol=1e-13)
    assert np.isnan(res.node_scores["physical"][2]).all()  # the whole pillar left out
    assert not np.allclose(res.scores["r_3"], res.scores["r_1"])  # mean imputation differs from group means


def test_screened_units_get_no_score_or_rank():
    data = pd.read_csv(DATA)
    ind = [c for c in data.columns[11:41]]
    data.loc[data.uCode == "AUT", ind] = np.nan  # AUT keeps 19 of 49 indicators
    a = score("asem", data, steps={"screen": {"dat_thresh": 0.9}, "treat": {"winmax": 5},
                                   "normalise": {"method": "minmax", "l_u": [1, 100]}})
    gone = next(s for s in a.log if s.name == "screen").details["removed_units"]
    assert gone == ["AUT", "BGD", "BRN", "KHM", "LAO", "MMR"]  # without imputation, 5 more units fall below 90 %
    res = regenerate(a, pd.DataFrame({"aggregate": ["arithmetic_mean", "copeland"]}))
    assert res.scores.loc[gone].isna().all().all() and res.ranks.loc[gone].isna().all().all()
    kept = a.scores.index
    assert (res.scores.loc[kept, "r_1"] == a.scores).all()
    b = a.rescore(aggregate="copeland")
    np.testing.assert_array_equal(res.scores.loc[kept, "r_2"], b.scores)


def test_failed_replications_like_coinr():
    s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
                        "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
    a = score(s, pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=list("xyz")))
    res = regenerate(a, pd.DataFrame({"aggregate": ["geometric_mean", "arithmetic_mean"]}))
    assert res.failed.tolist() == [True, False] and res.scores["r_1"].isna().all()
    assert res.ranks["r_2"].tolist() == [2.0, 3.0, 1.0] and "1 failed" in res.log[-1].message


def test_regenerate_errors(full):
    for kw, match in ((dict(design=pd.DataFrame({"wimax": [1]})), "unknown design column"),
                      (dict(design=pd.DataFrame({"winmax": [1]}), weights=np.ones((1, 3))), "weights must have shape"),
                      (dict(design=pd.DataFrame({"winmax": [1]}), weights=-np.ones((1, 60))), "finite numbers >= 0"),
                      (dict(design=pd.DataFrame({"normalise": ["minmx"]})), "unknown method"),
                      (dict(design=pd.DataFrame({"winmax": [-1]})), "winmax must be a whole number"),
                      (dict(n=60_000), "MAX_REPLICATIONS")):
        with pytest.raises(ScoringError, match=match):
            regenerate(full, **kw)
    with pytest.raises(ScoringError, match="no treatment step"):
        regenerate(full.rescore(steps="default"), pd.DataFrame({"winmax": [1]}))


# --------------------------------------------------------------------------- COINr's layout
@pytest.fixture()
def coinr_design(tree):
    rng = np.random.default_rng(11)
    R = 25
    norm = rng.choice(["n_minmax", "n_zscore"], R)
    d = pd.DataFrame({"replication": np.arange(1, R + 1), "Winmax": rng.integers(1, 6, R), "Normalisation": norm,
                      "Normalisation_para": np.where(norm == "n_minmax", "1;100", "10;2"),
                      "Aggregation": rng.choice(["a_amean", "a_gmean"], R)})
    code = {v: k for k, v in tree.aliases.items() if k[0].isupper() or k in ("CO2", "NGOs", "P2P")}
    rows = []
    for r in range(1, R + 1):
        for c in tree.codes:
            w = tree.weight[c] * (rng.uniform(0.75, 1.25) if tree.level[c] in (2, 3) else 1.0)
            rows.append({"replication": r, "iCode": code.get(c, c), "Level": tree.level[c], "Weight": w})
    return d, pd.DataFrame(rows)


def test_replay_through_the_cli_equals_the_api_and_a_rescore(full, tree, coinr_design, tmp_path):
    d, w = coinr_design
    d.to_csv(tmp_path / "design.csv", index=False)
    w.to_csv(tmp_path / "weights.csv", index=False)
    assert main(["composite", "uncertainty", "asem", "--data", DATA, "--steps", "full", "--design",
                 str(tmp_path / "design.csv"), "--weights", str(tmp_path / "weights.csv"), "-o",
                 str(tmp_path / "ranks.csv"), "--scores"]) == 0
    ranks = pd.read_csv(tmp_path / "ranks.csv")
    assert list(ranks.columns) == ["uCode", "Nominal"] + [f"r_{i}" for i in range(1, 26)]
    assert ranks["uCode"].tolist() == sorted(full.scores.index) and len(ranks) == 51
    assert ranks.dtypes.iloc[1:].map(lambda t: t.kind == "i").all()
    assert ranks.set_index("uCode")["Nominal"].to_dict() == full.ranks.astype(int).to_dict()
    scores = pd.read_csv(tmp_path / "ranks_scores.csv", index_col="uCode")
    api = replay(full, d, w)
    np.testing.assert_array_equal(scores[[f"r_{i}" for i in range(1, 26)]].to_numpy(),
                                  api.scores.loc[scores.index].to_numpy())
    # replication 3 by hand: its winmax, normalisation, aggregation and weights through a rescore
    r = d.iloc[2]
    wmap = {tree.node_of(c): x for c, x in zip(w[w.replication == 3].iCode, w[w.replication == 3].Weight,
                                               strict=True)}
    lu = {"l_u": (1.0, 100.0)} if r["Normalisation"] == "n_minmax" else {"m_sd": (10.0, 2.0)}
    b = full.rescore(treat={"winmax": int(r["Winmax"])}, normalise={"method": r["Normalisation"], **lu},
                     aggregate=r["Aggregation"], weights=wmap)
    np.testing.assert_array_equal(scores["r_3"].to_numpy(), b.scores.loc[scores.index].to_numpy())


def test_a_replayed_nominal_design_equals_the_nominal_build(full, tmp_path):
    d0 = pd.DataFrame({"replication": [1], "Winmax": [5], "Normalisation": ["n_minmax"],
                       "Normalisation_para": ["0;100"], "Aggregation": ["a_amean"]})
    r0 = replay(full, d0)
    assert (r0.scores["r_1"] == full.scores.reindex(r0.scores.index)).all()
    out = tmp_path / "build.csv"
    assert main(["composite", "build", "asem", "--data", DATA, "--steps", "full", "-o", str(out)]) == 0
    built = pd.read_csv(out, index_col="uCode")
    np.testing.assert_array_equal(r0.scores.loc[built.index, "r_1"].to_numpy(), built["Index"].to_numpy())


def test_export_then_read_round_trip(full, tree, coinr_design):
    d, w = coinr_design
    res = replay(full, d, w)
    design, W = read_design(d, w, tree)
    d2, w2 = export_design(res, tree, W)
    back, W2 = read_design(d2, w2, tree)
    pd.testing.assert_frame_equal(back, design)
    np.testing.assert_array_equal(W2, W)


def test_missing_columns_keep_the_nominal_choice_and_rows_are_ordered(full):
    res = replay(full, pd.DataFrame({"replication": [2, 1], "Aggregation": ["a_gmean", "a_amean"]}))
    assert (res.scores["r_1"] == full.scores.reindex(res.scores.index)).all()


@pytest.mark.parametrize("bad, match", [
    ({"replication": ["x"]}, r"row 1, column 'replication': expected a whole number >= 1"),
    ({"replication": [1, 1]}, r"row 2, column 'replication': replication numbers must be unique"),
    ({"replication": [1], "Winmax": ["-2"]}, r"row 1, column 'Winmax': expected a whole number"),
    ({"replication": [1], "Normalisation": ["n_bogus"]}, r"column 'Normalisation': unknown method 'n_bogus'"),
    ({"replication": [1], "Normalisation": ["n_zscore"], "Normalisation_para": ["10;0"]}, "sd must be > 0"),
    ({"replication": [1], "Normalisation": ["n_prank"], "Normalisation_para": ["1;2"]}, "takes no parameter"),
    ({"replication": [1], "Aggregation": ["a_median"]}, "unknown method 'a_median'"),
    ({"replication": [1], "Foo": [1]}, "unknown column"),
    ({"Winmax": [1]}, "a 'replication' column is required"),
])
def test_design_errors_name_row_and_column(bad, match):
    with pytest.raises(DataError, match=match):
        read_design(pd.DataFrame(bad))


def test_weights_errors(tree):
    d = pd.DataFrame({"replication": [1]})
    good = {"replication": 1, "iCode": "Conn", "Level": 3, "Weight": 1.1}
    for change, match in (({"iCode": "Nope"}, r"row 1, column 'iCode': expected a node of the framework"),
                          ({"Level": 2}, "'Conn' is at level 3"), ({"Weight": "-1"}, "finite number >= 0"),
                          ({"replication": 9}, "expected a replication of the design")):
        with pytest.raises(DataError, match=match):
            read_design(d, pd.DataFrame([{**good, **change}]), tree)
    with pytest.raises(DataError, match="appears twice"):
        read_design(d, pd.DataFrame([good, good]), tree)


def test_cli_uncertainty_errors(tmp_path, capsys):
    (tmp_path / "d.csv").write_text("replication,Winmax\n1,3\n2,x\n", encoding="utf-8")
    base = ["composite", "uncertainty", "asem", "--data", DATA, "--steps", "full", "-o", str(tmp_path / "r.csv")]
    cases = [([], "give --design DESIGN.csv"), (["--design", str(tmp_path / "nope.csv")], "Not found"),
             (["--design", str(tmp_path / "d.csv")], "d.csv: 1 problem\n  row 2, column 'Winmax': expected a whole"),
             (["--n", "100000"], "over the limit MAX_REPLICATIONS"),
             (["--n", "5", "--node", "bogus"], "--node: 'bogus' is not an aggregate")]
    for extra, message in cases:
        assert main(base + extra) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err, (extra, err)
    assert not (tmp_path / "r.csv").exists()
    assert main(base + ["--n", "50", "--node", "Conn"]) == 0
    ranks = pd.read_csv(tmp_path / "r.csv", index_col="uCode")
    assert ranks.shape == (51, 51) and ranks.loc["NLD", "Nominal"] == 4  # NLD is 4th on Connectivity


def test_write_results_marks_failed_replications_na(tmp_path):
    s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
                        "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
    a = score(s, pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=list("xyz")))
    write_results(replay(a, pd.DataFrame({"replication": [1], "Aggregation": ["a_gmean"]})), tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_text().splitlines() == ["uCode,Nominal,r_1", "x,2,NA", "y,3,NA", "z,1,NA"]
