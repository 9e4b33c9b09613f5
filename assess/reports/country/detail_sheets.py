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

from assess.frameworks.vocabulary import BASIS_LABELS, MODEL_STATUS_LABELS, NODE_TYPE_LABELS
from assess.i18n import N_, name_in, pt, t, translated
from assess.i18n.catalogues import known
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

__all__ = ["FRAMEWORK_SHORT", "METHOD", "method_sheet", "model_sheet", "robustness_sheet", "strategy_sheet"]

#: The method in plain words (title, text) on the *Method & sources* sheet; the Robustness sheet quotes the sixth.
METHOD = (
    (N_("Formula"),
     N_("EGDI = (OSI + HCI + TII) / 3; each component is z-scored over the edition's countries and min-max rescaled to [0, 1] by the UN.")),
    (N_("Weights"),
     N_("Equal: 1/3 each for OSI, HCI and TII.")),
    (N_("Normalisation"),
     N_("EGDI is relative: scores move when other countries move. What-ifs re-normalise the whole cross-section.")),
    (N_("Groups and classes"),
     N_("Very high >= 0.75, High >= 0.50, Middle >= 0.25, Low below. Rating classes are an approximation (quartile within group by count of countries); the UN does not publish the cut rule.")),
    (N_("Ranks"),
     N_("Published UN ranks; ties at the published decimals share the best rank.")),
    (N_("Robustness"),
     N_("Weights drawn from a flat Dirichlet distribution (fixed seed), ranks recomputed over all assessed countries; 5th-95th percentile shown.")),
    (N_("Caveats"),
     N_("Countries not assessed carry 0 in the UN files and are treated as missing. 2008 and 2010 EGDI are not the mean of their components. Strategy and model assessments are expert judgements.")),
)

#: Short names of the composite frameworks, for "OECD DGI does not cover AZE".
FRAMEWORK_SHORT = {"oecd_dgi": "OECD DGI", "gtmi": "GTMI", "un_egdi": "UN EGDI", "epi": "UN EPI",
                   "eu_egov_benchmark": "EU eGovernment Benchmark"}


def _node_type(kind, lang):
    return translated(NODE_TYPE_LABELS[kind], lang) if kind in NODE_TYPE_LABELS else kind


def _used(part: str, lang: str) -> str:
    """``un_egdi.osi: 2024`` → ``un_egdi.osi (2024)``; the evidence part named in ``lang`` (``evidence (…)``)."""
    source, _, years = part.partition(": ")
    shown = t("evidence", lang) if source == "evidence" else source
    return f"{shown} ({years})"


def _fw_short(ref):
    fw = str(ref).partition(".")[0]
    return FRAMEWORK_SHORT.get(fw, fw.upper().replace("_", " "))


def _readiness_table(ws, data, r, ncol, own_names):
    """The readiness of each measured component against the reference model; return the next free row."""
    lang, m, ref, rd = data.lang, data.model, data.readiness_reference, data.readiness
    ref_label = data.name(ref.country, name_in(ref.name, lang, ref.id))
    ref_names = {n.id: name_in(n.name, lang, n.id) for n in ref.nodes}
    section_title(ws, r, t("Readiness of each component, compared with {ref}", lang, ref=name_in(ref.name, lang, ref.id)))
    note = t("Readiness: mean of two parts on 0-1, data up to {year}: the evidence for the component's capabilities (present 1, partial 0.5, absent 0; GTMI key indicators, EU benchmark) and its measured_by indicators rescaled to 0-1. Reference: mean readiness of the components of {ref} that share a capability tag. Gap = reference - own (positive: behind).", lang, year=data.year, ref=ref_label)
    if m.status == "proposal":  # a proposal measured with today's data says so
        note = t("This is a proposal ({when}) measured with today's data: each value is today's readiness for the proposed component, from the latest published year up to {year} (the years are in the Indicators column), not the state when the proposal was written.", lang, when=m.as_of, year=data.year) + " " + note
    merged_rows(ws, r + 1, [(1, ncol)], [[note]], small=True)
    ws.cell(r + 1, 1).font = NOTE_FONT
    head = r + 2
    header_cells(ws, head, 1, [t("Component", lang), t("Type", lang), t("Readiness", lang),
                               t("{ref} readiness", lang, ref=ref_label), t("Gap", lang),
                               t("Indicators (year used)", lang), t("Aligned {ref} components", lang, ref=ref_label),
                               t("Missing data", lang)])
    rows = []
    for x in rd[(rd["status"] == "measured") | (rd["indicators"].map(len) > 0)].itertuples():
        used = [_used(part, lang) for part in x.years.split("; ") if part]
        missing = list(dict.fromkeys(t("{source} does not cover {iso3}", lang, source=_fw_short(i), iso3=m.country)
                                     for i in x.missing))
        rows.append([own_names.get(x.node, x.name), _node_type(x.type, lang), x.readiness, x.reference_readiness, x.gap,
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
        text = t("Components without a measured_by indicator ({n}): {names}.", lang, n=len(unmeasured),
                 names=", ".join(unmeasured))
        merged_rows(ws, r, [(1, ncol)], [[text]], small=True)
        ws.cell(r, 1).font = NOTE_FONT
        r += 1
    r += 1
    ws.row_breaks.append(Break(id=r - 1))  # capability gaps and findings on their own page
    return r


def _basis_word(basis: str, lang: str) -> str:
    return translated(BASIS_LABELS[basis], lang) if basis in BASIS_LABELS else str(basis)


def _source_text(node, lang: str = "en") -> str:
    """Where a node comes from, in one cell: its citation(s), or its basis with the paper's section (in the paper's
    words) or the analyst's reason."""
    if node.source:
        return node.source
    urls = [c.get("url", "") for c in node.sources if c.get("url")]
    if urls:
        return urls[0] + (f" (+{len(urls) - 1})" if len(urls) > 1 else "")
    if node.basis == "paper":
        return f"{_basis_word('paper', lang)}: {_file_text(node.section or '', lang)}".strip()
    return f"{_basis_word(node.basis, lang)}: {_file_text(node.reason, lang)}" if node.basis and node.reason else ""


def _file_text(text: str, lang: str) -> str:
    """A text of a framework file (a section, a reason) in ``lang`` when the catalogue has it, else as written."""
    return translated(text, lang) if lang != "en" and text and known(text) else text


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
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Model", lang), wb.sheetnames))
    widths = [34, 12, 13, 13, 10, 30, 30, 34]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    if m is None:
        sheet_heading(ws, pt("sheet name", "Model", lang), t("No country model is bundled for this country.", lang))
        print_setup(ws, data.header)
        return ws
    status = translated(MODEL_STATUS_LABELS.get(m.status, m.status), lang)
    sheet_heading(ws, t("Country model: {name}", lang, name=name_in(m.name, lang, m.id)),
                  t("{id} · {status} · as of {date}", lang, id=m.id, status=status, date=m.as_of))
    own_names = {n.id: name_in(n.name, lang, n.id) for n in m.nodes}
    ncol = len(widths)
    r = 4
    if data.readiness_reference is not None:
        r = _readiness_table(ws, data, r, ncol, own_names)
    section_title(ws, r, t("Capabilities of the reference models missing from this model", lang))
    spans = [(1, 1), (2, ncol)]
    merged_header(ws, r + 1, spans, [t("Capability", lang), t("Where the reference models have it", lang)])
    rows = []
    for cap, where in sorted(data.missing_capabilities.items()):
        parts = []
        for other, nodes in where:
            names = {n.id: name_in(n.name, lang, n.id) for n in other.nodes}
            parts.append(f"{data.name(other.country, other.id)}: " + ", ".join(names.get(n, n) for n in nodes))
        rows.append([cap, "; ".join(parts)])
    r = merged_rows(ws, r + 2, spans, rows) + 2
    section_title(ws, r, t("Checks' findings", lang))
    findings = [[f] for f in data.findings] or [[t("No structural problems found.", lang)]]
    r = merged_rows(ws, r + 1, [(1, ncol)], findings) + 2
    ws.row_breaks.append(Break(id=r - 1))  # the long reporting-lines table starts a page
    section_title(ws, r, t("Components and reporting lines", lang))
    spans = [(1, 1), (2, 2), (3, 4), (5, 5), (6, 6), (7, 7), (8, 8)]
    merged_header(ws, r + 1, spans, [t("Name", lang), t("Type", lang), t("Id", lang),
                                     t("Verified", lang), t("Reports to", lang),
                                     t("Capabilities", lang), t("Source", lang)])
    rows = [[own_names[n.id], _node_type(n.type, lang), n.id, t("yes", lang) if n.verified else t("no", lang),
             ", ".join(data.reports_to.get(n.id, ())), ", ".join(n.capabilities), _source_text(n, lang)] for n in m.nodes]
    merged_rows(ws, r + 2, spans, rows)
    print_setup(ws, data.header)
    return ws


def _dimension_chart(ws, r, dlast, top_level, lang):
    ch = BarChart()
    ch.type = "bar"
    ch.grouping = "clustered"
    ch.title = t("Score by dimension (0-{top})", lang, top=top_level)
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
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Strategy assessment", lang), wb.sheetnames))
    for j, w in enumerate([26, 34, 10, 20, 62, 11, 11], start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    if data.strategy is None:
        sheet_heading(ws, t("Strategic structure profile", lang),
                      t("No strategy assessment was given. Fill in the self-assessment workbook (python -m assess "
                        "template) and pass it with --assessment.", lang))
        print_setup(ws, data.header)
        return ws
    (rub, answers, label, *_), sc = data.strategy, data.rubric
    sheet_heading(ws, t("Strategic structure profile", lang) + (f": {label}" if label else ""),
                  name_in(rub.name, lang, rub.id))
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
    header_cells(ws, top, 1, [t("Dimension", lang), t("Criterion", lang), t("Level", lang),
                              t("Level name", lang), t("Evidence", lang), "SGP"])
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
    section_title(ws, r, t("Score by dimension (weighted mean level, 0-{top}) against {ref}", lang, top=top_level,
                           ref=ref_label))
    header_cells(ws, r + 1, 1, [t("Dimension", lang), t("Score (0-{top})", lang, top=top_level), ref_label,
                                t("Gap", lang)])
    d = sc["dimensions"].reindex([x.id for x in rub.dimensions if x.id in sc["dimensions"].index])
    drows = [[dim_name(k), v.score, v.reference, v.gap] for k, v in d.iterrows()]
    fmts = [None, "0.00", "0.00", "+0.00;-0.00;0.00"]
    dlast = write_rows(ws, r + 2, 1, drows, fmts)
    ref_overall = sc["reference_overall"]
    olast = write_rows(ws, dlast + 1, 1, [[t("Overall", lang), sc["overall"], ref_overall,
                                           ref_overall - sc["overall"]]], fmts)
    lvl = sc["overall_level"]
    write_rows(ws, olast + 1, 1, [[t("Overall level", lang), f"{lvl} ({level_name(lvl)})", "", ""]])
    for row in (olast, olast + 1):
        for col in range(1, 5):
            ws.cell(row, col).font = Font(bold=True)
            ws.cell(row, col).fill = KEY_FILL
    if drows:
        _dimension_chart(ws, r, dlast, top_level, lang)
    # improvements ranked by gap x weight
    r = max(olast + 3, r + 17)
    ws.row_breaks.append(Break(id=r - 1))  # the ranked improvements start a page, with their own header
    section_title(ws, r, t("Improvements ranked by gap × weight", lang))
    header_cells(ws, r + 1, 1, [t("Dimension", lang), t("Criterion", lang), t("Level", lang),
                                t("Next level", lang), t("What the next level requires (rubric)", lang), "SGP",
                                t("Gap × weight", lang)])
    rows = []
    for cid, x in sc["improvements"].iterrows():
        c = crits[cid]
        nxt = min(int(x.level) + 1, top_level)
        text = name_in(c.levels.get(nxt) or c.levels.get(str(nxt)), lang, x.next_level_evidence or "")
        rows.append([dim_name(c.dimension), name_in(c.name, lang, cid), int(x.level), f"{nxt} ({level_name(nxt)})",
                     text, int(x.reference), x.priority])
    if not rows:
        rows = [[t("No criterion is below {ref}.", lang, ref=ref_label), "", None, "", "", None, None]]
    ilast = write_rows(ws, r + 2, 1, rows, [None, None, "0", None, None, "0", "0.00"])
    center_cells(ws, r + 2, ilast, (3, 6))
    if sc["unanswered"]:
        names = ", ".join(name_in(crits[c].name, lang, c) for c in sc["unanswered"] if c in crits)
        ws.merge_cells(start_row=ilast + 1, start_column=1, end_row=ilast + 1, end_column=7)
        c = ws.cell(ilast + 1, 1, safe_text(t("Unanswered criteria count as level 0: {names}.", lang, names=names)))
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
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Robustness", lang), wb.sheetnames))
    sheet_heading(ws, t("Rank interval under alternative weights of OSI, HCI and TII ({n} random weight sets)", lang,
                        n=ROBUSTNESS_DRAWS), translated(METHOD[5][1], lang))
    top = 4
    header_cells(ws, top, 1, [t("ISO3", lang), t("Country", lang), t("Published rank", lang),
                              t("Best rank (5th pct)", lang), t("Median rank", lang), t("Worst rank (95th pct)", lang)],
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
    ws = wb.create_sheet(sheet_title(pt("sheet name", "Method & sources", lang), wb.sheetnames))
    for col, w in zip("ABCD", (24, 46, 40, 44), strict=True):
        ws.column_dimensions[col].width = w
    sheet_heading(ws, t("Method, sources and caveats", lang))
    header_cells(ws, 3, 1, [t("Item", lang), t("Text", lang)])
    ws.merge_cells("B3:D3")
    items = [(translated(k, lang), translated(v, lang)) for k, v in METHOD]
    items += [(year, translated(note, lang)) for year, note in data.method_notes]
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
    section_title(ws, r, t("Sources", lang))
    header_cells(ws, r + 1, 1, [t("Dataset", lang), t("Title", lang), t("Publisher", lang),
                                t("Licence / terms", lang)])
    rows = [[s, translated(ds.title, lang) + "\n" + ds.url, translated(ds.publisher, lang), translated(ds.licence, lang)]
            for s, ds in data.sources]
    write_rows(ws, r + 2, 1, rows)
    credit = ws.cell(r + 3 + len(rows), 1, t("Generated by egov-assess {version}", lang, version=data.version))
    credit.font = Font(italic=True, size=8, color="595959")
    print_setup(ws, data.header)
    return ws

