"""AppTest: every page renders from the seeded database, with values checked against independent SQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from data_access.engine import make_engine
from data_access.schema import create_schema
from tests.support.apptest import app_test

pytestmark = pytest.mark.apptest
TIMEOUT = 60


@pytest.fixture
def app(sqlite_engine, monkeypatch) -> AppTest:
    return app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False), TIMEOUT)


def metric(at: AppTest, label_start: str):
    matches = [m for m in at.metric if m.label.startswith(label_start)]
    assert matches, f"no metric starting with {label_start!r}: {[m.label for m in at.metric]}"
    return matches[0]


def table_with_column(at: AppTest, column: str):
    """The shown table that has `column` (AppTest cannot look dataframes up by key)."""
    tables = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(tables) == 1, f"expected one table with column {column!r}"
    return tables[0]


def test_home_shows_real_figures_in_thai(app, sqlite_engine):
    at = app.run()
    assert not at.exception
    assert "แผนที่ข้อมูลชุมชนระดับตำบล" in at.title[0].value
    with sqlite_engine.connect() as conn:
        (
            households,
            people,
        ) = conn.execute(text("SELECT COUNT(*), SUM(members) FROM household WHERE survey_year = 2566")).one()
    assert metric(at, "ครัวเรือนที่สำรวจ ปี 2566").value == f"{households:,}"
    assert metric(at, "จังหวัดที่มีข้อมูล").value == "2"
    assert metric(at, "ปีสำรวจ").value == "2564–2566"
    table = table_with_column(at, "จังหวัด")
    assert set(table["จังหวัด"]) == {"ฉะเชิงเทรา", "ศรีสะเกษ"}
    latest = table[table["ปี พ.ศ."] == "2566"]
    assert latest["ประชากร"].sum() == people
    assert any("ข้อมูลสาธิต (สังเคราะห์)" in h.proto.body for h in at.get("html"))


def test_english_toggle_changes_every_label(app):
    at = app.run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "community data map by tambon" in at.title[0].value
    assert metric(at, "Households, 2566")
    assert len(table_with_column(at, "Province")) == 6


def test_invalid_language_in_link_falls_back_with_a_notice(app):
    app.query_params["lang"] = "klingon"
    at = app.run()
    assert not at.exception
    assert any("lang=klingon" in w.value for w in at.warning)
    assert "แผนที่ข้อมูลชุมชนระดับตำบล" in at.title[0].value


def test_switching_to_the_catalogue_page_lists_and_filters(app):
    at = app.run()
    at.switch_page("pages/catalogue.py").run()
    assert not at.exception
    assert at.title[0].value == "ตัวชี้วัด"
    assert len(table_with_column(at, "รหัส")) == 83 + 30  # the shipped file, 3 per asset category
    at.selectbox(key="catalogue_dimension").set_value("mpi").run()
    assert list(table_with_column(at, "รหัส")["รหัส"]) == ["mpi_a", "mpi_h", "mpi_m0"]
    at.selectbox(key="catalogue_dimension").set_value("").run()
    at.text_input(key="catalogue_search").input("Income per person").run()
    assert set(table_with_column(at, "รหัส")["รหัส"]) == {"income_per_person", "bmn60_22"}


def test_about_page_carries_the_boundary_attribution(app):
    at = app.run()
    at.switch_page("pages/about.py").run()
    assert not at.exception
    text_shown = " ".join(m.value for m in at.markdown)
    assert "CC BY-IGO" in text_shown and "mapthai" in text_shown
    assert "สังเคราะห์" in text_shown


def test_empty_database_explains_how_to_seed_instead_of_crashing(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    create_schema(make_engine(url))
    at = app_test(monkeypatch, url, TIMEOUT).run()
    assert not at.exception
    assert any("make run" in e.value for e in at.error)
