"""The harmonised indicator store: every bundled source as one tidy, validated table.

:func:`load_indicators` returns one long DataFrame with the columns of :data:`COLUMNS`:

``iso3``
    ISO 3166 alpha-3 code (see :mod:`assess.data.country_list` for how names are mapped).
``country``
    Harmonised English name (not the source's spelling).
``year``
    Survey edition or reference year (int).
``source``
    Dataset id, a key of :data:`assess.data.catalogue.DATASETS` (``un_egov``, ``wb_gtmi``, …).
``indicator``
    Indicator id within the source (``egdi``, ``osi``, ``gtmi``, ``I-12``, ``SP.POP.TOTL``, …).
``breakdown``
    A sub-series where the source has one (EU benchmark life events), else ``""`` (the country total).
``value``
    The published number (float; NaN where the source has none).
``label``
    A published category where the value is categorical (GTMI group ``A``–``D``), else ``""``.
``flag`` and ``note``
    Why a value is missing or unusual: ``not_assessed``, ``row_not_assessed``, ``out_of_range``,
    ``new_indicator``, ``missing_in_source``, ``text_number``; ``""`` when nothing is to be said.

Known anomalies of the sources are handled here, each with a flag and a test, never silently:
trailing spaces in names; UN rows of countries that were not assessed (0 in the file → missing);
2003 HCI above 1 (kept, flagged); the 2024 file's renamed columns; GTMI cells holding ``New``, footer and
legend rows; byte order marks; numbers stored as text.

Where two sources disagree: the UN's own export (``egovkb_csv``) wins over the UNU re-export (float noise
from pandas, 4 decimals in 2018), which is only used to cross-check ISO3 codes; the GTMI groups sheet wins
over the GTMI and Grp columns of the 48-indicator file (both are checked equal in the tests).

The first load parses the raw files (about a second); later loads read a Parquet cache keyed by the
SHA-256 of every input file and rebuilt when any file changes.

Examples
--------
>>> df = load_indicators()
>>> aze = df[(df.iso3 == "AZE") & (df.year == 2024) & (df.source == "un_egov")]
>>> aze.set_index("indicator").loc[["egdi", "egdi_rank"], "value"].tolist()
[0.76073, 74.0]
"""

from __future__ import annotations

import functools
import hashlib
import json
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from assess import caches, settings
from assess.data import indicator_metadata as _catalogue
from assess.data import parsers
from assess.data.catalogue import CLASSIFICATIONS, DATASETS, METADATA, data_dir, dataset_files
from assess.errors import DataError, Issue
from assess.io import safeio
from assess.io.atomic import atomic_path

__all__ = ["cache_path", "data_version", "memoise_on_data", "indicator_catalogue", "load_indicators", "load_report", "verify_checksums", "wide"]



CACHE_VERSION = "7"


def _input_files(root: Path) -> list[Path]:
    """Every file the store reads: the datasets' files (with later editions found by their patterns), the metadata
    files and the classifications."""
    rels = [rel for d in DATASETS.values() for rel, _ in dataset_files(d, root)]
    rels += [f for d in (*METADATA.values(), *CLASSIFICATIONS.values()) for f in d.files]
    return [root / r for r in rels]


#: The bundled data folder: its files are verified against its SHA256SUMS before they are parsed.
BUNDLED_DATA = (settings.PROJECT_ROOT / "data").resolve()


#: (path, device, inode, size, mtime, ctime in ns) → SHA-256: a file is hashed again only when one of them changes
#: (any write changes the ctime), so a call of :func:`load_indicators` no longer reads 1,000 raw files (0.04 s).
_digest_memo: dict[tuple, str] = {}
caches.register(_digest_memo.clear)


def _digest(p: Path) -> str:
    st = p.stat() if p.is_file() else None  # a regular file (a symlink followed); else read_bytes refuses it
    key = None if st is None else (str(p), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    digest = _digest_memo.get(key) if key else None
    if digest is None:
        digest = hashlib.sha256(safeio.read_bytes(p, safeio.limits.MAX_DATA_FILE_BYTES, source=str(p))).hexdigest()
        if key:
            _digest_memo[key] = digest
    return digest


@caches.per_snapshot
def _digests(root: Path) -> dict[str, str | None]:
    """SHA-256 of every input file (relative path → hex digest; ``None`` when the file is missing); looked at once
    per :func:`assess.caches.snapshot` (a request of the dashboard). Callers never change the dict."""
    out: dict[str, str | None] = {}
    for p in _input_files(root):
        try:
            out[str(p.relative_to(root))] = _digest(p)
        except DataError:
            if p.exists() or p.is_symlink():
                raise
            out[str(p.relative_to(root))] = None
    return out


def _fingerprint(root: Path, digests: dict[str, str | None] | None = None) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    for rel, digest in (digests if digests is not None else _digests(root)).items():
        h.update(rel.encode())
        h.update(bytes.fromhex(digest) if digest else b"missing")
    return h.hexdigest()[:20]


def _sums(root: Path) -> dict[str, str]:
    text = safeio.read_text(root / "SHA256SUMS", safeio.limits.MAX_DATA_FILE_BYTES, source=str(root / "SHA256SUMS"))
    out = {}
    for line in text.splitlines():
        digest, _, rel = line.strip().partition("  ")
        if rel:
            out[rel.strip()] = digest.lower()
    return out


def _verify_bundled(root: Path, digests: dict[str, str | None]) -> None:
    """Refuse a bundled input file whose SHA-256 is not the one in ``data/SHA256SUMS`` (damaged, truncated,
    edited), naming the file, before anything is parsed. Other folders get structural checks instead
    (193 UN member states per edition, complete last lines, headers, value types)."""
    if root.resolve() != BUNDLED_DATA:
        return
    sums = _sums(root)
    for rel, digest in digests.items():
        if digest is None:
            continue  # missing: the parser says "file not found"
        if rel not in sums:
            raise DataError(root / rel, [Issue("", "expected a file listed in data/SHA256SUMS; it is not listed.")])
        if sums[rel] != digest:
            raise DataError(root / rel, [Issue("", f"expected the published file (SHA-256 {sums[rel][:12]}… in "
                                                   f"data/SHA256SUMS), found SHA-256 {digest[:12]}…: the bundled copy "
                                                   "is damaged, truncated or edited. Restore it (git checkout -- data/).")])


@caches.per_snapshot
def _checked_fingerprint(root: Path) -> str:
    """The fingerprint of the input files of *root*, bundled files verified first (once per snapshot)."""
    digests = _digests(root)
    _verify_bundled(root, digests)
    return _fingerprint(root, digests)


def data_version(data: str | Path | None = None) -> str:
    """A short fingerprint of the data folder's input files: it changes when any file does (a cache key for what
    is derived from the data). Bundled files are verified first; looked at once per :func:`assess.caches.snapshot`.

    Examples
    --------
    >>> v = data_version()
    >>> len(v), v == data_version(), v == cache_path().stem.removeprefix("indicators-")
    (20, True, True)
    """
    return _checked_fingerprint(_resolved(data_dir(data)))


@caches.per_snapshot
def _resolved(folder: Path) -> Path:
    """*folder* resolved (a system call per part of the path: once per snapshot)."""
    return folder.resolve()


def memoise_on_data(maxsize: int = 64, *, also: Callable[[], object] | None = None) -> Callable:
    """Memoise a function of the bundled data per :func:`data_version` (an edited data file gives a new result).

    For what is derived from the default data folder and costs more than a look-up: a ranking, a summary. The
    caller gets a copy of a DataFrame or Series (never the kept one; also inside a dict or list). Arguments that
    cannot be a key (a list from a request) are passed through to the function, which refuses them as usual; an
    error is never kept. *also* adds to the key (e.g. the frameworks' version:
    :func:`assess.frameworks.memoise_on_inputs`).

    Examples
    --------
    >>> calls = []
    >>> @memoise_on_data(maxsize=4)
    ... def rows(source):
    ...     calls.append(source)
    ...     return len(load_indicators(source))
    >>> rows("oecd_dgi") == rows("oecd_dgi"), calls
    (True, ['oecd_dgi'])
    """

    def wrap(fn: Callable) -> Callable:
        @caches.memoise(maxsize=maxsize)
        def kept(_version: str, args: tuple, kwargs: tuple):
            return fn(*args, **dict(kwargs))

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            key = tuple(sorted(kwargs.items()))
            try:
                hash((args, key))
            except TypeError:
                return fn(*args, **kwargs)
            value = kept((data_version(), also() if also else None), args, key)
            return _handed_out(value)

        wrapper.cache_clear = kept.cache_clear
        return wrapper

    return wrap


def _handed_out(value):
    """A kept value as handed to a caller: tables copied (a caller may change its copy), containers rebuilt."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy()
    if isinstance(value, dict):
        return {k: _handed_out(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_handed_out(v) for v in value]
    return value


def _cache_dir() -> Path:
    return settings.get("EGOV_ASSESS_CACHE")


def cache_path(data: str | Path | None = None) -> Path:
    """Return the Parquet cache file for the current content of the data folder.

    The name holds a fingerprint of the SHA-256 of every input file, so any change to a file
    gives a new cache file and the store is rebuilt.

    Examples
    --------
    >>> cache_path().suffix
    '.parquet'
    """
    return _cache_dir() / f"indicators-{_fingerprint(data_dir(data).resolve())}.parquet"


_MEMO: dict[str, tuple[pd.DataFrame, dict]] = {}
caches.register(_MEMO.clear)


def _write_atomic(df: pd.DataFrame, report: dict, path: Path) -> None:
    with atomic_path(path.with_suffix(".json")) as tmp:
        tmp.write_text(json.dumps(report, indent=1, default=str))
    with atomic_path(path) as tmp:  # the Parquet file last: its presence means the cache is complete
        df.to_parquet(tmp, index=False)


def _load(data, cache: bool) -> tuple[pd.DataFrame, dict]:
    root = data_dir(data).resolve()
    path = _cache_dir() / f"indicators-{_checked_fingerprint(root)}.parquet"
    key = str(path)
    if cache and key in _MEMO:
        return _MEMO[key]
    if cache and path.exists():
        try:
            df = pd.read_parquet(path)
            report = json.loads(path.with_suffix(".json").read_text()) if path.with_suffix(".json").exists() else {}
            _MEMO[key] = (df, report)
            return df, report
        except Exception as e:  # a corrupt cache is rebuilt, never trusted
            warnings.warn(f"indicator cache {path} unreadable ({e}); rebuilding", stacklevel=3)
    df, report = parsers.build_table(root)
    if cache:
        try:
            _write_atomic(df, report, path)
        except OSError as e:
            warnings.warn(f"could not write the indicator cache {path}: {e}", stacklevel=3)
        _MEMO[key] = (df, report)
    return df, report


_CATALOGUE_MEMO: dict[str, pd.DataFrame] = {}
caches.register(_CATALOGUE_MEMO.clear)


def indicator_catalogue(sources: str | Iterable[str] | None = None, *, data: str | Path | None = None) -> pd.DataFrame:
    """The name, question text, scale, component and meaning of every indicator per edition
    (:mod:`assess.data.indicator_metadata`), derived from the bundled files; one row per source, indicator
    and edition. Cached like the store.

    Examples
    --------
    >>> c = indicator_catalogue("wb_gtmi_indicators")
    >>> key = c[c["kind"].isin(["key_indicator", "external_index"])]
    >>> sorted(key["edition"].unique().tolist()), key.groupby("edition").size().tolist()
    ([2020, 2022, 2025], [48, 48, 48])
    >>> c[(c.indicator == "I-41") & (c.edition == 2025)]["name"].item()
    'Are there ethical guidelines in place for the adoption of Artificial Intelligence?'
    """
    root = data_dir(data).resolve()
    table = load_indicators(data=data)
    key = str(_cache_dir() / f"catalogue-{_fingerprint(root)}.parquet")
    cat = _CATALOGUE_MEMO.get(key)
    if cat is None:
        path = Path(key)
        try:
            cat = pd.read_parquet(path) if path.exists() else None
        except Exception as e:  # a corrupt cache is rebuilt, never trusted
            warnings.warn(f"catalogue cache {path} unreadable ({e}); rebuilding", stacklevel=2)
            cat = None
        if cat is None:
            cat = _catalogue.build(root, table)
            try:
                with atomic_path(path) as tmp:
                    cat.to_parquet(tmp, index=False)
            except OSError as e:
                warnings.warn(f"could not write the catalogue cache {path}: {e}", stacklevel=2)
        _CATALOGUE_MEMO[key] = cat
    if sources is not None:
        wanted = [sources] if isinstance(sources, str) else list(sources)
        unknown = [s for s in wanted if s not in DATASETS]
        if unknown:
            raise DataError("indicator_catalogue", [Issue("sources", f"expected dataset ids from {sorted(DATASETS)}. "
                                                                     f"Found {unknown}.")])
        cat = cat[cat["source"].isin(wanted)]
    return cat.reset_index(drop=True)


def load_indicators(sources: str | Iterable[str] | None = None, *, data: str | Path | None = None,
                    cache: bool = True) -> pd.DataFrame:
    """Return every bundled indicator as one tidy long table (see the module docstring for columns).

    Parameters
    ----------
    sources : str or list of str, optional
        Keep only these dataset ids (keys of :data:`assess.data.catalogue.DATASETS`).
    data : path, optional
        Data folder (default: ``$EGOV_ASSESS_DATA`` or the repository's ``data/``).
    cache : bool
        Read and write the Parquet cache (default). ``False`` always parses the raw files.

    Raises
    ------
    DataError
        A source file is missing or malformed; the message names the file, row, column and what
        was expected. Nothing is returned half-loaded.

    Examples
    --------
    >>> df = load_indicators("un_egov")
    >>> sorted(df["indicator"].unique())
    ['egdi', 'egdi_rank', 'epi', 'hci', 'osi', 'tii']
    >>> df[df.indicator == "egdi"].groupby("year")["value"].apply(lambda s: int(s.isna().sum())).loc[[2003, 2010, 2014]].tolist()
    [20, 10, 0]
    """
    df, _ = _load(data, cache)
    if sources is not None:
        wanted = [sources] if isinstance(sources, str) else list(sources)
        unknown = [s for s in wanted if s not in DATASETS]
        if unknown:
            raise DataError("load_indicators", [Issue("sources", f"expected dataset ids from {sorted(DATASETS)}. Found {unknown}.")])
        df = df[df["source"].isin(wanted)]
        df = df.assign(source=df["source"].cat.remove_unused_categories(),
                       indicator=df["indicator"].cat.remove_unused_categories()).reset_index(drop=True)
    else:
        df = df.copy()
    return df


def load_report(*, data: str | Path | None = None) -> dict:
    """Return what the last build of the store dropped, flagged or repaired, with counts.

    Examples
    --------
    >>> load_report()["un_not_assessed"]["2003"]
    20
    """
    _, report = _load(data, True)
    return json.loads(json.dumps(report, default=str))


def wide(source: str, year: int | None = None, *, indicators: Iterable[str] | None = None,
         data: str | Path | None = None) -> pd.DataFrame:
    """Return one source as a wide table: index ``iso3`` (and ``year`` when *year* is None), one column per indicator.

    Examples
    --------
    >>> w = wide("un_egov", 2024)
    >>> round(float(w.loc["SGP", "egdi"]), 5), int(w.loc["SGP", "egdi_rank"])
    (0.96912, 3)
    """
    df = load_indicators(source, data=data)
    if year is not None:
        df = df[df["year"] == year]
    if indicators is not None:
        df = df[df["indicator"].isin(list(indicators))]
    df = df[df["breakdown"] == ""]
    idx = ["iso3"] if year is not None else ["iso3", "year"]
    out = df.pivot_table(index=idx, columns="indicator", values="value", aggfunc="first", observed=True, dropna=False)
    out.columns = out.columns.astype(str)
    out.columns.name = None
    return out


def verify_checksums(data: str | Path | None = None) -> list[str]:
    """Check every file listed in ``data/SHA256SUMS``; return the problems (empty when all match).

    Examples
    --------
    >>> verify_checksums()
    []
    """
    root = data_dir(data)
    sums = root / "SHA256SUMS"
    problems = []
    for n, line in enumerate(sums.read_text().splitlines(), 1):
        if not line.strip():
            continue
        digest, _, rel = line.strip().partition("  ")
        p = root / rel
        if not p.exists():
            problems.append(f"SHA256SUMS line {n}: {rel} is missing")
        elif hashlib.sha256(p.read_bytes()).hexdigest() != digest:
            problems.append(f"SHA256SUMS line {n}: {rel} does not match its checksum (expected {digest[:12]}…)")
    listed = {line.partition("  ")[2].strip() for line in sums.read_text().splitlines() if line.strip()}
    for p in _input_files(root):
        rel = str(p.relative_to(root))
        if rel not in listed:
            problems.append(f"{rel} is used by assess but not listed in SHA256SUMS")
    return problems
