"""Scoring sub-commands of ``python -m assess``: ``score``, ``reproduce``, ``gap``, ``whatif``,
``uncertainty``. Registered through :func:`add_score_parsers` (``assess/cli.py`` wires it).

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser(); sub = p.add_subparsers(dest="command")
>>> add_score_parsers(sub)
>>> p.parse_args(["whatif", "AZE", "--set", "osi=0.85"]).set
['osi=0.85']
"""

from __future__ import annotations

import sys

import pandas as pd

from assess.cli.language import argparse_in, cli_lang, current, text, using
from assess.errors import ScoringError

__all__ = ["add_score_parsers", "run"]


def _emit(df: pd.DataFrame, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "csv":
        df.to_csv(out)
    elif fmt == "json":
        out.write(df.reset_index().to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        out.write(df.to_string() + "\n")


def _score_framework(name, year):
    from assess.data import load_indicators
    from assess.engine.scoring import score
    from assess.engine.spec import spec_from_framework
    from assess.frameworks import framework_arg
    from assess.indices import published

    spec = spec_from_framework(framework_arg(name))
    df = load_indicators()
    units = None
    if any(spec.node(i).dataset == "un_egov" for i in spec.indicators):
        year = published.edition(year)
        p = published.published(year)
        units = p.index[p["assessed"]].tolist()
    return score(spec, df, year=year, units=units)


def _cmd_score(args):
    a = _score_framework(args.framework, args.year)
    t = a.to_frame()
    t = t[t["node"].isin([a.root, *a.spec.children(a.root)])]
    wide = t.pivot(index="unit", columns="node", values="score")
    wide = wide[[a.root, *[c for c in wide.columns if c != a.root]]]
    wide.insert(1, "rank", a.ranks)
    if len(a["groups"].columns):
        wide = wide.join(a["groups"])
    _emit(wide.sort_values("rank"), args.format)


def _cmd_reproduce(args):
    from assess.indices import published, reproduce

    years = [args.year] if args.year else list(published.EDITIONS)
    rows = [reproduce.reproduce_egdi(y).summary for y in years]
    _emit(pd.DataFrame(rows).set_index("year"), args.format)


def _cmd_gap(args):
    from assess.indices.gaps import gap

    against = int(args.against) if str(args.against).isdigit() else args.against
    _emit(gap(args.iso3, against, years=[args.year] if args.year else None), args.format)


def _parse_set(items):
    out = {}
    for it in items:
        if "=" not in it:
            raise ScoringError(f"whatif --set: expected COMPONENT=VALUE. Got {it!r} instead.")
        k, v = it.split("=", 1)
        try:
            out[k.strip()] = float(v)
        except ValueError:
            raise ScoringError(f"whatif --set {k}: expected a number. Got {v!r} instead.") from None
    return out


def _cmd_whatif(args):
    from assess.indices.scenarios import whatif

    w = whatif({args.iso3: _parse_set(args.set)}, year=args.year)
    t = w.moved if args.all else w.changed
    _emit(t, args.format)


def _cmd_uncertainty(args):
    import time

    from assess.indices.rank_uncertainty import sobol, uncertainty

    t0 = time.perf_counter()
    u = uncertainty(args.year, n=args.n, seed=args.seed)
    dt = time.perf_counter() - t0
    t = u.table.head(args.top) if args.top else u.table
    _emit(t, args.format)
    if args.sobol:
        _emit(sobol(args.year, n=args.sobol, seed=args.seed), args.format)
    _ = text()
    print(_("# {n} replications in {seconds:.2f} s", n=args.n, seconds=dt), file=sys.stderr)


def add_score_parsers(subparsers) -> None:
    """Add ``score``, ``reproduce``, ``gap``, ``whatif`` and ``uncertainty`` to ``subparsers``."""
    _ = text()
    fmt = {"choices": ["table", "csv", "json"], "default": "table", "help": _("output format (default: table)")}
    edition = _("UN Survey edition (default: the latest)")
    p = subparsers.add_parser("score", help=_("score a composite framework over the bundled data"))
    p.add_argument("--framework", required=True, help=_("framework id, e.g. un_egdi"))
    p.add_argument("--year", type=int, default=None, help=edition)
    p.add_argument("--format", **fmt)
    p.set_defaults(func=_cmd_score)

    p = subparsers.add_parser("reproduce", help=_("reproduce the published EGDI per edition"))
    p.add_argument("--year", type=int, help=_("one edition (default: every edition)"))
    p.add_argument("--format", **fmt)
    p.set_defaults(func=_cmd_reproduce)

    p = subparsers.add_parser("gap", help=_("gap of a country to a reference, by component"))
    p.add_argument("iso3", help=_("ISO3 code, e.g. AZE"))
    p.add_argument("--against", default="SGP",
                   help=_("ISO3, frontier, top, peer:<id>, next_group, next_class or a rank"))
    p.add_argument("--year", type=int, help=_("one edition (default: every edition)"))
    p.add_argument("--format", **fmt)
    p.set_defaults(func=_cmd_gap)

    p = subparsers.add_parser("whatif", help=_("change components and re-normalise the cross-section"))
    p.add_argument("iso3", help=_("ISO3 code, e.g. AZE"))
    p.add_argument("--set", action="append", required=True, metavar="COMPONENT=VALUE",
                   help=_("a component's new value, e.g. osi=0.85 (repeatable)"))
    p.add_argument("--year", type=int, default=None, help=edition)
    p.add_argument("--all", action="store_true", help=_("show every country that moved"))
    p.add_argument("--format", **fmt)
    p.set_defaults(func=_cmd_whatif)

    p = subparsers.add_parser("uncertainty", help=_("Monte Carlo rank distributions (and Sobol indices)"))
    p.add_argument("--year", type=int, default=None, help=edition)
    p.add_argument("-n", type=int, default=10_000, help=_("number of replications (default: 10000)"))
    p.add_argument("--seed", type=int, default=0, help=_("random seed (default: 0)"))
    p.add_argument("--top", type=int, default=0, help=_("show only the first N countries (default: all)"))
    p.add_argument("--sobol", type=int, default=0, metavar="N", help=_("also run Sobol with N base samples"))
    p.add_argument("--format", **fmt)
    p.set_defaults(func=_cmd_uncertainty)


def run(argv) -> int:
    """Run one scoring sub-command (for tests and for use without ``assess/cli.py``)."""
    import argparse

    from assess.errors import AssessError
    from assess.i18n import error_text

    lang = cli_lang(argv)
    with using(lang), argparse_in(lang):
        parser = argparse.ArgumentParser(prog="python -m assess")
        add_score_parsers(parser.add_subparsers(dest="command", required=True))
        args = parser.parse_args(argv)
        try:
            args.func(args)
        except AssessError as e:
            _ = text()
            print(_("error: {message}", message=error_text(e, current())), file=sys.stderr)
            return 2
    return 0
