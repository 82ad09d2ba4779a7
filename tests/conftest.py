import os

# Qt runs headless in tests; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The throwaway PostgreSQL cluster and its fixtures (pg_cluster, pg_url, pg_empty_url).
pytest_plugins = ["pgcluster"]
