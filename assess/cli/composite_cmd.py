"""``python -m assess composite …``: build, regenerate, analyse and audit any composite framework over any table.

* ``composite build FRAMEWORK [--data FILE] [--steps NAME] -o results.csv [--dsets DIR]`` — the nominal run:
  every aggregate's score and rank (``uCode, Index, Index_rank, …``; columns are the nodes' COINr codes when the
  framework gives them), and with ``--dsets`` each data set (``Raw.csv``, ``Denominated.csv``, ``Imputed.csv``,
  ``Screened.csv``, ``Treated.csv``, ``Normalised.csv``, ``Aggregated.csv``), the treatment table and the step log.
* ``composite uncertainty FRAMEWORK [--data FILE] --design DESIGN.csv [--weights WEIGHTS.csv] -o ranks.csv
  [--scores [SCORES.csv]]`` — replay a design in COINr's export layout (``replication, Winmax, Normalisation,
  Normalisation_para, Aggregation``; weights ``replication, iCode, Level, Weight``) and write COINr's layout
  ``uCode, Nominal, r_1 … r_N``; or ``--n N [--seed S]`` to draw the framework's own uncertain factors.
* ``composite sensitivity FRAMEWORK [--data FILE] --n N -o indices.csv`` — Sobol' indices of the framework's
  factors on the mean absolute rank change, with bootstrap intervals.
* ``composite audit FRAMEWORK [--data FILE] [-o DIR]`` — availability, correlations, Cronbach's alpha, PCA and
  effective weights (the summary on screen, every table with ``-o``).

Without ``--data`` the bundled indicator store is used. Every error is a message naming the file, row or column.

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser(); sub = p.add_subparsers(dest="command")
>>> add_composite_parser(sub)
>>> p.parse_args(["composite", "build", "asem", "--data", "x.csv", "-o", "r.csv", "--steps", "full"]).steps
'full'
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from assess import limits
from assess.errors import DataError, Issue, ScoringError

__all__ = ["add_composite_parser"]


def _framework(name):
    from assess.frameworks import CompositeFramework, framework_arg

    fw = framework_arg(name)
    if not isinstance(fw, CompositeFramework):
        raise ScoringError(f"composite: {name!r} is a {fw.kind}, not a composite framework.")
    return fw


def _data(path):
    if path is None:
        from assess.data import load_indicators

        return load_indicators()
    p = Path(path)
    if not p.is_file():
        raise DataError(str(path), [Issue("", "expected an indicator table (CSV file). Not found.")])
    return p


def _run(args):
    from assess.engine.scoring import score

    fw = _framework(args.framework)
    return fw, score(fw, _data(args.data), year=args.year, steps=args.steps)


def _labels(a) -> dict:
    """Node id → the label written in files: its COINr code when the framework gives one."""
    return {n.id: (n.code or n.id) for n in a.spec.nodes}


def _out(path) -> Path:
    p = Path(path)
    if p.is_dir():
        raise DataError(str(path), [Issue("", "expected a file to write. Got a folder.")])
    return p


def _write_csv(df: pd.DataFrame, path, **kw) -> None:
    from assess.io.atomic import atomic_path

    try:
        with atomic_path(_out(path)) as tmp:
            df.to_csv(tmp, **kw)
    except OSError as e:
        raise DataError(str(path), [Issue("", f"could not write the file ({e.strerror or e}).")]) from None


def _results(a) -> pd.DataFrame:
    lab = _labels(a)
    aggs = [c for c in a["scores"].columns if c in a.spec.components]
    cols = {}
    for c in aggs:
        cols[lab[c]] = a["scores"][c]
        cols[f"{lab[c]}_rank"] = a["ranks"][c]
    out = pd.DataFrame(cols)
    out.index.name = "uCode"
    return out.sort_values(f"{lab[a.root]}_rank", kind="stable")


def _cmd_build(args) -> int:
    fw, a = _run(args)
    res = _results(a)
    _write_csv(res, args.output, float_format="%.17g")
    print(f"{fw.id}: {len(res)} units, {len(a.spec.components)} aggregates -> {args.output}")
    if args.dsets:
        folder = Path(args.dsets)
        if folder.exists() and not folder.is_dir():
            raise DataError(str(folder), [Issue("", "expected a folder for --dsets. Got a file.")])
        lab = _labels(a)
        for name, table in a.datasets.items():
            t = table.rename(columns=lab)
            t.index.name = "uCode"
            _write_csv(t, folder / f"{name}.csv", float_format="%.17g")
        treat = next((s for s in a.log if s.name == "treat"), None)
        if treat is not None:
            _write_csv(treat.details["table"].rename(index=lab), folder / "treatment.csv")
        _write_text(folder / "log.txt", a.summary() + "\n")
        print(f"data sets: {', '.join(a.datasets)} -> {folder}/")
    for step in a.log:
        print(f"  {step.name}: {step.message[:160]}")
    return 0


def _write_text(path, text) -> None:
    from assess.io.atomic import atomic_path

    try:
        with atomic_path(_out(path)) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as e:
        raise DataError(str(path), [Issue("", f"could not write the file ({e.strerror or e}).")]) from None


def _scores_path(args):
    if args.scores is None:
        return None
    if args.scores == "":
        o = Path(args.output)
        return o.with_name(f"{o.stem}_scores{o.suffix or '.csv'}")
    return args.scores


def _count(name, n, limit, minimum) -> int:
    if n < minimum:
        raise ScoringError(f"{name}: expected at least {minimum}. Got {n:,} instead.")
    if limit.exceeded(n):
        raise ScoringError(limit.refusal(name, n))
    return n


def _node(a, node):
    if node is None:
        return None
    found = next((n.id for n in a.spec.nodes if node in (n.id, n.code)), None)
    if found is None or found not in a.spec.components:
        raise ScoringError(f"--node: {node!r} is not an aggregate of {a.spec.id!r}. Expected one of: "
                           f"{', '.join(_labels(a)[c] for c in a.spec.components)}.")
    return found


def _cmd_uncertainty(args) -> int:
    from assess.engine.design import replay, write_results
    from assess.engine.sensitivity import factors_of, uncertainty

    if (args.design is None) == (args.n is None):
        raise ScoringError("composite uncertainty: give --design DESIGN.csv (COINr's layout) or --n N (draw the "
                           "framework's factors), not both and not neither.")
    if args.weights is not None and args.design is None:
        raise ScoringError("composite uncertainty: --weights goes with --design.")
    fw, a = _run(args)
    t0 = time.perf_counter()
    node = _node(a, args.node)
    if args.design is not None:
        for f in (args.design, args.weights):
            if f is not None and not Path(f).is_file():
                raise DataError(str(f), [Issue("", "expected a CSV file in COINr's layout. Not found.")])
        res = replay(a, Path(args.design), None if args.weights is None else Path(args.weights), node=node)
    else:
        n = _count("--n", args.n, limits.MAX_REPLICATIONS, 1)
        res, _ = uncertainty(a, factors_of(a.spec), n, seed=args.seed, node=node)
    dt = time.perf_counter() - t0
    write_results(res, _out(args.output), None if _scores_path(args) is None else _out(_scores_path(args)))
    print(f"{fw.id}: {res.ranks.shape[1]:,} replications of {res.ranks.shape[0]} units in {dt:.2f} s"
          f" ({int(res.failed.sum())} failed) -> {args.output}" + (f", {_scores_path(args)}" if args.scores is not None
                                                                 else ""))
    return 0


def _cmd_sensitivity(args) -> int:
    from assess.engine.sensitivity import factors_of, sensitivity

    fw, a = _run(args)
    n = _count("--n", args.n, limits.MAX_SOBOL_SAMPLES, 2)
    t0 = time.perf_counter()
    r = sensitivity(a, factors_of(a.spec), n, seed=args.seed, node=_node(a, args.node))
    dt = time.perf_counter() - t0
    _write_csv(r.indices, args.output, float_format="%.6g")
    print(f"{fw.id}: Sobol' indices from {len(r.y):,} regenerations in {dt:.2f} s -> {args.output}")
    print(r.indices[["S1", "ST", "ST_q5", "ST_q95"]].round(3).to_string())
    return 0


def _cmd_audit(args) -> int:
    from assess.engine.audit import audit

    fw = _framework(args.framework)
    au = audit(fw, None if args.data is None else _data(args.data), year=args.year, steps=args.steps)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(au.summary().round(3).to_string())
    if args.output:
        folder = Path(args.output)
        if folder.exists() and not folder.is_dir():
            raise DataError(str(folder), [Issue("", "expected a folder for the audit tables. Got a file.")])
        tables = au.tables()
        for name, t in tables.items():
            _write_csv(t, folder / f"{name}.csv", float_format="%.6g")
        print(f"{len(tables)} tables -> {folder}/")
    return 0


def add_composite_parser(subparsers) -> None:
    """Add ``composite build|uncertainty|sensitivity|audit`` to ``subparsers``."""
    p = subparsers.add_parser("composite", help="build, regenerate, analyse and audit a composite framework")
    sub = p.add_subparsers(dest="composite_cmd", required=True)

    def common(q, data_help="indicator table (CSV, long or wide; default: the bundled store)"):
        q.add_argument("framework", help="framework id or YAML file")
        q.add_argument("--data", help=data_help)
        q.add_argument("--steps", help="a named pipeline of the framework (default: its steps)")
        q.add_argument("--year", type=int, help="year of a long table (default: the latest)")

    b = sub.add_parser("build", help="the nominal run: scores and ranks of every aggregate")
    common(b)
    b.add_argument("-o", "--output", required=True, help="results CSV")
    b.add_argument("--dsets", help="folder for every intermediate data set")
    b.set_defaults(func=_cmd_build)

    u = sub.add_parser("uncertainty", help="replay a COINr design, or draw the framework's factors")
    common(u)
    u.add_argument("--design", help="design CSV: replication, Winmax, Normalisation, Normalisation_para, Aggregation")
    u.add_argument("--weights", help="weights CSV (long): replication, iCode, Level, Weight")
    u.add_argument("--n", type=int, help="draw N replications of the framework's uncertain factors instead")
    u.add_argument("--seed", type=int, default=0)
    u.add_argument("--node", help="aggregate whose ranks are written (default: the index)")
    u.add_argument("-o", "--output", required=True, help="ranks CSV: uCode, Nominal, r_1 … r_N")
    u.add_argument("--scores", nargs="?", const="", default=None, metavar="SCORES.csv",
                   help="also write the scores (default name: <output>_scores.csv)")
    u.set_defaults(func=_cmd_uncertainty)

    s = sub.add_parser("sensitivity", help="Sobol' indices of the framework's uncertain factors")
    common(s)
    s.add_argument("--n", type=int, required=True, help="base samples (N (d + 2) regenerations)")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--node", help="aggregate whose ranks are the output (default: the index)")
    s.add_argument("-o", "--output", required=True, help="indices CSV")
    s.set_defaults(func=_cmd_sensitivity)

    a = sub.add_parser("audit", help="statistical audit: availability, correlations, alpha, PCA, weights")
    common(a)
    a.add_argument("-o", "--output", help="folder for every table of the audit")
    a.set_defaults(func=_cmd_audit)
