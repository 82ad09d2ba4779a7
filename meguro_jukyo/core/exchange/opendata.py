"""Open data: issues, decisions and counts as CSV in the style of the national standard datasets.

The headers follow デジタル庁「自治体標準オープンデータセット」: every row starts with
全国地方公共団体コード (目黒区 131105), ID, 都道府県名 and 市区町村名; dates are 西暦
``YYYY-MM-DD``; files are UTF-8 with a BOM and CRLF line ends, so Excel opens them as they are.

What is published, and why (also written to the README beside the files):
- No column the model marks as personal (attendees, facilitators, recorders, signers,
  speakers, assignees) is ever read.
- Free text is the user's text and names cannot be found in it reliably, so only the texts
  that are a meeting's public record are published: an issue's 名称 (its title) and the
  wording of decisions and agreements (決定・合意). Descriptions, places, the ward's answers,
  opinions, questions and minority opinions are not published.
- Numbers that could point at a person are suppressed: a vote count of 1 or 2, and any
  aggregated count of 1 or 2, is written as ``*`` (0 and 3 or more are shown).
- Suppression holds across every file published together: the row-level issues file would
  let anyone count the one or two issues behind a ``*`` of the 視点 × 住区 counts, so an
  issue in such a cell is published without that 視点 (its other 視点 stay).
- Text that Excel would take for a formula (starting with = + - @, a tab or a CR) gets a
  leading ``'`` so that opening the file never runs anything (CSV injection).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlmodel import col

from .. import models as m

LG_CODE = "131105"  # 全国地方公共団体コード（目黒区、検査数字つき）
PREFECTURE = "東京都"
MUNICIPALITY = "目黒区"
SUPPRESS_BELOW = 3
SUPPRESSED = "*"

ISSUES_FILE = f"{LG_CODE}_chiiki_kadai.csv"
DECISIONS_FILE = f"{LG_CODE}_kettei_jiko.csv"
COUNTS_FILE = f"{LG_CODE}_shisaku_shiten_shukei.csv"
README_FILE = "README.txt"

_COMMON = ("全国地方公共団体コード", "ID", "都道府県名", "市区町村名")
ISSUE_HEADERS = (*_COMMON, "名称", "分類", "状態", "地区", "住区", "組織名", "提起年月日",
                 "区への要望", "回答年月日", "施策立案の視点")
DECISION_HEADERS = (*_COMMON, "会議名", "会議年月日", "組織名", "地区", "住区", "種類", "内容",
                    "決定方法", "賛成", "反対", "棄権", "地域課題ID")
COUNT_HEADERS = ("全国地方公共団体コード", "都道府県名", "市区町村名", "施策立案の視点番号", "施策立案の視点",
                 "地区", "住区", "地域課題の件数")

README = f"""目黒区 住区住民会議・町会・自治会の地域課題と決定事項（オープンデータ）

ファイル
- {ISSUES_FILE}: 地域課題（名称・分類・状態・地区・住区・組織・日付・施策立案の視点）
- {DECISIONS_FILE}: 会議で決まったこと・合意したことの文面と決め方
- {COUNTS_FILE}: 施策立案の視点 × 住区ごとの地域課題の件数

形式: UTF-8（BOM付き）、改行 CRLF、日付は西暦（YYYY-MM-DD）。見出しはデジタル庁「自治体標準オープンデータセット」にならい、
各行の先頭に全国地方公共団体コード（{LG_CODE}）・ID・都道府県名・市区町村名を置いています。

個人情報の扱い
- 出席者、進行役、記録者、署名人、発言者、担当者の名前は載せていません。
- 自由に書かれた文の中の名前は機械では確実に見つけられないため、公開する文は、地域課題の名称と、
  会議の公式な記録である決定・合意の文面だけにしています。課題の説明、場所、区の回答、意見・質問・少数意見は載せていません。
- 人が特定されるおそれのある数は伏せています: 賛成・反対・棄権の数と集計の件数のうち 1 と 2 は「{SUPPRESSED}」と書いています
  （0 と 3 以上はそのまま）。
- 件数を伏せた 施策立案の視点 × 住区 の組み合わせは、{ISSUES_FILE} の行から数えられないよう、その住区の地域課題の
  「施策立案の視点」欄からその視点を外しています（ほかの視点はそのまま載せています）。

文字の扱い: 「=」「+」「-」「@」などで始まる文は、Excel で開いたときに計算式として動かないよう、先頭に「'」を付けています。
"""


@dataclass
class OpenDataReport:
    outdir: Path
    files: dict[str, int]  # file name -> data rows


def suppress(n: int | None) -> str:
    """A count as published: 1 and 2 become ``*`` (they could identify a person)."""
    if n is None:
        return ""
    return SUPPRESSED if 0 < n < SUPPRESS_BELOW else str(n)


def _text(value: str | None) -> str:
    """User text as a CSV field Excel shows literally (never a formula)."""
    if not value:
        return ""
    return "'" + value if value[0] in "=+-@\t\r＝＋－＠" else value


def _date(value) -> str:
    return value.isoformat()[:10] if value else ""


def export_opendata(services, outdir) -> OpenDataReport:
    """Write the open-data files into ``outdir`` (each appears whole or not at all)."""
    from ..files import atomic_text
    from .xlsx_sheets import Labels

    outdir = Path(outdir)
    labels = Labels(services)
    vocab = services.vocab
    counts: dict[str, int] = {}

    def write(name: str, headers, rows) -> None:
        n = 0
        with atomic_text(outdir / name, encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh, lineterminator="\r\n")
            out.writerow(headers)
            for row in rows:
                out.writerow(row)
                n += 1
        counts[name] = n

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
        hidden = {(vp, jk) for (vp, jk), n in grouped.items() if jk is not None and suppress(n) == SUPPRESSED}
        issues = con.execution_options(stream_results=True, yield_per=1000).execute(
            select(it.c.id, it.c.title, it.c.category, it.c.status, it.c.organization_id, it.c.raised_on,
                   it.c.is_request, it.c.answered_on, viewpoints.label("viewpoints"))
            .where(it.c.deleted.is_(False)).order_by(it.c.raised_on, it.c.id))

        def issue_rows():
            for r in issues:
                jukyo, district = labels.org_place(r.organization_id)
                org_row = labels.org_rows.get(r.organization_id)
                code = org_row.jukyo_code if org_row else None
                shown = sorted(vp for vp in (r.viewpoints or "").split(";") if vp and (vp, code) not in hidden)
                yield (LG_CODE, r.id, PREFECTURE, MUNICIPALITY, _text(r.title),
                       vocab.label("issue_category", r.category), vocab.label("issue_status", r.status),
                       district, jukyo, _text(org_row.name) if org_row else "", _date(r.raised_on),
                       "有" if r.is_request else "無", _date(r.answered_on), ";".join(shown))

        write(ISSUES_FILE, ISSUE_HEADERS, issue_rows())

        notes = con.execution_options(stream_results=True, yield_per=1000).execute(
            select(nt.c.id, nt.c.kind, nt.c.body, nt.c.decision_method, nt.c.votes_for, nt.c.votes_against,
                   nt.c.votes_abstain, nt.c.issue_id, mt.c.title.label("meeting_title"),
                   mt.c.starts_at, mt.c.organization_id)
            .select_from(nt.join(mt, mt.c.id == nt.c.meeting_id))
            .where(nt.c.deleted.is_(False), mt.c.deleted.is_(False), nt.c.kind.in_(("decision", "consensus")))
            .order_by(mt.c.starts_at, nt.c.position, nt.c.id))

        def decision_rows():
            for r in notes:
                jukyo, district = labels.org_place(r.organization_id)
                org_row = labels.org_rows.get(r.organization_id)
                yield (LG_CODE, r.id, PREFECTURE, MUNICIPALITY, _text(r.meeting_title), _date(r.starts_at),
                       _text(org_row.name) if org_row else "", district, jukyo, vocab.label("note_kind", r.kind),
                       _text(r.body), vocab.label("decision_method", r.decision_method) if r.decision_method else "",
                       suppress(r.votes_for), suppress(r.votes_against), suppress(r.votes_abstain),
                       r.issue_id or "")

        write(DECISIONS_FILE, DECISION_HEADERS, decision_rows())

    def count_rows():
        for vp_id, vp_label in labels.viewpoints.items():
            for code, name in labels.jukyo.items():
                yield (LG_CODE, PREFECTURE, MUNICIPALITY, vp_id, vp_label.split(" ", 1)[1],
                       labels.districts.get(jukyo_district.get(code), ""), name,
                       suppress(grouped.get((vp_id, code), 0)))

    write(COUNTS_FILE, COUNT_HEADERS, count_rows())
    with atomic_text(outdir / README_FILE, encoding="utf-8-sig", newline="\r\n") as fh:
        fh.write(README)
    return OpenDataReport(outdir, counts)
