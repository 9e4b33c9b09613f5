"""Country report workbook for ministries: ``report("AZE", compare=["SGP", "EST", "KOR"])``.

One openpyxl :class:`~openpyxl.Workbook` with the sheets Summary, Scores, Trends, Comparison,
Gaps, Model, Strategy assessment, Robustness and Method & sources (names in the report's
language). Every figure is a *value* (no formulas, so LibreOffice and Excel show the same
thing); charts are native Excel charts over the workbook's own cells, so they stay editable.
Every sheet prints on A4 landscape, fitted to the page width, with repeated header rows and
page numbers. Key figures have workbook-level names (``EGDI``, ``EGDI_Rank``, ``EGDI_Group``,
``EGDI_Class``, ``EGDI_Change``, ``Country``, ``Edition``).

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
from openpyxl.worksheet.table import Table, TableStyleInfo

import assess.un as un
from assess.errors import Issue, ReportError
from assess.excel_safe import safe_text, save_atomic, sheet_title
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
SCORE_FMT = "0.0000"
PCT_FMT = "0%"


# --------------------------------------------------------------------------- helpers
def _fail(where, message):
    raise ReportError("report", [Issue(where, message)])


def _head(ws, row, col, labels, widths=None):
    for j, label in enumerate(labels):
        c = ws.cell(row, col + j, label)
        c.font, c.fill, c.border = Font(bold=True, color="FFFFFF"), _HEAD_FILL, _BORDER
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        if widths:
            ws.column_dimensions[get_column_letter(col + j)].width = widths[j]


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
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.left.text = header.replace("&", "&&")
    ws.oddHeader.left.size = 8
    ws.oddHeader.right.text = "&A"
    ws.oddHeader.right.size = 8
    ws.oddFooter.left.text = "egov-assess"
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "&P / &N"
    ws.oddFooter.right.size = 8


def _name(wb, name, ws, ref):
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")


def _group_label(g, lang):
    return t(f"group_{g}", lang) if isinstance(g, str) and g else ""


def _country_names():
    from assess.countries import countries

    c = countries()
    col = "name" if "name" in c.columns else c.columns[0]
    return c[col].to_dict() if c.index.name in ("iso3", "ISO3") else c.set_index(c.columns[0])[col].to_dict()


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
        import json

        a, label = json.loads(Path(assessment).read_text(encoding="utf-8")), Path(assessment).name
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
        head += [(t("change", lang, year=ctx["prev_year"]), round(float(cur["egdi"] - prev["egdi"]), 6), "+0.0000;-0.0000;0.0000",
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
    rows = [(r.iso3, r.country, int(r.year), r.egdi, int(r.egdi_rank), _group_label(r.group, lang), r["class"],
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


def _model(wb, ctx):
    lang = ctx["lang"]
    ws = wb.create_sheet(sheet_title(t("sheet_model", lang), wb.sheetnames))
    m = ctx["model"]
    widths = [26, 12, 44, 26, 34, 40, 10]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    if m is None:
        _title(ws, t("sheet_model", lang), t("model_none", lang))
        _print(ws, ctx["header"])
        return ws
    from assess.graph import build_graph, check_graph

    G = build_graph(m)
    _title(ws, t("model_title", lang, name=name_in(m.name, lang, m.id)), f"{m.id} · {m.status} · {m.as_of}")
    reports = {}
    for rel in m.relations:
        if rel.type == "reports_to":
            reports.setdefault(rel.source, []).append(rel.target)
    top = 4
    _head(ws, top, 1, [t("col_id", lang), t("col_type", lang), t("col_name", lang), t("col_reports_to", lang),
                       t("col_capabilities", lang), t("col_source", lang), t("col_verified", lang)])
    rows = [[n.id, n.type, name_in(n.name, lang, n.id), ", ".join(reports.get(n.id, [])), ", ".join(n.capabilities),
             n.source or "", t("yes" if n.verified else "no", lang)] for n in m.nodes]
    last = _rows(ws, top + 1, 1, rows)
    r = last + 2
    _section(ws, r, t("model_gaps", lang))
    _head(ws, r + 1, 1, [t("col_capability", lang), t("col_present", lang), t("col_reference", lang)])
    missing, readiness = {}, []
    mine = m.capabilities()
    for ref in ctx["references"]:
        caps = sorted(ref.capabilities())
        if not caps:
            continue
        readiness.append((ref.id, sum(c in mine for c in caps) / len(caps), name_in(ref.name, lang, ref.id)))
        for c in caps:
            if c not in mine:
                missing.setdefault(c, []).append(name_in(ref.name, lang, ref.id))
    rrows = [[c, t("no", lang), "; ".join(refs)] for c, refs in sorted(missing.items())]
    r = _rows(ws, r + 2, 1, rrows) + 2
    _section(ws, r, t("readiness", lang))
    r = _rows(ws, r + 1, 1, [list(x) for x in readiness], [None, PCT_FMT, None]) + 2
    _section(ws, r, t("findings", lang))
    issues = check_graph(G)
    _rows(ws, r + 1, 1, [[str(i)] for i in issues] or [[t("finding_ok", lang)]])
    _print(ws, ctx["header"], f"{top}:{top}")
    return ws


def _strategy_sheet(wb, ctx):
    lang = ctx["lang"]
    ws = wb.create_sheet(sheet_title(t("sheet_strategy", lang), wb.sheetnames))
    for j, w in enumerate([26, 34, 8, 22, 70, 12], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    s = ctx["strategy"]
    if s is None:
        _title(ws, t("strategy_title", lang), t("strategy_none", lang))
        _print(ws, ctx["header"])
        return ws
    rub, answers, label = s
    _title(ws, t("strategy_title", lang) + (f": {label}" if label else ""), name_in(rub.name, lang, rub.id))
    dims = {d.id: d for d in rub.dimensions}
    top_level = max(rub.levels)
    ref = rub.profiles.get("singapore_dgb", {})
    top = 4
    _head(ws, top, 1, [t("col_dimension", lang), t("col_criterion", lang), t("col_level", lang),
                       t("col_level_name", lang), t("col_evidence", lang), "SGP"])
    rows = []
    for c in rub.criteria:
        a = answers.get(c.id) or {}
        lv = a.get("level")
        rows.append([name_in(dims[c.dimension].name, lang, c.dimension) if c.dimension in dims else c.dimension,
                     name_in(c.name, lang, c.id), lv,
                     name_in(rub.levels.get(lv, {}).get("name"), lang, "") if lv is not None else "",
                     a.get("evidence") or "", (ref.get(c.id) or {}).get("level")])
    last = _rows(ws, top + 1, 1, rows, [None, None, "0", None, None, "0"])
    ws.conditional_formatting.add(f"C{top + 1}:C{last}", ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=top_level / 2,
        mid_color="FFEB84", end_type="num", end_value=top_level, end_color="63BE7B"))
    r = last + 2
    _head(ws, r, 1, [t("col_dimension", lang), t("col_score", lang)])
    drows, tot, wsum = [], 0.0, 0.0
    for d in rub.dimensions:
        crit = [c for c in rub.criteria if c.dimension == d.id and (answers.get(c.id) or {}).get("level") is not None]
        if not crit:
            continue
        w = sum(c.weight for c in crit)
        v = sum(c.weight * answers[c.id]["level"] for c in crit) / w / top_level
        drows.append([name_in(d.name, lang, d.id), v])
        tot, wsum = tot + d.weight * v, wsum + d.weight
    if wsum:
        drows.append([t("overall", lang), tot / wsum])
    dlast = _rows(ws, r + 1, 1, drows, [None, "0.00"])
    if drows:
        ch = BarChart()
        ch.type = "bar"
        ch.title = t("strategy_title", lang)
        ch.height, ch.width = 7, 14
        ch.y_axis.scaling.min, ch.y_axis.scaling.max = 0, 1
        ch.y_axis.delete = False
        ch.x_axis.delete = False
        ch.legend = None
        ch.add_data(Reference(ws, min_col=2, min_row=r, max_row=dlast), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=r + 1, max_row=dlast))
        ws.add_chart(ch, f"D{r}")
    _print(ws, ctx["header"], f"{top}:{top}")
    return ws


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
    ('Xülasə', 'Elektron hökumətin qiymətləndirilməsi: Azerbaijan')
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
    ctx["strategy"] = _strategy(assessment, lang)
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
