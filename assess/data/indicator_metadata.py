"""The indicator catalogue: the official name, question text, scale and meaning of every indicator, per edition.

Derived by the loader from the published files, never typed by hand:

* GTMI key indicators I-1 ... I-48, composites and group: the **World Bank Data360 catalogue** (``gtmi_names``:
  Sheet2 gives the name, i.e. the survey question in its 2020/2022 wording; Sheet1 gives the official answer
  scale of 7 indicators and the number of key indicators in each component, 17/9/6/16, applied in code order);
  the **2025 question texts** (``gtmi_texts_2025``) for the 2025 edition; the values in the data for the levels
  actually used. Level meanings are *inferred* from the 2025 third-party texts only where their number of levels
  equals the levels in the data (``scale_basis`` says so).
* **Codes re-used for another question** (:data:`REUSED_CODES`): I-40 and I-41 ask about a national ID system and
  its digitised records in 2020/2022, about a GreenTech policy and AI ethics guidelines from 2025. Their 2025
  texts are in no bundled file (World Bank PIDA team's gtmiR coherence report, read through a search index:
  ``verified: false``); the 2022 name is never given to a later edition.
* Blavatnik re-aggregated variables (``wb_gtmi_bipa``): no published label; the catalogue says which key
  indicator each one tracks, measured on the 2022 data.
* Other sources: the name each parser read from its own file (the UN's column headers, the EU workbook's score
  labels, the WDI's ``ind_nm``).

Examples
--------
>>> from assess.data.store import indicator_catalogue
>>> c = indicator_catalogue("wb_gtmi_indicators").set_index(["indicator", "edition"])
>>> c.loc[("I-30", 2022), "name"]
'Are there national platforms that allow citizens to participate in policy decision-making?'
>>> c.loc[("I-40", 2022), "name"], bool(c.loc[("I-40", 2025), "meaning_changed"])
('Is there a national ID (or similar foundational ID) system?', True)
>>> c.loc[("I-12", 2022), "scale"], c.loc[("I-12", 2022), "component"]
('0=No; 1=Implementation in progress; 2=Yes (in use)', 'CGSI')
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from assess.data.catalogue import METADATA
from assess.errors import DataError, Issue
from assess.io import safeio

__all__ = ["COLUMNS", "KEY_INDICATORS", "REUSED_CODES", "build"]

COLUMNS = ["source", "indicator", "edition", "kind", "name", "question", "scale", "scale_basis", "component",
           "meaning_changed", "values_bundled", "fielded", "name_source", "note"]

#: The 48 GTMI key indicators.
KEY_INDICATORS = tuple(f"I-{i}" for i in range(1, 49))
#: The GTMI components in the order their key indicators are numbered.
COMPONENTS = ("CGSI", "PSDI", "DCEI", "GTEI")
_GTMI_SOURCE = ("World Bank PIDA team, gtmiR, documentation/indicators_coherence_report.js (label25; compares the "
                "WB Oct2022 and Dec2025 metadata sheets), read through a search index, not bundled (verified: false)")
#: Codes the World Bank re-used for a different question, from an edition on: code → (first edition, question,
#: citation). The only texts of this catalogue not read from a bundled file.
REUSED_CODES: dict[str, tuple[int, str, str]] = {
    "I-40": (2025, "Is there a government strategy or policy in place to promote the integration of Green Technology "
                   "within GovTech initiatives?", _GTMI_SOURCE),
    "I-41": (2025, "Are there ethical guidelines in place for the adoption of Artificial Intelligence?", _GTMI_SOURCE),
}

_D360, _AFR = METADATA["gtmi_names"].files[0], METADATA["gtmi_texts_2025"].files[0]


def _d360(root: Path) -> tuple[dict, dict, dict]:
    """(names by code, official scales by code, component sizes), each with its location in the workbook."""
    path = root / _D360
    s2 = safeio.read_xlsx(path, source=str(path), sheet_name="Sheet2", dtype=str)
    if list(s2.columns)[:3] != ["database_id", "Indicator code", "name"]:
        raise DataError(path, [Issue("sheet Sheet2, header", "expected columns database_id, Indicator code, name. "
                                                              f"Found {list(s2.columns)[:5]}.")])
    names = {}
    for i, r in s2[s2["database_id"] == "WB_GTMI"].iterrows():
        code = str(r["Indicator code"])
        m = re.fullmatch(r"WB_GTMI_I_(\d+)", code)
        key = f"I-{m.group(1)}" if m else code.removeprefix("WB_GTMI_")
        names[key] = (str(r["name"]).strip(), f"{_D360}, sheet Sheet2, row {i + 2} ({code})")
    missing = [c for c in KEY_INDICATORS if c not in names]
    if missing:
        raise DataError(path, [Issue("sheet Sheet2", f"expected a WB_GTMI name for every key indicator. Missing {missing}.")])
    s1 = safeio.read_xlsx(path, source=str(path), sheet_name="Sheet1", dtype=str)
    need = ["variable", "source", "description_long"]
    if any(c not in s1.columns for c in need):
        raise DataError(path, [Issue("sheet Sheet1, header", f"expected columns {need}. Found {list(s1.columns)[:8]}.")])
    scales, sizes = {}, {}
    for i, r in s1[s1["source"] == "GTMI"].iterrows():
        text = re.sub(r"\s+", " ", str(r["description_long"] or "")).strip()
        m = re.fullmatch(r"WB_GTMI_(I-\d+)", str(r["variable"]))
        where = f"{_D360}, sheet Sheet1, row {i + 2}"
        if m:
            sm = re.search(r"0\s*=.*$", text)
            if sm:
                levels = re.findall(r"(\d)\s*=\s*(.*?)(?=,?\s*\d\s*=|$)", sm.group(0))
                scales[m.group(1)] = ("; ".join(f"{k}={v.strip(' ,.')}" for k, v in levels), where)
        else:
            cm = re.search(r"\((\d+) indicators\)", text)
            if cm:
                sizes[str(r["variable"]).removeprefix("WB_GTMI_")] = (int(cm.group(1)), where)
    if sorted(sizes) != sorted(COMPONENTS) or sum(n for n, _ in sizes.values()) != len(KEY_INDICATORS):
        raise DataError(path, [Issue("sheet Sheet1", f"expected the number of key indicators of CGSI, PSDI, DCEI and "
                                                     f"GTEI summing to 48. Found {sizes}.")])
    return names, scales, sizes


def _texts_2025(root: Path) -> pd.DataFrame:
    path = root / _AFR
    df = safeio.read_csv(path, source=str(path), dtype=str, keep_default_na=False)
    need = ["Section", "Variable Id", "Definition", "Format", "Other Metadata"]
    if any(c not in df.columns for c in need):
        raise DataError(path, [Issue("header", f"expected columns {need}. Found {list(df.columns)}.")])
    df = df.assign(row=df.index + 2)
    df["code"] = df["Variable Id"].str.extract(r"-(\d+(?:\.\d+)?)$", expand=False)
    bad = df[df["code"].isna()]
    if len(bad):
        raise DataError(path, [Issue(f"row {r.row}, column 'Variable Id'", f"expected an id ending in -N or -N.M. "
                                                                           f"Found {r._4!r}.") for r in bad.head(10).itertuples()])
    df["indicator"] = "I-" + df["code"]
    return df


def _levels(fmt: str) -> list[tuple[int, str]]:
    items = re.findall(r"(\d+)\s*=\s*(.*?)(?=\s*;?\s*\d+\s*=|$)", fmt.strip())
    return [(int(k), v.strip().strip(";").strip()) for k, v in items]


def _fmt(v: float) -> str:
    return f"{v:g}"


def _component(code: str, sizes: dict) -> str:
    i, start = int(code.split("-")[1]), 1
    for comp in COMPONENTS:
        n = sizes[comp][0]
        if start <= i < start + n:
            return comp
        start += n
    return ""


def _row(**kw) -> dict:
    base = {c: "" for c in COLUMNS}
    base.update(meaning_changed=False, values_bundled=True, fielded=True)
    base.update(kw)
    return base


def _key_rows(names, scales, sizes, texts, table, editions) -> list[dict]:
    key = table[table["source"] == "wb_gtmi_indicators"]
    bundled = sorted(int(y) for y in key["year"].unique())
    stats = {}
    for (code, year), g in key.groupby(["indicator", "year"], observed=True):
        vals = g["value"].dropna()
        stats[(str(code), int(year))] = (sorted(vals.unique().tolist()), len(vals), vals.min() if len(vals) else np.nan,
                                         vals.max() if len(vals) else np.nan, int((g["flag"] == "new_indicator").sum()))
    keys25 = texts[texts["indicator"].isin(KEY_INDICATORS)].drop_duplicates("indicator").set_index("indicator")
    ref_year = max((y for y in bundled if y <= 2022), default=bundled[-1] if bundled else None)
    rows = []
    for code in KEY_INDICATORS:
        name22, where22 = names[code]
        external = "?" not in name22
        ref_vals = stats.get((code, ref_year), ([],))[0]
        for ed in sorted(set(editions) | set(bundled)):
            vals, n, lo, hi, n_new = stats.get((code, ed), ([], 0, np.nan, np.nan, 0))
            notes = []
            r = _row(source="wb_gtmi_indicators", indicator=code, edition=ed,
                     kind="external_index" if external else "key_indicator", component=_component(code, sizes),
                     values_bundled=ed in bundled, fielded=(n > 0) if ed in bundled else True)
            reuse = REUSED_CODES.get(code)
            if reuse and ed >= reuse[0]:
                r.update(name=reuse[1], question=reuse[1], name_source=reuse[2], meaning_changed=True)
                notes.append(f"code re-used from {reuse[0]}; in earlier editions it asked '{name22}'. Values of "
                             "different editions are not comparable")
            elif ed >= 2025 and code in keys25.index and keys25.at[code, "Definition"].strip():
                t = keys25.loc[code]
                r.update(name=t["Definition"].strip(), name_source=f"{_AFR}, row {t['row']} (Variable Id "
                                                                   f"{t['Variable Id']}); third-party reformatting")
                if t["Definition"].strip() != name22:
                    notes.append(f"2020/2022 wording: '{name22}'")
                if t["Other Metadata"].strip():
                    notes.append("2025 note: " + t["Other Metadata"].strip())
            else:
                r.update(name=name22, name_source=where22 + ("" if ed <= 2022 else "; 2022 wording (no later text "
                                                                                     "in the bundled files)"))
                if reuse:
                    notes.append(f"valid for editions before {reuse[0]}: from {reuse[0]} the code asks another question")
            if not external:
                r["question"] = r["name"]
            if external:
                r["scale"] = f"continuous {_fmt(lo)}..{_fmt(hi)}" if n else "continuous (external index)"
                r["scale_basis"] = "values in the data"
            elif code in scales and not r["meaning_changed"]:
                r["scale"], r["scale_basis"] = scales[code][0], "official: " + scales[code][1]
            elif not r["meaning_changed"]:
                inferred = _inferred(code, keys25, ref_vals)
                if inferred:
                    r["scale"], r["scale_basis"] = inferred
                elif ref_vals or vals:
                    r["scale"] = "values " + "|".join(_fmt(v) for v in (vals or ref_vals))
                    r["scale_basis"] = "values in the data; level meanings not published in the bundled files"
            if ed in bundled and n == 0:
                notes.append("'New' in the file: not part of this edition" if n_new else
                             "not fielded in this edition: no economy has a value")
            if code == "I-43" and ed in bundled and n:
                notes.append("ITU GCI 2020 score " + ("0-100" if hi > 1 else "divided by 100 (0-1)"))
            if vals and ref_vals and not external and max(vals) > max(ref_vals):
                notes.append(f"value {_fmt(max(vals))} occurs although {ref_year} uses "
                             f"{_fmt(min(ref_vals))}-{_fmt(max(ref_vals))}")
            if ed not in bundled:
                notes.append(f"the {ed} key-indicator values are not in the bundled data")
            r["note"] = "; ".join(notes)
            rows.append(r)
    return rows


def _inferred(code: str, keys25: pd.DataFrame, ref_vals: list) -> tuple[str, str] | None:
    """Level meanings from the 2025 third-party Format without its 'Unknown' code, shifted by −1, accepted only
    when its levels are exactly the levels 0..n-1 in the data."""
    if code not in keys25.index or not ref_vals:
        return None
    t = keys25.loc[code]
    levels = [(k, v) for k, v in _levels(t["Format"]) if not re.match(r"unk", v, re.I)]
    ks = [k for k, _ in levels]
    if ks != list(range(1, len(ks) + 1)) or [float(x) for x in range(len(ks))] != [float(v) for v in ref_vals]:
        return None
    return ("; ".join(f"{k - 1}={v}" for k, v in levels),
            f"inferred: {_AFR} row {t['row']} Format without its 0=Unknown code, shifted by -1; its {len(ks)} levels "
            "match the values in the data (not a World Bank statement)")


def _composite_rows(names, table) -> list[dict]:
    g = table[table["source"] == "wb_gtmi"]
    rows = []
    codes = {"gtmi": "GTMI", "cgsi": "CGSI", "psdi": "PSDI", "dcei": "DCEI", "gtei": "GTEI", "gtmi_group": "GRP"}
    for (ind, year), grp in g.groupby(["indicator", "year"], observed=True):
        code = codes.get(str(ind))
        if code is None or code not in names:
            continue
        name, where = names[code]
        n = int(grp["value"].notna().sum() if code != "GRP" else (grp["label"] != "").sum())
        rows.append(_row(source="wb_gtmi", indicator=str(ind), edition=int(year),
                         kind="group" if code == "GRP" else "composite", name=name, name_source=where,
                         component="" if code in ("GTMI", "GRP") else code,
                         scale="A-D" if code == "GRP" else "0-1", scale_basis="values in the data",
                         fielded=n > 0, note=f"{n} economies with a value"))
    return rows


def _sub_rows(texts, editions) -> list[dict]:
    if not editions or max(editions) < 2025:
        return []
    subs = texts[~texts["indicator"].isin(KEY_INDICATORS)]
    rows = []
    for t in subs.itertuples():
        rows.append(_row(source="wb_gtmi_indicators", indicator=t.indicator, edition=2025, kind="sub_indicator",
                         name=t.Definition.strip(), question=t.Definition.strip(),
                         name_source=f"{_AFR}, row {t.row} (Variable Id {t._4}); third-party reformatting",
                         values_bundled=False, note=f"section '{t.Section}'"))
    dup = subs["indicator"].duplicated(keep=False)
    for r, d in zip(rows, dup, strict=True):
        if d:
            r["note"] += "; the id is shared by several rows (a trailing zero lost in the third-party file)"
    return rows


def _blavatnik_rows(names, table) -> list[dict]:
    b = table[table["source"] == "wb_gtmi_bipa"]
    if b.empty:
        return []
    year = int(b["year"].max())
    key = table[(table["source"] == "wb_gtmi_indicators") & (table["year"] == year)]
    survey = [c for c in KEY_INDICATORS if "?" in names[c][0]]
    k = key.pivot_table(index="iso3", columns="indicator", values="value", observed=True, aggfunc="first")
    survey = [c for c in survey if c in k.columns and k[c].notna().any()]
    wide = b.pivot_table(index="iso3", columns="indicator", values="value", observed=True, aggfunc="first")
    rows = []
    for var in sorted(wide.columns.astype(str)):
        j = pd.concat([wide[var].rename("v"), k[survey]], axis=1, join="inner").dropna(subset=["v"])
        best, n_agree = None, -1
        for c in survey:
            ok = int(((j["v"] == 0) == (j[c] == 0)).sum())
            if ok > n_agree:
                best, n_agree = c, ok
        strong = best is not None and n_agree >= 0.97 * len(j)
        if strong:
            name = f"Blavatnik Index variable '{var}' (tracks GTMI {best}: {names[best][0]})"
            note = (f"0 exactly when {best} is 0 in {n_agree} of {len(j)} economies; higher values add points from "
                    "undisclosed sub-questions")
        else:
            name = f"Blavatnik Index variable '{var}' (an aggregate of several GTMI questions)"
            note = f"no single key indicator: the closest, {best}, agrees on zero in {n_agree} of {len(j)} economies"
        rows.append(_row(source="wb_gtmi_bipa", indicator=var, edition=year, kind="derived_variable", name=name,
                         name_source="derived by the loader from the 2022 values (the file has no labels)",
                         scale=f"{_fmt(wide[var].min())}..{_fmt(wide[var].max())}", scale_basis="values in the data",
                         note=note))
    return rows


def build(root: Path, table: pd.DataFrame) -> pd.DataFrame:
    """The catalogue of every indicator of ``table`` (the tidy store being built from ``root``) per edition, plus
    the GTMI key indicators of GTMI editions whose values are not bundled and the 2025 sub-indicator texts.

    Columns :data:`COLUMNS`: ``kind`` (key_indicator, external_index, composite, group, sub_indicator,
    derived_variable, indicator), ``name`` (official name; for GTMI survey indicators the question), ``question``,
    ``scale`` and ``scale_basis`` (official, inferred or the values in the data), ``component`` (GTMI),
    ``meaning_changed`` (the code asks another question than in earlier editions), ``values_bundled``,
    ``fielded`` (some economy has a value), ``name_source`` (file, sheet, row) and ``note``.
    """
    names, scales, sizes = _d360(root)
    texts = _texts_2025(root)
    gtmi_editions = sorted(int(y) for y in table.loc[table["source"] == "wb_gtmi", "year"].unique())
    rows = (_key_rows(names, scales, sizes, texts, table, gtmi_editions) + _composite_rows(names, table)
            + _sub_rows(texts, gtmi_editions) + _blavatnik_rows(names, table))
    done = {(r["source"], r["indicator"], r["edition"]) for r in rows}
    other = table[~table["source"].isin(["wb_gtmi_indicators", "wb_gtmi", "wb_gtmi_bipa"])]
    firsts = other.drop_duplicates(["source", "indicator", "year"])[["source", "indicator", "year", "name"]]
    for r in firsts.itertuples(index=False):
        if (str(r.source), str(r.indicator), int(r.year)) in done:
            continue
        rows.append(_row(source=str(r.source), indicator=str(r.indicator), edition=int(r.year), kind="indicator",
                         name=str(r.name or ""), name_source="the source file's own label" if r.name else ""))
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["edition"] = out["edition"].astype(int)
    for c in ("meaning_changed", "values_bundled", "fielded"):
        out[c] = out[c].astype(bool)
    num = out["indicator"].str.extract(r"^I-(\d+)(?:\.(\d+))?$").astype(float)
    out = out.assign(_a=num[0].fillna(1e9), _b=num[1].fillna(-1)).sort_values(
        ["source", "_a", "_b", "indicator", "edition"], kind="stable").drop(columns=["_a", "_b"])
    return out.reset_index(drop=True)
