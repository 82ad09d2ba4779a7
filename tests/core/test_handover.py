"""The yearly handover: the new officer's laptop continues with the same records and trust."""

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile

import pytest
from progress_helpers import CancelAt
from xlsx_helpers import fill

from meguro_jukyo.cli import main
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.errors import UserError
from meguro_jukyo.core.models import SyncDevice
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.exchange.handover_report import build_handover_report
from meguro_jukyo.core.progress import Cancelled
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import handover, identity, importer, package


def dump(store) -> str:
    out = io.StringIO()
    write_dump(store, out)
    return out.getvalue()


@pytest.fixture
def old(services, tmp_path):
    """The outgoing officer's laptop (SQLite and PostgreSQL), with a year of records and the
    ward office it trusts."""
    records = fill(services)
    ward = Store.open(tmp_path / "ward.sqlite3", create=True, device_name="区役所")
    identity.trust_card(services.store, identity.device_card(ward))
    yield services, records, ward
    ward.close()


@pytest.fixture
def new(tmp_path):
    store = Store.open(tmp_path / "new.sqlite3", create=True, device_name="新しい会長のPC")
    yield store
    store.close()


def test_the_new_laptop_holds_the_same_records_trusts_the_same_devices_and_syncs_on(old, new, tmp_path):
    services, records, ward = old
    org = records["org"]
    path = tmp_path / "引き継ぎ.mjhandover"
    written = handover.write_handover(services.store, path, organization_id=org.id, nendo=2025)
    assert written.counts["open_issues"] == 9 and written.counts["open_actions"] == 1
    assert written.counts["meetings"] == 1 and written.counts["decisions"] == 1

    got = handover.import_handover(new, path, fingerprint=written.sender.fingerprint.lower())

    assert got.result.status == importer.IMPORTED
    assert dump(new) == dump(services.store)
    trusted = {c.device_id for c in identity.trusted_devices(new)}
    assert trusted == {services.store.device_id, ward.device_id}
    assert identity.organization(new) == "駒場町会"
    # the ward's next bundle reaches the new laptop as it reached the old one
    services_ward = Services(ward)
    ward_row = services_ward.organizations.create({"kind": "association", "name": "区からの組織", "jukyo_code": "komaba"})
    bundle = tmp_path / "bundle.mjsync"
    package.export_package(ward, bundle, scope="changes")
    assert importer.import_package(new, bundle).status == importer.IMPORTED
    assert Services(new).organizations.get(ward_row.id).name == "区からの組織"


def test_a_wrong_fingerprint_trusts_and_writes_nothing(old, new, tmp_path):
    services, records, _ = old
    path = tmp_path / "h.mjhandover"
    handover.write_handover(services.store, path, organization_id=records["org"].id, nendo=2025)
    before = dump(new)
    for given in ("", "0000 0000 0000 0000 0000 0000 0000 0000"):
        with pytest.raises(UserError, match="指紋が一致しません"):
            handover.import_handover(new, path, fingerprint=given)
    assert dump(new) == before and identity.trusted_devices(new) == []


def test_records_not_signed_by_the_sender_are_refused_before_anything_is_trusted(old, new, tmp_path):
    """A handover whose sender card was swapped for another laptop's: the records inside are
    still signed by the first, so the file is refused even with the swapped card's fingerprint."""
    services, records, ward = old
    path = tmp_path / "h.mjhandover"
    handover.write_handover(services.store, path, organization_id=records["org"].id, nendo=2025)
    forged = tmp_path / "forged.mjhandover"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(forged, "w") as dst:
        for name in src.namelist():
            data = identity.device_card(ward).to_json() if name == handover.SENDER else src.read(name)
            dst.writestr(name, data)
    before = dump(new)
    with pytest.raises(UserError, match="記録が壊れています|送り主が違います"):
        handover.import_handover(new, forged, fingerprint=identity.device_card(ward).fingerprint)
    assert dump(new) == before and identity.trusted_devices(new) == []


@pytest.mark.parametrize("damage", ["not a zip", "extra member", "no summary", "newer version"])
def test_a_damaged_or_foreign_file_is_refused_with_a_reason(old, new, tmp_path, damage):
    services, records, _ = old
    path = tmp_path / "h.mjhandover"
    handover.write_handover(services.store, path, organization_id=records["org"].id, nendo=2025)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    if damage == "not a zip":
        path.write_bytes(b"PK not really")
    else:
        if damage == "extra member":
            members["../evil.txt"] = b"x"
        elif damage == "no summary":
            del members[handover.SUMMARY]
        else:
            members[handover.SUMMARY] = members[handover.SUMMARY].replace(b'"version": 1', b'"version": 2')
        with zipfile.ZipFile(path, "w") as z:
            for name, data in members.items():
                z.writestr(name, data)
    with pytest.raises(UserError) as exc:
        handover.import_handover(new, path, fingerprint=identity.device_card(services.store).fingerprint)
    assert exc.value.ja and "\n" not in exc.value.ja
    assert identity.trusted_devices(new) == []


def test_the_old_laptop_cannot_import_its_own_handover(old, tmp_path):
    services, records, _ = old
    path = tmp_path / "h.mjhandover"
    written = handover.write_handover(services.store, path, organization_id=records["org"].id, nendo=2025)
    with pytest.raises(UserError, match="この端末が書いた"):
        handover.import_handover(services.store, path, fingerprint=written.sender.fingerprint)


def test_an_unknown_organization_writes_no_file(services, tmp_path):
    path = tmp_path / "h.mjhandover"
    with pytest.raises(UserError, match="組織"):
        handover.write_handover(services.store, path, organization_id="nope", nendo=2025)
    assert not path.exists()


def test_the_command_line_asks_for_the_fingerprint_then_continues_on_the_new_laptop(tmp_path, capsys):
    old_db, new_db = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    assert main(["--db", str(old_db), "init", "--demo", "small", "--device-name", "前の会長のPC"]) == 0
    with Store.open(old_db) as store:
        name = Services(store).organizations.list()[0].name
        fingerprint = identity.device_card(store).fingerprint
    path = tmp_path / "h.mjhandover"
    capsys.readouterr()
    pdf = tmp_path / "引き継ぎ書.pdf"
    # a process of its own: the PDF needs a Qt application, which this one must not keep
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    written = subprocess.run([sys.executable, "-m", "meguro_jukyo", "--db", str(old_db), "handover", "write", str(path),
                              "--organization", name, "--nendo", "2025", "--pdf", str(pdf)],
                             capture_output=True, text=True, timeout=300, env=env, check=False)
    assert written.returncode == 0, written.stderr
    assert fingerprint in written.stdout
    with Store.open(old_db) as store:
        org_id = next(o.id for o in Services(store).organizations.list() if o.name == name)
        report = build_handover_report(Services(store), org_id, 2025, fingerprint=fingerprint)
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    sections = dict(report.sections())
    assert sections["未解決の課題"] and sections["未完了のアクション"]
    for _, item in sections["未解決の課題"] + sections["未完了のアクション"]:  # every open item is in it
        title = item.split("（")[0]
        assert "".join(title.split()) in text, title
    assert "".join(fingerprint.split()) in text
    assert main(["--db", str(new_db), "handover", "import", str(path)]) == 3
    err = capsys.readouterr().err
    assert fingerprint in err and "--fingerprint" in err
    assert not new_db.exists()  # nothing made before the fingerprint is given
    assert main(["--db", str(new_db), "handover", "import", str(path), "--fingerprint", fingerprint]) == 0
    assert "取り込みました" in capsys.readouterr().out
    with Store.open(old_db) as a, Store.open(new_db) as b:
        assert dump(a) == dump(b)
    assert main(["--db", str(new_db), "handover", "write", str(tmp_path / "x.mjhandover"),
                 "--organization", "ない組織", "--nendo", "2025"]) == 1
    assert "見つかりません" in capsys.readouterr().err


def test_the_reading_copy_lists_every_open_item_the_years_decisions_and_no_names_unless_asked(old):
    services, records, _ = old
    asked, waiting = records["issues"][-3:-1]
    services.issues.update(asked.id, {"is_request": True, "ward_answer": "来年度に街灯を増設します。",
                                      "answered_on": dt.date(2025, 11, 4)})
    services.issues.update(waiting.id, {"is_request": True})
    fp = identity.device_card(services.store).fingerprint
    report = build_handover_report(services, records["org"].id, 2025, fingerprint=fp)
    sections = dict(report.sections())
    assert report.heading == "令和7年度 引き継ぎ書"
    assert ("前の端末の指紋", fp) in sections["この引き継ぎについて"]
    assert sorted(text.split("（")[0] for _, text in sections["未解決の課題"]) == sorted(i.title for i in records["issues"])
    assert sections["未完了のアクション"] == [("未着手", "夜間の見回り（期限 令和7年6月30日）")]
    (when, text), = sections["この年度の決定事項"]
    assert when == "令和7年5月18日" and text.startswith("令和7年度 定期総会: =見回りを増やす")
    assert "賛成15・反対3" in text and "少数意見: 反対の理由" in text
    assert [title for title, _ in sections["この年度の会議"]] == ["令和7年5月18日"]
    assert sorted(sections["区への要望と回答"]) == [
        ("回答あり", f"{asked.title}（提起 令和7年4月7日）\n回答（令和7年11月4日）: 来年度に街灯を増設します。"),
        ("回答待ち", f"{waiting.title}（提起 令和7年4月8日）")]
    everything = repr(report.sections())
    assert "鈴木花子" not in everything  # the action's assignee
    named = build_handover_report(services, records["org"].id, 2025, fingerprint=fp, personal=True)
    assert "担当 鈴木花子" in repr(named.sections())


def test_the_reading_copy_lists_each_of_the_wards_answers_with_its_kind_date_and_department(old):
    services, records, _ = old
    asked = records["issues"][-3]
    services.issues.update(asked.id, {"is_request": True})
    services.issues.route(asked.id, "doboku", dt.date(2025, 5, 1), dt.date(2025, 9, 30))
    services.issues.answer(asked.id, "現地を調査しています。", dt.date(2025, 9, 1), kind="progress")
    services.issues.answer(asked.id, "来年度に街灯を増設します。", dt.date(2025, 11, 4), kind="final")
    report = build_handover_report(services, records["org"].id, 2025, fingerprint="fp")
    rows = dict(report.sections())["区への要望と回答"]
    assert (("回答あり", f"{asked.title}（提起 令和7年4月7日）"
             "\n進捗回答（令和7年9月1日・都市整備部 道路管理課）: 現地を調査しています。"
             "\n最終回答（令和7年11月4日・都市整備部 道路管理課）: 来年度に街灯を増設します。") in rows)


def test_a_cancelled_handover_leaves_no_file_and_its_cancelled_import_changes_nothing(old, new, tmp_path):
    services, records, _ = old
    path = tmp_path / "h.mjhandover"
    for n in (1, 2, 3):  # after each of its steps, the last once the file is written beside
        with pytest.raises(Cancelled):
            handover.write_handover(services.store, path, organization_id=records["org"].id, nendo=2025,
                                    progress=CancelAt(n))
        assert list(tmp_path.glob("*h.mjhandover*")) == []
    progress = CancelAt()
    written = handover.write_handover(services.store, path, organization_id=records["org"].id, nendo=2025,
                                      progress=progress)
    assert [s[:2] for s in progress.seen] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    probe = Store.open(tmp_path / "probe.sqlite3", create=True)  # a whole import, to count its points
    progress = CancelAt()
    handover.import_handover(probe, path, fingerprint=written.sender.fingerprint, progress=progress)
    probe.close()
    seen = [s[:2] for s in progress.seen]
    assert seen[:2] == [(0, 2), (1, 2)] and seen[-1] == (2, 2)
    assert len(seen) > 5 and all(1 / 2 <= done / total <= 1 for done, total in seen[2:])  # the records: 2nd half
    before = dump(new)
    # before reading the file, once it is checked, then before each chunk of records: the devices
    # trusted and records written by then are in the one transaction, which rolls back
    for n in range(len(seen) - 1):
        with pytest.raises(Cancelled):
            handover.import_handover(new, path, fingerprint=written.sender.fingerprint, progress=CancelAt(n))
        assert dump(new) == before and identity.trusted_devices(new) == [] and importer.ledger(new) == []
    handover.import_handover(new, path, fingerprint=written.sender.fingerprint)
    assert dump(new) == dump(services.store)


def test_a_handover_imported_again_trusts_its_devices_again(old, new, tmp_path):
    """The records are in already (a duplicate), but a device the new laptop has since lost
    trust in is trusted again: importing the file twice leaves the laptop as importing it once."""
    services, records, ward = old
    path = tmp_path / "引き継ぎ.mjhandover"
    written = handover.write_handover(services.store, path, organization_id=records["org"].id, nendo=2025)
    handover.import_handover(new, path, fingerprint=written.sender.fingerprint)
    table = SyncDevice.__table__
    with new.engine.begin() as con:
        con.execute(table.delete().where(table.c.device_id == ward.device_id))
    assert ward.device_id not in {c.device_id for c in identity.trusted_devices(new)}
    before = dump(new)

    again = handover.import_handover(new, path, fingerprint=written.sender.fingerprint)

    assert again.result.status == importer.DUPLICATE
    assert {c.device_id for c in identity.trusted_devices(new)} == {services.store.device_id, ward.device_id}
    assert dump(new) == before  # no record written twice
