"""Adding an edition works end to end, as data/SOURCES.md ("Adding an edition") says: a synthetic UN Survey 2026 and a
synthetic GTMI 2028 release are dropped into a temporary copy of the project (file, checksum, framework entry; no
code changed), then loaded, validated, scored and shown by the dashboard's view functions.

The synthetic files are built in the test from the bundled ones and never leave the temporary folder: UN 2026 = the
2024 components with EGDI their mean (5 decimals) and ranks recomputed; GTMI 2028 = the 2025 composites and the
2022 key indicators relabelled.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("assess", "frameworks", "pages", "ui", "assets", "app.py", "pyproject.toml")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _un_2026(data: Path) -> Path:
    src = pd.read_csv(data / "un_egdi/EGOV_DATA_2024_renamed_cols.csv", dtype=str, keep_default_na=False)
    comp = src[["Online_Service", "Human_Capital", "Tele_Infra"]].astype(float)
    egdi = comp.mean(axis=1).round(5)
    out = pd.DataFrame({
        "Survey Year": "2026", "Country Name": src["Country"],
        "E-Government Rank": egdi.rank(ascending=False, method="min").astype(int).astype(str),
        "E-Government Index": egdi.map(lambda v: f"{v:.5f}"), "E-Participation Index": src["E_Participation"],
        "Online Service Index": src["Online_Service"], "Human Capital Index": src["Human_Capital"],
        "Telecommunication Infrastructure Index": src["Tele_Infra"]})
    path = data / "un_egdi/egovkb_csv/EGOV_DATA_2026.csv"
    out.to_csv(path, index=False, lineterminator="\n")
    return path


def _gtmi_2028(data: Path) -> list[Path]:
    g = pd.read_excel(data / "wb_gtmi/gtmiR_groups_data_2020_2022_2025.xlsx", engine="calamine", dtype=object)
    g = g[(g["year"] == 2025) & g["country_code"].map(lambda v: isinstance(v, str) and len(v) == 3)].copy()
    g["year"] = 2028
    groups = data / "wb_gtmi/gtmi_groups_2028.xlsx"
    g.to_excel(groups, index=False)
    k = pd.read_excel(data / "wb_gtmi/Clean_GovTech_CG_GTMI_Data_2020_2022.xlsx", engine="calamine", dtype=object)
    k = k[k["Year"] == 2022][["Year", "Code", "Economy", *[f"I-{i}" for i in range(1, 49)]]].copy()
    k["Year"] = 2028
    k.loc[k["Code"] == "AZE", "I-1"] = 1  # a value that differs from 2022 (2) to show which edition decides
    key = data / "wb_gtmi/gtmi_key_indicators_2028.xlsx"
    k.to_excel(key, index=False)
    return [groups, key]


def _add_edition(framework: Path, year: int, note: str) -> None:
    text = framework.read_text(encoding="utf-8")
    assert "\neditions:\n" in text
    framework.write_text(text.rstrip("\n") + f"\n  {year}: {{note: \"{note}\", method_break: false}}\n", encoding="utf-8")


SCRIPT = r"""
import json, sys
import dash
dash.Dash(__name__, use_pages=True, pages_folder="")
import assess
from assess.data import load_report, verify_checksums
from assess.indices.published import EDITIONS, GTMI_EDITIONS, published
from assess.indices.reproduce import reproduce_egdi
from pages import country as country_page, model as model_page
from ui import components as ui

out = {"assess": assess.__file__, "checksums": verify_checksums(), "un_editions": list(EDITIONS),
       "gtmi_editions": list(GTMI_EDITIONS), "report_un": load_report()["un_editions"]}
st = assess.load_indicators()
out["years"] = {s: sorted(int(y) for y in g["year"].unique()) for s, g in st.groupby("source", observed=True)}
p = published(2026)
out["aze_egdi_2026"] = float(p.loc["AZE", "egdi"])
out["aze_rank_2026"] = int(p.loc["AZE", "egdi_rank"])
r = reproduce_egdi(2026)
out["reproduce_max_diff"] = float(r.summary["max_abs_diff"])
out["score_aze"] = float(assess.score_egdi(2026).scores["AZE"])
cat = assess.indicator_catalogue("wb_gtmi_indicators").set_index(["indicator", "edition"])
out["i40_2028"] = [cat.loc[("I-40", 2028), "name"], bool(cat.loc[("I-40", 2028), "meaning_changed"])]
out["i1_2028_bundled"] = bool(cat.loc[("I-1", 2028), "values_bundled"])
g = assess.gtmi_profile("AZE", 2028)
out["gtmi_2028"] = [g["edition"], g["key_edition"], round(g["gtmi"], 4)]
k = g["key_indicators"].set_index("code")
out["gtmi_2028_i40_name"] = k.loc["I-40", "name"]
e = assess.evidence("AZE", 2028).set_index("capability")
out["cloud_2028"] = [e.loc["cloud_infrastructure", "state"], e.loc["cloud_infrastructure", "values"][0]["edition"]]
out["register_2028"] = [e.loc["population_register", "state"], e.loc["population_register", "values"][0]["reason"]]
m = assess.baseline_model("AZE", 2028)
out["baseline_2028"] = [m.node("government_cloud").name["en"], m.as_of]
# the dashboard's view functions
view = country_page.profile("AZE", 2026)
out["profile_egdi"] = float(view["egdi"])
out["slider_has_2026"] = 2026 in ui.EDITIONS
pos = ui.edition_position(2026)
out["slider_year"] = ui.edition_year(pos)
tiles, trend, bars, strengths, stages, gtmi_card, alert = country_page._country_outputs("AZE", out["slider_year"])
out["tiles_ok"] = alert is None and "EGDI 2026" in str(tiles) and f"{out['aze_egdi_2026']:.5f}" in str(tiles)
out["trend_has_2026"] = 2026 in [int(x) for t in trend["data"] for x in (t.get("x") or []) if str(x).isdigit()]
graphs, head, checks, details = model_page.render("baseline_aze", None, "readiness", "overlay", ["org", "tech"])
out["model_page_ok"] = "Choose a model" not in str(graphs) and "Unknown model" not in str(graphs)
print("RESULT " + json.dumps(out))
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("project")
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dst / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dst / part)
    shutil.copytree(ROOT / "data", dst / "data")
    data = dst / "data"
    new = [_un_2026(data), *_gtmi_2028(data)]
    with (data / "SHA256SUMS").open("a", encoding="utf-8") as fh:  # step 2: the checksums
        for path in new:
            fh.write(f"{_sha(path)}  {path.relative_to(data).as_posix()}\n")
    fw = dst / "frameworks"
    _add_edition(fw / "un_egdi.yaml", 2026, "Synthetic test edition")  # step 4: the framework entry
    _add_edition(fw / "gtmi.yaml", 2028, "Synthetic test edition")
    # the evidence map lists the editions in which a question is the one quoted: add 2028 for I-1 only
    em = fw / "capability_evidence.yaml"
    text = em.read_text(encoding="utf-8")
    old = "gtmi_i1: {source: wb_gtmi_indicators, indicator: I-1, editions: [2020, 2022, 2025]}"
    assert old in text
    em.write_text(text.replace(old, old.replace("2025]", "2025, 2028]")), encoding="utf-8")
    return dst


@pytest.fixture(scope="module")
def result(project, tmp_path_factory) -> dict:
    env = {**os.environ, "PYTHONPATH": str(project), "EGOV_ASSESS_CACHE": str(tmp_path_factory.mktemp("cache"))}
    env.pop("EGOV_ASSESS_DATA", None)
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=project, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def test_the_copy_is_what_runs_and_every_file_is_checked(result, project):
    assert Path(result["assess"]).is_relative_to(project)
    assert result["checksums"] == []


def test_un_2026_loaded_validated_and_scored(result, project):
    assert result["un_editions"][-1] == 2026 and result["report_un"][-1] == 2026
    assert result["years"]["un_egov"][-1] == 2026
    src = pd.read_csv(project / "data/un_egdi/egovkb_csv/EGOV_DATA_2026.csv")
    aze = src[src["Country Name"].str.strip() == "Azerbaijan"].iloc[0]
    assert result["aze_egdi_2026"] == aze["E-Government Index"]
    assert result["aze_rank_2026"] == aze["E-Government Rank"]
    # EGDI is the mean of the components at 5 decimals: reproduced within rounding
    assert result["reproduce_max_diff"] <= 5e-6
    assert result["score_aze"] == pytest.approx(np.mean([aze["Online Service Index"], aze["Human Capital Index"],
                                                         aze["Telecommunication Infrastructure Index"]]), abs=1e-9)


def test_gtmi_2028_release_loaded_named_and_used_by_the_evidence(result):
    assert result["gtmi_editions"][-1] == 2028
    assert result["years"]["wb_gtmi"][-1] == 2028 and result["years"]["wb_gtmi_indicators"][-1] == 2028
    # I-40 asks the 2025 question from 2025 on: never the national-ID name beside a 2028 value
    assert result["i40_2028"] == ["Is there a government strategy or policy in place to promote the integration of "
                                  "Green Technology within GovTech initiatives?", True]
    assert result["gtmi_2028_i40_name"] == result["i40_2028"][0]
    assert result["i1_2028_bundled"] is True
    assert result["gtmi_2028"][:2] == [2028, 2028]
    # the evidence takes I-1 from 2028 (1: strategy only -> partial), and refuses I-40 (another question)
    assert result["cloud_2028"] == ["partial", 2028]
    assert result["register_2028"][0] == "unknown" and "asks another question" in result["register_2028"][1]
    assert result["baseline_2028"] == ["Shared government cloud (partial)", "2028"]


def test_dashboard_view_functions_show_the_new_edition(result):
    assert result["profile_egdi"] == result["aze_egdi_2026"]
    assert result["slider_has_2026"] and result["slider_year"] == 2026
    assert result["tiles_ok"] and result["trend_has_2026"]
    assert result["model_page_ok"]
