"""The command line (``python -m assess``): one module of commands per topic, one parser."""

from assess.cli.parser import build_parser, main

__all__ = ["build_parser", "main"]
