"""A mypy plugin: every SQLModel class declared with ``table=True`` has a ``__table__`` (a Table).

sqlmodel declares no ``__table__`` on SQLModel (its declarative base sets it at run time, only on
table classes), so without this every ``Issue.__table__.c.title`` is an error to mypy. The plugin
adds the attribute to exactly the classes that have it at run time — the ``table=True`` ones —
so ``OrganizationCreate.__table__`` (a plain pydantic model) stays an error, as it should.
Nothing here runs with the app; pyproject.toml's ``[tool.mypy] plugins`` loads it.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import NameExpr
from mypy.plugin import ClassDefContext, Plugin
from mypy.plugins.common import add_attribute_to_class

_SQLMODEL = "sqlmodel.main.SQLModel"
_TABLE = "sqlalchemy.sql.schema.Table"


def _declare_table(ctx: ClassDefContext) -> None:
    info = ctx.cls.info
    table = ctx.cls.keywords.get("table")
    if not (isinstance(table, NameExpr) and table.fullname == "builtins.True"):
        return
    if "__table__" in info.names or not any(base.fullname == _SQLMODEL for base in info.mro):
        return
    table_type = ctx.api.named_type_or_none(_TABLE)
    if table_type is None:          # sqlalchemy not analysed yet: ask for another pass
        ctx.api.defer()
        return
    add_attribute_to_class(ctx.api, ctx.cls, "__table__", table_type, is_classvar=True)


class SQLModelTables(Plugin):
    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        # called for each direct base of each class; the hook itself looks for SQLModel in the MRO
        return _declare_table


def plugin(version: str) -> type[Plugin]:
    return SQLModelTables
