"""The ``model`` sub-commands."""

from __future__ import annotations

import networkx as nx
import pytest

from assess.cli.model_cmd import main
from assess.model.build import build_graph
from assess.model.graph_io import read_graph


def test_list(capsys):
    assert main(["model", "list"]) == 0
    out = capsys.readouterr().out
    assert "azerbaijan_proposal" in out and "singapore" in out and "un_egdi" not in out
    assert main(["model", "list", "--all"]) == 0
    assert "un_egdi" in capsys.readouterr().out


def test_show_and_check(capsys):
    assert main(["model", "show", "azerbaijan_proposal"]) == 0
    out = capsys.readouterr().out
    assert "span of control: ict_ministry 5, it_supreme_council 1" in out
    assert main(["model", "check", "singapore"]) == 0
    assert capsys.readouterr().out.startswith("singapore: OK (27 nodes")


def test_compare(capsys):
    assert main(["model", "compare", "singapore", "azerbaijan_proposal"]) == 0
    out = capsys.readouterr().out
    assert "consented_data_sharing" in out and "myinfo" in out


def test_errors_are_printed_not_raised(capsys):
    assert main(["model", "check", "un_egdi"]) == 2
    assert "expected a country model, found a framework of kind 'composite'" in capsys.readouterr().err
    assert main(["model", "check", "nope"]) == 2
    assert "found 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt,suffix", [("graphml", "graphml"), ("gexf", "gexf"), ("json", "json")])
def test_export(tmp_path, capsys, fmt, suffix):
    out = tmp_path / f"m.{suffix}"
    assert main(["model", "export", "estonia", "--format", fmt, "-o", str(out)]) == 0
    assert nx.utils.graphs_equal(read_graph(out), build_graph("estonia"))


def test_export_archimate(tmp_path):
    out = tmp_path / "m.xml"
    assert main(["model", "export", "azerbaijan_proposal", "--format", "archimate", "-o", str(out)]) == 0
    assert 'xmlns="http://www.opengroup.org/xsd/archimate/3.0/"' in out.read_text(encoding="utf-8")
