"""Versions, who changed what, soft delete, accounts.

* ``assessments`` gains ``version`` (optimistic versioning: a save names the version it started from),
  ``created_by``, ``updated_by``, ``deleted`` and ``deleted_by`` (a deleted assessment is hidden, not erased),
  and ``uid`` (an identity that follows it into backups).
* ``versions`` keeps every version written, with who, when and what was done; the 0.1 ``history`` (the payloads
  overwritten by a save) becomes versions 1, 2, … of each assessment, and its current payload the last one.
* ``users``: the dashboard's accounts (name, role, password hash).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: Recorded as the author of what was saved before egov-assess recorded authors.
BEFORE = "(before accounts)"


def upgrade() -> None:
    """Add the columns and tables; turn the 0.1 history into numbered versions."""
    op.add_column("assessments", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    for name in ("created_by", "updated_by", "deleted", "deleted_by", "uid"):
        op.add_column("assessments", sa.Column(name, sa.Text))
    op.create_table(
        "versions",
        sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("saved", sa.Text, nullable=False),
        sa.Column("saved_by", sa.Text),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created", sa.Text, nullable=False),
        sa.Column("created_by", sa.Text),
        sa.Column("updated", sa.Text, nullable=False),
        sa.Column("updated_by", sa.Text),
    )
    conn = op.get_bind()
    order = "saved, rowid" if conn.dialect.name == "sqlite" else "saved"
    versions = sa.table("versions", *[sa.column(c) for c in ("assessment_id", "version", "saved", "saved_by",
                                                             "action", "name", "country", "payload")])
    for aid, name, country, _created, updated, payload in conn.execute(sa.text(
            "SELECT id, name, country, created, updated, payload FROM assessments ORDER BY id")).all():
        old = conn.execute(sa.text(f"SELECT saved, payload FROM history WHERE assessment_id = :i ORDER BY {order}"),
                           {"i": aid}).all()
        rows = [{"saved": s, "payload": p} for s, p in old] + [{"saved": updated, "payload": payload}]
        conn.execute(versions.insert(), [
            {"assessment_id": aid, "version": k, "saved": r["saved"], "saved_by": BEFORE,
             "action": "create" if k == 1 else "update", "name": name, "country": country, "payload": r["payload"]}
            for k, r in enumerate(rows, start=1)])
        conn.execute(sa.text("UPDATE assessments SET version = :v, created_by = :b, updated_by = :b, uid = :u "
                             "WHERE id = :i"), {"v": len(rows), "b": BEFORE, "i": aid, "u": uuid.uuid4().hex})
    op.create_index("assessments_uid", "assessments", ["uid"], unique=True)
    op.drop_table("history")


def downgrade() -> None:
    """Back to the 0.1 layout: the versions before the current one become its history again (an assessment
    deleted since shows again: 0.1 had no soft delete)."""
    op.create_table(
        "history",
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("saved", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    conn = op.get_bind()
    conn.execute(sa.text("INSERT INTO history (assessment_id, saved, payload) SELECT v.assessment_id, v.saved, "
                         "v.payload FROM versions v JOIN assessments a ON a.id = v.assessment_id "
                         "WHERE v.version < a.version ORDER BY v.assessment_id, v.version"))
    op.drop_table("users")
    op.drop_table("versions")
    op.drop_index("assessments_uid", "assessments")
    for name in ("uid", "deleted_by", "deleted", "updated_by", "created_by", "version"):
        with op.batch_alter_table("assessments") as b:
            b.drop_column(name)
