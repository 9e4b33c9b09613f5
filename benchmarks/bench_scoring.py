"""Benchmarks of the scoring engine: full scoring of all editions, what-if, 10,000-replication
uncertainty (target < 2 s) and the Sobol analysis. Run: ``.venv/bin/python benchmarks/bench_scoring.py``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assess.indices import published, reproduce
from assess.indices.rank_uncertainty import sobol, uncertainty
from assess.indices.scenarios import smallest_change, whatif


def timed(label, fn, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<58s} {best * 1000:9.1f} ms")
    return out, best


def main() -> int:
    published.published(2024)  # load the store once (cached), not part of the timings
    reps, _ = timed("reproduce EGDI, ranks, groups, classes: 12 editions",
                    lambda: [reproduce.reproduce_egdi(y) for y in published.EDITIONS], repeat=3)
    for r in reps:
        s = r.summary
        print(f"  {s['year']}: max |diff| {s['max_abs_diff']:.5f}, rank mismatches {s['rank_mismatches']}"
              f" (unexplained {s['unexplained_rank_mismatches']}){'  EXCEPTION' if s['exception'] else ''}")
    timed("score_egdi through the engine: 12 editions", lambda: [published.score_egdi(y) for y in published.EDITIONS], repeat=3)
    timed("reproduce GTMI: 3 editions", lambda: [reproduce.reproduce_gtmi(y) for y in published.GTMI_EDITIONS], repeat=3)
    w, _ = timed("what-if AZE osi=0.85 (2024, re-normalised)", lambda: whatif({"AZE": {"osi": 0.85}}, 2024), repeat=5)
    print(f"  AZE rank 74 -> {int(w.changed.loc['AZE', 'new_rank'])}")
    timed("smallest change AZE to rank 50 (bisection)", lambda: smallest_change("AZE", 2024, rank=50), repeat=3)
    uncertainty(2024, n=100)  # warm-up
    u, dt = timed("uncertainty: 10,000 replications x 193 countries", lambda: uncertainty(2024, n=10_000), repeat=3)
    print(f"  target < 2 s: {'OK' if dt < 2 else 'MISSED'}; AZE median rank "
          f"{u.table.loc['AZE', 'median_rank']:.0f} [{u.table.loc['AZE', 'p5']:.0f}, {u.table.loc['AZE', 'p95']:.0f}]")
    s, _ = timed("Sobol (SALib, N=1024, 5 assumptions, 7,168 runs)", lambda: sobol(2024, n=1024))
    print(s.round(3).to_string())
    return 0 if dt < 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
