"""The database going away under a running app: the app's own Thai/English message, not Streamlit's
English error box, on the page that needed it."""

from __future__ import annotations

import pytest

from data_access.engine import make_engine
from data_access.seed import seed
from tests.support.apptest import app_test
from tests.support.postgres import PostgresUnavailable, throwaway_postgres


@pytest.mark.postgres
def test_a_stopped_database_reads_as_the_apps_own_message(monkeypatch):
    monkeypatch.setenv("ATLAS_DB_CONNECT_TIMEOUT", "2")
    try:
        server = throwaway_postgres()
        url = server.__enter__()
    except PostgresUnavailable as missing:
        pytest.skip(str(missing))
    try:
        engine = make_engine(url)
        seed(engine, demo=True, scale=0.005, log=lambda *_: None)
        engine.dispose()
        at = app_test(monkeypatch, url)
        at.query_params["province"] = "33"
        at.run()
        at.switch_page("pages/table.py").run()
        assert not at.exception and not at.error
    finally:
        server.__exit__(None, None, None)  # the server stops while the app still believes it is there
    at.query_params["year"] = "2565"
    at.run()
    assert not at.exception
    messages = " ".join(e.value for e in at.error)
    assert "เชื่อมต่อฐานข้อมูลไม่ได้" in messages and "Cannot reach the database" not in messages
