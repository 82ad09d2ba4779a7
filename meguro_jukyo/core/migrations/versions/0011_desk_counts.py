"""the 集計 page's maintained counts: desk_issue, desk_link, desk_count, desk_viewpoint_count

Counting issues by 視点 × 地区 over a ward-size store joins every issue with its links (most of
a second, as the raw SQL is). These store-local tables hold the counts keyed by what the page
filters and groups on; core/summary.py keeps them current in every write transaction. This
fills them from the rows already in the store. Measured at ward size in bench/desk.py.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_KEY = ("organization_id", "category", "status")


def _strings(*names):
    return [sa.Column(name, sa.String(), nullable=False) for name in names]


def upgrade() -> None:
    op.create_table("desk_issue", *_strings("issue_id", *_KEY), sa.Column("nendo", sa.Integer(), nullable=False),
                    sa.Column("request", sa.Integer(), nullable=False), sa.Column("raised_on", sa.Date(), nullable=False),
                    sa.PrimaryKeyConstraint("issue_id"))
    op.create_index("ix_desk_issue_key", "desk_issue", [*_KEY, "nendo", "request"])
    op.create_index("ix_desk_issue_waiting", "desk_issue", ["request", "raised_on", "organization_id", "nendo"])
    op.create_table("desk_link", *_strings("issue_id", "viewpoint_id"), sa.PrimaryKeyConstraint("issue_id", "viewpoint_id"))
    op.create_table("desk_count", *_strings(*_KEY), sa.Column("nendo", sa.Integer(), nullable=False),
                    sa.Column("request", sa.Integer(), nullable=False), sa.Column("n", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint(*_KEY, "nendo", "request"))
    op.create_table("desk_viewpoint_count", *_strings("organization_id", "viewpoint_id", "category", "status"),
                    sa.Column("nendo", sa.Integer(), nullable=False), sa.Column("n", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint("organization_id", "viewpoint_id", "category", "status", "nendo"))
    from meguro_jukyo.core.summary import rebuild  # alembic reads every script to map revisions: today's code loads when this step runs

    rebuild(op.get_bind())


def downgrade() -> None:
    for table in ("desk_viewpoint_count", "desk_count", "desk_link", "desk_issue"):
        op.drop_table(table)
