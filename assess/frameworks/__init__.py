"""Frameworks as data: the declarative files of ``frameworks/`` read, validated and turned into objects.

One module per kind holds its frozen dataclass, its validator and its builder (``composite``, ``country_model``,
``evidence_map``, ``realisation``, ``rubric``, ``stage_model``, ``strategy`` with its validator ``strategy_schema``;
``provenance`` checks the basis, citations and dates of country models); ``vocabulary`` holds every word a file may use; ``yaml_io`` reads YAML with line
numbers; ``checker`` the located checks; ``schema`` validates a document of any kind; ``registry`` finds and loads
frameworks by id (request values are ids, never paths).
"""

from assess.frameworks.composite import Component, CompositeFramework, Group, Indicator
from assess.frameworks.country_model import CountryModel, ModelNode, Relation
from assess.frameworks.evidence_map import CapabilityRule, ContextRule, EvidenceItem, EvidenceMap, kleene
from assess.frameworks.realisation import Realisation, RealisationEntry
from assess.frameworks.registry import (
    BUILD_FAILED,
    FRAMEWORKS_DIR,
    clear_cache,
    framework_arg,
    framework_from_dict,
    framework_ids,
    frameworks_version,
    list_frameworks,
    load_framework,
    memoise_on_inputs,
)
from assess.frameworks.rubric import Criterion, Dimension, Rubric
from assess.frameworks.stage_model import Stage, StageModel, evaluate_rule
from assess.frameworks.strategy import Strategy

__all__ = ["BUILD_FAILED", "FRAMEWORKS_DIR", "CapabilityRule", "Component", "CompositeFramework", "ContextRule",
           "CountryModel", "Criterion", "Dimension", "EvidenceItem", "EvidenceMap", "Group", "Indicator", "ModelNode",
           "Realisation", "RealisationEntry", "Relation", "Rubric", "Stage", "StageModel", "Strategy", "clear_cache",
           "evaluate_rule", "framework_arg", "framework_from_dict", "framework_ids", "frameworks_version", "kleene",
           "list_frameworks", "load_framework", "memoise_on_inputs"]
