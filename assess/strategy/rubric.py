"""Strategy-structure assessment: rubric answers → dimension scores, overall level, gaps to a
reference profile (Singapore by default) and a ranked list of improvements (gap × weight).

Examples
--------
>>> r = score_rubric({"vision": 2}, profile_against="singapore_dgb")
>>> bool(r["overall_level"] <= 4 and r["improvements"].iloc[0]["gap"] > 0)
True
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from assess.errors import ScoringError

__all__ = ["score_rubric"]


def _levels_of(rubric, answers):
    out = {}
    for k, v in answers.items():
        lvl = v.get("level") if isinstance(v, Mapping) else v
        if not isinstance(lvl, int | float) or not 0 <= lvl <= max(rubric.levels):
            raise ScoringError(f"rubric answers[{k}]: level must be in 0-{max(rubric.levels)}. Got {lvl!r} instead.")
        out[k] = float(lvl)
    return out


def score_rubric(answers, *, rubric="strategic_structure", profile_against="singapore_dgb") -> dict:
    """Score rubric answers ``{criterion_id: level}`` (or a profile id) against a reference profile.

    Unanswered criteria count as level 0 and are listed in ``unanswered`` (shown, not hidden).

    Returns
    -------
    dict
        ``criteria`` (level, reference, gap, weight, evidence), ``dimensions`` (weighted mean
        level per dimension and its reference), ``overall`` (weighted mean of dimensions),
        ``reference_overall`` (the same mean of the reference's dimensions), ``overall_level`` (rounded down), ``improvements`` (criteria sorted by gap × weight
        × dimension weight, with the rubric's evidence text for the next level),
        ``unanswered``.

    Examples
    --------
    Azerbaijan's 2003-2012 strategy as the paper describes it, against Singapore's blueprint (level 4):

    >>> r = score_rubric("azerbaijan_2003_2012")
    >>> r["overall"], r["overall_level"], score_rubric("singapore_dgb")["overall"], r["reference_overall"]
    (1.375, 1, 4.0, 4.0)
    >>> r["improvements"].index[:2].tolist()
    ['architecture_diagrams', 'goals_kpis']
    """
    from assess.frameworks import load_framework

    r = load_framework(rubric) if isinstance(rubric, str) else rubric
    if isinstance(answers, str):
        answers = r.profiles[answers]
    if profile_against not in r.profiles:
        raise ScoringError(f"rubric: unknown profile {profile_against!r}. Expected one of: {', '.join(r.profiles)}.")
    unknown = set(answers) - {c.id for c in r.criteria}
    if unknown:
        raise ScoringError(f"rubric answers: unknown criteria {sorted(unknown)}.")
    lv = _levels_of(r, answers)
    ref = _levels_of(r, r.profiles[profile_against])
    dimw = {d.id: d.weight for d in r.dimensions}
    rows = []
    for c in r.criteria:
        own, target = lv.get(c.id, 0.0), ref.get(c.id, float(max(r.levels)))
        nxt = min(int(own) + 1, max(r.levels))
        ev = c.levels.get(nxt) or c.levels.get(str(nxt)) or {}
        rows.append({"criterion": c.id, "dimension": c.dimension, "level": own, "reference": target,
                     "gap": max(target - own, 0.0), "weight": c.weight,
                     "priority": max(target - own, 0.0) * c.weight * dimw.get(c.dimension, 1.0),
                     "next_level_evidence": ev.get("en") if isinstance(ev, Mapping) else str(ev)})
    crit = pd.DataFrame(rows).set_index("criterion")
    dims = crit.groupby("dimension").apply(
        lambda d: pd.Series({"score": (d.level * d.weight).sum() / d.weight.sum(),
                             "reference": (d.reference * d.weight).sum() / d.weight.sum()}))
    dims["gap"] = dims["reference"] - dims["score"]
    w = pd.Series(dimw).reindex(dims.index).fillna(1.0)
    overall = float((dims["score"] * w).sum() / w.sum())
    imp = crit[crit["gap"] > 0].sort_values(["priority", "gap"], ascending=False)
    return {"criteria": crit, "dimensions": dims, "overall": overall,
            "reference_overall": float((dims["reference"] * w).sum() / w.sum()), "overall_level": int(overall),
            "improvements": imp, "unanswered": sorted({c.id for c in r.criteria} - set(answers))}
