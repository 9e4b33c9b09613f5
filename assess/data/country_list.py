"""Countries: ISO 3166 alpha-3 codes, UN M49 regions, LDC/LLDC/SIDS and World Bank income groups.

Which source wins, and why:

* **ISO3 and regions** come from the UN M49 table (UNSD). Third-party ``Region`` columns in copies of
  UN files (e.g. the 2024 EGDI copy, which says "America") are ignored: the UN groups countries by M49.
* **Income group** comes from the World Bank classification (FY2024 counts).
* **UN membership** (193 states) comes from the UNU-EGOV list taken from the Survey's country pages.
* Country **names** in source files are harmonised to ISO3 through :data:`NAME_OVERRIDES` (an explicit,
  tested table of the sources' own spellings), then the M49 name, then :mod:`pycountry`'s lookup.

Examples
--------
>>> name_to_iso3("Georgia (Country)")
'GEO'
>>> name_to_iso3("Iraq ")
'IRQ'
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pycountry

from assess.caches import memoise
from assess.data.catalogue import data_dir
from assess.errors import DataError, Issue
from assess.io import safeio

__all__ = ["AZ_NAMES", "CODE_OVERRIDES", "COMMON_NAMES", "NAME_OVERRIDES", "EU_CODES", "countries", "name_to_iso3",
           "search_names"]

#: Source spellings that neither the M49 table nor pycountry resolve, or resolve wrongly.
#: Each entry is tested (``tests/test_countries.py``).
NAME_OVERRIDES: dict[str, str] = {
    "Georgia (Country)": "GEO",  # UN E-Government Survey files, every edition
    "Bolivia": "BOL",  # UN files; M49 says "Bolivia (Plurinational State of)"
    "Venezuela": "VEN",  # UN files; M49 says "Venezuela (Bolivarian Republic of)"
    "Czech Republic": "CZE",  # UN files before the name Czechia
    "Côte d'Ivoire": "CIV",  # UN files; M49 spells it "Côte d’Ivoire" (typographic apostrophe)
    "Netherlands": "NLD",  # UN files; M49 says "Netherlands (Kingdom of the)"
    "Republic of Korea": "KOR",
    "Democratic Republic of the Congo": "COD",
    "Iran (Islamic Republic of)": "IRN",
    "Micronesia (Federated States of)": "FSM",
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "Swaziland": "SWZ",
    "The former Yugoslav Republic of Macedonia": "MKD",
}

#: Display names that differ from the UNU list (taken from the 2018 Survey pages): countries renamed since.
DISPLAY_NAMES: dict[str, str] = {
    "TUR": "Türkiye",  # the UN's name since June 2022, used by the Survey files and M49
}

#: Non-ISO codes used by World Bank files (GTMI) → ISO 3166 alpha-3 (Kosovo has no ISO code; the World
#: Bank's own XKX is used). Each entry is tested.
CODE_OVERRIDES: dict[str, str] = {
    "KSV": "XKX",  # Kosovo, GTMI 48-indicator file
    "XKK": "XKX",  # Kosovo, GTMI groups file (2020 sheet)
    "WBG": "PSE",  # West Bank and Gaza
    "ADO": "AND",  # Andorra, old World Bank code
    "ROM": "ROU",  # Romania, old World Bank code
    "TMP": "TLS",  # Timor-Leste, old World Bank code
    "ZAR": "COD",  # Congo, Dem. Rep., old World Bank code
}

#: Short names people type that neither the UN, M49 nor ISO 3166 use (a search aid, not a fact about a country).
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "RUS": ("Russia",), "USA": ("United States", "USA", "US"), "GBR": ("United Kingdom", "UK", "Britain"),
    "TUR": ("Turkey", "Türkiye"), "KOR": ("South Korea", "Korea"), "PRK": ("North Korea",), "IRN": ("Iran",),
    "SYR": ("Syria",), "VNM": ("Vietnam", "Viet Nam"), "LAO": ("Laos",), "MDA": ("Moldova",), "TZA": ("Tanzania",),
    "BOL": ("Bolivia",), "VEN": ("Venezuela",), "CZE": ("Czech Republic", "Czechia"), "MKD": ("Macedonia",),
    "SWZ": ("Swaziland", "Eswatini"), "CIV": ("Ivory Coast", "Côte d'Ivoire"), "CPV": ("Cape Verde",),
    "FSM": ("Micronesia",), "PSE": ("Palestine", "West Bank and Gaza"), "TWN": ("Taiwan",), "XKX": ("Kosovo",),
    "NLD": ("Holland", "Netherlands"), "COD": ("DR Congo", "Congo-Kinshasa"), "COG": ("Congo-Brazzaville",),
    "BRN": ("Brunei",), "TLS": ("East Timor",), "MMR": ("Burma",), "KGZ": ("Kyrgyzstan",),
}

#: EU eGovernment Benchmark geo codes (ISO 3166 alpha-2 except EL and UK) → ISO3.
EU_CODES: dict[str, str] = {"EL": "GRC", "UK": "GBR"}

# Economies in the World Bank list that M49 does not carry.
_EXTRA_ECONOMIES = {"XKX": "Kosovo", "CHI": "Channel Islands"}


def _m49_path(root: Path) -> Path:
    return root / "classifications" / "unsd_m49_overview.csv"


@memoise(maxsize=4)
def _m49(root: Path) -> pd.DataFrame:
    path = _m49_path(root)
    df = safeio.read_csv(path, dtype=str, keep_default_na=False)
    expected = ["Region Name", "Sub-region Name", "Country or Area", "M49 Code", "ISO-alpha3 Code"]
    missing = [c for c in expected if c not in df.columns]
    if missing:
        raise DataError(path, [Issue("header", f"expected columns {expected}. Missing {missing}.")])
    return df


@memoise(maxsize=4)
def _name_table(root: Path) -> dict[str, str]:
    m49 = _m49(root)
    table = {n.strip().casefold(): c for n, c in zip(m49["Country or Area"], m49["ISO-alpha3 Code"], strict=True) if c}
    table.update({k.casefold(): v for k, v in NAME_OVERRIDES.items()})
    return table


def name_to_iso3(name: str, *, root: str | Path | None = None) -> str | None:
    """Return the ISO 3166 alpha-3 code of a country *name* as spelled in a source file, or ``None``.

    Leading and trailing spaces are ignored (175 of 193 names in the UN files end with a space).

    Examples
    --------
    >>> name_to_iso3("Bolivia (Plurinational State of)")
    'BOL'
    >>> name_to_iso3("Atlantis") is None
    True
    """
    if not isinstance(name, str) or not name.strip():
        return None
    key = name.strip()
    hit = _name_table(data_dir(root).resolve()).get(key.casefold())
    if hit:
        return hit
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None


#: Azerbaijani names of UN member states where pycountry's ISO 3166 translation (iso-codes) is missing (the
#: English name comes back), inverted in the ISO manner (``Koreya, Respublika``) or misspelt (``Ruminıya``,
#: ``Qazaxstan``): the common short names of Azerbaijani usage, in the style of the English ``name`` column
#: (the UN Survey's). Names that Azerbaijani writes as English does (Andorra, Kenya is not one) are not listed.
AZ_NAMES: dict[str, str] = {
    "ATG": "Antiqua və Barbuda", "BHS": "Baham adaları", "BIH": "Bosniya və Herseqovina", "BOL": "Boliviya",
    "CIV": "Kot-d'İvuar", "COD": "Konqo Demokratik Respublikası", "COM": "Komor adaları", "CPV": "Kabo-Verde",
    "CZE": "Çexiya", "DMA": "Dominika", "ERI": "Eritreya", "FSM": "Mikroneziya", "GBR": "Böyük Britaniya",
    "GNB": "Qvineya-Bisau", "GTM": "Qvatemala", "IRN": "İran", "KAZ": "Qazaxıstan", "KEN": "Keniya",
    "KHM": "Kamboca", "KNA": "Sent-Kits və Nevis", "KOR": "Koreya Respublikası", "LAO": "Laos", "LBY": "Liviya",
    "LCA": "Sent-Lüsiya", "MDA": "Moldova", "MDV": "Maldiv adaları", "MKD": "Şimali Makedoniya", "MMR": "Myanma",
    "MNE": "Monteneqro", "MUS": "Mavrikiy", "NLD": "Niderland", "NZL": "Yeni Zelandiya", "PNG": "Papua-Yeni Qvineya",
    "PRK": "Koreya Xalq Demokratik Respublikası", "QAT": "Qətər", "ROU": "Rumıniya", "SAU": "Səudiyyə Ərəbistanı",
    "SLE": "Syerra-Leone", "SLV": "Salvador", "SRB": "Serbiya", "SSD": "Cənubi Sudan", "STP": "San-Tome və Prinsipi",
    "SWZ": "Esvatini", "SYC": "Seyşel adaları", "SYR": "Suriya", "TLS": "Şərqi Timor", "TZA": "Tanzaniya",
    "USA": "Amerika Birləşmiş Ştatları", "VCT": "Sent-Vinsent və Qrenadinlər", "VEN": "Venesuela", "VNM": "Vyetnam",
}


def _azerbaijani_names() -> dict[str, str]:
    """ISO3 → Azerbaijani country name: pycountry's ISO 3166 translations (iso-codes project), corrected and
    completed by :data:`AZ_NAMES`."""
    import gettext

    try:
        az = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["az"])
    except OSError:  # translations not shipped: the table alone, English names downstream for the others
        return dict(AZ_NAMES)
    return {**{c.alpha_3: az.gettext(c.name) for c in pycountry.countries}, **AZ_NAMES}


def _flag(col: pd.Series) -> pd.Series:
    return col.astype(str).str.strip().str.lower().eq("x")


@memoise(maxsize=4)
def _countries(root: Path) -> pd.DataFrame:
    m49 = _m49(root)
    m49 = m49[m49["ISO-alpha3 Code"] != ""]
    df = pd.DataFrame(
        {
            "iso3": m49["ISO-alpha3 Code"].str.strip(),
            "m49": m49["M49 Code"].str.strip().str.zfill(3),
            "name_m49": m49["Country or Area"].str.strip(),
            "region": m49["Region Name"].replace("", pd.NA),
            "subregion": m49["Sub-region Name"].replace("", pd.NA),
            "intermediate_region": m49["Intermediate Region Name"].replace("", pd.NA),
            "ldc": _flag(m49["Least Developed Countries (LDC)"]),
            "lldc": _flag(m49["Land Locked Developing Countries (LLDC)"]),
            "sids": _flag(m49["Small Island Developing States (SIDS)"]),
        }
    )
    wb_path = root / "classifications" / "WB_CLASS_FY2024.xlsx"
    wb = safeio.read_xlsx(wb_path, sheet_name="List of economies", dtype=str)
    need = ["Economy", "Code", "Region", "Income group"]
    missing = [c for c in need if c not in wb.columns]
    if missing:
        raise DataError(wb_path, [Issue("sheet 'List of economies', header", f"expected columns {need}. Missing {missing}.")])
    wb = wb[wb["Income group"].notna() | wb["Code"].isin(df["iso3"])]
    wb = wb.rename(columns={"Code": "iso3", "Income group": "income_group", "Region": "wb_region", "Economy": "name_wb"})
    df = df.merge(wb[["iso3", "name_wb", "wb_region", "income_group"]], on="iso3", how="outer")

    unu_path = root / "classifications" / "unu_egov_countries-data_EN.csv"
    # the UNU export ends without a final line break (its last line is complete: checked by SHA256SUMS)
    unu = safeio.read_csv(unu_path, final_newline=False, sep=";", dtype=str)
    if "COUNTRY CODE" not in unu.columns:
        raise DataError(unu_path, [Issue("header", f"expected a 'COUNTRY CODE' column (semicolon-separated). Found {list(unu.columns)[:4]}.")])
    unu = unu.rename(columns={"COUNTRY CODE": "iso3", "COMMON NAME": "name_common"})[["iso3", "name_common"]]
    unu["iso3"] = unu["iso3"].str.strip()
    df = df.merge(unu, on="iso3", how="left")
    df["un_member"] = df["name_common"].notna()

    def english(row) -> str:
        if row["iso3"] in DISPLAY_NAMES:
            return DISPLAY_NAMES[row["iso3"]]
        for col in ("name_common",):
            if isinstance(row[col], str):
                return row[col]
        c = pycountry.countries.get(alpha_3=row["iso3"])
        if c is not None:
            return getattr(c, "common_name", None) or c.name
        for col in ("name_wb", "name_m49"):
            if isinstance(row[col], str):
                return row[col]
        return _EXTRA_ECONOMIES.get(row["iso3"], row["iso3"])

    df["name"] = df.apply(english, axis=1)
    df["name_az"] = df["iso3"].map(_azerbaijani_names())
    df["income_group"] = df["income_group"].fillna(pd.NA)
    cols = ["iso3", "name", "name_az", "m49", "region", "subregion", "intermediate_region", "ldc", "lldc", "sids",
            "income_group", "wb_region", "un_member", "name_m49"]
    for c in ("ldc", "lldc", "sids"):
        df[c] = df[c].astype("boolean").fillna(False).astype(bool)
    return df[cols].sort_values("iso3").reset_index(drop=True)


def countries(*, data: str | Path | None = None, un_members_only: bool = False) -> pd.DataFrame:
    """Return one row per country or economy.

    Columns: ``iso3, name, name_az, m49, region, subregion, intermediate_region, ldc, lldc, sids, income_group,
    wb_region, un_member, name_m49``. ``region``/``subregion`` are UN M49; ``income_group`` is the World
    Bank's; ``name`` is the common English name (UN Survey spelling for member states); ``name_az`` the
    Azerbaijani name from the ISO 3166 translations shipped with pycountry (missing for Kosovo and the
    Channel Islands, which have no ISO code).

    Parameters
    ----------
    data : path, optional
        Data folder (default: the bundled ``data/``).
    un_members_only : bool
        Keep the 193 UN member states only.

    Examples
    --------
    >>> c = countries().set_index("iso3")
    >>> c.loc["AZE", ["name", "region", "subregion", "income_group"]].tolist()
    ['Azerbaijan', 'Asia', 'Western Asia', 'Upper middle income']
    >>> c.loc[["AZE", "SGP", "TUR"], "name_az"].tolist()
    ['Azərbaycan', 'Sinqapur', 'Türkiyə']
    >>> bool(c.loc["AZE", "lldc"]), bool(c.loc["SGP", "sids"])
    (True, True)
    >>> int(countries(un_members_only=True).shape[0])
    193
    """
    df = _countries(data_dir(data).resolve()).copy()
    if un_members_only:
        df = df[df["un_member"]].reset_index(drop=True)
    return df


def search_names(*, data: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """ISO3 → every name a user may search a country by: the display name, the UN M49 (official) name,
    the Azerbaijani name, ISO 3166's names, the spellings of the source files and the common short names.

    Examples
    --------
    >>> n = search_names()
    >>> "Russian Federation" in n["RUS"], "Russia" in n["RUS"], "United States of America" in n["USA"]
    (True, True, True)
    >>> "Turkey" in n["TUR"] and "Türkiye" in n["TUR"], n["AZE"][:2]
    (True, ('Azerbaijan', 'AZE'))
    """
    c = countries(data=data)
    aliases: dict[str, list[str]] = {}
    for name, code in NAME_OVERRIDES.items():
        aliases.setdefault(code, []).append(name)
    out = {}
    for row in c.itertuples(index=False):
        names = [row.name, row.iso3, row.name_m49, row.name_az]
        iso = pycountry.countries.get(alpha_3=row.iso3)
        if iso is not None:
            names += [getattr(iso, k, None) for k in ("name", "official_name", "common_name")]
        names += aliases.get(row.iso3, []) + list(COMMON_NAMES.get(row.iso3, ()))
        out[row.iso3] = tuple(dict.fromkeys(n for n in names if isinstance(n, str) and n))
    return out
