import faulthandler
import os

import pytest

# Qt runs headless in tests; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The throwaway PostgreSQL cluster and its fixtures (pg_cluster, pg_url, pg_empty_url).
pytest_plugins = ["pgcluster"]

#: No test takes near this long; one that does is stuck (a deadlock, a dialog left waiting).
#: Print every thread's stack and end the run rather than hang CI until its time runs out.
STUCK_AFTER_S = 300


@pytest.fixture(autouse=True)
def _end_a_stuck_run():
    faulthandler.dump_traceback_later(STUCK_AFTER_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()
