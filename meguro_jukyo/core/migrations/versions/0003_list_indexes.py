"""indexes for ward-size lists

The notes list sorts ~500k notes by time and counts the live ones; the issue list filters
by category or status newest first; the 視点 filter asks which issues link to a 視点.
Measured at ward size in bench/gui.py.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:30:00
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_note_live_recorded", "note", ["deleted", "recorded_at", "position"]),
    ("ix_issue_category_raised", "issue", ["category", "raised_on"]),
    ("ix_issue_status_raised", "issue", ["status", "raised_on"]),
    ("ix_policy_link_viewpoint", "policy_link", ["viewpoint_id", "deleted", "issue_id", "note_id"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
