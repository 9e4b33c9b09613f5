"""Data & methods: every source with provenance and licence, the GTMI key indicators by name per edition, the method
of each framework (the evidence map included), downloads.

URL state: ``/data?framework=un_egdi&lang=az``. Sources come from :func:`assess.list_datasets` and
:func:`assess.load_report`; methods are read from the framework files (weight shares:
:func:`assess.indices.views.weight_shares`); downloads go through :func:`assess.data.export.export_bytes`
(the XLSX runs as a background job with a progress bar). The page speaks the language of the URL (the reference
page of :mod:`ui.lang`): its texts through ``_ = ui.text(lang)``, the catalogue's texts (sources, editions' notes)
through :func:`assess.i18n.translated`, framework names through their ``az`` fields.
"""

from __future__ import annotations

from pathlib import Path

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, ctx, dcc, html, no_update

import assess
from assess import limits
from assess.data.export import data_summary, export_bytes
from assess.errors import AssessError, shown
from assess.frameworks import (
    CompositeFramework,
    CountryModel,
    EvidenceMap,
    Rubric,
    StageModel,
    list_frameworks,
    load_framework,
    memoise_on_inputs,
)
from assess.i18n import N_, format_number, name_in, translated
from assess.i18n.catalogues import known
from assess.indices.views import weight_shares
from assess.io import safeio
from assess.model.analytics import node_counts
from assess.model.build import build_graph
from ui import components as ui
from ui.components import plain_text

dash.register_page(__name__, path="/data", name="Data & methods", title="Data & methods · egov-assess", order=8)

DEFAULT_FRAMEWORK = "un_egdi"
KIND_LABELS = {"composite": N_("Composite index"), "country_model": N_("Country model"),
               "evidence_map": N_("Evidence map"), "rubric": N_("Rubric"), "stage_model": N_("Stage model")}
#: Catalogue columns whose texts are in the message catalogues (``N_`` in :mod:`assess.data.catalogue`).
TRANSLATED_COLUMNS = ("title", "publisher", "licence", "caveats")
#: What the per-edition table calls the keys of an edition in ``editions:`` (``EDITION_KEYS`` of a composite).
EDITION_LABELS = {"weights": N_("weights"), "components": N_("components"), "exclude": N_("excluded"),
                  "groups": N_("groups"), "classes": N_("rating classes"), "sub_indicators": N_("sub-indicators"),
                  "sources": N_("sources"), "exception": N_("exception"), "ties": N_("ties")}
#: Columns of the GTMI names table (:func:`assess.indicator_catalogue`).
GTMI_NAME_COLUMNS = ["indicator", "edition", "name", "component", "scale", "meaning_changed", "values_bundled", "note"]
#: Headers of the weights table (keys of :func:`assess.indices.views.weight_shares`).
WEIGHT_HEADERS = {"id": N_("id"), "name": N_("name"), "parent": N_("parent"), "weight": N_("weight"),
                  "share of parent": N_("share of parent"), "normalise": N_("normalise"),
                  "aggregate": N_("aggregate"), "source": N_("source")}


# ---------------------------------------------------------------------------------------------
# Plain functions (tested directly)
# ---------------------------------------------------------------------------------------------


def _framework_name(row, lang) -> str:
    if lang == "en" or not row.get("path"):
        return row["name"] or row["id"]
    try:
        return name_in(load_framework(row["id"]).name, lang, row["name"] or row["id"])
    except AssessError:
        return row["name"] or row["id"]


def framework_options(lang: str = "en") -> list[dict]:
    """Every framework file with a known kind, grouped by kind in the label (in ``lang``)."""
    return [{"label": f"{translated(KIND_LABELS[r['kind']], lang)}: {_framework_name(r, lang)}", "value": r["id"]}
            for r in list_frameworks() if r["kind"] in KIND_LABELS]


@memoise_on_inputs(maxsize=8)
def sources_table(lang: str = "en") -> pd.DataFrame:
    """The source catalogue joined with what the store holds of each (editions, countries, rows, flags); titles,
    publishers, licences and caveats in ``lang``."""
    cat = assess.list_datasets()
    for col in TRANSLATED_COLUMNS:
        cat[col] = [translated(v, lang) if isinstance(v, str) and v else v for v in cat[col]]
    try:
        summ = data_summary(lang=lang).rename(columns={"source": "id"})[["id", "years", "countries", "rows", "flagged"]]
    except AssessError:
        summ = pd.DataFrame(columns=["id", "years", "countries", "rows", "flagged"])
    out = cat.merge(summ, on="id", how="left")
    cols = ["id", "kind", "title", "publisher", "licence", "years", "countries", "rows", "flagged", "url", "files",
            "caveats"]
    return out[[c for c in cols if c in out.columns]]


@memoise_on_inputs(maxsize=2)
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


def _name(obj, lang: str = "en") -> str:
    return name_in(obj, lang, "") if isinstance(obj, dict) else str(obj or "")


def _fmt(v, lang: str = "en") -> str:
    if v is None or v == "":
        return "—"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_fmt(x, lang)}" for k, x in v.items())
    if isinstance(v, list | tuple):
        return ", ".join(map(str, v))
    if isinstance(v, float) and lang != "en":
        return format_number(v, lang, group=False)  # the language's decimal sign
    return str(v)


def _table(rows: list[dict], id: str | None = None, lang: str = "en") -> dbc.Table:
    cols = list(rows[0]) if rows else []
    kw = {"id": id} if id else {}
    return dbc.Table([html.Thead(html.Tr([html.Th(c) for c in cols])),
                      html.Tbody([html.Tr([html.Td(_fmt(r[c], lang)) for c in cols]) for r in rows])],
                     size="sm", striped=True, bordered=False, responsive=True, className="small", **kw)


def method_view(framework_id: str, lang: str = "en") -> list:
    """The method of one framework: weights, normalisation, aggregation, groups, per-edition notes (in ``lang``)."""
    _ = ui.text(lang)
    fw = load_framework(framework_id)
    head = [html.H4(_name(fw.name, lang) or fw.label, id="data-method-title"),
            html.P([dbc.Badge(translated(KIND_LABELS[fw.kind], lang) if fw.kind in KIND_LABELS else fw.kind,
                              color="secondary", className="me-2"),
                    html.Code(f"frameworks/{Path(fw.path).name}" if fw.path else fw.id)], className="mb-1")]
    doc = fw.to_dict()
    for key, label in (("publisher", _("Publisher: ")), ("source", _("Source: "))):
        if doc.get(key):
            head.append(html.P([html.Strong(label), plain_text(_fmt(doc[key]))], className="small mb-1"))
    if doc.get("description"):
        desc = str(doc["description"])
        head.append(html.P(_text(desc, lang), className="small"))
    if isinstance(fw, CompositeFramework):
        return head + _composite(fw, lang)
    if isinstance(fw, Rubric):
        return head + _rubric(fw, lang)
    if isinstance(fw, StageModel):
        return head + _stages(fw, lang)
    if isinstance(fw, CountryModel):
        return head + _country(fw, lang)
    if isinstance(fw, EvidenceMap):
        return head + _evidence_map(fw, lang)
    return head


def _composite(fw: CompositeFramework, lang: str = "en") -> list:
    _ = ui.text(lang)
    m = fw.method
    out = [html.H6(_("Method")),
           html.Ul([html.Li([html.Strong(_("Normalisation: ")), _fmt(m.get("normalise"))]),
                    html.Li([html.Strong(_("Aggregation: ")), _fmt(m.get("aggregate"))]),
                    html.Li([html.Strong(_("Missing values: ")), _fmt(m.get("missing"))]),
                    html.Li([html.Strong(_("Scale: ")), f"{fw.scale.get('min')} – {fw.scale.get('max')}"])],
                   className="small", id="data-method-summary")]
    rows = [{translated(WEIGHT_HEADERS[k], lang): plain_text(v) if k == "source" else v for k, v in r.items()}
            for r in weight_shares(fw, lang)]
    out += [html.H6(_("Components and indicators")), _table(rows, id="data-method-weights", lang=lang)]
    if fw.groups:
        groups = [{_("group"): _name(g.name, lang), _("from"): g.min} for g in fw.groups]
        out += [html.H6(_("Groups")), _table(groups, lang=lang)]
    if fw.classes:
        cls = fw.classes
        note = cls.get("note")
        out += [html.H6(_("Rating classes")),
                html.P([html.Strong(_("Rule: ")), _fmt(cls.get("rule")),
                        _(" (approximation)") if cls.get("approximation") else "", html.Br(),
                        _text(note, lang)],
                       className="small")]
    if fw.editions:
        rows = [{_("edition"): year, _("note"): _text(e.get("note"), lang),
                 _("method break"): _("yes") if e.get("method_break") else "",
                 _("other"): _edition_other(e, lang)}
                for year, e in fw.editions.items()]
        out += [html.H6(_("Per-edition notes")), _table(rows, id="data-method-editions", lang=lang)]
    return out


def _text(value, lang: str) -> str:
    """A plain text of a framework file in ``lang`` when the catalogues have it (else as written)."""
    if not isinstance(value, str) or not value:
        return _fmt(value) if value not in (None, "") else ""
    return translated(value, lang) if known(value) else value


def _edition_other(edition: dict, lang: str) -> str:
    """The other keys of an edition (exception, ties, sub-indicators …) in ``lang``."""
    _ = ui.text(lang)
    parts = []
    for key, value in edition.items():
        if key in ("note", "method_break"):
            continue
        label = translated(EDITION_LABELS[key], lang) if key in EDITION_LABELS else key
        if isinstance(value, bool):
            shown = _("yes") if value else _("no")
        elif isinstance(value, dict) and all(isinstance(v, list) for v in value.values()):
            shown = "; ".join(f"{k}: {', '.join(_text(x, lang) for x in v)}" for k, v in value.items())
        else:
            shown = _text(value, lang)
        parts.append(f"{label}: {shown}")
    return "; ".join(parts) or "—"


def _rubric(fw: Rubric, lang: str = "en") -> list:
    _ = ui.text(lang)
    levels = [{_("level"): k, _("name"): _name(v.get("name"), lang),
               _("meaning"): _text(v.get("description"), lang)}
              for k, v in sorted(fw.levels.items())]
    dims = [{_("dimension"): _name(d.name, lang), _("weight"): d.weight,
             _("criteria"): ", ".join(_name(c.name, lang) for c in fw.criteria_of(d.id))} for d in fw.dimensions]
    profiles = [{_("profile"): _name(i.get("name"), lang), _("kind"): i.get("kind"), _("date"): i.get("date"),
                 _("source"): i.get("source")} for i in fw.profile_info.values()]
    return [html.H6(_("Levels")), _table(levels, lang=lang), html.H6(_("Dimensions (weighted mean of criteria)")),
            _table(dims, id="data-method-weights", lang=lang), html.H6(_("Reference profiles (expert judgements)")),
            _table(profiles, lang=lang)]


def _stages(fw: StageModel, lang: str = "en") -> list:
    _ = ui.text(lang)
    rows = [{_("order"): s.order, _("stage"): _name(s.name, lang), _("rule"): _fmt(s.rule), _("source"): s.source or ""}
            for s in fw.stages]
    cumulative = _("cumulative") if fw.cumulative else _("not cumulative")
    return [html.P(_("Basis: {basis}; {cumulative} (a stage counts only when every lower stage is reached).",
                     basis=fw.basis, cumulative=cumulative), className="small"),
            _table(rows, id="data-method-weights", lang=lang)]


def _country(fw: CountryModel, lang: str = "en") -> list:
    _ = ui.text(lang)
    types = pd.Series([n.type for n in fw.nodes]).value_counts()
    rels = pd.Series([r.type for r in fw.relations]).value_counts()
    from assess.frameworks.vocabulary import MODEL_STATUS_LABELS

    status = translated(MODEL_STATUS_LABELS[fw.status], lang) if fw.status in MODEL_STATUS_LABELS else fw.status
    n = node_counts(build_graph(fw))
    return [html.P(_("Status: {status}; as of {date}; {nodes} nodes, {relations} relations ({links} to indicators). "
                     "Explore it on the Model page.", status=status, date=fw.as_of, nodes=n["nodes"],
                     relations=n["relations"], links=n["indicator_links"]), className="small"),
            _table([{_("node type"): k, _("count"): int(v)} for k, v in types.items()]),
            _table([{_("relation"): k, _("count"): int(v)} for k, v in rels.items()], id="data-method-weights")]


def _condition(cond, em: EvidenceMap, lang: str = "en") -> str:
    if not cond:
        return "—"
    if "all" in cond or "any" in cond:
        _ = ui.text(lang)
        key = "all" if "all" in cond else "any"
        word = _("and") if key == "all" else _("or")
        return f" {word} ".join(f"({_condition(c, em, lang)})" for c in cond[key])
    item = em.item(cond["ev"])
    op = next(k for k in ("min", "max", "eq", "gt", "lt") if k in cond)
    sign = {"min": "≥", "max": "≤", "eq": "=", "gt": ">", "lt": "<"}[op]
    value = f"{cond[op]:g}"
    return f"{item.indicator} {sign} {value.replace('.', ',') if lang == 'az' else value}"


def _evidence_map(fw: EvidenceMap, lang: str = "en") -> list:
    _ = ui.text(lang)
    rows = [{_("capability"): r.capability, _("present if"): _condition(r.present, fw, lang),
             _("partial if"): _condition(r.partial, fw, lang), _("absent if"): _condition(r.absent, fw, lang),
             _("why"): _text(r.why, lang)}
            for r in fw.rules]
    ctx = [{_("capability"): r.capability, _("context"): ", ".join(fw.item(e).indicator for e in r.context),
            _("why"): _text(r.why, lang)} for r in fw.context_only]
    nm = [{_("capability"): k, _("why no indicator decides it"): _text(v, lang)} for k, v in fw.not_modelled.items()]
    return [html.P(_("Year policy: each source answers with its latest edition at or before the year asked, at most "
                     "{n} years older; a later edition never stands for an earlier year. States: present, partial, "
                     "absent (the evidence says so), unknown (values missing), not modelled.", n=fw.max_lag),
                   className="small"),
            html.H6(_("Capabilities the evidence decides")), _table(rows, id="data-method-weights", lang=lang),
            html.H6(_("Context only (shown, never deciding)")), _table(ctx, lang=lang),
            html.H6(_("Not modelled")), _table(nm, lang=lang)]


def export_store(fmt: str, progress=None) -> dict:
    """``dcc.Download`` payload of the whole tidy store as CSV or XLSX (:func:`assess.data.export.export_bytes`)."""
    name, data = export_bytes(fmt, progress=progress)
    return dcc.send_bytes(data, name)


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


def layout(framework: str = DEFAULT_FRAMEWORK, lang: str | None = None, **_query):
    """The page for ``/data?framework=ID&lang=az``."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    problems = []
    known = [o["value"] for o in framework_options()]
    if framework not in known:
        problems.append(ui.error_alert(_("Unknown framework {framework}; showing {default}.",
                                         framework=repr(framework), default=DEFAULT_FRAMEWORK), color="warning"))
        framework = DEFAULT_FRAMEWORK
    try:
        table = sources_table(lang)
        report = report_items()
    except AssessError as exc:
        table = pd.DataFrame(columns=["id", "kind", "title", "publisher", "licence", "url", "files", "caveats"])
        report = [html.Li(ui.friendly_error(exc))]
    heads = {"id": _("id"), "title": _("title"), "publisher": _("publisher"), "licence": _("licence"),
             "years": _("years"), "countries": _("countries"), "rows": _("rows"), "flagged": _("flagged"),
             "url": "URL", "kind": _("kind")}
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
    cols = [{**c, "headerName": heads[c["field"]]} for c in cols]
    grid = dag.AgGrid(id="data-sources", rowData=table.to_dict("records"), columnDefs=cols,
                      defaultColDef={"sortable": True, "filter": True, "resizable": True},
                      dashGridOptions={"domLayout": "autoHeight", "animateRows": False, "tooltipShowDelay": 300},
                      style={"height": None})
    details = dbc.Accordion([
        dbc.AccordionItem([
            html.P([html.Strong(_("Publisher: ")), r["publisher"], html.Br(), html.Strong(_("Licence: ")),
                    r["licence"], html.Br(), html.Strong(_("Where: ")),
                    html.A(r["url"], href=r["url"], target="_blank", rel="noopener") if r.get("url") else "—"],
                   className="small mb-1"),
            html.P([html.Strong(_("Files: ")), html.Code(r["files"])], className="small mb-1"),
            html.P([html.Strong(_("Caveats: ")), r.get("caveats") or _("none recorded")], className="small mb-0"),
        ], title=f"{r['id']} — {r['title']}", item_id=r["id"])
        for r in table.to_dict("records")
    ], start_collapsed=True, always_open=True, id="data-provenance", className="mt-3")
    sources = ui.card(_("Sources: provenance and licence"), [
        html.P([_("Byte-for-byte copies of the published files, verified against "), html.Code("data/SHA256SUMS"),
                _(". Nothing is fetched at run time. Open a source below for its files and caveats.")],
               className="small"),
        grid, details,
        html.H6(_("What loading repaired, flagged or dropped"), className="mt-3"),
        html.Ul(report, className="small", id="data-report"),
    ])
    try:
        names = gtmi_names()
    except AssessError as exc:
        names = pd.DataFrame(columns=GTMI_NAME_COLUMNS)
        report.append(html.Li(ui.friendly_error(exc)))
    name_cols = [{"field": "indicator", "headerName": _("Code"), "pinned": "left", "maxWidth": 90},
                 {"field": "edition", "headerName": _("edition"), "maxWidth": 100, "filter": "agNumberColumnFilter"},
                 {"field": "name", "headerName": _("Official name (question)"), "minWidth": 420,
                  "tooltipField": "name", "wrapText": True, "autoHeight": True},
                 {"field": "component", "headerName": _("component"), "maxWidth": 120},
                 {"field": "scale", "headerName": _("scale"), "minWidth": 220, "tooltipField": "scale"},
                 {"field": "meaning_changed", "headerName": _("Meaning changed"), "maxWidth": 140},
                 {"field": "values_bundled", "headerName": _("Values bundled"), "maxWidth": 130},
                 {"field": "note", "headerName": _("note"), "minWidth": 260, "tooltipField": "note"}]
    gtmi = ui.card(_("GTMI key indicators by name, per edition"), [
        html.P([_("The official names of the World Bank's 48 GTMI key indicators (the survey question; Data360 "
                  "catalogue), per edition: a code the World Bank re-used for another question (I-40, I-41 from "
                  "2025) carries that edition's question. Every store row carries its indicator's name (column "),
                html.Code("name"), _("); the exports include it.")], className="small"),
        html.P(_("The names are the World Bank's official English questions."), className="small text-muted")
        if lang != "en" else None,
        dag.AgGrid(id="data-gtmi-names", rowData=names.to_dict("records"), columnDefs=name_cols,
                   defaultColDef={"sortable": True, "filter": True, "resizable": True},
                   dashGridOptions={"animateRows": False, "tooltipShowDelay": 300, "pagination": True,
                                    "paginationPageSize": 48},
                   style={"height": "520px"}),
    ])
    downloads = ui.card(_("Downloads"), [
        html.Div([dbc.Button(_("Indicator store (CSV)"), id="data-download-csv", color="primary", className="me-2"),
                  dbc.Button(_("Indicator store (XLSX)"), id="data-download-xlsx", color="primary", outline=True,
                             className="me-2"),
                  dbc.Button(_("This framework (YAML)"), id="data-download-yaml", color="secondary", outline=True)]),
        dcc.Loading(dcc.Download(id="data-download")),
        dcc.Download(id="data-download-store"),
        dbc.Progress(id="data-export-progress", value=0, label="", className="mt-2", style={"height": "18px"}),
        html.Div(id="data-download-message", className="small mt-2", role="status"),
    ])
    methods = ui.card(_("Method of each framework"), [
        dbc.Label(_("Framework"), html_for="data-framework", className="fw-semibold mb-1"),
        dcc.Dropdown(id="data-framework", options=framework_options(lang), value=framework, clearable=False),
        html.Div(_safe_method(framework, lang), id="data-method", className="mt-3"),
    ])
    return ui.page("data", _("Data & methods"), lead=_(
        "Where every number comes from, under which licence, and how each framework turns indicators into scores."),
        children=[*problems, sources, gtmi, methods, downloads], lang=lang)


def _safe_method(framework_id, lang: str = "en"):
    """The method of a framework chosen by id from the registry; any other value is refused unread."""
    _ = ui.text(lang)
    known = [o["value"] for o in framework_options()]
    if not isinstance(framework_id, str) or framework_id not in known:
        shown = framework_id if isinstance(framework_id, str) and len(framework_id) <= 40 else _("this value")
        return [ui.error_alert(_("Unknown framework {framework}. Choose one from the list.", framework=repr(shown)),
                               color="warning")]
    try:
        return method_view(framework_id, lang)
    except Exception as exc:  # a broken framework file shows its problems, not a traceback
        return [ui.friendly_error(exc)]


ui.register_url_sync("data", framework=("data-framework", "value"), defaults={"framework": DEFAULT_FRAMEWORK})


# ---------------------------------------------------------------------------------------------
# Callbacks (thin)
# ---------------------------------------------------------------------------------------------


@callback(Output("data-method", "children"), Input("data-framework", "value"), dash.State("data-lang", "data"),
          prevent_initial_call=True)
def show_method(framework_id, lang=None):
    """Framework → its method, in the page's language."""
    return _safe_method(framework_id, ui.request_lang(lang))


@callback(Output("data-download", "data"), Output("data-download-message", "children"),
          Input("data-download-csv", "n_clicks"), Input("data-download-yaml", "n_clicks"),
          dash.State("data-framework", "value"), prevent_initial_call=True)
def download(_csv, _yaml, framework_id):
    """The tidy store as CSV, or the chosen framework's YAML."""
    try:
        if ctx.triggered_id == "data-download-yaml":
            return framework_file(framework_id), None
        return export_store("csv"), None
    except Exception as exc:  # shown to the user as a friendly message
        return no_update, ui.friendly_error(exc)


@callback(Output("data-download-store", "data"), Output("data-download-message", "children", allow_duplicate=True),
          Input("data-download-xlsx", "n_clicks"), dash.State("data-lang", "data"), background=True,
          prevent_initial_call=True, running=[(Output("data-download-xlsx", "disabled"), True, False)],
          progress=[Output("data-export-progress", "value"), Output("data-export-progress", "label")])
def download_xlsx(set_progress, _n, lang=None):
    """The whole store as XLSX, written in the background with its progress shown (10-15 s on a laptop)."""
    _ = ui.text(ui.request_lang(lang))
    try:
        return export_store("xlsx", progress=lambda f, words: set_progress((round(100 * f), words))), \
            _("The XLSX export is ready.")
    except Exception as exc:  # shown to the user as a friendly message
        return no_update, ui.friendly_error(exc)
