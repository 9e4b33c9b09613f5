"""Shared Dash layout pieces for the egov-assess pages (see :mod:`ui.components`)."""
