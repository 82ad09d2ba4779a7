"""``migrate-to``: copy the whole store to another place (SQLite ↔ PostgreSQL).

Imports inside functions: each handler imports only what its own command uses, so that
``meguro-jukyo --help``, the other commands and the GUI start without loading it (SQLAlchemy and
the models take about a second, openpyxl and Qt's printing more).
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import UserError
from ..core.progress import Reporter


def register(sub) -> None:
    p = sub.add_parser(
        "migrate-to",
        help="データを丸ごと別の場所へ写す（SQLite ファイル ↔ PostgreSQL）。写し先は空であること",
    )
    p.add_argument("target", metavar="PATH_OR_URL",
                   help="写し先: まだない SQLite ファイルか、空の PostgreSQL データベースの URL")
    p.set_defaults(handler=cmd_migrate_to)


def shown(location: str) -> str:
    """A location fit to print: a URL's password is masked."""
    from ..core.faults import shown_location

    return shown_location(location)


def cmd_migrate_to(args) -> int:
    from ..core.db import Store, is_url, resolve_location
    from ..core.exchange.store_copy import copy_store

    source_location = resolve_location(args.db)
    target_location = args.target
    if not is_url(target_location):
        target_location = str(Path(target_location).expanduser().resolve())
    if not is_url(source_location):
        source_location = str(Path(source_location).expanduser().resolve())
    if target_location == source_location:
        raise UserError("写し元と写し先が同じです。", "The source and the target are the same store.")
    made = not is_url(target_location) and not Path(target_location).exists()
    source = Store.open(source_location, write=False, holder="meguro-jukyo migrate-to")
    try:
        target = Store.open(target_location, create=True, holder="meguro-jukyo migrate-to")
        try:
            result = copy_store(source, target, progress=Reporter(lambda _done, _total, table: print(f"  {table}")))
        except BaseException:
            target.close()
            if made:  # a file this command made holds nothing worth keeping
                for suffix in ("", "-wal", "-shm"):
                    Path(target_location + suffix).unlink(missing_ok=True)
            raise
        target.close()
    finally:
        source.close()
    print(f"写し元 {shown(source_location)}\n  正準形ダンプ sha256 {result.source_sha256}")
    print(f"写し先 {shown(target_location)}\n  正準形ダンプ sha256 {result.target_sha256}")
    print(f"一致しました。{sum(result.rows.values())} 件を写しました。")
    return 0
