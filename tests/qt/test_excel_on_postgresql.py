"""The Excel page on a PostgreSQL ward store (issue 7: exports and imports work there too).

The same tests as test_excel.py with the store on the throwaway server.
"""

import pytest
from test_excel import (  # noqa: F401 - fixtures and tests collected here, on this module's store
    data,
    test_a_bad_row_is_shown_by_row_and_column_and_blocks_the_import,
    test_a_filled_in_template_is_previewed_then_imported,
    test_export_writes_the_workbook_with_the_previewed_rows,
    test_the_preview_counts_the_stores_rows_and_follows_the_filters,
)

from meguro_jukyo.core.db import Store


@pytest.fixture
def store(pg_url):
    s = Store.open(pg_url, device_name="テスト端末", holder="pytest")
    yield s
    s.close()
