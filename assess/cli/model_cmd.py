"""``python -m assess model …``: list, show, check, compare and export country models.

``add_model_parser(subparsers)`` registers the ``model`` sub-command on an argparse
sub-parsers object; each handler returns an exit code (0 ok, 1 problems found, 2 bad input).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="assess")
>>> _ = add_model_parser(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["model", "check", "azerbaijan_proposal"])
>>> args.func(args)
azerbaijan_proposal: OK (41 nodes, 59 relations, 11 indicator links)
0
"""

from __future__ import annotations

import argparse
import json
import sys

from assess.cli.language import argparse_in, cli_lang, current, text, using
from assess.errors import AssessError
from assess.frameworks import CountryModel, framework_arg, list_frameworks
from assess.i18n import LANGS, error_text
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
    from assess.frameworks.vocabulary import MODEL_STATUS_LABELS, NODE_TYPE_LABELS
    from assess.i18n import format_number, translated

    _, lang = text(), current()
    m = _model(args.name)
    G = build_graph(m)
    status = translated(MODEL_STATUS_LABELS[m.status], lang) if m.status in MODEL_STATUS_LABELS else m.status
    _out(_("{id}: {name} [{country}, {status}, as of {date}]", id=m.id, name=m.name.get(args.lang, m.label),
           country=m.country, status=status, date=m.as_of))
    counts: dict[str, int] = {}
    for n in m.nodes:
        counts[n.type] = counts.get(n.type, 0) + 1
    kinds = {k: translated(NODE_TYPE_LABELS[k], lang) if k in NODE_TYPE_LABELS else k for k in counts}
    _out(_("nodes: {list}", list=", ".join(f"{kinds[k]} {v}" for k, v in sorted(counts.items()))))
    _out(_("span of control: {list}", list=", ".join(f"{k} {v}" for k, v in span_of_control(G).items())))
    depth = reporting_depth(G)
    _out(_("reporting depth: {n}", n=max(depth.values()) if depth else 0))
    _out(_("coordination load: {list}", list=", ".join(f"{n} {format_number(v, lang, 3)}"
                                                          for n, v in coordination_load(G, top=5))))
    spof = single_points_of_failure(G)
    _out(_("single points of failure: {list}", list=", ".join(spof["articulation_points"])))
    _out(_("services per platform: {list}", list="; ".join(f"{p}: {', '.join(s)}" for p, s in
                                                            services_per_platform(G).items() if s)))
    _out(_("indicators driven: {list}", list="; ".join(f"{n}: {', '.join(r)}" for n, r in
                                                        indicators_driven(G).items())))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the file (done by loading) and check the graph rules; print every problem."""
    from assess.i18n import tn

    m = _model(args.name)
    G = build_graph(m)
    issues = check_graph(G)
    if issues:
        _out(tn("{source}: {n} problem", "{source}: {n} problems", len(issues), current(), source=m.id))
        for issue in issues:
            _out(f"  {issue}")
        return 1
    n_ind = sum(1 for r in m.relations if r.type == "measured_by")
    _ = text()
    _out(_("{id}: OK ({nodes} nodes, {relations} relations, {links} indicator links)", id=m.id,
           nodes=len(m.nodes), relations=len(m.relations), links=n_ind))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Capability alignment and graph diff of two models."""
    _ = text()
    a, b = _model(args.a), _model(args.b)
    Ga, Gb = build_graph(a), build_graph(b)
    al, d = align(Ga, Gb), diff(Ga, Gb)
    if args.json:
        _out(json.dumps({"align": al, "diff": d}, ensure_ascii=False, indent=1, default=list))
        return 0
    _out(_("capabilities in {a} missing from {b}:", a=a.id, b=b.id))
    for tag, nodes in al["only_a"].items():
        _out(f"  {tag:<26} {', '.join(nodes)}")
    _out(_("capabilities in {a} missing from {b}:", a=b.id, b=a.id))
    for tag, nodes in al["only_b"].items():
        _out(f"  {tag:<26} {', '.join(nodes)}")
    _out(_("common capabilities: {list}", list=", ".join(al["common"])))
    _out(_("nodes only in {model}: {list}", model=a.id, list=", ".join(d["removed_nodes"])))
    _out(_("nodes only in {model}: {list}", model=b.id, list=", ".join(d["added_nodes"])))
    _out(_("changed nodes: {list}", list=", ".join(d["changed_nodes"])))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a model graph as GraphML, GEXF, node-link JSON or ArchiMate exchange XML."""
    G = build_graph(_model(args.name))
    path = write_graph(G, args.output, args.format)
    _ = text()
    _out(_("wrote {path} ({format})", path=path, format=args.format))
    return 0


def add_model_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``model list|show|check|compare|export`` on ``subparsers``; each sets ``func``."""
    _ = text()
    p = subparsers.add_parser("model", help=_("country models: list, show, check, compare, export"))
    sub = p.add_subparsers(dest="model_command", required=True)
    q = sub.add_parser("list", help=_("list frameworks (country models unless --all)"))
    q.add_argument("--all", action="store_true", help=_("list every kind of framework"))
    q.set_defaults(func=cmd_list)
    q = sub.add_parser("show", help=_("structure and analytics of a model"))
    q.add_argument("name", help=_("model id, e.g. azerbaijan_proposal"))
    q.add_argument("--lang", default=current(), choices=list(LANGS),
                   help=_("language of the names and of the messages (default: {lang})", lang=current()))
    q.set_defaults(func=cmd_show)
    q = sub.add_parser("check", help=_("validate a model and check its graph rules"))
    q.add_argument("name", help=_("model id, e.g. azerbaijan_proposal"))
    q.set_defaults(func=cmd_check)
    q = sub.add_parser("compare", help=_("capability alignment and diff of two models"))
    q.add_argument("a", help=_("model id"))
    q.add_argument("b", help=_("model id"))
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    q.set_defaults(func=cmd_compare)
    q = sub.add_parser("export", help=_("export a model graph"))
    q.add_argument("name", help=_("model id, e.g. azerbaijan_proposal"))
    q.add_argument("--format", required=True, choices=EXPORT_FORMATS, help=_("file format"))
    q.add_argument("-o", "--output", required=True, help=_("output file"))
    q.set_defaults(func=cmd_export)
    return p


def run(args: argparse.Namespace) -> int:
    """Run a parsed ``model`` command, printing errors instead of raising them."""
    try:
        return args.func(args)
    except AssessError as exc:
        sys.stderr.write(error_text(exc, current()) + "\n")
        return 2


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``main(["model", "check", "singapore"])``."""
    lang = cli_lang(argv)
    with using(lang), argparse_in(lang):
        parser = argparse.ArgumentParser(prog="python -m assess")
        add_model_parser(parser.add_subparsers(dest="command", required=True))
        return run(parser.parse_args(argv))
