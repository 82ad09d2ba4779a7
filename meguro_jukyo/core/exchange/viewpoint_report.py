"""The report per 施策立案の視点 for the planning department: what the councils raised under each of
the 13 視点 in one 年度.

For each 視点: its text (the ○ items of the plan, verbatim), how many issues were linked and from
which 地区, the main themes (the most frequent categories, and words recurring in the titles),
representative issue titles, the decisions taken on them, and the 要望 with the ward's answers.
The counts are GROUP BY queries (the 集計 page's own, :class:`StatsService`); the lists are
bounded per 視点 so that a ward-size year stays a readable report (it says how many more there
are). The report is plain data in the shape the minutes have — ``heading``, ``organization``
(here the subtitle) and ``sections()`` — so the minutes' PDF and Excel writers print it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, select, union
from sqlmodel import col

from .. import models as m
from .. import summary
from ..japanese import format_date, nendo_label, nendo_range
from ..services import ListQuery
from ..services.stats import unordered
from .minutes_xlsx import write_minutes_xlsx

#: the formats it is written in, and the Excel sheet's name
FORMATS = (".pdf", ".xlsx")
SHEET_TITLE = "視点別報告"
#: per 視点: representative titles, decisions and 要望 listed; categories and words named
TITLES, DECISIONS, REQUESTS, THEMES, WORDS = 5, 5, 8, 3, 6
#: the nouns that carry a title's theme: runs of two or more kanji, or of katakana
_RUN = re.compile(r"[\u4e00-\u9fff々〆ヶ]{2,}|[\u30a1-\u30faー]{2,}")


def words(title: str) -> set[str]:
    """The words of a title, without a dictionary: kanji and katakana runs (避難所, カメラ), a
    run of four or six kanji read as words of two (防災訓練 → 防災, 訓練: the usual make-up of
    such compounds), other runs whole (放置自転車)."""
    out: set[str] = set()
    for run in _RUN.findall(title):
        if run[0] >= "\u4e00" and len(run) in (4, 6):
            out.update(run[k:k + 2] for k in range(0, len(run), 2))
        else:
            out.add(run)
    return out


@dataclass(frozen=True)
class Request:
    title: str
    organization: str
    answer: str
    answered_on: dt.date | None


@dataclass(frozen=True)
class ViewpointSection:
    viewpoint_id: str
    heading: str  # 施策立案の視点１ 平和の尊さの継承と国際交流
    text: str  # its ○ items, one a line
    issues: int
    districts: tuple[tuple[str, int], ...]  # (地区, issues), every 地区 in order
    categories: tuple[tuple[str, int], ...]
    words: tuple[tuple[str, int], ...]
    titles: tuple[str, ...]
    decisions: tuple[str, ...]
    decisions_total: int
    requests: tuple[Request, ...]
    requests_total: int
    answered: int


@dataclass(frozen=True)
class ViewpointReport:
    nendo: int
    made_on: dt.date
    viewpoints: tuple[ViewpointSection, ...]
    era: bool = True

    @property
    def heading(self) -> str:
        return f"施策立案の視点別 地域課題の報告（{nendo_label(self.nendo, self.era)}）"

    @property
    def organization(self) -> str:
        """The line under the heading (the minutes' writers print it there)."""
        start, end = nendo_range(self.nendo)
        return (f"目黒区基本計画 第２部「区政運営方針」　対象: {format_date(start, self.era)}〜"
                f"{format_date(end, self.era)}　作成: {format_date(self.made_on, self.era)}")

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        total = sum(v.issues for v in self.viewpoints)
        out = [("概要", [
            ("年度", nendo_label(self.nendo, self.era)),
            ("地域課題", f"視点に結びつけられた地域課題 延べ{total:,}件（一つの課題が複数の視点に結びつくことがあります）"),
            ("視点ごと", "\n".join(f"{v.viewpoint_id} {v.heading.split(' ', 1)[-1]}: {v.issues:,}件"
                                   for v in self.viewpoints)),
        ])]
        for v in self.viewpoints:
            rows = [("視点の本文", v.text or "—"),
                    ("地域課題", f"{v.issues:,}件（" + "・".join(f"{name} {n:,}" for name, n in v.districts) + "）")]
            if v.issues:
                rows += [
                    ("主な分野", "・".join(f"{name} {n:,}件" for name, n in v.categories)),
                    ("よく出る言葉", "・".join(f"{w}（{n:,}）" for w, n in v.words) or "—"),
                    ("代表的な地域課題", "\n".join(f"・{t}" for t in v.titles)),
                    ("決定", "\n".join(f"・{d}" for d in v.decisions) + _more(v.decisions_total, len(v.decisions))
                     if v.decisions else "—"),
                    ("区への要望", f"{v.requests_total:,}件（回答済み {v.answered:,}件）"
                     + "".join(f"\n・{r.title}（{r.organization}）\n　回答: " + (
                         f"{r.answer}（{format_date(r.answered_on, self.era)}）" if r.answered_on else
                         r.answer or "未回答") for r in v.requests)
                     + _more(v.requests_total, len(v.requests))),
                ]
            out.append((v.heading, rows))
        return out


def _more(total: int, shown: int) -> str:
    return f"\n（ほか{total - shown:,}件）" if total > shown else ""


def write_viewpoint_report(report: ViewpointReport, dest: Path, write_pdf: Callable[[object, Path], Path]) -> Path:
    """Write ``dest`` as Excel (by the core) or PDF (by ``write_pdf``, Qt's writer, which the
    caller passes in: the core imports no Qt)."""
    if dest.suffix.lower() == ".xlsx":
        return write_minutes_xlsx(report, dest, sheet_title=SHEET_TITLE)
    return write_pdf(report, dest)


def build_viewpoint_report(services, framework, nendo: int, *, era: bool = True,
                           today: dt.date | None = None) -> ViewpointReport:
    """The report for 年度 ``nendo``: issues raised in it, decisions recorded in it. A handful of
    queries for the whole year, each over every 視点 at once."""
    start, end = nendo_range(nendo)
    q = ListQuery(date_from=start, date_to=end)
    store, vocab = services.store, services.vocab
    i, link, org = m.Issue.__table__, m.PolicyLink.__table__, m.Organization.__table__
    where = services.issues._where(q)
    # issues first, each one's live 視点 from the link index (see stats.unordered)
    linked = i.join(link, and_(link.c.issue_id == unordered(i.c.id), link.c.deleted.is_(False)))
    cells = services.stats.matrix(q, "district")
    with store.engine.connect() as con:
        districts = con.execute(select(col(m.District.code), col(m.District.name)).order_by(col(m.District.ord))).all()
        answered = summary.answered(i)
        counts: dict[str, Counter] = {}
        for vp, category, is_request, has_answer, n in con.execute(
                select(link.c.viewpoint_id, i.c.category, i.c.is_request, answered, func.count(i.c.id.distinct()))
                .select_from(linked).where(*where)
                .group_by(link.c.viewpoint_id, i.c.category, i.c.is_request, answered)):
            c = counts.setdefault(vp, Counter())
            c[("category", category)] += n
            c["requests"] += n if is_request else 0
            c["answered"] += n if is_request and has_answer else 0
        titles: dict[str, list[str]] = {}
        for vp, title in con.execute(select(link.c.viewpoint_id, i.c.title).select_from(linked).where(*where)
                                     .order_by(link.c.viewpoint_id, i.c.priority, i.c.raised_on.desc(), i.c.id)):
            titles.setdefault(vp, []).append(title)
        rank = func.row_number().over(partition_by=link.c.viewpoint_id,
                                      order_by=[answered.desc(), i.c.answered_on.desc(),
                                                i.c.raised_on, i.c.id]).label("rank")
        ranked = (select(link.c.viewpoint_id, i.c.title, org.c.name, i.c.ward_answer, i.c.answered_on, rank)
                  .select_from(linked.outerjoin(org, org.c.id == i.c.organization_id))
                  .where(*where, i.c.is_request.is_(True)).subquery())
        asked: dict[str, list[Request]] = {}
        for vp, title, name, answer, on, _rank in con.execute(
                select(ranked).where(ranked.c.rank <= REQUESTS).order_by(ranked.c.viewpoint_id, ranked.c.rank)):
            asked.setdefault(vp, []).append(Request(title, name or "", answer, on))
        decided, decided_total = _decisions(con, start, end)
    sections = []
    for vp in framework.viewpoints():
        by_district = Counter({c.area: c.count for c in cells if c.viewpoint_id == vp.id})
        c = counts.get(vp.id, Counter())
        categories = Counter({key[1]: n for key, n in c.items() if isinstance(key, tuple)})
        of_vp = titles.get(vp.id, [])
        recurring = Counter(w for t in of_vp for w in words(t))
        sections.append(ViewpointSection(
            vp.id, vp.heading, "\n".join(f"○{item.text}" for item in framework.items(vp.id)),
            sum(categories.values()), tuple((name, by_district.get(code, 0)) for code, name in districts),
            tuple((vocab.label("issue_category", k), n) for k, n in categories.most_common(THEMES)),
            tuple((w, n) for w, n in recurring.most_common(WORDS) if n > 1),
            tuple(dict.fromkeys(of_vp))[:TITLES],  # the most pressing first, each title once
            tuple(decided.get(vp.id, ())), decided_total.get(vp.id, 0),
            tuple(asked.get(vp.id, ())), c["requests"], c["answered"]))
    return ViewpointReport(nendo, today or dt.date.today(), tuple(sections), era)


def _decisions(con, start: dt.date, end: dt.date) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Decisions recorded in the 年度 per 視点 — linked to it, or taken on an issue that is —:
    the newest DECISIONS of each, and how many there are."""
    note, link = m.Note.__table__, m.PolicyLink.__table__
    in_year = [note.c.deleted.is_(False), note.c.kind == "decision",
               note.c.recorded_at >= dt.datetime.combine(start, dt.time()),
               note.c.recorded_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time())]
    live = link.c.deleted.is_(False)
    pairs = union(*(select(link.c.viewpoint_id, note.c.id, note.c.body, note.c.recorded_at)
                    .select_from(note.join(link, and_(on, live))).where(*in_year)
                    for on in (link.c.issue_id == note.c.issue_id, link.c.note_id == note.c.id))).subquery()
    totals = dict(con.execute(select(pairs.c.viewpoint_id, func.count()).group_by(pairs.c.viewpoint_id)).all())
    rank = func.row_number().over(partition_by=pairs.c.viewpoint_id,
                                  order_by=[pairs.c.recorded_at.desc(), pairs.c.id]).label("rank")
    ranked = select(pairs.c.viewpoint_id, pairs.c.body, rank).subquery()
    newest: dict[str, list[str]] = {}
    for vp, body, _rank in con.execute(select(ranked).where(ranked.c.rank <= DECISIONS)
                                       .order_by(ranked.c.viewpoint_id, ranked.c.rank)):
        newest.setdefault(vp, []).append(body)
    return newest, totals
