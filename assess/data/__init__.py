"""The data layer: the bundled published files, parsed into one tidy indicator table.

``catalogue`` lists the datasets and their files, ``country_list`` maps names to ISO3 and carries the
classifications, ``store`` parses, validates and caches the table. Nothing here knows frameworks, scores or pages.
"""

from assess.data.catalogue import DATASETS, data_dir, list_datasets
from assess.data.country_list import countries, name_to_iso3
from assess.data.store import COLUMNS, FLAGS, cache_path, load_indicators, load_report, verify_checksums, wide

__all__ = ["COLUMNS", "DATASETS", "FLAGS", "cache_path", "countries", "data_dir", "list_datasets",
           "load_indicators", "load_report", "name_to_iso3", "verify_checksums", "wide"]
