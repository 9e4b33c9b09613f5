"""The nominal pipeline of a composite: the settings of each step, from the framework's ``steps`` and the call.

A composite framework may declare its pipeline in COINr's order (``steps:`` in YAML, validated by
:mod:`assess.frameworks.steps`), and alternative named pipelines (``pipelines: {full: {...}}``)::

    steps:
      denominate: true
      impute: {method: group_mean, group: EurAsia_group}
      screen: {unit_screen: byNA, dat_thresh: 0.9}
      treat: {winmax: 5, skew_thresh: 2, kurt_thresh: 3.5, f2: log_CT}
      normalise: {method: minmax, l_u: [0, 100]}
      aggregate: {method: arithmetic_mean}          # or a list, one per level from the bottom

:func:`resolve` merges, in this order of precedence, the keywords of :func:`assess.score`, the chosen
pipeline and the framework's ``method`` defaults into one plain mapping (``Assessment.settings``), which
the batched regenerations (:mod:`assess.engine.regeneration`) replay.

Examples
--------
>>> from assess.engine.spec import spec_from_dict
>>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r"}],
...                     "steps": {"treat": {"winmax": 3}, "normalise": {"method": "minmax", "l_u": [0, 100]}}})
>>> r = resolve(s)
>>> r["treat"]["winmax"], r["normalise"]
(3, {'method': 'minmax', 'l_u': [0, 100]})
>>> resolve(s, treat={"winsor_max": 2})["treat"]["winmax"]
2
"""

from __future__ import annotations

from collections.abc import Mapping

from assess.engine import treatment
from assess.errors import ScoringError, shown

__all__ = ["STEP_NAMES", "resolve", "treat_options"]

#: The steps in COINr's order.
STEP_NAMES = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")

_OLD_TREAT = {"skew_max": "skew_thresh", "kurt_max": "kurt_thresh", "winsor_max": "winmax"}


def treat_options(value):
    """Outlier-treatment keywords from ``treat=`` of :func:`assess.score` (None/False = no treatment).

    ``True`` means COINr's defaults; a mapping passes :func:`assess.engine.treatment.treat_outliers`
    keywords. The names of earlier releases are still read: ``skew_max`` → ``skew_thresh``,
    ``kurt_max`` → ``kurt_thresh``, ``winsor_max`` → ``winmax``, ``log_fallback: false`` → ``f2: null``.

    Examples
    --------
    >>> treat_options(True), treat_options({"winsor_max": 3, "log_fallback": False})
    ({}, {'winmax': 3, 'f2': None})
    """
    if value is None or value is False:
        return None
    if value is True:
        return {}
    if not isinstance(value, Mapping):
        raise ScoringError(f"treat must be true, false or a mapping of {', '.join(treatment.TREAT_PARAMS)}. "
                           f"Got {shown(value)} instead.")
    out = {}
    for k, v in value.items():
        if k == "log_fallback":
            if v is False:
                out["f2"] = None
            continue
        k = _OLD_TREAT.get(k, k)
        if k not in treatment.TREAT_PARAMS:
            raise ScoringError(f"treat: unknown parameter {shown(k)}. Expected some of "
                               f"{', '.join(treatment.TREAT_PARAMS)}.")
        out[k] = v
    return out


def _chosen(spec, steps):
    if steps is None:
        return dict(getattr(spec, "steps", None) or {})
    if isinstance(steps, str):
        pipes = getattr(spec, "pipelines", None) or {}
        if steps in pipes:
            return dict(pipes[steps])
        if steps in ("default", "steps"):
            return dict(getattr(spec, "steps", None) or {})
        raise ScoringError(f"steps: {shown(steps)} is not a pipeline of {spec.id!r}. Expected one of: "
                           f"{', '.join(['default', *pipes]) }.")
    if isinstance(steps, Mapping):
        from assess.engine.spec import check_steps

        check_steps(steps, where="steps")
        return dict(steps)
    raise ScoringError(f"steps must be a pipeline name or a mapping of steps. Got {shown(steps)} instead.")


def resolve(spec, steps=None, *, missing=None, treat=None, screen=None, groups_given=False) -> dict:
    """The settings of every step for one run (a plain mapping, kept as ``Assessment.settings``).

    Parameters
    ----------
    spec : assess.engine.spec.Spec
    steps : None, str or mapping
        ``None``: the framework's ``steps``; a name: one of its ``pipelines`` (``"default"`` = ``steps``);
        a mapping: these steps instead.
    missing, treat, screen
        The keywords of :func:`assess.score` (each, when given, wins over the pipeline).
    groups_given : bool
        Whether groups came with the call (``groups_by``); else the pipeline's ``impute.group`` column.

    Returns
    -------
    dict
        ``denominate`` (bool), ``missing`` (policy), ``group`` (column or None), ``screen`` (mapping or
        None), ``treat`` (mapping or None), ``normalise`` (``{"method": …, **params}`` or None = the
        framework's per-node methods), ``aggregate`` (``{"method": name or list, "p", "dat_thresh",
        "floor", "genmean_nan"}``).

    Examples
    --------
    >>> from assess.engine.spec import spec_from_dict
    >>> s = spec_from_dict({"id": "t", "method": {"missing": "mean"}, "components": [{"id": "r"}],
    ...                     "indicators": [{"id": "a", "parent": "r"}]})
    >>> r = resolve(s, screen={"dat_thresh": 0.5})
    >>> r["missing"], r["screen"], r["treat"]
    ('mean', {'dat_thresh': 0.5}, None)
    """
    chosen = _chosen(spec, steps)
    imp = dict(chosen.get("impute") or {})
    method = dict(getattr(spec, "method", None) or {})
    out = {"denominate": bool(chosen.get("denominate", True))}
    out["missing"] = missing or imp.get("method") or method.get("missing") or "reweight"
    out["group"] = None if groups_given else imp.get("group")
    if screen is False:
        out["screen"] = None
    elif screen is not None:
        if not isinstance(screen, Mapping):
            raise ScoringError(f"screen must be a mapping of unit_screen, dat_thresh, nonzero_thresh, force, "
                               f"ind_dat_thresh (or false). Got {shown(screen)} instead.")
        out["screen"] = dict(screen)
    else:
        out["screen"] = dict(chosen["screen"]) if chosen.get("screen") else None
    out["treat"] = treat_options(treat) if treat is not None else treat_options(chosen.get("treat"))
    norm = chosen.get("normalise")
    out["normalise"] = dict(norm) if isinstance(norm, Mapping) else ({"method": norm} if norm else None)
    agg = chosen.get("aggregate")
    out["aggregate"] = dict(agg) if isinstance(agg, Mapping) else ({"method": agg} if agg else {})
    return out
