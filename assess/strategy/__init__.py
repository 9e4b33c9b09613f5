"""National strategies: the strategic-structure rubric, saved assessments and the self-assessment workbook."""

from assess.strategy.rubric import score_rubric
from assess.strategy.workbook import make_template, read_assessment, write_template

__all__ = ["make_template", "read_assessment", "score_rubric", "write_template"]
