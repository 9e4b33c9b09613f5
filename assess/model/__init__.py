"""Country models as graphs (NetworkX): build, check, analyse, compare, lay out, read and write, readiness; where
each fact comes from (provenance), the model through time (timeline) and what of a proposal came true (realised);
evidence for capabilities, baseline models of any economy, models cross-checked against the evidence."""

from assess.model.baseline import baseline_model
from assess.model.build import build_graph
from assess.model.checks import check_graph, check_model_graph
from assess.model.compare import align, diff
from assess.model.evidence_gaps import capability_gaps, cross_check
from assess.model.evidence_states import evidence
from assess.model.graph_io import read_graph, write_graph
from assess.model.layout import org_chart_layout
from assess.model.provenance import basis_counts, check_quotes, unverified_facts
from assess.model.readiness_scoring import readiness
from assess.model.realised import realisation, realisation_history
from assess.model.timeline import graph_as_of, timeline_table

__all__ = ["align", "baseline_model", "basis_counts", "build_graph", "capability_gaps", "check_graph",
           "check_model_graph", "check_quotes", "cross_check", "diff", "evidence", "graph_as_of", "org_chart_layout",
           "read_graph", "readiness", "realisation", "realisation_history", "timeline_table", "unverified_facts",
           "write_graph"]
