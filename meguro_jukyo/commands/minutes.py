"""``meguro-jukyo minutes MEETING_ID OUT.pdf|OUT.xlsx``: the minutes of one meeting.

Excel is written by the core. The PDF is Qt's own PDF writer, so Qt is imported here, inside
the handler, only when a PDF is asked for: importing the CLI stays free of Qt.

Imports inside functions: each handler imports only what its own command uses, so that
``meguro-jukyo --help``, the other commands and the GUI start without loading it (SQLAlchemy and
the models take about a second, openpyxl and Qt's printing more).
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import UserError

FORMATS = (".pdf", ".xlsx")


def register(sub) -> None:
    p = sub.add_parser("minutes", help="会議の議事録を PDF か Excel で書き出す")
    p.add_argument("meeting_id", metavar="MEETING_ID", help="会議の ID")
    p.add_argument("out", metavar="OUT", type=Path, help="書き出すファイル（.pdf か .xlsx）")
    p.add_argument("--seireki", action="store_true", help="日付を西暦で書く（既定は和暦）")
    p.add_argument("--attendees", action="store_true",
                   help="出席者の氏名を載せる（役員会は常に載せる。総会などは指定したときだけ）")
    p.add_argument("--pdfa", action="store_true", help="保存用に PDF/A-1b で書く（PDF のとき）")
    p.set_defaults(handler=cmd_minutes)


def cmd_minutes(args) -> int:
    from ..core.db import Store
    from ..core.exchange.minutes import build_minutes
    from ..core.services import Services

    suffix = args.out.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(
            f"書き出すファイルの拡張子は .pdf か .xlsx にしてください: {args.out}",
            f"The output file must end in .pdf or .xlsx: {args.out}",
        )
    with Store.open(args.db, write=False, holder="meguro-jukyo minutes") as store:
        minutes = build_minutes(Services(store), args.meeting_id, era=not args.seireki,
                                with_attendees=args.attendees)
    if suffix == ".xlsx":
        from ..core.exchange.minutes_xlsx import write_minutes_xlsx

        write_minutes_xlsx(minutes, args.out)
    else:
        from ..qt.meeting.minutes_pdf import write_minutes_pdf_headless

        write_minutes_pdf_headless(minutes, args.out, archive=args.pdfa)
    print(f"議事録を書き出しました: {args.out}")
    return 0
