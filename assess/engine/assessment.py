"""The result of a scoring run: inputs, every intermediate table and a step log.

An :class:`Assessment` can re-run itself with changed parameters
(:meth:`Assessment.rescore`, like COINr's ``Regen``), so every number it shows can be
traced back to its inputs and re-derived.

Tables (``assessment[name]``), all indexed by unit:

``raw``
    the indicator values read (after year selection and any what-if overrides);
``years``
    the year each value comes from (missing-data policy ``latest`` only);
``denominated``
    after division by denominators (only when some indicator has one);
``imputed``
    True where a missing value was imputed;
``treated``
    after outlier treatment (equal to the denominated/raw values when none);
``normalised``
    indicator values after normalisation and direction;
``aggregated``
    component values before any rescale (the UN's raw z-score composites);
``coverage``
    share of each component's weight that had data;
``scores``
    every node, root first;
``ranks``
    competition ranks of every node (1 = best, ties share);
``groups``
    group (and class) of the root score.

Examples
--------
>>> import pandas as pd
>>> from assess.engine.scoring import score
>>> from assess.engine.spec import spec_from_dict
>>> spec = spec_from_dict({"id": "t", "components": [{"id": "r"}],
...     "indicators": [{"id": "a", "parent": "r"}, {"id": "b", "parent": "r"}]})
>>> d = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [3.0, 1.0, 2.0]}, index=["x", "y", "z"])
>>> a = score(spec, d)
>>> a.rescore().equals(a)
True
>>> a.rescore(weights={"a": 3})["scores"]["r"].round(3).tolist()
[0.25, 0.25, 0.875]
>>> [s.name for s in a.log]
['select', 'missing', 'normalise', 'aggregate', 'rank']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from assess.errors import ScoringError

__all__ = ["Assessment", "Step"]


@dataclass(frozen=True)
class Step:
    """One logged step of a scoring run: its name, the parameters used, what it changed.

    ``details`` holds the same facts machine-readably (the treatment table with the winsorised units and
    the skewness/kurtosis before and after, the imputed cells, the units and indicators screened out…);
    it takes no part in equality.

    Examples
    --------
    >>> str(Step("normalise", {"method": "minmax"}, "3 indicators"))
    "normalise {'method': 'minmax'}: 3 indicators"
    >>> Step("screen", {}, "", {"removed_units": ["x"]}).details["removed_units"]
    ['x']
    """

    name: str
    params: Mapping = field(default_factory=dict)
    message: str = ""
    details: Mapping = field(default_factory=dict, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.name} {dict(self.params)}: {self.message}"


@dataclass(frozen=True, eq=False)
class Assessment:
    """A scoring result (see the module docstring for the tables).

    Parameters
    ----------
    spec : assess.engine.scoring.Spec
        The composite as given (before any weight changes in ``params``).
    data : Any
        The input indicator table, kept as given.
    params : dict
        The parameters of :func:`assess.engine.scoring.score` that were passed.
    tables : dict of DataFrame
    log : tuple of Step

    Examples
    --------
    >>> from assess.engine.scoring import score
    >>> from assess.data import load_indicators
    >>> a = score("gtmi", load_indicators("wb_gtmi"), year=2022)
    >>> a.root, int(a.ranks["KOR"]), round(float(a.scores["AZE"]), 4)
    ('gtmi', 1, 0.7747)
    >>> a.rescore().equals(a)
    True
    >>> b = a.rescore(weights={"gtei": 2})
    >>> round(float(b.scores["AZE"]), 4) != round(float(a.scores["AZE"]), 4)
    True
    """

    spec: Any
    data: Any
    params: Mapping
    tables: Mapping
    log: tuple = ()
    engine: Callable | None = field(default=None, repr=False, compare=False)
    """The function that made this assessment (:func:`assess.engine.scoring.score`), used by :meth:`rescore`."""
    settings: Mapping = field(default_factory=dict, repr=False, compare=False)
    """The settings every step ran with (:func:`assess.engine.pipeline.resolve`, then the methods used per
    indicator and aggregate): what :mod:`assess.engine.regeneration` replays."""

    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self.tables[name]
        except KeyError:
            raise ScoringError(f"assessment: no table {name!r}. Expected one of: "
                               f"{', '.join(self.tables)}.") from None

    def __contains__(self, name) -> bool:
        return name in self.tables

    #: COINr's data set names → the tables holding them (those a run made).
    DATASETS = {"Raw": "raw", "Denominated": "denominated", "Imputed": "imputed_values", "Screened": "screened",
                "Treated": "treated", "Normalised": "normalised", "Aggregated": "scores"}

    @property
    def datasets(self) -> dict:
        """The data sets of the run by COINr's names (``Raw``, ``Denominated``, ``Imputed``, ``Screened``,
        ``Treated``, ``Normalised``, ``Aggregated``), each a units × indicators (and aggregates) table.

        Examples
        --------
        >>> from assess.engine.scoring import score
        >>> from assess.engine.spec import spec_from_dict
        >>> import pandas as pd
        >>> s = spec_from_dict({"id": "t", "components": [{"id": "r"}], "indicators": [{"id": "a", "parent": "r"}]})
        >>> list(score(s, pd.DataFrame({"a": [1.0, 2.0]}), treat=True).datasets)
        ['Raw', 'Treated', 'Normalised', 'Aggregated']
        """
        return {k: self.tables[v] for k, v in self.DATASETS.items() if v in self.tables}

    @property
    def names(self) -> tuple:
        """Names of the tables held."""
        return tuple(self.tables)

    @property
    def root(self) -> str:
        return self.spec.root

    @property
    def scores(self) -> pd.Series:
        """The root score of every unit."""
        return self.tables["scores"][self.spec.root]

    @property
    def ranks(self) -> pd.Series:
        """The rank of every unit on the root score."""
        return self.tables["ranks"][self.spec.root]

    def rescore(self, **changes) -> Assessment:
        """Re-run with some parameters changed (COINr's ``Regen``); the rest are kept.

        ``framework=`` replaces the composite, ``data=`` the indicator table; any other
        keyword is a parameter of :func:`assess.engine.scoring.score`.
        """
        if self.engine is None:
            raise ScoringError("assessment: made without an engine, so it cannot be re-scored.")
        framework = changes.pop("framework", self.spec)
        data = changes.pop("data", self.data)
        return self.engine(framework, data, **{**self.params, **changes})

    def equals(self, other: Assessment, *, atol: float = 0.0) -> bool:
        """True when both hold the same tables (values equal within ``atol``)."""
        if set(self.tables) != set(other.tables):
            return False
        for k, t in self.tables.items():
            o = other.tables[k]
            if t.shape != o.shape or list(t.columns) != list(o.columns) or not t.index.equals(o.index):
                return False
            try:
                pd.testing.assert_frame_equal(t, o, check_exact=atol == 0, atol=atol or 1e-12, rtol=0)
            except AssertionError:
                return False
        return True

    def to_frame(self) -> pd.DataFrame:
        """Tidy output: one row per unit and node with ``unit, node, level, score, rank``.

        Root rows also carry ``group`` (and ``class``) when the composite has groups.
        """
        s = self.tables["scores"].rename_axis("unit").reset_index().melt(
            id_vars="unit", var_name="node", value_name="score")
        r = self.tables["ranks"].rename_axis("unit").reset_index().melt(
            id_vars="unit", var_name="node", value_name="rank")
        out = s.merge(r, on=["unit", "node"])
        out.insert(2, "level", [self.spec.depth(n) for n in out["node"]])
        g = self.tables.get("groups")
        if g is not None and len(g.columns):
            gg = g.rename_axis("unit").reset_index().assign(node=self.spec.root)
            out = out.merge(gg, on=["unit", "node"], how="left")
        return out

    def summary(self) -> str:
        """The step log as text, one line per step."""
        return "\n".join(str(s) for s in self.log)

    def __repr__(self) -> str:
        n = len(self.tables["scores"])
        return f"<Assessment {self.spec.id!r}: {n} units, tables {list(self.tables)}>"
