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
from assess.i18n import N_, translated
from assess.i18n.catalogues import known

__all__ = [
    "AGGREGATORS",
    "AGGREGATOR_ALIASES",
    "ARCHIMATE_LAYERS",
    "ARCHIMATE_TYPES",
    "BASES",
    "BASIS_LABELS",
    "BODY_TYPES",
    "CAPABILITIES",
    "CLASS_COUNT",
    "CLASS_RULES",
    "DEFAULT_ARCHIMATE",
    "EVIDENCE_OPERATORS",
    "EVIDENCE_STATES",
    "FACTOR_TARGETS",
    "ID_RE",
    "KINDS",
    "KNOWN_DATASETS",
    "LANGUAGES",
    "MISSING_ALIASES",
    "MISSING_POLICIES",
    "MODEL_STATUS_LABELS",
    "MOTIVATION_TYPES",
    "NODE_TYPES",
    "NODE_TYPE_HELP",
    "NODE_TYPE_LABELS",
    "NORMALISERS",
    "NORMALISER_ALIASES",
    "NORMALISER_PARAMS",
    "REALISATION_STATUSES",
    "RELATION_TYPES",
    "RELATION_TYPE_HELP",
    "RELATION_TYPE_LABELS",
    "SCREEN_RULES",
    "STRATEGY",
    "TREAT_TRANSFORMS",
    "capability_label",
    "check_registry",
]

KINDS = ("composite", "country_model", "evidence_map", "realisation", "rubric", "stage_model", "strategy")
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

#: COINr's names of imputation methods, accepted for ``steps.impute.method`` (→ the policy above).
MISSING_ALIASES: dict[str, str] = {"none": "reweight", "i_mean": "mean", "i_median": "median",
                                   "i_mean_grp": "group_mean", "i_median_grp": "group_median"}

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
    "distance_to_target": "linear from the minimum to a target (COINr n_dist2targ; cap: true caps at 1)",
    "scaled": "(x - l) / (u - l) * 100 for fixed l, u (COINr n_scaled)",
    "distance_to_max": "1 - (max - x) / (max - min) (COINr n_dist2max)",
    "distance_to_unit": "1 - (x_ref - x) / (x_ref - min) against a reference unit (COINr n_dist2ref)",
}

#: Parameters each normalisation method takes (assess's names and COINr's), e.g. ``{method: minmax, l_u: [0, 100]}``.
NORMALISER_PARAMS: dict[str, tuple[str, ...]] = {
    "none": (), "minmax": ("l_u", "lo", "hi"), "zscore": ("m_sd", "mean", "sd", "ddof"),
    "zscore_minmax": ("m_sd", "mean", "sd", "ddof"), "scaled": ("npara",),
    "goalposts": ("gposts", "lo", "hi", "scale", "trunc", "trunc2posts"), "rank": (), "percentile": (), "borda": (),
    "distance_to_reference": ("reference",), "distance_to_frontier": (), "distance_to_target": ("targ", "target",
                                                                                                "cap", "cap_max"),
    "distance_to_max": (), "distance_to_unit": ("ref", "iref", "cap", "cap_max"),
}

#: COINr's names of normalisation methods, accepted wherever a method is named (→ the name above).
NORMALISER_ALIASES: dict[str, str] = {
    "n_minmax": "minmax", "n_zscore": "zscore", "n_scaled": "scaled", "n_dist2max": "distance_to_max",
    "dist2max": "distance_to_max", "n_dist2ref": "distance_to_unit", "dist2ref": "distance_to_unit",
    "n_dist2targ": "distance_to_target", "dist2targ": "distance_to_target", "n_fracmax": "distance_to_frontier",
    "fracmax": "distance_to_frontier", "n_prank": "percentile", "prank": "percentile", "n_rank": "rank",
    "n_borda": "borda", "n_goalposts": "goalposts",
}

#: Aggregation methods (``aggregate``), each implemented in :data:`assess.engine.aggregation.AGGREGATORS`.
AGGREGATORS: dict[str, str] = {
    "arithmetic_mean": "weighted arithmetic mean (full compensation)",
    "geometric_mean": "weighted geometric mean (partial compensation; needs positive values)",
    "harmonic_mean": "weighted harmonic mean",
    "generalised_mean": "weighted power mean of order p",
    "minimum": "the weakest child (no compensation)",
    "maximum": "the strongest child",
    "copeland": "Copeland's rule: pairwise weighted majority wins minus losses (COINr a_copeland)",
}

#: Short and COINr names of aggregation methods, accepted wherever a method is named (→ the name above).
AGGREGATOR_ALIASES: dict[str, str] = {
    "mean": "arithmetic_mean", "arithmetic": "arithmetic_mean", "amean": "arithmetic_mean",
    "a_amean": "arithmetic_mean", "geometric": "geometric_mean", "gmean": "geometric_mean",
    "a_gmean": "geometric_mean", "harmonic": "harmonic_mean", "hmean": "harmonic_mean", "a_hmean": "harmonic_mean",
    "generalised": "generalised_mean", "a_genmean": "generalised_mean", "a_copeland": "copeland",
}

#: Unit screening rules of ``steps.screen.unit_screen`` (COINr's ``Screen``).
SCREEN_RULES: dict[str, str] = {
    "byNA": "drop units whose share of available indicators is below dat_thresh",
    "byzeros": "drop units whose share of non-zero values is below nonzero_thresh",
    "byNAandzeros": "drop units failing either rule",
    "none": "keep every unit (screen indicators only, with ind_dat_thresh)",
}

#: Second-stage outlier transforms of ``steps.treat.f2`` (COINr's ``f2``).
TREAT_TRANSFORMS: dict[str, str] = {
    "log_CT": "log(x - min + 0.01 (max - min)), COINr's default",
    "log_CT_plus": "log_CT for positive skew, its mirror -log(max + a - x) for negative skew",
    "log_CT_orig": "log(x - min + 1), the COIN Tool's original log",
    "log_GII": "log((max - 1)(x - min)/(max - min) + 1), the GII 2020 log",
    "boxcox": "Box-Cox of x - min + 1 with lmbda (f2_para)",
}

#: What an uncertain factor of a composite's ``uncertainty.factors`` varies.
FACTOR_TARGETS: dict[str, str] = {
    "winmax": "the winsorisation limit (values: whole numbers)",
    "normalise": "the normalisation (values: method names or [method, {parameters}])",
    "aggregate": "the aggregation (values: method names)",
    "impute": "the missing-data policy (values: policy names)",
    "include": "the indicator set (values: lists of indicator ids to leave out; [] keeps all)",
    "weights": "the weights: noise {level: f} multiplies each weight of a level by U(1 - f, 1 + f), nsets sets",
    "weight": "one node's weight times a multiplier drawn in [lo, hi] (node, range)",
}

#: Rules for rating classes within groups (the UN's own rule is not published).
CLASS_RULES: dict[str, str] = {
    "quartile_within_group": "quartiles by count of units within the group",
    "equal_bands": "four equal-width bands of the group's score range",
}
#: Classes within a group that every class rule gives (quarters: 0 = best … 3).
CLASS_COUNT = 4

#: Node types of a country model, with what each means; the first four are *bodies* (they report to each other).
NODE_TYPE_HELP: dict[str, str] = {
    "body": "an organisation of the state (head of state, cabinet, directorate)",
    "council": "a council or committee of the state",
    "ministry": "a ministry",
    "agency": "an agency, centre, fund or other subordinate organisation",
    "service": "a service delivered to users",
    "platform": "a platform or portal users see (also a grouping of the technical model)",
    "system": "an information system behind the services",
    "enabler": "a capability that enables others (identity, signature, skills, infrastructure)",
    "user_group": "a group of users",
    "legal_act": "a law, decree, resolution or set of rules",
    "programme": "a programme, strategy, concept or action plan (or one of its items)",
    "milestone": "a dated event",
    "duty": "a duty assigned to a body",
    "grouping": "a part of the model that groups others (the paper's technical and organisational models)",
    "goal": "an aim the model pursues",
    "outcome": "a benefit the model is to bring",
    "driver": "a reason that drives a choice of the model",
    "principle": "a principle the model follows",
    "requirement": "a condition the model states must be met",
    "finding": "a finding or judgement (of the paper or the analyst) that bears on the model",
}
NODE_TYPES = tuple(NODE_TYPE_HELP)
BODY_TYPES = ("body", "council", "ministry", "agency")
#: What reports and pages show for each node type (English; ``assess.i18n.translated`` gives the Azerbaijani).
NODE_TYPE_LABELS = {
    "body": N_("body"), "council": N_("council"), "ministry": N_("ministry"), "agency": N_("agency"),
    "service": N_("service"), "platform": N_("platform"), "system": N_("system"), "enabler": N_("enabler"),
    "user_group": N_("user group"), "legal_act": N_("legal act"), "programme": N_("programme"),
    "milestone": N_("milestone"), "duty": N_("duty"), "grouping": N_("grouping"), "goal": N_("goal"),
    "outcome": N_("outcome"), "driver": N_("driver"), "principle": N_("principle"),
    "requirement": N_("requirement"), "finding": N_("finding"),
}
#: What reports and pages show for a country model's ``status``.
MODEL_STATUS_LABELS = {"proposal": N_("proposal"), "current": N_("current state"), "reference": N_("reference")}
#: What reports and pages show for the ``basis`` of a node or relation (:data:`BASES`).
BASIS_LABELS = {"paper": N_("paper"), "source": N_("source"), "inferred": N_("inferred")}
#: Node types that say why and what for (ArchiMate motivation elements and groupings): no graph rule applies to them
#: beyond connectivity.
MOTIVATION_TYPES = ("grouping", "goal", "outcome", "driver", "principle", "requirement", "finding")
#: Relation types (``from`` —type→ ``to``), with what each means.
RELATION_TYPE_HELP: dict[str, str] = {
    "reports_to": "a body reports to its superior body (one superior each, no cycles)",
    "part_of": "a part belongs to a whole",
    "delivers": "a provider delivers, runs or implements a service, platform or system",
    "serves": "a service serves a user group",
    "uses": "a user (or a component) uses something",
    "coordinates": "a body coordinates another element",
    "regulates": "a legal act or body regulates another element",
    "funds": "a fund or budget finances another element",
    "enables": "an enabler makes another element possible",
    "measured_by": "a component is measured by an indicator 'framework_id.node_id' of a composite framework",
    "assigned_to": "a duty is assigned to a body",
    "influences": "a driver, principle, finding or requirement bears on another element",
    "realises": "an element brings about a goal or outcome",
    "member_of": "a body (or office) is a member of a council",
    "secretariat_of": "a body acts as the secretariat of a council",
    "monitors": "a body monitors and evaluates a programme",
}
RELATION_TYPES = tuple(RELATION_TYPE_HELP)
#: What pages show for each relation type (English; ``assess.i18n.translated`` gives the Azerbaijani).
RELATION_TYPE_LABELS = {
    "reports_to": N_("reports to"), "part_of": N_("part of"), "delivers": N_("delivers"), "serves": N_("serves"),
    "uses": N_("uses"), "coordinates": N_("coordinates"), "regulates": N_("regulates"), "funds": N_("funds"),
    "enables": N_("enables"), "measured_by": N_("measured by"), "assigned_to": N_("assigned to"),
    "influences": N_("influences"), "realises": N_("realises"), "member_of": N_("member of"),
    "secretariat_of": N_("secretariat of"), "monitors": N_("monitors"),
}
#: The basis of a node or relation of a country model: where it comes from, and what it must carry.
BASES: dict[str, str] = {
    "paper": "stated in the seed paper: carries a quote in the paper's own words and the section it stands in",
    "source": "stated in a public source: carries its citation(s)",
    "inferred": "the analyst's reading, stated nowhere: carries a one-line reason",
}
#: Statuses of a proposal element against today's model (:func:`assess.model.realised.realisation`).
REALISATION_STATUSES: dict[str, str] = {
    "realised": "elements of today's model realise it, covering its capabilities, in the place it proposed",
    "partly": "linked elements exist, but they cover only part of its capabilities, sit elsewhere or are no body",
    "not": "no element of today's model realises it (in the year shown)",
    "superseded": "what realised it was replaced by something else, or something else took its place",
    "unknown": "not assessed: no evidence was opened for it",
}

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
    "duty": "BusinessFunction", "indicator": "Assessment", "grouping": "Grouping", "goal": "Goal",
    "outcome": "Outcome", "driver": "Driver", "principle": "Principle", "requirement": "Requirement",
    "finding": "Assessment",
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
#: Where a fact of a country model comes from (``basis`` of a node or relation).
BASES: dict[str, str] = {
    "paper": "stated in the seed paper: carries a quote in the paper's own words and the section it stands in",
    "source": "stated in a public source: carries its citation(s)",
    "inferred": "the analyst's reading, stated nowhere: carries a one-line reason",
}
#: States of a capability for an economy and year (``kind: evidence_map``, :func:`assess.evidence`).
EVIDENCE_STATES: dict[str, str] = {
    "present": "the evidence says the capability exists and is in use",
    "partial": "the evidence says it is planned, in progress, limited, or only part of it exists",
    "absent": "the evidence says no",
    "unknown": "a rule exists but the values it needs are missing for this economy and year",
    "not_modelled": "no bundled indicator decides this capability (context values may be shown)",
}
#: Comparisons of an evidence condition ``{ev: id, <op>: number}``.
EVIDENCE_OPERATORS = ("min", "max", "eq", "gt", "lt")

#: Capability tags used to align country models (a model may add its own under ``capabilities:``), with what each
#: means (English; ``assess.i18n.translated`` gives the Azerbaijani).
CAPABILITIES: dict[str, str] = {
    "online_information": N_("Government information published online"),
    "single_portal": N_("One national portal as the single entry point to services"),
    "online_transactions": N_("Services completed online end to end"),
    "e_payment": N_("Electronic payment of fees and taxes"),
    "digital_identity": N_("A national digital identity for online authentication"),
    "biometric_identity": N_("Biometric enrolment and identification"),
    "id_card_chip": N_("Chip ID card usable online"),
    "e_signature": N_("Legally binding electronic signature"),
    "mobile_signature": N_("Mobile (SIM or app based) electronic signature"),
    "population_register": N_("An authoritative population register with a personal identification number"),
    "base_registries": N_("Authoritative base registries (people, businesses, property, …)"),
    "data_exchange": N_("A government-wide data exchange layer between information systems"),
    "once_only": N_("Citizens give the same data to government only once"),
    "consented_data_sharing": N_("Citizens share their government-held data with services by consent"),
    "life_event_services": N_("Services bundled around life events"),
    "proactive_services": N_("Services delivered without an application, triggered by events"),
    "mobile_services": N_("Government services through a mobile app"),
    "one_stop_shop": N_("Physical one-stop service centres for many agencies"),
    "business_services": N_("A portal or bundle of services for businesses"),
    "e_participation": N_("Online consultation and participation of citizens"),
    "open_data": N_("An open government data portal"),
    "e_visa": N_("Electronic visa for foreigners"),
    "e_residency": N_("Digital identity for non-residents"),
    "cloud_infrastructure": N_("Shared government cloud or data centre"),
    "government_network": N_("A secure network connecting government bodies"),
    "cybersecurity": N_("A body and rules for government cybersecurity"),
    "common_platforms": N_("Shared components (notifications, forms, payments) reused by agencies"),
    "central_digital_agency": N_("A central agency that builds and runs government digital services"),
    "ict_coordination_body": N_("A high-level body that coordinates ICT policy across government"),
    "ict_ministry": N_("A ministry responsible for ICT and e-government policy"),
    "ict_legal_framework": N_("Laws on e-government, e-signature, data and information"),
    "standards_and_testing": N_("Standards, certification and testing of government systems"),
    "e_government_strategy": N_("A published national e-government or digital strategy"),
    "monitoring_kpis": N_("KPIs with targets and monitoring of the strategy"),
    "digital_skills": N_("Programmes for the digital skills of officials and citizens"),
    "e_culture": N_("Users hold the culture (skills and habits) to use e-government (the paper's 'e-mədəniyyət')"),
    "it_education": N_("Institutions for IT education and research"),
    "innovation_fund": N_("A state fund for ICT and innovation"),
    "satellite_connectivity": N_("National telecommunication satellites"),
    "broadband_infrastructure": N_("National broadband and telecom infrastructure"),
    "service_standards": N_("Service and design standards for government services"),
    "e_procurement": N_("Electronic public procurement"),
    "e_tax": N_("Electronic tax filing"),
}



def capability_label(tag: str, lang: str = "en", vocabulary: dict | None = None) -> str:
    """What a capability tag means, in ``lang`` (a model's own tags, ``vocabulary``, keep their English text).

    Examples
    --------
    >>> capability_label("e_tax"), capability_label("e_tax", "az"), capability_label("own_tag", "az", {"own_tag": "Own"})
    ('Electronic tax filing', 'Elektron vergi bəyannaməsi', 'Own')
    """
    text = (vocabulary or {}).get(tag) or CAPABILITIES.get(tag, tag)
    return translated(text, lang) if known(text) else text


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
