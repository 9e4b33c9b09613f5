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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assess import settings
from assess.i18n import N_

__all__ = ["DATASETS", "CLASSIFICATIONS", "Dataset", "data_dir", "list_datasets"]

#: Editions of the UN E-Government Survey in the bundled data.
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


_UN_FILES = tuple(
    f"un_egdi/egovkb_csv/EGOV_DATA_{y}.csv" for y in UN_EDITIONS if y != 2024
) + ("un_egdi/EGOV_DATA_2024_renamed_cols.csv",)

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
            caveats=N_(
                "Footer and legend rows in 2025 (country_code not a 3-letter code) are dropped and counted. "
                "Some sub-indices are missing in 2025. Not intended as a ranking."
            ),
        ),
        Dataset(
            id="wb_gtmi_indicators",
            title=N_("World Bank GTMI: the 48 key indicators I-1 ... I-48 (2020, 2022)"),
            publisher=N_("World Bank (GovTech dataset, CG_GTMI_Data sheet, re-saved by a third party)"),
            licence=N_("CC BY 4.0 (World Bank)"),
            url="https://datacatalog.worldbank.org/search/dataset/0037889/govtech-dataset",
            files=("wb_gtmi/Clean_GovTech_CG_GTMI_Data_2020_2022.xlsx",),
            caveats=N_(
                "Indicators new in 2022 hold the text 'New' for 2020 (loaded as missing, flag 'new_indicator'); "
                "numbers stored as text are parsed (flag 'text_number'); 11 footer rows of counts are dropped. "
                "I-43 holds raw values, not 0-2 scores. Group and GTMI come from wb_gtmi (the official groups sheet)."
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
            title=N_("EU eGovernment Benchmark 2023, machine-readable file: scores by life event, 2020-2022"),
            publisher=N_("European Commission, DG CONNECT (Capgemini et al.)"),
            licence=N_("CC BY 4.0"),
            url="https://digital-strategy.ec.europa.eu/en/library/egovernment-benchmark-2023",
            files=("eu_egov_benchmark/8_eGovernment_Benchmark_2023__Machine_readable_format_98714.xlsx",),
            caveats=N_(
                "Values are per life event (column 'breakdown'); the total over all life events (EGOV_LIFE_EVENTS in the "
                "file) is stored with breakdown ''. Rows for 2012-2019 carry no variable name, so "
                "their meaning cannot be told apart and they are not loaded (counted in the load report). '.' means "
                "missing. Variable codes appear in two cases (e_gov_1b_uc_mf / e_gov_1b_UC_MF): the upper-case "
                "spelling is used. EU and EUplus aggregates are not loaded. EL is Greece, UK the United Kingdom."
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


def list_datasets() -> pd.DataFrame:
    """Return the catalogue of bundled sources, one row per dataset.

    Examples
    --------
    >>> df = list_datasets()
    >>> df.loc[df["id"] == "wb_gtmi", "licence"].item()
    'CC BY 4.0 (World Bank)'
    """
    rows = []
    for kind, table in (("indicators", DATASETS), ("classification", CLASSIFICATIONS)):
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
