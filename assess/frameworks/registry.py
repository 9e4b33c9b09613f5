"""Frameworks as data: load, validate and list ``frameworks/*.yaml``.

A framework file has a ``kind``; each kind becomes one frozen dataclass:

- ``composite`` → :class:`CompositeFramework` (indicators → sub-indices → index),
- ``country_model`` → :class:`CountryModel` (typed nodes and relations of a country's
  e-government; see :mod:`assess.model`),
- ``realisation`` → :class:`~assess.frameworks.realisation.Realisation` (which elements of today's model
  realise each element of a proposal; see :func:`assess.model.realised.realisation`),
- ``rubric`` → :class:`Rubric` (a maturity questionnaire with reference profiles),
- ``stage_model`` → :class:`StageModel` (stages with explicit placement rules),
- ``strategy`` → :class:`~assess.frameworks.strategy.Strategy` (a national strategy as data, joined to
  a country model; see :mod:`assess.strategy.checks`).

A framework loads whole or not at all: :func:`load_framework` validates with
:mod:`assess.frameworks.schema` and raises one :class:`~assess.errors.FrameworkError` listing every
problem. Objects are read-only views of the validated document; ``to_dict()`` gives the
document back and ``from_dict`` rebuilds an equal object.

Examples
--------
>>> fw = load_framework("un_egdi")
>>> fw.kind, fw.root, [c.id for c in fw.children("egdi")]
('composite', 'egdi', ['osi', 'hci', 'tii'])
>>> sorted({f["kind"] for f in list_frameworks()})
['composite', 'country_model', 'evidence_map', 'realisation', 'rubric', 'stage_model', 'strategy']
"""

from __future__ import annotations

import copy
import hashlib
import os
import threading
from collections.abc import Mapping
from pathlib import Path

from assess import caches, limits, settings
from assess.data.store import memoise_on_data
from assess.errors import FrameworkError, Issue
from assess.frameworks import (
    checker,
    composite,
    country_model,
    evidence_map,
    realisation,
    rubric,
    schema,
    stage_model,
    strategy,
    vocabulary,
    yaml_io,
)
from assess.frameworks.base import _Framework, _plain
from assess.frameworks.composite import CompositeFramework
from assess.frameworks.country_model import CountryModel
from assess.frameworks.evidence_map import EvidenceMap
from assess.frameworks.rubric import Rubric
from assess.frameworks.stage_model import StageModel
from assess.frameworks.strategy import Strategy
from assess.io import safeio

__all__ = ["BUILD_FAILED", "EXAMPLES_DIR", "FRAMEWORKS_DIR", "clear_cache", "framework_arg", "framework_from_dict", "framework_ids", "frameworks_version",
           "list_frameworks", "load_framework", "memoise_on_inputs"]



#: The shipped frameworks.
#: The builder of each kind (a validated document → its frozen object).
BUILDERS = {"composite": composite.build, "country_model": country_model.build, "evidence_map": evidence_map.build,
            "realisation": realisation.build, "rubric": rubric.build, "stage_model": stage_model.build,
            "strategy": strategy.build}
FRAMEWORKS_DIR = settings.PROJECT_ROOT / "frameworks"
#: Worked examples (COINr's ASEM index): registered by id like the others, listed with ``example: True``.
EXAMPLES_DIR = FRAMEWORKS_DIR / "examples"


def _folders() -> list[Path]:
    return [FRAMEWORKS_DIR, EXAMPLES_DIR]


@caches.per_snapshot
def _registered() -> dict[str, Path]:
    """Id → file of every registered framework (``frameworks/`` first: an example never shadows it); listed once
    per :func:`assess.caches.snapshot` (a request of the dashboard)."""
    out: dict[str, Path] = {}
    for folder in _folders():
        for p in sorted(folder.glob("*.yaml")):
            if vocabulary.ID_RE.fullmatch(p.stem):
                out.setdefault(p.stem, p)
    return out


def _build(doc: dict, path: Path | None) -> _Framework:
    base = {"id": doc["id"], "kind": doc["kind"], "name": dict(doc["name"]), "path": path, "doc": doc}
    return BUILDERS[doc["kind"]](doc, base)


_cache: dict[Path, tuple[tuple[int, int], _Framework]] = {}


def clear_cache() -> None:
    """Forget every framework loaded so far (files are re-read and re-validated on next load).

    Examples
    --------
    >>> clear_cache()
    """
    _cache.clear()


caches.register(clear_cache)

_local = threading.local()


def _loading() -> set[Path]:
    """The framework files this thread is validating now (so a file referring to itself cannot recurse)."""
    if not hasattr(_local, "paths"):
        _local.paths = set()
    return _local.paths


def _resolver(directories: list[Path]):
    def resolve(framework_id: str):
        if not (isinstance(framework_id, str) and vocabulary.ID_RE.fullmatch(framework_id)):
            return None  # an id names a file in a known folder, never a path
        for directory in directories:
            path = directory / f"{framework_id}.yaml"
            if path.is_file():
                if path.resolve() in _loading():
                    return None  # a framework referring to itself (or a cycle of files): not a composite to use
                try:
                    fw = _load_path(path, directories)
                except FrameworkError:
                    return None
                return set(fw.node_ids) if isinstance(fw, CompositeFramework) else None
        return None

    def model(framework_id: str):
        """The country model ``framework_id`` (``None`` when there is none or it does not load)."""
        if not (isinstance(framework_id, str) and vocabulary.ID_RE.fullmatch(framework_id)):
            return None
        for directory in directories:
            path = directory / f"{framework_id}.yaml"
            if path.is_file() and path.resolve() not in _loading():
                try:
                    fw = _load_path(path, directories)
                except FrameworkError:
                    return None
                return fw if isinstance(fw, CountryModel) else None
        return None

    resolve.model = model
    return resolve


def _model_resolver(directories: list[Path]):
    """``resolve_model(model_id)`` → ``(country, {node_id: type})`` of a country model in ``directories``."""
    def resolve_model(model_id: str):
        if not (isinstance(model_id, str) and vocabulary.ID_RE.fullmatch(model_id)):
            return None
        for directory in directories:
            path = directory / f"{model_id}.yaml"
            if path.is_file():
                if path.resolve() in _loading():
                    return None
                try:
                    fw = _load_path(path, directories)
                except FrameworkError:
                    return None
                if not isinstance(fw, CountryModel):
                    return None
                return fw.country, {n.id: n.type for n in fw.nodes}
        return None
    return resolve_model


@caches.per_snapshot
def _stamp(path: Path) -> tuple[int, int]:
    """(mtime, size) of a framework file: what tells a changed file (looked at once per snapshot)."""
    try:
        stat = path.stat()
    except OSError:
        raise FrameworkError(str(path), [Issue("", f"expected a readable framework file, found none at {path}")]) \
            from None
    return stat.st_mtime_ns, stat.st_size


def _load_path(path: Path, directories: list[Path]) -> _Framework:
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise FrameworkError(_display(path), [Issue("", "expected a framework file ending in .yaml or .yml")])
    path = path.resolve()
    source = _display(path)
    stamp = _stamp(path)
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    text = safeio.read_text(path, limits.MAX_YAML_BYTES, source=source, error=FrameworkError)
    doc, lines = yaml_io.read_yaml_text(text, source=source)
    loading = _loading()
    loading.add(path)
    try:
        schema.check_document(doc, lines, source=source, resolve=_resolver(directories),
                              resolve_model=_model_resolver(directories))
    finally:
        loading.discard(path)
    fw = _build_checked(doc, path, source)
    _cache[path] = (stamp, fw)
    return fw


#: Start of the message when a validated document still cannot be built (a gap in the validator).
BUILD_FAILED = "expected a framework the validator accepts to build"


def _build_checked(doc, path: Path | None, source: str) -> _Framework:
    try:
        return _build(_plain(doc), path)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:  # refuse, never crash
        raise FrameworkError(source, [Issue("", f"{BUILD_FAILED}; it failed ({type(exc).__name__}). "
                                                "Please report this file.")]) from None


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(FRAMEWORKS_DIR.parent))
    except ValueError:
        return str(path)


def _shown(value) -> str:
    """A value given as a framework id, in words (texts cut, never a file's content)."""
    return checker._show(value)


def framework_ids() -> tuple[str, ...]:
    """The ids of the registered frameworks: the files ``frameworks/<id>.yaml`` and ``frameworks/examples/<id>.yaml``
    whose name is an id.

    Examples
    --------
    >>> "un_egdi" in framework_ids(), "peers" in framework_ids(), "asem" in framework_ids()
    (True, True, True)
    """
    return tuple(sorted(_registered()))


def load_framework(name: str | Path | None = None, *, path: str | os.PathLike | None = None
                   ) -> CompositeFramework | CountryModel | EvidenceMap | Rubric | StageModel | Strategy:
    """Load and validate a registered framework by id, or (command line and API) a YAML file by path.

    Parameters
    ----------
    name : str or pathlib.Path
        The id of a framework in ``frameworks/`` (``"un_egdi"``). A text is *only ever an id*, never
        a path, so a value that came with a request can be passed as it is: anything that is not
        a registered id is refused, and nothing is read. A :class:`pathlib.Path` object loads
        that file (the API's way to load your own file).
    path : str or path-like, keyword only
        The YAML file to load instead of ``name`` (for the command line and the API). It must be
        a regular ``.yaml``/``.yml`` file of at most :data:`assess.limits.MAX_YAML_BYTES`.
        ``measured_by`` references and stage rules are resolved against the file's own folder,
        then ``frameworks/``.

    Returns
    -------
    CompositeFramework, CountryModel, Rubric, StageModel or Strategy

    Raises
    ------
    FrameworkError
        Listing every problem found (file, key path, line, expected, found). Messages show at
        most :data:`assess.schema.SHOWN_CHARS` characters of any value found, never a file's content.

    Examples
    --------
    >>> load_framework("singapore").country
    'SGP'
    >>> load_framework("no_such_framework")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    assess.errors.FrameworkError: no_such_framework: 1 problem
      expected the id of a framework in frameworks/, found 'no_such_framework' (known: asem, azerbaijan_digital_2026, ...)
    >>> load_framework("/etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    assess.errors.FrameworkError: framework id: 1 problem
      expected the id of a framework in frameworks/, found '/etc/passwd' (known: ...). A text is never read as a path: pass pathlib.Path(...) or path=... to load a file
    """
    if path is not None:
        if name is not None:
            raise FrameworkError("load_framework", [Issue("", "expected a framework id or path=, found both")])
        name = Path(os.fspath(path))
    if isinstance(name, Path):
        resolved = name.resolve()
        dirs = [resolved.parent] + ([FRAMEWORKS_DIR] if resolved.parent != FRAMEWORKS_DIR else [])
        return _load_path(name, dirs)
    registered = _registered()
    known = tuple(sorted(registered))
    if isinstance(name, str) and name in registered:
        return _load_registered(name)
    looks_like_id = isinstance(name, str) and bool(vocabulary.ID_RE.fullmatch(name))
    hint = "" if looks_like_id or not isinstance(name, str) else \
        ". A text is never read as a path: pass pathlib.Path(...) or path=... to load a file"
    raise FrameworkError(name if looks_like_id else "framework id",
                         [Issue("", f"expected the id of a framework in frameworks/, found {_shown(name)} "
                                    f"(known: {', '.join(known)}){hint}")])


@caches.per_snapshot
def frameworks_version() -> str:
    """A fingerprint of every registered framework file (id, modification time, size): it changes when a file is
    added, removed or edited. Looked at once per :func:`assess.caches.snapshot`.

    Examples
    --------
    >>> len(frameworks_version()), frameworks_version() == frameworks_version()
    (16, True)
    """
    h = hashlib.sha256()
    for name, path in sorted(_registered().items()):
        mtime, size = _stamp(path.resolve())
        h.update(f"{name}\0{mtime}\0{size}\n".encode())
    return h.hexdigest()[:16]


def memoise_on_inputs(maxsize: int = 64):
    """Memoise a function of the data and the frameworks: a result is kept per :func:`assess.data.data_version` and
    :func:`frameworks_version` (an edited data or framework file gives new results); see
    :func:`assess.data.memoise_on_data`."""
    return memoise_on_data(maxsize, also=frameworks_version)


@caches.per_snapshot
def _load_registered(name: str):
    """A registered framework by id (looked up once per :func:`assess.caches.snapshot`, else at every call)."""
    path = _registered()[name]
    return _load_path(path, list(dict.fromkeys([path.parent, FRAMEWORKS_DIR])))


def framework_arg(text: str) -> CompositeFramework | CountryModel | Rubric | StageModel:
    """Command line only: load ``text`` as a path when it names a file (``.yaml``/``.yml`` or a
    path separator), else as an id. Request values never come here (:func:`load_framework` takes ids).

    Examples
    --------
    >>> framework_arg("frameworks/epi.yaml").id, framework_arg("gtmi").id
    ('epi', 'gtmi')
    """
    text = str(text)
    if text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        return load_framework(path=text)
    return load_framework(text)


def framework_from_dict(doc: Mapping, *, source: str = "<dict>", directory: Path | None = None):
    """Validate a document (as from ``to_dict()``) and build its framework object.

    Examples
    --------
    >>> fw = load_framework("epi")
    >>> framework_from_dict(fw.to_dict()) == fw
    True
    """
    doc = copy.deepcopy(dict(doc)) if isinstance(doc, Mapping) else doc
    dirs = ([directory] if directory else []) + [FRAMEWORKS_DIR]
    schema.check_document(doc, None, source=source, resolve=_resolver(dirs), resolve_model=_model_resolver(dirs))
    return _build_checked(doc, None, source)


def list_frameworks(directory: str | Path | None = None) -> list[dict]:
    """List framework files (without validating them): ``id``, ``kind``, ``name`` (English), ``path``.

    Parameters
    ----------
    directory : str or Path, optional
        Folder to scan; default ``frameworks/`` and its ``examples/`` (rows of an example have
        ``example: True``).

    Returns
    -------
    list of dict
        Sorted by kind, then id. Unreadable files appear with ``kind=None``; files of another
        module's kind (e.g. ``peer_sets``) are left out.

    Examples
    --------
    >>> rows = list_frameworks()
    >>> [r["id"] for r in rows if r["kind"] == "stage_model"]
    ['gartner', 'layne_lee', 'un_stages']
    >>> [r["id"] for r in rows if r["example"]]
    ['asem']
    """
    return [dict(r) for r in _list_frameworks(str(directory) if directory else None)]


@caches.per_snapshot
def _list_frameworks(directory: str | None) -> list[dict]:
    """:func:`list_frameworks`' rows (the folders looked at once per :func:`assess.caches.snapshot`)."""
    folders = [Path(directory)] if directory else _folders()
    paths = [(p, folder == EXAMPLES_DIR and not directory) for folder in folders for p in sorted(folder.glob("*.yaml"))]
    rows = []
    seen: set = set()
    for path, example in paths:
        row = _listed(path)
        if row is None:
            continue
        if example and (row["id"] in seen or path.stem in seen):
            continue  # an example never shadows a framework of frameworks/
        seen.add(row["id"])
        rows.append({**row, "example": example})
    return sorted(rows, key=lambda r: (str(r["kind"]), str(r["id"])))


_listed_cache: dict[Path, tuple[tuple[int, int], dict | None]] = {}
caches.register(_listed_cache.clear)


def _listed(path: Path) -> dict | None:
    """The row of one file for :func:`list_frameworks` (``None`` for a file of another module), re-read only when
    the file changed (its modification time or size)."""
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, -1)
    cached = _listed_cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        text = safeio.read_text(path, limits.MAX_YAML_BYTES, error=FrameworkError)
        doc = safeio.load_yaml(text, str(path), error=FrameworkError)
    except FrameworkError:  # unreadable, not UTF-8, over a limit or not YAML: listed without a kind
        doc = None
    doc = doc if isinstance(doc, dict) else {}
    row = None
    if not (isinstance(doc.get("kind"), str) and doc["kind"] not in vocabulary.KINDS
            and not doc["kind"].startswith(("comp", "country", "evid", "real", "rub", "stage", "strat"))):  # else another module's file
        name = doc.get("name")
        row = {"id": doc.get("id", path.stem), "kind": doc.get("kind"),
               "name": name.get("en") if isinstance(name, dict) else name, "path": str(path)}
    _listed_cache[path] = (stamp, row)
    return row
