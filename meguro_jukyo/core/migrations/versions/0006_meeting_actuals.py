"""when a meeting really opened and closed, decisions without a quorum, actions per item, carry-over sources

- ``meeting.opened_at`` / ``closed_at``: set by 開会 and 閉会, so the minutes show the time the
  meeting was held, not the time it was planned for (``starts_at`` / ``ends_at`` stay the plan).
- ``note.without_quorum``: a decision recorded while attendance was short of the quorum; the
  minutes mark it (attendance may be corrected later, the decision's moment is what counts).
- ``action_item.agenda_item_id``: the agenda item an action came from, so meeting mode shows
  it under that item again after a restart.
- ``agenda_item.carried_from``: the 継続審議 note or action item an agenda item was carried
  over from, so it is not offered again whatever its (shortened, edited) title.

Constant defaults (NULL, false): SQLite adds the columns without rebuilding the tables.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('meeting', sa.Column('opened_at', sa.DateTime(), nullable=True))
    op.add_column('meeting', sa.Column('closed_at', sa.DateTime(), nullable=True))
    op.add_column('note', sa.Column('without_quorum', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('action_item', sa.Column('agenda_item_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_index(op.f('ix_action_item_agenda_item_id'), 'action_item', ['agenda_item_id'], unique=False)
    op.add_column('agenda_item', sa.Column('carried_from', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_index(op.f('ix_agenda_item_carried_from'), 'agenda_item', ['carried_from'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_agenda_item_carried_from'), table_name='agenda_item')
    with op.batch_alter_table('agenda_item') as batch:
        batch.drop_column('carried_from')
    op.drop_index(op.f('ix_action_item_agenda_item_id'), table_name='action_item')
    with op.batch_alter_table('action_item') as batch:
        batch.drop_column('agenda_item_id')
    with op.batch_alter_table('note') as batch:
        batch.drop_column('without_quorum')
    with op.batch_alter_table('meeting') as batch:
        batch.drop_column('closed_at')
        batch.drop_column('opened_at')
