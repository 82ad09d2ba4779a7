"""Suggestions learn from the store: accepted links pull a similar text, removed links push it."""

import pytest

from meguro_jukyo.core.services import SuggestionService

TEXT = "高射砲陣地の跡に説明板を立てたい"


@pytest.fixture
def org(services):
    return services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})


def _issue(services, org, title, description=""):
    return services.issues.create({"organization_id": org.id, "title": title, "description": description})


def _top(services, text=TEXT, **kw):
    return [r.viewpoint_id for r in services.suggestions.suggest(text, **kw)]


def test_an_accepted_link_changes_the_next_suggestion_for_a_similar_text(services, org):
    before = services.suggestions.suggest(TEXT)
    assert before[0].viewpoint_id == "1-1-1"  # the vocabulary: 陣地 is a trace of the war
    # the council links such issues to 3-3-2 (the site is ward land to look after)
    for title in ("高射砲陣地の跡の説明板", "陣地の跡地に説明板を"):
        issue = _issue(services, org, title, "説明板を立てる")
        services.links.create({"issue_id": issue.id, "viewpoint_id": "3-3-2"})
    after = services.suggestions.suggest(TEXT)
    assert after[0].viewpoint_id == "3-3-2"
    similar = [r for r in after[0].reasons if r.kind == "similar"]
    assert similar and similar[0].detail in ("高射砲陣地の跡の説明板", "陣地の跡地に説明板を")
    assert similar[0].ja().startswith("似た課題: ")


def test_a_removed_link_counts_against_its_viewpoint_until_linked_again(services, org):
    text = "公園の遊具が古い"
    plain = {r.viewpoint_id: r.score for r in services.suggestions.suggest(text, limit=13)}
    issue = _issue(services, org, "公園の遊具が古くなった")
    link = services.links.create({"issue_id": issue.id, "viewpoint_id": "3-3-2"})
    accepted = {r.viewpoint_id: r.score for r in services.suggestions.suggest(text, limit=13)}
    assert accepted["3-3-2"] > plain["3-3-2"]
    services.links.delete(link.id)
    rejected = {r.viewpoint_id: r.score for r in services.suggestions.suggest(text, limit=13)}
    assert rejected.get("3-3-2", 0.0) < plain["3-3-2"]
    services.undo()  # the link is back: no longer a rejection
    again = {r.viewpoint_id: r.score for r in services.suggestions.suggest(text, limit=13)}
    assert again == accepted


def test_an_issue_is_not_evidence_for_itself_and_deleted_issues_teach_nothing(services, org):
    issue = _issue(services, org, "高射砲陣地の跡の説明板")
    services.links.create({"issue_id": issue.id, "viewpoint_id": "3-3-2"})
    assert _top(services, exclude_issue_id=issue.id)[0] == "1-1-1"
    assert _top(services)[0] == "3-3-2"
    services.issues.delete(issue.id)
    assert _top(services)[0] == "1-1-1"


def test_suggestions_are_deterministic_for_a_store(store, services, org):
    for title, vp in (("回覧板が遅い", "2-2-2"), ("掲示板が古い", "2-2-2"), ("集会所が狭い", "2-1-1")):
        services.links.create({"issue_id": _issue(services, org, title).id, "viewpoint_id": vp})
    text = "回覧板と掲示板で集会所の行事を知らせたい"
    first = services.suggestions.suggest(text, limit=13)
    assert first == services.suggestions.suggest(text, limit=13)
    assert first == SuggestionService(store).suggest(text, limit=13)  # a fresh service, same store


def test_empty_text_or_limit_suggests_nothing(services):
    assert services.suggestions.suggest("   ") == []
    assert services.suggestions.suggest("公園の遊具", limit=0) == []
