"""YAML with line numbers: parse a framework file (bounded by :mod:`assess.limits`) and remember the line of every
key, so that every problem can be reported where it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assess import limits
from assess.errors import FrameworkError, Issue
from assess.io import safeio

__all__ = ["read_yaml", "read_yaml_text"]



_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _record(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key: Any = key_node.value
            if key_node.tag.endswith(":int") and key.lstrip("-").isdigit():
                key = int(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _record_children(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record(item, path + (i,), lines)


def _record_children(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    line = lines[path]
    _record(node, path, lines)
    lines[path] = line  # a key's line is where the key is written, not where its value starts


def read_yaml_text(text: str, source: str = "<string>") -> tuple[Any, dict[tuple, int]]:
    """Parse YAML text and return ``(document, lines)``.

    ``lines`` maps a key path (a tuple of keys and list indices) to its 1-based line.

    Parameters
    ----------
    text : str
        The YAML text.
    source : str
        Name used in the error when the text is not valid YAML.

    Returns
    -------
    tuple
        The parsed document (plain dicts, lists, scalars) and the line map.

    Raises
    ------
    FrameworkError
        If the text is not valid YAML (with the line and column of the syntax error), or breaks a
        limit of :mod:`assess.limits` (size, aliases, nesting, expanded size: :func:`assess.io.safeio.check_yaml`).

    Examples
    --------
    >>> doc, lines = read_yaml_text("a: 1\\nb:\\n  - {c: 2}\\n")
    >>> doc, lines[("b", 0, "c")]
    ({'a': 1, 'b': [{'c': 2}]}, 3)
    """
    safeio.check_yaml(text, source, error=FrameworkError)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        doc = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrameworkError(source, [Issue(where, f"expected valid YAML, found a syntax error: {problem}")]) \
            from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _record(node, (), lines)
    return doc, lines


def read_yaml(path: str | Path) -> tuple[Any, dict[tuple, int]]:
    """Read a YAML file and return ``(document, lines)`` (see :func:`read_yaml_text`).

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    ...     _ = f.write("x: [1, 2]\\n")
    >>> read_yaml(f.name)[0]
    {'x': [1, 2]}
    >>> os.remove(f.name)
    """
    path = Path(path)
    text = safeio.read_text(path, limits.MAX_YAML_BYTES, source=str(path), error=FrameworkError)
    return read_yaml_text(text, source=str(path))
