"""``suggest``: the 施策立案の視点 that fit a text, with their scores and the signals behind them.

Imports inside functions: each handler imports only what its own command uses, so that
``meguro-jukyo --help``, the other commands and the GUI start without loading it (SQLAlchemy and
the models take about a second, openpyxl and Qt's printing more).
"""

from __future__ import annotations

import json
import sys

from ..core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("suggest", help="文に合う施策立案の視点を、点数と理由とともに示す")
    p.add_argument("text", help="地域課題などの文")
    p.add_argument("--json", action="store_true", help="JSON で出力する")
    p.add_argument("--limit", type=int, default=3, help="示す視点の数（1〜13、既定 3）")
    p.set_defaults(handler=cmd_suggest)


def cmd_suggest(args) -> int:
    from ..core.db import Store
    from ..core.policy import load_framework
    from ..core.services import SuggestionService

    if not 1 <= args.limit <= 13:
        raise UserError("--limit は 1 から 13 にしてください。", "--limit must be from 1 to 13.")
    if not args.text.strip():
        raise UserError("文が空です。視点を探す文を指定してください。", "The text is empty: give the text to find viewpoints for.")
    framework = load_framework()
    store = Store.open(args.db, holder="meguro-jukyo suggest", write=False)
    with store:
        ranked = SuggestionService(store, framework).suggest(args.text, limit=args.limit)
    if args.json:
        out = [{"viewpoint_id": r.viewpoint_id, "title": framework.node(r.viewpoint_id).title,
                "item_id": r.item_id, "score": r.score,
                "reasons": [{"kind": x.kind, "detail": x.detail, "text": x.ja()} for x in r.reasons]}
               for r in ranked]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for r in ranked:
        item = f" ○{r.item_id}" if r.item_id else ""
        reasons = " / ".join(x.ja() for x in r.reasons)
        print(f"{r.viewpoint_id}\t{framework.node(r.viewpoint_id).title}{item}\t{r.score:.2f}\t{reasons}")
    if not ranked:
        print("この文に合う視点は見つかりませんでした。", file=sys.stderr)
    return 0
