"""Python loads this module at start-up from PYTHONPATH; tests/conftest.py puts this folder there
when the suite runs on PostgreSQL, so the command-line processes tests start use it too."""

import os

if os.environ.get("ALLSOURCE_TEST_STORE") == "postgres":
    import allsource_test_store

    allsource_test_store.install()
