"""Alembic's environment: migrate the connection :func:`assess.strategy.db.upgrade` hands over.

Only online migrations on a given connection are supported (``python -m assess db upgrade``); the module does
nothing when it is imported outside a migration (the doctest collector imports every module).
"""

from __future__ import annotations

from alembic import context

from assess.strategy.db import METADATA


def run() -> None:
    """Run the migrations on ``config.attributes["connection"]`` (SQLite in batch mode: ALTER by copy)."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("egov-assess migrations run through assess.strategy.db.upgrade (python -m assess db "
                           "upgrade), which passes the connection.")
    context.configure(connection=connection, target_metadata=METADATA,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if getattr(context, "config", None) is not None:
    run()
