"""The yearly handover (引き継ぎ): write it on the old laptop, import it on the new one.

Imports inside functions: each handler imports only what its own command uses, so that
``meguro-jukyo --help``, the other commands and the GUI start without loading it (SQLAlchemy and
the models take about a second, openpyxl and Qt's printing more).
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import UserError

#: exit status when the fingerprint was not given: nothing done, the person must compare it first
NEEDS_FINGERPRINT = 3


def register(sub) -> None:
    p = sub.add_parser("handover", help="年度の引き継ぎファイルを書き出す・新しい端末で取り込む")
    hsub = p.add_subparsers(dest="handover_command", metavar="SUBCOMMAND", required=True)
    q = hsub.add_parser("write", help="組織のすべての記録と信頼している端末を引き継ぎファイルに書き出す")
    q.add_argument("out", type=Path, metavar="OUT.mjhandover")
    q.add_argument("--organization", required=True, metavar="NAME_OR_ID", help="組織の名前か ID")
    q.add_argument("--nendo", type=int, required=True, metavar="YEAR", help="引き継ぐ年度（西暦で: 2025 は令和7年度）")
    q.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="引き継ぎ書（読むための PDF）も書き出す")
    q.add_argument("--personal", action="store_true", help="引き継ぎ書に役員とアクションの担当者の氏名を載せる（個人情報）")
    q.set_defaults(handler=cmd_handover_write)
    q = hsub.add_parser("import", help="引き継ぎファイルを取り込み、前の端末の続きから使う")
    q.add_argument("file", type=Path, metavar="FILE.mjhandover")
    q.add_argument("--fingerprint", metavar="FP",
                   help="前の端末の指紋（前の端末の「device show」か引き継ぎ書で確かめたもの）")
    q.set_defaults(handler=cmd_handover_import)


def _organization_id(store, given: str) -> str:
    from sqlalchemy import or_, select

    from ..core import models as m

    t = m.Organization.__table__
    with store.engine.connect() as con:
        ids = list(con.execute(select(t.c.id).where(or_(t.c.id == given, t.c.name == given), t.c.deleted.is_(False))).scalars())
    if len(ids) != 1:
        raise UserError(f"組織「{given}」が{'見つかりません' if not ids else '一つに決まりません（ID で指定してください）'}。",
                        f"Organization {given!r} {'not found' if not ids else 'is ambiguous (give its id)'}.")
    return ids[0]


def cmd_handover_write(args) -> int:
    from ..core.db import Store
    from ..core.sync.handover import write_handover

    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise UserError("引き継ぎ書は .pdf のファイル名で指定してください。", "Give the reading copy a .pdf name.")
    with Store.open(args.db, holder="meguro-jukyo handover write") as store:
        org_id = _organization_id(store, args.organization)
        written = write_handover(store, args.out, organization_id=org_id, nendo=args.nendo)
        if args.pdf is not None:
            from ..core.exchange.handover_report import build_handover_report
            from ..core.services import Services
            from ..qt.meeting.minutes_pdf import write_minutes_pdf_headless  # Qt only when a PDF is asked for

            report = build_handover_report(Services(store), org_id, args.nendo,
                                           fingerprint=written.sender.fingerprint, personal=args.personal)
            write_minutes_pdf_headless(report, args.pdf)
            print(f"引き継ぎ書を書き出しました: {args.pdf}")
    c = written.counts
    print(f"引き継ぎファイルを書き出しました: {args.out}")
    print(f"{written.organization_name} {written.nendo}年度: 未解決の課題 {c['open_issues']}件、"
          f"未完了のアクション {c['open_actions']}件、会議 {c['meetings']}回、決定 {c['decisions']}件、"
          f"区への要望 {c['requests']}件（回答あり {c['answered']}件）")
    print(f"この端末の指紋: {written.sender.fingerprint}（新しい端末で取り込むときに読み合わせてください）")
    return 0


def cmd_handover_import(args) -> int:
    import sys

    from ..core.db import Store
    from ..core.sync.handover import import_handover, read_handover

    if not args.fingerprint:
        summary = read_handover(args.file)  # the summary only: the records stay in the file
        sender = summary.sender
        print(f"{summary.organization_name} {summary.nendo}年度の引き継ぎファイルです（{sender.name or sender.device_id}）。",
              file=sys.stderr)
        print(f"前の端末の指紋: {sender.fingerprint}", file=sys.stderr)
        print("前の端末の画面で同じ指紋か確かめてから、--fingerprint で指定してもう一度実行してください。",
              file=sys.stderr)
        return NEEDS_FINGERPRINT
    with Store.open(args.db, create=True, holder="meguro-jukyo handover import") as store:
        got = import_handover(store, args.file, fingerprint=args.fingerprint)
    h = got.handover
    print(f"取り込みました: {h.organization_name} {h.nendo}年度（{sum(got.result.counts.values())}件の記録）")
    for card in got.trusted:
        print(f"信頼しました: {card.name or card.device_id}（{card.organization}）指紋 {card.fingerprint}")
    for card, why in got.left_out:
        print(f"信頼しませんでした: {card.name or card.device_id}: {why}", file=sys.stderr)
    return 0
