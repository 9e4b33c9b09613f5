"""Strategy structure: a national strategy drawn as Singapore draws its blueprint, with what it lacks.

URL state: ``/strategy/structure?strategy=azerbaijan_digital_2026&reference=singapore_dgb`` (kept in sync with
the controls; ``reference=none`` shows no reference). The vision is at the centre; rings of directions, goals,
KPIs and action points, enablers/principles/rules, and the country model's bodies, laws and platforms go
outwards (:func:`assess.model.strategy_graph.structure_layout`). The traceability findings come from
:func:`assess.strategy.checks.check_strategy`, the levels from :func:`assess.strategy.rubric.level_comparison`.
Everything is computed by :mod:`assess`; this page only lays it out. It speaks the language of the URL
(``&lang=az``): labels, legend, counts, levels and findings (:meth:`assess.strategy.checks.Finding.message_in`), the
elements by their ``az`` names; a source's quoted words stay as the source wrote them.
"""

from __future__ import annotations

import functools
from collections import Counter

import dash
import dash_bootstrap_components as dbc
import dash_cytoscape as cyto
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from assess.errors import AssessError
from assess.frameworks import list_frameworks, load_framework
from assess.i18n import N_, name_in, ngettext_for, pt, translated
from assess.model.strategy_graph import strategy_graph, structure_layout, structure_nodes
from assess.strategy.checks import RULES, check_strategy, load_strategy, structure_summary
from assess.strategy.rubric import ABOVE, BELOW, level_comparison
from ui import components as ui
from ui.strategy_extras import friendly, strategy_name

dash.register_page(__name__, path="/strategy/structure", name="Structure",
                   title="Strategy structure · egov-assess", order=6)

DEFAULT_STRATEGY = "azerbaijan_digital_2026"
DEFAULT_REFERENCE = "singapore_dgb"
#: References the page offers (the paper's model, and Estonia).
REFERENCES = ("singapore_dgb", "estonia_dsdp2030")
NONE = "none"
#: Characters of an element's name drawn on its node (the whole name is in the details panel).
LABEL_CHARS = 48

#: Node types → (legend text, colour, cytoscape shape).
NODE_STYLE = {
    "vision": (N_("Vision"), "#b8860b", "ellipse"),
    "general_objective": (N_("General objective"), "#d4a017", "ellipse"),
    "direction": (N_("Strategic direction"), "#1f4e79", "round-rectangle"),
    "goal": (N_("Goal"), "#2e75b6", "round-rectangle"),
    "kpi": (N_("KPI"), "#00838f", "round-tag"),
    "action_point": (N_("Action point"), "#d35400", "rectangle"),
    "strategy_enabler": (N_("Enabler"), "#7b3fa0", "diamond"),
    "principle": (N_("Principle"), "#2e7d32", "hexagon"),
    "implementation_rule": (N_("Implementation rule"), "#6d6d6d", "tag"),
    "diagram": (N_("Diagram"), "#795548", "rectangle"),
    "model": (N_("Node of the country model"), "#b0bec5", "round-rectangle"),
    "indicator": (N_("Indicator of the data store"), "#80cbc4", "triangle"),
}
#: A KPI target's comparator in words (the others are signs: ``=``, ``>=``, ``<=``).
COMPARATORS = {"range": N_("range")}


# ---------------------------------------------------------------------------------------------
# Plain functions (tested directly)
# ---------------------------------------------------------------------------------------------


def strategy_options(lang: str = "en") -> list[dict]:
    """Every strategy file (``kind: strategy``) as dropdown options, named in ``lang``."""
    return [{"label": strategy_name(r, lang), "value": r["id"]} for r in list_frameworks() if r["kind"] == "strategy"]


def reference_options(lang: str = "en") -> list[dict]:
    """The references offered: Singapore's Blueprint, Estonia's plan, or none."""
    _ = ui.text(lang)
    names = {o["value"]: o["label"] for o in strategy_options(lang)}
    return [{"label": names.get(r, r), "value": r} for r in REFERENCES if r in names] + \
        [{"label": _("No reference"), "value": NONE}]


def known_strategy(value) -> str:
    """A strategy id from a request value, or a friendly :class:`AssessError`."""
    known = [o["value"] for o in strategy_options()]
    sid = ui.request_text(value, limit=80)
    if sid not in known:
        shown = ui.request_text(value, "this value", limit=40)
        raise AssessError(f"Unknown strategy {shown!r}. Expected one of: {', '.join(known)}.")
    return sid


@functools.lru_cache(maxsize=16)
def _graph(sid: str):
    return strategy_graph(sid)


@functools.lru_cache(maxsize=16)
def _findings(sid: str) -> tuple:
    return tuple(check_strategy(sid))


@functools.lru_cache(maxsize=16)
def _levels(sid: str, lang: str = "en") -> pd.DataFrame:
    return level_comparison(sid, lang=lang)


@functools.lru_cache(maxsize=16)
def _elements_of(sid: str) -> dict:
    """The strategy's elements by id (their texts in both languages)."""
    return {e.id: e for e in load_strategy(sid).elements()}


def _node_name(sid: str, d: dict, lang: str) -> str:
    """A node's name in ``lang``: the vision's statement, an element's or a model node's name."""
    e = _elements_of(sid).get(d.get("element")) if d.get("part") == "strategy" else None
    if e is not None and getattr(e, "statement", None):
        return name_in(e.statement, lang, d.get("label", ""))
    return name_in(d.get("name"), lang, d.get("label", "")) if d.get("name") else d.get("label", "")


def elements(sid: str, lang: str = "en") -> list[dict]:
    """Cytoscape elements of the strategy's structure: ring outlines, the nodes on their rings, the edges.

    Classes: the node type (or ``model``), ``unverified``, ``pending`` (a node to add to the model) and
    ``has-gap`` (an element with a traceability finding of severity ``gap``).
    """
    G = _graph(sid)
    lay = structure_layout(G, step=150.0, size=140.0)
    gaps = {f.element for f in _findings(sid) if f.severity == "gap"}
    out = [{"data": {"id": f"ring:{rid}", "label": translated(label, lang), "size": 2 * r}, "position": {"x": 0, "y": 0},
            "classes": "ring", "selectable": False, "grabbable": False}
           for rid, label, r in reversed(lay.rings) if r > 0]
    keep = set(lay.positions)
    for n in structure_nodes(G):
        d = G.nodes[n]
        x, y = lay.positions[n]
        part = d.get("part") == "strategy"
        kind = d.get("type") if part or d.get("type") == "indicator" else "model"
        cls = [kind]
        if d.get("verified") is False:
            cls.append("unverified")
        if d.get("pending"):
            cls.append("pending")
        if part and d.get("element") in gaps:
            cls.append("has-gap")
        label = (d.get("statement") or d.get("label", n)) if lang == "en" else _node_name(sid, d, lang) or n
        # the vision shows its statement
        label = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"
        out.append({"data": {"id": n, "label": label, "h": max(36, 15 * -(-len(label) // 17) + 10)},
                    "position": {"x": x, "y": y}, "classes": " ".join(cls)})
    for u, v, k in G.edges(keys=True):
        if u in keep and v in keep and (G.nodes[u].get("part") == "strategy"):
            out.append({"data": {"id": f"{u}|{k}|{v}", "source": u, "target": v, "label": k}, "classes": k})
    return out


def stylesheet() -> list[dict]:
    """Shapes and colours by node type; dashed border = unverified, red border = the element lacks something."""
    base = [{"selector": "node", "style": {
        "label": "data(label)", "text-wrap": "wrap", "text-max-width": "124px", "font-size": "13px",
        "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "text-valign": "center",
        "text-halign": "center", "color": "#ffffff", "width": 130, "height": "data(h)", "border-width": 1,
        "border-color": "#ffffff", "background-color": "#9e9e9e", "z-index": 10}}]
    for t, (_, col, shape) in NODE_STYLE.items():
        base.append({"selector": f".{t}", "style": {"background-color": col, "shape": shape}})
    base += [
        {"selector": ".vision", "style": {"width": 200, "height": 120, "font-size": "14px", "font-weight": "bold",
                                          "text-max-width": "170px"}},
        {"selector": ".model, .indicator", "style": {"color": "#1f2d3d", "font-size": "11px"}},
        {"selector": ".unverified", "style": {"border-style": "dashed", "border-width": 2, "border-color": "#333"}},
        {"selector": ".pending", "style": {"background-opacity": 0.35, "border-style": "dotted", "border-width": 2,
                                           "border-color": "#c62828", "color": "#1f2d3d"}},
        {"selector": ".has-gap", "style": {"border-width": 4, "border-color": "#c62828"}},
        {"selector": ".ring", "style": {"shape": "ellipse", "width": "data(size)", "height": "data(size)",
                                        "background-opacity": 0, "border-width": 1, "border-style": "dashed",
                                        "border-color": "#b0b7c0", "label": "data(label)", "text-valign": "top",
                                        "text-halign": "center", "color": "#6c757d", "font-size": "13px",
                                        "z-index": 0, "events": "no", "text-margin-y": 16}},
        {"selector": "edge", "style": {"width": 1.2, "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1",
                                       "target-arrow-shape": "triangle", "arrow-scale": 0.7, "curve-style": "bezier",
                                       "opacity": 0.7}},
        {"selector": ".owned_by, .carried_by", "style": {"line-style": "dashed", "line-color": "#d35400",
                                                         "target-arrow-color": "#d35400"}},
        {"selector": ".measured_by", "style": {"line-style": "dotted", "line-color": "#00838f"}},
        {"selector": "node:selected", "style": {"border-width": 5, "border-color": "#ffbf00"}},
    ]
    return base


def legend(lang: str = "en") -> html.Div:
    """Colour and shape of each node type, and what the borders mean."""
    _ = ui.text(lang)
    items = [html.Span([html.Span(style={"display": "inline-block", "width": "13px", "height": "13px",
                                         "backgroundColor": col, "marginRight": "5px", "borderRadius": "3px"}),
                        translated(text, lang)], className="me-3 d-inline-flex align-items-center text-nowrap")
             for text, col, _shape in NODE_STYLE.values()]
    borders = [html.Span(_("red border = something missing (see the findings)"), className="me-3"),
               html.Span(_("dashed border = unverified"), className="me-3"),
               html.Span(_("pale, dotted red = a node the country model lacks (to add)"), className="me-3")]
    return html.Div([html.Div(items, className="d-flex flex-wrap"),
                     html.Div(borders, className="d-flex flex-wrap text-muted mt-1")], className="small")


#: Rows of the counts table: (label, key of :func:`assess.strategy.checks.structure_summary`).
COUNT_ROWS = ((N_("Directions"), "directions"), (N_("Goals"), "goals"), (N_("KPIs"), "kpis"),
              (N_("… with a numeric target"), "kpis_numeric_target"), (N_("… with a target date"), "kpis_target_date"),
              (N_("… with an owner a source names"), "kpis_owner_stated"),
              (N_("… with reported values"), "kpis_reported"), (N_("Action points"), "action_points"),
              (N_("… with an owner"), "actions_owner"), (N_("… with start and end"), "actions_both_dates"),
              (N_("… with a budget line"), "actions_budget_line"),
              (N_("Principles saying what they require"), "principles_with_requires"),
              (N_("Implementation rules"), "rules"), (N_("Enablers"), "enablers"), (N_("Diagrams"), "diagrams"))


def counts_table(sid: str, ref: str | None = None, lang: str = "en") -> dbc.Table:
    """The structure's counts, with the reference's beside them."""
    _ = ui.text(lang)
    a = structure_summary(sid)
    b = structure_summary(ref) if ref else None
    head = [html.Th("")] + [html.Th(_short(sid, lang))] + ([html.Th(_short(ref, lang))] if ref else [])
    body = [html.Tr([html.Td(translated(label, lang)), html.Td(a[key])] + ([html.Td(b[key])] if b else []))
            for label, key in COUNT_ROWS]
    body.append(html.Tr([html.Td(_("Verified elements")),
                         html.Td(_("{n} of {total}", n=a["elements_verified"], total=a["elements"]))]
                        + ([html.Td(_("{n} of {total}", n=b["elements_verified"], total=b["elements"]))] if b else [])))
    return dbc.Table([html.Thead(html.Tr(head)), html.Tbody(body)], size="sm", striped=True, id="structure-counts",
                     className="small mb-0")


def _short(sid: str | None, lang: str = "en") -> str:
    return {o["value"]: o["label"] for o in strategy_options(lang)}.get(sid, sid or "").split(":")[0]


def _lv(v) -> str:
    return "–" if v is None or pd.isna(v) else str(int(v))


def levels_table(sid: str, ref: str | None = None, lang: str = "en") -> dbc.Table:
    """Rubric levels the structure evidences (from verified elements – from all), the judged level, flags."""
    _ = ui.text(lang)
    t = _levels(sid, ui.request_lang(lang))
    r = _levels(ref, ui.request_lang(lang)) if ref else None
    head = [html.Th(_("Criterion")), html.Th(_("Evidenced"), title=_("from verified elements – from all elements")),
            html.Th(_("Judged"))] + ([html.Th(_("{name} (evidenced)", name=_short(ref, lang)))] if ref else [])
    body = []
    for cid, row in t.iterrows():
        flag = row.flag
        badge = dbc.Badge(translated(flag, lang), color="danger" if flag in (ABOVE, BELOW) else "light",
                          text_color=None if flag in (ABOVE, BELOW) else "dark", className="ms-1") if flag else None
        span = _("judgement") if pd.isna(row.upper) else f"{_lv(row.lower)}–{_lv(row.upper)}"
        cells = [html.Td(row["name"], title=row.reason_upper), html.Td(span),
                 html.Td([_lv(row.judged), badge])]
        if r is not None:
            rr = r.loc[cid]
            cells.append(html.Td(_("judgement") if pd.isna(rr.upper) else f"{_lv(rr.lower)}–{_lv(rr.upper)}"))
        body.append(html.Tr(cells, id=f"structure-level-{cid}"))
    return dbc.Table([html.Thead(html.Tr(head)), html.Tbody(body)], size="sm", striped=True, id="structure-levels",
                     className="small mb-0")


def findings_panel(sid: str, lang: str = "en") -> list:
    """The traceability findings, grouped by rule (gaps first), each naming the element and what is missing."""
    _, _n = ui.text(lang), ngettext_for(ui.request_lang(lang))
    findings = _findings(sid)
    by_rule = Counter(f.rule for f in findings)
    gaps = sum(f.severity == "gap" for f in findings)
    out = [html.P([html.Strong(_n("{n} finding:", "{n} findings:", len(findings)) + " "),
                   _("{gaps} missing parts of the structure, {notes} notes.", gaps=gaps, notes=len(findings) - gaps)],
                  className="small mb-2", id="structure-findings-total")]
    items = []
    for rule in sorted(by_rule, key=lambda r: (RULES[r][0] != "gap", -by_rule[r], r)):
        mine = [f for f in findings if f.rule == rule]
        severity, what = RULES[rule]
        title = html.Span([dbc.Badge(by_rule[rule], color="danger" if severity == "gap" else "secondary",
                                     className="me-2"), translated(what, lang)])
        said = [str(f) if lang == "en" else f.message_in(lang) for f in mine]
        items.append(dbc.AccordionItem(html.Ul([html.Li(x) for x in said], className="small mb-0"),
                                       title=title, item_id=rule))
    out.append(dbc.Accordion(items, start_collapsed=True, always_open=True, id="structure-findings-list")
               if items else html.P(_("No finding."), className="small"))
    return out


def _source_in(sid: str, e, lang: str) -> str | None:
    """Where an element comes from, in ``lang``: the document's title, section and page (and its URL)."""
    c = getattr(e, "source", None)
    if c is None:
        return None
    _ = ui.text(lang)
    try:
        doc = load_strategy(sid).document(c.document)
        title, url = name_in(doc.title, lang, doc.id), doc.url
    except KeyError:
        title, url = c.document, None
    parts = ([title] + ([_("§ {section}", section=c.section)] if c.section else [])
             + ([_("p. {page}", page=c.page)] if c.page else []))
    return ", ".join(parts) + (f" ({url})" if url else "")


def element_details(sid: str, node: str | None, lang: str = "en") -> list:
    """Details of a tapped node: name in both languages, type, source, verified, and its findings."""
    _ = ui.text(lang)
    if not node:
        return [html.P(_("Click an element of the drawing to see its source and what it lacks."),
                       className="text-muted small")]
    G = _graph(sid)
    if node not in G:
        return [dbc.Alert(_("'{node}' is not part of '{strategy}'.", node=node[:60], strategy=sid), color="warning",
                          className="small")]
    d = G.nodes[node]
    name = d.get("name") or {}
    other = "en" if lang == "az" else "az"
    rows: list = [html.H6(name_in(name, lang, d.get("label", node)) if name else d.get("label", node),
                          className="mb-0", id="structure-details-name")]
    if name.get(other) and name.get(other) != name.get(lang):
        rows.append(html.Div(name[other], className="text-muted fst-italic small", lang=other))
    kind = translated(NODE_STYLE[d["type"]][0], lang) if d.get("type") in NODE_STYLE else d.get("type", "node")
    badges = [dbc.Badge(kind, color="secondary", className="me-1"),
              dbc.Badge(f"ArchiMate: {d.get('archimate_type', '—')}", color="light", text_color="dark",
                        className="me-1")]
    if d.get("verified") is False:
        badges.append(dbc.Badge(_("unverified"), color="warning", text_color="dark", className="me-1"))
    if d.get("pending"):
        badges.append(dbc.Badge(_("node to add to the model"), color="danger"))
    rows.append(html.Div(badges, className="my-1"))
    e = _elements_of(sid).get(d.get("element")) if d.get("part") == "strategy" else None
    for key, title in (("statement", _("Statement")), ("description", None), ("definition", _("Definition")),
                       ("requires", _("Requires of agencies")), ("note", _("Note"))):
        value = getattr(e, key, None) if e is not None else None
        said = isinstance(value, dict) and bool(value.get(lang))
        text = name_in(value, lang) if isinstance(value, dict) and lang != "en" else d.get(key)
        if text:  # a text the file has only in English (a research note) is marked as English
            rows.append(html.P([html.Strong(title + ": ") if title else "",
                                text if said or lang == "en" else html.Span(text, lang="en")], className="small mb-1"))
    if d.get("type") == "kpi":
        in_words, sign = _("in words"), d.get("target_comparator", "")
        sign = translated(COMPARATORS[sign], lang) if sign in COMPARATORS else sign
        target = _("none") if d.get("target_date") is None and d.get("target_value") is None else \
            _("{comparator} {value} {unit} by {date}", comparator=sign,
              value=d.get("target_value", in_words), unit=d.get("unit", ""), date=d.get("target_date", "?"))
        rows.append(html.P([html.Strong(_("Target:") + " "), target], className="small mb-1"))
    source = d.get("source") if lang == "en" or e is None else _source_in(sid, e, lang)
    if source:
        rows.append(html.P([html.Strong(_("Source:") + " "), source], className="small mb-1"))
    mine = [f for f in _findings(sid) if f.element == d.get("element")]
    if mine:
        rows += [html.Strong(_("What it lacks"), className="small"),
                 html.Ul([html.Li(f.message_in(lang)) for f in mine], className="small mb-0",
                         id="structure-details-findings")]
    return rows


def _cyto(id_: str, sid: str, height: str = "820px", lang: str = "en") -> cyto.Cytoscape:
    return cyto.Cytoscape(id=id_, elements=elements(sid, lang), layout={"name": "preset", "fit": True, "padding": 20},
                          stylesheet=stylesheet(), minZoom=0.1, maxZoom=3, wheelSensitivity=0.3,
                          boxSelectionEnabled=False, autoungrabify=True, responsive=False,
                          style={"width": "100%", "height": height, "background": "#fbfcfd",
                                 "border": "1px solid #dee2e6", "borderRadius": "4px"})


def _meta(s, lang: str) -> html.P:
    """The strategy's status, country, model, date and vision, in ``lang``."""
    if lang == "en":
        return html.P([dbc.Badge(s.status, color="info", className="me-2"),
                       f"{s.country} · joins the model {s.model} · as of {s.as_of} · vision: ",
                       html.Em(s.vision.statement.get("en") if s.vision else "none stated")],
                      className="small mb-1", id="structure-meta")
    _ = ui.text(lang)
    try:
        model = name_in(load_framework(s.model).name, lang, s.model)
    except AssessError:
        model = s.model
    status = {"current": pt("strategy status", "current", lang), "expired": pt("strategy status", "expired", lang),
              "superseded": pt("strategy status", "superseded", lang), "draft": pt("strategy status", "draft", lang),
              "proposal": pt("strategy status", "proposal", lang)}.get(s.status, s.status)
    return html.P([dbc.Badge(status, color="info", className="me-2"),
                   _("{country} · joins the model “{model}” · as of {date} · vision:", country=ui.country_label(
                       s.country, lang), model=model, date=s.as_of) + " ",
                   html.Em(name_in(s.vision.statement, lang) if s.vision else _("none stated"))],
                  className="small mb-1", id="structure-meta")


def render(strategy, reference, lang: str = "en") -> tuple:
    """Everything that depends on the controls: ``(drawings, side panel, comparison)``; bad input → an alert."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    notes = []
    try:
        sid = known_strategy(strategy)
    except AssessError as exc:  # an unknown value falls back to the default, as the alert says
        text = f"{exc} Showing {DEFAULT_STRATEGY}." if lang == "en" else _(
            "Unknown strategy '{value}'; showing {default}.", value=ui.request_text(strategy, "", limit=40),
            default=DEFAULT_STRATEGY)
        notes.append(ui.error_alert(text, color="warning", id="structure-fallback"))
        sid = DEFAULT_STRATEGY
    ref = ui.request_choice(reference, tuple(o["value"] for o in reference_options()), None)
    if ref is None:
        notes.append(ui.error_alert(_("Unknown reference '{value}'; showing Singapore.",
                                      value=ui.request_text(reference, _("this value"), limit=40)),
                                    color="warning", id="structure-fallback-reference"))
        ref = DEFAULT_REFERENCE
    ref = None if ref in (NONE, sid) else ref
    try:
        s = load_strategy(sid)
        drawing = [*notes, _meta(s, lang), _cyto("structure-graph", sid, lang=lang), legend(lang)]
        side = [html.H6(_("Levels the structure evidences"), className="mt-1"), levels_table(sid, ref, lang),
                html.Hr(), html.H6(_("What the structure lacks")), *findings_panel(sid, lang)]
        compare = None
        if ref:
            compare = dbc.Row([
                dbc.Col([html.H6(_("Reference: {name}", name=_short(ref, lang)), className="mb-1"),
                         _cyto("structure-graph-ref", ref, "560px", lang)], lg=7),
                dbc.Col([html.H6(_("Side by side"), className="mb-1"), counts_table(sid, ref, lang)], lg=5),
            ], className="g-3 mt-2", id="structure-compare")
        else:
            compare = html.Div([html.H6(_("Counts"), className="mb-1"), counts_table(sid, lang=lang)],
                               id="structure-compare", className="mt-2")
        return drawing, side, compare
    except AssessError as exc:
        return [friendly(exc, lang), html.Div(id="structure-graph")], None, None


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def layout(strategy: str = DEFAULT_STRATEGY, reference: str = DEFAULT_REFERENCE, lang=None, **_query):
    """The page for ``/strategy/structure?strategy=…&reference=…&lang=az``."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    known = [o["value"] for o in strategy_options()]
    refs = [o["value"] for o in reference_options()]
    problems = []
    if strategy not in known:
        problems.append(ui.error_alert(_("Unknown strategy '{value}'; showing {default}.",
                                         value=ui.request_text(strategy, "", limit=40), default=DEFAULT_STRATEGY),
                                       color="warning", id="structure-problem"))
        strategy = DEFAULT_STRATEGY
    if reference not in refs:
        problems.append(ui.error_alert(_("Unknown reference '{value}'; showing Singapore.",
                                         value=ui.request_text(reference, "", limit=40)),
                                       color="warning", id="structure-problem-reference"))
        reference = DEFAULT_REFERENCE
    drawing, side, compare = render(strategy, reference, lang)
    controls = dbc.Row([
        dbc.Col([dbc.Label(_("Strategy"), html_for="structure-strategy", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="structure-strategy", options=strategy_options(lang), value=strategy,
                              clearable=False)], lg=6),
        dbc.Col([dbc.Label(_("Set beside"), html_for="structure-reference", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="structure-reference", options=reference_options(lang), value=reference,
                              clearable=False)], lg=4),
        dbc.Col(dcc.Link(_("← Strategy assessment"), href=ui.with_lang("/strategy", lang), className="small"), lg=2,
                className="d-flex align-items-end"),
    ], className="g-2 mb-2 align-items-end")
    side_card = dbc.Card(dbc.CardBody([html.Div(element_details(strategy, None, lang), id="structure-details",
                                                **{"aria-live": "polite"}),
                                       html.Hr(), html.Div(side, id="structure-side")]),
                         style={"maxHeight": "88vh", "overflowY": "auto"})
    return ui.page("structure", _("Strategy structure"), lang=lang, lead=_(
        "A strategy as a traceable structure: the vision at the centre, then directions, goals, KPIs and action "
        "points, enablers, and the bodies and platforms of the country model that own or carry them. A red "
        "border marks an element that lacks something (a KPI, an owner, a date…)."), children=[
        *problems, controls,
        dbc.Row([dbc.Col(dcc.Loading(html.Div(drawing, id="structure-drawing"), delay_show=300), lg=8),
                 dbc.Col(side_card, lg=4)], className="g-3"),
        html.Div(compare, id="structure-compare-box"),
    ])


ui.register_url_sync("structure", strategy=("structure-strategy", "value"),
                     reference=("structure-reference", "value"),
                     defaults={"strategy": DEFAULT_STRATEGY, "reference": DEFAULT_REFERENCE})


# ---------------------------------------------------------------------------------------------
# Callbacks (thin)
# ---------------------------------------------------------------------------------------------


@callback(Output("structure-drawing", "children"), Output("structure-side", "children"),
          Output("structure-compare-box", "children"), Output("structure-details", "children"),
          Input("structure-strategy", "value"), Input("structure-reference", "value"), State("structure-lang", "data"),
          prevent_initial_call=True)
def update(strategy, reference, lang=None):
    """Controls → drawing, levels and findings, comparison; the details panel is reset."""
    lang = ui.request_lang(lang)
    drawing, side, compare = render(strategy, reference, lang)
    return drawing, side, compare, element_details(DEFAULT_STRATEGY, None, lang)


@callback(Output("structure-details", "children", allow_duplicate=True), Input("structure-graph", "tapNodeData"),
          State("structure-strategy", "value"), State("structure-lang", "data"), prevent_initial_call=True)
def show_details(node, strategy, lang=None):
    """Tapped node → its details and findings."""
    lang = ui.request_lang(lang)
    node_id = ui.request_text(node.get("id"), limit=200) if isinstance(node, dict) else None
    try:
        return element_details(known_strategy(strategy), node_id, lang)
    except AssessError as exc:
        return [friendly(exc, lang)]


