"""Strategy assessment: fill the strategic-structure rubric, compare with Singapore, save and reload.

URL state: ``/strategy?assessment=ID&reference=singapore_dgb``. Scoring is
:func:`assess.strategy.rubric.score_rubric`; saved assessments live in :mod:`assess.strategy.store`; the
Excel template and its importer are :mod:`assess.strategy.workbook`.
"""

from __future__ import annotations

import base64
import functools
import io
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import ALL, MATCH, Input, Output, State, callback, ctx, dcc, html, no_update

from assess import limits
from assess.errors import AssessError
from assess.frameworks import list_frameworks, load_framework
from assess.strategy import store
from assess.strategy.rubric import score_rubric
from ui import components as ui
from ui import strategy_extras as extras  # issue 13: structure link, evidenced levels, two assessors

dash.register_page(__name__, path="/strategy", name="Strategy", title="Strategy assessment · egov-assess", order=5)

DEFAULT_RUBRIC = "strategic_structure"
DEFAULT_REFERENCE = "singapore_dgb"
LEVEL_ID = {"type": "strategy-level", "criterion": ALL}
EVIDENCE_ID = {"type": "strategy-evidence", "criterion": ALL}


# ---------------------------------------------------------------------------------------------
# Plain functions (tested directly)
# ---------------------------------------------------------------------------------------------


def rubric_id() -> str:
    """The strategic-structure rubric among the frameworks (``kind: rubric``)."""
    rubrics = [r["id"] for r in list_frameworks() if r["kind"] == "rubric"]
    return DEFAULT_RUBRIC if DEFAULT_RUBRIC in rubrics or not rubrics else rubrics[0]


@functools.lru_cache(maxsize=4)
def rubric(rid: str | None = None):
    """The loaded rubric (cached)."""
    return load_framework(rid or rubric_id())


def reference_options(r=None) -> list[dict]:
    """Reference profiles of the rubric (Singapore first)."""
    r = r or rubric()
    ids = sorted(r.profiles, key=lambda p: (p != DEFAULT_REFERENCE, p))
    return [{"label": (r.profile_info.get(p, {}).get("name") or {}).get("en", p), "value": p} for p in ids]


def level_value(value) -> int | None:
    """A level of the rubric from a request value (a radio item sends 0-4); anything else is no level."""
    levels = tuple(rubric().levels)
    if isinstance(value, str) and value.strip().isdigit() and len(value) < 4:
        value = int(value)
    return ui.request_choice(value, levels)


def collect_answers(ids: list[dict], levels: list, evidence: list) -> dict:
    """Pattern-matching values → ``{criterion: {"level": int | None, "evidence": str}}``.

    Values are taken as the form sends them; anything else a request may carry (a list for a level,
    a number for evidence, an unknown criterion) is dropped, never crashes the callback.
    """
    known = {c.id for c in rubric().criteria}
    out = {}
    lists = [x if isinstance(x, list) else [] for x in (ids, levels, evidence)]
    for cid, lvl, ev in zip(*lists, strict=False):
        key = cid.get("criterion") if isinstance(cid, dict) else cid
        if not isinstance(key, str) or key not in known:
            continue
        text = ui.request_text(ev, "", limit=limits.MAX_CELL_CHARS.value) or ""
        out[key] = {"level": level_value(lvl), "evidence": text.strip()}
    return out


def scored(answers: dict, reference: str = DEFAULT_REFERENCE) -> dict | None:
    """:func:`score_rubric` of the answered criteria (``None`` when nothing is answered)."""
    levels = {k: v["level"] for k, v in answers.items() if v.get("level") is not None}
    if not levels:
        return None
    return score_rubric(levels, rubric=rubric(), profile_against=reference)


def _short(name: str) -> str:
    return name if len(name) <= 20 else name[:18].rstrip() + "…"


def radar(answers: dict, reference: str = DEFAULT_REFERENCE, *, country: str = "AZE", label: str = "This assessment"):
    """Radar of the levels per criterion against the reference profile."""
    r = rubric()
    ref = r.profiles.get(reference, {})
    ref_name = next((o["label"] for o in reference_options(r) if o["value"] == reference), reference)
    theta = [_short(c.name.get("en", c.id)) for c in r.criteria]
    own = [answers.get(c.id, {}).get("level") for c in r.criteria]
    fig = go.Figure()
    fig.add_trace(go.Scatterpolar(r=[ref.get(c.id, {}).get("level") for c in r.criteria] + [ref.get(r.criteria[0].id, {}).get("level")],
                                  theta=theta + theta[:1], name=ref_name.split(":")[0] + " (reference)",
                                  mode="lines", line=dict(color="#444444", dash="dash", width=2)))
    fig.add_trace(go.Scatterpolar(r=[v if v is not None else 0 for v in own] + [own[0] or 0], theta=theta + theta[:1],
                                  name=label, fill="toself", mode="lines+markers",
                                  line=dict(color=ui.country_colour(country or "AZE"), width=3),
                                  marker=dict(size=7), opacity=0.85,
                                  customdata=[("not answered" if v is None else v) for v in own] + [own[0]],
                                  hovertemplate="%{theta}: %{customdata}<extra></extra>"))
    fig.update_layout(
        template="plotly_white", height=440, margin=dict(l=125, r=125, t=30, b=30),
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif", size=12),
        polar=dict(radialaxis=dict(range=[0, max(r.levels)], tickvals=sorted(r.levels), angle=90, tickfont_size=10),
                   angularaxis=dict(direction="clockwise", tickfont_size=11)),
        legend=dict(orientation="h", yanchor="top", y=-0.05, xanchor="center", x=0.5),
    )
    return fig


def summary(answers: dict, reference: str = DEFAULT_REFERENCE) -> list:
    """Overall score, dimension scores and ranked improvements as page pieces."""
    result = scored(answers, reference)
    if result is None:
        return [html.P("Choose a level for at least one criterion to see the profile.",
                       className="text-body-secondary", id="strategy-overall")]
    r = rubric()
    names = {c.id: c.name.get("en", c.id) for c in r.criteria}
    dim_names = {d.id: d.name.get("en", d.id) for d in r.dimensions}
    level_name = r.levels.get(result["overall_level"], {}).get("name", {}).get("en", "")
    dims = result["dimensions"].reindex([d.id for d in r.dimensions]).dropna(how="all")
    out = [html.Div([html.Span("Overall ", className="text-body-secondary"),
                     html.Span(f"{result['overall']:.2f}", className="fs-3 fw-bold"),
                     html.Span(f" / {max(r.levels)} · level {result['overall_level']} ({level_name})")],
                    id="strategy-overall")]
    if result["unanswered"]:
        out.append(html.P(f"{len(result['unanswered'])} criteria not answered yet count as level 0.",
                          className="small text-warning-emphasis mb-1"))
    out.append(dbc.Table([html.Thead(html.Tr([html.Th("Dimension"), html.Th("Score"), html.Th("Reference"),
                                              html.Th("Gap")])),
                          html.Tbody([html.Tr([html.Td(dim_names.get(d, d)), html.Td(f"{row.score:.2f}"),
                                               html.Td(f"{row.reference:.2f}"), html.Td(f"{row.gap:.2f}")])
                                      for d, row in dims.iterrows()])],
                         size="sm", striped=True, className="mb-2", id="strategy-dimensions"))
    imp = result["improvements"].head(5)
    items = [html.Li([html.Strong(names.get(cid, cid)), f" — level {int(row.level)} → {int(row.reference)}. ",
                      html.Span(f"Next: {row.next_level_evidence}", className="text-body-secondary")])
             for cid, row in imp.iterrows()]
    out += [html.H6("What to improve first", className="mt-2"),
            html.Ol(items, className="small", id="strategy-improvements") if items else
            html.P("No gap to the reference.", className="small", id="strategy-improvements")]
    return out


def level_text(level, criterion_id: str) -> str:
    """What a level means for one criterion (the rubric's observable evidence)."""
    level = level_value(level)
    if level is None:
        return "No level chosen."
    r = rubric()
    c = next((c for c in r.criteria if c.id == criterion_id), None)
    text = (c.levels.get(level) or {}) if c else {}
    name = (r.levels.get(level) or {}).get("name", {}).get("en", "")
    return f"{level} · {name}: " + (text.get("en", "") if isinstance(text, dict) else str(text))


def save(answers: dict, *, name: str, country: str, current_id=None, as_new: bool = False, db=None):
    """Save through :mod:`assess.strategy.store`; returns ``(id, message, colour)``; never raises for bad input."""
    if isinstance(name, str) and len(name) > 200:
        return None, f"The name has {len(name):,} characters; give at most 200.", "warning"
    name, country = ui.request_text(name, ""), ui.request_code(country, "AZE")
    if not isinstance(current_id, int) or isinstance(current_id, bool):
        current_id = None
    if not name.strip():
        return None, "Give the assessment a name before saving.", "warning"
    if not any(a["level"] is not None for a in answers.values()):
        return None, "Choose a level for at least one criterion before saving.", "warning"
    r = rubric()
    payload = {"rubric": r.id, "rubric_version": r.doc.get("version"), "answers": answers}
    if current_id and not as_new:  # keep what the two-assessor card saved (issue 13)
        payload.update(_kept(current_id, db))
    try:
        new_id = store.save_assessment(payload, name=name, country=country or "AZE", db=db,
                                       id=None if as_new or not current_id else int(current_id))
    except AssessError as exc:
        return None, str(exc), "danger"
    names = {c.id: c.name.get("en", c.id) for c in r.criteria}
    missing = [names.get(k, k) for k, a in answers.items() if a["level"] is not None and not a["evidence"]]
    msg = f"Saved as assessment #{new_id} “{name.strip()}”."
    if missing:
        return new_id, (msg + f" Evidence is empty for {len(missing)} criteria with a level: "
                        f"{', '.join(missing)}. Add what in the documents supports each level."), "warning"
    return new_id, msg, "success"


def _kept(current_id, db=None) -> dict:
    """The keys of a saved assessment the form does not edit: two assessors, reconciled levels, strategy, KPIs."""
    try:
        saved = store.load_assessment(current_id, db=db)
    except AssessError:
        return {}
    return {k: saved[k] for k in ("assessors", "reconciled", "strategy", "kpis", "action_points") if k in saved}


def saved_options(db=None) -> list[dict]:
    """Saved assessments as dropdown options, newest first."""
    df = store.list_assessments(db=db)
    return [{"label": f"#{r.id} {r.name} ({r.country}) · {r.answered} answered · {str(r.updated)[:16].replace('T', ' ')}",
             "value": int(r.id)} for r in df.itertuples()]


def read_upload(contents: str | None, filename: str | None) -> dict:
    """Decode a ``dcc.Upload`` and read it with :func:`assess.strategy.workbook.read_assessment`.

    Raises ``AssessError`` (friendly) for anything that is not a filled template.
    """
    name = filename if isinstance(filename, str) and filename.strip() else "upload.xlsx"
    name = name if len(name) <= 80 else name[:80] + "…"
    if not contents:
        raise AssessError("No file received. Choose a filled .xlsx template.")
    if not isinstance(contents, str) or "," not in contents[:300]:
        raise AssessError(f"{name}: could not read the uploaded file (expected a data: URL).")
    from assess.strategy.workbook import (
        read_assessment,  # imported here: the Excel layer is optional for the page
    )

    data = contents.split(",", 1)[1]
    # the size is checked on the base64 text, before anything is decoded (the browser's limit is no defence)
    if len(data) > 4 * -(-int(limits.MAX_UPLOAD_BYTES.value) // 3) + 4:
        raise AssessError(limits.MAX_UPLOAD_BYTES.refusal(name, what=f"about {len(data) * 3 // 4:,} bytes"))
    try:
        raw = base64.b64decode(data, validate=True)
    except (ValueError, TypeError):
        raise AssessError(f"{name}: could not read the uploaded file (not base64).") from None
    buf = io.BytesIO(raw)
    buf.name = name
    return read_assessment(buf, rubric=rubric())


def template_bytes() -> bytes:
    """A blank Excel template of the rubric (:func:`assess.strategy.workbook.make_template`)."""
    from assess.strategy.workbook import make_template

    buf = io.BytesIO()
    make_template(rubric()).save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def _criterion_row(c, levels: dict, answer: dict) -> html.Div:
    level = answer.get("level")
    opts = [{"label": html.Span(str(k), title=levels[k]["name"]["en"]), "value": k} for k in sorted(levels)]
    return html.Div([
        dbc.Row([
            dbc.Col([html.Div(c.name.get("en", c.id), className="fw-semibold"),
                     html.Div(c.question or "", className="small text-body-secondary")], lg=3),
            dbc.Col([
                dbc.RadioItems(id={"type": "strategy-level", "criterion": c.id}, options=opts, value=level,
                               className="strategy-levels", inputClassName="btn-check",
                               labelClassName="btn btn-outline-primary btn-sm", labelCheckedClassName="active"),
                html.Div(level_text(level, c.id), id={"type": "strategy-level-text", "criterion": c.id},
                         className="small text-body-secondary mt-1"),
            ], lg=4),
            dbc.Col(dbc.Textarea(id={"type": "strategy-evidence", "criterion": c.id}, value=answer.get("evidence", ""),
                                 placeholder="Evidence: where in the documents, what they say…", rows=2,
                                 className="form-control-sm", debounce=True), lg=5),
        ], className="g-2 align-items-start"),
    ], className="py-2 border-bottom", id=f"strategy-row-{c.id}")


def layout(assessment: str | None = None, reference: str = DEFAULT_REFERENCE, **_query):
    """The page for ``/strategy?assessment=ID&reference=PROFILE``."""
    r = rubric()
    problems: list = []
    loaded: dict = {}
    if assessment not in (None, ""):
        try:
            loaded = store.load_assessment(assessment)
        except AssessError as exc:
            problems.append(ui.friendly_error(exc))
        else:
            if loaded.get("rubric") != r.id:
                problems.append(ui.error_alert(f"Assessment #{assessment} uses rubric {loaded.get('rubric')!r}; "
                                               f"this page fills {r.id!r}.", color="warning"))
                loaded = {}
    if reference not in r.profiles:
        problems.append(ui.error_alert(f"Unknown reference profile {reference!r}; showing Singapore.", color="warning"))
        reference = DEFAULT_REFERENCE
    answers = loaded.get("answers", {})
    try:
        saved = saved_options()
    except AssessError as exc:
        saved, problems = [], [*problems, ui.friendly_error(exc)]
    form = []
    for d in r.dimensions:
        form.append(html.H5(d.name.get("en", d.id), className="mt-3 mb-0 text-primary"))
        form += [_criterion_row(c, r.levels, answers.get(c.id, {})) for c in r.criteria_of(d.id)]
    ids = [{"criterion": c.id} for c in r.criteria]
    current = collect_answers(ids, [answers.get(c.id, {}).get("level") for c in r.criteria],
                              [answers.get(c.id, {}).get("evidence") for c in r.criteria])
    country = loaded.get("country") or ui.DEFAULT_COUNTRY
    manage = ui.card("Saved assessments and Excel", [
        dbc.Row([
            dbc.Col([dbc.Label("Saved assessments", html_for="strategy-saved", className="fw-semibold mb-1"),
                     dcc.Dropdown(id="strategy-saved", options=saved, value=loaded.get("id"),
                                  placeholder="Choose a saved assessment…")], md=6),
            dbc.Col([dbc.Button("Load", id="strategy-load", color="primary", className="me-1"),
                     dbc.Button("Delete", id="strategy-delete", color="danger", outline=True)],
                    md=2, className="d-flex align-items-end"),
            dbc.Col([dbc.Label("Excel", className="fw-semibold mb-1 d-block"),
                     dbc.Button("Blank template", id="strategy-template", color="secondary", outline=True,
                                className="me-1"),
                     dcc.Upload(dbc.Button("Upload a filled template", color="secondary", outline=True),
                                id="strategy-upload", accept=".xlsx", className="d-inline-block",
                                max_size=int(limits.MAX_UPLOAD_BYTES.value)),
                     dcc.Download(id="strategy-template-download")], md=4),
        ], className="g-2"),
        html.Div(id="strategy-manage-message", className="mt-2"),
    ])
    meta = dbc.Row([
        dbc.Col([dbc.Label("Name", html_for="strategy-name", className="fw-semibold mb-1"),
                 dbc.Input(id="strategy-name", value=loaded.get("name", ""),
                           placeholder="e.g. Azerbaijan digital strategy 2025 – draft")], md=5),
        dbc.Col(ui.country_picker("strategy-country", country), md=3),
        dbc.Col([dbc.Label("Compare with", html_for="strategy-reference", className="fw-semibold mb-1"),
                 dcc.Dropdown(id="strategy-reference", options=reference_options(r), value=reference,
                              clearable=False)], md=4),
    ], className="g-2")
    profile = ui.card("Maturity profile", [
        dcc.Graph(id="strategy-radar", figure=radar(current, reference, country=country),
                  config={"displaylogo": False, "responsive": True}),
        html.Div(summary(current, reference), id="strategy-summary"),
    ])
    actions = html.Div([
        dbc.Button("Save", id="strategy-save", color="success", className="me-2"),
        dbc.Button("Save as new", id="strategy-save-new", color="success", outline=True),
        html.Div(id="strategy-save-message", className="mt-2"),
    ], className="my-3")
    return ui.page("strategy", "Strategy assessment", lead=(
        "Does the strategy have a strategic structure? Choose a level for each criterion with the evidence for it; "
        "the profile compares it with Singapore's Digital Government Blueprint and ranks what to improve first."),
        children=[
            dcc.Location(id="strategy-nav", refresh="callback-nav"),
            dcc.Store(id="strategy-id", data=loaded.get("id")),
            *problems, extras.structure_link(), manage, meta,
            dbc.Row([dbc.Col([*form, actions], lg=7),
                     dbc.Col(html.Div(profile, className="sticky-top", style={"top": "1rem"}), lg=5)],
                    className="g-4"),
            dbc.Row([dbc.Col(extras.assessors_card(loaded), lg=7), dbc.Col(extras.computed_card(loaded), lg=5)],
                    className="g-4 mt-1"),
        ])


# ---------------------------------------------------------------------------------------------
# Callbacks (thin)
# ---------------------------------------------------------------------------------------------


@callback(Output({"type": "strategy-level-text", "criterion": MATCH}, "children"),
          Input({"type": "strategy-level", "criterion": MATCH}, "value"), prevent_initial_call=True)
def describe_level(level):
    """Chosen level → what it means for this criterion."""
    return level_text(level, ctx.triggered_id["criterion"])


@callback(Output("strategy-radar", "figure"), Output("strategy-summary", "children"),
          Input(LEVEL_ID, "value"), Input("strategy-reference", "value"), Input("strategy-country", "value"),
          State(EVIDENCE_ID, "value"), prevent_initial_call=True)
def update_profile(levels, reference, country, evidence):
    """Levels → radar, dimension scores and ranked improvements."""
    answers = collect_answers(_ids(ctx.inputs_list[0]), levels, evidence)
    reference = ui.request_choice(reference, tuple(rubric().profiles), DEFAULT_REFERENCE)
    try:
        return radar(answers, reference, country=ui.request_code(country, "AZE")), summary(answers, reference)
    except AssessError as exc:
        return no_update, [ui.friendly_error(exc)]


@callback(Output("strategy-save-message", "children"), Output("strategy-id", "data"),
          Output("strategy-url", "search"), Output("strategy-saved", "options"), Output("strategy-saved", "value"),
          Input("strategy-save", "n_clicks"), Input("strategy-save-new", "n_clicks"),
          State(LEVEL_ID, "value"), State(EVIDENCE_ID, "value"), State("strategy-name", "value"),
          State("strategy-country", "value"), State("strategy-id", "data"), State("strategy-reference", "value"),
          prevent_initial_call=True)
def save_clicked(_n, _n_new, levels, evidence, name, country, current_id, reference):
    """Save (overwrite the loaded assessment) or save as new; the URL then names the saved id."""
    ids = _ids(ctx.states_list[0])
    new_id, msg, colour = save(collect_answers(ids, levels, evidence), name=name, country=country,
                               current_id=current_id, as_new=ctx.triggered_id == "strategy-save-new")
    alert = ui.error_alert(msg, color=colour, id="strategy-save-alert")
    if new_id is None:
        return alert, no_update, no_update, no_update, no_update
    reference = ui.request_choice(reference, tuple(rubric().profiles), DEFAULT_REFERENCE)
    search = "?" + urlencode({"assessment": new_id, "reference": reference})
    return alert, new_id, search, saved_options(), new_id


@callback(Output("strategy-nav", "search"), Output("strategy-manage-message", "children"),
          Output("strategy-saved", "options", allow_duplicate=True),
          Input("strategy-load", "n_clicks"), Input("strategy-delete", "n_clicks"),
          State("strategy-saved", "value"), State("strategy-reference", "value"), prevent_initial_call=True)
def load_or_delete(_load, _delete, chosen, reference):
    """Load (navigate to ``?assessment=ID``, so back works) or delete the chosen assessment."""
    chosen = chosen if isinstance(chosen, int) and not isinstance(chosen, bool) and 0 < chosen < 2**63 else None
    reference = ui.request_choice(reference, tuple(rubric().profiles), DEFAULT_REFERENCE)
    if chosen is None:
        return no_update, ui.error_alert("Choose a saved assessment first.", color="info"), no_update
    if ctx.triggered_id == "strategy-delete":
        try:
            gone = store.delete_assessment(chosen)
        except AssessError as exc:
            return no_update, ui.friendly_error(exc), no_update
        msg = f"Deleted assessment #{chosen}." if gone else f"Assessment #{chosen} was already gone."
        return no_update, ui.error_alert(msg, color="info"), saved_options()
    return "?" + urlencode({"assessment": chosen, "reference": reference}), None, no_update


@callback(Output("strategy-template-download", "data"), Output("strategy-manage-message", "children",
                                                                allow_duplicate=True),
          Input("strategy-template", "n_clicks"), prevent_initial_call=True)
def download_template(_n):
    """Blank Excel template of the rubric."""
    try:
        return dcc.send_bytes(template_bytes(), f"{rubric().id}_template.xlsx"), None
    except (AssessError, ImportError) as exc:
        return no_update, _excel_missing(exc)


@callback(Output(LEVEL_ID, "value"), Output(EVIDENCE_ID, "value"),
          Output("strategy-manage-message", "children", allow_duplicate=True),
          Input("strategy-upload", "contents"), State("strategy-upload", "filename"),
          State(LEVEL_ID, "value"), State(EVIDENCE_ID, "value"), prevent_initial_call=True)
def upload(contents, filename, levels, evidence):
    """A filled template → the levels and evidence in the form (save to keep them)."""
    ids = [i.get("criterion") if isinstance(i, dict) else None for i in _ids(ctx.outputs_list[0])]
    try:
        got = read_upload(contents, filename)["answers"]
    except (AssessError, ImportError) as exc:
        return [no_update] * len(ids), [no_update] * len(ids), _excel_missing(exc)
    levels = levels if isinstance(levels, list) else []
    evidence = evidence if isinstance(evidence, list) else []
    old_levels = levels + [None] * (len(ids) - len(levels))
    old_evidence = evidence + [""] * (len(ids) - len(evidence))
    new_levels = [got.get(c, {}).get("level", lv) for c, lv in zip(ids, old_levels, strict=False)]
    new_evidence = [got.get(c, {}).get("evidence", ev) for c, ev in zip(ids, old_evidence, strict=False)]
    name = ui.request_text(filename, "the file", limit=80)
    msg = ui.error_alert(f"Read {len(got)} criteria from {name}. Check them, then Save.", color="success",
                         id="strategy-upload-ok")
    return new_levels, new_evidence, msg


def _ids(items) -> list:
    """The ids of a pattern-matching input, state or output list as the request gives it (anything else: none)."""
    return [i.get("id") for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _excel_missing(exc: BaseException):
    if isinstance(exc, ImportError):
        return ui.error_alert("The Excel template is not available in this installation (assess.workbook).",
                              color="warning")
    return ui.friendly_error(exc)
