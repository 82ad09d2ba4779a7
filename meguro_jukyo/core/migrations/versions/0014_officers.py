"""Officers per 年度: who held which office (会長, 副会長, 書記, 会計 …) in an organization

A synced record (it goes in packages and in the yearly handover); the name and its reading are
personal data, left out of exports unless asked for.

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer",
        sa.Column("organization_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("nendo", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("yomi", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("hlc", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("sync_state", sqlmodel.sql.sqltypes.AutoString(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_officer_organization_id", "officer", ["organization_id"], unique=False)
    op.create_index("ix_officer_nendo", "officer", ["nendo"], unique=False)
    op.create_index("ix_officer_hlc", "officer", ["hlc"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_officer_hlc", table_name="officer")
    op.drop_index("ix_officer_nendo", table_name="officer")
    op.drop_index("ix_officer_organization_id", table_name="officer")
    op.drop_table("officer")
