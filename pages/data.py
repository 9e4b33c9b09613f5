"""Data & methods: every source with provenance and licence, the method of each framework, downloads.

URL state: ``/data?framework=un_egdi&lang=az``. Sources come from :func:`assess.list_datasets` and
:func:`assess.load_report`; methods are read from the framework files; downloads go through
:func:`assess.data.export.export_indicators`. The page speaks the language of the URL (the reference page of
:mod:`ui.lang`): its texts through ``_ = ui.text(lang)``, the catalogue's texts (sources, editions' notes) through
:func:`assess.i18n.translated`, framework names through their ``az`` fields.
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
    Rubric,
    StageModel,
    list_frameworks,
    load_framework,
)
from assess.i18n import N_, format_number, format_percent, name_in, translated
from assess.i18n.catalogues import known
from assess.io import safeio
from ui import components as ui

dash.register_page(__name__, path="/data", name="Data & methods", title="Data & methods · egov-assess", order=8)

DEFAULT_FRAMEWORK = "un_egdi"
KIND_LABELS = {"composite": N_("Composite index"), "country_model": N_("Country model"), "rubric": N_("Rubric"),
               "stage_model": N_("Stage model")}
#: Catalogue columns whose texts are in the message catalogues (``N_`` in :mod:`assess.data.catalogue`).
TRANSLATED_COLUMNS = ("title", "publisher", "licence", "caveats")
#: What the per-edition table calls the keys of an edition in ``editions:`` (``EDITION_KEYS`` of a composite).
EDITION_LABELS = {"weights": N_("weights"), "components": N_("components"), "exclude": N_("excluded"),
                  "groups": N_("groups"), "classes": N_("rating classes"), "sub_indicators": N_("sub-indicators"),
                  "sources": N_("sources"), "exception": N_("exception"), "ties": N_("ties")}


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
            head.append(html.P([html.Strong(label), _fmt(doc[key])], className="small mb-1"))
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
    cols = {"id": _("id"), "name": _("name"), "parent": _("parent"), "weight": _("weight"),
            "share": _("share of parent"), "normalise": _("normalise"), "aggregate": _("aggregate"),
            "source": _("source")}
    rows = []
    for c in fw.components:
        siblings = [x for x in (*fw.components, *fw.indicators) if x.parent == c.parent] if c.parent else [c]
        share = c.weight / sum(x.weight for x in siblings) if c.parent and sum(x.weight for x in siblings) else 1.0
        rows.append({cols["id"]: c.id, cols["name"]: _name(c.name, lang), cols["parent"]: c.parent or _("(root)"),
                     cols["weight"]: c.weight, cols["share"]: format_percent(share, lang, 1),
                     cols["normalise"]: c.normalise or _("default"), cols["aggregate"]: c.aggregate or _("default"),
                     cols["source"]: "—"})
    for i in fw.indicators:
        siblings = [x for x in (*fw.components, *fw.indicators) if x.parent == i.parent]
        total = sum(x.weight for x in siblings)
        rows.append({cols["id"]: i.id, cols["name"]: _name(i.name, lang), cols["parent"]: i.parent,
                     cols["weight"]: i.weight, cols["share"]: format_percent(i.weight / total, lang, 1) if total else "—",
                     cols["normalise"]: i.normalise or _("default"),
                     cols["aggregate"]: _("direction +1") if i.direction == 1 else _("direction −1"),
                     cols["source"]: _fmt(i.source)})
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
    return [html.P(_("Status: {status}; as of {date}; {nodes} nodes, {relations} relations. Explore it on the Model "
                     "page.", status=status, date=fw.as_of, nodes=len(fw.nodes), relations=len(fw.relations)),
                   className="small"),
            _table([{_("node type"): k, _("count"): int(v)} for k, v in types.items()]),
            _table([{_("relation"): k, _("count"): int(v)} for k, v in rels.items()], id="data-method-weights")]


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
    downloads = ui.card(_("Downloads"), [
        html.Div([dbc.Button(_("Indicator store (CSV)"), id="data-download-csv", color="primary", className="me-2"),
                  dbc.Button(_("Indicator store (XLSX)"), id="data-download-xlsx", color="primary", outline=True,
                             className="me-2"),
                  dbc.Button(_("This framework (YAML)"), id="data-download-yaml", color="secondary", outline=True)]),
        dcc.Loading(dcc.Download(id="data-download")),
        html.Div(id="data-download-message", className="small mt-2"),
    ])
    methods = ui.card(_("Method of each framework"), [
        dbc.Label(_("Framework"), html_for="data-framework", className="fw-semibold mb-1"),
        dcc.Dropdown(id="data-framework", options=framework_options(lang), value=framework, clearable=False),
        html.Div(_safe_method(framework, lang), id="data-method", className="mt-3"),
    ])
    return ui.page("data", _("Data & methods"), lead=_(
        "Where every number comes from, under which licence, and how each framework turns indicators into scores."),
        children=[*problems, sources, methods, downloads], lang=lang)


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
