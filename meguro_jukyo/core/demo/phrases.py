"""What the sample data says: places of 目黒区, people's names, and the phrase pools of each topic.

The pools are hand-written data, kept in ``resources/demo_phrases.json`` and read into the
shapes below when the sample data is first made. Texts may name ``{place}`` (a place of one
of the topic's kinds, in the organization's 地区), ``{month}`` and ``{n}`` (a count).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..resources import load_json

class IssueText(NamedTuple):
    """One way an issue of a topic is raised: its title, description, what the ward is asked
    when it becomes a 要望, and the answers the ward may give."""

    title: str
    detail: str
    request: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """What issues are about, with everything that gets said about them.

    Texts may name ``{place}`` (a place of one of the kinds in ``places``, in the 地区 of the
    organization), ``{month}`` and ``{n}`` (a count of people or things).
    """

    category: str
    places: tuple[str, ...]
    issues: tuple[IssueText, ...]
    opinion: tuple[str, ...]
    point: tuple[str, ...]
    question: tuple[str, ...]
    report: tuple[str, ...]
    consensus: tuple[str, ...]
    decision: tuple[str, ...]
    continued: tuple[str, ...]
    minority: tuple[str, ...]
    actions: tuple[str, ...]
    links: tuple[tuple[str, str | None, str], ...]  # (視点, ○ item or None, reason)



def _topic(data: dict) -> Topic:
    pools = {k: tuple(v) for k, v in data.items() if k not in ("category", "places", "issues", "links")}
    return Topic(category=data["category"], places=tuple(data["places"]),
                 issues=tuple(IssueText(i["title"], i["detail"], i["request"], tuple(i["answers"])) for i in data["issues"]),
                 links=tuple(tuple(link) for link in data["links"]), **pools)


def _pairs(rows: list) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(row) for row in rows)


_DATA = load_json("demo_phrases.json")

#: Where things happen, by 地区 and kind: real places of 目黒区.
PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    district: {kind: tuple(names) for kind, names in kinds.items()} for district, kinds in _DATA["places"].items()}
#: Town names in each 住区 (with よみ), from which 町会・自治会 are named.
TOWNS: dict[str, tuple[tuple[str, str], ...]] = {code: _pairs(towns) for code, towns in _DATA["towns"].items()}
#: Name patterns of 町会・自治会: (suffix, its よみ).
ASSOCIATION_SUFFIXES = _pairs(_DATA["association_suffixes"])
# Fictitious members (personal data: attendees, facilitators, speakers, assignees): (name, よみ).
SURNAMES = _pairs(_DATA["surnames"])
GIVEN_NAMES = _pairs(_DATA["given_names"])
COUNCIL_ROLES: tuple[str, ...] = tuple(_DATA["council_roles"])
ASSOCIATION_ROLES: tuple[str, ...] = tuple(_DATA["association_roles"])
TOPICS: tuple[Topic, ...] = tuple(_topic(t) for t in _DATA["topics"])

# Items of every ordinary meeting that are not about one issue: (title, minutes, report pool).
OPENING: tuple[tuple[str, int, tuple[str, ...]], ...] = tuple(
    (title, minutes, tuple(reports)) for title, minutes, reports in _DATA["opening"])
OTHER_BUSINESS: tuple[str, int] = tuple(_DATA["other_business"])
OTHER_OPINIONS: tuple[str, ...] = tuple(_DATA["other_opinions"])
#: 総会 agenda: (title pattern, minutes, what is decided).
GENERAL_ITEMS: tuple[tuple[str, int, str], ...] = tuple(tuple(item) for item in _DATA["general_items"])
GENERAL_OPINIONS: tuple[str, ...] = tuple(_DATA["general_opinions"])
GENERAL_QUESTIONS: tuple[str, ...] = tuple(_DATA["general_questions"])
GENERAL_MINORITY: tuple[str, ...] = tuple(_DATA["general_minority"])
OUTCOME_REPORTED: str = _DATA["outcome_reported"]
OUTCOME_CONTINUED: str = _DATA["outcome_continued"]
SECTIONS: tuple[str, ...] = tuple(_DATA["sections"])
#: the title of a meeting of each type
TYPE_TITLES: dict[str, str] = dict(_DATA["type_titles"])
