"""A composite's pipeline (``steps``, ``pipelines``) and uncertain factors (``uncertainty``): keys and located checks.

Used by the composite validator (every problem located by key path and line, with a did-you-mean hint)
and by :func:`assess.engine.spec.spec_from_dict` for documents given as plain dicts.

Examples
--------
>>> from assess.frameworks.checker import _Checker
>>> c = _Checker({}, {})
>>> check_steps(c, ("steps",), {"treat": {"winmax": -1}, "normalise": {"method": "minmx"}})
>>> for issue in c.issues:
...     print(issue.location, "| found", issue.message.split(", found ")[-1])
steps.treat.winmax | found -1
steps.normalise.method | found 'minmx' (did you mean 'minmax'?)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assess.frameworks.checker import _Checker, _one_of, _show, _suggest
from assess.frameworks.vocabulary import (
    AGGREGATOR_ALIASES,
    AGGREGATORS,
    FACTOR_TARGETS,
    ID_RE,
    MISSING_ALIASES,
    MISSING_POLICIES,
    NORMALISER_ALIASES,
    NORMALISER_PARAMS,
    NORMALISERS,
    SCREEN_RULES,
    TREAT_TRANSFORMS,
)

__all__ = ["PIPELINE_KEYS", "check_pipelines", "check_steps", "check_uncertainty"]

PIPELINE_KEYS = {"denominate": False, "impute": False, "screen": False, "treat": False, "normalise": False,
                 "aggregate": False}
IMPUTE_KEYS = {"method": True, "group": False}
SCREEN_KEYS = {"unit_screen": False, "dat_thresh": False, "nonzero_thresh": False, "force": False,
               "ind_dat_thresh": False}
TREAT_KEYS = dict.fromkeys(("winmax", "skew_thresh", "kurt_thresh", "f2", "f2_para", "combine_treat", "force_win",
                            "pass_skew_thresh", "pass_kurt_thresh", "indiv"), False)
AGGREGATE_KEYS = {"method": False, "p": False, "dat_thresh": False, "floor": False, "genmean_nan": False}
UNCERTAINTY_KEYS = {"factors": True, "note": False}
FACTOR_KEYS = {"name": True, "target": True, "values": False, "noise": False, "nsets": False, "node": False,
               "range": False, "note": False}
#: Largest number of noisy weight sets one factor may draw.
MAX_NSETS = 10_000


def _num(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def _share(c: _Checker, path: tuple, v: Any) -> None:
    if not (_num(v) and 0 <= v <= 1):
        c.add(path, "a number from 0 to 1", v)


def _method_choice(c: _Checker, path: tuple, v: Any, names: Iterable[str], aliases: dict, what: str) -> str | None:
    names = list(names)
    if isinstance(v, str) and (v in names or v in aliases):
        return aliases.get(v, v)
    c.add(path, f"{_one_of(names)} (or a COINr {what} name)",
          found_text=_show(v) + _suggest(v, names + list(aliases)))
    return None


def normalise_entry(c: _Checker, path: tuple, entry: Any) -> None:
    """``{method: name, param: value, …}`` (or a bare name) of a normalisation."""
    if isinstance(entry, str):
        _method_choice(c, path, entry, NORMALISERS, NORMALISER_ALIASES, "n_*")
        return
    if not isinstance(entry, dict):
        c.add(path, "a method name or {method: name, parameters…}", entry)
        return
    name = _method_choice(c, path + ("method",), entry.get("method"), NORMALISERS, NORMALISER_ALIASES, "n_*")
    if name is None:
        return
    allowed = NORMALISER_PARAMS[name]
    for key, value in entry.items():
        if key == "method":
            continue
        if key not in allowed:
            c.add(path + (key,), f"a parameter of {name} ({', '.join(allowed) or 'none'})",
                  found_text=f"unknown key {_show(key)}" + _suggest(key, allowed))
        elif key in ("l_u", "m_sd", "npara"):
            if not (isinstance(value, list) and len(value) == 2 and all(_num(x) for x in value)):
                c.add(path + (key,), "two numbers [a, b]", value)
            elif key == "m_sd" and not value[1] > 0:
                c.add(path + (key,), "a target sd > 0", value[1])
        elif key == "gposts":
            if not (isinstance(value, list) and len(value) in (2, 3) and all(_num(x) for x in value)
                    and value[0] < value[1]):
                c.add(path + (key,), "[lo, hi] or [lo, hi, scale] with lo < hi", value)
        elif key == "ddof":
            c.choice(path + (key,), value, (0, 1))
        elif key in ("cap", "cap_max", "trunc", "trunc2posts"):
            c.boolean(path + (key,), value)
        elif key == "ref":
            c.text(path + (key,), value, allow_translated=False)
        elif key == "iref":
            if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
                c.add(path + (key,), "a position >= 0", value)
        elif not _num(value):
            c.add(path + (key,), "a number", value)


def aggregate_method(c: _Checker, path: tuple, v: Any) -> None:
    _method_choice(c, path, v, AGGREGATORS, AGGREGATOR_ALIASES, "a_*")


def check_steps(c: _Checker, path: tuple, steps: Any, *, indicators: Iterable[str] = (),
                n_levels: int | None = None) -> None:
    """Check one pipeline (``steps`` or an entry of ``pipelines``)."""
    if not c.mapping(path, steps, PIPELINE_KEYS):
        return
    if "denominate" in steps:
        c.boolean(path + ("denominate",), steps["denominate"])
    imp = steps.get("impute")
    if "impute" in steps and c.mapping(path + ("impute",), imp, IMPUTE_KEYS):
        m = imp.get("method")
        m = m if isinstance(m, str) else None  # a list or mapping is no method name (and cannot be looked up)
        if "method" in imp and m not in MISSING_ALIASES:
            c.choice(path + ("impute", "method"), imp["method"], tuple(MISSING_POLICIES))
        if m is not None and str(MISSING_ALIASES.get(m, m)).startswith("group_") and "group" not in imp:
            c.add(path + ("impute",), "a 'group' column for a group method", found_text="no 'group'")
        if "group" in imp:
            c.text(path + ("impute", "group"), imp["group"], allow_translated=False)
    scr = steps.get("screen")
    if "screen" in steps and c.mapping(path + ("screen",), scr, SCREEN_KEYS):
        if "unit_screen" in scr:
            c.choice(path + ("screen", "unit_screen"), scr["unit_screen"], tuple(SCREEN_RULES))
        for key in ("dat_thresh", "nonzero_thresh", "ind_dat_thresh"):
            if key in scr:
                _share(c, path + ("screen", key), scr[key])
        if "force" in scr and isinstance(scr["force"], dict):
            for unit, keep in scr["force"].items():
                c.boolean(path + ("screen", "force", unit), keep)
        elif "force" in scr:
            c.add(path + ("screen", "force"), "a mapping unit → true (keep) or false (drop)", scr["force"])
    tr = steps.get("treat")
    if "treat" in steps and c.mapping(path + ("treat",), tr, TREAT_KEYS):
        check_treat_values(c, path + ("treat",), tr)
        indiv = tr.get("indiv")
        if "indiv" in tr and isinstance(indiv, dict):
            for ind, spec in indiv.items():
                if indicators and ind not in indicators:
                    c.reference(path + ("treat", "indiv", ind), ind, indicators, "an indicator id")
                if spec != "none" and c.mapping(path + ("treat", "indiv", ind), spec,
                                                {k: False for k in TREAT_KEYS if k != "indiv"}):
                    check_treat_values(c, path + ("treat", "indiv", ind), spec)
        elif "indiv" in tr:
            c.add(path + ("treat", "indiv"), "a mapping indicator → 'none' or parameters", indiv)
    if "normalise" in steps:
        normalise_entry(c, path + ("normalise",), steps["normalise"])
    agg = steps.get("aggregate")
    if "aggregate" in steps and isinstance(agg, str):
        aggregate_method(c, path + ("aggregate",), agg)
    elif "aggregate" in steps and c.mapping(path + ("aggregate",), agg, AGGREGATE_KEYS):
        m = agg.get("method")
        if isinstance(m, list):
            for i, x in enumerate(m):
                aggregate_method(c, path + ("aggregate", "method", i), x)
            if n_levels is not None and len(m) != n_levels:
                c.add(path + ("aggregate", "method"), f"one method per aggregation level ({n_levels}, from the "
                      "bottom)", found_text=f"{len(m)}")
        elif "method" in agg:
            aggregate_method(c, path + ("aggregate", "method"), m)
        if "p" in agg and not (_num(agg["p"]) and agg["p"] != 0):
            c.add(path + ("aggregate", "p"), "a non-zero number", agg["p"])
        if "dat_thresh" in agg:
            _share(c, path + ("aggregate", "dat_thresh"), agg["dat_thresh"])
        if "floor" in agg and not (_num(agg["floor"]) and agg["floor"] > 0):
            c.add(path + ("aggregate", "floor"), "a number > 0", agg["floor"])
        if "genmean_nan" in agg:
            c.choice(path + ("aggregate", "genmean_nan"), agg["genmean_nan"], ("drop", "coinr"))


def check_treat_values(c: _Checker, path: tuple, tr: dict) -> None:
    wm = tr.get("winmax", 0)
    if not (wm is None or (isinstance(wm, int) and not isinstance(wm, bool) and wm >= 0)):
        c.add(path + ("winmax",), "a whole number >= 0 or null (no limit)", wm)
    for key in ("skew_thresh", "kurt_thresh", "pass_skew_thresh", "pass_kurt_thresh"):
        if key in tr and not _num(tr[key]):
            c.add(path + (key,), "a number", tr[key])
    if "f2" in tr and tr["f2"] is not None:
        c.choice(path + ("f2",), tr["f2"], tuple(TREAT_TRANSFORMS))
    if "f2_para" in tr and c.mapping(path + ("f2_para",), tr["f2_para"], {"lmbda": False, "makepos": False}):
        if "lmbda" in tr["f2_para"] and not _num(tr["f2_para"]["lmbda"]):
            c.add(path + ("f2_para", "lmbda"), "a number", tr["f2_para"]["lmbda"])
        if "makepos" in tr["f2_para"]:
            c.boolean(path + ("f2_para", "makepos"), tr["f2_para"]["makepos"])
    for key in ("combine_treat", "force_win"):
        if key in tr:
            c.boolean(path + (key,), tr[key])


def check_pipelines(c: _Checker, path: tuple, pipes: Any, **kw) -> None:
    """``pipelines: {name: steps, …}``: alternative named pipelines."""
    if not isinstance(pipes, dict) or not pipes:
        c.add(path, "a mapping name → steps", pipes)
        return
    for name, steps in pipes.items():
        if not (isinstance(name, str) and ID_RE.fullmatch(name)) or name in ("default", "steps"):
            c.add(path + (name,), "a snake_case pipeline name other than 'default'", name)
        check_steps(c, path + (name,), steps, **kw)


def check_uncertainty(c: _Checker, path: tuple, unc: Any, *, node_ids: Iterable[str] = (),
                      indicators: Iterable[str] = (), n_levels: int | None = None, treats: bool = True) -> None:
    """``uncertainty: {factors: [...]}``: the uncertain factors of an uncertainty/sensitivity analysis."""
    if not c.mapping(path, unc, UNCERTAINTY_KEYS):
        return
    factors = unc.get("factors")
    if not isinstance(factors, list) or not factors:
        c.add(path + ("factors",), "a list of at least one factor", factors)
        return
    node_ids, indicators = list(node_ids), list(indicators)
    names = []
    for i, f in enumerate(factors):
        fp = path + ("factors", i)
        if not c.mapping(fp, f, FACTOR_KEYS):
            continue
        if "name" in f:
            if not (isinstance(f["name"], str) and f["name"].strip()):
                c.add(fp + ("name",), "a non-empty text", f["name"])
            elif f["name"] in names:
                c.add(fp + ("name",), "factor names unique", found_text=f"duplicate {_show(f['name'])}")
            names.append(f.get("name"))
        target = f.get("target")
        if "target" in f and not c.choice(fp + ("target",), target, tuple(FACTOR_TARGETS)):
            continue
        values = f.get("values")
        if target in ("weights", "weight"):
            _check_weight_factor(c, fp, f, node_ids, n_levels)
            continue
        if not isinstance(values, list) or not values:
            c.add(fp + ("values",), "a list of at least one alternative", values)
            continue
        for j, v in enumerate(values):
            vp = fp + ("values", j)
            if target == "winmax":
                if not treats:
                    c.add(fp + ("target",), "a pipeline with a treat step to vary winmax", found_text="no treat step")
                    break
                if not (v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)):
                    c.add(vp, "a whole number >= 0 or null", v)
            elif target == "normalise":
                if isinstance(v, list) and len(v) == 2 and isinstance(v[1], dict):
                    normalise_entry(c, vp, {"method": v[0], **v[1]})
                else:
                    normalise_entry(c, vp, v)
            elif target == "aggregate":
                aggregate_method(c, vp, v)
            elif target == "impute":
                if v not in MISSING_ALIASES:
                    c.choice(vp, v, tuple(m for m in MISSING_POLICIES if m != "latest"))
            elif target == "include":
                for k, ind in enumerate(c.string_list(vp, v)):
                    c.reference(vp + (k,), ind, indicators, "an indicator id")


def _check_weight_factor(c: _Checker, fp: tuple, f: dict, node_ids: list, n_levels: int | None) -> None:
    if f["target"] == "weights":
        noise = f.get("noise")
        if not isinstance(noise, dict) or not noise:
            c.add(fp + ("noise",), "a mapping level → f (each weight times U(1 - f, 1 + f))", noise)
        else:
            for lev, amp in noise.items():
                if not (isinstance(lev, int) and not isinstance(lev, bool) and lev >= 1
                        and (n_levels is None or lev <= n_levels + 1)):
                    c.add(fp + ("noise", lev), f"a level of the tree (1 = indicators … {n_levels + 1 if n_levels else 'root'})",
                          lev)
                if not (_num(amp) and 0 <= amp < 1):
                    c.add(fp + ("noise", lev), "a number from 0 to below 1", amp)
        ns = f.get("nsets", 100)
        if not (isinstance(ns, int) and not isinstance(ns, bool) and 1 <= ns <= MAX_NSETS):
            c.add(fp + ("nsets",), f"a whole number from 1 to {MAX_NSETS:,}", ns)
        return
    c.reference(fp + ("node",), f.get("node"), node_ids, "a component or indicator id")
    r = f.get("range")
    if not (isinstance(r, list) and len(r) == 2 and all(_num(x) for x in r) and 0 <= r[0] < r[1]):
        c.add(fp + ("range",), "[lo, hi] multipliers with 0 <= lo < hi", r)
