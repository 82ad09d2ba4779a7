"""Sync: device identity and trust, signed packages, the merge, the conflict queue, the ward flow."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from progress_helpers import CancelAt
from sqlalchemy import select

from meguro_jukyo.core import models as m
from meguro_jukyo.core.db import SCHEMA_VERSION, Store
from meguro_jukyo.core.errors import UserError
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.progress import Cancelled
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import conflicts, identity, importer, package, state
from meguro_jukyo.core.sync.clock import HybridClock

ORG = council_id("komaba")
T0 = 1_750_000_000_000  # ms: a fixed "now" for injected clocks
DAY = 86_400_000


# --------------------------------------------------------------------------- helpers


class Clock:
    """A wall clock a test moves by hand (skewed, or set backwards)."""

    def __init__(self, ms: int):
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def open_store(path: Path, name: str, clock: Clock | None = None) -> Store:
    store = Store.open(path, create=True, device_name=name)
    if clock is not None:
        store.clock = HybridClock(store.device_id, store.clock.last if store.clock.last[:13] != "0" * 13 else None,
                                  now_ms=clock)
    return store


def dump(store) -> str:
    buf = io.StringIO()
    write_dump(store, buf)
    return buf.getvalue()


def file_hash(store) -> str:
    with store.engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(Path(store.location).read_bytes()).hexdigest()


def trust_both(a, b) -> None:
    identity.trust_card(a, identity.device_card(b))
    identity.trust_card(b, identity.device_card(a))


def send(src, dst, tmp: Path, name: str, scope: str = "changes") -> importer.FileResult:
    path = tmp / f"{name}.mjsync"
    package.export_package(src, path, scope=scope)
    return importer.import_package(dst, path)


def exchange(a, b, tmp: Path, name: str) -> tuple[importer.FileResult, importer.FileResult]:
    """Both export, then each imports the other's package (concurrent, as in real life)."""
    package.export_package(a, tmp / f"{name}-a.mjsync")
    package.export_package(b, tmp / f"{name}-b.mjsync")
    return importer.import_package(b, tmp / f"{name}-a.mjsync"), importer.import_package(a, tmp / f"{name}-b.mjsync")


def issue(services, title="街灯が暗い", **kw):
    return services.issues.create({"organization_id": ORG, "title": title, **kw})


@pytest.fixture
def pair(tmp_path):
    a = open_store(tmp_path / "a.sqlite3", "端末A")
    b = open_store(tmp_path / "b.sqlite3", "端末B")
    trust_both(a, b)
    yield a, b
    a.close()
    b.close()


# --------------------------------------------------------------------------- identity


def test_device_key_is_made_once_beside_the_store_and_only_its_owner_can_read_it(tmp_path):
    store = open_store(tmp_path / "s.sqlite3", "端末")
    try:
        card = identity.device_card(store)
        key = identity.key_path(store)
        assert key == tmp_path / "s.sqlite3.key"
        assert key.stat().st_mode & 0o777 == 0o600
        assert identity.device_card(store) == card  # the same key next time
        assert card.device_id == store.device_id and card.name == "端末"
        groups = card.fingerprint.split(" ")
        assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    finally:
        store.close()


def _copy_without_key(store, dest: Path) -> Store:
    store.close()
    shutil.copy(store.location, dest)
    return Store.open(dest)


def test_a_store_copied_without_its_key_refuses_to_sign_under_its_device_id(pair, tmp_path):
    a, b = pair
    issue(Services(a))
    package.export_package(a, tmp_path / "before.mjsync")  # a has signed: b trusts its key
    (tmp_path / "laptop").mkdir()
    copy = _copy_without_key(a, tmp_path / "laptop" / "a.sqlite3")
    try:
        for attempt in (lambda: identity.device_card(copy),
                        lambda: package.export_package(copy, tmp_path / "forged.mjsync"),
                        lambda: importer.import_package(copy, tmp_path / "before.mjsync")):
            with pytest.raises(UserError) as exc:
                attempt()
            assert "鍵ファイル" in exc.value.ja and "device new" in exc.value.ja
        assert not identity.key_path(copy).exists() and not (tmp_path / "forged.mjsync").exists()
        # another key put in its place is refused too
        shutil.copy(identity.key_path(b), identity.key_path(copy))
        with pytest.raises(UserError, match="この端末"):
            identity.device_card(copy)
        identity.key_path(copy).unlink()
        # asked for, it becomes a new device, with a new id the ward has not trusted
        old_id = copy.device_id
        card = identity.new_device(copy)
        assert card.device_id == copy.device_id != old_id
        assert identity.device_card(copy) == card
        Services(copy).issues.create({"organization_id": ORG, "title": "新しい端末で"})
        package.export_package(copy, tmp_path / "new.mjsync")
        assert importer.import_package(b, tmp_path / "new.mjsync").status == importer.QUARANTINED
        identity.trust_card(b, card)
        assert importer.import_package(b, tmp_path / "new.mjsync").status == importer.IMPORTED
    finally:
        copy.close()
    with Store.open(tmp_path / "laptop" / "a.sqlite3") as again:  # the new identity is kept
        assert again.device_id == card.device_id and identity.device_card(again) == card


def test_the_original_store_with_its_key_signs_as_before(pair, tmp_path):
    a, _ = pair
    card = identity.device_card(a)
    copy = _copy_without_key(a, tmp_path / "a-copy.sqlite3")
    try:
        shutil.copy(tmp_path / "a.sqlite3.key", identity.key_path(copy))  # copied with its key
        assert identity.device_card(copy) == card
    finally:
        copy.close()


def test_a_card_round_trips_and_a_doctored_card_is_refused(tmp_path):
    store = open_store(tmp_path / "s.sqlite3", "端末")
    try:
        identity.set_organization(store, "駒場町会")
        identity.write_card(store, tmp_path / "card.json")
        card = identity.read_card(tmp_path / "card.json")
        assert card.organization == "駒場町会" and card == identity.device_card(store)
        data = json.loads((tmp_path / "card.json").read_text())
        data["fingerprint"] = "0000 " + data["fingerprint"][5:]
        (tmp_path / "bad.json").write_text(json.dumps(data))
        with pytest.raises(UserError, match="指紋"):
            identity.read_card(tmp_path / "bad.json")
    finally:
        store.close()


def test_trusting_another_key_for_a_trusted_device_needs_replace(pair, tmp_path):
    a, b = pair
    card = identity.device_card(b)
    other = identity.DeviceCard(card.device_id, card.name, "", identity.device_card(a).public_key,
                                identity.device_card(a).fingerprint)
    with pytest.raises(UserError, match="別の鍵"):
        identity.trust_card(a, other)
    identity.trust_card(a, other, replace=True)


# --------------------------------------------------------------------------- round trip


def test_a_package_carries_this_devices_rows_and_tombstones_to_another_store(pair, tmp_path):
    a, b = pair
    sa = Services(a)
    kept = issue(sa)
    gone = issue(sa, "消す課題")
    sa.issues.delete(gone.id)
    result = send(a, b, tmp_path, "a")
    assert result.status == importer.IMPORTED
    assert result.counts == {state.NEW: 2}
    sb = Services(b)
    assert sb.issues.get(kept.id).title == "街灯が暗い"
    with b.engine.connect() as con:
        assert con.execute(select(m.Issue.deleted).where(m.Issue.id == gone.id)).scalar() is True
    # a package holds what this device wrote, not the reference councils every store has
    with zipfile.ZipFile(tmp_path / "a.mjsync") as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["counts"]["organization"] == 0 and manifest["counts"]["issue"] == 2
    assert manifest["schema_version"] == SCHEMA_VERSION and manifest["device"]["id"] == a.device_id
    assert dump(a) == dump(b)


def _search_triggers(store) -> list[tuple[str, str]]:
    with store.engine.connect() as con:
        return con.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                   "AND tbl_name = 'search_doc' ORDER BY name").all()


def _assert_full_text_index_matches_documents(store) -> None:
    """FTS5's own check against search_doc (rank 1: every document's tokens, no stale ones)."""
    with store.engine.begin() as con:
        for index in ("fts_tri", "fts_uni"):
            con.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")


def test_imported_new_changed_and_deleted_rows_are_found_by_search_exactly_as_edited_ones(pair, tmp_path):
    a, b = pair
    sa, sb = Services(a), Services(b)
    triggers = _search_triggers(b)
    lamp, bench, bins = issue(sa, "街灯が暗い"), issue(sa, "公園のベンチ"), issue(sa, "ごみ集積所")
    sb.issues.create({"organization_id": ORG, "title": "通学路の見守り"})  # b's own, indexed by triggers
    send(a, b, tmp_path, "a1")
    assert {h.ref_id for h in sb.search("公園")} == {bench.id}
    sa.issues.update(bench.id, {"title": "児童遊園のベンチ"})
    sa.issues.delete(bins.id)
    assert send(a, b, tmp_path, "a2").counts == {state.UPDATED: 2, state.UNCHANGED: 1}
    assert {h.ref_id for h in sb.search("遊園")} == {bench.id}
    assert sb.search("公園") == [] and sb.search("集積所") == []
    assert {h.ref_id for h in sb.search("街灯")} == {lamp.id} and len(sb.search("通学路")) == 1
    _assert_full_text_index_matches_documents(b)
    assert _search_triggers(b) == triggers  # set aside during the import, back as they were
    later = issue(sb, "防犯カメラ")  # so edits after an import are indexed again
    assert [h.ref_id for h in sb.search("カメラ")] == [later.id]
    _assert_full_text_index_matches_documents(b)
    assert dump(a) != dump(b)  # b holds its own issue too; a's rows are equal
    send(b, a, tmp_path, "b1")
    assert dump(a) == dump(b)


def test_reimporting_a_package_is_a_no_op(pair, tmp_path):
    a, b = pair
    issue(Services(a))
    first = send(a, b, tmp_path, "a")
    before = file_hash(b)
    again = importer.import_package(b, tmp_path / "a.mjsync")
    assert (first.status, again.status) == (importer.IMPORTED, importer.DUPLICATE)
    assert file_hash(b) == before


def test_a_package_a_device_wrote_itself_imports_back_as_unchanged(pair, tmp_path):
    a, _ = pair
    issue(Services(a))
    package.export_package(a, tmp_path / "own.mjsync")
    result = importer.import_package(a, tmp_path / "own.mjsync")
    assert result.status == importer.IMPORTED and result.counts == {state.UNCHANGED: 1}


def test_an_edit_of_a_row_another_device_made_is_in_this_devices_next_package(pair, tmp_path):
    a, b = pair
    made = issue(Services(a))
    send(a, b, tmp_path, "a1")
    Services(b).issues.update(made.id, {"place": "駅前"})
    result = send(b, a, tmp_path, "b1")
    assert result.counts == {state.UPDATED: 1}
    assert Services(a).issues.get(made.id).place == "駅前"
    # and a's next package still holds the row, though b wrote it last
    Services(b).issues.update(made.id, {"place": "公園"})
    send(b, a, tmp_path, "b2")
    package.export_package(a, tmp_path / "a2.mjsync")
    with zipfile.ZipFile(tmp_path / "a2.mjsync") as zf:
        assert json.loads(zf.read("manifest.json"))["counts"]["issue"] == 1


# --------------------------------------------------------------------------- merge


def test_different_fields_changed_on_both_sides_are_both_kept(pair, tmp_path):
    a, b = pair
    sa, sb = Services(a), Services(b)
    made = issue(sa)
    send(a, b, tmp_path, "a1")
    sa.issues.update(made.id, {"place": "駅前"})
    sb.issues.update(made.id, {"description": "夜道が危ない"})
    ra, rb = exchange(a, b, tmp_path, "2")
    assert ra.counts == {state.PARALLEL: 1} and rb.counts == {state.PARALLEL: 1}
    for s in (sa, sb):
        got = s.issues.get(made.id)
        assert (got.place, got.description) == ("駅前", "夜道が危ない")
    assert dump(a) == dump(b)
    assert conflicts.list_conflicts(a) == conflicts.list_conflicts(b) == []


def test_the_same_field_gets_the_newest_value_everywhere_and_a_conflict_keeps_the_other(pair, tmp_path):
    a, b = pair
    sa, sb = Services(a), Services(b)
    made = issue(sa)
    send(a, b, tmp_path, "a1")
    ea = sa.issues.update(made.id, {"title": "Aの題"})
    eb = sb.issues.update(made.id, {"title": "Bの題"})
    exchange(a, b, tmp_path, "2")
    winner, loser = (ea, eb) if ea.hlc > eb.hlc else (eb, ea)
    for store, s in ((a, sa), (b, sb)):
        assert s.issues.get(made.id).title == winner.title
        [c] = conflicts.list_conflicts(store)
        assert c.field == "title" and c.current.value == winner.title
        assert [o.value for o in c.others] == [loser.title]
        assert c.others[0].device_id == loser.device_id and c.current.device_id == winner.device_id
    def shown(store):
        return [(c.id, c.current.stamp, c.current.value, [(o.stamp, o.value) for o in c.others])
                for c in conflicts.list_conflicts(store)]
    assert shown(a) == shown(b)  # the same queue, with the same ids, on both stores
    assert dump(a) == dump(b)


def test_a_delete_meeting_a_concurrent_edit_is_a_conflict_not_a_resurrection_or_a_loss(pair, tmp_path):
    a, b = pair
    sa, sb = Services(a), Services(b)
    made = issue(sa)
    send(a, b, tmp_path, "a1")
    sa.issues.delete(made.id)
    sb.issues.update(made.id, {"place": "公園"})
    ra, rb = exchange(a, b, tmp_path, "2")
    assert ra.counts == {state.CONFLICT: 1} and rb.counts == {state.CONFLICT: 1}
    assert dump(a) == dump(b)
    for store in (a, b):
        with store.engine.connect() as con:
            row = con.execute(select(m.Issue.__table__).where(m.Issue.id == made.id)).mappings().one()
        assert row["deleted"] is True  # not resurrected
        [c] = conflicts.list_conflicts(store)
        values = {v.value: v.deletion for v in (c.current, *c.others)}
        assert values == {"公園": False, "": True}  # the edit is kept beside the deletion
    # keeping the edit brings the record back with it, and that travels
    [c] = conflicts.list_conflicts(b)
    conflicts.resolve_conflict(b, c.id, keep="mine")
    assert sb.issues.get(made.id).place == "公園"
    send(b, a, tmp_path, "b3")
    assert sa.issues.get(made.id).place == "公園"
    assert conflicts.list_conflicts(a) == [] and dump(a) == dump(b)


def test_keeping_the_deletion_deletes_the_record_everywhere(pair, tmp_path):
    a, b = pair
    sa, sb = Services(a), Services(b)
    made = issue(sa)
    send(a, b, tmp_path, "a1")
    sa.issues.delete(made.id)
    sb.issues.update(made.id, {"place": "公園"})
    send(a, b, tmp_path, "a2")
    [c] = conflicts.list_conflicts(b)
    conflicts.resolve_conflict(b, c.id, keep="theirs")
    send(b, a, tmp_path, "b2")
    for store in (a, b):
        assert conflicts.list_conflicts(store) == []
        with pytest.raises(UserError):
            Services(store).issues.get(made.id)
    assert dump(a) == dump(b)


def test_clock_skew_does_not_let_an_older_edit_win_over_a_later_one(tmp_path):
    # a's clock runs 8 hours fast, b's 8 hours slow (within the day a stamp may be ahead);
    # b edits after seeing a's edit
    ca, cb = Clock(T0 + DAY // 3), Clock(T0 - DAY // 3)
    a = open_store(tmp_path / "a.sqlite3", "A", ca)
    b = open_store(tmp_path / "b.sqlite3", "B", cb)
    try:
        trust_both(a, b)
        made = issue(Services(a))
        send(a, b, tmp_path, "a1")
        cb.ms -= 3_600_000  # and b's clock is set back an hour before the edit
        Services(b).issues.update(made.id, {"title": "後からの修正"})
        send(b, a, tmp_path, "b1")
        assert Services(a).issues.get(made.id).title == "後からの修正"
        assert conflicts.list_conflicts(a) == []
        # a edits again afterwards: still after b's, though a's wall clock did not move
        Services(a).issues.update(made.id, {"title": "さらに修正"})
        send(a, b, tmp_path, "a2")
        assert Services(b).issues.get(made.id).title == "さらに修正"
        assert dump(a) == dump(b)
    finally:
        a.close()
        b.close()


def test_a_package_stamped_years_ahead_is_refused_with_its_reason_and_moves_no_clock(tmp_path):
    """A laptop whose clock says 2036 would otherwise drag every later stamp to 2036 and win
    every edit for years."""
    a = open_store(tmp_path / "a.sqlite3", "未来の端末", Clock(2_082_758_400_000))  # 2036-01-01
    b = open_store(tmp_path / "b.sqlite3", "区", Clock(T0))
    try:
        trust_both(a, b)
        issue(Services(a))
        before, clock, hashed = dump(b), b.clock.last, file_hash(b)
        result = send(a, b, tmp_path, "a1")
        assert result.status == importer.REJECTED
        assert "時計が進みすぎています" in result.reason and "2036-01-01" in result.reason
        assert "未来の端末" in result.reason and "\n" not in result.reason
        assert dump(b) == before and b.clock.last == clock and file_hash(b) == hashed
        assert b.clock.tick()[:13] == f"{T0:013d}"  # b's next edit is stamped by its own clock
        # within the day, the same sender's package is taken in
        b.clock._now_ms = lambda: 2_082_758_400_000 - DAY + 60_000
        assert send(a, b, tmp_path, "a2").status == importer.IMPORTED
    finally:
        a.close()
        b.close()


# --------------------------------------------------------------------------- conflict queue


def test_resolving_with_a_new_value_is_an_ordinary_edit_that_syncs_and_can_be_undone(pair, tmp_path):
    a, b = pair
    sa, sb = Services(a), Services(b)
    made = issue(sa, priority=2)
    send(a, b, tmp_path, "a1")
    sa.issues.update(made.id, {"priority": 1})
    sb.issues.update(made.id, {"priority": 3})
    send(a, b, tmp_path, "a2")
    [c] = conflicts.list_conflicts(b)
    with pytest.raises(UserError):
        conflicts.resolve_conflict(b, c.id, value="9")  # still checked like any edit
    conflicts.resolve_conflict(b, c.id[:8], value="2")
    assert sb.issues.get(made.id).priority == 2 and conflicts.list_conflicts(b) == []
    assert sb.undo_label().startswith("競合を解決")
    send(b, a, tmp_path, "b2")
    assert sa.issues.get(made.id).priority == 2 and conflicts.list_conflicts(a) == []
    assert dump(a) == dump(b)


def test_keeping_the_value_in_effect_still_settles_the_conflict_everywhere(pair, tmp_path):
    a, b = pair
    sa, sb = Services(a), Services(b)
    made = issue(sa)
    send(a, b, tmp_path, "a1")
    sa.issues.update(made.id, {"place": "東口"})
    sb.issues.update(made.id, {"place": "西口"})
    send(a, b, tmp_path, "a2")
    [c] = conflicts.list_conflicts(b)
    kept = c.current.value
    conflicts.resolve_conflict(b, c.id, keep="mine" if c.current.mine else "theirs")
    assert sb.issues.get(made.id).place == kept
    send(b, a, tmp_path, "b2")
    assert conflicts.list_conflicts(a) == [] and sa.issues.get(made.id).place == kept
    with pytest.raises(UserError, match="見つかりません"):
        conflicts.resolve_conflict(b, c.id, keep="mine")


# --------------------------------------------------------------------------- trust and quarantine


def test_a_package_from_an_unknown_device_is_held_until_the_device_is_trusted(tmp_path):
    a = open_store(tmp_path / "a.sqlite3", "町会PC")
    ward = open_store(tmp_path / "ward.sqlite3", "区役所")
    try:
        made = issue(Services(a))
        package.export_package(a, tmp_path / "a.mjsync")
        held = importer.import_package(ward, tmp_path / "a.mjsync")
        assert held.status == importer.QUARANTINED
        assert held.fingerprint == identity.device_card(a).fingerprint and held.fingerprint in held.reason
        [h] = importer.list_quarantine(ward)
        assert h.path.exists() and h.path.parent == tmp_path / "ward-quarantine"
        with pytest.raises(UserError):
            Services(ward).issues.get(made.id)
        identity.trust_card(ward, identity.device_card(a))
        report = importer.import_quarantined(ward)
        assert [f.status for f in report.files] == [importer.IMPORTED]
        assert Services(ward).issues.get(made.id).title == made.title
        assert importer.list_quarantine(ward) == [] and not h.path.exists()
    finally:
        a.close()
        ward.close()


# --------------------------------------------------------------------------- hostile packages


def _rebuild(src: Path, dst: Path, key, *, members=None, manifest_edit=None, extra=()):
    """A package re-made from ``src``'s members and properly signed with ``key``."""
    with zipfile.ZipFile(src) as zf:
        contents = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(contents.pop("manifest.json"))
    contents.pop("manifest.sig")
    if members is not None:
        contents = members(contents)
        manifest["members"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                               for n, d in contents.items() if n in package.RECORD_MEMBERS}
    if manifest_edit:
        manifest_edit(manifest)
    data = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    with zipfile.ZipFile(dst, "w") as zf:
        for n, d in [*contents.items(), *extra]:
            zf.writestr(package._zipinfo(n), d)
        zf.writestr(package._zipinfo("manifest.json"), data)
        zf.writestr(package._zipinfo("manifest.sig"), key.sign(data))
        zf.comment = package.SEAL_MARK + bytes(64)
    package._seal(dst, key)
    return dst


@pytest.fixture
def signed(pair, tmp_path):
    """(laptop, ward, a package of three issues and a note, the laptop's key)."""
    a, b = pair
    sa = Services(a)
    for i in range(3):
        made = issue(sa, f"課題{i}", description="説明" * 20)
    sa.notes.create({"issue_id": made.id, "kind": "opinion", "body": "意見です"})
    package.export_package(a, tmp_path / "good.mjsync")
    return a, b, tmp_path / "good.mjsync", identity.device_key(a)


def _trusted(store):
    return lambda device_id: importer._known_key(store, device_id)


def _member_spans(path: Path) -> dict[str, tuple[int, int]]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: (i.header_offset, i.header_offset + 30 + len(i.filename) + len(i.extra) + i.compress_size)
                for i in zf.infolist()}


def test_every_single_byte_change_is_rejected_before_anything_is_written(signed, tmp_path):
    a, b, good, _ = signed
    data = good.read_bytes()
    spans = _member_spans(good)
    records_start = min(spans[n][0] for n in package.RECORD_MEMBERS)
    manifest_start = spans["manifest.json"][0]
    # every byte of the manifest, its signature and the zip directory and seal after them;
    # every 7th byte (and the first few) of the records
    offsets = [*range(manifest_start, len(data)), *range(0, records_start + 64),
               *range(records_start, manifest_start, 7)]
    bad = tmp_path / "bad.mjsync"
    for offset in sorted(set(offsets)):
        for flip in (0xFF, 0x01):
            changed = bytearray(data)
            changed[offset] ^= flip
            bad.write_bytes(bytes(changed))
            with pytest.raises(package.Rejected):
                package.read_package(bad, _trusted(b))
    # and through the importer, for a sample, the ward's store file keeps every byte
    before = file_hash(b)
    for offset in sorted(set(offsets))[::40]:
        changed = bytearray(data)
        changed[offset] ^= 0xFF
        bad.write_bytes(bytes(changed))
        result = importer.import_package(b, bad)
        assert result.status == importer.REJECTED and result.reason
    assert file_hash(b) == before
    assert importer.import_package(b, good).status == importer.IMPORTED


@pytest.mark.parametrize("case, reason", [
    ("truncated", "途中まで"),
    ("wrong_key", "署名が合いません"),
    ("other_trusted_key", "違う鍵"),
    ("missing_member", "欠けています"),
    ("extra_member", "ないはずのファイル"),
    ("undeclared_member", "マニフェストにない"),
    ("newer_schema", "新しい版"),
    ("newer_format", "新しい版"),
    ("dotdot", "危険なパス"),
    ("absolute", "危険なパス"),
    ("duplicate", "同じ名前"),
    ("bomb", "圧縮率"),
    ("bad_row", "不正"),
    ("bad_state", "同期情報"),
    ("unsealed", "封印"),
])
def test_a_hostile_or_broken_package_is_rejected_with_a_reason_and_the_store_keeps_every_byte(
        signed, tmp_path, case, reason):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    a, b, good, key = signed
    bad = tmp_path / f"{case}.mjsync"
    records = "records/issue.jsonl"
    if case == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    elif case == "wrong_key":
        _rebuild(good, bad, Ed25519PrivateKey.generate())
    elif case == "other_trusted_key":
        other = Ed25519PrivateKey.generate()
        pub = identity.public_raw(other)

        def swap(mf):
            mf["device"]["public_key"] = __import__("base64").b64encode(pub).decode()
            mf["device"]["fingerprint"] = identity.fingerprint(pub)
        _rebuild(good, bad, other, manifest_edit=swap)
    elif case == "missing_member":
        def drop(mf):
            mf["members"]["records/note.jsonl"] = {"sha256": "0" * 64, "size": 0}
        _rebuild(good, bad, key, members=lambda c: {n: d for n, d in c.items() if n != "records/note.jsonl"},
                 manifest_edit=drop)
    elif case == "extra_member":
        _rebuild(good, bad, key, extra=[("evil.exe", b"MZ")])
    elif case == "undeclared_member":
        def undeclare(mf):
            del mf["members"]["records/note.jsonl"]
        _rebuild(good, bad, key, manifest_edit=undeclare)
    elif case == "newer_schema":
        _rebuild(good, bad, key, manifest_edit=lambda mf: mf.update(schema_version=SCHEMA_VERSION + 2))
    elif case == "newer_format":
        _rebuild(good, bad, key, manifest_edit=lambda mf: mf.update(format_version=package.FORMAT_VERSION + 1))
    elif case in ("dotdot", "absolute", "duplicate"):
        name = {"dotdot": "records/../../etc/passwd", "absolute": "/etc/passwd", "duplicate": records}[case]
        with zipfile.ZipFile(good) as zf:
            payload = zf.read(records)
        with pytest.warns(UserWarning) if case == "duplicate" else _nothing():
            _rebuild(good, bad, key, extra=[(name, payload)])
    elif case == "bomb":
        zeros = bytes(50 << 20)
        _rebuild(good, bad, key, members=lambda c: {**c, records: zeros})
    elif case == "bad_row":
        _rebuild(good, bad, key, members=lambda c: {**c, records: c[records].replace(b'"priority":2', b'"priority":"2"', 1)})
    elif case == "bad_state":
        def forge(c):
            line, rest = c[records].split(b"\n", 1)
            row = json.loads(line)
            row["sync_state"] = json.dumps({"base": "0000000000001.000000.x"})
            return {**c, records: json.dumps(row).encode() + b"\n" + rest}
        _rebuild(good, bad, key, members=forge)
    elif case == "unsealed":
        with zipfile.ZipFile(good) as zf, zipfile.ZipFile(bad, "w") as out:
            for info in zf.infolist():
                out.writestr(info, zf.read(info))
    before, dumped = file_hash(b), dump(b)
    result = importer.import_package(b, bad)
    assert result.status == importer.REJECTED
    assert reason in result.reason, result.reason
    assert file_hash(b) == before and dump(b) == dumped


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_a_zip_bomb_within_the_ratio_still_stops_at_the_size_caps(signed, tmp_path):
    _, b, good, _ = signed
    result = importer.import_package(b, good, limits=package.Limits(max_member=512))
    assert result.status == importer.REJECTED and "大きすぎます" in result.reason


def test_a_failure_midway_leaves_none_of_the_packages_rows_and_importing_again_succeeds(signed, monkeypatch):
    a, b, good, _ = signed
    before = dump(b)
    calls = []
    real = importer.apply_chunk

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the issues are written; the note's chunk fails
            raise OSError("disk unplugged")
        return real(*args, **kwargs)

    triggers = _search_triggers(b)
    monkeypatch.setattr(importer, "apply_chunk", failing)
    with pytest.raises(OSError):
        importer.import_package(b, good)
    assert dump(b) == before and importer.ledger(b) == []
    assert _search_triggers(b) == triggers and triggers  # the rollback put them back
    monkeypatch.setattr(importer, "apply_chunk", real)
    result = importer.import_package(b, good)
    assert result.status == importer.IMPORTED and result.counts == {state.NEW: 4}
    assert dump(a) != before and Services(b).issues.count() == 3


# --------------------------------------------------------------------------- folders


def test_a_cloud_folder_with_copies_and_a_half_written_file_imports_the_rest(signed, tmp_path):
    a, b, good, _ = signed
    folder = tmp_path / "cloud"
    folder.mkdir()
    shutil.copy(good, folder / "komaba.mjsync")
    shutil.copy(good, folder / "komaba (1).mjsync")
    (folder / "half.mjsync").write_bytes(good.read_bytes()[:1000])
    (folder / ".komaba.mjsync.1234.part").write_bytes(b"partial")
    (folder / "readme.txt").write_text("not a package")
    c = open_store(tmp_path / "c.sqlite3", "端末C")
    try:
        identity.trust_card(b, identity.device_card(c))
        Services(c).issues.create({"organization_id": ORG, "title": "別の端末"})
        package.export_package(c, folder / "c.mjsync")
        progress = CancelAt()
        report = importer.import_paths(b, [folder], progress=progress)
    finally:
        c.close()
    status = {f.path.name: f.status for f in report.files}
    assert status == {"c.mjsync": "imported", "half.mjsync": "rejected",
                      "komaba.mjsync": "imported", "komaba (1).mjsync": "duplicate"}
    assert "途中まで" in next(f.reason for f in report.files if f.status == "rejected")
    totals = report.totals()
    assert (totals[state.NEW], totals["rejected"], totals["duplicate"]) == (5, 1, 1)
    assert progress.seen[0] == (0, 4, "c.mjsync") and progress.seen[-1] == (4, 4, "")
    assert "取り込み 2" in report.summary()


@pytest.mark.parametrize("copy", ["A1 (1)", "A1 (12)", "A1 (conflicted copy 2026-01-05)", "A1 - Copy",
                                  "A1 - コピー", "A1 - コピー (2)"])
def test_the_original_is_imported_and_recorded_before_its_cloud_copy(signed, tmp_path, copy):
    _, b, good, _ = signed
    folder = tmp_path / "cloud"
    folder.mkdir()
    shutil.copy(good, folder / f"{copy}.mjsync")
    shutil.copy(good, folder / "A1.mjsync")
    shutil.copy(good, folder / "A10.mjsync")  # another original whose name starts the same
    report = importer.import_paths(b, [folder])
    assert [(f.path.name, f.status) for f in report.files] == [
        ("A1.mjsync", "imported"), (f"{copy}.mjsync", "duplicate"), ("A10.mjsync", "duplicate")]
    assert [row["file_name"] for row in importer.ledger(b)] == ["A1.mjsync"]


def test_import_can_be_cancelled_between_files_keeping_the_files_before(signed, tmp_path):
    a, b, good, _ = signed
    before = dump(b)
    with pytest.raises(Cancelled) as cancelled:
        importer.import_paths(b, [good], progress=CancelAt(0))
    assert cancelled.value.partial.cancelled and cancelled.value.partial.files == []
    assert dump(b) == before
    folder = tmp_path / "two"
    folder.mkdir()
    shutil.copy(good, folder / "a1.mjsync")
    Services(a).issues.create({"organization_id": ORG, "title": "次の課題"})
    package.export_package(a, folder / "a2.mjsync", scope="changes")
    progress = CancelAt(1)  # cancelled while the first file is imported
    with pytest.raises(Cancelled) as cancelled:
        importer.import_paths(b, [folder], progress=progress)
    report = cancelled.value.partial
    assert report.cancelled and [(f.path.name, f.status) for f in report.files] == [("a1.mjsync", "imported")]
    assert progress.seen == [(0, 2, "a1.mjsync")]
    assert [row["file_name"] for row in importer.ledger(b)] == ["a1.mjsync"]
    assert importer.import_paths(b, [folder]).totals()[importer.IMPORTED] == 1  # the second, later


# --------------------------------------------------------------------------- ward workflow


def test_the_ward_answers_a_request_and_the_laptop_sees_the_answer_from_the_ward_bundle(tmp_path):
    import datetime as dt

    laptop = open_store(tmp_path / "laptop.sqlite3", "駒場町会PC")
    ward = open_store(tmp_path / "ward.sqlite3", "地域振興課")
    try:
        identity.trust_card(ward, identity.device_card(laptop))
        req = issue(Services(laptop), "公園のベンチを増やしてほしい", is_request=True, status="requested")
        send(laptop, ward, tmp_path, "laptop")
        Services(ward).issues.update(req.id, {"ward_answer": "来年度に2基設置します。",
                                              "answered_on": dt.date(2025, 6, 1), "status": "in_progress"})
        with pytest.raises(UserError):  # a laptop hands out no bundle
            package.export_package(laptop, tmp_path / "laptop-bundle.mjsync", scope="bundle")
        assert not (tmp_path / "laptop-bundle.mjsync").exists()
        identity.set_ward_office(ward, True)
        package.export_package(ward, tmp_path / "ward-bundle.mjsync", scope="bundle")
        # the laptop has not trusted the ward yet: held, then imported once trusted
        assert importer.import_package(laptop, tmp_path / "ward-bundle.mjsync").status == importer.QUARANTINED
        identity.trust_card(laptop, identity.device_card(ward))
        report = importer.import_quarantined(laptop)
        assert report.files[0].counts[state.UPDATED] == 1
        got = Services(laptop).issues.get(req.id)
        assert (got.ward_answer, got.answered_on, got.status) == ("来年度に2基設置します。", dt.date(2025, 6, 1), "in_progress")
        assert dump(laptop) == dump(ward)
    finally:
        laptop.close()
        ward.close()


# --------------------------------------------------------------------------- CLI


def test_cli_device_trust_export_import_conflicts_and_resolve(tmp_path, capsys):
    from meguro_jukyo.cli import main

    a_db, b_db = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    for db, name in ((a_db, "A"), (b_db, "B")):
        assert main(["--db", db, "init", "--device-name", name]) == 0
    assert main(["--db", a_db, "device", "set", "--organization", "駒場町会"]) == 0
    assert main(["--db", a_db, "device", "card", str(tmp_path / "a.card")]) == 0
    assert main(["--db", b_db, "device", "card", str(tmp_path / "b.card")]) == 0
    capsys.readouterr()
    assert main(["--db", a_db, "device", "show"]) == 0
    shown = capsys.readouterr().out
    assert "駒場町会" in shown and "区の端末: いいえ" in shown
    assert main(["--db", a_db, "sync", "export", "--bundle", str(tmp_path / "bundle.mjsync")]) == 1
    assert "区の端末だけ" in capsys.readouterr().err and not (tmp_path / "bundle.mjsync").exists()
    assert main(["--db", b_db, "device", "set", "--ward"]) == 0
    assert main(["--db", b_db, "sync", "export", "--bundle", str(tmp_path / "bundle.mjsync")]) == 0
    assert main(["--db", b_db, "device", "set", "--not-ward"]) == 0
    capsys.readouterr()
    assert main(["--db", b_db, "device", "show"]) == 0 and "区の端末: いいえ" in capsys.readouterr().out
    (tmp_path / "bundle.mjsync").unlink()
    (tmp_path / "copy").mkdir()
    shutil.copy(a_db, tmp_path / "copy" / "a.sqlite3")  # without a.sqlite3.key
    copy_db = str(tmp_path / "copy" / "a.sqlite3")
    assert main(["--db", copy_db, "sync", "export", str(tmp_path / "forged.mjsync")]) == 1
    assert "device new" in capsys.readouterr().err and not (tmp_path / "forged.mjsync").exists()
    assert main(["--db", copy_db, "device", "new"]) == 0
    assert "新しい端末" in capsys.readouterr().out
    assert main(["--db", copy_db, "sync", "export", str(tmp_path / "new.mjsync")]) == 0
    with Store.open(a_db) as a:
        made = issue(Services(a))
    assert main(["--db", a_db, "sync", "export", str(tmp_path / "a1.mjsync")]) == 0
    assert main(["--db", b_db, "sync", "import", str(tmp_path / "a1.mjsync")]) == 3  # held
    out, err = capsys.readouterr()
    assert "保留" in out
    assert err.count("\n") == 1 and err.startswith(f"meguro-jukyo: 保留: {tmp_path / 'a1.mjsync'}: 信頼していない端末")
    assert main(["--db", b_db, "trust", str(tmp_path / "a.card")]) == 0
    assert "新規 1" in capsys.readouterr().out
    assert main(["--db", a_db, "trust", str(tmp_path / "b.card")]) == 0
    for db, title in ((a_db, "Aの題"), (b_db, "Bの題")):
        with Store.open(db) as s:
            Services(s).issues.update(made.id, {"title": title})
    assert main(["--db", a_db, "sync", "export", str(tmp_path / "a2.mjsync")]) == 0
    capsys.readouterr()
    assert main(["--db", b_db, "sync", "import", str(tmp_path / "a2.mjsync"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["conflicts"] == 1
    assert main(["--db", b_db, "conflicts", "--json"]) == 0
    [c] = json.loads(capsys.readouterr().out)
    assert main(["--db", b_db, "conflicts"]) == 0
    assert c["id"] in capsys.readouterr().out
    assert main(["--db", b_db, "resolve", c["id"], "--keep", "mine"]) == 0
    assert main(["--db", b_db, "conflicts"]) == 0
    assert "競合はありません" in capsys.readouterr().out
    with Store.open(b_db) as b:
        assert Services(b).issues.get(made.id).title == "Bの題"
    (tmp_path / "broken.mjsync").write_bytes(b"PK\x03\x04")
    capsys.readouterr()
    assert main(["--db", b_db, "sync", "import", str(tmp_path / "broken.mjsync")]) == 4  # rejected
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"meguro-jukyo: 拒否: {tmp_path / 'broken.mjsync'}: ")
    assert len(err.split(": ", 3)[3].strip()) > 5  # the reason itself, not "see above"
    # held and rejected in one run: rejected is the status, and both reasons are on stderr
    c_db = str(tmp_path / "c.sqlite3")
    assert main(["--db", c_db, "init", "--device-name", "C"]) == 0
    with Store.open(c_db) as c:
        issue(Services(c), "Cの題")
    assert main(["--db", c_db, "sync", "export", str(tmp_path / "c.mjsync")]) == 0
    capsys.readouterr()
    assert main(["--db", b_db, "sync", "import", str(tmp_path / "broken.mjsync"), str(tmp_path / "c.mjsync")]) == 4
    err = capsys.readouterr().err
    assert "拒否: " in err and "保留: " in err and err.count("\n") == 2
    # nothing to import at all is a plain problem: 1
    (tmp_path / "empty").mkdir()
    assert main(["--db", b_db, "sync", "import", str(tmp_path / "empty")]) == 1
