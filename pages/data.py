"""Data & methods: every source with provenance and licence, the GTMI key indicators by name per edition, the method
of each framework (the evidence map included), downloads.

URL state: ``/data?framework=un_egdi``. Sources come from :func:`assess.list_datasets` and
:func:`assess.load_report`; methods are read from the framework files; downloads go through
:func:`assess.cli.parser.export_indicators`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, ctx, dcc, html, no_update

import assess
from assess import limits
from assess.data.export import data_summary, export_indicators
from assess.errors import AssessError, shown
from assess.frameworks import (
    CompositeFramework,
    CountryModel,
    EvidenceMap,
    Rubric,
    StageModel,
    list_frameworks,
    load_framework,
)
from assess.io import safeio
from assess.model.analytics import node_counts
from assess.model.build import build_graph
from ui import components as ui

dash.register_page(__name__, path="/data", name="Data & methods", title="Data & methods · egov-assess", order=8)

DEFAULT_FRAMEWORK = "un_egdi"
KIND_LABELS = {"composite": "Composite index", "country_model": "Country model", "evidence_map": "Evidence map",
               "rubric": "Rubric", "stage_model": "Stage model"}
#: Columns of the GTMI names table (:func:`assess.indicator_catalogue`).
GTMI_NAME_COLUMNS = ["indicator", "edition", "name", "component", "scale", "meaning_changed", "values_bundled", "note"]


# ---------------------------------------------------------------------------------------------
# Plain functions (tested directly)
# ---------------------------------------------------------------------------------------------


def framework_options() -> list[dict]:
    """Every framework file with a known kind, grouped by kind in the label."""
    return [{"label": f"{KIND_LABELS[r['kind']]}: {r['name'] or r['id']}", "value": r["id"]}
            for r in list_frameworks() if r["kind"] in KIND_LABELS]


def sources_table() -> pd.DataFrame:
    """The source catalogue joined with what the store holds of each (editions, countries, rows, flags)."""
    cat = assess.list_datasets()
    try:
        summ = data_summary().rename(columns={"source": "id"})[["id", "years", "countries", "rows", "flagged"]]
    except AssessError:
        summ = pd.DataFrame(columns=["id", "years", "countries", "rows", "flagged"])
    out = cat.merge(summ, on="id", how="left")
    cols = ["id", "kind", "title", "publisher", "licence", "years", "countries", "rows", "flagged", "url", "files",
            "caveats"]
    return out[[c for c in cols if c in out.columns]]


def gtmi_names() -> pd.DataFrame:
    """The 48 GTMI key indicators per edition with their official names, component and scale
    (:func:`assess.indicator_catalogue`); a re-used code carries its own question in each edition."""
    c = assess.indicator_catalogue("wb_gtmi_indicators")
    c = c[c["kind"].isin(["key_indicator", "external_index"])]
    return c[GTMI_NAME_COLUMNS].reset_index(drop=True)


def report_items(report: dict | None = None) -> list:
    """What the store build dropped, flagged or repaired (:func:`assess.load_report`), as a list."""
    report = assess.load_report() if report is None else report
    items = []
    for key, value in report.items():
        title = key.replace("_", " ")
        if isinstance(value, dict):
            body = ", ".join(f"{k}: {v}" for k, v in value.items()) if value else "none"
        elif isinstance(value, list):
            body = f"{len(value)}: " + ", ".join(map(str, value[:12])) + (" …" if len(value) > 12 else "")
        else:
            body = str(value)
        items.append(html.Li([html.Strong(title + ": "), body]))
    return items


def _name(obj) -> str:
    return obj.get("en", "") if isinstance(obj, dict) else str(obj or "")


def _fmt(v) -> str:
    if v is None or v == "":
        return "—"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_fmt(x)}" for k, x in v.items())
    if isinstance(v, list | tuple):
        return ", ".join(map(str, v))
    return str(v)


def _table(rows: list[dict], id: str | None = None) -> dbc.Table:
    cols = list(rows[0]) if rows else []
    kw = {"id": id} if id else {}
    return dbc.Table([html.Thead(html.Tr([html.Th(c) for c in cols])),
                      html.Tbody([html.Tr([html.Td(_fmt(r[c])) for c in cols]) for r in rows])],
                     size="sm", striped=True, bordered=False, responsive=True, className="small", **kw)


def method_view(framework_id: str) -> list:
    """The method of one framework: weights, normalisation, aggregation, groups, per-edition notes."""
    fw = load_framework(framework_id)
    head = [html.H4(fw.label, id="data-method-title"),
            html.P([dbc.Badge(KIND_LABELS.get(fw.kind, fw.kind), color="secondary", className="me-2"),
                    html.Code(f"frameworks/{Path(fw.path).name}" if fw.path else fw.id)], className="mb-1")]
    doc = fw.to_dict()
    for key in ("publisher", "source"):
        if doc.get(key):
            head.append(html.P([html.Strong(key.capitalize() + ": "), _fmt(doc[key])], className="small mb-1"))
    if doc.get("description"):
        head.append(html.P(str(doc["description"]), className="small"))
    if isinstance(fw, CompositeFramework):
        return head + _composite(fw)
    if isinstance(fw, Rubric):
        return head + _rubric(fw)
    if isinstance(fw, StageModel):
        return head + _stages(fw)
    if isinstance(fw, CountryModel):
        return head + _country(fw)
    if isinstance(fw, EvidenceMap):
        return head + _evidence_map(fw)
    return head


def _composite(fw: CompositeFramework) -> list:
    m = fw.method
    out = [html.H6("Method"),
           html.Ul([html.Li([html.Strong("Normalisation: "), _fmt(m.get("normalise"))]),
                    html.Li([html.Strong("Aggregation: "), _fmt(m.get("aggregate"))]),
                    html.Li([html.Strong("Missing values: "), _fmt(m.get("missing"))]),
                    html.Li([html.Strong("Scale: "), f"{fw.scale.get('min')} – {fw.scale.get('max')}"])],
                   className="small", id="data-method-summary")]
    rows = []
    for c in fw.components:
        siblings = [x for x in (*fw.components, *fw.indicators) if x.parent == c.parent] if c.parent else [c]
        share = c.weight / sum(x.weight for x in siblings) if c.parent and sum(x.weight for x in siblings) else 1.0
        rows.append({"id": c.id, "name": _name(c.name), "parent": c.parent or "(root)", "weight": c.weight,
                     "share of parent": f"{share:.1%}", "normalise": c.normalise or "default",
                     "aggregate": c.aggregate or "default", "source": "—"})
    for i in fw.indicators:
        siblings = [x for x in (*fw.components, *fw.indicators) if x.parent == i.parent]
        total = sum(x.weight for x in siblings)
        rows.append({"id": i.id, "name": _name(i.name), "parent": i.parent, "weight": i.weight,
                     "share of parent": f"{i.weight / total:.1%}" if total else "—",
                     "normalise": i.normalise or "default", "aggregate": "direction +1" if i.direction == 1
                     else "direction −1", "source": _fmt(i.source)})
    out += [html.H6("Components and indicators"), _table(rows, id="data-method-weights")]
    if fw.groups:
        out += [html.H6("Groups"), _table([{"group": _name(g.name), "from": g.min} for g in fw.groups])]
    if fw.classes:
        cls = fw.classes
        out += [html.H6("Rating classes"),
                html.P([html.Strong("Rule: "), _fmt(cls.get("rule")),
                        " (approximation)" if cls.get("approximation") else "", html.Br(), _fmt(cls.get("note"))],
                       className="small")]
    if fw.editions:
        rows = [{"edition": year, "note": e.get("note", ""), "method break": "yes" if e.get("method_break") else "",
                 "other": _fmt({k: v for k, v in e.items() if k not in ("note", "method_break")})}
                for year, e in fw.editions.items()]
        out += [html.H6("Per-edition notes"), _table(rows, id="data-method-editions")]
    return out


def _rubric(fw: Rubric) -> list:
    levels = [{"level": k, "name": _name(v.get("name")), "meaning": v.get("description", "")}
              for k, v in sorted(fw.levels.items())]
    dims = [{"dimension": _name(d.name), "weight": d.weight,
             "criteria": ", ".join(_name(c.name) for c in fw.criteria_of(d.id))} for d in fw.dimensions]
    profiles = [{"profile": _name(i.get("name")), "kind": i.get("kind"), "date": i.get("date"),
                 "source": i.get("source")} for i in fw.profile_info.values()]
    return [html.H6("Levels"), _table(levels), html.H6("Dimensions (weighted mean of criteria)"),
            _table(dims, id="data-method-weights"), html.H6("Reference profiles (expert judgements)"), _table(profiles)]


def _stages(fw: StageModel) -> list:
    rows = [{"order": s.order, "stage": _name(s.name), "rule": _fmt(s.rule), "source": s.source or ""}
            for s in fw.stages]
    return [html.P(f"Basis: {fw.basis}; {'cumulative' if fw.cumulative else 'not cumulative'} "
                   "(a stage counts only when every lower stage is reached).", className="small"),
            _table(rows, id="data-method-weights")]


def _country(fw: CountryModel) -> list:
    types = pd.Series([n.type for n in fw.nodes]).value_counts()
    rels = pd.Series([r.type for r in fw.relations]).value_counts()
    n = node_counts(build_graph(fw))
    return [html.P(f"Status: {fw.status}; as of {fw.as_of}; {n['nodes']} nodes, {n['relations']} relations "
                   f"({n['indicator_links']} to indicators). Explore it on the Model page.", className="small"),
            _table([{"node type": k, "count": int(v)} for k, v in types.items()]),
            _table([{"relation": k, "count": int(v)} for k, v in rels.items()], id="data-method-weights")]


def _condition(cond, em: EvidenceMap, names: dict) -> str:
    if not cond:
        return "—"
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        return f" {'and' if key == 'all' else 'or'} ".join(f"({_condition(c, em, names)})" for c in cond[key])
    item = em.item(cond["ev"])
    op = next(k for k in ("min", "max", "eq", "gt", "lt") if k in cond)
    sign = {"min": "≥", "max": "≤", "eq": "=", "gt": ">", "lt": "<"}[op]
    return f"{item.indicator} {sign} {cond[op]:g}"


def _evidence_map(fw: EvidenceMap) -> list:
    rows = [{"capability": r.capability, "present if": _condition(r.present, fw, {}),
             "partial if": _condition(r.partial, fw, {}), "absent if": _condition(r.absent, fw, {}), "why": r.why}
            for r in fw.rules]
    ctx = [{"capability": r.capability, "context": ", ".join(fw.item(e).indicator for e in r.context), "why": r.why}
           for r in fw.context_only]
    nm = [{"capability": k, "why no indicator decides it": v} for k, v in fw.not_modelled.items()]
    return [html.P(f"Year policy: each source answers with its latest edition at or before the year asked, at most "
                   f"{fw.max_lag} years older; a later edition never stands for an earlier year. States: present, "
                   "partial, absent (the evidence says so), unknown (values missing), not modelled.", className="small"),
            html.H6("Capabilities the evidence decides"), _table(rows, id="data-method-weights"),
            html.H6("Context only (shown, never deciding)"), _table(ctx),
            html.H6("Not modelled"), _table(nm)]


def export_store(fmt: str) -> dict:
    """``dcc.Download`` payload of the whole tidy store as CSV or XLSX."""
    with tempfile.TemporaryDirectory() as tmp:
        path = export_indicators(Path(tmp) / f"egov_assess_indicators.{fmt}", fmt)
        return dcc.send_bytes(path.read_bytes(), path.name)


def framework_file(framework_id: str) -> dict:
    """``dcc.Download`` payload of a framework's YAML file."""
    row = next((r for r in list_frameworks() if r["kind"] in KIND_LABELS and r["id"] == framework_id), None)
    if row is None:
        raise AssessError(f"Unknown framework {shown(framework_id, 40)}. Choose one from the list.")
    path = Path(row["path"])
    text = safeio.read_text(path, limits.MAX_YAML_BYTES, source=path.name)
    return {"content": text, "filename": path.name, "type": "application/yaml"}


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def layout(framework: str = DEFAULT_FRAMEWORK, **_query):
    """The page for ``/data?framework=ID``."""
    problems = []
    known = [o["value"] for o in framework_options()]
    if framework not in known:
        problems.append(ui.error_alert(f"Unknown framework {framework!r}; showing {DEFAULT_FRAMEWORK}.",
                                       color="warning"))
        framework = DEFAULT_FRAMEWORK
    try:
        table = sources_table()
        report = report_items()
    except AssessError as exc:
        table = pd.DataFrame(columns=["id", "kind", "title", "publisher", "licence", "url", "files", "caveats"])
        report = [html.Li(ui.friendly_error(exc))]
    cols = [{"field": "id", "pinned": "left", "minWidth": 150},
            {"field": "title", "minWidth": 280, "tooltipField": "title"},
            {"field": "publisher", "minWidth": 170, "tooltipField": "publisher"},
            {"field": "licence", "minWidth": 200, "tooltipField": "licence"},
            {"field": "years", "minWidth": 170, "tooltipField": "years"},
            {"field": "countries", "type": "rightAligned", "minWidth": 110},
            {"field": "rows", "type": "rightAligned", "minWidth": 90},
            {"field": "flagged", "type": "rightAligned", "minWidth": 100},
            {"field": "url", "minWidth": 260, "tooltipField": "url"},
            {"field": "kind", "minWidth": 120}]
    grid = dag.AgGrid(id="data-sources", rowData=table.to_dict("records"), columnDefs=cols,
                      defaultColDef={"sortable": True, "filter": True, "resizable": True},
                      dashGridOptions={"domLayout": "autoHeight", "animateRows": False, "tooltipShowDelay": 300},
                      style={"height": None})
    details = dbc.Accordion([
        dbc.AccordionItem([
            html.P([html.Strong("Publisher: "), r["publisher"], html.Br(), html.Strong("Licence: "), r["licence"],
                    html.Br(), html.Strong("Where: "), html.A(r["url"], href=r["url"], target="_blank",
                                                              rel="noopener") if r.get("url") else "—"],
                   className="small mb-1"),
            html.P([html.Strong("Files: "), html.Code(r["files"])], className="small mb-1"),
            html.P([html.Strong("Caveats: "), r.get("caveats") or "none recorded"], className="small mb-0"),
        ], title=f"{r['id']} — {r['title']}", item_id=r["id"])
        for r in table.to_dict("records")
    ], start_collapsed=True, always_open=True, id="data-provenance", className="mt-3")
    sources = ui.card("Sources: provenance and licence", [
        html.P(["Byte-for-byte copies of the published files, verified against ", html.Code("data/SHA256SUMS"),
                ". Nothing is fetched at run time. Open a source below for its files and caveats."],
               className="small"),
        grid, details,
        html.H6("What loading repaired, flagged or dropped", className="mt-3"),
        html.Ul(report, className="small", id="data-report"),
    ])
    try:
        names = gtmi_names()
    except AssessError as exc:
        names = pd.DataFrame(columns=GTMI_NAME_COLUMNS)
        report.append(html.Li(ui.friendly_error(exc)))
    name_cols = [{"field": "indicator", "headerName": "Code", "pinned": "left", "maxWidth": 90},
                 {"field": "edition", "maxWidth": 100, "filter": "agNumberColumnFilter"},
                 {"field": "name", "headerName": "Official name (question)", "minWidth": 420, "tooltipField": "name",
                  "wrapText": True, "autoHeight": True},
                 {"field": "component", "maxWidth": 120}, {"field": "scale", "minWidth": 220, "tooltipField": "scale"},
                 {"field": "meaning_changed", "headerName": "Meaning changed", "maxWidth": 140},
                 {"field": "values_bundled", "headerName": "Values bundled", "maxWidth": 130},
                 {"field": "note", "minWidth": 260, "tooltipField": "note"}]
    gtmi = ui.card("GTMI key indicators by name, per edition", [
        html.P(["The official names of the World Bank's 48 GTMI key indicators (the survey question; Data360 "
                "catalogue), per edition: a code the World Bank re-used for another question (I-40, I-41 from 2025) "
                "carries that edition's question. Every store row carries its indicator's name (column ",
                html.Code("name"), "); the exports include it."], className="small"),
        dag.AgGrid(id="data-gtmi-names", rowData=names.to_dict("records"), columnDefs=name_cols,
                   defaultColDef={"sortable": True, "filter": True, "resizable": True},
                   dashGridOptions={"animateRows": False, "tooltipShowDelay": 300, "pagination": True,
                                    "paginationPageSize": 48},
                   style={"height": "520px"}),
    ])
    downloads = ui.card("Downloads", [
        html.Div([dbc.Button("Indicator store (CSV)", id="data-download-csv", color="primary", className="me-2"),
                  dbc.Button("Indicator store (XLSX)", id="data-download-xlsx", color="primary", outline=True,
                             className="me-2"),
                  dbc.Button("This framework (YAML)", id="data-download-yaml", color="secondary", outline=True)]),
        dcc.Loading(dcc.Download(id="data-download")),
        html.Div(id="data-download-message", className="small mt-2"),
    ])
    methods = ui.card("Method of each framework", [
        dbc.Label("Framework", html_for="data-framework", className="fw-semibold mb-1"),
        dcc.Dropdown(id="data-framework", options=framework_options(), value=framework, clearable=False),
        html.Div(_safe_method(framework), id="data-method", className="mt-3"),
    ])
    return ui.page("data", "Data & methods", lead=(
        "Where every number comes from, under which licence, and how each framework turns indicators into scores."),
        children=[*problems, sources, gtmi, methods, downloads])


def _safe_method(framework_id):
    """The method of a framework chosen by id from the registry; any other value is refused unread."""
    known = [o["value"] for o in framework_options()]
    if not isinstance(framework_id, str) or framework_id not in known:
        shown = framework_id if isinstance(framework_id, str) and len(framework_id) <= 40 else "this value"
        return [ui.error_alert(f"Unknown framework {shown!r}. Choose one from the list.", color="warning")]
    try:
        return method_view(framework_id)
    except Exception as exc:  # a broken framework file shows its problems, not a traceback
        return [ui.friendly_error(exc)]


ui.register_url_sync("data", framework=("data-framework", "value"), defaults={"framework": DEFAULT_FRAMEWORK})


# ---------------------------------------------------------------------------------------------
# Callbacks (thin)
# ---------------------------------------------------------------------------------------------


@callback(Output("data-method", "children"), Input("data-framework", "value"), prevent_initial_call=True)
def show_method(framework_id):
    """Framework → its method."""
    return _safe_method(framework_id)


@callback(Output("data-download", "data"), Output("data-download-message", "children"),
          Input("data-download-csv", "n_clicks"), Input("data-download-xlsx", "n_clicks"),
          Input("data-download-yaml", "n_clicks"), dash.State("data-framework", "value"), prevent_initial_call=True)
def download(_csv, _xlsx, _yaml, framework_id):
    """The tidy store as CSV/XLSX, or the chosen framework's YAML."""
    try:
        if ctx.triggered_id == "data-download-yaml":
            return framework_file(framework_id), None
        return export_store("xlsx" if ctx.triggered_id == "data-download-xlsx" else "csv"), None
    except Exception as exc:  # shown to the user as a friendly message
        return no_update, ui.friendly_error(exc)
