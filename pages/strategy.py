"""Strategy assessment: fill the strategic-structure rubric, compare with Singapore, save and reload.

URL state: ``/strategy?assessment=ID&reference=singapore_dgb``. Scoring is
:func:`assess.strategy.rubric.score_rubric`; saved assessments live in :mod:`assess.strategy.store`; the
Excel template and its importer are :mod:`assess.strategy.workbook`.

Anyone may read, fill the form and download; saving needs an analyst or administrator account (deleting: the
assessment's author or an administrator, after a confirmation). A save names the version it was edited from:
when someone saved in between, it is refused ("changed by … at …: reload, or save as new"). The ministry report
(:func:`assess.report`) can be downloaded with the loaded assessment in it.
"""

from __future__ import annotations

import base64
import functools
import io
import json
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Input, Output, State, callback, ctx, dcc, html, no_update

from assess import limits
from assess.errors import AssessError
from assess.frameworks import list_frameworks, load_framework
from assess.i18n import N_, format_number, name_in, pt, translated
from assess.reports.chart_style import TEMPLATE_JSON, Draft, trace
from assess.strategy import store
from assess.strategy.rubric import score_rubric
from service import auth
from service.web import current_identity
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


def reference_options(r=None, lang: str = "en") -> list[dict]:
    """Reference profiles of the rubric (Singapore first), named in ``lang``."""
    r = r or rubric()
    ids = sorted(r.profiles, key=lambda p: (p != DEFAULT_REFERENCE, p))
    return [{"label": name_in(r.profile_info.get(p, {}).get("name"), lang, p), "value": p} for p in ids]


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


def radar(answers: dict, reference: str = DEFAULT_REFERENCE, *, country: str = "AZE", label: str | None = None,
          lang: str = "en"):
    """Radar of the levels per criterion against the reference profile (texts in ``lang``)."""
    _ = ui.text(lang)
    label = label or _("This assessment")
    r = rubric()
    ref = r.profiles.get(reference, {})
    ref_name = next((o["label"] for o in reference_options(r, lang) if o["value"] == reference), reference)
    theta = [_short(name_in(c.name, lang, c.id)) for c in r.criteria]
    own = [answers.get(c.id, {}).get("level") for c in r.criteria]
    fig = Draft()  # built as dicts and validated once: 'plotly_white' and step-by-step updates cost ~150 ms
    fig.add_trace(trace("scatterpolar", r=[ref.get(c.id, {}).get("level") for c in r.criteria] + [ref.get(r.criteria[0].id, {}).get("level")],
                                  theta=theta + theta[:1], name=_("{name} (reference)", name=ref_name.split(":")[0]),
                                  mode="lines", line=dict(color="#444444", dash="dash", width=2)))
    fig.add_trace(trace("scatterpolar", r=[v if v is not None else 0 for v in own] + [own[0] or 0], theta=theta + theta[:1],
                                  name=label, fill="toself", mode="lines+markers",
                                  line=dict(color=ui.country_colour(country or "AZE"), width=3),
                                  marker=dict(size=7), opacity=0.85,
                                  customdata=[(_("not answered") if v is None else v) for v in own] + [own[0]],
                                  hovertemplate="%{theta}: %{customdata}<extra></extra>"))
    fig.update_layout(
        template=TEMPLATE_JSON, height=440, margin=dict(l=125, r=125, t=30, b=30),
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif", size=12),
        polar=dict(bgcolor="white",
                   radialaxis=dict(range=[0, max(r.levels)], tickvals=sorted(r.levels), angle=90, tickfont_size=10,
                                   gridcolor="#e5e5e5", linecolor="#cfcfcf"),
                   angularaxis=dict(direction="clockwise", tickfont_size=11, gridcolor="#e5e5e5", linecolor="#cfcfcf")),
        legend=dict(orientation="h", yanchor="top", y=-0.05, xanchor="center", x=0.5),
    )
    return ui.localise_figure(fig.figure(), lang)


def _next_level(r, cid: str, level: int, lang: str, english: str) -> str:
    """What the next level above ``level`` means for criterion ``cid``, in ``lang`` (the rubric's own texts)."""
    c = next((c for c in r.criteria if c.id == cid), None)
    text = (c.levels.get(min(level + 1, max(r.levels))) if c else None) or {}
    return name_in(text, lang, english) if isinstance(text, dict) else english


def summary(answers: dict, reference: str = DEFAULT_REFERENCE, lang: str = "en") -> list:
    """Overall score, dimension scores and ranked improvements as page pieces (in ``lang``)."""
    _ = ui.text(lang)
    result = scored(answers, reference)
    if result is None:
        return [html.P(_("Choose a level for at least one criterion to see the profile."),
                       className="text-body-secondary", id="strategy-overall")]
    r = rubric()
    names = {c.id: name_in(c.name, lang, c.id) for c in r.criteria}
    dim_names = {d.id: name_in(d.name, lang, d.id) for d in r.dimensions}
    level_name = name_in(r.levels.get(result["overall_level"], {}).get("name"), lang)
    dims = result["dimensions"].reindex([d.id for d in r.dimensions]).dropna(how="all")
    num = functools.partial(format_number, lang=lang, decimals=2)
    out = [html.Div([html.Span(_("Overall") + " ", className="text-body-secondary"),
                     html.Span(num(result["overall"]), className="fs-3 fw-bold"),
                     html.Span(" / " + _("{top} · level {level} ({name})", top=max(r.levels),
                                         level=result["overall_level"], name=level_name))],
                    id="strategy-overall")]
    if result["unanswered"]:
        out.append(html.P(_("{n} criteria not answered yet count as level 0.", n=len(result["unanswered"])),
                          className="small text-warning-emphasis mb-1"))
    out.append(dbc.Table([html.Thead(html.Tr([html.Th(_("Dimension")), html.Th(_("Score")), html.Th(_("Reference")),
                                              html.Th(_("Gap"))])),
                          html.Tbody([html.Tr([html.Td(dim_names.get(d, d)), html.Td(num(row.score)),
                                               html.Td(num(row.reference)), html.Td(num(row.gap))])
                                      for d, row in dims.iterrows()])],
                         size="sm", striped=True, className="mb-2", id="strategy-dimensions"))
    imp = result["improvements"].head(5)
    items = [html.Li([html.Strong(names.get(cid, cid)),
                      " — " + _("level {level} → {target}.", level=int(row.level), target=int(row.reference)) + " ",
                      html.Span(_("Next: {what}", what=_next_level(r, cid, int(row.level), lang,
                                                                    row.next_level_evidence)),
                                className="text-body-secondary")])
             for cid, row in imp.iterrows()]
    out += [html.H6(_("What to improve first"), className="mt-2"),
            html.Ol(items, className="small", id="strategy-improvements") if items else
            html.P(_("No gap to the reference."), className="small", id="strategy-improvements")]
    return out


def level_text(level, criterion_id: str, lang: str = "en") -> str:
    """What a level means for one criterion (the rubric's observable evidence), in ``lang``."""
    level = level_value(level)
    if level is None:
        _ = ui.text(lang)
        return _("No level chosen.")
    r = rubric()
    c = next((c for c in r.criteria if c.id == criterion_id), None)
    text = (c.levels.get(level) or {}) if c else {}
    name = name_in((r.levels.get(level) or {}).get("name"), lang)
    return f"{level} · {name}: " + (name_in(text, lang) if isinstance(text, dict) else str(text))


def save(answers: dict, *, name: str, country: str, current_id=None, version=None, as_new: bool = False,
         user: str | None = None, db=None, lang: str = "en"):
    """Save through :mod:`assess.strategy.store` as *user*; returns ``(id, version, message, colour)``.

    Never raises for bad input: a missing name, no level, a name over :data:`~assess.limits.MAX_NAME_CHARS`, a
    stale version (someone saved meanwhile: "changed by … at …: reload, or save as new") are messages, in ``lang``.
    """
    _ = ui.text(lang)
    limit = int(limits.MAX_NAME_CHARS.value)
    if isinstance(name, str) and len(name) > limit:
        return None, None, _("The name has {n:,} characters; give at most {limit}.", n=len(name), limit=limit), \
            "warning"
    name, country = ui.request_text(name, "", limit=limit), ui.request_code(country, "AZE")
    current_id = current_id if isinstance(current_id, int) and not isinstance(current_id, bool) else None
    version = version if isinstance(version, int) and not isinstance(version, bool) else None
    if not name.strip():
        return None, None, _("Give the assessment a name before saving."), "warning"
    if not any(a["level"] is not None for a in answers.values()):
        return None, None, _("Choose a level for at least one criterion before saving."), "warning"
    r = rubric()
    payload = {"rubric": r.id, "rubric_version": r.doc.get("version"), "answers": answers}
    update = current_id is not None and not as_new
    if update:  # keep what the two-assessor card saved (issue 13)
        payload.update(_kept(current_id, db))
    try:
        new_id = store.save_assessment(payload, name=name, country=country or "AZE", db=db, user=user,
                                       id=current_id if update else None, version=version if update else None)
    except store.StaleVersionError as exc:
        return None, None, extras.stale_text(exc, current_id, lang), "danger"
    except AssessError as exc:
        return None, None, extras.error_text(exc, lang), "danger"
    new_version = version + 1 if update and version is not None else 1
    names = {c.id: name_in(c.name, lang, c.id) for c in r.criteria}
    missing = [names.get(k, k) for k, a in answers.items() if a["level"] is not None and not a["evidence"]]
    msg = _("Saved as assessment #{id} “{name}” (version {version}).", id=new_id, name=name.strip(),
            version=new_version)
    if missing:
        return new_id, new_version, msg + " " + _("Evidence is empty for {n} criteria with a level: {names}. Add what "
                                                  "in the documents supports each level.", n=len(missing),
                                                  names=", ".join(missing)), "warning"
    return new_id, new_version, msg, "success"


def _label(name: str, limit: int = 80) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _kept(current_id, db=None) -> dict:
    """The keys of a saved assessment the form does not edit: two assessors, reconciled levels, strategy, KPIs."""
    try:
        saved = store.load_assessment(current_id, db=db)
    except AssessError:
        return {}
    return {k: saved[k] for k in ("assessors", "reconciled", "strategy", "kpis", "action_points") if k in saved}


def saved_options(db=None, lang: str = "en") -> list[dict]:
    """Saved assessments as dropdown options, last changed first (long names shortened), in ``lang``."""
    _ = ui.text(lang)
    df = store.list_assessments(db=db)
    out = []
    for r in df.itertuples():
        answered = _("{n} answered", n=r.answered)
        out.append({"label": f"#{r.id} {_label(str(r.name))} ({r.country}) · {answered} · v{r.version} "
                             f"{str(r.updated)[:16].replace('T', ' ')} {r.updated_by or ''}".rstrip(),
                    "value": int(r.id)})
    return out


def may_delete(identity, assessment: dict, lang: str = "en") -> str | None:
    """Why *identity* may not delete *assessment* (``None``: allowed): analysts delete their own, admins any."""
    if auth.allowed(identity, "delete_any"):
        return None
    try:
        auth.require(identity, "delete_own", "delete an assessment")
    except auth.PermissionDenied as exc:
        return extras.refusal(exc, identity, "delete", lang)
    if assessment.get("created_by") != identity.name:
        _ = ui.text(lang)
        return _("Assessment #{id} was created by {author}: only its author or an administrator can delete it.",
                 id=assessment.get("id"), author=assessment.get("created_by"))
    return None


#: The refusal of a too large upload (the server's and the browser's), in Azerbaijani; English: the limit's own.
TOO_LARGE = N_("{name}: about {size:,} bytes is over the limit {setting} = {limit:,} bytes. Nothing was read; upload "
               "a smaller file.")
#: Numbers standing for the size and the limit in the browser's copy of :data:`TOO_LARGE`.
_SIZE, _LIMIT = 111_111_111_111, 222_222_222_222


def read_upload(contents: str | None, filename: str | None, lang: str = "en") -> dict:
    """Decode a ``dcc.Upload`` and read it with :func:`assess.strategy.workbook.read_assessment`.

    Raises ``AssessError`` (friendly, the page's own texts in ``lang``; the workbook's problems as the library
    writes them) for anything that is not a filled template.
    """
    _ = ui.text(lang)
    name = filename if isinstance(filename, str) and filename.strip() else "upload.xlsx"
    name = name if len(name) <= 80 else name[:80] + "…"
    if not contents:
        raise AssessError(_("No file received. Choose a filled .xlsx template."))
    if not isinstance(contents, str) or "," not in contents[:300]:
        raise AssessError(_("{name}: could not read the uploaded file (expected a data: URL).", name=name))
    from assess.strategy.workbook import (
        read_assessment,  # imported here: the Excel layer is optional for the page
    )

    data = contents.split(",", 1)[1]
    # the size is checked on the base64 text, before anything is decoded (the browser's limit is no defence)
    if len(data) > 4 * -(-int(limits.MAX_UPLOAD_BYTES.value) // 3) + 4:
        if ui.request_lang(lang) != "en":
            raise AssessError(translated(TOO_LARGE, lang, name=name, size=len(data) * 3 // 4,
                                         setting=limits.MAX_UPLOAD_BYTES.name,
                                         limit=int(limits.MAX_UPLOAD_BYTES.value)))
        raise AssessError(limits.MAX_UPLOAD_BYTES.refusal(name, what=f"about {len(data) * 3 // 4:,} bytes"))
    try:
        raw = base64.b64decode(data, validate=True)
    except (ValueError, TypeError):
        raise AssessError(_("{name}: could not read the uploaded file (not base64).", name=name)) from None
    buf = io.BytesIO(raw)
    buf.name = name
    return read_assessment(buf, rubric=rubric())


def template_bytes(lang: str = "en") -> bytes:
    """A blank Excel template of the rubric in ``lang`` (:func:`assess.strategy.workbook.make_template`)."""
    from assess.strategy.workbook import make_template

    buf = io.BytesIO()
    make_template(rubric(), ui.request_lang(lang)).save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def _criterion_row(c, levels: dict, answer: dict, lang: str = "en") -> html.Div:
    _ = ui.text(lang)
    level = answer.get("level")
    opts = [{"label": html.Span(str(k), title=name_in(levels[k]["name"], lang)), "value": k} for k in sorted(levels)]
    return html.Div([
        dbc.Row([
            dbc.Col([html.Div(name_in(c.name, lang, c.id), className="fw-semibold"),
                     html.Div(translated(c.question, lang) if c.question else "",
                              className="small text-body-secondary")], lg=3),
            dbc.Col([
                dbc.RadioItems(id={"type": "strategy-level", "criterion": c.id}, options=opts, value=level,
                               className="strategy-levels", inputClassName="btn-check",
                               labelClassName="btn btn-outline-primary btn-sm", labelCheckedClassName="active"),
                html.Div(level_text(level, c.id, lang), id={"type": "strategy-level-text", "criterion": c.id},
                         className="small text-body-secondary mt-1"),
            ], lg=4),
            dbc.Col(dbc.Textarea(id={"type": "strategy-evidence", "criterion": c.id}, value=answer.get("evidence", ""),
                                 placeholder=_("Evidence: where in the documents, what they say…"), rows=2,
                                 className="form-control-sm", debounce=True), lg=5),
        ], className="g-2 align-items-start"),
    ], className="py-2 border-bottom", id=f"strategy-row-{c.id}")


def _version_line(loaded: dict, lang: str = "en") -> str:
    """"Version 3 · last saved by leyla, 2025-03-01 10:20 UTC" for a loaded assessment ("" for a new one)."""
    if not loaded.get("id"):
        return ""
    when = str(loaded.get("updated") or "")[:16].replace("T", " ")
    _ = ui.text(lang)
    return _("Version {version} · last saved by {user}, {when} UTC", version=loaded.get("version"),
             user=loaded.get("updated_by") or "?", when=when)


def layout(assessment: str | None = None, reference: str = DEFAULT_REFERENCE, lang=None, **_query):
    """The page for ``/strategy?assessment=ID&reference=PROFILE&lang=az``."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    r = rubric()
    problems: list = []
    loaded: dict = {}
    if assessment not in (None, ""):
        try:
            loaded = store.load_assessment(assessment)
        except AssessError as exc:
            problems.append(extras.friendly(exc, lang))
        else:
            if loaded.get("rubric") != r.id:
                problems.append(ui.error_alert(_("Assessment #{id} uses rubric '{used}'; this page fills '{rubric}'.",
                                                 id=assessment, used=loaded.get("rubric"), rubric=r.id),
                                               color="warning"))
                loaded = {}
    if reference not in r.profiles:
        problems.append(ui.error_alert(_("Unknown reference profile '{reference}'; showing Singapore.",
                                         reference=ui.request_text(reference, "", limit=40)), color="warning"))
        reference = DEFAULT_REFERENCE
    answers = loaded.get("answers", {})
    try:
        saved = saved_options(lang=lang)
    except AssessError as exc:
        saved, problems = [], [*problems, extras.friendly(exc, lang)]
    form = []
    for d in r.dimensions:
        form.append(html.H5(name_in(d.name, lang, d.id), className="mt-3 mb-0 text-primary"))
        form += [_criterion_row(c, r.levels, answers.get(c.id, {}), lang) for c in r.criteria_of(d.id)]
    ids = [{"criterion": c.id} for c in r.criteria]
    current = collect_answers(ids, [answers.get(c.id, {}).get("level") for c in r.criteria],
                              [answers.get(c.id, {}).get("evidence") for c in r.criteria])
    country = loaded.get("country") or ui.DEFAULT_COUNTRY
    manage = ui.card(_("Saved assessments and Excel"), [
        dbc.Row([
            dbc.Col([dbc.Label(_("Saved assessments"), html_for="strategy-saved", className="fw-semibold mb-1"),
                     dcc.Dropdown(id="strategy-saved", options=saved, value=loaded.get("id"),
                                  placeholder=_("Choose a saved assessment…"))], md=6),
            dbc.Col([dbc.Button(_("Load"), id="strategy-load", color="primary", className="me-1"),
                     dbc.Button(_("Delete"), id="strategy-delete", color="danger", outline=True)],
                    md=2, className="d-flex align-items-end"),
            dbc.Col([dbc.Label(_("Excel self-assessment workbook"), className="fw-semibold mb-1 d-block"),
                     extras.template_language(lang),
                     dbc.Button(_("Blank template"), id="strategy-template", color="secondary", outline=True,
                                className="me-1"),
                     # no max_size here: the browser would drop a larger file silently; the size is checked
                     # in the browser (a clear refusal, nothing sent) and again on the server
                     dcc.Upload(dbc.Button(_("Upload a filled template"), color="secondary", outline=True),
                                id="strategy-upload", accept=".xlsx", className="d-inline-block"),
                     dcc.Store(id="strategy-upload-data"),
                     dcc.Download(id="strategy-template-download")], md=4),
        ], className="g-2"),
        html.Div(id="strategy-manage-message", className="mt-2"),
        html.Div([html.Span(_("Ministry report with the loaded assessment:") + " ", className="small fw-semibold me-1"),
                  ui.report_controls("strategy", lang)], className="d-flex flex-wrap align-items-center mt-2"),
        dbc.Modal([
            dbc.ModalHeader(dbc.ModalTitle(_("Delete this assessment?"))),
            dbc.ModalBody(id="strategy-delete-question"),
            dbc.ModalFooter([dbc.Button(_("Cancel"), id="strategy-delete-cancel", color="secondary", outline=True),
                             dbc.Button(_("Delete"), id="strategy-delete-confirm", color="danger")]),
        ], id="strategy-delete-modal", is_open=False),
    ])
    meta = dbc.Row([
        dbc.Col([dbc.Label(_("Name"), html_for="strategy-name", className="fw-semibold mb-1"),
                 dbc.Input(id="strategy-name", value=loaded.get("name", ""), maxLength=int(limits.MAX_NAME_CHARS.value),
                           placeholder=_("e.g. Azerbaijan digital strategy 2025 – draft")),
                 html.Div(_version_line(loaded, lang), id="strategy-version-line",
                          className="small text-body-secondary")],
                md=5),
        dbc.Col(ui.country_picker("strategy-country", country, label=_("Country"),
                                  options=ui.country_options(lang=lang),
                                  placeholder=_("Type a country name or code…")), md=3),
        dbc.Col([dbc.Label(pt("reference profile", "Compare with", lang), html_for="strategy-reference",
                           className="fw-semibold mb-1"),
                 dcc.Dropdown(id="strategy-reference", options=reference_options(r, lang), value=reference,
                              clearable=False)], md=4),
    ], className="g-2")
    profile = ui.card(_("Maturity profile"), [
        dcc.Graph(id="strategy-radar", figure=radar(current, reference, country=country, lang=lang),
                  config={"displaylogo": False, "responsive": True}),
        html.Div(summary(current, reference, lang), id="strategy-summary"),
    ])
    actions = html.Div([
        dbc.Button(_("Save"), id="strategy-save", color="success", className="me-2"),
        dbc.Button(_("Save as new"), id="strategy-save-new", color="success", outline=True),
        html.Div(id="strategy-save-message", className="mt-2"),
    ], className="my-3")
    return ui.page("strategy", _("Strategy assessment"), lang=lang, lead=_(
        "Does the strategy have a strategic structure? Choose a level for each criterion with the evidence for it; "
        "the profile compares it with Singapore's Digital Government Blueprint and ranks what to improve first."),
        children=[
            dcc.Location(id="strategy-nav", refresh="callback-nav"),
            dcc.Store(id="strategy-id", data=loaded.get("id")),
            dcc.Store(id="strategy-version", data=loaded.get("version")),
            *problems, extras.structure_link(lang), manage, meta,
            dbc.Row([dbc.Col([*form, actions], lg=7),
                     # sticky, but under the dropdown menus above it (Bootstrap's .sticky-top is z-index 1020)
                     dbc.Col(html.Div(profile, className="sticky-top strategy-profile", style={"top": "1rem"}),
                             lg=5)],
                    className="g-4"),
            dbc.Row([dbc.Col(extras.assessors_card(loaded, lang), lg=7),
                     dbc.Col(extras.computed_card(loaded, lang), lg=5)],
                    className="g-4 mt-1"),
        ])


# ---------------------------------------------------------------------------------------------
# Callbacks (thin)
# ---------------------------------------------------------------------------------------------


@callback(Output({"type": "strategy-level-text", "criterion": MATCH}, "children"),
          Input({"type": "strategy-level", "criterion": MATCH}, "value"), State("strategy-lang", "data"),
          prevent_initial_call=True)
def describe_level(level, lang=None):
    """Chosen level → what it means for this criterion."""
    return level_text(level, ctx.triggered_id["criterion"], ui.request_lang(lang))


@callback(Output("strategy-radar", "figure"), Output("strategy-summary", "children"),
          Input(LEVEL_ID, "value"), Input("strategy-reference", "value"), Input("strategy-country", "value"),
          State(EVIDENCE_ID, "value"), State("strategy-lang", "data"), prevent_initial_call=True)
def update_profile(levels, reference, country, evidence, lang=None):
    """Levels → radar, dimension scores and ranked improvements."""
    lang = ui.request_lang(lang)
    answers = collect_answers(_ids(ctx.inputs_list[0]), levels, evidence)
    reference = ui.request_choice(reference, tuple(rubric().profiles), DEFAULT_REFERENCE)
    try:
        return (radar(answers, reference, country=ui.request_code(country, "AZE"), lang=lang),
                summary(answers, reference, lang))
    except AssessError as exc:
        return no_update, [extras.friendly(exc, lang)]


@callback(Output("strategy-save-message", "children"), Output("strategy-id", "data"),
          Output("strategy-version", "data"), Output("strategy-version-line", "children"),
          Output("strategy-url", "search"), Output("strategy-saved", "options"), Output("strategy-saved", "value"),
          Input("strategy-save", "n_clicks"), Input("strategy-save-new", "n_clicks"),
          State(LEVEL_ID, "value"), State(EVIDENCE_ID, "value"), State("strategy-name", "value"),
          State("strategy-country", "value"), State("strategy-id", "data"), State("strategy-version", "data"),
          State("strategy-reference", "value"), State("strategy-lang", "data"), prevent_initial_call=True)
def save_clicked(_n, _n_new, levels, evidence, name, country, current_id, version, reference, lang=None):
    """Save (a new version of the loaded assessment) or save as new, as the signed-in user."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    keep = (no_update,) * 6
    identity = current_identity()
    try:
        who = auth.require(identity, "save", "save an assessment")
    except auth.PermissionDenied as exc:
        return ui.error_alert(html.Span([extras.refusal(exc, identity, "save", lang), " ",
                                         html.A(_("Sign in"), href=ui.with_lang("/login?next=/strategy", lang))]),
                              color="warning", id="strategy-save-alert"), *keep
    ids = _ids(ctx.states_list[0])
    new_id, new_version, msg, colour = save(collect_answers(ids, levels, evidence), name=name, country=country,
                                            current_id=current_id, version=version, user=who.name,
                                            as_new=ctx.triggered_id == "strategy-save-new", lang=lang)
    if new_id is None:
        body = msg
        if extras.is_stale_reload(msg, lang) and isinstance(current_id, int):
            href = ui.with_lang("?" + urlencode({"assessment": current_id}), lang)
            body = html.Span([msg, " ", html.A(_("Reload it"), href=href, id="strategy-reload-link"), " ",
                              _("(your changes here are lost), or press “Save as new” to keep them as another "
                                "assessment.")])
        return ui.error_alert(body, color=colour, id="strategy-save-alert"), *keep
    reference = ui.request_choice(reference, tuple(rubric().profiles), DEFAULT_REFERENCE)
    search = ui.with_lang("?" + urlencode({"assessment": new_id, "reference": reference}), lang)
    line = _version_line(store.load_assessment(new_id), lang)
    return (ui.error_alert(msg, color=colour, id="strategy-save-alert"), new_id, new_version, line, search,
            saved_options(lang=lang), new_id)


def _chosen(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63 else None


@callback(Output("strategy-nav", "search"), Output("strategy-manage-message", "children"),
          Output("strategy-delete-modal", "is_open"), Output("strategy-delete-question", "children"),
          Input("strategy-load", "n_clicks"), Input("strategy-delete", "n_clicks"),
          State("strategy-saved", "value"), State("strategy-reference", "value"), State("strategy-lang", "data"),
          prevent_initial_call=True)
def load_or_ask(_load, _delete, chosen, reference, lang=None):
    """Load (navigate to ``?assessment=ID``, so back works), or ask before deleting the chosen assessment."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    chosen = _chosen(chosen)
    reference = ui.request_choice(reference, tuple(rubric().profiles), DEFAULT_REFERENCE)
    if chosen is None:
        return no_update, ui.error_alert(_("Choose a saved assessment first."), color="info"), False, no_update
    if ctx.triggered_id != "strategy-delete":
        return ui.with_lang("?" + urlencode({"assessment": chosen, "reference": reference}), lang), None, False, \
            no_update
    try:
        a = store.load_assessment(chosen)
    except AssessError as exc:
        return no_update, extras.friendly(exc, lang), False, no_update
    refused = may_delete(current_identity(), a, lang)
    if refused:
        return no_update, ui.error_alert(refused, color="warning", id="strategy-delete-refused"), False, no_update
    question = [html.P(_("Delete assessment #{id} “{name}” ({country}, version {version}, last saved by {user})?",
                         id=chosen, name=_label(a["name"]), country=a["country"], version=a["version"],
                         user=a.get("updated_by"))),
                html.P(_("It disappears from the list; its versions are kept and an administrator can restore it "
                         "(python -m assess assessments restore)."), className="small text-body-secondary mb-0")]
    return no_update, None, True, question


@callback(Output("strategy-manage-message", "children", allow_duplicate=True),
          Output("strategy-saved", "options", allow_duplicate=True),
          Output("strategy-delete-modal", "is_open", allow_duplicate=True),
          Input("strategy-delete-confirm", "n_clicks"), Input("strategy-delete-cancel", "n_clicks"),
          State("strategy-saved", "value"), State("strategy-lang", "data"), prevent_initial_call=True)
def delete_confirmed(_yes, _no, chosen, lang=None):
    """Delete after the confirmation (a soft delete, recorded with who), checked again on the server."""
    lang = ui.request_lang(lang)
    _ = ui.text(lang)
    chosen = _chosen(chosen)
    if ctx.triggered_id != "strategy-delete-confirm" or chosen is None:
        return no_update, no_update, False
    who = current_identity()
    try:
        refused = may_delete(who, store.load_assessment(chosen), lang)
        if refused:
            return ui.error_alert(refused, color="warning", id="strategy-delete-refused"), no_update, False
        gone = store.delete_assessment(chosen, user=who.name)
    except AssessError as exc:
        return extras.friendly(exc, lang), no_update, False
    msg = (_("Deleted assessment #{id} (its versions are kept).", id=chosen) if gone else
           _("Assessment #{id} was already gone.", id=chosen))
    return ui.error_alert(msg, color="info", id="strategy-deleted"), saved_options(lang=lang), False


@callback(Output("strategy-report", "data"), Output("strategy-report-message", "children"),
          Input("strategy-report-button", "n_clicks"), State("strategy-id", "data"),
          State("strategy-report-lang", "value"), State("strategy-lang", "data"), prevent_initial_call=True)
def download_report(_n, current_id, lang, page_lang=None):
    """The ministry report (:func:`assess.report`) of the assessment's country, with the assessment in it."""
    page_lang = ui.request_lang(page_lang)
    current_id = _chosen(current_id)
    if current_id is None:
        _ = ui.text(page_lang)
        return no_update, ui.error_alert(_("Save or load an assessment first: the report shows a saved one."),
                                         color="info")
    try:
        a = store.load_assessment(current_id)
        return ui.report_bytes(a["country"], None, None, lang, assessment=current_id), None
    except AssessError as exc:
        return no_update, extras.friendly(exc, page_lang)


@callback(Output("strategy-template-download", "data"), Output("strategy-manage-message", "children",
                                                                allow_duplicate=True),
          Input("strategy-template", "n_clicks"), State("strategy-template-lang", "value"),
          State("strategy-lang", "data"), prevent_initial_call=True)
def download_template(_n, template_lang=None, lang=None):
    """Blank Excel template of the rubric, in the language chosen beside the button (English or Azerbaijani)."""
    template_lang = ui.request_choice(template_lang, ("en", "az"), ui.request_lang(lang))
    try:
        return dcc.send_bytes(template_bytes(template_lang), extras.template_file_name(rubric().id, template_lang)), \
            None
    except (AssessError, ImportError) as exc:
        return no_update, _excel_missing(exc, ui.request_lang(lang))


#: The browser checks an upload's size before sending it (the same message as the server's refusal).
dash.clientside_callback(
    f"""function(contents, filename, lang) {{
        if (!contents) {{ return [null, null]; }}
        const data = contents.slice(contents.indexOf(',') + 1);
        const bytes = Math.floor(data.length * 3 / 4);
        const limit = {int(limits.MAX_UPLOAD_BYTES.value)};
        if (bytes > limit) {{
            const name = (filename || 'upload.xlsx').slice(0, 80);
            const n = (x) => x.toLocaleString('en-US');
            const said = {json.dumps({k: translated(TOO_LARGE, k, name="@name@", size=_SIZE, limit=_LIMIT,
                                                    setting=limits.MAX_UPLOAD_BYTES.name) for k in ("az",)})};
            if (said[lang]) {{
                const m = (x) => x.toLocaleString('de-DE');  // Azerbaijani groups digits with a dot
                return [null, said[lang].replace('@name@', name).replace({json.dumps(format_number(_SIZE, "az"))},
                        m(bytes)).replace({json.dumps(format_number(_LIMIT, "az"))}, m(limit))];
            }}
            return [null, name + ': about ' + n(bytes) + ' bytes is over the limit {limits.MAX_UPLOAD_BYTES.name} = '
                    + n(limit) + ' bytes ({limits.MAX_UPLOAD_BYTES.help}). Nothing was read; upload a smaller file.'];
        }}
        return [contents, null];
    }}""",
    Output("strategy-upload-data", "data"), Output("strategy-manage-message", "children", allow_duplicate=True),
    Input("strategy-upload", "contents"), State("strategy-upload", "filename"), State("strategy-lang", "data"),
    prevent_initial_call=True)


@callback(Output(LEVEL_ID, "value"), Output(EVIDENCE_ID, "value"),
          Output("strategy-manage-message", "children", allow_duplicate=True),
          Input("strategy-upload-data", "data"), State("strategy-upload", "filename"),
          State(LEVEL_ID, "value"), State(EVIDENCE_ID, "value"), State("strategy-lang", "data"),
          prevent_initial_call=True)
def upload(contents, filename, levels, evidence, lang=None):
    """A filled template → the levels and evidence in the form (save to keep them); its size checked again."""
    lang = ui.request_lang(lang)
    ids = [i.get("criterion") if isinstance(i, dict) else None for i in _ids(ctx.outputs_list[0])]
    if contents is None:
        return [no_update] * len(ids), [no_update] * len(ids), no_update
    try:
        got = read_upload(contents, filename, lang)["answers"]
    except (AssessError, ImportError) as exc:
        return [no_update] * len(ids), [no_update] * len(ids), _excel_missing(exc, lang)
    levels = levels if isinstance(levels, list) else []
    evidence = evidence if isinstance(evidence, list) else []
    old_levels = levels + [None] * (len(ids) - len(levels))
    old_evidence = evidence + [""] * (len(ids) - len(evidence))
    new_levels = [got.get(c, {}).get("level", lv) for c, lv in zip(ids, old_levels, strict=False)]
    new_evidence = [got.get(c, {}).get("evidence", ev) for c, ev in zip(ids, old_evidence, strict=False)]
    _ = ui.text(lang)
    name = ui.request_text(filename, _("the file"), limit=80)
    msg = ui.error_alert(_("Read {n} criteria from {name}. Check them, then Save.", n=len(got), name=name),
                         color="success", id="strategy-upload-ok")
    return new_levels, new_evidence, msg


def _ids(items) -> list:
    """The ids of a pattern-matching input, state or output list as the request gives it (anything else: none)."""
    return [i.get("id") for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _excel_missing(exc: BaseException, lang: str = "en"):
    if isinstance(exc, ImportError):
        _ = ui.text(lang)
        return ui.error_alert(_("The Excel template is not available in this installation (assess.workbook)."),
                              color="warning")
    return extras.friendly(exc, lang)
