"""Country report workbook for ministries: ``report("AZE", compare=["SGP", "EST", "KOR"])``.

One openpyxl :class:`~openpyxl.Workbook` with the sheets Summary, Scores, Trends, Comparison,
Gaps, Model, Strategy assessment, Robustness and Method & sources (names in the report's
language). Every figure is a *value* (no formulas, so LibreOffice and Excel show the same
thing); charts are native Excel charts over the workbook's own cells, so they stay editable.
Every sheet prints on A4 landscape, fitted to the page width, with repeated header rows and
page numbers. Key figures have workbook-level names (``EGDI``, ``EGDI_Rank``, ``EGDI_Group``,
``EGDI_Class``, ``EGDI_Change``, ``Country``, ``Edition``).

The *Model* sheet shows the readiness of each component of the country model
(:func:`assess.readiness.readiness`, against Singapore's model), the capabilities the reference models
have and this model lacks (:func:`assess.graph.align`), the structural checks and the reporting lines.
The *Strategy assessment* sheet scores the rubric answers with :func:`assess.rubric_scoring.score_rubric`
against Singapore's profile: dimensions, overall level and improvements ranked by gap × weight. In
Azerbaijani reports, country names come from the ``name_az`` column of :func:`assess.countries`.

Text that comes from files or users (model names, evidence) is neutralised by
:func:`assess.excel_safe.safe_text`; :func:`save_workbook` writes atomically. With
``fixed_date`` the document properties carry that date, so two runs give identical files.

Examples
--------
>>> wb = report("AZE", compare=["SGP", "EST", "KOR"], edition=2024)
>>> wb.sheetnames[:4]
['Summary', 'Scores', 'Trends', 'Comparison']
>>> ws, cell = next(wb.defined_names["EGDI"].destinations)
>>> wb[ws][cell].value, wb["Summary"]["B12"].value
(0.76073, 74)
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import ColorScaleRule, IconSetRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableStyleInfo

import assess.un as un
from assess.errors import Issue, ReportError
from assess.excel_safe import print_setup, safe_text, save_atomic, sheet_title
from assess.i18n import LANGS, name_in, t

__all__ = ["COMPONENTS", "DEFAULT_COMPARE", "report", "save_workbook", "write_report"]

#: Comparators used when none are given: the paper's reference (Singapore) and two leaders.
DEFAULT_COMPARE = ("SGP", "EST", "KOR")
COMPONENTS = ("osi", "hci", "tii", "epi")
SHORT = {"egdi": "EGDI", "osi": "OSI", "hci": "HCI", "tii": "TII", "epi": "EPI"}

NAVY = "1F4E79"
_HEAD_FILL = PatternFill("solid", fgColor=NAVY)
_KEY_FILL = PatternFill("solid", fgColor="DDEBF7")
_OWN_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
SCORE_FMT = "0.00000"  # the UN publishes five decimals
PCT_FMT = "0%"


# --------------------------------------------------------------------------- helpers
def _fail(where, message):
    raise ReportError("report", [Issue(where, message)])


def _head(ws, row, col, labels, widths=None, spans=None):
    """Header cells (white on navy, wrapped); the row grows to the longest wrapped label."""
    lines = 1
    for j, label in enumerate(labels):
        c = ws.cell(row, col + j, label)
        c.font, c.fill, c.border = Font(bold=True, color="FFFFFF"), _HEAD_FILL, _BORDER
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        if widths:
            ws.column_dimensions[get_column_letter(col + j)].width = widths[j]
        width = spans[j] if spans else ws.column_dimensions[get_column_letter(col + j)].width or 13
        per = max(int(width * 0.9) - 1, 1)  # bold text
        words, n, used = str(label).split(), 1, 0
        for w in words:
            if used and used + 1 + len(w) > per:
                n, used = n + 1, len(w)
            else:
                used += (1 if used else 0) + len(w)
            n += (len(w) - 1) // per  # a word longer than the column is broken
        lines = max(lines, n)
    if lines > 1:
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, 15 * lines)


def _rows(ws, row, col, rows, formats=None, highlight=None):
    """Write rows of values (text through safe_text); return the last row written."""
    r = row - 1
    for r, values in enumerate(rows, start=row):
        for j, v in enumerate(values):
            if isinstance(v, float) and np.isnan(v):
                v = None
            elif isinstance(v, np.integer):
                v = int(v)
            elif isinstance(v, np.floating):
                v = float(v)
            c = ws.cell(r, col + j, safe_text(v))
            c.border = _BORDER
            c.alignment = _WRAP if isinstance(v, str) else Alignment(vertical="top")
            if formats and formats[j]:
                c.number_format = formats[j]
            if highlight is not None and highlight(values):
                c.fill = _OWN_FILL
        _fit_height(ws, r, col, values)
    return r


def _fit_height(ws, r, col, values, *, line=14.5):
    """Set the row height from the wrapped text (LibreOffice does not grow rows when converting)."""
    lines = 1
    for j, v in enumerate(values):
        if not isinstance(v, str) or not v:
            continue
        width = ws.column_dimensions[get_column_letter(col + j)].width or 13
        per = max(int(width * 1.05), 1)
        lines = max(lines, sum(max(1, -(-len(part) // per)) for part in v.split("\n")))
    if lines > 1:
        ws.row_dimensions[r].height = line * lines


def _title(ws, text, sub=None):
    ws["A1"] = safe_text(text)
    ws["A1"].font = Font(bold=True, size=14, color=NAVY)
    if sub:
        ws["A2"] = safe_text(sub)
        ws["A2"].font = Font(italic=True, size=9, color="595959")


def _section(ws, row, text, col=1):
    c = ws.cell(row, col, safe_text(text))
    c.font = Font(bold=True, size=12, color=NAVY)
    return c


def _print(ws, header, title_rows=None, *, portrait=False):
    print_setup(ws, header, title_rows, portrait=portrait)


def _name(wb, name, ws, ref):
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")


def _group_label(g, lang):
    return t(f"group_{g}", lang) if isinstance(g, str) and g else ""


def _country_names(lang):
    """ISO3 → country name in ``lang`` (``name_az`` for Azerbaijani); ``{}`` for English, which uses
    the UN Survey spelling."""
    if lang != "az":
        return {}
    from assess.countries import countries

    c = countries().set_index("iso3")
    if "name_az" not in c.columns:
        return {}
    az = c["name_az"]
    return {k: str(v).strip() for k, v in az.items() if isinstance(v, str) and v.strip()}


# --------------------------------------------------------------------------- data
def _editions_table(units):
    """Published EGDI, components, rank, group and class of ``units`` in every edition."""
    frames = []
    for y in un.EDITIONS:
        p = un.published(y)
        a = p[p["assessed"]]
        g = un.un_groups(a["egdi"])
        k = un.rating_class(a["egdi"], groups=g)
        sel = a.reindex([u for u in units if u in a.index])
        d = sel[["country", "egdi", "egdi_rank", "osi", "hci", "tii", "epi"]].copy()
        d["group"], d["class"], d["year"], d["n"] = g.reindex(d.index), k.reindex(d.index), y, len(a)
        frames.append(d)
    out = pd.concat(frames)
    out.index.name = "iso3"
    return out.reset_index()


def _rank_targets(iso3, year, targets):
    """Smallest raise of one component (others fixed) reaching each target rank.

    Components are min-max images on [0, 1]; raising a country that holds no minimum up to 1
    moves no bound, so the EGDI moves by change/3 exactly and the needed EGDI is the EGDI of
    the country now at the target rank (ties share the best rank). For a country holding a
    component minimum, :func:`assess.whatif.smallest_change` (full re-normalisation) is used.
    """
    from assess.whatif import COMPONENTS as WCOMP
    from assess.whatif import smallest_change, un_state

    st = un_state(year)
    i = st.index(iso3)
    holds_min = bool((st.C[i] <= st.lo).any())
    e = np.round(st.egdi, st.decimals)
    rows = []
    for label, rank in targets:
        if holds_min:
            tb = smallest_change(iso3, year, rank=rank).table
            for c in WCOMP:
                rows.append((label, c, tb.loc[c, "current"], tb.loc[c, "needed"], tb.loc[c, "change"],
                             bool(tb.loc[c, "reachable"])))
            continue
        need_e = np.sort(e)[::-1][rank - 1]
        delta = max(3 * (need_e - e[i]), 0.0)
        for j, c in enumerate(WCOMP):
            cur = float(st.C[i, j])
            ok = cur + delta <= st.hi[j] + 1e-12
            rows.append((label, c, cur, round(cur + delta, 5) if ok else np.nan,
                         round(delta, 5) if ok else np.nan, ok))
    return pd.DataFrame(rows, columns=["target", "component", "current", "needed", "change", "reachable"])


def _country_model(iso3, model):
    from assess.frameworks import CountryModel, list_frameworks, load_framework

    if model is not None:
        m = model if isinstance(model, CountryModel) else load_framework(model)
        if not isinstance(m, CountryModel):
            _fail("model", f"must be a country model. Got a {m.kind!r} framework instead.")
        return m
    found = [f["id"] for f in list_frameworks() if f["kind"] == "country_model"]
    models = [load_framework(i) for i in found]
    mine = [m for m in models if m.country == iso3]
    for status in ("current", "reference", "proposal"):
        for m in mine:
            if m.status == status:
                return m
    return None


def _references(model):
    from assess.frameworks import list_frameworks, load_framework

    refs = []
    for f in list_frameworks():
        if f["kind"] == "country_model":
            m = load_framework(f["id"])
            if m.status == "reference" and m.id != getattr(model, "id", None):
                refs.append(m)
    return refs


def _strategy(assessment, lang):
    """``(rubric, answers, label)`` from a dict, a workbook path, a stored id or a profile id."""
    from assess.frameworks import load_framework

    if assessment is None:
        return None
    label = ""
    if isinstance(assessment, int) and not isinstance(assessment, bool):
        from assess.store import load_assessment

        a, label = load_assessment(assessment), f"#{assessment}"
    elif isinstance(assessment, str | Path) and Path(assessment).suffix.lower() in (".xlsx", ".xlsm"):
        from assess.workbook import read_assessment

        a, label = read_assessment(assessment), Path(assessment).name
    elif isinstance(assessment, str | Path) and Path(assessment).suffix.lower() == ".json":
        from assess import safeio

        label = Path(assessment).name
        a = safeio.load_json(assessment, source=label, error=ReportError)
        if not isinstance(a, dict) or not isinstance(a.get("answers", {}), dict):
            raise ReportError(label, [Issue("", "expected a JSON object {\"rubric\": id, \"answers\": "
                                                "{criterion: {\"level\": n, \"evidence\": text}}}.")])
    elif isinstance(assessment, str):
        rub = load_framework("strategic_structure")
        if assessment not in rub.profiles:
            _fail("assessment", f"expected a saved assessment, an .xlsx/.json file or a profile id "
                                f"({', '.join(sorted(rub.profiles))}). Got {assessment!r} instead.")
        a = {"rubric": rub.id, "answers": rub.profiles[assessment]}
        label = name_in(rub.profile_info.get(assessment, {}).get("name"), lang, assessment)
    else:
        a = dict(assessment)
        label = str(a.get("name", ""))
    rub = load_framework(a.get("rubric") or "strategic_structure")
    return rub, dict(a.get("answers") or {}), label


#: Short names of the composite frameworks, for "OECD DGI does not cover AZE".
FRAMEWORK_SHORT = {"oecd_dgi": "OECD DGI", "gtmi": "GTMI", "un_egdi": "UN EGDI", "epi": "UN EPI",
                   "eu_egov_benchmark": "EU eGovernment Benchmark"}
#: Reference model of the readiness gap (the paper's reference); another reference if the model is it.
READINESS_REFERENCE = "singapore"
#: Reference profile of the strategy rubric, and its country.
RUBRIC_REFERENCE, RUBRIC_COUNTRY = "singapore_dgb", "SGP"


def _fw_short(ref):
    fw = str(ref).partition(".")[0]
    return FRAMEWORK_SHORT.get(fw, fw.upper().replace("_", " "))


def _model_readiness(model, references, year):
    """``(reference model, readiness table)`` from :func:`assess.readiness.readiness`."""
    from assess.readiness import readiness

    ref = next((r for r in references if r.id == READINESS_REFERENCE), references[0] if references else None)
    return ref, readiness(model, year=year, reference=ref)


def _rubric_score(rub, answers):
    """:func:`assess.rubric_scoring.score_rubric` of the answered criteria against Singapore."""
    from assess.errors import ScoringError
    from assess.rubric_scoring import score_rubric

    given = {k: v for k, v in answers.items()
             if (v.get("level") if isinstance(v, dict) else v) is not None}
    profile = RUBRIC_REFERENCE if RUBRIC_REFERENCE in rub.profiles else next(iter(rub.profiles))
    try:
        return score_rubric(given, rubric=rub, profile_against=profile)
    except ScoringError as e:
        _fail("assessment", str(e))


def _merged_rows(ws, row, spans, rows, formats=None, *, small=False):
    """Write rows whose values span column ranges ``spans`` = [(first, last), ...] (merged when
    wider than one column); height from the wrapped text over the merged width (``small``: a 9 pt
    note). Return the last row."""
    line, factor = (12, 1.2) if small else (14.5, 0.95)
    r = row - 1
    widths = [sum(ws.column_dimensions[get_column_letter(c)].width or 13 for c in range(a, b + 1))
              for a, b in spans]
    for r, values in enumerate(rows, start=row):
        lines = 1
        for j, ((a, b), v) in enumerate(zip(spans, values, strict=True)):
            if isinstance(v, float) and np.isnan(v):
                v = None
            c = ws.cell(r, a, safe_text(v))
            c.alignment = _WRAP if isinstance(v, str) else Alignment(vertical="top")
            if formats and formats[j]:
                c.number_format = formats[j]
            for k in range(a, b + 1):
                ws.cell(r, k).border = _BORDER
            if b > a:
                ws.merge_cells(start_row=r, start_column=a, end_row=r, end_column=b)
            if isinstance(v, str) and v:
                per = max(int(widths[j] * factor), 1)
                lines = max(lines, sum(max(1, -(-len(part) // per)) for part in v.split("\n")))
        if lines > 1:
            ws.row_dimensions[r].height = line * lines
    return r


def _merged_head(ws, row, spans, labels):
    for (a, b), label in zip(spans, labels, strict=True):
        _head(ws, row, a, [label], spans=[sum(ws.column_dimensions[get_column_letter(c)].width or 13
                                              for c in range(a, b + 1))])
        for k in range(a + 1, b + 1):
            ws.cell(row, k).fill, ws.cell(row, k).border = _HEAD_FILL, _BORDER
        if b > a:
            ws.merge_cells(start_row=row, start_column=a, end_row=row, end_column=b)


# --------------------------------------------------------------------------- sheets
def _summary(wb, ctx):
    lang, iso3, y = ctx["lang"], ctx["iso3"], ctx["year"]
    ws = wb.active
    ws.title = sheet_title(t("sheet_summary", lang))
    name = ctx["names"].get(iso3, iso3)
    _title(ws, t("report_title", lang, country=name))
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 16
    for col in "CDEFGH":
        ws.column_dimensions[col].width = 14
    meta = [
        (t("country", lang), f"{name} ({iso3})"),
        (t("comparators", lang), ", ".join(f"{ctx['names'].get(c, c)} ({c})" for c in ctx["compare"]) or "-"),
        (t("editions", lang), f"UN E-Government Survey {y}; " + ", ".join(map(str, ctx["editions"]))),
        (t("sources", lang), "; ".join(ctx["sources"])),
        (t("date", lang), ctx["date"].date().isoformat()),
    ]
    for r, (k, v) in enumerate(meta, start=3):
        ws.cell(r, 1, k).font = Font(bold=True)
        c = ws.cell(r, 2, safe_text(v))
        c.alignment = Alignment(wrap_text=False, vertical="top")
    _name(wb, "Country", ws, "$B$3")
    row = 9
    _section(ws, row, t("headline", lang))
    cur, prev = ctx["cur"], ctx["prev"]
    head = [
        (t("egdi_long", lang), cur["egdi"], SCORE_FMT, "EGDI"),
        (t("rank", lang), int(cur["egdi_rank"]), "0", None),
        (t("group", lang), _group_label(cur["group"], lang), None, "EGDI_Group"),
        (t("class", lang), cur["class"], None, "EGDI_Class"),
    ]
    if prev is not None:
        head += [(t("change", lang, year=ctx["prev_year"]), round(float(cur["egdi"] - prev["egdi"]), 6), "+0.00000;-0.00000;0.00000",
                  "EGDI_Change"),
                 (t("rank_change", lang, year=ctx["prev_year"]), int(prev["egdi_rank"] - cur["egdi_rank"]),
                  "+0;-0;0", "EGDI_RankChange")]
    head += [(t(c, lang), cur[c], SCORE_FMT, None) for c in COMPONENTS]
    if ctx.get("gtmi") is not None:
        gy, gv, gg = ctx["gtmi"]
        head.append((f"{t('gtmi', lang)} {gy}", gv, SCORE_FMT, None))
        head.append((f"{t('group', lang)} GTMI {gy}", gg, None, None))
    # row 10 = EGDI, row 11 = rank: B11 is the rank (doctest above reads B12 after the header)
    _head(ws, row + 1, 1, [t("col_item", lang), t("col_value", lang)])
    r = row + 2
    for label, value, fmt, nm in head:
        ws.cell(r, 1, label).border = _BORDER
        c = ws.cell(r, 2, safe_text(float(value) if isinstance(value, float | np.floating) else value))
        c.border, c.font, c.fill = _BORDER, Font(bold=True), _KEY_FILL
        c.alignment = Alignment(horizontal="right")
        if fmt:
            c.number_format = fmt
        if nm:
            _name(wb, nm, ws, f"$B${r}")
        if label == t("rank", lang):
            _name(wb, "EGDI_Rank", ws, f"$B${r}")
            ws.cell(r, 3, t("rank_of", lang, rank=int(value), n=int(cur["n"]))).font = Font(italic=True, color="595959")
        r += 1
    _name(wb, "Edition", ws, "$B$5")
    r += 1
    _section(ws, r, t("narrative", lang))
    r += 1
    for para in ctx["narrative"]:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
        c = ws.cell(r, 1, safe_text(para))
        c.alignment = _WRAP
        ws.row_dimensions[r].height = 15 * (1 + len(para) // 120)
        r += 1
    _print(ws, ctx["header"], portrait=False)
    return ws


def _scores(wb, ctx):
    lang = ctx["lang"]
    ws = wb.create_sheet(sheet_title(t("sheet_scores", lang), wb.sheetnames))
    d = ctx["table"].sort_values(["year", "egdi_rank"], ascending=[False, True])
    heads = [t("col_iso3", lang), t("col_country", lang), t("col_year", lang), "EGDI", t("rank", lang),
             t("group", lang), t("class", lang).split(" (")[0], "OSI", "HCI", "TII", "EPI"]
    _head(ws, 1, 1, heads, [8, 26, 9, 10, 8, 12, 8, 10, 10, 10, 10])
    rows = [(r.iso3, ctx["names"].get(r.iso3, r.country), int(r.year), r.egdi, int(r.egdi_rank), _group_label(r.group, lang), r["class"],
             r.osi, r.hci, r.tii, r.epi) for _, r in d.iterrows()]
    fmts = [None, None, "0", SCORE_FMT, "0", None, None, SCORE_FMT, SCORE_FMT, SCORE_FMT, SCORE_FMT]
    last = _rows(ws, 2, 1, rows, fmts)
    ref = f"A1:K{last}"
    tab = Table(displayName="Scores", ref=ref)
    tab.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True, showColumnStripes=False)
    ws.add_table(tab)
    for col in "HIJK":
        ws.conditional_formatting.add(f"{col}2:{col}{last}", ColorScaleRule(
            start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=0.5,
            mid_color="FFEB84", end_type="num", end_value=1, end_color="63BE7B"))
    ws.conditional_formatting.add(f"D2:D{last}", IconSetRule("4TrafficLights", "num", [0, 0.25, 0.5, 0.75],
                                                             showValue=True))
    ws.freeze_panes = "C2"
    _print(ws, ctx["header"], "1:1")
    ctx["scores_ref"] = ref
    return ws


def _trends(wb, ctx):
    lang = ctx["lang"]
    ws = wb.create_sheet(sheet_title(t("sheet_trends", lang), wb.sheetnames))
    _title(ws, t("trend_title", lang), t("note_break", lang))
    units = ctx["units"]
    d = ctx["table"]
    years = [y for y in ctx["editions"]]
    top = 4
    ws.column_dimensions["A"].width = 10
    _head(ws, top, 1, [t("col_year", lang)] + list(units), [10] + [9] * len(units))
    egdi = d.pivot(index="year", columns="iso3", values="egdi").reindex(index=years, columns=units)
    rank = d.pivot(index="year", columns="iso3", values="egdi_rank").reindex(index=years, columns=units)
    last = _rows(ws, top + 1, 1, [[y, *egdi.loc[y].tolist()] for y in years],
                 ["0"] + [SCORE_FMT] * len(units))
    rtop = last + 2
    _section(ws, rtop, t("rank_title", lang))
    _head(ws, rtop + 1, 1, [t("col_year", lang)] + list(units))
    rlast = _rows(ws, rtop + 2, 1, [[y, *rank.loc[y].tolist()] for y in years], ["0"] + ["0"] * len(units))
    ncol = len(units) + 1
    anchor_col = get_column_letter(ncol + 2)
    for k, (title, first, lastrow, reverse) in enumerate(
            [(t("trend_title", lang), top, last, False), (t("rank_title", lang), rtop + 1, rlast, True)]):
        ch = LineChart()
        ch.title = title
        ch.height, ch.width = 7.5, 17
        ch.y_axis.title = "EGDI" if not reverse else t("rank", lang)
        ch.y_axis.numFmt = "0.00" if not reverse else "0"
        ch.y_axis.majorGridlines = None if reverse else ch.y_axis.majorGridlines
        if reverse:
            ch.y_axis.scaling.orientation = "maxMin"
        else:
            ch.y_axis.scaling.min, ch.y_axis.scaling.max = 0, 1
        ch.y_axis.delete = False
        ch.x_axis.delete = False
        ch.add_data(Reference(ws, min_col=2, max_col=ncol, min_row=first, max_row=lastrow), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=lastrow))
        for series in ch.series:
            series.smooth = False
        ch.legend.position = "b"
        ws.add_chart(ch, f"{anchor_col}{4 + 16 * k}")
    _print(ws, ctx["header"])
    return ws


def _comparison(wb, ctx):
    lang, y = ctx["lang"], ctx["year"]
    ws = wb.create_sheet(sheet_title(t("sheet_comparison", lang), wb.sheetnames))
    _title(ws, t("comp_title", lang, year=y))
    cur = ctx["table"][ctx["table"]["year"] == y].set_index("iso3").reindex(ctx["units"])
    comps = ["egdi", "osi", "hci", "tii", "epi"]
    top = 3
    _head(ws, top, 1, [t("col_component", lang)] + list(ctx["units"]), [12] + [9] * len(ctx["units"]))
    rows = [[SHORT[c], *cur[c].tolist()] for c in comps]
    last = _rows(ws, top + 1, 1, rows, [None] + [SCORE_FMT] * len(ctx["units"]))
    ncol = len(ctx["units"]) + 1
    ch = BarChart()
    ch.type = "col"
    ch.grouping = "clustered"
    ch.title = t("comp_title", lang, year=y)
    ch.height, ch.width = 9, 22
    ch.y_axis.scaling.min, ch.y_axis.scaling.max = 0, 1
    ch.y_axis.numFmt = "0.0"
    ch.y_axis.delete = False
    ch.x_axis.delete = False
    ch.add_data(Reference(ws, min_col=2, max_col=ncol, min_row=top, max_row=last), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    ch.legend.position = "b"
    ws.add_chart(ch, f"A{last + 2}")
    _print(ws, ctx["header"])
    return ws


def _gaps(wb, ctx):
    from assess.gaps import gap

    lang, iso3, y = ctx["lang"], ctx["iso3"], ctx["year"]
    ws = wb.create_sheet(sheet_title(t("sheet_gaps", lang), wb.sheetnames))
    _title(ws, t("gaps_title", lang, year=y), t("gap_contrib", lang) + ": (reference - own) / 3")
    refs = [c for c in ctx["compare"] if c != iso3] + ["frontier"] + (["next_group"] if ctx["cur"]["group"] != "VH" else [])
    rows = []
    for ref in refs:
        try:
            g = gap(iso3, ref, years=[y]).loc[y]
        except Exception:  # reference not assessed in this edition
            continue
        label = f"{ctx['names'].get(ref, ref)} ({ref})" if len(ref) == 3 else ref
        rows.append([label, g["ref_egdi"], g["gap"], g["osi_part"], g["hci_part"], g["tii_part"], g["residual"],
                     g["epi_gap"]])
    heads = [t("col_reference", lang), "EGDI", t("col_gap_egdi", lang), "OSI", "HCI", "TII", "residual", "EPI"]
    top = 4
    _head(ws, top, 1, heads, [30, 10, 11, 10, 10, 10, 10, 10])
    last = _rows(ws, top + 1, 1, rows, [None] + [SCORE_FMT] * 7)
    ctx["gap_rows"] = rows
    if rows:
        ch = BarChart()
        ch.type = "bar"
        ch.grouping = "stacked"
        ch.overlap = 100
        ch.title = t("gap_contrib", lang)
        ch.height, ch.width = 7.5, 16
        ch.add_data(Reference(ws, min_col=4, max_col=6, min_row=top, max_row=last), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
        ch.y_axis.numFmt = "0.00"
        ch.y_axis.delete = False
        ch.x_axis.delete = False
        ch.legend.position = "b"
        ws.add_chart(ch, f"J{top}")
    r = max(last + 2, top + 17)
    _section(ws, r, t("target_title", lang))
    tt = ctx["targets"]
    _head(ws, r + 1, 1, [t("col_target", lang), t("col_component", lang), t("col_current", lang),
                         t("col_needed", lang), t("col_change", lang), t("col_reachable", lang)])
    rows = [[x.target, SHORT[x.component], x.current, x.needed, x.change, t("yes" if x.reachable else "no", lang)]
            for x in tt.itertuples()]
    _rows(ws, r + 2, 1, rows, [None, None, SCORE_FMT, SCORE_FMT, "+0.0000", None])
    _print(ws, ctx["header"], f"{top}:{top}")
    return ws


def _cname(ctx, iso3, default=""):
    """Name of any country in the report's language (``Singapore``/``Sinqapur``), else ``default``."""
    if iso3 in ctx["names"]:
        return ctx["names"][iso3]
    from assess.countries import countries

    c = countries().set_index("iso3")
    if iso3 not in c.index:
        return default or iso3
    az = c.loc[iso3].get("name_az")
    return az if ctx["lang"] == "az" and isinstance(az, str) and az else str(c.loc[iso3, "name"])


def _model(wb, ctx):
    lang = ctx["lang"]
    ws = wb.create_sheet(sheet_title(t("sheet_model", lang), wb.sheetnames))
    m = ctx["model"]
    widths = [34, 12, 13, 13, 10, 30, 30, 34]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    if m is None:
        _title(ws, t("sheet_model", lang), t("model_none", lang))
        _print(ws, ctx["header"])
        return ws
    from assess.graph import align, build_graph, check_graph

    G = build_graph(m)
    _title(ws, t("model_title", lang, name=name_in(m.name, lang, m.id)), f"{m.id} · {m.status} · {m.as_of}")
    own_names = {n.id: name_in(n.name, lang, n.id) for n in m.nodes}
    ref, rd = ctx["readiness"]
    ncol = len(widths)
    r = 4
    if ref is not None:
        ref_label = _cname(ctx, ref.country, name_in(ref.name, lang, ref.id))
        ref_names = {n.id: name_in(n.name, lang, n.id) for n in ref.nodes}
        _section(ws, r, t("readiness", lang, ref=name_in(ref.name, lang, ref.id)))
        _merged_rows(ws, r + 1, [(1, ncol)], [[t("readiness_note", lang, year=ctx["year"], ref=ref_label)]],
                     small=True)
        ws.cell(r + 1, 1).font = Font(italic=True, size=9, color="595959")
        head = r + 2
        _head(ws, head, 1, [t("col_component_name", lang), t("col_type", lang), t("col_readiness", lang),
                            t("col_ref_readiness", lang, ref=ref_label), t("col_gap", lang),
                            t("col_indicators", lang), t("col_ref_components", lang, ref=ref_label),
                            t("col_missing", lang)])
        measured = rd[rd["indicators"].map(len) > 0]
        rows = []
        for x in measured.itertuples():
            used = [part.replace(": ", " (") + ")" for part in x.years.split("; ") if part]
            missing = list(dict.fromkeys(t("not_covered", lang, source=_fw_short(i), iso3=m.country)
                                         for i in x.missing))
            rows.append([own_names.get(x.node, x.name), x.type, x.readiness, x.reference_readiness, x.gap,
                         "\n".join(used), ", ".join(ref_names.get(n, n) for n in x.reference_nodes),
                         "\n".join(missing)])
        last = _rows(ws, head + 1, 1, rows, [None, None, "0.000", "0.000", "+0.000;-0.000;0.000", None, None, None])
        for rr in range(head + 1, last + 1):
            for cc in (6, 7, 8):
                ws.cell(rr, cc).alignment = Alignment(wrap_text=True, vertical="top", indent=1)
        if rows:
            ws.conditional_formatting.add(f"E{head + 1}:E{last}", ColorScaleRule(
                start_type="num", start_value=-0.25, start_color="63BE7B", mid_type="num", mid_value=0,
                mid_color="FFFFFF", end_type="num", end_value=0.25, end_color="F8696B"))
            ws.conditional_formatting.add(f"C{head + 1}:D{last}", ColorScaleRule(
                start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=0.5,
                mid_color="FFEB84", end_type="num", end_value=1, end_color="63BE7B"))
        r = last + 1
        unmeasured = [own_names.get(n, n) for n in rd.loc[rd["indicators"].map(len) == 0, "node"]]
        if unmeasured:
            _merged_rows(ws, r, [(1, ncol)], [[t("model_unmeasured", lang, n=len(unmeasured),
                                                 names=", ".join(unmeasured))]], small=True)
            ws.cell(r, 1).font = Font(italic=True, size=9, color="595959")
            r += 1
        r += 1
        ws.row_breaks.append(Break(id=r - 1))  # capability gaps and findings on their own page
    _section(ws, r, t("model_gaps", lang))
    spans = [(1, 1), (2, ncol)]
    _merged_head(ws, r + 1, spans, [t("col_capability", lang), t("col_in_reference", lang)])
    missing = {}
    for other in ctx["references"]:
        names = {n.id: name_in(n.name, lang, n.id) for n in other.nodes}
        for cap, nodes in align(build_graph(other), G)["only_a"].items():
            missing.setdefault(cap, []).append(
                f"{_cname(ctx, other.country, other.id)}: " + ", ".join(names.get(n, n) for n in nodes))
    r = _merged_rows(ws, r + 2, spans, [[c, "; ".join(v)] for c, v in sorted(missing.items())]) + 2
    _section(ws, r, t("findings", lang))
    issues = check_graph(G)
    r = _merged_rows(ws, r + 1, [(1, ncol)], [[str(i)] for i in issues] or [[t("finding_ok", lang)]]) + 2
    ws.row_breaks.append(Break(id=r - 1))  # the long reporting-lines table starts a page
    _section(ws, r, t("reporting_lines", lang))
    reports = {}
    for rel in m.relations:
        if rel.type == "reports_to":
            reports.setdefault(rel.source, []).append(rel.target)
    spans = [(1, 1), (2, 2), (3, 4), (5, 5), (6, 6), (7, 7), (8, 8)]
    _merged_head(ws, r + 1, spans, [t("col_name", lang), t("col_type", lang), t("col_id", lang),
                                    t("col_verified", lang), t("col_reports_to", lang),
                                    t("col_capabilities", lang), t("col_source", lang)])
    rows = [[own_names[n.id], n.type, n.id, t("yes" if n.verified else "no", lang), ", ".join(reports.get(n.id, [])),
             ", ".join(n.capabilities), n.source or ""] for n in m.nodes]
    _merged_rows(ws, r + 2, spans, rows)
    _print(ws, ctx["header"])
    return ws


def _strategy_sheet(wb, ctx):
    lang = ctx["lang"]
    ws = wb.create_sheet(sheet_title(t("sheet_strategy", lang), wb.sheetnames))
    for j, w in enumerate([26, 34, 10, 20, 62, 11, 11], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    s = ctx["strategy"]
    if s is None:
        _title(ws, t("strategy_title", lang), t("strategy_none", lang))
        _print(ws, ctx["header"])
        return ws
    rub, answers, label = s
    sc = ctx["rubric"]
    _title(ws, t("strategy_title", lang) + (f": {label}" if label else ""), name_in(rub.name, lang, rub.id))
    dims = {d.id: d for d in rub.dimensions}
    crits = {c.id: c for c in rub.criteria}
    top_level = max(rub.levels)
    ref_label = _cname(ctx, RUBRIC_COUNTRY, RUBRIC_REFERENCE)
    ref = rub.profiles.get(RUBRIC_REFERENCE, {})

    def dim_name(d):
        return name_in(dims[d].name, lang, d) if d in dims else d

    def level_name(lv):
        return name_in(rub.levels.get(int(lv), {}).get("name"), lang, "") if lv is not None else ""

    top = 4
    _head(ws, top, 1, [t("col_dimension", lang), t("col_criterion", lang), t("col_level", lang),
                       t("col_level_name", lang), t("col_evidence", lang), "SGP"])
    rows = []
    for c in rub.criteria:
        a = answers.get(c.id) or {}
        a = a if isinstance(a, dict) else {"level": a}
        lv = a.get("level")
        rows.append([dim_name(c.dimension), name_in(c.name, lang, c.id), lv, level_name(lv),
                     a.get("evidence") or "", (ref.get(c.id) or {}).get("level")])
    last = _rows(ws, top + 1, 1, rows, [None, None, "0", None, None, "0"])
    _center(ws, top + 1, last, (3, 6))
    ws.conditional_formatting.add(f"C{top + 1}:C{last}", ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=top_level / 2,
        mid_color="FFEB84", end_type="num", end_value=top_level, end_color="63BE7B"))
    # dimensions against the reference profile (assess.rubric_scoring.score_rubric)
    r = last + 2
    _section(ws, r, t("dim_title", lang, top=top_level, ref=ref_label))
    _head(ws, r + 1, 1, [t("col_dimension", lang), t("col_score_level", lang, top=top_level), ref_label,
                         t("col_gap", lang)])
    d = sc["dimensions"].reindex([x.id for x in rub.dimensions if x.id in sc["dimensions"].index])
    drows = [[dim_name(k), v.score, v.reference, v.gap] for k, v in d.iterrows()]
    fmts = [None, "0.00", "0.00", "+0.00;-0.00;0.00"]
    dlast = _rows(ws, r + 2, 1, drows, fmts)
    w = pd.Series({x.id: x.weight for x in rub.dimensions}).reindex(d.index).fillna(1.0)
    ref_overall = float((d["reference"] * w).sum() / w.sum()) if len(d) else float("nan")
    olast = _rows(ws, dlast + 1, 1, [[t("overall", lang), sc["overall"], ref_overall, ref_overall - sc["overall"]]],
                  fmts)
    lvl = sc["overall_level"]
    _rows(ws, olast + 1, 1, [[t("overall_level", lang), f"{lvl} ({level_name(lvl)})", "", ""]])
    for row in (olast, olast + 1):
        for col in range(1, 5):
            ws.cell(row, col).font = Font(bold=True)
            ws.cell(row, col).fill = _KEY_FILL
    if drows:
        ch = BarChart()
        ch.type = "bar"
        ch.grouping = "clustered"
        ch.title = t("dim_chart", lang, top=top_level)
        ch.height, ch.width = 7.5, 15
        ch.y_axis.scaling.min, ch.y_axis.scaling.max = 0, top_level
        ch.y_axis.majorUnit = 1
        ch.y_axis.numFmt = "0"
        ch.y_axis.delete = False
        ch.x_axis.delete = False
        ch.x_axis.scaling.orientation = "maxMin"  # first dimension on top, as in the table
        ch.y_axis.crosses = "max"  # ... and the value axis at the bottom
        ch.add_data(Reference(ws, min_col=2, max_col=3, min_row=r + 1, max_row=dlast), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=r + 2, max_row=dlast))
        ch.legend.position = "b"
        ws.add_chart(ch, f"E{r + 1}")
    # improvements ranked by gap x weight
    r = max(olast + 3, r + 17)
    ws.row_breaks.append(Break(id=r - 1))  # the ranked improvements start a page, with their own header
    _section(ws, r, t("improve_title", lang))
    _head(ws, r + 1, 1, [t("col_dimension", lang), t("col_criterion", lang), t("col_level", lang),
                         t("col_next_level", lang), t("col_next_evidence", lang), "SGP", t("col_priority", lang)])
    rows = []
    for cid, x in sc["improvements"].iterrows():
        c = crits[cid]
        nxt = min(int(x.level) + 1, top_level)
        text = name_in(c.levels.get(nxt) or c.levels.get(str(nxt)), lang, x.next_level_evidence or "")
        rows.append([dim_name(c.dimension), name_in(c.name, lang, cid), int(x.level), f"{nxt} ({level_name(nxt)})",
                     text, int(x.reference), x.priority])
    if not rows:
        rows = [[t("no_improvements", lang, ref=ref_label), "", None, "", "", None, None]]
    ilast = _rows(ws, r + 2, 1, rows, [None, None, "0", None, None, "0", "0.00"])
    _center(ws, r + 2, ilast, (3, 6))
    if sc["unanswered"]:
        names = ", ".join(name_in(crits[c].name, lang, c) for c in sc["unanswered"] if c in crits)
        ws.merge_cells(start_row=ilast + 1, start_column=1, end_row=ilast + 1, end_column=7)
        c = ws.cell(ilast + 1, 1, safe_text(t("unanswered", lang, names=names)))
        c.font, c.alignment = Font(italic=True, size=9, color="595959"), _WRAP
        ws.row_dimensions[ilast + 1].height = 14.5 * (1 + len(c.value) // 190)
    _print(ws, ctx["header"])
    return ws


def _center(ws, first, last, cols):
    for r in range(first, last + 1):
        for c in cols:
            ws.cell(r, c).alignment = Alignment(horizontal="center", vertical="top")


def _robustness(wb, ctx):
    from assess.uncertainty import uncertainty

    lang, y = ctx["lang"], ctx["year"]
    ws = wb.create_sheet(sheet_title(t("sheet_robustness", lang), wb.sheetnames))
    n = 2000
    u = uncertainty(year=y, n=n, seed=0).table
    _title(ws, t("robust_title", lang, n=n), t("m_robust_text", lang))
    top = 4
    _head(ws, top, 1, [t("col_iso3", lang), t("col_country", lang), t("col_published_rank", lang),
                       t("col_rank_low", lang), t("col_rank_median", lang), t("col_rank_high", lang)],
          [8, 28, 12, 14, 12, 14])
    cur = ctx["table"][ctx["table"]["year"] == y].set_index("iso3")
    rows = [[c, ctx["names"].get(c, c), int(cur.loc[c, "egdi_rank"]), u.loc[c, "p5"], u.loc[c, "median_rank"],
             u.loc[c, "p95"]] for c in ctx["units"] if c in u.index and c in cur.index]
    _rows(ws, top + 1, 1, rows, [None, None, "0", "0", "0", "0"], highlight=lambda v: v[0] == ctx["iso3"])
    _print(ws, ctx["header"], f"{top}:{top}")
    return ws


def _method(wb, ctx):
    from assess.datasets import DATASETS
    from assess.trends import method_breaks

    lang = ctx["lang"]
    ws = wb.create_sheet(sheet_title(t("sheet_method", lang), wb.sheetnames))
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 46
    ws.column_dimensions["C"].width = 40
    ws.column_dimensions["D"].width = 44
    _title(ws, t("method_title", lang))
    _head(ws, 3, 1, [t("col_item", lang), t("col_text", lang)])
    ws.merge_cells("B3:D3")
    items = [(t(k, lang), t(k + "_text", lang)) for k in ("m_formula", "m_weights", "m_norm", "m_groups",
                                                           "m_ranks", "m_robust", "m_caveats")]
    brk = method_breaks()
    items += [(f"{y}", note) for y, (is_break, note) in sorted(brk.items()) if is_break and note]
    items += [(f"{y}", note) for y, note in sorted(un.EXCEPTIONS.items())]
    r = 4
    for k, v in items:
        a = ws.cell(r, 1, safe_text(k))
        a.font, a.alignment = Font(bold=True), Alignment(vertical="top")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        c = ws.cell(r, 2, safe_text(v))
        c.alignment = _WRAP
        ws.row_dimensions[r].height = 15 * (1 + len(v) // 110)
        r += 1
    r += 1
    _section(ws, r, t("sources", lang))
    _head(ws, r + 1, 1, [t("col_dataset", lang), t("col_title", lang), t("col_publisher", lang),
                         t("col_licence", lang)])
    rows = [[d, DATASETS[d].title + "\n" + DATASETS[d].url, DATASETS[d].publisher, DATASETS[d].licence]
            for d in ctx["source_ids"] if d in DATASETS]
    _rows(ws, r + 2, 1, rows)
    ws.cell(r + 3 + len(rows), 1, t("generated_by", lang, version=ctx["version"])).font = Font(
        italic=True, size=8, color="595959")
    _print(ws, ctx["header"])
    return ws


# --------------------------------------------------------------------------- narrative
def _narrative(ctx):
    lang, iso3, cur = ctx["lang"], ctx["iso3"], ctx["cur"]
    names = ctx["names"]
    out = [t("narr_stand", lang, year=ctx["year"], country=names.get(iso3, iso3), egdi=float(cur["egdi"]),
             rank=int(cur["egdi_rank"]), n=int(cur["n"]), group=_group_label(cur["group"], lang), klass=cur["class"])]
    prev = ctx["prev"]
    if prev is not None:
        out.append(t("narr_change", lang, prev=ctx["prev_year"], delta=float(cur["egdi"] - prev["egdi"]),
                     drank=int(prev["egdi_rank"] - cur["egdi_rank"])))
    peers = ctx["table"][(ctx["table"]["year"] == ctx["year"]) & ctx["table"]["iso3"].isin(ctx["compare"])]
    if len(peers):
        ahead = int((peers["egdi"] < cur["egdi"]).sum())
        behind = int((peers["egdi"] > cur["egdi"]).sum())
        out.append(t("narr_peers", lang, peers=", ".join(peers["iso3"]), ahead=ahead, behind=behind))
        best = peers.sort_values("egdi", ascending=False).iloc[0]
        if best["egdi"] > cur["egdi"]:
            gaps = {c: float(best[c] - cur[c]) for c in ("osi", "hci", "tii")}
            comp = max(gaps, key=gaps.get)
            out.append(t("narr_gap", lang, leader=names.get(best["iso3"], best["iso3"]), comp=SHORT[comp],
                         gap=gaps[comp]))
    tt = ctx["targets"]
    if not len(tt):
        out.append(t("narr_top", lang, target=10))
    else:
        first = tt["target"].iloc[0]
        sub = tt[(tt["target"] == first) & tt["reachable"]]
        target_rank = ctx["target_ranks"][0]
        if len(sub):
            best = sub.sort_values("change").iloc[0]
            out.append(t("narr_move", lang, comp=SHORT[best["component"]], needed=float(best["needed"]),
                         change=float(best["change"]), target=int(target_rank)))
        else:
            out.append(t("narr_unreachable", lang, target=int(target_rank)))
    if ctx.get("readiness") and ctx["readiness"][0] is not None:
        ref, rd = ctx["readiness"]
        m = ctx["model"]
        model_name, ref_name = name_in(m.name, lang, m.id), _cname(ctx, ref.country, ref.id)
        gaps = rd.dropna(subset=["gap"])
        if len(gaps) and gaps["gap"].max() > 0:
            g = gaps.loc[gaps["gap"].idxmax()]
            comp = name_in(next((n.name for n in m.nodes if n.id == g["node"]), None), lang, g["name"])
            out.append(t("narr_model_gap", lang, model=model_name, ref=ref_name, component=comp,
                         own=float(g["readiness"]), ref_value=float(g["reference_readiness"]), gap=float(g["gap"])))
        elif len(gaps):
            out.append(t("narr_model_ahead", lang, model=model_name, ref=ref_name))
    if ctx.get("rubric"):
        rub, _, label = ctx["strategy"]
        sc = ctx["rubric"]
        top = max(rub.levels)
        lvl = sc["overall_level"]
        d = sc["dimensions"]
        w = pd.Series({x.id: x.weight for x in rub.dimensions}).reindex(d.index).fillna(1.0)
        ref_name = _cname(ctx, RUBRIC_COUNTRY, RUBRIC_REFERENCE)
        out.append(t("narr_strategy", lang, label=f" “{label}”" if label else "", level=lvl,
                     level_name=name_in(rub.levels.get(lvl, {}).get("name"), lang, ""), score=float(sc["overall"]),
                     top=top, ref=ref_name, ref_score=float((d["reference"] * w).sum() / w.sum())))
        crits = {c.id: c for c in rub.criteria}
        imp = [(name_in(crits[k].name, lang, k), int(x.level), int(x.reference))
               for k, x in sc["improvements"].head(2).iterrows()]
        if len(imp) == 2:
            (a, l1, r1), (b, l2, r2) = imp
            out.append(t("narr_improve", lang, first=a, l1=l1, r1=r1, second=b, l2=l2, r2=r2))
        elif imp:
            (a, l1, r1), = imp
            out.append(t("narr_improve_one", lang, first=a, l1=l1, r1=r1))
    return out


# --------------------------------------------------------------------------- entry points
def report(country, compare=None, edition=None, lang="en", assessment=None, fixed_date=None, *,
           model=None) -> Workbook:
    """Build the country report workbook.

    Parameters
    ----------
    country : str
        ISO3 code of the country (e.g. ``"AZE"``).
    compare : list of str, optional
        ISO3 codes of comparators (default :data:`DEFAULT_COMPARE`).
    edition : int, optional
        UN E-Government Survey edition (default: the latest, 2024).
    lang : {"en", "az"}
        Language of labels and narrative.
    assessment : dict, str, Path or int, optional
        Strategy assessment for the *Strategy assessment* sheet: the dict returned by
        :func:`assess.workbook.read_assessment`, a filled template (``.xlsx``) or ``.json`` file, a
        saved assessment id (:mod:`assess.store`) or a profile id of the rubric
        (``"azerbaijan_2003_2012"``).
    fixed_date : datetime, optional
        Report date and created/modified document properties (for identical output).
    model : str or CountryModel, optional
        Country model for the *Model* sheet (default: the bundled model of the country,
        current state first).

    Returns
    -------
    openpyxl.Workbook

    Examples
    --------
    >>> wb = report("AZE", compare=["SGP"], lang="az")
    >>> wb.sheetnames[0], wb["Xülasə"]["A1"].value
    ('Xülasə', 'Elektron hökumətin qiymətləndirilməsi: Azərbaycan')
    >>> report("XXX")
    Traceback (most recent call last):
    ...
    assess.errors.ReportError: report: 1 problem
      country: 'XXX' was not assessed in the UN E-Government Survey 2024. Expected an ISO3 code such as 'AZE'.
    """
    import assess

    if lang not in LANGS:
        _fail("lang", f"must be one of {list(LANGS)}. Got {lang!r} instead.")
    year = int(edition) if edition is not None else un.EDITIONS[-1]
    if year not in un.EDITIONS:
        _fail("edition", f"must be one of {list(un.EDITIONS)}. Got {edition!r} instead.")
    iso3 = str(country).strip().upper()
    p = un.published(year)
    assessed = set(p.index[p["assessed"]])
    if iso3 not in assessed:
        _fail("country", f"{country!r} was not assessed in the UN E-Government Survey {year}. "
                         "Expected an ISO3 code such as 'AZE'.")
    comps = [str(c).strip().upper() for c in (DEFAULT_COMPARE if compare is None else compare)]
    unknown = [c for c in comps if c not in p.index]
    if unknown:
        _fail("compare", f"unknown ISO3 code(s) {unknown}. Expected codes of UN member states.")
    comps = [c for c in dict.fromkeys(comps) if c != iso3]
    units = [iso3, *comps]
    date = fixed_date or _dt.datetime.now().replace(microsecond=0)
    table = _editions_table(units)
    mine = table[table["iso3"] == iso3].set_index("year")
    cur = mine.loc[year]
    eds = [y for y in un.EDITIONS if y in mine.index]
    prev_year = max([y for y in eds if y < year], default=None)
    names = {u: str(table.loc[table["iso3"] == u, "country"].iloc[-1]).strip() for u in units if (table["iso3"] == u).any()}
    local = _country_names(lang)
    names = {u: local.get(u, v) for u, v in names.items()}
    ctx = {"lang": lang, "iso3": iso3, "year": year, "compare": comps, "units": units, "table": table,
           "cur": cur, "prev": mine.loc[prev_year] if prev_year else None, "prev_year": prev_year,
           "editions": [y for y in un.EDITIONS if y <= year], "names": names, "date": date,
           "version": assess.__version__, "source_ids": ["un_egov", "wb_gtmi"]}
    from assess.datasets import DATASETS

    ctx["sources"] = [DATASETS[s].publisher.split(",")[0] + f" ({s})" for s in ctx["source_ids"] if s in DATASETS]
    ctx["header"] = f"{names.get(iso3, iso3)} · EGDI {year}"
    try:
        g = un.published_gtmi(2022)
        if iso3 in g.index:
            ctx["gtmi"] = (2022, float(g.loc[iso3, "gtmi"]), str(g.loc[iso3, "group"]))
    except Exception:
        ctx["gtmi"] = None
    # targets: ranks of comparators ahead, then round milestones
    rank = int(cur["egdi_rank"])
    ahead = sorted({int(r) for r in table[(table["year"] == year) & table["iso3"].isin(comps)]["egdi_rank"]
                    if int(r) < rank})
    milestones = [m for m in (50, 25, 10) if m < rank]
    target_ranks = sorted(set(milestones[:1] + [ahead[-1]] if ahead else milestones[:1]) | set(milestones),
                          reverse=True)
    ctx["target_ranks"] = target_ranks
    ctx["targets"] = _rank_targets(iso3, year, [(t("target_rank", lang, rank=r), r) for r in target_ranks])
    ctx["model"] = _country_model(iso3, model)
    ctx["references"] = _references(ctx["model"]) if ctx["model"] is not None else []
    ctx["readiness"] = _model_readiness(ctx["model"], ctx["references"], year) if ctx["model"] is not None else None
    ctx["strategy"] = _strategy(assessment, lang)
    ctx["rubric"] = _rubric_score(*ctx["strategy"][:2]) if ctx["strategy"] is not None else None
    ctx["narrative"] = _narrative(ctx)

    wb = Workbook()
    _summary(wb, ctx)
    _scores(wb, ctx)
    _trends(wb, ctx)
    _comparison(wb, ctx)
    _gaps(wb, ctx)
    _model(wb, ctx)
    _strategy_sheet(wb, ctx)
    _robustness(wb, ctx)
    _method(wb, ctx)
    props = wb.properties
    props.title = t("report_title", lang, country=names.get(iso3, iso3))
    props.subject = f"EGDI {year}: {iso3} vs {', '.join(comps)}"
    props.creator = props.lastModifiedBy = "egov-assess"
    props.keywords = f"e-government; EGDI; {iso3}; {year}"
    props.description = "Generated by egov-assess from the bundled published data (see Method & sources)."
    props.language = lang
    props.created = props.modified = date
    if fixed_date is not None:
        wb.fixed_date = fixed_date
    wb.active = 0
    return wb


def save_workbook(wb, path) -> Path:
    """Save ``wb`` to ``path`` atomically (temporary file, then rename); return the path.

    Examples
    --------
    >>> import tempfile
    >>> save_workbook(Workbook(), Path(tempfile.mkdtemp()) / "r.xlsx").name
    'r.xlsx'
    """
    return save_atomic(wb, path)


def write_report(path, country, **kw) -> Path:
    """``save_workbook(report(country, **kw), path)``.

    Examples
    --------
    >>> import tempfile
    >>> write_report(Path(tempfile.mkdtemp()) / "aze.xlsx", "AZE", compare=["SGP"]).exists()
    True
    """
    return save_workbook(report(country, **kw), path)
