"""Sync commands: device identity and trust, packages out and in, the conflict queue.

Imports inside functions: each handler imports only what its own command uses, so that
``meguro-jukyo --help``, the other commands and the GUI start without loading it (SQLAlchemy and
the models take about a second, openpyxl and Qt's printing more).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("device", help="この端末の名前・指紋・端末カード")
    dsub = p.add_subparsers(dest="device_command", metavar="SUBCOMMAND", required=True)
    q = dsub.add_parser("show", help="端末 ID・名前・所属・鍵の指紋を表示する")
    q.set_defaults(handler=cmd_device_show)
    q = dsub.add_parser("card", help="端末カード（区に渡す公開鍵と指紋）を書き出す")
    q.add_argument("out", type=Path)
    q.set_defaults(handler=cmd_device_card)
    q = dsub.add_parser("set", help="端末の名前・所属を設定する")
    q.add_argument("--name", help="端末の名前（例: 中央町会ノートPC）")
    q.add_argument("--organization", help="所属（例: 目黒区 地域振興課、○○町会）")
    role = q.add_mutually_exclusive_group()
    role.add_argument("--ward", action="store_true", default=None,
                      help="区の端末にする（区の配布用ファイルを書き出せるようになる）")
    role.add_argument("--not-ward", dest="ward", action="store_false", help="区の端末でなくする")
    q.set_defaults(handler=cmd_device_set)
    q = dsub.add_parser("new", help="新しい端末 ID と鍵にする（鍵ファイルなしでコピーしたデータを使うとき）")
    q.set_defaults(handler=cmd_device_new)

    p = sub.add_parser("trust", help="端末カードの端末を信頼し、保留中のファイルを取り込む")
    p.add_argument("card", type=Path)
    p.add_argument("--replace", action="store_true", help="別の鍵で信頼済みの端末の鍵を置き換える")
    p.set_defaults(handler=cmd_trust)

    p = sub.add_parser("sync", help="同期ファイル（.mjsync）を書き出す・取り込む")
    ssub = p.add_subparsers(dest="sync_command", metavar="SUBCOMMAND", required=True)
    q = ssub.add_parser("export", help="この端末の変更を同期ファイルに書き出す")
    q.add_argument("out", type=Path)
    scope = q.add_mutually_exclusive_group()
    scope.add_argument("--all", action="store_true", help="この端末の変更だけでなくデータ全体")
    scope.add_argument("--bundle", action="store_true", help="区から各端末へ配る束（回答と共有する記録）")
    q.set_defaults(handler=cmd_sync_export)
    q = ssub.add_parser("import", help="同期ファイルやフォルダーを取り込む")
    q.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    q.add_argument("--json", action="store_true", help="結果を JSON で出力する")
    q.set_defaults(handler=cmd_sync_import)

    p = sub.add_parser("conflicts", help="同期の競合の一覧")
    p.add_argument("--json", action="store_true", help="JSON で出力する")
    p.set_defaults(handler=cmd_conflicts)

    p = sub.add_parser("resolve", help="同期の競合を解決する")
    p.add_argument("id", help="競合の ID（先頭 8 文字以上）")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", choices=("mine", "theirs"), help="mine: この端末の値 / theirs: 相手の値")
    how.add_argument("--value", help="新しい値を書く")
    p.set_defaults(handler=cmd_resolve)


def _open(args, **kwargs):
    from ..core.db import Store

    return Store.open(args.db, holder=f"meguro-jukyo {args.command}", **kwargs)


def _open_for_key(args):
    """For device show/card: read-only (so beside the open window too) once this device's key
    exists and its fingerprint is recorded; the first time, they make and record the key, which
    needs the store opened for writing."""
    from ..core.errors import StoreError
    from ..core.sync.identity import key_recorded

    try:
        store = _open(args, write=False)
    except StoreError:  # e.g. an older schema, which only a writer upgrades
        return _open(args)
    if key_recorded(store):
        return store
    store.close()
    return _open(args)


def cmd_device_show(args) -> int:
    from ..core.sync.identity import device_card, is_ward_office, key_path

    with _open_for_key(args) as store:
        card = device_card(store)
        print(f"端末 ID: {card.device_id}")
        print(f"名前: {card.name or '（未設定）'}")
        print(f"所属: {card.organization or '（未設定）'}")
        print(f"区の端末: {'はい' if is_ward_office(store) else 'いいえ'}")
        print(f"指紋: {card.fingerprint}")
        print(f"鍵: {key_path(store)}")
    return 0


def cmd_device_card(args) -> int:
    from ..core.sync.identity import write_card

    with _open_for_key(args) as store:
        card = write_card(store, args.out)
    print(f"端末カードを書き出しました: {args.out}")
    print(f"指紋: {card.fingerprint}（受け取った人と読み合わせてください）")
    return 0


def cmd_device_set(args) -> int:
    from ..core.sync.identity import set_organization, set_ward_office

    if args.name is None and args.organization is None and args.ward is None:
        raise UserError("--name、--organization、--ward のどれかを指定してください。",
                        "Give --name, --organization or --ward.")
    with _open(args) as store:
        if args.name is not None:
            store.set_device_name(args.name)
        if args.organization is not None:
            set_organization(store, args.organization)
        if args.ward is not None:
            set_ward_office(store, args.ward)
    print("設定しました。")
    return 0


def cmd_device_new(args) -> int:
    from ..core.sync.identity import new_device

    with _open(args) as store:
        old = store.device_id
        card = new_device(store)
    print(f"新しい端末になりました: 端末 ID {old} → {card.device_id}")
    print(f"指紋: {card.fingerprint}（端末カードを書き出して、区で改めて信頼してもらってください）")
    return 0


def cmd_trust(args) -> int:
    from ..core.sync.identity import read_card, trust_card
    from ..core.sync.importer import import_quarantined

    card = read_card(args.card)
    with _open(args) as store:
        trust_card(store, card, replace=args.replace)
        print(f"信頼しました: {card.name or card.device_id}（{card.organization}）指紋 {card.fingerprint}")
        report = import_quarantined(store)
    if report.files:
        _print_report(report)
    return 0


def cmd_sync_export(args) -> int:
    from ..core.sync.package import export_package

    scope = "bundle" if args.bundle else "all" if args.all else "changes"
    with _open(args) as store:
        result = export_package(store, args.out, scope=scope)
    total = sum(result.counts.values())
    print(f"書き出しました: {result.path}（{total} 件）")
    return 0


#: `sync import` exit statuses beyond 0 (all imported or already there), 1 (a problem you can act
#: on: nothing to import, a store that cannot be opened) and 2 (wrong usage); see README
EXIT_HELD = 3  # some files are from devices not trusted yet, and are held (none rejected)
EXIT_REJECTED = 4  # some files were rejected (others may be held)
_LABELS = {"imported": "取り込み", "duplicate": "重複", "quarantined": "保留", "rejected": "拒否"}


def _print_report(report) -> None:
    for f in report.files:
        counts = "、".join(f"{k} {v}" for k, v in sorted(f.counts.items()) if v)
        line = f"{_LABELS[f.status]}\t{f.name}"
        if counts:
            line += f"\t{counts}"
        if f.reason:
            line += f"\t{f.reason}"
        print(line)
    print(report.summary())


def cmd_sync_import(args) -> int:
    from ..core.sync.importer import QUARANTINED, REJECTED, import_paths

    with _open(args) as store:
        report = import_paths(store, args.paths)
    if args.json:
        json.dump({"files": [{"path": str(f.path), "status": f.status, "counts": dict(f.counts),
                              "reason": f.reason, "device_id": f.device_id, "device_name": f.device_name,
                              "fingerprint": f.fingerprint, "sha256": f.sha256} for f in report.files],
                   "totals": dict(report.totals())}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_report(report)
    if not report.files:
        raise UserError("取り込む同期ファイル（.mjsync）が見つかりません。", "No sync packages (.mjsync) found.")
    statuses = {f.status for f in report.files}
    for f in report.files:  # a script reading stderr sees every file it must look at, and why
        if f.status in (QUARANTINED, REJECTED):
            print(f"meguro-jukyo: {_LABELS[f.status]}: {f.path}: {f.reason}", file=sys.stderr)
    return EXIT_REJECTED if REJECTED in statuses else EXIT_HELD if QUARANTINED in statuses else 0


def cmd_conflicts(args) -> int:
    from ..core.sync.conflicts import list_conflicts

    with _open(args, write=False) as store:
        conflicts = list_conflicts(store)
    if args.json:
        json.dump([c.to_json() for c in conflicts], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not conflicts:
        print("競合はありません。")
        return 0
    for c in conflicts:
        state = "（削除済み）" if c.deleted else ""
        print(f"{c.id}\t{c.entity}\t{c.title}{state}\t{c.field}")
        for tag, v in (("いま", c.current), *(("競合", o) for o in c.others)):
            shown = "（削除）" if v.deletion else json.dumps(v.value, ensure_ascii=False)
            who = v.device_name or v.device_id
            mine = "・この端末" if v.mine else ""
            print(f"  {tag}: {shown}\t{who}{mine} {v.written_at:%Y-%m-%d %H:%M} UTC")
    return 0


def cmd_resolve(args) -> int:
    from ..core.sync.conflicts import resolve_conflict

    with _open(args) as store:
        if args.keep:
            c = resolve_conflict(store, args.id, keep=args.keep)
        else:
            c = resolve_conflict(store, args.id, value=args.value)
    print(f"解決しました: {c.title}（{c.field}）")
    return 0
