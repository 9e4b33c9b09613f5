"""The package's layout is a contract: layers (import-linter), no import cycle, small modules, no name clash.

The layer contract itself is declared in ``pyproject.toml`` (``[tool.importlinter]``) and explained in
``docs/ARCHITECTURE.md``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

import assess
from tests.conftest import ROOT

MAX_LINES = 600


@pytest.fixture(scope="module")
def import_graph():
    return grimp.build_graph("assess", cache_dir=None)


def test_layer_contract_holds():
    exe = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(exe), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_no_import_cycle_between_modules(import_graph):
    G = nx.DiGraph()
    for m in import_graph.modules:
        for dep in import_graph.find_modules_directly_imported_by(m):
            if dep.startswith("assess"):
                G.add_edge(m, dep)
    cycles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
    assert cycles == [], f"import cycles: {cycles}"


def test_no_module_over_the_size_limit():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "assess").rglob("*.py")}
    big = {p: n for p, n in sizes.items() if n > MAX_LINES}
    assert big == {}, f"modules over {MAX_LINES} lines: {big}"


def test_no_public_name_shadows_a_submodule():
    """``assess.whatif`` is a function: no ``assess/whatif.py`` may exist to be shadowed by it (and so on for every
    package that re-exports names)."""
    clashes = []
    for init in (ROOT / "assess").rglob("__init__.py"):
        pkg = init.parent
        subs = {p.stem for p in pkg.glob("*.py") if p.stem != "__init__"} | {p.name for p in pkg.iterdir()
                                                                            if (p / "__init__.py").exists()}
        tree = ast.parse(init.read_text(encoding="utf-8"))
        names = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
                 if n.module and not n.module.endswith(tuple("." + s for s in subs if (a.asname or a.name) == s))}
        clashes += [f"{pkg.relative_to(ROOT)}: {n}" for n in sorted(names & subs)]
    assert clashes == []


def test_facade_functions_are_functions():
    for name in assess.__all__:
        obj = getattr(assess, name)
        assert not isinstance(obj, type(assess)), f"assess.{name} is a module"


def test_readme_lists_exactly_the_declared_settings():
    from assess.settings import markdown_table

    assert markdown_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_library_reads_the_environment_only_through_settings():
    readers = [str(p.relative_to(ROOT)) for p in (ROOT / "assess").rglob("*.py")
               if "os.environ" in p.read_text(encoding="utf-8") and p.name != "settings.py"]
    assert readers == []


def test_clear_caches_empties_every_cache():
    from assess.indices.published import published

    published(2024)
    from assess.indices import published as pub

    assert pub._published_cached.cache_info().currsize >= 1
    assess.clear_caches()
    assert pub._published_cached.cache_info().currsize == 0
