"""Declared settings: every environment variable and limit egov-assess reads, with its default and help."""

from __future__ import annotations

__all__ = ["VERSION"]

#: The release of egov-assess (also the package metadata's version, see ``pyproject.toml``).
VERSION = "0.1.0"
