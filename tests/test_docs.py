"""The public API is documented: numpydoc docstrings with runnable examples, registries, docs/api.md.

Like simonw/datasette ``tests/test_docs.py``: the documentation is checked against the code, so
a new public name, method or API call cannot land without its documentation.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

import assess
from assess.engine import aggregation as aggregate
from assess.engine import normalisation as normalise

ROOT = Path(__file__).resolve().parent.parent
API_MD = ROOT / "docs" / "api.md"

REGISTRIES = {"NORMALISERS": normalise.NORMALISERS, "AGGREGATORS": aggregate.AGGREGATORS}

_SECTION = re.compile(r"^(?P<title>[A-Z][A-Za-z ]+)\n-{3,}\n", re.M)


def numpydoc_problems(obj) -> list[str]:
    """What keeps ``obj``'s docstring from being numpydoc with a runnable example (empty = fine).

    Examples
    --------
    >>> numpydoc_problems(numpydoc_problems)
    []
    >>> numpydoc_problems(lambda: None)
    ['no docstring']
    """
    doc = obj.__doc__ if inspect.isclass(obj) else inspect.getdoc(obj)
    doc = inspect.cleandoc(doc) if doc else ""
    if not doc.strip():
        return ["no docstring"]
    problems = []
    summary = doc.strip().splitlines()[0]
    if not summary.strip() or summary.startswith((" ", ">>>")):
        problems.append(f"first line should be a one-line summary, found {summary!r}")
    sections = [m["title"] for m in _SECTION.finditer(doc)]
    if "Examples" not in sections:
        # a plain doctest with no heading is tolerated only in private helpers, not in the public API
        problems.append(f"no 'Examples' section (numpydoc heading 'Examples' underlined with '-'); "
                        f"sections found: {sections or 'none'}")
    else:
        examples = doc[doc.index("Examples\n---"):]
        if ">>> " not in examples:
            problems.append("the 'Examples' section has no '>>> ' doctest line")
    return problems


def _public():
    for name in assess.__all__:
        obj = getattr(assess, name, None)
        yield pytest.param(name, obj, id=name)


def test_all_names_exist():
    missing = [n for n in assess.__all__ if not hasattr(assess, n)]
    assert not missing, f"assess.__all__ lists names that do not exist: {missing}"
    assert len(set(assess.__all__)) == len(assess.__all__), "assess.__all__ has duplicates"


@pytest.mark.parametrize(("name", "obj"), list(_public()))
def test_public_name_has_numpydoc_docstring_with_example(name, obj):
    if name in REGISTRIES:
        assert obj is REGISTRIES[name]
        return  # data: each entry is checked by test_registry_entry_is_documented
    assert callable(obj), f"assess.{name}: public data other than a registry must be documented in docs/api.md"
    problems = numpydoc_problems(obj)
    assert not problems, f"assess.{name}: " + "; ".join(problems)


@pytest.mark.parametrize(("registry", "key"), [(r, k) for r, reg in REGISTRIES.items() for k in reg],
                         ids=[f"{r}[{k}]" for r, reg in REGISTRIES.items() for k in reg])
def test_registry_entry_is_documented(registry, key):
    fn = REGISTRIES[registry][key]
    problems = numpydoc_problems(fn)
    assert not problems, f"{registry}[{key!r}] ({fn.__module__}.{fn.__name__}): " + "; ".join(problems)


def test_the_checker_rejects_what_it_should():
    def no_examples():
        """Summary.

        Parameters
        ----------
        x : int
        """

    def empty_examples():
        """Summary.

        Examples
        --------
        Nothing to run here.
        """

    assert numpydoc_problems(no_examples)[0].startswith("no 'Examples' section")
    assert numpydoc_problems(empty_examples) == ["the 'Examples' section has no '>>> ' doctest line"]


# --------------------------------------------------------------------------- docs/api.md
def _api_text() -> str:
    assert API_MD.is_file(), "docs/api.md (the API overview) is missing"
    return API_MD.read_text(encoding="utf-8")


def _calls(text: str) -> list[str]:
    """Dotted names in the numbered headings: ``## 3. `assess.score` ...``."""
    return re.findall(r"^## \d+\. `([\w.]+)`", text, re.M)


def _resolve(dotted: str):
    """``assess.whatif`` is the function re-exported by the package (not the module of that name);
    ``assess.reports.country.report`` is the function in the package. Shortest module prefix first."""
    parts = dotted.split(".")
    for i in range(1, len(parts)):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
            for attr in parts[i:]:
                obj = getattr(obj, attr)
        except (ImportError, AttributeError):
            continue
        return obj
    raise ImportError(f"docs/api.md names {dotted!r}, which does not resolve")


def test_api_overview_lists_ten_documented_calls():
    calls = _calls(_api_text())
    assert len(calls) == 10, f"docs/api.md should present the ten calls a researcher needs, found {calls}"
    for dotted in calls:
        obj = _resolve(dotted)
        assert callable(obj), dotted
        assert not numpydoc_problems(obj), f"{dotted}: {numpydoc_problems(obj)}"


def test_api_overview_has_an_example_per_call():
    text = _api_text()
    sections = re.split(r"^## \d+\. ", text, flags=re.M)[1:]
    assert len(sections) == 10
    for section in sections:
        assert "```python" in section, f"no python example under: {section.splitlines()[0]}"


def expected_output(block: str) -> list[str]:
    r"""The ``# ...`` comment lines right under a ``print(...)`` line: what the block should print.

    Examples
    --------
    >>> expected_output("x = 1  # not output\nprint(x)\n# 1\n# 2\ny = 2\n# a remark")
    ['1', '2']
    """
    out, after_print = [], False
    for line in block.splitlines():
        stripped = line.strip()
        if after_print and stripped.startswith("# "):
            out.append(stripped[2:])
            continue
        after_print = stripped.startswith("print(")
    return out


@pytest.mark.slow
def test_api_overview_examples_run(tmp_path, monkeypatch, capsys):
    """Every ```python block of docs/api.md runs, in order, in one namespace (as in a notebook),
    and prints what the page says it prints."""
    blocks = re.findall(r"^```python\n(.*?)^```", _api_text(), re.M | re.S)
    assert len(blocks) >= 10
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    namespace: dict = {"__name__": "api_md"}
    for i, block in enumerate(blocks, 1):
        capsys.readouterr()
        try:
            exec(compile(block, f"docs/api.md block {i}", "exec"), namespace)
        except Exception as e:
            pytest.fail(f"docs/api.md block {i} failed: {type(e).__name__}: {e}\n{block}")
        printed = capsys.readouterr().out.splitlines()
        assert printed == expected_output(block), f"docs/api.md block {i} printed something else:\n{block}"
