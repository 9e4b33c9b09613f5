"""``python -m assess db …`` and ``python -m assess assessments …``: the assessment store from the command line.

* ``db upgrade`` — migrate the store (SQLite file or ``DATABASE_URL``) to this version's schema; ``db current``
  prints where it is and its migration;
* ``assessments list [--deleted]``, ``assessments history ID``;
* ``assessments export -o backup.json`` / ``assessments import backup.json`` — every assessment with every
  version, as one JSON file (a backup; the import adds what is missing, never overwrites);
* ``assessments delete ID`` / ``assessments restore ID`` — soft delete (versions kept) and back.

Changes made here are recorded as made by the local account (``local:<login>``), or ``--user NAME``.

Examples
--------
>>> import tempfile, pathlib, os
>>> from assess.cli.parser import main
>>> db = str(pathlib.Path(tempfile.mkdtemp()) / "a.sqlite3")
>>> main(["db", "upgrade", "--db", db])  # doctest: +ELLIPSIS
assessment store sqlite:///...a.sqlite3 at migration 0002 (the newest)
0
"""

from __future__ import annotations

import pandas as pd

from assess.strategy import db as storedb
from assess.strategy import store

__all__ = ["add_store_parsers"]


def _cmd_db(args) -> int:
    url = storedb.database_url(args.db)
    shown = storedb.shown_url(url)
    rev = storedb.upgrade(url) if args.db_cmd == "upgrade" else storedb.revision(url)
    note = "the newest" if rev == storedb.HEAD else f"the newest is {storedb.HEAD}: run `python -m assess db upgrade`"
    print(f"assessment store {shown} at migration {rev or 'none (empty)'} ({note})")
    return 0


def _cmd_assessments(args) -> int:
    cmd = args.assessments_cmd
    if cmd == "list":
        df = store.list_assessments(db=args.db, deleted=args.deleted)
        with pd.option_context("display.max_colwidth", 40, "display.width", 200):
            print(df.drop(columns=["rubric_version"]).to_string(index=False) if len(df) else "no saved assessments")
    elif cmd == "history":
        with pd.option_context("display.max_colwidth", 40, "display.width", 200):
            print(store.assessment_history(args.id, db=args.db).to_string(index=False))
    elif cmd == "export":
        path = store.write_backup(args.output, db=args.db)
        n = len(store.export_assessments(db=args.db)["assessments"])
        print(f"wrote {path}: {n} assessments with every version")
    elif cmd == "import":
        out = store.read_backup(args.file, db=args.db, user=args.user)
        moved = ", ".join(f"#{a} → #{b}" for a, b in out["renumbered"].items())
        print(f"{args.file}: {out['added']} added, {out['kept']} already there"
              + (f"; new ids (taken in this store): {moved}" if moved else ""))
    elif cmd == "delete":
        gone = store.delete_assessment(args.id, db=args.db, user=args.user)
        print(f"assessment #{args.id} deleted (its versions are kept; `assessments restore {args.id}` brings it back)"
              if gone else f"assessment #{args.id}: nothing to delete")
    elif cmd == "restore":
        v = store.restore_assessment(args.id, db=args.db, user=args.user)
        print(f"assessment #{args.id} restored (version {v})")
    return 0


def add_store_parsers(sub) -> None:
    """Add ``db`` and ``assessments`` to the ``python -m assess`` parser."""
    common = {"help": "a SQLite file or database URL (default: DATABASE_URL, else $EGOV_ASSESS_DB)"}
    p = sub.add_parser("db", help="the assessment store's schema (migrations)")
    dsub = p.add_subparsers(dest="db_cmd", required=True)
    for name, what in (("upgrade", "migrate the store to this version's schema"), ("current", "show its migration")):
        dsub.add_parser(name, help=what).add_argument("--db", **common)
    p.set_defaults(func=_cmd_db)

    p = sub.add_parser("assessments", help="saved strategy assessments: list, history, backup, delete")
    asub = p.add_subparsers(dest="assessments_cmd", required=True)
    ls = asub.add_parser("list", help="the saved assessments")
    ls.add_argument("--deleted", action="store_true", help="the deleted ones instead")
    asub.add_parser("history", help="every version of one assessment").add_argument("id")
    asub.add_parser("export", help="every assessment with every version to a JSON file").add_argument(
        "-o", "--output", required=True)
    asub.add_parser("import", help="add the assessments of a JSON backup").add_argument("file")
    asub.add_parser("delete", help="delete one (its versions are kept)").add_argument("id")
    asub.add_parser("restore", help="bring a deleted one back").add_argument("id")
    for sp in asub.choices.values():
        sp.add_argument("--db", **common)
        sp.add_argument("--user", help="who makes the change (default: the local account)")
    p.set_defaults(func=_cmd_assessments)
