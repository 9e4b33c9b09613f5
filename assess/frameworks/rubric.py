"""Rubrics (``kind: rubric``): a maturity questionnaire in dimensions and criteria, with reference profiles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assess.frameworks.base import Name, _Framework, _text
from assess.frameworks.checker import COMMON_KEYS, _Checker, _show

__all__ = ["Criterion", "Dimension", "Rubric"]



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
        Profile id → ``{"name", "kind", "subject", "strategy", "date", "editable", "source", "note"}``;
        ``strategy`` is the id of the strategy file (``kind: strategy``) the profile judges, if any.

    Examples
    --------
    >>> from assess.frameworks.registry import load_framework
    >>> r = load_framework("strategic_structure")
    >>> len(r.criteria), sorted(r.levels)
    (17, [0, 1, 2, 3, 4])
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


RUBRIC_KEYS = {**COMMON_KEYS, "levels": True, "dimensions": True, "criteria": True, "profiles": False}


RUBRIC_LEVEL_KEYS = {"name": True, "description": False}


DIMENSION_KEYS = {"id": True, "name": True, "weight": False, "description": False}


CRITERION_KEYS = {"id": True, "dimension": True, "name": True, "weight": False, "question": False,
                  "levels": True, "note": False}


PROFILE_KEYS = {"id": True, "name": True, "kind": True, "subject": False, "strategy": False, "date": False,
                "editable": False, "source": False, "note": False, "scores": True}


PROFILE_KINDS = ("expert_judgement", "self_assessment")


SCORE_KEYS = {"level": True, "evidence": True, "source": False}


def _validate_rubric(c: _Checker, doc: dict) -> None:
    levels = doc.get("levels")
    level_keys: list[int] = []
    if "levels" in doc and isinstance(levels, dict):
        level_keys = sorted(k for k in levels if isinstance(k, int))
        if level_keys != list(range(len(levels))):
            c.add(("levels",), "levels numbered 0, 1, 2, … without gaps", found_text=", ".join(map(str, levels)))
        for k, level in levels.items():
            if c.mapping(("levels", k), level, RUBRIC_LEVEL_KEYS):
                if "name" in level:
                    c.name(("levels", k, "name"), level["name"])
                if "description" in level:
                    c.text(("levels", k, "description"), level["description"])
    elif "levels" in doc:
        c.add(("levels",), "a mapping level number → {name}", levels)

    dims = c.list_of_mappings(("dimensions",), doc.get("dimensions"), "dimensions")
    c.unique_ids([(("dimensions", i, "id"), d.get("id")) for i, d in enumerate(dims) if isinstance(d, dict)],
                 "dimensions")
    dim_ids = [d.get("id") for d in dims if isinstance(d, dict) and isinstance(d.get("id"), str)]
    for i, dim in enumerate(dims):
        if c.mapping(("dimensions", i), dim, DIMENSION_KEYS):
            c.ident(("dimensions", i, "id"), dim.get("id"))
            if "name" in dim:
                c.name(("dimensions", i, "name"), dim["name"])
            if "weight" in dim:
                c.number(("dimensions", i, "weight"), dim["weight"], minimum=0)
            if "description" in dim:
                c.text(("dimensions", i, "description"), dim["description"])
    dim_weights = [d.get("weight", 1) for d in dims if isinstance(d, dict)]
    if dims and all(isinstance(w, int | float) and w == 0 for w in dim_weights):
        c.add(("dimensions",), "at least one dimension weight > 0", found_text="all weights zero")

    criteria = c.list_of_mappings(("criteria",), doc.get("criteria"), "criteria")
    c.unique_ids([(("criteria", i, "id"), x.get("id")) for i, x in enumerate(criteria) if isinstance(x, dict)],
                 "criteria")
    crit_ids = [x.get("id") for x in criteria if isinstance(x, dict)]
    per_dim: dict[str, list] = {d: [] for d in dim_ids if isinstance(d, str)}
    for i, crit in enumerate(criteria):
        path = ("criteria", i)
        if not c.mapping(path, crit, CRITERION_KEYS):
            continue
        c.ident(path + ("id",), crit.get("id"))
        if "name" in crit:
            c.name(path + ("name",), crit["name"])
        if "question" in crit:
            c.text(path + ("question",), crit["question"])
        weight = crit.get("weight", 1)
        if "weight" in crit:
            c.number(path + ("weight",), weight, minimum=0)
        if "dimension" in crit and c.reference(path + ("dimension",), crit["dimension"], dim_ids, "a dimension id"):
            per_dim[crit["dimension"]].append(weight)
        clevels = crit.get("levels")
        if "levels" in crit:
            if not isinstance(clevels, dict):
                c.add(path + ("levels",), "a mapping level → evidence {en, az}", clevels)
            else:
                missing = [k for k in level_keys if k not in clevels]
                if missing:
                    c.add(path + ("levels",), f"evidence for every level {level_keys}",
                          found_text="none for level " + ", ".join(map(str, missing)))
                for k, text in clevels.items():
                    if k not in level_keys:
                        c.add(path + ("levels", k), f"a level in {level_keys}", k)
                    else:
                        c.name(path + ("levels", k), text)
    for dim, weights in per_dim.items():
        if not weights:
            c.add(("dimensions", dim_ids.index(dim)), f"at least one criterion in dimension {_show(dim)}",
                  found_text="none")
        elif all(isinstance(w, int | float) and w == 0 for w in weights):
            c.add(("dimensions", dim_ids.index(dim)), f"at least one criterion weight > 0 in {_show(dim)}",
                  found_text="all weights zero")

    profiles = c.list_of_mappings(("profiles",), doc.get("profiles"), "profiles", allow_empty=True)
    c.unique_ids([(("profiles", i, "id"), p.get("id")) for i, p in enumerate(profiles) if isinstance(p, dict)],
                 "profiles")
    for i, prof in enumerate(profiles):
        path = ("profiles", i)
        if not c.mapping(path, prof, PROFILE_KEYS):
            continue
        c.ident(path + ("id",), prof.get("id"))
        if "name" in prof:
            c.name(path + ("name",), prof["name"])
        if "kind" in prof:
            c.choice(path + ("kind",), prof["kind"], PROFILE_KINDS)
        for key in ("subject", "source", "note"):
            if key in prof:
                c.text(path + (key,), prof[key])
        if "strategy" in prof:
            c.ident(path + ("strategy",), prof["strategy"])
        if "editable" in prof:
            c.boolean(path + ("editable",), prof["editable"])
        scores = prof.get("scores")
        if "scores" not in prof:
            continue
        if not isinstance(scores, dict):
            c.add(path + ("scores",), "a mapping criterion id → {level, evidence, source}", scores)
            continue
        for cid, score in scores.items():
            spath = path + ("scores", cid)
            c.reference(spath, cid, crit_ids, "a criterion id")
            if c.mapping(spath, score, SCORE_KEYS):
                if "level" in score:
                    c.choice(spath + ("level",), score["level"], level_keys)
                if "evidence" in score:
                    c.text(spath + ("evidence",), score["evidence"])
                if "source" in score:
                    c.text(spath + ("source",), score["source"])
        unscored = [x for x in crit_ids if isinstance(x, str) and x not in scores]
        if unscored:
            c.add(path + ("scores",), "a score for every criterion", found_text="none for " + ", ".join(unscored))


def build(doc: dict, base: dict) -> Rubric:
    """The rubric of a validated document; ``base`` holds the fields every framework has (id, kind, name, path, doc)."""
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
                         "strategy": p.get("strategy"),
                         "date": p.get("date"), "editable": p.get("editable", True),
                         "source": _text(p.get("source")), "note": _text(p.get("note"))}
    return Rubric(**base, levels={k: dict(v) for k, v in doc["levels"].items()}, dimensions=dims,
                  criteria=crits, profiles=profiles, profile_info=info)
