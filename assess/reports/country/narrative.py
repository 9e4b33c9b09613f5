"""The Summary's paragraphs "where the country stands", written from a :class:`ReportData` through
:func:`assess.i18n.t` (English or Azerbaijani). Text only: every number comes from the data.

Examples
--------
>>> from assess.reports.country.analysis import report_data
>>> paragraphs = narrate(report_data("AZE", compare=["SGP", "EST"], model=None))
>>> paragraphs[0]
'In 2024, Azerbaijan has an EGDI of 0.76073, rank 74 of 193, in the Very high group (rating class V1, an approximation).'
"""

from __future__ import annotations

from assess.i18n import name_in, t
from assess.indices import published
from assess.reports.country.inputs import RUBRIC_COUNTRY, RUBRIC_REFERENCE

__all__ = ["SHORT", "group_label", "index_name", "narrate"]

#: Short labels of the index and its components.
SHORT = {"egdi": "EGDI", "osi": "OSI", "hci": "HCI", "tii": "TII", "epi": "EPI", "gtmi": "GTMI"}


def index_name(code, lang) -> str:
    """The full name of an index or component with its short label, from its framework file (``name: {en, az}``):
    ``"Online Service Index (OSI)"`` / ``"Onlayn Xidmət İndeksi (OSI)"``.

    Examples
    --------
    >>> index_name("egdi", "az"), index_name("gtmi", "en")
    ('Elektron Hökumətin İnkişafı İndeksi (EGDI)', 'GovTech Maturity Index (GTMI)')
    """
    from assess.frameworks import load_framework

    if code in ("egdi", "gtmi", "epi"):
        fw = load_framework({"egdi": "un_egdi"}.get(code, code))
        name = fw.name
    else:
        name = next((c.name for c in published.egdi_framework().components if c.id == code), code)
    return f"{name_in(name, lang, code)} ({SHORT.get(code, code.upper())})"


def group_label(g, lang) -> str:
    """The UN group ``"VH"`` as ``"Very high"``/``"Çox yüksək"`` (the group's name in ``un_egdi.yaml``); empty for a
    missing group.

    Examples
    --------
    >>> group_label("VH", "az"), group_label(float("nan"), "en")
    ('Çox yüksək', '')
    """
    if not isinstance(g, str) or not g:
        return ""
    return next((name_in(x.name, lang, g) for x in published.egdi_framework().groups if x.label == g), g)


def _standing(d) -> list[str]:
    lang, cur = d.lang, d.current
    out = [t("In {year}, {country} has an EGDI of {egdi:.5f}, rank {rank} of {n}, in the {group} group "
             "(rating class {klass}, an approximation).", lang,
             year=d.year, country=d.name(d.iso3), egdi=float(cur["egdi"]), rank=int(cur["egdi_rank"]), n=int(cur["n"]),
             group=group_label(cur["group"], lang), klass=cur["class"])]
    if d.previous is not None:
        out.append(t("Since {prev} its EGDI has changed by {delta:+.4f} and its rank by {drank:+d} places.", lang,
                     prev=d.previous_year, delta=d.egdi_change, drank=d.rank_change))
    p = d.peers
    if p.iso3:
        out.append(t("Among the comparators ({peers}), it is ahead of {ahead} and behind {behind}.", lang,
                     peers=", ".join(p.iso3), ahead=p.ahead, behind=p.behind))
        if p.leader is not None:
            out.append(t("Its largest gap to the best comparator ({leader}) is in {comp}: {gap:.4f} points.", lang,
                         leader=d.name(p.leader), comp=SHORT[p.leader_component], gap=p.leader_gap))
    if not d.target_ranks:
        out.append(t("It is already in the top {target}.", lang, target=10))
    elif d.best_move is not None:
        m = d.best_move
        out.append(t("Raising {comp} alone to {needed:.4f} (+{change:.4f}) would reach rank {target}; it is the "
                     "smallest single change that does.", lang,
                     comp=SHORT[m.component], needed=m.needed, change=m.change, target=m.rank))
    else:
        out.append(t("No single component alone can bring it to rank {target}.", lang, target=int(d.target_ranks[0])))
    return out


def _model(d) -> list[str]:
    if d.readiness_reference is None:
        return []
    lang, m, ref = d.lang, d.model, d.readiness_reference
    model_name, ref_name = name_in(m.name, lang, m.id), d.name(ref.country, ref.id)
    g = d.readiness_gap
    if g is not None:
        comp = name_in(next((n.name for n in m.nodes if n.id == g["node"]), None), lang, g["name"])
        return [t("In the model “{model}”, the largest readiness gap to {ref} is in “{component}”: {own:.3f} "
                  "against {ref_value:.3f} (gap {gap:.3f}).", lang,
                  model=model_name, ref=ref_name, component=comp, own=float(g["readiness"]),
                  ref_value=float(g["reference_readiness"]), gap=float(g["gap"]))]
    if not d.readiness_ahead:
        return []
    return [t("In the model “{model}”, no measured component is behind the aligned components of {ref}.", lang,
              model=model_name, ref=ref_name)]


def _strategy(d) -> list[str]:
    if not d.rubric:
        return []
    lang, (rub, _, label, *_), sc = d.lang, d.strategy, d.rubric
    lvl = sc["overall_level"]
    # TRANSLATORS: {label} is empty or a space and the assessment's name in quotes (“AZE 2012”).
    out = [t("The strategy assessment{label} reaches overall level {level} ({level_name}): {score:.2f} of {top}, "
             "against {ref_score:.2f} for {ref}.", lang,
             label=f" “{label}”" if label else "", level=lvl,
             level_name=name_in(rub.levels.get(lvl, {}).get("name"), lang, ""), score=float(sc["overall"]),
             top=max(rub.levels), ref=d.name(RUBRIC_COUNTRY, RUBRIC_REFERENCE), ref_score=sc["reference_overall"])]
    crits = {c.id: c for c in rub.criteria}
    imp = [(name_in(crits[k].name, lang, k), int(x.level), int(x.reference))
           for k, x in sc["improvements"].head(2).iterrows()]
    if len(imp) == 2:
        (a, l1, r1), (b, l2, r2) = imp
        out.append(t("The largest improvements (gap × weight) are {first} (level {l1} to {r1}) and {second} "
                     "(level {l2} to {r2}).", lang, first=a, l1=l1, r1=r1, second=b, l2=l2, r2=r2))
    elif imp:
        (a, l1, r1), = imp
        out.append(t("The largest improvement (gap × weight) is {first} (level {l1} to {r1}).", lang,
                     first=a, l1=l1, r1=r1))
    return out


def narrate(data) -> tuple[str, ...]:
    """The paragraphs of the Summary: standing, change since the previous edition, comparators, the
    smallest single move to the first target, the model's largest readiness gap, the strategy level.

    Parameters
    ----------
    data : ReportData
        From :func:`assess.reports.country.analysis.report_data`.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> from assess.reports.country.analysis import report_data
    >>> text = narrate(report_data("AZE", compare=["SGP"], lang="az", assessment="singapore_dgb"))
    >>> text[1]
    '2022-ci ildən bəri EGDI +0,0670 dəyişib, yeri isə +9 pillə dəyişib.'
    >>> text[-1].endswith("(Sinqapur: 4,00).")
    True
    """
    return tuple(_standing(data) + _model(data) + _strategy(data))

