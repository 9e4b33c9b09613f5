"""Country report workbook for ministries: ``report("AZE", compare=["SGP", "EST", "KOR"])``.

One openpyxl :class:`~openpyxl.Workbook` with the sheets Summary, Scores, Trends, Comparison,
Gaps, Model, What came true and What came true by year (when a realisation file joins the country's model to
the paper's proposal: :mod:`~assess.reports.country.realisation_sheet`), Strategy assessment, Robustness and
Method & sources (names in the report's
language). Every figure is a *value* (no formulas, so LibreOffice and Excel show the same
thing); charts are native Excel charts over the workbook's own cells, so they stay editable.
Every sheet prints on A4 landscape, fitted to the page width, with repeated header rows and
page numbers. Key figures have workbook-level names (``EGDI``, ``EGDI_Rank``, ``EGDI_Group``,
``EGDI_Class``, ``EGDI_Change``, ``Country``, ``Edition``).

The report is built in three steps, one module each:

1. :mod:`~assess.reports.country.analysis`: :func:`report_data` checks the arguments and computes every
   number into a frozen :class:`ReportData`, calling the library (:mod:`assess.indices`,
   :mod:`assess.model`, :mod:`assess.strategy`); the arguments become objects in
   :mod:`~assess.reports.country.inputs`.
2. :mod:`~assess.reports.country.narrative`: :func:`narrate` writes the Summary's paragraphs through
   :func:`assess.i18n.t`.
3. :mod:`~assess.reports.country.index_sheets` and :mod:`~assess.reports.country.detail_sheets`: one
   function per sheet, drawing only, with the shared styling of :mod:`~assess.reports.country.styles`;
   :mod:`~assess.reports.country.workbook` puts them together (:func:`report`).

The *Model* sheet shows the readiness of each component of the country model
(:func:`assess.model.readiness_scoring.readiness`, against Singapore's model), the capabilities the
reference models have and this model lacks (:func:`assess.model.compare.align`), the structural checks
and the reporting lines. The *Strategy assessment* sheet scores the rubric answers with
:func:`assess.strategy.rubric.score_rubric` against Singapore's profile: dimensions, overall level and
improvements ranked by gap × weight. The *Gaps* sheet's targets are
:func:`assess.indices.scenarios.smallest_change`. In Azerbaijani reports, country names come from the
``name_az`` column of :func:`assess.countries`.

Text that comes from files or users (model names, evidence) is neutralised by
:func:`assess.io.excel.safe_text`; :func:`save_workbook` writes atomically. With
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

from assess.reports.country.analysis import ReportData, report_data
from assess.reports.country.inputs import DEFAULT_COMPARE
from assess.reports.country.narrative import narrate
from assess.reports.country.workbook import report, save_workbook, write_report

__all__ = ["DEFAULT_COMPARE", "ReportData", "narrate", "report", "report_data", "save_workbook", "write_report"]
