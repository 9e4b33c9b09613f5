"""What people read: the ministry's Excel report and the Plotly figures (``assess.reports.figures``, imported on
use so that ``import assess`` never imports plotly)."""

from assess.reports.country import report, save_workbook, write_report

__all__ = ["report", "save_workbook", "write_report"]
