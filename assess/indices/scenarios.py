"""What-if and targets: change components for some countries and recompute the whole cross-section.

**The UN re-normalisation assumption implemented here.** Each published component (OSI, HCI,
TII) is the min-max image of the UN's raw z-score composite over the assessed countries.
A new value typed for a country is read as its raw composite *on the current published
scale*; every other country's raw composite is held fixed; then the component is min-max
rescaled over the whole cross-section to the edition's published range (``[0, 1]`` since
2012). So a value inside the current range changes nothing for the others, while a value
above the current maximum (or a drop of the current leader) rescales every country.

The new EGDI is the published EGDI plus the change in the mean of the (re-normalised)
components: unchanged countries keep their published EGDI exactly, and so their published
ranks. Ranks are competition ranks; in 2020, ties at the published decimals keep the order
the UN gave them (:data:`assess.indices.published.TIE_RULES`). In 2008 and 2010 the published EGDI is not
the mean of its components (:data:`assess.indices.published.EXCEPTIONS`); the what-if still moves it by the
change of that mean.

What-ifs on underlying indicators need an :class:`~assess.engine.assessment.Assessment` scored from
indicator data: :func:`whatif` then re-runs the full pipeline (z-scores, min-max and all)
with the changed values through ``Assessment.rescore(overrides=...)``.

Examples
--------
>>> w = whatif({"AZE": {"osi": 0.85}}, year=None)
>>> r = w.table.loc["AZE"]
>>> float(r["egdi"]), float(r["new_egdi"]), int(r["rank"]), int(r["new_rank"])
(0.76073, 0.7978533333, 74, 65)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assess.caches import memoise
from assess.errors import CountryError, ScoringError
from assess.indices import published

__all__ = ["COMPONENTS", "DECIMALS", "VALUE_RANGE", "Target", "WhatIf", "check_value", "cheapest_mix",
           "smallest_change", "un_state", "whatif"]

COMPONENTS = ("osi", "hci", "tii")


@dataclass(frozen=True)
class UNState:
    """Published components of one edition as arrays (assessed countries only)."""

    year: int
    iso3: tuple
    C: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    egdi: np.ndarray
    published_rank: np.ndarray
    decimals: int

    def index(self, iso3) -> int:
        try:
            return self.iso3.index(iso3)
        except ValueError:
            shown = repr(iso3) if len(repr(iso3)) <= 40 else repr(iso3)[:40] + "…"
            raise CountryError(iso3, f"{shown} was not assessed in {self.year}. Expected an ISO3 code of an "
                                     "assessed country.", source="what-if") from None


def un_state(year=None) -> UNState:
    """The cached :class:`UNState` of an edition (a year such as ``2024``; anything else is a clear error).

    Examples
    --------
    >>> s = un_state(2024)
    >>> s.C.shape, s.lo.tolist(), s.hi.tolist()
    ((193, 3), [0.0, 0.0, 0.0], [1.0, 1.0, 1.0])
    """
    year = published.edition(year)
    return _un_state(published.edition(year))


@memoise(maxsize=16)
def _un_state(year: int) -> UNState:
    p = published.published(year)
    a = p[p["assessed"]]
    C = a[list(COMPONENTS)].to_numpy(float)
    return UNState(year, tuple(a.index), C, C.min(axis=0), C.max(axis=0), a["egdi"].to_numpy(float),
                   a["egdi_rank"].to_numpy(float), published.decimals(a["egdi"]))


def renormalise(C, lo, hi):
    """Min-max rescale each column of raw composites ``C`` to ``[lo, hi]`` (vectorised).

    Works on ``(n, k)`` or stacked ``(r, n, k)`` arrays.

    Examples
    --------
    >>> import numpy as np
    >>> renormalise(np.array([[0.0], [0.5], [1.2]]), np.array([0.0]), np.array([1.0])).ravel().round(4).tolist()
    [0.0, 0.4167, 1.0]
    """
    mn = C.min(axis=-2, keepdims=True)
    mx = C.max(axis=-2, keepdims=True)
    return lo + (C - mn) / np.where(mx > mn, mx - mn, 1.0) * (hi - lo)


def _egdi_after(state: UNState, C_new):
    """New EGDI of every country: published EGDI + change of the component mean."""
    Cn = renormalise(C_new, state.lo, state.hi)
    return state.egdi + Cn.mean(axis=-1) - state.C.mean(axis=-1), Cn


def _tiebreak(state: UNState) -> np.ndarray:
    """Second sort key of the ranks: the published rank in 2020 (:data:`assess.indices.published.TIE_RULES`), else none."""
    return state.published_rank if state.year == 2020 else np.zeros(len(state.iso3))


def _ranks(state: UNState, egdi):
    """Competition ranks ("1224") on the EGDI rounded to the published decimals (vectorised)."""
    e = -np.round(np.asarray(egdi, float), state.decimals)
    t = _tiebreak(state)
    order = np.lexsort((t, e))
    es, ts = e[order], t[order]
    new = np.r_[True, (es[1:] != es[:-1]) | (ts[1:] != ts[:-1])]
    first = np.maximum.accumulate(np.where(new, np.arange(len(e)), 0))
    ranks = np.empty(len(e), dtype=int)
    ranks[order] = first + 1
    return ranks


def _rank_of(state: UNState, E, i):
    """Rank of country ``i`` under each row of stacked EGDI vectors ``E`` (shape ``(m, n)``)."""
    e = np.round(E, state.decimals)
    ei = e[:, [i]]
    t = _tiebreak(state)
    return 1 + (e > ei).sum(axis=1) + ((e == ei) & (t < t[i])).sum(axis=1)


def _first_feasible(batch_ok, lo, hi, tol, m=64):
    """Smallest ``x`` in ``(lo, hi]`` (to ``tol``) with ``batch_ok`` true, ``hi`` being feasible.

    ``batch_ok`` takes an array of candidates and returns an array of booleans (monotone: false then
    true); each round tests the ``m - 1`` inner points of the bracket at once, so ~4 rounds of 63
    replace ~20 bisection steps (``m=2`` is a bisection).

    Examples
    --------
    >>> round(float(_first_feasible(lambda xs: xs >= 0.3, 0.0, 1.0, 1e-6)), 5)
    0.3
    """
    while hi - lo > tol:
        xs = np.linspace(lo, hi, m + 1)[1:-1]
        ok = np.r_[np.asarray(batch_ok(xs), bool), True]
        k = int(np.argmax(ok))
        lo, hi = (xs[k - 1] if k > 0 else lo), (xs[k] if k < len(xs) else hi)
    return hi


@dataclass(frozen=True)
class WhatIf:
    """A what-if result: ``table`` (every country, before and after) and the ``changes`` made."""

    year: int
    changes: Mapping
    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """The result as a flat, tidy DataFrame (index moved into columns).

        Examples
        --------
        >>> from assess.indices.scenarios import whatif
        >>> int(whatif({"AZE": {"osi": 0.85}}).to_frame().set_index("iso3").loc["AZE", "new_rank"])
        65
        """
        return self.table.reset_index()

    @property
    def changed(self) -> pd.DataFrame:
        """Rows of the countries whose values were changed."""
        return self.table.loc[list(self.changes)]

    @property
    def moved(self) -> pd.DataFrame:
        """Every country whose rank or score changed."""
        t = self.table
        return t[(t["rank"] != t["new_rank"]) | (t["egdi"] != t["new_egdi"])]


#: The range a what-if value of a UN component must lie in: the published scale (0 to 1 since 2012)
#: and, above it, a raw composite up to twice the scale's top (read beyond today's leader, it rescales
#: every country). NaN, infinities and anything outside are refused.
VALUE_RANGE = (0.0, 2.0)


def check_value(name, value, lo: float | None = VALUE_RANGE[0], hi: float | None = VALUE_RANGE[1]) -> float:
    """A what-if value as a finite number within ``[lo, hi]``; NaN, infinities, texts are refused by name.

    Examples
    --------
    >>> check_value("osi", 0.85)
    0.85
    >>> check_value("osi", float("nan"))
    Traceback (most recent call last):
    ...
    assess.errors.ScoringError: what-if osi: expected a finite number from 0 to 2. Got nan instead.
    """
    rng = (f"from {lo:g} to {hi:g}" if lo is not None and hi is not None else "")
    expected = f"expected a finite number {rng}".rstrip()
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        raise ScoringError(f"what-if {name}: {expected}. Got {shown} instead.")
    v = float(value)
    if not np.isfinite(v) or (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ScoringError(f"what-if {name}: {expected}. Got {v!r} instead.")
    return v


def _changes(changes) -> dict:
    if not isinstance(changes, Mapping) or not all(isinstance(v, Mapping) for v in changes.values()):
        raise ScoringError("what-if: expected changes as {iso3: {component: value}}. "
                           f"Got {type(changes).__name__} instead.")
    return changes


def _apply(state, changes):
    C_new = state.C.copy()
    for iso3, comp in _changes(changes).items():
        i = state.index(iso3)
        for c, v in comp.items():
            if c not in COMPONENTS:
                raise ScoringError(f"what-if: unknown component {str(c)[:40]!r}. Expected one of: "
                                   f"{', '.join(COMPONENTS)}.")
            C_new[i, COMPONENTS.index(c)] = check_value(c, v)
    return C_new


def whatif(changes, year=None, *, assessment=None, rule="quartile_within_group") -> WhatIf:
    """Change components (or, with ``assessment``, any node) for some countries and recompute.

    Parameters
    ----------
    changes : mapping
        ``{iso3: {component: new_value}}``; components ``osi``, ``hci``, ``tii``, values finite
        numbers in :data:`VALUE_RANGE` (any finite number for an ``assessment``).
    year : int
        UN edition.
    assessment : Assessment, optional
        Generic path: re-run this assessment with ``overrides=changes`` (indicators or
        components of its framework), re-normalising the whole cross-section.
    rule : str
        Rating-class rule (an approximation of the UN's).

    Returns
    -------
    WhatIf
        ``table`` with ``egdi, new_egdi, rank, new_rank, group, new_group, class, new_class``
        and, for the UN path, the old and new components.

    Examples
    --------
    >>> w = whatif({}, year=None)
    >>> bool((w.table["rank"] == w.table["new_rank"]).all())
    True
    """
    year = published.edition(year)
    if assessment is not None:
        before = assessment
        merged = {**(assessment.params.get("overrides") or {})}
        for u, ch in _changes(changes).items():
            ch = {k: check_value(k, v, None, None) for k, v in ch.items()}
            merged[u] = {**merged.get(u, {}), **ch}
        after = assessment.rescore(overrides=merged)
        t = pd.DataFrame({"egdi": before.scores, "new_egdi": after.scores,
                          "rank": before.ranks, "new_rank": after.ranks})
        if "group" in before["groups"]:
            t["group"], t["new_group"] = before["groups"]["group"], after["groups"]["group"]
        if "class" in before["groups"]:
            t["class"], t["new_class"] = before["groups"]["class"], after["groups"]["class"]
        return WhatIf(year, dict(changes), t)
    state = un_state(year)
    C_new = _apply(state, changes)
    egdi_new, Cn = _egdi_after(state, C_new)
    idx = pd.Index(state.iso3, name="iso3")
    t = pd.DataFrame({"egdi": state.egdi, "new_egdi": np.round(egdi_new, 10)}, index=idx)
    t["rank"] = _ranks(state, state.egdi)
    t["new_rank"] = _ranks(state, egdi_new)
    t["group"] = published.un_groups(t["egdi"])
    t["new_group"] = published.un_groups(t["new_egdi"].round(state.decimals))
    t["class"] = published.rating_class(t["egdi"], rule=rule)
    t["new_class"] = published.rating_class(t["new_egdi"].round(state.decimals), rule=rule)
    for j, c in enumerate(COMPONENTS):
        t[c] = state.C[:, j]
        t[f"new_{c}"] = np.round(Cn[:, j], 10)
    return WhatIf(year, {k: dict(v) for k, v in changes.items()}, t)


# --------------------------------------------------------------------------- targets
@dataclass(frozen=True)
class Target:
    """What a country needs: ``kind`` (rank, group, class), the goal and the ``table`` of options."""

    iso3: str
    year: int
    kind: str
    goal: object
    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """The result as a flat, tidy DataFrame (index moved into columns).

        Examples
        --------
        >>> from assess.indices.scenarios import smallest_change
        >>> smallest_change("AZE", rank=60).to_frame()["component"].tolist()
        ['osi', 'hci', 'tii']
        """
        return self.table.reset_index()


def _predicate(state, i, kind, goal, rule):
    if kind == "rank":
        return lambda egdi: _ranks(state, egdi)[i] <= int(goal)
    if kind == "group":
        order = [g[0] for g in published.GROUPS]
        if goal not in order:
            raise ScoringError(f"target group: expected one of {order}. Got {goal!r} instead.")
        return lambda egdi: order.index(published.un_groups(pd.Series([round(egdi[i], state.decimals)])).iloc[0]) >= order.index(goal)
    if kind == "class":
        flat = published.CLASS_LADDER  # best first
        if goal not in flat:
            raise ScoringError(f"target class: expected one of {flat}. Got {goal!r} instead.")

        def ok(egdi):
            cls = published.rating_class(pd.Series(np.round(egdi, state.decimals)), rule=rule).iloc[i]
            return flat.index(cls) <= flat.index(goal)
        return ok
    raise ScoringError(f"target: kind must be rank, group or class. Got {kind!r} instead.")


def _batch_predicate(state, i, kind, goal, rule):
    """Like :func:`_predicate` for stacked EGDI vectors ``(m, n)`` → ``(m,)`` booleans."""
    if kind == "rank":
        return lambda E: _rank_of(state, E, i) <= int(goal)
    if kind == "group":
        order = [g[0] for g in published.GROUPS]
        if goal not in order:
            raise ScoringError(f"target group: expected one of {order}. Got {goal!r} instead.")
        rank_of = {g: k for k, g in enumerate(order)}
        return lambda E: (published.un_groups(pd.Series(np.round(E[:, i], state.decimals))).map(rank_of).to_numpy()
                          >= rank_of[goal])
    ok = _predicate(state, i, kind, goal, rule)
    return lambda E: np.array([ok(e) for e in E])


def _batch(kind) -> int:
    """Candidates per search round: 64 where the test is vectorised (rank, group), else bisect (class)."""
    return 64 if kind in ("rank", "group") else 2


def _parse_target(rank=None, group=None, klass=None):
    given = [(k, v) for k, v in (("rank", rank), ("group", group), ("class", klass)) if v is not None]
    if len(given) != 1:
        raise ScoringError(f"target: give exactly one of rank=, group=, klass=. Got {sorted(k for k, _ in given)} "
                           "instead.")
    kind, goal = given[0]
    if kind == "rank" and (isinstance(goal, bool) or not isinstance(goal, int | np.integer) or goal < 1):
        raise ScoringError(f"target rank: expected a whole number of 1 or more. Got {str(goal)[:40]!r} instead.")
    if kind != "rank" and not isinstance(goal, str):
        raise ScoringError(f"target {kind}: expected a text. Got {type(goal).__name__} instead.")
    return kind, goal


def _check_search(cap, tol, costs=None):
    check_value("cap", cap, 0.0, VALUE_RANGE[1])
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not (np.isfinite(tol) and 1e-12 <= tol <= 0.1):
        raise ScoringError(f"tol: expected a number from 1e-12 to 0.1. Got {str(tol)[:40]!r} instead.")
    if costs is not None:
        if not isinstance(costs, Mapping):
            raise ScoringError(f"costs: expected {{component: cost per unit}}. Got {type(costs).__name__} instead.")
        for c, v in costs.items():
            if c not in COMPONENTS:
                raise ScoringError(f"costs: unknown component {str(c)[:40]!r}. Expected one of: {', '.join(COMPONENTS)}.")
            if isinstance(v, bool) or not isinstance(v, int | float | np.number) or not (np.isfinite(v) and v > 0):
                raise ScoringError(f"costs {c}: expected a finite number above 0. Got {str(v)[:40]!r} instead.")


#: Decimals of the values :func:`smallest_change` returns (the UN publishes components to five).
DECIMALS = 5


def _on_grid(reach, cur, hi, cap, decimals=DECIMALS):
    """The smallest value on the ``10**-decimals`` grid above ``cur`` that ``reach`` accepts, given a
    feasible ``hi`` within the search tolerance of the threshold (``hi`` itself if no grid value near
    it is feasible).

    Rounding ``hi`` to the nearest grid value could land just below the threshold (the target
    then missed); rounding up could skip a grid value between the threshold and ``hi``. So the
    grid values around ``hi`` are tested.

    Examples
    --------
    >>> float(_on_grid(lambda xs: xs >= 0.300004, 0.0, 0.3000045, 1.0))
    0.30001
    >>> float(_on_grid(lambda xs: xs >= 0.299996, 0.0, 0.2999965, 1.0))
    0.3
    """
    step = 10.0 ** -decimals
    k = int(np.ceil(round(hi / step, 6)))
    cand = np.array([round(min((k + d) * step, cap), decimals) for d in (-1, 0, 1)])
    cand = cand[cand > cur]
    ok = np.asarray(reach(cand), bool) if len(cand) else np.array([], bool)
    return float(cand[ok][0]) if ok.any() else hi


def _mix_on_grid(state, i, batch_ok, new, cap, decimals=DECIMALS):
    """A mix of new component values put on the ``10**-decimals`` grid so that :func:`whatif` with them
    reaches the target (the search ends within its tolerance *around* the threshold: rounding to the
    nearest grid value can land just below it — issue 15 found 62 of 158 mixes missing their target).

    Every raised component is rounded up to the grid (never below what the search found feasible); then
    each raised component, last filled first, is lowered one grid step at a time while the target is
    still reached (a few steps at most), so no cheaper grid mix next to it is skipped.
    """
    step = 10.0 ** -decimals
    cur = state.C[i]
    raised = [j for j in range(len(new)) if new[j] > cur[j] + 1e-12]
    grid = new.copy()
    for j in raised:
        grid[j] = min(np.ceil(round(new[j] / step, 6)) * step, max(cap, cur[j]))
    grid = np.round(grid, decimals)

    def reaches(values):
        C = np.repeat(state.C[None], len(values), axis=0)
        C[:, i, :] = values
        return np.asarray(batch_ok(_egdi_after(state, C)[0]), bool)

    if not reaches(grid[None])[0]:  # cap reached on the grid and still short: keep the feasible values found
        return new
    for j in reversed(raised):
        for _ in range(3):  # the search is within 1e-6 of the threshold: a step or two at most
            if grid[j] - step < cur[j] - 1e-12:
                break
            lower = grid.copy()
            lower[j] = round(grid[j] - step, decimals)
            if not reaches(lower[None])[0]:
                break
            grid = lower
    return grid


def smallest_change(iso3, year=None, *, rank=None, group=None, klass=None, cap=1.0,
                    rule="quartile_within_group", tol=1e-6) -> Target:
    """The smallest raise of each component alone that reaches a target rank, group or class.

    Each component is raised (up to ``cap``, the top of the components' ``[0, 1]`` scale, which is
    the frontier since 2012) with the others fixed; the whole cross-section is re-normalised at
    every trial and ranks are taken on the EGDI rounded to the published decimals, as in
    :func:`whatif`. The search tests 64 values at once on stacked cross-sections (numpy),
    narrowing the bracket 64-fold per round down to ``tol``; ``needed`` is then the smallest value
    at five decimals (:data:`DECIMALS`) that reaches the target, so ``whatif`` with ``needed``
    reaches it and ``needed - 1e-5`` does not. ``reachable`` is False when even ``cap`` is not
    enough.

    Examples
    --------
    >>> t = smallest_change("AZE", 2024, rank=50)
    >>> r = t.table.loc["osi"]
    >>> float(r["current"]), float(r["needed"]), bool(r["reachable"])
    (0.73863, 0.97721, True)
    """
    year = published.edition(year)
    kind, goal = _parse_target(rank, group, klass)
    _check_search(cap, tol)
    state = un_state(year)
    i = state.index(iso3)
    ok = _batch_predicate(state, i, kind, goal, rule)
    rows = []
    already = bool(ok(state.egdi[None, :])[0])
    for j, c in enumerate(COMPONENTS):
        cur = state.C[i, j]

        def reach(vs, j=j):  # every candidate value of component j at once: (m, n, k) cross-sections
            C = np.repeat(state.C[None], len(vs), axis=0)
            C[:, i, j] = vs
            return ok(_egdi_after(state, C)[0])

        if already:
            needed, feasible = cur, True
        elif cur >= cap or not reach(np.array([cap]))[0]:
            needed, feasible = np.nan, False
        else:
            needed, feasible = _on_grid(reach, cur, _first_feasible(reach, cur, cap, tol, m=_batch(kind)), cap), True
        rows.append({"component": c, "current": cur, "needed": round(needed, 5) if feasible else np.nan,
                     "change": round(needed - cur, 5) if feasible else np.nan, "reachable": feasible})
    return Target(iso3, year, kind, goal, pd.DataFrame(rows).set_index("component"))


def cheapest_mix(iso3, year=None, *, rank=None, group=None, klass=None, costs=None, cap=1.0,
                 rule="quartile_within_group", tol=1e-6) -> Target:
    """The cheapest mix of component raises that reaches a target, under user costs per unit.

    The EGDI is linear in the components while no minimum or maximum moves, so the cheapest
    mix fills the component with the lowest cost per point of EGDI first (up to ``cap``), then
    the next (a fractional knapsack). The EGDI needed is found by bisection with the whole
    cross-section re-normalised; the ``new`` values are then put on the five-decimal grid the UN
    publishes (:data:`DECIMALS`) and checked the same way, so that :func:`whatif` with them reaches
    the target (:func:`_mix_on_grid`).

    Parameters
    ----------
    costs : mapping, optional
        ``{component: cost per unit of the component}``; default 1 each.

    Examples
    --------
    >>> t = cheapest_mix("AZE", 2024, group="VH", costs={"osi": 1, "hci": 3, "tii": 2})
    >>> float(t.table["change"].sum())
    0.0
    >>> t = cheapest_mix("AZE", 2024, rank=50, costs={"osi": 2, "hci": 1, "tii": 1})
    >>> t.table["change"].round(4).tolist(), bool(t.table.attrs["reached"])
    ([0.0, 0.2386, 0.0], True)
    """
    year = published.edition(year)
    kind, goal = _parse_target(rank, group, klass)
    _check_search(cap, tol, costs)
    state = un_state(year)
    i = state.index(iso3)
    ok = _predicate(state, i, kind, goal, rule)
    costs = {c: float((costs or {}).get(c, 1.0)) for c in COMPONENTS}
    order = sorted(COMPONENTS, key=lambda c: costs[c])
    room = {c: max(cap - state.C[i, COMPONENTS.index(c)], 0.0) for c in COMPONENTS}

    def plans(deltas):
        """Raises of each component (columns in COMPONENTS order) for EGDI gains ``deltas``, and fits."""
        need = np.asarray(deltas, float) * len(COMPONENTS)
        d = np.zeros((len(need), len(COMPONENTS)))
        for c in order:
            take = np.minimum(need, room[c])
            d[:, COMPONENTS.index(c)], need = take, need - take
        return d, need <= 1e-12

    def plan(delta_egdi):
        d, fits = plans([delta_egdi])
        return dict(zip(COMPONENTS, d[0].tolist(), strict=True)), bool(fits[0])

    batch_ok = _batch_predicate(state, i, kind, goal, rule)

    def reach(deltas):
        d, fits = plans(deltas)
        C = np.repeat(state.C[None], len(d), axis=0)
        C[:, i, :] += d
        return fits & batch_ok(_egdi_after(state, C)[0])

    max_delta = sum(room.values()) / len(COMPONENTS)
    if ok(state.egdi):
        delta, reached = 0.0, True
    elif not reach(np.array([max_delta]))[0]:
        delta, reached = max_delta, False
    else:
        delta, reached = _first_feasible(reach, 0.0, max_delta, tol, m=_batch(kind)), True
    d, _ = plan(delta)
    new = state.C[i] + np.array([d[c] for c in COMPONENTS])
    if reached and delta > 0:
        new = _mix_on_grid(state, i, batch_ok, new, cap)
    t = pd.DataFrame({"current": state.C[i], "change": np.round(new - state.C[i], DECIMALS),
                      "cost_per_unit": [costs[c] for c in COMPONENTS]}, index=pd.Index(COMPONENTS, name="component"))
    t["new"] = np.round(t["current"] + t["change"], DECIMALS)
    t["cost"] = t["change"] * t["cost_per_unit"]
    t.attrs.update(reached=reached, total_cost=float(t["cost"].sum()), egdi_gain=float(delta))
    return Target(iso3, year, kind, goal, t)

