"""Command line over the core. Imports no Qt: the GUI is loaded only when no command is given.

Exit status: 0 done, 1 a problem the user can act on (one line on stderr), 2 wrong usage.
Each module in COMMAND_MODULES adds its subcommands with ``register(subparsers)``; a
subcommand's handler takes the parsed arguments and returns an exit status.

Imports inside functions: the parser is built from the command modules alone; the GUI (app.run,
which imports Qt) and the version (which reads package metadata) only when asked for.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .core.errors import UserError

COMMAND_MODULES = (
    "meguro_jukyo.commands.basic",
    "meguro_jukyo.commands.minutes",
    "meguro_jukyo.commands.papers",
    "meguro_jukyo.commands.sync",
    "meguro_jukyo.commands.handover",
    "meguro_jukyo.commands.migrate",
    "meguro_jukyo.commands.excel",
    "meguro_jukyo.commands.report",
    "meguro_jukyo.commands.suggest",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meguro-jukyo",
        description="目黒区 住区住民会議・町会・自治会の地域課題と会議の記録。"
        "コマンドなしでアプリを起動します。",
    )
    parser.add_argument(
        "--db", metavar="PATH_OR_URL",
        help="データの場所: SQLite ファイルか postgresql+psycopg://… "
        "（既定: 環境変数 MEGURO_JUKYO_DB、なければ db/meguro_jukyo.sqlite3）",
    )
    from .core.about import version

    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from .app import run

        return run(db=args.db)
    try:
        return args.handler(args)
    except UserError as exc:
        print(f"meguro-jukyo: {exc.ja}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("meguro-jukyo: 中断しました。", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
