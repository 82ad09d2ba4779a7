"""Excel and open data: export xlsx, template, import xlsx, opendata.

Imports inside functions: each handler imports only what its own command uses, so that
``meguro-jukyo --help``, the other commands and the GUI start without loading it (SQLAlchemy and
the models take about a second, openpyxl and Qt's printing more).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("export", help="Excel のブックに書き出す")
    fmt = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    q = fmt.add_parser("xlsx", help="事務局向けの Excel ブック（概要・地域課題・会議・議事・アクション・視点別）")
    q.add_argument("out", type=Path, metavar="OUT", help="書き出すファイル（.xlsx）")
    q.add_argument("--org", action="append", default=[], metavar="ID", help="この組織だけ（何度でも指定できます）")
    q.add_argument("--district", metavar="CODE", help="この地区だけ（north, east, central, south, west）")
    q.add_argument("--nendo", type=int, metavar="YEAR", help="この年度だけ（西暦で: 2025 は令和7年度）")
    q.add_argument("--from", dest="date_from", metavar="DATE", help="この日から（令和7年4月1日、2025-04-01 など）")
    q.add_argument("--to", dest="date_to", metavar="DATE", help="この日まで")
    q.add_argument("--status", action="append", default=[], metavar="STATUS",
                   help="地域課題の状況（raised, discussing, … または 提起・協議中 など。何度でも指定できます）")
    q.add_argument("--category", action="append", default=[], metavar="CATEGORY",
                   help="地域課題の分野（disaster, crime, … または 防災・防犯 など。何度でも指定できます）")
    q.add_argument("--personal", action="store_true",
                   help="個人情報（出席者・進行役・発言者・担当者の名前）も書き出す（記録に残ります）")
    q.add_argument("--seireki", action="store_true", help="日付を西暦で表示する（既定は和暦）")
    q.set_defaults(handler=cmd_export_xlsx)

    p = sub.add_parser("template", help="地域課題・アクションの記入用ひな形（Excel）を書き出す")
    p.add_argument("out", type=Path, metavar="OUT")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("import", help="Excel のブック（ひな形・書き出したブック）を取り込む")
    fmt = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    q = fmt.add_parser("xlsx", help="地域課題・アクションのシートを確かめて取り込む")
    q.add_argument("file", type=Path, metavar="FILE")
    q.add_argument("--dry-run", action="store_true", help="確かめるだけで書き込まない")
    q.add_argument("--valid-only", action="store_true", help="問題のない行だけを取り込む")
    q.set_defaults(handler=cmd_import_xlsx)

    p = sub.add_parser("opendata", help="オープンデータ（CSV、個人情報なし）を書き出す")
    p.add_argument("outdir", type=Path, metavar="OUTDIR")
    p.add_argument("--contact", default=None, help="README に書く問い合わせ先（既定: 目黒区 区民生活部 地域振興課）")
    p.add_argument("--check", action="store_true",
                   help="書き出さず、OUTDIR にあるファイルを項目定義（opendata_schema.json）と照らし合わせる")
    p.set_defaults(handler=cmd_opendata)


def _open(args, **kwargs):
    from ..core.db import Store

    return Store.open(args.db, holder=f"meguro-jukyo {args.command}", **kwargs)


def _date(text: str | None, option: str):
    if not text:
        return None
    from ..core.japanese import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise UserError(f"{option} の日付が読めません: {text}", f"Cannot read the date given to {option}: {text}") from None


def _codes(services, kind: str, given: list[str], name_ja: str, name_en: str) -> tuple[str, ...]:
    """Vocabulary codes from what was typed: the code or its Japanese label."""
    codes = []
    for s in given:
        code = s if services.vocab.has(kind, s) else next(
            (e["code"] for e in services.vocab.entries(kind) if e["ja"] == s), None)
        if code is None:
            raise UserError(f"{name_ja}にない値です: {s}", f"Not {name_en}: {s}")
        codes.append(code)
    return tuple(codes)


def cmd_export_xlsx(args) -> int:
    from ..core.exchange.xlsx_export import ExportFilters, export_workbook
    from ..core.services import Services

    if args.nendo is not None and (args.date_from or args.date_to):
        raise UserError("--nendo と --from/--to は一緒に使えません。", "Use either --nendo or --from/--to.")
    store = _open(args, write=args.personal)  # a personal export is recorded in the history
    with store:
        services = Services(store)
        statuses = _codes(services, "issue_status", args.status, "地域課題の状況", "an issue status")
        categories = _codes(services, "issue_category", args.category, "地域課題の分野", "an issue category")
        if args.district and args.district not in {d for d in _districts(store)}:
            raise UserError(f"地区が見つかりません: {args.district}", f"No such district: {args.district}")
        filters = ExportFilters(organization_ids=tuple(args.org), district_code=args.district, nendo=args.nendo,
                                date_from=_date(args.date_from, "--from"), date_to=_date(args.date_to, "--to"),
                                statuses=statuses, categories=categories)
        report = export_workbook(services, args.out, filters, personal=args.personal, era=not args.seireki)
    summary = "、".join(f"{name} {n}行" for name, n in report.counts.items())
    print(f"書き出しました: {report.path}（{summary}）")
    if report.personal:
        print("個人情報を含みます。取り扱いに注意してください（この書き出しは記録されました）。")
    for w in report.warnings:
        print(f"注意: {w}", file=sys.stderr)
    return 0


def _districts(store):
    from sqlalchemy import select

    from ..core import models as m

    with store.engine.connect() as con:
        return list(con.execute(select(m.District.code)).scalars())


def cmd_template(args) -> int:
    from ..core.exchange.xlsx_template import export_template
    from ..core.services import Services

    store = _open(args, write=False)
    with store:
        path = export_template(args.out, Services(store))
    print(f"ひな形を書き出しました: {path}")
    return 0


def cmd_import_xlsx(args) -> int:
    from ..core.exchange.xlsx_import import import_workbook
    from ..core.services import Services

    # a dry run writes inside a transaction it rolls back: it needs no lock (it works beside
    # the open window) and can commit nothing
    store = _open(args, write=not args.dry_run, rehearse=args.dry_run)
    with store:
        report = import_workbook(Services(store), args.file, dry_run=args.dry_run, valid_only=args.valid_only)
    for line in report.lines():
        print(line)
    if report.errors and not report.written:
        raise UserError(f"{len(report.errors)} 件の問題があるため、何も取り込んでいません。",
                        f"{len(report.errors)} problems; nothing was imported.")
    return 0


def cmd_opendata(args) -> int:
    from ..core.exchange.opendata import CONTACT, check_opendata, export_opendata
    from ..core.services import Services

    if args.check:
        problems = check_opendata(args.outdir)
    else:
        store = _open(args, write=False)
        with store:
            report = export_opendata(Services(store), args.outdir, contact=args.contact or CONTACT)
        for name, n in report.files.items():
            print(f"{report.outdir / name}: {n}行")
        problems = report.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"項目定義に合わないところが {len(problems)} 件あります。", file=sys.stderr)
        return 1
    print("どのファイルも項目定義（opendata_schema.json）に合っています。")
    return 0
