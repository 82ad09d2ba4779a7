"""The store's own commands: init, policy, dump, check, search, backup, restore.

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
    p = sub.add_parser("init", help="データを作る（--demo でサンプルデータ入り）")
    p.add_argument("--demo", nargs="?", const="small", choices=("small", "ward"),
                   help="サンプルデータを入れる: small（既定）か ward（区全体の規模）")
    p.add_argument("--device-name", help="この端末の名前")
    p.add_argument("--seed", type=int, default=2022, help="サンプルデータの乱数の種")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("policy", help="区基本計画の施策立案の視点を表示する")
    p.add_argument("--json", action="store_true", help="JSON で全文を出力する")
    p.set_defaults(handler=cmd_policy)

    p = sub.add_parser("dump", help="データ全体を正準形の JSON で出力する")
    p.add_argument("--json", action="store_true", required=True, help="JSON で出力する（必須）")
    p.add_argument("--out", type=Path, help="書き出すファイル（既定: 標準出力）")
    p.set_defaults(handler=cmd_dump)

    p = sub.add_parser("check", help="データの整合性を検査する")
    p.add_argument("--repair", action="store_true", help="検索索引を作り直し、集計ページの件数が記録と合わなければ数え直す")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("search", help="地域課題・議事メモなどを全文検索する")
    p.add_argument("text", help="探す言葉（1文字から）")
    p.add_argument("--kind", action="append",
                   choices=("issue", "note", "meeting", "action_item", "organization"))
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("backup", help="バックアップを作る")
    p.add_argument("--to", type=Path, help="書き出すファイル（既定: データの隣の -backups フォルダー）")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="バックアップから戻す（今のデータは先にバックアップされます）")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_restore)


def _open(args, **kwargs):
    from ..core.db import Store

    return Store.open(args.db, holder=f"meguro-jukyo {args.command}", **kwargs)


def cmd_init(args) -> int:
    from ..core.db import Store, resolve_location

    store = Store.open(resolve_location(args.db), create=True, device_name=args.device_name)
    made = store.created
    with store:
        if args.demo:
            from ..core.demo import load_demo

            counts = load_demo(store, size=args.demo, seed=args.seed)
            summary = "、".join(f"{k} {v}件" for k, v in counts.items())
            print(f"サンプルデータを入れました: {summary}")
        print(("作成しました: " if made else "開きました: ") + store.location)
    return 0


def cmd_policy(args) -> int:
    from ..core.policy import load_framework

    fw = load_framework()
    if args.json:
        json.dump(fw.to_json_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"{fw.title}（{fw.plan_id}）")
    depth = {"policy": 0, "approach": 1, "viewpoint": 2, "item": 3}
    for node in fw.nodes:
        indent = "  " * depth[node.level]
        if node.level == "item":
            print(f"{indent}{node.id} ○{node.text}")
        else:
            print(f"{indent}{node.id} {node.label} {node.title}")
    return 0


def cmd_dump(args) -> int:
    from ..core.exchange.dump import write_dump

    store = _open(args, write=False)
    with store:
        if args.out:
            from ..core.files import atomic_text

            with atomic_text(args.out) as fh:
                write_dump(store, fh)
        else:
            write_dump(store, sys.stdout)
    return 0


def cmd_check(args) -> int:
    from ..core.check import check_store

    store = _open(args, write=args.repair, quick_check=True)  # a damaged file: one line, not a traceback
    with store:
        if args.repair:
            from ..core.search_index import rebuild

            with store.engine.begin() as con:
                n = rebuild(con)
            print(f"検索索引を作り直しました（{n} 件）。")
            from ..core import summary

            with store.engine.begin() as con:
                drifted = summary.check(con)
                if drifted:
                    summary.rebuild(con)
            if drifted:
                print(f"集計ページの件数を記録から数え直しました（{len(drifted)} 件の違い）。")
        problems = check_store(store)
    if not problems:
        print("問題はありません。")
        return 0
    for p in problems:
        print(f"- {p.what}{'：' + p.detail if p.detail else ''}")
    raise UserError(f"{len(problems)} 件の問題が見つかりました。", f"{len(problems)} problems found.")


def cmd_search(args) -> int:
    from ..core.search import search

    if args.limit < 1:
        raise UserError("--limit は 1 以上にしてください。", "--limit must be at least 1.")
    store = _open(args, write=False)
    with store, store.engine.connect() as con:
        hits = search(con, args.text, kinds=tuple(args.kind) if args.kind else None, limit=args.limit)
    for h in hits:
        print(f"{h.kind}\t{h.ref_id}\t{h.title}")
    if not hits:
        print("見つかりませんでした。", file=sys.stderr)
    return 0


def cmd_backup(args) -> int:
    store = _open(args, write=False)  # a copy is read from the store, never written to it
    with store:
        path = store.backup(args.to)
    print(f"バックアップしました: {path}")
    return 0


def cmd_restore(args) -> int:
    store = _open(args)
    with store:
        safety = store.restore(args.file)
    print(f"{args.file} から戻しました。戻す前のデータは {safety} にあります。")
    return 0
