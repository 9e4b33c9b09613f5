"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of ``data/`` (and a private cache folder) that a test may break."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    monkeypatch.setenv("EGOV_ASSESS_CACHE", str(tmp_path / "cache"))
    return dst


# A text shown to users but missing from the message catalogues fails the test that shows it (assess.i18n).
from assess.i18n import set_strict  # noqa: E402

set_strict(True)
