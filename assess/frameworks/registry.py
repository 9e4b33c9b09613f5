"""Frameworks as data: load, validate and list ``frameworks/*.yaml``.

A framework file has a ``kind``; each kind becomes one frozen dataclass:

- ``composite`` → :class:`CompositeFramework` (indicators → sub-indices → index),
- ``country_model`` → :class:`CountryModel` (typed nodes and relations of a country's
  e-government; see :mod:`assess.model`),
- ``rubric`` → :class:`Rubric` (a maturity questionnaire with reference profiles),
- ``stage_model`` → :class:`StageModel` (stages with explicit placement rules).

A framework loads whole or not at all: :func:`load_framework` validates with
:mod:`assess.frameworks.schema` and raises one :class:`~assess.errors.FrameworkError` listing every
problem. Objects are read-only views of the validated document; ``to_dict()`` gives the
document back and ``from_dict`` rebuilds an equal object.

Examples
--------
>>> fw = load_framework("un_egdi")
>>> fw.kind, fw.root, [c.id for c in fw.children("egdi")]
('composite', 'egdi', ['osi', 'hci', 'tii'])
>>> sorted({f["kind"] for f in list_frameworks()})
['composite', 'country_model', 'rubric', 'stage_model']
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess import limits
from assess.errors import FrameworkError, Issue
from assess.frameworks import schema, vocabulary
from assess.io import safeio

__all__ = [
    "BUILD_FAILED",
    "FRAMEWORKS_DIR",
    "Component",
    "CompositeFramework",
    "CountryModel",
    "Criterion",
    "Dimension",
    "Group",
    "Indicator",
    "ModelNode",
    "Relation",
    "Rubric",
    "Stage",
    "StageModel",
    "clear_cache",
    "evaluate_rule",
    "framework_from_dict",
    "framework_arg",
    "framework_ids",
    "list_frameworks",
    "load_framework",
]

#: The shipped frameworks.
FRAMEWORKS_DIR = Path(__file__).resolve().parents[2] / "frameworks"

Name = dict  # language → text


def _plain(obj: Any) -> Any:
    """Dates to ISO strings, recursively (so documents are JSON-ready)."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    return obj


def _as_tuple(value: Any) -> tuple:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list | tuple) else (value,)


# ---------------------------------------------------------------------------------------------
# Base
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Framework:
    id: str
    kind: str
    name: Name
    path: Path | None = field(default=None, compare=False)
    doc: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        """Return the (validated) document as plain dicts/lists, ready for YAML or JSON.

        Examples
        --------
        >>> d = load_framework("gtmi").to_dict()
        >>> d["id"], d["kind"], [g["id"] for g in d["groups"]]
        ('gtmi', 'composite', ['d', 'c', 'b', 'a'])
        """
        return copy.deepcopy(self.doc)

    @property
    def label(self) -> str:
        """English name (falls back to the id).

        Examples
        --------
        >>> load_framework("gtmi").label
        'GovTech Maturity Index'
        """
        return self.name.get("en", self.id)


# ---------------------------------------------------------------------------------------------
# Composite indices
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Component:
    """A node of the aggregation tree above the indicators (the root has ``parent=None``)."""

    id: str
    name: Name
    parent: str | None = None
    weight: float = 1.0
    aggregate: str | None = None
    normalise: str | None = None
    missing: str | None = None
    description: str | None = None
    rescale: dict | str | None = None


@dataclass(frozen=True)
class Indicator:
    """A leaf: where the value comes from (``source = {"dataset": …, "indicator": …}``) and how it counts."""

    id: str
    name: Name
    parent: str
    weight: float = 1.0
    direction: int = 1
    normalise: str | None = None
    source: dict = field(default_factory=dict)
    description: str | None = None
    goalposts: dict | None = None


@dataclass(frozen=True)
class Group:
    """A band on the root score: the group applies from ``min`` up to the next group's ``min``.

    ``code`` is the short label the publisher prints (``VH``, ``A``); it defaults to the id.
    """

    id: str
    name: Name
    min: float
    code: str = ""

    @property
    def label(self) -> str:
        """The printed short label (``code``, else the id)."""
        return self.code or self.id


@dataclass(frozen=True)
class CompositeFramework(_Framework):
    """A composite index: indicators → components → one root index.

    Attributes
    ----------
    components : tuple of Component
        The aggregation tree (``id``, ``name``, ``parent``, ``weight``, ``aggregate``,
        ``normalise``, ``missing``); exactly one has no parent (:attr:`root`).
    indicators : tuple of Indicator
        The leaves (``id``, ``name``, ``parent``, ``weight``, ``direction``, ``normalise``,
        ``source`` = ``{"dataset", "indicator"}`` in the tidy indicator store).
    groups : tuple of Group
        Thresholds on the root score, ascending ``min``.
    classes : dict or None
        Rating classes within groups (UN): ``rule``, ``approximation``, ``labels``.
    editions : dict
        Per-edition overrides keyed by year (``note``, ``method_break``, ``weights``, …).
    method : dict
        Defaults for every level: ``normalise``, ``aggregate``, ``missing``.
    scale : dict
        ``{"min": …, "max": …}`` of the root score.

    Examples
    --------
    >>> fw = load_framework("gtmi")
    >>> [i.source["indicator"] for i in fw.indicators]
    ['cgsi', 'psdi', 'dcei', 'gtei']
    >>> fw.group_of(0.8).id, fw.group_of(0.3).id
    ('a', 'c')
    """

    publisher: str | None = None
    source: str | None = None
    scale: dict = field(default_factory=lambda: {"min": 0, "max": 1})
    method: dict = field(default_factory=dict)
    components: tuple[Component, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    groups: tuple[Group, ...] = ()
    classes: dict | None = None
    editions: dict = field(default_factory=dict)

    @property
    def root(self) -> str:
        """Id of the root component.

        Examples
        --------
        >>> load_framework("oecd_dgi").root
        'dgi'
        """
        return next(c.id for c in self.components if c.parent is None)

    @property
    def node_ids(self) -> tuple[str, ...]:
        """Ids of every component and indicator.

        Examples
        --------
        >>> load_framework("epi").node_ids
        ('epi', 'epi_pub')
        """
        return tuple(c.id for c in self.components) + tuple(i.id for i in self.indicators)

    def node(self, node_id: str) -> Component | Indicator:
        """Return the component or indicator ``node_id``.

        Examples
        --------
        >>> load_framework("un_egdi").node("tii").name["az"]
        'Telekommunikasiya İnfrastrukturu İndeksi'
        """
        for node in (*self.components, *self.indicators):
            if node.id == node_id:
                return node
        raise KeyError(f"{self.id}: no component or indicator {node_id!r}")

    def children(self, node_id: str) -> tuple[Component | Indicator, ...]:
        """Direct children (components first, then indicators) of ``node_id``, in file order.

        Examples
        --------
        >>> [c.id for c in load_framework("un_egdi").children("osi")]
        ['osi_pub']
        """
        return tuple(n for n in (*self.components, *self.indicators) if n.parent == node_id)

    def group_of(self, score: float) -> Group | None:
        """The group a root score falls in (``None`` below the first threshold).

        Examples
        --------
        >>> load_framework("un_egdi").group_of(0.7412).id
        'high'
        """
        found = None
        for group in self.groups:
            if score >= group.min:
                found = group
        return found


# ---------------------------------------------------------------------------------------------
# Country models
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelNode:
    """A typed node of a country model (body, ministry, service, platform, …)."""

    id: str
    type: str
    name: Name
    description: str | None = None
    source: str | None = None
    verified: bool = True
    archimate_type: str = "BusinessActor"
    layer: str = "business"
    capabilities: tuple[str, ...] = ()
    mandate: tuple[str, ...] = ()
    date: str | None = None
    start: str | None = None
    end: str | None = None
    note: str | None = None
    url: str | None = None

    @property
    def is_body(self) -> bool:
        """True for bodies (body, council, ministry, agency), which report to each other."""
        return self.type in schema.BODY_TYPES


@dataclass(frozen=True)
class Relation:
    """A typed relation ``source`` —``type``→ ``target`` (``from``/``to`` in YAML)."""

    source: str
    type: str
    target: str
    note: str | None = None
    citation: str | None = None
    verified: bool = True


def _layer_of(archimate_type: str) -> str:
    for layer, types in vocabulary.ARCHIMATE_LAYERS.items():
        if archimate_type in types:
            return layer
    return "other"


@dataclass(frozen=True)
class CountryModel(_Framework):
    """A country's e-government as typed nodes and relations (a proposal, today's state or a reference).

    Attributes
    ----------
    country : str
        ISO3 code.
    status : str
        ``proposal``, ``current`` or ``reference``.
    as_of : str
        Date (or year) the model describes.
    nodes : tuple of ModelNode
    relations : tuple of Relation
        ``measured_by`` relations point at ``framework_id.node_id`` of a composite framework.
    vocabulary : dict
        Capability tags allowed in the model (vocabulary.CAPABILITIES plus the model's own).

    Examples
    --------
    >>> m = load_framework("azerbaijan_proposal")
    >>> m.status, m.node("it_supreme_council").name["az"]
    ('proposal', 'İnformasiya Texnologiyaları üzrə Ali Şura')
    >>> sorted(n.id for n in m.nodes_of_type("user_group"))
    ['businesses', 'citizens', 'foreigners', 'ngos']
    """

    country: str = ""
    status: str = "reference"
    as_of: str = ""
    source: str | None = None
    nodes: tuple[ModelNode, ...] = ()
    relations: tuple[Relation, ...] = ()
    vocabulary: dict = field(default_factory=dict, repr=False)

    def node(self, node_id: str) -> ModelNode:
        """Return node ``node_id`` (``KeyError`` if absent)."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(f"{self.id}: no node {node_id!r}")

    def nodes_of_type(self, *types: str) -> tuple[ModelNode, ...]:
        """Nodes whose type is one of ``types``."""
        return tuple(n for n in self.nodes if n.type in types)

    def capabilities(self) -> set[str]:
        """Every capability tag carried by some node.

        Examples
        --------
        >>> "data_exchange" in load_framework("estonia").capabilities()
        True
        """
        return {tag for n in self.nodes for tag in n.capabilities}


# ---------------------------------------------------------------------------------------------
# Rubrics
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """A group of rubric criteria with a weight."""

    id: str
    name: Name
    weight: float = 1.0
    description: str | None = None


@dataclass(frozen=True)
class Criterion:
    """A rubric criterion; ``levels[k]`` is the observable evidence ``{en, az}`` for level k."""

    id: str
    dimension: str
    name: Name
    weight: float = 1.0
    question: str | None = None
    levels: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rubric(_Framework):
    """A maturity questionnaire: dimensions, weighted criteria, levels with evidence, reference profiles.

    Attributes
    ----------
    levels : dict
        Level number → ``{"name": {en, az}, "description": …}`` (0 … 4).
    dimensions : tuple of Dimension
    criteria : tuple of Criterion
    profiles : dict
        Profile id → ``{criterion_id: {"level", "evidence", "source"}}``; expert judgements,
        editable.
    profile_info : dict
        Profile id → ``{"name", "kind", "subject", "date", "editable", "source", "note"}``.

    Examples
    --------
    >>> r = load_framework("strategic_structure")
    >>> len(r.criteria), sorted(r.levels)
    (15, [0, 1, 2, 3, 4])
    >>> r.profiles["singapore_dgb"]["vision"]["level"]
    4
    """

    levels: dict = field(default_factory=dict)
    dimensions: tuple[Dimension, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    profiles: dict = field(default_factory=dict)
    profile_info: dict = field(default_factory=dict)

    def criteria_of(self, dimension_id: str) -> tuple[Criterion, ...]:
        """Criteria of one dimension, in file order."""
        return tuple(c for c in self.criteria if c.dimension == dimension_id)


# ---------------------------------------------------------------------------------------------
# Stage models
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    """One stage: ``order`` (1 = lowest) and the ``rule`` that must hold to reach it."""

    id: str
    name: Name
    order: int
    rule: dict
    description: str | None = None
    source: str | None = None


def evaluate_rule(rule: Mapping, values: Mapping[str, float] | None = None,
                  capabilities: Iterable[str] = ()) -> bool:
    """Evaluate a stage rule against indicator values and capability tags.

    Parameters
    ----------
    rule : mapping
        ``{"indicator": "fw.node", "min": x, "max": y}``, ``{"capability": tag}``,
        ``{"capabilities": [tags]}`` (all), ``{"all": [...]}``, ``{"any": [...]}``,
        ``{"not": rule}`` or ``{"always": true}``.
    values : mapping, optional
        ``"fw.node"`` → value. A missing value makes an indicator rule false.
    capabilities : iterable of str
        Tags the country has.

    Returns
    -------
    bool

    Examples
    --------
    >>> evaluate_rule({"all": [{"indicator": "un_egdi.osi", "min": 0.5}, {"capability": "e_payment"}]},
    ...               {"un_egdi.osi": 0.6}, {"e_payment"})
    True
    >>> evaluate_rule({"indicator": "un_egdi.osi", "min": 0.5}, {})
    False
    """
    values = values or {}
    caps = set(capabilities)
    if rule.get("always"):
        return True
    if "indicator" in rule:
        value = values.get(rule["indicator"])
        if value is None or value != value:  # missing or NaN
            return False
        return ("min" not in rule or value >= rule["min"]) and ("max" not in rule or value <= rule["max"])
    if "capability" in rule:
        return rule["capability"] in caps
    if "capabilities" in rule:
        return set(rule["capabilities"]) <= caps
    if "all" in rule:
        return all(evaluate_rule(r, values, caps) for r in rule["all"])
    if "any" in rule:
        return any(evaluate_rule(r, values, caps) for r in rule["any"])
    if "not" in rule:
        return not evaluate_rule(rule["not"], values, caps)
    return False


@dataclass(frozen=True)
class StageModel(_Framework):
    """Stages of e-government maturity with explicit rules (UN stages, Layne & Lee, Gartner).

    Attributes
    ----------
    stages : tuple of Stage
        Sorted by ``order``.
    cumulative : bool
        If true (default) a stage is reached only when every lower stage is reached too.
    basis : str
        ``indicators``, ``capabilities`` or ``mixed``.

    Examples
    --------
    >>> sm = load_framework("layne_lee")
    >>> [s.id for s in sm.stages]
    ['catalogue', 'transaction', 'vertical_integration', 'horizontal_integration']
    >>> sm.place(capabilities={"online_information", "online_transactions", "e_payment"}).id
    'transaction'
    """

    source: str | None = None
    basis: str = "mixed"
    cumulative: bool = True
    stages: tuple[Stage, ...] = ()

    def place(self, values: Mapping[str, float] | None = None, capabilities: Iterable[str] = ()) -> Stage | None:
        """The highest stage reached (``None`` if not even the first one is).

        Parameters
        ----------
        values : mapping, optional
            ``"framework_id.node_id"`` → value (e.g. ``{"un_egdi.osi": 0.62}``).
        capabilities : iterable of str
            Capability tags, e.g. ``CountryModel.capabilities()``.
        """
        caps = set(capabilities)
        reached = None
        for stage in self.stages:
            if evaluate_rule(stage.rule, values, caps):
                reached = stage
            elif self.cumulative:
                break
        return reached


# ---------------------------------------------------------------------------------------------
# Building objects from validated documents
# ---------------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value.get("en") or next(iter(value.values()), None)
    return str(value)


def _build(doc: dict, path: Path | None) -> _Framework:
    base = {"id": doc["id"], "kind": doc["kind"], "name": dict(doc["name"]), "path": path, "doc": doc}
    kind = doc["kind"]
    if kind == "composite":
        method = dict(doc.get("method", {}))
        components = tuple(
            Component(id=c["id"], name=dict(c["name"]), parent=c.get("parent"), weight=float(c.get("weight", 1)),
                      aggregate=c.get("aggregate"), normalise=c.get("normalise"), missing=c.get("missing"),
                      description=_text(c.get("description")), rescale=c.get("rescale"))
            for c in doc["components"])
        indicators = tuple(
            Indicator(id=i["id"], name=dict(i["name"]), parent=i["parent"], weight=float(i.get("weight", 1)),
                      direction=int(i.get("direction", 1)), normalise=i.get("normalise"),
                      source=dict(i["source"]), description=_text(i.get("description")),
                      goalposts=i.get("goalposts"))
            for i in doc["indicators"])
        groups = tuple(Group(id=g["id"], name=dict(g["name"]), min=float(g["min"]), code=str(g.get("code", "")))
                       for g in doc.get("groups", []))
        return CompositeFramework(**base, publisher=doc.get("publisher"), source=_text(doc.get("source")),
                                  scale=dict(doc.get("scale", {"min": 0, "max": 1})), method=method,
                                  components=components, indicators=indicators, groups=groups,
                                  classes=doc.get("classes"), editions=dict(doc.get("editions", {})))
    if kind == "country_model":
        nodes = []
        for n in doc["nodes"]:
            archimate = n.get("archimate_type") or vocabulary.DEFAULT_ARCHIMATE[n["type"]]
            nodes.append(ModelNode(
                id=n["id"], type=n["type"], name=dict(n["name"]), description=_text(n.get("description")),
                source=_text(n.get("source")), verified=n.get("verified", True), archimate_type=archimate,
                layer=_layer_of(archimate), capabilities=tuple(n.get("capabilities", ())),
                mandate=tuple(_text(m) for m in _as_tuple(n.get("mandate"))),
                date=None if n.get("date") is None else str(n["date"]),
                start=None if n.get("start") is None else str(n["start"]),
                end=None if n.get("end") is None else str(n["end"]), note=_text(n.get("note")),
                url=n.get("url")))
        relations = tuple(Relation(source=r["from"], type=r["type"], target=r["to"], note=_text(r.get("note")),
                                   citation=_text(r.get("source")), verified=r.get("verified", True))
                          for r in doc["relations"] or [])
        tags = {**vocabulary.CAPABILITIES, **(doc.get("capabilities") or {})}
        return CountryModel(**base, country=doc["country"], status=doc["status"], as_of=str(doc["as_of"]),
                            source=_text(doc.get("source")), nodes=tuple(nodes), relations=relations,
                            vocabulary=tags)
    if kind == "rubric":
        dims = tuple(Dimension(id=d["id"], name=dict(d["name"]), weight=float(d.get("weight", 1)),
                               description=_text(d.get("description"))) for d in doc["dimensions"])
        crits = tuple(Criterion(id=c["id"], dimension=c["dimension"], name=dict(c["name"]),
                                weight=float(c.get("weight", 1)), question=_text(c.get("question")),
                                levels={k: dict(v) for k, v in c["levels"].items()}) for c in doc["criteria"])
        profiles, info = {}, {}
        for p in doc.get("profiles") or []:
            profiles[p["id"]] = {cid: {"level": s["level"], "evidence": _text(s["evidence"]),
                                       "source": _text(s.get("source"))} for cid, s in p["scores"].items()}
            info[p["id"]] = {"name": dict(p["name"]), "kind": p["kind"], "subject": _text(p.get("subject")),
                             "date": p.get("date"), "editable": p.get("editable", True),
                             "source": _text(p.get("source")), "note": _text(p.get("note"))}
        return Rubric(**base, levels={k: dict(v) for k, v in doc["levels"].items()}, dimensions=dims,
                      criteria=crits, profiles=profiles, profile_info=info)
    stages = tuple(sorted((Stage(id=s["id"], name=dict(s["name"]), order=s["order"], rule=s["rule"],
                                 description=_text(s.get("description")), source=_text(s.get("source")))
                           for s in doc["stages"]), key=lambda s: s.order))
    return StageModel(**base, source=_text(doc.get("source")), basis=doc.get("basis", "mixed"),
                      cumulative=doc.get("cumulative", True), stages=stages)


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

_cache: dict[Path, tuple[tuple[int, int], _Framework]] = {}


def clear_cache() -> None:
    """Forget every framework loaded so far (files are re-read and re-validated on next load).

    Examples
    --------
    >>> clear_cache()
    """
    _cache.clear()


_local = threading.local()


def _loading() -> set[Path]:
    """The framework files this thread is validating now (so a file referring to itself cannot recurse)."""
    if not hasattr(_local, "paths"):
        _local.paths = set()
    return _local.paths


def _resolver(directories: list[Path]):
    def resolve(framework_id: str):
        if not (isinstance(framework_id, str) and schema.ID_RE.fullmatch(framework_id)):
            return None  # an id names a file in a known folder, never a path
        for directory in directories:
            path = directory / f"{framework_id}.yaml"
            if path.is_file():
                if path.resolve() in _loading():
                    return None  # a framework referring to itself (or a cycle of files): not a composite to use
                try:
                    fw = _load_path(path, directories)
                except FrameworkError:
                    return None
                return set(fw.node_ids) if isinstance(fw, CompositeFramework) else None
        return None
    return resolve


def _load_path(path: Path, directories: list[Path]) -> _Framework:
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise FrameworkError(_display(path), [Issue("", "expected a framework file ending in .yaml or .yml")])
    path = path.resolve()
    source = _display(path)
    try:
        stat = path.stat()
    except OSError:
        raise FrameworkError(str(path), [Issue("", f"expected a readable framework file, found none at {path}")]) \
            from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    text = safeio.read_text(path, limits.MAX_YAML_BYTES, source=source, error=FrameworkError)
    doc, lines = schema.read_yaml_text(text, source=source)
    loading = _loading()
    loading.add(path)
    try:
        schema.check_document(doc, lines, source=source, resolve=_resolver(directories))
    finally:
        loading.discard(path)
    fw = _build_checked(doc, path, source)
    _cache[path] = (stamp, fw)
    return fw


#: Start of the message when a validated document still cannot be built (a gap in the validator).
BUILD_FAILED = "expected a framework the validator accepts to build"


def _build_checked(doc, path: Path | None, source: str) -> _Framework:
    try:
        return _build(_plain(doc), path)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:  # refuse, never crash
        raise FrameworkError(source, [Issue("", f"{BUILD_FAILED}; it failed ({type(exc).__name__}). "
                                                "Please report this file.")]) from None


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(FRAMEWORKS_DIR.parent))
    except ValueError:
        return str(path)


def _shown(value) -> str:
    """A value given as a framework id, in words (texts cut, never a file's content)."""
    return schema._show(value)


def framework_ids() -> tuple[str, ...]:
    """The ids of the registered frameworks: the files ``frameworks/<id>.yaml`` whose name is an id.

    Examples
    --------
    >>> "un_egdi" in framework_ids(), "peers" in framework_ids()
    (True, True)
    """
    return tuple(sorted(p.stem for p in FRAMEWORKS_DIR.glob("*.yaml") if schema.ID_RE.fullmatch(p.stem)))


def load_framework(name: str | Path | None = None, *, path: str | os.PathLike | None = None
                   ) -> CompositeFramework | CountryModel | Rubric | StageModel:
    """Load and validate a registered framework by id, or (command line and API) a YAML file by path.

    Parameters
    ----------
    name : str or pathlib.Path
        The id of a framework in ``frameworks/`` (``"un_egdi"``). A text is *only ever an id*, never
        a path, so a value that came with a request can be passed as it is: anything that is not
        a registered id is refused, and nothing is read. A :class:`pathlib.Path` object loads
        that file (the API's way to load your own file).
    path : str or path-like, keyword only
        The YAML file to load instead of ``name`` (for the command line and the API). It must be
        a regular ``.yaml``/``.yml`` file of at most :data:`assess.limits.MAX_YAML_BYTES`.
        ``measured_by`` references and stage rules are resolved against the file's own folder,
        then ``frameworks/``.

    Returns
    -------
    CompositeFramework, CountryModel, Rubric or StageModel

    Raises
    ------
    FrameworkError
        Listing every problem found (file, key path, line, expected, found). Messages show at
        most :data:`assess.schema.SHOWN_CHARS` characters of any value found, never a file's content.

    Examples
    --------
    >>> load_framework("singapore").country
    'SGP'
    >>> load_framework("no_such_framework")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    assess.errors.FrameworkError: no_such_framework: 1 problem
      expected the id of a framework in frameworks/, found 'no_such_framework' (known: azerbaijan_proposal, ...)
    >>> load_framework("/etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    assess.errors.FrameworkError: framework id: 1 problem
      expected the id of a framework in frameworks/, found '/etc/passwd' (known: ...). A text is never read as a path: pass pathlib.Path(...) or path=... to load a file
    """
    if path is not None:
        if name is not None:
            raise FrameworkError("load_framework", [Issue("", "expected a framework id or path=, found both")])
        name = Path(os.fspath(path))
    if isinstance(name, Path):
        resolved = name.resolve()
        dirs = [resolved.parent] + ([FRAMEWORKS_DIR] if resolved.parent != FRAMEWORKS_DIR else [])
        return _load_path(name, dirs)
    known = framework_ids()
    if isinstance(name, str) and name in known:
        return _load_path(FRAMEWORKS_DIR / f"{name}.yaml", [FRAMEWORKS_DIR])
    looks_like_id = isinstance(name, str) and bool(schema.ID_RE.fullmatch(name))
    hint = "" if looks_like_id or not isinstance(name, str) else \
        ". A text is never read as a path: pass pathlib.Path(...) or path=... to load a file"
    raise FrameworkError(name if looks_like_id else "framework id",
                         [Issue("", f"expected the id of a framework in frameworks/, found {_shown(name)} "
                                    f"(known: {', '.join(known)}){hint}")])


def framework_arg(text: str) -> CompositeFramework | CountryModel | Rubric | StageModel:
    """Command line only: load ``text`` as a path when it names a file (``.yaml``/``.yml`` or a
    path separator), else as an id. Request values never come here (:func:`load_framework` takes ids).

    Examples
    --------
    >>> framework_arg("frameworks/epi.yaml").id, framework_arg("gtmi").id
    ('epi', 'gtmi')
    """
    text = str(text)
    if text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        return load_framework(path=text)
    return load_framework(text)


def framework_from_dict(doc: Mapping, *, source: str = "<dict>", directory: Path | None = None):
    """Validate a document (as from ``to_dict()``) and build its framework object.

    Examples
    --------
    >>> fw = load_framework("epi")
    >>> framework_from_dict(fw.to_dict()) == fw
    True
    """
    doc = copy.deepcopy(dict(doc)) if isinstance(doc, Mapping) else doc
    dirs = ([directory] if directory else []) + [FRAMEWORKS_DIR]
    schema.check_document(doc, None, source=source, resolve=_resolver(dirs))
    return _build_checked(doc, None, source)


def list_frameworks(directory: str | Path | None = None) -> list[dict]:
    """List framework files (without validating them): ``id``, ``kind``, ``name`` (English), ``path``.

    Parameters
    ----------
    directory : str or Path, optional
        Folder to scan; default ``frameworks/``.

    Returns
    -------
    list of dict
        Sorted by kind, then id. Unreadable files appear with ``kind=None``; files of another
        module's kind (e.g. ``peer_sets``) are left out.

    Examples
    --------
    >>> rows = list_frameworks()
    >>> [r["id"] for r in rows if r["kind"] == "stage_model"]
    ['gartner', 'layne_lee', 'un_stages']
    """
    folder = Path(directory) if directory else FRAMEWORKS_DIR
    rows = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            text = safeio.read_text(path, limits.MAX_YAML_BYTES, error=FrameworkError)
            doc = safeio.load_yaml(text, str(path), error=FrameworkError)
        except FrameworkError:  # unreadable, not UTF-8, over a limit or not YAML: listed without a kind
            doc = None
        doc = doc if isinstance(doc, dict) else {}
        if isinstance(doc.get("kind"), str) and doc["kind"] not in vocabulary.KINDS and \
                not doc["kind"].startswith(("comp", "country", "rub", "stage")):
            continue  # a data file of another module, not a framework
        name = doc.get("name")
        rows.append({"id": doc.get("id", path.stem), "kind": doc.get("kind"),
                     "name": name.get("en") if isinstance(name, dict) else name, "path": str(path)})
    return sorted(rows, key=lambda r: (str(r["kind"]), str(r["id"])))
