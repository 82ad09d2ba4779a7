"""insert_many stores every value exactly as SQLAlchemy's own insert does, on both dialects."""

import datetime as dt

from sqlalchemy import select

from meguro_jukyo.core import models as m
from meguro_jukyo.core.bulk import insert_many
from meguro_jukyo.core.reference import council_id


def test_rows_inserted_in_bulk_are_stored_byte_for_byte_as_sqlalchemy_stores_them(services):
    org = council_id("komaba")
    meeting = services.meetings.create({"organization_id": org, "title": "定例会", "members_total": 30,
                                        "starts_at": dt.datetime(2025, 4, 1, 19, 0),
                                        "ends_at": dt.datetime(2025, 4, 1, 21, 0, 0, 123456)})
    services.meetings.create({"organization_id": org, "title": "臨時総会", "starts_at": dt.datetime(2025, 5, 1, 10, 0)})
    issue = services.issues.create({"organization_id": org, "title": "街灯", "is_request": True,
                                    "raised_on": dt.date(2025, 4, 1)})
    services.issues.delete(issue.id)  # a tombstone: deleted is true
    services.notes.create({"meeting_id": meeting.id, "kind": "opinion", "body": "意見"})
    for model in (m.Meeting, m.Issue, m.Note):
        table = model.__table__
        raw = f"SELECT * FROM {table.name} ORDER BY id"  # no column types: what the database holds
        with services.store.engine.begin() as con:
            before = con.exec_driver_sql(raw).all()
            typed = [dict(r) for r in con.execute(select(table).order_by(table.c.id)).mappings()]
            con.execute(table.delete())
            insert_many(con, table, typed)
            assert con.exec_driver_sql(raw).all() == before and before
            con.rollback()
