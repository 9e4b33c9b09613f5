"""Model readiness: each component of a country model scored from the published evidence of its capabilities and
the composite indices it is linked to.

**Readiness** of a component (a portal, an identity platform, a ministry…) is the mean of two parts, each on
[0, 1], a part without data left out:

* **evidence**: the mean, over the component's capability tags that the evidence map decides
  (:func:`assess.evidence` for the model's country), of the state's score: present 1, partial 0.5, absent 0
  (:data:`assess.model.evidence_states.STATE_SCORE`). A tag whose evidence is *unknown* or that no indicator decides
  (*not modelled*) adds nothing and is listed (``unknown``, ``not_modelled``);
* **indicators**: the mean of the published values of the composite-framework nodes it is linked to by
  ``measured_by`` edges (``un_egdi.osi``, ``gtmi.psdi``, ``oecd_dgi.data_driven``…), each rescaled to [0, 1] by
  its framework's scale (the EU benchmark's 0–100 becomes 0–1). A component also counts the indicators of its
  parts (``part_of``), as :func:`assess.model.analytics.indicators_driven` does.

A component with capability tags but no data is **explicitly unknown** (``status`` ``unknown`` with the reason in
``why_unknown``), never silently blank. For a proposal the evidence is today's: the readiness of the proposed
component as the country stands now.

Rules, shown in the output rather than hidden:

* **latest available year**: with ``year=None`` each indicator takes its latest published year for the
  country; with a year, the latest one not after it. The ``years`` column says which.
* a framework node with several leaves (e.g. ``un_egdi.egdi``) takes the weighted mean of its leaves'
  published values; a node whose source does not cover the country (OECD DGI has no Azerbaijan) is listed
  in ``missing`` and left out of the mean.
* **gap to the reference**: components are aligned with the reference model through capability tags
  (:func:`assess.model.compare.align`); the reference readiness is the mean readiness of the reference components
  that share at least one tag, computed for the reference model's own country. ``gap = reference − own``.

Examples
--------
>>> r = readiness("azerbaijan_proposal", year=2024, reference="singapore").set_index("node")
>>> gw = r.loc["egov_gateway"]
>>> round(float(gw["readiness_indicators"]), 4), float(gw["readiness_evidence"]), round(float(gw["readiness"]), 4)
(0.837, 1.0, 0.9185)
>>> gw["years"]
'gtmi.psdi: 2022; un_egdi.osi: 2024; evidence: wb_gtmi_indicators 2022'
>>> r.loc["it_coordination_council", ["status", "why_unknown"]].tolist()
['unknown', 'no indicator decides ict_coordination_body; no linked index']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assess.caches import memoise
from assess.data import load_indicators
from assess.errors import AssessError, CountryError, Issue, ModelGraphError
from assess.frameworks import (
    CompositeFramework,
    CountryModel,
    framework_ids,
    load_framework,
    memoise_on_inputs,
)
from assess.i18n import t
from assess.model.analytics import indicators_driven
from assess.model.baseline import resolve_model
from assess.model.build import build_graph
from assess.model.evidence_states import STATE_SCORE, evidence

__all__ = ["indicator_value", "readiness", "why_unknown"]


def _leaves(fw: CompositeFramework, node_id: str) -> list[tuple[dict, float]]:
    """(source, weight) of every indicator under ``node_id``; weights multiply down the tree."""
    node = fw.node(node_id)
    if getattr(node, "source", None):
        return [(node.source, 1.0)]
    out = []
    kids = fw.children(node_id)
    total = sum(float(k.weight) for k in kids) or 1.0
    for k in kids:
        out += [(src, w * float(k.weight) / total) for src, w in _leaves(fw, k.id)]
    return out


@memoise(maxsize=1)
def _country_level() -> dict[tuple[str, str, str], tuple[np.ndarray, np.ndarray]]:
    """The store's country-level values as ``{(source, indicator, iso3): (years ascending, values)}``: a node's
    value is looked up in microseconds (a pandas look-up per leaf cost about 1 ms, 30 of them per model)."""
    df = load_indicators()
    df = df[(df["breakdown"] == "") & df["value"].notna()]
    df = df.sort_values(["source", "indicator", "iso3", "year"], kind="stable")
    keys = list(zip(df["source"].astype(str), df["indicator"].astype(str), df["iso3"].astype(str), strict=True))
    years, values = df["year"].to_numpy(dtype=int), df["value"].to_numpy(dtype=float)
    out: dict = {}
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out[keys[start]] = (years[start:i], values[start:i])
            start = i
    return out


def indicator_value(ref: str, iso3: str, *, year: int | None = None) -> dict:
    """Published value of a framework node (``"framework.node"``) for one country.

    Returns a dict with ``value`` (as published), ``scaled`` (to [0, 1] by the framework's scale),
    ``year`` (the latest available, not after *year*) and ``note``. ``value`` is NaN when the source
    does not cover the country.

    Examples
    --------
    >>> v = indicator_value("un_egdi.osi", "AZE", year=2024)
    >>> v["value"], v["year"]
    (0.73863, 2024)
    >>> indicator_value("eu_egov_benchmark.user_centricity", "EST", year=2022)["scaled"] > 0.9
    True
    >>> indicator_value("oecd_dgi.data_driven", "AZE")["note"]
    'oecd_dgi does not cover AZE'

    A source with a single edition (the OECD DGI 2023):

    >>> indicator_value("oecd_dgi.open_default", "EST")
    {'value': 0.623, 'scaled': 0.623, 'year': 2023, 'note': ''}
    """
    fw_id, _, node_id = ref.partition(".")
    fw = load_framework(fw_id)
    if not isinstance(fw, CompositeFramework):
        raise AssessError(f"{ref}: expected a node of a composite framework. Found a {fw.kind}.")
    lo, hi = float(fw.scale.get("min", 0)), float(fw.scale.get("max", 1))
    table = _country_level()
    values, weights, years = [], [], []
    for src, w in _leaves(fw, node_id):
        found = table.get((src["dataset"], src["indicator"], iso3))
        if found is None:
            continue
        ys, vs = found
        last = len(ys) - 1 if year is None else int(np.searchsorted(ys, year, side="right")) - 1  # latest <= year
        if last < 0:
            continue
        values.append(float(vs[last]))
        weights.append(w)
        years.append(int(ys[last]))
    if not values:
        return {"value": np.nan, "scaled": np.nan, "year": None, "note": f"{fw_id} does not cover {iso3}"
                + (f" up to {year}" if year else "")}
    value = float(np.average(values, weights=weights))
    return {"value": value, "scaled": (value - lo) / (hi - lo), "year": max(years), "note": ""}


def _evidence_states(country: str, year: int | None) -> dict[str, dict]:
    """capability → {state, coverage, editions, values} for the model's country (empty when it has no evidence)."""
    try:
        e = evidence(country, year)
    except CountryError:
        return {}
    return {r.capability: {"state": r.state, "coverage": r.coverage, "values": r.values,
                           "editions": "; ".join(sorted({f"{v['source']} {v['edition']}" for v in r.values
                                                         if v["value"] is not None}))}
            for r in e.itertuples()}


def why_unknown(unknown, not_modelled, missing, country: str, lang: str = "en") -> str:
    """Why a component's readiness is unknown (its ``unknown``, ``not_modelled`` and ``missing`` columns), in ``lang``.

    Examples
    --------
    >>> why_unknown([], ["ict_coordination_body"], [], "AZE", "az")
    'heç bir göstərici müəyyən etmir: ict_coordination_body; əlaqəli indeks yoxdur'
    """
    why = []
    if unknown:
        why.append(t("evidence unknown for {tags}", lang, tags=", ".join(unknown)))
    if not_modelled:
        why.append(t("no indicator decides {tags}", lang, tags=", ".join(not_modelled)))
    why.append(t("no data for {country} in {indicators}", lang, country=country, indicators=", ".join(missing))
               if missing else t("no linked index", lang))
    return "; ".join(why)


def _node_readiness(model: CountryModel, *, year: int | None) -> pd.DataFrame:
    G = build_graph(model)
    driven = indicators_driven(G)
    states = _evidence_states(model.country, year)
    rows = []
    for node, data in G.nodes(data=True):
        if data.get("type") == "indicator":
            continue
        refs = driven.get(node, [])
        vals, years, missing = [], [], []
        for ref in refs:
            v = indicator_value(ref, model.country, year=year)
            if np.isnan(v["value"]):
                missing.append(ref)
            else:
                vals.append(v["scaled"])
                years.append(f"{ref}: {v['year']}")
        caps = list(data.get("capabilities", []) or [])
        scores, ev_states, unknown, not_modelled, ev_years = [], {}, [], [], set()
        for tag in caps:
            st = states.get(tag, {"state": "not_modelled", "editions": ""})
            ev_states[tag] = st["state"]
            if st["state"] in STATE_SCORE:
                scores.append(STATE_SCORE[st["state"]])
                ev_years.update(x for x in st["editions"].split("; ") if x)
            elif st["state"] == "unknown":
                unknown.append(tag)
            else:
                not_modelled.append(tag)
        if ev_years:
            years.append("evidence: " + ", ".join(sorted(ev_years)))
        part_i = float(np.mean(vals)) if vals else np.nan
        part_e = float(np.mean(scores)) if scores else np.nan
        parts = [x for x in (part_i, part_e) if not np.isnan(x)]
        value = float(np.mean(parts)) if parts else np.nan
        why = why_unknown(unknown, not_modelled, missing, model.country) if not parts and (caps or refs) else ""
        rows.append({
            "node": node,
            "name": data.get("label", node),
            "type": data.get("type"),
            "verified": bool(data.get("verified", True)),
            "capabilities": caps,
            "indicators": refs,
            "readiness": value,
            "readiness_indicators": part_i,
            "readiness_evidence": part_e,
            "evidence": ev_states,
            "status": "measured" if parts else ("unknown" if caps or refs else "none"),
            "why_unknown": why,
            "unknown": unknown,
            "not_modelled": not_modelled,
            "years": "; ".join(years),
            "missing": missing,
        })
    return pd.DataFrame(rows)


def readiness(model: CountryModel | str, *, year: int | None = None,
              reference: CountryModel | str | None = None) -> pd.DataFrame:
    """Readiness of every component of a country model, and its gap to the aligned reference components.

    Parameters
    ----------
    model : CountryModel or str
        The model, its framework id (``"azerbaijan_proposal"``) or a baseline id (``"baseline_geo"``); its
        ``country`` gives the data.
    year : int, optional
        Latest year of data to use (default: the latest available per indicator).
    reference : CountryModel or str, optional
        A reference model (``"singapore"``) for the gap columns.

    Returns
    -------
    pandas.DataFrame
        One row per component: ``node, name, type, verified, capabilities, indicators, readiness,
        readiness_indicators, readiness_evidence, evidence`` (tag → state), ``status`` (measured, unknown, none),
        ``why_unknown, unknown, not_modelled, years, missing`` and, with a reference, ``reference_nodes,
        reference_readiness, gap``. Sorted by gap (largest first) when there is a reference, else by readiness.

    Examples
    --------
    >>> r = readiness("azerbaijan_today", reference="singapore").set_index("node")
    >>> bool(r["readiness"].notna().any()), "gap" in r.columns
    (True, True)
    """
    if isinstance(model, str) and isinstance(reference, str | None) and isinstance(year, int | None):
        return _readiness_of_ids(model, year, reference)  # the Model page asks for the same ones again and again
    return _readiness(model, year, reference)


@memoise_on_inputs(maxsize=256)
def _readiness_of_ids(model: str, year: int | None, reference: str | None) -> pd.DataFrame:
    return _readiness(model, year, reference)


def _readiness(model, year, reference) -> pd.DataFrame:
    if isinstance(model, str) and model in framework_ids() and not isinstance(load_framework(model), CountryModel):
        raise AssessError(f"{model}: readiness needs a country model. Found a {load_framework(model).kind}.")
    m = resolve_model(model, year=year)
    if not m.country:
        raise ModelGraphError(m.id, [Issue("country", "expected the ISO3 code of the model's country. Found none.")])
    own = _node_readiness(m, year=year)
    if reference is None:
        return own.sort_values("readiness", ascending=False, na_position="last").reset_index(drop=True)
    ref = resolve_model(reference, year=year)
    ref_rows = _node_readiness(ref, year=year).set_index("node")
    by_tag: dict[str, list[str]] = {}
    for node, caps in ref_rows["capabilities"].items():
        for tag in caps:
            by_tag.setdefault(tag, []).append(node)
    ref_readiness = ref_rows["readiness"].to_dict()  # node ids are unique in a model
    ref_nodes, ref_vals = [], []
    for caps in own["capabilities"]:
        nodes = sorted({n for tag in caps for n in by_tag.get(tag, [])})
        vals = [float(v) for v in (ref_readiness[n] for n in nodes) if v == v and v is not None]
        ref_nodes.append(nodes)
        ref_vals.append(float(np.mean(vals)) if vals else np.nan)
    own["reference_nodes"] = ref_nodes
    own["reference_readiness"] = ref_vals
    own["gap"] = own["reference_readiness"] - own["readiness"]
    return own.sort_values(["gap", "readiness"], ascending=[False, False], na_position="last").reset_index(drop=True)
