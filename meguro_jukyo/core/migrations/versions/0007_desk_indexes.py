"""indexes for the 集計 page and the 要望 inbox

The page counts issues by 視点 × 地区, category, status and 年度 over the whole ward (~100k
issues, ~117k 視点 links). Without these, each count reads every issue row (wide: titles and
descriptions) or looks each one up from an index that lacks the deleted flag. ix_issue_desk
holds every column the counts filter and group on but the answer's text (a long answer would
pass PostgreSQL's 2.7 kB index-row limit), leading with the organization (the 地区,
住区 and organization filters); ix_issue_desk_dates the same, leading with the date (年度 and
date ranges); ix_policy_link_issue answers "the live 視点 of this issue" from the index alone. Measured at ward size in bench/desk.py.

Revision ID: 0007
Revises: 0006
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_issue_desk", "issue",
     ["organization_id", "raised_on", "category", "status", "is_request", "deleted", "id"]),
    ("ix_issue_desk_dates", "issue",
     ["raised_on", "organization_id", "category", "status", "is_request", "deleted", "id"]),
    ("ix_policy_link_issue", "policy_link", ["issue_id", "deleted", "viewpoint_id"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
