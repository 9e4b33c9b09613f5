"""Country profile: headline score, rank, group, class; trend; components; strengths; stages; the GTMI.

Everything comes from :mod:`assess.indices.profiles` (:func:`profile`, :func:`history`, :func:`strengths`,
:func:`gtmi_history`) and :func:`assess.placement`; each fact is labelled with the year it belongs to and a
profile never shows a later edition's fact as this one's. A country missing from the chosen edition keeps its
trend and GTMI, with the editions it was assessed in; economies the UN does not assess (Kosovo, Palestine,
Taiwan) get their GTMI and the reason. The page speaks the language of the URL (``?lang=az``: ``_ = ui.text(lang)``;
the callbacks read it from the ``country-lang`` store; the library functions take ``lang``).
"""

from __future__ import annotations

import functools

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

import assess
from assess.i18n import N_, format_number, name_in, translated
from assess.i18n.catalogues import known
from assess.indices import published
from assess.indices.profiles import gtmi_history, history, profile, series_name, strengths
from assess.indices.timeseries import method_breaks
from assess.io.excel import frames_xlsx
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/country", name="Country profile", title="egov-assess: country profile", order=1)

COMPONENTS = ("osi", "hci", "tii", "epi")
COMPONENT_NAMES = {"osi": N_("Online services (OSI)"), "hci": N_("Human capital (HCI)"),
                   "tii": N_("Telecom infrastructure (TII)"), "epi": N_("E-participation (EPI)"), "egdi": "EGDI"}
GTMI_NAMES = {"gtmi": "GTMI", "cgsi": N_("Core government systems (CGSI)"),
              "psdi": N_("Public service delivery (PSDI)"), "dcei": N_("Digital citizen engagement (DCEI)"),
              "gtei": N_("GovTech enablers (GTEI)")}
VERDICTS = {"strength": N_("strength"), "weakness": N_("weakness"), "neither": N_("neither")}
STRENGTH_RULE = N_("A strength ranks above the country's EGDI rank and is above its region's mean; a weakness ranks "
                   "below its EGDI rank and is below its region's mean; when the two disagree, neither (the last "
                   "column says why).")


def _group_names(lang: str) -> dict:
    return {g.label: name_in(g.name, lang, g.id) for g in published.egdi_framework().groups}
OUTPUTS = ("country-tiles", "country-trend", "country-components", "country-strengths", "country-stages",
           "country-gtmi", "country-alert")


@functools.lru_cache(maxsize=1)
def _breaks() -> dict:
    return {int(y): note for y, (flag, note) in method_breaks().items() if flag}


def layout(country=None, compare=None, edition=None, lang=None, **_query):
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition, lang=lang)
    controls = dbc.Row([
        dbc.Col(ui.country_picker("country-country", state.country, label=_("Country"),
                                  options=ui.country_options(lang=lang, gtmi=True),
                                  placeholder=_("Type a country name or code…"), lang=lang), md=4),
        dbc.Col(ui.edition_slider("country-edition", state.edition, label=_("UN Survey edition")), md=6),
        dbc.Col(html.Div([dbc.Button(_("Download data (.xlsx)"), id="country-download-button", color="secondary",
                                     outline=True, size="sm", className="mt-4"), dcc.Download(id="country-download")]),
                md=2),
        dbc.Col(ui.report_controls("country", lang), md=12),
    ], className="g-3")
    return ui.page("country", _("Country profile"), lang=lang, lead=_(
        "Headline score, rank and group; the trend since 2003; components against the region, the income group "
        "and the leader; the GTMI."), children=[
        ui.alerts(problems),
        ui.card(None, controls),
        html.Div(id="country-alert"),
        html.Div(id="country-tiles", className="mb-3"),
        dbc.Row([
            dbc.Col(ui.card(_("EGDI since 2003 (⚑ = method break)"), ui.graph("country-trend")), lg=6),
            dbc.Col(ui.card(_("Components against region, income group and leader"), ui.graph("country-components")),
                    lg=6),
        ]),
        dbc.Row([
            dbc.Col(ui.card(_("Strengths and weaknesses"), [
                html.P(translated(STRENGTH_RULE, lang), className="small text-body-secondary",
                       id="country-strength-rule"), html.Div(id="country-strengths")]), lg=6),
            dbc.Col(ui.card(_("Stage placements"), html.Div(id="country-stages")), lg=6),
        ]),
        ui.card(_("GovTech Maturity Index (World Bank): its own editions"), html.Div(id="country-gtmi")),
    ])


def _tiles(view: dict, lang: str = "en") -> dbc.Row:
    _ = ui.text(lang)
    year, g = view["year"], view["gtmi"]
    thresholds = " / ".join(format_number(x, lang, 2) for x in (0.75, 0.5, 0.25))
    tiles = [
        ui.stat(f"EGDI {year}", format_number(view["egdi"], lang, published.decimals(pd.Series([view["egdi"]]))),
                id="country-score", note=ui.country_label(view["iso3"], lang)),
        ui.stat(_("Rank"), f"{view['rank']} / {view['n']}", id="country-rank",
                note=_("UN published rank, {year}", year=year)),
        ui.stat(_("Group"), _group_names(lang).get(view["group"], view["group"]), id="country-group",
                note=view["group_note"] or f"EGDI ≥ {thresholds}"),
        ui.stat(_("Rating class"), view["rating_class"] or "–", id="country-class", note=view["class_note"]),
        ui.stat(f"GTMI {g['year']}" if g else "GTMI",
                f"{format_number(g['gtmi'], lang, published.GTMI_DECIMALS)} ({g['group']})" if g else "–",
                id="country-gtmi-tile", note=view["gtmi_note"] or _("World Bank GovTech Maturity Index")),
    ]
    return dbc.Row([dbc.Col(t, xs=6, md=4, xl=True, className="mb-2") for t in tiles], className="g-2")


def _strengths(iso3: str, year: int, lang: str = "en") -> html.Div:
    _ = ui.text(lang)
    s = strengths(iso3, year, lang)
    names = s["component"].map(lambda c: translated(COMPONENT_NAMES[c], lang) if c in COMPONENTS else c)
    table = pd.DataFrame({_("component"): names, _("value"): s["value"].map(lambda v: format_number(v, lang, 4)),
                          _("rank"): s["rank"],
                          _("vs region mean"): s["vs_region"].map(lambda v: ("+" if v >= 0 else "−")
                                                                  + format_number(abs(v), lang, 4)),
                          _("verdict"): s["verdict"].map(lambda v: translated(VERDICTS.get(v, v), lang)),
                          _("why"): s["why"]})
    listed = {v: names[s["verdict"] == v].tolist() for v in ("strength", "weakness")}
    return html.Div([
        html.P([html.Strong(_("Strengths: ")), ", ".join(listed["strength"]) or _("none")],
               id="country-strength-list"),
        html.P([html.Strong(_("Weaknesses: ")), ", ".join(listed["weakness"]) or _("none")],
               id="country-weakness-list"),
        dbc.Table.from_dataframe(table, striped=True, bordered=False, hover=True, size="sm", className="mb-0 small"),
    ])


def _stages(iso3: str, year: int, lang: str = "en") -> dbc.Table:
    _ = ui.text(lang)
    t = assess.placement(iso3, year, lang=lang)
    rows = pd.DataFrame({_("model"): t["model"], _("placement"): t["name"].fillna(_("not placed")),
                         _("basis"): t["basis"]})
    return dbc.Table.from_dataframe(rows, striped=True, size="sm", className="mb-0 small")


def _gtmi(iso3: str, view: dict, lang: str = "en"):
    _ = ui.text(lang)
    g = gtmi_history(iso3)
    if g.empty:
        return html.P(_("{country} is not covered by the GTMI (editions {editions}).",
                        country=ui.country_label(iso3, lang), editions=", ".join(map(str, published.GTMI_EDITIONS))),
                      className="mb-0")
    rows = g.copy()
    rows.index = [f"GTMI {y}" for y in rows.index]
    fig = figures.gtmi_bars(rows.drop(columns="group"), names={k: k.upper() for k in GTMI_NAMES}, lang=lang,
                            title=_("{country}: GTMI and its components, by GTMI edition",
                                    country=ui.country_label(iso3, lang)))
    table = g.reset_index()
    for k in GTMI_NAMES:
        if k in table:
            table[k] = table[k].map(lambda v: format_number(v, lang, published.GTMI_DECIMALS) if pd.notna(v) else "–")
    table = table.rename(columns={**{k: translated(v, lang) if k != "gtmi" else v for k, v in GTMI_NAMES.items()},
                                  "year": _("edition"), "group": _("group")})
    return dbc.Row([
        dbc.Col(ui.graph("country-gtmi-bars", ui.localise_figure(figures.as_dict(fig), lang)), lg=7),
        dbc.Col([dbc.Table.from_dataframe(table, striped=True, size="sm", className="small", id="country-gtmi-table"),
                 html.P([_("Groups: A GovTech leaders, B significant focus, C some focus, D minimal focus. "),
                         _("The World Bank says the GTMI is not intended as a ranking. "),
                         _("Key indicators by name: see the Data & methods page.")], className="small mb-0")], lg=5),
    ])


def _missing(iso3: str, view: dict, lang: str = "en"):
    """The alert of a country without a UN value in the chosen edition, with the editions it has."""
    _ = ui.text(lang)
    if not view["editions"]:
        return ui.error_alert(_("{country} is not a UN member state: the UN E-Government Survey does not assess it. "
                                "The World Bank's GTMI covers it: see below.", country=ui.country_label(iso3, lang)),
                              color="info", id="country-not-assessed")
    links = [dcc.Link(str(y), href=ui.with_lang(f"/country?country={iso3}&edition={y}", lang), className="me-2")
             for y in view["editions"]]
    return ui.error_alert([_("{country} was not assessed in the {year} UN Survey. It was assessed in: ",
                             country=ui.country_label(iso3, lang), year=view["year"]), *links],
                          color="info", id="country-not-assessed")


@callback(*[Output(o, "children" if o not in ("country-trend", "country-components") else "figure") for o in OUTPUTS],
          Input("country-country", "value"), Input("country-edition", "value"), State("country-lang", "data"))
def update_country(country, edition, lang=None):
    """Headline tiles, trend, component bars, strengths/weaknesses, stage placements, GTMI and the alert."""
    lang = ui.request_lang(lang)
    try:
        return _country_outputs(ui.request_code(country), ui.edition_year(edition), lang)
    except Exception as exc:  # shown to the user, never a traceback; nothing is cached
        _ = ui.text(lang)
        empty = figures.empty_figure(_("No data for this selection."))
        return None, empty, empty, None, None, None, ui.friendly_error(exc)


def _country_outputs(iso3, year, lang: str = "en") -> tuple:
    _ = ui.text(lang)
    if not iso3:
        empty = figures.empty_figure(_("Pick a country."))
        return None, empty, empty, None, None, None, ui.error_alert(_("Pick a country from the list."))
    view, hist = profile(iso3, year, lang), history(iso3)
    label = ui.country_label(iso3, lang)
    refs = {f"Region: {hist['region']}": hist["region_mean"]} if hist["region"] else {}
    breaks = {y: translated(n, lang) if known(n) else n for y, n in _breaks().items()}
    ftrend = figures.trend({iso3: hist["egdi"]}, references=refs, breaks=breaks, label="EGDI", lang=lang,
                           series_names={k: series_name(k, lang) for k in refs},
                           title=_("{country}: EGDI by edition", country=label)) if len(hist["egdi"]) else \
        figures.empty_figure(_("{country} has no UN E-Government Survey value.", country=label))
    gtmi = _gtmi(iso3, view, lang)
    if not view["assessed"]:
        words = _("Not assessed in {year}.", year=year) if view["editions"] else \
            _("Not assessed by the UN E-Government Survey.")
        empty, note = figures.empty_figure(words), html.P(words, className="mb-0")
        return None, ui.localise_figure(figures.as_dict(ftrend), lang), empty, note, note, gtmi, \
            _missing(iso3, view, lang)
    comparison = view["comparison"]
    fbars = figures.component_bars(comparison, names={c: c.upper() for c in COMPONENTS}, lang=lang,
                                   series_names={str(k): series_name(str(k), lang) for k in comparison.index},
                                   title=_("Components, {year}", year=year))
    return (_tiles(view, lang), ui.localise_figure(figures.as_dict(ftrend), lang),
            ui.localise_figure(figures.as_dict(fbars), lang), _strengths(iso3, year, lang), _stages(iso3, year, lang),
            gtmi, None)


@callback(Output("country-download", "data"), Input("country-download-button", "n_clicks"),
          State("country-country", "value"), prevent_initial_call=True)
def download_country(n_clicks, country):
    """The country's rows of every bundled dataset as an .xlsx workbook (the data as published)."""
    country = ui.request_code(country)
    if country is None:
        return dash.no_update
    df = assess.load_indicators()
    return dcc.send_bytes(frames_xlsx({country: df[df["iso3"] == country]}), f"egov-assess-{country}.xlsx")


@callback(Output("country-report", "data"), Output("country-report-message", "children"),
          Input("country-report-button", "n_clicks"), State("country-country", "value"),
          State("country-edition", "value"), State("country-report-lang", "value"), State(ui.APP_STATE, "data"),
          prevent_initial_call=True)
def download_report(n_clicks, country, edition, lang, state):
    """The ministry report (:func:`assess.report`) of the country against the shared comparators."""
    compare = state.get("compare", ui.DEFAULT_COMPARE) if isinstance(state, dict) else ui.DEFAULT_COMPARE
    try:
        return ui.report_bytes(country, compare, edition, lang), None
    except Exception as exc:  # shown to the user, never a traceback
        return dash.no_update, ui.friendly_error(exc)


ui.register_url_sync("country", country=("country-country", "value"), edition=("country-edition", "value"))
