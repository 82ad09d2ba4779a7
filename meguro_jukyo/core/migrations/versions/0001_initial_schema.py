"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 17:15:30.195758
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('action_item',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('assignee', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('issue_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('organization_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_item_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_item_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_item_issue_id'), ['issue_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_item_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_item_organization_id'), ['organization_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('planned_minutes', sa.Integer(), nullable=False),
    sa.Column('actual_minutes', sa.Integer(), nullable=True),
    sa.Column('issue_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_issue_id'), ['issue_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('attendee',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('yomi', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('attendance', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendee_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendee_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('wall_time', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_state'), ['state'], unique=False)

    op.create_table('district',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('yomi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('issue',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('organization_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('raised_meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('is_request', sa.Boolean(), nullable=False),
    sa.Column('ward_answer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.CheckConstraint('priority BETWEEN 1 AND 3', name='issue_priority'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issue_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_issue_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issue_raised_meeting_id'), ['raised_meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issue_raised_on'), ['raised_on'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('organization_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('meeting_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('facilitator', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('recorder', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('signers', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('members_total', sa.Integer(), nullable=False),
    sa.Column('present', sa.Integer(), nullable=False),
    sa.Column('proxies', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('next_meeting', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_starts_at'), ['starts_at'], unique=False)

    op.create_table('meta',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('note',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('agenda_item_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('issue_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('speaker', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('decision_method', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_abstain', sa.Integer(), nullable=True),
    sa.Column('decision_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_issue_id'), ['issue_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('policy_link',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('issue_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('plan_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('viewpoint_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('item_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.CheckConstraint('(issue_id IS NULL) <> (note_id IS NULL)', name='policy_link_one_target'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('policy_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_link_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_policy_link_issue_id'), ['issue_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_policy_link_note_id'), ['note_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_policy_link_viewpoint_id'), ['viewpoint_id'], unique=False)

    op.create_table('policy_node',
    sa.Column('plan_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('parent_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('plan_id', 'id')
    )
    op.create_table('search_doc',
    sa.Column('rowid', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ref_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('org_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('grams', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('rowid'),
    sa.UniqueConstraint('kind', 'ref_id')
    )
    with op.batch_alter_table('search_doc', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_doc_org_id'), ['org_id'], unique=False)

    op.create_table('vocab',
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ja', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('en', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('extra', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('kind', 'code')
    )
    op.create_table('history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('change_id', sa.Integer(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('old', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('new', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['change_id'], ['change.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_history_change_id'), ['change_id'], unique=False)
        batch_op.create_index('ix_history_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('jukyo',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('district_code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('yomi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], ),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('jukyo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jukyo_district_code'), ['district_code'], unique=False)

    op.create_table('organization',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('base_rev', sa.Integer(), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('yomi', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('jukyo_code', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('district_code', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], ),
    sa.ForeignKeyConstraint(['jukyo_code'], ['jukyo.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_district_code'), ['district_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_jukyo_code'), ['jukyo_code'], unique=False)

    _create_search_indexes()


# FTS5 indexes read search_doc as external content; these triggers keep them current in
# plain SQL. fts_uni holds one token per character (search_doc.grams) for 1–2 character
# queries, which the trigram tokenizer cannot answer.
_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE fts_tri USING fts5(body, content='search_doc', "
    "content_rowid='rowid', tokenize='trigram')",
    "CREATE VIRTUAL TABLE fts_uni USING fts5(grams, content='search_doc', "
    "content_rowid='rowid', tokenize='unicode61')",
    """CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
  INSERT INTO fts_tri(rowid, body) VALUES (new.rowid, new.body);
  INSERT INTO fts_uni(rowid, grams) VALUES (new.rowid, new.grams);
END""",
    """CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
  INSERT INTO fts_tri(fts_tri, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO fts_uni(fts_uni, rowid, grams) VALUES ('delete', old.rowid, old.grams);
END""",
    """CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
  INSERT INTO fts_tri(fts_tri, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO fts_uni(fts_uni, rowid, grams) VALUES ('delete', old.rowid, old.grams);
  INSERT INTO fts_tri(rowid, body) VALUES (new.rowid, new.body);
  INSERT INTO fts_uni(rowid, grams) VALUES (new.rowid, new.grams);
END""",
)


def _create_search_indexes() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_SEARCH:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_search_doc_body_trgm ON search_doc USING gin (body gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("search_doc_ai", "search_doc_ad", "search_doc_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS fts_tri")
        op.execute("DROP TABLE IF EXISTS fts_uni")
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_jukyo_code'))
        batch_op.drop_index(batch_op.f('ix_organization_hlc'))
        batch_op.drop_index(batch_op.f('ix_organization_district_code'))

    op.drop_table('organization')
    with op.batch_alter_table('jukyo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jukyo_district_code'))

    op.drop_table('jukyo')
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index('ix_history_entity')
        batch_op.drop_index(batch_op.f('ix_history_change_id'))

    op.drop_table('history')
    op.drop_table('vocab')
    with op.batch_alter_table('search_doc', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_doc_org_id'))

    op.drop_table('search_doc')
    op.drop_table('policy_node')
    with op.batch_alter_table('policy_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_link_viewpoint_id'))
        batch_op.drop_index(batch_op.f('ix_policy_link_note_id'))
        batch_op.drop_index(batch_op.f('ix_policy_link_issue_id'))
        batch_op.drop_index(batch_op.f('ix_policy_link_hlc'))

    op.drop_table('policy_link')
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_note_issue_id'))
        batch_op.drop_index(batch_op.f('ix_note_hlc'))
        batch_op.drop_index(batch_op.f('ix_note_decision_id'))
        batch_op.drop_index(batch_op.f('ix_note_agenda_item_id'))

    op.drop_table('note')
    op.drop_table('meta')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_starts_at'))
        batch_op.drop_index(batch_op.f('ix_meeting_organization_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_hlc'))

    op.drop_table('meeting')
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issue_raised_on'))
        batch_op.drop_index(batch_op.f('ix_issue_raised_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_issue_organization_id'))
        batch_op.drop_index(batch_op.f('ix_issue_hlc'))

    op.drop_table('issue')
    op.drop_table('district')
    op.drop_table('change')
    with op.batch_alter_table('attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendee_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_attendee_hlc'))

    op.drop_table('attendee')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_issue_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_hlc'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_item_organization_id'))
        batch_op.drop_index(batch_op.f('ix_action_item_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_action_item_issue_id'))
        batch_op.drop_index(batch_op.f('ix_action_item_hlc'))
        batch_op.drop_index(batch_op.f('ix_action_item_due_on'))

    op.drop_table('action_item')
