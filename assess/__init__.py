"""egov-assess: how mature is a government's e-government, against world practice.

The public API is re-exported here; ``import assess`` never imports Dash.
"""

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
    "AssessError",
    "DataError",
    "FrameworkError",
    "Issue",
    "ModelGraphError",
    "ReportError",
    "ScoringError",
]
