"""Compare: several countries side by side, rank trajectories, the gap decomposition, a gap table and the GTMI.

Gaps come from :func:`assess.gap` (rounded to the published decimals); the GTMI from
:func:`assess.indices.views.world_view`. URL state: ``country``, ``compare``, ``edition``, ``against`` (an ISO3
code, ``frontier``, ``top`` or ``next_group``), ``gtmi`` (a GTMI edition) and ``lang``: the page speaks the URL's
language (``_ = ui.text(lang)``; the callbacks read it from the ``compare-lang`` store; the figures take ``lang``).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

import assess
from assess.i18n import N_, format_number, pt, translated
from assess.i18n.catalogues import known
from assess.indices import published, views
from assess.indices.gaps import TOP_GROUP
from assess.indices.timeseries import method_breaks
from assess.io.excel import frames_xlsx
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/compare", name="Compare", title="egov-assess: compare", order=2)

COMPONENTS = ("osi", "hci", "tii")
GTMI_EDITIONS = published.GTMI_EDITIONS
REFERENCES = {"frontier": N_("The frontier (a country with the best value of each component)"),
              "top": N_("The top-ranked country"), "next_group": N_("The next UN group's threshold")}
STEP_NAMES = {"osi": N_("OSI gap ÷ 3"), "hci": N_("HCI gap ÷ 3"), "tii": N_("TII gap ÷ 3"),
              "other": N_("published ≠ mean")}
WATERFALL_NOTE = N_("EGDI = (OSI + HCI + TII) ÷ 3, so a component's gap counts for a third: each step (\"OSI gap ÷ 3\" "
                    "for online services, HCI for human capital, TII for telecommunication infrastructure) is that "
                    "component's gap divided by 3, and the steps add up to the difference between the two bars. "
                    "In 2008 and 2010 the UN's published EGDI is not the mean of its components: the step "
                    "\"published ≠ mean\" shows the difference. "
                    "Dark grey: the comparator is ahead on that component; light hatched grey: the country is. The "
                    "frontier is a country with the best published value of each component (EGDI 1.0 since 2012).")
GAP_COLUMNS = ["iso3", "country", "egdi", "rank", "gap", "osi_part", "hci_part", "tii_part", "residual", "epi_gap"]
_NUM = {"type": "rightAligned", "minWidth": 120, "valueFormatter": {"function": "d3.format('+.5~f')(params.value)"}}
_TABLE_COLUMNS = [
    {"field": "country", "headerName": N_("country"), "minWidth": 130, "flex": 2},
    {"field": "iso3", "headerName": "ISO3", "maxWidth": 110, "minWidth": 95},
    {"field": "egdi", "headerName": "EGDI", "type": "rightAligned"},
    {"field": "rank", "headerName": N_("rank"), "maxWidth": 110, "minWidth": 95},
    {"field": "gap", "headerName": N_("gap"), **_NUM, "sort": "desc"},
    {"field": "osi_part", "headerName": N_("OSI part"), **_NUM}, {"field": "hci_part", "headerName": N_("HCI part"), **_NUM},
    {"field": "tii_part", "headerName": N_("TII part"), **_NUM}, {"field": "epi_gap", "headerName": N_("EPI gap"), **_NUM},
]
#: Columns whose numbers a language other than English writes itself (``<field>_text`` in each row, as the
#: grid's formatter cannot call the language's number format; in the columns from the start).
_NUMBERS = ("egdi", "gap", "osi_part", "hci_part", "tii_part", "epi_gap")


def table_columns(lang: str = "en") -> list[dict]:
    """The gap table's columns, headers in ``lang`` (numbers written by the rows' ``*_text`` in Azerbaijani)."""
    cols = [{**c, "headerName": translated(c["headerName"], lang)} if c["headerName"] not in ("ISO3", "EGDI") else c
            for c in _TABLE_COLUMNS]
    if lang == "en":
        return cols
    return [{**c, "valueFormatter": {"function": f"params.data.{c['field']}_text"}} if c["field"] in _NUMBERS else c
            for c in cols]


def _signed(value, lang: str, decimals: int = 5) -> str:
    """``+0,20839`` / ``-0,05``: a gap with its sign, in ``lang`` (as d3's ``+.5~f``: trailing zeros dropped)."""
    if value is None or value != value:
        return ""
    text = format_number(abs(float(value)), lang, decimals, group=False)
    text = text.rstrip("0").rstrip(",.") if any(s in text for s in ",.") else text
    return ("+" if value >= 0 else "-") + text


def valid_against(raw) -> str | None:
    """A reference the page offers (a known ISO3 code or a reference id), else ``None``."""
    if isinstance(raw, str) and raw in REFERENCES:
        return raw
    return ui.request_code(raw)


def valid_gtmi(raw) -> int | None:
    """A GTMI edition year, else ``None``."""
    return int(raw) if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) == 4 and \
        int(raw) in GTMI_EDITIONS else None


def default_against(query: dict) -> str | None:
    """The "gap to" comparator when the URL does not say: the first country compared with, else the frontier."""
    state, _ = ui.parse_state(compare=query.get("compare"))
    return state.compare[0] if state.compare else "frontier"


def _options(codes, lang: str = "en") -> list[dict]:
    return ui.country_options(codes, lang) + [{"label": translated(v, lang), "value": k} for k, v in REFERENCES.items()]


def _breaks(lang: str) -> dict:
    return {y: translated(n, lang) if known(n) else n for y, (f, n) in method_breaks().items() if f}


def layout(country=None, compare=None, edition=None, against=None, gtmi=None, lang=None, **_query):
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition, lang=lang)
    fallback = default_against({"compare": compare})
    if against not in (None, "") and valid_against(against) is None:
        problems.append(_("Unknown comparator '{value}'. Showing the gap to {fallback}.", value=ui.echo(against),
                          fallback=_("frontier") if fallback == "frontier" else fallback))
    if gtmi not in (None, "") and valid_gtmi(gtmi) is None:
        problems.append(_("No GTMI edition {value}. Showing {latest}; GTMI editions are {editions}.",
                          value=ui.echo(gtmi), latest=GTMI_EDITIONS[-1], editions=", ".join(map(str, GTMI_EDITIONS))))
    against, gtmi = valid_against(against) or fallback, valid_gtmi(gtmi) or GTMI_EDITIONS[-1]
    options = ui.country_options(lang=lang, gtmi=True)
    controls = dbc.Row([
        dbc.Col(ui.country_picker("compare-country", state.country, label=_("Country"), options=options,
                                  placeholder=_("Type a country name or code…"), lang=lang), md=3),
        dbc.Col(ui.comparator_picker("compare-with", state.compare, label=_("Compare with"), options=options,
                                     placeholder=_("Add countries to compare…"), lang=lang), md=5),
        dbc.Col(ui.edition_slider("compare-edition", state.edition, label=_("UN Survey edition")), md=4),
    ], className="g-3")
    return ui.page("compare", _("Compare"), lang=lang, lead=_(
        "Several countries side by side: components, rank trajectories, what the gap to a comparator is made of, "
        "and the GTMI."), children=[
        ui.alerts(problems),
        ui.card(None, controls),
        html.Div(id="compare-alert"),
        dbc.Row([
            dbc.Col(ui.card(_("Components"), ui.graph("compare-components")), lg=6),
            dbc.Col(ui.card(_("EGDI rank since 2003 (⚑ = method break)"), ui.graph("compare-ranks")), lg=6),
        ]),
        dbc.Row([
            dbc.Col(ui.card(_("Gap decomposition"), [
                html.Div([dbc.Label(_("Gap to"), html_for="compare-against", className="fw-semibold mb-1"),
                          dcc.Dropdown(id="compare-against", value=against, clearable=False,
                                       labels=ui.dropdown_labels(lang),
                                       options=_options(state.compare, lang))], className="mb-2"),
                ui.graph("compare-waterfall"),
                html.P(translated(WATERFALL_NOTE, lang), className="small text-body-secondary mb-0",
                       id="compare-waterfall-note"),
            ]), xl=5),
            dbc.Col(ui.card(_("Gap table (click a header to sort)"), [
                ui.grid("compare-table", height=330, columns=table_columns(lang)),
                html.Div([dbc.Button(_("Download the table (.xlsx)"), id="compare-download-button",
                                     color="secondary", outline=True, size="sm"), ui.report_controls("compare", lang)],
                         className="d-flex flex-wrap align-items-center gap-3 mt-2"),
                dcc.Download(id="compare-download"),
            ]), xl=7),
        ]),
        ui.card(_("GovTech Maturity Index (World Bank)"), [
            html.Div([dbc.Label(_("GTMI edition"), html_for="compare-gtmi", className="fw-semibold me-2 mb-0"),
                      dbc.RadioItems(id="compare-gtmi", value=gtmi, inline=True,
                                     options=[{"label": str(y), "value": y} for y in GTMI_EDITIONS])],
                     className="d-flex align-items-center mb-2"),
            dbc.Row([dbc.Col(ui.graph("compare-gtmi-bars"), lg=7), dbc.Col(html.Div(id="compare-gtmi-table"), lg=5)]),
        ]),
    ])


def gap_table(country: str, others, edition: int, lang: str = "en") -> pd.DataFrame:
    """One row per comparator: EGDI, rank, the gap and its parts by component (:func:`assess.gap`, rounded);
    country names in ``lang``."""
    rows = []
    names = ui.country_names(lang)
    for c in others:
        if c == country:
            continue
        g = assess.gap(country, c, years=[edition])
        if edition not in g.index or pd.isna(g.loc[edition, "ref_egdi"]):
            continue
        g = g.loc[edition]
        rows.append({"iso3": c, "country": names.get(c, c), "egdi": g["ref_egdi"],
                     "rank": g["ref_rank"], **{k: g[k] for k in GAP_COLUMNS[4:]}})
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def _with_texts(table: pd.DataFrame, edition: int, lang: str) -> list[dict]:
    """The gap table's rows for the grid; in a language other than English with each number's text."""
    rows = table.to_dict("records")
    if lang == "en":
        return rows
    d = published.decimals(published.published(edition)["egdi"])
    for r in rows:
        r["egdi_text"] = format_number(r["egdi"], lang, d) if pd.notna(r["egdi"]) else ""
        for k in _NUMBERS[1:]:
            r[f"{k}_text"] = _signed(r[k], lang)
    return rows


@callback(
    Output("compare-components", "figure"), Output("compare-ranks", "figure"), Output("compare-table", "rowData"),
    Output("compare-table", "columnDefs"), Output("compare-against", "options"), Output("compare-alert", "children"),
    Input("compare-country", "value"), Input("compare-with", "value"), Input("compare-edition", "value"),
    State("compare-lang", "data"),
)
def update_compare(country, others, edition, lang=None):
    """Component bars, rank trajectories and the gap table for the country and its comparators."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    country, year = ui.request_code(country), ui.edition_year(edition)
    others = tuple(o for o in ui.request_codes(others) if o != country)
    options, columns = _options(others, lang), table_columns(lang)
    if not country:
        e = figures.empty_figure(_("Pick a country."))
        return e, e, [], columns, options, ui.error_alert(_("Pick a country from the list."))
    try:
        return (*_compare_outputs(country, others, year, lang), columns, options,
                _compare_note(country, others, year, lang))
    except Exception as exc:  # shown to the user, never a traceback; nothing is cached
        e = figures.empty_figure(_("No data for this selection."))
        return e, e, [], columns, options, ui.friendly_error(exc, lang)


def _compare_note(country, others, year, lang: str = "en"):
    _ = ui.text(lang)
    p = published.published(year)
    missing = [c for c in (country, *others) if c not in p.index or not bool(p.loc[c, "assessed"])]
    if missing:
        return ui.error_alert(_("Not assessed in the {year} UN Survey: {countries}.", year=year,
                                countries=", ".join(ui.country_label(c, lang) for c in missing)), color="info")
    return None if others else ui.error_alert(_("Add one or more countries to compare with."), color="info")


def _compare_outputs(country, others, year, lang: str = "en") -> tuple:
    _ = ui.text(lang)
    p = published.published(year)
    codes = [c for c in (country, *others) if c in p.index and bool(p.loc[c, "assessed"])]
    bars = p.loc[codes, ["osi", "hci", "tii", "epi"]].astype(float)
    fbars = figures.component_bars(bars, title=_("Components, {year}", year=year), lang=lang) \
        if len(bars) else figures.empty_figure(_("No country of this selection was assessed in {year}.", year=year))
    franks = figures.rank_trajectories(published.rank_history((country, *others)), title=_("Published EGDI rank"),
                                       breaks=_breaks(lang), lang=lang)
    table = gap_table(country, others, year, lang) if country in codes else pd.DataFrame(columns=GAP_COLUMNS)
    return (ui.localise_figure(figures.as_dict(fbars), lang), ui.localise_figure(figures.as_dict(franks), lang),
            _with_texts(table, year, lang))


@callback(Output("compare-waterfall", "figure"), Input("compare-country", "value"), Input("compare-against", "value"),
          Input("compare-edition", "value"), State("compare-lang", "data"))
def update_waterfall(country, against, edition, lang=None):
    """From the country's EGDI to the reference's, one step per component (:func:`assess.gap`)."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    country, against, year = ui.request_code(country), valid_against(against), ui.edition_year(edition)
    if not country or not against:
        return figures.empty_figure(_("Pick a country and a comparator."))
    try:
        return ui.localise_figure(_waterfall(country, against, year, lang), lang)
    except Exception as exc:  # shown in the figure, never a traceback
        return figures.empty_figure(str(exc) if isinstance(exc, assess.AssessError) else _("No data for this pair."))


def reference_label(label: str, lang: str = "en") -> str:
    """The reference of a gap (:func:`assess.gap`'s ``reference``) in words of ``lang``: ``frontier`` → *sərhəd*,
    ``threshold 0.75`` → *hədd 0,75*; a country code as it is."""
    _ = ui.text(lang)
    if label == "frontier":
        return _("frontier")
    if label.startswith("threshold "):
        try:
            return _("threshold {value}", value=format_number(float(label.split(" ", 1)[1]), lang))
        except ValueError:
            return label
    return label


def _waterfall(country: str, against: str, year: int, lang: str = "en"):
    _ = ui.text(lang)
    g = assess.gap(country, against, years=[year])
    if year not in g.index:
        return figures.empty_figure(_("{country} was not assessed in {year}.", country=ui.country_label(country, lang),
                                      year=year))
    g = g.loc[year]
    if g["reference"] == TOP_GROUP:
        return figures.empty_figure(_("{country} is already in the top UN group (Very high): there is no next group. "
                                      "Choose the frontier or a country.", country=ui.country_label(country, lang)))
    if pd.isna(g["ref_egdi"]):
        return figures.empty_figure(_("{country} was not assessed in {year}.", country=ui.country_label(against, lang),
                                      year=year))
    parts = pd.Series({c: g[f"{c}_part"] for c in COMPONENTS})
    if abs(g["residual"]) > 1e-4:  # 2008 and 2010: the published EGDI is not the mean of its components
        parts["other"] = g["residual"]
    label = reference_label(str(g["reference"]), lang)
    d = published.decimals(published.published(year)["egdi"])
    gap = format_number(abs(float(g["gap"])), lang, d, group=False)
    return figures.gap_waterfall(parts, start=float(g["egdi"]), end=float(g["ref_egdi"]), start_label=country,
                                 end_label=label, names={k: translated(v, lang) for k, v in STEP_NAMES.items()},
                                 decimals=d, lang=lang,
                                 title=_("EGDI {year}: {country} → {reference} (gap {gap})", year=year,
                                         country=country, reference=label,
                                         gap=("+" if g["gap"] >= 0 else "-") + gap))


@callback(Output("compare-gtmi-bars", "figure"), Output("compare-gtmi-table", "children"),
          Input("compare-country", "value"), Input("compare-with", "value"), Input("compare-gtmi", "value"),
          State("compare-lang", "data"))
def update_gtmi(country, others, gtmi, lang=None):
    """The GTMI, its four components and its group for the country and its comparators, in one GTMI edition."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    codes = list(dict.fromkeys([c for c in [ui.request_code(country), *ui.request_codes(others)] if c]))
    year = gtmi if gtmi in GTMI_EDITIONS else GTMI_EDITIONS[-1]
    try:
        view = {k: views.world_view(k, year, lang) for k in ("gtmi", *published.GTMI_COMPONENTS)}
    except Exception as exc:  # shown to the user, never a traceback
        return figures.empty_figure(_("No GTMI for this selection.")), ui.friendly_error(exc, lang)
    covered = [c for c in codes if c in view["gtmi"]["values"]]
    table = pd.DataFrame({k: [view[k]["values"].get(c) for c in covered] for k in view}, index=covered)
    fig = figures.gtmi_bars(table, title=_("GTMI {year} and its components", year=year), lang=lang) if covered else \
        figures.empty_figure(_("None of these countries is covered by the GTMI {year}.", year=year))
    shown = table.copy()
    if lang != "en":
        shown = shown.apply(lambda col: col.map(lambda v: format_number(v, lang, published.GTMI_DECIMALS)
                                                 if pd.notna(v) else ""))
    rows = shown.assign(group=[view["gtmi"]["groups"][c] for c in covered]).reset_index(names="iso3")
    rows.columns = [c.upper() if c != "group" or lang == "en" else _("Group") for c in rows.columns]
    missing = [c for c in codes if c not in covered]
    return ui.localise_figure(figures.as_dict(fig), lang), [
        dbc.Table.from_dataframe(rows, striped=True, size="sm", className="small", id="compare-gtmi-rows"),
        html.P(_("Not covered by the GTMI {year}: {codes}.", year=year, codes=", ".join(missing)) if missing else "",
               className="small"),
    ]


@callback(Output("compare-download", "data"), Input("compare-download-button", "n_clicks"),
          State("compare-country", "value"), State("compare-with", "value"), State("compare-edition", "value"),
          State("compare-lang", "data"), prevent_initial_call=True)
def download_compare(n_clicks, country, others, edition, lang=None):
    """The gap table as .xlsx (rounded to the published decimals), its sheet, headers and file name in the page's
    language."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    country, year = ui.request_code(country), ui.edition_year(edition)
    if country is None:
        return dash.no_update
    table = gap_table(country, tuple(ui.request_codes(others)), year, lang)
    if lang != "en":
        heads = {c["field"]: c["headerName"] for c in table_columns(lang)}
        table = table.rename(columns={**heads, "residual": _("residual")})
    sheet = pt("sheet name", "gaps {country} {year}", lang, country=country, year=year)
    return dcc.send_bytes(frames_xlsx({sheet: table}),
                          _("egov-assess-compare-{country}-{year}.xlsx", country=country, year=year))


@callback(Output("compare-report", "data"), Output("compare-report-message", "children"),
          Input("compare-report-button", "n_clicks"), State("compare-country", "value"),
          State("compare-with", "value"), State("compare-edition", "value"), State("compare-report-lang", "value"),
          State("compare-lang", "data"), prevent_initial_call=True)
def download_report(n_clicks, country, others, edition, lang, page_lang=None):
    """The ministry report (:func:`assess.report`) of the country against the countries compared with."""
    try:
        return ui.report_bytes(country, others, edition, lang), None
    except Exception as exc:  # shown to the user, never a traceback
        return dash.no_update, ui.friendly_error(exc, ui.request_lang(page_lang))


ui.register_url_sync("compare", country=("compare-country", "value"), compare=("compare-with", "value"),
                     edition=("compare-edition", "value"), against=("compare-against", "value"),
                     gtmi=("compare-gtmi", "value"), defaults={"against": default_against, "gtmi": GTMI_EDITIONS[-1]},
                     valid={"against": valid_against, "gtmi": valid_gtmi})
