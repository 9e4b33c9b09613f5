"""egov-assess: how mature is a government's e-government, against world practice.

The public API is re-exported here; ``import assess`` never imports Dash.
"""

from assess.countries import countries
from assess.data import load_indicators, load_report, verify_checksums, wide
from assess.datasets import list_datasets
from assess.errors import (
    AssessError,
    DataError,
    FrameworkError,
    Issue,
    ModelGraphError,
    ReportError,
    ScoringError,
)

__version__ = "0.1.0"

__all__ = [
    "countries",
    "list_datasets",
    "load_indicators",
    "load_report",
    "verify_checksums",
    "wide",
    "AssessError",
    "DataError",
    "FrameworkError",
    "Issue",
    "ModelGraphError",
    "ReportError",
    "ScoringError",
]
