"""A small but complete meeting, built through the services, for the minutes and meeting-mode tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meguro_jukyo.core.meeting import MeetingFlow

TITLE = "令和7年度 駒場町会 定期総会"


@dataclass
class Sample:
    meeting_id: str
    org_id: str
    decision_id: str


def build_sample(services, *, finalize: bool = True) -> Sample:
    flow = MeetingFlow(services)
    org = services.organizations.create({"kind": "association", "name": "駒場町会",
                                         "jukyo_code": "komaba"})
    meeting = services.meetings.create({
        "organization_id": org.id, "meeting_type": "general_regular", "title": TITLE,
        "starts_at": dt.datetime(2025, 5, 18, 10, 0), "place": "駒場住区センター 第1会議室",
        "facilitator": "山田太郎", "recorder": "佐藤花子", "signers": "鈴木一郎、高橋次郎",
        "members_total": 120, "present": 48, "proxies": 20, "next_meeting": "令和7年6月15日 10時 同会場",
    })
    budget = flow.add_item(meeting.id, "令和7年度 予算案", 20)
    disaster = flow.add_item(meeting.id, "防災訓練の実施", 15)
    flow.open_meeting(meeting.id, now=dt.datetime(2025, 5, 18, 10, 2).timestamp())
    flow.capture(meeting.id, budget.id, "report", "会計から前年度決算の報告があった")
    flow.capture(meeting.id, budget.id, "point", "会費の値上げが必要か")
    flow.capture(meeting.id, budget.id, "question", "値上げ分の使い道は？")
    flow.capture(meeting.id, budget.id, "opinion", "防災備蓄に充てたい")
    decision = flow.decide(meeting.id, budget.id, "年会費を1,500円とする", "majority", 52, 10, 6,
                           minority=["据え置いて寄付を募るべき"])
    flow.capture(meeting.id, disaster.id, "consensus", "9月の第1日曜日に実施する方向")
    flow.decide(meeting.id, disaster.id, "訓練内容は役員会で決める", "unanimous")
    flow.capture(meeting.id, disaster.id, "continued", "避難所の鍵の管理方法")
    flow.add_action(meeting.id, disaster.id, "区の防災課に資材を相談する", "防災部長", dt.date(2025, 7, 31))
    flow.close_meeting(meeting.id, now=dt.datetime(2025, 5, 18, 11, 45).timestamp())
    if finalize:
        flow.finalize(meeting.id)
    return Sample(meeting.id, org.id, decision.id)
