"""``python -m assess model …``: list, show, check, compare, export country models, and what of a proposal came true.

``add_model_parser(subparsers)`` registers the ``model`` sub-command on an argparse
sub-parsers object; each handler returns an exit code (0 ok, 1 problems found, 2 bad input).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="assess")
>>> _ = add_model_parser(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["model", "check", "azerbaijan_proposal"])
>>> args.func(args)
azerbaijan_proposal: OK (74 nodes, 88 relations, 11 indicator links)
basis: nodes 73 paper, 0 source, 1 inferred; relations 59 paper, 1 source, 28 inferred
paper quotes: 154 checked against data/paper/seed_paper_az.txt, all found
unverified facts: 1
0
"""

from __future__ import annotations

import argparse
import json
import sys

from assess.errors import AssessError
from assess.frameworks import CountryModel, framework_arg, list_frameworks
from assess.model.analytics import (
    coordination_load,
    indicators_driven,
    reporting_depth,
    services_per_platform,
    single_points_of_failure,
    span_of_control,
)
from assess.model.build import build_graph
from assess.model.checks import check_graph
from assess.model.compare import align, diff
from assess.model.graph_io import EXPORT_FORMATS, write_graph
from assess.model.provenance import PAPER_FILE, basis_counts, check_quotes, paper_quotes, unverified_facts

__all__ = ["add_model_parser", "main"]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _model(name: str) -> CountryModel:
    fw = framework_arg(name)
    if not isinstance(fw, CountryModel):
        raise AssessError(f"{name}: expected a country model, found a framework of kind {fw.kind!r}")
    return fw


def cmd_list(args: argparse.Namespace) -> int:
    """Print the frameworks, one per line: id, kind, name."""
    for row in list_frameworks():
        if args.all or row["kind"] == "country_model":
            _out(f"{row['id']:<24} {row['kind'] or '?':<14} {row['name'] or ''}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print a model's structure and analytics."""
    m = _model(args.name)
    G = build_graph(m)
    _out(f"{m.id}: {m.name.get(args.lang, m.label)} [{m.country}, {m.status}, as of {m.as_of}]")
    counts: dict[str, int] = {}
    for n in m.nodes:
        counts[n.type] = counts.get(n.type, 0) + 1
    _out("nodes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    _out(_basis_line(m))
    _out("span of control: " + ", ".join(f"{k} {v}" for k, v in span_of_control(G).items()))
    depth = reporting_depth(G)
    _out(f"reporting depth: {max(depth.values()) if depth else 0}")
    _out("coordination load: " + ", ".join(f"{n} {v:.3f}" for n, v in coordination_load(G, top=5)))
    spof = single_points_of_failure(G)
    _out("single points of failure: " + ", ".join(spof["articulation_points"]))
    _out("services per platform: " + "; ".join(f"{p}: {', '.join(s)}" for p, s in
                                                services_per_platform(G).items() if s))
    _out("indicators driven: " + "; ".join(f"{n}: {', '.join(r)}" for n, r in indicators_driven(G).items()))
    return 0


def _basis_line(m: CountryModel) -> str:
    counts = basis_counts(m)
    return "basis: " + "; ".join(f"{key} " + ", ".join(f"{n} {b}" for b, n in c.items()) for key, c in counts.items())


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the file (done by loading), check the graph rules and the paper's quotes; print every problem,
    the counts per basis and the number of unverified facts."""
    m = _model(args.name)
    G = build_graph(m)
    issues = check_graph(G)
    quotes = paper_quotes(m)
    issues += check_quotes(m) if quotes else []
    if issues:
        _out(f"{m.id}: {len(issues)} problem{'s' if len(issues) != 1 else ''}")
        for issue in issues:
            _out(f"  {issue}")
    else:
        n_ind = sum(1 for r in m.relations if r.type == "measured_by")
        _out(f"{m.id}: OK ({len(m.nodes)} nodes, {len(m.relations)} relations, {n_ind} indicator links)")
    _out(_basis_line(m))
    if quotes:
        missing = sum(1 for i in issues if "quote not in the paper" in i.message)
        _out(f"paper quotes: {len(quotes)} checked against data/{PAPER_FILE}, "
             + (f"{missing} not found" if missing else "all found"))
    _out(f"unverified facts: {len(unverified_facts(m))}")
    return 1 if issues else 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Capability alignment and graph diff of two models."""
    a, b = _model(args.a), _model(args.b)
    Ga, Gb = build_graph(a), build_graph(b)
    al, d = align(Ga, Gb), diff(Ga, Gb)
    if args.json:
        _out(json.dumps({"align": al, "diff": d}, ensure_ascii=False, indent=1, default=list))
        return 0
    _out(f"capabilities in {a.id} missing from {b.id}:")
    for tag, nodes in al["only_a"].items():
        _out(f"  {tag:<26} {', '.join(nodes)}")
    _out(f"capabilities in {b.id} missing from {a.id}:")
    for tag, nodes in al["only_b"].items():
        _out(f"  {tag:<26} {', '.join(nodes)}")
    _out(f"common capabilities: {', '.join(al['common'])}")
    _out(f"nodes only in {a.id}: {', '.join(d['removed_nodes'])}")
    _out(f"nodes only in {b.id}: {', '.join(d['added_nodes'])}")
    _out(f"changed nodes: {', '.join(d['changed_nodes'])}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a model graph as GraphML, GEXF, node-link JSON or ArchiMate exchange XML."""
    G = build_graph(_model(args.name))
    path = write_graph(G, args.output, args.format)
    _out(f"wrote {path} ({args.format})")
    return 0


def cmd_realisation(args: argparse.Namespace) -> int:
    """What of the proposal came true: one line per element (or the whole table as CSV or JSON)."""
    from assess.io.excel import safe_frame
    from assess.model.realised import flat_table, realisation, status_counts

    table = realisation(_model(args.proposal), _model(args.current), as_of=args.as_of)
    if args.format == "csv":
        sys.stdout.write(safe_frame(flat_table(table)).to_csv(index=False))
        return 0
    if args.format == "json":
        _out(table.to_json(orient="records", force_ascii=False, indent=1))
        return 0
    year = int(table["as_of"].iloc[0]) if len(table) else args.as_of
    _out(f"{args.proposal} against {args.current}, as of {year}:")
    for r in table.itertuples():
        by = ", ".join(r.realised_by) or "—"
        hint = "" if r.agrees in (None, True) else f"  [analyst: {r.analyst}]"
        _out(f"  {r.status:<10} {r.element:<36} since {r.since or '—':<10}  by {by}{hint}")
    _out("counts: " + ", ".join(f"{k} {v}" for k, v in status_counts(table).items()))
    known = table["agrees"].dropna()
    _out(f"derived status agrees with the analyst's hint for {int(known.sum())} of {len(known)} assessed elements")
    return 0


def _year(text: str) -> int:
    if not str(text).isdigit():
        raise argparse.ArgumentTypeError(f"expected a year such as 2020, found {str(text)[:20]!r}")
    return int(text)


def add_model_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``model list|show|check|compare|export|realisation`` on ``subparsers``; each sets ``func``."""
    p = subparsers.add_parser("model", help="country models: list, show, check, compare, export, realisation")
    sub = p.add_subparsers(dest="model_command", required=True)
    q = sub.add_parser("list", help="list frameworks (country models unless --all)")
    q.add_argument("--all", action="store_true", help="list every kind of framework")
    q.set_defaults(func=cmd_list)
    q = sub.add_parser("show", help="structure and analytics of a model")
    q.add_argument("name")
    q.add_argument("--lang", default="en", choices=("en", "az"))
    q.set_defaults(func=cmd_show)
    q = sub.add_parser("check", help="validate a model and check its graph rules")
    q.add_argument("name")
    q.set_defaults(func=cmd_check)
    q = sub.add_parser("compare", help="capability alignment and diff of two models")
    q.add_argument("a")
    q.add_argument("b")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_compare)
    q = sub.add_parser("export", help="export a model graph")
    q.add_argument("name")
    q.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    q.add_argument("-o", "--output", required=True)
    q.set_defaults(func=cmd_export)
    q = sub.add_parser("realisation", help="what of a proposal came true in a current model")
    q.add_argument("proposal")
    q.add_argument("current")
    q.add_argument("--as-of", type=_year, default=None, help="judge in this year (default: the current model's)")
    q.add_argument("--format", choices=("text", "csv", "json"), default="text")
    q.set_defaults(func=cmd_realisation)
    return p


def run(args: argparse.Namespace) -> int:
    """Run a parsed ``model`` command, printing errors instead of raising them."""
    try:
        return args.func(args)
    except AssessError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``main(["model", "check", "singapore"])``."""
    parser = argparse.ArgumentParser(prog="python -m assess")
    add_model_parser(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))
