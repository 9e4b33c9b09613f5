"""What every framework object shares: id, kind, bilingual name, the validated document; and small helpers of the
builders.
"""

from __future__ import annotations

import copy
import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = []



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
        >>> from assess.frameworks.registry import load_framework
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
        >>> from assess.frameworks.registry import load_framework
        >>> load_framework("gtmi").label
        'GovTech Maturity Index'
        """
        return self.name.get("en", self.id)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value.get("en") or next(iter(value.values()), None)
    return str(value)
