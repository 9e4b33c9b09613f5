"""Model: a country's technical and organisational e-government model as an interactive graph.

URL state: ``/model?model=azerbaijan_proposal&reference=singapore&colour=gap&view=overlay`` (kept in sync
with the controls by :func:`ui.components.register_url_sync`, ``show=org,tech`` and ``asof=2020`` too; a key
missing from the URL means the page's default). A model is one of the hand-built models of ``frameworks/`` or the
baseline of any of the 198 GTMI economies (``model=baseline_geo``: :func:`assess.baseline_model`).
Everything shown is computed by :mod:`assess.model`; this page only lays it out: where each element comes from
(basis: paper, source, inferred), the model as of a year (:func:`assess.model.timeline.graph_as_of`), for a
proposal what of it came true (:func:`assess.model.realised.realisation`) with its 2013 → today timeline, the gap
list (:func:`assess.capability_gaps`, one list for the overlay and the side-by-side view) and the evidence check
(:func:`assess.cross_check`). The page speaks the language of the URL (``?lang=az``: ``_ = ui.text(lang)``; the
callbacks read it from the ``model-lang`` store; node names are the models' own ``{en, az}`` names, the library
functions take ``lang``).
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import dash_cytoscape as cyto
from dash import Input, Output, State, callback, ctx, dcc, html

from assess.errors import AssessError
from assess.frameworks import frameworks_version, list_frameworks, load_framework
from assess.frameworks.vocabulary import (
    BASIS_LABELS,
    MODEL_STATUS_LABELS,
    NODE_TYPE_LABELS,
    RELATION_TYPE_LABELS,
    capability_label,
)
from assess.i18n import N_, format_number, name_in, ngettext_for, translated
from assess.i18n.catalogues import known
from assess.indices.gtmi_detail import gtmi_profile
from assess.model.analytics import (
    coordination_load,
    indicators_driven,
    node_counts,
    reporting_depth,
    root_of,
    single_points_of_failure,
    span_of_control,
)
from assess.model.baseline import baseline_id, baseline_iso3, resolve_model
from assess.model.build import build_graph
from assess.model.checks import check_graph
from assess.model.evidence_gaps import FINDINGS, GAP_STATUSES, capability_gaps, cross_check, lacking_by_node
from assess.model.evidence_states import evidence_economies
from assess.model.graph_io import EXPORT_FORMATS, write_graph
from assess.model.layout import cytoscape_elements, org_chart_layout
from assess.model.provenance import basis_counts, unverified_facts
from assess.model.readiness_scoring import readiness as model_readiness
from assess.model.readiness_scoring import why_unknown
from assess.model.realised import (
    flat_table,
    maps_joining,
    realisation,
    realisation_history,
    realised_elements,
    status_word,
)
from assess.model.timeline import graph_as_of, lifespans
from assess.reports import figures
from assess.reports.model_image import GAP_STYLE, IMAGE_FORMATS, NODE_STYLE, model_image, text_colour
from ui import components as ui

dash.register_page(__name__, path="/model", name="Model", title="Model · egov-assess", order=4)

DEFAULT_MODEL = "azerbaijan_proposal"

#: Node types → (display group, colour, cytoscape shape): :data:`assess.reports.model_image.NODE_STYLE` (one palette
#: for the page and the slide image; every label meets WCAG AA contrast on its fill).
#: Which node types each "show" group covers.
SHOW_GROUPS = {
    "org": (N_("Organisation"), ("ministry", "council", "body", "agency", "duty")),
    "tech": (N_("Technical model"), ("platform", "system", "service", "enabler", "user_group")),
    "timeline": (N_("Timeline and laws"), ("legal_act", "programme", "milestone")),
    "indicators": (N_("Indicators"), ("indicator",)),
    "why": (N_("Aims, reasons, findings"), ("grouping", "goal", "outcome", "driver", "principle", "requirement",
                                            "finding")),
}

#: Groups shown when the URL says nothing (the timeline is long: switch it on when needed).
DEFAULT_SHOW = ("org", "tech", "indicators")

#: Gap classes → (legend text, colour): :data:`assess.reports.model_image.GAP_STYLE`.
#: Text of a lacking capability's class (:data:`assess.model.evidence_gaps.GAP_STATUSES`) as the page says it.
GAP_STATUS_TEXT = {"missing": N_("missing (the evidence says the country does not have it)"),
                   "unknown": N_("not known (no evidence decides it)"),
                   "unverified": N_("unverified in the reference"),
                   "omitted": N_("in the evidence, not in this model")}
#: The short name of each class (the gap list's summary line).
GAP_STATUS_SHORT = {"missing": N_("missing"), "unknown": N_("not known"), "unverified": N_("unverified in the reference"),
                    "omitted": N_("in the evidence, not in this model")}
#: Dark red for the labels of the reference's lacking parts drawn over a pale fill (contrast 6.8:1).
GHOST_TEXT = "#8e1b1b"
#: Rendered label size never below 11 px in the side-by-side view (13 px font x this zoom).
SIDE_MIN_ZOOM = 0.85
COLOUR_MODES = {"type": N_("Node type"), "gap": N_("Gap to the reference"), "readiness": N_("Readiness"),
                "realisation": N_("What came true")}
#: Legend texts of the basis of an element (inferred ones are drawn faint with a dotted border).
BASIS_LEGEND = {"paper": N_("stated in the paper (quote)"), "source": N_("stated in a cited source"),
                "inferred": N_("inferred by the analyst (faint, dotted border)")}

#: Data year of the readiness colours and details (the latest UN edition; GTMI falls back to 2022).
READINESS_YEAR = ui.DEFAULT_EDITION
#: Reference model of the readiness gap when the page has none.
READINESS_REFERENCE = "singapore"
VIEWS = {"overlay": N_("Overlay"), "side": N_("Side by side")}
#: The evidence's state of a capability (:data:`assess.frameworks.vocabulary.EVIDENCE_STATES`) in the panels.
STATE_WORDS = {"present": N_("present"), "partial": N_("partial"), "absent": N_("absent"), "unknown": N_("not known"),
               "not_modelled": N_("not modelled")}

_EDGE_STYLE = [
    {"selector": "edge", "style": {"width": 1.4, "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1",
                                   "target-arrow-shape": "triangle", "arrow-scale": 0.8,
                                   "curve-style": "bezier", "opacity": 0.85}},
    {"selector": ".reports_to", "style": {"width": 3, "line-color": "#1f2d3d", "target-arrow-color": "#1f2d3d"}},
    {"selector": ".assigned_to", "style": {"line-style": "dashed", "line-color": "#b0b0b0"}},
    {"selector": ".measured_by", "style": {"line-style": "dotted", "line-color": "#00777f",
                                           "target-arrow-color": "#00777f"}},
    {"selector": ".part_of", "style": {"line-color": "#6b8e23", "target-arrow-shape": "diamond"}},
    {"selector": "edge.basis-inferred", "style": {"opacity": 0.45, "line-style": "dashed",
                                                  "line-dash-pattern": [2, 5]}},
]


# ---------------------------------------------------------------------------------------------
# Helpers (plain functions, tested directly)
# ---------------------------------------------------------------------------------------------


def model_options(lang: str = "en") -> list[dict]:
    """Dropdown options: every country model in ``frameworks/``, then the baseline of every GTMI economy (labels in
    ``lang``)."""
    return list(_hand_options(frameworks_version(), lang)) + list(_baseline_options(lang))


@functools.lru_cache(maxsize=8)
def _hand_options(_version: str, lang: str = "en") -> tuple[dict, ...]:
    """The country models of ``frameworks/`` (re-read when a framework file changes: ``_version``), named in
    ``lang``."""
    return tuple({"label": name_in(load_framework(r["id"]).name, lang, r["name"] or r["id"]) if lang != "en"
                  else r["name"] or r["id"], "value": r["id"]} for r in list_frameworks()
                 if r["kind"] == "country_model")


@functools.lru_cache(maxsize=2)
def _baseline_options(lang: str = "en") -> tuple[dict, ...]:
    _ = ui.text(lang)
    opts = [{"label": _("Baseline from evidence: {country}", country=ui.country_label(c, lang)),
             "value": baseline_id(c)} for c in evidence_economies()]
    return tuple(sorted(opts, key=lambda o: o["label"]))


def _known(model_id) -> bool:
    if not isinstance(model_id, str):
        return False
    if baseline_iso3(model_id) is not None:
        return baseline_iso3(model_id) in evidence_economies()
    return model_id in _hand_ids(frameworks_version())


@functools.lru_cache(maxsize=2)
def _hand_ids(version: str) -> frozenset[str]:
    return frozenset(o["value"] for o in _hand_options(version))


@functools.lru_cache(maxsize=512)
def _graph(model_id: str):
    return build_graph(resolve_model(model_id, year=READINESS_YEAR))


def load_graph(model_id: str | None, lang: str = "en"):
    """The model graph, or raise a friendly ``AssessError`` (in ``lang``) for an unknown model id."""
    if model_id is not None and model_id != "" and _known(model_id):
        return _graph(model_id)
    _ = ui.text(lang)
    hand = ", ".join(sorted(_hand_ids(frameworks_version())))
    if model_id is None or model_id == "":
        raise AssessError(_("Choose a model: {models}, or a baseline (baseline_<iso3>).", models=hand))
    shown = ui.request_text(model_id, _("this value"), limit=40)
    raise AssessError(_("Unknown model {model}. Expected one of: {models}, or baseline_<iso3> for a GTMI economy "
                        "(e.g. baseline_geo).", model=repr(shown), models=hand))


def model_label(model_id: str | None, lang: str = "en") -> str:
    """The dropdown label of a model id in ``lang`` (the id itself when unknown)."""
    return next((o["label"] for o in model_options(lang) if o["value"] == model_id), str(model_id))


def short_label(model_id: str | None, lang: str = "en") -> str:
    """A model's label up to its first colon (``Singapore`` of ``Singapore: Smart Nation …``)."""
    return model_label(model_id, lang).split(":")[0]


def graph_name(G, lang: str = "en") -> str:
    """The name of a model graph in ``lang``."""
    return name_in(G.graph.get("name"), lang, str(G.graph.get("id", "")))


@functools.lru_cache(maxsize=512)
def readiness_table(model_id: str, reference_id: str | None = None):
    """:func:`assess.model.readiness_scoring.readiness` of a model in :data:`READINESS_YEAR`, indexed by node (cached).

    The gap is to *reference_id*, else to :data:`READINESS_REFERENCE` (none for that model itself).
    """
    ref = reference_id or READINESS_REFERENCE
    ref = None if ref == model_id else ref
    # by id: readiness keeps its answer per model, reference and version of the data and frameworks
    return model_readiness(model_id, year=READINESS_YEAR, reference=ref).set_index("node")


@functools.lru_cache(maxsize=1024)
def gap_table(model_id: str, reference_id: str):
    """:func:`assess.capability_gaps` of a model against a reference, evidence up to :data:`READINESS_YEAR` (cached):
    the one list of what the model lacks, shown in the overlay, side by side and in the table."""
    return capability_gaps(resolve_model(model_id, year=READINESS_YEAR), resolve_model(reference_id, year=READINESS_YEAR),
                           year=READINESS_YEAR)


@functools.lru_cache(maxsize=512)
def evidence_check(model_id: str, lang: str = "en"):
    """:func:`assess.cross_check` of a model against the evidence of its country (cached; its note in ``lang``)."""
    m = resolve_model(model_id, year=READINESS_YEAR)
    return cross_check(m, READINESS_YEAR if baseline_iso3(model_id) else None, lang)


@functools.lru_cache(maxsize=64)
def realisation_table(model_id: str, year: int | None = None, lang: str = "en"):
    """:func:`assess.model.realised.realisation` of a proposal against the model its realisation map names, in
    ``year`` (``None``: the current model's), indexed by element, and the map (cached; names and reasons in
    ``lang``); ``None`` when the model is the proposal of no realisation map."""
    maps = [m for m in maps_joining(model_id) if m.proposal == model_id]
    if not maps:
        return None
    return realisation(maps[0].proposal, maps[0].current, as_of=year, lang=lang).set_index("element"), maps[0]


@functools.lru_cache(maxsize=512)
def realisation_years(model_id: str) -> tuple[int, int] | None:
    """First and last year of the realisation timeline of a proposal (``None`` without a realisation map)."""
    found = realisation_table(model_id)
    if found is None:
        return None
    table, rmap = found
    return int(str(load_graph(model_id).graph.get("as_of", table["as_of"].iloc[0]))[:4]), int(table["as_of"].iloc[0])


@functools.lru_cache(maxsize=512)
def _year_span(model_id) -> tuple[int, int] | None:
    """First and last year a model can be shown as of (kept per model: the page asks at every request)."""
    G = load_graph(model_id)
    span = realisation_years(model_id)
    if span is None:
        starts = [a for a, _ in lifespans(G).values() if a is not None]
        last = int(str(G.graph.get("as_of", ""))[:4] or 0) if str(G.graph.get("as_of", ""))[:4].isdigit() else None
        span = (min(starts), last) if starts and last else None
    return span


def year_options(model_id: str | None, lang: str = "en") -> list[dict]:
    """Years the model can be shown as of: its dated span (a proposal: from its year to the realisation's),
    newest first; the first option ("") is the model's own date."""
    _ = ui.text(lang)
    own = {"label": _("model's date"), "value": ""}
    try:
        span = _year_span(model_id if isinstance(model_id, str) else "")  # a hostile list: no model
    except AssessError:
        return [own]
    years = list(range(span[1], span[0] - 1, -1)) if span else []
    return [own] + [{"label": str(y), "value": str(y)} for y in years]


def parse_year(value, model_id: str | None) -> int | None:
    """A year of :func:`year_options` (as text or number), else ``None`` (the model's date)."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else ui.request_text(value, limit=8)
    allowed = {o["value"] for o in year_options(model_id)} - {""}
    return int(text) if text in allowed else None


def parse_show(show) -> list[str]:
    """``"org,tech"`` or a list → known group ids in canonical order (:data:`DEFAULT_SHOW` when empty)."""
    if isinstance(show, str):
        show = [s.strip() for s in show.split(",")]
    show = show if isinstance(show, list | tuple) else []
    chosen = [g for g in SHOW_GROUPS if g in show]
    return chosen or list(DEFAULT_SHOW)


def _visible_types(show: list[str]) -> set[str]:
    return {t for g in show for t in SHOW_GROUPS[g][1]}


def gap_classes(G, R, gaps) -> tuple[dict[str, str], dict[str, str], dict[str, list[dict]]]:
    """Gap classes from the one gap list (:func:`gap_table` rows ``gaps``).

    Returns ``(model classes, reference classes, lacking)``: a model node is ``shared`` when one of its capabilities
    is also in the reference, ``own`` when it has capabilities the reference has not, ``neutral`` without any; a
    reference node is ``missing`` when it carries a capability the model lacks (``lacking``: reference node → the
    lacking capabilities it carries, with their class), ``shared`` otherwise when it has capabilities.
    """
    ref_tags = {t for _, d in R.nodes(data=True) for t in (d.get("capabilities") or [])}
    own = {}
    for n, d in G.nodes(data=True):
        caps = set(d.get("capabilities") or [])
        own[n] = "shared" if caps & ref_tags else ("own" if caps else "neutral")
    lacking = lacking_by_node(gaps)
    theirs = {n: "missing" if n in lacking else ("shared" if d.get("capabilities") else "neutral")
              for n, d in R.nodes(data=True)}
    return own, theirs, lacking


def elements(G, *, show: list[str], colour: str = "type", classes: dict | None = None, ghosts: dict | None = None,
             reference=None, ref_label: str = "", ready=None, status=None, compact: bool = False,
             lang: str = "en") -> list[dict]:
    """Cytoscape elements of ``G`` (org-chart positions from :func:`assess.model.layout.org_chart_layout`).

    With ``colour="gap"`` each node gets the ``gap-*`` class of ``classes`` (:func:`gap_classes`); ``ghosts``
    (reference node → lacking capabilities) adds those reference nodes in a row below, dashed, each carrying its
    lacking capabilities only. With ``colour="readiness"`` each node is filled on the sequential scale by its
    readiness (``ready``: :func:`readiness_table`), grey without one; every label colour meets WCAG AA on its fill.
    With ``colour="realisation"`` each proposal element gets a ``status-*`` class (``status``: element → status).
    Every node and edge gets a ``basis-*`` class (inferred ones are drawn faint), nodes of unknown start
    ``date-unknown``. ``compact`` lays rows out four wide (the side-by-side view). Labels are the nodes' names in
    ``lang``.
    """
    keep = _visible_types(show)
    H = G.subgraph([n for n, d in G.nodes(data=True) if d.get("type") in keep])
    els = cytoscape_elements(H, org_chart_layout(H, dx=150.0, dy=95.0, max_per_row=4 if compact else 6))
    gaps = classes if colour == "gap" and classes else {}
    for el in els:
        if "source" in el["data"]:
            ed = G.edges[el["data"]["source"], el["data"]["target"], el["data"]["label"]]
            el["classes"] += f" basis-{ed.get('basis', 'none')}"
            continue
        d = G.nodes[el["data"]["id"]]
        el["data"]["label"] = _label(G, el["data"]["id"], lang)
        el["data"]["verified"] = bool(d.get("verified", True))
        cls = [d.get("type", "")]
        if gaps:
            cls.append("gap-" + gaps.get(el["data"]["id"], "neutral"))
        lines = -(-len(el["data"]["label"]) // 17)
        el["data"]["h"] = max(46, 15 * lines + 8) if d.get("type") == "duty" else max(56, 15 * lines + 12)
        if not d.get("verified", True):
            cls.append("unverified")
        cls.append(f"basis-{d.get('basis', 'none')}")
        if d.get("date_unknown"):
            cls.append("date-unknown")
        if colour == "realisation":
            cls.append("status-" + (status or {}).get(el["data"]["id"], "none"))
        if colour == "readiness":
            value = ready["readiness"].get(el["data"]["id"]) if ready is not None else None
            fill = figures.sequential_colour(value)[0]
            el["data"]["fill"], el["data"]["fg"] = fill, text_colour(fill)
            cls.append("ready" if value is not None and value == value else "ready-none")
        el["classes"] = " ".join(cls)
    if ghosts and reference is not None:
        xs = [e["position"]["x"] for e in els if "position" in e] or [0.0]
        y0 = max((e["position"]["y"] for e in els if "position" in e), default=-95.0) + 130.0
        per_row = max(6, int((max(xs) - min(xs)) // 150) + 1)
        items = [(n, caps) for n, caps in ghosts.items() if n in reference]
        for r in range(0, len(items), per_row):
            row = items[r:r + per_row]
            start = (min(xs) + max(xs) - (len(row) - 1) * 150.0) / 2
            for i, (n, caps) in enumerate(row):
                label = _label(reference, n, lang)
                els.append({"data": {"id": f"ref:{n}", "type": "missing", "h": 56,
                                     "missing": [c["capability"] for c in caps],
                                     "label": f"{label} ({ref_label})" if ref_label else label},
                            "position": {"x": start + i * 150.0, "y": y0 + (r // per_row) * 80.0},
                            "classes": "ghost gap-missing"})
    return els


def stylesheet(colour: str = "type", *, small_font: int = 11) -> list[dict]:
    """Cytoscape stylesheet: shape by node type always; fill by type, or by gap class. ``small_font`` is the label
    size of duties, milestones and indicators (13 px side by side, where the graph is drawn smaller)."""
    base = [{"selector": "node", "style": {
        "label": "data(label)", "text-wrap": "wrap", "text-max-width": "124px", "font-size": "13px",
        "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        "text-valign": "center", "text-halign": "center", "color": "#ffffff",
        "text-outline-width": 0, "width": 136, "height": "data(h)", "border-width": 1, "border-color": "#ffffff",
        "background-color": GAP_STYLE["neutral"][1]}}]
    for t, (_, col, shape) in NODE_STYLE.items():
        style = {"shape": shape}
        if colour == "type":
            style["background-color"] = col
            style["color"] = text_colour(col)
        base.append({"selector": f".{t}", "style": style})
    base += [
        {"selector": ".duty, .milestone, .indicator", "style": {"font-size": f"{small_font}px", "height": 46}},
        # a duty is a sentence (up to four lines, longer in Azerbaijani): its tag grows with its label
        {"selector": ".duty", "style": {"height": "data(h)", "text-max-width": "108px"}},
        {"selector": ".milestone, .indicator", "style": {"text-valign": "bottom", "text-margin-y": 4,
                                                         "color": "#1f2d3d", "height": 30, "width": 30}},
        {"selector": ".user_group, .enabler", "style": {"height": 62}},
        {"selector": ".unverified", "style": {"border-style": "dashed", "border-width": 2, "border-color": "#444"}},
        {"selector": "node.basis-inferred", "style": {"background-opacity": 0.45, "border-style": "dotted",
                                                      "border-width": 3, "border-color": "#1f2d3d",
                                                      "color": "#1f2d3d"}},
        {"selector": ".date-unknown", "style": {"border-style": "double", "border-width": 4,
                                                "border-color": "#6d4c41"}},
    ]
    if colour == "realisation":
        for status, col in figures.STATUS_COLOURS.items():
            base.append({"selector": f".status-{status}", "style": {"background-color": col,
                                                                    "color": "#1f2d3d" if status == "unknown" else "#ffffff"}})
        base.append({"selector": ".status-none", "style": {"background-color": "#eceff1", "color": "#455a64"}})
    if colour == "gap":
        for cls, (_, col) in GAP_STYLE.items():
            base.append({"selector": f".gap-{cls}", "style": {"background-color": col, "color": text_colour(col)}})
    if colour == "readiness":
        base.append({"selector": ".ready, .ready-none", "style": {"background-color": "data(fill)",
                                                                  "color": "data(fg)"}})
        base.append({"selector": ".milestone.ready-none, .indicator.ready-none", "style": {"color": "#1f2d3d"}})
    base += [
        {"selector": ".ghost", "style": {"background-opacity": 0.18, "border-style": "dashed", "border-width": 2,
                                         "border-color": GAP_STYLE["missing"][1],
                                         "color": GHOST_TEXT, "shape": "round-rectangle"}},
        {"selector": "node:selected", "style": {"border-width": 4, "border-color": "#ffbf00"}},
    ]
    return base + _EDGE_STYLE


def legend(colour: str = "type", present: set[str] | None = None, *, proposal: bool = False,
           data_years: str = "", lang: str = "en") -> html.Div:
    """Legend: swatches by node type (with its shape name), by gap class or by realisation status; how the
    basis and unknown dates are drawn."""
    _ = ui.text(lang)
    if colour == "readiness":
        return _readiness_legend(proposal=proposal, data_years=data_years, lang=lang)
    if colour == "gap":
        items = [(translated(text, lang), col, "round-rectangle") for text, col in GAP_STYLE.values()]
    elif colour == "realisation":
        items = [(status_word(status, lang), col, "round-rectangle") for status, col in figures.STATUS_COLOURS.items()]
        items.append((_("not a component (reason, finding, user group…)"), "#eceff1", "round-rectangle"))
    else:
        items = [(translated(label, lang), col, shape) for t, (label, col, shape) in NODE_STYLE.items()
                 if present is None or t in present]
    swatches = [html.Span([html.Span(style=_swatch(col, shape)), text],
                          className="me-3 d-inline-flex align-items-center text-nowrap")
                for text, col, shape in items]
    lines = [html.Span([html.Span(style=_line(style, col, width)), text],
                       className="me-3 d-inline-flex align-items-center text-nowrap")
             for text, style, col, width in ((_("reports to"), "solid", "#1f2d3d", 3),
                                             (_("other relation"), "solid", "#9aa5b1", 1.5),
                                             (_("measured by"), "dotted", "#00777f", 2),
                                             (_("duty assigned to"), "dashed", "#b0b0b0", 2))]
    lines.append(html.Span(_("dashed border = unverified fact"), className="me-3"))
    lines.append(html.Span(_("faint, dotted = inferred by the analyst (not in the paper or a source)"),
                           className="me-3", id="model-legend-basis"))
    lines.append(html.Span(_("double brown border = start date unknown"), className="me-3"))
    return html.Div([html.Div(swatches, className="d-flex flex-wrap"),
                     html.Div(lines, className="d-flex flex-wrap text-muted mt-1")],
                    id="model-legend", className="small")


def _readiness_legend(*, proposal: bool = False, data_years: str = "", lang: str = "en") -> html.Div:
    _ = ui.text(lang)
    stops = figures.sequential_stops(6)
    bar = html.Div([
        html.Span("0", className="me-1"),
        html.Span(style={"display": "inline-block", "width": "180px", "height": "14px", "borderRadius": "2px",
                         "background": f"linear-gradient(to right, {', '.join(stops)})"},
                  role="img", **{"aria-label": _("readiness from 0 (dark purple) to 1 (yellow)")}),
        html.Span("1", className="ms-1 me-3"),
        html.Span([html.Span(style=_swatch(figures.MISSING_COLOUR, "round-rectangle")),
                   _("no data: no linked indicator and no evidence for its capabilities")],
                  className="d-inline-flex align-items-center"),
    ], className="d-flex flex-wrap align-items-center")
    note = html.Div(_("Readiness (assess.readiness): the mean of two parts on 0–1 for the model's country, data up to "
                      "{year}: the evidence for the component's capabilities (present 1, partial ½, absent 0) and its "
                      "linked published indices. Click a node for its value, parts, data years and gap.",
                      year=READINESS_YEAR), className="text-muted mt-1")
    title = _("Readiness") + " "
    if proposal:  # a proposal is dated; the indicators are today's: say so, never colour it as if it were then
        title = _("Today's readiness for the proposed components") + " "
        note = html.Div([html.Strong(_("This is a proposal (2013) coloured with today's data: ")),
                         _("each component shows today's readiness for the proposed component, from the indicators "
                           "of the latest editions up to {year} ({data_years}), not the state of 2013. Click a node "
                           "for its indicators and their years.", year=READINESS_YEAR,
                           data_years=data_years or _("years in the details"))],
                        className="text-muted mt-1", id="model-readiness-caveat")
    return html.Div([html.Strong(title, className="me-2"), bar, note], id="model-legend", className="small")


def _swatch(colour: str, shape: str) -> dict:
    radius = {"ellipse": "50%", "round-rectangle": "4px", "barrel": "5px"}.get(shape, "0")
    style = {"display": "inline-block", "width": "14px", "height": "14px", "marginRight": "5px",
             "backgroundColor": colour, "borderRadius": radius}
    if shape == "diamond":
        style.update(transform="rotate(45deg) scale(0.8)")
    elif shape == "triangle":
        style.update(clipPath="polygon(50% 0, 100% 100%, 0 100%)")
    elif shape == "hexagon":
        style.update(clipPath="polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%)")
    elif shape in ("tag", "round-tag"):
        style.update(clipPath="polygon(0 0, 70% 0, 100% 50%, 70% 100%, 0 100%)")
    elif shape == "vee":
        style.update(clipPath="polygon(0 0, 50% 40%, 100% 0, 50% 100%)")
    return style


def _line(style: str, colour: str, width: float) -> dict:
    return {"display": "inline-block", "width": "24px", "marginRight": "5px",
            "borderTop": f"{width}px {style} {colour}"}


def _label(G, n: str, lang: str = "en") -> str:
    """The name of node ``n`` of ``G`` in ``lang`` (its id when it is not in ``G``)."""
    if n not in G:
        return n
    d = G.nodes[n]
    return name_in(d.get("name"), lang, d.get("label", n)) if lang != "en" else d.get("label", n)


@functools.lru_cache(maxsize=512)
def _checks_panel(model_id: str, lang: str = "en") -> list:
    """:func:`checks_panel` of a model by id, built once per language (betweenness centrality is the slow part)."""
    return checks_panel(load_graph(model_id), lang)


def checks_panel(G, lang: str = "en") -> list:
    """Structural checks (:func:`assess.model.checks.check_graph`) and single points of failure. A broken rule is
    shown as the library states it (English: it names the node and the rule), under a heading in ``lang``."""
    _ = ui.text(lang)
    issues = check_graph(G)
    spof = single_points_of_failure(G)
    span = span_of_control(G)
    depth = reporting_depth(G)
    load = coordination_load(G, top=3)
    root = root_of(G)
    out = [html.H6(_("Checks"), className="mt-1")]
    if issues:
        _n = ngettext_for(lang)
        out.append(dbc.Alert([html.Strong(_n("{n} problem", "{n} problems", len(issues))),
                              html.Ul([html.Li(str(i)) for i in issues], className="mb-0")],
                             color="warning", className="py-2", id="model-check-issues"))
    else:
        out.append(html.P([_("✔ Every structural rule passes: one reporting root, no orphan bodies, every body has a "
                             "mandate, every duty is assigned, every service reachable.")],
                          className="text-success small", id="model-check-issues"))
    out += [
        html.Div([html.Strong(_("Reporting root: ")), _label(G, root, lang) if root else "—"], className="small"),
        html.Div([html.Strong(_("Reporting depth: ")), str(max(depth.values())) if depth else "—",
                  html.Strong("  ·  " + _("Largest span of control: ")),
                  (f"{_label(G, max(span, key=span.get), lang)} ({max(span.values())})" if span else "—")],
                 className="small"),
        html.Div([html.Strong(_("Single points of failure ({n}): ", n=len(spof["articulation_points"]))),
                  html.Span(_("removing one cuts the model in two"), className="text-muted")],
                 className="small mt-2"),
        html.Ul([html.Li(_label(G, n, lang)) for n in spof["articulation_points"]] or [html.Li(_("none"))],
                id="model-spof", className="small mb-1"),
        html.Div([html.Strong(_("Bridges: ")), _("{n} links whose loss disconnects a part", n=len(spof["bridges"]))],
                 className="small"),
        html.Div([html.Strong(_("Most coordination load: ")),
                  ", ".join(f"{_label(G, n, lang)} ({format_number(v, lang, 2)})" for n, v in load)],
                 className="small mt-1"),
    ]
    return out


def _citation(c: dict, lang: str = "en"):
    """One citation: publisher (date): title, linked, excerpt, and a flag when it could not be verified (titles and
    excerpts as published)."""
    head = " · ".join(x for x in (c.get("publisher"), c.get("date")) if x)
    title = html.A(c.get("title") or c.get("url"), href=c["url"], target="_blank", rel="noopener") \
        if str(c.get("url", "")).startswith("http") else (c.get("title") or c.get("url") or "")
    out = [html.Span(f"{head}: " if head else ""), title]
    if c.get("excerpt"):
        out.append(html.Div(f"“{c['excerpt']}”", className="text-muted fst-italic"))
    if c.get("verified") is False:
        _ = ui.text(lang)
        out.append(dbc.Badge(_("not verified"), color="warning", text_color="dark", className="ms-1"))
    return html.Li(out)


def basis_word(basis, lang: str = "en") -> str:
    """A basis (paper, source, inferred) in one word in ``lang``."""
    return translated(BASIS_LABELS[basis], lang) if basis in BASIS_LABELS else str(basis)


def provenance_rows(d: dict, lang: str = "en") -> list:
    """Where a node's facts come from: basis badge, the paper's quote and section, citations, reason, erratum,
    dates (since/until, unconfirmed or unknown, what it replaces)."""
    _ = ui.text(lang)
    basis = d.get("basis")
    if not basis:
        return []
    colour = {"paper": "primary", "source": "success", "inferred": "secondary"}.get(basis, "light")
    rows = [html.Div([html.Strong(_("Basis: ")), dbc.Badge(basis_word(basis, lang), color=colour, className="me-1",
                                                           id="model-details-basis"),
                      html.Span(translated(BASIS_LEGEND[basis], lang) if basis in BASIS_LEGEND else "",
                                className="text-muted")], className="small mb-1")]
    if d.get("quote"):
        rows.append(html.Blockquote([html.Div(f"“{q}”") for q in d["quote"]] +
                                    [html.Footer(_prose_text(d.get("section") or "", lang),
                                                 className="blockquote-footer mt-1 mb-0")],
                                    className="small border-start border-3 ps-2 mb-1 fst-italic",
                                    id="model-details-quote"))
    if d.get("reason"):
        rows.append(html.P([html.Strong(_("Why inferred: ")), _prose(d["reason"], lang)], className="small mb-1",
                           id="model-details-reason"))
    if d.get("sources"):
        rows += [html.Strong(_("Citations"), className="small"),
                 html.Ul([_citation(c, lang) for c in d["sources"]], className="small mb-1",
                         id="model-details-citations")]
    if d.get("erratum"):
        e = d["erratum"]
        rows.append(dbc.Alert([html.Strong(_("Erratum: ")),
                               _("the paper says “{claim}”; ", claim=e.get("claim")),
                               _prose(e.get("correction") or "", lang),
                               html.Ul([_citation(c, lang) for c in e.get("sources") or []], className="mb-0")],
                              color="warning", className="small py-1 px-2 mb-1", id="model-details-erratum"))
    dates = []
    for key, word in (("since", _("since")), ("until", _("until"))):
        if d.get(key):
            flag = " (" + _("not confirmed") + ")" if d.get(f"{key}_verified") is False else ""
            dates.append(f"{word} {d[key]}{flag}")
        elif d.get(f"{key}_note"):
            dates.append(_("{word}: not found — {note}", word=word, note=_prose_text(d[f"{key}_note"], lang)))
    if d.get("replaces"):
        dates.append(_("replaces {ids}", ids=", ".join(d["replaces"])))
    if dates:
        rows.append(html.P([html.Strong(_("Dates: ")), "; ".join(dates)], className="small mb-1",
                           id="model-details-dates"))
    return rows


def _realisation_rows(model_id: str, node_id: str, year: int | None, lang: str = "en") -> list:
    """For a proposal element: its status against today's model; for a node of a current model: which proposal
    elements it realises."""
    _ = ui.text(lang)
    try:
        found = realisation_table(model_id, year, lang)
    except AssessError as exc:
        return [html.P(_("What came true: {error}", error=str(exc)), className="small text-muted mb-1")]
    if found is not None:
        table, rmap = found
        if node_id not in table.index:
            reason = rmap.excluded.get(node_id)
            return [html.P([html.Strong(_("What came true: ")), _("not assessed — "), _prose(reason, lang)],
                           className="small mb-1", id="model-details-status")] if reason else []
        r = table.loc[node_id]
        colour = figures.STATUS_COLOURS.get(r["status"], "#999")
        by = ", ".join(r["realised_by_names"]) or "—"
        out = [html.Div([html.Strong(_("What came true (as of {year}): ", year=r["as_of"])),
                         html.Span(status_word(r["status"], lang), id="model-details-status-value", className="badge",
                                   style={"backgroundColor": colour}),
                         html.Span(" " + _("since {date}", date=r["since"]) if r["since"] else "", className="ms-1"),
                         html.Span(" · " + _("the analyst says {status}", status=status_word(r["analyst"], lang))
                                   if r["agrees"] is False else "", className="text-muted")],
                        className="small mb-1", id="model-details-status"),
               html.P([html.Strong(_("By: ")), by], className="small mb-1")]
        if r["why"]:
            out.append(html.P([html.Strong(_("Why: ")), r["why"]], className="small mb-1"))
        if r["evidence"]:
            out += [html.Strong(_("Evidence"), className="small"),
                    html.Ul([_citation(c, lang) for c in r["evidence"]], className="small mb-1",
                            id="model-details-realisation-evidence")]
        return out
    links = [(m, realised_elements(m, node_id)) for m in maps_joining(model_id) if m.current == model_id]
    out = []
    for m, found in links:
        for key, word in (("realised_by", _("Realises, from the proposal")), ("superseded_by", _("Took the place of"))):
            if found[key]:
                P = load_graph(m.proposal)
                out.append(html.P([html.Strong(f"{word}: "), ", ".join(_label(P, e, lang) for e in found[key])],
                                  className="small mb-1", id=f"model-details-{key.replace('_', '-')}"))
    return out


def _state_word(state: str, lang: str = "en") -> str:
    """The evidence's state of a capability (``not_modelled`` → ``not modelled``; in Azerbaijani, the word)."""
    if lang == "en" or state not in STATE_WORDS:
        return str(state).replace("_", " ")
    return translated(STATE_WORDS[state], lang)


def _data_years_text(years: str, lang: str = "en") -> str:
    """The data years of a readiness (``gtmi.psdi: 2022; evidence: wb_gtmi_indicators 2022``) with the word
    *evidence* in ``lang``."""
    if lang == "en":
        return years
    _ = ui.text(lang)
    word = _("evidence")
    return "; ".join(f"{word}:{rest}" if head == "evidence" else f"{head}:{rest}"
                     if rest else head for head, _s, rest in (p.partition(":") for p in str(years).split("; ") if p))


def _prose_text(text, lang: str = "en") -> str:
    """A text of a framework file (a note, a reason, a mandate) in ``lang`` when the catalogue has it, else as
    written."""
    text = str(text)
    return translated(text, lang) if lang != "en" and known(text) else text


def _prose(text, lang: str = "en"):
    """:func:`_prose_text`; a text left in English on an Azerbaijani page is marked ``lang="en"`` (screen readers
    read it as English)."""
    shown = _prose_text(text, lang)
    return html.Span(shown, lang="en") if lang != "en" and shown == str(text) else shown


def _type_word(kind, lang: str = "en") -> str:
    """A node type as the legend names it, in ``lang``."""
    if kind in NODE_STYLE:
        return translated(NODE_STYLE[kind][0], lang)
    return translated(NODE_TYPE_LABELS[kind], lang) if kind in NODE_TYPE_LABELS else str(kind or "?")


def _relation_word(kind: str, lang: str = "en") -> str:
    return translated(RELATION_TYPE_LABELS[kind], lang) if kind in RELATION_TYPE_LABELS else kind.replace("_", " ")


def _capabilities(tags, lang: str = "en", G=None) -> str:
    """Capability tags as the page shows them: the tag's meaning in Azerbaijani, the tag itself in English."""
    if lang == "en":
        return ", ".join(c.replace("_", " ") for c in tags)
    return "; ".join(capability_label(c, lang) for c in tags)


def node_details(model_id: str | None, node_id: str | None, *, reference_id: str | None = None,
                 year: int | None = None, lacking_in: str | None = None, lang: str = "en") -> list:
    """Details of one node: name, type, basis (quote, citations or reason), dates, description, duties,
    relations, what came true, linked indicators, readiness; for a node of the reference (``ref:`` ghost, or
    ``lacking_in`` = the model compared), the capabilities the model lacks. The node's name is shown in ``lang``
    (with the other language's name under it); the analyst's descriptions, notes and mandates stay as written."""
    _ = ui.text(lang)
    if not node_id:
        return [html.P(_("Click a node, or pick it under “Go to a node”, to see its details, duties, sources and "
                         "linked indicators."), className="text-muted")]
    if node_id.startswith("ref:"):
        if not reference_id:
            return [html.P(_("This node belongs to the reference model."), className="text-muted")]
        node_id, lacking_in, model_id = node_id[4:], model_id, reference_id
    G = load_graph(model_id, lang)
    if node_id not in G:
        return [dbc.Alert(_("Node {node} is not in the model {model}.", node=repr(node_id[:60]), model=repr(model_id)),
                          color="warning")]
    d = G.nodes[node_id]
    name = d.get("name") or {}
    shown = _label(G, node_id, lang)
    rows: list = [html.H5(shown, id="model-details-name", className="mb-0")]
    other = name.get("az") if lang == "en" else None
    if other and other != shown:
        rows.append(html.Div(other, className="text-muted fst-italic small", lang="az"))
    badges = [dbc.Badge(_type_word(d.get("type"), lang), color="secondary", className="me-1"),
              dbc.Badge(f"ArchiMate: {d.get('archimate_type', '—')}", color="light", text_color="dark",
                        className="me-1")]
    if not d.get("verified", True):
        badges.append(dbc.Badge(_("unverified"), color="warning", text_color="dark"))
    if d.get("basis"):
        badges.append(dbc.Badge(_("basis: {basis}", basis=basis_word(d["basis"], lang)), color="light",
                                text_color="dark", className="ms-1"))
    rows.append(html.Div(badges, className="my-1"))
    rows += provenance_rows(d, lang)
    rows += _lacking_rows(node_id, lacking_in, model_id, lang)
    if d.get("type") != "indicator":
        rows += _realisation_rows(model_id, node_id, year, lang)
    for key, title in (("description", None), ("note", _("Note"))):
        if d.get(key):
            rows.append(html.P([html.Strong(f"{title}: ") if title else "", _prose(d[key], lang)],
                               className="small mb-1"))
    dates = " – ".join(str(d[k]) for k in ("start", "end") if d.get(k)) or d.get("date")
    if dates:
        rows.append(html.P([html.Strong(_("Date: ")), str(dates)], className="small mb-1"))
    if d.get("mandate"):
        items = {m.get("text"): m for m in d.get("mandate_items") or []}
        rows += [html.Strong(_("Mandate"), className="small"),
                 html.Ul([html.Li([_prose(m, lang), html.Span([f" ({basis_word(items[m]['basis'], lang)}",
                                                               *([": ", _prose(items[m]["reason"], lang)]
                                                                 if items[m].get("reason") else []), ")"],
                                                              className="text-muted")]
                                  if m in items and items[m].get("basis") else _prose(m, lang)) for m in d["mandate"]],
                         className="small mb-1", id="model-details-mandate")]
    duties = sorted(u for u, _k, k in G.in_edges(node_id, keys=True) if k == "assigned_to")
    if duties:
        rows += [html.Strong(_("Duties"), className="small"),
                 html.Ul([html.Li(_label(G, u, lang)) for u in duties], className="small mb-1",
                         id="model-details-duties")]
    rel = []
    for _u, v, k, ed in G.out_edges(node_id, keys=True, data=True):
        if k not in ("measured_by",):
            rel.append((_relation_word(k, lang), _label(G, v, lang), ed.get("source")))
    for u, _v, k, ed in G.in_edges(node_id, keys=True, data=True):
        if k not in ("assigned_to", "measured_by"):
            rel.append((f"← {_relation_word(k, lang)}", _label(G, u, lang), ed.get("source")))
    if rel:
        rows += [html.Strong(_("Relations"), className="small"),
                 html.Ul([html.Li([html.Em(k), " ", other]) for k, other, _s in sorted(rel)], className="small mb-1")]
    if d.get("capabilities"):
        rows.append(html.P([html.Strong(_("Capabilities: ")), _capabilities(d["capabilities"], lang)],
                           className="small mb-1"))
    if d.get("type") == "indicator":
        measured = sorted(_label(G, u, lang) for u, _k, k in G.in_edges(node_id, keys=True) if k == "measured_by")
        rows.append(html.P([html.Strong(_("Measures: ")), ", ".join(measured)], className="small mb-1"))
    else:
        inds = indicators_driven(G).get(node_id, [])
        rows.append(html.Div([html.Strong(_("Linked indicators: ")),
                              ", ".join(f"{_label(G, r, lang)} ({r})" for r in inds) if inds else _("none")],
                             className="small mb-1", id="model-details-indicators"))
    if d.get("type") != "indicator":
        rows += _readiness_rows(model_id, node_id, reference_id, lang)
    sources = [d["source"]] if d.get("source") else []
    sources += [f"{c.get('title', '')}: {c.get('excerpt', '')} {c.get('url', '')}".strip() for c in d.get("sources") or []]
    sources += sorted({ed["source"] for *_e, ed in G.edges(node_id, data=True) if ed.get("source")})
    sources += [c["url"] for c in d.get("sources") or [] if c.get("url")]
    if not sources:
        sources = [f"{G.graph.get('id')}: " + (_("proposal of the seed paper") if G.graph.get("status") == "proposal"
                                              else _("model file"))]
    rows += [html.Strong(_("Sources"), className="small"),
             html.Ul([html.Li(_linkify(s)) for s in sources], className="small mb-0", id="model-details-sources")]
    return rows


def _readiness_rows(model_id: str, node_id: str, reference_id: str | None, lang: str = "en") -> list:
    """Readiness, its two parts, the evidence per capability, gap to the reference and data years (details panel)."""
    _ = ui.text(lang)
    try:
        r = readiness_table(model_id, reference_id)
    except AssessError as exc:
        return [html.P(_("Readiness: {error}", error=str(exc)), className="small text-muted mb-1")]
    if node_id not in r.index:
        return []
    row = r.loc[node_id]
    value = row["readiness"]
    out = []
    if row["evidence"]:
        words = "; ".join(f"{_capabilities([tag], lang)}: {_state_word(st, lang)}" for tag, st in row["evidence"].items())
        out.append(html.P([html.Strong(_("Evidence: ")), words], className="small mb-1", id="model-details-evidence"))
    if value != value:
        why = why_unknown(row["unknown"], row["not_modelled"], row["missing"], load_graph(model_id).graph.get("country"),
                          lang) if row["why_unknown"] else _("no linked indicator")
        return out + [html.P([html.Strong(_("Readiness: ")), _("unknown ({why})", why=why)], className="small mb-1",
                             id="model-details-readiness")]
    parts = [_("evidence {value}", value=format_number(row["readiness_evidence"], lang, 2))
             if row["readiness_evidence"] == row["readiness_evidence"] else None,
             _("indices {value}", value=format_number(row["readiness_indicators"], lang, 3))
             if row["readiness_indicators"] == row["readiness_indicators"] else None]
    label = _("Readiness: ")
    if load_graph(model_id).graph.get("status") == "proposal":
        label = _("Today's readiness for the proposed component ({year} data, not the proposal's year): ",
                  year=READINESS_YEAR)
    out.append(html.P([html.Strong(label), html.Span(format_number(value, lang, 3), id="model-details-readiness-value"),
                       html.Span(" (" + _("mean of {parts}; data up to {year}: {years}",
                                          parts=(" " + _("and") + " ").join(p for p in parts if p), year=READINESS_YEAR,
                                          years=_data_years_text(row["years"], lang)) + ")",
                                 className="text-muted")],
                      className="small mb-1", id="model-details-readiness"))
    gap = row.get("gap")
    if gap is not None and gap == gap:
        ref = reference_id or READINESS_REFERENCE
        signed = ("+" if gap >= 0 else "−") + format_number(abs(gap), lang, 3)
        out.append(html.P([html.Strong(_("Gap to the reference: ")),
                           html.Span(signed if lang != "en" else f"{gap:+.3f}", id="model-details-gap"),
                           html.Span(f" ({model_label(ref, lang)}: {format_number(row['reference_readiness'], lang, 3)}, "
                                     f"{', '.join(_label(load_graph(ref), n, lang) for n in row['reference_nodes'])})",
                                     className="text-muted")], className="small mb-1"))
    if row["missing"]:
        out.append(html.P([html.Strong(_("Not covered: ")), ", ".join(row["missing"])], className="small mb-1"))
    return out


def _lacking_rows(node_id: str, model_id: str | None, reference_id: str | None, lang: str = "en") -> list:
    """For a reference node: only the capabilities the model lacks that it carries, with their class."""
    if not (model_id and reference_id and model_id != reference_id):
        return []
    _ = ui.text(lang)
    try:
        caps = lacking_by_node(gap_table(model_id, reference_id)).get(node_id, [])
    except AssessError:
        return []
    if not caps:
        return []
    return [html.Strong(_("Lacking in {model}", model=model_label(model_id, lang)), className="small text-danger-emphasis"),
            html.Ul([html.Li([html.Strong(_capability_tag(c["capability"], lang)),
                              f": {capability_label(c['capability'], lang, {c['capability']: c['label']})} — ",
                              html.Em(translated(GAP_STATUS_TEXT[c["status"]], lang) if c["status"] in GAP_STATUS_TEXT
                                      else c["status"])]) for c in caps],
                    className="small mb-1", id="model-details-lacking")]


def _capability_tag(tag: str, lang: str = "en") -> str:
    """A capability tag as a name (``single portal``); in Azerbaijani the tag stays the code it is."""
    return tag.replace("_", " ") if lang == "en" else tag


def _linkify(text: str):
    parts = []
    for token in str(text).split(" "):
        parts.append(html.A(token, href=token, target="_blank", rel="noopener") if token.startswith("http") else token)
        parts.append(" ")
    return parts[:-1]


def export_graph(model_id: str, fmt: str, lang: str = "en") -> dict:
    """``dcc.Download`` payload of the model as GraphML, GEXF, JSON or ArchiMate exchange XML (the files carry both
    languages' names; the file name is the model's id)."""
    if fmt not in EXPORT_FORMATS:
        _ = ui.text(lang)
        raise AssessError(_("Unknown export format {format}. Expected one of: {formats}.", format=repr(fmt),
                            formats=", ".join(EXPORT_FORMATS)))
    G = load_graph(model_id, lang)
    suffix = {"archimate": "xml"}.get(fmt, fmt)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_graph(G, Path(tmp) / f"{model_id}.{suffix}", format=fmt)
        content = path.read_text(encoding="utf-8")
    name = f"{model_id}.archimate.xml" if fmt == "archimate" else f"{model_id}.{suffix}"
    return {"content": content, "filename": name, "type": "application/xml" if suffix != "json" else "application/json"}


def _error(exc: BaseException, lang: str = "en"):
    return ui.friendly_error(exc, lang)


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def canvas_height(els, *, zoom: float = 0.9, lo: int = 420, hi: int = 1150) -> str:
    """Canvas height in px so the graph is drawn near ``zoom`` (labels stay readable; the page scrolls)."""
    ys = [e["position"]["y"] for e in els if "position" in e]
    span = (max(ys) - min(ys)) if ys else 0.0
    return f"{int(min(max(span * zoom + 110, lo), hi))}px"


def _cyto(id_: str, els, colour: str, height: str | None = None, *, min_zoom: float = 0.15,
          label: str = "", lang: str = "en") -> html.Div:
    """The graph, in a container a keyboard can reach (its nodes are listed under “Go to a node”)."""
    _ = ui.text(lang)
    height = height or canvas_height(els)
    n = sum(1 for e in els if "position" in e)
    graph = cyto.Cytoscape(id=id_, elements=els, layout={"name": "preset", "fit": True, "padding": 24},
                          stylesheet=stylesheet(colour, small_font=13 if min_zoom >= SIDE_MIN_ZOOM else 11),
                          minZoom=min_zoom, maxZoom=3, wheelSensitivity=0.3,
                          boxSelectionEnabled=False, autoungrabify=True,
                          style={"width": "100%", "height": height, "background": "#fbfcfd",
                                 "border": "1px solid #dee2e6", "borderRadius": "4px"},
                          # responsive=True leaves a render listener on the destroyed graph when the
                          # back button re-renders the page (dash-cytoscape 1.0.2: 'reading isHeadless')
                          responsive=False)
    return html.Div(graph, id=f"{id_}-box", tabIndex="0", role="group", className="model-graph-box",
                    **{"aria-label": _("Graph of {model}: {n} nodes. Drag to pan; every node can also be reached with "
                                       "the “Go to a node” list below.", model=label or _("the model"), n=n)})


@functools.lru_cache(maxsize=8)
def _history(model_id: str, lang: str = "en"):
    found = realisation_table(model_id)
    if found is None:
        return None
    _, rmap = found
    return realisation_history(rmap.proposal, rmap.current, lang=lang)


def timeline_card(model_id: str, year: int | None, lang: str = "en") -> html.Div:
    """What of the proposal came true: the year-by-year timeline (:func:`assess.reports.figures.realisation_timeline`)
    and the table of the year shown (status, since, by whom, why, evidence)."""
    _ = ui.text(lang)
    table, rmap = realisation_table(model_id, year, lang)
    shown = int(table["as_of"].iloc[0])
    counts = table["status"].value_counts()
    agree = table["agrees"].dropna()
    head = html.P([html.Strong(_("As of {year}: ", year=shown)),
                   " · ".join(f"{status_word(k, lang)} {int(counts.get(k, 0))}" for k in figures.STATUS_COLOURS),
                   html.Span(" — " + _("the derived status agrees with the analyst's judgement for {n} of {total} "
                                       "assessed elements (the table shows both).", n=int(agree.sum()),
                                       total=len(agree)), className="text-muted")],
                  className="small mb-1", id="model-realisation-counts")
    fig = figures.realisation_timeline(_history(model_id, lang), mark=shown, lang=lang)
    flat = flat_table(table.reset_index())
    if lang != "en":
        flat["status"] = table["status"].map(lambda v: status_word(v, lang)).to_numpy()
        flat["analyst"] = table["analyst"].map(lambda v: status_word(v, lang) if isinstance(v, str) else "").to_numpy()
        flat["evidence_text"] = flat["evidence_text"].str.replace("[not verified]", "[" + _("not verified") + "]",
                                                                  regex=False)
    cols = [("name", _("Proposal element"), 2), ("status", _("Status"), 1), ("analyst", _("Analyst"), 1),
            ("since", _("Since"), 1), ("realised_by_names", _("Realised by (today)"), 2), ("why", _("Why"), 2),
            ("evidence_text", _("Evidence"), 3)]
    grid = ui.grid("model-realisation-grid", flat[[c for c, _h, _f in cols]], height=380,
                   columns=[{"field": c, "headerName": h, "flex": f, "tooltipField": c,
                             **({"minWidth": 170} if c in ("status", "analyst") else {})} for c, h, f in cols])
    proposal = load_graph(model_id)
    return html.Div([
        html.H5(_("What of the {year} proposal came true, year by year", year=proposal.graph.get("as_of", "")),
                className="mt-3 mb-1"),
        html.P(_("Derived by assess.realisation from the explicit links of {map} (never from names), the dates of "
                 "{current}, the capability tags and the paper's structure. Grey: not assessed.", map=rmap.id,
                 current=rmap.current), className="small text-muted mb-1"),
        head, ui.graph("model-timeline", ui.localise_figure(fig, lang)), grid,
    ], id="model-realisation")


def _data_years(ready, lang: str = "en") -> str:
    """The indicator editions a readiness table used, e.g. ``gtmi.psdi 2022, un_egdi.osi 2024``."""
    parts = sorted({p.replace(": ", " ") for years in ready["years"] for p in str(years).split("; ") if p})
    if lang != "en":
        _ = ui.text(lang)
        word = _("evidence")
        parts = [f"{word} {p[len('evidence '):]}" if p.startswith("evidence ") else p for p in parts]
    return ", ".join(parts)


def render(model: str | None, reference: str | None = None, colour: str = "type", view: str = "overlay",
           show=None, asof=None, lang: str = "en") -> tuple:
    """Everything that depends on the controls: ``(graphs, legend+meta, checks, details)``, in ``lang``.

    Bad input (unknown model or reference, a year out of range) gives a friendly alert or falls back to the
    model's date, never a traceback.
    """
    _ = ui.text(lang)
    colour = ui.request_choice(colour, tuple(COLOUR_MODES), "type")
    view = ui.request_choice(view, tuple(VIEWS), "overlay")
    shown = parse_show(show)
    model, reference = ui.request_text(model, limit=80), ui.request_text(reference, limit=80)
    reference = reference if reference and reference != model else None
    placeholders = [html.Div(id="model-graph"), html.Div(id="model-graph-ref", hidden=True)]
    try:
        G = load_graph(model, lang)
        R = load_graph(reference, lang) if reference else None
    except AssessError as exc:
        return [_error(exc, lang), *placeholders], None, None, node_details(None, None, lang=lang)
    year = parse_year(asof, model)
    proposal = G.graph.get("status") == "proposal"
    full = G
    if year is not None and not proposal:
        G = graph_as_of(G, year)
    notes, status, extra = [], None, []
    if colour == "realisation":
        try:
            found = realisation_table(model, year, lang)
        except AssessError as exc:
            found = None
            notes.append(_error(exc, lang))
        if found is None:
            notes.append(dbc.Alert(_("'What came true' colours a proposal that a realisation map joins to today's "
                                     "model (azerbaijan_proposal); showing node types meanwhile."),
                                   color="info", className="py-1 small mb-2", id="model-realisation-note"))
            colour = "type"
        else:
            status = found[0]["status"].to_dict()
            extra.append(timeline_card(model, year, lang))
    if colour == "gap" and R is None:
        notes.append(dbc.Alert(_("Choose a reference model to colour by gap; showing node types meanwhile."),
                               color="info", className="py-1 small mb-2"))
        colour = "type"
    ref_label = short_label(reference, lang) if reference else ""
    ready = ready_r = None
    if colour == "readiness":
        try:
            ready = readiness_table(model, reference)
            ready_r = readiness_table(reference, model) if R is not None else None
        except AssessError as exc:
            notes.append(_error(exc, lang))
            colour = "type"
    own_cls, ref_cls, lacking = gap_classes(G, R, gap_table(model, reference)) if R is not None else ({}, {}, {})
    present = {d.get("type") for _n, d in G.nodes(data=True)} & _visible_types(shown)
    if R is not None and view == "side":
        els_g = elements(G, show=shown, colour=colour, classes=own_cls, ready=ready, status=status, compact=True,
                         lang=lang)
        els_r = elements(R, show=shown, colour=colour, classes=ref_cls, ready=ready_r, compact=True, lang=lang)
        height = max(canvas_height(els_g, zoom=SIDE_MIN_ZOOM), canvas_height(els_r, zoom=SIDE_MIN_ZOOM),
                     key=lambda h: int(h[:-2]))
        graphs = dbc.Row([
            dbc.Col([html.H6(graph_name(G, lang), className="mb-1"),
                     _cyto("model-graph", els_g, colour, height, min_zoom=SIDE_MIN_ZOOM, label=model_label(model, lang),
                           lang=lang)], md=6),
            dbc.Col([html.H6(graph_name(R, lang), className="mb-1"),
                     _cyto("model-graph-ref", els_r, colour, height, min_zoom=SIDE_MIN_ZOOM,
                           label=model_label(reference, lang), lang=lang)], md=6),
        ], className="g-2")
    else:
        graphs = html.Div([
            _cyto("model-graph", elements(G, show=shown, colour=colour, classes=own_cls, ghosts=lacking, reference=R,
                                          ref_label=ref_label, ready=ready, status=status, lang=lang), colour,
                  label=model_label(model, lang), lang=lang),
            html.Div(id="model-graph-ref", hidden=True),
        ])
    if R is not None and colour == "gap":
        where = _("Dashed red boxes") if view == "overlay" else _("Red nodes of {reference}", reference=ref_label)
        notes.append(html.P(_("{where}: the {n} parts of {reference} carrying a capability this model lacks (the list "
                              "below the graph). Click one to see which.", where=where, n=len(lacking),
                              reference=ref_label),
                            className="small text-body-secondary mb-1", id="model-gap-note"))
    counts = node_counts(G)
    shown_as = (_("shown as of {year}: {n} of {total} nodes, {relations} relations ({links} to indicators)",
                  year=year, n=counts["nodes"], total=full.number_of_nodes(), relations=counts["relations"],
                  links=counts["indicator_links"])
                if year is not None and not proposal else
                _("as of {date} · {n} nodes, {relations} relations ({links} to indicators)",
                  date=G.graph.get("as_of", "—"), n=counts["nodes"], relations=counts["relations"],
                  links=counts["indicator_links"]))
    model_status = G.graph.get("status", "")
    meta = html.P([dbc.Badge(translated(MODEL_STATUS_LABELS[model_status], lang)
                             if model_status in MODEL_STATUS_LABELS and lang != "en" else model_status,
                             color="info", className="me-2"), shown_as],
                  className="small mb-1", id="model-meta")
    bcounts = basis_counts(model)
    basis = html.P([html.Strong(_("Basis: ")),
                    _("nodes") + " " + " · ".join(f"{n} {basis_word(b, lang)}" for b, n in bcounts["nodes"].items()),
                    "; " + _("relations") + " " + " · ".join(f"{n} {basis_word(b, lang)}"
                                                            for b, n in bcounts["relations"].items()),
                    html.Span("; " + _("{n} unverified facts (flagged in the details)", n=len(unverified_facts(model))),
                              className="text-muted")], className="small mb-1", id="model-basis")
    head = [meta, legend(colour, present, proposal=proposal, lang=lang,
                         data_years=_data_years(ready, lang) if ready is not None else ""), basis]
    return [*notes, graphs, *extra], head, _checks_panel(model, lang), node_details(model, None, lang=lang)


def gap_panel(model: str | None, reference: str | None, lang: str = "en") -> list:
    """What the model lacks against the reference: one classified list (:func:`gap_table`), with a CSV download."""
    _ = ui.text(lang)
    model, reference = ui.request_text(model, limit=80), ui.request_text(reference, limit=80)
    if not (reference and model and reference != model and _known(model) and _known(reference)):
        return [html.P(_("Choose a reference model to list what this model lacks against it."),
                       className="small text-muted mb-0")]
    try:
        g = gap_table(model, reference)
    except AssessError as exc:
        return [_error(exc, lang)]
    by = {s: g[g["status"] == s] for s in GAP_STATUSES}
    parts = len(lacking_by_node(g))
    ref = short_label(reference, lang)
    summary = html.P([html.Strong(_("{n} capabilities", n=len(g))),
                      " " + _("of {reference} on {parts} of its parts are lacking: ", reference=ref, parts=parts),
                      " · ".join(f"{len(by[s])} {translated(GAP_STATUS_SHORT[s], lang)}" for s in GAP_STATUSES)],
                     className="small mb-2", id="model-gap-count")
    R = load_graph(reference)
    rows = [html.Tr([html.Td(_capability_tag(r.capability, lang)),
                     html.Td(capability_label(r.capability, lang, {r.capability: r.label})),
                     html.Td(translated(GAP_STATUS_TEXT[r.status], lang)),
                     html.Td(", ".join(_label(R, n, lang) for n in r.reference_nodes)
                             + ("" if r.reference_verified else " (" + _("unverified") + ")")),
                     html.Td(_state_word(r.own_state, lang) + (f": {r.own_values}" if r.own_values else ""))])
            for r in g.itertuples()]
    table = dbc.Table([html.Thead(html.Tr([html.Th(h) for h in (_("Capability"), _("Meaning"), _("Class"),
                                                                 _("Parts of {reference}", reference=ref),
                                                                 _("Evidence for this country"))])),
                       html.Tbody(rows)], size="sm", striped=True, responsive=True, className="small mb-1",
                      id="model-gap-table")
    return [summary, table,
            html.Span(_("Evidence up to {year} (assess.capability_gaps).", year=READINESS_YEAR),
                      className="small text-muted")]


def evidence_panel(model: str | None, lang: str = "en") -> list:
    """The model against the evidence of its country (:func:`assess.cross_check`) and the country's GTMI."""
    model = ui.request_text(model, limit=80)
    if not _known(model):
        return []
    try:
        return list(_evidence_panel(model, lang))
    except AssessError as exc:  # never cached: lru_cache keeps only what returned
        return [_error(exc, lang)]


@functools.lru_cache(maxsize=512)
def _evidence_panel(model: str, lang: str = "en") -> tuple:
    """The panel's components for a known model id (built once per language: the GTMI table alone is ~1,000
    components)."""
    _ = ui.text(lang)
    G = load_graph(model)
    c = evidence_check(model, lang)
    out = [html.H6(_("Against the published evidence"), className="mt-1")]
    if c.empty:
        out.append(html.P(c.attrs.get("note", _("Nothing to cross-check.")), className="small text-muted"))
    else:
        year = int(c["year"].iloc[0])
        out.append(html.P(_("{n} disagreements with the evidence for {country} (year {year}; GTMI key indicators, EU "
                            "benchmark; assess.cross_check).", n=int(c["disagreement"].sum()),
                            country=ui.country_label(G.graph.get("country"), lang), year=year),
                          className="small mb-1", id="model-evidence-count"))
        if c.attrs.get("note"):
            out.append(html.P(c.attrs["note"][:1].upper() + c.attrs["note"][1:] + ".", className="small text-muted mb-1",
                              id="model-evidence-note"))
        for finding in ("lacks", "claims_absent", "claims_partial", "confirms_unverified"):
            part = c[c["finding"] == finding]
            if part.empty:
                continue
            out.append(html.Div(html.Em(translated(FINDINGS[finding], lang)), className="small"))
            out.append(html.Ul([html.Li([html.Strong(_capability_tag(r.capability, lang)),
                                         f" ({_state_word(r.state, lang)}; {r.values})"
                                         + (f" — {', '.join(_label(G, n, lang) for n in r.model_nodes)}"
                                            if r.model_nodes else "")]) for r in part.itertuples()],
                               className="small mb-1", id=f"model-evidence-{finding}"))
    out += _gtmi_rows(G.graph.get("country"), lang)
    return tuple(out)


def _gtmi_rows(country: str | None, lang: str = "en") -> list:
    if not country:
        return []
    _ = ui.text(lang)
    try:
        p = gtmi_profile(country, lang=lang)
    except AssessError:
        return [html.P(_("{country} is not in the latest GTMI edition.", country=ui.country_label(country, lang)),
                       className="small text-muted")]
    comps = " · ".join(f"{c['id'].upper()} {format_number(c['value'], lang, 3)}" for c in p["components"]
                       if c["value"] is not None)
    k = p["key_indicators"]
    table = dbc.Table([html.Thead(html.Tr([html.Th(_("Code")), html.Th(_("Question (official name)")),
                                           html.Th(_("Value"))])),
                       html.Tbody([html.Tr([html.Td(r.code), html.Td(r.name, lang="en"),
                                            html.Td("—" if r.value != r.value else _gtmi_value(r.value, lang))])
                                   for r in k.itertuples()])], size="sm", className="small mb-0")
    return [html.H6(_("World Bank GTMI"), className="mt-3"),
            html.P([html.Strong(f"GTMI {p['edition']}: {format_number(p['gtmi'], lang, 3)}"),
                    ", " + _("group {group} ({name})", group=p["group"], name=p["group_name"]),
                    html.Br(), comps], className="small mb-1", id="model-gtmi"),
            html.Details([html.Summary(_("The 48 key indicators of GTMI {edition}, by name", edition=p["key_edition"]),
                                       className="small"),
                          html.P(p["key_note"], className="small text-muted mb-1") if p["key_note"] else None, table],
                         id="model-gtmi-key")]


def _gtmi_value(value: float, lang: str = "en") -> str:
    """A key indicator's value as ``:g`` writes it, with the language's decimal sign."""
    text = f"{value:g}"
    return text if lang == "en" else text.replace(".", ",")


def node_options(model: str | None, reference: str | None, show=None, lang: str = "en") -> list[dict]:
    """“Go to a node”: every node drawn (the reference's too, as ``ref:<id>``), for keyboard users."""
    model, reference = ui.request_text(model, limit=80), ui.request_text(reference, limit=80)
    keep = _visible_types(parse_show(show))
    out = []
    for mid, prefix in ((model, ""), (reference if reference != model else None, "ref:")):
        if not _known(mid):
            continue
        G = load_graph(mid)
        suffix = f" ({short_label(mid, lang)})" if prefix else ""
        out += [{"label": f"{_label(G, n, lang)}{suffix}", "value": prefix + n} for n, d in G.nodes(data=True)
                if d.get("type") in keep]
    return out


def image_bytes(model: str | None, fmt: str, colour: str = "type", reference: str | None = None,
                lang: str = "en") -> dict:
    """``dcc.Download`` payload of the model graph as PNG or SVG (:func:`assess.reports.model_image.model_image`),
    its names and title in ``lang``."""
    if fmt not in IMAGE_FORMATS:
        _ = ui.text(lang)
        raise AssessError(_("Unknown image format {format}. Expected one of: {formats}.",
                            format=repr(str(fmt)[:20]), formats=", ".join(IMAGE_FORMATS)))
    colour = ui.request_choice(colour, tuple(COLOUR_MODES), "type")
    G = load_graph(ui.request_text(model, limit=80), lang)
    reference = ui.request_text(reference, limit=80)
    gaps = ready = None
    if colour == "gap" and reference and reference != model and _known(reference):
        gaps = gap_classes(G, load_graph(reference), gap_table(model, reference))[0]
    elif colour == "readiness":
        ready = readiness_table(model, reference if _known(reference) else None)["readiness"].to_dict()
    else:
        colour = "type"
    data = model_image(G, fmt, colour=colour, readiness=ready, gaps=gaps, title=graph_name(G, lang) or model, lang=lang)
    return dcc.send_bytes(data, f"{model}.{fmt}")


def gaps_csv(model: str | None, reference: str | None, lang: str = "en") -> dict:
    """``dcc.Download`` payload of the gap list as CSV (columns are the library's; the file named in ``lang``)."""
    _ = ui.text(lang)
    model, reference = ui.request_text(model, limit=80), ui.request_text(reference, limit=80)
    if not (_known(model) and _known(reference) and model != reference):
        raise AssessError(_("Choose a model and a different reference to download what the model lacks."))
    g = gap_table(model, reference).copy()
    g["reference_nodes"] = g["reference_nodes"].map(", ".join)
    return dcc.send_string(g.to_csv(index=False), _("{model}_lacks_against_{reference}.csv", model=model,
                                                    reference=reference))


def column_widths(view: str | None, reference: str | None) -> tuple[int, int]:
    """Side by side uses the page's full width (the details panel moves below) so labels stay legible."""
    return (12, 12) if view == "side" and reference else (9, 3)


def layout(model: str = DEFAULT_MODEL, reference: str = "", colour: str = "type", view: str = "overlay",
           show: str = "", asof: str = "", lang=None, **_query):
    """The page for ``/model?model=…&reference=…&colour=type|gap|readiness|realisation&view=overlay|side&show=org,
    tech,…&asof=2020&lang=az``."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    options = model_options(lang)
    problems = []
    if not _known(model):
        hand = [o["value"] for o in options if baseline_iso3(o["value"]) is None]
        shown_model = model if isinstance(model, str) and len(model) <= 40 else _("this value")
        problems.append(ui.error_alert(_("Unknown model {model}. Choose one of: {models}, or a baseline from evidence "
                                         "(baseline_<iso3>).", model=repr(shown_model), models=", ".join(hand)),
                                       color="warning", id="model-problem"))
        model = None
    if reference and not _known(reference):
        problems.append(ui.error_alert(_("Unknown reference model {model}; no reference shown.",
                                         model=repr(reference)), color="warning", id="model-problem-reference"))
        reference = ""
    colour = colour if colour in COLOUR_MODES else "type"
    view = view if view in VIEWS else "overlay"
    shown = parse_show(show)
    year = parse_year(asof, model) if model else None
    if asof and year is None:
        problems.append(ui.error_alert(_("Year {year} is not one this model can be shown as of; showing the model's "
                                         "own date.", year=repr(ui.request_text(asof, limit=12))), color="warning",
                                       id="model-problem-asof"))
    controls = dbc.Row([
        dbc.Col([dbc.Label(_("Model"), html_for="model-model", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="model-model", options=options, value=model, clearable=False)], lg=3, md=6),
        dbc.Col([dbc.Label(_("Reference"), html_for="model-reference", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="model-reference", options=options, value=reference or None,
                              placeholder=_("none"), clearable=True)], lg=3, md=6),
        # the year sits in the dropdowns' row: loading it never moves the graph (cytoscape keeps its offset)
        dbc.Col([dbc.Label(_("Shown as of"), html_for="model-asof", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="model-asof", options=year_options(model, lang),
                              value="" if year is None else str(year), clearable=False)], lg=2, md=4),
        dbc.Col([dbc.Label(_("Colour by"), className="fw-semibold mb-1"),
                 dbc.RadioItems(id="model-colour", value=colour, inline=True,
                                options=[{"label": translated(v, lang), "value": k} for k, v in COLOUR_MODES.items()])],
                lg=2, md=4),
        dbc.Col([dbc.Label(_("Reference shown"), className="fw-semibold mb-1"),
                 dbc.RadioItems(id="model-view", value=view, inline=True,
                                options=[{"label": translated(v, lang), "value": k} for k, v in VIEWS.items()])],
                lg=2, md=4),
        dbc.Col([dbc.Checklist(id="model-show", value=shown, inline=True, switch=True,
                               options=[{"label": translated(v[0], lang), "value": k} for k, v in SHOW_GROUPS.items()])],
                md=12),
    ], className="g-2 mb-2 align-items-end")
    downloads = html.Div([
        html.Span(_("Download the model: "), className="me-1 small"),
        *[dbc.Button(label, id=f"model-download-{fmt}", size="sm", color="secondary", outline=True, className="me-1")
          for fmt, label in (("graphml", "GraphML"), ("gexf", "GEXF"), ("json", "JSON"), ("archimate", "ArchiMate"))],
        html.Span(_("Image for a slide: "), className="ms-2 me-1 small"),
        *[dbc.Button(fmt.upper(), id=f"model-image-{fmt}", size="sm", color="secondary", outline=True, className="me-1")
          for fmt in IMAGE_FORMATS],
        dcc.Download(id="model-download"),
        dcc.Download(id="model-download-image"),
        html.Div(id="model-download-message", className="small mt-1"),
    ], className="mt-2")
    picker = html.Div([
        dbc.Label(_("Go to a node (keyboard: type its name, Enter)"), html_for="model-node-pick",
                  className="small fw-semibold mb-1"),
        dcc.Dropdown(id="model-node-pick", options=node_options(model, reference, shown, lang), value=None,
                     placeholder=_("Node…"), clearable=True),
    ], className="mt-2")
    graphs, head, checks, details = render(model, reference, colour, view, shown, year, lang)
    main_lg, side_lg = column_widths(view, reference)
    side = dbc.Card(dbc.CardBody([
        html.Div(details, id="model-details", **{"aria-live": "polite"}),
        html.Hr(),
        html.Div(evidence_panel(model, lang), id="model-evidence"),
        html.Hr(),
        html.Div(checks, id="model-checks"),
    ]), style={"maxHeight": "80vh", "overflowY": "auto"})
    gaps = ui.card(_("What this model lacks against the reference"), [
        html.Div(gap_panel(model, reference, lang), id="model-gaps"),
        dbc.Button(_("Gap list (CSV)"), id="model-download-gaps", size="sm", color="secondary", outline=True,
                   className="mt-1")], className="mt-3")
    return ui.page("model", _("Technical and organisational model"), lang=lang, lead=_(
        "Bodies, platforms, services, enablers and users of a country's e-government as a graph; reporting "
        "lines in bold. Pick a hand-built model or the baseline of any of the 198 GTMI economies, built from the "
        "published evidence. Click a node for its details, duties, sources and linked indicators."), children=[
        *problems, controls,
        dbc.Row([dbc.Col([html.Div(head, id="model-head"), dcc.Loading(html.Div(graphs, id="model-graphs"),
                                                                        delay_show=300), picker, downloads, gaps],
                         lg=main_lg, id="model-main-col"),
                 dbc.Col(side, lg=side_lg, id="model-side-col")], className="g-3"),
    ])


ui.register_url_sync("model", model=("model-model", "value"), reference=("model-reference", "value"),
                     colour=("model-colour", "value"), view=("model-view", "value"), show=("model-show", "value"),
                     asof=("model-asof", "value"),
                     defaults={"model": DEFAULT_MODEL, "reference": None, "colour": "type", "view": "overlay",
                               "show": list(DEFAULT_SHOW), "asof": ""})


# ---------------------------------------------------------------------------------------------
# Callbacks (thin)
# ---------------------------------------------------------------------------------------------


@callback(Output("model-graphs", "children"), Output("model-head", "children"), Output("model-checks", "children"),
          Output("model-details", "children"), Output("model-gaps", "children"), Output("model-evidence", "children"),
          Output("model-node-pick", "options"), Output("model-node-pick", "value"), Output("model-main-col", "lg"),
          Output("model-side-col", "lg"),
          Input("model-model", "value"), Input("model-reference", "value"), Input("model-colour", "value"),
          Input("model-view", "value"), Input("model-show", "value"), Input("model-asof", "value"),
          State("model-lang", "data"), prevent_initial_call=True)
def update(model, reference, colour, view, show, asof, lang=None):
    """Controls → graph(s), legend, checks, timeline, gap list, evidence check, node list; the details panel is
    reset."""
    lang = ui.request_lang(lang)
    view = ui.request_choice(view, tuple(VIEWS), "overlay")
    reference = ui.request_text(reference, limit=80)
    return (*render(model, reference, colour, view, show, asof, lang), gap_panel(model, reference, lang),
            evidence_panel(model, lang), node_options(model, reference, show, lang), None,
            *column_widths(view, reference))


@callback(Output("model-asof", "options"), Input("model-model", "value"), State("model-lang", "data"),
          prevent_initial_call=True)
def asof_options(model, lang=None):
    """The years the chosen model can be shown as of."""
    return year_options(ui.request_text(model, limit=80), ui.request_lang(lang))


@callback(Output("model-details", "children", allow_duplicate=True),
          Input("model-graph", "tapNodeData"), Input("model-graph-ref", "tapNodeData"),
          Input("model-node-pick", "value"),
          State("model-model", "value"), State("model-reference", "value"), State("model-asof", "value"),
          State("model-lang", "data"), prevent_initial_call=True)
def show_details(node, ref_node, picked, model, reference, asof, lang=None):
    """Tapped (or picked) node → details panel."""
    lang = ui.request_lang(lang)
    model, reference = ui.request_text(model, limit=80), ui.request_text(reference, limit=80)
    if ctx.triggered_id == "model-node-pick":
        node_id = ui.request_text(picked, limit=200)
        graph = "model-graph"
    else:
        tapped = ref_node if ctx.triggered_id == "model-graph-ref" else node
        node_id = ui.request_text(tapped.get("id"), limit=200) if isinstance(tapped, dict) else None
        graph = ctx.triggered_id
    try:
        if graph == "model-graph-ref":
            return node_details(reference, node_id, lacking_in=model, lang=lang)
        return node_details(model, node_id, reference_id=reference, year=parse_year(asof, model), lang=lang)
    except AssessError as exc:
        return [_error(exc, lang)]


@callback(Output("model-download-image", "data"), Output("model-download-message", "children", allow_duplicate=True),
          *[Input(f"model-image-{fmt}", "n_clicks") for fmt in IMAGE_FORMATS], Input("model-download-gaps", "n_clicks"),
          State("model-model", "value"), State("model-colour", "value"), State("model-reference", "value"),
          State("model-lang", "data"), prevent_initial_call=True)
def download_image(*args):
    """The model graph as PNG/SVG for a slide, or the gap list as CSV."""
    model, colour, reference, lang = args[-4:]
    lang = ui.request_lang(lang)
    trigger = str(ctx.triggered_id or "")
    try:
        if trigger == "model-download-gaps":
            return gaps_csv(model, reference, lang), None
        return image_bytes(model, trigger.removeprefix("model-image-"), colour, reference, lang), None
    except Exception as exc:  # shown to the user as a friendly message
        return dash.no_update, _error(exc, lang)


@callback(Output("model-download", "data"), Output("model-download-message", "children"),
          *[Input(f"model-download-{fmt}", "n_clicks") for fmt in EXPORT_FORMATS],
          State("model-model", "value"), State("model-lang", "data"), prevent_initial_call=True)
def download(*args):
    """Export the model in the format of the button pressed."""
    model, lang = args[-2:]
    lang = ui.request_lang(lang)
    fmt = str(ctx.triggered_id or "").removeprefix("model-download-")
    try:
        return export_graph(model, fmt, lang), None
    except Exception as exc:  # shown to the user as a friendly message
        return dash.no_update, _error(exc, lang)
