"""Cold and warm load times of the whole indicator store.

Run: ``.venv/bin/python benchmarks/bench_data.py`` (or ``make bench``). Targets on the 2-core reference
machine: cold (parse every raw file, validate, write the cache) under 3 s; warm (new process, read the
Parquet cache) under 0.3 s. Each measurement runs in a fresh interpreter so imports are not shared;
the figure is the time of the ``load_indicators()`` call itself (imports are reported separately).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = """
import time, json
t0 = time.perf_counter()
import assess
t1 = time.perf_counter()
df = assess.load_indicators()
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "rows": len(df)}))
"""


def run(cache_dir: str) -> dict:
    env = dict(os.environ, EGOV_ASSESS_CACHE=cache_dir)
    out = subprocess.run([sys.executable, "-c", SNIPPET], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(repeats: int = 3) -> None:
    colds, warms = [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as d:
            colds.append(run(d))
            warms.append(run(d))
    best = lambda xs, k: min(x[k] for x in xs)  # noqa: E731
    print(f"rows in store        : {colds[0]['rows']:,}")
    print(f"import assess        : {best(colds, 'import_s'):.3f} s")
    cold_runs = ", ".join(f"{x['load_s']:.2f}" for x in colds)
    warm_runs = ", ".join(f"{x['load_s']:.3f}" for x in warms)
    print(f"cold load (parse)    : {best(colds, 'load_s'):.3f} s   (target < 3 s; runs: {cold_runs})")
    print(f"warm load (cache)    : {best(warms, 'load_s'):.3f} s   (target < 0.3 s; runs: {warm_runs})")


if __name__ == "__main__":
    main()
