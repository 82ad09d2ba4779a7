"""covering indexes for the 集計 page's three slowest reads

Measured at ward size (bench/desk.py, SQLite): the charts' one GROUP BY over desk_count (~52k
rows into ~1,100 groups) scanned the table and sorted it, ~60 ms; ix_desk_count_charts holds the
rows in the grouping's order with their count, so it is one pass over the index (~11 ms). The
heat map summed desk_viewpoint_count (~71k rows) looking each row up for its count from the key's
index, ~22 ms; ix_desk_viewpoint_count_cells is the sum's order and count (~8 ms). Overdue action
items read every action item by organization, ~34 ms; ix_action_item_overdue finds the open ones
past due from the index alone (~2 ms). Indexes only: no row changes, schema version 7 as before.

Revision ID: 0013
Revises: 0012
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_desk_count_charts", "desk_count", ["category", "status", "nendo", "request", "n"]),
    ("ix_desk_viewpoint_count_cells", "desk_viewpoint_count", ["viewpoint_id", "organization_id", "n"]),
    ("ix_action_item_overdue", "action_item", ["deleted", "status", "due_on", "organization_id"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
