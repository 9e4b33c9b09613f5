"""The composite-indicator engine: a tree spec and an indicator table in, an :class:`Assessment` out.

Steps as functions, each equal to COINr 1.1.14's by default and logging what it changed: ``imputation``,
``screening``, ``treatment``, ``normalisation``, ``aggregation``; their orchestration (``scoring``, with the
pipeline a framework declares: ``pipeline``); many regenerations at once (``regeneration``), COINr's design
layout (``design``), uncertainty and Sobol sensitivity (``sensitivity``) and the statistical audit
(``audit``). The engine knows frameworks (to build a spec) but never the published indices, models or reports.
"""

from assess.engine.aggregation import AGGREGATORS
from assess.engine.assessment import Assessment, Step
from assess.engine.normalisation import NORMALISERS
from assess.engine.regeneration import BatchResult, regenerate
from assess.engine.scoring import score
from assess.engine.spec import spec_from_coinr, spec_from_dict, spec_from_framework

__all__ = ["AGGREGATORS", "NORMALISERS", "Assessment", "BatchResult", "Step", "regenerate", "score",
           "spec_from_coinr", "spec_from_dict", "spec_from_framework"]
