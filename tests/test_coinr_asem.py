"""COINr's ASEM example (frameworks/examples/asem.yaml over data/coinr_asem/) through the command line: the simple
and the full pipeline against the values COINr's documentation prints, and against an independent loop-based
implementation of COINr's R code (tests/reference_coinr.py)."""

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assess.cli.parser import main
from assess.engine.scoring import score
from tests import reference_coinr as ref

ROOT = Path(__file__).resolve().parents[1]
ASEM = ROOT / "data" / "coinr_asem"
DATA = str(ASEM / "asem_iData.csv")
AGGS = ["Index", "Conn", "Sust", "Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social", "SusEcFin"]

# COINr's documented full example (build_example_coin()), printed by get_results() and get_unit_summary() in the
# "Presenting results" vignette (bluefoxr/COINr, articles/results.md), in the order of AGGS
PUBLISHED = {
    "CHE": [68.38, 62.79, 73.98, 63.41, 32.87, 74.78, 85.94, 56.93, 77.21, 87.85, 56.88],
    "NLD": [64.82, 61.94, 67.70, 64.87, 46.62, 84.55, 71.74, 41.92, 58.73, 86.58, 57.78],
    "DNK": [64.80, 57.10, 72.51, 50.52, 30.43, 78.13, 75.35, 51.04, 69.83, 86.40, 61.29],
    "NOR": [64.47, 57.44, 71.50, 58.18, 25.70, 80.03, 89.46, 33.80, 70.90, 87.00, 56.59],
    "BEL": [63.54, 63.99, 63.09, 71.97, 48.22, 80.84, 75.60, 43.32, 53.01, 86.17, 50.09],
    "SWE": [63.00, 53.87, 72.12, 51.51, 23.87, 80.98, 74.51, 38.50, 66.37, 87.74, 62.27],
    "IND": [39.79, 28.60, 50.99, 18.78, 6.38, 51.90, 59.84, 6.07, 75.34, 22.74, 54.88],
}
PUBLISHED_RANKS = {"CHE": 1, "NLD": 2, "DNK": 3, "NOR": 4, "BEL": 5, "SWE": 6, "IND": 45}


def _build(tmp_path, *extra):
    out = tmp_path / "results.csv"
    assert main(["composite", "build", "asem", "--data", DATA, "-o", str(out), *extra]) == 0
    return pd.read_csv(out, index_col="uCode")


def _reference(winmax=5):
    with open(ASEM / "asem_iMeta.csv", newline="") as f:
        meta = list(csv.DictReader(f))
    with open(ASEM / "asem_iData.csv", newline="") as f:
        data = list(csv.DictReader(f))
    return ref.build_full(meta, data, winmax=winmax)


def test_full_pipeline_through_the_cli_equals_coinrs_published_results(tmp_path):
    res = _build(tmp_path, "--steps", "full", "--dsets", str(tmp_path / "dsets"))
    assert len(res) == 51 and list(res.columns[:4]) == ["Index", "Index_rank", "Conn", "Conn_rank"]
    for unit, values in PUBLISHED.items():
        assert res.loc[unit, AGGS].round(2).tolist() == values, unit
        assert res.loc[unit, "Index_rank"] == PUBLISHED_RANKS[unit]
    assert res.index[0] == "CHE"  # sorted by the index rank
    files = sorted(p.name for p in (tmp_path / "dsets").iterdir())
    assert files == ["Aggregated.csv", "Denominated.csv", "Imputed.csv", "Normalised.csv", "Raw.csv", "Screened.csv",
                     "Treated.csv", "log.txt", "treatment.csv"]
    treated = pd.read_csv(tmp_path / "dsets" / "treatment.csv", index_col=0)
    assert (treated["treatment"] == "winsorise").sum() == 15 and treated.loc["Flights", "nwin"] == 1
    log = (tmp_path / "dsets" / "log.txt").read_text()
    assert "65 of 65 missing cell(s) imputed by group_mean" in log and "0 of 51 unit(s) removed" in log
    den = pd.read_csv(tmp_path / "dsets" / "Denominated.csv", index_col="uCode")
    assert den.loc["AUT", "Flights"] == pytest.approx(29.01725 / 8735.453, rel=1e-15)


def test_full_pipeline_equals_an_independent_implementation_of_coinr():
    r = _reference()
    a = score("asem", DATA, steps="full")
    scores = a["scores"].loc[r["units"]]
    for code in AGGS:
        np.testing.assert_allclose(scores[code.lower()].to_numpy(), r["scores"][code], rtol=0, atol=1e-10)
    table = next(s for s in a.log if s.name == "treat").details["table"]
    treated = a["treated"].loc[r["units"]]
    for code, (kind, points) in r["treat_info"].items():
        np.testing.assert_allclose(treated[code.lower()].to_numpy(), r["treated"][code], rtol=1e-13, atol=0)
        assert table.loc[code.lower(), "treatment"] == kind, code
        assert sorted(table.loc[code.lower(), "units_winsorised"]) == sorted(points), code
    assert table.loc["flights", "units_winsorised"] == ["MLT"]
    assert sorted(table.loc["services", "units_winsorised"]) == ["IRL", "LUX", "MLT", "SGP"]


def test_simple_pipeline_through_the_cli_by_hand(tmp_path):
    """denominate -> min-max [0, 100] -> arithmetic mean at every level, computed here straight from the CSVs."""
    res = _build(tmp_path)
    meta = pd.read_csv(ASEM / "asem_iMeta.csv")
    data = pd.read_csv(ASEM / "asem_iData.csv").set_index("uCode")
    ind = meta[meta.Type == "Indicator"].set_index("iCode")
    x = data[ind.index].astype(float).copy()
    for code, den in ind["Denominator"].dropna().items():
        x[code] = x[code] / data[den]
    x = x * ind["Direction"]
    level = (x - x.min()) / (x.max() - x.min()) * 100
    parent = meta.set_index("iCode")["Parent"]
    for lev in (2, 3, 4):
        level = pd.DataFrame({c: level[[k for k in level.columns if parent[k] == c]].mean(axis=1)
                              for c in meta[meta.Level == lev].iCode})
    np.testing.assert_allclose(res["Index"], level["Index"].loc[res.index], rtol=0, atol=1e-12)
    assert res.index[0] == level["Index"].idxmax() == "CHE"
    assert res.loc["CHE", "Index"] == pytest.approx(64.2787, abs=1e-4)


@pytest.mark.parametrize("winmax", [1, 2, 3, 4, 5])
def test_the_winsorisation_limit_changes_results_as_coinr(winmax):
    """The limit had no effect before issue 14 (one point at most): each limit now equals the reference."""
    r = _reference(winmax)
    a = score("asem", DATA, steps="full", treat={"winmax": winmax})
    np.testing.assert_allclose(a["scores"].loc[r["units"], "index"], r["scores"]["Index"], atol=1e-10, rtol=0)
    kinds = next(s for s in a.log if s.name == "treat").details["table"]["treatment"]
    n_log = int(kinds.str.startswith("log").sum())
    assert n_log == sum(1 for k, _ in r["treat_info"].values() if k == "log_CT")
    if winmax == 1:
        assert n_log > 0
    if winmax == 5:
        assert n_log == 0 and int((kinds == "winsorise").sum()) == 15


def test_the_log_is_coinrs_log_ct_not_log_plus_one():
    a = score("asem", DATA, steps="full", treat={"winmax": 1})
    tab = next(s for s in a.log if s.name == "treat").details["table"]
    c = tab.index[tab["treatment"] == "log_CT"][0]
    x = a["screened"][c]
    np.testing.assert_allclose(a["treated"][c], np.log(x - x.min() + 0.01 * (x.max() - x.min())), rtol=1e-15)
    assert not math.isclose(float(a["treated"][c].iloc[0]), float(np.log(x - x.min() + 1).iloc[0]))


def test_the_framework_and_coinrs_metadata_give_the_same_index():
    from assess.engine.spec import spec_from_coinr

    meta = pd.read_csv(ASEM / "asem_iMeta.csv")
    a = score(spec_from_coinr(meta, scale=(0, 100)), DATA, normalise={"method": "minmax", "l_u": [0, 100]})
    b = score("asem", DATA)
    np.testing.assert_allclose(a["scores"]["Index"], b["scores"]["index"], rtol=0, atol=1e-12)


@pytest.mark.parametrize("args, message", [
    (["--data", "/nonexistent/asem.csv"], "expected an indicator table (CSV file). Not found."),
    (["--data", DATA, "--steps", "fulll"], "'fulll' is not a pipeline of 'asem'. Expected one of: default, full"),
    ([], "indicator 'LPI'"),  # the bundled store has no ASEM columns
])
def test_build_errors_are_messages(tmp_path, capsys, args, message):
    assert main(["composite", "build", "asem", *args, "-o", str(tmp_path / "r.csv")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "r.csv").exists()


def test_build_refuses_a_bad_table(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("uCode,LPI\nAUT,4.1\nBEL", encoding="utf-8")  # truncated
    assert main(["composite", "build", "asem", "--data", str(bad), "-o", str(tmp_path / "r.csv")]) == 2
    assert "is it truncated?" in capsys.readouterr().err
    assert main(["composite", "build", "strategic_structure", "-o", str(tmp_path / "r.csv")]) == 2
    assert "is a rubric, not a composite framework" in capsys.readouterr().err
    assert main(["composite", "build", "asem", "--data", DATA, "-o", str(tmp_path)]) == 2
    assert "expected a file to write. Got a folder." in capsys.readouterr().err
