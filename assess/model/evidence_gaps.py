"""A model against the evidence, and a model against a reference: one definition of what is missing.

:func:`cross_check` compares what a descriptive model (today's state, a reference country) claims with the published
evidence of its country, capability by capability, and classifies every difference. :func:`capability_gaps` answers
"what does this model lack against the reference?" once: a capability is **lacking** when some node of the reference
carries it and no node of the model does. Each lacking capability is then classified by what the evidence says:

``omitted``
    the model's country has it by the evidence (present or partial): the model leaves out something that exists;
``unverified``
    the reference claims it on unverified nodes only, and the reference country's evidence does not confirm it;
``missing``
    the evidence says the model's country does not have it (absent);
``unknown``
    no evidence decides it for the model's country (unknown, or no indicator for the capability).

The Model page draws the reference nodes that carry a lacking capability (overlay and side by side alike) and names,
on click, only the lacking capabilities of that node.

Examples
--------
>>> g = capability_gaps("azerbaijan_today", "singapore", year=2024).set_index("capability")
>>> g.loc["cloud_infrastructure", ["status", "own_state"]].tolist()
['omitted', 'present']
>>> g.loc["mobile_services", ["status", "reference_nodes"]].tolist()
['unverified', ['lifesg', 'singpass']]
>>> c = cross_check("azerbaijan_today").set_index("capability")
>>> c.loc["cloud_infrastructure", ["finding", "state"]].tolist(), c.loc["e_participation", "finding"]
(['lacks', 'present'], 'agrees')
"""

from __future__ import annotations

import pandas as pd

from assess.errors import CountryError
from assess.frameworks import CountryModel
from assess.frameworks.vocabulary import CAPABILITIES
from assess.i18n import N_, t
from assess.model.baseline import resolve_model
from assess.model.evidence_states import evidence

__all__ = ["FINDINGS", "GAP_STATUSES", "capability_gaps", "cross_check", "lacking_by_node"]

#: Classes of a lacking capability (see the module docstring), in the order the page lists them.
GAP_STATUSES = {
    "missing": N_("the evidence says the country does not have it"),
    "unknown": N_("no evidence decides whether the country has it"),
    "unverified": N_("the reference claims it on unverified facts only"),
    "omitted": N_("the country has it by the evidence; the model leaves it out"),
}
#: Findings of :func:`cross_check`; the first three are disagreements.
FINDINGS = {
    "lacks": N_("the model has no part with this capability; the evidence says the country has it"),
    "claims_absent": N_("the model claims it; the evidence says absent"),
    "claims_partial": N_("the model claims it; the evidence says only partial"),
    "confirms_unverified": N_("the model claims it on unverified nodes only; the evidence says present"),
    "agrees": N_("the model and the evidence agree"),
    "unknown": N_("the evidence does not decide it"),
}
DISAGREEMENTS = ("lacks", "claims_absent", "claims_partial")
#: How many earlier years :func:`cross_check` looks back when the model's own year has no evidence.
FALLBACK_YEARS = 5


def _as_of_year(m: CountryModel) -> int | None:
    text = str(m.as_of or "")
    return int(text[:4]) if text[:4].isdigit() else None


def _states(country: str, year: int | None) -> pd.DataFrame:
    try:
        return evidence(country, year).set_index("capability")
    except CountryError:
        return pd.DataFrame(columns=["state", "coverage", "values"])


def _nodes_by_tag(m: CountryModel) -> dict[str, list[tuple[str, bool]]]:
    out: dict[str, list[tuple[str, bool]]] = {}
    for n in m.nodes:
        for tag in n.capabilities:
            out.setdefault(tag, []).append((n.id, bool(n.verified)))
    return out


def _values_text(values: list[dict]) -> str:
    return "; ".join(f"{v['indicator']} = {v['value']:g} ({v['source']} {v['edition']})" for v in values
                     if v["value"] is not None)


def cross_check(model, year: int | None = None, lang: str = "en") -> pd.DataFrame:
    """Every capability the evidence decides, what the model claims and what the evidence says.

    Parameters
    ----------
    model : CountryModel or str
        A descriptive model (status ``current`` or ``reference``); a proposal is a design, not a description, and
        gives an empty table.
    year : int, optional
        Evidence year. Default: the year of the model's ``as_of`` (Singapore 2020); when no bundled evidence
        decides any capability in that year (Azerbaijan today is as of 2026, and the GTMI 2025 key-indicator
        values are not bundled), the latest earlier year that has evidence (Azerbaijan today: 2024, GTMI 2022),
        and ``attrs["note"]`` says so.
    lang : str
        Language of ``attrs["note"]``.

    Returns
    -------
    pandas.DataFrame
        ``capability, label, state, values`` (the deciding values as text), ``model_nodes`` (ids), ``verified``
        (some node verified), ``finding`` (:data:`FINDINGS`), ``disagreement`` (bool), ``year`` (evidence year).
        Sorted with the disagreements first.

    Examples
    --------
    >>> c = cross_check("azerbaijan_today")
    >>> int(c["year"].iloc[0]), sorted(c.loc[c.disagreement, "capability"])[:2]
    (2024, ['cloud_infrastructure', 'digital_skills'])
    """
    m = resolve_model(model, year=year)
    cols = ["capability", "label", "state", "values", "model_nodes", "verified", "finding", "disagreement", "year"]
    if m.status == "proposal":
        out = pd.DataFrame(columns=cols)
        out.attrs["note"] = t("{model} is a proposal (a design, not a description): not cross-checked against "
                              "evidence", lang, model=m.id)
        return out
    asked = year
    year = year if year is not None else _as_of_year(m)
    ev = _states(m.country, year)
    note = None
    if asked is None and year is not None and _undecided(ev):
        for earlier in range(year - 1, year - 1 - FALLBACK_YEARS, -1):
            ev_earlier = _states(m.country, earlier)
            if not _undecided(ev_earlier):
                note = t("no bundled evidence decides a capability for {year} (the model's year); checked "
                         "against {earlier}, the latest year with evidence", lang, year=year, earlier=earlier)
                year, ev = earlier, ev_earlier
                break
    by_tag = _nodes_by_tag(m)
    rows = []
    for cap, r in ev[ev["coverage"] == "decided"].iterrows() if len(ev) else []:
        nodes = by_tag.get(cap, [])
        verified = any(ok for _, ok in nodes)
        state = r["state"]
        if state == "unknown":
            finding = "unknown"
        elif not nodes:
            finding = "lacks" if state in ("present", "partial") else "agrees"
        elif state == "absent":
            finding = "claims_absent"
        elif state == "partial":
            finding = "claims_partial"
        else:
            finding = "agrees" if verified else "confirms_unverified"
        rows.append({"capability": cap, "label": CAPABILITIES.get(cap, cap), "state": state,
                     "values": _values_text(r["values"]), "model_nodes": [n for n, _ in nodes], "verified": verified,
                     "finding": finding, "disagreement": finding in DISAGREEMENTS, "year": year})
    out = pd.DataFrame(rows, columns=cols)
    order = {k: i for i, k in enumerate(FINDINGS)}
    out = out.sort_values("finding", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    if note:
        out.attrs["note"] = note
    return out


def _undecided(ev: pd.DataFrame) -> bool:
    """True when no capability the map decides has a known state."""
    if not len(ev):
        return True
    decided = ev[ev["coverage"] == "decided"]
    return bool((decided["state"] == "unknown").all())


def capability_gaps(model, reference, *, year: int | None = None) -> pd.DataFrame:
    """The capabilities the reference has and the model lacks, each classified (:data:`GAP_STATUSES`).

    Returns
    -------
    pandas.DataFrame
        ``capability, label, status, reference_nodes, reference_verified, reference_state, own_state,
        own_values`` (the evidence for the model's country, as text), sorted by status then capability.

    Examples
    --------
    >>> g = capability_gaps("azerbaijan_today", "singapore", year=2024)
    >>> g.set_index("capability")["status"].to_dict()["cloud_infrastructure"]
    'omitted'
    """
    m, ref = resolve_model(model, year=year), resolve_model(reference, year=year)
    own_tags = set(_nodes_by_tag(m))
    ref_by_tag = _nodes_by_tag(ref)
    own_ev, ref_ev = _states(m.country, year), _states(ref.country, year)
    rows = []
    for cap in sorted(set(ref_by_tag) - own_tags):
        nodes = ref_by_tag[cap]
        ref_verified = any(ok for _, ok in nodes)
        own = own_ev["state"].get(cap, "not_modelled") if len(own_ev) else "not_modelled"
        theirs = ref_ev["state"].get(cap, "not_modelled") if len(ref_ev) else "not_modelled"
        if own in ("present", "partial"):
            status = "omitted"
        elif not ref_verified and theirs != "present":
            status = "unverified"
        elif own == "absent":
            status = "missing"
        else:
            status = "unknown"
        values = own_ev["values"].get(cap, []) if len(own_ev) else []
        rows.append({"capability": cap, "label": ref.vocabulary.get(cap, CAPABILITIES.get(cap, cap)), "status": status,
                     "reference_nodes": sorted(n for n, _ in nodes), "reference_verified": ref_verified,
                     "reference_state": theirs, "own_state": own, "own_values": _values_text(values)})
    cols = ["capability", "label", "status", "reference_nodes", "reference_verified", "reference_state", "own_state",
            "own_values"]
    out = pd.DataFrame(rows, columns=cols)
    order = {k: i for i, k in enumerate(GAP_STATUSES)}
    return out.sort_values(["status", "capability"], key=lambda s: s.map(order) if s.name == "status" else s,
                           kind="stable").reset_index(drop=True)


def lacking_by_node(gaps: pd.DataFrame) -> dict[str, list[dict]]:
    """Reference node → the lacking capabilities it carries (``capability, label, status``), from
    :func:`capability_gaps`: the one list the overlay and the side-by-side view both draw.

    Examples
    --------
    >>> by_node = lacking_by_node(capability_gaps("azerbaijan_today", "singapore", year=2024))
    >>> [c["capability"] for c in by_node["lifesg"]]
    ['life_event_services', 'mobile_services']
    """
    out: dict[str, list[dict]] = {}
    for r in gaps.itertuples():
        for n in r.reference_nodes:
            out.setdefault(n, []).append({"capability": r.capability, "label": r.label, "status": r.status})
    return {n: sorted(v, key=lambda c: c["capability"]) for n, v in sorted(out.items())}
