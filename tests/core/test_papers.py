"""The 次第, 出席簿 and 回覧板 content: built from the store, naming nobody unless asked."""

import datetime as dt

import pytest
from meeting_sample import TITLE, build_sample

from meguro_jukyo.core.errors import UserError
from meguro_jukyo.core.exchange.papers import (
    BLANK_ROWS,
    CIRCULAR_LINES,
    build_agenda,
    build_circular,
    build_sign_in,
)
from meguro_jukyo.core.meeting import MeetingFlow

PEOPLE = ("山田太郎", "佐藤花子", "鈴木一郎", "高橋次郎", "防災部長")


def with_attendees(services):
    sample = build_sample(services, finalize=False)
    for name, role in (("山田太郎", "会長"), ("佐藤花子", "副会長")):
        services.attendees.create({"meeting_id": sample.meeting_id, "name": name, "role": role})
    return sample


def test_agenda_numbers_the_items_with_their_planned_minutes_and_what_to_bring(services):
    sample = build_sample(services)
    agenda = build_agenda(services, sample.meeting_id, ("前年度決算書", " ", "予算案"))
    assert agenda.heading == f"{TITLE} 次第"
    assert [(i.number, i.title, i.planned_minutes) for i in agenda.items] == [
        (1, "令和7年度 予算案", 20), (2, "防災訓練の実施", 15)]
    assert agenda.total_minutes == 35
    assert agenda.documents == ("前年度決算書", "予算案")
    assert agenda.header.date.startswith("令和7年5月18日（日） 10:00")
    assert agenda.header.place == "駒場住区センター 第1会議室"
    assert agenda.header.organization == "駒場町会"
    assert build_agenda(services, sample.meeting_id, era=False).header.date.startswith("2025年5月18日")


def test_sign_in_has_a_row_per_member_and_names_only_when_asked(services):
    sample = with_attendees(services)
    blank = build_sign_in(services, sample.meeting_id)
    assert len(blank.rows) == 120  # members_total of the sample
    assert [r.number for r in blank.rows] == list(range(1, 121))
    assert all(r.name == "" for r in blank.rows)
    named = build_sign_in(services, sample.meeting_id, names=True)
    assert {r.name for r in named.rows[:2]} == {"山田太郎", "佐藤花子"}
    assert len(named.rows) == 120 and all(r.name == "" for r in named.rows[2:])


def test_sign_in_without_a_member_count_has_blank_rows_to_sign_on(services):
    sample = build_sample(services)
    services.meetings.update(sample.meeting_id, {"members_total": 0})
    assert len(build_sign_in(services, sample.meeting_id).rows) == BLANK_ROWS


def test_circular_says_what_was_decided_and_asked_and_names_nobody(services):
    sample = with_attendees(services)
    MeetingFlow(services).add_action(sample.meeting_id, None, "防災訓練への参加", "各世帯", dt.date(2025, 9, 7))
    circular = build_circular(services, sample.meeting_id)
    sections = dict(circular.sections())
    assert set(sections["決まったこと"]) == {"年会費を1,500円とする", "訓練内容は役員会で決める"}
    # the officer's task (防災部長) is not asked of households; the one for every household is
    assert sections["皆さまへのお願い"] == ("防災訓練への参加（令和7年9月7日まで）",)
    assert sections["次回の会議"] == ("令和7年6月15日 10時 同会場",)
    text = repr(circular)
    assert not [p for p in PEOPLE if p in text]


def test_a_long_circular_list_ends_with_how_many_more(services):
    sample = build_sample(services)
    flow = MeetingFlow(services)
    for n in range(CIRCULAR_LINES + 3):
        flow.add_action(sample.meeting_id, None, f"お願い{n}", "住民の皆様")
    asked = dict(build_circular(services, sample.meeting_id).sections())["皆さまへのお願い"]
    assert len(asked) == CIRCULAR_LINES
    assert asked[-1] == "ほか4件（議事録をご覧ください）"


def test_nothing_decided_or_asked_is_said_so(services):
    meeting = services.meetings.create({"organization_id": build_sample(services).org_id,
                                        "title": "臨時役員会", "starts_at": dt.datetime(2025, 6, 1, 19)})
    sections = dict(build_circular(services, meeting.id).sections())
    assert sections["決まったこと"] == ("ありません",)
    assert sections["次回の会議"] == ("決まり次第お知らせします",)
    assert build_agenda(services, meeting.id).items == ()


def test_an_unknown_meeting_is_a_user_error(services):
    with pytest.raises(UserError):
        build_agenda(services, "no-such-meeting")
