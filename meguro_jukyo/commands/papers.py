"""``meguro-jukyo agenda|signin|circular MEETING_ID OUT.pdf``: the papers of one meeting
besides its minutes (次第, 出席簿, 回覧板). Qt paints the PDF, so it is imported in the handler.

Imports inside functions: each handler imports only what its own command uses, so that
``meguro-jukyo --help``, the other commands and the GUI start without loading it (SQLAlchemy and
the models take about a second, openpyxl and Qt's printing more).
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import UserError

PAPERS = {
    "agenda": ("次第", "会議の次第（議題・予定時間・持参資料）を PDF で書き出す"),
    "signin": ("出席簿", "出席簿（会員ごとの行と押印欄）を PDF で書き出す"),
    "circular": ("回覧板", "回覧板用のお知らせ（A4 1枚、個人情報なし）を PDF で書き出す"),
}


def register(sub) -> None:
    for command, (_, help_text) in PAPERS.items():
        p = sub.add_parser(command, help=help_text)
        p.add_argument("meeting_id", metavar="MEETING_ID", help="会議の ID")
        p.add_argument("out", metavar="OUT", type=Path, help="書き出すファイル（.pdf）")
        p.add_argument("--seireki", action="store_true", help="日付を西暦で書く（既定は和暦）")
        p.add_argument("--pdfa", action="store_true", help="保存用に PDF/A-1b で書く")
        if command == "agenda":
            p.add_argument("--bring", action="append", default=[], metavar="資料",
                           help="持参する資料（繰り返し指定できます）")
            p.add_argument("--since", action="store_true",
                           help="前回の会議からの経過（宿題・課題・区の回答・継続審議）を1ページ目に付ける")
        if command == "signin":
            p.add_argument("--names", action="store_true",
                           help="登録された出席者の氏名を印刷する（個人情報。既定は空欄）")
        p.set_defaults(handler=cmd_paper)


def cmd_paper(args) -> int:
    from ..core.db import Store
    from ..core.exchange import papers
    from ..core.services import Services

    name = PAPERS[args.command][0]
    if args.out.suffix.lower() != ".pdf":
        raise UserError(f"{name}は PDF で書き出します。拡張子を .pdf にしてください: {args.out}",
                        f"The {args.command} is written as PDF: the file must end in .pdf: {args.out}")
    era = not args.seireki
    with Store.open(args.db, write=False, holder=f"meguro-jukyo {args.command}") as store:
        services = Services(store)
        since = None
        content: papers.Agenda | papers.SignInSheet | papers.Circular
        if args.command == "agenda":
            content = papers.build_agenda(services, args.meeting_id, tuple(args.bring), era=era)
            if args.since:
                since = papers.build_since_page(services, args.meeting_id, era=era)
        elif args.command == "signin":
            content = papers.build_sign_in(services, args.meeting_id, names=args.names, era=era)
        else:
            content = papers.build_circular(services, args.meeting_id, era=era)
    from ..qt import papers as layout
    from ..qt.paper import gui_app, write_pdf

    app = gui_app()  # noqa: F841 — held while the PDF is painted
    if isinstance(content, papers.Agenda):
        paper = layout.agenda_paper(content, since)
    elif isinstance(content, papers.SignInSheet):
        paper = layout.sign_in_paper(content)
    else:
        paper = layout.circular_paper(content)
    write_pdf(paper, args.out, archive=args.pdfa)
    print(f"{name}を書き出しました: {args.out}")
    return 0
