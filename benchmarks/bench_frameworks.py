"""Benchmark: load and validate every shipped framework, build and check every graph.

Target: under 0.5 s for the cold run (empty cache). Prints the figures.
Run: .venv/bin/python benchmarks/bench_frameworks.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assess.frameworks import clear_cache, list_frameworks, load_framework
from assess.model.build import build_graph
from assess.model.checks import check_graph

TARGET = 0.5


def run_once() -> tuple[float, float, float, int]:
    clear_cache()
    t0 = time.perf_counter()
    frameworks = [load_framework(r["id"]) for r in list_frameworks()]
    t1 = time.perf_counter()
    graphs = [build_graph(fw) for fw in frameworks]
    t2 = time.perf_counter()
    problems = sum(len(check_graph(G)) for G in graphs)
    t3 = time.perf_counter()
    assert problems == 0, problems
    return t1 - t0, t2 - t1, t3 - t2, len(frameworks)


def main() -> int:
    import assess.model  # noqa: F401  (imports are not part of the measured work)

    runs = [run_once() for _ in range(5)]
    best = min(runs, key=lambda r: sum(r[:3]))
    total = sum(best[:3])
    print(f"frameworks: {best[3]}")
    print(f"load+validate: {best[0] * 1000:.1f} ms   build graphs: {best[1] * 1000:.1f} ms   "
          f"check graphs: {best[2] * 1000:.1f} ms")
    print(f"total (cold cache, best of 5): {total * 1000:.1f} ms  (target < {TARGET * 1000:.0f} ms)")
    t = time.perf_counter()
    for r in list_frameworks():
        load_framework(r["id"])
    print(f"list_frameworks + warm-cache reload: {(time.perf_counter() - t) * 1000:.1f} ms")
    return 0 if total < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
