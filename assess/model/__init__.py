"""Country models as graphs (NetworkX): build, check, analyse, compare, lay out, read and write, readiness; evidence
for capabilities, baseline models of any economy, models cross-checked against the evidence."""

from assess.model.baseline import baseline_model
from assess.model.build import build_graph
from assess.model.checks import check_graph, check_model_graph
from assess.model.compare import align, diff
from assess.model.evidence_gaps import capability_gaps, cross_check
from assess.model.evidence_states import evidence
from assess.model.graph_io import read_graph, write_graph
from assess.model.layout import org_chart_layout
from assess.model.readiness_scoring import readiness

__all__ = ["align", "baseline_model", "build_graph", "capability_gaps", "check_graph", "check_model_graph",
           "cross_check", "diff", "evidence", "org_chart_layout", "read_graph", "readiness", "write_graph"]
