"""What is off with a meeting's decision before it is recorded: the quorum, the method, the votes.

Said to the facilitator in meeting mode as the decision is typed, and checked again by
:meth:`.meeting.MeetingFlow.decide` (a blocking problem refuses the record). Plain
functions of the meeting's figures, tested without a store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import models as m
from .services import Quorum


@dataclass(frozen=True)
class Problem:
    """Something off with a decision about to be recorded. A blocking one cannot be saved
    (the record would be wrong); the others are said, and saved only when asked again."""

    ja: str
    en: str
    blocking: bool = False
    field: str = ""  # what to fix: method | votes | dissent | quorum | members

    def message(self, language: str = "ja") -> str:
        return self.en if language == "en" else self.ja


def quorum_problem(meeting: m.MeetingRead, q: Quorum) -> Problem | None:
    """The meeting lacks its quorum (what is attending and what is needed), or its number of
    members is not entered, so the quorum cannot be told."""
    if q.reached:
        return None
    if meeting.members_total == 0:
        return Problem(f"{q.members}が入っていないため、定足数に達しているか確かめられません。",
                       f"The number of {q.members_en} is not entered, so the quorum cannot be checked.",
                       field="members")
    return Problem(f"定足数に達していません: 出席{q.attending}名、必要{q.required}名（{q.rule}）。",
                   f"The quorum is not reached ({q.attending} attending, {q.required} needed).",
                   field="quorum")


def decision_problems(meeting: m.MeetingRead, q: Quorum, item_notes: Sequence[m.NoteRead],
                      method: str | None, votes_for: int | None = None,
                      votes_against: int | None = None, votes_abstain: int | None = None,
                      minority: Sequence[str] = (), editing: str | None = None) -> list[Problem]:
    """What is off with a decision on an item before it is recorded (``editing``: the id of
    the decision being corrected), in the order a person fixes them."""
    out: list[Problem] = []
    if method is None:
        out.append(Problem("決め方（全会一致・多数決・継続）を選んでください。",
                           "Choose how it was decided (unanimous, majority, continued).", True, "method"))
    dissent = [n.body for n in item_notes if n.kind == "minority" and n.id != editing
               and (editing is None or n.decision_id in (None, editing))]
    dissent += [t.strip() for t in minority if t.strip()]
    if method == "unanimous" and dissent:
        out.append(Problem(f"全会一致としていますが、少数意見「{shorten(dissent[0])}」があります。",
                           f"Unanimous, but there is a minority opinion (“{shorten(dissent[0])}”).",
                           field="dissent"))
    if method == "unanimous" and votes_against:
        out.append(Problem(f"全会一致としていますが、反対が{votes_against}票あります。",
                           f"Unanimous, but {votes_against} voted against.", field="dissent"))
    if method == "majority" and votes_for is not None and votes_for <= (votes_against or 0):
        out.append(Problem("多数決の決定には賛成が反対より多い必要があります。",
                           "A majority decision needs more votes for than against.", True, "votes"))
    if votes_for is not None:
        total = votes_for + (votes_against or 0) + (votes_abstain or 0)
        written = meeting.written_votes  # 書面表決 are votes too
        can_vote = meeting.present + meeting.proxies + written
        if can_vote and total != can_vote:
            sums = (f"賛成{votes_for}＋反対{votes_against or 0}＋棄権{votes_abstain or 0}＝{total}票ですが、"
                    f"出席{meeting.present}名＋委任状{meeting.proxies}名"
                    + (f"＋書面表決{written}名" if written else "") + f"＝{can_vote}名です")
            sums_en = (f"for {votes_for} + against {votes_against or 0} + abstaining {votes_abstain or 0} = "
                       f"{total} votes, but present {meeting.present} + proxies {meeting.proxies}"
                       + (f" + written votes {written}" if written else "") + f" = {can_vote}")
            if total > can_vote:
                out.append(Problem(f"票数が合いません。{sums}（{total - can_vote}票多すぎます）。",
                                   f"The votes do not add up: {sums_en} ({total - can_vote} too many).",
                                   True, "votes"))
            else:
                out.append(Problem(f"{sums}（{can_vote - total}票足りません。投票しなかった人がいれば、そのまま保存できます）。",
                                   f"{sums_en} ({can_vote - total} fewer; save anyway if some did not vote).",
                                   field="votes"))
    quorum = quorum_problem(meeting, q)
    if quorum is not None and quorum.field == "quorum":
        quorum = Problem(quorum.ja + "この決定は議事録に「定足数に達しないまま決定」と記されます。",
                         quorum.en + " The minutes will mark this decision as taken without a quorum.",
                         field="quorum")
    if quorum is not None:
        out.append(quorum)
    return out


def shorten(text: str, n: int = 30) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
