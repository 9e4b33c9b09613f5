"""The composite-indicator engine: a tree spec and an indicator table in, an :class:`Assessment` out.

Steps as functions (``treatment``, ``normalisation``, ``aggregation``) and their orchestration (``scoring``).
The engine knows frameworks (to build a spec) but never the published indices, models or reports.
"""

from assess.engine.aggregation import AGGREGATORS
from assess.engine.assessment import Assessment, Step
from assess.engine.normalisation import NORMALISERS
from assess.engine.scoring import score
from assess.engine.spec import spec_from_coinr, spec_from_dict, spec_from_framework

__all__ = ["AGGREGATORS", "NORMALISERS", "Assessment", "Step", "score", "spec_from_coinr", "spec_from_dict",
           "spec_from_framework"]
