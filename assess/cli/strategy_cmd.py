"""``python -m assess strategy …``: list, show, check, compare and export national strategies (``kind: strategy``).

Each handler returns an exit code: 0 ok, 1 the check found gaps in the structure, 2 bad input (printed by
:func:`assess.cli.parser.main`).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="assess")
>>> _ = add_strategy_parser(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["strategy", "check", "estonia_dsdp2030", "--rule", "kpi_target_not_numeric"])
>>> args.func(args)
estonia_dsdp2030 (joins estonia): 1 finding (1 gap, 0 notes) for rule kpi_target_not_numeric
  gap  k_connectivity: KPI 'Availability of ultra-fast connections across Estonia' has no numeric target (stated in words only)
1
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import pandas as pd

from assess.frameworks import framework_arg, list_frameworks
from assess.model.graph_io import EXPORT_FORMATS, write_graph
from assess.model.strategy_graph import strategy_graph
from assess.strategy.checks import RULES, check_strategy, load_strategy, structure_summary
from assess.strategy.rubric import level_comparison

__all__ = ["add_strategy_parser"]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _strategy(name: str):
    """A strategy from an id or (command line only) a path to a ``.yaml`` file."""
    return load_strategy(framework_arg(name))


def _ids() -> list[str]:
    return [r["id"] for r in list_frameworks() if r["kind"] == "strategy"]


def cmd_list(args: argparse.Namespace) -> int:
    """One line per strategy: id, country, model, status, period, name."""
    for sid in _ids():
        s = load_strategy(sid)
        period = "–".join(p or "?" for p in s.period)
        _out(f"{s.id:<28} {s.country} {s.model:<18} {s.status:<11} {period:<10} {s.name.get(args.lang, s.label)}")
    return 0


def _counts_lines(c: dict) -> list[str]:
    return [
        f"documents: {c['documents']} ({c['set_documents']} of the strategy's own set, {c['documents_opened']} opened)",
        f"vision: {'yes' if c['vision'] else 'no'}; directions {c['directions']}; goals {c['goals']}",
        f"KPIs: {c['kpis']}; numeric target {c['kpis_numeric_target']}, target date {c['kpis_target_date']}, "
        f"owner named by a source {c['kpis_owner_stated']}, owner inferred {c['kpis_owner_inferred']}, "
        f"baseline {c['kpis_baseline']}, reported values {c['kpis_reported']}, measured in the store "
        f"{c['kpis_measured_by']}",
        f"action points: {c['action_points']}; owner {c['actions_owner']} ({c['actions_owner_stated']} named by a "
        f"source), both dates {c['actions_both_dates']}, goal {c['actions_goal']}, budget line "
        f"{c['actions_budget_line']}",
        f"principles: {c['principles']} ({c['principles_with_requires']} say what they require)",
        "rules: " + (", ".join(f"{k} {v}" for k, v in sorted(c["rules_by_type"].items())) or "none"),
        "enablers: " + (", ".join(f"{k} {v}" for k, v in sorted(c["enablers_by_type"].items())) or "none"),
        f"diagrams: {c['diagrams']}; dated notes: {c['notes']}; nodes to add to the model: {c['model_gaps']}",
        f"verified: {c['elements_verified']} of {c['elements']} elements",
    ]


def _levels_lines(sid: str) -> list[str]:
    t = level_comparison(sid)
    lines = [f"{'criterion':<26} {'verified':>8} {'all':>4} {'judged':>6}  flag"]
    for cid, row in t.iterrows():
        cells = ["–" if pd.isna(v) else str(int(v)) for v in (row.lower, row.upper, row.judged)]
        lines.append(f"{cid:<26} {cells[0]:>8} {cells[1]:>4} {cells[2]:>6}  {row.flag}")
    return lines


def cmd_show(args: argparse.Namespace) -> int:
    """The strategy: vision, directions, counts, and the rubric levels its structure evidences."""
    s = _strategy(args.name)
    lang = args.lang
    _out(f"{s.id}: {s.name.get(lang, s.label)} [{s.country}, joins {s.model}, {s.status}, as of {s.as_of}]")
    _out(f"vision: {s.vision.statement.get(lang) if s.vision else '(none)'}")
    for d in s.directions:
        _out(f"  {d.order}. {d.name.get(lang, d.label)}")
    for line in _counts_lines(structure_summary(s)):
        _out(line)
    _out("")
    for line in _levels_lines(s.id):
        _out(line)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Every traceability finding (or those of ``--rule``); exit 1 when a part of the structure is missing."""
    s = _strategy(args.name)
    findings = check_strategy(s)
    if args.rule:
        unknown = [r for r in args.rule if r not in RULES]
        if unknown:
            from assess.errors import AssessError

            raise AssessError(f"--rule: unknown rule {unknown[0]!r}. Expected one of: {', '.join(RULES)}.")
        findings = [f for f in findings if f.rule in args.rule]
    if args.json:
        _out(json.dumps([{"rule": f.rule, "severity": f.severity, "element": f.element, "kind": f.kind,
                          "message": f.message} for f in findings], ensure_ascii=False, indent=1))
    else:
        gaps = sum(f.severity == "gap" for f in findings)
        what = f" for rule {', '.join(args.rule)}" if args.rule else ""
        _out(f"{s.id} (joins {s.model}): {len(findings)} finding{'s' * (len(findings) != 1)} ({gaps} "
             f"gap{'s' * (gaps != 1)}, {len(findings) - gaps} note{'s' * (len(findings) - gaps != 1)}){what}")
        if not args.rule:
            _out("  by rule: " + ", ".join(f"{r} {n}" for r, n in Counter(f.rule for f in findings).items()))
        for f in findings:
            _out(f"  {f.severity:<4} {f}")
    return 1 if any(f.severity == "gap" for f in findings) else 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Two strategies side by side: counts and the levels their structures evidence."""
    a, b = _strategy(args.a), _strategy(args.b)
    ca, cb = structure_summary(a), structure_summary(b)
    if args.json:
        def levels(t):
            return {cid: {k: None if pd.isna(row[k]) else int(row[k]) for k in ("lower", "upper", "judged")}
                    for cid, row in t.iterrows()}

        _out(json.dumps({a.id: {"counts": ca, "levels": levels(level_comparison(a))},
                         b.id: {"counts": cb, "levels": levels(level_comparison(b))}}, ensure_ascii=False, indent=1))
        return 0
    _out(f"{'':<28} {a.id:>26} {b.id:>26}")
    for key in ("directions", "goals", "kpis", "kpis_numeric_target", "kpis_target_date", "kpis_owner_stated",
                "kpis_reported", "action_points", "actions_owner", "actions_both_dates", "actions_budget_line",
                "principles_with_requires", "rules", "enablers", "diagrams", "elements_verified"):
        _out(f"{key:<28} {ca[key]!s:>26} {cb[key]!s:>26}")
    la, lb = level_comparison(a), level_comparison(b)
    _out("")
    _out(f"{'level (verified–all)':<28} {a.id:>26} {b.id:>26}")
    for cid in la.index:
        cells = []
        for t in (la, lb):
            lo, hi = t.loc[cid, "lower"], t.loc[cid, "upper"]
            cells.append("judgement" if pd.isna(hi) else f"{int(lo)}–{int(hi)}")
        _out(f"{cid:<28} {cells[0]:>26} {cells[1]:>26}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """The strategy joined to its country model as GraphML, GEXF, node-link JSON or ArchiMate exchange XML."""
    G = strategy_graph(_strategy(args.name))
    path = write_graph(G, args.output, args.format)
    _out(f"wrote {path} ({args.format}, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    return 0


def add_strategy_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``strategy list|show|check|compare|export`` on ``subparsers``; each sets ``func``."""
    p = subparsers.add_parser("strategy", help="national strategies as data: list, show, check, compare, export")
    sub = p.add_subparsers(dest="strategy_command", required=True)
    q = sub.add_parser("list", help="the strategies in frameworks/")
    q.add_argument("--lang", default="en", choices=("en", "az"))
    q.set_defaults(func=cmd_list)
    q = sub.add_parser("show", help="vision, directions, counts and computed rubric levels")
    q.add_argument("name")
    q.add_argument("--lang", default="en", choices=("en", "az"))
    q.set_defaults(func=cmd_show)
    q = sub.add_parser("check", help="traceability findings: what the structure lacks (exit 1 when gaps)")
    q.add_argument("name")
    q.add_argument("--rule", action="append", help="only this rule (repeatable)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_check)
    q = sub.add_parser("compare", help="two strategies side by side")
    q.add_argument("a")
    q.add_argument("b")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_compare)
    q = sub.add_parser("export", help="the strategy joined to its country model as a graph file")
    q.add_argument("name")
    q.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    q.add_argument("-o", "--output", required=True)
    q.set_defaults(func=cmd_export)
    return p
