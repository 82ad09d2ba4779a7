"""A store's health: SQLite's integrity check plus the references services keep."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

from . import models as m
from .search_index import SEARCHABLE
from .services.entities import (
    ActionItemService,
    AgendaItemService,
    AttendeeService,
    IssueService,
    MeetingService,
    NoteService,
    PolicyLinkService,
)
from .summary import check


@dataclass(frozen=True)
class Problem:
    what: str  # a sentence in Japanese
    detail: str = ""


def check_store(store) -> list[Problem]:
    found = "SQLite の整合性検査で問題が見つかりました" if store.dialect == "sqlite" else "データベースの検査で問題が見つかりました"
    problems = [Problem(found, r) for r in store.integrity_check()]
    with store.engine.connect() as con:
        for service in (MeetingService, AgendaItemService, IssueService, NoteService,
                        ActionItemService, PolicyLinkService, AttendeeService):
            table = service.table_model.__table__
            for name, target in service.references.items():
                ref = target.__table__.alias("ref")
                dangling = con.execute(
                    select(func.count()).select_from(table.outerjoin(ref, ref.c.id == table.c[name]))
                    .where(and_(table.c[name].is_not(None), ref.c.id.is_(None), table.c.deleted.is_(False)))
                ).scalar_one()
                if dangling:
                    problems.append(Problem(
                        f"{table.name}.{name} が存在しない {target.__table__.name} を指しています", f"{dangling} 件"))
        for model in m.USER_TABLES:
            kind = model.__table__.name
            if kind not in SEARCHABLE:
                continue
            t, d = model.__table__, m.SearchDoc.__table__
            live = con.execute(select(func.count()).select_from(t).where(t.c.deleted.is_(False))).scalar_one()
            docs = con.execute(select(func.count()).select_from(d).where(d.c.kind == kind)).scalar_one()
            if live != docs:
                problems.append(Problem(f"検索索引が {kind} と合っていません",
                                        f"記録 {live} 件 / 索引 {docs} 件（`meguro-jukyo check --repair` で作り直せます）"))
        differences = check(con)
        if differences:
            problems.append(Problem("集計ページの件数が記録と合っていません",
                                    f"{len(differences)} 件の違い（例: {differences[0]}）"
                                    "（`meguro-jukyo check --repair` で数え直せます）"))
    return problems
