"""The template members fill in: 地域課題 and アクション sheets with drop-down lists.

Its sheets have the same columns as the workbook export's sheets of the same name (see
:mod:`.xlsx_sheets`), so :func:`~.xlsx_import.import_workbook` reads both the same way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from ..files import atomic_path
from .xlsx_sheets import (
    ACTION_FIELDS, ACTION_SHEET, ISSUE_FIELDS, ISSUE_SHEET, Labels, template_fields, validations,
    write_lists_sheet, write_meta,
)
from .xlsx_writer import Col, SheetWriter, setup_print, setup_workbook_font

INSTRUCTIONS_SHEET = "記入方法"
TEMPLATE_ROWS = 1000  # rows that get the drop-down lists

INSTRUCTIONS = (
    "地域課題・アクションの記入用ひな形",
    "",
    "このファイルに「地域課題」と「アクション」を書き込み、アプリの「ファイル」メニューの「Excel ブックを取り込む…」"
    "（または「Excel」画面の「ひな形と取り込み」）で取り込みます。",
    "",
    "書き方",
    "・1行に1件ずつ書きます。1行目の見出しは変えないでください。",
    "・「課題名」（アクションは「内容」）と「組織」は必ず入れてください。",
    "・分野・状況・優先度・組織・施策視点は、セルを選ぶと出る一覧から選びます。",
    "・施策視点は「、」で区切って複数書けます（例: 2-1-1 コミュニティ形成の推進、2-2-1 公民連携の推進）。",
    "・日付は「令和7年4月1日」「R7.4.1」「2025/4/1」のどれでも書けます。",
    "・「=」「+」「-」「@」で始まる文字も、そのまま文字として取り込みます（計算式にはなりません）。",
    "・「区への要望」は「はい」か「いいえ」です。",
    "・アクションを地域課題に結びつけるときは、アプリで確かめた地域課題の ID を「地域課題ID」に書きます。"
    "地域課題につながらないアクションは、「地域課題ID」を空けておきます。",
    "・隠れた列（ID・版・更新印）はアプリが使います。消したり書き換えたりしないでください。",
    "",
    "取り込むとき",
    "・アプリはすべての行を確かめます。問題のある行があれば、何行目のどの列が、なぜ問題かを一覧にして、何も登録しません。",
    "  直してからもう一度取り込んでください（問題のない行だけを取り込むこともできます）。",
    "・同じファイルをもう一度取り込んでも、同じ課題が二重に登録されることはありません。",
    "・取り込みはまとめて1回の操作として記録され、アプリの「元に戻す」で取り消せます。",
)


def export_template(dest, services) -> Path:
    """Write the template to ``dest`` (whole or not at all); return the path."""
    from openpyxl import Workbook  # start-up: openpyxl loads on first use
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    dest = Path(dest)
    labels = Labels(services)
    wb = Workbook(write_only=True)
    setup_workbook_font(wb)
    guide = wb.create_sheet(INSTRUCTIONS_SHEET)
    guide.column_dimensions["A"].width = 110
    setup_print(guide, landscape=False, title_rows=False)
    for i, line in enumerate(INSTRUCTIONS):
        cell = WriteOnlyCell(guide, line)
        if i == 0 or line in ("書き方", "取り込むとき"):
            cell.font = Font(bold=True, size=14 if i == 0 else 12)
        guide.append([cell])
    writers = []
    for sheet, fields, table in ((ISSUE_SHEET, ISSUE_FIELDS, "T_issues"), (ACTION_SHEET, ACTION_FIELDS, "T_actions")):
        cols = template_fields(fields)
        w = SheetWriter(wb, sheet, [Col(f.header, f.field, "date" if f.kind == "date" else "text",
                                        f.max_width, f.hidden, min_width=min(f.max_width, 24))
                                    for f in cols if f.field is not None], table_name=table, era=True)  # all of cols
        writers.append((w, cols))
    ranges = write_lists_sheet(wb, labels)
    meta = wb.create_sheet("_meta")
    meta.sheet_state = "hidden"
    for w, cols in writers:
        w.validations = validations(cols, ranges, TEMPLATE_ROWS + 1)
        w.close()
    write_meta(meta, kind="template", export_id=str(uuid.uuid4()),
                now=dt.datetime.now().replace(microsecond=0), store=services.store, filters=None,
                personal=False, era=True, counts={})
    with atomic_path(dest) as tmp:
        wb.save(tmp)
    return dest

