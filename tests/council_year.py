"""A council's year between two meetings, for the tests of "since the last meeting" (core and GUI):
a laptop and the ward's desk that trust each other; the council's October meeting held (a 要望
discussed and continued, two action items, one of them done after); the 要望 sent to the ward in
a package, routed and answered twice there, and the ward's bundle imported on the laptop."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import identity, importer, package

ORG = council_id("komaba")
PROGRESS = ("progress", dt.date(2026, 10, 25), "midori", "設置場所を調べています。")
FINAL = ("final", dt.date(2026, 11, 20), "midori", "来年度に2基設置します。")
CONTINUED = "設置場所は次回に決める"
ASSIGNEE = "山田太郎"  # an officer: named on screen, not on the 次第


@dataclass(frozen=True)
class October:
    held: str  # the meeting held
    bench: str  # the 要望
    flyer: str  # its action item done since
    visit: str  # its action item still open


@contextmanager
def laptop_and_ward(tmp_path):
    """The council's laptop and the ward's desk, each trusting the other."""
    laptop = Store.open(tmp_path / "laptop.sqlite3", create=True, device_name="駒場PC")
    ward = Store.open(tmp_path / "ward.sqlite3", create=True, device_name="地域振興課")
    try:
        identity.trust_card(ward, identity.device_card(laptop))
        identity.trust_card(laptop, identity.device_card(ward))
        identity.set_ward_office(ward, True)
        yield laptop, ward
    finally:
        laptop.close()
        ward.close()


def hold_october(services: Services) -> October:
    """The October meeting held: the bench discussed and continued, two action items; then the
    issue becomes a 要望 and one action is done."""
    flow = MeetingFlow(services)
    held = services.meetings.create({"organization_id": ORG, "title": "10月定例会",
                                     "starts_at": dt.datetime(2026, 10, 5, 19)})
    bench = services.issues.create({"organization_id": ORG, "title": "ベンチを増やして",
                                    "raised_on": dt.date(2026, 9, 1)})
    item = flow.add_item(held.id, "ベンチ", issue_id=bench.id)
    flow.open_meeting(held.id)
    flow.capture(held.id, item.id, "continued", CONTINUED)
    flyer = flow.add_action(held.id, item.id, "回覧板でお知らせ")
    visit = flow.add_action(held.id, item.id, "現地を見る", ASSIGNEE)
    flow.close_meeting(held.id)
    services.issues.update(bench.id, {"is_request": True, "status": "requested"})
    services.actions.update(flyer.id, {"status": "done", "done_on": dt.date(2026, 10, 20)})
    return October(held.id, bench.id, flyer.id, visit.id)


def send_to_the_ward(laptop, ward, tmp_path) -> None:
    package.export_package(laptop, tmp_path / "laptop.mjsync")
    assert importer.import_package(ward, tmp_path / "laptop.mjsync").status == importer.IMPORTED


def ward_answers(ward, bench: str) -> None:
    """Routed to みどり土木政策課, then a 進捗回答 and a 最終回答."""
    desk = Services(ward)
    desk.issues.route(bench, "midori", dt.date(2026, 10, 10), dt.date(2027, 3, 31))
    for kind, on, _department, text in (PROGRESS, FINAL):
        desk.issues.answer(bench, text, on, kind=kind)


def bundle_back(laptop, ward, tmp_path, name: str = "bundle.mjsync"):
    """The ward's bundle, imported on the laptop; its path."""
    package.export_package(ward, tmp_path / name, scope="bundle")
    assert importer.import_package(laptop, tmp_path / name).status == importer.IMPORTED
    return tmp_path / name


def december(services: Services) -> str:
    """The council's next meeting, planned."""
    return services.meetings.create({"organization_id": ORG, "title": "12月定例会",
                                     "starts_at": dt.datetime(2026, 12, 7, 19)}).id
