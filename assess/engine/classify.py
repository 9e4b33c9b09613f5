"""Ranks, groups and classes of scores: competition ranks ("1224", as the UN ranks), thresholds on the root
score, and pluggable rules for classes within groups.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assess.errors import ScoringError

__all__ = ["CLASS_RULES", "assign_classes", "assign_groups", "rank_desc"]



ROUND = 10  # decimals used to remove float noise before ranking and grouping


# --------------------------------------------------------------------------- ranks, groups, classes
def rank_desc(scores, *, decimals=ROUND):
    """Competition ranks, 1 for the highest score; ties share the best rank ("1224"), as the UN
    ranks. NaN scores get no rank (``<NA>``).

    Examples
    --------
    >>> import pandas as pd
    >>> rank_desc(pd.Series([0.5, 0.9, 0.5, None, 0.1])).tolist()
    [2, 1, 2, <NA>, 4]
    """
    s = pd.Series(scores, dtype=float)
    if decimals is not None:
        s = s.round(decimals)
    return s.rank(ascending=False, method="min").astype("Int64")


def assign_groups(scores, groups, *, decimals=ROUND):
    """Label each score with the last group whose ``min`` it reaches (NaN → ``<NA>``).

    Examples
    --------
    >>> import pandas as pd
    >>> g = (("L", "Low", 0.0), ("M", "Middle", 0.25), ("H", "High", 0.5), ("VH", "Very high", 0.75))
    >>> assign_groups(pd.Series([0.75, 0.7499, 0.1, None]), g).tolist()
    ['VH', 'H', 'L', <NA>]
    """
    s = pd.Series(scores, dtype=float)
    if decimals is not None:
        s = s.round(decimals)
    mins = np.array([g[2] for g in groups], dtype=float)
    ids = [g[0] for g in groups]
    if not len(ids):
        return pd.Series(pd.NA, index=s.index, dtype="string")
    if (np.diff(mins) <= 0).any():
        raise ScoringError(f"groups: thresholds must ascend. Got {mins.tolist()} instead.")
    idx = np.searchsorted(mins, s.to_numpy(), side="right") - 1
    out = [ids[i] if (i >= 0 and not np.isnan(v)) else pd.NA for i, v in zip(idx, s.to_numpy(), strict=True)]
    return pd.Series(out, index=s.index, dtype="string")


def quartile_within_group(scores, group_labels, groups):
    """Class 0 (best) to 3 (worst): the quarter of its group, by count of countries.

    A country's position is its competition rank within the group, so ties share a class;
    class ``k`` holds positions ``p`` with ``floor(4 (p - 1) / n) = k``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([0.9, 0.85, 0.8, 0.78, 0.3])
    >>> g = pd.Series(["VH", "VH", "VH", "VH", "M"])
    >>> quartile_within_group(s, g, None).tolist()
    [0, 1, 2, 3, 0]
    """
    scores, group_labels = pd.Series(scores, dtype=float), pd.Series(group_labels)
    if not scores.index.equals(group_labels.index):
        group_labels = group_labels.reindex(scores.index)
    has = group_labels.notna().to_numpy()
    values = scores.to_numpy()[has].round(ROUND)
    if np.isnan(values).any():
        raise ScoringError("classes: a country with a group has no score.")
    codes, _ = pd.factorize(group_labels[has])
    k = np.zeros(len(values), dtype=int)
    for code in range(codes.max() + 1 if len(codes) else 0):  # one group at a time (the UN has four)
        sel = codes == code
        v = values[sel]
        above = len(v) - np.searchsorted(np.sort(v), v, side="right")  # countries of the group scoring higher
        k[sel] = np.clip(np.floor(4 * above / len(v)).astype(int), 0, 3)  # position = above + 1 (ties share it)
    out = pd.array([pd.NA] * len(has), dtype="Int64")
    out[has] = k
    return pd.Series(out, index=scores.index)


def equal_bands(scores, group_labels, groups):
    """Class 0 (best) to 3 (worst): four equal-width bands of the group's score range.

    For the UN groups (width 0.25) the bands are 0.0625 wide. The top group runs to 1.

    Examples
    --------
    >>> import pandas as pd
    >>> g = (("L", "Low", 0.0), ("M", "Middle", 0.25), ("H", "High", 0.5), ("VH", "Very high", 0.75))
    >>> equal_bands(pd.Series([0.99, 0.76, 0.5]), pd.Series(["VH", "VH", "H"]), g).tolist()
    [0, 3, 3]
    """
    bounds = {g[0]: g[2] for g in groups}
    ids = [g[0] for g in groups]
    upper = {gid: (bounds[ids[i + 1]] if i + 1 < len(ids) else 1.0) for i, gid in enumerate(ids)}
    out = pd.Series(pd.NA, index=scores.index, dtype="Int64")
    for i, (s, g) in enumerate(zip(scores.round(ROUND), group_labels, strict=True)):
        if pd.isna(g) or pd.isna(s):
            continue
        lo, hi = bounds[g], upper[g]
        band = int(np.floor(4 * (s - lo) / (hi - lo))) if hi > lo else 0
        out.iloc[i] = 3 - min(max(band, 0), 3)
    return out


CLASS_RULES = {"quartile_within_group": quartile_within_group, "equal_bands": equal_bands}
"""Pluggable rules for rating classes within groups (the UN's rule is not published)."""


def assign_classes(scores, group_labels, groups, classes):
    """Label each score with a class within its group using the rule in ``classes``.

    Examples
    --------
    >>> import pandas as pd
    >>> g = (("L", "Low", 0.0), ("H", "High", 0.5))
    >>> c = {"rule": "quartile_within_group", "labels": {"H": ["HV", "H3", "H2", "H1"]}}
    >>> assign_classes(pd.Series([0.9, 0.6]), pd.Series(["H", "H"]), g, c).tolist()
    ['HV', 'H2']
    """
    rule = (classes or {}).get("rule", "quartile_within_group")
    fn = rule if callable(rule) else CLASS_RULES.get(rule)
    if fn is None:
        raise ScoringError(f"classes: unknown rule {rule!r}. Expected one of: {', '.join(CLASS_RULES)}.")
    k = fn(pd.Series(scores, dtype=float), pd.Series(group_labels), groups)
    labels = (classes or {}).get("labels") or {}
    out = []
    for g, q in zip(pd.Series(group_labels).tolist(), pd.Series(k).tolist(), strict=True):
        if pd.isna(g) or pd.isna(q):
            out.append(pd.NA)
        else:
            names = labels.get(g) or [f"{g}{4 - i}" for i in range(4)]
            if not isinstance(names, list | tuple) or not 0 <= int(q) < len(names):
                raise ScoringError(f"classes: labels of group {str(g)[:40]!r} must list 4 classes, best first. "
                                   f"Got {names!r:.60} instead.")
            out.append(names[int(q)])
    return pd.Series(out, index=scores.index, dtype="string")
