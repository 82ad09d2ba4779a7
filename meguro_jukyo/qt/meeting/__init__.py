"""Meeting mode: one window for running a live meeting, keyboard first.

Built for a facilitator who is not a computer person, on a laptop in a community hall:

- the current agenda item in large text, its time box counting down, red ``+mm:ss`` once over;
- F1–F8 choose the kind of note (意見 論点 質問 報告 合意 決定 継続審議 少数意見) and put the
  cursor in the capture box; Enter records the note. F6 (決定) opens the decision dialog
  (method, votes, a minority opinion). F9 adds an action item (what, who, due — 和暦 typing
  works). F10 pauses and resumes the clock; Alt+→ / Alt+← go to the next / previous item;
- the agenda (add, move with Alt+↑/↓, carry over 継続審議 and open action items);
- attendance (members, present, proxies) with 成立 / 不成立 as it is typed;
- 開会 → 閉会 → 確定 with confirmations, and the minutes (PDF and Excel) into a chosen folder,
  in the background with progress;
- a projector window that follows this one (:mod:`.projector`).

Every captured note is committed when Enter is pressed. What is being typed is saved ~0.5 s
after the last keystroke as a draft (core/meeting.py keeps it in the store); after a crash the
window reopens on the same meeting and item with the text back in the box.

All database work goes through :class:`MeetingFlow` on the tasks' database lane.

The rooms: :mod:`.window` (the window: loading, the clock, undo, closing) built from one
mix-in per panel — :mod:`.agenda`, :mod:`.capture` (the notes of the current item and their
corrections), :mod:`.steps` (attendance, 開会/閉会/確定 and the minutes), :mod:`.since_panel`
(前回から); :mod:`.state` declares what they share of the window —, :mod:`.dialogs`,
:mod:`.projector`, :mod:`.minutes_pdf`, and :mod:`.launch` (the main window's menu entry,
reopening after a crash, ``python -m meguro_jukyo.qt.meeting``).
"""
