"""What-if & targets: move a country's components and see the new EGDI, rank, group and class
(the whole cross-section re-normalised, :func:`assess.whatif`); and what it takes to reach a target."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

import assess
from assess.indices import published
from assess.indices.scenarios import check_value
from assess.reports import figures
from ui import components as ui

dash.register_page(__name__, path="/whatif", name="What-if & targets", title="egov-assess: what-if", order=5)

COMPONENTS = ("osi", "hci", "tii")
NAMES = {"osi": "Online Service Index (OSI)", "hci": "Human Capital Index (HCI)",
         "tii": "Telecommunication Infrastructure Index (TII)"}
GROUP_NAMES = {g[0]: g[1] for g in published.GROUPS}


def _current(country: str, year: int) -> dict:
    p = published.published(year)
    if not isinstance(country, str) or country not in p.index or not bool(p.loc[country, "assessed"]):
        raise assess.ScoringError(f"what-if: {ui.country_label(country)} was not assessed in {year}. "
                                  "Pick another country or edition.")
    return {c: float(p.loc[country, c]) for c in COMPONENTS}


def _slider(c: str, value: float) -> html.Div:
    return html.Div([
        dbc.Label(NAMES[c], html_for=f"whatif-{c}", className="fw-semibold mb-1"),
        dcc.Slider(id=f"whatif-{c}", min=0, max=1, step=0.01, value=round(value, 2), allow_direct_input=False,
                   marks={0: "0", 1: "1"}, updatemode="mouseup",
                   tooltip={"placement": "bottom", "always_visible": True}),
    ], className="mb-3")


def layout(country=None, compare=None, edition=None, **_):
    state, problems = ui.parse_state(country=country, compare=compare, edition=edition)
    try:
        cur = _current(state.country, state.edition)
    except assess.AssessError as exc:
        problems.append(str(exc))
        cur = dict.fromkeys(COMPONENTS, 0.5)
    controls = [
        ui.country_picker("whatif-country", state.country),
        ui.edition_slider("whatif-edition", state.edition),
        html.Hr(),
        *[_slider(c, cur[c]) for c in COMPONENTS],
        dbc.Button("Reset to published", id="whatif-reset", color="secondary", outline=True, size="sm"),
    ]
    target = [
        dbc.Row([
            dbc.Col([dbc.Label("Target", html_for="whatif-target-kind", className="fw-semibold mb-1"),
                     dcc.Dropdown(id="whatif-target-kind", clearable=False, value="rank", options=[
                         {"label": "Reach rank K", "value": "rank"},
                         {"label": "Reach the next group", "value": "next_group"},
                         {"label": "Reach the next rating class", "value": "next_class"}])], md=6),
            dbc.Col([dbc.Label("K (rank)", html_for="whatif-target-rank", className="fw-semibold mb-1"),
                     dbc.Input(id="whatif-target-rank", type="number", min=1, max=193, step=1, value=50)], md=3),
            dbc.Col(dbc.Button("What does it take?", id="whatif-target-run", color="primary", className="mt-4"), md=3),
        ], className="g-2 mb-2"),
        dcc.Loading(html.Div(id="whatif-target-result"), delay_show=200),
    ]
    return ui.page("whatif", "What-if & targets", lead="Move the components of a country: the whole cross-section "
                   "is re-normalised as the UN method requires, so other countries' scores can move too.", children=[
        ui.alerts(problems),
        dbc.Row([
            dbc.Col(ui.card("Change the components", controls), lg=4),
            dbc.Col([
                html.Div(id="whatif-alert"),
                html.Div(id="whatif-tiles", className="mb-3"),
                ui.card("Published and what-if", ui.graph("whatif-bars")),
                ui.card("What it takes", target),
            ], lg=8),
        ]),
    ])


@callback(Output("whatif-osi", "value"), Output("whatif-hci", "value"), Output("whatif-tii", "value"),
          Input("whatif-country", "value"), Input("whatif-edition", "value"), Input("whatif-reset", "n_clicks"),
          prevent_initial_call=True)
def reset_sliders(country, edition, n_clicks):
    """Put the sliders back to the country's published components (on country/edition change or reset)."""
    try:
        cur = _current(country, ui.edition_year(edition))
    except (assess.AssessError, TypeError, KeyError):
        return dash.no_update, dash.no_update, dash.no_update
    return tuple(round(cur[c], 2) for c in COMPONENTS)


def _tile_value(old, new, fmt="{}"):
    if old == new:
        return fmt.format(new)
    return [html.Div(fmt.format(old), className="text-body-secondary text-decoration-line-through fs-6 fw-normal"),
            html.Span(fmt.format(new))]


@callback(Output("whatif-tiles", "children"), Output("whatif-bars", "figure"), Output("whatif-alert", "children"),
          Input("whatif-osi", "value"), Input("whatif-hci", "value"), Input("whatif-tii", "value"),
          State("whatif-country", "value"), State("whatif-edition", "value"))
def update_whatif(osi, hci, tii, country, edition):
    """New score, rank, group and class of the country after the slider changes (:func:`assess.whatif`)."""
    year = ui.edition_year(edition)
    try:
        cur = _current(country, year)
        values = {c: None if v is None else check_value(c, v, 0.0, 1.0) for c, v in
                  {"osi": osi, "hci": hci, "tii": tii}.items()}
        # a slider shows 2 decimals: an untouched slider keeps the published value
        changes = {c: v for c, v in values.items() if v is not None and round(cur[c], 2) != v}
        w = assess.whatif({country: changes} if changes else {}, year=year)
    except Exception as exc:  # shown to the user, never a traceback
        return None, figures.empty_figure("No what-if for this selection."), ui.friendly_error(exc)
    r = w.table.loc[country]
    tiles = dbc.Row([dbc.Col(t, xs=6, md=3) for t in [
        ui.stat("EGDI", _tile_value(f"{r['egdi']:.5f}", f"{r['new_egdi']:.5f}"), id="whatif-score"),
        ui.stat("Rank", _tile_value(int(r["rank"]), int(r["new_rank"])), id="whatif-rank",
                note=f"of {len(w.table)}"),
        ui.stat("Group", _tile_value(GROUP_NAMES[r["group"]], GROUP_NAMES[r["new_group"]]), id="whatif-group"),
        ui.stat("Rating class", _tile_value(r["class"], r["new_class"]), id="whatif-class", note="approximation"),
    ]], className="g-2")
    before = {c: r[c] for c in COMPONENTS} | {"egdi": r["egdi"]}
    after = {c: r[f"new_{c}"] for c in COMPONENTS} | {"egdi": r["new_egdi"]}
    moved = len(w.moved) - (1 if country in w.moved.index else 0)
    fig = figures.whatif_bars(before, after, iso3=country,
                              title=f"{ui.country_label(country)}, {year}: {moved} other countries change rank or score")
    return tiles, fig, None


def next_target(country: str, year: int, kind: str) -> tuple[dict | None, str, object]:
    """The next UN group (``kind="next_group"``) or rating class (``"next_class"``) of a country.

    Returns ``(target, what, note)``: *target* keyword for :func:`assess.smallest_change` (``None``
    when there is nothing above), its words, and a note. A Very-high country has no next group: it is
    told so and gets the next rating class instead (the class targets of :mod:`assess.indices.scenarios`).
    """
    p = published.published(year)
    if not isinstance(country, str) or country not in p.index or not bool(p.loc[country, "assessed"]):
        raise assess.ScoringError(f"what-if: {ui.country_label(country)} was not assessed in {year}. "
                                  "Pick another country or edition.")
    note = None
    if kind == "next_group":
        order = [g[0] for g in published.GROUPS]
        own = published.un_groups(pd.Series([p.loc[country, "egdi"]])).iloc[0]
        if own != order[-1]:
            target = {"group": order[order.index(own) + 1]}
            return target, f"the {GROUP_NAMES[target['group']]} group", None
        note = ui.error_alert(f"{ui.country_label(country)} is already in the {GROUP_NAMES[own]} group, the top "
                              "one; here is the next rating class instead.", color="info", id="whatif-target-note")
    flat = [c for g in reversed(published.GROUPS) for c in published.RATING_LABELS[g[0]]]
    own = published.rating_class(p.loc[p["assessed"], "egdi"])[country]
    if flat.index(own) == 0:
        return None, "", ui.error_alert(f"{ui.country_label(country)} is already in the top group and the top "
                                        f"rating class ({own}).", color="info", id="whatif-target-note")
    target = {"klass": flat[flat.index(own) - 1]}
    return target, f"rating class {target['klass']} (from {own})", note


@callback(Output("whatif-target-result", "children"), Input("whatif-target-run", "n_clicks"),
          State("whatif-country", "value"), State("whatif-edition", "value"), State("whatif-target-kind", "value"),
          State("whatif-target-rank", "value"), prevent_initial_call=True)
def run_target(n_clicks, country, edition, kind, rank):
    """The smallest raise of each component alone, and the cheapest mix, to reach the target."""
    year = ui.edition_year(edition)
    try:
        if kind == "rank":
            if not rank or int(rank) < 1:
                return ui.error_alert("Type a rank K of 1 or more.")
            target = {"rank": int(rank)}
            what = f"rank {int(rank)}"
        else:
            target, what, note = next_target(country, year, kind)
            if target is None:
                return note
        single = assess.smallest_change(country, year, **target).table
        mix = assess.cheapest_mix(country, year, **target).table
    except Exception as exc:  # shown to the user, never a traceback
        return ui.friendly_error(exc)
    single = single.reset_index().round(4)
    single["reachable"] = single["reachable"].map({True: "yes", False: "no (even at 1.0)"})
    mix = mix.reset_index()[["component", "current", "change", "new"]].round(4)
    return html.Div([
        note if kind != "rank" else None,
        html.P([html.Strong(f"To reach {what}"), f" in {year}, one component alone must rise to:"],
               id="whatif-target-summary"),
        dbc.Table.from_dataframe(single, striped=True, size="sm", id="whatif-target-single"),
        html.P(html.Strong("Or the cheapest mix (equal cost per point):")),
        dbc.Table.from_dataframe(mix, striped=True, size="sm", className="mb-0"),
    ])


ui.register_url_sync("whatif", country=("whatif-country", "value"), edition=("whatif-edition", "value"))
