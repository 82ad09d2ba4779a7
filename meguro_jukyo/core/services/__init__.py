"""Use cases over a store: one call, one transaction, returning what it changed.

``Services(store)`` bundles the entity services the app and the CLI use; dependencies are
passed in, nothing is global.
"""

from __future__ import annotations

from ..search import search
from . import history
from .base import EntityService
from .listing import ListQuery
from .vocab import VocabCache
from .entities import (
    ActionItemService,
    AgendaItemService,
    AttendeeService,
    IssueService,
    MeetingService,
    NoteService,
    OfficerService,
    OrganizationService,
    PolicyLinkService,
    Quorum,
    RequestAnswerService,
    quorum,
)
from .stats import StatsService
from .suggestions import SuggestionService

__all__ = ["Services", "ListQuery", "EntityService", "Quorum", "SuggestionService", "quorum"]


class Services:
    def __init__(self, store):
        self.store = store
        self.vocab = VocabCache(store)
        self.organizations = OrganizationService(store, self.vocab)
        self.meetings = MeetingService(store, self.vocab)
        self.agenda = AgendaItemService(store, self.vocab)
        self.issues = IssueService(store, self.vocab)
        self.notes = NoteService(store, self.vocab)
        self.actions = ActionItemService(store, self.vocab)
        self.links = PolicyLinkService(store, self.vocab)
        self.attendees = AttendeeService(store, self.vocab)
        self.answers = RequestAnswerService(store, self.vocab)
        self.officers = OfficerService(store, self.vocab)
        self.issues.answers = self.answers  # an answer writes the 要望 and its answer together
        self.stats = StatsService(store, self.issues)
        self.suggestions = SuggestionService(store)

    def by_kind(self, kind: str) -> EntityService:
        return {s.kind: s for s in self.all()}[kind]

    def all(self) -> tuple[EntityService, ...]:
        return (self.organizations, self.meetings, self.agenda, self.issues, self.notes,
                self.actions, self.links, self.attendees, self.answers, self.officers)

    def undo(self) -> history.UndoResult | None:
        return history.undo(self.store)

    def redo(self) -> history.UndoResult | None:
        return history.redo(self.store)

    def undo_label(self) -> str | None:
        return history.undo_label(self.store)

    def redo_label(self) -> str | None:
        return history.redo_label(self.store)

    def search(self, query: str, **kwargs):
        with self.store.engine.connect() as con:
            return search(con, query, **kwargs)
