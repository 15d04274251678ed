"""AppTest of the real app, routed the way `serve.py` routes it.

AppTest resets Streamlit's legacy `pages/` discovery before every run, so `switch_page` would execute a
page script on its own, without `app.py` (no frame, no language switch). The server has that discovery
switched off (see serve.py); here the legacy runner is replaced by running `app.py`, whose
`st.navigation` then picks the page by the same script hash.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP = PROJECT_ROOT / "app.py"


def _run_main_script(main_script_path: str) -> None:
    source = Path(main_script_path).read_text(encoding="utf-8")
    exec(compile(source, main_script_path, "exec"), {"__name__": "__main__", "__file__": main_script_path})


def app_test(monkeypatch: pytest.MonkeyPatch, database_url: str, timeout: float = 90) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr("streamlit.runtime.scriptrunner.script_runner._mpa_v1", _run_main_script)
    return AppTest.from_file(str(APP), default_timeout=timeout)
