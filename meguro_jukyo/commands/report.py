"""``meguro-jukyo report viewpoints --nendo 2026 OUT.pdf|OUT.xlsx``: the report per 施策立案の視点.

Excel is written by the core; the PDF by Qt's own PDF writer (the minutes' writer: the report has
the minutes' shape), imported here only when a PDF is asked for.

Imports inside functions: each handler imports only what its own command uses, so that
``meguro-jukyo --help``, the other commands and the GUI start without loading it (SQLAlchemy and
the models take about a second, openpyxl and Qt's printing more).
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("report", help="報告書を書き出す")
    kinds = p.add_subparsers(dest="report", metavar="REPORT", required=True)
    v = kinds.add_parser("viewpoints", help="施策立案の視点ごとの地域課題の報告（年度、PDF か Excel）")
    v.add_argument("--nendo", type=int, required=True, metavar="YEAR", help="年度（西暦、例: 2026 は令和8年度）")
    v.add_argument("out", metavar="OUT", type=Path, help="書き出すファイル（.pdf か .xlsx）")
    v.add_argument("--seireki", action="store_true", help="日付を西暦で書く（既定は和暦）")
    v.set_defaults(handler=cmd_viewpoints)


def cmd_viewpoints(args) -> int:
    from ..core.db import Store
    from ..core.exchange.viewpoint_report import (
        FORMATS,
        build_viewpoint_report,
        write_viewpoint_report,
    )
    from ..core.policy import load_framework
    from ..core.services import Services

    if args.out.suffix.lower() not in FORMATS:
        raise UserError(f"書き出すファイルの拡張子は .pdf か .xlsx にしてください: {args.out}",
                        f"The output file must end in .pdf or .xlsx: {args.out}")
    if not 1989 <= args.nendo <= 2200:
        raise UserError(f"年度は西暦の4桁で指定してください（例: 2026）: {args.nendo}",
                        f"Give the fiscal year as four digits (e.g. 2026): {args.nendo}")
    with Store.open(args.db, write=False, holder="meguro-jukyo report") as store:
        report = build_viewpoint_report(Services(store), load_framework(), args.nendo, era=not args.seireki)

    def pdf(report, dest):  # Qt only when a PDF is asked for
        from ..qt.meeting.minutes_pdf import write_minutes_pdf_headless

        return write_minutes_pdf_headless(report, dest)

    write_viewpoint_report(report, args.out, pdf)
    print(f"視点別の報告を書き出しました: {args.out}")
    return 0
