"""Aggregates of a score over country groups: world, M49 region and sub-region, income group,
LDC/LLDC/SIDS and user-defined peer sets (``frameworks/peers.yaml``).

Each group gets ``n, mean, median, std, min, max, iqr`` and its ``members`` (ISO3, best first).

Examples
--------
>>> t = aggregates(2024, by=["world", "peers"])
>>> t.loc[("peers", "south_caucasus"), "members"]
'ARM, GEO, AZE'
>>> int(t.loc[("world", "World"), "n"])
193
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assess import limits
from assess.caches import memoise
from assess.errors import DataError, Issue, ScoringError
from assess.frameworks.registry import FRAMEWORKS_DIR
from assess.indices import published
from assess.io import safeio

__all__ = ["GROUPINGS", "aggregates", "group_stats", "load_peers", "memberships"]

PEERS_PATH = FRAMEWORKS_DIR / "peers.yaml"
GROUPINGS = ("world", "region", "subregion", "income_group", "ldc", "lldc", "sids", "peers")


@memoise(maxsize=4)
def _peers(path: str):
    doc = safeio.load_yaml(safeio.read_text(path, limits.MAX_YAML_BYTES), str(path))
    try:
        peers = {k: tuple(v["members"]) for k, v in doc["peers"].items()}
    except (KeyError, TypeError, AttributeError) as e:
        raise DataError(path, [Issue("peers", f"expected peers: {{id: {{members: [ISO3, ...]}}}} "
                                              f"({type(e).__name__}).")]) from None
    bad = [k for k, members in peers.items() if not all(isinstance(m, str) for m in members)]
    if bad:
        raise DataError(path, [Issue(f"peers.{bad[0]}.members", "expected a list of ISO3 codes.")])
    return peers


def load_peers(path=None) -> dict:
    """Peer sets ``{id: (ISO3, ...)}`` from ``frameworks/peers.yaml`` (or ``path``).

    Examples
    --------
    >>> load_peers()["south_caucasus"]
    ('ARM', 'AZE', 'GEO')
    """
    return dict(_peers(str(path or PEERS_PATH)))


def group_stats(values, groups) -> pd.DataFrame:
    """Statistics of ``values`` (Series by ISO3) per group label (Series or mapping by ISO3).

    A unit may be in several groups when ``groups`` maps it to a list.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.Series({"A": 0.9, "B": 0.5, "C": 0.7})
    >>> group_stats(v, {"A": "g", "B": "g", "C": "h"})[["n", "mean", "members"]].to_dict("index")
    {'g': {'n': 2, 'mean': 0.7, 'members': 'A, B'}, 'h': {'n': 1, 'mean': 0.7, 'members': 'C'}}
    """
    g = pd.Series(groups) if not isinstance(groups, pd.Series) else groups
    g = g.explode().dropna()
    v = pd.Series(values, dtype=float).dropna()
    d = pd.DataFrame({"value": v.reindex(g.index), "group": g.to_numpy()}, index=g.index).dropna()
    rows = {}
    for name, part in d.groupby("group", sort=True):
        s = part["value"].sort_values(ascending=False)
        rows[name] = {"n": len(s), "mean": round(float(s.mean()), 12), "median": float(s.median()),
                      "std": float(s.std(ddof=0)), "min": float(s.min()), "max": float(s.max()),
                      "iqr": float(np.subtract(*np.percentile(s, [75, 25]))), "members": ", ".join(s.index)}
    return pd.DataFrame.from_dict(rows, orient="index")


def memberships(by, countries=None, peers=None) -> pd.Series:
    """ISO3 → group label(s) for one grouping of :data:`GROUPINGS`.

    Examples
    --------
    >>> memberships("ldc")["AFG"]
    'LDC'
    """
    if by not in GROUPINGS:
        raise ScoringError(f"aggregates: unknown grouping {by!r}. Expected one of: {', '.join(GROUPINGS)}.")
    if countries is None:
        from assess.data.country_list import countries as _countries

        countries = _countries()
    c = countries.set_index("iso3")
    if by == "world":
        return pd.Series("World", index=c.index[c["un_member"].astype(bool)])
    if by == "peers":
        out = {}
        for pid, members in (peers or load_peers()).items():
            for m in members:
                out.setdefault(m, []).append(pid)
        return pd.Series(out, dtype=object)
    if by in ("ldc", "lldc", "sids"):
        f = c[by].astype("boolean").fillna(False).astype(bool)
        return pd.Series(by.upper(), index=c.index[f])
    return c[by].dropna()


def aggregates(year=None, indicator="egdi", *, by=GROUPINGS, values=None, peers=None) -> pd.DataFrame:
    """Statistics of a UN indicator (or any ``values`` by ISO3) for every group of each grouping.

    Returns a frame indexed by ``(grouping, group)``.

    Examples
    --------
    >>> t = aggregates(2024, by=["region"])
    >>> sorted(t.loc["region"].index)
    ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania']
    """
    year = published.edition(year)
    if values is None:
        p = published.published(year)
        if indicator not in p.columns:
            raise ScoringError(f"aggregates: unknown indicator {indicator!r}. Expected one of: egdi, osi, hci, tii, epi.")
        values = p.loc[p["assessed"], indicator]
    frames = {b: group_stats(values, memberships(b, peers=peers)) for b in by}
    out = pd.concat(frames, names=["grouping", "group"])
    return out
