"""A country model drawn for a slide (PNG or SVG), and the colours the dashboard's model graph uses.

One palette for the page and the image (:data:`NODE_STYLE`, :data:`GAP_STYLE`); every node label's text colour is
chosen by :func:`text_colour` so that it meets WCAG 2.1 AA contrast (4.5:1 for normal text) on its fill, for node
types, gap classes and the readiness scale alike. :func:`model_image` lays the model out as an organisation chart
(:func:`assess.model.layout.org_chart_layout`) and draws it with matplotlib (imported on use).

Examples
--------
>>> round(contrast_ratio("#ffffff", "#000000"), 1), text_colour("#fdfd96"), text_colour("#1f4e79")
(21.0, '#000000', '#ffffff')
>>> all(contrast_ratio(fill, text_colour(fill)) >= 4.5 for _, fill, _ in NODE_STYLE.values())
True
"""

from __future__ import annotations

import functools
import io
import re
import textwrap

import networkx as nx

from assess.errors import Issue, ReportError
from assess.i18n import N_, name_in
from assess.model.layout import org_chart_layout
from assess.reports.figures import MISSING_COLOUR, sequential_colour

__all__ = ["GAP_STYLE", "IMAGE_FORMATS", "NODE_STYLE", "contrast_ratio", "model_image", "text_colour"]

#: Node type → (legend label, fill, cytoscape shape). Fills are dark enough for white labels (≥ 4.5:1). Labels are
#: English (``assess.i18n.translated`` gives the Azerbaijani).
NODE_STYLE = {
    "ministry": (N_("Ministry"), "#1f4e79", "round-rectangle"),
    "council": (N_("Council"), "#2e6da4", "round-rectangle"),
    "body": (N_("Body / directorate"), "#3b6fa6", "round-rectangle"),
    "agency": (N_("Agency"), "#4a6fa5", "round-rectangle"),
    "duty": (N_("Duty"), "#6e6e6e", "round-tag"),
    "platform": (N_("Platform"), "#2e7d32", "rectangle"),
    "system": (N_("System"), "#4a7a29", "barrel"),
    "service": (N_("Service"), "#b34700", "ellipse"),
    "enabler": (N_("Enabler"), "#7b3fa0", "diamond"),
    "user_group": (N_("User group"), "#8a6508", "hexagon"),
    "legal_act": (N_("Legal act"), "#6d4c41", "tag"),
    "programme": (N_("Programme"), "#795548", "tag"),
    "milestone": (N_("Milestone"), "#7d6058", "vee"),
    "indicator": (N_("Indicator"), "#00777f", "triangle"),
    "grouping": (N_("Grouping"), "#546e7a", "round-rectangle"),
    "goal": (N_("Goal"), "#3949ab", "ellipse"),
    "outcome": (N_("Outcome (benefit)"), "#4d5bb0", "ellipse"),
    "driver": (N_("Driver (reason)"), "#8e24aa", "octagon"),
    "principle": (N_("Principle"), "#6a1b9a", "octagon"),
    "requirement": (N_("Requirement"), "#ad1457", "octagon"),
    "finding": (N_("Finding"), "#607d8b", "octagon"),
}
#: Gap class → (legend text, fill).
GAP_STYLE = {
    "shared": (N_("Capability also in the reference"), "#2e7d32"),
    "own": (N_("Capability only in this model"), "#1565c0"),
    "missing": (N_("In the reference, lacking here"), "#c62828"),
    "neutral": (N_("No capability tags"), "#6e6e6e"),
}
#: Candidate label colours (white, the dashboard's dark text, black).
TEXT_COLOURS = ("#ffffff", "#1f2d3d", "#000000")
IMAGE_FORMATS = ("png", "svg")


def _rgb(colour: str) -> tuple[float, float, float]:
    if colour.startswith("rgb"):
        r, g, b = (int(x) for x in re.findall(r"\d+", colour)[:3])
    else:
        h = colour.lstrip("#")
        r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return r / 255, g / 255, b / 255


def _luminance(colour: str) -> float:
    def f(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours (``#rrggbb`` or ``rgb(r, g, b)``), from 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@functools.lru_cache(maxsize=1024)
def text_colour(fill: str) -> str:
    """The label colour of :data:`TEXT_COLOURS` with the highest contrast on *fill*."""
    return max(TEXT_COLOURS, key=lambda t: contrast_ratio(fill, t))


def _fill(G: nx.MultiDiGraph, n: str, colour: str, readiness: dict | None, gaps: dict | None) -> str:
    d = G.nodes[n]
    if colour == "readiness":  # plotly's scale gives 'rgb(r, g, b)'; matplotlib takes '#rrggbb'
        return "#" + "".join(f"{round(c * 255):02x}" for c in _rgb(sequential_colour((readiness or {}).get(n))[0]))
    if colour == "gap":
        return GAP_STYLE[(gaps or {}).get(n, "neutral")][1]
    return NODE_STYLE.get(d.get("type"), ("", MISSING_COLOUR, ""))[1]


def model_image(G: nx.MultiDiGraph, fmt: str = "png", *, colour: str = "type", readiness: dict | None = None,
                gaps: dict | None = None, title: str | None = None, dpi: int = 200, lang: str = "en") -> bytes:
    """The model graph as a PNG or SVG for a slide: the organisation chart of :func:`org_chart_layout`, reporting lines
    bold, one box per node with its name in ``lang``, coloured by type, gap class (``gaps``: node → shared / own /
    missing / neutral) or readiness (``readiness``: node → value in [0, 1]); labels meet WCAG AA contrast.

    Examples
    --------
    >>> from assess.model.build import build_graph
    >>> svg = model_image(build_graph("estonia"), "svg")
    >>> svg[:5], b"Information System" in svg  # labels stay text in an SVG (editable on a slide)
    (b'<?xml', True)
    >>> model_image(build_graph("estonia"), "png")[:8] == bytes([137, 80, 78, 71, 13, 10, 26, 10])
    True
    >>> model_image(build_graph("estonia"), "png", colour="readiness", readiness={"ria": 0.5})[:4]
    b'\x89PNG'
    >>> _fill(build_graph("estonia"), "ria", "readiness", {"ria": 0.5}, None)
    '#22908c'

    """
    if fmt not in IMAGE_FORMATS:
        raise ReportError("model image", [Issue("format", f"expected one of {', '.join(IMAGE_FORMATS)}. Found "
                                                          f"{str(fmt)[:20]!r}.")])
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    H = G.subgraph([n for n, d in G.nodes(data=True) if d.get("type") != "indicator"])
    pos = org_chart_layout(H, dx=170.0, dy=110.0)
    if not pos:
        raise ReportError("model image", [Issue("graph", "expected a model with at least one node. Found none.")])
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs) + 200, max(ys) - min(ys) + 160
    plt.rcParams["svg.fonttype"] = "none"
    fig = plt.figure(figsize=(max(6.0, width / 100), max(3.5, height / 100 + (0.5 if title else 0))))
    ax = fig.add_axes((0, 0, 1, 0.94 if title else 1))
    ax.set_xlim(min(xs) - 100, max(xs) + 100)
    ax.set_ylim(max(ys) + 80, min(ys) - 80)
    ax.axis("off")
    for u, v, k in H.edges(keys=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        bold = k == "reports_to"
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), zorder=1,
                    arrowprops={"arrowstyle": "-|>", "color": "#1f2d3d" if bold else "#9aa5b1",
                                "lw": 2.2 if bold else 0.8, "shrinkA": 22, "shrinkB": 22, "alpha": 0.9})
    for n, (x, y) in pos.items():
        fill = _fill(H, n, colour, readiness, gaps)
        lines = textwrap.wrap(name_in(H.nodes[n].get("name"), lang, str(H.nodes[n].get("label", n))), 20)
        label = "\n".join(lines[:4]) + ("…" if len(lines) > 4 else "")
        ax.add_patch(FancyBboxPatch((x - 72, y - 30), 144, 60, boxstyle="round,pad=2,rounding_size=6",
                                    facecolor=fill, edgecolor="#444444" if not H.nodes[n].get("verified", True)
                                    else "#ffffff", linestyle="--" if not H.nodes[n].get("verified", True) else "-",
                                    linewidth=1.2, zorder=2))
        ax.text(x, y, label, ha="center", va="center", fontsize=7.5, color=text_colour(fill), zorder=3,
                fontfamily="DejaVu Sans")
    if title:
        fig.suptitle(title, fontsize=11, color="#1f2d3d")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white", metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    return buf.getvalue()
