"""The data layer: the bundled published files, parsed into one tidy indicator table.

``catalogue`` lists the datasets and their files, ``country_list`` maps names to ISO3 and carries the
classifications, ``tidy`` defines the table and its checks, ``parsers`` read each source, ``store`` verifies, caches
and serves the table. Nothing here knows frameworks, scores or pages.
"""

from assess.data.catalogue import DATASETS, data_dir, list_datasets
from assess.data.country_list import countries, name_to_iso3
from assess.data.store import (
           cache_path,
           data_version,
           indicator_catalogue,
           load_indicators,
           load_report,
           memoise_on_data,
           verify_checksums,
           wide,
)
from assess.data.tidy import COLUMNS, FLAGS

__all__ = ["COLUMNS", "DATASETS", "FLAGS", "cache_path", "countries", "data_version", "data_dir", "indicator_catalogue", "list_datasets",
           "load_indicators", "load_report", "memoise_on_data", "name_to_iso3", "verify_checksums", "wide"]
