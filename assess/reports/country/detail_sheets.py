"""The sheets beyond the index: Model, Strategy assessment, Robustness and Method & sources (drawing only).

Each function adds one sheet to a workbook from a :class:`~assess.reports.country.analysis.ReportData`
and returns it. Text from files or users (model names, evidence) goes through
:func:`assess.io.excel.safe_text`.

Examples
--------
>>> from openpyxl import Workbook
>>> from assess.reports.country.analysis import report_data
>>> ws = model_sheet(Workbook(), report_data("AZE", compare=["SGP"], model="azerbaijan_proposal"))
>>> name, kind, own, singapore, gap = [c.value for c in ws[7]][:5]
>>> name, kind, round(own, 3), round(singapore, 3), round(gap, 3)
('E-culture of the users', 'enabler', 0.0, 0.75, 0.75)
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from assess.i18n import name_in, t
from assess.io.excel import print_setup, safe_text, sheet_title
from assess.reports.country.analysis import ROBUSTNESS_DRAWS
from assess.reports.country.inputs import RUBRIC_COUNTRY, RUBRIC_REFERENCE
from assess.reports.country.styles import (
    KEY_FILL,
    NOTE_FONT,
    WRAP,
    center_cells,
    header_cells,
    merged_header,
    merged_rows,
    section_title,
    sheet_heading,
    write_rows,
)

__all__ = ["FRAMEWORK_SHORT", "method_sheet", "model_sheet", "robustness_sheet", "strategy_sheet"]

#: Short names of the composite frameworks, for "OECD DGI does not cover AZE".
FRAMEWORK_SHORT = {"oecd_dgi": "OECD DGI", "gtmi": "GTMI", "un_egdi": "UN EGDI", "epi": "UN EPI",
                   "eu_egov_benchmark": "EU eGovernment Benchmark"}


def _fw_short(ref):
    fw = str(ref).partition(".")[0]
    return FRAMEWORK_SHORT.get(fw, fw.upper().replace("_", " "))


def _readiness_table(ws, data, r, ncol, own_names):
    """The readiness of each measured component against the reference model; return the next free row."""
    lang, m, ref, rd = data.lang, data.model, data.readiness_reference, data.readiness
    ref_label = data.name(ref.country, name_in(ref.name, lang, ref.id))
    ref_names = {n.id: name_in(n.name, lang, n.id) for n in ref.nodes}
    section_title(ws, r, t("readiness", lang, ref=name_in(ref.name, lang, ref.id)))
    note = t("readiness_note", lang, year=data.year, ref=ref_label)
    if m.status == "proposal":  # a proposal measured with today's data says so
        note = t("readiness_note_proposal", lang, when=m.as_of, year=data.year) + " " + note
    merged_rows(ws, r + 1, [(1, ncol)], [[note]], small=True)
    ws.cell(r + 1, 1).font = NOTE_FONT
    head = r + 2
    header_cells(ws, head, 1, [t("col_component_name", lang), t("col_type", lang), t("col_readiness", lang),
                               t("col_ref_readiness", lang, ref=ref_label), t("col_gap", lang),
                               t("col_indicators", lang), t("col_ref_components", lang, ref=ref_label),
                               t("col_missing", lang)])
    rows = []
    for x in rd[(rd["status"] == "measured") | (rd["indicators"].map(len) > 0)].itertuples():
        used = [part.replace(": ", " (") + ")" for part in x.years.split("; ") if part]
        missing = list(dict.fromkeys(t("not_covered", lang, source=_fw_short(i), iso3=m.country) for i in x.missing))
        rows.append([own_names.get(x.node, x.name), x.type, x.readiness, x.reference_readiness, x.gap,
                     "\n".join(used), ", ".join(ref_names.get(n, n) for n in x.reference_nodes), "\n".join(missing)])
    last = write_rows(ws, head + 1, 1, rows, [None, None, "0.000", "0.000", "+0.000;-0.000;0.000", None, None, None])
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
    unmeasured = [own_names.get(n, n) for n in rd.loc[rd["status"] != "measured", "node"]]
    if unmeasured:
        merged_rows(ws, r, [(1, ncol)], [[t("model_unmeasured", lang, n=len(unmeasured), names=", ".join(unmeasured))]],
                    small=True)
        ws.cell(r, 1).font = NOTE_FONT
        r += 1
    r += 1
    ws.row_breaks.append(Break(id=r - 1))  # capability gaps and findings on their own page
    return r


def _source_text(node) -> str:
    """Where a node comes from, in one cell: its citation(s), or its basis with the paper's section or the reason."""
    if node.source:
        return node.source
    urls = [c.get("url", "") for c in node.sources if c.get("url")]
    if urls:
        return urls[0] + (f" (+{len(urls) - 1})" if len(urls) > 1 else "")
    if node.basis == "paper":
        return f"paper: {node.section or ''}".strip()
    return f"{node.basis}: {node.reason}" if node.basis and node.reason else ""


def model_sheet(wb, data):
    """*Model*: readiness of each component against Singapore's model, capabilities the reference models
    have and this model lacks, structural findings, and the components with their reporting lines.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = model_sheet(Workbook(), report_data("AZE", compare=["SGP"]))
    >>> ws["A1"].value, ws["A4"].value
    ('Country model: Azerbaijan: e-government and digital development, 2003-2026', 'Readiness of each component, compared with Singapore: Smart Nation and Digital Government (reference)')
    """
    lang, m = data.lang, data.model
    ws = wb.create_sheet(sheet_title(t("sheet_model", lang), wb.sheetnames))
    widths = [34, 12, 13, 13, 10, 30, 30, 34]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    if m is None:
        sheet_heading(ws, t("sheet_model", lang), t("model_none", lang))
        print_setup(ws, data.header)
        return ws
    sheet_heading(ws, t("model_title", lang, name=name_in(m.name, lang, m.id)), f"{m.id} · {m.status} · {m.as_of}")
    own_names = {n.id: name_in(n.name, lang, n.id) for n in m.nodes}
    ncol = len(widths)
    r = 4
    if data.readiness_reference is not None:
        r = _readiness_table(ws, data, r, ncol, own_names)
    section_title(ws, r, t("model_gaps", lang))
    spans = [(1, 1), (2, ncol)]
    merged_header(ws, r + 1, spans, [t("col_capability", lang), t("col_in_reference", lang)])
    rows = []
    for cap, where in sorted(data.missing_capabilities.items()):
        parts = []
        for other, nodes in where:
            names = {n.id: name_in(n.name, lang, n.id) for n in other.nodes}
            parts.append(f"{data.name(other.country, other.id)}: " + ", ".join(names.get(n, n) for n in nodes))
        rows.append([cap, "; ".join(parts)])
    r = merged_rows(ws, r + 2, spans, rows) + 2
    section_title(ws, r, t("findings", lang))
    r = merged_rows(ws, r + 1, [(1, ncol)], [[f] for f in data.findings] or [[t("finding_ok", lang)]]) + 2
    ws.row_breaks.append(Break(id=r - 1))  # the long reporting-lines table starts a page
    section_title(ws, r, t("reporting_lines", lang))
    spans = [(1, 1), (2, 2), (3, 4), (5, 5), (6, 6), (7, 7), (8, 8)]
    merged_header(ws, r + 1, spans, [t("col_name", lang), t("col_type", lang), t("col_id", lang),
                                     t("col_verified", lang), t("col_reports_to", lang),
                                     t("col_capabilities", lang), t("col_source", lang)])
    rows = [[own_names[n.id], n.type, n.id, t("yes" if n.verified else "no", lang),
             ", ".join(data.reports_to.get(n.id, ())), ", ".join(n.capabilities), _source_text(n)] for n in m.nodes]
    merged_rows(ws, r + 2, spans, rows)
    print_setup(ws, data.header)
    return ws


def _dimension_chart(ws, r, dlast, top_level, lang):
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


def strategy_sheet(wb, data):
    """*Strategy assessment*: the answers per criterion, the dimensions and overall level against
    Singapore's profile (with a bar chart), and the improvements ranked by gap × weight.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = strategy_sheet(Workbook(), report_data("AZE", compare=["SGP"], assessment="singapore_dgb"))
    >>> next(r for r in ws.iter_rows(values_only=True) if r[0] == "Overall level")[:2]
    ('Overall level', '4 (Defined and used)')
    """
    lang = data.lang
    ws = wb.create_sheet(sheet_title(t("sheet_strategy", lang), wb.sheetnames))
    for j, w in enumerate([26, 34, 10, 20, 62, 11, 11], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    if data.strategy is None:
        sheet_heading(ws, t("strategy_title", lang), t("strategy_none", lang))
        print_setup(ws, data.header)
        return ws
    (rub, answers, label, *_), sc = data.strategy, data.rubric
    sheet_heading(ws, t("strategy_title", lang) + (f": {label}" if label else ""), name_in(rub.name, lang, rub.id))
    dims = {d.id: d for d in rub.dimensions}
    crits = {c.id: c for c in rub.criteria}
    top_level = max(rub.levels)
    ref_label = data.name(RUBRIC_COUNTRY, RUBRIC_REFERENCE)
    ref = rub.profiles.get(RUBRIC_REFERENCE, {})

    def dim_name(d):
        return name_in(dims[d].name, lang, d) if d in dims else d

    def level_name(lv):
        return name_in(rub.levels.get(int(lv), {}).get("name"), lang, "") if lv is not None else ""

    top = 4
    header_cells(ws, top, 1, [t("col_dimension", lang), t("col_criterion", lang), t("col_level", lang),
                              t("col_level_name", lang), t("col_evidence", lang), "SGP"])
    rows = []
    for c in rub.criteria:
        a = answers.get(c.id) or {}
        a = a if isinstance(a, dict) else {"level": a}
        lv = a.get("level")
        rows.append([dim_name(c.dimension), name_in(c.name, lang, c.id), lv, level_name(lv),
                     a.get("evidence") or "", (ref.get(c.id) or {}).get("level")])
    last = write_rows(ws, top + 1, 1, rows, [None, None, "0", None, None, "0"])
    center_cells(ws, top + 1, last, (3, 6))
    ws.conditional_formatting.add(f"C{top + 1}:C{last}", ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=top_level / 2,
        mid_color="FFEB84", end_type="num", end_value=top_level, end_color="63BE7B"))
    # dimensions against the reference profile (assess.strategy.rubric.score_rubric)
    r = last + 2
    section_title(ws, r, t("dim_title", lang, top=top_level, ref=ref_label))
    header_cells(ws, r + 1, 1, [t("col_dimension", lang), t("col_score_level", lang, top=top_level), ref_label,
                                t("col_gap", lang)])
    d = sc["dimensions"].reindex([x.id for x in rub.dimensions if x.id in sc["dimensions"].index])
    drows = [[dim_name(k), v.score, v.reference, v.gap] for k, v in d.iterrows()]
    fmts = [None, "0.00", "0.00", "+0.00;-0.00;0.00"]
    dlast = write_rows(ws, r + 2, 1, drows, fmts)
    ref_overall = sc["reference_overall"]
    olast = write_rows(ws, dlast + 1, 1, [[t("overall", lang), sc["overall"], ref_overall,
                                           ref_overall - sc["overall"]]], fmts)
    lvl = sc["overall_level"]
    write_rows(ws, olast + 1, 1, [[t("overall_level", lang), f"{lvl} ({level_name(lvl)})", "", ""]])
    for row in (olast, olast + 1):
        for col in range(1, 5):
            ws.cell(row, col).font = Font(bold=True)
            ws.cell(row, col).fill = KEY_FILL
    if drows:
        _dimension_chart(ws, r, dlast, top_level, lang)
    # improvements ranked by gap x weight
    r = max(olast + 3, r + 17)
    ws.row_breaks.append(Break(id=r - 1))  # the ranked improvements start a page, with their own header
    section_title(ws, r, t("improve_title", lang))
    header_cells(ws, r + 1, 1, [t("col_dimension", lang), t("col_criterion", lang), t("col_level", lang),
                                t("col_next_level", lang), t("col_next_evidence", lang), "SGP",
                                t("col_priority", lang)])
    rows = []
    for cid, x in sc["improvements"].iterrows():
        c = crits[cid]
        nxt = min(int(x.level) + 1, top_level)
        text = name_in(c.levels.get(nxt) or c.levels.get(str(nxt)), lang, x.next_level_evidence or "")
        rows.append([dim_name(c.dimension), name_in(c.name, lang, cid), int(x.level), f"{nxt} ({level_name(nxt)})",
                     text, int(x.reference), x.priority])
    if not rows:
        rows = [[t("no_improvements", lang, ref=ref_label), "", None, "", "", None, None]]
    ilast = write_rows(ws, r + 2, 1, rows, [None, None, "0", None, None, "0", "0.00"])
    center_cells(ws, r + 2, ilast, (3, 6))
    if sc["unanswered"]:
        names = ", ".join(name_in(crits[c].name, lang, c) for c in sc["unanswered"] if c in crits)
        ws.merge_cells(start_row=ilast + 1, start_column=1, end_row=ilast + 1, end_column=7)
        c = ws.cell(ilast + 1, 1, safe_text(t("unanswered", lang, names=names)))
        c.font, c.alignment = NOTE_FONT, WRAP
        ws.row_dimensions[ilast + 1].height = 14.5 * (1 + len(c.value) // 190)
    print_setup(ws, data.header)
    return ws


def robustness_sheet(wb, data):
    """*Robustness*: each unit's published rank and its 5-95 % rank interval under other weights,
    normalisations and aggregations (:func:`assess.indices.rank_uncertainty.uncertainty`).

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = robustness_sheet(Workbook(), report_data("AZE", compare=["SGP"]))
    >>> [r[:3] for r in ws.iter_rows(min_row=5, values_only=True)]
    [('AZE', 'Azerbaijan', 74), ('SGP', 'Singapore', 3)]
    """
    lang = data.lang
    ws = wb.create_sheet(sheet_title(t("sheet_robustness", lang), wb.sheetnames))
    sheet_heading(ws, t("robust_title", lang, n=ROBUSTNESS_DRAWS), t("m_robust_text", lang))
    top = 4
    header_cells(ws, top, 1, [t("col_iso3", lang), t("col_country", lang), t("col_published_rank", lang),
                              t("col_rank_low", lang), t("col_rank_median", lang), t("col_rank_high", lang)],
                 [8, 28, 12, 14, 12, 14])
    rows = [[c, data.names.get(c, c), x.published_rank, x.p5, x.median_rank, x.p95]
            for c, x in zip(data.robustness.index, data.robustness.itertuples(index=False), strict=True)]
    write_rows(ws, top + 1, 1, rows, [None, None, "0", "0", "0", "0"], highlight=lambda v: v[0] == data.iso3)
    print_setup(ws, data.header, f"{top}:{top}")
    return ws


def method_sheet(wb, data):
    """*Method & sources*: the method in plain words, the method breaks and exceptions of the editions,
    the datasets with their publisher and licence.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> from assess.reports.country.analysis import report_data
    >>> ws = method_sheet(Workbook(), report_data("AZE", compare=["SGP"]))
    >>> ws["A1"].value, ws["A4"].value
    ('Method, sources and caveats', 'Formula')
    """
    lang = data.lang
    ws = wb.create_sheet(sheet_title(t("sheet_method", lang), wb.sheetnames))
    for col, w in zip("ABCD", (24, 46, 40, 44), strict=True):
        ws.column_dimensions[col].width = w
    sheet_heading(ws, t("method_title", lang))
    header_cells(ws, 3, 1, [t("col_item", lang), t("col_text", lang)])
    ws.merge_cells("B3:D3")
    items = [(t(k, lang), t(k + "_text", lang)) for k in ("m_formula", "m_weights", "m_norm", "m_groups",
                                                           "m_ranks", "m_robust", "m_caveats")]
    items += list(data.method_notes)
    r = 4
    for k, v in items:
        a = ws.cell(r, 1, safe_text(k))
        a.font, a.alignment = Font(bold=True), Alignment(vertical="top")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        c = ws.cell(r, 2, safe_text(v))
        c.alignment = WRAP
        ws.row_dimensions[r].height = 15 * (1 + len(v) // 110)
        r += 1
    r += 1
    section_title(ws, r, t("sources", lang))
    header_cells(ws, r + 1, 1, [t("col_dataset", lang), t("col_title", lang), t("col_publisher", lang),
                                t("col_licence", lang)])
    rows = [[s, ds.title + "\n" + ds.url, ds.publisher, ds.licence] for s, ds in data.sources]
    write_rows(ws, r + 2, 1, rows)
    ws.cell(r + 3 + len(rows), 1, t("generated_by", lang, version=data.version)).font = Font(
        italic=True, size=8, color="595959")
    print_setup(ws, data.header)
    return ws

