"""Pieces the Strategy page adds for issue 13, kept apart from its form: the link to the structure page, the levels
a strategy file's structure evidences beside the levels chosen in the form, and the second assessor with the
reconciled levels and their notes (saved with the assessment: :mod:`assess.strategy.assessors`).

Layout builders take the loaded assessment (``{}`` when none) and the page's language; the callbacks are thin, call
:mod:`assess` and answer in the language of ``"strategy-lang"``. Also the Strategy page's framing of errors and
refusals in its language (:func:`friendly`, :func:`stale_text`, :func:`refusal`) and the language of the
self-assessment workbook it offers (:func:`template_language`).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from assess import limits
from assess.errors import AssessError
from assess.frameworks import list_frameworks, load_framework
from assess.i18n import N_, name_in, ngettext_for, translated
from assess.i18n import error_text as _framed
from assess.strategy import store
from assess.strategy.assessors import check_two_assessors, discrepancies
from assess.strategy.rubric import ABOVE, BELOW, level_comparison
from service import auth
from service.web import current_identity
from ui import components as ui
from ui.account import role_words

DEFAULT_FILE = "azerbaijan_digital_2026"
A_LEVEL = {"type": "strategy-level", "criterion": ALL}
A_EVIDENCE = {"type": "strategy-evidence", "criterion": ALL}
B_LEVEL = {"type": "strategy-b-level", "criterion": ALL}
REC_LEVEL = {"type": "strategy-rec-level", "criterion": ALL}
REC_NOTE = {"type": "strategy-rec-note", "criterion": ALL}


def _rubric():
    return load_framework("strategic_structure")


def strategy_name(row: dict, lang: str = "en") -> str:
    """A strategy file's name in ``lang`` (its ``name: {en, az}``) from a :func:`assess.frameworks.list_frameworks` row."""
    if lang == "en":
        return row["name"] or row["id"]
    try:
        return name_in(load_framework(row["id"]).name, lang, row["name"] or row["id"])
    except AssessError:
        return row["name"] or row["id"]


def file_options(lang: str = "en") -> list[dict]:
    """Strategy files (``kind: strategy``) as dropdown options, named in ``lang``."""
    return [{"label": strategy_name(r, lang), "value": r["id"]} for r in list_frameworks() if r["kind"] == "strategy"]


def structure_link(lang: str = "en") -> html.P:
    """The link to the structure page (keeping the language)."""
    _ = ui.text(lang)
    return html.P([_("A strategy can also be read as data:") + " ",
                   dcc.Link(_("see its structure, what it lacks, and Singapore's beside it →"),
                            href=ui.with_lang("/strategy/structure", lang), id="strategy-structure-link")],
                  className="small mb-2")


# ------------------------------------------------------------------------- messages in the page's language
def error_text(exc: BaseException, lang: str = "en") -> str:
    """An error's text for the page: the library's own (English) problems framed in ``lang``."""
    return _framed(exc, ui.request_lang(lang))


def friendly(exc: BaseException, lang: str = "en") -> dbc.Alert:
    """:func:`ui.friendly_error` in ``lang`` (English: exactly that)."""
    lang = ui.request_lang(lang)
    if lang == "en" or not isinstance(exc, AssessError):
        return ui.friendly_error(exc)
    issues = getattr(exc, "issues", None)
    text = "; ".join(str(i) for i in issues) if issues else str(exc)
    _ = ui.text(lang)
    return ui.error_alert(ui.plain_text(text), title=_("Cannot show this:"), color="warning")


def stale_text(exc, current_id, lang: str = "en") -> str:
    """A refused save (:class:`assess.strategy.store.StaleVersionError`) in ``lang``: who changed or deleted the
    assessment and when, and what to do (English: the store's own message)."""
    lang = ui.request_lang(lang)
    if lang == "en":
        return str(exc)
    _ = ui.text(lang)
    when = (str(exc.at)[:16].replace("T", " ") + " UTC") if getattr(exc, "at", None) else "?"
    if "was deleted by" in str(exc):
        return _("Assessment #{id} was deleted by {user} at {when}: save it as new, or ask an administrator to "
                 "restore it.", id=current_id, user=exc.by, when=when)
    if getattr(exc, "by", None) is None:
        return _("Assessment #{id} was changed meanwhile: {what}.", id=current_id, what=_("reload, or save as new"))
    return _("Assessment #{id} was changed by {user} at {when}: {what}.", id=current_id, user=exc.by, when=when,
             what=_("reload, or save as new"))


def is_stale_reload(message: str, lang: str = "en") -> bool:
    """Whether a save's message says that someone saved in between (the page then offers to reload)."""
    _ = ui.text(lang)
    return isinstance(message, str) and _("reload, or save as new") in message


#: What a refused user wanted to do, per action of :func:`refusal`.
_ACTIONS = {"save": N_("saving an assessment"), "delete": N_("deleting an assessment"),
            "assessors": N_("saving the two assessors")}


def refusal(exc, identity, action: str, lang: str = "en") -> str:
    """Why ``identity`` may not do ``action`` (``save``, ``delete``, ``assessors``), in ``lang`` (English: the
    message of :class:`service.auth.PermissionDenied`)."""
    lang = ui.request_lang(lang)
    if lang == "en":
        return str(exc)
    _ = ui.text(lang)
    what = translated(_ACTIONS.get(action, _ACTIONS["save"]), lang)
    if getattr(identity, "name", None) is None:
        return _("Sign in: {what} is for analysts and administrators; visitors can only read.", what=what)
    return _("{user} ({role}) may not do this: {what} is for analysts and administrators.", user=identity.name,
             role=role_words(identity.role, lang), what=what)


def template_language(lang: str = "en") -> dbc.RadioItems:
    """The language of the self-assessment workbook to download (the page's language first chosen)."""
    return dbc.RadioItems(id="strategy-template-lang", value=ui.request_lang(lang), inline=True,
                          className="small mb-1", options=[{"label": html.Span(v, lang=k), "value": k}
                                                           for k, v in ui.REPORT_LANGS.items()])


def template_file_name(rubric_id: str, lang: str = "en") -> str:
    """The downloaded workbook's file name: ``strategic_structure_template.xlsx``, ``…_template_az.xlsx``."""
    return f"{rubric_id}_template.xlsx" if ui.request_lang(lang) == "en" else f"{rubric_id}_template_{lang}.xlsx"


def _level(value, levels) -> int | None:
    if isinstance(value, str) and value.strip().isdigit() and len(value) < 4:
        value = int(value)
    return ui.request_choice(value, tuple(levels))


def _answers(ids, values, evidence=None) -> dict:
    r = _rubric()
    known = {c.id for c in r.criteria}
    out = {}
    ev = evidence if isinstance(evidence, list) else [None] * len(values or [])
    for cid, v, e in zip(ids or [], values if isinstance(values, list) else [], ev, strict=False):
        key = cid.get("criterion") if isinstance(cid, dict) else None
        if key in known:
            out[key] = {"level": _level(v, r.levels),
                        "evidence": (ui.request_text(e, "", limit=limits.MAX_CELL_CHARS.value) or "").strip()}
    return out


def computed_levels_view(strategy, answers: dict, lang: str = "en") -> html.Div:
    """The levels a strategy file's structure evidences (verified – all) beside the form's levels, flagged."""
    _ = ui.text(lang)
    known = [o["value"] for o in file_options()]
    sid = ui.request_choice(strategy, tuple(known), None)
    if sid is None:
        return html.Div(ui.error_alert(_("Choose a strategy file: {files}.", files=", ".join(known)), color="info"),
                        id="strategy-computed-table")
    judged = {k: v["level"] for k, v in answers.items() if v.get("level") is not None}
    t = level_comparison(sid, judged=judged or {}, lang=ui.request_lang(lang))
    rows = []
    for cid, row in t.iterrows():
        span = _("judgement") if pd.isna(row.upper) else f"{int(row.lower)}–{int(row.upper)}"
        flag = translated(row.flag, lang) if row.flag else ""
        rows.append(html.Tr([html.Td(row["name"], title=row.reason_upper), html.Td(span),
                             html.Td("–" if pd.isna(row.judged) else int(row.judged)),
                             html.Td(dbc.Badge(flag, color="danger") if row.flag in (ABOVE, BELOW) else flag,
                                     className="small")], id=f"strategy-computed-{cid}"))
    n = int(t["flag"].isin([ABOVE, BELOW]).sum())
    return html.Div([
        html.P(_("{n} of the levels chosen lie outside what the file's structure evidences.", n=n),
               className="small mb-1"),
        dbc.Table([html.Thead(html.Tr([html.Th(_("Criterion")), html.Th(_("Evidenced")), html.Th(_("Chosen")),
                                       html.Th("")])), html.Tbody(rows)], size="sm", striped=True,
                  className="small mb-0")], id="strategy-computed-table")


def computed_card(loaded: dict, lang: str = "en") -> dbc.Card:
    """Card: choose a strategy file; see its evidenced levels beside the form's (computed, not judged)."""
    _ = ui.text(lang)
    value = loaded.get("strategy") if loaded.get("strategy") in [o["value"] for o in file_options()] else DEFAULT_FILE
    answers = loaded.get("answers") or {}
    return ui.card(_("Levels the strategy file evidences"), [
        dbc.Label(_("Strategy file"), html_for="strategy-file", className="fw-semibold mb-1"),
        dcc.Dropdown(id="strategy-file", options=file_options(lang), value=value, clearable=False, className="mb-2"),
        html.Div(computed_levels_view(value, answers, lang), id="strategy-computed"),
        html.P(_("Evidenced: from verified elements – from all elements of the file (assess.level_comparison)."),
               className="small text-body-secondary mt-1 mb-0"),
    ], id="strategy-computed-card")


def assessors_card(loaded: dict, lang: str = "en") -> dbc.Card:
    """Card: a second assessor's levels, the reconciled level and its note per criterion, the discrepancies."""
    _ = ui.text(lang)
    r = _rubric()
    people = list(loaded.get("assessors") or []) + [{}, {}]
    b = people[1].get("answers") or {}
    rec = loaded.get("reconciled") or {}
    opts = [{"label": str(k), "value": k} for k in sorted(r.levels)]
    rows = [dbc.Row([
        dbc.Col(html.Span(name_in(c.name, lang, c.id), className="small"), md=4),
        dbc.Col(dcc.Dropdown(id={"type": "strategy-b-level", "criterion": c.id}, options=opts,
                             value=(b.get(c.id) or {}).get("level"), placeholder="B", className="small"), md=2),
        dbc.Col(dcc.Dropdown(id={"type": "strategy-rec-level", "criterion": c.id}, options=opts,
                             value=(rec.get(c.id) or {}).get("level"), placeholder=_("agreed"), className="small"), md=2),
        dbc.Col(dbc.Input(id={"type": "strategy-rec-note", "criterion": c.id}, value=(rec.get(c.id) or {}).get("note", ""),
                          placeholder=_("why this level"), size="sm", debounce=True), md=4),
    ], className="g-1 mb-1", id=f"strategy-b-row-{c.id}") for c in r.criteria]
    return ui.card(_("Two assessors"), [
        html.P(_("The form above holds assessor A's levels. Enter assessor B's; where they differ, agree on a level "
                 "and say why. Saved with the assessment (save it first)."), className="small"),
        dbc.Row([dbc.Col(dbc.Input(id="strategy-assessor-a", value=people[0].get("name", ""),
                                   placeholder=_("Assessor A's name"), size="sm"), md=6),
                 dbc.Col(dbc.Input(id="strategy-assessor-b", value=people[1].get("name", ""),
                                   placeholder=_("Assessor B's name"), size="sm"), md=6)], className="g-2 mb-2"),
        dbc.Row([dbc.Col(html.Strong(_("Criterion"), className="small"), md=4),
                 dbc.Col(html.Strong("B", className="small"), md=2),
                 dbc.Col(html.Strong(_("Reconciled"), className="small"), md=2),
                 dbc.Col(html.Strong(_("Note"), className="small"), md=4)], className="g-1"),
        *rows,
        html.Div(id="strategy-discrepancies", className="mt-2"),
        dbc.Button(_("Save the two assessors"), id="strategy-save-assessors", color="success", outline=True,
                   size="sm", className="mt-2"),
        html.Div(id="strategy-assessors-message", className="mt-2"),
    ], id="strategy-assessors-card")


def _payload(ids_a, a_levels, a_evidence, ids_b, b_levels, rec_levels, rec_notes, name_a, name_b) -> dict:
    a = _answers(ids_a, a_levels, a_evidence)
    b = _answers(ids_b, b_levels)
    rec = {}
    for cid, lv, note in zip(ids_b or [], rec_levels or [], rec_notes or [], strict=False):
        key = cid.get("criterion") if isinstance(cid, dict) else None
        level = _level(lv, _rubric().levels)
        text = (ui.request_text(note, "", limit=limits.MAX_CELL_CHARS.value) or "").strip()
        if key and (level is not None or text):
            rec[key] = {"level": level, "note": text}
    people = [{"name": ui.request_text(name_a, "", limit=200) or "Assessor A",
               "answers": {k: v for k, v in a.items() if v["level"] is not None}},
              {"name": ui.request_text(name_b, "", limit=200) or "Assessor B",
               "answers": {k: v for k, v in b.items() if v["level"] is not None}}]
    return {"assessors": people, "reconciled": rec}


def discrepancy_view(payload: dict, lang: str = "en") -> html.Div:
    """Where the two assessors differ, with the reconciled level and note where there is one (in ``lang``)."""
    _, _n = ui.text(lang), ngettext_for(ui.request_lang(lang))
    both = [d for d in discrepancies(payload) if d["a"] is not None and d["b"] is not None]
    one = [d for d in discrepancies(payload) if (d["a"] is None) != (d["b"] is None)]
    if not payload["assessors"][1]["answers"]:
        return html.Div(_("Assessor B has not scored yet."), className="small text-body-secondary",
                        id="strategy-discrepancy-list")
    names = {c.id: name_in(c.name, lang, c.id) for c in _rubric().criteria}
    items = [html.Li([html.Strong(names.get(d["criterion"], d["criterion"])), f": A {d['a']}, B {d['b']}",
                      " → " + _("reconciled {level} ({note})", level=d["reconciled"], note=d["note"])
                      if d["reconciled"] is not None
                      else html.Span(" → " + _("not reconciled yet"), className="text-danger")]) for d in both]
    head = _n("{n} discrepancy", "{n} discrepancies", len(both))
    rest = html.Div(_n("{n} criterion scored by one assessor only.", "{n} criteria scored by one assessor only.",
                       len(one)), className="small text-body-secondary") if one else None
    return html.Div([html.Strong(head, className="small"), html.Ul(items, className="small mb-0"), rest] if items
                    else [html.Span(_("The two assessors agree on every criterion both scored."), className="small"),
                          rest], id="strategy-discrepancy-list")


@callback(Output("strategy-computed", "children"), Input(A_LEVEL, "value"), Input("strategy-file", "value"),
          State("strategy-lang", "data"), prevent_initial_call=True)
def update_computed(levels, strategy, lang=None):
    """Form levels or strategy file → evidenced levels beside the chosen ones."""
    lang = ui.request_lang(lang)
    try:
        return computed_levels_view(strategy, _answers([i.get("id") for i in ctx.inputs_list[0]
                                                        if isinstance(i, dict)], levels), lang)
    except AssessError as exc:
        return friendly(exc, lang)


@callback(Output("strategy-discrepancies", "children"), Input(A_LEVEL, "value"), Input(B_LEVEL, "value"),
          Input(REC_LEVEL, "value"), Input(REC_NOTE, "value"), State("strategy-lang", "data"))
def update_discrepancies(a_levels, b_levels, rec_levels, rec_notes, lang=None):
    """Both assessors' levels → the criteria where they differ."""
    ids_a = [i.get("id") for i in ctx.inputs_list[0] if isinstance(i, dict)]
    ids_b = [i.get("id") for i in ctx.inputs_list[1] if isinstance(i, dict)]
    return discrepancy_view(_payload(ids_a, a_levels, None, ids_b, b_levels, rec_levels, rec_notes, "", ""),
                            ui.request_lang(lang))


@callback(Output("strategy-assessors-message", "children"),
          Output("strategy-version", "data", allow_duplicate=True), Input("strategy-save-assessors", "n_clicks"),
          State(A_LEVEL, "value"), State(A_EVIDENCE, "value"), State(B_LEVEL, "value"), State(REC_LEVEL, "value"),
          State(REC_NOTE, "value"), State("strategy-assessor-a", "value"), State("strategy-assessor-b", "value"),
          State("strategy-id", "data"), State("strategy-version", "data"), State("strategy-file", "value"),
          State("strategy-lang", "data"), prevent_initial_call=True)
def save_assessors(_clicks, a_levels, a_evidence, b_levels, rec_levels, rec_notes, name_a, name_b, current, version,
                   strategy, lang=None):
    """Add the two assessors and the reconciled levels to the saved assessment (the reconciled level becomes the
    assessment's level), as the signed-in user, on the version the page loaded (a stale page is refused)."""
    lang = ui.request_lang(lang)
    _, _n = ui.text(lang), ngettext_for(lang)
    identity = current_identity()
    try:
        who = auth.require(identity, "save", "save the two assessors")
    except auth.PermissionDenied as exc:
        return ui.error_alert(refusal(exc, identity, "assessors", lang), color="warning"), no_update
    if not isinstance(current, int) or isinstance(current, bool):
        return ui.error_alert(_("Save the assessment first, then the two assessors."), color="info"), no_update
    version = version if isinstance(version, int) and not isinstance(version, bool) else None
    ids_a = [i.get("id") for i in ctx.states_list[0] if isinstance(i, dict)]
    ids_b = [i.get("id") for i in ctx.states_list[2] if isinstance(i, dict)]
    two = _payload(ids_a, a_levels, a_evidence, ids_b, b_levels, rec_levels, rec_notes, name_a, name_b)
    _checked, problems = check_two_assessors(two)
    if problems:
        return ui.error_alert("; ".join(str(p) for p in problems[:5]), color="warning"), no_update
    try:
        saved = store.load_assessment(current)
        saved.update(two)
        sid = ui.request_choice(strategy, tuple(o["value"] for o in file_options()), None)
        if sid:
            saved["strategy"] = sid
        for crit, r in two["reconciled"].items():
            saved.setdefault("answers", {}).setdefault(crit, {"level": None, "evidence": ""})["level"] = r["level"]
        store.save_assessment(saved, name=saved["name"], country=saved["country"], id=current,
                              version=version or saved.get("version"), user=who.name)
        new_version = store.load_assessment(current)["version"]
    except store.StaleVersionError as exc:  # "changed by … at …: reload, or save as new"
        if lang == "en":
            return ui.friendly_error(exc), no_update
        return ui.error_alert(stale_text(exc, current, lang), color="danger", id="strategy-assessors-stale"), \
            no_update
    except AssessError as exc:
        return friendly(exc, lang), no_update
    n = len([d for d in discrepancies(two) if d["a"] is not None and d["b"] is not None])
    return ui.error_alert(_("Saved the two assessors with assessment #{id} (version {version}): {discrepancies}, "
                            "{n} reconciled.", id=current, version=new_version,
                            discrepancies=_n("{n} discrepancy", "{n} discrepancies", n),
                            n=len(two["reconciled"])), color="success", id="strategy-assessors-ok"), new_version
