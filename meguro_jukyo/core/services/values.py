"""Values as services store and report them: history's JSON and pydantic's errors in words."""

from __future__ import annotations

import datetime as dt
import json
from json.encoder import encode_basestring
from typing import Any

import pydantic
from sqlalchemy import Table

from ..errors import ValidationError


def to_json(value: Any) -> str | None:
    # the common types first, written as json.dumps writes them without its dispatch (an
    # import writes a history value per field and row)
    if value is None:
        return None
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    if isinstance(value, str):
        return encode_basestring(value)
    if type(value) is int:
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def from_json(table: Table, column: str, raw: str | None) -> Any:
    """A history value back in the column's Python type."""
    if raw is None:
        return None
    value = json.loads(raw)
    if value is None:
        return None
    python_type = table.c[column].type.python_type
    if python_type is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if python_type is dt.date:
        return dt.date.fromisoformat(value)
    return value


_PYDANTIC_MESSAGES = {
    "missing": ("入力してください。", "Required."),
    "string_too_short": ("入力してください。", "Required."),
    "string_too_long": ("{max_length}文字以内で入力してください。", "At most {max_length} characters."),
    "greater_than_equal": ("{ge}以上の数を入力してください。", "Enter a number of at least {ge}."),
    "less_than_equal": ("{le}以下の数を入力してください。", "Enter a number of at most {le}."),
    "int_parsing": ("整数を入力してください。", "Enter a whole number."),
    "int_from_float": ("整数を入力してください。", "Enter a whole number."),
    "bool_parsing": ("はい／いいえで指定してください。", "Enter yes or no."),
    "date_parsing": ("日付を入力してください（例: 2025-04-01）。", "Enter a date (e.g. 2025-04-01)."),
    "date_from_datetime_parsing": ("日付を入力してください（例: 2025-04-01）。", "Enter a date (e.g. 2025-04-01)."),
    "datetime_parsing": ("日時を入力してください（例: 2025-04-01 19:00）。", "Enter a date and time (e.g. 2025-04-01 19:00)."),
    "datetime_from_date_parsing": ("日時を入力してください（例: 2025-04-01 19:00）。", "Enter a date and time (e.g. 2025-04-01 19:00)."),
}


def validation_error(exc: pydantic.ValidationError) -> ValidationError:
    """The first problem of a pydantic error, in words a person can act on."""
    err = exc.errors()[0]
    name = ".".join(str(p) for p in err.get("loc", ())) or None
    ja, en = _PYDANTIC_MESSAGES.get(err["type"], ("入力が正しくありません。", "Invalid value."))
    ctx = err.get("ctx") or {}
    try:
        ja, en = ja.format(**ctx), en.format(**ctx)
    except (KeyError, IndexError):
        pass
    prefix = f"{name}: " if name else ""
    return ValidationError(prefix + ja, prefix + en, field=name)


def clean(values: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
