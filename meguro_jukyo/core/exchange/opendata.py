"""Open data: issues, decisions and counts as CSV in the style of the national standard datasets.

The columns are written down in ``resources/opendata_schema.json`` (name, type, required, and
the rules a value must keep); the headers are read from it and ``check_opendata`` checks written
files against it. As in デジタル庁「自治体標準オープンデータセット」, every row starts with
全国地方公共団体コード (目黒区 131105), ID and 地方公共団体名 (東京都目黒区); 地区 and 住区 are
named in full (北部地区, 駒場住区); dates are 西暦 ``YYYY-MM-DD``; files are UTF-8 with a BOM and
CRLF line ends, so Excel opens them as they are.

What is published, and why (also written to the README beside the files):
- No column the model marks as personal (attendees, facilitators, recorders, signers,
  speakers, assignees) is ever read.
- Free text is the user's text and names cannot be found in it reliably, so only the texts
  that are a meeting's public record are published: an issue's 名称 (its title) and the
  wording of decisions and agreements (決定・合意). Descriptions, places, the ward's answers,
  opinions, questions and minority opinions are not published.
- Numbers that could point at a person are suppressed: a vote count of 1 or 2, and any
  aggregated count of 1 or 2, is left blank, and the column beside it (``…_秘匿理由``) says
  why. A number column holds digits only, so a program reading it never meets a ``*``.
- Suppression holds across every file published together: the row-level issues file would
  let anyone count the one or two issues behind a hidden cell of the 視点 × 住区 counts, so an
  issue in such a cell is published without that 視点 (its other 視点 stay).
- Values are written as they are. A leading ``'`` against formulas is an Excel habit, not
  data; the README tells a reader to open the files with a text import rather than a double
  click if a value could start with ``=``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlmodel import col

from .. import models as m
from ..resources import load_json, resource_path
from ..files import atomic_binary, atomic_text
from .xlsx_sheets import Labels

LG_CODE = "131105"  # 全国地方公共団体コード（目黒区、検査数字つき）
LG_NAME = "東京都目黒区"
SUPPRESS_BELOW = 3
SUPPRESSED_REASON = "1〜2のため秘匿"
LICENCE = "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0） https://creativecommons.org/licenses/by/4.0/deed.ja"
CONTACT = "目黒区 区民生活部 地域振興課"

ISSUES_FILE = f"{LG_CODE}_chiiki_kadai.csv"
DECISIONS_FILE = f"{LG_CODE}_kettei_jiko.csv"
COUNTS_FILE = f"{LG_CODE}_shisaku_shiten_shukei.csv"
SCHEMA_NAME = "opendata_schema.json"
SCHEMA_FILE = f"{LG_CODE}_koumoku_teigi.json"  # the schema, published beside the files it defines
README_FILE = "README.txt"

SCHEMA = load_json(SCHEMA_NAME)


def headers(name: str) -> tuple[str, ...]:
    # Not from the field registry (core/fields.py): the open data's columns are a published
    # format with its own schema (resources/opendata_schema.json), which the registry's labels
    # and the workbook's headers must not change.
    return tuple(c["name"] for c in SCHEMA["files"][name]["columns"])


ISSUE_HEADERS = headers(ISSUES_FILE)
DECISION_HEADERS = headers(DECISIONS_FILE)
COUNT_HEADERS = headers(COUNTS_FILE)

README = """目黒区 住区住民会議・町会・自治会の地域課題と決定事項（オープンデータ）

作成日: {created}
作成者: {LG_NAME}（全国地方公共団体コード {LG_CODE}）
問い合わせ先: {contact}
ライセンス: {LICENCE}
  出典を示せば、複製・加工・再配布・商用利用ができます。
  出典の書き方の例:「{LG_NAME} 住区住民会議・町会の地域課題オープンデータ（{created_ja}作成）」

ファイル
- {ISSUES_FILE}: 地域課題（名称・分類・状態・地区・住区・組織・日付・施策立案の視点）
- {DECISIONS_FILE}: 会議で決まったこと・合意したことの文面と決め方
- {COUNTS_FILE}: 施策立案の視点 × 住区ごとの地域課題の件数
- {SCHEMA_FILE}: 各ファイルの項目定義（列名・型・必須・値の決まり）

形式: UTF-8（BOM付き）、改行 CRLF、日付は西暦（YYYY-MM-DD）。デジタル庁「自治体標準オープンデータセット」にならい、
各行の先頭に 全国地方公共団体コード（{LG_CODE}）・ID・地方公共団体名（{LG_NAME}）を置いています。
地区・住区は「北部地区」「駒場住区」のように正式の名前で書いています。
数の列（賛成・反対・棄権・地域課題の件数）には数字だけが入ります。

個人情報の扱い
- 出席者、進行役、記録者、署名人、発言者、担当者の名前は載せていません。
- 自由に書かれた文の中の名前は機械では確実に見つけられないため、公開する文は、地域課題の名称と、
  会議の公式な記録である決定・合意の文面だけにしています。課題の説明、場所、区の回答、意見・質問・少数意見は載せていません。
- 人が特定されるおそれのある数は伏せています: 賛成・反対・棄権の数と集計の件数のうち 1 と 2 は空欄にし、
  すぐ右の「…_秘匿理由」の列に「{SUPPRESSED_REASON}」と書いています（0 と 3 以上はそのまま）。
  秘匿理由が空欄で数も空欄なら、その数は数えられていません。
- 件数を伏せた 施策立案の視点 × 住区 の組み合わせは、{ISSUES_FILE} の行から数えられないよう、その住区の地域課題の
  「施策立案の視点」欄からその視点を外しています（ほかの視点はそのまま載せています）。

文字の扱い: 値は書かれたとおりに載せています。「=」「+」「-」「@」で始まる文があり得るため、表計算ソフトでは
ダブルクリックで開かず、「テキストファイルの読み込み」で各列を文字列として読み込んでください。
"""


@dataclass
class OpenDataReport:
    outdir: Path
    files: dict[str, int]  # file name -> data rows
    problems: list[str]  # what the written files break of the schema (empty: they keep it)


def suppressed(n: int | None) -> bool:
    """Whether a count is withheld: 1 and 2 could identify a person."""
    return n is not None and 0 < n < SUPPRESS_BELOW


def count_cells(n: int | None) -> tuple[str, str]:
    """A count as published: (the number or blank, the reason it is blank or nothing)."""
    if n is None:
        return "", ""
    return ("", SUPPRESSED_REASON) if suppressed(n) else (str(n), "")


def full_name(name: str, suffix: str) -> str:
    """駒場 → 駒場住区, 北部 → 北部地区 (a name that already ends so is kept)."""
    return name if not name or name.endswith(suffix) else name + suffix


def _date(value) -> str:
    return value.isoformat()[:10] if value else ""


def export_opendata(services, outdir, *, created: dt.date | None = None, contact: str = CONTACT) -> OpenDataReport:
    """Write the open-data files into ``outdir`` (each appears whole or not at all), with the
    README (licence, ``created`` — today unless given —, ``contact``) and the schema beside them."""
    outdir = Path(outdir)
    labels = Labels(services)
    vocab = services.vocab
    counts: dict[str, int] = {}

    def write(name: str, rows) -> None:
        n = 0
        with atomic_text(outdir / name, encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh, lineterminator="\r\n")
            out.writerow(headers(name))
            for row in rows:
                out.writerow(row)
                n += 1
        counts[name] = n

    def place(org_id) -> tuple[str, str]:
        jukyo, district = labels.org_place(org_id)
        return full_name(district, "地区"), full_name(jukyo, "住区")

    it, org, lk = m.Issue.__table__, m.Organization.__table__, m.PolicyLink.__table__
    mt, nt = m.Meeting.__table__, m.Note.__table__
    viewpoints = (select(func.aggregate_strings(lk.c.viewpoint_id, ";"))
                  .where(lk.c.issue_id == it.c.id, lk.c.deleted.is_(False)).scalar_subquery())
    with services.store.engine.connect() as con:
        grouped = dict(((vp, jk), n) for vp, jk, n in con.execute(
            select(lk.c.viewpoint_id, org.c.jukyo_code, func.count(it.c.id.distinct()))
            .select_from(lk.join(it, it.c.id == lk.c.issue_id).join(org, org.c.id == it.c.organization_id))
            .where(and_(lk.c.deleted.is_(False), it.c.deleted.is_(False)))
            .group_by(lk.c.viewpoint_id, org.c.jukyo_code)))
        jukyo_district = dict(con.execute(select(col(m.Jukyo.code), col(m.Jukyo.district_code))).all())

        # the (視点, 住区) cells the counts file hides; the issues file must not reveal them either
        hidden = {(vp, jk) for (vp, jk), n in grouped.items() if jk is not None and suppressed(n)}
        issues = con.execution_options(stream_results=True, yield_per=1000).execute(
            select(it.c.id, it.c.title, it.c.category, it.c.status, it.c.organization_id, it.c.raised_on,
                   it.c.is_request, it.c.answered_on, viewpoints.label("viewpoints"))
            .where(it.c.deleted.is_(False)).order_by(it.c.raised_on, it.c.id))

        def issue_rows():
            for r in issues:
                org_row = labels.org_rows.get(r.organization_id)
                code = org_row.jukyo_code if org_row else None
                shown = sorted(vp for vp in (r.viewpoints or "").split(";") if vp and (vp, code) not in hidden)
                yield (LG_CODE, r.id, LG_NAME, r.title or "",
                       vocab.label("issue_category", r.category) if r.category else "",
                       vocab.label("issue_status", r.status), *place(r.organization_id),
                       org_row.name if org_row else "", _date(r.raised_on),
                       "有" if r.is_request else "無", _date(r.answered_on), ";".join(shown))

        write(ISSUES_FILE, issue_rows())

        notes = con.execution_options(stream_results=True, yield_per=1000).execute(
            select(nt.c.id, nt.c.kind, nt.c.body, nt.c.decision_method, nt.c.votes_for, nt.c.votes_against,
                   nt.c.votes_abstain, nt.c.issue_id, mt.c.title.label("meeting_title"),
                   mt.c.starts_at, mt.c.organization_id)
            .select_from(nt.join(mt, mt.c.id == nt.c.meeting_id))
            .where(nt.c.deleted.is_(False), mt.c.deleted.is_(False), nt.c.kind.in_(("decision", "consensus")))
            .order_by(mt.c.starts_at, nt.c.position, nt.c.id))

        def decision_rows():
            for r in notes:
                org_row = labels.org_rows.get(r.organization_id)
                yield (LG_CODE, r.id, LG_NAME, r.meeting_title or "", _date(r.starts_at),
                       org_row.name if org_row else "", *place(r.organization_id),
                       vocab.label("note_kind", r.kind), r.body or "",
                       vocab.label("decision_method", r.decision_method) if r.decision_method else "",
                       *count_cells(r.votes_for), *count_cells(r.votes_against), *count_cells(r.votes_abstain),
                       r.issue_id or "")

        write(DECISIONS_FILE, decision_rows())

    def count_rows():
        for vp_id, vp_label in labels.viewpoints.items():
            for code, name in labels.jukyo.items():
                yield (LG_CODE, f"{vp_id}_{code}", LG_NAME, vp_id, vp_label.split(" ", 1)[1],
                       full_name(labels.districts.get(jukyo_district.get(code), ""), "地区"),
                       full_name(name, "住区"), *count_cells(grouped.get((vp_id, code), 0)))

    write(COUNTS_FILE, count_rows())
    with atomic_binary(outdir / SCHEMA_FILE) as fh, resource_path(SCHEMA_NAME).open("rb") as src:
        shutil.copyfileobj(src, fh)
    created = created or dt.date.today()
    text = README.format(
        created=f"{created.year}年{created.month}月{created.day}日（{created.isoformat()}）",
        created_ja=f"{created.year}年{created.month}月{created.day}日",
        contact=contact.strip() or CONTACT, LG_NAME=LG_NAME, LG_CODE=LG_CODE, LICENCE=LICENCE,
        ISSUES_FILE=ISSUES_FILE, DECISIONS_FILE=DECISIONS_FILE, COUNTS_FILE=COUNTS_FILE, SCHEMA_FILE=SCHEMA_FILE,
        SUPPRESSED_REASON=SUPPRESSED_REASON)
    with atomic_text(outdir / README_FILE, encoding="utf-8-sig", newline="\r\n") as readme:
        readme.write(text)
    return OpenDataReport(outdir, counts, check_opendata(outdir))


# -- the check against the schema ----------------------------------------------------------

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"[0-9]+")


def _problem_of(column: dict, value: str) -> str | None:
    """Why one non-empty value breaks its column's rules, or None."""
    kind = column.get("type", "string")
    if kind == "integer" and not _INTEGER.fullmatch(value):
        return f"数字だけのはずの値「{value}」"
    if kind == "date":
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            return f"西暦 YYYY-MM-DD でない日付「{value}」"
    if "const" in column and value != column["const"]:
        return f"「{column['const']}」のはずの値「{value}」"
    if "enum" in column and value not in column["enum"]:
        return f"決められた値（{'・'.join(column['enum'])}）でない「{value}」"
    if "pattern" in column and not re.fullmatch(column["pattern"], value):
        return f"形の合わない値「{value}」"
    return None


def check_file(path, name: str | None = None, schema: dict = SCHEMA, limit: int = 50) -> list[str]:
    """What in one written file breaks the schema (at most ``limit`` lines; empty when it holds)."""
    path = Path(path)
    name = name or path.name
    spec = schema["files"].get(name)
    if spec is None:
        return [f"{name}: 項目定義にないファイル"]
    columns = spec["columns"]
    problems: list[str] = []

    def say(text: str) -> bool:
        problems.append(f"{name} {text}")
        return len(problems) >= limit

    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        say("先頭に BOM がない（UTF-8 BOM付きのはず）")
    if b"\n" in raw.replace(b"\r\n", b""):
        say("改行が CRLF でない行がある")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [*problems, f"{name} UTF-8 として読めない（{exc.start} バイト目）"]
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, [])
    expected = [c["name"] for c in columns]
    if header != expected:
        say(f"見出し行が項目定義と違う: {','.join(header)}（定義: {','.join(expected)}）")
        return problems
    by_name = {c["name"]: i for i, c in enumerate(columns)}
    seen: dict[str, set] = {c["name"]: set() for c in columns if c.get("unique")}
    for line, row in enumerate(reader, start=2):
        if len(row) != len(columns):
            if say(f"{line}行目: 列の数が {len(row)}（定義は {len(columns)}）"):
                return problems
            continue
        for column, value in zip(columns, row, strict=True):
            col = column["name"]
            flag = column.get("suppressed_by")
            withheld = bool(flag) and row[by_name[flag]] != ""
            if withheld and value:
                text = f"{line}行目 {col}: 秘匿理由があるのに値「{value}」がある"
            elif not value:
                text = f"{line}行目 {col}: 空欄（必須）" if column.get("required") and not withheld else None
            else:
                why = _problem_of(column, value)
                text = f"{line}行目 {col}: {why}" if why else None
                if col in seen:
                    if value in seen[col]:
                        text = f"{line}行目 {col}: 同じ値「{value}」がほかの行にもある"
                    seen[col].add(value)
            if text and say(text):
                return problems
    return problems


def check_opendata(outdir, schema: dict = SCHEMA) -> list[str]:
    """What in a folder of open-data files breaks the schema: every file the schema names must be
    there and keep its rules. Empty when all hold."""
    outdir = Path(outdir)
    problems: list[str] = []
    for name in schema["files"]:
        path = outdir / name
        if not path.is_file():
            problems.append(f"{name}: ファイルがない")
            continue
        problems.extend(check_file(path, name, schema))
    return problems
