"""Catalogue of the bundled data sources (``data/``): where each lives, who publishes it, its terms.

No parsing happens here; :mod:`assess.data` reads the files. Every file listed here is a byte-for-byte
copy of a public file, with its checksum in ``data/SHA256SUMS`` and its provenance in
``data/SOURCES.md``.

Examples
--------
>>> DATASETS["un_egov"].publisher
'UN DESA, Division for Public Institutions and Digital Government'
>>> sorted(DATASETS)[:3]
['eu_egov_benchmark', 'itu_owid', 'oecd_dgi']
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assess import settings
from assess.i18n import N_

__all__ = ["DATASETS", "CLASSIFICATIONS", "METADATA", "Dataset", "data_dir", "dataset_files", "list_datasets"]

#: Editions of the UN E-Government Survey in the bundled data folder (a new edition is found by its file name:
#: see :func:`dataset_files` and data/SOURCES.md, "Adding an edition").
UN_EDITIONS: tuple[int, ...] = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)


@dataclass(frozen=True)
class Dataset:
    """One published source as bundled in ``data/``.

    Parameters
    ----------
    id : str
        The value of the ``source`` column in :func:`assess.load_indicators`.
    title, publisher, licence, url : str
        Provenance shown in the dashboard and the reports.
    files : tuple of str
        Paths relative to ``data/``.
    caveats : str
        What a user of the numbers must know (anomalies and how they are handled).
    """

    id: str
    title: str
    publisher: str
    licence: str
    url: str
    files: tuple[str, ...]
    caveats: str = ""
    derived: bool = False
    patterns: tuple[str, ...] = ()
    """File-name patterns (``{year}`` = a 4-digit edition) of further editions dropped into the data folder."""


#: The UN's own export, one file per edition; the 2024 edition exists only as a copy with renamed columns.
UN_PATTERN = "un_egdi/egovkb_csv/EGOV_DATA_{year}.csv"
_UN_FILES = tuple(UN_PATTERN.format(year=y) for y in UN_EDITIONS if y != 2024) + (
    "un_egdi/EGOV_DATA_2024_renamed_cols.csv",)
#: A later GTMI release, in the layout of the bundled files: composites and group (one edition per file) and
#: the 48 key indicators (columns of the World Bank's CG_GTMI_Data sheet: Year, Code, Economy, I-1 ... I-48).
GTMI_GROUPS_PATTERN = "wb_gtmi/gtmi_groups_{year}.xlsx"
GTMI_KEY_PATTERN = "wb_gtmi/gtmi_key_indicators_{year}.xlsx"
#: The 2024 edition of the EU eGovernment Benchmark (results workbook; data year 2023, revisions of 2020-2022).
EU_2024_WORKBOOK = "eu_egov_benchmark/6_eGovernment_Benchmark_2024__Final_Results.xlsx"

DATASETS: dict[str, Dataset] = {
    d.id: d
    for d in [
        Dataset(
            id="un_egov",
            title=N_("UN E-Government Survey: EGDI, OSI, HCI, TII, EPI and EGDI rank, 2003-2024"),
            publisher=N_("UN DESA, Division for Public Institutions and Digital Government"),
            licence=N_("UN DESA data; free to use with citation of the UN E-Government Survey (no open licence stated)"),
            url="https://publicadministration.un.org/egovkb/en-us/Data-Center",
            files=_UN_FILES,
            patterns=(UN_PATTERN,),
            caveats=N_(
                "Countries not assessed carry 0 in the source (2003: 20, 2004: 15, 2005: 14, 2008: 11, 2010: 10, "
                "2012: 3): loaded as missing with flag 'not_assessed'. HCI above 1 in 2003 (Micronesia, Tuvalu) "
                "kept and flagged 'out_of_range'. The 2024 file is a copy with renamed columns and an added Region "
                "column (ignored: regions come from UN M49). Published EGDI is not the mean of its components in "
                "2008 and 2010. EPI scale changes every edition."
            ),
        ),
        Dataset(
            id="wb_gtmi",
            title=N_("World Bank GovTech Maturity Index: GTMI, CGSI, PSDI, DCEI, GTEI and group A-D (2020, 2022, 2025)"),
            publisher=N_("World Bank (GovTech Global Partnership); file prepared by the World Bank PIDA team (gtmiR)"),
            licence=N_("CC BY 4.0 (World Bank)"),
            url="https://datacatalog.worldbank.org/search/dataset/0037889/govtech-dataset",
            files=("wb_gtmi/gtmiR_groups_data_2020_2022_2025.xlsx",),
            patterns=(GTMI_GROUPS_PATTERN,),
            caveats=N_(
                "Footer and legend rows in 2025 (country_code not a 3-letter code) are dropped and counted. "
                "Some sub-indices are missing in 2025. Not intended as a ranking."
            ),
        ),
        Dataset(
            id="wb_gtmi_indicators",
            title=N_("World Bank GTMI: the 48 key indicators I-1 ... I-48 (2020, 2022), named by the World Bank's "
                     "Data360 catalogue"),
            publisher=N_("World Bank (GovTech dataset, CG_GTMI_Data sheet, re-saved by a third party)"),
            licence=N_("CC BY 4.0 (World Bank)"),
            url="https://datacatalog.worldbank.org/search/dataset/0037889/govtech-dataset",
            files=("wb_gtmi/Clean_GovTech_CG_GTMI_Data_2020_2022.xlsx",),
            patterns=(GTMI_KEY_PATTERN,),
            caveats=N_(
                "Indicators new in 2022 hold the text 'New' for 2020 (loaded as missing, flag 'new_indicator'); "
                "numbers stored as text are parsed (flag 'text_number'); 11 footer rows of counts are dropped. "
                "I-43 holds raw values, not 0-2 scores: the ITU GCI 2020 score 0-100 in the 2020 rows and the same "
                "score divided by 100 in the 2022 rows. I-4 has the value 3 in 2020 for BRA, BTN, FIN, FRA (2022 "
                "uses 0-2). I-26 is blank for every economy in 2022 (not fielded). I-40 and I-41 mean a national ID "
                "system and its digitised records in 2020/2022 but a GreenTech policy and AI ethics guidelines from "
                "2025: names are given per edition (assess.indicator_catalogue()). Group and GTMI come from wb_gtmi "
                "(the official groups sheet). No 2025 key-indicator values are bundled."
            ),
        ),
        Dataset(
            id="wb_gtmi_bipa",
            title=N_("World Bank GTMI 2022 detail variables as re-aggregated by the Blavatnik Index (29 gtmi_* variables)"),
            publisher=N_("Blavatnik School of Government, University of Oxford (from the World Bank GovTech dataset)"),
            licence=N_("CC BY 4.0 (World Bank source data)"),
            url="https://github.com/blavatnik-index/bipa2024_sourcedata",
            files=("wb_gtmi/blavatnik_gtmi_2022_metadata.csv",),
            caveats=N_("Derived, not raw. The file starts with a UTF-8 byte order mark."),
            derived=True,
        ),
        Dataset(
            id="oecd_dgi",
            title=N_("OECD Digital Government Index 2023: six dimensions, composite and rank"),
            publisher=N_("OECD (scores extracted from the PDF by the Blavatnik Index team)"),
            licence=N_("OECD terms: re-use permitted for any purpose with attribution"),
            url="https://www.oecd.org/en/publications/2023-oecd-digital-government-index_1a89ed5e-en.html",
            files=("oecd_dgi/blavatnik_oecd_dgi_2023.csv",),
            caveats=N_("38 countries; Azerbaijan and Singapore are not covered. UTF-8 byte order mark."),
            derived=True,
        ),
        Dataset(
            id="eu_egov_benchmark",
            title=N_("EU eGovernment Benchmark: scores by life event, data years 2020-2023 (2023 machine-readable file "
                     "and 2024 results workbook)"),
            publisher=N_("European Commission, DG CONNECT (Capgemini et al.)"),
            licence=N_("CC BY 4.0"),
            url="https://digital-strategy.ec.europa.eu/en/library/egovernment-benchmark-2023",
            files=("eu_egov_benchmark/8_eGovernment_Benchmark_2023__Machine_readable_format_98714.xlsx",
                   EU_2024_WORKBOOK),
            caveats=N_(
                "Values are per life event (column 'breakdown'); the value with breakdown '' for data year Y is the "
                "biennial average of data years Y-1 and Y over all life events (EGOV_LIFE_EVENTS in the machine file, "
                "'Biennial average' in the workbooks), the benchmark's headline, not the year's own average. Data "
                "years 2020-2022 come from the 2023 machine-readable file, data year 2023 from the 2024 results "
                "workbook (sheet '1. Scores 2024'). Where the two EC publications differ, the newer one (the 2024 "
                "workbook) wins and the value is flagged 'revised' with the older value in the note: the 147 "
                "per-life-event overall scores of 2022 (139 of countries; the machine file computed them as "
                "(UC+TR+KE)/4, leaving the cross-border dimension out) and Portugal's cross-border eID revisions "
                "(3 cells of 2021, 9 of 2020); every country total of 2020-2022 is equal in both. Moldova and "
                "Ukraine join in data year 2023 only: their 'biennial average 2022 + 2023' is the 2023 value (flag "
                "'single_year'). Rows of the machine file for 2012-2019 carry no variable name and are not loaded "
                "(counted in the load report); the workbook's 2016-2019 columns are not loaded either (the 2020 "
                "method change breaks the series). '.' means missing. Variable codes appear in two cases "
                "(e_gov_1b_uc_mf / e_gov_1b_UC_MF): the upper-case spelling is used. EU and EUplus aggregates are "
                "not loaded. EL is Greece, UK the United Kingdom."
            ),
        ),
        Dataset(
            id="wb_wdi",
            title=N_("World Bank World Development Indicators extract (GDP, GDP per capita, government consumption, population), 2018-2022"),
            publisher=N_("World Bank (retrieved from the WDI API by the Blavatnik Index team, 2024-06-06)"),
            licence=N_("CC BY 4.0"),
            url="https://databank.worldbank.org/source/world-development-indicators",
            files=("wb_wdi/blavatnik_wb_wdi_2024.csv",),
            caveats=N_("Regional and income aggregates are not loaded. UTF-8 byte order mark."),
        ),
        Dataset(
            id="itu_owid",
            title=N_("ITU ICT indicators via World Bank WDI and Our World in Data: internet users, mobile and fixed-broadband subscriptions, to 2019"),
            publisher=N_("ITU, republished by the World Bank (WDI) and Our World in Data"),
            licence=N_("CC BY 4.0 (Our World in Data)"),
            url="https://ourworldindata.org/internet",
            files=(
                "wb_wdi/owid_via_kaggle_2021/share-of-individuals-using-the-internet.csv",
                "wb_wdi/owid_via_kaggle_2021/mobile-cellular-subscriptions-per-100-people.csv",
                "wb_wdi/owid_via_kaggle_2021/broadband-penetration-by-country.csv",
            ),
            caveats=N_("Second-hand and old (latest year 2019): a stop-gap. OWID regional aggregates are not loaded."),
            derived=True,
        ),
    ]
}

#: Metadata files: names, question texts and scales of indicators (:func:`assess.indicator_catalogue`); no values.
METADATA: dict[str, Dataset] = {
    d.id: d
    for d in [
        Dataset(
            id="gtmi_names",
            title=N_("World Bank Data360 indicator catalogue (CLIAR metadata): official names of the 48 GTMI key "
                     "indicators, the GTMI composites and groups; answer scales of 7 indicators; component sizes"),
            publisher=N_("World Bank (Data360 / CLIAR dashboard, WB PIDA team's cliaretl package)"),
            licence=N_("World Bank metadata (CC BY 4.0); package code MIT"),
            url="https://github.com/WB-PIDA-Data-Science-Shop/cliaretl",
            files=("wb_gtmi/cliaretl_CLIAR_Metadata_Prod_D360.xlsx",),
            caveats=N_("2020/2022 wording. I-40 and I-41 mean something else from 2025 (see wb_gtmi_indicators). The "
                     "GTMI overall name has a trailing space (stripped). Codes are spelt WB_GTMI_I_12 (Sheet2), "
                     "WB_GTMI_I-12 (Sheet1)."),
        ),
        Dataset(
            id="gtmi_texts_2025",
            title=N_("GTMI 2025 question texts of 32 key and 117 sub-indicators (third-party selection)"),
            publisher=N_("data-landscapers/africa-dpi (a third party's reformatting of the World Bank's 2025 metadata)"),
            licence=N_("no licence stated (texts quoted with citation)"),
            url="https://github.com/data-landscapers/africa-dpi",
            files=("wb_gtmi/africa_dpi_govtech-metadata_2025_selection.csv",),
            caveats=N_("Texts only. Its answer codes are shifted by +1 against the World Bank's 0-2 coding (0 = "
                     "Unknown): never applied to World Bank values; used only to infer level meanings where the "
                     "number of levels matches the data."),
            derived=True,
        ),
    ]
}

#: Classification tables used by :func:`assess.countries`.
CLASSIFICATIONS: dict[str, Dataset] = {
    d.id: d
    for d in [
        Dataset(
            id="un_m49",
            title=N_("UN M49 standard country or area codes (regions, sub-regions, LDC/LLDC/SIDS)"),
            publisher=N_("UN Statistics Division"),
            licence=N_("UN data, free to use with attribution"),
            url="https://unstats.un.org/unsd/methodology/m49/overview",
            files=("classifications/unsd_m49_overview.csv",),
        ),
        Dataset(
            id="wb_income",
            title=N_("World Bank country and lending groups (income groups, FY2024 by its counts)"),
            publisher=N_("World Bank"),
            licence=N_("CC BY 4.0"),
            url="https://datahelpdesk.worldbank.org/knowledgebase/articles/906519",
            files=("classifications/WB_CLASS_FY2024.xlsx",),
        ),
        Dataset(
            id="unu_countries",
            title=N_("UN member states (193) with common names, from the UN E-Government Survey 2018 country pages"),
            publisher=N_("United Nations University (UNU-EGOV)"),
            licence=N_("as published by UNU-EGOV (citation)"),
            url="https://github.com/UNU-EGOV/datasets",
            files=("classifications/unu_egov_countries-data_EN.csv",),
        ),
    ]
}


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the data folder: *path*, else ``$EGOV_ASSESS_DATA``, else the repository's ``data/``.

    Examples
    --------
    >>> data_dir().name
    'data'
    """
    if path is not None:
        return Path(path)
    return settings.get("EGOV_ASSESS_DATA")


def dataset_files(dataset: Dataset, root: str | os.PathLike | None = None) -> list[tuple[str, int | None]]:
    """The files of *dataset* in the data folder *root*: its listed files, then every file matching one of its
    ``patterns`` (a later edition dropped into the folder), as ``(relative path, edition or None)``.

    The edition of a listed file is the year in its name when the name holds exactly one 4-digit year between
    1990 and 2100, else None (a file of several editions).

    Examples
    --------
    >>> files = dataset_files(DATASETS["un_egov"])
    >>> files[0], files[-1], len(files)
    (('un_egdi/egovkb_csv/EGOV_DATA_2003.csv', 2003), ('un_egdi/EGOV_DATA_2024_renamed_cols.csv', 2024), 12)
    """
    root = data_dir(root)
    out: list[tuple[str, int | None]] = []
    for rel in dataset.files:
        years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", Path(rel).name) if 1990 <= int(y) <= 2100]
        out.append((rel, years[0] if len(years) == 1 else None))
    listed = set(dataset.files)
    for pattern in dataset.patterns:
        head, _, tail = pattern.partition("{year}")
        for path in sorted(root.glob(head + "[0-9][0-9][0-9][0-9]" + tail)):
            rel = path.relative_to(root).as_posix()
            if rel not in listed:
                out.append((rel, int(rel[len(head):len(head) + 4])))
    return out


def list_datasets() -> pd.DataFrame:
    """Return the catalogue of bundled sources, one row per dataset.

    Examples
    --------
    >>> df = list_datasets()
    >>> df.loc[df["id"] == "wb_gtmi", "licence"].item()
    'CC BY 4.0 (World Bank)'
    """
    rows = []
    for kind, table in (("indicators", DATASETS), ("metadata", METADATA), ("classification", CLASSIFICATIONS)):
        for d in table.values():
            rows.append(
                {
                    "id": d.id,
                    "kind": kind,
                    "title": d.title,
                    "publisher": d.publisher,
                    "licence": d.licence,
                    "url": d.url,
                    "files": "; ".join(d.files),
                    "derived": d.derived,
                    "caveats": d.caveats,
                }
            )
    return pd.DataFrame(rows)
