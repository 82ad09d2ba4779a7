"""Running a meeting: agenda preparation, status steps, capture, time boxes and drafts.

Everything the facilitator does in meeting mode is a call here first, tested without a display.
Edits of records (agenda items, notes, action items, the meeting's status) are ordinary
service edits: one transaction, history, undo, sync.

Two things are deliberately *not* records: the running time box and the text still being
typed. They belong to the laptop running the meeting, change every few hundred milliseconds,
and must neither sync nor fill the undo stack, so they live in the store-local ``meta`` table
(the place for this device's own state, left out of dumps and sync) as small JSON values, each
written in its own short transaction. The store runs with synchronous=FULL, so whatever was
committed survives the process being killed or the battery being pulled.

The time box keeps wall-clock time: a running item's start instant is stored, so after a crash
and restart the countdown shows the time the meeting really took (the hall did not stop while
the laptop rebooted). When the meeting closes, each item's elapsed time becomes its
``actual_minutes`` (a synced record).

After 確定 (finalised) the minutes are the signed record. Later edits of the meeting, its agenda,
notes and action items are not blocked (a mistake found later must be correctable) but are
listed as 確定後の修正 — amendments, with when and old → new — taken from the audit history:
what a ward office expects of signed minutes (訂正 are shown, never silently merged in).

The checks of a decision (quorum, method, votes) are :mod:`.meeting_checks`. The rest is one
file over 500 lines on purpose: :class:`MeetingFlow` is the facilitator's one path through a
meeting (prepare, open, capture, close, confirm), whose steps share the session, draft and
time-box state kept in ``meta``, and the values above it are what its steps return; split by
step, each part would reach into the others' state.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlmodel import col

from . import models as m
from .dialect import upsert_meta
from .errors import UserError, ValidationError
from .meeting_checks import decision_problems, shorten
from .services import ListQuery, Services
from .services.unit_of_work import run
from .services.values import from_json

STATUSES = ("planned", "in_session", "closed", "finalized")
NOTE_KINDS = ("opinion", "point", "question", "report", "consensus", "decision", "continued", "minority")
OPEN_ACTION = ("todo", "doing")
#: the outcome of an agenda item the meeting closed without taking up
NOT_TAKEN_UP = "審議せず"
_ACTIVE_KEY = "meeting_mode.active"


def _session_key(meeting_id: str) -> str:
    return f"meeting_mode.session.{meeting_id}"


def _notes_turn(meeting_id: str) -> str:
    """The turn the note-writing work of one meeting takes (see concurrency.taking_turns)."""
    return f"meeting-notes:{meeting_id}"


def _draft_key(meeting_id: str) -> str:
    return f"meeting_mode.draft.{meeting_id}"


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Candidate:
    """Something from earlier meetings offered for this meeting's agenda."""

    source: str  # "continued" (a 継続審議 note or a decision to continue) | "action"
    source_id: str
    title: str  # a short agenda title (:func:`short_title` of the text)
    issue_id: str | None
    from_meeting: str  # title of the meeting it came from ("" if none)
    from_date: dt.datetime | None
    text: str = ""  # what was recorded, in full
    assignee: str = ""  # of an action item
    due_on: dt.date | None = None
    overdue: bool = False  # an action due before this meeting's day


@dataclass
class Timer:
    """An agenda item's time box: seconds already spent, and since when it has been running."""

    elapsed: float = 0.0
    running_since: float | None = None  # epoch seconds

    def seconds(self, now: float) -> float:
        if self.running_since is None:
            return self.elapsed
        return self.elapsed + max(0.0, now - self.running_since)

    @property
    def running(self) -> bool:
        return self.running_since is not None


@dataclass
class Session:
    """Where meeting mode is in a meeting: the current item and every item's time box."""

    meeting_id: str
    item_id: str | None = None
    timers: dict[str, Timer] = field(default_factory=dict)

    def timer(self, item_id: str) -> Timer:
        return self.timers.setdefault(item_id, Timer())

    def seconds(self, item_id: str, now: float) -> float:
        t = self.timers.get(item_id)
        return t.seconds(now) if t else 0.0

    @property
    def running(self) -> bool:
        return any(t.running for t in self.timers.values())

    def to_json(self) -> str:
        return json.dumps({
            "item_id": self.item_id,
            "timers": {k: [t.elapsed, t.running_since] for k, t in self.timers.items()},
        })

    @classmethod
    def from_json(cls, meeting_id: str, raw: str | None) -> "Session":
        if not raw:
            return cls(meeting_id)
        data = json.loads(raw)
        timers = {k: Timer(float(v[0]), None if v[1] is None else float(v[1]))
                  for k, v in data.get("timers", {}).items()}
        return cls(meeting_id, data.get("item_id"), timers)


@dataclass(frozen=True)
class Draft:
    """Text typed into the capture box and not yet entered."""

    meeting_id: str
    item_id: str | None
    kind: str
    text: str


@dataclass(frozen=True)
class Amendment:
    """One field of the meeting's record changed after it was finalised."""

    when: dt.datetime  # local time
    entity: str  # meeting | agenda_item | note | action_item
    entity_id: str
    what: str  # the record, in words (e.g. 決定「…」)
    field: str
    old: object
    new: object


# --------------------------------------------------------------------------- the flow


class MeetingFlow:
    """The facilitator's use cases over one store's services."""

    def __init__(self, services: Services):
        self.services = services
        self.store = services.store

    # -- agenda ------------------------------------------------------------------------

    def agenda(self, meeting_id: str) -> list[m.AgendaItemRead]:
        return self.services.agenda.list(ListQuery(equals={"meeting_id": meeting_id},
                                                   order_by=[("position", False)]))

    def add_item(self, meeting_id: str, title: str, planned_minutes: int = 10,
                 issue_id: str | None = None, carried_from: str | None = None) -> m.AgendaItemRead:
        """A new agenda item at the end of the agenda."""
        t = m.AgendaItem.__table__

        def work(tx):
            last = tx.con.execute(select(func.max(t.c.position)).where(
                t.c.meeting_id == meeting_id, t.c.deleted.is_(False))).scalar()
            return self.services.agenda.create_in(tx, {
                "meeting_id": meeting_id, "title": title, "planned_minutes": planned_minutes,
                "issue_id": issue_id, "carried_from": carried_from, "position": (last or 0) + 1})

        return run(self.store, "議題を追加", work)

    def move_item(self, item_id: str, new_index: int) -> list[m.AgendaItemRead]:
        """Move an item to ``new_index`` (0-based) and number the agenda 1, 2, 3… in one change."""
        item = self.services.agenda.get(item_id)
        items = [i for i in self.agenda(item.meeting_id) if i.id != item_id]
        new_index = max(0, min(new_index, len(items)))
        items.insert(new_index, item)

        def work(tx):
            for pos, it in enumerate(items, start=1):
                if it.position != pos:
                    self.services.agenda.update_in(tx, it.id, {"position": pos})

        run(self.store, "議題の順番を変更", work)
        return self.agenda(item.meeting_id)

    def carry_over_candidates(self, meeting_id: str) -> list[Candidate]:
        """継続審議 from earlier meetings of the same organization, and its open action items.

        A 継続審議 already taken up by a later meeting (an agenda item with the same issue, or
        failing an issue the same title) is not offered again; an open action item is offered
        at every meeting until it is done or cancelled, unless this agenda already has it.
        """
        meeting = self.services.meetings.get(meeting_id)
        mt, nt, at, it = (m.Meeting.__table__, m.Note.__table__, m.ActionItem.__table__,
                          m.AgendaItem.__table__)
        with self.store.engine.connect() as con:
            earlier = {r.id: r for r in con.execute(select(mt.c.id, mt.c.title, mt.c.starts_at).where(
                mt.c.organization_id == meeting.organization_id, mt.c.deleted.is_(False),
                mt.c.starts_at < meeting.starts_at, mt.c.id != meeting_id))}
            notes = con.execute(select(nt).where(
                nt.c.meeting_id.in_(list(earlier)), nt.c.deleted.is_(False),
                (nt.c.kind == "continued") | ((nt.c.kind == "decision")
                                              & (nt.c.decision_method == "continued")),
            ).order_by(nt.c.recorded_at, nt.c.position)).mappings().all() if earlier else []
            taken_up = con.execute(select(it.c.meeting_id, it.c.title, it.c.issue_id, it.c.carried_from,
                                          mt.c.starts_at).join(
                mt, mt.c.id == it.c.meeting_id).where(
                mt.c.organization_id == meeting.organization_id, it.c.deleted.is_(False),
                mt.c.deleted.is_(False), mt.c.starts_at <= meeting.starts_at)).all()
            actions = con.execute(select(at).where(
                at.c.organization_id == meeting.organization_id, at.c.deleted.is_(False),
                at.c.status.in_(OPEN_ACTION),
                (at.c.meeting_id.is_(None)) | (at.c.meeting_id != meeting_id),
            ).order_by(at.c.due_on, at.c.title)).mappings().all()
            item_issue = dict(con.execute(select(it.c.id, it.c.issue_id).where(
                it.c.id.in_([n["agenda_item_id"] for n in notes if n["agenda_item_id"]]))).all())

        def taken(since: dt.datetime | None, source_id: str, titles: tuple[str, ...],
                  issue_id: str | None) -> bool:
            """On the agenda of a meeting after ``since`` (None: of this meeting): carried over
            from it, or (items added by hand, or before items kept their source) with its issue
            or one of its titles."""
            for row in taken_up:
                if since is None and row.meeting_id != meeting_id:
                    continue
                if since is not None and row.starts_at <= since:
                    continue
                if (row.carried_from == source_id or (issue_id and row.issue_id == issue_id)
                        or row.title.strip() in titles):
                    return True
            return False

        out: list[Candidate] = []
        seen: set[str] = set()
        day = meeting.starts_at.date()
        for n in notes:
            issue = n["issue_id"] or item_issue.get(n["agenda_item_id"])
            text = n["body"].strip()
            title, first_line = short_title(text), text.splitlines()[0][:200]
            source = earlier[n["meeting_id"]]
            key = issue or title
            if key in seen or taken(source.starts_at, n["id"], (title, first_line), issue):
                continue
            seen.add(key)
            out.append(Candidate("continued", n["id"], title, issue, source.title, source.starts_at, text))
        for a in actions:
            source = earlier.get(a["meeting_id"])
            title = short_title(a["title"])
            if taken(None, a["id"], (title, a["title"].strip()), a["issue_id"]):  # open actions come back until done
                continue
            out.append(Candidate("action", a["id"], title, a["issue_id"],
                                 source.title if source else "", source.starts_at if source else None,
                                 a["title"], a["assignee"], a["due_on"],
                                 a["due_on"] is not None and a["due_on"] < day))
        return out

    def add_candidate(self, meeting_id: str, candidate: Candidate,
                      planned_minutes: int = 10) -> m.AgendaItemRead:
        """The candidate as an agenda item under its (possibly edited) title, remembering where
        it came from so it is not offered again."""
        return self.add_item(meeting_id, candidate.title.strip() or short_title(candidate.text),
                             planned_minutes, candidate.issue_id, carried_from=candidate.source_id)

    # -- status --------------------------------------------------------------------------

    def _step(self, meeting_id: str, expected: str, to: str, label: str,
              extra: dict | None = None) -> m.MeetingRead:
        meeting = self.services.meetings.get(meeting_id)
        if meeting.status != expected:
            now_label = self.services.vocab.label("meeting_status", meeting.status)
            need = self.services.vocab.label("meeting_status", expected)
            now_en = self.services.vocab.label("meeting_status", meeting.status, "en")
            need_en = self.services.vocab.label("meeting_status", expected, "en")
            raise UserError(f"会議が「{need}」のときだけできます（今は「{now_label}」）。",
                            f"Only possible while the meeting is {need_en} (it is {now_en}).")
        return self.services.meetings.update(meeting_id, {"status": to, **(extra or {})}, label=label)

    def open_meeting(self, meeting_id: str, now: float | None = None) -> m.MeetingRead:
        """予定 → 開催中, recording when (the minutes show it, not the planned time)."""
        return self._step(meeting_id, "planned", "in_session", "開会", {"opened_at": _minute(now)})

    def not_taken_up(self, meeting_id: str, now: float | None = None) -> list[m.AgendaItemRead]:
        """Agenda items nobody has timed or recorded anything on: closing marks them 審議せず."""
        now = time.time() if now is None else now
        session = self.session(meeting_id)
        nt, at = m.Note.__table__, m.ActionItem.__table__
        with self.store.engine.connect() as con:
            spoken = set(con.execute(select(nt.c.agenda_item_id).where(
                nt.c.meeting_id == meeting_id, nt.c.deleted.is_(False))).scalars())
            spoken |= set(con.execute(select(at.c.agenda_item_id).where(
                at.c.meeting_id == meeting_id, at.c.deleted.is_(False))).scalars())
        return [i for i in self.agenda(meeting_id)
                if i.id not in spoken and session.seconds(i.id, now) == 0 and not i.outcome]

    def close_meeting(self, meeting_id: str, now: float | None = None) -> m.MeetingRead:
        """開催中 → 終了: stops the clocks, records each item's actual minutes and when the
        meeting closed, and marks the items never taken up 審議せず."""
        now = time.time() if now is None else now
        meeting = self.services.meetings.get(meeting_id)
        if meeting.status != "in_session":
            return self._step(meeting_id, "in_session", "closed", "閉会")  # raises the message
        session = self.session(meeting_id)
        skipped = {i.id for i in self.not_taken_up(meeting_id, now)}

        def work(tx):
            for item in self.agenda(meeting_id):
                seconds = session.seconds(item.id, now)
                if seconds > 0:
                    self.services.agenda.update_in(tx, item.id, {"actual_minutes": round(seconds / 60)})
                elif item.id in skipped:
                    self.services.agenda.update_in(tx, item.id, {"outcome": NOT_TAKEN_UP})
            closed = self.services.meetings.update_in(tx, meeting_id, {"status": "closed",
                                                                       "closed_at": _minute(now)})
            for t in session.timers.values():
                t.elapsed, t.running_since = t.seconds(now), None
            self._put(tx.con, _session_key(meeting_id), session.to_json())
            return closed

        return run(self.store, "閉会", work)

    def finalize(self, meeting_id: str) -> m.MeetingRead:
        """終了 → 確定: the minutes become the record; later edits show as amendments."""
        finalized = self._step(meeting_id, "closed", "finalized", "議事録を確定")
        with self.store.engine.begin() as con:
            self._put(con, _draft_key(meeting_id), None)
            self._put(con, _session_key(meeting_id), None)
            if self._get(con, _ACTIVE_KEY) == meeting_id:
                self._put(con, _ACTIVE_KEY, None)
        return finalized

    def finalized_change(self, meeting_id: str) -> int | None:
        """The change that finalised the meeting (the latest one not undone), if any."""
        h, c = m.History.__table__, m.Change.__table__
        with self.store.engine.connect() as con:
            return con.execute(select(func.max(h.c.change_id)).join(c, c.c.id == h.c.change_id).where(
                h.c.entity == "meeting", h.c.entity_id == meeting_id, h.c.field == "status",
                h.c.new == json.dumps("finalized"), c.c.state == "done", c.c.kind != "undo")).scalar()

    def amendments(self, meeting_id: str) -> list[Amendment]:
        """Every change to the meeting's record after it was finalised, oldest first."""
        since = self.finalized_change(meeting_id)
        if since is None:
            return []
        h, c = m.History.__table__, m.Change.__table__
        tables = {"note": m.Note.__table__, "agenda_item": m.AgendaItem.__table__,
                  "action_item": m.ActionItem.__table__}
        with self.store.engine.connect() as con:
            owned: dict[str, tuple[str, dict]] = {}
            for entity, t in tables.items():
                for row in con.execute(select(t).where(t.c.meeting_id == meeting_id)).mappings():
                    owned[row["id"]] = (entity, dict(row))
            rows = con.execute(select(h, c.c.wall_time).join(c, c.c.id == h.c.change_id).where(
                h.c.change_id > since).order_by(h.c.id)).mappings().all()
        out = []
        for r in rows:
            if r["entity"] == "meeting" and r["entity_id"] == meeting_id:
                table, what = m.Meeting.__table__, "会議"
            elif r["entity_id"] in owned and owned[r["entity_id"]][0] == r["entity"]:
                entity, row = owned[r["entity_id"]]
                table = tables[entity]
                what = self._describe(entity, row)
            else:
                continue
            wall = r["wall_time"].replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)
            out.append(Amendment(wall, r["entity"], r["entity_id"], what, r["field"],
                                 from_json(table, r["field"], r["old"]),
                                 from_json(table, r["field"], r["new"])))
        return out

    def _describe(self, entity: str, row: dict) -> str:
        if entity == "note":
            label = self.services.vocab.label("note_kind", row["kind"])
            return f"{label}「{shorten(row['body'])}」"
        if entity == "agenda_item":
            return f"議題「{shorten(row['title'])}」"
        return f"アクション「{shorten(row['title'])}」"

    # -- capture -------------------------------------------------------------------------

    def _require_in_session(self, meeting_id: str) -> m.MeetingRead:
        meeting = self.services.meetings.get(meeting_id)
        if meeting.status != "in_session":
            label = self.services.vocab.label("meeting_status", meeting.status)
            label_en = self.services.vocab.label("meeting_status", meeting.status, "en")
            raise UserError(f"会議が開催中ではないため記録できません（今は「{label}」）。先に開会してください。",
                            f"The meeting is not in session ({label_en}); open it first.")
        return meeting

    def _note_values(self, tx, meeting_id: str, item_id: str | None, kind: str, body: str) -> dict:
        nt = m.Note.__table__
        # Notes are numbered per item. Two workstations numbering the same item at once would
        # both read the same last position (inserts never collide), so the numbering first
        # writes its owner row (the item, or the meeting for notes outside any item) without
        # changing it: on PostgreSQL a second writer then collides and its unit of work runs
        # again on top of the first one's note; on SQLite there is one writer anyway. Capture
        # and decide also take turns per meeting (_notes_turn), so two workstations typing
        # at once wait for each other instead of colliding note after note.
        owner = m.Meeting.__table__ if item_id is None else m.AgendaItem.__table__
        tx.con.execute(owner.update().where(owner.c.id == (item_id or meeting_id))
                       .values(rev=owner.c.rev))
        item_cond = nt.c.agenda_item_id.is_(None) if item_id is None else nt.c.agenda_item_id == item_id
        last = tx.con.execute(select(func.max(nt.c.position)).where(
            nt.c.meeting_id == meeting_id, item_cond, nt.c.deleted.is_(False))).scalar()
        issue_id = None
        if item_id is not None:
            issue_id = tx.con.execute(select(col(m.AgendaItem.issue_id)).where(
                col(m.AgendaItem.id) == item_id)).scalar()
        return {"meeting_id": meeting_id, "agenda_item_id": item_id, "issue_id": issue_id,
                "kind": kind, "body": body, "position": (last or 0) + 1,
                "recorded_at": dt.datetime.now().replace(microsecond=0)}

    def latest_decision(self, meeting_id: str, item_id: str | None) -> m.NoteRead | None:
        equals = {"meeting_id": meeting_id, "kind": "decision", "agenda_item_id": item_id}
        found = self.services.notes.list(ListQuery(equals=equals, order_by=[("position", True)], limit=1))
        return found[0] if found else None

    def capture(self, meeting_id: str, item_id: str | None, kind: str, body: str,
                decision_id: str | None = None) -> m.NoteRead:
        """Commit one note into the current item; it clears the draft in the same transaction.

        A minority opinion attaches to ``decision_id``, else to the item's latest decision.
        Decisions go through :meth:`decide` (they need their method).
        """
        self._require_in_session(meeting_id)
        if kind == "decision":
            raise UserError("決定は決め方（全会一致・多数決・継続）を選んで記録してください。",
                            "Record a decision with how it was decided.")
        if kind == "minority" and decision_id is None:
            latest = self.latest_decision(meeting_id, item_id)
            decision_id = latest.id if latest else None
        label = self.services.vocab.label("note_kind", kind)

        def work(tx):
            values = self._note_values(tx, meeting_id, item_id, kind, body)
            values["decision_id"] = decision_id if kind == "minority" else None
            note = self.services.notes.create_in(tx, values)
            self._put(tx.con, _draft_key(meeting_id), None)
            return note

        return run(self.store, f"{label}を記録", work, turn=_notes_turn(meeting_id))

    def decide(self, meeting_id: str, item_id: str | None, body: str, method: str,
               votes_for: int | None = None, votes_against: int | None = None,
               votes_abstain: int | None = None, minority: list[str] | tuple[str, ...] = ()
               ) -> m.NoteRead:
        """A decision with how it was reached and its votes, and its minority opinions: one change.

        Refused when :func:`decision_problems` finds the record would be wrong (no method, more
        votes than people who could vote); its warnings are for the person to weigh."""
        meeting = self._require_in_session(meeting_id)
        if method != "majority" and votes_for is None:
            votes_against = votes_abstain = None
        q = self.services.meetings.quorum(meeting)
        for problem in decision_problems(meeting, q, (), method, votes_for, votes_against, votes_abstain):
            if problem.blocking:
                raise ValidationError(problem.ja, problem.en, field={
                    "method": "decision_method", "votes": "votes_for"}[problem.field])

        def work(tx):
            values = self._note_values(tx, meeting_id, item_id, "decision", body)
            values.update(decision_method=method, votes_for=votes_for, votes_against=votes_against,
                          votes_abstain=votes_abstain,
                          without_quorum=not q.reached and meeting.members_total > 0)  # known to lack it
            decision = self.services.notes.create_in(tx, values)
            for text in minority:
                if text.strip():
                    values = self._note_values(tx, meeting_id, item_id, "minority", text)
                    values["decision_id"] = decision.id
                    self.services.notes.create_in(tx, values)
            self._put(tx.con, _draft_key(meeting_id), None)
            return decision

        return run(self.store, "決定を記録", work, turn=_notes_turn(meeting_id))

    def edit_note(self, note_id: str, values: dict) -> m.NoteRead:
        """Correct a captured note (its text, kind, or a decision's method and votes): one
        undoable change. A note that stops being a minority opinion leaves its decision."""
        note = self.services.notes.get(note_id)
        values = dict(values)
        if values.get("kind", note.kind) != "minority":
            values["decision_id"] = None
        if values.get("kind", note.kind) != "decision":
            values.update(decision_method=None, votes_for=None, votes_against=None, votes_abstain=None)
        label = self.services.vocab.label("note_kind", note.kind)
        return self.services.notes.update(note_id, values, label=f"{label}を修正")

    def delete_note(self, note_id: str) -> list[str]:
        """Delete a captured note; a decision goes with the minority opinions attached to it
        (they dissent from nothing without it). One undoable change; returns the ids deleted."""
        note = self.services.notes.get(note_id)
        nt = m.Note.__table__
        label = self.services.vocab.label("note_kind", note.kind)

        def work(tx):
            dissent = tx.con.execute(select(nt.c.id).where(
                nt.c.decision_id == note_id, nt.c.deleted.is_(False))).scalars().all()
            for id_ in (note_id, *dissent):
                self.services.notes.delete_in(tx, id_)
            return [note_id, *dissent]

        return run(self.store, f"{label}を削除", work)

    def add_action(self, meeting_id: str, item_id: str | None, title: str, assignee: str = "",
                   due_on: dt.date | None = None) -> m.ActionItemRead:
        """An action item from the meeting (and from the item's issue, if it has one)."""
        meeting = self.services.meetings.get(meeting_id)
        issue_id = self.services.agenda.get(item_id).issue_id if item_id else None
        return self.services.actions.create({
            "title": title, "assignee": assignee, "due_on": due_on, "meeting_id": meeting_id,
            "agenda_item_id": item_id, "organization_id": meeting.organization_id, "issue_id": issue_id,
        }, label="アクションを追加")

    def notes(self, meeting_id: str, item_id: str | None = None) -> list[m.NoteRead]:
        """The meeting's notes (of one item, if given) in the order they were taken."""
        equals: dict = {"meeting_id": meeting_id}
        if item_id is not None:
            equals["agenda_item_id"] = item_id
        return self.services.notes.list(ListQuery(equals=equals, order_by=[
            ("recorded_at", False), ("position", False)]))

    def actions(self, meeting_id: str) -> list[m.ActionItemRead]:
        """The action items that came from the meeting, soonest due first."""
        return self.services.actions.list(ListQuery(equals={"meeting_id": meeting_id},
                                                    order_by=[("due_on", False), ("title", False)]))

    # -- time boxes (device-local state) ----------------------------------------------------

    def session(self, meeting_id: str) -> Session:
        with self.store.engine.connect() as con:
            return Session.from_json(meeting_id, self._get(con, _session_key(meeting_id)))

    def _save_session(self, session: Session) -> Session:
        with self.store.engine.begin() as con:
            self._put(con, _session_key(session.meeting_id), session.to_json())
        return session

    def go_to(self, meeting_id: str, item_id: str, now: float | None = None,
              run: bool | None = None) -> Session:
        """Make ``item_id`` the current item. The clock keeps running (or not) as it was,
        unless ``run`` says otherwise; the previous item's time is kept for when it comes back."""
        now = time.time() if now is None else now
        session = self.session(meeting_id)
        running = session.running if run is None else run
        for t in session.timers.values():
            if t.running:
                t.elapsed, t.running_since = t.seconds(now), None
        session.item_id = item_id
        if running:
            session.timer(item_id).running_since = now
        return self._save_session(session)

    def pause(self, meeting_id: str, now: float | None = None) -> Session:
        now = time.time() if now is None else now
        session = self.session(meeting_id)
        for t in session.timers.values():
            if t.running:
                t.elapsed, t.running_since = t.seconds(now), None
        return self._save_session(session)

    def resume(self, meeting_id: str, now: float | None = None) -> Session:
        now = time.time() if now is None else now
        session = self.session(meeting_id)
        if session.item_id is None or session.running:
            return session
        session.timer(session.item_id).running_since = now
        return self._save_session(session)

    # -- meeting mode's place, and drafts ---------------------------------------------------

    def set_active(self, meeting_id: str | None) -> None:
        """Remember the meeting open in meeting mode (None when meeting mode is closed)."""
        with self.store.engine.begin() as con:
            self._put(con, _ACTIVE_KEY, meeting_id)

    def active(self) -> str | None:
        """The meeting meeting mode was open on when the app last stopped, if it still exists."""
        with self.store.engine.connect() as con:
            meeting_id = self._get(con, _ACTIVE_KEY)
            if meeting_id is None:
                return None
            alive = con.execute(select(col(m.Meeting.deleted)).where(col(m.Meeting.id) == meeting_id)).scalar()
        return meeting_id if alive is False else None

    def save_draft(self, meeting_id: str, item_id: str | None, kind: str, text: str) -> None:
        """Keep what is being typed: one small transaction, not an undoable edit, never synced."""
        value = None if not text.strip() else json.dumps(
            {"item_id": item_id, "kind": kind, "text": text}, ensure_ascii=False)
        with self.store.engine.begin() as con:
            self._put(con, _draft_key(meeting_id), value)

    def draft(self, meeting_id: str) -> Draft | None:
        with self.store.engine.connect() as con:
            raw = self._get(con, _draft_key(meeting_id))
        if not raw:
            return None
        data = json.loads(raw)
        return Draft(meeting_id, data.get("item_id"), data.get("kind", "opinion"), data.get("text", ""))

    # -- meta ----------------------------------------------------------------------------

    @staticmethod
    def _get(con, key: str) -> str | None:
        return con.execute(select(col(m.Meta.value)).where(col(m.Meta.key) == key)).scalar()

    @staticmethod
    def _put(con, key: str, value: str | None) -> None:
        if value is None:
            con.execute(delete(m.Meta).where(col(m.Meta.key) == key))
        else:
            upsert_meta(con, key, value)


TITLE_LENGTH = 30
_SENTENCE_END = re.compile(r"[。．！？!?]")


def short_title(text: str) -> str:
    """An agenda title from what was recorded: its first sentence, cut at a 、 or with … when long.

    「パトロールの担当表を作る。町会ごとに2名ずつ…」 → 「パトロールの担当表を作る」.
    """
    lines = text.strip().splitlines()
    first = _SENTENCE_END.split(lines[0], 1)[0].strip() or lines[0].strip() if lines else ""
    cut = first.rfind("、", 0, TITLE_LENGTH)
    if len(first) > TITLE_LENGTH and cut >= TITLE_LENGTH // 2:
        return first[:cut] + "…"
    return shorten(first, TITLE_LENGTH)


def _minute(now: float | None) -> dt.datetime:
    """Local wall-clock time to the minute, as minutes state times."""
    return dt.datetime.fromtimestamp(time.time() if now is None else now).replace(second=0, microsecond=0)
