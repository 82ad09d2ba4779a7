"""The ward's 要望 cycle: a 担当課, 受付 and 回答予定 on each 要望, and every answer over time

Each issue with an answer gets that answer, word for word with its date, as its first
RequestAnswer (kind 回答). The new row's id is made from the issue's (models.natural_id), and
it carries the issue's clock stamp and device: the ward and every laptop migrating the same
answer make the same record, so their packages merge it as one instead of doubling it.
``ward_answer`` and ``answered_on`` stay on the issue as its latest conclusive answer.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BATCH = 5_000


def upgrade() -> None:
    op.add_column("issue", sa.Column("department", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("issue", sa.Column("received_on", sa.Date(), nullable=True))
    op.add_column("issue", sa.Column("answer_due", sa.Date(), nullable=True))
    answer = op.create_table(
        "request_answer",
        sa.Column("issue_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("sync_state", sqlmodel.sql.sqltypes.AutoString(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_request_answer_issue_id", "request_answer", ["issue_id"], unique=False)
    op.create_index("ix_request_answer_hlc", "request_answer", ["hlc"], unique=False)
    from meguro_jukyo.core.models import natural_id  # alembic reads every script to map revisions: today's code loads when this step runs

    con = op.get_bind()
    issue = sa.table("issue", sa.column("id"), sa.column("ward_answer"), sa.column("answered_on", sa.Date()),
                     sa.column("raised_on", sa.Date()), sa.column("hlc"), sa.column("device_id"),
                     sa.column("deleted", sa.Boolean()))
    last = ""
    while True:  # in batches by id: a ward store has tens of thousands of answered 要望
        rows = con.execute(sa.select(issue).where(issue.c.ward_answer != "", issue.c.id > last)
                           .order_by(issue.c.id).limit(BATCH)).all()
        if not rows:
            break
        # an answer saved without a date (possible before the answer service) dates from the 要望
        con.execute(answer.insert(), [
            {"id": natural_id("request_answer", r.id, "migrated"), "issue_id": r.id, "kind": "answer",
             "answered_on": r.answered_on or r.raised_on, "department": None, "body": r.ward_answer,
             "rev": 1, "base_rev": 0, "hlc": r.hlc, "device_id": r.device_id, "deleted": r.deleted,
             "sync_state": ""} for r in rows])
        last = rows[-1].id


def downgrade() -> None:
    op.drop_index("ix_request_answer_hlc", table_name="request_answer")
    op.drop_index("ix_request_answer_issue_id", table_name="request_answer")
    op.drop_table("request_answer")
    with op.batch_alter_table("issue") as batch:
        batch.drop_column("answer_due")
        batch.drop_column("received_on")
        batch.drop_column("department")
