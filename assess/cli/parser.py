"""Command line: ``python -m assess <command>``.

Sub-commands map one-to-one to public functions of :mod:`assess`:

* ``data list`` — datasets, editions, indicators and country counts of the store;
* ``data export --format csv|xlsx -o FILE`` — the whole tidy store (or ``--source``) to a file;
* ``data verify`` — check the bundled files against ``data/SHA256SUMS``;
* ``model list|show|check|compare|export`` — country models (:mod:`assess.cli.model_cmd`);
* ``score``, ``reproduce``, ``gap``, ``whatif``, ``uncertainty`` — scoring (:mod:`assess.cli.score_cmd`);
* ``report`` — the ministry Excel report (:mod:`assess.cli.report_cmd`);
* ``composite build|uncertainty|sensitivity|audit`` — any composite framework over any table
  (:mod:`assess.cli.composite_cmd`);
* ``db upgrade|current``, ``assessments list|history|export|import|delete|restore`` — the assessment store
  (:mod:`assess.cli.store_cmd`);
* ``strategy list|show|check|compare|export`` — national strategies as data (:mod:`assess.cli.strategy_cmd`).

Other modules add their own sub-commands through ``add_*_parser(subparsers)`` functions registered in
:data:`REGISTRARS`.

Help, messages and the framing of errors are in the language of ``--lang`` or ``EGOV_ASSESS_LANG`` / the locale
(:mod:`assess.cli.language`): ``python -m assess --lang az data verify``; a registrar writes its help with
``_ = text()``.

Examples
--------
>>> main(["data", "verify"])
All bundled files match data/SHA256SUMS.
0
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Sequence

from assess.cli.language import argparse_in, cli_lang, current, text, using
from assess.cli.report_cmd import add_report_parser
from assess.data.export import data_summary, export_indicators
from assess.errors import AssessError
from assess.i18n import LANGS, error_text

__all__ = ["build_parser", "main"]


def _cmd_data(args) -> int:
    from assess.data import verify_checksums

    _ = text()
    if args.data_cmd == "list":
        import pandas as pd

        s = data_summary()
        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            print(s.drop(columns=["title"]).to_string(index=False))
        return 0
    if args.data_cmd == "export":
        p = export_indicators(args.output, args.format, sources=args.source)
        print(_("wrote {path}", path=p))
        return 0
    problems = verify_checksums()
    for p in problems:
        print(p)
    if not problems:
        print(_("All bundled files match data/SHA256SUMS."))
    return 1 if problems else 0


def _add_data_parser(sub) -> None:
    _ = text()
    p = sub.add_parser("data", help=_("the bundled indicator store"))
    dsub = p.add_subparsers(dest="data_cmd", required=True)
    dsub.add_parser("list", help=_("datasets, editions, indicators and country counts"))
    e = dsub.add_parser("export", help=_("export the tidy store to CSV or XLSX"))
    e.add_argument("--format", choices=["csv", "xlsx"], help=_("file format (default: from the file name)"))
    e.add_argument("-o", "--output", required=True, help=_("output file"))
    e.add_argument("--source", nargs="+", help=_("only these dataset ids"))
    dsub.add_parser("verify", help=_("check files against data/SHA256SUMS"))
    p.set_defaults(func=_cmd_data)


def _add_model_parser(sub) -> None:
    from assess.cli.model_cmd import add_model_parser

    add_model_parser(sub)


def _add_store_parsers(sub) -> None:
    from assess.cli.store_cmd import add_store_parsers

    add_store_parsers(sub)


def _add_score_parsers(sub) -> None:
    from assess.cli.score_cmd import add_score_parsers

    add_score_parsers(sub)


def _add_composite_parser(sub) -> None:
    from assess.cli.composite_cmd import add_composite_parser

    add_composite_parser(sub)


def _add_strategy_parser(sub) -> None:
    from assess.cli.strategy_cmd import add_strategy_parser

    add_strategy_parser(sub)


#: Functions that add sub-commands to the parser; modules append theirs here.
REGISTRARS: list[Callable] = [_add_data_parser, _add_model_parser, _add_score_parsers, add_report_parser,
                              _add_composite_parser, _add_store_parsers, _add_strategy_parser]


def _registrars() -> list[Callable]:
    return list(REGISTRARS)


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """Return the ``python -m assess`` argument parser, its help in ``lang`` (default: the command's language).

    Examples
    --------
    >>> build_parser().parse_args(["data", "list"]).data_cmd
    'list'
    >>> help_az = build_parser("az").format_help()
    >>> "egov-assess: elektron hökumətin dünya təcrübəsinə görə hazırlığı" in help_az, "mövqe arqumentləri" in help_az
    (True, True)
    """
    lang = lang or current()
    with using(lang), argparse_in(lang):
        _ = text()
        parser = argparse.ArgumentParser(prog="python -m assess",
                                         description=_("egov-assess: e-government readiness against world practice"))
        parser.add_argument("--lang", choices=list(LANGS), default=current(),
                            help=_("language of the messages and of the files made (default: EGOV_ASSESS_LANG, "
                                   "else the locale)"))
        sub = parser.add_subparsers(dest="command", required=True)
        for reg in _registrars():
            reg(sub)
    return parser


class Interrupted(KeyboardInterrupt):
    """SIGTERM while a command runs (raised so every ``finally`` runs: no partial files are left)."""


def _caused_by(exc: BaseException | None, kind=KeyboardInterrupt) -> bool:
    """Whether ``exc`` or an exception it was raised while handling is a ``kind`` (an error raised while
    unwinding an interrupt, e.g. by a writer's ``__exit__``, hides the interrupt)."""
    for _ in range(20):
        if exc is None:
            return False
        if isinstance(exc, kind):
            return True
        exc = exc.__context__
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (errors print a clear message, no traceback).

    Ctrl-C and SIGTERM stop the command cleanly: files being written are removed
    (:func:`assess.atomic.atomic_path`) and the exit code is 130 (143 for SIGTERM).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        lang = cli_lang(argv)
    except AssessError as e:  # EGOV_ASSESS_LANG names no language of the product
        print(f"error: {e}", file=sys.stderr)
        return 2
    with using(lang), argparse_in(lang):
        return _run(argv, lang)


def _run(argv, lang) -> int:
    _ = text()
    args = build_parser(lang).parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        def on_term(signum, frame):
            raise Interrupted()

        previous = signal.signal(signal.SIGTERM, on_term)
    try:
        return int(args.func(args) or 0)
    except AssessError as e:
        print(_("error: {message}", message=error_text(e, lang)), file=sys.stderr)
        return 2
    except BaseException as e:
        if not _caused_by(e):
            raise
        print(_("interrupted: stopped, no partial file left."), file=sys.stderr)
        return 143 if _caused_by(e, Interrupted) else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)

