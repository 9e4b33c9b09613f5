"""The fresh-machine contract: every external program the code calls is installed by ``make test``.

The code (``assess/``, ``pages/``, ``ui/``, ``app.py``, ``tests/``, ``benchmarks/``, the ``Makefile`` and
``.ci/``) is scanned two ways: Python calls that start or look up a program (``shutil.which("x")``,
``subprocess.run(["x", ...])``, ``Popen``, ``check_output``, ``executable_path="/usr/bin/x"``), and the
names of known programs anywhere in the text. Every program found must be in :data:`PROGRAMS` with the
Debian package (``DEBIAN_PACKAGES`` of the Makefile) or the pip package (``requirements.txt``) that provides
it, or be one of the prerequisites the README names (:data:`PREREQUISITES`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

#: Program → ("deb" | "pip", package that provides it).
PROGRAMS: dict[str, tuple[str, str]] = {
    "pdftotext": ("deb", "poppler-utils"),
    "pdftoppm": ("deb", "poppler-utils"),
    "pdfinfo": ("deb", "poppler-utils"),
    "soffice": ("deb", "libreoffice-calc-nogui"),
    "libreoffice": ("deb", "libreoffice-calc-nogui"),
    "chromium": ("deb", "chromium"),
    "chromedriver": ("deb", "chromium-driver"),
    "redis-server": ("deb", "redis-server"),
    "pg_ctl": ("deb", "postgresql"),
    "initdb": ("deb", "postgresql"),
    "psql": ("deb", "postgresql-client"),
    "celery": ("pip", "celery"),
    "gunicorn": ("pip", "gunicorn"),
    "jupyter": ("pip", "jupyterlab"),
    "ruff": ("pip", "ruff"),
    "pytest": ("pip", "pytest"),
    "playwright": ("pip", "playwright"),
}
#: What the README asks for before ``make test``: a shell, make, Python 3.11 with pip and venv, apt.
PREREQUISITES = {"make", "bash", "sh", "python", "python3", "python3.11", "apt-get", "dpkg", "sudo", "id", "env",
                 "git", "test", "touch", "rm", "echo"}

SCANNED = ["assess", "pages", "ui", "service", "tests", "benchmarks", "app.py", "Makefile", ".ci"]
_RUNNERS = {"run", "Popen", "check_output", "check_call", "call", "which", "system", "execvp", "execlp", "spawnlp"}
_MODULES = {"subprocess", "shutil", "os"}
_KNOWN = re.compile(r"(?<![\w./-])(" + "|".join(re.escape(p) for p in sorted(PROGRAMS, key=len, reverse=True))
                    + r")(?![\w-])")


def _files() -> list[Path]:
    out = []
    for name in SCANNED:
        p = ROOT / name
        if p.is_file():
            out.append(p)
        elif p.is_dir():
            out += [f for f in sorted(p.rglob("*")) if f.is_file() and f.suffix in (".py", ".sh", ".cfg", "")
                    and "__pycache__" not in f.parts]
    return [f for f in out if f.resolve() != Path(__file__).resolve()]


def _program(text: str) -> str:
    return Path(text.split()[0]).name if text.strip() else ""


def _called_in_python(path: Path) -> set[str]:
    """Programs named as literals where Python starts or looks up a program."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        runs = (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in _MODULES
                and f.attr in _RUNNERS) or (isinstance(f, ast.Name) and f.id in {"Popen", "check_output", "which"})
        if runs and node.args:
            first = node.args[0]
            if isinstance(first, ast.List | ast.Tuple) and first.elts:
                first = first.elts[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(_program(first.value))
        for kw in node.keywords:
            if kw.arg == "executable_path" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                found.add(_program(kw.value.value))
    return {f for f in found if f}


def scan() -> dict[str, set[str]]:
    """Program → files (relative) that call or name it."""
    where: dict[str, set[str]] = {}
    for f in _files():
        try:
            text = f.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        names = set(_KNOWN.findall(text))
        if f.suffix == ".py":
            names |= _called_in_python(f)
        for n in names:
            where.setdefault(n, set()).add(str(f.relative_to(ROOT)))
    return where


def _debian_packages() -> set[str]:
    m = re.search(r"^DEBIAN_PACKAGES\s*:=\s*(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert m, "the Makefile must declare DEBIAN_PACKAGES"
    return set(m.group(1).split())


def _pip_packages() -> set[str]:
    names = set()
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)", line.strip())
        if m:
            names.add(m.group(1).lower().replace("_", "-"))
    return names


def test_scan_finds_the_programs_the_suite_is_known_to_call():
    found = scan()
    assert "tests/test_report_pdf.py" in found["pdftotext"]
    assert {"libreoffice", "soffice"} <= set(found) and "chromium" in found
    assert "make" in found  # tests/test_make_run.py starts `make run`


def test_scan_finds_the_servers_the_suite_starts():
    """The servers of issue 17: the tests start redis-server, PostgreSQL (initdb, pg_ctl), a Celery worker and
    gunicorn (make serve) themselves; each must come from a package make test installs."""
    found = scan()
    assert {"redis-server", "initdb", "pg_ctl", "celery", "gunicorn"} <= set(found)
    assert "tests/services.py" in found["redis-server"] and "tests/services.py" in found["pg_ctl"]
    assert {"redis-server", "postgresql"} <= _debian_packages()
    assert {"celery", "gunicorn", "redis", "psycopg", "sqlalchemy", "alembic"} <= _pip_packages()


def test_every_program_called_is_installed_by_make_test():
    debs, pips = _debian_packages(), _pip_packages()
    problems = []
    for program, files in sorted(scan().items()):
        if program in PREREQUISITES:
            continue
        if program not in PROGRAMS:
            problems.append(f"{program} (called in {sorted(files)}): unknown program; add it to PROGRAMS with the "
                            "package that provides it, and the package to the Makefile or requirements")
            continue
        kind, package = PROGRAMS[program]
        if kind == "deb" and package not in debs:
            problems.append(f"{program} (called in {sorted(files)}): Debian package {package!r} is not in the "
                            f"Makefile's DEBIAN_PACKAGES {sorted(debs)}")
        if kind == "pip" and package.lower() not in pips:
            problems.append(f"{program} (called in {sorted(files)}): pip package {package!r} is not in requirements.txt")
    assert not problems, "\n".join(problems)


def test_make_test_installs_the_system_packages_before_the_suite():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test:.*\bsystem-deps\b", text, re.M), "make test must depend on system-deps"
    assert "poppler-utils" in _debian_packages()
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("make test")
