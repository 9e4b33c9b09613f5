"""Country models as graphs (NetworkX): build, check, analyse, compare, lay out, read and write, readiness."""

from assess.model.build import build_graph
from assess.model.checks import check_graph, check_model_graph
from assess.model.compare import align, diff
from assess.model.evidence_states import evidence
from assess.model.graph_io import read_graph, write_graph
from assess.model.layout import org_chart_layout
from assess.model.readiness_scoring import readiness

__all__ = ["align", "build_graph", "check_graph", "check_model_graph", "diff", "evidence", "org_chart_layout",
           "read_graph", "readiness", "write_graph"]
