"""視点 suggestions that learn from the store's own decisions.

Every live 視点 link of a live issue is an accepted example; a link that was made and then
removed (its tombstone; undoing a link counts too) is a rejected one, unless the issue is
linked to that 視点 again. Both are read from the store itself, so what a council decided on
one laptop, and what sync brings in, steers the next suggestion on every laptop with that
store — no separate table, nothing to migrate.

Only the newest :attr:`SuggestionService.EXAMPLES` decisions are used (by clock stamp, then
id, so the choice is deterministic for a given store): a ward store holds over a hundred
thousand links, and the nearest issues among the recent ones are as good a guide as any. The
words of each example are kept between calls, keyed by the link's and the issue's revision.
"""

from __future__ import annotations

import threading

from sqlalchemy import false, select

from .. import analysis
from .. import models as m
from ..policy import load_framework
from ..suggest import Example, Ranked, ViewpointSuggester


class SuggestionService:
    EXAMPLES = 500

    def __init__(self, store, framework=None):
        self.store = store
        self._framework = framework
        self._suggester: ViewpointSuggester | None = None
        self._words: dict[tuple[str, int, int], tuple[str, ...]] = {}
        self._lock = threading.Lock()

    @property
    def suggester(self) -> ViewpointSuggester:
        if self._suggester is None:
            self._suggester = ViewpointSuggester(self._framework or load_framework())
        return self._suggester

    def warm_up(self) -> None:
        """Load the analyser and the vocabulary and read the examples now (on a worker
        thread), so the first suggestion a user asks for does not wait."""
        self.suggest("目黒の公園", limit=1)

    def examples(self, exclude_issue_id: str | None = None) -> list[Example]:
        """The store's newest decisions on issues, as examples (see the module docstring)."""
        link, issue = m.PolicyLink.__table__, m.Issue.__table__
        query = (select(link.c.id, link.c.rev, link.c.viewpoint_id, link.c.item_id, link.c.deleted,
                        issue.c.id, issue.c.rev, issue.c.title, issue.c.description)
                 .join(issue, issue.c.id == link.c.issue_id)
                 .where(issue.c.deleted == false())
                 .order_by(link.c.hlc.desc(), link.c.id)
                 .limit(self.EXAMPLES))
        with self.store.engine.connect() as con:
            rows = con.execute(query).all()
        live = {(r[5], r[2]) for r in rows if not r[4]}
        out: list[Example] = []
        with self._lock:
            for link_id, link_rev, vp, item, deleted, issue_id, issue_rev, title, description in rows:
                if issue_id == exclude_issue_id or (deleted and (issue_id, vp) in live):
                    continue
                key = (link_id, link_rev, issue_rev)
                words = self._words.get(key)
                if words is None:
                    words = self._words[key] = tuple(analysis.words(f"{title}\n{description}"))
                out.append(Example(words, vp, item, title, not deleted))
        return out

    def suggest(self, text: str, limit: int = 3, exclude_issue_id: str | None = None) -> list[Ranked]:
        """Up to ``limit`` 視点 for ``text``, best first, each with the signals that carried it.

        ``exclude_issue_id``: the issue the text belongs to, whose own links are not evidence.
        """
        if limit <= 0 or not (text or "").strip():
            return []
        return self.suggester.rank(text, self.examples(exclude_issue_id), limit=limit)
