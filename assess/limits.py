"""Every size limit of egov-assess, declared in one place.

A ministry hosts egov-assess on its network and feeds it files people made by hand, so every
input is bounded on the server: request bodies, uploads, workbooks (by their *uncompressed*
size, before any parser sees them), YAML documents (size, aliases, nesting), tables (rows,
text length) and computations (replications). Each limit is a :class:`Limit` with a name, a
value, a unit and a sentence saying what it guards; every refusal names the limit it hit
(:meth:`Limit.refusal`), so an administrator knows which one to raise.

The values are constants of this module; :func:`get` and :data:`LIMITS` list them (the
settings module will read overrides from here).

Examples
--------
>>> MAX_UPLOAD_BYTES.value
5000000
>>> print(MAX_UPLOAD_BYTES.refusal("strategy upload", 60_000_000))
strategy upload: 60,000,000 bytes is over the limit MAX_UPLOAD_BYTES = 5,000,000 bytes (size of one uploaded file).
>>> sorted(LIMITS)[:3]
['MAX_ASSESSMENT_BYTES', 'MAX_BACKUP_BYTES', 'MAX_CELL_CHARS']
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "LIMITS",
    "Limit",
    "MAX_CELL_CHARS",
    "MAX_DATA_FILE_BYTES",
    "MAX_REQUEST_BYTES",
    "MAX_SOBOL_SAMPLES",
    "MAX_TABLE_ROWS",
    "MAX_UPLOAD_BYTES",
    "MAX_REPLICATIONS",
    "MAX_REGENERATION_VALUES",
    "MAX_WORKBOOK_ROWS",
    "MAX_XLSX_PARTS",
    "MAX_XLSX_RATIO",
    "MAX_XLSX_UNCOMPRESSED_BYTES",
    "MAX_DATA_XLSX_UNCOMPRESSED_BYTES",
    "MAX_YAML_ALIASES",
    "MAX_YAML_BYTES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "MAX_JSON_BYTES",
    "MAX_NAME_CHARS",
    "MAX_ASSESSMENT_BYTES",
    "MAX_BACKUP_BYTES",
    "MAX_USER_CHARS",
    "get",
]


@dataclass(frozen=True)
class Limit:
    """One named limit: ``value`` in ``unit``, and what it guards (``help``).

    Examples
    --------
    >>> Limit("MAX_X", 3, "items", "items in a box").refusal("box.yaml", 4)
    'box.yaml: 4 items is over the limit MAX_X = 3 items (items in a box).'
    """

    name: str
    value: int | float
    unit: str
    help: str

    def exceeded(self, amount) -> bool:
        """True when ``amount`` is over the limit.

        Examples
        --------
        >>> MAX_YAML_DEPTH.exceeded(MAX_YAML_DEPTH.value), MAX_YAML_DEPTH.exceeded(MAX_YAML_DEPTH.value + 1)
        (False, True)
        """
        return amount > self.value

    def describe(self, amount=None, *, what: str | None = None) -> str:
        """What was found and the limit by name (``more than <value>`` when the amount is unknown).

        Examples
        --------
        >>> MAX_YAML_ALIASES.describe()
        'more than 100 aliases is over the limit MAX_YAML_ALIASES = 100 aliases (YAML aliases (*name) in one document).'
        """
        found = what or (f"{_fmt(amount)} {self.unit}" if amount is not None
                         else f"more than {_fmt(self.value)} {self.unit}")
        return f"{found} is over the limit {self.name} = {_fmt(self.value)} {self.unit} ({self.help})."

    def refusal(self, where: str, amount=None, *, what: str | None = None) -> str:
        """The message of a refusal: where, then :meth:`describe`.

        Examples
        --------
        >>> MAX_YAML_DEPTH.refusal("x.yaml", 70)
        'x.yaml: 70 levels is over the limit MAX_YAML_DEPTH = 64 levels (nesting of mappings and lists in one YAML document).'
        """
        return f"{where}: {self.describe(amount, what=what)}"


def _fmt(v) -> str:
    return f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else f"{v:g}" if isinstance(v, float) else str(v)


# ----------------------------------------------------------------------------------------- requests
#: Flask ``MAX_CONTENT_LENGTH`` of the dashboard: a larger request body is refused (413) before it is read.
MAX_REQUEST_BYTES = Limit(
    "MAX_REQUEST_BYTES", 10 * 1024 * 1024, "bytes",
    "body of one request to the dashboard, refused with 413 before it is read or decoded")
#: One uploaded file (the Strategy page's filled template), checked on the server before decoding.
MAX_UPLOAD_BYTES = Limit("MAX_UPLOAD_BYTES", 5_000_000, "bytes", "size of one uploaded file")

# ----------------------------------------------------------------------------------------- workbooks
#: Sum of the uncompressed sizes of the parts of a self-assessment workbook (zip bombs).
MAX_XLSX_UNCOMPRESSED_BYTES = Limit(
    "MAX_XLSX_UNCOMPRESSED_BYTES", 20 * 1024 * 1024, "bytes",
    "uncompressed size of all parts of a self-assessment workbook, checked before it is parsed")
#: The same for a workbook of a data folder (the EU benchmark file is 8.5 MB uncompressed).
MAX_DATA_XLSX_UNCOMPRESSED_BYTES = Limit(
    "MAX_DATA_XLSX_UNCOMPRESSED_BYTES", 64 * 1024 * 1024, "bytes",
    "uncompressed size of all parts of a data workbook, checked before it is parsed")
#: Parts (zip members) of any workbook; Excel writes about 10-30.
MAX_XLSX_PARTS = Limit("MAX_XLSX_PARTS", 1000, "parts", "files inside one .xlsx archive")
#: Uncompressed / compressed size of one part larger than 1 MiB (real workbooks: below 15).
MAX_XLSX_RATIO = Limit("MAX_XLSX_RATIO", 100, "times", "compression ratio of a workbook part larger than 1 MiB")
#: Rows read from a self-assessment sheet (the rubric has 17 criteria).
MAX_WORKBOOK_ROWS = Limit("MAX_WORKBOOK_ROWS", 1000, "rows", "rows of a self-assessment sheet")
#: Characters in one text cell (Excel's own limit).
MAX_CELL_CHARS = Limit("MAX_CELL_CHARS", 32_767, "characters", "text in one cell or field, Excel's own limit")

# ----------------------------------------------------------------------------------------- YAML / JSON
#: Size of one YAML document (framework files are below 100 KB).
MAX_YAML_BYTES = Limit("MAX_YAML_BYTES", 2 * 1024 * 1024, "bytes", "size of one YAML file")
#: Aliases (``*name``) in one YAML document; the shipped frameworks use none.
MAX_YAML_ALIASES = Limit("MAX_YAML_ALIASES", 100, "aliases", "YAML aliases (*name) in one document")
#: Nesting depth of one YAML document.
MAX_YAML_DEPTH = Limit("MAX_YAML_DEPTH", 64, "levels", "nesting of mappings and lists in one YAML document")
#: Nodes of one YAML document with every alias expanded (a billion-laughs file is refused at this count).
MAX_YAML_NODES = Limit("MAX_YAML_NODES", 100_000, "nodes",
                       "values in one YAML document counting each alias as a copy of what it names")
#: Size of one JSON file read (an assessment).
MAX_JSON_BYTES = Limit("MAX_JSON_BYTES", 5_000_000, "bytes", "size of one JSON file")

# ----------------------------------------------------------------------------------------- saved assessments
#: Characters of an assessment's name (a name is a label in a list, not a document).
MAX_NAME_CHARS = Limit("MAX_NAME_CHARS", 200, "characters", "name of one saved assessment")
#: One saved assessment as JSON (15 criteria with evidence up to Excel's cell limit, two assessors: under 2 MB).
MAX_ASSESSMENT_BYTES = Limit("MAX_ASSESSMENT_BYTES", 4_000_000, "bytes", "one saved assessment as JSON")
#: A backup file of every assessment read by ``assessments import``.
MAX_BACKUP_BYTES = Limit("MAX_BACKUP_BYTES", 200 * 1024 * 1024, "bytes", "one backup file of saved assessments")
#: Characters of a user name (recorded with every change).
MAX_USER_CHARS = Limit("MAX_USER_CHARS", 64, "characters", "a user name")

# ----------------------------------------------------------------------------------------- tables
#: Size of one CSV or workbook file of a data folder (the largest bundled one is 0.9 MB).
MAX_DATA_FILE_BYTES = Limit("MAX_DATA_FILE_BYTES", 100 * 1024 * 1024, "bytes", "size of one data file")
#: Rows of one indicator table read from a file (the largest bundled one has 30,000).
MAX_TABLE_ROWS = Limit("MAX_TABLE_ROWS", 2_000_000, "rows", "rows of one indicator table")

# ----------------------------------------------------------------------------------------- computations
#: Monte Carlo replications of one uncertainty run (the dashboard offers up to 20,000; 50,000 take ~0.2 GB).
MAX_REPLICATIONS = Limit("MAX_REPLICATIONS", 50_000, "replications",
                         "Monte Carlo replications of one uncertainty analysis")
#: Values one batch of regenerations computes (replications × nodes × units): bounds memory and time.
MAX_REGENERATION_VALUES = Limit("MAX_REGENERATION_VALUES", 500_000_000, "values",
                                "replications × nodes × units of one batch of regenerations")
#: Base samples of one Sobol analysis (SALib evaluates (k + 2) times as many).
MAX_SOBOL_SAMPLES = Limit("MAX_SOBOL_SAMPLES", 4096, "samples", "base samples of one Sobol analysis")

#: Every limit by name.
LIMITS: dict[str, Limit] = {v.name: v for v in list(globals().values()) if isinstance(v, Limit)}


def get(name: str) -> Limit:
    """The limit called ``name``.

    Examples
    --------
    >>> get("MAX_YAML_DEPTH").value
    64
    """
    return LIMITS[name]
