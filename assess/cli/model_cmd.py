"""``python -m assess model …``: list, show, check, compare, export, baseline, evidence and cross-check country
models, and what of a proposal came true. A model argument is a framework id, a YAML path, or ``baseline_<iso3>``
(:func:`assess.baseline_model`).

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

from assess.cli.language import argparse_in, cli_lang, current, text, using
from assess.errors import AssessError
from assess.frameworks import CountryModel, framework_arg, list_frameworks
from assess.i18n import LANGS, error_text, tn
from assess.model.analytics import (
    coordination_load,
    indicators_driven,
    reporting_depth,
    services_per_platform,
    single_points_of_failure,
    span_of_control,
)
from assess.model.baseline import baseline_iso3, baseline_model
from assess.model.build import build_graph
from assess.model.checks import check_graph
from assess.model.compare import align, diff
from assess.model.evidence_gaps import FINDINGS, GAP_STATUSES, capability_gaps, cross_check
from assess.model.evidence_states import evidence, evidence_economies
from assess.model.graph_io import EXPORT_FORMATS, write_graph
from assess.model.provenance import PAPER_FILE, basis_counts, check_quotes, paper_quotes, unverified_facts

__all__ = ["add_model_parser", "main"]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _model(name: str, year: int | None = None) -> CountryModel:
    iso3 = baseline_iso3(name)
    if iso3 is not None:
        return baseline_model(iso3, year)
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
    _out(_basis_line(m))
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


def _basis_line(m: CountryModel) -> str:
    _, counts = text(), basis_counts(m)
    words = {"nodes": _("nodes"), "relations": _("relations"), "paper": _("paper"), "source": _("source"),
             "inferred": _("inferred")}
    return _("basis: {list}", list="; ".join(f"{words.get(key, key)} " + ", ".join(f"{n} {words.get(b, b)}"
                                                                                   for b, n in c.items())
                                             for key, c in counts.items()))


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the file (done by loading), check the graph rules and the paper's quotes; print every problem,
    the counts per basis and the number of unverified facts."""
    _ = text()
    m = _model(args.name)
    G = build_graph(m)
    issues = check_graph(G)
    quotes = paper_quotes(m)
    issues += check_quotes(m) if quotes else []
    if issues:
        _out(tn("{source}: {n} problem", "{source}: {n} problems", len(issues), current(), source=m.id))
        for issue in issues:
            _out(f"  {issue}")
    else:
        n_ind = sum(1 for r in m.relations if r.type == "measured_by")
        _out(_("{id}: OK ({nodes} nodes, {relations} relations, {links} indicator links)", id=m.id,
               nodes=len(m.nodes), relations=len(m.relations), links=n_ind))
    _out(_basis_line(m))
    if quotes:
        missing = sum(1 for i in issues if "quote not in the paper" in i.message)
        _out(_("paper quotes: {n} checked against data/{file}, {result}", n=len(quotes), file=PAPER_FILE,
               result=_("{n} not found", n=missing) if missing else _("all found")))
    _out(_("unverified facts: {n}", n=len(unverified_facts(m))))
    return 1 if issues else 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Capability alignment and graph diff of two models."""
    _ = text()
    a, b = _model(args.a, args.year), _model(args.b, args.year)
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
    gaps = capability_gaps(b, a, year=args.year)
    _out(_("what {b} lacks against {a} (evidence {year}):", b=b.id, a=a.id, year=args.year or _("latest")))
    evidence_word = _("evidence")
    for status, meaning in GAP_STATUSES.items():
        part = gaps[gaps["status"] == status]
        _out(f"  {status} ({meaning}): {len(part)}")
        for r in part.itertuples():
            _out(f"    {r.capability:<26} {', '.join(r.reference_nodes)}"
                 + (f"  [{evidence_word}: {r.own_state}{'; ' + r.own_values if r.own_values else ''}]"
                    if status != "unknown" else ""))
    _out(_("nodes only in {model}: {list}", model=a.id, list=", ".join(d["removed_nodes"])))
    _out(_("nodes only in {model}: {list}", model=b.id, list=", ".join(d["added_nodes"])))
    _out(_("changed nodes: {list}", list=", ".join(d["changed_nodes"])))
    return 0


def cmd_crosscheck(args: argparse.Namespace) -> int:
    """A descriptive model against the published evidence of its country; exit 1 when they disagree."""
    _ = text()
    m = _model(args.name, args.year)
    c = cross_check(m, args.year)
    if c.empty:
        _out(c.attrs.get("note", _("{id}: nothing to cross-check", id=m.id)))
        return 0
    _out(_("{id} against the evidence for {country} ({year}):", id=m.id, country=m.country,
           year=int(c["year"].iloc[0])))
    for finding, meaning in FINDINGS.items():
        part = c[c["finding"] == finding]
        if part.empty or finding == "agrees":
            continue
        _out(f"  {meaning}: {len(part)}")
        for r in part.itertuples():
            _out(f"    {r.capability:<24} {r.state:<8} {r.values}  model: {', '.join(r.model_nodes) or '—'}")
    n = int(c["disagreement"].sum())
    _out(tn("{n} disagreement", "{n} disagreements", n, current()))
    return 1 if n else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a model graph as GraphML, GEXF, node-link JSON or ArchiMate exchange XML."""
    G = build_graph(_model(args.name))
    path = write_graph(G, args.output, args.format)
    _ = text()
    _out(_("wrote {path} ({format})", path=path, format=args.format))
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
    _ = text()
    year = int(table["as_of"].iloc[0]) if len(table) else args.as_of
    _out(_("{proposal} against {current}, as of {year}:", proposal=args.proposal, current=args.current, year=year))
    for r in table.itertuples():
        by = ", ".join(r.realised_by) or "—"
        hint = "" if r.agrees in (None, True) else f"  [analyst: {r.analyst}]"
        _out(f"  {r.status:<10} {r.element:<36} since {r.since or '—':<10}  by {by}{hint}")
    _out(_("counts: {list}", list=", ".join(f"{k} {v}" for k, v in status_counts(table).items())))
    known = table["agrees"].dropna()
    _out(_("derived status agrees with the analyst's hint for {n} of {total} assessed elements", n=int(known.sum()),
           total=len(known)))
    return 0


def _year(text: str) -> int:
    if not str(text).isdigit():
        raise argparse.ArgumentTypeError(f"expected a year such as 2020, found {str(text)[:20]!r}")
    return int(text)


def cmd_baseline(args: argparse.Namespace) -> int:
    """Build the baseline model of an economy (or of every GTMI economy with ``--all``) and check it."""
    import time

    codes = evidence_economies() if args.all else [args.iso3.upper()]
    problems, start = 0, time.perf_counter()
    for code in codes:
        m = baseline_model(code, args.year)
        issues = check_graph(build_graph(m))
        problems += bool(issues)
        if args.all:
            if issues:
                _out(f"{m.id}: {len(issues)} problems: " + "; ".join(map(str, issues)))
            continue
        _out(f"{m.id}: {m.name['en']} [{m.country}, as of {m.as_of}]")
        _out(f"source: {m.source}")
        for n in m.nodes:
            tag = ", ".join(n.capabilities)
            _out(f"  {n.id:<24} {n.type:<11} {tag:<22} {n.note or n.reason or ''}")
        _out(f"{len(m.nodes)} nodes, {len(m.relations)} relations; model check: "
             + ("OK" if not issues else f"{len(issues)} problems: " + "; ".join(map(str, issues))))
    if args.all:
        _out(f"{len(codes)} baseline models built and checked in {time.perf_counter() - start:.1f} s: "
             f"{len(codes) - problems} pass model check, {problems} fail")
    return 1 if problems else 0


def cmd_evidence(args: argparse.Namespace) -> int:
    """Capability states of an economy from the published evidence."""
    e = evidence(args.iso3, args.year)
    for r in e.itertuples():
        vals = "; ".join(f"{v['indicator']}={'—' if v['value'] is None else format(v['value'], 'g')}"
                         f" ({v['source']} {v['edition']})" for v in r.values)
        _out(f"{r.capability:<24} {r.state:<13} {vals}")
    return 0


def add_model_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``model list|show|check|compare|export|realisation|baseline|evidence`` on ``subparsers``; each sets
    ``func``."""
    _ = text()
    p = subparsers.add_parser("model", help=_("country models: list, show, check, compare, export, realisation, "
                                              "baseline, evidence"))
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
    q.add_argument("--year", type=int, default=None, help=_("evidence year of the gap list (default: latest)"))
    q.set_defaults(func=cmd_compare)
    q = sub.add_parser("crosscheck", help=_("a model against the published evidence of its country"))
    q.add_argument("name", help=_("model id, e.g. azerbaijan_proposal"))
    q.add_argument("--year", type=int, default=None, help=_("evidence year (default: the model's as_of year)"))
    q.set_defaults(func=cmd_crosscheck)
    q = sub.add_parser("baseline", help=_("a country model of any GTMI economy built from published evidence"))
    q.add_argument("iso3", nargs="?", default="", help=_("ISO3 code (e.g. GEO); ignored with --all"))
    q.add_argument("--year", type=int, default=None, help=_("year asked (default: the latest evidence)"))
    q.add_argument("--all", action="store_true",
                   help=_("build and check the baseline of every GTMI economy (timed)"))
    q.set_defaults(func=cmd_baseline)
    q = sub.add_parser("evidence", help=_("capability states of an economy from the published evidence"))
    q.add_argument("iso3", help=_("ISO3 code (e.g. GEO)"))
    q.add_argument("--year", type=int, default=None, help=_("year asked (default: the latest evidence)"))
    q.set_defaults(func=cmd_evidence)
    q = sub.add_parser("export", help=_("export a model graph"))
    q.add_argument("name", help=_("model id, e.g. azerbaijan_proposal"))
    q.add_argument("--format", required=True, choices=EXPORT_FORMATS, help=_("file format"))
    q.add_argument("-o", "--output", required=True, help=_("output file"))
    q.set_defaults(func=cmd_export)
    q = sub.add_parser("realisation", help=_("what of a proposal came true in a current model"))
    q.add_argument("proposal", help=_("model id, e.g. azerbaijan_proposal"))
    q.add_argument("current", help=_("model id"))
    q.add_argument("--as-of", type=_year, default=None, help=_("judge in this year (default: the current model's)"))
    q.add_argument("--format", choices=("text", "csv", "json"), default="text", help=_("file format"))
    q.set_defaults(func=cmd_realisation)
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
