"""Scoring sub-commands."""

import io
import json

import pandas as pd

from assess.cli.score_cmd import run


def test_score_csv(capsys):
    assert run(["score", "--framework", "un_egdi", "--year", "2024", "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), index_col=0)
    assert len(df) == 193 and df.loc["AZE", "rank"] == 74 and df.loc["SGP", "rank"] == 3
    assert abs(df.loc["AZE", "egdi"] - 0.76073) < 1e-4


def test_gap_whatif_json(capsys):
    assert run(["gap", "AZE", "--against", "SGP", "--year", "2024", "--format", "json"]) == 0
    g = json.loads(capsys.readouterr().out)
    assert g[0]["rank"] == 74 and g[0]["ref_rank"] == 3
    assert run(["whatif", "AZE", "--set", "osi=0.85", "--format", "json"]) == 0
    w = json.loads(capsys.readouterr().out)
    assert w[0]["iso3"] == "AZE" and w[0]["new_rank"] < 74


def test_uncertainty_and_errors(capsys):
    assert run(["uncertainty", "--year", "2024", "-n", "500", "--top", "3", "--format", "csv"]) == 0
    out = capsys.readouterr()
    assert "DNK" in out.out and "500 replications" in out.err
    assert run(["whatif", "AZE", "--set", "osi"]) == 2
    assert "expected COMPONENT=VALUE" in capsys.readouterr().err
    assert run(["reproduce", "--year", "2010", "--format", "csv"]) == 0
    rep = pd.read_csv(io.StringIO(capsys.readouterr().out), index_col=0)
    assert abs(rep.loc[2010, "max_abs_diff"] - 0.00399) < 1e-6 and rep.loc[2010, "rank_mismatches"] == 0
