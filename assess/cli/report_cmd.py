"""``python -m assess report`` and ``python -m assess template``: the Excel workbooks from the command line.

Examples
--------
>>> import argparse, tempfile
>>> p = argparse.ArgumentParser(); sub = p.add_subparsers(dest="command")
>>> add_report_parser(sub)
>>> a = p.parse_args(["report", "--country", "AZE", "--compare", "SGP", "EST", "-o", "r.xlsx"])
>>> a.country, a.compare, a.year, a.lang
('AZE', ['SGP', 'EST'], None, 'en')
"""

from __future__ import annotations

import datetime as _dt

from assess.cli.language import current, text
from assess.i18n import LANGS

__all__ = ["add_report_parser"]


def _date(text):
    return _dt.datetime.fromisoformat(text)


def _cmd_report(args) -> int:
    from assess.reports.country import report, save_workbook

    wb = report(args.country, compare=args.compare, edition=args.year, lang=args.lang,
                assessment=args.assessment, fixed_date=args.fixed_date, model=args.model)
    _ = text()
    print(_("wrote {path}", path=save_workbook(wb, args.output)))
    return 0


def _cmd_template(args) -> int:
    from assess.strategy.workbook import write_template

    _ = text()
    print(_("wrote {path}", path=write_template(args.output, args.rubric, args.lang, fixed_date=args.fixed_date)))
    return 0


def _cmd_import(args) -> int:
    import json

    from assess.strategy.workbook import read_assessment

    print(json.dumps(read_assessment(args.file), ensure_ascii=False, indent=2))
    return 0


def add_report_parser(subparsers) -> None:
    """Add the ``report``, ``template`` and ``import-assessment`` sub-commands.

    Examples
    --------
    >>> import argparse
    >>> p = argparse.ArgumentParser(); add_report_parser(p.add_subparsers(dest="command"))
    >>> p.parse_args(["template", "--lang", "az", "-o", "t.xlsx"]).rubric
    'strategic_structure'
    """
    _ = text()
    p = subparsers.add_parser("report", help=_("country report workbook (Excel) for ministries"))
    p.add_argument("--country", required=True, help=_("ISO3 code, e.g. AZE"))
    p.add_argument("--compare", nargs="*", default=None, help=_("ISO3 codes of comparators (default SGP EST KOR)"))
    p.add_argument("--year", type=int, default=None, help=_("UN E-Government Survey edition (default: latest)"))
    p.add_argument("--lang", choices=list(LANGS), default=current(),
                   help=_("language of the workbook and of the messages (default: {lang})", lang=current()))
    p.add_argument("--assessment", default=None,
                   help=_("strategy assessment: filled template (.xlsx), .json file or rubric profile id"))
    p.add_argument("--model", default=None, help=_("country model id (default: the country's bundled model)"))
    p.add_argument("--fixed-date", type=_date, default=None, help=_("ISO date for reproducible output"))
    p.add_argument("-o", "--output", required=True, help=_("output .xlsx file"))
    p.set_defaults(func=_cmd_report)

    t = subparsers.add_parser("template", help=_("self-assessment workbook (Excel) from a rubric"))
    t.add_argument("--rubric", default="strategic_structure", help=_("rubric id (default: strategic_structure)"))
    t.add_argument("--lang", choices=list(LANGS), default=current(),
                   help=_("language of the workbook and of the messages (default: {lang})", lang=current()))
    t.add_argument("--fixed-date", type=_date, default=None, help=_("ISO date for reproducible output"))
    t.add_argument("-o", "--output", required=True, help=_("output .xlsx file"))
    t.set_defaults(func=_cmd_template)

    i = subparsers.add_parser("import-assessment",
                              help=_("read a filled self-assessment workbook (English or Azerbaijani); print JSON"))
    i.add_argument("file", help=_("filled .xlsx template"))
    i.set_defaults(func=_cmd_import)
