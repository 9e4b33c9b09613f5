"""The vocabulary of framework files: every word a framework may use, with what it means, in one place.

Kinds, languages, dataset ids, method names (normalisation, aggregation, missing data, class rules), node and
relation types of country models, ArchiMate types and capability tags. The validator (:mod:`assess.frameworks.schema`)
checks documents against these tables; the engine's registries are checked against the method names here when
they are imported, so that a name the YAML accepts always has an implementation and the reverse.

Examples
--------
>>> "reweight" in MISSING_POLICIES, sorted(KINDS)[:2]
(True, ['composite', 'country_model'])
"""

from __future__ import annotations

import re

from assess.data.catalogue import DATASETS

__all__ = [
    "AGGREGATORS",
    "ARCHIMATE_LAYERS",
    "ARCHIMATE_TYPES",
    "BODY_TYPES",
    "CAPABILITIES",
    "CLASS_COUNT",
    "CLASS_RULES",
    "DEFAULT_ARCHIMATE",
    "ID_RE",
    "KINDS",
    "KNOWN_DATASETS",
    "LANGUAGES",
    "MISSING_POLICIES",
    "NODE_TYPES",
    "NORMALISERS",
    "RELATION_TYPES",
    "STRATEGY",
    "check_registry",
]

KINDS = ("composite", "country_model", "rubric", "stage_model", "strategy")
LANGUAGES = ("en", "az")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")

#: Dataset ids of the tidy indicator store (``assess.load_indicators()``, column ``source``).
KNOWN_DATASETS = tuple(DATASETS)

#: Missing-data policies (``method.missing`` of a composite, ``missing=`` of :func:`assess.score`).
MISSING_POLICIES: dict[str, str] = {
    "reweight": "leave the cell missing; aggregation drops it and re-weights the others",
    "mean": "fill with the indicator's mean over the units",
    "median": "fill with the indicator's median over the units",
    "group_mean": "fill with the mean of the unit's group (needs groups)",
    "group_median": "fill with the median of the unit's group (needs groups)",
    "latest": "take the latest value at or before the year scored (panel data)",
}

#: Normalisation methods (``normalise``), each implemented in :data:`assess.engine.normalisation.NORMALISERS`.
NORMALISERS: dict[str, str] = {
    "none": "values as they are (already normalised)",
    "minmax": "linear onto [lo, hi] from the units' minimum and maximum",
    "zscore": "(x - mean) / sd, then mean and sd of the result as given",
    "zscore_minmax": "z-score, then the parent component min-max rescaled (the UN method)",
    "goalposts": "linear between fixed goalposts, truncated (comparable across years)",
    "rank": "rank of the unit (1 = lowest)",
    "percentile": "percentile rank in [0, 1]",
    "borda": "Borda count: number of units with a lower value",
    "distance_to_reference": "ratio to a reference unit's value",
    "distance_to_frontier": "ratio to the best value",
    "distance_to_target": "linear from the minimum to a target, capped",
}

#: Aggregation methods (``aggregate``), each implemented in :data:`assess.engine.aggregation.AGGREGATORS`.
AGGREGATORS: dict[str, str] = {
    "arithmetic_mean": "weighted arithmetic mean (full compensation)",
    "geometric_mean": "weighted geometric mean (partial compensation; needs positive values)",
    "harmonic_mean": "weighted harmonic mean",
    "generalised_mean": "weighted power mean of order p",
    "minimum": "the weakest child (no compensation)",
    "maximum": "the strongest child",
}

#: Rules for rating classes within groups (the UN's own rule is not published).
CLASS_RULES: dict[str, str] = {
    "quartile_within_group": "quartiles by count of units within the group",
    "equal_bands": "four equal-width bands of the group's score range",
}
#: Classes within a group that every class rule gives (quarters: 0 = best … 3).
CLASS_COUNT = 4

#: Node types of a country model; the first four are *bodies* (they report to each other).
NODE_TYPES = ("body", "council", "ministry", "agency", "service", "platform", "system", "enabler",
              "user_group", "legal_act", "programme", "milestone", "duty")
BODY_TYPES = ("body", "council", "ministry", "agency")
#: Relation types (``from`` —type→ ``to``).
RELATION_TYPES = ("reports_to", "part_of", "delivers", "serves", "uses", "coordinates", "regulates",
                  "funds", "enables", "measured_by", "assigned_to")

ARCHIMATE_LAYERS: dict[str, tuple[str, ...]] = {
    "strategy": ("Resource", "Capability", "ValueStream", "CourseOfAction"),
    "business": ("BusinessActor", "BusinessRole", "BusinessCollaboration", "BusinessInterface",
                 "BusinessProcess", "BusinessFunction", "BusinessInteraction", "BusinessEvent",
                 "BusinessService", "BusinessObject", "Contract", "Representation", "Product"),
    "application": ("ApplicationComponent", "ApplicationCollaboration", "ApplicationInterface",
                    "ApplicationFunction", "ApplicationInteraction", "ApplicationProcess",
                    "ApplicationEvent", "ApplicationService", "DataObject"),
    "technology": ("Node", "Device", "SystemSoftware", "TechnologyCollaboration", "TechnologyInterface",
                   "Path", "CommunicationNetwork", "TechnologyFunction", "TechnologyProcess",
                   "TechnologyInteraction", "TechnologyEvent", "TechnologyService", "Artifact"),
    "physical": ("Equipment", "Facility", "DistributionNetwork", "Material"),
    "motivation": ("Stakeholder", "Driver", "Assessment", "Goal", "Outcome", "Principle", "Requirement",
                   "Constraint", "Meaning", "Value"),
    "implementation_migration": ("WorkPackage", "Deliverable", "ImplementationEvent", "Plateau", "Gap"),
    "other": ("Grouping", "Location"),
}
#: Every ArchiMate 3.1 element type (the ``xsi:type`` of an exchange-format ``element``).
ARCHIMATE_TYPES = tuple(t for types in ARCHIMATE_LAYERS.values() for t in types)
#: ArchiMate type used when a node gives none (DOMAIN.md §9).
DEFAULT_ARCHIMATE = {
    "body": "BusinessActor", "council": "BusinessActor", "ministry": "BusinessActor",
    "agency": "BusinessActor", "user_group": "BusinessRole", "service": "BusinessService",
    "platform": "ApplicationComponent", "system": "ApplicationComponent", "enabler": "Capability",
    "legal_act": "Constraint", "programme": "WorkPackage", "milestone": "ImplementationEvent",
    "duty": "BusinessFunction", "indicator": "Assessment",
}

#: The words of ``kind: strategy`` files (frameworks/README.md, "Kind strategy"): each key → its allowed values.
STRATEGY: dict[str, tuple[str, ...]] = {
    "status": ("current", "superseded", "expired", "draft"),
    "document_status": ("in_force", "superseded", "expired", "draft", "news", "secondary", "reference"),
    "document_role": ("strategy", "concept", "action_plan", "programme", "legal_act", "progress_report",
                      "press_release", "speech", "news", "summary", "paper"),
    "opened": ("full", "partial", "no"),
    "polarity": ("higher_is_better", "lower_is_better"),
    "comparator": (">=", "<=", "=", ">", "<", "range"),
    "fit": ("same", "proxy"),
    "rule_type": ("approval", "standards", "funding", "reporting", "monitoring", "coordination", "revision"),
    "action_status": ("planned", "ongoing", "done", "cancelled", "unknown"),
    "enabler_type": ("legal", "organisational", "technical", "human", "financial"),
}

#: Capability tags used to align country models (a model may add its own under ``capabilities:``).
CAPABILITIES: dict[str, str] = {
    "online_information": "Government information published online",
    "single_portal": "One national portal as the single entry point to services",
    "online_transactions": "Services completed online end to end",
    "e_payment": "Electronic payment of fees and taxes",
    "digital_identity": "A national digital identity for online authentication",
    "biometric_identity": "Biometric enrolment and identification",
    "id_card_chip": "Chip ID card usable online",
    "e_signature": "Legally binding electronic signature",
    "mobile_signature": "Mobile (SIM or app based) electronic signature",
    "population_register": "An authoritative population register with a personal identification number",
    "base_registries": "Authoritative base registries (people, businesses, property, …)",
    "data_exchange": "A government-wide data exchange layer between information systems",
    "once_only": "Citizens give the same data to government only once",
    "consented_data_sharing": "Citizens share their government-held data with services by consent",
    "life_event_services": "Services bundled around life events",
    "proactive_services": "Services delivered without an application, triggered by events",
    "mobile_services": "Government services through a mobile app",
    "one_stop_shop": "Physical one-stop service centres for many agencies",
    "business_services": "A portal or bundle of services for businesses",
    "e_participation": "Online consultation and participation of citizens",
    "open_data": "An open government data portal",
    "e_visa": "Electronic visa for foreigners",
    "e_residency": "Digital identity for non-residents",
    "cloud_infrastructure": "Shared government cloud or data centre",
    "government_network": "A secure network connecting government bodies",
    "cybersecurity": "A body and rules for government cybersecurity",
    "common_platforms": "Shared components (notifications, forms, payments) reused by agencies",
    "central_digital_agency": "A central agency that builds and runs government digital services",
    "ict_coordination_body": "A high-level body that coordinates ICT policy across government",
    "ict_ministry": "A ministry responsible for ICT and e-government policy",
    "ict_legal_framework": "Laws on e-government, e-signature, data and information",
    "standards_and_testing": "Standards, certification and testing of government systems",
    "e_government_strategy": "A published national e-government or digital strategy",
    "monitoring_kpis": "KPIs with targets and monitoring of the strategy",
    "digital_skills": "Programmes for the digital skills of officials and citizens",
    "it_education": "Institutions for IT education and research",
    "innovation_fund": "A state fund for ICT and innovation",
    "satellite_connectivity": "National telecommunication satellites",
    "broadband_infrastructure": "National broadband and telecom infrastructure",
    "service_standards": "Service and design standards for government services",
    "e_procurement": "Electronic public procurement",
    "e_tax": "Electronic tax filing",
}



def check_registry(registry, vocabulary: dict, what: str) -> None:
    """Raise if an engine registry and the vocabulary name different methods (called at import by the engine).

    Examples
    --------
    >>> check_registry({"reweight": None}, {"reweight": "…", "mean": "…"}, "missing-data policies")
    Traceback (most recent call last):
    ...
    RuntimeError: missing-data policies: the vocabulary names ['mean'] that the engine does not implement; the engine implements [] that the vocabulary does not name.
    """
    names, known = set(registry), set(vocabulary)
    if names != known:
        raise RuntimeError(f"{what}: the vocabulary names {sorted(known - names)} that the engine does not "
                           f"implement; the engine implements {sorted(names - known)} that the vocabulary does "
                           "not name.")
