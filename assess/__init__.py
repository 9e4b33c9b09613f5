"""egov-assess: how mature is a government's e-government, against world practice.

The public API is re-exported here; ``import assess`` never imports Dash (nor plotly: figures live in
:mod:`assess.reports.figures` and are imported on use).

Examples
--------
>>> import assess
>>> assess.wide("un_egov", 2024).loc["AZE", "egdi"]
np.float64(0.76073)
"""

from assess.caches import clear_caches
from assess.data import (
    countries,
    indicator_catalogue,
    list_datasets,
    load_indicators,
    load_report,
    verify_checksums,
    wide,
)
from assess.engine import (
    AGGREGATORS,
    NORMALISERS,
    Assessment,
    Step,
    score,
    spec_from_coinr,
    spec_from_dict,
    spec_from_framework,
)
from assess.engine.audit import audit
from assess.errors import (
    AssessError,
    CountryError,
    DataError,
    FrameworkError,
    Issue,
    ModelGraphError,
    ReportError,
    ScoringError,
)
from assess.frameworks import (
    CompositeFramework,
    CountryModel,
    Rubric,
    StageModel,
    Strategy,
    list_frameworks,
    load_framework,
)
from assess.indices import (
    aggregates,
    cheapest_mix,
    gap,
    gtmi_compare,
    gtmi_profile,
    placement,
    rating_class,
    reproduce_egdi,
    reproduce_gtmi,
    score_egdi,
    smallest_change,
    sobol,
    strengths,
    trends,
    uncertainty,
    whatif,
)
from assess.model import (
    align,
    baseline_model,
    basis_counts,
    build_graph,
    capability_gaps,
    check_graph,
    check_model_graph,
    cross_check,
    diff,
    evidence,
    org_chart_layout,
    read_graph,
    readiness,
    realisation,
    write_graph,
)
from assess.model.strategy_graph import strategy_graph
from assess.reports import report, save_workbook, write_report
from assess.settings import VERSION
from assess.strategy import make_template, read_assessment, score_rubric, write_template
from assess.strategy.checks import check_strategy, structure_summary
from assess.strategy.rubric import level_comparison

__version__ = VERSION

#: Alias with the name used in the architecture notes.
build_model_graph = build_graph

__all__ = [
    "AGGREGATORS",
    "NORMALISERS",
    "AssessError",
    "CountryError",
    "Assessment",
    "CompositeFramework",
    "CountryModel",
    "DataError",
    "FrameworkError",
    "Issue",
    "ModelGraphError",
    "ReportError",
    "Rubric",
    "ScoringError",
    "StageModel",
    "Step",
    "Strategy",
    "aggregates",
    "align",
    "audit",
    "basis_counts",
    "baseline_model",
    "build_graph",
    "build_model_graph",
    "capability_gaps",
    "clear_caches",
    "cheapest_mix",
    "check_graph",
    "check_model_graph",
    "check_strategy",
    "countries",
    "cross_check",
    "diff",
    "evidence",
    "gap",
    "gtmi_compare",
    "gtmi_profile",
    "indicator_catalogue",
    "level_comparison",
    "list_datasets",
    "list_frameworks",
    "load_framework",
    "load_indicators",
    "load_report",
    "make_template",
    "read_assessment",
    "org_chart_layout",
    "placement",
    "rating_class",
    "read_graph",
    "readiness",
    "realisation",
    "report",
    "save_workbook",
    "reproduce_egdi",
    "reproduce_gtmi",
    "score",
    "score_egdi",
    "score_rubric",
    "smallest_change",
    "sobol",
    "spec_from_coinr",
    "spec_from_dict",
    "spec_from_framework",
    "strategy_graph",
    "strengths",
    "structure_summary",
    "trends",
    "uncertainty",
    "verify_checksums",
    "whatif",
    "wide",
    "write_graph",
    "write_report",
    "write_template",
]
