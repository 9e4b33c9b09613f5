"""What-if & targets: move a country's components and see the new EGDI, rank, group and class
(the whole cross-section re-normalised, :func:`assess.whatif`); and what it takes to reach a target
(:func:`assess.smallest_change`, :func:`assess.cheapest_mix`, :func:`assess.indices.views.next_target`).

The scenario is kept in the URL: ``/whatif?country=AZE&edition=2024&osi=0.85&hci=0.72&tii=0.82&target=rank&k=50``
(component values 0 to 1 with two decimals; a value missing from the URL is the published one). With ``lang=az``
the page speaks Azerbaijani (``_ = ui.text(lang)``; the callbacks read the ``whatif-lang`` store).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html

import assess
from assess.i18n import N_, format_number, name_in, translated
from assess.indices import published
from assess.indices.scenarios import check_value
from assess.indices.views import next_target
from assess.reports import figures
from ui import components as ui
from ui.url_state import parse_search

dash.register_page(__name__, path="/whatif", name="What-if & targets", title="egov-assess: what-if", order=5)

COMPONENTS = ("osi", "hci", "tii")
NAMES = {"osi": N_("Online Service Index (OSI)"), "hci": N_("Human Capital Index (HCI)"),
         "tii": N_("Telecommunication Infrastructure Index (TII)")}
GROUP_NAMES = {g[0]: g[1] for g in published.GROUPS}
TARGETS = {"rank": N_("Reach rank K"), "next_group": N_("Reach the next group"),
           "next_class": N_("Reach the next rating class")}
#: The headers of the target tables (their columns are :func:`assess.smallest_change`'s and
#: :func:`assess.cheapest_mix`'s).
HEADERS = {"component": N_("component"), "current": N_("current"), "needed": N_("needed"), "change": N_("change"),
           "reachable": N_("reachable"), "new": N_("new")}


def group_name(group: str, lang: str = "en") -> str:
    """A UN group (``VH``) in words of ``lang`` (the framework file's ``{en, az}`` name)."""
    names = {g.label: name_in(g.name, lang, g.id) for g in published.egdi_framework().groups}
    return names.get(group, GROUP_NAMES.get(group, str(group)))
DEFAULT_K = 50


def valid_value(raw) -> float | None:
    """A component value from the URL: a number from 0 to 1 (two decimals, as the sliders), else ``None``."""
    try:
        v = float(raw) if isinstance(raw, str) and len(raw) <= 12 else None
    except ValueError:
        return None
    return round(v, 2) if v is not None and 0.0 <= v <= 1.0 else None


def valid_target(raw) -> str | None:
    """A target kind the page offers, else ``None``."""
    return raw if isinstance(raw, str) and raw in TARGETS else None


def valid_k(raw) -> int | None:
    """A target rank from 1 to 193, else ``None``."""
    return int(raw) if isinstance(raw, str) and raw.strip().isdigit() and 1 <= int(raw) <= 193 else None


def _current(country, year: int, lang: str = "en") -> dict:
    p = published.published(year)
    if not isinstance(country, str) or country not in p.index or not bool(p.loc[country, "assessed"]):
        _ = ui.text(lang)
        raise assess.ScoringError(_("what-if: {country} was not assessed in {year}. Pick another country or edition.",
                                    country=ui.country_label(country, lang), year=year))
    return {c: float(p.loc[country, c]) for c in COMPONENTS}


def _published_default(component: str):
    """The slider's value when the URL does not give one: the published value of the URL's country and edition."""
    def default(query: dict):
        state, _ = ui.parse_state(country=query.get("country"), edition=query.get("edition"))
        try:
            return round(_current(state.country, state.edition)[component], 2)
        except assess.AssessError:
            return 0.5
    return default


def _slider(c: str, value: float, lang: str = "en") -> html.Div:
    return html.Div([
        dbc.Label(translated(NAMES[c], lang), html_for=f"whatif-{c}", className="fw-semibold mb-1"),
        dcc.Slider(id=f"whatif-{c}", min=0, max=1, step=0.01, value=round(value, 2), allow_direct_input=False,
                   marks={0: "0", 1: "1"}, updatemode="mouseup",
                   tooltip=ui.slider_tooltip(lang, placement="bottom", always_visible=True)),
    ], className="mb-3")


def layout(country=None, compare=None, edition=None, osi=None, hci=None, tii=None, target=None, k=None, lang=None,
           **_query):
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition, lang=lang)
    try:
        cur = _current(state.country, state.edition, lang)
    except assess.AssessError as exc:
        problems.append(str(exc))
        cur = dict.fromkeys(COMPONENTS, 0.5)
    given = {"osi": osi, "hci": hci, "tii": tii}
    for c, raw in given.items():
        if raw not in (None, "") and valid_value(raw) is None:
            problems.append(_("{component} '{value}' is not a number from 0 to 1. Showing the published {component}.",
                              component=c.upper(), value=ui.echo(raw)))
    values = {c: valid_value(given[c]) if valid_value(given[c]) is not None else round(cur[c], 2) for c in COMPONENTS}
    if target not in (None, "") and valid_target(target) is None:
        problems.append(_("Unknown target '{value}'. Showing: reach rank K.", value=ui.echo(target)))
    if k not in (None, "") and valid_k(k) is None:
        problems.append(_("Rank K '{value}' is not a whole number from 1 to 193. Showing {default}.",
                          value=ui.echo(k), default=DEFAULT_K))
    controls = [
        ui.country_picker("whatif-country", state.country, label=_("Country"), options=ui.country_options(lang=lang),
                          placeholder=_("Type a country name or code…"), lang=lang),
        ui.edition_slider("whatif-edition", state.edition, label=_("UN Survey edition")),
        html.Hr(),
        *[_slider(c, values[c], lang) for c in COMPONENTS],
        dbc.Button(_("Reset to published"), id="whatif-reset", color="secondary", outline=True, size="sm"),
    ]
    target_box = [
        dbc.Row([
            dbc.Col([dbc.Label(_("Target"), html_for="whatif-target-kind", className="fw-semibold mb-1"),
                     dcc.Dropdown(id="whatif-target-kind", clearable=False,
                                  labels=ui.dropdown_labels(lang), value=valid_target(target) or "rank",
                                  options=[{"label": translated(v, lang), "value": k} for k, v in TARGETS.items()])],
                    md=6),
            dbc.Col([dbc.Label(_("K (rank)"), html_for="whatif-target-rank", className="fw-semibold mb-1"),
                     dbc.Input(id="whatif-target-rank", type="number", min=1, max=193, step=1,
                               value=valid_k(k) or DEFAULT_K)], md=3),
            dbc.Col(dbc.Button(_("What does it take?"), id="whatif-target-run", color="primary", className="mt-4"),
                    md=3),
        ], className="g-2 mb-2"),
        dcc.Loading(html.Div(id="whatif-target-result"), delay_show=200),
    ]
    return ui.page("whatif", _("What-if & targets"), lang=lang, lead=_(
        "Move the components of a country: the whole cross-section is re-normalised as the UN method requires, so "
        "other countries' scores can move too. The scenario is kept in the address: share it as a link."), children=[
        ui.alerts(problems),
        dbc.Row([
            dbc.Col(ui.card(_("Change the components"), controls), lg=4),
            dbc.Col([
                html.Div(id="whatif-alert"),
                html.Div(id="whatif-tiles", className="mb-3"),
                ui.card(_("Published and what-if"), ui.graph("whatif-bars")),
                ui.card(_("What it takes"), target_box),
            ], lg=8),
        ]),
    ])


@callback(Output("whatif-osi", "value"), Output("whatif-hci", "value"), Output("whatif-tii", "value"),
          Input("whatif-country", "value"), Input("whatif-edition", "value"), Input("whatif-reset", "n_clicks"),
          State("whatif-url", "search"), prevent_initial_call=True)
def reset_sliders(country, edition, n_clicks, search):
    """Put the sliders back to the published components (reset, or another country or edition); a link's own
    scenario for that country and edition is kept."""
    country, year = ui.request_code(country), ui.edition_year(edition)
    try:
        cur = _current(country, year)
    except assess.AssessError:
        return dash.no_update, dash.no_update, dash.no_update
    query = parse_search(search)
    same = query.get("country", ui.DEFAULT_COUNTRY).upper() == country and \
        ui.edition_year(query.get("edition", ui.DEFAULT_EDITION)) == year
    keep = same and ctx.triggered_id != "whatif-reset"
    return tuple((valid_value(query.get(c)) if keep and valid_value(query.get(c)) is not None else round(cur[c], 2))
                 for c in COMPONENTS)


def _tile_value(old, new, fmt="{}"):
    if old == new:
        return fmt.format(new)
    return [html.Div(fmt.format(old), className="text-body-secondary text-decoration-line-through fs-6 fw-normal"),
            html.Span(fmt.format(new))]


@callback(Output("whatif-tiles", "children"), Output("whatif-bars", "figure"), Output("whatif-alert", "children"),
          Input("whatif-osi", "value"), Input("whatif-hci", "value"), Input("whatif-tii", "value"),
          State("whatif-country", "value"), State("whatif-edition", "value"), State("whatif-lang", "data"))
def update_whatif(osi, hci, tii, country, edition, lang=None):
    """New score, rank, group and class of the country after the slider changes (:func:`assess.whatif`)."""
    lang = ui.request_lang(lang)
    year = ui.edition_year(edition)
    try:
        return _whatif(ui.request_code(country), year, {"osi": osi, "hci": hci, "tii": tii}, lang)
    except Exception as exc:  # shown to the user, never a traceback
        _ = ui.text(lang)
        return None, figures.empty_figure(_("No what-if for this selection.")), ui.friendly_error(exc, lang)


def _whatif(country, year, sliders, lang: str = "en"):
    _ = ui.text(lang)
    cur = _current(country, year, lang)
    # a slider value the request carries must be a finite number from 0 to 1 (NaN, texts: a clear error)
    values = {c: None if v is None else round(check_value(c, v, 0.0, 1.0), 2) for c, v in sliders.items()}
    # a slider shows 2 decimals: an untouched slider keeps the published value
    changes = {c: v for c, v in values.items() if v is not None and round(cur[c], 2) != v}
    w = assess.whatif({country: changes} if changes else {}, year=year)
    r = w.table.loc[country]
    d = published.decimals(w.table["egdi"])
    classes = published.edition_has(year, "classes")
    tiles = dbc.Row([dbc.Col(t, xs=6, md=3) for t in [
        ui.stat("EGDI", _tile_value(format_number(r["egdi"], lang, d), format_number(r["new_egdi"], lang, d)),
                id="whatif-score"),
        ui.stat(_("Rank"), _tile_value(int(r["rank"]), int(r["new_rank"])), id="whatif-rank",
                note=_("of {n}", n=len(w.table))),
        ui.stat(_("Group"), _tile_value(group_name(r["group"], lang), group_name(r["new_group"], lang)),
                id="whatif-group"),
        ui.stat(_("Rating class"), _tile_value(r["class"], r["new_class"]) if classes else "–", id="whatif-class",
                note=_("approximation") if classes else _("the UN rating classes start in {year}",
                                                          year=published.CLASSES_SINCE)),
    ]], className="g-2")
    before = {c: r[c] for c in COMPONENTS} | {"egdi": r["egdi"]}
    after = {c: r[f"new_{c}"] for c in COMPONENTS} | {"egdi": r["new_egdi"]}
    moved = len(w.moved) - (1 if country in w.moved.index else 0)
    fig = figures.whatif_bars(before, after, iso3=country, lang=lang,
                              title=_("{country}, {year}: {moved} other countries change rank or score",
                                      country=ui.country_label(country, lang), year=year, moved=moved))
    return tiles, ui.localise_figure(fig, lang), None


@callback(Output("whatif-target-result", "children"), Input("whatif-target-run", "n_clicks"),
          State("whatif-country", "value"), State("whatif-edition", "value"), State("whatif-target-kind", "value"),
          State("whatif-target-rank", "value"), State("whatif-lang", "data"), prevent_initial_call=True)
def run_target(n_clicks, country, edition, kind, rank, lang=None):
    """The smallest raise of each component alone, and the cheapest mix, to reach the target."""
    lang = ui.request_lang(lang)
    try:
        return _target(ui.request_code(country), ui.edition_year(edition), valid_target(kind) or "rank", rank, lang)
    except Exception as exc:  # shown to the user, never a traceback
        return ui.friendly_error(exc, lang)


def _shown(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A target table for the page: numbers in ``lang`` (5 decimals, as published), headers in ``lang``."""
    _ = ui.text(lang)
    out = table.copy()
    for c in out.columns:
        if c in ("component", "reachable"):
            continue
        out[c] = out[c].map(lambda v: format_number(v, lang, 5) if pd.notna(v) else "–") if lang != "en" else out[c]
    out["component"] = out["component"].map(lambda c: str(c).upper())
    return out.rename(columns={k: translated(v, lang) for k, v in HEADERS.items()}) if lang != "en" else out


def _target(country, year, kind, rank, lang: str = "en"):
    _ = ui.text(lang)
    note = None
    if kind == "rank":
        k = valid_k(str(rank)) if isinstance(rank, int | float) and not isinstance(rank, bool) and \
            float(rank).is_integer() else None
        if k is None:
            return ui.error_alert(_("Type a rank K, a whole number from 1 to 193."))
        target, what = {"rank": k}, _("rank {k}", k=k)
    else:
        t = next_target(country, year, kind, lang)
        note = ui.error_alert(t["note"], color="info", id="whatif-target-note") if t["note"] else None
        if t["target"] is None:
            return note
        target, what = t["target"], t["what"]
    single = assess.smallest_change(country, year, **target).table.reset_index()
    mix = assess.cheapest_mix(country, year, **target).table.reset_index()[["component", "current", "change", "new"]]
    single["reachable"] = single["reachable"].map({True: _("yes"), False: _("no (even at 1.0)")})
    return html.Div([
        note,
        html.P(html.Strong(_("To reach {what} in {year}, one component alone must rise to:", what=what, year=year)),
               id="whatif-target-summary"),
        dbc.Table.from_dataframe(_shown(single, lang), striped=True, size="sm", id="whatif-target-single"),
        html.P(html.Strong(_("Or the cheapest mix (equal cost per point):"))),
        dbc.Table.from_dataframe(_shown(mix, lang), striped=True, size="sm", className="mb-0", id="whatif-target-mix"),
    ])


ui.register_url_sync("whatif", country=("whatif-country", "value"), edition=("whatif-edition", "value"),
                     osi=("whatif-osi", "value"), hci=("whatif-hci", "value"), tii=("whatif-tii", "value"),
                     target=("whatif-target-kind", "value"), k=("whatif-target-rank", "value"),
                     defaults={"osi": _published_default("osi"), "hci": _published_default("hci"),
                               "tii": _published_default("tii"), "target": "rank", "k": DEFAULT_K},
                     valid={"osi": valid_value, "hci": valid_value, "tii": valid_value, "target": valid_target,
                            "k": valid_k})
