"""Concurrent saves: several processes editing the same saved assessment at once — how many updates are lost?

Each of ``--processes`` processes repeats for ``--seconds``: load assessment #1, add one to its own counter in the
payload (``payload["counters"][process]``), save it back. A save that the store accepts is an *update*; it is
*lost* when a later save, made from an older copy, overwrites it (the final counters then sum to less than the
accepted updates). With optimistic versioning the store refuses a save made from a stale version ("changed by …
at …: reload, or save as new"); the process then reloads and tries again, so nothing is lost.

Prints accepted updates, refused (stale) saves, lost updates and saves per second, for SQLite (the default) and,
with ``--database-url postgresql+psycopg://…``, for PostgreSQL.

Run: ``.venv/bin/python benchmarks/bench_store.py [--processes 4 --seconds 30]``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _worker(k: int, seconds: float, db: str | None, out, ready, go) -> None:
    from assess.strategy import store

    versioned = "version" in inspect.signature(store.save_assessment).parameters
    store.load_assessment(1, db=db)  # imports and connections done before the clock starts
    ready.put(k)
    go.wait()
    saved = refused = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        got = store.load_assessment(1, db=db)
        counters = dict(got.get("counters") or {})
        counters[str(k)] = counters.get(str(k), 0) + 1
        payload = {"rubric": got["rubric"], "answers": got["answers"], "counters": counters}
        kw = {"version": got["version"], "user": f"analyst{k}"} if versioned else {}
        try:
            store.save_assessment(payload, name=got["name"], country=got["country"], db=db, id=1, **kw)
        except store.StoreError as e:
            if "changed by" not in str(e):
                raise
            refused += 1
            continue
        saved += 1
    out.put((k, saved, refused))


def run(processes: int, seconds: float, db: str | None) -> dict:
    from assess.strategy import store

    kw = {"user": "setup"} if "user" in inspect.signature(store.save_assessment).parameters else {}
    first = store.save_assessment({"rubric": "strategic_structure", "answers": {}, "counters": {}},
                                  name="shared", country="AZE", db=db, **kw)
    assert first == 1, first
    ctx = mp.get_context("spawn")
    q, ready, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_worker, args=(k, seconds, db, q, ready, go)) for k in range(processes)]
    for p in procs:
        p.start()
    for _ in procs:  # every process ready: they start together
        ready.get(timeout=300)
    t = time.monotonic()
    go.set()
    results = [q.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.monotonic() - t
    final = store.load_assessment(1, db=db).get("counters") or {}
    accepted = sum(r[1] for r in results)
    kept = sum(int(v) for v in final.values())
    return {"accepted": accepted, "refused": sum(r[2] for r in results), "kept": kept, "lost": accepted - kept,
            "per_second": accepted / elapsed}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--database-url", default=None, help="a PostgreSQL URL (an empty database) to measure too")
    args = ap.parse_args(argv)
    runs = [("SQLite", None)]
    if args.database_url:
        runs.append(("PostgreSQL", args.database_url))
    for label, url in runs:
        tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
        os.environ.pop("DATABASE_URL", None)
        if url:
            os.environ["DATABASE_URL"] = url
        db = None if url else str(tmp / "assessments.sqlite3")
        r = run(args.processes, args.seconds, db)
        print(json.dumps({"store": label, **r}))
        print(f"{label}: {args.processes} processes × {args.seconds:g} s: {r['accepted']:,} updates accepted, "
              f"{r['refused']:,} stale saves refused, {r['lost']:,} lost "
              f"({r['lost'] / max(r['accepted'], 1):.0%}), {r['per_second']:.0f} saves/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
