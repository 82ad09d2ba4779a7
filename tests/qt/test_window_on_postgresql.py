"""The main window on a PostgreSQL ward store (issue 7: the GUI works there too).

The same tests as test_window.py, driving the same widgets, with the store on the throwaway
server instead of an SQLite file: create, link a 視点, search 2 and 4 characters (LIKE and
pg_trgm), filter, delete, undo and redo, the policy page, a record's history.
"""

import pytest
from test_window import (  # noqa: F401 - fixtures and tests collected here, on this module's store
    questions,
    test_create_link_search_undo_redo_through_the_window,
    test_filter_text_and_delete_with_undo,
    test_policy_page_lists_the_issues_linked_to_a_viewpoint,
    test_the_history_shows_who_changed_what_in_words,
)

from meguro_jukyo.core.db import Store


@pytest.fixture
def store(pg_url):
    s = Store.open(pg_url, device_name="テスト端末", holder="pytest")
    yield s
    s.close()
