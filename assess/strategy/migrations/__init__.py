"""Alembic migrations of the assessment store (run by :func:`assess.strategy.db.upgrade`)."""
