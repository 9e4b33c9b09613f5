"""A baseline country model for any of the 198 GTMI economies, built from published evidence.

:func:`baseline_model` takes the capability states of :func:`assess.evidence` and the template of the evidence map
(``baseline:`` of ``frameworks/capability_evidence.yaml``): each part whose capability the evidence calls present or
partial becomes a node (``basis: source``, citing the indicator, its value and edition), linked to the root body and
the user groups; a part whose body is not attested hangs from the root. The model is an ordinary
:class:`~assess.frameworks.CountryModel` (validated like a file), so it can be checked, drawn, scored for readiness
and compared with Singapore, Estonia or the paper's proposal like a hand-built one. Its id is ``baseline_<iso3>``.

What it is not: the evidence says a part exists, not what it is called, who runs it or how the parts are linked.
Names are generic; the root body and every link are ``basis: inferred`` with the reason.

Examples
--------
>>> m = baseline_model("GEO", 2024)
>>> m.id, m.country, m.status, m.as_of
('baseline_geo', 'GEO', 'current', '2024')
>>> n = m.node("participation_platform")
>>> n.basis, n.capabilities, n.sources[0]["excerpt"]
('source', ('e_participation',), 'I-30 = 1 for GEO (World Bank GTMI 2022)')
>>> m.node("digital_strategy").name["en"]
'GovTech / digital transformation strategy (partial)'
"""

from __future__ import annotations

import re

from assess.data import countries
from assess.data.catalogue import DATASETS
from assess.errors import AssessError, CountryError
from assess.frameworks import (
    CountryModel,
    framework_from_dict,
    framework_ids,
    load_framework,
    memoise_on_inputs,
)
from assess.frameworks.vocabulary import BODY_TYPES
from assess.i18n import N_
from assess.model.evidence_states import EVIDENCE_MAP, _map, evidence, evidence_economies, source_edition

__all__ = ["BASELINE_PREFIX", "baseline_document", "baseline_id", "baseline_iso3", "baseline_model", "resolve_model"]

#: Model ids ``baseline_<iso3 lower case>``.
BASELINE_PREFIX = "baseline_"
ATTESTED = ("present", "partial")
_PARTIAL = {"en": "partial", "az": "qismən"}
_LINK_REASON = N_("generic link of a baseline model: the evidence attests the parts, not how they are linked or who "
                  "runs them")
_SOURCE_TITLES = {"wb_gtmi_indicators": "World Bank GTMI {edition}, key indicator {indicator}",
                  "eu_egov_benchmark": "European Commission eGovernment Benchmark, data year {edition}, {indicator}"}


def baseline_id(iso3: str) -> str:
    """The model id of an economy's baseline.

    Examples
    --------
    >>> baseline_id("GEO"), baseline_iso3("baseline_geo"), baseline_iso3("singapore")
    ('baseline_geo', 'GEO', None)
    """
    return BASELINE_PREFIX + iso3.lower()


def baseline_iso3(model_id) -> str | None:
    """The ISO3 code of a baseline model id (``None`` for any other id)."""
    if isinstance(model_id, str) and re.fullmatch(BASELINE_PREFIX + r"[a-z]{3}", model_id):
        return model_id[len(BASELINE_PREFIX):].upper()
    return None


def _citation(v: dict, iso3: str) -> dict:
    ds = DATASETS[v["source"]]
    title = _SOURCE_TITLES.get(v["source"], "{source} {edition}, {indicator}").format(**v)
    label = "World Bank GTMI" if v["source"] == "wb_gtmi_indicators" else ds.publisher.split(",")[0]
    return {"title": f"{title}: {v['name']}" if v["name"] else title, "url": ds.url, "publisher": ds.publisher,
            "date": int(v["edition"]), "excerpt": f"{v['indicator']} = {v['value']:g} for {iso3} ({label} {v['edition']})"}


def _country_names(iso3: str) -> tuple[str, str]:
    c = countries().set_index("iso3")
    if iso3 not in c.index:
        raise CountryError(iso3, "unknown country. Expected the ISO3 code of a country.", source="baseline_model")
    en = str(c.at[iso3, "name"])
    az = str(c.at[iso3, "name_az"]) if "name_az" in c.columns and c.at[iso3, "name_az"] == c.at[iso3, "name_az"] \
        and str(c.at[iso3, "name_az"]).strip() else en
    return en, az


def baseline_document(iso3: str, year: int | None = None, *, evidence_map: str = EVIDENCE_MAP) -> dict:
    """The baseline model of *iso3* as a country-model document (what a YAML file would hold).

    Raises
    ------
    CountryError
        *iso3* is not one of the GTMI economies (:func:`assess.model.evidence_states.evidence_economies`).
    """
    code = iso3.upper() if isinstance(iso3, str) else iso3
    if code not in evidence_economies():
        raise CountryError(iso3, f"expected one of the {len(evidence_economies())} GTMI economies (ISO3 code, e.g. "
                                 "'GEO').", source="baseline_model")
    em = _map(evidence_map)
    ev = evidence(code, year, evidence_map=evidence_map).set_index("capability")
    en, az = _country_names(code)
    tpl = em.baseline
    root = tpl["root"]
    body_ids = {root["id"]} | {n["id"] for n in tpl["nodes"] if n["type"] in BODY_TYPES}
    nodes = [{
        "id": root["id"], "type": root["type"], "name": {"en": f"{root['name']['en']} ({en})",
                                                        "az": f"{root['name']['az']} ({az})"},
        "mandate": list(root.get("mandate") or []), "basis": "inferred",
        "reason": N_("every economy has an executive government; the evidence does not name the bodies")}]
    nodes += [{"id": u["id"], "type": u["type"], "name": dict(u["name"]), "basis": "inferred",
               "reason": N_("the users of online public services (generic user groups)")} for u in tpl.get("users") or []]
    built = {n["id"] for n in nodes}
    parts = []
    for t in tpl["nodes"]:
        row = ev.loc[t["capability"]]
        if row["state"] not in ATTESTED:
            continue
        used = [v for v in row["values"] if v["value"] is not None]
        name = dict(t["name"])
        if row["state"] == "partial":
            name = {lang: f"{text} ({_PARTIAL.get(lang, 'partial')})" for lang, text in name.items()}
        node = {"id": t["id"], "type": t["type"], "name": name, "capabilities": [t["capability"]],
                "basis": "source", "sources": [_citation(v, code) for v in used],
                "note": f"evidence {row['state']}: " + "; ".join(f"{v['indicator']} = {v['value']:g} "
                                                                 f"({v['source']} {v['edition']})" for v in used)}
        if t.get("mandate"):
            node["mandate"] = list(t["mandate"])
        if t.get("description"):
            node["description"] = t["description"]
        parts.append((t, node))
        built.add(t["id"])
    relations, seen = [], set()
    for t, node in parts:
        nodes.append(node)
        for rel in t.get("relations") or []:
            other = rel.get("to", rel.get("from"))
            if other not in built:
                if other not in body_ids:
                    continue
                other = root["id"]
            src, dst = (t["id"], other) if "to" in rel else (other, t["id"])
            if src == dst or (src, rel["type"], dst) in seen:
                continue
            seen.add((src, rel["type"], dst))
            relations.append({"from": src, "type": rel["type"], "to": dst, "basis": "inferred", "reason": _LINK_REASON})
        for ref in t.get("measured_by") or []:
            relations.append({"from": t["id"], "type": "measured_by", "to": ref, "basis": "inferred",
                              "reason": N_("the published composite component that measures this kind of part")})
    gtmi = source_edition("wb_gtmi_indicators", year, evidence_map=evidence_map)
    eu = source_edition("eu_egov_benchmark", year, evidence_map=evidence_map)
    used = f"World Bank GTMI {gtmi} key indicators" if gtmi else "no GTMI edition"
    used += f"; EU eGovernment Benchmark data year {eu}" if eu else ""
    when = str(year) if year is not None else "latest"
    return {
        "id": baseline_id(code), "kind": "country_model",
        "name": {"en": f"{en}: baseline from published evidence ({when})",
                 "az": f"{az}: dərc olunmuş sübutlara əsaslanan baza modeli ({when})"},
        "country": code, "status": "current", "as_of": year if year is not None else (gtmi or 0),
        "source": f"{used} (assess.baseline_model; frameworks/{em.id}.yaml)",
        "description": ("Built from published evidence: a part appears when its capability is present or partial "
                        "for the economy; names are generic and links inferred."),
        "nodes": nodes, "relations": relations,
    }


def baseline_model(iso3: str, year: int | None = None, *, evidence_map: str = EVIDENCE_MAP) -> CountryModel:
    """The baseline country model of an economy for a year (validated; see the module docstring).

    Parameters
    ----------
    iso3 : str
        One of the 198 GTMI economies (``"GEO"``).
    year : int, optional
        The year asked (the evidence year policy picks each source's edition); None: the latest evidence.

    Examples
    --------
    >>> m = baseline_model("GEO", 2022)
    >>> m.id, m.country, m.node("digital_strategy").basis
    ('baseline_geo', 'GEO', 'source')
    """
    code = iso3.upper() if isinstance(iso3, str) else iso3
    if not isinstance(evidence_map, str) or not isinstance(year, int | None) or not isinstance(code, str):
        return _baseline_model(code, year, evidence_map)
    # built once per economy, year, data and frameworks (about 20 ms each): the Model page asks several times
    return _baseline_memo(code, year, evidence_map)


@memoise_on_inputs(maxsize=512)
def _baseline_memo(iso3: str, year: int | None, evidence_map: str) -> CountryModel:
    return _baseline_model(iso3, year, evidence_map)


def _baseline_model(iso3, year, evidence_map) -> CountryModel:
    doc = baseline_document(iso3, year, evidence_map=evidence_map)
    return framework_from_dict(doc, source=f"baseline model {doc['country']} ({doc['as_of']})")


def resolve_model(model, *, year: int | None = None) -> CountryModel:
    """A country model from a framework id (``"singapore"``), a baseline id (``"baseline_geo"``) or an object.

    Request values may be passed as they are: anything else is refused with the ids expected.

    Examples
    --------
    >>> resolve_model("baseline_tjk").country, resolve_model("estonia").country
    ('TJK', 'EST')
    """
    if isinstance(model, CountryModel):
        return model
    iso3 = baseline_iso3(model)
    if iso3 is not None:
        return baseline_model(iso3, year)
    if isinstance(model, str) and model in framework_ids():
        m = load_framework(model)
        if isinstance(m, CountryModel):
            return m
    shown = model if isinstance(model, str) and len(model) <= 40 else "this value"
    raise AssessError(f"Unknown model {shown!r}: expected a country model of frameworks/ or baseline_<iso3> "
                      "(one of the GTMI economies, e.g. baseline_geo).")
