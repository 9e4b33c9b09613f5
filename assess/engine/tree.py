"""A composite's hierarchy as arrays: nodes, parents, levels, weights, directions (what batched steps need).

Levels follow COINr: 1 for indicators, and each aggregate one above its highest child (its height), so
the root has the highest level and every child is aggregated before its parent. For a balanced tree
(every indicator at the same depth, as COINr requires) these are exactly COINr's levels; an unbalanced
tree (an indicator directly under the root, say) works too. Nodes are ordered indicators first (in the
order given), then aggregates level by level (:attr:`Tree.codes`); weights and scores of a batch are
arrays in that order.

Examples
--------
>>> t = Tree.from_dict({"r": None, "p": "r", "a": "p", "b": "p", "c": "r"})
>>> t.codes, t.level["p"], t.level["r"]
(('a', 'b', 'c', 'p', 'r'), 2, 3)
>>> t.plan()
[(2, [(3, [0, 1])]), (3, [(4, [3, 2])])]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from assess.errors import ScoringError, shown

__all__ = ["Tree"]


@dataclass(frozen=True)
class Tree:
    """A composite's hierarchy (build it with :meth:`from_dict` or :meth:`from_spec`).

    Parameters
    ----------
    codes : tuple of str
        All nodes: indicators first, then aggregates level by level.
    parent, level, weight : mapping
        Node → parent (root → None), level (1 = indicator), nominal weight (relative among siblings).
    direction : mapping
        Indicator → +1 / -1.
    aliases : mapping
        Other names of nodes (COINr's ``iCode`` of a framework node, a data column), used to read
        COINr's weight files.

    Examples
    --------
    >>> t = Tree.from_dict({"r": None, "a": "r", "b": "r"}, direction={"b": -1})
    >>> t.indicators, t.aggregates, t.level["r"], t.direction["b"]
    (('a', 'b'), ('r',), 2, -1)
    """

    codes: tuple
    parent: Mapping
    level: Mapping
    weight: Mapping
    direction: Mapping = field(default_factory=dict)
    aliases: Mapping = field(default_factory=dict)
    name: str = ""

    def __post_init__(self):
        roots = [c for c in self.codes if self.parent.get(c) is None]
        if len(roots) != 1:
            raise ScoringError(f"tree: needs exactly one root (node without parent). Got {shown(roots)} instead.")
        for c in self.codes:
            p = self.parent.get(c)
            if p is not None and p not in self.level:
                raise ScoringError(f"tree: node {c!r} has parent {p!r}, which is not a node.")
            if p is not None and not self.level[p] > self.level[c]:
                raise ScoringError(f"tree: node {c!r} (level {self.level[c]}) must sit below its parent {p!r} "
                                   f"(level {self.level[p]}).")
            w = self.weight.get(c, 1.0)
            if isinstance(w, bool) or not (isinstance(w, int | float) and math.isfinite(w) and w >= 0):
                raise ScoringError(f"tree: weight of {c!r} must be a finite number >= 0. Got {shown(w)} instead.")

    @classmethod
    def from_dict(cls, parents: Mapping, *, weight=None, direction=None, aliases=None, name="") -> Tree:
        """From ``{node: parent}``; leaves are indicators, an aggregate's level is one above its highest child.

        Examples
        --------
        >>> Tree.from_dict({"r": None, "a": "r", "b": "r"}).level
        {'a': 1, 'b': 1, 'r': 2}
        """
        nodes = list(parents)
        kids: dict = {}
        for c, p in parents.items():
            if p is not None:
                if p not in parents:
                    raise ScoringError(f"tree: node {c!r} has parent {p!r}, which is not a node.")
                kids.setdefault(p, []).append(c)
        level: dict = {}

        def height(c, seen=()):
            if c in seen:
                raise ScoringError(f"tree: cycle through {c!r}.")
            if c not in level:
                level[c] = 1 + max((height(k, seen + (c,)) for k in kids.get(c, ())), default=0)
            return level[c]

        for c in nodes:
            height(c)
        ind = [c for c in nodes if c not in kids]
        agg = sorted((c for c in nodes if c in kids), key=lambda c: (level[c], nodes.index(c)))
        w = {c: float((weight or {}).get(c, 1.0)) for c in nodes}
        dirs = {c: int((direction or {}).get(c, 1)) for c in ind}
        bad = {c: d for c, d in dirs.items() if d not in (1, -1)}
        if bad:
            raise ScoringError(f"tree: directions must be 1 or -1. Got {shown(bad)} instead.")
        return cls(tuple(ind + agg), dict(parents), {c: level[c] for c in ind + agg}, w, dirs,
                   dict(aliases or {}), name)

    @classmethod
    def from_spec(cls, spec) -> Tree:
        """From an :class:`assess.engine.spec.Spec` (node ids; aliases: COINr codes and data columns).

        Examples
        --------
        >>> from assess.engine.spec import spec_from_dict
        >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}],
        ...                     "indicators": [{"id": "a", "parent": "r", "weight": 2, "direction": -1}]})
        >>> Tree.from_spec(s).weight["a"], Tree.from_spec(s).direction
        (2.0, {'a': -1})
        """
        parents = {n.id: n.parent for n in spec.nodes}
        leaves = {n.id for n in spec.nodes} - {n.parent for n in spec.nodes if n.parent}
        aliases = {}
        for n in spec.nodes:
            for a in (getattr(n, "code", None), n.source if n.id in leaves else None):
                if isinstance(a, str) and a and a != n.id:
                    aliases.setdefault(a, n.id)
        return cls.from_dict(parents, weight={n.id: n.weight for n in spec.nodes},
                             direction={n.id: n.direction for n in spec.nodes if n.id in leaves},
                             aliases=aliases, name=getattr(spec, "id", ""))

    @property
    def root(self) -> str:
        return next(c for c in self.codes if self.parent.get(c) is None)

    @property
    def indicators(self) -> tuple:
        return tuple(c for c in self.codes if self.level[c] == 1)

    @property
    def aggregates(self) -> tuple:
        return tuple(c for c in self.codes if self.level[c] > 1)

    @property
    def levels_up(self) -> tuple:
        """Aggregation levels in order (2, 3, ...)."""
        return tuple(sorted({self.level[c] for c in self.aggregates}))

    def children(self, code) -> tuple:
        """The children of ``code`` in the order the tree was given (the order sums are taken in)."""
        return tuple(c for c, p in self.parent.items() if p == code)

    def at_level(self, lev) -> tuple:
        return tuple(c for c in self.codes if self.level[c] == lev)

    def node_of(self, name):
        """The node called ``name`` (its id, else an alias), or None.

        Examples
        --------
        >>> Tree.from_dict({"r": None, "a": "r"}, aliases={"A": "a"}).node_of("A")
        'a'
        """
        return name if name in self.level else self.aliases.get(name)

    def weights_array(self, weights=None) -> np.ndarray:
        """Nominal weights in ``codes`` order, optionally updated from a mapping.

        Examples
        --------
        >>> Tree.from_dict({"r": None, "a": "r", "b": "r"}).weights_array({"b": 3}).tolist()
        [1.0, 3.0, 1.0]
        """
        w = dict(self.weight)
        if weights:
            unknown = [k for k in weights if k not in self.level]
            if unknown:
                raise ScoringError(f"weights: unknown node(s) {shown(unknown)}. Expected ids of the tree.")
            w.update({k: float(v) for k, v in weights.items()})
        return np.array([w.get(c, 1.0) for c in self.codes], dtype=float)

    def plan(self):
        """Aggregation plan: per level, ``(level, [(parent_index, child_indices), ...])`` in ``codes`` order.

        Examples
        --------
        >>> Tree.from_dict({"r": None, "a": "r", "b": "r"}).plan()
        [(2, [(2, [0, 1])])]
        """
        pos = {c: i for i, c in enumerate(self.codes)}
        return [(lev, [(pos[p], [pos[c] for c in self.children(p)]) for p in self.at_level(lev)])
                for lev in self.levels_up]
