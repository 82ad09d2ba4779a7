"""要望 over time: routed to a 担当課, answered any number of times (回答, 進捗回答, 最終回答), its
年度 cycle and what is overdue; the ward's bundle carries every answer to the laptop, whose history
and 新しい回答 show each; migration 0010 keeps every answer written before it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from meguro_jukyo.core import models as m
from meguro_jukyo.core.errors import ValidationError
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.summary import ANSWERED, NOT_A_REQUEST, request_state

TODAY = dt.date(2026, 12, 3)


def _request(services, title="ベンチを増やして", raised_on=dt.date(2026, 5, 1)):
    return services.issues.create({"organization_id": council_id("komaba"), "title": title, "is_request": True,
                                   "status": "requested", "raised_on": raised_on})


def test_a_progress_answer_keeps_a_request_waiting_and_a_final_answer_ends_the_wait(store):
    services = Services(store)
    request = _request(services)
    services.issues.route(request.id, "doboku", dt.date(2026, 6, 1), dt.date(2026, 11, 30))
    waiting = services.stats.open_requests(today=TODAY)[0]
    assert (waiting.department, waiting.stage, waiting.overdue) == ("doboku", "due", True)
    services.issues.answer(request.id, "設置場所を調査しています。", dt.date(2026, 10, 1), kind="progress")
    waiting = services.stats.open_requests(today=TODAY)[0]
    assert (waiting.stage, waiting.progress) == ("progress", (dt.date(2026, 10, 1), "設置場所を調査しています。"))
    assert services.issues.get(request.id).ward_answer == ""  # progress is not the answer
    services.issues.answer(request.id, "来年度に2基設置します。", dt.date(2026, 12, 1), kind="final",
                           department="midori")
    assert services.stats.open_requests(today=TODAY) == []
    issue = services.issues.get(request.id)
    assert (issue.ward_answer, issue.answered_on, issue.department) == ("来年度に2基設置します。", dt.date(2026, 12, 1),
                                                                       "doboku")
    answers = services.answers.of(request.id)
    assert [(a.kind, a.department, a.body) for a in answers] == [
        ("progress", "doboku", "設置場所を調査しています。"), ("final", "midori", "来年度に2基設置します。")]
    assert services.stats.dashboard(today=TODAY).requests.answered == 1
    with store.engine.connect() as con:
        assert con.execute(select(request_state()).select_from(m.Issue.__table__)).scalars().all() == [ANSWERED]
    services.undo()  # the final answer and what it wrote on the 要望 go together
    assert services.issues.get(request.id).ward_answer == "" and len(services.answers.of(request.id)) == 1


def test_a_request_gets_a_ward_department_only_from_the_ward_s_list(store):
    services = Services(store)
    request = _request(services)
    with pytest.raises(ValidationError):
        services.issues.route(request.id, "no-such-department")
    with pytest.raises(ValidationError):
        services.issues.answer(request.id, "回答", dt.date(2026, 7, 1), department="no-such-department")
    plain = services.issues.create({"organization_id": council_id("komaba"), "title": "要望ではない"})
    with pytest.raises(ValidationError):
        services.issues.route(plain.id, "doboku")
    assert services.answers.of(request.id) == [] and services.issues.get(request.id).department is None
    with store.engine.connect() as con:
        assert con.execute(select(request_state()).where(m.Issue.__table__.c.id == plain.id)).scalar() \
            == NOT_A_REQUEST
    assert "地域振興課" in services.vocab.label("ward_department", "kuminkyodo")


def test_the_ward_bundle_carries_every_answer_and_the_laptop_shows_each(tmp_path):
    from council_year import bundle_back, laptop_and_ward, send_to_the_ward

    from meguro_jukyo.core.services.history import entity_history
    from meguro_jukyo.core.sync import importer

    with laptop_and_ward(tmp_path) as (laptop, ward):
        mine, desk = Services(laptop), Services(ward)
        request = _request(mine)
        send_to_the_ward(laptop, ward, tmp_path)
        desk.issues.route(request.id, "doboku", dt.date(2026, 6, 1), dt.date(2026, 9, 30))
        desk.issues.answer(request.id, "調査しています。", dt.date(2026, 9, 1), kind="progress")
        bundle_back(laptop, ward, tmp_path, "bundle1.mjsync")
        assert [(a.kind, a.ward_answer) for a in mine.stats.new_answers()] == [("progress", "調査しています。")]
        mine.stats.mark_answers_seen()
        desk.issues.answer(request.id, "2基設置します。", dt.date(2026, 11, 30))
        second = bundle_back(laptop, ward, tmp_path, "bundle2.mjsync")
        assert [(a.id, a.kind, a.ward_answer, a.answered_on, a.department) for a in mine.stats.new_answers()] == [
            (request.id, "answer", "2基設置します。", dt.date(2026, 11, 30), "doboku")]
        assert [a.body for a in mine.answers.of(request.id)] == ["調査しています。", "2基設置します。"]
        assert mine.issues.get(request.id).department == "doboku"
        arrived = [e.answer for e in entity_history(laptop, "issue", request.id)
                   if e.entity == "request_answer" and e.field == "deleted"]
        assert arrived == [("progress", dt.date(2026, 9, 1), "調査しています。"),
                           ("answer", dt.date(2026, 11, 30), "2基設置します。")]
        assert importer.import_package(laptop, second).status != importer.REJECTED
        assert len(mine.answers.of(request.id)) == 2  # re-import changes nothing


def test_migration_0009_keeps_every_answer_written_by_the_previous_schema(store):
    """A store at schema 6 (0008) with answered 要望 — one with no date, as early stores have —
    reopened: each answer is an answer record, word for word, and the 要望 still reads answered."""
    from alembic import command

    from meguro_jukyo.core.db import _alembic_config

    services = Services(store)
    answered = _request(services, "街灯を明るく")
    undated = _request(services, "ごみ集積所", dt.date(2025, 4, 10))
    waiting = _request(services, "公園の遊具")
    long_answer = "来年度に2基設置します。\n設置場所は地域の皆様と相談して決めます。" * 50
    with store.engine.begin() as con:
        command.downgrade(_alembic_config(con), "0008")
        if store.dialect == "sqlite":
            con.exec_driver_sql("PRAGMA user_version=6")
        assert "department" not in con.execute(text("SELECT * FROM issue")).keys()
        con.execute(text("UPDATE issue SET ward_answer = :a, answered_on = :d WHERE id = :id"),
                    {"a": long_answer, "d": dt.date(2026, 11, 30), "id": answered.id})
        con.execute(text("UPDATE issue SET ward_answer = :a WHERE id = :id"), {"a": "対応済みです。", "id": undated.id})
    location = store.location
    store.close()
    from meguro_jukyo.core.db import Store

    with Store.open(location) as reopened:
        services = Services(reopened)
        got = {i.id: [(a.kind, a.answered_on, a.body) for a in services.answers.of(i.id)]
               for i in (answered, undated, waiting)}
        assert got == {answered.id: [("answer", dt.date(2026, 11, 30), long_answer)],
                       undated.id: [("answer", dt.date(2025, 4, 10), "対応済みです。")],
                       waiting.id: []}
        assert services.issues.get(answered.id).ward_answer == long_answer
        assert [r.id for r in services.stats.open_requests(today=TODAY)] == [waiting.id]
